/* Pages for care plans: the person's plans, one plan on one page (needs,
 * outcomes, tasks with cost, the NHS / council / person split weekly and
 * annual, s.22 flags, adding and assigning tasks) and the competency
 * register. Same functions as the API (care_plans_api.h); forms work
 * without JavaScript and carry the CSRF token (checked by the server). */
#include "api/api.h"
#include "domain/care_plan.h"
#include "domain/words.h"
#include "api/care_plans_api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "domain/money.h"
#include "store/care_plans.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

static void pounds(json_t *o, const char *key, const char *out_key)
{
    char text[MONEY_STR_SIZE];
    json_t *v = json_object_get(o, key);
    if (json_is_integer(v)) {
        money_format(json_integer_value(v), text);
        json_object_set_new(o, out_key, json_string(text));
    }
}

static void amounts_display(json_t *a)
{
    pounds(a, "total_pence", "total");
    pounds(a, "nhs_pence", "nhs");
    pounds(a, "council_pence", "council");
    pounds(a, "person_pence", "person");
}

/* Money in pounds and flags for the template. */
static void plan_present(json_t *plan)
{
    size_t i;
    json_t *t;
    json_t *money = json_object_get(plan, "money");
    amounts_display(json_object_get(money, "weekly"));
    amounts_display(json_object_get(money, "annual"));
    const char *worst = json_string_value(json_object_get(json_object_get(money, "s22"), "verdict"));
    json_object_set_new(plan, "s22_flagged", json_boolean(worst && !strcmp(worst, "flagged")));
    json_object_set_new(plan, "s22_forbidden", json_boolean(worst && !strcmp(worst, "forbidden")));
    json_array_foreach(json_object_get(plan, "tasks"), i, t) {
        amounts_display(json_object_get(t, "weekly"));
        const char *v = json_string_value(json_object_get(json_object_get(t, "s22"), "verdict"));
        json_object_set_new(t, "s22_flagged", json_boolean(v && !strcmp(v, "flagged")));
        json_object_set_new(t, "s22_forbidden", json_boolean(v && !strcmp(v, "forbidden")));
    }
    const char *s = json_string_value(json_object_get(plan, "status"));
    json_object_set_new(plan, "has_tasks", json_boolean(json_array_size(json_object_get(plan, "tasks")) > 0));
    json_object_set_new(plan, "can_agree", json_boolean(!strcmp(s, "draft")));
    json_object_set_new(plan, "can_activate", json_boolean(!strcmp(s, "agreed")));
    json_object_set_new(plan, "can_end", json_boolean(strcmp(s, "ended") != 0));
    json_object_set_new(plan, "is_open", json_boolean(strcmp(s, "ended") != 0));
}

/* The choices the forms offer: catalogue, organisations, practitioners. */
static int choices(struct request *req, struct response *res, json_t *data)
{
    struct store_error err = {0};
    json_t *types = care_task_types_list(req->db, &err);
    json_t *orgs = types ? accounts_org_list(req->db, &err) : NULL;
    json_t *prac = orgs ? care_plans_practitioners(req->db, &err) : NULL;
    if (!prac) {
        json_decref(types);
        json_decref(orgs);
        http_internal(res, req, 503, err.message);
        return -1;
    }
    json_t *accountable = json_array(), *providers = json_array(), *codes = json_array(), *o;
    size_t i;
    json_array_foreach(orgs, i, o) {
        const char *type = json_string_value(json_object_get(o, "type"));
        json_array_append(strcmp(type, "provider") && strcmp(type, "voluntary") ? accountable : providers, o);
    }
    json_array_foreach(types, i, o) {
        json_t *c = json_object_get(o, "competency_code");
        if (json_is_string(c))
            json_array_append_new(codes, json_pack("{s:O, s:O}", "code", c, "name", json_object_get(o, "name")));
    }
    json_object_set_new(data, "task_types", types);
    json_object_set_new(data, "orgs", orgs);
    json_object_set_new(data, "accountable_orgs", accountable);
    json_object_set_new(data, "provider_orgs", providers);
    json_object_set_new(data, "practitioners", prac);
    json_object_set_new(data, "competency_codes", codes);
    return 0;
}

/* The plan page; the failed form (form_name) keeps what was typed. */
static void render_plan(struct request *req, struct response *res, const char *plan_id, int status, json_t *errors,
                        const char *form_name, json_t *form)
{
    json_t *plan = care_plan_read(req, res, plan_id);
    if (!plan)
        return;
    plan_present(plan);
    json_object_set_new(plan, "may_change_status", json_boolean(care_plan_status_changer(req, plan)));
    json_t *data = api_error_data(errors);
    person_banner(req, data, json_string_value(json_object_get(plan, "person_id")));
    json_object_set_new(data, "plan", plan);
    if (choices(req, res, data) != 0) {
        json_decref(data);
        return;
    }
    /* The failed form keeps what was typed; the value-for-money form sits
     * inside the plan, so its fields fall back to the plan's values. */
    const char *forms[] = {"form_task", "form_assign", "form_status"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        json_object_set_new(i == 2 ? plan : data, forms[i],
                            form_name && !strcmp(form_name, forms[i]) && form ? json_incref(form) : json_object());
    web_page(req, res, status, "care_plan", "Care and support plan", data);
}

void p_care_plan(struct request *req, struct response *res)
{
    render_plan(req, res, req->params[0], 200, NULL, NULL, NULL);
}

/* A form POST on a plan: on success back to the plan (at anchor), on 422
 * the page again with the errors (fields prefixed) and the values kept. */
static void plan_post(struct request *req, struct response *res, const char *prefix, int rc, json_t *body)
{
    const char *plan_id = req->params[0];
    if (rc == 0) {
        http_redirect(res, req, arena_printf(&req->arena, "/plans/%s#%s", plan_id, prefix));
        return;
    }
    json_t *errors = api_take_errors(res, prefix);
    if (errors) {
        char form_name[48];
        snprintf(form_name, sizeof form_name, "form_%s", prefix);
        render_plan(req, res, plan_id, 422, errors, form_name, body);
    }
    json_decref(errors);
}

void p_care_plan_status(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (body)
        plan_post(req, res, "status", care_plan_change(req, res, req->params[0], body), body);
    json_decref(body);
}

/* Ending a plan: a confirmation page with the person's banner and a reason
 * (issue #14 item 4); only the holding team gets here. */
static void render_plan_end(struct request *req, struct response *res, int status, json_t *errors, json_t *form)
{
    json_t *plan = care_plan_read(req, res, req->params[0]);
    if (!plan)
        return;
    if (!care_plan_status_changer(req, plan)) {
        json_decref(plan);
        http_problem(res, req, 403, "not-the-holding-team", "Not your team's plan",
                     "Only the team that holds this plan, and its managers, can end it.");
        return;
    }
    json_t *data = api_error_data(errors);
    person_banner(req, data, json_string_value(json_object_get(plan, "person_id")));
    json_object_set_new(data, "plan", plan);
    json_object_set_new(data, "form", form ? json_incref(form) : json_object());
    web_page(req, res, status, "care_plan_end", "End the care and support plan", data);
}

void p_care_plan_end(struct request *req, struct response *res)
{
    render_plan_end(req, res, 200, NULL, NULL);
}

void p_care_plan_end_post(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    json_object_set_new(body, "status", json_string("ended"));
    if (care_plan_change(req, res, req->params[0], body) == 0) {
        http_redirect(res, req, arena_printf(&req->arena, "/plans/%s?ended=1#status", req->params[0]));
    } else {
        json_t *errors = api_take_errors(res, NULL);
        if (errors)
            render_plan_end(req, res, 422, errors, body);
        json_decref(errors);
    }
    json_decref(body);
}

void p_care_plan_task_add(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (body)
        plan_post(req, res, "task", care_plan_task_add(req, res, req->params[0], body, id), body);
    json_decref(body);
}

void p_care_plan_assign(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (!body)
        return;
    const char *task = json_string_value(json_object_get(body, "task_id"));
    if (!task || !*task) {
        json_t *errors = json_array();
        http_add_error(errors, "assign-task_id", "choose the task to assign");
        render_plan(req, res, req->params[0], 422, errors, "form_assign", body);
        json_decref(errors);
    } else {
        plan_post(req, res, "assign", care_plan_assign(req, res, req->params[0], task, body, id), body);
    }
    json_decref(body);
}

/* ---- The person's plans ---- */

static void render_plans(struct request *req, struct response *res, const char *person_id, int status,
                         json_t *errors, json_t *form)
{
    json_t *items = care_plans_of_person(req, res, person_id);
    if (!items)
        return;
    json_t *data = api_error_data(errors);
    json_object_set_new(data, "person_id", json_string(person_id));
    json_object_set_new(data, "plans", items);
    json_object_set_new(data, "has_plans", json_boolean(json_array_size(items) > 0));
    json_object_set_new(data, "form_plan", form ? json_incref(form) : json_object());
    person_banner(req, data, person_id);
    web_page(req, res, status, "care_plans", "Care and support plans", data);
}

void p_care_plans(struct request *req, struct response *res)
{
    render_plans(req, res, req->params[0], 200, NULL, NULL);
}

void p_care_plan_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (!body)
        return;
    if (care_plan_create(req, res, req->params[0], body, id) == 0) {
        http_redirect(res, req, arena_printf(&req->arena, "/plans/%s", id));
    } else {
        json_t *errors = api_take_errors(res, "plan");
        if (errors)
            render_plans(req, res, req->params[0], 422, errors, body);
        json_decref(errors);
    }
    json_decref(body);
}

/* ---- Competency register ---- */

/* Designated assessors (domain.md §8): the organisation's list; the
 * competencies the caller may assess (the record form offers only those);
 * for the org admin, the staff who may be named. */
static int assessor_choices(struct request *req, struct response *res, json_t *data)
{
    struct store_error err = {0};
    json_t *list = competency_assessors_list(req->db, req->who.org_id, &err);
    if (!list) {
        http_internal(res, req, 503, err.message);
        return -1;
    }
    json_t *mine = json_array(), *a, *c, *all = json_object_get(data, "competency_codes");
    size_t i, j;
    json_array_foreach(all, i, c) {
        json_array_foreach(list, j, a)
            if (json_equal(json_object_get(a, "competency_code"), json_object_get(c, "code"))) {
                json_object_set(a, "competency_name", json_object_get(c, "name"));
                if (!strcmp(json_string_value(json_object_get(a, "user_id")), req->who.user_id))
                    json_array_append(mine, c);
            }
    }
    int admin = !strcmp(req->who.role, "org_admin");
    json_t *staff = json_array();
    if (admin) {
        json_t *users = accounts_user_list(req->db, req->who.org_id, "", 500, &err), *u;
        json_array_foreach(users, i, u)
            if (json_is_true(json_object_get(u, "active")) &&
                care_plan_assessor_eligible(json_string_value(json_object_get(u, "profession"))))
                json_array_append(staff, u);
        json_decref(users);
    }
    json_object_set_new(data, "assessors", list);
    json_object_set_new(data, "has_assessors", json_boolean(json_array_size(list) > 0));
    json_object_set_new(data, "my_codes", mine);
    json_object_set_new(data, "is_assessor", json_boolean(json_array_size(mine) > 0));
    json_object_set_new(data, "is_org_admin", json_boolean(admin));
    json_object_set_new(data, "assessor_staff", staff);
    return 0;
}

static void render_competencies(struct request *req, struct response *res, int status, json_t *errors,
                                json_t *form)
{
    const char *state = http_query(req, "state");
    if (state && strcmp(state, "expiring") && strcmp(state, "expired"))
        state = NULL;
    json_t *items = competency_register(req, res, state);
    if (!items)
        return;
    size_t i;
    json_t *c;
    json_array_foreach(items, i, c) {
        const char *s = json_string_value(json_object_get(c, "state"));
        json_object_set_new(c, "is_expired", json_boolean(!strcmp(s, "expired")));
        json_object_set_new(c, "is_expiring", json_boolean(!strcmp(s, "expiring")));
    }
    json_t *data = api_error_data(errors);
    json_object_set_new(data, "items", items);
    json_object_set_new(data, "has_items", json_boolean(json_array_size(items) > 0));
    json_object_set_new(data, "state", state ? json_string(state) : json_null());
    json_object_set_new(data, "form_competency", form ? json_incref(form) : json_object());
    if (choices(req, res, data) != 0 || assessor_choices(req, res, data) != 0) {
        json_decref(data);
        return;
    }
    json_t *codes = json_object_get(data, "competency_codes"), *k;
    size_t j;
    json_array_foreach(items, i, c) {
        const char *w = words_profession(json_string_value(json_object_get(c, "assessor_profession")));
        if (w)
            json_object_set_new(c, "assessor_profession_label", json_string(w));
        json_array_foreach(codes, j, k)
            if (json_equal(json_object_get(k, "code"), json_object_get(c, "competency_code")))
                json_object_set(c, "competency_name", json_object_get(k, "name"));
    }
    web_page(req, res, status, "competencies", "Competency register", data);
}

void p_competencies(struct request *req, struct response *res)
{
    render_competencies(req, res, 200, NULL, NULL);
}

void p_competency_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (!body)
        return;
    if (competency_record(req, res, body, id) == 0) {
        http_redirect(res, req, "/competencies");
    } else {
        json_t *errors = api_take_errors(res, "competency");
        if (errors)
            render_competencies(req, res, 422, errors, body);
        json_decref(errors);
    }
    json_decref(body);
}

void p_competency_assessor_add(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (competency_assessor_name(req, res, body) == 0) {
        http_redirect(res, req, "/competencies#assessors");
    } else {
        json_t *errors = api_take_errors(res, "assessor");
        if (errors)
            render_competencies(req, res, 422, errors, NULL);
        json_decref(errors);
    }
    json_decref(body);
}

/* ---- Oversight reviews of delegated health tasks ---- */

void p_oversight_reviews(struct request *req, struct response *res)
{
    const char *state = http_query(req, "state");
    if (state && strcmp(state, "overdue"))
        state = NULL;
    json_t *items = care_oversight_reviews(req, res, state);
    if (!items)
        return;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        const char *s = json_string_value(json_object_get(it, "state"));
        json_object_set_new(it, "is_overdue", json_boolean(s && !strcmp(s, "overdue")));
    }
    web_page(req, res, 200, "oversight_reviews", "Oversight reviews", json_pack("{s:o, s:b, s:s?}", "items", items,
             "has_items", json_array_size(items) > 0, "state", state));
}
