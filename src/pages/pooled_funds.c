/* Pages of s75 pooled funds: the list, and a fund on one page (partners and
 * contributions, spend against budget by service and quarter with a bar
 * chart in inline SVG — attributes, not inline styles, so the CSP holds —
 * the risk-share outcome, forms to record spend and contributions, and the
 * CSV/XLSX downloads). The same services as the API (svc/pooled_funds.h). */
#include "api/handlers.h"
#include "api/pooled_funds_api.h"
#include "domain/money.h"
#include "pages/page.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

static const char *const money_keys[] = {"budget_pence", "spent_pence", "variance_pence", "contributed_pence",
                                         "cap_pence", "share_pence", "net_cost_pence", "amount_pence", NULL};

static int64_t num(json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

/* Bar widths in whole percent of the largest budget or spend (0 <= v <=
 * max); integer arithmetic, and a bar of 0 < x < 1% still shows as 1. */
static int64_t bar(int64_t v, int64_t max)
{
    if (v <= 0 || max <= 0)
        return 0;
    int64_t pct = v <= INT64_MAX / 100 ? v * 100 / max : v / (max / 100);
    return pct < 1 ? 1 : pct > 100 ? 100 : pct;
}

static void chart(json_t *st)
{
    size_t i;
    json_t *s;
    int64_t max = 0;
    json_array_foreach(json_object_get(st, "services"), i, s) {
        max = num(s, "budget_pence") > max ? num(s, "budget_pence") : max;
        max = num(s, "spent_pence") > max ? num(s, "spent_pence") : max;
    }
    json_array_foreach(json_object_get(st, "services"), i, s) {
        json_object_set_new(s, "budget_bar", json_integer(bar(num(s, "budget_pence"), max)));
        json_object_set_new(s, "spent_bar", json_integer(bar(num(s, "spent_pence"), max)));
        json_object_set_new(s, "is_over", json_boolean(num(s, "variance_pence") > 0));
        json_t *q = json_object_get(s, "quarters"), *qs = json_array();
        for (size_t k = 0; k < 4; k++) {
            char text[MONEY_STR_SIZE];
            money_format(json_integer_value(json_array_get(q, k)), text);
            json_array_append_new(qs, json_string(text));
        }
        json_object_set_new(s, "quarters_display", qs);
    }
}

static void present(json_t *st)
{
    page_money_displays(st, money_keys);
    static const char *const lists[] = {"partners", "services", "quarters", "contributions", "spend"};
    for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
        page_money_displays_each(json_object_get(st, lists[k]), money_keys);
    chart(st);
    const char *pos = json_string_value(json_object_get(st, "position"));
    json_object_set_new(st, "is_overspend", json_boolean(pos && !strcmp(pos, "overspend")));
    json_object_set_new(st, "is_underspend", json_boolean(pos && !strcmp(pos, "underspend")));
    json_object_set_new(st, "is_on_budget", json_boolean(pos && !strcmp(pos, "on_budget")));
    int64_t v = num(st, "variance_pence");
    char text[MONEY_STR_SIZE];
    money_format(v < 0 ? -v : v, text);
    json_object_set_new(st, "variance_abs_display", json_string(text));
    const char *rule = json_string_value(json_object_get(st, "risk_share"));
    json_object_set_new(st, "risk_share_label", json_string(
        !rule ? "" : !strcmp(rule, "contribution_ratio") ? "in proportion to contributions"
        : !strcmp(rule, "fixed_percentage") ? "by fixed percentages"
        : "in proportion to contributions, each partner capped, the host bearing the rest"));
    json_object_set_new(st, "is_fixed", json_boolean(rule && !strcmp(rule, "fixed_percentage")));
    json_object_set_new(st, "is_capped", json_boolean(rule && !strcmp(rule, "capped")));
}

/* The service options of the spend form, the chosen one selected. */
static json_t *service_options(json_t *st, json_t *form)
{
    const char *chosen = json_string_value(json_object_get(form, "service_id"));
    json_t *opts = json_array(), *s;
    size_t i;
    json_array_foreach(json_object_get(st, "services"), i, s) {
        const char *id = json_string_value(json_object_get(s, "id"));
        json_array_append_new(opts, json_pack("{s:s, s:O, s:b}", "id", id, "name", json_object_get(s, "name"),
                                              "selected", chosen && id && !strcmp(chosen, id)));
    }
    return opts;
}

static void render(struct request *req, struct response *res, const char *id, int status, json_t *errors,
                   const char *form_name, json_t *form)
{
    struct svc_ctx *c = api_ctx(req);
    json_t *st;
    int rc = svc_pooled_fund_statement(c, id, 1, &st);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    present(st);
    json_t *data = page_error_data(errors);
    json_t *f_spend = form_name && !strcmp(form_name, "spend") && form ? json_incref(form) : json_object();
    json_t *f_contrib = form_name && !strcmp(form_name, "contribution") && form ? json_incref(form) : json_object();
    json_object_set_new(data, "service_options", service_options(st, f_spend));
    json_object_set_new(data, "form_spend", f_spend);
    json_object_set_new(data, "form_contribution", f_contrib);
    /* Only partners (and board viewers, who cannot write) get this far. */
    json_object_set_new(data, "can_write", json_boolean(svc_pooled_can_write(c)));
    json_object_set(data, "f", st);
    web_page(req, res, status, "pooled_fund", "Pooled fund", data);
}

void p_pooled_funds(struct request *req, struct response *res)
{
    json_t *r;
    int rc = svc_pooled_funds_list(api_ctx(req), &r);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_object_set_new(r, "has_items", json_boolean(json_array_size(json_object_get(r, "items")) > 0));
    web_page(req, res, 200, "pooled_funds", "Pooled funds", json_incref(r));
}

void p_pooled_fund(struct request *req, struct response *res)
{
    render(req, res, req->params[0], 200, NULL, NULL, NULL);
}

/* A form POST on the fund's page (page_post): back to the fund on success,
 * the page again with the errors and the typed values kept on 422. */
typedef int (*entry_fn)(struct svc_ctx *, const char *, json_t *, const struct svc_expect *);
struct entry_form {
    struct request *req;
    const char *name;
    entry_fn add;
};

static int act(struct svc_ctx *c, json_t *form, void *arg)
{
    const struct entry_form *e = arg;
    struct svc_expect ex = api_expect(e->req, form);
    return e->add(c, e->req->params[0], form, &ex);
}

static const char *next(struct request *req, void *arg)
{
    const struct entry_form *e = arg;
    return arena_printf(&req->arena, "/pooled-funds/%s#%s", req->params[0], e->name);
}

static void show(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    const struct entry_form *e = arg;
    render(req, res, req->params[0], status, errors, e->name, form);
}

static void post(struct request *req, struct response *res, const char *name, entry_fn add)
{
    struct entry_form e = {req, name, add};
    page_post(req, res, &(struct page_form){name, act, next, show, &e, NULL});
}

void p_pooled_fund_spend_post(struct request *req, struct response *res)
{
    post(req, res, "spend", svc_pooled_fund_spend);
}

void p_pooled_fund_contribution_post(struct request *req, struct response *res)
{
    post(req, res, "contribution", svc_pooled_fund_contribute);
}
