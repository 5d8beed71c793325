/* The single referral point: create, triage, accept, decline (domain.md §4). */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "api/persons_api.h"
#include "api/referrals_api.h"
#include "svc/input.h"
#include "svc/referral_create.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

/* The JSON API's and the page's referral: the service checks and writes
 * it (svc/referral_create.h); a new person given inline in "person" is
 * registered only once everything else about the referral is valid. */
int referral_create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    struct svc_ctx *c = api_ctx(req);
    json_t *errors = svc_errors(c), *inline_person = json_object_get(body, "person");
    json_t *ref = json_object_get(body, "referrer");
    if (ref && !json_is_object(ref)) {
        svc_field_error(c, "referrer", "must be an object with name, phone and organisation");
        ref = NULL;
    }
    struct svc_referral_in in = {
        .person_id = input_str(body, "person_id", errors),
        .source = input_str(body, "source", errors),
        .reason = input_str(body, "reason", errors),
        .urgency = input_str(body, "urgency", errors),
        .consent = input_str(body, "consent", errors),
        .received_at = input_str(body, "received_at", errors),
        .front_door_team_id = input_str(body, "front_door_team_id", errors),
        .referrer_name = json_string_value(json_object_get(ref, "name")),
        .referrer_phone = json_string_value(json_object_get(ref, "phone")),
        .referrer_org = json_string_value(json_object_get(ref, "organisation")),
    };
    if (!in.person_id && !json_is_object(inline_person))
        svc_field_error(c, "person_id", "is required (or give the new person's details in person)");
    in.check_only = !in.person_id;
    int rc = svc_referral_create(c, &in, id);
    if (rc == SVC_OK && in.check_only) {
        char pid[STORE_ID_LEN];
        if (person_create(req, res, inline_person, pid) < 0)
            return -1;   /* res holds the person's 422 or 409 (fields of `person`) */
        in.person_id = pid;
        in.check_only = 0;
        rc = svc_referral_create(c, &in, id);
    }
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return -1;
    }
    return 0;
}

static void display_time(json_t *r, const char *key, const char *out_key)
{
    int64_t t;
    char text[TIMESTAMP_UK_SIZE];
    const char *v = json_string_value(json_object_get(r, key));
    if (v && timestamp_parse(v, key, &t, NULL) == 0 && timestamp_format_uk(t, text) == 0)
        json_object_set_new(r, out_key, json_string(text));
}

void referral_present(json_t *r)
{
    display_time(r, "received_at", "received_display");
    display_time(r, "due_at", "due_display");
    const char *urg = json_string_value(json_object_get(r, "urgency"));
    const char *due = json_string_value(json_object_get(r, "due_at"));
    const char *status = json_string_value(json_object_get(r, "status"));
    int64_t due_at;
    int u = referral_urgency_parse(urg, "urgency", NULL);
    if (u >= 0 && due && timestamp_parse(due, "due_at", &due_at, NULL) == 0 && status &&
        (strcmp(status, "received") == 0 || strcmp(status, "triaged") == 0))
        json_object_set_new(r, "queue_state", json_string(referral_queue_state_name(
                                referral_queue_state((enum referral_urgency)u, due_at, clock_now_seconds()))));
    int route = referral_route_parse(json_string_value(json_object_get(r, "route")), "route", NULL);
    if (route >= 0)
        json_object_set_new(r, "route_label", json_string(referral_route_label((enum referral_route)route)));
    json_object_set_new(r, "returned", json_boolean(json_integer_value(json_object_get(r, "returned"))));
    int estimated = (int)json_integer_value(json_object_get(r, "due_estimated"));
    json_object_set_new(r, "due_estimated", json_boolean(estimated));
    if (estimated)
        json_object_set_new(r, "due_note", json_string("Estimated: the bank holidays for that year are not loaded "
                                                       "yet, so only weekends were skipped"));
    const char *st = json_string_value(json_object_get(r, "status"));
    json_object_set_new(r, "is_received", json_boolean(st && strcmp(st, "received") == 0));
    json_object_set_new(r, "is_triaged", json_boolean(st && strcmp(st, "triaged") == 0));
    const char *rt = json_string_value(json_object_get(r, "route"));
    json_object_set_new(r, "is_chc", json_boolean(rt && strcmp(rt, "chc") == 0));
    const char *qs = json_string_value(json_object_get(r, "queue_state"));
    json_object_set_new(r, "is_breached", json_boolean(qs && strcmp(qs, "breached") == 0));
    json_object_set_new(r, "is_due_soon", json_boolean(qs && strcmp(qs, "due_soon") == 0));
}

json_t *referral_read(struct request *req, struct response *res, const char *id)
{
    struct store_error err = {0};
    json_t *r = referrals_get(req->db, id, &err);
    if (!r) {
        if (err.code == STORE_ENOTFOUND)
            http_problem(res, req, 404, "not-found", "Not found", "No such referral.");
        else
            http_internal(res, req, 503, err.message);
        return NULL;
    }
    enum access_decision d;
    const char *basis;
    const char *person_id = json_string_value(json_object_get(r, "person_id"));
    json_t *events = NULL;
    if (person_check(req, res, person_id, &d, &basis) < 0 ||
        !(events = referrals_events(req->db, id, &err)) ||
        api_audit_read(req, res, "referral", id, person_id, basis) < 0) {
        if (!events && !res->json)
            http_internal(res, req, 503, err.message);
        json_decref(r);
        json_decref(events);
        return NULL;
    }
    json_object_set_new(r, "history", events);
    referral_present(r);
    return r;
}
