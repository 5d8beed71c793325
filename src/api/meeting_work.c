/* What an MDT meeting produces: decisions (with or without consensus),
 * actions with an owner and due date, shared care discussions when there
 * is no consensus, the owner's work list and the board's report. */
#include "api/api.h"
#include "domain/board.h"
#include "domain/access.h"
#include "api/meetings_api.h"
#include "domain/dates.h"
#include "store/meetings.h"
#include "store/referrals.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

json_t *meeting_load(struct request *req, struct response *res, const char *id);

static int tx_end(struct request *req, struct response *res, int ok, struct store_error *err)
{
    if (ok && store_tx_commit(req->db, err) == 0)
        return 0;
    store_tx_rollback(req->db);
    if (err->code == STORE_ENOTFOUND)
        http_problem(res, req, 409, "already-done", "Already done", "This has already been recorded.");
    else
        http_internal(res, req, 503, err->message);
    return -1;
}

/* person_id must be on the meeting's agenda. */
static const char *agenda_person(struct request *req, const char *meeting, json_t *body, json_t *errors)
{
    struct store_error err = {0};
    const char *person = api_str(body, "person_id", errors);
    if (!person || meetings_has_person(req->db, meeting, person, &err) != 0) {
        svc_error_add(errors, "person_id", "must be a person on this meeting's agenda");
        return NULL;
    }
    return person;
}

static const char *required_text(json_t *body, const char *key, size_t max, json_t *errors)
{
    const char *v = api_str(body, key, errors);
    if (!v || !*v)
        svc_error_add(errors, key, "is required");
    else if (strlen(v) > max)
        svc_error_add(errors, key, "is too long");
    return v;
}

int meeting_decision_add(struct request *req, struct response *res, const char *id, json_t *body, char out[STORE_ID_LEN])
{
    json_t *m = meeting_load(req, res, id);
    if (!m)
        return -1;
    json_t *errors = json_array();
    const char *person = agenda_person(req, id, body, errors), *text = required_text(body, "text", 4000, errors);
    meeting_held_check(m, "text", errors);
    json_decref(m);
    json_t *cons = json_object_get(body, "consensus");
    int consensus = json_is_true(cons);
    if (json_is_string(cons) && (!strcmp(json_string_value(cons), "true") || !strcmp(json_string_value(cons), "false")))
        consensus = !strcmp(json_string_value(cons), "true");
    else if (!json_is_boolean(cons))
        svc_error_add(errors, "consensus", "is required: was consensus reached (true or false)?");
    int rc = -1;
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else {
        struct store_error err = {0};
        char now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct svc_ctx c = api_svc_ctx(req);
        int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
                 meetings_decision_add(req->db, &by, id, person, text, consensus, out, &err) == 0 &&
                 svc_audit(&c, "create", "decision", out, person, "relationship", &err) == 0;
        rc = tx_end(req, res, ok, &err);
    }
    json_decref(errors);
    return rc;
}

/* Owning an action gives a relationship, so the owner must be someone the
 * attendance rule admits (domain/access.h). */
static int owner_in_direct_care(struct request *req, const char *user_id)
{
    struct store_error err = {0};
    char type[32] = "";
    json_t *u = accounts_user_get(req->db, user_id, &err);
    int ok = u && accounts_org_type(req->db, json_string_value(json_object_get(u, "org_id")), type, &err) == 0 &&
             access_attendance_grants(json_string_value(json_object_get(u, "role")), type);
    json_decref(u);
    return ok;
}

/* owner_user_id or owner_team_id (one), from a team relevant to the meeting. */
static void action_owner(struct request *req, const char *meeting, json_t *body, struct action_row *a, json_t *errors)
{
    struct store_error err = {0};
    a->owner_user_id = api_str(body, "owner_user_id", errors);
    a->owner_team_id = api_str(body, "owner_team_id", errors);
    if (a->owner_user_id && !*a->owner_user_id)
        a->owner_user_id = NULL;
    if (a->owner_team_id && !*a->owner_team_id)
        a->owner_team_id = NULL;
    if (!a->owner_user_id == !a->owner_team_id)
        svc_error_add(errors, "owner_user_id", "give one owner: owner_user_id or owner_team_id");
    else if (a->owner_user_id && meetings_owner_user_relevant(req->db, meeting, a->owner_user_id, &err) != 0)
        svc_error_add(errors, "owner_user_id", "must be in the meeting's team or a team of one of its attendees");
    else if (a->owner_user_id && !owner_in_direct_care(req, a->owner_user_id))
        svc_error_add(errors, "owner_user_id", "Choose someone in a direct care role as the owner");
    else if (a->owner_team_id && meetings_owner_team_relevant(req->db, meeting, a->owner_team_id, &err) != 0)
        svc_error_add(errors, "owner_team_id", "must be the meeting's team or a team of one of its attendees");
}

int meeting_action_add(struct request *req, struct response *res, const char *id, json_t *body, char out[STORE_ID_LEN])
{
    json_t *m = meeting_load(req, res, id);
    if (!m)
        return -1;
    json_t *errors = json_array();
    struct action_row a = {id, agenda_person(req, id, body, errors), required_text(body, "text", 2000, errors),
                           NULL, NULL, api_str(body, "due_on", errors)};
    meeting_held_check(m, "text", errors);
    action_owner(req, id, body, &a, errors);
    struct date due;
    struct domain_error de;
    if (date_parse(a.due_on, "due_on", &due, &de) < 0)
        svc_error_add(errors, "due_on", de.message);
    else if (strcmp(a.due_on, json_string_value(json_object_get(m, "held_on"))) < 0)
        svc_error_add(errors, "due_on", "is before the meeting");
    json_decref(m);
    int rc = -1;
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else {
        struct store_error err = {0};
        char now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct svc_ctx c = api_svc_ctx(req);
        int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
                 meetings_action_add(req->db, &by, &a, out, &err) == 0 &&
                 svc_audit(&c, "create", "action", out, a.person_id, "relationship", &err) == 0;
        rc = tx_end(req, res, ok, &err);
    }
    json_decref(errors);
    return rc;
}

int meeting_action_done(struct request *req, struct response *res, const char *action_id)
{
    struct store_error err = {0};
    json_t *a = meetings_action_get(req->db, action_id, &err);
    if (!a) {
        http_problem(res, req, 404, "not-found", "Not found", "No such action.");
        return -1;
    }
    const char *ou = json_string_value(json_object_get(a, "owner_user_id"));
    const char *ot = json_string_value(json_object_get(a, "owner_team_id"));
    int mine = (ou && strcmp(ou, req->who.user_id) == 0) ||
               (ot && referrals_user_in_team(req->db, req->who.user_id, ot, &err) == 0);
    int rc = -1;
    if (!mine) {
        http_problem(res, req, 403, "not-the-owner", "Not your action",
                     "Only the action's owner (or a member of the owning team) can mark it done.");
    } else {
        char now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct svc_ctx c = api_svc_ctx(req);
        int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
                 meetings_action_done(req->db, &by, action_id, &err) == 0 &&
                 svc_audit(&c, "update", "action", action_id, json_string_value(json_object_get(a, "person_id")),
                           "relationship", &err) == 0;
        rc = tx_end(req, res, ok, &err);
    }
    json_decref(a);
    return rc;
}

int shared_care_open(struct request *req, struct response *res, const char *decision_id, json_t *body,
                     char out[STORE_ID_LEN])
{
    struct store_error err = {0};
    json_t *d = meetings_decision_get(req->db, decision_id, &err);
    if (!d) {
        http_problem(res, req, 404, "not-found", "Not found", "No such decision.");
        return -1;
    }
    json_t *m = meeting_load(req, res, json_string_value(json_object_get(d, "meeting_id")));
    int rc = -1;
    json_t *errors = json_array();
    if (!m) {
        /* res set */
    } else if (json_integer_value(json_object_get(d, "consensus"))) {
        http_problem(res, req, 409, "consensus-reached", "Consensus was reached",
                     "A shared care discussion is for a decision the MDT could not agree.");
    } else if (!json_is_null(json_object_get(d, "discussion_id"))) {
        http_problem(res, req, 409, "already-open", "Already escalated",
                     "A shared care discussion already exists for this decision.");
        json_object_set_new(res->json, "discussion_id", json_incref(json_object_get(d, "discussion_id")));
    } else {
        const char *question = required_text(body, "question", 2000, errors);
        json_t *people = json_object_get(body, "participant_ids");
        size_t i;
        json_t *p;
        if (!json_is_array(people) || json_array_size(people) < 1)
            svc_error_add(errors, "participant_ids", "name at least one participant (user ids)");
        json_array_foreach(people, i, p) {
            json_t *u = json_is_string(p) ? accounts_user_get(req->db, json_string_value(p), &err) : NULL;
            if (!u)
                svc_error_add(errors, arena_printf(&req->arena, "participant_ids[%zu]", i), "no such user");
            json_decref(u);
        }
        if (json_array_size(errors)) {
            http_validation(res, req, json_incref(errors));
        } else {
            char now[STORE_TIME_LEN];
            store_now(now);
            struct actor by = {req->who.user_id, now};
            struct svc_ctx c = api_svc_ctx(req);
            int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
                     meetings_discussion_add(req->db, &by, decision_id, question, out, &err) == 0 &&
                     meetings_discussion_participant(req->db, out, req->who.user_id, &err) == 0;
            json_array_foreach(people, i, p)
                ok = ok && meetings_discussion_participant(req->db, out, json_string_value(p), &err) == 0;
            ok = ok && svc_audit(&c, "create", "shared_care_discussion", out,
                                 json_string_value(json_object_get(d, "person_id")), "relationship", &err) == 0;
            rc = tx_end(req, res, ok, &err);
        }
    }
    json_decref(errors);
    json_decref(m);
    json_decref(d);
    return rc;
}

/* A participant (or a member of the meeting) may see and decide. */
json_t *shared_care_read(struct request *req, struct response *res, const char *id)
{
    struct store_error err = {0};
    json_t *d = meetings_discussion_get(req->db, id, &err);
    if (!d) {
        http_problem(res, req, 404, "not-found", "Not found", "No such shared care discussion.");
        return NULL;
    }
    int participant = 0;
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(d, "participants"), i, p)
        participant |= strcmp(json_string_value(json_object_get(p, "id")), req->who.user_id) == 0;
    json_t *m = participant ? NULL : meeting_load(req, res, json_string_value(json_object_get(d, "meeting_id")));
    if (!participant && !m) {
        json_decref(d);
        return NULL;
    }
    json_decref(m);
    if (api_audit_read(req, res, "shared_care_discussion", id, json_string_value(json_object_get(d, "person_id")),
                       "relationship") < 0) {
        json_decref(d);
        return NULL;
    }
    return d;
}

int shared_care_decide(struct request *req, struct response *res, const char *id, json_t *body)
{
    json_t *d = shared_care_read(req, res, id);
    if (!d)
        return -1;
    json_t *errors = json_array();
    const char *text = required_text(body, "decision", 4000, errors);
    const char *outcome = api_str(body, "outcome", errors);
    if (!shared_care_outcome_is_valid(outcome))
        svc_error_add(errors, "outcome", "Select the outcome reported to the board");
    int rc = -1;
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else {
        struct store_error err = {0};
        char now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct svc_ctx c = api_svc_ctx(req);
        int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
                 meetings_discussion_decide(req->db, &by, id, text, outcome, &err) == 0 &&
                 svc_audit(&c, "update", "shared_care_discussion", id,
                           json_string_value(json_object_get(d, "person_id")), "relationship", &err) == 0;
        rc = tx_end(req, res, ok, &err);
    }
    json_decref(errors);
    json_decref(d);
    return rc;
}

json_t *work_list(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *items = meetings_work_list(req->db, req->who.user_id, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    char today[11];
    clock_today(today);
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
        json_object_set_new(it, "overdue", json_boolean(strcmp(json_string_value(json_object_get(it, "due_on")), today) < 0));
    if (api_audit_read_items(req, res, "action", items, "person_id", "relationship") < 0) {
        json_decref(items);
        return NULL;
    }
    return items;
}
