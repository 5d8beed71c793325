/* svc/personal_budgets: a care plan's social care personal budget and its
 * direct payment (domain/personal_budget.h; Care Act s26, ss31-33) — the
 * one way in for the JSON API and the page. Figures are worked out on
 * every read from the plan's current apportionment (svc/plan_money.h:
 * council + person share; NHS-funded parts are not in the social care
 * budget) beside the snapshot agreed.
 *
 * Who: reads need access to the plan's person (svc/access.h; refusals
 * audited there); writes are for council staff (org type "council") with a
 * legitimate relationship (SVC_COUNCIL_ONLY otherwise); the reviews due are
 * the council's. Audit: a read of the "personal_budget" (the plan's id);
 * "create"/"update" of the personal_budget, "update" of a direct_payment
 * and "create" of a direct_payment_review in the write's transaction; each
 * row of the reviews due a read of "direct_payment_reviews".
 *
 * Outcomes: SVC_OK; SVC_INVALID naming fields ("weekly_contribution_pence",
 * "direct_payment.start_on", "reviewed_on" …); SVC_NOTFOUND ("No such care
 * plan."); the access refusals; SVC_COUNCIL_ONLY; SVC_STALE (the budget
 * changed meanwhile, or the version sent is not the stored one);
 * SVC_PRECONDITION; SVC_FAILED. Values handed back are owned by the
 * context; on any outcome but SVC_OK nothing was stored. */
#ifndef SEAMLESS_SVC_PERSONAL_BUDGETS_H
#define SEAMLESS_SVC_PERSONAL_BUDGETS_H
#include "svc/svc.h"

/* {plan_id, person_id, plan_status, version (null before agreement),
 * weekly {...}, annual {...}, agreed, direct_payment (with next_review and
 * reviews) | null} after the audited read. */
int svc_pb_read(struct svc_ctx *c, const char *plan_id, json_t **out);
/* {version (once a budget exists), weekly_contribution_pence (or
 * weekly_contribution in pounds from a form), direct_payment?: {requested_by,
 * authorised_person_name?, has_capacity, able_to_manage, appropriate
 * (default true), start_on}}. A form may send the direct payment's members
 * as "direct_payment.<member>". */
int svc_pb_put(struct svc_ctx *c, const char *plan_id, json_t *in, const struct svc_expect *e);
/* {reviewed_on, outcome: continue|change|end, notes}; "end" ends the
 * direct payment on reviewed_on (no further review is due; a put with a
 * direct payment starts it again). */
int svc_pb_review_record(struct svc_ctx *c, const char *plan_id, json_t *in);
/* Direct payments on the user's teams' plans with their next review;
 * state "overdue", "all", "" or NULL (all); anything else is SVC_INVALID
 * naming "state". */
int svc_pb_reviews_due(struct svc_ctx *c, const char *state, json_t **items);

/* Internal to svc/personal_budget*.c. */
/* The plan (with "basis" and "money", owned by the context) after the
 * access check; for_write: council staff with a relationship only. */
int pb_plan_load(struct svc_ctx *c, const char *plan_id, int for_write, json_t **plan);
/* The budget as read: today's figures from the plan, the agreed snapshot,
 * the direct payment with its next review (owned by the context). */
int pb_compose(struct svc_ctx *c, json_t *plan, json_t **out);
long long pb_money_of(json_t *plan, const char *key);

#endif
