/* The single referral point: create, triage, accept, decline (domain.md §4). */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "api/persons_api.h"
#include "api/referrals_api.h"
#include "domain/nhs_number.h"
#include "store/bank_holidays.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

#define REASON_MAX 4000

static int add_domain_error(json_t *errors, int rc, const struct domain_error *e)
{
    if (rc < 0)
        http_add_error(errors, e->field, e->message);
    return rc;
}

/* Existing person by person_id, or a new one from `person` (registered
 * only once everything else about the referral is valid). */
static int referral_person(struct request *req, json_t *body, json_t *errors, const char **person_id)
{
    struct store_error err = {0};
    *person_id = api_str(body, "person_id", errors);
    json_t *inline_person = json_object_get(body, "person");
    if (*person_id) {
        if (persons_exists(req->db, *person_id, &err) != 0)
            http_add_error(errors, "person_id", "no such person");
    } else if (!json_is_object(inline_person)) {
        http_add_error(errors, "person_id", "is required (or give the new person's details in person)");
    }
    return 0;
}

static void decode_referrer(json_t *body, struct referral_row *r, const char *source, json_t *errors)
{
    json_t *ref = json_object_get(body, "referrer");
    if (ref && !json_is_object(ref)) {
        http_add_error(errors, "referrer", "must be an object with name, phone and organisation");
        return;
    }
    r->referrer_name = json_string_value(json_object_get(ref, "name"));
    r->referrer_phone = json_string_value(json_object_get(ref, "phone"));
    r->referrer_org = json_string_value(json_object_get(ref, "organisation"));
    int needs_name = source && strcmp(source, "self") != 0 && strcmp(source, "team") != 0;
    if (needs_name && (!r->referrer_name || !*r->referrer_name))
        http_add_error(errors, "referrer.name", "is required unless the person refers themselves or a team refers");
}

static int decode(struct request *req, json_t *body, struct referral_row *r, char received[TIMESTAMP_STR_SIZE],
                  char due[TIMESTAMP_STR_SIZE], char front_door[STORE_ID_LEN], json_t *errors)
{
    struct domain_error de;
    struct store_error err = {0};
    r->source = api_str(body, "source", errors);
    add_domain_error(errors, referral_source_check(r->source, "source", &de), &de);
    r->reason = api_str(body, "reason", errors);
    if (!r->reason || !*r->reason)
        http_add_error(errors, "reason", "is required: why is the person referred?");
    else if (strlen(r->reason) > REASON_MAX)
        http_add_error(errors, "reason", "must be at most 4000 characters");
    r->urgency = api_str(body, "urgency", errors);
    int urgency = add_domain_error(errors, referral_urgency_parse(r->urgency, "urgency", &de), &de);
    r->consent = api_str(body, "consent", errors);
    add_domain_error(errors, referral_consent_check(r->consent, "consent", &de), &de);
    decode_referrer(body, r, r->source, errors);

    int64_t now = clock_now_seconds(), at = now;
    const char *rec = api_str(body, "received_at", errors);
    if (rec && add_domain_error(errors, timestamp_parse(rec, "received_at", &at, &de), &de) == 0 && at > now + 300)
        http_add_error(errors, "received_at", "is in the future");
    timestamp_format(at, received);
    int64_t due_at;
    struct bank_holiday_calendar cal;
    if (bank_holidays_calendar(req->db, &cal, &err) != 0)
        cal.count = 0, cal.first_year = cal.last_year = 0;   /* the insert reports the store's failure */
    if (urgency >= 0) {
        struct date_holidays h = bank_holidays_domain(&cal, 1);
        if (add_domain_error(errors, referral_due_or_estimate((enum referral_urgency)urgency, at,
                                         req->app->cfg.routine_response_days, &h, &due_at, &r->due_estimated, &de),
                             &de) == 0)
            timestamp_format(due_at, due);
    }

    const char *fd = api_str(body, "front_door_team_id", errors);
    if (fd) {
        if (referrals_route_has_team(req->db, "front_door", fd, &err) != 0)
            http_add_error(errors, "front_door_team_id", "is not a front door team");
        snprintf(front_door, STORE_ID_LEN, "%s", fd);
    } else if (referrals_route_team(req->db, "front_door", NULL, front_door, &err) != 0) {
        http_add_error(errors, "front_door_team_id", "no front door is configured; give front_door_team_id");
    }
    r->front_door_team_id = front_door;
    r->received_at = received;
    r->due_at = due;
    r->referred_by = req->who.user_id;
    return 0;
}

static int create_tx(struct request *req, const struct referral_row *r, char id[STORE_ID_LEN])
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct store_error err = {0};
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = referrals_insert(req->db, &by, r, id, &err);
    if (rc == 0) rc = referrals_event_add(req->db, &by, id, r->person_id, r->front_door_team_id, "received",
                                          r->reason, &err);
    if (rc == 0) rc = persons_event_add(req->db, r->person_id, req->who.org_id, req->who.user_id, "referral",
                                        "Referral received at the front door", now, &err);
    if (rc == 0) rc = svc_audit(&c, "create", "referral", id, r->person_id, "relationship", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return 0;
    store_tx_rollback(req->db);
    return -1;
}

int referral_create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    json_t *errors = json_array();
    struct referral_row r = {0};
    char received[TIMESTAMP_STR_SIZE] = "", due[TIMESTAMP_STR_SIZE] = "", fd[STORE_ID_LEN] = "";
    referral_person(req, body, errors, &r.person_id);
    decode(req, body, &r, received, due, fd, errors);
    int rc = -1;
    char pid[STORE_ID_LEN];
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (!r.person_id && person_create(req, res, json_object_get(body, "person"), pid) < 0) {
        /* res holds the person's 422 or 409; prefix is implicit: fields of `person` */
    } else {
        if (!r.person_id)
            r.person_id = pid;
        if (create_tx(req, &r, id) == 0)
            rc = 0;
        else
            http_internal(res, req, 503, "referral could not be saved");
    }
    json_decref(errors);
    return rc;
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
    const char *nhs = json_string_value(json_object_get(r, "nhs_number"));
    if (nhs && strlen(nhs) == 10) {
        char f[NHS_NUMBER_FORMATTED];
        nhs_number_format(nhs, f);
        json_object_set_new(r, "nhs_number_formatted", json_string(f));
    }
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
