/* /disputes pages: the list, raising a dispute and one dispute with its
 * stage, deadline, history, evidence and the forms to escalate, add a note
 * or meeting, agree an outcome or withdraw (svc/disputes.h). Dates in
 * words, stages in words, the person's banner on every dispute page. */
#include "api/api.h"
#include "api/disputes_api.h"
#include "domain/apportion.h"
#include "domain/nhs_number.h"
#include "pages/page.h"
#include "svc/disputes.h"
#include "web/web.h"
#include <stdlib.h>
#include <string.h>

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static const char *stage_words(const char *stage)
{
    static const char *const map[][2] = {{"case_leads", "Case leads"}, {"managers", "Managers"},
                                         {"senior_officers", "Senior officers"},
                                         {"arbitration", "Independent arbitration"}};
    for (size_t i = 0; stage && i < 4; i++)
        if (strcmp(stage, map[i][0]) == 0)
            return map[i][1];
    return "";
}

static const char *subject_words(const char *type)
{
    static const char *const map[][2] = {{"chc_decision", "CHC eligibility decision"},
                                         {"joint_funding_decision", "Joint funding panel decision"},
                                         {"plan_task", "Care plan task (s.22 or accountability)"},
                                         {"shared_care_discussion", "Shared care discussion that did not settle"}};
    for (size_t i = 0; type && i < 4; i++)
        if (strcmp(type, map[i][0]) == 0)
            return map[i][1];
    return "";
}

/* "2 December 2026" beside each date member named. */
static void words(json_t *o, const char *key)
{
    const char *s = jstr(o, key);
    struct date d;
    char w[DATE_WORDS_SIZE], k[64];
    if (!s || date_parse(s, key, &d, NULL) != 0)
        return;
    date_format_words(d, w);
    snprintf(k, sizeof k, "%s_words", key);
    json_object_set_new(o, k, json_string(w));
}

static void pounds(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v))
        return;
    long long p = json_integer_value(v), a = llabs(p);
    char k[64], out[48];
    snprintf(k, sizeof k, "%s_display", key);
    snprintf(out, sizeof out, "%s£%lld.%02lld", p < 0 ? "-" : "", a / 100, a % 100);
    json_object_set_new(o, k, json_string(out));
}

/* Words for a dispute's codes and dates, for the templates. */
static void decorate(json_t *d)
{
    json_object_set_new(d, "stage_words", json_string(stage_words(jstr(d, "stage"))));
    json_object_set_new(d, "next_stage_words", json_string(stage_words(jstr(d, "next_stage"))));
    json_object_set_new(d, "subject_words", json_string(subject_words(jstr(json_object_get(d, "subject"), "type"))));
    json_object_set_new(d, "is_open", json_boolean(strcmp(jstr(d, "state"), "open") == 0));
    static const char *const dates[] = {"stage_deadline", "stage_started_on", "raised_on", "effective_from",
                                        "closed_on"};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
        words(d, dates[i]);
    /* The agreed split in percent (issue #14 item 12): stored as basis points. */
    json_t *split = json_object_get(json_object_get(d, "outcome"), "split");
    static const char *const part[] = {"nhs", "council", "person"};
    for (int k = 0; json_is_object(split) && k < 3; k++) {
        char pc[APPORTION_PERCENT_SIZE], key[24];
        apportion_percent_format((long long)json_integer_value(json_object_get(split, part[k])), pc);
        snprintf(key, sizeof key, "%s_percent", part[k]);
        json_object_set_new(split, key, json_string(pc));
    }
    json_t *p = json_object_get(d, "person");
    words(p, "date_of_birth");
    if (jstr(p, "nhs_number")) {
        char f[NHS_NUMBER_FORMATTED];
        nhs_number_format(jstr(p, "nhs_number"), f);
        json_object_set_new(p, "nhs_number_formatted", json_string(f));
    }
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(d, "events"), i, e) {
        const char *at = jstr(e, "at");
        if (at && strlen(at) >= 10) {
            json_object_set_new(e, "on", json_stringn(at, 10));
            words(e, "on");
        }
        static const char *const kinds[][2] = {{"raised", "Raised"}, {"escalated", "Escalated"}, {"note", "Note"},
                                               {"meeting", "Meeting"}, {"position", "Position"},
                                               {"outcome", "Outcome agreed"}, {"withdrawn", "Withdrawn"},
                                               {"attachment", "Evidence added"}};
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            if (strcmp(jstr(e, "kind"), kinds[k][0]) == 0)
                json_object_set_new(e, "kind_words", json_string(kinds[k][1]));
    }
    json_t *r = json_object_get(d, "reconciliation");
    if (json_is_object(r)) {
        static const char *const money[] = {"total_pence", "nhs_pence", "council_pence", "person_pence",
                                            "weekly_cost_pence"};
        for (size_t k = 0; k < 5; k++)
            pounds(r, money[k]);
        long long owes = json_integer_value(json_object_get(r, "council_owes_nhs_pence"));
        json_object_set_new(r, "owed_display", json_string(""));
        json_object_set_new(r, "council_owes_nhs_pence_abs", json_integer(llabs(owes)));
        pounds(r, "council_owes_nhs_pence_abs");
        json_object_set_new(r, "direction", json_string(owes > 0 ? "The council owes the NHS" : owes < 0 ?
                                                        "The NHS owes the council" : "Nothing is owed"));
        json_object_set_new(r, "interim_funder_words", json_string(strcmp(jstr(r, "interim_funder"), "council") == 0
                                                                   ? "The council's" : "The NHS's"));
        words(r, "from_on");
        words(r, "to_on");
    }
}

void p_disputes(struct request *req, struct response *res)
{
    const char *state = http_query(req, "state");
    if (!state || !*state)
        state = "open";
    json_t *out;
    int rc = svc_dispute_list(api_ctx(req), state, NULL, 200, &out);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(out, "items"), i, d) decorate(d);
    json_t *data = json_pack("{s:O, s:s, s:b, s:b, s:b}", "items", json_object_get(out, "items"), "state", state,
                             "is_open", strcmp(state, "open") == 0, "is_overdue", strcmp(state, "overdue") == 0,
                             "is_closed", strcmp(state, "closed") == 0);
    web_page(req, res, 200, "disputes", "Inter-agency disputes", data);
}

/* ---- raising ---- */

static void show_new(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    (void)arg;
    json_t *partners;
    int rc = svc_dispute_partners(api_ctx(req), &partners);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_t *data = page_error_data(errors);
    /* "subject.type" → also "subject_type", so a template can name it. */
    json_t *fe = json_object_get(data, "field_errors"), *v;
    const char *key;
    void *tmp;
    json_object_foreach_safe(fe, tmp, key, v) {
        if (strchr(key, '.')) {
            char k[64];
            snprintf(k, sizeof k, "%s", key);
            for (char *q = k; *q; q++)
                *q = *q == '.' ? '_' : *q;
            json_object_set(fe, k, v);
        }
    }
    json_object_set_new(data, "own_org_id", json_string(api_ctx(req)->org_id ? api_ctx(req)->org_id : ""));
    json_t *typed = form ? json_deep_copy(form) : json_object();
    if (!form) {
        const char *t = http_query(req, "subject_type"), *id = http_query(req, "subject_id");
        json_object_set_new(typed, "subject_type", json_string(t ? t : ""));
        json_object_set_new(typed, "subject_id", json_string(id ? id : ""));
    }
    const char *st = jstr(typed, "subject_type"), *ag = jstr(typed, "against_org_id");
    static const char *const types[] = {"chc_decision", "joint_funding_decision", "plan_task",
                                        "shared_care_discussion"};
    json_t *opts = json_array(), *o;
    for (size_t i = 0; i < 4; i++)
        json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", types[i], "label", subject_words(types[i]),
                                              "selected", st && strcmp(st, types[i]) == 0));
    json_t *orgs = json_array();
    size_t i;
    json_array_foreach(partners, i, o)
        json_array_append_new(orgs, json_pack("{s:O, s:O, s:b}", "id", json_object_get(o, "id"), "name",
                                              json_object_get(o, "name"), "selected", ag && strcmp(ag, jstr(o, "id")) == 0));
    json_object_set_new(data, "typed", typed);
    json_object_set_new(data, "subject_types", opts);
    json_object_set_new(data, "partners", orgs);
    web_page(req, res, status, "dispute_new", "Raise an inter-agency dispute", data);
}

void p_dispute_new(struct request *req, struct response *res)
{
    show_new(req, res, 200, NULL, NULL, NULL);
}

static int act_new(struct svc_ctx *c, json_t *form, void *arg)
{
    json_t **out = arg;
    json_t *in = svc_own(c, json_deep_copy(form));
    json_object_set_new(in, "subject", json_pack("{s:s?, s:s?}", "type", jstr(form, "subject_type"), "id",
                                                 jstr(form, "subject_id")));
    if (jstr(form, "subject_type") && !*jstr(form, "subject_type"))
        json_object_set_new(json_object_get(in, "subject"), "type", json_null());
    return svc_dispute_create(c, in, out);
}

static const char *next_new(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/disputes/%s", jstr(*(json_t **)arg, "id"));
}

void p_dispute_new_post(struct request *req, struct response *res)
{
    json_t *out = NULL;
    page_post(req, res, &(struct page_form){NULL, act_new, next_new, show_new, &out, NULL});
}

/* ---- one dispute ---- */

static void show(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    (void)arg;
    json_t *d;
    int rc = svc_dispute_get(api_ctx(req), req->params[0], &d);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    decorate(d);
    json_t *data = page_error_data(errors);
    const char *org = api_ctx(req)->org_id;
    json_object_set(data, "dispute", d);
    json_object_set_new(data, "typed", form ? json_deep_copy(form) : json_object());
    json_object_set_new(data, "is_raiser", json_boolean(org && strcmp(org, jstr(json_object_get(d, "raised_by_org"),
                                                                                   "id")) == 0));
    json_object_set_new(data, "is_against", json_boolean(org && strcmp(org, jstr(json_object_get(d, "against_org"),
                                                                                    "id")) == 0));
    web_page(req, res, status, "dispute", "Inter-agency dispute", data);
}

void p_dispute(struct request *req, struct response *res)
{
    show(req, res, 200, NULL, NULL, NULL);
}

/* The NHS.UK date input's <name>-day/-month/-year as "YYYY-MM-DD" ("" when not a date). */
static void form_date(struct svc_ctx *c, json_t *in, const char *name)
{
    char k[3][64];
    snprintf(k[0], 64, "%s-day", name);
    snprintf(k[1], 64, "%s-month", name);
    snprintf(k[2], 64, "%s-year", name);
    const char *d = jstr(in, k[0]), *m = jstr(in, k[1]), *y = jstr(in, k[2]);
    if (!d && !m && !y)
        return;
    long dd = d ? strtol(d, NULL, 10) : 0, mm = m ? strtol(m, NULL, 10) : 0, yy = y ? strtol(y, NULL, 10) : 0;
    const char *v = dd < 1 || dd > 31 || mm < 1 || mm > 12 || yy < 1000 || yy > 9999
                    ? "" : arena_printf(c->arena, "%04ld-%02ld-%02ld", yy, mm, dd);
    json_object_set_new(in, name, json_string(v));
}

struct action { const char *name, *id; };

static int act(struct svc_ctx *c, json_t *form, void *arg)
{
    const struct action *a = arg;
    const char *action = a->name, *id = a->id;
    json_t *in = svc_own(c, json_deep_copy(form)), *out;
    struct svc_expect e = {NULL, json_object_get(form, "version")};
    form_date(c, in, "effective_from");
    form_date(c, in, "met_on");
    if (strcmp(action, "outcome") == 0) {
        /* The split is typed in percent; the service takes basis points. */
        const char *typed[3] = {jstr(form, "split_nhs"), jstr(form, "split_council"), jstr(form, "split_person")};
        if ((typed[0] && *typed[0]) || (typed[1] && *typed[1]) || (typed[2] && *typed[2])) {
            long long bp[3], sum = 0;
            for (int k = 0; k < 3; k++) {
                const char *t = typed[k] && *typed[k] ? typed[k] : k == 2 ? "0" : "";
                if (apportion_percent_parse(t, "split", &bp[k], NULL) != 0) {
                    svc_field_error(c, "split", "Enter the NHS, council and person shares as percentages from 0 to "
                                                "100, like 60 or 33.33");
                    return SVC_INVALID;
                }
                sum += bp[k];
            }
            if (sum != APPORTION_BASIS_POINTS_WHOLE) {
                svc_field_error(c, "split", "The NHS, council and person percentages must add up to 100%");
                return SVC_INVALID;
            }
            json_object_set_new(in, "split", json_pack("{s:I, s:I, s:I}", "nhs", (json_int_t)bp[0], "council",
                                                       (json_int_t)bp[1], "person", (json_int_t)bp[2]));
        }
        return svc_dispute_outcome(c, id, in, &e, &out);
    }
    if (strcmp(action, "escalate") == 0)
        return svc_dispute_escalate(c, id, in, &e, &out);
    if (strcmp(action, "notes") == 0)
        return svc_dispute_note(c, id, in, &e, &out);
    return svc_dispute_withdraw(c, id, in, &e, &out);
}

static const char *next(struct request *req, void *arg)
{
    (void)arg;
    return arena_printf(&req->arena, "/disputes/%s", req->params[0]);
}

/* POST /disputes/{id}/{action}: escalate, notes, outcome or withdraw. */
void p_dispute_action_post(struct request *req, struct response *res)
{
    static const char *const actions[] = {"escalate", "notes", "outcome", "withdraw"};
    const char *action = NULL;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(req->params[1], actions[i]) == 0)
            action = actions[i];
    if (!action) {
        http_problem(res, req, 404, "not-found", "Not found", NULL);
        return;
    }
    struct action *a = arena_alloc(&req->arena, sizeof *a);
    *a = (struct action){action, req->params[0]};
    page_post(req, res, &(struct page_form){action, act, next, show, a, NULL});
}

void p_dispute_attachment(struct request *req, struct response *res)
{
    h_dispute_attachment(req, res);
}
