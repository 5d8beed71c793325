/* Joint funding requests, the panel's agenda and decisions, interim
 * funding (joint_funding_api.h). The statement is in joint_funding_statement.c. */
#include "api/body_input.h"
#include "api/care_plans_api.h"
#include "api/joint_funding_api.h"
#include "api/joint_funding_int.h"
#include "svc/plan_money.h"
#include "api/person_access.h"
#include "domain/joint_funding.h"
#include "domain/money.h"
#include "store/care_plans.h"
#include "store/joint_funding.h"
#include "store/referrals.h"
#include "util/num.h"
#include <stdio.h>
#include <stdlib.h>
#include "domain/apportion.h"
#include <string.h>

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* A whole number 0..MONEY_SPLIT_MAX_WEIGHT_TOTAL from JSON or a form's digits
 * (so three add up without overflow); *ok = 0 when not. */
static long long weight(json_t *v, int *ok)
{
    if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= MONEY_SPLIT_MAX_WEIGHT_TOTAL)
        return (long long)json_integer_value(v);
    const char *s = json_string_value(v);
    int64_t n;
    if (s && strspn(s, "0123456789") == strlen(s) && strlen(s) <= 10 && num_parse_i64(s, &n) == 0)
        return n;
    *ok = 0;
    return 0;
}

/* A split {unit?, nhs, council, person} from body[key] or flat form fields
 * "<key>_nhs" …; errors name "<key>.nhs" etc. 0 ok. */
int jf_api_split_decode(struct request *req, json_t *body, const char *key, struct jf_split_row *s, json_t *errors)
{
    json_t *o = json_object_get(body, key);
    static const char *const part[] = {"nhs", "council", "person"};
    static const char *const label[] = {"NHS", "council", "person"};
    long long *dst[] = {&s->nhs, &s->council, &s->person};
    const char *unit = NULL;
    int bad = 0;
    if (o && !json_is_object(o)) {
        http_add_error(errors, key, "must be an object {unit, nhs, council, person}");
        return -1;
    }
    unit = o ? jstr(o, "unit") : json_string_value(json_object_get(body, arena_printf(&req->arena, "%s_unit", key)));
    if (!unit || !*unit)
        unit = "basis_points";
    /* Pages send percentages ("60", "33.33"); the API may too, or keep
     * exact basis points (issue #14 item 12). Stored as basis points. */
    int percent = strcmp(unit, "percent") == 0;
    if (!percent && strcmp(unit, "basis_points") != 0 && strcmp(unit, "shares") != 0) {
        http_add_error(errors, arena_printf(&req->arena, "%s.unit", key),
                       "Choose how the cost is split: percentages, basis points or shares");
        bad = 1;
    }
    s->unit = strcmp(unit, "shares") == 0 ? "shares" : "basis_points";
    long long total = 0;
    for (int i = 0; i < 3; i++) {
        json_t *v = o ? json_object_get(o, part[i]) : json_object_get(body, arena_printf(&req->arena, "%s_%s", key,
                                                                                          part[i]));
        /* JSON names "<key>.<part>"; a page's flat field "<key>_<part>". */
        const char *field = arena_printf(&req->arena, o ? "%s.%s" : "%s_%s", key, part[i]);
        int ok = v != NULL;
        if (percent) {
            const char *text = json_is_integer(v) ? arena_printf(&req->arena, "%lld", (long long)json_integer_value(v))
                                                  : json_string_value(v);
            ok = apportion_percent_parse(text, field, dst[i], NULL) == 0;
            if (!ok)
                http_add_error(errors, field, arena_printf(&req->arena, "Enter the %s share as a percentage from 0 to "
                                                           "100, like 60 or 33.33", label[i]));
        } else {
            *dst[i] = v ? weight(v, &ok) : 0;
            if (!ok)
                http_add_error(errors, field, arena_printf(&req->arena, "Enter the %s share as a whole number",
                                                           label[i]));
        }
        bad |= !ok;
        total += *dst[i];
    }
    if (!bad && percent && total != APPORTION_BASIS_POINTS_WHOLE) {
        http_add_error(errors, key, "The NHS, council and person percentages must add up to 100%");
        bad = 1;
    } else if (!bad && strcmp(s->unit, "basis_points") == 0 && total != APPORTION_BASIS_POINTS_WHOLE) {
        http_add_error(errors, key, "The basis points must add up to 10000 (100%)");
        bad = 1;
    } else if (!bad && (total <= 0 || total > MONEY_SPLIT_MAX_WEIGHT_TOTAL)) {
        http_add_error(errors, key, "The shares must add up to more than 0");
        bad = 1;
    }
    return bad ? -1 : 0;
}

/* 0 when the caller sits on the panel team_id (member, or panel_member of its organisation). */
static int panel_member(struct request *req, json_t *panel)
{
    struct store_error err = {0};
    if (referrals_user_in_team(req->db, req->who.user_id, jstr(panel, "team_id"), &err) == 0)
        return 0;
    return strcmp(req->who.role, "panel_member") == 0 && strcmp(req->who.org_id, jstr(panel, "org_id")) == 0 ? 0 : -1;
}

json_t *jf_api_panel_load(struct request *req, struct response *res, const char *team_id, int member)
{
    struct store_error err = {0};
    json_t *p = jf_panel_get(req->db, team_id, &err);
    if (!p) {
        if (err.code == STORE_ENOTFOUND)
            http_problem(res, req, 404, "not-found", "No such panel", "That team has no joint funding panel.");
        else
            http_internal(res, req, 503, err.message);
        return NULL;
    }
    if (member && panel_member(req, p) != 0) {
        json_decref(p);
        http_problem(res, req, 403, "not-a-panel-member", "Only the panel's members may do this",
                     "Joint funding decisions are made by the panel's members.");
        return NULL;
    }
    return p;
}

/* The panel's next meeting on or after `on` into out. */
int jf_api_panel_next(json_t *panel, struct date on, struct date *out)
{
    struct date first;
    if (date_parse(jstr(panel, "first_on"), "first_on", &first, NULL) != 0)
        return -1;
    return jf_next_panel(first, (int)json_integer_value(json_object_get(panel, "cycle_days")), 0, on, out, NULL);
}

/* The task ids given, each a task of the plan (tasks). Returns the matching
 * task objects (borrowed) in a new array, or NULL with errors. */
static json_t *pick_tasks(struct request *req, json_t *body, json_t *tasks, json_t *errors)
{
    json_t *ids = json_object_get(body, "task_ids");
    if (json_is_string(ids) && !*json_string_value(ids))
        ids = NULL;
    if (json_is_string(ids)) {     /* one from a form */
        json_t *one = json_pack("[O]", ids);
        json_object_set_new(body, "task_ids", one);
        ids = one;
    }
    if (!json_is_array(ids) || json_array_size(ids) == 0) {
        http_add_error(errors, "task_ids", "choose at least one task of this plan");
        return NULL;
    }
    json_t *out = json_array();
    size_t i, j;
    json_t *v, *t;
    json_array_foreach(ids, i, v) {
        json_t *found = NULL;
        json_array_foreach(tasks, j, t) if (json_is_string(v) && json_equal(json_object_get(t, "id"), v)) found = t;
        if (!found) {
            http_add_error(errors, arena_printf(&req->arena, "task_ids[%zu]", i), "is not a task of this plan");
            json_decref(out);
            return NULL;
        }
        json_array_append(out, found);
    }
    return out;
}

static int is_health(json_t *t)
{
    const char *k = jstr(t, "kind");
    return k && (strcmp(k, "health") == 0 || strcmp(k, "registered_nurse_care") == 0);
}

/* Interim funding for each health task without agreed funding, from the plan's start. */
static int start_interims(struct request *req, const struct actor *by, json_t *plan, json_t *picked,
                          const char *request_id, struct store_error *err)
{
    size_t i;
    json_t *t;
    json_array_foreach(picked, i, t) {
        const char *tid = jstr(t, "id");
        int has = jf_interim_exists(req->db, tid, err);
        if (has < 0)
            return -1;
        if (!is_health(t) || jstr(t, "split_unit") || has)
            continue;
        char id[STORE_ID_LEN];
        struct jf_interim_row r = {tid, jstr(plan, "id"), jstr(plan, "person_id"), request_id, jstr(plan, "start_on"),
                                   (long long)json_integer_value(json_object_get(t, "weekly_cost_pence"))};
        if (jf_interim_insert(req->db, by, &r, id, err) != 0)
            return -1;
    }
    return 0;
}

static json_t *raise_fail(struct request *req, struct response *res, json_t *a, json_t *b, json_t *c,
                          struct store_error *err)
{
    store_tx_rollback(req->db);
    json_decref(a);
    json_decref(b);
    json_decref(c);
    if (err)
        http_internal(res, req, 503, err->message);
    return NULL;
}

/* Validates the request body into r, the picked tasks and the panel; NULL with res set. */
static json_t *raise_decode(struct request *req, struct response *res, json_t *plan, json_t *body,
                            struct jf_request_row *r, json_t **panel)
{
    struct store_error err = {0};
    json_t *errors = json_array();
    json_t *tasks = care_plan_tasks_for_plan(req->db, jstr(plan, "id"), &err);
    if (!tasks)
        return raise_fail(req, res, errors, NULL, NULL, &err);
    if (jf_overlay_splits(req->db, jstr(plan, "id"), tasks, input_today(), &err) != 0)
        return raise_fail(req, res, errors, tasks, NULL, &err);
    json_t *picked = pick_tasks(req, body, tasks, errors);
    jf_api_split_decode(req, body, "proposed_split", &r->proposed, errors);
    r->evidence = input_text(body, "evidence", 1, 8000, errors);
    const char *team = api_str(body, "panel_team_id", errors);
    char only[STORE_ID_LEN];
    if ((!team || !*team) && jf_panel_only(req->db, only, &err) == 0)
        team = arena_strdup(&req->arena, only);
    *panel = team && *team ? jf_panel_get(req->db, team, &err) : NULL;
    if (!*panel)
        http_add_error(errors, "panel_team_id", "must be a team with a joint funding panel");
    if (json_array_size(errors)) {
        json_decref(tasks);
        json_decref(picked);
        json_decref(*panel);
        *panel = NULL;               /* the caller frees what is left: not this twice */
        http_validation(res, req, errors);
        return NULL;
    }
    json_decref(errors);
    json_t *keep = json_deep_copy(picked);
    json_decref(picked);
    json_decref(tasks);
    r->panel_team_id = jstr(*panel, "team_id");
    return keep;
}

json_t *jf_request_raise(struct request *req, struct response *res, const char *plan_id, json_t *body)
{
    json_t *plan = care_plan_load(req, res, plan_id), *panel = NULL;
    if (!plan)
        return NULL;
    struct jf_request_row r = {plan_id, jstr(plan, "person_id"), NULL, NULL, NULL, {NULL, 0, 0, 0}};
    json_t *picked = raise_decode(req, res, plan, body, &r, &panel);
    struct date on;
    char on_s[DATE_STR_SIZE], id[STORE_ID_LEN], now[STORE_TIME_LEN];
    struct store_error err = {0};
    if (!picked || jf_api_panel_next(panel, input_today(), &on) != 0 || date_format(on, on_s) != 0) {
        if (picked)
            http_internal(res, req, 503, "panel date");
        return raise_fail(req, res, plan, panel, picked, NULL);
    }
    r.panel_on = on_s;
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    size_t i;
    json_t *t;
    if (store_tx_begin(req->db, STORE_TX_WRITE, &err) != 0 || jf_request_insert(req->db, &by, &r, id, &err) != 0)
        return raise_fail(req, res, plan, panel, picked, &err);
    json_array_foreach(picked, i, t) if (jf_request_task_add(req->db, id, jstr(t, "id"), r.person_id, &err) != 0)
        return raise_fail(req, res, plan, panel, picked, &err);
    if (start_interims(req, &by, plan, picked, id, &err) != 0 ||
        svc_audit(&c, "create", "joint_funding_request", id, r.person_id, jstr(plan, "basis"), &err) != 0 ||
        store_tx_commit(req->db, &err) != 0)
        return raise_fail(req, res, plan, panel, picked, &err);
    raise_fail(req, res, plan, panel, picked, NULL);
    return jf_request_read(req, res, id);
}

/* ---- Reading a request ---- */

/* Adds proposed_split, decided_split, tasks and interim_funding to r. */
static int request_compose(struct request *req, json_t *r, struct store_error *err)
{
    const char *id = jstr(r, "id");
    json_t *tasks = jf_request_tasks(req->db, id, err);
    json_t *interims = tasks ? jf_interims_for_request(req->db, id, err) : NULL;
    if (!interims) {
        json_decref(tasks);
        return -1;
    }
    json_object_set_new(r, "proposed_split", json_pack("{s:O, s:O, s:O, s:O}", "unit", json_object_get(r, "proposed_unit"),
        "nhs", json_object_get(r, "proposed_nhs"), "council", json_object_get(r, "proposed_council"), "person",
        json_object_get(r, "proposed_person")));
    json_object_set_new(r, "decided_split", jstr(r, "decided_unit") ? json_pack("{s:O, s:O, s:O, s:O}", "unit",
        json_object_get(r, "decided_unit"), "nhs", json_object_get(r, "decided_nhs"), "council",
        json_object_get(r, "decided_council"), "person", json_object_get(r, "decided_person")) : json_null());
    json_object_set_new(r, "tasks", tasks);
    json_object_set_new(r, "interim_funding", interims);
    return 0;
}

json_t *jf_request_read(struct request *req, struct response *res, const char *id)
{
    struct store_error err = {0};
    json_t *r = jf_request_get(req->db, id, &err);
    if (!r) {
        if (err.code == STORE_ENOTFOUND)
            http_problem(res, req, 404, "not-found", "No such joint funding request", NULL);
        else
            http_internal(res, req, 503, err.message);
        return NULL;
    }
    json_t *panel = jf_panel_get(req->db, jstr(r, "panel_team_id"), &err);
    const char *basis = JF_PANEL_BASIS;
    enum access_decision d;
    if (!panel || panel_member(req, panel) != 0) {
        if (person_check(req, res, jstr(r, "person_id"), &d, &basis) < 0) {
            json_decref(panel);
            json_decref(r);
            return NULL;
        }
    }
    json_decref(panel);
    if (request_compose(req, r, &err) != 0) {
        json_decref(r);
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    if (api_audit_read(req, res, "joint_funding_request", id, jstr(r, "person_id"), basis) < 0) {
        json_decref(r);
        return NULL;
    }
    return r;
}

/* ---- The panel ---- */

json_t *jf_panel_agenda(struct request *req, struct response *res, const char *team_id, const char *date)
{
    json_t *panel = jf_api_panel_load(req, res, team_id, 1);
    if (!panel)
        return NULL;
    struct date on = input_today();
    char on_s[DATE_STR_SIZE];
    struct domain_error derr = {{0}, {0}};
    if (date && *date && date_parse(date, "date", &on, &derr) != 0) {
        json_t *errors = json_array();
        http_add_error(errors, "date", derr.message);
        http_validation(res, req, errors);
        json_decref(panel);
        return NULL;
    }
    if (!(date && *date))
        jf_api_panel_next(panel, input_today(), &on);
    date_format(on, on_s);
    struct store_error err = {0};
    json_t *items = jf_agenda(req->db, team_id, on_s, &err);
    size_t i;
    json_t *it;
    int bad = !items;
    json_array_foreach(items, i, it) bad = bad || request_compose(req, it, &err) != 0;
    if (bad) {
        json_decref(items);
        json_decref(panel);
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    if (api_audit_read_items(req, res, "joint_funding_request", items, "person_id", JF_PANEL_BASIS) < 0) {
        json_decref(items);
        json_decref(panel);
        return NULL;
    }
    return json_pack("{s:o, s:s, s:o}", "panel", panel, "date", on_s, "items", items);
}

json_t *jf_panel_configure(struct request *req, struct response *res, const char *team_id, json_t *body)
{
    struct store_error err = {0};
    json_t *team = accounts_team_get(req->db, team_id, &err);
    if (!team) {
        http_problem(res, req, 404, "not-found", "No such team", NULL);
        return NULL;
    }
    int may = referrals_user_in_team(req->db, req->who.user_id, team_id, &err) == 0 ||
              (strcmp(req->who.role, "org_admin") == 0 && strcmp(req->who.org_id, jstr(team, "org_id")) == 0);
    json_decref(team);
    if (!may) {
        http_problem(res, req, 403, "forbidden", "Only the panel's members or its organisation's admins may set its cycle",
                     NULL);
        return NULL;
    }
    json_t *errors = json_array();
    struct date first;
    const char *first_on = input_date(body, "first_on", 1, &first, errors);
    json_t *cv = json_object_get(body, "cycle_days");
    int ok = 1;
    long long cycle = cv ? weight(cv, &ok) : 0;
    if (!cv || !ok || cycle < 1 || cycle > JF_CYCLE_MAX_DAYS)
        http_add_error(errors, "cycle_days", "must be a whole number of days, 1 to 366");
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        return NULL;
    }
    json_decref(errors);
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    if (store_tx_begin(req->db, STORE_TX_WRITE, &err) != 0 ||
        jf_panel_put(req->db, &by, team_id, first_on, cycle, &err) != 0 ||
        svc_audit(&c, "configure", "funding_panel", team_id, NULL, "admin", &err) != 0 ||
        store_tx_commit(req->db, &err) != 0) {
        store_tx_rollback(req->db);
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    return jf_api_panel_load(req, res, team_id, 0);
}
