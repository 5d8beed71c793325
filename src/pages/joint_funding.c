/* Pages of joint funding (svc/joint_funding.h): a plan's joint funding
 * requests with a form to raise one, the panel's agenda with a decision
 * form per request, and the recharge statement with CSV/XLSX links. Same
 * services as the API, forms through page_post; forms work without
 * JavaScript and carry the CSRF token (checked by the server); a failed
 * form shows the error summary and keeps what was typed. */
#include "api/api.h"
#include "svc/care_plans.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "api/persons_api.h"
#include "domain/apportion.h"
#include "domain/money.h"
#include "pages/page.h"
#include "svc/joint_funding.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

static const char *const MONEY[] = {"total_pence", "nhs_pence", "council_pence", "person_pence",
                                    "council_owes_nhs_pence", "person_owes_nhs_pence", "weekly_cost_pence", NULL};

/* "<key minus _pence>_display" ("£1,234.56") for each money member of o. */
static void displays(json_t *o) { page_money_displays(o, MONEY); }

static void each(json_t *arr, void (*fn)(json_t *))
{
    size_t i;
    json_t *it;
    json_array_foreach(arr, i, it) fn(it);
}

/* "NHS 60%, council 40%, person 0%" (or shares) as "text" in a split, for pages. */
static void split_text(struct request *req, json_t *split)
{
    const char *unit = json_string_value(json_object_get(split, "unit"));
    if (!unit)
        return;
    static const char *const part[] = {"nhs", "council", "person"};
    const char *v[3];
    for (int i = 0; i < 3; i++) {
        long long n = (long long)json_integer_value(json_object_get(split, part[i]));
        if (!strcmp(unit, "basis_points")) {
            char pc[APPORTION_PERCENT_SIZE];
            apportion_percent_format(n, pc);
            v[i] = arena_printf(&req->arena, "%s", pc);
        } else {
            v[i] = arena_printf(&req->arena, "%lld share%s", n, n == 1 ? "" : "s");
        }
    }
    json_object_set_new(split, "text", json_string(arena_printf(&req->arena, "NHS %s, council %s, person %s",
                                                                v[0], v[1], v[2])));
}

static void request_present(struct request *req, json_t *r)
{
    split_text(req, json_object_get(r, "proposed_split"));
    split_text(req, json_object_get(r, "decided_split"));
    person_present(r);   /* whose request: name, NHS number 3-3-4 (issue #14 item 10) */
    each(json_object_get(r, "tasks"), displays);
    each(json_object_get(r, "interim_funding"), displays);
    const char *s = json_string_value(json_object_get(r, "status"));
    json_object_set_new(r, "is_open", json_boolean(s && (!strcmp(s, "requested") || !strcmp(s, "deferred"))));
}

/* ---- A plan's requests ---- */

static void render_plan(struct request *req, struct response *res, const char *plan_id, int status, json_t *errors,
                        json_t *form)
{
    json_t *items;
    int rc = svc_jf_requests_of_plan(api_ctx(req), plan_id, &items);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_t *plan;
    if ((rc = svc_care_plan_get(api_ctx(req), plan_id, &plan)) != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) request_present(req, it);
    json_array_foreach(json_object_get(plan, "tasks"), i, it) displays(json_object_get(it, "weekly"));
    json_t *data = api_error_data(errors);
    person_banner(req, data, json_string_value(json_object_get(plan, "person_id")));
    json_object_set(data, "plan", plan);
    json_object_set_new(data, "requests", json_incref(items));
    json_object_set_new(data, "has_requests", json_boolean(json_array_size(items) > 0));
    json_object_set_new(data, "form_raise", form ? json_incref(form) : json_object());
    web_page(req, res, status, "joint_funding_plan", "Joint funding", data);
}

void p_jf_plan(struct request *req, struct response *res)
{
    render_plan(req, res, req->params[0], 200, NULL, NULL);
}

static int raise_act(struct svc_ctx *c, json_t *form, void *arg)
{
    json_t *r;
    return svc_jf_request_raise(c, arg, form, &r);
}

static const char *raise_next(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/plans/%s/joint-funding#requests", (const char *)arg);
}

static void raise_show(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    render_plan(req, res, arg, status, errors, form);
}

void p_jf_plan_post(struct request *req, struct response *res)
{
    page_post(req, res, &(struct page_form){"raise", raise_act, raise_next, raise_show,
                                            arena_strdup(&req->arena, req->params[0]), NULL});
}

/* ---- The panel's agenda ---- */

static void render_agenda(struct request *req, struct response *res, const char *team_id, const char *date,
                          int status, json_t *errors, const char *failed_id, json_t *form)
{
    json_t *a;
    int rc = svc_jf_panel_agenda(api_ctx(req), team_id, date, &a);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(a, "items"), i, it) {
        request_present(req, it);
        int failed = failed_id && !strcmp(failed_id, json_string_value(json_object_get(it, "id")));
        json_object_set_new(it, "form_decide", failed && form ? json_incref(form) : json_object());
    }
    json_object_set_new(a, "has_items", json_boolean(json_array_size(json_object_get(a, "items")) > 0));
    json_t *data = api_error_data(errors);
    json_object_update(data, a);
    web_page(req, res, status, "joint_funding_agenda", "Joint funding panel", data);
}

void p_jf_agenda(struct request *req, struct response *res)
{
    render_agenda(req, res, req->params[0], http_query(req, "date"), 200, NULL, NULL, NULL);
}

/* Where the decided request was listed: the agenda to go back to. */
struct decide {
    const char *id, *team, *on;
};

static int decide_act(struct svc_ctx *c, json_t *form, void *arg)
{
    struct decide *d = arg;
    json_t *r;
    struct svc_expect e = {NULL, json_object_get(form, "version")};
    return svc_jf_request_decide(c, d->id, &e, form, &r);
}

static const char *decide_next(struct request *req, void *arg)
{
    struct decide *d = arg;
    return arena_printf(&req->arena, "/panels/%s/agenda?date=%s", d->team, d->on);
}

static void decide_show(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                        void *arg)
{
    struct decide *d = arg;
    render_agenda(req, res, d->team, d->on, status, errors, d->id, form);
}

void p_jf_decision_post(struct request *req, struct response *res)
{
    json_t *where;
    int rc = svc_jf_request_listing(api_ctx(req), req->params[0], &where);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    struct decide *d = arena_alloc(&req->arena, sizeof *d);
    d->id = req->params[0];
    d->team = json_string_value(json_object_get(where, "panel_team_id"));
    d->on = json_string_value(json_object_get(where, "panel_on"));
    page_post(req, res, &(struct page_form){"decide", decide_act, decide_next, decide_show, d, NULL});
}

/* ---- The recharge statement ---- */

static void line_present(json_t *l)
{
    person_present(l);
    displays(l);
    each(json_object_get(l, "segments"), displays);
}

void p_jf_statement(struct request *req, struct response *res)
{
    const char *from = http_query(req, "from"), *to = http_query(req, "to");
    json_t *data;
    if (!from && !to) {       /* the form only, for the month so far */
        char today[DATE_STR_SIZE];
        date_format(svc_today(api_ctx(req)), today);
        data = api_error_data(NULL);
        json_object_set_new(data, "from", json_string(arena_printf(&req->arena, "%.8s01", today)));
        json_object_set_new(data, "to", json_string(today));
        web_page(req, res, 200, "recharge_statement", "Recharge statement", data);
        return;
    }
    json_t *st;
    struct svc_ctx *c = api_ctx(req);
    int rc = svc_jf_recharge_statement(c, from, to, &st);
    if (rc == SVC_INVALID) {
        data = api_error_data(c->errors);
        json_object_set_new(data, "from", json_string(from ? from : ""));
        json_object_set_new(data, "to", json_string(to ? to : ""));
        web_page(req, res, 422, "recharge_statement", "Recharge statement", data);
        return;
    }
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    each(json_object_get(st, "lines"), line_present);
    each(json_object_get(st, "reconciliations"), displays);
    /* A reconciliation names its person by the statement line of its task. */
    size_t i, j;
    json_t *r, *l;
    json_array_foreach(json_object_get(st, "reconciliations"), i, r)
        json_array_foreach(json_object_get(st, "lines"), j, l)
            if (json_equal(json_object_get(l, "task_id"), json_object_get(r, "plan_task_id"))) {
                static const char *const who[] = {"given_name", "family_name", "nhs_number_formatted", "task_name"};
                for (size_t k = 0; k < sizeof who / sizeof who[0]; k++)
                    json_object_set(r, who[k], json_object_get(l, who[k]));
            }
    json_t *tot = json_object_get(st, "totals");
    displays(tot);
    int64_t net = json_integer_value(json_object_get(tot, "council_owes_nhs_pence"));
    char abs_net[MONEY_STR_SIZE];
    money_format(net < 0 ? -net : net, abs_net);
    json_object_set_new(tot, "net_abs_display", json_string(abs_net));
    json_object_set_new(tot, "council_owes", json_boolean(net > 0));
    json_object_set_new(tot, "nhs_owes", json_boolean(net < 0));
    json_object_set_new(st, "has_lines", json_boolean(json_array_size(json_object_get(st, "lines")) > 0));
    json_object_set_new(st, "has_reconciliations", json_boolean(json_array_size(json_object_get(st, "reconciliations")) > 0));
    json_object_set_new(st, "shown", json_true());
    data = api_error_data(NULL);
    json_object_update(data, st);
    web_page(req, res, 200, "recharge_statement", "Recharge statement", data);
}
