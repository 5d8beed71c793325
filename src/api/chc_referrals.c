/* A CHC case opened from a referral (domain.md §7: the clock starts when
 * the ICB receives a positive Checklist "or referral"): the CHC team
 * holding a referral triaged to the chc route opens the case; day 0 is the
 * day the referral was received unless the ICB's receipt is given. */
#include "api/api.h"
#include "api/chc_api.h"
#include "api/person_access.h"
#include "store/chc.h"
#include "store/persons.h"
#include "store/referrals.h"
#include <stdio.h>
#include <string.h>

static int open_tx(struct request *req, json_t *ref, const char *received, char id[STORE_ID_LEN])
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx sc = api_svc_ctx(req);
    struct store_error err = {0};
    const char *pid = json_string_value(json_object_get(ref, "person_id"));
    struct chc_case_row r = {.person_id = pid, .route = "referral", .status = "awaiting_assessment",
                             .team_id = json_string_value(json_object_get(ref, "team_id")), .received_on = received,
                             .referral_id = json_string_value(json_object_get(ref, "id"))};
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = chc_case_insert(req->db, &by, &r, id, &err);
    if (rc == 0) rc = chc_case_event_add(req->db, &by, id, pid, "opened", "CHC referral received by the ICB", &err);
    if (rc == 0) rc = persons_event_add(req->db, pid, req->who.org_id, req->who.user_id, "chc_case",
                                        "CHC case opened from a referral", now, &err);
    if (rc == 0) rc = svc_audit(&sc, "create", "chc_case", id, pid, "relationship", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return 0;
    store_tx_rollback(req->db);
    return -1;
}

/* 0 when the referral may open a case, with the receipt date in received
 * (11 bytes); otherwise res is set. */
static int checks(struct request *req, struct response *res, json_t *ref, json_t *body, char received[11])
{
    struct store_error err = {0};
    json_t *errors = json_array();
    const char *route = json_string_value(json_object_get(ref, "route"));
    const char *pid = json_string_value(json_object_get(ref, "person_id"));
    char open[STORE_ID_LEN];
    snprintf(received, 11, "%.10s", json_string_value(json_object_get(ref, "received_at")));
    const char *given = api_str(body, "received_on", errors);
    if (given && *given && chc_date_field(given, "received_on", 0, errors) == 0) {
        if (strcmp(given, received) < 0)
            svc_error_add(errors, "received_on", "is before the referral was received");
        snprintf(received, 11, "%s", given);
    }
    int rc = -1;
    if (referrals_user_in_team(req->db, req->who.user_id, json_string_value(json_object_get(ref, "team_id")), &err)) {
        http_problem(res, req, 403, "not-your-team", "Not your team's referral",
                     "Only the CHC team holding the referral opens a case from it.");
    } else if (!route || strcmp(route, "chc") != 0) {
        svc_error_add(errors, "referral_id", "was not triaged to CHC");
        http_validation(res, req, json_incref(errors));
    } else if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (chc_case_open_for_person(req->db, pid, open, &err) == 0) {
        http_problem(res, req, 409, "case-open", "A CHC case is already open",
                     "The person already has an open CHC case; the ICB continues with that one.");
    } else {
        rc = 0;
    }
    json_decref(errors);
    return rc;
}

int chc_case_from_referral(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    struct store_error err = {0};
    json_t *errors = json_array();
    const char *rid = api_str(body, "referral_id", errors);
    json_t *ref = rid && *rid ? referrals_get(req->db, rid, &err) : NULL;
    int rc = -1;
    char received[11];
    enum access_decision d;
    const char *basis;
    if (!ref) {
        svc_error_add(errors, "referral_id", "is required and must be a referral");
        http_validation(res, req, json_incref(errors));
    } else if (person_check(req, res, json_string_value(json_object_get(ref, "person_id")), &d, &basis) == 0 &&
               checks(req, res, ref, body, received) == 0) {
        if (open_tx(req, ref, received, id) == 0)
            rc = 0;
        else
            http_internal(res, req, 503, "case could not be opened");
    }
    json_decref(ref);
    json_decref(errors);
    return rc;
}
