/* audit_view: the privacy officer's audit viewer — entries made by users of
 * the officer's own organisation, filtered by user, person and date range,
 * newest first, a page at a time. Reading the log is itself audited (basis
 * "admin", naming the person filtered on, if any).
 *
 * Outcomes: SVC_OK with *out = {items, next_cursor} (owned by the context);
 * SVC_FORBIDDEN for any role but privacy officer; SVC_INVALID naming
 * "from", "to" or "cursor"; SVC_FAILED. */
#ifndef SEAMLESS_SVC_AUDIT_VIEW_H
#define SEAMLESS_SVC_AUDIT_VIEW_H
#include "svc/svc.h"

struct svc_audit_query {
    const char *user_id, *person_id;   /* optional filters */
    const char *from, *to;             /* optional, inclusive "YYYY-MM-DD" */
    const char *cursor;                /* next_cursor of the previous page, or NULL */
    int limit;                         /* 1..200 */
};

int svc_audit_view(struct svc_ctx *c, const struct svc_audit_query *q, json_t **out);

#endif
