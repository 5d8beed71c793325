/* Joint funding requests, the panel's agenda and decisions, interim
 * funding (svc/joint_funding.h). The decision is in
 * joint_funding_decision.c, the statement in joint_funding_statement.c. */
#include "svc/joint_funding_int.h"
#include "domain/apportion.h"
#include "domain/money.h"
#include "store/accounts.h"
#include "store/care_plans.h"
#include "store/referrals.h"
#include "svc/access.h"
#include "svc/input.h"
#include "util/num.h"
#include <stdio.h>
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
int jf_svc_split_decode(struct svc_ctx *c, json_t *body, const char *key, struct jf_split_row *s)
{
    json_t *errors = svc_errors(c);
    json_t *o = json_object_get(body, key);
    static const char *const part[] = {"nhs", "council", "person"};
    static const char *const label[] = {"NHS", "council", "person"};
    long long *dst[] = {&s->nhs, &s->council, &s->person};
    const char *unit = NULL;
    int bad = 0;
    if (o && !json_is_object(o)) {
        svc_error_add(errors, key, "must be an object {unit, nhs, council, person}");
        return -1;
    }
    unit = o ? jstr(o, "unit") : json_string_value(json_object_get(body, arena_printf(c->arena, "%s_unit", key)));
    if (!unit || !*unit)
        unit = "basis_points";
    /* Pages send percentages ("60", "33.33"); the API may too, or keep
     * exact basis points (issue #14 item 12). Stored as basis points. */
    int percent = strcmp(unit, "percent") == 0;
    if (!percent && strcmp(unit, "basis_points") != 0 && strcmp(unit, "shares") != 0) {
        svc_error_add(errors, arena_printf(c->arena, "%s.unit", key),
                       "Choose how the cost is split: percentages, basis points or shares");
        bad = 1;
    }
    s->unit = strcmp(unit, "shares") == 0 ? "shares" : "basis_points";
    long long total = 0;
    for (int i = 0; i < 3; i++) {
        json_t *v = o ? json_object_get(o, part[i]) : json_object_get(body, arena_printf(c->arena, "%s_%s", key,
                                                                                          part[i]));
        /* JSON names "<key>.<part>"; a page's flat field "<key>_<part>". */
        const char *field = arena_printf(c->arena, o ? "%s.%s" : "%s_%s", key, part[i]);
        int ok = v != NULL;
        if (percent) {
            const char *text = json_is_integer(v) ? arena_printf(c->arena, "%lld", (long long)json_integer_value(v))
                                                  : json_string_value(v);
            ok = apportion_percent_parse(text, field, dst[i], NULL) == 0;
            if (!ok)
                svc_error_add(errors, field, arena_printf(c->arena, "Enter the %s share as a percentage from 0 to "
                                                           "100, like 60 or 33.33", label[i]));
        } else {
            *dst[i] = v ? weight(v, &ok) : 0;
            if (!ok)
                svc_error_add(errors, field, arena_printf(c->arena, "Enter the %s share as a whole number",
                                                           label[i]));
        }
        bad |= !ok;
        total += *dst[i];
    }
    if (!bad && percent && total != APPORTION_BASIS_POINTS_WHOLE) {
        svc_error_add(errors, key, "The NHS, council and person percentages must add up to 100%");
        bad = 1;
    } else if (!bad && strcmp(s->unit, "basis_points") == 0 && total != APPORTION_BASIS_POINTS_WHOLE) {
        svc_error_add(errors, key, "The basis points must add up to 10000 (100%)");
        bad = 1;
    } else if (!bad && (total <= 0 || total > MONEY_SPLIT_MAX_WEIGHT_TOTAL)) {
        svc_error_add(errors, key, "The shares must add up to more than 0");
        bad = 1;
    }
    return bad ? -1 : 0;
}

/* 0 when the caller sits on the panel team_id (member, or panel_member of its organisation). */
static int panel_member(struct svc_ctx *c, json_t *panel)
{
    if (c->user_id && referrals_user_in_team(c->db, c->user_id, jstr(panel, "team_id"), &c->err) == 0)
        return 0;
    return svc_role_is(c, "panel_member") && c->org_id && strcmp(c->org_id, jstr(panel, "org_id")) == 0 ? 0 : -1;
}

int jf_svc_panel_load(struct svc_ctx *c, const char *team_id, int member, json_t **out)
{
    *out = svc_own(c, jf_panel_get(c->db, team_id, &c->err));
    if (!*out)
        return c->err.code == STORE_ENOTFOUND ? svc_refuse(c, SVC_NOTFOUND, "No such panel",
                                                           "That team has no joint funding panel.")
                                              : svc_failed(c, "panel");
    if (member && panel_member(c, *out) != 0) {
        *out = NULL;
        return svc_refuse(c, SVC_NOT_PANEL_MEMBER, NULL, "Joint funding decisions are made by the panel's members.");
    }
    return SVC_OK;
}

/* The panel's next meeting on or after `on` into out. */
int jf_svc_panel_next(json_t *panel, struct date on, struct date *out)
{
    struct date first;
    if (date_parse(jstr(panel, "first_on"), "first_on", &first, NULL) != 0)
        return -1;
    return jf_next_panel(first, (int)json_integer_value(json_object_get(panel, "cycle_days")), 0, on, out, NULL);
}

/* The task ids given, each a task of the plan (tasks): the matching task
 * objects in a new array owned by the context, or NULL with an error. */
static json_t *pick_tasks(struct svc_ctx *c, json_t *body, json_t *tasks)
{
    json_t *ids = json_object_get(body, "task_ids");
    if (json_is_string(ids) && !*json_string_value(ids))
        ids = NULL;
    if (json_is_string(ids))      /* one from a form */
        ids = svc_own(c, json_pack("[O]", ids));
    if (!json_is_array(ids) || json_array_size(ids) == 0) {
        svc_field_error(c, "task_ids", "choose at least one task of this plan");
        return NULL;
    }
    json_t *out = svc_own(c, json_array());
    size_t i, j;
    json_t *v, *t;
    json_array_foreach(ids, i, v) {
        json_t *found = NULL;
        json_array_foreach(tasks, j, t) if (json_is_string(v) && json_equal(json_object_get(t, "id"), v)) found = t;
        if (!found) {
            svc_field_error(c, arena_printf(c->arena, "task_ids[%zu]", i), "is not a task of this plan");
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
static int start_interims(struct svc_ctx *c, const struct actor *by, json_t *plan, json_t *picked,
                          const char *request_id)
{
    size_t i;
    json_t *t;
    json_array_foreach(picked, i, t) {
        const char *tid = jstr(t, "id");
        int has = jf_interim_exists(c->db, tid, &c->err);
        if (has < 0)
            return has;
        if (!is_health(t) || jstr(t, "split_unit") || has)
            continue;
        char id[STORE_ID_LEN];
        struct jf_interim_row r = {tid, jstr(plan, "id"), jstr(plan, "person_id"), request_id, jstr(plan, "start_on"),
                                   (long long)json_integer_value(json_object_get(t, "weekly_cost_pence"))};
        int rc = jf_interim_insert(c->db, by, &r, id, &c->err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Validates the body into r, the picked tasks and the panel. */
static int raise_decode(struct svc_ctx *c, json_t *plan, json_t *body, struct jf_request_row *r, json_t **picked,
                        json_t **panel)
{
    json_t *tasks = svc_own(c, care_plan_tasks_for_plan(c->db, jstr(plan, "id"), &c->err));
    if (!tasks || jf_overlay_splits(c->db, jstr(plan, "id"), tasks, svc_today(c), &c->err) != 0)
        return svc_failed(c, "plan tasks");
    *picked = pick_tasks(c, body, tasks);
    jf_svc_split_decode(c, body, "proposed_split", &r->proposed);
    r->evidence = input_text(body, "evidence", 1, 8000, svc_errors(c));
    const char *team = input_str(body, "panel_team_id", svc_errors(c));
    char only[STORE_ID_LEN];
    if ((!team || !*team) && jf_panel_only(c->db, only, &c->err) == 0)
        team = arena_strdup(c->arena, only);
    *panel = team && *team ? svc_own(c, jf_panel_get(c->db, team, &c->err)) : NULL;
    if (!*panel)
        svc_field_error(c, "panel_team_id", "must be a team with a joint funding panel");
    if (svc_has_errors(c))
        return SVC_INVALID;
    r->panel_team_id = jstr(*panel, "team_id");
    return SVC_OK;
}

/* The care plan, after the access check on its person (basis in "basis"). */
static int load_plan(struct svc_ctx *c, const char *plan_id, json_t **plan)
{
    *plan = svc_own(c, care_plans_get(c->db, plan_id, &c->err));
    return svc_record_access(c, *plan, c->err.code, "care plan");
}

int svc_jf_request_raise(struct svc_ctx *c, const char *plan_id, json_t *body, json_t **out)
{
    *out = NULL;
    json_t *plan, *panel = NULL, *picked = NULL;
    int rc = load_plan(c, plan_id, &plan);
    if (rc != SVC_OK)
        return rc;
    struct jf_request_row r = {plan_id, jstr(plan, "person_id"), NULL, NULL, NULL, {NULL, 0, 0, 0}};
    if ((rc = raise_decode(c, plan, body, &r, &picked, &panel)) != SVC_OK)
        return rc;
    struct date on;
    char *on_s = arena_alloc(c->arena, DATE_STR_SIZE), id[STORE_ID_LEN];
    if (jf_svc_panel_next(panel, svc_today(c), &on) != 0 || date_format(on, on_s) != 0)
        return svc_failed(c, "panel date");
    r.panel_on = on_s;
    struct actor by = svc_actor(c);
    size_t i;
    json_t *t;
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = jf_request_insert(c->db, &by, &r, id, &c->err);
    json_array_foreach(picked, i, t) if (rc == 0) rc = jf_request_task_add(c->db, id, jstr(t, "id"), r.person_id,
                                                                             &c->err);
    if (rc == 0)
        rc = start_interims(c, &by, plan, picked, id);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "joint_funding_request", id, r.person_id, jstr(plan, "basis"));
    if ((rc = svc_tx_end(c, rc)) != SVC_OK)
        return rc;
    return svc_jf_request_read(c, id, out);
}

/* ---- Reading a request ---- */

/* Adds proposed_split, decided_split, tasks and interim_funding to r. */
static int request_compose(struct svc_ctx *c, json_t *r)
{
    const char *id = jstr(r, "id");
    json_t *tasks = jf_request_tasks(c->db, id, &c->err);
    json_t *interims = tasks ? jf_interims_for_request(c->db, id, &c->err) : NULL;
    if (!interims) {
        json_decref(tasks);
        return svc_failed(c, "joint funding request");
    }
    json_object_set_new(r, "proposed_split", json_pack("{s:O, s:O, s:O, s:O}", "unit", json_object_get(r, "proposed_unit"),
        "nhs", json_object_get(r, "proposed_nhs"), "council", json_object_get(r, "proposed_council"), "person",
        json_object_get(r, "proposed_person")));
    json_object_set_new(r, "decided_split", jstr(r, "decided_unit") ? json_pack("{s:O, s:O, s:O, s:O}", "unit",
        json_object_get(r, "decided_unit"), "nhs", json_object_get(r, "decided_nhs"), "council",
        json_object_get(r, "decided_council"), "person", json_object_get(r, "decided_person")) : json_null());
    json_object_set_new(r, "tasks", tasks);
    json_object_set_new(r, "interim_funding", interims);
    return SVC_OK;
}

static int no_request(struct svc_ctx *c)
{
    return c->err.code == STORE_ENOTFOUND ? svc_refuse(c, SVC_NOTFOUND, "No such joint funding request", NULL)
                                          : svc_failed(c, "joint funding request");
}

int svc_jf_request_read(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = NULL;
    json_t *r = svc_own(c, jf_request_get(c->db, id, &c->err));
    if (!r)
        return no_request(c);
    json_t *panel = svc_own(c, jf_panel_get(c->db, jstr(r, "panel_team_id"), &c->err));
    const char *basis = JF_PANEL_BASIS;
    enum access_decision d;
    int rc;
    if ((!panel || panel_member(c, panel) != 0) &&
        (rc = svc_person_access(c, jstr(r, "person_id"), &d, &basis)) != SVC_OK)
        return rc;
    if ((rc = request_compose(c, r)) != SVC_OK)
        return rc;
    rc = svc_audit_read(c, "joint_funding_request", id, jstr(r, "person_id"), basis);
    if (rc == SVC_OK)
        *out = r;
    return rc;
}

int svc_jf_requests_of_plan(struct svc_ctx *c, const char *plan_id, json_t **out)
{
    *out = NULL;
    json_t *plan, *full;
    int rc = load_plan(c, plan_id, &plan);
    if (rc != SVC_OK)
        return rc;
    json_t *items = svc_own(c, jf_requests_for_plan(c->db, plan_id, &c->err));
    if (!items)
        return svc_failed(c, "joint funding requests");
    json_t *list = svc_own(c, json_array());
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        if ((rc = svc_jf_request_read(c, jstr(it, "id"), &full)) != SVC_OK)
            return rc;
        json_array_append(list, full);
    }
    *out = list;
    return SVC_OK;
}

int svc_jf_request_listing(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *r = svc_own(c, jf_request_get(c->db, id, &c->err));
    if (!r)
        return no_request(c);
    *out = svc_own(c, json_pack("{s:O, s:O}", "panel_team_id", json_object_get(r, "panel_team_id"), "panel_on",
                                json_object_get(r, "panel_on")));
    return SVC_OK;
}

/* ---- The panel ---- */

int svc_jf_panel_agenda(struct svc_ctx *c, const char *team_id, const char *date, json_t **out)
{
    *out = NULL;
    json_t *panel;
    int rc = jf_svc_panel_load(c, team_id, 1, &panel);
    if (rc != SVC_OK)
        return rc;
    struct date on = svc_today(c);
    char on_s[DATE_STR_SIZE];
    struct domain_error derr = {{0}, {0}};
    if (date && *date && date_parse(date, "date", &on, &derr) != 0) {
        svc_field_error(c, "date", derr.message);
        return SVC_INVALID;
    }
    if (!(date && *date))
        jf_svc_panel_next(panel, svc_today(c), &on);
    date_format(on, on_s);
    json_t *items = svc_own(c, jf_agenda(c->db, team_id, on_s, &c->err));
    if (!items)
        return svc_failed(c, "agenda");
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) if ((rc = request_compose(c, it)) != SVC_OK) return rc;
    rc = svc_audit_read_items(c, "joint_funding_request", items, "person_id", JF_PANEL_BASIS);
    if (rc == SVC_OK)
        *out = svc_own(c, json_pack("{s:O, s:s, s:O}", "panel", panel, "date", on_s, "items", items));
    return rc;
}

int svc_jf_panel_configure(struct svc_ctx *c, const char *team_id, json_t *body, json_t **out)
{
    *out = NULL;
    json_t *team = svc_own(c, accounts_team_get(c->db, team_id, &c->err));
    if (!team)
        return c->err.code == STORE_ENOTFOUND ? svc_refuse(c, SVC_NOTFOUND, "No such team", NULL)
                                              : svc_failed(c, "team");
    int may = !c->user_id ||   /* the system: the CLI and the demo */
              referrals_user_in_team(c->db, c->user_id, team_id, &c->err) == 0 ||
              (svc_role_is(c, "org_admin") && c->org_id && strcmp(c->org_id, jstr(team, "org_id")) == 0);
    if (!may)
        return svc_refuse(c, SVC_FORBIDDEN, "Only the panel's members or its organisation's admins may set its cycle",
                          NULL);
    json_t *errors = svc_errors(c);
    struct date first;
    const char *first_on = input_date(body, "first_on", 1, &first, errors);
    json_t *cv = json_object_get(body, "cycle_days");
    int ok = 1;
    long long cycle = cv ? weight(cv, &ok) : 0;
    if (!cv || !ok || cycle < 1 || cycle > JF_CYCLE_MAX_DAYS)
        svc_field_error(c, "cycle_days", "must be a whole number of days, 1 to 366");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = jf_panel_put(c->db, &by, team_id, first_on, cycle, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "configure", "funding_panel", team_id, NULL, "admin");
    if ((rc = svc_tx_end(c, rc)) != SVC_OK)
        return rc;
    return jf_svc_panel_load(c, team_id, 0, out);
}
