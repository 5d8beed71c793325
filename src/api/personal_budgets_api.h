/* personal_budgets_api: a care plan's social care personal budget and its
 * direct payment (domain/personal_budget.h; Care Act s26, ss31-33), shared
 * by the JSON API and the page. Figures are worked out on every read from
 * the plan's current apportionment (council + person share; NHS-funded
 * parts are not in the social care budget) beside the snapshot agreed.
 * Reads need access to the person (audited); writes are for council staff
 * (org type "council") with a legitimate relationship, audited in their
 * transaction. Each int function returns 0 on success; otherwise res holds
 * the problem (403, 404, 409 stale version, 422 naming fields) and the
 * database is as it was. */
#ifndef SEAMLESS_PERSONAL_BUDGETS_API_H
#define SEAMLESS_PERSONAL_BUDGETS_API_H
#include "http/http.h"
#include "store/store.h"

/* PUT {version (once a budget exists), weekly_contribution_pence (or
 * weekly_contribution in pounds from a form), direct_payment?: {requested_by,
 * authorised_person_name?, has_capacity, able_to_manage, appropriate
 * (default true), start_on}}. A form may send the direct payment's members
 * as "direct_payment.<member>". */
int pb_put(struct request *req, struct response *res, const char *plan_id, json_t *body);
/* POST {reviewed_on, outcome: continue|change|end, notes}; "end" ends the
 * direct payment on reviewed_on (no further review is due; a PUT with a
 * direct payment starts it again). */
int pb_review_record(struct request *req, struct response *res, const char *plan_id, json_t *body);
/* {plan_id, person_id, plan_status, version (null before agreement),
 * weekly {...}, annual {...}, agreed, direct_payment (with next_review and
 * reviews) | null} after the audited read, or NULL with res set. */
json_t *pb_read(struct request *req, struct response *res, const char *plan_id);
/* Direct payments on the user's teams' plans with their next review;
 * state "overdue" or NULL for all; council staff only; reads audited. */
json_t *pb_reviews_due(struct request *req, struct response *res, const char *state);

#endif
