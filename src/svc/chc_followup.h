/* chc_followup: after an NHS CHC decision — reviews of the package, the
 * person's challenge to a "not eligible" decision, and personal health
 * budgets (domain/chc_review.h, chc_challenge.h, phb.h), as services.
 *
 * Who: reads need access to the case's person (svc/access.h; the CHC team
 * holding the case has a relationship), each audited; writes are for ICB
 * staff with that relationship (SVC_ICB_ONLY otherwise), audited in their
 * transaction with the case's event and the person's timeline entry.
 * Outcomes as svc/result.h: SVC_INVALID names fields; SVC_CONFLICT when it
 * is already recorded (a running budget, a stage already asked for);
 * SVC_ALREADY_DONE for a challenge already concluded; SVC_STALE for a
 * version that moved on. JSON handed back through out is owned by the
 * context. */
#ifndef SEAMLESS_SVC_CHC_FOLLOWUP_H
#define SEAMLESS_SVC_CHC_FOLLOWUP_H
#include "svc/svc.h"

/* {reviewed_on, outcome, notes?} for a case whose decision the NHS reviews. */
int svc_chc_review_record(struct svc_ctx *c, const char *case_id, json_t *in, char id[STORE_ID_LEN]);
/* {stage, requested_on, requested_by, grounds, late_accepted?, late_reason?}. */
int svc_chc_challenge_open(struct svc_ctx *c, const char *case_id, json_t *in, char id[STORE_ID_LEN]);
/* {outcome, concluded_on, note?} made against version e. */
int svc_chc_challenge_conclude(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e);
/* {care_setting, management, held_by?, weekly_amount_pence | weekly_amount, start_on}. */
int svc_chc_phb_create(struct svc_ctx *c, const char *case_id, json_t *in, char id[STORE_ID_LEN]);
/* {weekly_amount_pence | weekly_amount?, end_on?} made against version e. */
int svc_chc_phb_change(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e);

/* {case_id, next_review: {due_on, state} | null, reviews, challenges, phbs,
 * can_challenge} after the access check (audited read). */
int svc_chc_followup_read(struct svc_ctx *c, const char *case_id, json_t **out);
/* The case row (with its latest decision and "basis") and its parts, read
 * and audited: what the case's after-decision page shows. */
int svc_chc_followup_case(struct svc_ctx *c, const char *case_id, json_t **case_row, json_t **parts);
/* The same parts for a case row whose read is already checked and audited
 * (the case page): no second audit entry. */
int svc_chc_followup_parts(struct svc_ctx *c, json_t *case_row, json_t **out);
/* One challenge / budget after the access check (audited). */
int svc_chc_challenge_read(struct svc_ctx *c, const char *id, json_t **out);
int svc_chc_phb_read(struct svc_ctx *c, const char *id, json_t **out);
/* Reviews of the cases the user's teams hold, earliest due first, with
 * due_on, state and days_overdue; state_filter "overdue", "due_soon",
 * "scheduled" or NULL for all. Each listed person's read audited. */
int svc_chc_reviews_due(struct svc_ctx *c, const char *state_filter, json_t **out);

#endif
