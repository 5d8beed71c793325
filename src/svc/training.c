#include "svc/training.h"
#include "svc/care_workers.h"
#include "svc/input.h"
#include "domain/care_plan.h"
#include "store/training.h"
#include <stdio.h>
#include <string.h>

/* Ends a create: 409 naming the duplicate, else as svc_tx_end. */
static int end_create(struct svc_ctx *c, int rc, const char *rtype, const char *id)
{
    if (rc == 0) rc = svc_tx_audit(c, "create", rtype, id, NULL, NULL);
    if (rc == STORE_ECONSTRAINT)
        rc = svc_refuse(c, SVC_CONFLICT, NULL, "A course with this code already exists.");
    return svc_tx_end(c, rc);
}

int svc_training_course_create(struct svc_ctx *c, json_t *in, char id[STORE_ID_LEN])
{
    json_t *errors = svc_errors(c);
    const char *code = input_line(in, "code", 1, 40, errors);
    const char *title = input_line(in, "title", 1, 200, errors);
    const char *competency = input_str(in, "competency_code", errors);
    if (!svc_known_competency(c, competency))
        svc_error_add(errors, "competency_code", "must be a competency a catalogue task requires");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = training_courses_insert(c->db, &by, code, title, competency, c->org_id, id, &c->err);
    return end_create(c, rc, "training_course", id);
}

int svc_training_course_get(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = svc_own(c, training_courses_get(c->db, id, &c->err));
    return *out ? SVC_OK : svc_store_fail(c, c->err.code, "training course");
}

int svc_training_course_list(struct svc_ctx *c, json_t **items)
{
    *items = svc_own(c, training_courses_list(c->db, &c->err));
    return *items ? SVC_OK : svc_failed(c, "training courses");
}

int svc_training_attendance(struct svc_ctx *c, const char *course_id, json_t *in)
{
    json_t *course, *user;
    int rc = svc_training_course_get(c, course_id, &course);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c);
    struct training_attendance_row a = {course_id, NULL, NULL, NULL, NULL, 0};
    struct date on;
    svc_worker_decode(c, in, &a.worker_user_id, &a.worker_name, &a.worker_org_id, &user, errors);
    a.attended_on = input_date(in, "attended_on", 1, &on, errors);
    if (a.attended_on && date_compare(on, svc_today(c)) > 0)
        svc_error_add(errors, "attended_on", "must not be in the future");
    a.completed = input_bool(in, "completed", errors);
    if (svc_has_errors(c))
        return SVC_INVALID;
    char id[STORE_ID_LEN];
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0) rc = training_attendance_insert(c->db, &by, &a, id, &c->err);
    return end_create(c, rc, "training_attendance", id);
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

int svc_training_uptake(struct svc_ctx *c, json_t **out)
{
    struct date today = svc_today(c);
    char t[DATE_STR_SIZE];
    date_format(today, t);
    json_t *rows = svc_own(c, training_uptake_rows(c->db, t, &c->err));
    if (!rows)
        return svc_failed(c, "training uptake");
    size_t n = json_array_size(rows), i, start = 0;
    struct training_worker *w = arena_alloc(c->arena, (n ? n : 1) * sizeof *w);
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
    *out = svc_own(c, measure(w, n, today));
    json_object_set_new(*out, "by_competency", by);
    return SVC_OK;
}
