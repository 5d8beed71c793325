/* The shared person record over the API: register, read, change, search. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "svc/person_input.h"
#include "api/persons_api.h"
#include "domain/nhs_number.h"
#include "domain/words.h"
#include "store/persons.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

void person_present(json_t *p)
{
    const char *nhs = json_string_value(json_object_get(p, "nhs_number"));
    if (nhs && strlen(nhs) == 10) {
        char f[13];
        nhs_number_format(nhs, f);
        json_object_set_new(p, "nhs_number_formatted", json_string(f));
    }
    const char *st = words_nhs_number_status(json_string_value(json_object_get(p, "nhs_number_status")));
    if (st) {
        json_object_set_new(p, "nhs_number_status_text", json_string(st));
        json_object_set_new(p, "nhs_number_traced",
                            json_boolean(!strcmp(json_string_value(json_object_get(p, "nhs_number_status")), "01")));
    }
    json_object_del(p, "nhs_number_verified");
    if (json_object_get(p, "alert_safeguarding"))
        json_object_set_new(p, "has_alerts", json_boolean(json_is_true(json_object_get(p, "alert_safeguarding")) ||
                                                          json_is_true(json_object_get(p, "alert_risk_to_staff"))));
}

/* 409s for an NHS number already in use or a likely duplicate. 0 when clear. */
static int check_duplicates(struct request *req, struct response *res, json_t *row, const char *self_id,
                            int confirmed)
{
    struct store_error err = {0};
    const char *nhs = json_string_value(json_object_get(row, "nhs_number"));
    char other[STORE_ID_LEN];
    if (nhs && persons_id_by_nhs(req->db, nhs, other, &err) == 0 && (!self_id || strcmp(other, self_id) != 0)) {
        http_problem(res, req, 409, "duplicate-nhs-number", "A person with this NHS number already exists",
                     "Open the existing record instead of creating another.");
        json_object_set_new(res->json, "existing_id", json_string(other));
        json_object_set_new(res->json, "existing", json_string(arena_printf(&req->arena, "/api/v1/persons/%s", other)));
        return -1;
    }
    if (self_id || confirmed || !json_string_value(json_object_get(row, "postcode")))
        return 0;
    json_t *dups = persons_duplicates(req->db, json_string_value(json_object_get(row, "family_name_key")),
                                      json_string_value(json_object_get(row, "given_name_key")),
                                      json_string_value(json_object_get(row, "date_of_birth")),
                                      json_string_value(json_object_get(row, "postcode")), &err);
    if (json_array_size(dups) > 0) {
        http_problem(res, req, 409, "possible-duplicate", "This may be someone already registered",
                     "A person with the same name, date of birth and postcode exists. Check them, or send "
                     "confirm_not_duplicate: true to register a different person.");
        json_object_set_new(res->json, "candidates", dups);
        return -1;
    }
    json_decref(dups);
    return 0;
}

/* The registering user's team that gets the person on its caseload. */
static int registering_team(struct request *req, json_t *body, char team[STORE_ID_LEN], json_t *errors)
{
    const char *want = json_string_value(json_object_get(body, "team_id"));
    struct store_error err = {0};
    json_t *me = accounts_user_get(req->db, req->who.user_id, &err);
    json_t *teams = json_object_get(me, "teams");
    size_t i;
    json_t *t;
    int found = 0;
    json_array_foreach(teams, i, t) {
        const char *id = json_string_value(json_object_get(t, "id"));
        if (!want || strcmp(want, id) == 0) {
            snprintf(team, STORE_ID_LEN, "%s", id);
            found = 1;
            break;
        }
    }
    json_decref(me);
    if (!found)
        svc_error_add(errors, "team_id", want ? "is not one of your teams"
                                               : "you are in no team, so the person cannot join a caseload");
    return found ? 0 : -1;
}

static int write_person_parts(struct request *req, const char *id, json_t *row, const char *now,
                              struct store_error *err)
{
    int rc = 0;
    json_t *contacts = json_object_get(row, "contacts");
    if (contacts)
        rc = persons_replace_contacts(req->db, id, contacts, err);
    json_t *local = json_object_get(row, "local_identifier");
    if (rc == 0 && local)
        rc = persons_set_identifier(req->db, id, req->who.org_id, json_string_value(local), err);
    if (rc == 0)   /* this organisation now holds the person's data */
        rc = persons_org_holds(req->db, id, req->who.org_id, now, err);
    return rc;
}

static int create_tx(struct request *req, json_t *row, const char *team, char id[STORE_ID_LEN])
{
    char now[STORE_TIME_LEN], today[11];
    store_now(now);
    clock_today(today);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct store_error err = {0};
    json_object_set_new(row, "registered_org_id", json_string(req->who.org_id));
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = persons_insert(req->db, &by, row, id, &err);
    if (rc == 0) rc = write_person_parts(req, id, row, now, &err);
    if (rc == 0) rc = persons_caseload_open(req->db, &by, id, team, today, "registered", &err);
    if (rc == 0) rc = persons_event_add(req->db, id, req->who.org_id, req->who.user_id, "registered",
                                        "Registered on the shared record", now, &err);
    if (rc == 0) rc = svc_audit(&c, "create", "person", id, id, "relationship", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return SVC_OK;
    store_tx_rollback(req->db);
    return rc == STORE_ECONSTRAINT ? SVC_CONFLICT : SVC_FAILED;
}

/* Shared by the API and the registration page: 0 and id on success, else
 * res holds the problem (422 errors, 409 duplicate). */
int person_create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    char today[11], team[STORE_ID_LEN];
    clock_today(today);
    json_t *errors = json_array();
    json_t *row = person_input_decode(req->db, body, NULL, today, errors);
    registering_team(req, body, team, errors);
    int confirmed = 0;
    if (json_object_get(body, "confirm_not_duplicate") &&
        input_bool_value(json_object_get(body, "confirm_not_duplicate"), &confirmed) < 0)
        svc_error_add(errors, "confirm_not_duplicate", "must be true or false");
    int rc = -1;
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (check_duplicates(req, res, row, NULL, confirmed) == 0) {
        int s = create_tx(req, row, team, id);
        if (s == SVC_OK)
            rc = 0;
        else
            api_fail(req, res, s, NULL, "person");
    }
    json_decref(row);
    json_decref(errors);
    return rc;
}

void h_person_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    if (person_create(req, res, body, id) == 0) {
        json_t *p = person_read(req, res, id);
        if (p) {
            person_present(p);
            http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/persons/%s", id));
            http_etag(res, req, json_integer_value(json_object_get(p, "version")));
            http_json(res, 201, p);
        }
    }
    json_decref(body);
}

void h_person_get(struct request *req, struct response *res)
{
    json_t *p = person_read(req, res, req->params[0]);
    if (!p)
        return;
    person_present(p);
    http_etag(res, req, json_integer_value(json_object_get(p, "version")));
    http_json(res, 200, p);
}

static int update_tx(struct request *req, const char *id, long long version, json_t *row, const char *basis)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct store_error err = {0};
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = persons_update(req->db, &by, id, version, row, &err);
    if (rc == 0) rc = write_person_parts(req, id, row, now, &err);
    if (rc == 0) rc = persons_event_add(req->db, id, req->who.org_id, req->who.user_id, "updated",
                                        "Record details updated", now, &err);
    if (rc == 0) rc = svc_audit(&c, "update", "person", id, id, basis, &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return SVC_OK;
    store_tx_rollback(req->db);
    if (rc == STORE_ENOTFOUND)
        return SVC_STALE;
    return rc == STORE_ECONSTRAINT ? SVC_CONFLICT : SVC_FAILED;
}

/* Shared by PATCH and the edit page: 0 on success, else res is set. */
int person_update(struct request *req, struct response *res, const char *id, json_t *body)
{
    enum access_decision d;
    const char *basis;
    if (person_check(req, res, id, &d, &basis) < 0)
        return -1;
    struct store_error err = {0};
    json_t *cur = persons_get(req->db, id, &err);
    if (!cur) {
        http_internal(res, req, 503, err.message);
        return -1;
    }
    long long version = json_integer_value(json_object_get(cur, "version"));
    int rc = -1;
    if (http_check_version(req, res, body, version) == 0) {
        char today[11];
        clock_today(today);
        json_t *errors = json_array();
        json_t *row = person_input_decode(req->db, body, cur, today, errors);
        if (json_array_size(errors)) {
            http_validation(res, req, json_incref(errors));
        } else if (check_duplicates(req, res, row, id, 1) == 0) {
            int s = update_tx(req, id, version, row, basis);
            if (s == SVC_OK)
                rc = 0;
            else
                api_fail(req, res, s, NULL, "person");
        }
        json_decref(row);
        json_decref(errors);
    }
    json_decref(cur);
    return rc;
}

void h_person_update(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (person_update(req, res, req->params[0], body) == 0)
        h_person_get(req, res);
    json_decref(body);
}
