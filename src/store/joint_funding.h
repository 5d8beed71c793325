/* joint_funding (store): the SQL of joint funding panels, requests,
 * effective-dated task splits and interim funding periods (migration 012).
 * JSON results are owned by the caller; NULL means error (err filled,
 * STORE_ENOTFOUND when absent). Writes expect the caller's transaction.
 * Dates are "YYYY-MM-DD" text; money is integer pence. */
#ifndef SEAMLESS_JOINT_FUNDING_STORE_H
#define SEAMLESS_JOINT_FUNDING_STORE_H
#include <jansson.h>
#include "store/accounts.h"

/* {team_id, team_code, team_name, org_id, first_on, cycle_days, version}. */
json_t *jf_panel_get(struct store *db, const char *team_id, struct store_error *err);
/* Sets (or creates) a panel's cycle. */
int jf_panel_put(struct store *db, const struct actor *by, const char *team_id, const char *first_on,
                 long long cycle_days, struct store_error *err);
/* The only configured panel's team id into out, STORE_ENOTFOUND unless exactly one. */
int jf_panel_only(struct store *db, char out[STORE_ID_LEN], struct store_error *err);

struct jf_split_row {
    const char *unit;                 /* "basis_points" or "shares" */
    long long nhs, council, person;
};

struct jf_request_row {
    const char *plan_id, *person_id, *panel_team_id, *panel_on, *evidence;
    struct jf_split_row proposed;
};
int jf_request_insert(struct store *db, const struct actor *by, const struct jf_request_row *r,
                      char id[STORE_ID_LEN], struct store_error *err);
int jf_request_task_add(struct store *db, const char *request_id, const char *task_id, const char *person_id,
                        struct store_error *err);
/* The request with its panel's team name. */
json_t *jf_request_get(struct store *db, const char *id, struct store_error *err);
/* The request's tasks: care_plan_tasks columns with kind, accountable_type
 * and the plan's start_on and status. */
json_t *jf_request_tasks(struct store *db, const char *request_id, struct store_error *err);
/* Requests listed for team_id's meeting on panel_on (requested or deferred to it). */
json_t *jf_agenda(struct store *db, const char *team_id, const char *panel_on, struct store_error *err);
/* The plan's requests, newest first. */
json_t *jf_requests_for_plan(struct store *db, const char *plan_id, struct store_error *err);

struct jf_decision_row {
    const char *status, *note, *effective_from, *panel_on;   /* panel_on: the next meeting when deferred */
    struct jf_split_row split;                               /* unit NULL: none */
};
/* Records the decision at `version`; STORE_ENOTFOUND when it moved on. */
int jf_request_decide(struct store *db, const struct actor *by, const char *id, long long version,
                      const struct jf_decision_row *d, struct store_error *err);

int jf_task_split_insert(struct store *db, const struct actor *by, const char *task_id, const char *person_id,
                         const char *request_id, const char *effective_from, const struct jf_split_row *s,
                         struct store_error *err);
/* {plan_task_id, effective_from, split_unit, split_nhs, split_council, split_person} of the plan's tasks. */
json_t *jf_task_splits_for_plan(struct store *db, const char *plan_id, struct store_error *err);

struct jf_interim_row {
    const char *task_id, *plan_id, *person_id, *request_id, *from_on;
    long long weekly_cost_pence;
};
int jf_interim_insert(struct store *db, const struct actor *by, const struct jf_interim_row *r,
                      char id[STORE_ID_LEN], struct store_error *err);
/* 1 when the task has an interim period already (open or closed), 0 not. */
int jf_interim_exists(struct store *db, const char *task_id, struct store_error *err);
json_t *jf_interims_for_request(struct store *db, const char *request_id, struct store_error *err);
json_t *jf_interims_for_plan(struct store *db, const char *plan_id, struct store_error *err);

struct jf_reconciled {
    const char *to_on;
    long long days, total, nhs, council, person, council_owes_nhs, person_owes_nhs;
};
int jf_interim_close(struct store *db, const struct actor *by, const char *id, const struct jf_reconciled *r,
                     struct store_error *err);

/* Tasks of agreed, active or ended plans running at some time in from..to:
 * task id, plan_id, person_id, task_code, task_name, kind, weekly_cost_pence,
 * accountable_type, split_*, start_on (the plan's), end_on (the task's or
 * plan's end, or NULL). */
json_t *jf_statement_tasks(struct store *db, const char *from, const char *to, struct store_error *err);
/* Every effective-dated split and interim period of those tasks. */
json_t *jf_statement_splits(struct store *db, const char *from, const char *to, struct store_error *err);
json_t *jf_statement_interims(struct store *db, const char *from, const char *to, struct store_error *err);

#endif
