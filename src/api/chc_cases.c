/* CHC cases: the case with its 28-day clock (domain/dates.h
 * chc_clock_compute, with today), the CHC team's work list by stage and
 * the person's pathway. */
#include "api/api.h"
#include "api/chc_api.h"
#include "api/person_access.h"
#include "domain/dates.h"
#include "store/chc.h"
#include "util/clock.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The work list keeps decided cases this long after the decision. */
#define CHC_RECENT_DAYS 30

int chc_date_field(const char *v, const char *field, int required, json_t *errors)
{
    struct date d;
    struct domain_error de;
    char today[11];
    clock_today(today);
    if (!v || !*v) {
        if (!required)
            return 0;
        svc_error_add(errors, field, "is required (YYYY-MM-DD)");
        return -1;
    }
    if (date_parse(v, field, &d, &de) < 0) {
        svc_error_add(errors, field, de.message);
        return -1;
    }
    if (strcmp(v, today) > 0) {
        svc_error_add(errors, field, "must not be in the future");
        return -1;
    }
    return 0;
}

static int is(json_t *o, const char *key, const char *value)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v && strcmp(v, value) == 0;
}

void chc_case_present(json_t *c)
{
    struct date received, today, decided;
    char t[11], due[DATE_STR_SIZE];
    clock_today(t);
    today = date_parse_or(t, (struct date){1970, 1, 1});
    const char *dec = json_string_value(json_object_get(c, "decided_on"));
    int has_dec = dec && date_parse(dec, "decided_on", &decided, NULL) == 0;
    struct chc_clock k;
    if (date_parse(json_string_value(json_object_get(c, "received_on")), "received_on", &received, NULL) == 0 &&
        chc_clock_compute(received, today, has_dec ? &decided : NULL, &k, NULL) == 0) {
        date_format(k.due, due);
        json_object_set_new(c, "clock", json_pack("{s:i, s:i, s:s, s:s, s:b, s:b}", "days_elapsed", k.days_elapsed,
                            "days_left", k.days_left, "due_on", due, "status", chc_clock_status_name(k.status),
                            "decided", k.decided, "within_28_days", k.within_28_days));
        if (k.days_left < 0)
            json_object_set_new(json_object_get(c, "clock"), "days_over", json_integer(-k.days_left));
        json_object_set_new(c, "is_breached", json_boolean(k.status == CHC_CLOCK_BREACHED));
        json_object_set_new(c, "is_at_risk", json_boolean(k.status == CHC_CLOCK_AT_RISK));
    }
    static const char *const labels[][2] = {{"awaiting_assessment", "Awaiting full assessment"},
        {"assessed", "Assessed: awaiting the ICB decision"}, {"deferred", "Decision deferred"},
        {"decided", "Decided"}, {"closed", "Closed"}};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (is(c, "status", labels[i][0]))
            json_object_set_new(c, "status_label", json_string(labels[i][1]));
    json_object_set_new(c, "is_eligible", json_boolean(is(c, "outcome", "eligible")));
    json_object_set_new(c, "is_not_eligible", json_boolean(is(c, "outcome", "not_eligible")));
    json_object_set_new(c, "is_fast_track", json_boolean(is(c, "route", "fast_track")));
    json_object_set_new(c, "is_decided", json_boolean(is(c, "status", "decided")));
    static const char *const outcomes[][2] = {{"eligible", "Eligible for NHS Continuing Healthcare"},
        {"not_eligible", "Not eligible"}, {"deferred", "Deferred"}};
    for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
        if (is(c, "outcome", outcomes[i][0]))
            json_object_set_new(c, "outcome_text", json_string(outcomes[i][1]));
    json_object_set_new(c, "may_assess", json_boolean(is(c, "status", "awaiting_assessment") ||
                                                      is(c, "status", "deferred")));
    json_object_set_new(c, "may_decide", json_boolean(is(c, "status", "assessed") || is(c, "status", "deferred")));
}

/* The related records of a case into c; 0 or -1 (err filled). */
static int attach(struct request *req, json_t *c, const char *id, struct store_error *err)
{
    json_t *events = chc_case_events(req->db, id, err);
    json_t *assess = events ? chc_assessments_for_case(req->db, id, err) : NULL;
    json_t *dec = assess ? chc_decisions_for_case(req->db, id, err) : NULL;
    const char *kid = json_string_value(json_object_get(c, "checklist_id"));
    json_t *k = kid && dec ? chc_checklist_get(req->db, kid, err) : NULL;
    if (!dec) {
        json_decref(events);
        json_decref(assess);
        return -1;
    }
    json_object_set_new(c, "history", events);
    json_object_set_new(c, "assessments", assess);
    json_object_set_new(c, "decisions", dec);
    json_object_set_new(c, "checklist", k ? k : json_null());
    return 0;
}

json_t *chc_case_read(struct request *req, struct response *res, const char *id)
{
    struct store_error err = {0};
    json_t *c = person_record_check(req, res, chc_case_get(req->db, id, &err), &err, "CHC case");
    if (!c)
        return NULL;
    char basis[16];
    snprintf(basis, sizeof basis, "%s", json_string_value(json_object_get(c, "basis")));
    json_object_del(c, "basis");
    const char *pid = json_string_value(json_object_get(c, "person_id"));
    if (attach(req, c, id, &err) < 0) {
        http_internal(res, req, 503, err.message);
        json_decref(c);
        return NULL;
    }
    if (api_audit_read(req, res, "chc_case", id, pid, basis) < 0) {
        json_decref(c);
        return NULL;
    }
    chc_case_present(c);
    return c;
}

static int clock_rank(json_t *c)
{
    if (json_is_true(json_object_get(c, "is_decided")))
        return 3;
    const char *s = json_string_value(json_object_get(json_object_get(c, "clock"), "status"));
    return s && strcmp(s, "breached") == 0 ? 0 : s && strcmp(s, "at_risk") == 0 ? 1 : 2;
}

static int by_clock(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int d = clock_rank(x) - clock_rank(y);
    if (d)
        return d;
    return strcmp(json_string_value(json_object_get(x, "received_on")),
                  json_string_value(json_object_get(y, "received_on")));
}

/* Present, filter by clock status, and order breached first. */
static json_t *order(json_t *rows, const char *clock)
{
    size_t n = json_array_size(rows), k = 0, i;
    json_t **v = calloc(n ? n : 1, sizeof *v), *it;
    json_t *out = json_array();
    json_array_foreach(rows, i, it) {
        chc_case_present(it);
        const char *s = json_string_value(json_object_get(json_object_get(it, "clock"), "status"));
        if (v && (!clock || (s && strcmp(s, clock) == 0 && !json_is_true(json_object_get(it, "is_decided")))))
            v[k++] = it;
    }
    if (v)
        qsort(v, k, sizeof *v, by_clock);
    for (i = 0; v && i < k; i++)
        json_array_append(out, v[i]);
    free(v);
    return out;
}

json_t *chc_case_list(struct request *req, struct response *res, const char *status, const char *clock, int limit)
{
    static const char *const statuses[] = {"awaiting_assessment", "assessed", "deferred", "decided", "closed"};
    static const char *const clocks[] = {"on_time", "at_risk", "breached"};
    json_t *errors = json_array();
    int ok = !status;
    for (size_t i = 0; status && i < 5; i++)
        ok |= strcmp(status, statuses[i]) == 0;
    if (!ok)
        svc_error_add(errors, "status", "must be awaiting_assessment, assessed, deferred, decided or closed");
    ok = !clock;
    for (size_t i = 0; clock && i < 3; i++)
        ok |= strcmp(clock, clocks[i]) == 0;
    if (!ok)
        svc_error_add(errors, "clock", "must be on_time, at_risk or breached");
    struct store_error err = {0};
    json_t *rows = NULL, *items = NULL;
    char since[11];
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (chc_user_in_chc_team(req->db, req->who.user_id, &err) != 0) {
        http_problem(res, req, 403, "not-chc-team", "Not a CHC team member",
                     "Only members of the ICB's CHC team see the CHC work list.");
    } else if (clock_date_offset(-CHC_RECENT_DAYS, since),
               !(rows = chc_cases_list(req->db, req->who.user_id, status, since, limit, &err))) {
        http_internal(res, req, 503, err.message);
    } else {
        items = order(rows, clock);
        if (api_audit_read_items(req, res, "chc_case", items, "person_id", "relationship") < 0) {
            json_decref(items);
            items = NULL;
        }
    }
    json_decref(rows);
    json_decref(errors);
    return items;
}

json_t *chc_person_pathway(struct request *req, struct response *res, const char *person_id)
{
    enum access_decision d;
    const char *basis;
    if (person_check(req, res, person_id, &d, &basis) < 0)
        return NULL;
    struct store_error err = {0};
    json_t *k = chc_checklists_for_person(req->db, person_id, &err);
    json_t *c = k ? chc_cases_for_person(req->db, person_id, &err) : NULL;
    if (!c) {
        json_decref(k);
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    if (api_audit_read(req, res, "chc_pathway", person_id, person_id, basis) < 0) {
        json_decref(k);
        json_decref(c);
        return NULL;
    }
    size_t i;
    json_t *it;
    json_array_foreach(c, i, it)
        chc_case_present(it);
    return json_pack("{s:s, s:o, s:o}", "person_id", person_id, "checklists", k, "cases", c);
}
