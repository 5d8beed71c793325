/* The ICB's decisions on a CHC case: eligibility (eligible / not eligible
 * with FNC, a joint package or council-only support / deferred), Fast
 * Track (eligible at once, domain/fast_track.h) and the package start. */
#include "api/api.h"
#include "api/chc_api.h"
#include "api/person_access.h"
#include "domain/fast_track.h"
#include "domain/fnc.h"
#include "store/chc.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

#define RATIONALE_MIN 10

/* The case after the person check (not yet audited), or NULL with res set. */
static json_t *load_case(struct request *req, struct response *res, const char *id)
{
    struct store_error err = {0};
    return person_record_check(req, res, chc_case_get(req->db, id, &err), &err, "CHC case");
}

static int flag(json_t *body, const char *key)
{
    json_t *v = json_object_get(body, key);
    return json_is_true(v) || (json_is_string(v) && (strcmp(json_string_value(v), "true") == 0 ||
                                                     strcmp(json_string_value(v), "yes") == 0));
}

/* Body → decision row; errors name the fields. */
static void decode_decision(json_t *body, json_t *c, struct chc_decision_row *d, json_t *errors)
{
    d->outcome = api_str(body, "outcome", errors);
    int eligible = d->outcome && strcmp(d->outcome, "eligible") == 0;
    int not_eligible = d->outcome && strcmp(d->outcome, "not_eligible") == 0;
    if (!eligible && !not_eligible && !(d->outcome && strcmp(d->outcome, "deferred") == 0))
        svc_error_add(errors, "outcome", "must be eligible, not_eligible or deferred");
    d->rationale = api_str(body, "rationale", errors);
    if (!d->rationale || strlen(d->rationale) < RATIONALE_MIN)
        svc_error_add(errors, "rationale", "must give the reasons for the decision (at least 10 characters)");
    d->decided_on = api_str(body, "decided_on", errors);
    const char *received = json_string_value(json_object_get(c, "received_on"));
    if (chc_date_field(d->decided_on, "decided_on", 1, errors) == 0 && strcmp(d->decided_on, received) < 0)
        svc_error_add(errors, "decided_on", "is before the ICB received the case");
    d->fnc_weekly_pence = -1;
    if (!not_eligible)
        return;
    d->fnc = flag(body, "fnc");
    d->funding = api_str(body, "funding", errors);
    if (d->funding && !*d->funding)
        d->funding = NULL;
    if (d->funding && strcmp(d->funding, "joint_package") && strcmp(d->funding, "council_only") &&
        strcmp(d->funding, "none"))
        svc_error_add(errors, "funding", "Select what follows the decision: a joint package, council-only support or neither");
    else if (!d->fnc && (!d->funding || strcmp(d->funding, "none") == 0))
        svc_error_add(errors, "funding", "not eligible: say whether FNC, a joint package or council-only support follows");
    if (!d->fnc)
        return;
    struct domain_error de;
    enum fnc_band band;
    enum fnc_residence where;
    struct date on;
    int64_t pence;
    d->residence = api_str(body, "residence", errors);
    if (fnc_residence_parse(d->residence, "residence", &where, &de) < 0 ||
        fnc_residence_check(where, "residence", &de) < 0)
        svc_error_add(errors, de.field, de.message);
    d->fnc_band = api_str(body, "fnc_band", errors);
    if (fnc_band_parse(d->fnc_band, "fnc_band", &band, &de) < 0)
        svc_error_add(errors, "fnc_band", "is required with FNC: standard or higher");
    else if (d->decided_on && date_parse(d->decided_on, "decided_on", &on, NULL) == 0) {
        if (fnc_weekly_rate(on, band, "decided_on", &pence, &de) == 0)
            d->fnc_weekly_pence = pence;
        else
            svc_error_add(errors, "decided_on", "has no FNC rate in force (the table starts on 2024-04-01)");
    }
}

static int decide_tx(struct request *req, json_t *c, struct chc_decision_row *d, long long version)
{
    char now[STORE_TIME_LEN], did[STORE_ID_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx sc = api_svc_ctx(req);
    struct store_error err = {0};
    const char *id = json_string_value(json_object_get(c, "id"));
    const char *summary = strcmp(d->outcome, "eligible") == 0 ? "CHC decision: eligible"
                          : strcmp(d->outcome, "deferred") == 0 ? "CHC decision deferred"
                                                                 : "CHC decision: not eligible";
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = chc_decision_insert(req->db, &by, d, did, &err);
    if (rc == 0) rc = chc_case_decide(req->db, &by, id, version, d->outcome, d->decided_on, did, &err);
    if (rc == 0) rc = chc_case_event_add(req->db, &by, id, d->person_id,
                                         strcmp(d->outcome, "deferred") == 0 ? "deferred" : "decided", summary, &err);
    if (rc == 0) rc = persons_event_add(req->db, d->person_id, req->who.org_id, req->who.user_id, "chc_decision",
                                        summary, now, &err);
    if (rc == 0) rc = svc_audit(&sc, "decide", "chc_case", id, d->person_id, "relationship", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return 0;
    store_tx_rollback(req->db);
    return rc == STORE_ENOTFOUND ? 409 : -1;
}

static int decision_checks(struct request *req, struct response *res, json_t *c, json_t *body, long long *version)
{
    *version = json_integer_value(json_object_get(c, "version"));
    if ((json_object_get(body, "version") || http_header(req, "If-Match")) &&
        http_check_version(req, res, body, *version) < 0)
        return -1;
    const char *st = json_string_value(json_object_get(c, "status"));
    if (strcmp(st, "assessed") && strcmp(st, "deferred")) {
        http_problem(res, req, 409, "chc-case-state", "Not ready for a decision",
                     arena_printf(&req->arena, "The case is %s: the ICB decides after the full assessment.", st));
        return -1;
    }
    return 0;
}

int chc_decide(struct request *req, struct response *res, const char *case_id, json_t *body)
{
    if (strcmp(req->who.org_type, "icb") != 0) {
        /* Refused attempts are audited for the privacy officer too (with
         * the person, so they show in the person's access log). */
        struct store_error err = {0};
        json_t *c = chc_case_get(req->db, case_id, &err);
        http_audit_refusal(req, "decide_denied", "chc_case", case_id, json_string_value(json_object_get(c, "person_id")));
        json_decref(c);
        http_problem(res, req, 403, "not-icb", "Only the ICB decides",
                     "CHC eligibility is decided by the integrated care board: your organisation is not an ICB.");
        return -1;
    }
    json_t *c = load_case(req, res, case_id);
    if (!c)
        return -1;
    json_t *errors = json_array();
    struct chc_decision_row d = {.case_id = case_id, .person_id = json_string_value(json_object_get(c, "person_id"))};
    long long version;
    int rc = -1;
    if (decision_checks(req, res, c, body, &version) < 0) {
        /* res set */
    } else if (decode_decision(body, c, &d, errors), json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if ((rc = decide_tx(req, c, &d, version)) == 409) {
        http_problem(res, req, 409, "version-conflict", "The case was changed by someone else", "Reload the case.");
        rc = -1;
    } else if (rc) {
        http_internal(res, req, 503, "decision could not be saved");
    }
    json_decref(errors);
    json_decref(c);
    return rc;
}

/* ---- Fast Track ---- */

static int fast_track_tx(struct request *req, const char *pid, const char *reason, const char *date,
                         const char *team, char id[STORE_ID_LEN])
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx sc = api_svc_ctx(req);
    struct store_error err = {0};
    struct chc_case_row r = {.person_id = pid, .route = "fast_track", .status = "decided", .team_id = team,
                             .received_on = date, .outcome = "eligible", .decided_on = date,
                             .fast_track_reason = reason};
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = chc_case_insert(req->db, &by, &r, id, &err);
    if (rc == 0) rc = chc_case_event_add(req->db, &by, id, pid, "fast_track", reason, &err);
    if (rc == 0) rc = persons_event_add(req->db, pid, req->who.org_id, req->who.user_id, "chc_fast_track",
                                        "CHC Fast Track: eligible immediately", now, &err);
    if (rc == 0) rc = svc_audit(&sc, "create", "chc_case", id, pid, "relationship", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return 0;
    store_tx_rollback(req->db);
    return -1;
}

/* Fast Track comes from an appropriate clinician, known from the user's
 * account: anyone else gets 403 (who they are, not what they typed). */
int chc_fast_track(struct request *req, struct response *res, const char *person_id, json_t *body,
                   char id[STORE_ID_LEN])
{
    enum access_decision ad;
    const char *basis;
    if (person_check(req, res, person_id, &ad, &basis) < 0)
        return -1;
    char today[11], team[STORE_ID_LEN], loc[STORE_ID_LEN] = "";
    clock_today(today);
    json_t *errors = json_array();
    const char *reason = api_str(body, "reason", errors);
    const char *date = api_str(body, "date", errors);
    if (!date || !*date)
        date = today;
    struct domain_error de;
    struct store_error err = {0};
    int rc = -1;
    int ft = fast_track_check(req->who.profession, reason, date, today, &de);
    if (ft < 0 && strcmp(de.field, "profession") == 0) {
        http_problem(res, req, 403, "not-a-clinician", "Fast Track needs a clinician",
                     "A Fast Track comes from a registered nurse or a doctor; your account's profession is neither.");
    } else if (chc_date_field(date, "date", 1, errors) < 0 || ft < 0) {
        if (ft < 0 && (strcmp(de.field, "date") != 0 || !json_array_size(errors)))
            svc_error_add(errors, de.field, de.message);
        http_validation(res, req, json_incref(errors));
    } else if ((referrals_person_locality(req->db, person_id, loc, &err),
                referrals_route_team(req->db, "chc", loc, team, &err)) != 0) {
        http_problem(res, req, 409, "no-chc-team", "No CHC team", "No team receives CHC referrals.");
    } else if (fast_track_tx(req, person_id, reason, date, team, id) < 0) {
        http_internal(res, req, 503, "fast track could not be saved");
    } else {
        rc = 0;
    }
    json_decref(errors);
    return rc;
}

int chc_package_start(struct request *req, struct response *res, const char *case_id, json_t *body)
{
    json_t *c = load_case(req, res, case_id);
    if (!c)
        return -1;
    struct store_error err = {0};
    json_t *errors = json_array();
    long long version = json_integer_value(json_object_get(c, "version"));
    const char *on = api_str(body, "package_start_on", errors);
    const char *pid = json_string_value(json_object_get(c, "person_id"));
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx sc = api_svc_ctx(req);
    int rc = -1;
    if (chc_case_user_in_team(req->db, case_id, req->who.user_id, &err) != 0) {
        http_problem(res, req, 403, "not-your-team", "Not your team's case", "Only the CHC team records the package.");
    } else if ((json_object_get(body, "version") || http_header(req, "If-Match")) &&
               http_check_version(req, res, body, version) < 0) {
    } else if (!json_string_value(json_object_get(c, "outcome")) ||
               strcmp(json_string_value(json_object_get(c, "outcome")), "eligible") != 0) {
        http_problem(res, req, 409, "chc-case-state", "Not eligible", "A package starts only once the person is eligible.");
    } else if (chc_date_field(on, "package_start_on", 1, errors) < 0) {
        http_validation(res, req, json_incref(errors));
    } else if (store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
               chc_case_package_start(req->db, &by, case_id, version, on, &err) == 0 &&
               chc_case_event_add(req->db, &by, case_id, pid, "package_started", on, &err) == 0 &&
               svc_audit(&sc, "update", "chc_case", case_id, pid, "relationship", &err) == 0 &&
               store_tx_commit(req->db, &err) == 0) {
        rc = 0;
    } else {
        store_tx_rollback(req->db);
        http_internal(res, req, 503, err.message);
    }
    json_decref(errors);
    json_decref(c);
    return rc;
}
