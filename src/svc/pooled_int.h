/* Shared inside the pooled fund services (not for adapters). */
#ifndef SEAMLESS_SVC_POOLED_INT_H
#define SEAMLESS_SVC_POOLED_INT_H
#include "svc/svc.h"

/* The fund row (owned by c) if the principal may read it — or write to it,
 * for_write: SVC_NOTFOUND when absent or not a partner's (no hint that it
 * exists), SVC_FORBIDDEN when a partner may read but not write. */
int pooled_fund_load(struct svc_ctx *c, const char *id, int for_write, json_t **out);

#endif
