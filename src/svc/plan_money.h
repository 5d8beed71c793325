/* svc/plan_money: what a care and support plan costs and who pays — each
 * task's weekly shares and s.22 verdict, and the plan's weekly and annual
 * totals from the apportionment rule (domain/apportion.h) with the split
 * a joint funding panel agreed laid over each task (domain/joint_funding.h).
 * Shared by the care plan, personal budget and joint funding adapters and
 * services; no access check here (the caller has made it). */
#ifndef SEAMLESS_SVC_PLAN_MONEY_H
#define SEAMLESS_SVC_PLAN_MONEY_H
#include "domain/joint_funding.h"
#include "svc/svc.h"

/* The plan's tasks (care_plan_tasks_for_plan) with the split in force on
 * `on` and each task's "weekly" and "s22", and money {weekly, annual,
 * s22: {verdict}, flags, unreadable}; both owned by the context.
 * SVC_FAILED when they cannot be read or worked out. */
int svc_plan_money(struct svc_ctx *c, const char *plan_id, json_t **tasks, json_t **money);

/* Each task's shares and verdict set on it, and the plan's money (a new
 * reference) over every readable task at once, so the totals add up to the
 * penny; a task outside the documented bounds is flagged, left out of the
 * totals and listed in money.unreadable. 0, or -1. */
int plan_money(json_t *tasks, json_t **money);

/* The plan's tasks (from care_plan_tasks_for_plan) with the split in force
 * on `on` laid over split_* ("split_source": "panel" and
 * "split_effective_from" when a panel's split applies). 0 ok. */
int jf_overlay_splits(struct store *db, const char *plan_id, json_t *tasks, struct date on,
                      struct store_error *err);
/* The panel splits of task_id among rows (jf_task_splits_for_plan), as
 * dated splits (n written; at most cap). */
#define JF_MAX_SPLITS 64   /* panel splits of one task read at most */
size_t jf_task_splits(json_t *rows, const char *task_id, struct jf_dated_split *out, size_t cap);

#endif
