/* What a care plan costs and who pays (svc/plan_money.h). */
#include "svc/plan_money.h"
#include "domain/apportion.h"
#include "domain/money.h"
#include "store/care_plans.h"
#include "store/joint_funding.h"
#include <stdlib.h>
#include <string.h>

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int64_t jint(json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

/* A stored task as the apportionment rule takes it: the accountable
 * organisation pays (a council, or else the NHS body) unless a split is agreed. */
static int task_for_apportion(json_t *t, struct apportion_task *a)
{
    const char *unit = json_string_value(json_object_get(t, "split_unit"));
    const char *acc = json_string_value(json_object_get(t, "accountable_type"));
    memset(a, 0, sizeof *a);
    a->weekly_cost_pence = json_integer_value(json_object_get(t, "weekly_cost_pence"));
    if (s22_task_kind_parse(json_string_value(json_object_get(t, "kind")), "kind", &a->kind, NULL) != 0)
        return -1;
    a->accountable = acc && strcmp(acc, "council") == 0 ? APPORTION_ORG_COUNCIL : APPORTION_ORG_NHS;
    if (unit) {
        a->split.unit = strcmp(unit, "basis_points") == 0 ? APPORTION_SPLIT_BASIS_POINTS : APPORTION_SPLIT_SHARES;
        a->split.nhs = json_integer_value(json_object_get(t, "split_nhs"));
        a->split.council = json_integer_value(json_object_get(t, "split_council"));
        a->split.person = json_integer_value(json_object_get(t, "split_person"));
    }
    return 0;
}

static json_t *amounts_json(const struct apportion_amounts *a)
{
    return json_pack("{s:I, s:I, s:I, s:I}", "total_pence", (json_int_t)a->total, "nhs_pence", (json_int_t)a->nhs,
                     "council_pence", (json_int_t)a->council, "person_pence", (json_int_t)a->person);
}

/* One task's weekly shares and s.22 verdict, set on the task; its verdict returned (-1 on error). */
static int task_money(json_t *t, json_t *flags)
{
    struct apportion_task one;
    struct apportion_amounts part;
    struct apportion_result r;
    if (task_for_apportion(t, &one) != 0 || apportion_plan(&one, 1, &part, &r, NULL) != 0)
        return -1;
    json_object_set_new(t, "weekly", amounts_json(&part));
    json_object_set_new(t, "s22", json_pack("{s:s, s:s?}", "verdict", s22_verdict_name(r.s22_worst), "reason",
                                            r.s22_reason));
    if (r.s22_worst != S22_ALLOWED)
        json_array_append_new(flags, json_pack("{s:O, s:O, s:s, s:s}", "task_id", json_object_get(t, "id"),
                                               "task_name", json_object_get(t, "task_name"), "verdict",
                                               s22_verdict_name(r.s22_worst), "reason", r.s22_reason));
    return (int)r.s22_worst;
}

/* The stored member of a task that is outside the documented bounds
 * (domain/money.h), or NULL. Input is bounded where it enters, so only a row
 * written by hand or by an older server can hold one; such a task is shown
 * flagged and left out of the totals rather than failing the whole plan. */
static const char *task_unreadable(json_t *t)
{
    json_int_t w = json_integer_value(json_object_get(t, "weekly_cost_pence"));
    if (w < 0 || w > MONEY_MAX_WEEKLY_PENCE)
        return "weekly_cost_pence";
    static const char *const split[] = {"split_nhs", "split_council", "split_person"};
    for (size_t i = 0; i < 3; i++) {
        json_int_t v = json_integer_value(json_object_get(t, split[i]));
        if (v < 0 || v > MONEY_SPLIT_MAX_WEIGHT_TOTAL)
            return split[i];
    }
    return NULL;
}

/* Each task's shares and verdict, and the plan's totals from apportion_plan
 * over every readable task at once (so they add up to the penny); tasks
 * that cannot be read are listed in money.unreadable. */
int plan_money(json_t *tasks, json_t **money)
{
    size_t n = json_array_size(tasks), i, used = 0;
    json_t *t, *flags = json_array(), *unreadable = json_array();
    struct apportion_task *all = calloc(n ? n : 1, sizeof *all);
    struct apportion_result r;
    int worst = S22_ALLOWED, rc = all ? 0 : -1;
    json_array_foreach(tasks, i, t) {
        const char *bad = task_unreadable(t);
        if (bad) {
            json_object_set_new(t, "unreadable", json_pack("[s]", bad));
            json_object_set_new(t, "weekly", json_null());
            json_array_append_new(unreadable, json_pack("{s:O, s:s}", "task_id", json_object_get(t, "id"), "field", bad));
            continue;
        }
        int v = rc == 0 ? task_money(t, flags) : -1;
        if (v < 0 || task_for_apportion(t, &all[used++]) != 0)
            rc = -1;
        else if (v > worst)
            worst = v;
    }
    if (rc == 0)
        rc = apportion_plan(all, used, NULL, &r, NULL);
    free(all);
    if (rc != 0) {
        json_decref(flags);
        json_decref(unreadable);
        return -1;
    }
    *money = json_pack("{s:o, s:o, s:{s:s, s:o}, s:o}", "weekly", amounts_json(&r.weekly), "annual",
                       amounts_json(&r.annual), "s22", "verdict", s22_verdict_name((enum s22_verdict)worst), "flags",
                       flags, "unreadable", unreadable);
    return 0;
}

size_t jf_task_splits(json_t *rows, const char *task_id, struct jf_dated_split *out, size_t cap)
{
    size_t i, n = 0;
    json_t *s;
    json_array_foreach(rows, i, s) {
        if (n == cap || strcmp(jstr(s, "plan_task_id"), task_id) != 0 ||
            date_parse(jstr(s, "effective_from"), "effective_from", &out[n].effective_from, NULL) != 0)
            continue;
        out[n++].split = (struct jf_split){jint(s, "split_nhs"), jint(s, "split_council"), jint(s, "split_person")};
    }
    return n;
}

int jf_overlay_splits(struct store *db, const char *plan_id, json_t *tasks, struct date on, struct store_error *err)
{
    json_t *rows = jf_task_splits_for_plan(db, plan_id, err);
    if (!rows)
        return -1;
    size_t i;
    json_t *t;
    struct jf_dated_split ds[JF_MAX_SPLITS];
    json_array_foreach(tasks, i, t) {
        size_t n = jf_task_splits(rows, jstr(t, "id"), ds, JF_MAX_SPLITS);
        long k = jf_split_in_force(ds, n, on);
        if (k < 0)
            continue;
        char from[DATE_STR_SIZE];
        date_format(ds[k].effective_from, from);
        size_t j;
        json_t *s, *src = NULL;
        json_array_foreach(rows, j, s) if (strcmp(jstr(s, "plan_task_id"), jstr(t, "id")) == 0 &&
                                           strcmp(jstr(s, "effective_from"), from) == 0) src = s;
        json_object_set(t, "split_unit", json_object_get(src, "split_unit"));
        json_object_set_new(t, "split_nhs", json_integer(ds[k].split.nhs));
        json_object_set_new(t, "split_council", json_integer(ds[k].split.council));
        json_object_set_new(t, "split_person", json_integer(ds[k].split.person));
        json_object_set_new(t, "split_source", json_string("panel"));
        json_object_set_new(t, "split_effective_from", json_string(from));
    }
    json_decref(rows);
    return 0;
}

int svc_plan_money(struct svc_ctx *c, const char *plan_id, json_t **tasks, json_t **money)
{
    *money = NULL;
    *tasks = svc_own(c, care_plan_tasks_for_plan(c->db, plan_id, &c->err));
    if (!*tasks || jf_overlay_splits(c->db, plan_id, *tasks, svc_today(c), &c->err) != 0)   /* the split in force today */
        return svc_failed(c, "plan money");
    if (plan_money(*tasks, money) != 0)
        return svc_failed(c, "plan money");
    svc_own(c, *money);
    return SVC_OK;
}
