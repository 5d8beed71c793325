/* Pages of the single referral point: make a referral, the team work
 * queue, a referral with its history and the triage / accept / decline
 * forms. They call the same functions as the API. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/referrals_api.h"
#include "domain/nhs_number.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "api/person_access.h"
#include "svc/referral_watch.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

static json_t *options(const char *const (*pairs)[2], size_t n, const char *selected, const char *flag)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "value", pairs[i][0], "label", pairs[i][1], flag,
                                           selected && strcmp(selected, pairs[i][0]) == 0));
    return a;
}

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
    json_object_set_new(f, "sources", options(sources, 7, get, "selected"));
    json_object_set_new(f, "urgencies", options(urgencies, 3, json_string_value(json_object_get(form, "urgency")), "checked"));
    json_object_set_new(f, "consents", options(consents, 3, json_string_value(json_object_get(form, "consent")), "checked"));
    json_t *person = NULL;
    const char *pid = json_string_value(json_object_get(form, "person_id"));
    struct store_error err = {0};
    /* Identifying details only (as search shows them), audited as such. */
    if (pid && (person = persons_get(req->db, pid, &err)) &&
        api_audit_read(req, res, "person", pid, pid, "identify") < 0) {
        json_decref(person);
        json_decref(f);
        return;
    }
    json_t *data = json_pack("{s:o, s:o, s:b, s:o}", "form", f, "field_errors", api_field_errors(errors),
                             "has_errors", json_array_size(errors) > 0, "errors",
                             errors ? json_incref(errors) : json_array());
    if (person)
        json_object_set_new(data, "person", json_pack("{s:O, s:O, s:O}", "given_name",
                            json_object_get(person, "given_name"), "family_name", json_object_get(person, "family_name"),
                            "date_of_birth", json_object_get(person, "date_of_birth")));
    json_decref(person);
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

/* Form fields → the API body: NHS number to person_id, referrer_* to referrer. */
static json_t *form_to_body(struct request *req, json_t *form, json_t *errors)
{
    json_t *body = json_deep_copy(form);
    const char *nhs = json_string_value(json_object_get(form, "nhs_number"));
    if (!json_object_get(form, "person_id")) {
        char digits[NHS_NUMBER_DIGITS], id[STORE_ID_LEN];
        struct domain_error de;
        struct store_error err = {0};
        if (!nhs || !*nhs)
            http_add_error(errors, "nhs_number", "enter the person's NHS number");
        else if (nhs_number_parse(nhs, digits, &de) < 0)
            http_add_error(errors, "nhs_number", de.message);
        else if (persons_id_by_nhs(req->db, digits, id, &err) != 0)
            http_add_error(errors, "nhs_number", "no one on the shared record has this NHS number: register them first");
        else
            json_object_set_new(body, "person_id", json_string(id));
    }
    json_object_set_new(body, "referrer", json_pack("{s:O?, s:O?, s:O?}", "name", json_object_get(form, "referrer_name"),
                        "phone", json_object_get(form, "referrer_phone"), "organisation", json_object_get(form, "referrer_org")));
    return body;
}

static json_t *page_errors(struct response *res, json_t *more)
{
    json_t *errors = json_array();
    json_array_extend(errors, more);
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(res->json, "errors"), i, e) {
        const char *f = json_string_value(json_object_get(e, "field"));
        json_array_append_new(errors, json_pack("{s:s, s:O}", "field",
                              f && strcmp(f, "referrer.name") == 0 ? "referrer_name" : f ? f : "form",
                              "message", json_object_get(e, "message")));
    }
    return errors;
}

void p_referral_create(struct request *req, struct response *res)
{
    json_t *form = http_body_json(req, res);
    if (!form)
        return;
    json_t *pre = json_array();
    json_t *body = form_to_body(req, form, pre);
    char id[STORE_ID_LEN];
    int rc = json_array_size(pre) ? -1 : referral_create(req, res, body, id);
    if (rc == 0) {
        /* POST-redirect-GET: a refresh shows the confirmation, it does not
         * send the referral again. */
        http_redirect(res, req, arena_printf(&req->arena, "/referrals/%s/sent", id));
    } else if (json_array_size(pre) || res->status == 422) {
        json_t *errors = page_errors(res, pre);
        json_decref(res->json);
        res->json = NULL;
        referral_form(req, res, 422, form, errors);
        json_decref(errors);
    }
    json_decref(pre);
    json_decref(body);
    json_decref(form);
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
    struct store_error err = {0};
    json_t *r = referrals_get(req->db, req->params[0], &err);
    const char *by = json_string_value(json_object_get(r, "referred_by"));
    if (!r || !by || strcmp(by, req->who.user_id) != 0) {
        if (!r && err.code != STORE_ENOTFOUND)
            http_internal(res, req, 503, err.message);
        else
            http_problem(res, req, 404, "not-found", "Not found", "No such referral.");
        json_decref(r);
        return;
    }
    referral_present(r);
    web_page(req, res, 200, "referral_sent", "Referral sent", json_pack("{s:O, s:O, s:O, s:O, s:O}", "received_display",
             json_object_get(r, "received_display"), "due_note", json_object_get(r, "due_note"), "front_door_team_name", json_object_get(r, "front_door_team_name"), "due_display",
             json_object_get(r, "due_display"), "urgency", json_object_get(r, "urgency")));
    json_decref(r);
}

static void render_referral(struct request *req, struct response *res, const char *id, int status, json_t *errors,
                            json_t *form)
{
    json_t *r = referral_read(req, res, id);
    if (!r)
        return;
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
    struct store_error err = {0};
    json_t *teams = referrals_routes(req->db, &err), *t, *opts = json_array();
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
    json_decref(teams);
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

static void act(struct request *req, struct response *res, enum referral_action a)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    struct store_error err = {0};
    json_t *before = referrals_get(req->db, req->params[0], &err);
    char holder[STORE_ID_LEN] = "", fd[STORE_ID_LEN] = "";
    if (before) {
        snprintf(holder, sizeof holder, "%s", json_string_value(json_object_get(before, "team_id")));
        snprintf(fd, sizeof fd, "%s", json_string_value(json_object_get(before, "front_door_team_id")));
    }
    json_decref(before);
    if (referral_act(req, res, req->params[0], a, body) == 0) {
        /* The front door goes back to its own queue (the referral is on its
         * list of what waits for a team); the receiving team to its queue. */
        http_redirect(res, req, arena_printf(&req->arena, "/teams/%s/queue", a == REFERRAL_ACCEPT ||
                      a == REFERRAL_DECLINE ? holder : fd));
    } else if (res->status == 422) {
        json_t *errors = page_errors(res, NULL);
        json_decref(res->json);
        res->json = NULL;
        render_referral(req, res, req->params[0], 422, errors, body);
        json_decref(errors);
    }
    json_decref(body);
}

void p_referral_triage(struct request *req, struct response *res) { act(req, res, REFERRAL_TRIAGE); }
void p_referral_accept(struct request *req, struct response *res) { act(req, res, REFERRAL_ACCEPT); }
void p_referral_decline(struct request *req, struct response *res) { act(req, res, REFERRAL_DECLINE); }
void p_referral_reroute(struct request *req, struct response *res) { act(req, res, REFERRAL_REROUTE); }

void p_team_queue(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *team = accounts_team_get(req->db, req->params[0], &err);
    if (!team) {
        http_problem(res, req, 404, "not-found", "Not found", "No such team.");
        return;
    }
    json_t *items = referral_queue(req, res, req->params[0], 200);
    json_t *waiting = NULL;
    int rc = items ? svc_referrals_awaiting(api_ctx(req), req->params[0], &waiting) : SVC_OK;
    if (!items || rc != SVC_OK) {
        if (rc != SVC_OK)
            api_result(req, res, rc);
        json_decref(items);
        json_decref(team);
        return;
    }
    json_t *w = json_object_get(waiting, "items");
    web_page(req, res, 200, "team_queue", "Work queue", json_pack("{s:o, s:b, s:o, s:b, s:O}", "team", team,
             "has_items", json_array_size(items) > 0, "items", items, "has_waiting", json_array_size(w) > 0,
             "waiting", w));
}
