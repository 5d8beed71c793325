/* care_plans: care and support plans, their tasks and delegation
 * (domain.md §8, §9) for every way in — the JSON API, the pages, later
 * FHIR — through one set of services.
 *
 * Who: a plan is read and changed only by staff with a legitimate
 * relationship to its person (the access choke point, svc/access.h; a
 * refusal is audited there). Only the team holding the plan, and its
 * managers, change its status (domain/care_plan.h; SVC_NOT_HOLDING_TEAM).
 * Only a registered health practitioner records an oversight review
 * (SVC_NOT_REGISTERED).
 *
 * Delegation (domain.md §8): a worker must hold the task's competency on
 * every day of the assignment; a non-delegable task goes only to
 * registered staff of the accountable organisation; a delegated health
 * task needs an accountable registered practitioner and an oversight
 * review date within the assignment. A plan with a task whose funding s.22
 * forbids cannot become active, nor can such a task join an active plan.
 *
 * Versions: every change to a plan, its tasks or their assignments is made
 * against the plan's current version (svc_version_check: If-Match → 412,
 * body "version" → 409 with the current version, neither → 422), checked
 * after the fields; it bumps the version, keeps a version history row (a
 * snapshot of the plan and its tasks), adds an event to the person's
 * timeline and the audit entry, in one transaction. A write that loses a
 * race is SVC_STALE.
 *
 * Outcomes: SVC_OK; SVC_INVALID with field errors (nothing stored);
 * SVC_NOTFOUND; the access refusals; SVC_STALE, SVC_PRECONDITION; SVC_FAILED.
 * JSON handed back is owned by the context. */
#ifndef SEAMLESS_SVC_CARE_PLANS_H
#define SEAMLESS_SVC_CARE_PLANS_H
#include "svc/svc.h"

/* The plan row after the access check on its person, "basis" set (the
 * caller audits what it reads). */
int svc_care_plan_load(struct svc_ctx *c, const char *plan_id, json_t **plan);
/* Adds to a loaded plan its tasks (each with its weekly shares, s.22
 * verdict and assignments; the split in force today), money {weekly,
 * annual, s22 {verdict}, flags, unreadable} and version history. */
int svc_care_plan_compose(struct svc_ctx *c, json_t *plan);
/* svc_care_plan_load + svc_care_plan_compose, audited read ("care_plan"). */
int svc_care_plan_get(struct svc_ctx *c, const char *plan_id, json_t **out);
/* The person's plans (rows without tasks, newest first) after the access
 * check, and its audit basis: the caller audits what it releases. */
int svc_care_plan_rows(struct svc_ctx *c, const char *person_id, json_t **plans, const char **basis);
/* The person's plans (rows without tasks), audited as one read ("care_plans"). */
int svc_care_plan_list(struct svc_ctx *c, const char *person_id, json_t **items);
/* 1 when the principal may change the plan's status: its holding team or a manager. */
int svc_care_plan_may_change_status(struct svc_ctx *c, json_t *plan);
/* What the plan forms offer, set on data: task_types (the catalogue), orgs,
 * accountable_orgs (council, NHS), provider_orgs, practitioners
 * (registered health staff) and competency_codes [{code, name}]. */
int svc_care_plan_choices(struct svc_ctx *c, json_t *data);

/* {needs, outcomes, start_on, review_on (on or after the start), the value
 * for money answers (domain/care_plan.h), team_id (one of the user's
 * teams; default the first)}. A draft at version 1. */
int svc_care_plan_create(struct svc_ctx *c, const char *person_id, json_t *in, char id[STORE_ID_LEN]);
/* Any of those (but team_id) and/or status (a transition; "ended" needs a
 * reason; "active" needs a task, every value-for-money answer and no task
 * s.22 forbids). An ended plan does not change. */
int svc_care_plan_change(struct svc_ctx *c, const char *plan_id, json_t *in, const struct svc_expect *e);
/* A task {task_code (catalogue), calls + per, minutes_per_call,
 * provider_org_id?, weekly_cost_pence | weekly_cost (pounds),
 * accountable_org_id (council or NHS), split_unit? (percent, basis_points,
 * shares) + split_nhs, split_council, split_person, notes?}. task_id NULL
 * adds one (id set), else changes that task (SVC_NOTFOUND "No such task
 * on this plan."). */
int svc_care_plan_task_save(struct svc_ctx *c, const char *plan_id, const char *task_id, json_t *in,
                            const struct svc_expect *e, char id[STORE_ID_LEN]);
/* Assigns a task {worker_user_id | worker_name + worker_org_id, from_on,
 * to_on, practitioner_user_id?, oversight_review_on?} under the delegation
 * rules above. */
int svc_care_plan_assign(struct svc_ctx *c, const char *plan_id, const char *task_id, json_t *in,
                         const struct svc_expect *e, char id[STORE_ID_LEN]);
/* The accountable practitioner's review of a delegated assignment
 * {reviewed_on (not in the future), next_review_on (after it)}. */
int svc_care_plan_oversight_review(struct svc_ctx *c, const char *plan_id, const char *assignment_id, json_t *in,
                                   const struct svc_expect *e);

#endif
