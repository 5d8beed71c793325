/* Training towards delegated-task competencies: courses, attendance, and
 * the uptake measure (domain/care_plan.h) — reported in aggregate only. */
#include "api/api.h"
#include "api/body_input.h"
#include "api/care_plans_api.h"
#include "api/handlers.h"
#include "domain/care_plan.h"
#include "domain/kpi.h"
#include "store/care_plans.h"
#include "store/training.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Commits a write with its audit entry, or answers 409 (duplicate) / 503. */
static int commit(struct request *req, struct response *res, int ok, const char *rtype, const char *id,
                  struct store_error *err)
{
    struct svc_ctx c = api_svc_ctx(req);
    if (ok && svc_audit(&c, "create", rtype, id, NULL, NULL, err) == 0 && store_tx_commit(req->db, err) == 0)
        return 0;
    store_tx_rollback(req->db);
    if (err->code == STORE_ECONSTRAINT)
        http_problem(res, req, 409, "conflict", "Already exists", "A course with this code already exists.");
    else
        http_internal(res, req, 503, err->message);
    return -1;
}

int training_course_create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    json_t *errors = json_array();
    const char *code = input_text(body, "code", 1, 40, errors);
    const char *title = input_text(body, "title", 1, 200, errors);
    const char *competency = api_str(body, "competency_code", errors);
    if (!care_known_competency(req, competency))
        svc_error_add(errors, "competency_code", "must be a competency a catalogue task requires");
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        return -1;
    }
    json_decref(errors);
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct store_error err = {0};
    int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
             training_courses_insert(req->db, &by, code, title, competency, req->who.org_id, id, &err) == 0;
    return commit(req, res, ok, "training_course", id, &err);
}

json_t *training_course_read(struct request *req, struct response *res, const char *id)
{
    struct store_error err = {0};
    json_t *c = training_courses_get(req->db, id, &err);
    if (!c && err.code == STORE_ENOTFOUND)
        http_problem(res, req, 404, "not-found", "Not found", "No such training course.");
    else if (!c)
        http_internal(res, req, 503, err.message);
    return c;
}

json_t *training_course_list(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *items = training_courses_list(req->db, &err);
    if (!items)
        http_internal(res, req, 503, err.message);
    return items;
}

int training_attendance_record(struct request *req, struct response *res, const char *course_id, json_t *body)
{
    json_t *course = training_course_read(req, res, course_id);
    if (!course)
        return -1;
    json_decref(course);
    json_t *errors = json_array(), *user = NULL;
    struct training_attendance_row a = {course_id, NULL, NULL, NULL, NULL, 0};
    struct date on;
    care_worker_decode(req, body, &a.worker_user_id, &a.worker_name, &a.worker_org_id, &user, errors);
    a.attended_on = input_date(body, "attended_on", 1, &on, errors);
    if (a.attended_on && date_compare(on, input_today()) > 0)
        svc_error_add(errors, "attended_on", "must not be in the future");
    a.completed = input_bool(body, "completed", errors);
    int rc = -1;
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else {
        char now[STORE_TIME_LEN], id[STORE_ID_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct store_error err = {0};
        int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
                 training_attendance_insert(req->db, &by, &a, id, &err) == 0;
        rc = commit(req, res, ok, "training_attendance", id, &err);
    }
    json_decref(user);
    json_decref(errors);
    return rc;
}

static json_t *measure(const struct training_worker *w, size_t n, struct date today)
{
    long long num, den;
    int tenths;
    int has = care_plan_training_uptake(w, n, today, &num, &den, &tenths);
    char pct[24] = "no data";
    if (has)
        snprintf(pct, sizeof pct, "%d.%d%%", tenths / 10, tenths % 10);
    return json_pack("{s:I, s:I, s:s}", "numerator", (json_int_t)num, "denominator", (json_int_t)den, "percent", pct);
}

json_t *training_uptake(struct request *req, struct response *res)
{
    struct store_error err = {0};
    struct date today = input_today();
    char t[DATE_STR_SIZE];
    date_format(today, t);
    json_t *rows = training_uptake_rows(req->db, t, &err);
    if (!rows) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    size_t n = json_array_size(rows), i, start = 0;
    struct training_worker *w = calloc(n ? n : 1, sizeof *w);
    if (!w) {
        json_decref(rows);
        http_internal(res, req, 503, "out of memory");
        return NULL;
    }
    json_t *r, *by = json_array();
    json_array_foreach(rows, i, r) {
        const char *on = json_string_value(json_object_get(r, "last_trained_on"));
        w[i].trained = on && date_parse(on, "last_trained_on", &w[i].last_completed, NULL) == 0;
    }
    /* Rows come ordered by competency: one measure per run of the same code. */
    for (i = 1; i <= n; i++) {
        const char *code = json_string_value(json_object_get(json_array_get(rows, start), "competency_code"));
        if (i == n || strcmp(code, json_string_value(json_object_get(json_array_get(rows, i), "competency_code")))) {
            json_t *m = measure(w + start, i - start, today);
            json_object_set_new(m, "competency_code", json_string(code));
            json_array_append_new(by, m);
            start = i;
        }
    }
    json_t *out = measure(w, n, today);
    json_object_set_new(out, "by_competency", by);
    free(w);
    json_decref(rows);
    return out;
}

/* ---- Handlers ---- */

void h_training_course_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    if (training_course_create(req, res, body, id) == 0) {
        json_t *c = training_course_read(req, res, id);
        if (c)
            http_json(res, 201, c);
    }
    json_decref(body);
}

void h_training_course_list(struct request *req, struct response *res)
{
    json_t *items = training_course_list(req, res);
    if (items)
        http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void h_training_attendance(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (training_attendance_record(req, res, req->params[0], body) == 0) {
        json_t *c = training_course_read(req, res, req->params[0]);
        if (c)
            http_json(res, 201, c);
    }
    json_decref(body);
}

void h_training_uptake(struct request *req, struct response *res)
{
    json_t *out = training_uptake(req, res);
    if (out)
        http_json(res, 200, out);
}
