/* The person's challenge to an NHS CHC "not eligible" decision: local
 * resolution with the ICB, then independent review by NHS England
 * (domain/chc_challenge.h). Recorded by ICB staff on the person's behalf. */
#include "api/api.h"
#include "api/body_input.h"
#include "api/chc_followup_api.h"
#include "api/person_access.h"
#include "domain/chc_challenge.h"
#include "store/chc.h"
#include "store/chc_followup.h"
#include "store/persons.h"
#include <stdio.h>
#include <string.h>

/* The challenge of `stage` already made against the decision, or NULL. */
static json_t *find_stage(json_t *challenges, const char *decision_id, const char *stage)
{
    size_t i;
    json_t *ch;
    json_array_foreach(challenges, i, ch) {
        const char *d = json_string_value(json_object_get(ch, "decision_id"));
        const char *s = json_string_value(json_object_get(ch, "stage"));
        if (d && s && !strcmp(d, decision_id) && !strcmp(s, stage))
            return ch;
    }
    return NULL;
}

/* Which letter the 6 months run from, and the local resolution an
 * independent review follows. -1 with errors (or a 409 reason in *conflict). */
static int stage_basis(json_t *c, json_t *challenges, enum chc_challenge_stage stage, const char **letter_on,
                       const char **parent_id, const char **conflict, json_t *errors)
{
    const char *outcome = json_string_value(json_object_get(c, "outcome"));
    const char *decision = json_string_value(json_object_get(c, "decision_id"));
    if (!outcome || strcmp(outcome, "not_eligible") != 0 || !decision) {
        http_add_error(errors, "case", "only a decision of not eligible can be challenged by the person");
        return -1;
    }
    if (find_stage(challenges, decision, chc_challenge_stage_name(stage))) {
        *conflict = stage == CHC_STAGE_LOCAL_RESOLUTION ? "Local resolution has already been asked for on this decision."
                                                        : "An independent review has already been asked for on this decision.";
        return -1;
    }
    if (stage == CHC_STAGE_LOCAL_RESOLUTION) {
        *letter_on = json_string_value(json_object_get(c, "decided_on"));
        return 0;
    }
    json_t *local = find_stage(challenges, decision, "local_resolution");
    const char *status = json_string_value(json_object_get(local, "status"));
    const char *lo = json_string_value(json_object_get(local, "outcome"));
    enum chc_challenge_outcome o = CHC_CHALLENGE_WITHDRAWN;
    if (lo)
        chc_challenge_outcome_parse(lo, "outcome", &o, NULL);
    struct domain_error de;
    if (chc_challenge_may_escalate(local != NULL, status && !strcmp(status, "concluded"), o, &de) < 0) {
        http_add_error(errors, de.field, de.message);
        return -1;
    }
    *letter_on = json_string_value(json_object_get(local, "concluded_on"));
    *parent_id = json_string_value(json_object_get(local, "id"));
    return 0;
}

static int decode_request(json_t *c, json_t *challenges, json_t *body, struct chc_challenge_row *row,
                          char deadline[DATE_STR_SIZE], const char **conflict, json_t *errors)
{
    struct domain_error de;
    struct chc_challenge_request r = {0};
    const char *stage = api_str(body, "stage", errors);
    int stage_ok = chc_challenge_stage_parse(stage, "stage", &r.stage, &de) == 0;
    if (!stage_ok)
        http_add_error(errors, de.field, de.message);
    row->stage = stage;
    row->requested_on = input_date(body, "requested_on", 1, &r.requested_on, errors);
    row->requested_by = input_text(body, "requested_by", 1, 200, errors);
    row->grounds = input_text(body, "grounds", 1, 4000, errors);
    r.late_accepted = input_bool(body, "late_accepted", errors) == 1;
    r.late_reason = input_text(body, "late_reason", 0, 4000, errors);
    r.today = input_today();
    if (!stage_ok || stage_basis(c, challenges, r.stage, &row->letter_on, &row->parent_id, conflict, errors) < 0)
        return -1;
    if (!row->requested_on || date_parse(row->letter_on, "letter_on", &r.letter_on, NULL) != 0)
        return -1;
    struct chc_challenge_check out;
    if (chc_challenge_check_request(&r, &out, &de) < 0) {
        http_add_error(errors, de.field, de.message);
        return -1;
    }
    date_format(out.deadline, deadline);
    row->deadline_on = deadline;
    row->late = out.late;
    row->late_reason = out.late ? r.late_reason : NULL;
    return json_array_size(errors) ? -1 : 0;
}

int chc_challenge_open(struct request *req, struct response *res, const char *case_id, json_t *body,
                       char id[STORE_ID_LEN])
{
    json_t *c = chc_followup_case_load(req, res, case_id, 1);
    if (!c)
        return -1;
    struct store_error err = {0};
    json_t *challenges = chc_challenges_for_case(req->db, case_id, &err);
    json_t *errors = json_array();
    struct chc_challenge_row row = {case_id, json_string_value(json_object_get(c, "person_id")),
                                    json_string_value(json_object_get(c, "decision_id")), NULL, NULL, NULL, NULL,
                                    NULL, 0, NULL, NULL, NULL};
    char deadline[DATE_STR_SIZE] = "";
    const char *conflict = NULL;
    int rc = -1;
    if (!challenges) {
        http_internal(res, req, 503, err.message);
    } else if (decode_request(c, challenges, body, &row, deadline, &conflict, errors) < 0) {
        if (conflict)
            http_problem(res, req, 409, "conflict", "Already asked for", conflict);
        else
            http_validation(res, req, json_incref(errors));
    } else {
        char now[STORE_TIME_LEN], summary[96];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct svc_ctx sc = api_svc_ctx(req);
        snprintf(summary, sizeof summary, "Challenge to the CHC decision: %s requested", row.stage);
        int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
                 chc_challenges_insert(req->db, &by, &row, id, &err) == 0 &&
                 chc_case_event_add(req->db, &by, case_id, row.person_id, "challenge", row.stage, &err) == 0 &&
                 persons_event_add(req->db, row.person_id, req->who.org_id, req->who.user_id, "chc_challenge",
                                   summary, now, &err) == 0 &&
                 svc_audit(&sc, "create", "chc_challenge", id, row.person_id, "relationship", &err) == 0;
        rc = chc_followup_commit(req, res, ok, &err);
    }
    json_decref(errors);
    json_decref(challenges);
    json_decref(c);
    return rc;
}

static json_t *challenge_load(struct request *req, struct response *res, const char *id, int for_write)
{
    struct store_error err = {0};
    return chc_followup_icb_only(req, res, person_record_check(req, res, chc_challenges_get(req->db, id, &err), &err,
                                                               "challenge"), for_write);
}

/* Display fields: the local resolution target date and whether it is late. */
static void present_one(json_t *ch, struct date today)
{
    struct date req_on;
    const char *stage = json_string_value(json_object_get(ch, "stage"));
    const char *status = json_string_value(json_object_get(ch, "status"));
    json_object_set_new(ch, "late", json_boolean(json_integer_value(json_object_get(ch, "late"))));
    json_object_set_new(ch, "is_open", json_boolean(status && !strcmp(status, "open")));
    if (!stage || strcmp(stage, "local_resolution") ||
        date_parse(json_string_value(json_object_get(ch, "requested_on")), "requested_on", &req_on, NULL) != 0)
        return;
    char target[DATE_STR_SIZE];
    date_format(chc_local_resolution_target(req_on), target);
    json_object_set_new(ch, "target_on", json_string(target));
    json_object_set_new(ch, "overdue", json_boolean(status && !strcmp(status, "open") &&
                                                    chc_local_resolution_overdue(req_on, today)));
}

void chc_challenges_present(json_t *parts, json_t *c)
{
    struct date today = input_today();
    json_t *challenges = json_object_get(parts, "challenges"), *ch;
    size_t i;
    json_array_foreach(challenges, i, ch)
        present_one(ch, today);
    const char *outcome = json_string_value(json_object_get(c, "outcome"));
    json_object_set_new(parts, "can_challenge", json_boolean(outcome && !strcmp(outcome, "not_eligible")));
}

json_t *chc_challenge_read(struct request *req, struct response *res, const char *id)
{
    json_t *ch = challenge_load(req, res, id, 0);
    if (ch && api_audit_read(req, res, "chc_challenge", id, json_string_value(json_object_get(ch, "person_id")),
                             json_string_value(json_object_get(ch, "basis"))) < 0) {
        json_decref(ch);
        return NULL;
    }
    if (ch) {
        json_object_del(ch, "basis");
        present_one(ch, input_today());
    }
    return ch;
}

int chc_challenge_conclude(struct request *req, struct response *res, const char *id, json_t *body)
{
    json_t *ch = challenge_load(req, res, id, 1);
    if (!ch)
        return -1;
    long long version = json_integer_value(json_object_get(ch, "version"));
    if (http_check_version(req, res, body, version) < 0) {
        json_decref(ch);
        return -1;
    }
    json_t *errors = json_array();
    struct domain_error de;
    enum chc_challenge_outcome o;
    struct date on, requested, today = input_today();
    const char *outcome = api_str(body, "outcome", errors);
    if (chc_challenge_outcome_parse(outcome, "outcome", &o, &de) < 0)
        http_add_error(errors, de.field, de.message);
    const char *on_s = input_date(body, "concluded_on", 1, &on, errors);
    date_parse(json_string_value(json_object_get(ch, "requested_on")), "requested_on", &requested, NULL);
    if (on_s && (date_compare(on, requested) < 0 || date_compare(on, today) > 0))
        http_add_error(errors, "concluded_on", "must be between the request and today");
    const char *note = input_text(body, "note", 0, 4000, errors);
    int rc = -1;
    if (strcmp(json_string_value(json_object_get(ch, "status")), "open") != 0) {
        http_problem(res, req, 409, "already-done", "Already concluded", "This challenge has already concluded.");
    } else if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else {
        struct store_error err = {0};
        char now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct svc_ctx sc = api_svc_ctx(req);
        const char *case_id = json_string_value(json_object_get(ch, "case_id"));
        const char *person = json_string_value(json_object_get(ch, "person_id"));
        int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
                 chc_challenges_conclude(req->db, &by, id, version, outcome, on_s, note, &err) == 0 &&
                 chc_case_event_add(req->db, &by, case_id, person, "challenge_concluded", outcome, &err) == 0 &&
                 svc_audit(&sc, "update", "chc_challenge", id, person, "relationship", &err) == 0;
        rc = chc_followup_commit(req, res, ok, &err);
    }
    json_decref(errors);
    json_decref(ch);
    return rc;
}
