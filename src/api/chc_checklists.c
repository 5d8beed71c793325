/* The CHC Checklist: record the screening, its outcome and reasons
 * (domain/chc_checklist.h), and send a positive one to the ICB, which opens
 * the CHC case and starts the 28-day clock on the ICB's receipt date. */
#include "api/api.h"
#include "api/chc_api.h"
#include "api/person_access.h"
#include "domain/chc_checklist.h"
#include "store/chc.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

static const char *const settings[] = {"acute", "community", "care_home", "home"};

static int setting_check(const char *s, json_t *errors)
{
    for (size_t i = 0; s && i < sizeof settings / sizeof settings[0]; i++)
        if (strcmp(s, settings[i]) == 0)
            return 0;
    svc_error_add(errors, "setting", "must be acute, community, care_home or home");
    return -1;
}

struct checklist_input {
    struct chc_checklist_row row;
    enum chc_level levels[CHC_CHECKLIST_DOMAINS];
    char letters[CHC_CHECKLIST_DOMAINS][2];
    char reasons[600];
    struct chc_checklist_result result;
};

/* Domains object → levels; every error names "domains.<key>". */
static void decode_domains(json_t *body, struct checklist_input *in, json_t *errors)
{
    json_t *d = json_object_get(body, "domains");
    if (!json_is_object(d)) {
        svc_error_add(errors, "domains", "must be an object of the 11 domains, each A, B or C");
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(d, key, v)
        if (chc_checklist_domain_index(key) < 0) {
            char field[96];
            snprintf(field, sizeof field, "domains.%.80s", key);
            svc_error_add(errors, field, "is not a Checklist domain");
        }
    int set[CHC_CHECKLIST_DOMAINS] = {0};
    struct domain_error de;
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++) {
        const char *k = chc_checklist_domains[i].key;
        if (chc_checklist_parse_level(k, json_string_value(json_object_get(d, k)), &in->levels[i], &de) < 0) {
            svc_error_add(errors, de.field, de.message);
            continue;
        }
        set[i] = 1;
        in->letters[i][0] = "CBA"[in->levels[i]];
        in->letters[i][1] = '\0';
        in->row.levels[i] = in->letters[i];
    }
    if (json_array_size(errors))
        return;
    if (chc_checklist_outcome(in->levels, set, &in->result, &de) < 0) {
        svc_error_add(errors, de.field, de.message);
        return;
    }
    chc_checklist_reasons(&in->result, in->levels, in->reasons, sizeof in->reasons);
}

static void decode(struct request *req, json_t *body, struct checklist_input *in, json_t *errors)
{
    in->row.completed_on = api_str(body, "completed_on", errors);
    chc_date_field(in->row.completed_on, "completed_on", 1, errors);
    in->row.setting = api_str(body, "setting", errors);
    setting_check(in->row.setting, errors);
    decode_domains(body, in, errors);
    in->row.count_a = in->result.count_a;
    in->row.count_b = in->result.count_b;
    in->row.count_c = in->result.count_c;
    in->row.outcome = in->result.positive ? "positive" : "negative";
    in->row.reasons = in->reasons;
    (void)req;
}

static int create_tx(struct request *req, struct checklist_input *in, char id[STORE_ID_LEN])
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct store_error err = {0};
    json_t *teams = accounts_user_get(req->db, req->who.user_id, &err);
    in->row.team_id = json_string_value(json_object_get(json_array_get(json_object_get(teams, "teams"), 0), "id"));
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = chc_checklist_insert(req->db, &by, &in->row, id, &err);
    if (rc == 0) rc = persons_event_add(req->db, in->row.person_id, req->who.org_id, req->who.user_id, "chc_checklist",
                                        in->result.positive ? "CHC Checklist completed: positive (full assessment needed)"
                                                            : "CHC Checklist completed: negative", now, &err);
    if (rc == 0) rc = svc_audit(&c, "create", "chc_checklist", id, in->row.person_id, "relationship", &err);
    if (rc != 0 || store_tx_commit(req->db, &err) != 0) {
        store_tx_rollback(req->db);
        rc = -1;
    }
    json_decref(teams);
    return rc;
}

static int send_checks(struct request *req, struct response *res, json_t *k, json_t *body, const char **received,
                       char today[11], char team[STORE_ID_LEN]);
static int send_tx(struct request *req, json_t *k, const char *received, const char *team, char case_id[STORE_ID_LEN]);

static int wants_send(json_t *body, json_t *errors)
{
    json_t *send = json_object_get(body, "send_to_icb");
    if (send && !json_is_boolean(send) && !json_is_string(send))
        svc_error_add(errors, "send_to_icb", "must be true or false");
    return json_is_true(send) || (json_is_string(send) && strcmp(json_string_value(send), "true") == 0);
}

/* With send_to_icb, a positive Checklist is checked for sending before
 * anything is stored (a negative one is stored and not sent: the response
 * says status "completed"). */
int chc_checklist_create(struct request *req, struct response *res, const char *person_id, json_t *body,
                         char id[STORE_ID_LEN])
{
    enum access_decision d;
    const char *basis;
    if (person_check(req, res, person_id, &d, &basis) < 0)
        return -1;
    json_t *errors = json_array();
    struct checklist_input in = {0};
    in.row.person_id = person_id;
    decode(req, body, &in, errors);
    int send = wants_send(body, errors) && in.result.positive;
    int rc = -1;
    char today[11], team[STORE_ID_LEN], case_id[STORE_ID_LEN];
    const char *received = NULL;
    clock_today(today);
    json_t *k = json_pack("{s:s, s:s, s:s, s:s?}", "person_id", person_id, "status", "completed", "outcome",
                          in.row.outcome, "completed_on", in.row.completed_on);
    if (json_array_size(errors))
        http_validation(res, req, json_incref(errors));
    else if (send && send_checks(req, res, k, body, &received, today, team) < 0)
        ;   /* res holds the 422 or 409 */
    else if (create_tx(req, &in, id) < 0)
        http_internal(res, req, 503, "checklist could not be saved");
    else if (send && (json_object_set_new(k, "id", json_string(id)), send_tx(req, k, received, team, case_id)) != 0)
        http_internal(res, req, 503, "checklist saved but could not be sent; send it again");
    else
        rc = 0;
    json_decref(k);
    json_decref(errors);
    return rc;
}

/* ---- Sending to the ICB ---- */

static int send_tx(struct request *req, json_t *k, const char *received, const char *team, char case_id[STORE_ID_LEN])
{
    /* k: {id, person_id} of a positive Checklist still completed. */
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct store_error err = {0};
    const char *id = json_string_value(json_object_get(k, "id"));
    const char *pid = json_string_value(json_object_get(k, "person_id"));
    struct chc_case_row r = {.person_id = pid, .route = "checklist", .status = "awaiting_assessment",
                             .team_id = team, .received_on = received, .checklist_id = id};
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = chc_case_insert(req->db, &by, &r, case_id, &err);
    if (rc == 0) rc = chc_checklist_mark_sent(req->db, &by, id, case_id, received, &err);
    if (rc == 0) rc = chc_case_event_add(req->db, &by, case_id, pid, "opened",
                                         "Positive Checklist received by the ICB", &err);
    if (rc == 0) rc = persons_event_add(req->db, pid, req->who.org_id, req->who.user_id, "chc_case",
                                        "CHC case opened: positive Checklist sent to the ICB", now, &err);
    if (rc == 0) rc = svc_audit(&c, "send", "chc_checklist", id, pid, "relationship", &err);
    if (rc == 0) rc = svc_audit(&c, "create", "chc_case", case_id, pid, "relationship", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return 0;
    store_tx_rollback(req->db);
    return rc == STORE_ENOTFOUND ? 409 : -1;
}

/* The checklist (not yet audited) after the person check, or NULL. */
static json_t *load(struct request *req, struct response *res, const char *id, const char **basis)
{
    struct store_error err = {0};
    json_t *k = chc_checklist_get(req->db, id, &err);
    if (!k) {
        if (err.code == STORE_ENOTFOUND)
            http_problem(res, req, 404, "not-found", "Not found", "No such Checklist.");
        else
            http_internal(res, req, 503, err.message);
        return NULL;
    }
    enum access_decision d;
    if (person_check(req, res, json_string_value(json_object_get(k, "person_id")), &d, basis) < 0) {
        json_decref(k);
        return NULL;
    }
    return k;
}

static int send_checks(struct request *req, struct response *res, json_t *k, json_t *body, const char **received,
                       char today[11], char team[STORE_ID_LEN])
{
    struct store_error err = {0};
    json_t *errors = json_array();
    const char *pid = json_string_value(json_object_get(k, "person_id"));
    const char *status = json_string_value(json_object_get(k, "status"));
    char open[STORE_ID_LEN], loc[STORE_ID_LEN] = "";
    *received = api_str(body, "received_on", errors);
    if (*received && !**received)
        *received = NULL;
    if (chc_date_field(*received, "received_on", 0, errors) == 0 && *received &&
        strcmp(*received, json_string_value(json_object_get(k, "completed_on"))) < 0)
        svc_error_add(errors, "received_on", "is before the Checklist was completed");
    if (!*received)
        *received = today;
    int rc = -1;
    if (strcmp(status, "sent") == 0) {
        http_problem(res, req, 409, "already-sent", "Already sent", "This Checklist has already been sent to the ICB.");
    } else if (strcmp(json_string_value(json_object_get(k, "outcome")), "positive") != 0) {
        svc_error_add(errors, "outcome", "a negative Checklist is not sent to the ICB: no full assessment is needed");
        http_validation(res, req, json_incref(errors));
    } else if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (chc_case_open_for_person(req->db, pid, open, &err) == 0) {
        http_problem(res, req, 409, "case-open", "A CHC case is already open",
                     "The person already has an open CHC case; the ICB continues with that one.");
    } else if ((referrals_person_locality(req->db, pid, loc, &err), referrals_route_team(req->db, "chc", loc, team,
                                                                                         &err)) != 0) {
        http_problem(res, req, 409, "no-chc-team", "No CHC team", "No team receives CHC referrals.");
    } else {
        rc = 0;
    }
    json_decref(errors);
    return rc;
}

int chc_checklist_send(struct request *req, struct response *res, const char *id, json_t *body,
                       char case_id[STORE_ID_LEN])
{
    const char *basis, *received;
    json_t *k = load(req, res, id, &basis);
    if (!k)
        return -1;
    char today[11], team[STORE_ID_LEN];
    clock_today(today);
    int rc = send_checks(req, res, k, body, &received, today, team);
    if (rc == 0 && (rc = send_tx(req, k, received, team, case_id)) != 0) {
        if (rc == 409)
            http_problem(res, req, 409, "already-sent", "Already sent", "This Checklist was sent meanwhile.");
        else
            http_internal(res, req, 503, "checklist could not be sent");
        rc = -1;
    }
    json_decref(k);
    return rc;
}

json_t *chc_checklist_read(struct request *req, struct response *res, const char *id)
{
    const char *basis;
    json_t *k = load(req, res, id, &basis);
    if (k && api_audit_read(req, res, "chc_checklist", id, json_string_value(json_object_get(k, "person_id")),
                            basis) < 0) {
        json_decref(k);
        return NULL;
    }
    return k;
}
