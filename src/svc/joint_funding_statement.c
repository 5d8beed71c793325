/* Splits in force, and recharge statements between the council and the
 * NHS (svc/joint_funding.h).
 *
 * Pinned here: each task's cost for the period is worked out per run of
 * consecutive days with the same funding ("segment"): days under
 * without-prejudice interim funding (100% NHS), days under a panel's split
 * (the latest effective on or before the day), and days under the task's
 * own split or its accountability. A segment's cost is the pro rata of the
 * weekly cost for its days (domain/joint_funding.h), split by money_split,
 * so each segment, line and the totals add up to the penny. Who paid the
 * provider: the NHS for interim days and NHS-accountable tasks, the council
 * for council-accountable ones; the recharge is the other body's share
 * (the person's contribution is collected by the payer and not recharged).
 * council_owes_nhs_pence > 0: the council owes the NHS; < 0: the reverse.
 * Reconciliations of interim funding decided (reconciled) in the period are
 * listed separately and added to the net. */
#include "svc/input.h"
#include "svc/joint_funding_int.h"
#include "svc/plan_money.h"
#include "store/care_plans.h"
#include "store/disputes.h"
#include <string.h>

#define STATEMENT_MAX_DAYS 366

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int64_t jint(json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

static int council_accountable(json_t *t)
{
    const char *a = jstr(t, "accountable_type");
    return a && strcmp(a, "council") == 0;
}

void jf_svc_default_split(json_t *t, struct jf_split *out)
{
    if (jstr(t, "split_unit")) {
        *out = (struct jf_split){jint(t, "split_nhs"), jint(t, "split_council"), jint(t, "split_person")};
        return;
    }
    *out = council_accountable(t) ? (struct jf_split){0, 1, 0} : (struct jf_split){1, 0, 0};
}

/* ---- The statement ---- */

struct funding {            /* what funds a task on one day */
    const char *basis;      /* "interim", "panel", "plan", "accountable" */
    int nhs_paid;
    struct jf_split split;
};

static int same_funding(const struct funding *a, const struct funding *b)
{
    return strcmp(a->basis, b->basis) == 0 && a->nhs_paid == b->nhs_paid && a->split.nhs == b->split.nhs &&
           a->split.council == b->split.council && a->split.person == b->split.person;
}

/* 1 when day d is within one of the task's interim periods. */
static int on_interim(json_t *interims, const char *task_id, int32_t d)
{
    size_t i;
    json_t *p;
    json_array_foreach(interims, i, p) {
        struct date f, t;
        if (strcmp(jstr(p, "plan_task_id"), task_id) != 0 || date_parse(jstr(p, "from_on"), "f", &f, NULL) != 0)
            continue;
        int open = json_is_null(json_object_get(p, "to_on"));
        if (date_to_days(f) <= d && (open || (date_parse(jstr(p, "to_on"), "t", &t, NULL) == 0 && d <= date_to_days(t))))
            return 1;
    }
    return 0;
}

static void funding_on(json_t *t, json_t *interims, const struct jf_dated_split *ds, size_t n, int32_t d,
                       struct funding *out)
{
    if (on_interim(interims, jstr(t, "id"), d)) {
        *out = (struct funding){"interim", 1, {1, 0, 0}};
        return;
    }
    long k = jf_split_in_force(ds, n, date_from_days(d));
    out->nhs_paid = !council_accountable(t);
    if (k >= 0) {
        out->basis = "panel";
        out->split = ds[k].split;
        return;
    }
    out->basis = jstr(t, "split_unit") ? "plan" : "accountable";
    jf_svc_default_split(t, &out->split);
}

struct sums {
    int64_t total, nhs, council, person, owes;
};

static void sums_add(struct sums *s, const struct sums *x)
{
    s->total += x->total;
    s->nhs += x->nhs;
    s->council += x->council;
    s->person += x->person;
    s->owes += x->owes;
}

static json_t *sums_json(json_t *o, const struct sums *s)
{
    json_object_set_new(o, "total_pence", json_integer(s->total));
    json_object_set_new(o, "nhs_pence", json_integer(s->nhs));
    json_object_set_new(o, "council_pence", json_integer(s->council));
    json_object_set_new(o, "person_pence", json_integer(s->person));
    json_object_set_new(o, "council_owes_nhs_pence", json_integer(s->owes));
    return o;
}

/* One segment [a, b] of funding f for task t: its money into s, appended to segs. */
static int segment(json_t *t, int32_t a, int32_t b, const struct funding *f, json_t *segs, struct sums *s)
{
    int64_t total, parts[3];
    if (jf_pro_rata(jint(t, "weekly_cost_pence"), b - a + 1, &total, NULL) != 0 ||
        jf_split_amount(total, f->split, parts, NULL) != 0)
        return -1;
    struct sums x = {total, parts[0], parts[1], parts[2], f->nhs_paid ? parts[1] : -parts[0]};
    char fa[DATE_STR_SIZE], fb[DATE_STR_SIZE];
    date_format(date_from_days(a), fa);
    date_format(date_from_days(b), fb);
    json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:s, s:{s:I, s:I, s:I}}", "from", fa, "to", fb, "days", (int)(b - a + 1),
                          "basis", f->basis, "paid_by", f->nhs_paid ? "nhs" : "council", "split", "nhs",
                          (json_int_t)f->split.nhs, "council", (json_int_t)f->split.council, "person",
                          (json_int_t)f->split.person);
    json_array_append_new(segs, sums_json(o, &x));
    sums_add(s, &x);
    return 0;
}

/* The line of task t for days a..b (already clipped to the task's run). */
static json_t *task_line(json_t *t, json_t *splits, json_t *interims, int32_t a, int32_t b, struct sums *tot)
{
    struct jf_dated_split ds[JF_MAX_SPLITS];
    size_t n = jf_task_splits(splits, jstr(t, "id"), ds, JF_MAX_SPLITS);
    json_t *segs = json_array();
    struct sums s = {0, 0, 0, 0, 0};
    struct funding cur, f;
    int32_t start = a;
    funding_on(t, interims, ds, n, a, &cur);
    for (int32_t d = a + 1; d <= b + 1; d++) {
        if (d <= b)
            funding_on(t, interims, ds, n, d, &f);
        if (d <= b && same_funding(&f, &cur))
            continue;
        if (segment(t, start, d - 1, &cur, segs, &s) != 0) {
            json_decref(segs);
            return NULL;
        }
        start = d;
        cur = f;
    }
    char fa[DATE_STR_SIZE], fb[DATE_STR_SIZE];
    date_format(date_from_days(a), fa);
    date_format(date_from_days(b), fb);
    json_t *line = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:s, s:s, s:i, s:o}", "plan_id",
                             json_object_get(t, "plan_id"), "task_id", json_object_get(t, "id"), "person_id",
                             json_object_get(t, "person_id"), "task_code", json_object_get(t, "task_code"), "task_name",
                             json_object_get(t, "task_name"), "weekly_cost_pence",
                             json_object_get(t, "weekly_cost_pence"), "from", fa, "to", fb, "days", (int)(b - a + 1),
                             "segments", segs);
    json_object_set_new(line, "id", json_string(jstr(t, "id")));
    /* Whose line (issue #14 item 10): finance invoices for these people. */
    static const char *const who[] = {"given_name", "family_name", "nhs_number"};
    for (size_t k = 0; k < sizeof who / sizeof who[0]; k++)
        json_object_set(line, who[k], json_object_get(t, who[k]));
    sums_add(tot, &s);
    return sums_json(line, &s);
}

/* The task's days within from..to, or 0 when it does not run then. */
static int task_days(json_t *t, int32_t from, int32_t to, int32_t *a, int32_t *b)
{
    struct date s, e;
    if (date_parse(jstr(t, "start_on"), "start_on", &s, NULL) != 0)
        return 0;
    *a = date_to_days(s) > from ? date_to_days(s) : from;
    *b = to;
    if (jstr(t, "end_on") && date_parse(jstr(t, "end_on"), "end_on", &e, NULL) == 0 && date_to_days(e) < to)
        *b = date_to_days(e);
    return *a <= *b;
}

/* from and to as day numbers; SVC_INVALID naming the field. */
static int statement_period(struct svc_ctx *c, const char *from, const char *to, int32_t *a, int32_t *b)
{
    json_t *errors = svc_errors(c);
    json_t *q = svc_own(c, json_pack("{s:s?, s:s?}", "from", from, "to", to));
    struct date f, t;
    const char *fs = input_date(q, "from", 1, &f, errors), *ts = input_date(q, "to", 1, &t, errors);
    if (fs && ts && date_compare(t, f) < 0)
        svc_field_error(c, "to", "must be on or after from");
    else if (fs && ts && date_diff_days(f, t) >= STATEMENT_MAX_DAYS)
        svc_field_error(c, "to", "a statement covers at most 366 days");
    if (svc_has_errors(c))
        return SVC_INVALID;
    *a = date_to_days(f);
    *b = date_to_days(t);
    return SVC_OK;
}

/* Interim periods reconciled within from..to, as statement entries; their owed amounts into tot->owes. */
static json_t *reconciliations(json_t *interims, const char *from, const char *to, int64_t *owes)
{
    json_t *out = json_array();
    size_t i;
    json_t *p;
    json_array_foreach(interims, i, p) {
        const char *at = jstr(p, "reconciled_at");
        if (!at || strncmp(at, from, 10) < 0 || strncmp(at, to, 10) > 0)
            continue;
        json_t *e = json_deep_copy(p);
        json_object_set_new(e, "reconciled_on", json_stringn(at, 10));
        json_array_append_new(out, e);
        *owes += jint(p, "council_owes_nhs_pence");
    }
    return out;
}

/* Inter-agency disputes settled in from..to with a split (svc/disputes.h):
 * appended to recs as entries with "source": "dispute", their owed amounts
 * into *owes. Returns the appended entries (a new reference), or NULL. */
static json_t *dispute_reconciliations(struct store *db, const char *from, const char *to, json_t *recs, int64_t *owes,
                                       struct store_error *err)
{
    json_t *rows = disputes_reconciliations_between(db, from, to, err);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        json_object_set_new(r, "source", json_string("dispute"));
        json_object_set(r, "id", json_object_get(r, "dispute_id"));
        *owes += jint(r, "council_owes_nhs_pence");
        json_array_append(recs, r);
    }
    return rows;
}

/* The totals of a statement: the lines', the reconciliations' and the net. */
static json_t *totals_json(const struct sums *tot, int64_t rec_owes)
{
    json_t *totals = sums_json(json_object(), tot);
    json_object_set_new(totals, "lines_council_owes_nhs_pence", json_integer(tot->owes));
    json_object_set_new(totals, "reconciliations_council_owes_nhs_pence", json_integer(rec_owes));
    json_object_set_new(totals, "council_owes_nhs_pence", json_integer(tot->owes + rec_owes));
    int64_t net = tot->owes + rec_owes;
    json_object_set_new(totals, "net_direction", json_string(net > 0 ? "council_owes_nhs" : net < 0 ?
                                                             "nhs_owes_council" : "settled"));
    return totals;
}

int svc_jf_recharge_statement(struct svc_ctx *c, const char *from, const char *to, json_t **out)
{
    *out = NULL;
    if (!svc_role_is(c, "finance"))
        return svc_refuse(c, SVC_FORBIDDEN, "Recharge statements are for finance staff", NULL);
    int32_t a, b, ta, tb;
    int rc = statement_period(c, from, to, &a, &b);
    if (rc != SVC_OK)
        return rc;
    json_t *tasks = svc_own(c, jf_statement_tasks(c->db, from, to, &c->err));
    json_t *splits = tasks ? svc_own(c, jf_statement_splits(c->db, from, to, &c->err)) : NULL;
    json_t *interims = splits ? svc_own(c, jf_statement_interims(c->db, from, to, &c->err)) : NULL;
    if (!interims)
        return svc_failed(c, "statement");
    json_t *lines = svc_own(c, json_array()), *t;
    struct sums tot = {0, 0, 0, 0, 0};
    size_t i;
    json_array_foreach(tasks, i, t) {
        if (!task_days(t, a, b, &ta, &tb))
            continue;
        json_t *line = task_line(t, splits, interims, ta, tb, &tot);
        if (!line)
            return svc_failed(c, "statement money");
        json_array_append_new(lines, line);
    }
    int64_t rec_owes = 0;
    json_t *recs = svc_own(c, reconciliations(interims, from, to, &rec_owes));
    json_t *drecs = svc_own(c, dispute_reconciliations(c->db, from, to, recs, &rec_owes, &c->err));
    if (!drecs)
        return svc_failed(c, "dispute reconciliations");
    if ((rc = svc_audit_read_items(c, "recharge_statement_line", lines, "person_id", "admin")) != SVC_OK ||
        (rc = svc_audit_read_items(c, "dispute_reconciliation", drecs, "person_id", "admin")) != SVC_OK)
        return rc;
    *out = svc_own(c, json_pack("{s:s, s:s, s:O, s:O, s:o}", "from", from, "to", to, "lines", lines,
                                "reconciliations", recs, "totals", totals_json(&tot, rec_owes)));
    return SVC_OK;
}
