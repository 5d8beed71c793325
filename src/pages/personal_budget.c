/* The personal budget page of a care plan: the budget weekly and annual
 * (council / person), the direct payment with its review due date (tagged
 * when overdue), and forms to agree the budget and record a review. The
 * same services as the API (svc/personal_budgets.h); no JavaScript needed. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "domain/money.h"
#include "pages/page.h"
#include "svc/personal_budgets.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

/* Field names for the template: "direct_payment.x" becomes "direct_payment_x"
 * (a dot would be read as a path), in error fields and in form keys. */
static void undot(char *s)
{
    for (; *s; s++)
        if (*s == '.')
            *s = '_';
}

static json_t *form_values(json_t *body)
{
    json_t *out = json_object(), *v;
    const char *key;
    char name[96];
    json_object_foreach(body, key, v) {
        snprintf(name, sizeof name, "%s", key);
        undot(name);
        json_object_set(out, name, v);
    }
    return out;
}

static void undot_errors(json_t *errors)
{
    size_t i;
    json_t *e;
    char field[128];
    json_array_foreach(errors, i, e) {
        snprintf(field, sizeof field, "%s", json_string_value(json_object_get(e, "field")));
        undot(field);
        json_object_set_new(e, "field", json_string(field));
    }
}

static void present(json_t *pb)
{
    page_money_displays(json_object_get(pb, "weekly"), NULL);
    page_money_displays(json_object_get(pb, "annual"), NULL);
    json_t *dp = json_object_get(pb, "direct_payment");
    if (json_is_object(dp)) {
        page_money_displays(dp, NULL);
        json_object_set_new(dp, "by_authorised_person",
                            json_boolean(!strcmp(json_string_value(json_object_get(dp, "requested_by")), "authorised_person")));
    }
    json_object_set_new(pb, "has_budget", json_boolean(json_is_integer(json_object_get(pb, "version"))));
    char text[MONEY_STR_SIZE];
    money_format(json_integer_value(json_object_get(pb, "weekly_contribution_pence")), text);
    json_object_set_new(pb, "contribution_pounds", json_string(text[0] == '-' ? "" : text + strlen("£")));
}

static void render(struct request *req, struct response *res, const char *plan_id, int status, json_t *errors,
                   const char *form_name, json_t *body)
{
    struct svc_ctx *c = api_ctx(req);
    json_t *pb = NULL;
    int rc = svc_pb_read(c, plan_id, &pb);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    present(pb);
    undot_errors(errors);
    json_t *data = api_error_data(errors);
    person_banner(req, data, json_string_value(json_object_get(pb, "person_id")));
    json_object_set(data, "pb", pb);
    json_object_set_new(data, "is_council", json_boolean(c->org_type && strcmp(c->org_type, "council") == 0));
    const char *forms[] = {"form_budget", "form_review"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        json_object_set_new(data, forms[i], form_name && !strcmp(form_name, forms[i]) && body ? form_values(body)
                                                                                           : json_object());
    web_page(req, res, status, "personal_budget", "Personal budget", data);
}

void p_pb_page(struct request *req, struct response *res)
{
    render(req, res, req->params[0], 200, NULL, NULL, NULL);
}

/* The forms' POSTs (pages/page.h): back to the budget on success, the page
 * again with the errors and the typed values kept on 422. */
struct pb_form {
    struct request *req;
    const char *prefix;
};

static int act(struct svc_ctx *c, json_t *form, void *arg)
{
    const struct pb_form *f = arg;
    const char *plan_id = f->req->params[0];
    if (strcmp(f->prefix, "review") == 0)
        return svc_pb_review_record(c, plan_id, form);
    struct svc_expect e = api_expect(f->req, form);
    return svc_pb_put(c, plan_id, form, &e);
}

static const char *next(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/plans/%s/personal-budget#%s", req->params[0],
                        ((const struct pb_form *)arg)->prefix);
}

static void show(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    render(req, res, req->params[0], status, errors,
           arena_printf(&req->arena, "form_%s", ((const struct pb_form *)arg)->prefix), form);
}

static void post(struct request *req, struct response *res, const char *prefix)
{
    struct pb_form f = {req, prefix};
    page_post(req, res, &(struct page_form){prefix, act, next, show, &f, NULL});
}

void p_pb_post(struct request *req, struct response *res)
{
    post(req, res, "budget");
}

void p_pb_review_post(struct request *req, struct response *res)
{
    post(req, res, "review");
}
