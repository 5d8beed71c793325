/* care_plans: the SQL for care and support plans, the task catalogue, the
 * competency register and task assignments (migration 010). JSON results
 * are owned by the caller; NULL means error (err filled, STORE_ENOTFOUND
 * when absent). Writes expect the caller's transaction. Dates are
 * "YYYY-MM-DD" text; money is integer pence. */
#ifndef SEAMLESS_CARE_PLANS_STORE_H
#define SEAMLESS_CARE_PLANS_STORE_H
#include <jansson.h>
#include "store/accounts.h"

/* Active catalogue entries {code, name, kind, delegable, competency_code}. */
json_t *care_task_types_list(struct store *db, struct store_error *err);
json_t *care_task_type_get(struct store *db, const char *code, struct store_error *err);
/* {id, type, name} of an organisation, or NULL. */
json_t *care_plans_org(struct store *db, const char *org_id, struct store_error *err);
/* {id, org_id, org_type, display_name, profession, active} of a user, or NULL. */
json_t *care_plans_user(struct store *db, const char *user_id, struct store_error *err);

/* Active staff who are registered health practitioners, with their
 * organisation's name, for choosing an accountable practitioner. */
json_t *care_plans_practitioners(struct store *db, struct store_error *err);

struct competency_row {
    const char *worker_user_id, *worker_name, *worker_org_id, *competency_code, *assessor_user_id, *assessor_name,
        *assessed_on, *expires_on, *evidence, *recorded_org_id;
};
int competencies_insert(struct store *db, const struct actor *by, const struct competency_row *c,
                        char id[STORE_ID_LEN], struct store_error *err);
/* Designated assessors (migration 018): org_id's org admin names user_id
 * for a competency; STORE_ECONSTRAINT when already named. */
int competency_assessor_add(struct store *db, const struct actor *by, const char *org_id, const char *user_id,
                            const char *code, struct store_error *err);
/* 0 and the naming organisation when the (active) user is a designated
 * assessor for code; STORE_ENOTFOUND when not. */
int competency_assessor_org(struct store *db, const char *user_id, const char *code, char org_id[STORE_ID_LEN],
                            struct store_error *err);
json_t *competency_assessors_list(struct store *db, const char *org_id, struct store_error *err);
json_t *competencies_get(struct store *db, const char *id, struct store_error *err);
/* Recorded by org_id, of its own workers, or of any provider's or
 * voluntary organisation's workers (whom partners commission and delegate
 * to), with worker and assessor names; state "expired"
 * (expires_on < today), "expiring" (today..soon) or NULL for all. */
json_t *competencies_list(struct store *db, const char *org_id, const char *state, const char *today,
                          const char *soon, struct store_error *err);
/* The worker's records of one competency: a staff user (user_id) or a
 * named worker of org_id. */
json_t *competencies_for_worker(struct store *db, const char *code, const char *user_id, const char *name,
                                const char *org_id, struct store_error *err);

struct care_plan_row {
    const char *person_id, *org_id, *team_id, *needs, *outcomes, *start_on, *review_on;
    const char *vfm[4];   /* call frequency, skill mix, assistive technology, community resources */
};
int care_plans_insert(struct store *db, const struct actor *by, const struct care_plan_row *p, char id[STORE_ID_LEN],
                      struct store_error *err);
/* The plan with its team's name. */
json_t *care_plans_get(struct store *db, const char *id, struct store_error *err);
json_t *care_plans_for_person(struct store *db, const char *person_id, struct store_error *err);
/* Sets the members given (NULL keeps) at `version`; bumps the version.
 * STORE_ENOTFOUND when the version moved on. */
int care_plans_update(struct store *db, const struct actor *by, const char *id, long long version,
                      const struct care_plan_row *p, const char *status, const char *ended_on,
                      struct store_error *err);
/* Bumps the plan's version (a task changed) at `version`. */
int care_plans_touch(struct store *db, const struct actor *by, const char *id, long long version,
                     struct store_error *err);
int care_plan_versions_add(struct store *db, const struct actor *by, const char *plan_id, long long version,
                           const char *person_id, const char *status, const char *change, const char *snapshot,
                           struct store_error *err);
json_t *care_plan_versions_list(struct store *db, const char *plan_id, struct store_error *err);

struct care_plan_task_row {
    const char *plan_id, *person_id, *task_code, *per, *provider_org_id, *accountable_org_id, *split_unit, *notes;
    long long calls, minutes_per_call, weekly_cost_pence, split_nhs, split_council, split_person;
};
int care_plan_tasks_insert(struct store *db, const struct actor *by, const struct care_plan_task_row *t,
                           char id[STORE_ID_LEN], struct store_error *err);
/* Replaces a task's values at `version`. */
int care_plan_tasks_update(struct store *db, const struct actor *by, const char *id, long long version,
                           const struct care_plan_task_row *t, struct store_error *err);
/* The plan's tasks, oldest first, with the catalogue's name, kind,
 * delegable and competency_code and the organisations' names and types. */
json_t *care_plan_tasks_for_plan(struct store *db, const char *plan_id, struct store_error *err);

struct assignment_row {
    const char *plan_task_id, *plan_id, *person_id, *worker_user_id, *worker_name, *worker_org_id, *from_on, *to_on,
        *practitioner_user_id, *oversight_review_on, *competency_id;
    int delegated;
};
int care_task_assignments_insert(struct store *db, const struct actor *by, const struct assignment_row *a,
                                 char id[STORE_ID_LEN], struct store_error *err);
/* Records an oversight review of an assignment on plan_id and sets the next date. */
int care_task_assignments_reviewed(struct store *db, const struct actor *by, const char *id, const char *plan_id,
                                   const char *reviewed_on, const char *next_on, struct store_error *err);
json_t *care_task_assignments_for_plan(struct store *db, const char *plan_id, struct store_error *err);
/* One assignment of plan_id (the columns of the plan's list, with the
 * task's name), or NULL (STORE_ENOTFOUND when absent). */
json_t *care_task_assignment_get(struct store *db, const char *plan_id, const char *id, struct store_error *err);
/* An oversight review with its findings (the caller's transaction). */
struct oversight_review_row {
    const char *assignment_id, *plan_id, *person_id, *reviewed_on, *outcome, *findings, *next_review_on;
};
int oversight_reviews_add(struct store *db, const struct actor *by, const struct oversight_review_row *r,
                          char id[STORE_ID_LEN], struct store_error *err);
/* The assignment's reviews, newest first, with the reviewer's name. */
json_t *oversight_reviews_list(struct store *db, const char *assignment_id, struct store_error *err);
/* {plan_id} of an assignment, or NULL with STORE_ENOTFOUND. */
json_t *care_task_assignment_plan(struct store *db, const char *id, struct store_error *err);
/* Delegated assignments whose practitioner is user_id or whose plan is held
 * by one of the user's teams, with an oversight review on or before
 * due_by, for living, unmerged people. */
json_t *care_oversight_due(struct store *db, const char *user_id, const char *due_by, struct store_error *err);

#endif
