/* audit_view: the privacy officer's audit viewer — entries made by users of
 * the officer's own organisation, filtered by user, person and date range,
 * newest first, a page at a time. Reading the log is itself audited (basis
 * "admin", naming the person filtered on, if any).
 *
 * Items carry the user's name and the person's name and NHS number (3-3-4,
 * "nhs_number_formatted") beside the ids, so a page shows no ids.
 *
 * Outcomes: SVC_OK with *out = {items, next_cursor} (owned by the context);
 * SVC_FORBIDDEN for any role but privacy officer; SVC_INVALID naming
 * "from", "to" or "cursor"; SVC_FAILED. */
#ifndef SEAMLESS_SVC_AUDIT_VIEW_H
#define SEAMLESS_SVC_AUDIT_VIEW_H
#include "svc/svc.h"

struct svc_audit_query {
    const char *user_id, *person_id;   /* optional filters (the API's ids) */
    const char *from, *to;             /* optional, inclusive "YYYY-MM-DD" */
    const char *cursor;                /* next_cursor of the previous page, or NULL */
    int limit;                         /* 1..200 */
    /* Optional filters as people know them (issue #14 item 16): a user's
     * username and a person's NHS number (spaces or hyphens allowed);
     * SVC_INVALID naming "username" / "nhs_number" when nobody has it. */
    const char *username, *nhs_number;
    long long seq;                     /* only this entry (AuditEvent/{seq}); 0 = any */
};

int svc_audit_view(struct svc_ctx *c, const struct svc_audit_query *q, json_t **out);

/* The store answers a real query (the schema version): SVC_OK, or
 * SVC_FAILED with c->err (for /healthz/ready). */
int svc_store_ready(struct svc_ctx *c);
/* Whether the log still holds entry seq with hash (a signed checkpoint's):
 * SVC_OK with *matches 1/0 (0 also when the entry is gone), or SVC_FAILED. */
int svc_audit_entry_matches(struct svc_ctx *c, int64_t seq, const char *hash, int *matches);

#endif
