/* Pages after an NHS CHC decision: the case's reviews, the person's
 * challenges and personal health budget on one screen, and the team's
 * list of reviews due. The same services as the API (svc/chc_followup.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "domain/chc_challenge.h"
#include "domain/chc_review.h"
#include "domain/phb.h"
#include "pages/page.h"
#include "svc/chc_followup.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

static json_t *choices(int n, const char *(*name)(int), const char *(*label)(int))
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:s}", "value", name(i), "label", label(i)));
    return a;
}

static const char *review_name(int i) { return chc_review_outcome_name((enum chc_review_outcome)i); }
static const char *review_label(int i) { return chc_review_outcome_label((enum chc_review_outcome)i); }
static const char *stage_name(int i) { return chc_challenge_stage_name((enum chc_challenge_stage)i); }
static const char *stage_label(int i) { return chc_challenge_stage_label((enum chc_challenge_stage)i); }
static const char *phb_name(int i) { return phb_management_name((enum phb_management)i); }
static const char *phb_label(int i) { return phb_management_label((enum phb_management)i); }

static const char *decision_label(const char *outcome)
{
    if (!outcome)
        return "";
    return !strcmp(outcome, "eligible") ? "Eligible for NHS Continuing Healthcare"
         : !strcmp(outcome, "not_eligible") ? "Not eligible for NHS Continuing Healthcare"
         : !strcmp(outcome, "deferred") ? "Deferred" : outcome;
}

static const char *challenge_outcome_label(const char *o)
{
    return !o ? "" : !strcmp(o, "upheld") ? "upheld: a new eligibility decision is needed"
                   : !strcmp(o, "not_upheld") ? "not upheld: the decision stands" : "withdrawn";
}

/* Words for the codes the API returns, on every list of the page. */
static void label_codes(json_t *parts, json_t *c)
{
    size_t i;
    json_t *v;
    enum chc_review_outcome ro;
    enum chc_challenge_stage st;
    enum phb_management m;
    const char *funding = json_string_value(json_object_get(c, "funding"));
    if (funding)
        json_object_set_new(c, "funding_label", json_string(!strcmp(funding, "joint_package") ? "a joint package"
                            : !strcmp(funding, "council_only") ? "council-funded support" : "no other funding"));
    json_object_set_new(c, "outcome_label", json_string(decision_label(json_string_value(json_object_get(c, "outcome")))));
    json_array_foreach(json_object_get(parts, "reviews"), i, v)
        if (chc_review_outcome_parse(json_string_value(json_object_get(v, "outcome")), "outcome", &ro, NULL) == 0)
            json_object_set_new(v, "outcome_label", json_string(chc_review_outcome_label(ro)));
    json_array_foreach(json_object_get(parts, "challenges"), i, v) {
        if (chc_challenge_stage_parse(json_string_value(json_object_get(v, "stage")), "stage", &st, NULL) == 0)
            json_object_set_new(v, "stage_label", json_string(chc_challenge_stage_label(st)));
        json_object_set_new(v, "outcome_label", json_string(challenge_outcome_label(
                                json_string_value(json_object_get(v, "outcome")))));
    }
    json_array_foreach(json_object_get(parts, "phbs"), i, v)
        if (phb_management_parse(json_string_value(json_object_get(v, "management")), "management", &m, NULL) == 0)
            json_object_set_new(v, "management_label", json_string(phb_management_label(m)));
}

/* Display flags: the running budget, amounts in pounds, tags. */
static void present(json_t *parts, json_t *c)
{
    size_t i;
    json_t *b, *running = NULL;
    label_codes(parts, c);
    json_array_foreach(json_object_get(parts, "phbs"), i, b) {
        page_money(b, "weekly_amount_pence", "weekly_amount_display");
        if (json_is_null(json_object_get(b, "end_on")) && !running)
            running = b;
    }
    if (running)
        json_object_set(parts, "running_phb", running);
    const char *state = json_string_value(json_object_get(json_object_get(parts, "next_review"), "state"));
    json_object_set_new(parts, "has_reviews", json_boolean(json_array_size(json_object_get(parts, "reviews")) > 0));
    json_object_set_new(parts, "review_overdue", json_boolean(state && !strcmp(state, "overdue")));
    json_object_set_new(parts, "review_due_soon", json_boolean(state && !strcmp(state, "due_soon")));
}

static void render(struct request *req, struct response *res, const char *case_id, int status, json_t *errors,
                   const char *form_name, json_t *form)
{
    json_t *c, *parts;
    int rc = svc_chc_followup_case(api_ctx(req), case_id, &c, &parts);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    present(parts, c);
    json_t *data = api_error_data(errors);
    json_object_set(data, "c", c);
    json_object_set(data, "parts", parts);
    json_object_set_new(data, "is_icb", json_boolean(strcmp(req->who.org_type, "icb") == 0));
    json_object_set_new(data, "review_outcomes", choices(CHC_REVIEW_OUTCOMES, review_name, review_label));
    json_object_set_new(data, "stages", choices(CHC_STAGES, stage_name, stage_label));
    json_object_set_new(data, "managements", choices(PHB_MANAGEMENTS, phb_name, phb_label));
    const char *outcome = json_string_value(json_object_get(c, "outcome"));
    json_object_set_new(data, "is_eligible", json_boolean(outcome && !strcmp(outcome, "eligible")));
    /* Every form renders from its own values; the one that failed keeps what was typed. */
    const char *forms[] = {"form_review", "form_challenge", "form_phb"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        json_object_set_new(data, forms[i], form_name && !strcmp(form_name, forms[i]) && form ? json_incref(form)
                                                                                           : json_object());
    person_banner(req, data, json_string_value(json_object_get(c, "person_id")));
    web_page(req, res, status, "chc_after_decision", "After the CHC decision", data);
}

void p_chc_after_decision(struct request *req, struct response *res)
{
    render(req, res, req->params[0], 200, NULL, NULL, NULL);
}

/* The forms' POSTs (pages/page.h): on success back to the case's page (at
 * the section), on 422 the page again with the errors and the form's values
 * kept. Forms on a challenge or a budget name their record; its case is
 * read first (the record must belong to it). */
struct fu_form {
    const char *prefix, *case_id;
    struct request *req;
    int (*create)(struct svc_ctx *, const char *, json_t *, char[STORE_ID_LEN]);
    int (*act)(struct svc_ctx *, const char *, json_t *, const struct svc_expect *);
    int (*read)(struct svc_ctx *, const char *, json_t **);
};

static int act(struct svc_ctx *c, json_t *form, void *arg)
{
    struct fu_form *f = arg;
    const char *id = f->req->params[0];
    char made[STORE_ID_LEN];
    if (!f->read) {
        f->case_id = id;
        return f->create(c, id, form, made);
    }
    json_t *rec;
    int rc = f->read(c, id, &rec);
    if (rc != SVC_OK)
        return rc;
    f->case_id = json_string_value(json_object_get(rec, "case_id"));
    struct svc_expect e = api_expect(f->req, form);
    return f->act(c, id, form, &e);
}

static const char *next(struct request *req, void *arg)
{
    const struct fu_form *f = arg;
    return arena_printf(&req->arena, "/chc/cases/%s/after-decision#%s", f->case_id, f->prefix);
}

static void show(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    const struct fu_form *f = arg;
    render(req, res, f->case_id, status, errors, arena_printf(&req->arena, "form_%s", f->prefix), form);
}

static void post(struct request *req, struct response *res, struct fu_form *f)
{
    f->req = req;
    page_post(req, res, &(struct page_form){f->prefix, act, next, show, f, NULL});
}

void p_chc_review_post(struct request *req, struct response *res)
{
    post(req, res, &(struct fu_form){"review", NULL, NULL, svc_chc_review_record, NULL, NULL});
}

void p_chc_challenge_post(struct request *req, struct response *res)
{
    post(req, res, &(struct fu_form){"challenge", NULL, NULL, svc_chc_challenge_open, NULL, NULL});
}

void p_chc_phb_post(struct request *req, struct response *res)
{
    post(req, res, &(struct fu_form){"phb", NULL, NULL, svc_chc_phb_create, NULL, NULL});
}

void p_chc_challenge_outcome_post(struct request *req, struct response *res)
{
    post(req, res, &(struct fu_form){"outcome", NULL, NULL, NULL, svc_chc_challenge_conclude, svc_chc_challenge_read});
}

void p_chc_phb_update_post(struct request *req, struct response *res)
{
    post(req, res, &(struct fu_form){"phbchange", NULL, NULL, NULL, svc_chc_phb_change, svc_chc_phb_read});
}

void p_chc_reviews(struct request *req, struct response *res)
{
    const char *state = http_query(req, "state");
    if (state && strcmp(state, "overdue") && strcmp(state, "due_soon") && strcmp(state, "scheduled"))
        state = NULL;
    json_t *items = NULL;
    int rc = svc_chc_reviews_due(api_ctx(req), state, &items);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        const char *s = json_string_value(json_object_get(it, "state"));
        json_object_set_new(it, "is_overdue", json_boolean(s && !strcmp(s, "overdue")));
        json_object_set_new(it, "is_due_soon", json_boolean(s && !strcmp(s, "due_soon")));
    }
    web_page(req, res, 200, "chc_reviews", "CHC reviews due", json_pack("{s:O, s:b, s:s?}", "items", items,
             "has_items", json_array_size(items) > 0, "state", state));
}
