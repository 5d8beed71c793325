/* Shared by disputes.c and dispute_actions.c (svc/disputes.h). */
#ifndef SEAMLESS_SVC_DISPUTES_INT_H
#define SEAMLESS_SVC_DISPUTES_INT_H
#include "domain/dispute.h"
#include "svc/disputes.h"

/* Loads dispute id and checks the principal may see it: SVC_OK with *row
 * (owned by c) and *basis for the audit entry. */
int dispute_load(struct svc_ctx *c, const char *id, json_t **row, const char **basis);
/* The deadline of stage started today under the dispute's (or the
 * partnership row's) policy: "YYYY-MM-DD" into out, *estimated. */
int dispute_deadline(struct svc_ctx *c, json_t *row, int stage, char out[DATE_STR_SIZE], int *estimated);
/* The API shape of a row (new object owned by c). */
json_t *dispute_json(struct svc_ctx *c, json_t *row);
/* The full record (events, attachments, reconciliation), read and audited. */
int dispute_read(struct svc_ctx *c, const char *id, json_t **out);
/* 1 when the principal is a team manager or org admin. */
int dispute_is_manager(const struct svc_ctx *c);

#endif
