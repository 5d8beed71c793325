/* Pages of the single referral point: make a referral, the team work
 * queue, a referral with its history and the triage / accept / decline /
 * reroute forms. They call the same services as the JSON API
 * (svc/referral_create.h, referral_actions.h, referral_reads.h,
 * referral_watch.h) through page_post. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "pages/page.h"
#include "svc/referral_actions.h"
#include "svc/referral_create.h"
#include "svc/referral_reads.h"
#include "svc/referral_watch.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

static void referral_form(struct request *req, struct response *res, int status, json_t *form, json_t *errors)
{
    static const char *const sources[][2] = {{"gp", "GP"}, {"ward", "Hospital ward"}, {"111", "NHS 111"},
        {"family", "Family or friend"}, {"self", "The person themselves"}, {"team", "Another team"},
        {"other", "Someone else"}};
    static const char *const urgencies[][2] = {{"crisis", "Crisis — a response within 2 hours"},
        {"urgent", "Urgent — by the end of the next working day"}, {"routine", "Routine"}};
    static const char *const consents[][2] = {{"given", "The person consents"},
        {"refused", "The person does not consent"},
        {"best_interests", "The person lacks capacity: referred in their best interests"}};
    const char *get = NULL;
    json_t *f = json_deep_copy(form);
    get = json_string_value(json_object_get(form, "source"));
    json_object_set_new(f, "sources", page_options(sources, 7, get, "selected"));
    json_object_set_new(f, "urgencies",
                        page_options(urgencies, 3, json_string_value(json_object_get(form, "urgency")), "checked"));
    json_object_set_new(f, "consents",
                        page_options(consents, 3, json_string_value(json_object_get(form, "consent")), "checked"));
    json_t *person = NULL;
    const char *pid = json_string_value(json_object_get(form, "person_id"));
    struct svc_ctx *c = api_ctx(req);
    /* Identifying details only (as search shows them), audited as such. */
    if (pid && svc_referral_identify(c, pid, &person) == SVC_FAILED) {
        json_decref(f);
        api_result(req, res, SVC_FAILED);
        return;
    }
    json_t *data = json_pack("{s:o, s:o, s:b, s:o}", "form", f, "field_errors", api_field_errors(errors),
                             "has_errors", json_array_size(errors) > 0, "errors",
                             errors ? json_incref(errors) : json_array());
    if (person)
        json_object_set_new(data, "person", json_incref(person));
    web_page(req, res, status, "referral_form", "Make a referral", data);
}

void p_referral_new(struct request *req, struct response *res)
{
    json_t *form = json_object();
    const char *pid = http_query(req, "person_id");
    if (pid && *pid)
        json_object_set_new(form, "person_id", json_string(pid));
    referral_form(req, res, 200, form, NULL);
    json_decref(form);
}

/* The form's fields as the service's: the NHS number names the person
 * (unless the form carries person_id), referrer_* the referrer. An error
 * on referrer.name is shown beside the form's referrer_name. */
static int create_act(struct svc_ctx *c, json_t *form, void *arg)
{
    char *id = arg, pid[STORE_ID_LEN];
    struct svc_referral_in in;
    svc_referral_in_decode(c, form, &in);
    if (!in.person_id && svc_referral_person_by_nhs(c, input_str(form, "nhs_number", svc_errors(c)), pid) == SVC_OK)
        in.person_id = pid;
    int rc = svc_has_errors(c) ? SVC_INVALID : svc_referral_create(c, &in, id);
    size_t i;
    json_t *e;
    json_array_foreach(c->errors, i, e) {
        const char *field = json_string_value(json_object_get(e, "field"));
        if (field && strcmp(field, "referrer.name") == 0)
            json_object_set_new(e, "field", json_string("referrer_name"));
    }
    return rc;
}

/* POST-redirect-GET: a refresh shows the confirmation, it does not send
 * the referral again. */
static const char *create_next(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/referrals/%s/sent", (const char *)arg);
}

static void create_show(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    (void)arg;
    referral_form(req, res, status, form, errors);
}

void p_referral_create(struct request *req, struct response *res)
{
    char *id = arena_alloc(&req->arena, STORE_ID_LEN);
    page_post(req, res, &(struct page_form){NULL, create_act, create_next, create_show, id, NULL});
}

static int in_team(struct request *req, const char *team_id)
{
    json_t *teams = svc_teams(api_ctx(req)), *t;
    size_t i;
    json_array_foreach(teams, i, t)
        if (team_id && strcmp(json_string_value(json_object_get(t, "id")), team_id) == 0)
            return 1;
    return 0;
}

/* The referral with its forms: the receiving team answers it, the front
 * door triages it or, while it waits with a team, takes it back and sends
 * it on. form (may be NULL) keeps what was typed after a 422. */
/* GET /referrals/{id}/sent: the confirmation for whoever made the
 * referral (they may hold no relationship with the person: it names the
 * front door and the due time, not the person). Anyone else: not found. */
void p_referral_sent(struct request *req, struct response *res)
{
    json_t *r;
    int rc = svc_referral_sent(api_ctx(req), req->params[0], &r);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    web_page(req, res, 200, "referral_sent", "Referral sent", json_pack("{s:O, s:O, s:O, s:O, s:O}", "received_display",
             json_object_get(r, "received_display"), "due_note", json_object_get(r, "due_note"), "front_door_team_name", json_object_get(r, "front_door_team_name"), "due_display",
             json_object_get(r, "due_display"), "urgency", json_object_get(r, "urgency")));
}

static void render_referral(struct request *req, struct response *res, const char *id, int status, json_t *errors,
                            json_t *form)
{
    struct svc_ctx *c = api_ctx(req);
    json_t *r, *teams;
    int rc = svc_referral_view(c, id, &r);
    if (rc == SVC_OK)
        rc = svc_referral_routes(c, &teams);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_incref(r);
    json_t *routes = json_array();
    const char *chosen = json_string_value(json_object_get(form, "route"));
    for (int i = 0; i < ROUTE_COUNT; i++) {
        const char *v = referral_route_name((enum referral_route)i);
        json_array_append_new(routes, json_pack("{s:s, s:s, s:b}", "value", v, "label",
                                                referral_route_label((enum referral_route)i), "selected",
                                                chosen && strcmp(chosen, v) == 0));
    }
    json_object_set_new(r, "routes", routes);
    /* Teams that receive a route, for sending a stuck referral elsewhere. */
    json_t *t, *opts = json_array();
    const char *team_chosen = json_string_value(json_object_get(form, "team_id"));
    size_t k;
    json_array_foreach(teams, k, t) {
        const char *route = json_string_value(json_object_get(t, "route"));
        int rt = referral_route_parse(route, "route", NULL);
        const char *tid = json_string_value(json_object_get(t, "team_id"));
        if (rt < 0 || !tid)
            continue;   /* the front door itself */
        json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "value", tid, "label",
                              arena_printf(&req->arena, "%s (%s)", json_string_value(json_object_get(t, "team_name")),
                                           referral_route_label((enum referral_route)rt)),
                              "selected", team_chosen && strcmp(team_chosen, tid) == 0));
    }
    json_object_set_new(r, "route_teams", opts);
    int triaged = json_is_true(json_object_get(r, "is_triaged"));
    json_object_set_new(r, "may_answer", json_boolean(triaged &&
                        in_team(req, json_string_value(json_object_get(r, "team_id")))));
    json_object_set_new(r, "may_reroute", json_boolean(triaged &&
                        in_team(req, json_string_value(json_object_get(r, "front_door_team_id")))));
    json_t *data = json_pack("{s:o, s:o, s:b, s:o, s:O}", "r", r, "field_errors", api_field_errors(errors),
                             "has_errors", json_array_size(errors) > 0, "errors",
                             errors ? json_incref(errors) : json_array(), "form", form ? form : json_object());
    if (!form)
        json_decref(json_object_get(data, "form"));
    person_banner(req, data, json_string_value(json_object_get(r, "person_id")));
    web_page(req, res, status, "referral", "Referral", data);
}

void p_referral(struct request *req, struct response *res)
{
    render_referral(req, res, req->params[0], 200, NULL, NULL);
}

struct action {
    const char *id;
    enum referral_action a;
    struct svc_referral_act_in in;
};

static int act_call(struct svc_ctx *c, json_t *form, void *arg)
{
    struct action *x = arg;
    json_t *errors = svc_errors(c);
    x->in.route = input_str(form, "route", errors);
    x->in.team_id = input_str(form, "team_id", errors);
    x->in.note = input_str(form, "note", errors);
    x->in.reason = input_str(form, "reason", errors);
    x->in.expect = (struct svc_expect){NULL, json_object_get(form, "version")};
    return svc_referral_act(c, x->id, x->a, &x->in);
}

/* The front door goes back to its own queue (the referral is on its list
 * of what waits for a team); the receiving team to its queue. */
static const char *act_next(struct request *req, void *arg)
{
    struct action *x = arg;
    return arena_printf(&req->arena, "/teams/%s/queue",
                        x->a == REFERRAL_ACCEPT || x->a == REFERRAL_DECLINE ? x->in.holder : x->in.front_door);
}

static void act_show(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    (void)arg;
    render_referral(req, res, req->params[0], status, errors, form);
}

static void act(struct request *req, struct response *res, enum referral_action a)
{
    struct action *x = arena_alloc(&req->arena, sizeof *x);
    memset(x, 0, sizeof *x);
    x->id = req->params[0];
    x->a = a;
    page_post(req, res, &(struct page_form){NULL, act_call, act_next, act_show, x, NULL});
}

void p_referral_triage(struct request *req, struct response *res) { act(req, res, REFERRAL_TRIAGE); }
void p_referral_accept(struct request *req, struct response *res) { act(req, res, REFERRAL_ACCEPT); }
void p_referral_decline(struct request *req, struct response *res) { act(req, res, REFERRAL_DECLINE); }
void p_referral_reroute(struct request *req, struct response *res) { act(req, res, REFERRAL_REROUTE); }

void p_team_queue(struct request *req, struct response *res)
{
    struct svc_ctx *c = api_ctx(req);
    json_t *team, *items, *waiting;
    int rc = svc_team_get(c, req->params[0], &team);
    if (rc == SVC_OK)
        rc = svc_referral_queue(c, req->params[0], 200, &items);
    if (rc == SVC_OK)
        rc = svc_referrals_awaiting(c, req->params[0], &waiting);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_t *w = json_object_get(waiting, "items");
    web_page(req, res, 200, "team_queue", "Work queue", json_pack("{s:O, s:b, s:O, s:b, s:O}", "team", team,
             "has_items", json_array_size(items) > 0, "items", items, "has_waiting", json_array_size(w) > 0,
             "waiting", w));
}
