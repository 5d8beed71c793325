/* plan_splits: the split of a plan task's cost in force on a day — a
 * joint-funding panel's decided split (the latest effective on or before
 * the day, domain/joint_funding.h) laid over the task's own split. Shared
 * by the care-plan service (a plan's money today) and the joint-funding
 * recharge statement. Store reads only; no access check (callers have
 * made it) and no audit (nothing leaves here but to them). */
#ifndef SEAMLESS_SVC_PLAN_SPLITS_H
#define SEAMLESS_SVC_PLAN_SPLITS_H
#include <jansson.h>
#include <stddef.h>
#include "domain/joint_funding.h"
#include "store/store.h"

/* The most panel splits one task can have on record that are considered. */
#define PLAN_SPLITS_MAX 64

/* The panel splits of task_id among rows (jf_task_splits_for_plan), as
 * dated splits: n written, at most cap. */
size_t plan_splits_of_task(json_t *rows, const char *task_id, struct jf_dated_split *out, size_t cap);
/* The plan's tasks (from care_plan_tasks_for_plan) with the split in force
 * on `on` laid over split_* ("split_source": "panel" and
 * "split_effective_from" when a panel's split applies). 0, or a store
 * error code with err filled. */
int plan_splits_overlay(struct store *db, const char *plan_id, json_t *tasks, struct date on,
                        struct store_error *err);

#endif
