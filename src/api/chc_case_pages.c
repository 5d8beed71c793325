/* CHC pages for the ICB: the work list by stage (breached first), the case
 * with its clock, history and the decision form (ICB users only), the
 * printable letter to the person, and the board's measures table. */
#include "api/api.h"
#include "api/chc_api.h"
#include "api/chc_pages.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "api/persons_api.h"
#include "domain/money.h"
#include "util/clock.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

void p_chc_dashboard(struct request *req, struct response *res)
{
    json_t *items = chc_case_list(req, res, NULL, NULL, 200);
    if (!items)
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
    json_decref(items);
    web_page(req, res, 200, "chc_dashboard", "Continuing healthcare", json_pack("{s:o, s:i, s:i, s:i}", "stages", out,
             "breached", breached, "at_risk", at_risk, "open", open));
}

static void case_page(struct request *req, struct response *res, const char *id, int status, json_t *errors)
{
    json_t *c = chc_case_read(req, res, id);
    if (!c)
        return;
    char today[11];
    clock_today(today);
    json_object_set_new(c, "icb_user", json_boolean(strcmp(req->who.org_type, "icb") == 0));
    json_object_set_new(c, "today", json_string(today));
    json_t *data = json_pack("{s:o}", "c", c);
    chc_page_errors(data, errors);
    person_banner(req, data, json_string_value(json_object_get(c, "person_id")));
    web_page(req, res, status, "chc_case", "CHC case", data);
}

void p_chc_case(struct request *req, struct response *res)
{
    case_page(req, res, req->params[0], 200, NULL);
}

void p_chc_decision(struct request *req, struct response *res)
{
    json_t *form = http_body_json(req, res);
    if (!form)
        return;
    if (chc_decide(req, res, req->params[0], form) == 0) {
        http_redirect(res, req, arena_printf(&req->arena, "/chc/cases/%s", req->params[0]));
    } else if (res->status == 422) {
        json_t *errors = chc_page_take_errors(res);
        case_page(req, res, req->params[0], 422, errors);
        json_decref(errors);
    }
    json_decref(form);
}

void p_chc_package_start(struct request *req, struct response *res)
{
    json_t *form = http_body_json(req, res);
    if (!form)
        return;
    if (chc_package_start(req, res, req->params[0], form) == 0) {
        http_redirect(res, req, arena_printf(&req->arena, "/chc/cases/%s", req->params[0]));
    } else if (res->status == 422) {
        json_t *errors = chc_page_take_errors(res);
        case_page(req, res, req->params[0], 422, errors);
        json_decref(errors);
    }
    json_decref(form);
}

static void letter_fields(json_t *c, json_t *p)
{
    static const char *const keep[] = {"address_line1", "town", "postcode"};
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
        json_object_set(c, keep[i], json_object_get(p, keep[i]));
    person_present(c);
    char today[11], pence[MONEY_STR_SIZE];
    clock_today(today);
    json_object_set_new(c, "letter_date", json_string(today));
    if (json_is_integer(json_object_get(c, "fnc_weekly_pence"))) {
        money_format(json_integer_value(json_object_get(c, "fnc_weekly_pence")), pence);
        json_object_set_new(c, "fnc_weekly", json_string(pence));
    }
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
    json_t *c = chc_case_read(req, res, req->params[0]);
    if (!c)
        return;
    if (!json_string_value(json_object_get(c, "outcome"))) {
        json_decref(c);
        http_problem(res, req, 409, "chc-case-state", "No decision yet", "The letter follows the ICB's decision.");
        return;
    }
    json_t *p = person_read(req, res, json_string_value(json_object_get(c, "person_id")));
    if (!p) {
        json_decref(c);
        return;
    }
    letter_fields(c, p);
    json_decref(p);
    web_page(req, res, 200, "chc_letter", "Your NHS Continuing Healthcare decision", json_pack("{s:o}", "c", c));
}

void p_chc_report(struct request *req, struct response *res)
{
    json_t *r = chc_report(req, res);
    if (!r)
        return;
    json_t *rows = json_deep_copy(json_object_get(r, "periods"));
    json_array_append(rows, json_object_get(r, "total"));
    json_object_set_new(r, "rows", rows);
    const char *by = json_string_value(json_object_get(r, "by"));
    web_page(req, res, 200, "chc_report", "Continuing healthcare measures", json_pack("{s:o, s:b}", "r", r, "quarter",
             by && strcmp(by, "quarter") == 0));
}

/* POST /chc/cases {referral_id} from the referral page: opens the case. */
void p_chc_case_from_referral(struct request *req, struct response *res)
{
    json_t *form = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (form && chc_case_from_referral(req, res, form, id) == 0)
        http_redirect(res, req, arena_printf(&req->arena, "/chc/cases/%s", id));
    json_decref(form);
}
