/* apportion: who pays for a care plan's tasks — NHS, council, person.
 *
 * domain.md §9 "Apportionment": each commissioned task's weekly cost is
 * charged to the organisation accountable for delivering or delegating it
 * (health task -> NHS, social care task -> council) unless the plan records
 * another agreed split; the plan shows the NHS share, the council share and
 * the person's contribution, weekly and annual (x 52).
 *
 * Rules pinned here:
 *  - No split recorded: the whole cost goes to `accountable` when set,
 *    otherwise by kind — health and registered_nurse_care -> NHS,
 *    social_care -> council.
 *  - A split recorded in basis points must add up to exactly 10000; one in
 *    shares (e.g. 1:1:1) may add up to any positive total (at most
 *    MONEY_SPLIT_MAX_WEIGHT_TOTAL). Each weight >= 0.
 *  - Each task's cost is split with money_split (largest remainder, ties to
 *    NHS, then council, then person), so each task's parts add up to its
 *    cost exactly, and the plan totals add up to the plan's total exactly.
 *  - Annual figures are the weekly totals x 52 (exact, overflow-checked).
 *  - Every payer with a positive weight is checked against Care Act s.22
 *    (domain/s22.h); the result carries the worst verdict and the first task
 *    that has it, so the plan can be flagged. Apportioning still succeeds —
 *    refusing a forbidden plan is the caller's decision.
 * Errors (DOMAIN_EINVAL/ERANGE) name the input like the API:
 *  "tasks[2].weekly_cost_pence" (negative or overflow), "tasks[2].split",
 *  "tasks[2].kind", "tasks[2].accountable", "tasks" (overflow of totals).
 * Pure: no allocation; results in caller-provided structs. */
#ifndef SEAMLESS_APPORTION_H
#define SEAMLESS_APPORTION_H

#include <stddef.h>
#include <stdint.h>
#include "domain/domain_error.h"
#include "domain/s22.h"

enum apportion_org {
    APPORTION_ORG_DEFAULT = 0,   /* not recorded: follow the task kind */
    APPORTION_ORG_NHS,
    APPORTION_ORG_COUNCIL,
};

enum apportion_split_unit {
    APPORTION_SPLIT_NONE = 0,          /* no agreed split recorded */
    APPORTION_SPLIT_BASIS_POINTS,      /* nhs + council + person == 10000 */
    APPORTION_SPLIT_SHARES,            /* any positive total */
};

struct apportion_split {
    enum apportion_split_unit unit;
    int64_t nhs, council, person;
};

struct apportion_task {
    int64_t weekly_cost_pence;         /* >= 0 */
    enum s22_task_kind kind;
    enum apportion_org accountable;
    struct apportion_split split;
};

/* One task's or the plan's money, in pence. nhs + council + person == total. */
struct apportion_amounts {
    int64_t total, nhs, council, person;
};

struct apportion_result {
    struct apportion_amounts weekly;
    struct apportion_amounts annual;
    enum s22_verdict s22_worst;
    size_t s22_task;          /* first task with s22_worst; n when all allowed */
    const char *s22_reason;   /* that task's reason; NULL when all allowed */
};

#define APPORTION_BASIS_POINTS_WHOLE 10000

/* Apportions n tasks. per_task (may be NULL) receives each task's weekly
 * parts. On error *out and per_task are unspecified. */
int apportion_plan(const struct apportion_task *tasks, size_t n,
                   struct apportion_amounts *per_task,
                   struct apportion_result *out, struct domain_error *err);

/* Splits as people type them (issue #14 item 12: "split percentages typed
 * as percentages, not basis points"). A percentage is 0 to 100 with at
 * most two decimal places, optionally followed by "%", spaces around it
 * ignored: "60" → 6000 basis points, "33.33" → 3333, "12.5 %" → 1250,
 * "0.01" → 1, "100" → 10000. Anything else — empty, negative, over 100,
 * three decimals, "1e2", "60%%" — is DOMAIN_EINVAL naming field. The
 * stored and API value stays exact basis points; only pages speak "%". */
#define APPORTION_PERCENT_SIZE 12   /* "100%" … "33.33%" + NUL, with room */
int apportion_percent_parse(const char *text, const char *field, long long *basis_points, struct domain_error *err);
/* basis points 0..10000 → "60%", "33.33%", "12.5%" ("" when out of range). */
void apportion_percent_format(long long basis_points, char out[APPORTION_PERCENT_SIZE]);

#endif
