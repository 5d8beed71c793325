/* A plan's tasks and their assignment to workers (delegation, competency,
 * clinical oversight: domain.md §8). */
#include "api/api.h"
#include "domain/words.h"
#include "api/body_input.h"
#include "api/care_plans_api.h"
#include "domain/apportion.h"
#include "domain/care_plan.h"
#include "store/care_plans.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An organisation id member that must exist; its type into type_out. */
static const char *input_org(struct request *req, json_t *body, const char *key, int required, char type_out[32],
                             json_t *errors)
{
    const char *id = api_str(body, key, errors);
    if (!id || !*id) {
        if (required)
            http_add_error(errors, key, "is required");
        return NULL;
    }
    struct store_error err = {0};
    json_t *o = care_plans_org(req->db, id, &err);
    if (!o) {
        http_add_error(errors, key, "is not a known organisation");
        return NULL;
    }
    snprintf(type_out, 32, "%s", json_string_value(json_object_get(o, "type")));
    json_decref(o);
    return id;
}

/* The agreed split: percentages (pages; stored as basis points), basis
 * points (the API's exact form) or shares (issue #14 item 12). */
static void task_split(json_t *body, struct care_plan_task_row *t, json_t *errors)
{
    static const char *const key[] = {"split_nhs", "split_council", "split_person"};
    static const char *const msg[] = {
        "Enter the NHS share as a percentage from 0 to 100, like 60 or 33.33",
        "Enter the council share as a percentage from 0 to 100, like 40 or 66.67",
        "Enter the person's share as a percentage from 0 to 100, like 0"};
    long long *dst[] = {&t->split_nhs, &t->split_council, &t->split_person};
    t->split_unit = api_str(body, "split_unit", errors);
    if (!t->split_unit || !*t->split_unit) {
        t->split_unit = NULL;
        return;
    }
    if (!strcmp(t->split_unit, "percent")) {
        t->split_unit = "basis_points";
        int bad = 0;
        long long total = 0;
        for (int i = 0; i < 3; i++) {
            json_t *v = json_object_get(body, key[i]);
            char num[32];
            const char *text = json_string_value(v);
            if (json_is_integer(v))
                snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), text = num;
            if (apportion_percent_parse(text, key[i], dst[i], NULL) != 0) {
                http_add_error(errors, key[i], msg[i]);
                bad = 1;
            }
            total += *dst[i];
        }
        if (!bad && total != APPORTION_BASIS_POINTS_WHOLE)
            http_add_error(errors, "split_nhs", "The NHS, council and person percentages must add up to 100%");
        return;
    }
    if (strcmp(t->split_unit, "basis_points") && strcmp(t->split_unit, "shares")) {
        http_add_error(errors, "split_unit", "Choose how the cost is split: percentages or shares");
        return;
    }
    input_count(body, "split_nhs", 1, 0, 1000000000, &t->split_nhs, errors);
    input_count(body, "split_council", 1, 0, 1000000000, &t->split_council, errors);
    input_count(body, "split_person", 1, 0, 1000000000, &t->split_person, errors);
}

/* The task from body; its catalogue entry into *type (caller frees). The
 * domain's apportionment is run on it to check the split. */
static void task_decode(struct request *req, json_t *body, struct care_plan_task_row *t, json_t **type,
                        char acc_type[32], json_t *errors)
{
    struct store_error err = {0};
    struct domain_error de;
    char prov_type[32] = "";
    t->task_code = api_str(body, "task_code", errors);
    *type = t->task_code && *t->task_code ? care_task_type_get(req->db, t->task_code, &err) : NULL;
    if (!*type)
        http_add_error(errors, "task_code", "must be a task from the catalogue");
    long long weekly;
    t->per = api_str(body, "per", errors);
    if (input_count(body, "calls", 1, 1, 1000, &t->calls, errors) == 0 &&
        care_plan_weekly_calls(t->calls, t->per, &weekly, &de) != 0)
        http_add_error(errors, de.field, de.message);
    input_count(body, "minutes_per_call", 1, 1, 1440, &t->minutes_per_call, errors);
    t->provider_org_id = input_org(req, body, "provider_org_id", 0, prov_type, errors);
    int64_t pence = 0;
    if (input_pence(body, "weekly_cost_pence", "weekly_cost", 1, &pence, errors) == 0 && pence < 0)
        http_add_error(errors, "weekly_cost_pence", "must not be negative");
    t->weekly_cost_pence = pence;
    t->accountable_org_id = input_org(req, body, "accountable_org_id", 1, acc_type, errors);
    if (t->accountable_org_id && (!strcmp(acc_type, "provider") || !strcmp(acc_type, "voluntary")))
        http_add_error(errors, "accountable_org_id", "must be the council or an NHS body");
    task_split(body, t, errors);
    t->notes = input_text(body, "notes", 0, 2000, errors);
    if (*type && t->split_unit && !json_array_size(errors)) {
        struct apportion_task a = {t->weekly_cost_pence, S22_TASK_HEALTH, APPORTION_ORG_NHS,
                                   {!strcmp(t->split_unit, "basis_points") ? APPORTION_SPLIT_BASIS_POINTS
                                                                           : APPORTION_SPLIT_SHARES,
                                    t->split_nhs, t->split_council, t->split_person}};
        struct apportion_result r;
        if (apportion_plan(&a, 1, NULL, &r, &de) != 0)
            http_add_error(errors, "split_unit", de.message);
    }
}

/* The s.22 verdict of a task as decoded: a forbidden one may not be in an active plan. */
static int task_forbidden(const struct care_plan_task_row *t, json_t *type, const char *acc_type, json_t *errors)
{
    struct apportion_task a = {t->weekly_cost_pence, S22_TASK_HEALTH,
                               strcmp(acc_type, "council") == 0 ? APPORTION_ORG_COUNCIL : APPORTION_ORG_NHS,
                               {APPORTION_SPLIT_NONE, 0, 0, 0}};
    if (t->split_unit)
        a.split = (struct apportion_split){!strcmp(t->split_unit, "basis_points") ? APPORTION_SPLIT_BASIS_POINTS
                                                                                : APPORTION_SPLIT_SHARES,
                                           t->split_nhs, t->split_council, t->split_person};
    struct apportion_result r;
    if (s22_task_kind_parse(json_string_value(json_object_get(type, "kind")), "kind", &a.kind, NULL) != 0 ||
        apportion_plan(&a, 1, NULL, &r, NULL) != 0 || r.s22_worst != S22_FORBIDDEN)
        return 0;
    char msg[480];
    snprintf(msg, sizeof msg, "%s cannot be funded this way in an active plan: %s",
             json_string_value(json_object_get(type, "name")), r.s22_reason);
    http_add_error(errors, "accountable_org_id", msg);
    return 1;
}

static int plan_open(json_t *plan, json_t *errors)
{
    if (strcmp(json_string_value(json_object_get(plan, "status")), "ended") == 0) {
        http_add_error(errors, "status", "the plan has ended: it cannot change");
        return 0;
    }
    return 1;
}

/* The task with id in the composed plan, or NULL. */
static json_t *plan_task(json_t *plan, const char *task_id)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(plan, "tasks"), i, t)
        if (strcmp(json_string_value(json_object_get(t, "id")), task_id) == 0)
            return t;
    return NULL;
}

/* Add (task_id NULL) or change a task. */
static int task_save(struct request *req, struct response *res, const char *plan_id, const char *task_id,
                     json_t *body, char id[STORE_ID_LEN])
{
    json_t *plan = care_plan_load(req, res, plan_id);
    if (!plan)
        return -1;
    json_t *errors = json_array(), *type = NULL, *old = NULL;
    char acc_type[32] = "";
    struct care_plan_task_row t = {0};
    t.plan_id = plan_id;
    t.person_id = json_string_value(json_object_get(plan, "person_id"));
    int rc = -1;
    if (care_plan_compose(req, res, plan) != 0)
        goto done;
    if (task_id && !(old = plan_task(plan, task_id))) {
        http_problem(res, req, 404, "not-found", "Not found", "No such task on this plan.");
        goto done;
    }
    task_decode(req, body, &t, &type, acc_type, errors);
    if (plan_open(plan, errors) && type && !json_array_size(errors) &&
        strcmp(json_string_value(json_object_get(plan, "status")), "active") == 0)
        task_forbidden(&t, type, acc_type, errors);
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (care_plan_write_begin(req, res, plan, body) == 0) {
        char now[STORE_TIME_LEN], change[160];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct store_error err = {0};
        int ok = task_id ? care_plan_tasks_update(req->db, &by, task_id,
                                                  json_integer_value(json_object_get(old, "version")), &t, &err) == 0
                         : care_plan_tasks_insert(req->db, &by, &t, id, &err) == 0;
        snprintf(change, sizeof change, "%s %s", task_id ? "Task changed:" : "Task added:",
                 json_string_value(json_object_get(type, "name")));
        rc = care_plan_write_end(req, res, plan, 1, change, task_id ? "update" : "create", "care_plan_task",
                                 task_id ? task_id : id, ok, &err);
    }
done:
    json_decref(type);
    json_decref(errors);
    json_decref(plan);
    return rc;
}

int care_plan_task_add(struct request *req, struct response *res, const char *plan_id, json_t *body,
                       char id[STORE_ID_LEN])
{
    return task_save(req, res, plan_id, NULL, body, id);
}

int care_plan_task_change(struct request *req, struct response *res, const char *plan_id, const char *task_id,
                          json_t *body)
{
    char id[STORE_ID_LEN];
    return task_save(req, res, plan_id, task_id, body, id);
}

/* ---- Assignment ---- */

struct worker {
    json_t *user;              /* staff user, or NULL for a named provider worker */
    const char *user_id, *name, *org_id, *profession;
};

static int worker_decode(struct request *req, json_t *body, struct worker *w, json_t *errors)
{
    struct store_error err = {0};
    char type[32];
    memset(w, 0, sizeof *w);
    w->user_id = api_str(body, "worker_user_id", errors);
    if (w->user_id && *w->user_id) {
        w->user = care_plans_user(req->db, w->user_id, &err);
        if (!w->user || !json_integer_value(json_object_get(w->user, "active"))) {
            http_add_error(errors, "worker_user_id", "is not an active member of staff");
            return -1;
        }
        w->org_id = json_string_value(json_object_get(w->user, "org_id"));
        w->profession = json_string_value(json_object_get(w->user, "profession"));
        return 0;
    }
    w->user_id = NULL;
    w->name = input_text(body, "worker_name", 0, 200, errors);
    w->org_id = input_org(req, body, "worker_org_id", 0, type, errors);
    if (!w->name || !w->org_id) {
        http_add_error(errors, "worker_user_id", "give a member of staff, or a provider worker's name "
                                                 "(worker_name) and organisation (worker_org_id)");
        return -1;
    }
    return 0;
}

/* The competency check: 0 when the worker holds it on every day from..to;
 * else an error naming the competency and its expiry. competency_id gets
 * the record covering the first day. */
static int competency_check(struct request *req, json_t *task, const struct worker *w, struct date from,
                            struct date to, char competency_id[STORE_ID_LEN], json_t *errors)
{
    const char *code = json_string_value(json_object_get(task, "competency_code"));
    competency_id[0] = '\0';
    if (!code)
        return 0;
    struct store_error err = {0};
    json_t *rows = competencies_for_worker(req->db, code, w->user_id, w->name, w->org_id, &err);
    size_t n = json_array_size(rows), i, k = 0;
    struct competency_span *spans = calloc(n ? n : 1, sizeof *spans);
    json_t *c;
    json_array_foreach(rows, i, c) {
        if (spans && date_parse(json_string_value(json_object_get(c, "assessed_on")), "assessed_on",
                                &spans[k].assessed_on, NULL) == 0 &&
            date_parse(json_string_value(json_object_get(c, "expires_on")), "expires_on", &spans[k].expires_on,
                       NULL) == 0) {
            if (date_compare(spans[k].assessed_on, from) <= 0 && date_compare(spans[k].expires_on, from) >= 0 &&
                !competency_id[0])
                snprintf(competency_id, STORE_ID_LEN, "%s", json_string_value(json_object_get(c, "id")));
            k++;
        }
    }
    struct competency_gap gap;
    int covered = spans && rows ? competency_cover(spans, k, from, to, &gap, NULL) : 0;
    free(spans);
    json_decref(rows);
    if (covered == 1)
        return 0;
    /* In words (issue #14 items 11, 12): the competency's name, dates as read. */
    char msg[400], first[DATE_LONG_SIZE] = "", expired[DATE_LONG_SIZE] = "";
    const char *name = json_string_value(json_object_get(task, "task_name"));
    if (!name)
        name = words_code(code) ? words_code(code) : code;
    if (!rows || covered < 0) {
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
    http_add_error(errors, w->user_id ? "worker_user_id" : "worker_name", msg);
    return -1;
}

/* Non-delegable tasks: only registered staff of the accountable organisation. */
static int delegable_check(json_t *task, const struct worker *w, json_t *errors)
{
    if (json_integer_value(json_object_get(task, "delegable")))
        return 0;
    const char *acc = json_string_value(json_object_get(task, "accountable_org_id"));
    if (w->user && care_plan_registered_health(w->profession) && acc && strcmp(w->org_id, acc) == 0)
        return 0;
    char msg[400];
    snprintf(msg, sizeof msg, "%s cannot be delegated: only a registered practitioner of %s may do it",
             json_string_value(json_object_get(task, "task_name")),
             json_string_value(json_object_get(task, "accountable_name")));
    http_add_error(errors, w->user ? "worker_user_id" : "worker_name", msg);
    return -1;
}

/* A delegated health task: a health task done by someone other than a
 * registered health practitioner needs an accountable registered
 * practitioner and an oversight review date within the assignment. */
static int oversight_check(struct request *req, json_t *body, json_t *task, const struct worker *w,
                           struct assignment_row *a, struct date from, struct date to, json_t *errors)
{
    const char *kind = json_string_value(json_object_get(task, "kind"));
    a->delegated = strcmp(kind, "social_care") != 0 && !(w->user && care_plan_registered_health(w->profession));
    if (!a->delegated)
        return 0;
    struct store_error err = {0};
    struct date review;
    a->practitioner_user_id = api_str(body, "practitioner_user_id", errors);
    json_t *p = a->practitioner_user_id && *a->practitioner_user_id
                ? care_plans_user(req->db, a->practitioner_user_id, &err) : NULL;
    if (!p || !care_plan_registered_health(json_string_value(json_object_get(p, "profession"))))
        http_add_error(errors, "practitioner_user_id",
                       "a delegated health task needs an accountable registered practitioner");
    json_decref(p);
    a->oversight_review_on = input_date(body, "oversight_review_on", 0, &review, errors);
    if (!a->oversight_review_on)
        http_add_error(errors, "oversight_review_on", "a delegated health task needs an oversight review date");
    else if (date_compare(review, from) < 0 || date_compare(review, to) > 0)
        http_add_error(errors, "oversight_review_on", "must fall within the assignment");
    (void)req;
    return 0;
}

int care_plan_assign(struct request *req, struct response *res, const char *plan_id, const char *task_id,
                     json_t *body, char id[STORE_ID_LEN])
{
    json_t *plan = care_plan_load(req, res, plan_id);
    if (!plan)
        return -1;
    json_t *errors = json_array(), *task = NULL;
    struct worker w = {0};
    struct assignment_row a = {0};
    struct date from, to;
    char competency_id[STORE_ID_LEN] = "";
    int rc = -1;
    if (care_plan_compose(req, res, plan) != 0)
        goto done;
    if (!(task = plan_task(plan, task_id))) {
        http_problem(res, req, 404, "not-found", "Not found", "No such task on this plan.");
        goto done;
    }
    plan_open(plan, errors);
    int w_ok = worker_decode(req, body, &w, errors) == 0;
    a.from_on = input_date(body, "from_on", 1, &from, errors);
    a.to_on = input_date(body, "to_on", 1, &to, errors);
    int d_ok = a.from_on && a.to_on;
    if (d_ok && date_compare(to, from) < 0) {
        http_add_error(errors, "to_on", "must be on or after the start date");
        d_ok = 0;
    }
    if (w_ok && delegable_check(task, &w, errors) == 0 && d_ok) {
        competency_check(req, task, &w, from, to, competency_id, errors);
        oversight_check(req, body, task, &w, &a, from, to, errors);
    }
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (care_plan_write_begin(req, res, plan, body) == 0) {
        char now[STORE_TIME_LEN], change[200];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct store_error err = {0};
        a.plan_task_id = task_id;
        a.plan_id = plan_id;
        a.person_id = json_string_value(json_object_get(plan, "person_id"));
        a.worker_user_id = w.user_id;
        a.worker_name = w.user ? NULL : w.name;
        a.worker_org_id = w.org_id;
        a.competency_id = competency_id[0] ? competency_id : NULL;
        int ok = care_task_assignments_insert(req->db, &by, &a, id, &err) == 0;
        char f_words[DATE_LONG_SIZE] = "", t_words[DATE_LONG_SIZE] = "";
        struct date fd, td;
        if (date_parse(a.from_on, "from_on", &fd, NULL) == 0)
            date_format_long(fd, f_words);
        if (date_parse(a.to_on, "to_on", &td, NULL) == 0)
            date_format_long(td, t_words);
        snprintf(change, sizeof change, "Task assigned: %s, %s to %s",
                 json_string_value(json_object_get(task, "task_name")), f_words, t_words);
        rc = care_plan_write_end(req, res, plan, 1, change, "create", "care_task_assignment", id, ok, &err);
    }
done:
    json_decref(w.user);
    json_decref(errors);
    json_decref(plan);
    return rc;
}

int care_plan_oversight_review(struct request *req, struct response *res, const char *plan_id,
                               const char *assignment_id, json_t *body)
{
    json_t *plan = care_plan_load(req, res, plan_id);
    if (!plan)
        return -1;
    json_t *errors = json_array();
    struct date on, next, today = input_today();
    const char *reviewed_on = input_date(body, "reviewed_on", 1, &on, errors);
    const char *next_on = input_date(body, "next_review_on", 1, &next, errors);
    if (reviewed_on && date_compare(on, today) > 0)
        http_add_error(errors, "reviewed_on", "must not be in the future");
    if (reviewed_on && next_on && date_compare(next, on) <= 0)
        http_add_error(errors, "next_review_on", "must be after the review");
    plan_open(plan, errors);
    int rc = -1;
    if (!care_plan_registered_health(req->who.profession)) {
        http_problem(res, req, 403, "not-registered-practitioner", "Only a registered practitioner can record this",
                     "Oversight of a delegated health task is reviewed by a registered health practitioner.");
    } else if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (care_plan_write_begin(req, res, plan, body) == 0) {
        char now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct store_error err = {0};
        int ok = care_task_assignments_reviewed(req->db, &by, assignment_id, plan_id, reviewed_on, next_on, &err) == 0;
        if (!ok && err.code == STORE_ENOTFOUND) {
            store_tx_rollback(req->db);
            http_problem(res, req, 404, "not-found", "Not found", "No delegated assignment with this id on this plan.");
        } else {
            rc = care_plan_write_end(req, res, plan, 1, "Oversight review recorded", "update", "care_task_assignment",
                                     assignment_id, ok, &err);
        }
    }
    json_decref(errors);
    json_decref(plan);
    return rc;
}
