/* CHC pages for the ICB: the work list by stage (breached first), the case
 * with its clock, history and the decision form (ICB users only), the
 * printable letter to the person, and the board's measures table. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "api/persons_api.h"
#include "pages/chc_pages.h"
#include "pages/page.h"
#include "svc/access.h"
#include "svc/chc.h"
#include "svc/reports.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

void p_chc_dashboard(struct request *req, struct response *res)
{
    json_t *items = NULL;
    if (!chc_page_got(req, res, svc_chc_case_list(api_ctx(req), NULL, NULL, 200, &items), &items))
        return;
    static const char *const stages[][2] = {{"awaiting_assessment", "Awaiting full assessment"},
        {"assessed", "Assessed: awaiting the ICB decision"}, {"deferred", "Decision deferred"},
        {"decided", "Decided"}};
    json_t *out = json_array();
    int breached = 0, at_risk = 0, open = 0;
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        int decided = json_is_true(json_object_get(it, "is_decided"));
        open += !decided;
        breached += !decided && json_is_true(json_object_get(it, "is_breached"));
        at_risk += !decided && json_is_true(json_object_get(it, "is_at_risk"));
    }
    for (size_t s = 0; s < 4; s++) {
        json_t *list = json_array();
        json_array_foreach(items, i, it)
            if (strcmp(json_string_value(json_object_get(it, "status")), stages[s][0]) == 0)
                json_array_append(list, it);
        json_array_append_new(out, json_pack("{s:s, s:i, s:b, s:o, s:b}", "label", stages[s][1], "count",
                              (int)json_array_size(list), "has_items", json_array_size(list) > 0, "items", list,
                              "decided", s == 3));
    }
    web_page(req, res, 200, "chc_dashboard", "Continuing healthcare", json_pack("{s:o, s:i, s:i, s:i}", "stages", out,
             "breached", breached, "at_risk", at_risk, "open", open));
}

static void case_page(struct request *req, struct response *res, const char *id, int status, json_t *errors)
{
    json_t *c = NULL;
    if (!chc_page_got(req, res, svc_chc_case_read(api_ctx(req), id, &c), &c))
        return;
    json_object_set_new(c, "icb_user", json_boolean(strcmp(req->who.org_type, "icb") == 0));
    json_object_set_new(c, "today", json_string(svc_date_offset(api_ctx(req), 0)));
    json_t *data = json_pack("{s:O}", "c", c);
    chc_page_show(req, res, status, "chc_case", "CHC case", data, errors,
                  json_string_value(json_object_get(c, "person_id")));
}

void p_chc_case(struct request *req, struct response *res)
{
    case_page(req, res, req->params[0], 200, NULL);
}

/* A form on the case's page: the service on the route's case. */
struct case_form {
    struct request *req;
    int (*act)(struct svc_ctx *c, const char *case_id, json_t *in, const struct svc_expect *e);
};

static int case_act(struct svc_ctx *c, json_t *form, void *arg)
{
    struct case_form *f = arg;
    struct svc_expect e = api_expect(f->req, form);
    return f->act(c, f->req->params[0], form, &e);
}

static const char *to_case(struct request *req, void *arg)
{
    (void)arg;
    return arena_printf(&req->arena, "/chc/cases/%s", req->params[0]);
}

static void case_again(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    (void)form, (void)arg;
    case_page(req, res, req->params[0], status, errors);
}

static void case_post(struct request *req, struct response *res, struct case_form *f)
{
    page_post(req, res, &(struct page_form){NULL, case_act, to_case, case_again, f, NULL});
}

void p_chc_decision(struct request *req, struct response *res)
{
    case_post(req, res, &(struct case_form){req, svc_chc_decide});
}

void p_chc_package_start(struct request *req, struct response *res)
{
    case_post(req, res, &(struct case_form){req, svc_chc_package_start});
}

static void letter_fields(struct request *req, json_t *c, json_t *p)
{
    static const char *const keep[] = {"address_line1", "town", "postcode"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        json_object_set(c, keep[i], json_object_get(p, keep[i]));
    person_present(c);
    json_object_set_new(c, "letter_date", json_string(svc_date_offset(api_ctx(req), 0)));
    page_money(c, "fnc_weekly_pence", "fnc_weekly");
    const char *f = json_string_value(json_object_get(c, "funding"));
    const char *o = json_string_value(json_object_get(c, "outcome"));
    json_object_set_new(c, "joint", json_boolean(f && strcmp(f, "joint_package") == 0));
    json_object_set_new(c, "council", json_boolean(f && strcmp(f, "council_only") == 0));
    json_object_set_new(c, "is_deferred", json_boolean(o && strcmp(o, "deferred") == 0));
}

/* GET /chc/cases/{id}/letter: the decision letter as a printable page
 * (the print stylesheet hides the navigation; print or save as PDF). */
void p_chc_letter(struct request *req, struct response *res)
{
    struct svc_ctx *sc = api_ctx(req);
    json_t *c = NULL, *p = NULL;
    if (!chc_page_got(req, res, svc_chc_case_read(sc, req->params[0], &c), &c))
        return;
    if (!json_string_value(json_object_get(c, "outcome"))) {
        api_result(req, res, svc_refuse(sc, SVC_CHC_CASE_STATE, "No decision yet",
                                        "The letter follows the ICB's decision."));
        return;
    }
    if (!chc_page_got(req, res, svc_person_read(sc, json_string_value(json_object_get(c, "person_id")), &p), &p))
        return;
    letter_fields(req, c, p);
    web_page(req, res, 200, "chc_letter", "Your NHS Continuing Healthcare decision", json_pack("{s:O}", "c", c));
}

void p_chc_report(struct request *req, struct response *res)
{
    json_t *r = NULL;
    if (!chc_page_got(req, res, svc_chc_report(api_ctx(req), http_query(req, "from"), http_query(req, "to"),
                                               http_query(req, "by"), &r), &r))
        return;
    json_t *rows = json_deep_copy(json_object_get(r, "periods"));
    json_array_append(rows, json_object_get(r, "total"));
    json_object_set_new(r, "rows", rows);
    const char *by = json_string_value(json_object_get(r, "by"));
    web_page(req, res, 200, "chc_report", "Continuing healthcare measures", json_pack("{s:O, s:b}", "r", r, "quarter",
             by && strcmp(by, "quarter") == 0));
}

/* POST /chc/cases {referral_id} from the referral page: opens the case
 * (a refusal or a problem with the referral is shown as it is). */
static int from_referral(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_chc_case_from_referral(c, form, arg);
}

static const char *to_new_case(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/chc/cases/%s", (const char *)arg);
}

static void referral_problem(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                             void *arg)
{
    (void)status, (void)errors, (void)form, (void)arg;
    api_result(req, res, SVC_INVALID);
}

void p_chc_case_from_referral(struct request *req, struct response *res)
{
    char id[STORE_ID_LEN] = "";
    page_post(req, res, &(struct page_form){NULL, from_referral, to_new_case, referral_problem, id, NULL});
}
