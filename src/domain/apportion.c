/* apportion: see apportion.h for the contract and the pinned rules. */
#include "domain/apportion.h"
#include <stdio.h>
#include "domain/money.h"

static int fail_task(struct domain_error *err, int code, size_t i,
                     const char *what, const char *message)
{
    char field[64];
    snprintf(field, sizeof field, "tasks[%zu].%s", i, what);
    return domain_fail(err, code, field, "%s", message);
}

/* The weights (nhs, council, person) a task is split by. */
static int task_weights(const struct apportion_task *t, size_t i, int64_t w[3],
                        struct domain_error *err)
{
    const struct apportion_split *s = &t->split;
    if (s->unit == APPORTION_SPLIT_NONE) {
        enum apportion_org org = t->accountable;
        if (org == APPORTION_ORG_DEFAULT)
            org = t->kind == S22_TASK_SOCIAL_CARE ? APPORTION_ORG_COUNCIL
                                                  : APPORTION_ORG_NHS;
        w[0] = org == APPORTION_ORG_NHS;
        w[1] = org == APPORTION_ORG_COUNCIL;
        w[2] = 0;
        return DOMAIN_OK;
    }
    if (s->unit != APPORTION_SPLIT_BASIS_POINTS && s->unit != APPORTION_SPLIT_SHARES)
        return fail_task(err, DOMAIN_EINVAL, i, "split", "has an unknown unit");
    if (s->nhs < 0 || s->council < 0 || s->person < 0)
        return fail_task(err, DOMAIN_EINVAL, i, "split", "has a negative share");
    if (s->nhs > MONEY_SPLIT_MAX_WEIGHT_TOTAL ||
        s->council > MONEY_SPLIT_MAX_WEIGHT_TOTAL ||
        s->person > MONEY_SPLIT_MAX_WEIGHT_TOTAL)
        return fail_task(err, DOMAIN_EINVAL, i, "split", "has a share too large");
    int64_t sum = s->nhs + s->council + s->person;
    if (s->unit == APPORTION_SPLIT_BASIS_POINTS && sum != APPORTION_BASIS_POINTS_WHOLE)
        return fail_task(err, DOMAIN_EINVAL, i, "split",
                         "basis points must add up to 10000");
    if (sum == 0)
        return fail_task(err, DOMAIN_EINVAL, i, "split", "shares add up to zero");
    if (sum > MONEY_SPLIT_MAX_WEIGHT_TOTAL)
        return fail_task(err, DOMAIN_EINVAL, i, "split", "shares are too large");
    w[0] = s->nhs;
    w[1] = s->council;
    w[2] = s->person;
    return DOMAIN_OK;
}

/* Worst s.22 verdict over the payers with a positive weight. */
static void task_s22(enum s22_task_kind kind, const int64_t w[3],
                     struct s22_result *worst)
{
    static const enum s22_funder payers[3] = {S22_FUNDER_NHS, S22_FUNDER_COUNCIL,
                                              S22_FUNDER_PERSON};
    worst->verdict = S22_ALLOWED;
    worst->reason = NULL;
    for (int k = 0; k < 3; k++) {
        struct s22_result r = *worst;
        if (w[k] > 0 && s22_check(kind, payers[k], &r, NULL) == DOMAIN_OK &&
            r.verdict > worst->verdict)
            *worst = r;
    }
}

static int add_amounts(struct apportion_amounts *sum,
                       const struct apportion_amounts *a)
{
    return __builtin_add_overflow(sum->total, a->total, &sum->total) ||
           __builtin_add_overflow(sum->nhs, a->nhs, &sum->nhs) ||
           __builtin_add_overflow(sum->council, a->council, &sum->council) ||
           __builtin_add_overflow(sum->person, a->person, &sum->person);
}

static int annualise(const struct apportion_amounts *w,
                     struct apportion_amounts *a, struct domain_error *err)
{
    if (money_weekly_to_annual(w->total, &a->total, NULL) != 0 ||
        money_weekly_to_annual(w->nhs, &a->nhs, NULL) != 0 ||
        money_weekly_to_annual(w->council, &a->council, NULL) != 0 ||
        money_weekly_to_annual(w->person, &a->person, NULL) != 0)
        return domain_fail(err, DOMAIN_ERANGE, "tasks",
                           "annual total is too large");
    return DOMAIN_OK;
}

int apportion_plan(const struct apportion_task *tasks, size_t n,
                   struct apportion_amounts *per_task,
                   struct apportion_result *out, struct domain_error *err)
{
    struct apportion_result r = {{0, 0, 0, 0}, {0, 0, 0, 0}, S22_ALLOWED, n, NULL};
    if (n > 0 && !tasks)
        return domain_fail(err, DOMAIN_EMISSING, "tasks", "are missing");
    for (size_t i = 0; i < n; i++) {
        const struct apportion_task *t = &tasks[i];
        if ((unsigned)t->kind > S22_TASK_REGISTERED_NURSE_CARE)
            return fail_task(err, DOMAIN_EINVAL, i, "kind", "is not a task kind");
        if ((unsigned)t->accountable > APPORTION_ORG_COUNCIL)
            return fail_task(err, DOMAIN_EINVAL, i, "accountable",
                             "must be nhs or council");
        if (t->weekly_cost_pence < 0)
            return fail_task(err, DOMAIN_EINVAL, i, "weekly_cost_pence",
                             "must not be negative");
        int64_t w[3] = {0, 0, 0}, parts[3] = {0, 0, 0};
        int rc = task_weights(t, i, w, err);
        if (rc != DOMAIN_OK)
            return rc;
        if (money_split(t->weekly_cost_pence, w, 3, parts, NULL) != DOMAIN_OK)
            return fail_task(err, DOMAIN_EINVAL, i, "split", "cannot be applied");
        struct apportion_amounts a = {t->weekly_cost_pence, parts[0], parts[1],
                                      parts[2]};
        if (per_task)
            per_task[i] = a;
        if (add_amounts(&r.weekly, &a))
            return fail_task(err, DOMAIN_ERANGE, i, "weekly_cost_pence",
                             "makes the plan total too large");
        struct s22_result s;
        task_s22(t->kind, w, &s);
        if (s.verdict > r.s22_worst) {
            r.s22_worst = s.verdict;
            r.s22_task = i;
            r.s22_reason = s.reason;
        }
    }
    int rc = annualise(&r.weekly, &r.annual, err);
    if (rc != DOMAIN_OK)
        return rc;
    *out = r;
    return DOMAIN_OK;
}

int apportion_percent_parse(const char *text, const char *field, long long *basis_points, struct domain_error *err)
{
    static const char *const msg = "Enter a percentage from 0 to 100, like 60 or 33.33";
    const char *p = text ? text : "";
    while (*p == ' ')
        p++;
    long long whole = 0, frac = 0;
    int digits = 0, decimals = 0;
    for (; *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
        whole = whole * 10 + (*p - '0');
    if (digits == 0)
        return domain_fail(err, DOMAIN_EINVAL, field, "%s", msg);
    if (*p == '.') {
        p++;
        for (; *p >= '0' && *p <= '9' && decimals < 3; p++, decimals++)
            frac = frac * 10 + (*p - '0');
        if (decimals == 0 || decimals > 2)
            return domain_fail(err, DOMAIN_EINVAL, field, "%s", msg);
        if (decimals == 1)
            frac *= 10;
    }
    while (*p == ' ')
        p++;
    if (*p == '%')
        p++;
    while (*p == ' ')
        p++;
    long long bp = whole * 100 + frac;
    if (*p || bp > APPORTION_BASIS_POINTS_WHOLE)
        return domain_fail(err, DOMAIN_EINVAL, field, "%s", msg);
    *basis_points = bp;
    return DOMAIN_OK;
}

void apportion_percent_format(long long basis_points, char out[APPORTION_PERCENT_SIZE])
{
    if (basis_points < 0 || basis_points > APPORTION_BASIS_POINTS_WHOLE) {
        out[0] = '\0';
        return;
    }
    long long whole = basis_points / 100, frac = basis_points % 100;
    if (frac == 0)
        snprintf(out, APPORTION_PERCENT_SIZE, "%lld%%", whole);
    else if (frac % 10 == 0)
        snprintf(out, APPORTION_PERCENT_SIZE, "%lld.%lld%%", whole, frac / 10);
    else
        snprintf(out, APPORTION_PERCENT_SIZE, "%lld.%02lld%%", whole, frac);
}
