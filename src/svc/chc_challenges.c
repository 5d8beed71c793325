/* The person's challenge to an NHS CHC "not eligible" decision: local
 * resolution with the ICB, then independent review by NHS England
 * (domain/chc_challenge.h). Recorded by ICB staff on the person's behalf
 * (svc/chc_followup.h). */
#include "svc/chc_followup.h"
#include "domain/chc_challenge.h"
#include "store/chc.h"
#include "store/chc_followup.h"
#include "store/persons.h"
#include "svc/chc_followup_int.h"
#include "svc/input.h"
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
        svc_error_add(errors, "case", "only a decision of not eligible can be challenged by the person");
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
    if (lo && chc_challenge_outcome_parse(lo, "outcome", &o, NULL) < 0)
        o = CHC_CHALLENGE_WITHDRAWN;
    struct domain_error de;
    if (chc_challenge_may_escalate(local != NULL, status && !strcmp(status, "concluded"), o, &de) < 0) {
        svc_error_add(errors, de.field, de.message);
        return -1;
    }
    *letter_on = json_string_value(json_object_get(local, "concluded_on"));
    *parent_id = json_string_value(json_object_get(local, "id"));
    return 0;
}

static int decode_request(struct svc_ctx *sc, json_t *c, json_t *challenges, json_t *body, struct chc_challenge_row *row,
                          char deadline[DATE_STR_SIZE], const char **conflict, json_t *errors)
{
    struct domain_error de;
    struct chc_challenge_request r = {0};
    const char *stage = input_str(body, "stage", errors);
    int stage_ok = chc_challenge_stage_parse(stage, "stage", &r.stage, &de) == 0;
    if (!stage_ok)
        svc_error_add(errors, de.field, de.message);
    row->stage = stage;
    row->requested_on = input_date(body, "requested_on", 1, &r.requested_on, errors);
    row->requested_by = input_line(body, "requested_by", 1, 200, errors);
    row->grounds = input_text(body, "grounds", 1, 4000, errors);
    r.late_accepted = input_bool(body, "late_accepted", errors) == 1;
    r.late_reason = input_text(body, "late_reason", 0, 4000, errors);
    r.today = svc_today(sc);
    if (!stage_ok || stage_basis(c, challenges, r.stage, &row->letter_on, &row->parent_id, conflict, errors) < 0)
        return -1;
    if (!row->requested_on || date_parse(row->letter_on, "letter_on", &r.letter_on, NULL) != 0)
        return -1;
    struct chc_challenge_check out;
    if (chc_challenge_check_request(&r, &out, &de) < 0) {
        svc_error_add(errors, de.field, de.message);
        return -1;
    }
    date_format(out.deadline, deadline);
    row->deadline_on = deadline;
    row->late = out.late;
    row->late_reason = out.late ? r.late_reason : NULL;
    return json_array_size(errors) ? -1 : 0;
}

static int challenge_write(struct svc_ctx *c, const struct chc_challenge_row *row, char id[STORE_ID_LEN])
{
    char summary[96];
    struct actor by = svc_actor(c);
    snprintf(summary, sizeof summary, "Challenge to the CHC decision: %s requested", row->stage);
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = chc_challenges_insert(c->db, &by, row, id, &c->err);
    if (rc == 0)
        rc = chc_case_event_add(c->db, &by, row->case_id, row->person_id, "challenge", row->stage, &c->err);
    if (rc == 0)
        rc = persons_event_add(c->db, row->person_id, c->org_id, c->user_id, "chc_challenge", summary, svc_now(c),
                               &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "chc_challenge", id, row->person_id, "relationship");
    return chc_followup_end(c, rc);
}

int svc_chc_challenge_open(struct svc_ctx *c, const char *case_id, json_t *in, char id[STORE_ID_LEN])
{
    json_t *cs = svc_own(c, chc_followup_case(c->db, case_id, &c->err));
    int rc = chc_followup_access(c, cs, "CHC case", 1);
    if (rc != SVC_OK)
        return rc;
    json_t *challenges = svc_own(c, chc_challenges_for_case(c->db, case_id, &c->err));
    struct chc_challenge_row row = {case_id, json_string_value(json_object_get(cs, "person_id")),
                                    json_string_value(json_object_get(cs, "decision_id")), NULL, NULL, NULL, NULL,
                                    NULL, 0, NULL, NULL, NULL};
    char deadline[DATE_STR_SIZE] = "";
    const char *conflict = NULL;
    if (!challenges)
        return svc_failed(c, "CHC challenges");
    if (decode_request(c, cs, challenges, in, &row, deadline, &conflict, svc_errors(c)) < 0)
        return conflict ? svc_refuse(c, SVC_CONFLICT, "Already asked for", conflict) : SVC_INVALID;
    return challenge_write(c, &row, id);
}

static int challenge_load(struct svc_ctx *c, const char *id, int for_write, json_t **out)
{
    *out = svc_own(c, chc_challenges_get(c->db, id, &c->err));
    return chc_followup_access(c, *out, "challenge", for_write);
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

void chc_challenges_present(struct svc_ctx *sc, json_t *parts, json_t *c)
{
    struct date today = svc_today(sc);
    json_t *challenges = json_object_get(parts, "challenges"), *ch;
    size_t i;
    json_array_foreach(challenges, i, ch)
        present_one(ch, today);
    const char *outcome = json_string_value(json_object_get(c, "outcome"));
    json_object_set_new(parts, "can_challenge", json_boolean(outcome && !strcmp(outcome, "not_eligible")));
}

int svc_chc_challenge_read(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *ch;
    int rc = challenge_load(c, id, 0, &ch);
    if (rc == SVC_OK)
        rc = svc_audit_read(c, "chc_challenge", id, json_string_value(json_object_get(ch, "person_id")),
                            json_string_value(json_object_get(ch, "basis")));
    if (rc != SVC_OK)
        return rc;
    json_object_del(ch, "basis");
    present_one(ch, svc_today(c));
    *out = ch;
    return SVC_OK;
}

int svc_chc_challenge_conclude(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e)
{
    json_t *ch;
    int rc = challenge_load(c, id, 1, &ch);
    long long version = json_integer_value(json_object_get(ch, "version"));
    if (rc == SVC_OK)
        rc = svc_version_check(c, e, version);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c);
    struct domain_error de;
    enum chc_challenge_outcome o;
    struct date on, requested, today = svc_today(c);
    const char *outcome = input_str(in, "outcome", errors);
    if (chc_challenge_outcome_parse(outcome, "outcome", &o, &de) < 0)
        svc_error_add(errors, de.field, de.message);
    const char *on_s = input_date(in, "concluded_on", 1, &on, errors);
    requested = date_parse_or(json_string_value(json_object_get(ch, "requested_on")), today);
    if (on_s && (date_compare(on, requested) < 0 || date_compare(on, today) > 0))
        svc_error_add(errors, "concluded_on", "must be between the request and today");
    const char *note = input_text(in, "note", 0, 4000, errors);
    if (strcmp(json_string_value(json_object_get(ch, "status")), "open") != 0)
        return svc_refuse(c, SVC_ALREADY_DONE, "Already concluded", "This challenge has already concluded.");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    const char *case_id = json_string_value(json_object_get(ch, "case_id"));
    const char *person = json_string_value(json_object_get(ch, "person_id"));
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = chc_challenges_conclude(c->db, &by, id, version, outcome, on_s, note, &c->err);
    if (rc == 0)
        rc = chc_case_event_add(c->db, &by, case_id, person, "challenge_concluded", outcome, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "update", "chc_challenge", id, person, "relationship");
    return chc_followup_end(c, rc);
}
