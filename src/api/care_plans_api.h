/* care_plans_api: care and support plans, their tasks and delegation
 * (domain.md §8, §9), shared by the JSON API and the pages. A plan is read
 * and changed only by staff with a legitimate relationship to the person
 * (person_check); every read is audited before release and every write is
 * audited in its transaction. Every change to a plan, its tasks or their
 * assignments needs the plan's current version (body "version" or
 * If-Match: 409/412 when stale), bumps it and keeps a version history row.
 * Each int function returns 0 on success; otherwise res holds the problem
 * (403, 404, 409, 422 naming fields) and the database is as it was. */
#ifndef SEAMLESS_CARE_PLANS_API_H
#define SEAMLESS_CARE_PLANS_API_H
#include "http/http.h"
#include "store/store.h"

int care_plan_create(struct request *req, struct response *res, const char *person_id, json_t *body,
                     char id[STORE_ID_LEN]);
/* PATCH: needs, outcomes, start_on, review_on and/or status (a transition;
 * a plan with a forbidden s.22 task cannot become active). */
int care_plan_change(struct request *req, struct response *res, const char *plan_id, json_t *body);
int care_plan_task_add(struct request *req, struct response *res, const char *plan_id, json_t *body,
                       char id[STORE_ID_LEN]);
int care_plan_task_change(struct request *req, struct response *res, const char *plan_id, const char *task_id,
                          json_t *body);
/* Delegation: the worker must hold the task's competency on every day of
 * the assignment; non-delegable tasks go only to registered staff of the
 * accountable organisation; a delegated health task needs an accountable
 * registered practitioner and an oversight review date. */
int care_plan_assign(struct request *req, struct response *res, const char *plan_id, const char *task_id,
                     json_t *body, char id[STORE_ID_LEN]);
/* The accountable practitioner's review of a delegated assignment:
 * {version, reviewed_on, next_review_on}. */
int care_plan_oversight_review(struct request *req, struct response *res, const char *plan_id,
                               const char *assignment_id, json_t *body);

/* The plan with tasks (each with its weekly shares and s.22 verdict),
 * assignments, money {weekly, annual, s22} and version history, after the
 * access check and the audited read; NULL with res set. */
json_t *care_plan_read(struct request *req, struct response *res, const char *plan_id);
/* The person's plans (audited), or NULL with res set. */
json_t *care_plans_of_person(struct request *req, struct response *res, const char *person_id);

json_t *care_task_catalogue(struct request *req, struct response *res);
/* The org admin names a designated assessor {user_id, competency_code}. */
/* 1 when the caller may change the plan's status (domain/care_plan.h). */
int care_plan_status_changer(struct request *req, json_t *plan);
/* The caller's organisation's designated assessors, or NULL with res set. */
json_t *competency_assessors_read(struct request *req, struct response *res);
int competency_assessor_name(struct request *req, struct response *res, json_t *body);
int competency_record(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN]);
json_t *competency_read(struct request *req, struct response *res, const char *id);
/* state: "expiring" (within 30 days), "expired" or NULL for all. */
json_t *competency_register(struct request *req, struct response *res, const char *state);
/* Delegated tasks' oversight reviews for the user's plans or where they are
 * the practitioner; state "overdue" or NULL for all; each person's read audited. */
json_t *care_oversight_reviews(struct request *req, struct response *res, const char *state);

/* Training courses, attendance and the uptake measure: svc/training.h. */

/* Internal to the care_plan*.c, competencies.c and training.c files. */
/* A worker from body: worker_user_id (a member of staff; *user is their
 * row, caller frees) or worker_name + worker_org_id. 0, or -1 with errors. */
int care_worker_decode(struct request *req, json_t *body, const char **user_id, const char **name,
                       const char **org_id, json_t **user, json_t *errors);
/* 1 when code is a competency some catalogue task requires. */
int care_known_competency(struct request *req, const char *code);
/* The plan row after the access check on its person, "basis" set. */
json_t *care_plan_load(struct request *req, struct response *res, const char *plan_id);
/* Adds tasks (with shares and s.22), assignments, money, versions to plan. */
int care_plan_compose(struct request *req, struct response *res, json_t *plan);
/* -1 with a 422 naming the first task whose funding s.22 forbids. */
int care_plan_forbidden_check(struct request *req, struct response *res, json_t *tasks);
/* Begins the write: version check against the plan, then the transaction. */
int care_plan_write_begin(struct request *req, struct response *res, json_t *plan, json_t *body);
/* Bumps the plan's version (touch; 0 when the caller's UPDATE did), records the history row (snapshot of plan and
 * tasks) and the audit entry, then commits; maps store errors (409/503). */
int care_plan_write_end(struct request *req, struct response *res, json_t *plan, int touch, const char *change,
                        const char *action, const char *rtype, const char *rid, int ok, struct store_error *err);

#endif
