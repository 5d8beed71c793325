/* care_plans_api: care plans in the shape the handlers not yet on
 * services call them (joint funding, personal budgets; defined in
 * care_plan_handlers.c). Plans themselves are the services of
 * svc/care_plans.h, the competency register those of svc/competencies.h.
 * Each returns the caller's reference, or NULL / -1 with res holding the
 * problem (403, 404, 503). */
#ifndef SEAMLESS_CARE_PLANS_API_H
#define SEAMLESS_CARE_PLANS_API_H
#include "http/http.h"

/* The plan row after the access check on its person, "basis" set. */
json_t *care_plan_load(struct request *req, struct response *res, const char *plan_id);
/* Adds tasks (with shares and s.22), assignments, money, versions to plan. */
int care_plan_compose(struct request *req, struct response *res, json_t *plan);
/* The composed plan after the access check and the audited read. */
json_t *care_plan_read(struct request *req, struct response *res, const char *plan_id);

#endif
