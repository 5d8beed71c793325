/* break_glass: a user without a legitimate relationship opens one person's
 * record for a limited time after giving a reason (and, on pages, their
 * password again); the organisation's privacy officer reviews every grant,
 * and the self-claimed meeting attendances that gave a relationship
 * (domain.md §2). Also who read or changed a record, and its timeline.
 *
 * Who: any user may ask for a grant (the route needs personal-data
 * permission); the list and the reviews are for the privacy officer (the
 * route's permission) and cover their own organisation only. The access log
 * and the timeline go through the access choke point (svc/access.h).
 *
 * Audit: a grant is audited "break_glass" with basis "break_glass" and
 * adds an event to the person's timeline, in one transaction; a review
 * "review" (basis admin); the list, access log and timeline are audited
 * reads. JSON handed back through out parameters is owned by the context. */
#ifndef SEAMLESS_SVC_BREAK_GLASS_H
#define SEAMLESS_SVC_BREAK_GLASS_H
#include "svc/svc.h"

#define BREAK_GLASS_REASON_MIN 10
#define BREAK_GLASS_REASON_MAX 1000

struct svc_break_glass {
    char id[STORE_ID_LEN];
    char expires_at[STORE_TIME_LEN];   /* now + policy.break_glass_minutes */
};

/* Grants the user person_id's record. reason: at least 10 characters
 * (leading spaces aside), at most 1000; password: checked against the
 * user's when need_password or when given. SVC_INVALID naming reason or
 * password (with any errors the adapter's decoding added); SVC_NOTFOUND for
 * no such person (before the field errors: nothing about the form matters
 * then); SVC_FAILED. */
int svc_break_glass_grant(struct svc_ctx *c, const char *person_id, const char *reason, const char *password,
                          int need_password, struct svc_break_glass *out);
/* The organisation's grants and self-claimed attendances with status
 * pending (NULL), accepted, flagged or all (SVC_INVALID naming status
 * otherwise), at most limit of each. */
int svc_break_glass_list(struct svc_ctx *c, const char *status, int limit, json_t **grants, json_t **claims);
/* Marks a grant (claim 0) or a self-claimed attendance (claim 1) of the
 * user's organisation accepted or flagged, with an optional note (at most
 * 1000 characters). SVC_INVALID naming status or note; SVC_NOTFOUND. */
int svc_break_glass_review(struct svc_ctx *c, const char *id, int claim, const char *status, const char *note);
/* Who read or changed the person's record (newest first, 200), and the
 * record's timeline of events (200). */
int svc_person_access_log(struct svc_ctx *c, const char *person_id, json_t **items);
int svc_person_timeline(struct svc_ctx *c, const char *person_id, json_t **items);

#endif
