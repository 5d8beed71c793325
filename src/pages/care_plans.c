/* Pages for care plans: the person's plans, one plan on one page (needs,
 * outcomes, tasks with cost, the NHS / council / person split weekly and
 * annual, s.22 flags, adding and assigning tasks) and ending a plan. The
 * same services as the API (svc/care_plans.h); forms work without
 * JavaScript and carry the CSRF token (checked by the server). */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "pages/page.h"
#include "svc/care_plans.h"
#include "web/web.h"
#include <string.h>

static void amounts_display(json_t *a)
{
    page_money(a, "total_pence", "total");
    page_money(a, "nhs_pence", "nhs");
    page_money(a, "council_pence", "council");
    page_money(a, "person_pence", "person");
}

/* s22_flagged / s22_forbidden on o from the verdict of s22. */
static void s22_flags(json_t *o, json_t *s22)
{
    const char *v = json_string_value(json_object_get(s22, "verdict"));
    json_object_set_new(o, "s22_flagged", json_boolean(v && !strcmp(v, "flagged")));
    json_object_set_new(o, "s22_forbidden", json_boolean(v && !strcmp(v, "forbidden")));
}

/* Money in pounds and flags for the template. */
static void plan_present(json_t *plan)
{
    size_t i;
    json_t *t;
    json_t *money = json_object_get(plan, "money");
    amounts_display(json_object_get(money, "weekly"));
    amounts_display(json_object_get(money, "annual"));
    s22_flags(plan, json_object_get(money, "s22"));
    json_array_foreach(json_object_get(plan, "tasks"), i, t) {
        amounts_display(json_object_get(t, "weekly"));
        s22_flags(t, json_object_get(t, "s22"));
    }
    const char *s = json_string_value(json_object_get(plan, "status"));
    json_object_set_new(plan, "has_tasks", json_boolean(json_array_size(json_object_get(plan, "tasks")) > 0));
    json_object_set_new(plan, "can_agree", json_boolean(!strcmp(s, "draft")));
    json_object_set_new(plan, "can_activate", json_boolean(!strcmp(s, "agreed")));
    json_object_set_new(plan, "can_end", json_boolean(strcmp(s, "ended") != 0));
    json_object_set_new(plan, "is_open", json_boolean(strcmp(s, "ended") != 0));
}

/* The plan (read and audited), or NULL with res set. */
static json_t *plan_of(struct request *req, struct response *res)
{
    json_t *plan = NULL;
    int rc = svc_care_plan_get(api_ctx(req), req->params[0], &plan);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    return rc == SVC_OK ? plan : NULL;
}

/* Page data with the errors, the person's banner and the plan. */
static json_t *plan_data(struct request *req, json_t *errors, json_t *plan)
{
    json_t *data = arena_json(&req->arena, page_error_data(errors));
    person_banner(req, data, json_string_value(json_object_get(plan, "person_id")));
    json_object_set(data, "plan", plan);
    return data;
}

/* The plan page; the failed form (form_name) keeps what was typed. */
static void render_plan(struct request *req, struct response *res, int status, json_t *errors,
                        const char *form_name, json_t *form)
{
    struct svc_ctx *c = api_ctx(req);
    json_t *plan = plan_of(req, res);
    if (!plan)
        return;
    plan_present(plan);
    json_object_set_new(plan, "may_change_status", json_boolean(svc_care_plan_may_change_status(c, plan)));
    json_t *data = plan_data(req, errors, plan);
    int rc = svc_care_plan_choices(c, data);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    /* The failed form keeps what was typed; the value-for-money form sits
     * inside the plan, so its fields fall back to the plan's values. */
    const char *forms[] = {"form_task", "form_assign", "form_status"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        json_object_set_new(i == 2 ? plan : data, forms[i],
                            form_name && !strcmp(form_name, forms[i]) && form ? json_incref(form) : json_object());
    web_page(req, res, status, "care_plan", "Care and support plan", json_incref(data));
}

void p_care_plan(struct request *req, struct response *res)
{
    render_plan(req, res, 200, NULL, NULL, NULL);
}

/* ---- The forms on the plan page: on success back to the plan at the
 * form's anchor; on 422 the page again with the errors (fields prefixed)
 * and the values kept. ---- */

/* Which form of the plan page was posted: its prefix (the anchor, and the
 * fields' prefix) for the request. */
struct plan_form {
    struct request *req;
    const char *prefix;
};

static int act_status(struct svc_ctx *c, json_t *form, void *arg)
{
    struct request *req = ((const struct plan_form *)arg)->req;
    struct svc_expect e = api_expect(req, form);
    return svc_care_plan_change(c, req->params[0], form, &e);
}

static int act_task(struct svc_ctx *c, json_t *form, void *arg)
{
    struct request *req = ((const struct plan_form *)arg)->req;
    struct svc_expect e = api_expect(req, form);
    char id[STORE_ID_LEN];
    return svc_care_plan_task_save(c, req->params[0], NULL, form, &e, id);
}

static int act_assign(struct svc_ctx *c, json_t *form, void *arg)
{
    struct request *req = ((const struct plan_form *)arg)->req;
    struct svc_expect e = api_expect(req, form);
    const char *task = json_string_value(json_object_get(form, "task_id"));
    char id[STORE_ID_LEN];
    if (!task || !*task) {
        svc_field_error(c, "task_id", "choose the task to assign");
        return SVC_INVALID;
    }
    return svc_care_plan_assign(c, req->params[0], task, form, &e, id);
}

static const char *to_anchor(struct request *req, void *arg)
{
    const struct plan_form *f = arg;
    return arena_printf(&req->arena, "/plans/%s#%s", req->params[0], f->prefix);
}

static void show_plan(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    const struct plan_form *f = arg;
    render_plan(req, res, status, errors, arena_printf(&req->arena, "form_%s", f->prefix), form);
}

static void plan_form(struct request *req, struct response *res, const char *prefix,
                      int (*act)(struct svc_ctx *, json_t *, void *))
{
    struct plan_form f = {req, prefix};
    page_post(req, res, &(struct page_form){prefix, act, to_anchor, show_plan, &f, NULL});
}

void p_care_plan_status(struct request *req, struct response *res)
{
    plan_form(req, res, "status", act_status);
}

void p_care_plan_task_add(struct request *req, struct response *res)
{
    plan_form(req, res, "task", act_task);
}

void p_care_plan_assign(struct request *req, struct response *res)
{
    plan_form(req, res, "assign", act_assign);
}

/* ---- Ending a plan: a confirmation page with the person's banner and a
 * reason (issue #14 item 4); only the holding team gets here. ---- */

static void render_plan_end(struct request *req, struct response *res, int status, json_t *errors, json_t *form)
{
    struct svc_ctx *c = api_ctx(req);
    json_t *plan = plan_of(req, res);
    if (!plan)
        return;
    if (!svc_care_plan_may_change_status(c, plan)) {
        api_result(req, res, svc_refuse(c, SVC_NOT_HOLDING_TEAM, NULL,
                                        "Only the team that holds this plan, and its managers, can end it."));
        return;
    }
    json_t *data = plan_data(req, errors, plan);
    json_object_set_new(data, "form", form ? json_incref(form) : json_object());
    web_page(req, res, status, "care_plan_end", "End the care and support plan", json_incref(data));
}

void p_care_plan_end(struct request *req, struct response *res)
{
    render_plan_end(req, res, 200, NULL, NULL);
}

static int act_end(struct svc_ctx *c, json_t *form, void *arg)
{
    json_object_set_new(form, "status", json_string("ended"));
    return act_status(c, form, arg);
}

static const char *to_ended(struct request *req, void *arg)
{
    (void)arg;
    return arena_printf(&req->arena, "/plans/%s?ended=1#status", req->params[0]);
}

static void show_end(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    (void)arg;
    render_plan_end(req, res, status, errors, form);
}

void p_care_plan_end_post(struct request *req, struct response *res)
{
    struct plan_form f = {req, "status"};
    page_post(req, res, &(struct page_form){NULL, act_end, to_ended, show_end, &f, NULL});
}

/* ---- The person's plans ---- */

static void render_plans(struct request *req, struct response *res, int status, json_t *errors, json_t *form)
{
    const char *person_id = req->params[0];
    json_t *items = NULL;
    int rc = svc_care_plan_list(api_ctx(req), person_id, &items);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_t *data = page_error_data(errors);
    json_object_set_new(data, "person_id", json_string(person_id));
    json_object_set(data, "plans", items);
    json_object_set_new(data, "has_plans", json_boolean(json_array_size(items) > 0));
    json_object_set_new(data, "form_plan", form ? json_incref(form) : json_object());
    person_banner(req, data, person_id);
    web_page(req, res, status, "care_plans", "Care and support plans", data);
}

void p_care_plans(struct request *req, struct response *res)
{
    render_plans(req, res, 200, NULL, NULL);
}

struct plan_create {
    struct request *req;
    char id[STORE_ID_LEN];
};

static int act_create(struct svc_ctx *c, json_t *form, void *arg)
{
    struct plan_create *p = arg;
    return svc_care_plan_create(c, p->req->params[0], form, p->id);
}

static const char *to_plan(struct request *req, void *arg)
{
    struct plan_create *p = arg;
    return arena_printf(&req->arena, "/plans/%s", p->id);
}

static void show_plans(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    (void)arg;
    render_plans(req, res, status, errors, form);
}

void p_care_plan_create(struct request *req, struct response *res)
{
    struct plan_create p = {req, ""};
    page_post(req, res, &(struct page_form){"plan", act_create, to_plan, show_plans, &p, NULL});
}
