/* A plan's tasks and their assignment to workers: delegation only to
 * workers assessed competent, and clinical oversight of delegated health
 * tasks (domain.md §8; care_plans.h). */
#include "svc/care_plans_int.h"
#include "domain/apportion.h"
#include "domain/care_plan.h"
#include "domain/words.h"
#include "store/care_plans.h"
#include "svc/input.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An organisation id member that must exist; its type into type_out. */
static const char *input_org(struct svc_ctx *c, json_t *in, const char *key, int required, char type_out[32],
                             json_t *errors)
{
    const char *id = input_str(in, key, errors);
    if (!id || !*id) {
        if (required)
            svc_error_add(errors, key, "is required");
        return NULL;
    }
    struct store_error err = {0};
    json_t *o = svc_own(c, care_plans_org(c->db, id, &err));
    if (!o) {
        svc_error_add(errors, key, "is not a known organisation");
        return NULL;
    }
    snprintf(type_out, 32, "%s", care_plan_str(o, "type"));
    return id;
}

/* The split as percentages (pages; stored as basis points). */
static void split_percent(json_t *in, struct care_plan_task_row *t, json_t *errors)
{
    static const char *const key[] = {"split_nhs", "split_council", "split_person"};
    static const char *const msg[] = {
        "Enter the NHS share as a percentage from 0 to 100, like 60 or 33.33",
        "Enter the council share as a percentage from 0 to 100, like 40 or 66.67",
        "Enter the person's share as a percentage from 0 to 100, like 0"};
    long long *dst[] = {&t->split_nhs, &t->split_council, &t->split_person};
    int bad = 0;
    long long total = 0;
    t->split_unit = "basis_points";
    for (int i = 0; i < 3; i++) {
        json_t *v = json_object_get(in, key[i]);
        char num[32];
        const char *text = json_string_value(v);
        if (json_is_integer(v))
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), text = num;
        if (apportion_percent_parse(text, key[i], dst[i], NULL) != 0) {
            svc_error_add(errors, key[i], msg[i]);
            bad = 1;
        }
        total += *dst[i];
    }
    if (!bad && total != APPORTION_BASIS_POINTS_WHOLE)
        svc_error_add(errors, "split_nhs", "The NHS, council and person percentages must add up to 100%");
}

/* The agreed split: percentages, basis points (the API's exact form) or
 * shares (issue #14 item 12). */
static void task_split(json_t *in, struct care_plan_task_row *t, json_t *errors)
{
    t->split_unit = input_str(in, "split_unit", errors);
    if (!t->split_unit || !*t->split_unit) {
        t->split_unit = NULL;
    } else if (!strcmp(t->split_unit, "percent")) {
        split_percent(in, t, errors);
    } else if (strcmp(t->split_unit, "basis_points") && strcmp(t->split_unit, "shares")) {
        svc_error_add(errors, "split_unit", "Choose how the cost is split: percentages or shares");
    } else {
        input_count(in, "split_nhs", 1, 0, 1000000000, &t->split_nhs, errors);
        input_count(in, "split_council", 1, 0, 1000000000, &t->split_council, errors);
        input_count(in, "split_person", 1, 0, 1000000000, &t->split_person, errors);
    }
}

static struct apportion_split split_of(const struct care_plan_task_row *t)
{
    if (!t->split_unit)
        return (struct apportion_split){APPORTION_SPLIT_NONE, 0, 0, 0};
    return (struct apportion_split){!strcmp(t->split_unit, "basis_points") ? APPORTION_SPLIT_BASIS_POINTS
                                                                           : APPORTION_SPLIT_SHARES,
                                    t->split_nhs, t->split_council, t->split_person};
}

/* The task from in; its catalogue entry into *type (owned by the context).
 * The domain's apportionment is run on it to check the split. */
static void task_decode(struct svc_ctx *c, json_t *in, struct care_plan_task_row *t, json_t **type,
                        char acc_type[32], json_t *errors)
{
    struct store_error err = {0};
    struct domain_error de;
    char prov_type[32] = "";
    t->task_code = input_str(in, "task_code", errors);
    *type = t->task_code && *t->task_code ? svc_own(c, care_task_type_get(c->db, t->task_code, &err)) : NULL;
    if (!*type)
        svc_error_add(errors, "task_code", "must be a task from the catalogue");
    long long weekly;
    t->per = input_str(in, "per", errors);
    if (input_count(in, "calls", 1, 1, 1000, &t->calls, errors) == 0 &&
        care_plan_weekly_calls(t->calls, t->per, &weekly, &de) != 0)
        svc_error_add(errors, de.field, de.message);
    input_count(in, "minutes_per_call", 1, 1, 1440, &t->minutes_per_call, errors);
    t->provider_org_id = input_org(c, in, "provider_org_id", 0, prov_type, errors);
    int64_t pence = 0;
    if (input_pence(in, "weekly_cost_pence", "weekly_cost", 1, &pence, errors) == 0 && pence < 0)
        svc_error_add(errors, "weekly_cost_pence", "must not be negative");
    t->weekly_cost_pence = pence;
    t->accountable_org_id = input_org(c, in, "accountable_org_id", 1, acc_type, errors);
    if (t->accountable_org_id && (!strcmp(acc_type, "provider") || !strcmp(acc_type, "voluntary")))
        svc_error_add(errors, "accountable_org_id", "must be the council or an NHS body");
    task_split(in, t, errors);
    t->notes = input_text(in, "notes", 0, 2000, errors);
    if (*type && t->split_unit && !json_array_size(errors)) {
        struct apportion_task a = {t->weekly_cost_pence, S22_TASK_HEALTH, APPORTION_ORG_NHS, split_of(t)};
        struct apportion_result r;
        if (apportion_plan(&a, 1, NULL, &r, &de) != 0)
            svc_error_add(errors, "split_unit", de.message);
    }
}

/* The s.22 verdict of a task as decoded: a forbidden one may not be in an active plan. */
static void task_forbidden(struct svc_ctx *c, const struct care_plan_task_row *t, json_t *type, const char *acc_type)
{
    struct apportion_task a = {t->weekly_cost_pence, S22_TASK_HEALTH,
                               strcmp(acc_type, "council") == 0 ? APPORTION_ORG_COUNCIL : APPORTION_ORG_NHS,
                               split_of(t)};
    struct apportion_result r;
    if (s22_task_kind_parse(care_plan_str(type, "kind"), "kind", &a.kind, NULL) != 0 ||
        apportion_plan(&a, 1, NULL, &r, NULL) != 0 || r.s22_worst != S22_FORBIDDEN)
        return;
    char msg[480];
    snprintf(msg, sizeof msg, "%s cannot be funded this way in an active plan: %s", care_plan_str(type, "name"),
             r.s22_reason);
    svc_field_error(c, "accountable_org_id", msg);
}

/* The plan (access-checked and composed) and, when task_id is given, its task. */
static int plan_and_task(struct svc_ctx *c, const char *plan_id, const char *task_id, json_t **plan, json_t **task)
{
    int rc = svc_care_plan_load(c, plan_id, plan);
    if (rc == SVC_OK)
        rc = svc_care_plan_compose(c, *plan);
    *task = NULL;
    if (rc == SVC_OK && task_id && !(*task = care_plan_task_find(*plan, task_id)))
        return svc_refuse(c, SVC_NOTFOUND, NULL, "No such task on this plan.");
    return rc;
}

int svc_care_plan_task_save(struct svc_ctx *c, const char *plan_id, const char *task_id, json_t *in,
                            const struct svc_expect *e, char id[STORE_ID_LEN])
{
    json_t *plan, *old, *type = NULL;
    int rc = plan_and_task(c, plan_id, task_id, &plan, &old);
    if (rc != SVC_OK)
        return rc;
    char acc_type[32] = "";
    struct care_plan_task_row t = {0};
    t.plan_id = plan_id;
    t.person_id = care_plan_str(plan, "person_id");
    task_decode(c, in, &t, &type, acc_type, svc_errors(c));
    if (care_plan_open(c, plan) && type && !svc_has_errors(c) && !strcmp(care_plan_str(plan, "status"), "active"))
        task_forbidden(c, &t, type, acc_type);
    if (svc_has_errors(c))
        return SVC_INVALID;
    if ((rc = care_plan_write_begin(c, plan, e)) != SVC_OK)
        return rc;
    struct actor by = svc_actor(c);
    char change[160];
    rc = task_id ? care_plan_tasks_update(c->db, &by, task_id, json_integer_value(json_object_get(old, "version")), &t,
                                          &c->err)
                 : care_plan_tasks_insert(c->db, &by, &t, id, &c->err);
    snprintf(change, sizeof change, "%s %s", task_id ? "Task changed:" : "Task added:", care_plan_str(type, "name"));
    return care_plan_write_end(c, plan, 1, change, task_id ? "update" : "create", "care_plan_task",
                               task_id ? task_id : id, rc);
}

/* ---- Assignment ---- */

struct worker {
    json_t *user;              /* staff user, or NULL for a named provider worker */
    const char *user_id, *name, *org_id, *profession;
};

static int worker_decode(struct svc_ctx *c, json_t *in, struct worker *w, json_t *errors)
{
    struct store_error err = {0};
    char type[32];
    memset(w, 0, sizeof *w);
    w->user_id = input_str(in, "worker_user_id", errors);
    if (w->user_id && *w->user_id) {
        w->user = svc_own(c, care_plans_user(c->db, w->user_id, &err));
        if (!w->user || !json_integer_value(json_object_get(w->user, "active"))) {
            svc_error_add(errors, "worker_user_id", "is not an active member of staff");
            return -1;
        }
        w->org_id = care_plan_str(w->user, "org_id");
        w->profession = care_plan_str(w->user, "profession");
        return 0;
    }
    w->user_id = NULL;
    w->name = input_line(in, "worker_name", 0, 200, errors);
    w->org_id = input_org(c, in, "worker_org_id", 0, type, errors);
    if (!w->name || !w->org_id) {
        svc_error_add(errors, "worker_user_id", "give a member of staff, or a provider worker's name "
                                                "(worker_name) and organisation (worker_org_id)");
        return -1;
    }
    return 0;
}

/* The worker's records of the competency as spans; competency_id gets the
 * record covering from. Returns the number of spans, or -1 when the records
 * cannot be read (*spans freed by the caller). */
static long worker_spans(struct svc_ctx *c, const char *code, const struct worker *w, struct date from,
                         struct competency_span **spans, char competency_id[STORE_ID_LEN])
{
    struct store_error err = {0};
    json_t *rows = svc_own(c, competencies_for_worker(c->db, code, w->user_id, w->name, w->org_id, &err)), *r;
    size_t n = json_array_size(rows), i, k = 0;
    *spans = calloc(n ? n : 1, sizeof **spans);
    if (!rows || !*spans)
        return -1;
    json_array_foreach(rows, i, r) {
        struct competency_span *s = &(*spans)[k];
        if (date_parse(care_plan_str(r, "assessed_on"), "assessed_on", &s->assessed_on, NULL) != 0 ||
            date_parse(care_plan_str(r, "expires_on"), "expires_on", &s->expires_on, NULL) != 0)
            continue;
        if (date_compare(s->assessed_on, from) <= 0 && date_compare(s->expires_on, from) >= 0 && !competency_id[0])
            snprintf(competency_id, STORE_ID_LEN, "%s", care_plan_str(r, "id"));
        k++;
    }
    return (long)k;
}

/* The competency check: 0 when the worker holds it on every day from..to;
 * else an error naming the competency and its expiry, in words (issue #14
 * items 11, 12). competency_id gets the record covering the first day. */
static int competency_check(struct svc_ctx *c, json_t *task, const struct worker *w, struct date from,
                            struct date to, char competency_id[STORE_ID_LEN])
{
    const char *code = care_plan_str(task, "competency_code");
    competency_id[0] = '\0';
    if (!code)
        return 0;
    struct competency_span *spans = NULL;
    struct competency_gap gap;
    long k = worker_spans(c, code, w, from, &spans, competency_id);
    int covered = k >= 0 ? competency_cover(spans, (size_t)k, from, to, &gap, NULL) : -1;
    free(spans);
    if (covered == 1)
        return 0;
    char msg[400], first[DATE_LONG_SIZE] = "", expired[DATE_LONG_SIZE] = "";
    const char *name = care_plan_str(task, "task_name");
    if (!name)
        name = words_code(code) ? words_code(code) : code;
    if (covered < 0) {
        snprintf(msg, sizeof msg, "The %s competency could not be checked", name);
    } else {
        date_format_long(gap.first_uncovered, first);
        if (gap.has_expiry)
            date_format_long(gap.expired_on, expired);
        if (gap.has_expiry)
            snprintf(msg, sizeof msg, "Choose a worker whose %s competency holds on every day of the assignment: "
                     "theirs expired on %s, so it does not cover %s", name, expired, first);
        else if (k)
            snprintf(msg, sizeof msg, "Choose a worker whose %s competency holds on every day of the assignment: "
                     "theirs does not hold on %s", name, first);
        else
            snprintf(msg, sizeof msg, "Choose a worker assessed competent in %s: this worker has no %s competency",
                     name, name);
    }
    svc_field_error(c, w->user_id ? "worker_user_id" : "worker_name", msg);
    return -1;
}

/* Non-delegable tasks: only registered staff of the accountable organisation. */
static int delegable_check(struct svc_ctx *c, json_t *task, const struct worker *w)
{
    if (json_integer_value(json_object_get(task, "delegable")))
        return 0;
    const char *acc = care_plan_str(task, "accountable_org_id");
    if (w->user && care_plan_registered_health(w->profession) && acc && strcmp(w->org_id, acc) == 0)
        return 0;
    char msg[400];
    snprintf(msg, sizeof msg, "%s cannot be delegated: only a registered practitioner of %s may do it",
             care_plan_str(task, "task_name"), care_plan_str(task, "accountable_name"));
    svc_field_error(c, w->user ? "worker_user_id" : "worker_name", msg);
    return -1;
}

/* A delegated health task: a health task done by someone other than a
 * registered health practitioner needs an accountable registered
 * practitioner and an oversight review date within the assignment. */
static void oversight_check(struct svc_ctx *c, json_t *in, json_t *task, const struct worker *w,
                            struct assignment_row *a, struct date from, struct date to)
{
    a->delegated = strcmp(care_plan_str(task, "kind"), "social_care") != 0 &&
                   !(w->user && care_plan_registered_health(w->profession));
    if (!a->delegated)
        return;
    struct store_error err = {0};
    struct date review;
    json_t *errors = svc_errors(c);
    a->practitioner_user_id = input_str(in, "practitioner_user_id", errors);
    json_t *p = a->practitioner_user_id && *a->practitioner_user_id
                ? svc_own(c, care_plans_user(c->db, a->practitioner_user_id, &err)) : NULL;
    if (!p || !care_plan_registered_health(care_plan_str(p, "profession")))
        svc_field_error(c, "practitioner_user_id",
                        "a delegated health task needs an accountable registered practitioner");
    a->oversight_review_on = input_date(in, "oversight_review_on", 0, &review, errors);
    if (!a->oversight_review_on)
        svc_field_error(c, "oversight_review_on", "a delegated health task needs an oversight review date");
    else if (date_compare(review, from) < 0 || date_compare(review, to) > 0)
        svc_field_error(c, "oversight_review_on", "must fall within the assignment");
}

/* "Task assigned: <task>, <from> to <to>" in words. */
static void assigned_words(json_t *task, const struct assignment_row *a, char *out, size_t size)
{
    char f_words[DATE_LONG_SIZE] = "", t_words[DATE_LONG_SIZE] = "";
    struct date fd, td;
    if (date_parse(a->from_on, "from_on", &fd, NULL) == 0)
        date_format_long(fd, f_words);
    if (date_parse(a->to_on, "to_on", &td, NULL) == 0)
        date_format_long(td, t_words);
    snprintf(out, size, "Task assigned: %s, %s to %s", care_plan_str(task, "task_name"), f_words, t_words);
}

int svc_care_plan_assign(struct svc_ctx *c, const char *plan_id, const char *task_id, json_t *in,
                         const struct svc_expect *e, char id[STORE_ID_LEN])
{
    json_t *plan, *task;
    int rc = plan_and_task(c, plan_id, task_id, &plan, &task);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c);
    struct worker w;
    struct assignment_row a = {0};
    struct date from, to;
    char competency_id[STORE_ID_LEN] = "";
    care_plan_open(c, plan);
    int w_ok = worker_decode(c, in, &w, errors) == 0;
    a.from_on = input_date(in, "from_on", 1, &from, errors);
    a.to_on = input_date(in, "to_on", 1, &to, errors);
    int d_ok = a.from_on && a.to_on;
    if (d_ok && date_compare(to, from) < 0) {
        svc_field_error(c, "to_on", "must be on or after the start date");
        d_ok = 0;
    }
    if (w_ok && delegable_check(c, task, &w) == 0 && d_ok) {
        competency_check(c, task, &w, from, to, competency_id);
        oversight_check(c, in, task, &w, &a, from, to);
    }
    if (svc_has_errors(c))
        return SVC_INVALID;
    if ((rc = care_plan_write_begin(c, plan, e)) != SVC_OK)
        return rc;
    struct actor by = svc_actor(c);
    char change[200];
    a.plan_task_id = task_id;
    a.plan_id = plan_id;
    a.person_id = care_plan_str(plan, "person_id");
    a.worker_user_id = w.user_id;
    a.worker_name = w.user ? NULL : w.name;
    a.worker_org_id = w.org_id;
    a.competency_id = competency_id[0] ? competency_id : NULL;
    rc = care_task_assignments_insert(c->db, &by, &a, id, &c->err);
    assigned_words(task, &a, change, sizeof change);
    return care_plan_write_end(c, plan, 1, change, "create", "care_task_assignment", id, rc);
}

int svc_care_plan_oversight_review(struct svc_ctx *c, const char *plan_id, const char *assignment_id, json_t *in,
                                   const struct svc_expect *e)
{
    json_t *plan;
    int rc = svc_care_plan_load(c, plan_id, &plan);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c);
    struct date on, next, today = svc_today(c);
    const char *reviewed_on = input_date(in, "reviewed_on", 1, &on, errors);
    const char *next_on = input_date(in, "next_review_on", 1, &next, errors);
    if (reviewed_on && date_compare(on, today) > 0)
        svc_field_error(c, "reviewed_on", "must not be in the future");
    if (reviewed_on && next_on && date_compare(next, on) <= 0)
        svc_field_error(c, "next_review_on", "must be after the review");
    care_plan_open(c, plan);
    if (!care_plan_registered_health(c->profession))
        return svc_refuse(c, SVC_NOT_REGISTERED, NULL,
                          "Oversight of a delegated health task is reviewed by a registered health practitioner.");
    if (svc_has_errors(c))
        return SVC_INVALID;
    if ((rc = care_plan_write_begin(c, plan, e)) != SVC_OK)
        return rc;
    struct actor by = svc_actor(c);
    rc = care_task_assignments_reviewed(c->db, &by, assignment_id, plan_id, reviewed_on, next_on, &c->err);
    if (rc == STORE_ENOTFOUND)
        return svc_tx_end(c, svc_refuse(c, SVC_NOTFOUND, NULL, "No delegated assignment with this id on this plan."));
    return care_plan_write_end(c, plan, 1, "Oversight review recorded", "update", "care_task_assignment",
                               assignment_id, rc);
}
