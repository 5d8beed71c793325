/* care_plans_int: what the care-plan service files (care_plans.c,
 * care_plan_tasks.c) share; not for other callers. */
#ifndef SEAMLESS_SVC_CARE_PLANS_INT_H
#define SEAMLESS_SVC_CARE_PLANS_INT_H
#include "svc/care_plans.h"

/* A string member of o (NULL when absent). */
const char *care_plan_str(json_t *o, const char *key);
/* 1 when the plan may change; else 0 with a field error on "status". */
int care_plan_open(struct svc_ctx *c, json_t *plan);
/* The task with task_id in a composed plan, or NULL. */
json_t *care_plan_task_find(json_t *plan, const char *task_id);
/* A field error naming the first task whose funding s.22 forbids (tasks[i]). */
void care_plan_forbidden_check(struct svc_ctx *c, json_t *tasks);

/* The write every change to a plan shares: the version check against the
 * plan (e), then the transaction. SVC_OK, or the outcome. */
int care_plan_write_begin(struct svc_ctx *c, json_t *plan, const struct svc_expect *e);
/* Given rc, the store code of the caller's own write in that transaction:
 * bumps the plan's version (touch; 0 when the caller's UPDATE did), adds
 * the history row (a snapshot of plan and tasks) and the person's timeline
 * event `change`, audits (action, rtype, rid) and commits; or rolls back.
 * SVC_STALE when the plan moved on meanwhile. */
int care_plan_write_end(struct svc_ctx *c, json_t *plan, int touch, const char *change, const char *action,
                        const char *rtype, const char *rid, int rc);

#endif
