/* What an MDT meeting produces (svc/meetings.h): decisions (with or
 * without consensus), actions with an owner and due date, shared care
 * discussions when there is no consensus, the owner's work list and the
 * board's report. */
#include "svc/meetings.h"
#include "svc/input.h"
#include "domain/access.h"
#include "domain/board.h"
#include "store/meetings.h"
#include "store/referrals.h"
#include <string.h>

/* Ends a write whose row may already be done: 409 "already-done". */
static int end_once(struct svc_ctx *c, int rc)
{
    if (rc == STORE_ENOTFOUND)
        rc = svc_refuse(c, SVC_ALREADY_DONE, NULL, "This has already been recorded.");
    return svc_tx_end(c, rc);
}

/* person_id must be on the meeting's agenda. */
static const char *agenda_person(struct svc_ctx *c, const char *meeting, json_t *in)
{
    const char *person = input_str(in, "person_id", svc_errors(c));
    if (!person || meetings_has_person(c->db, meeting, person, &c->err) != 0) {
        svc_field_error(c, "person_id", "must be a person on this meeting's agenda");
        return NULL;
    }
    return person;
}

/* consensus: true or false (a JSON boolean or the form's "true"/"false"). */
static int consensus_of(struct svc_ctx *c, json_t *in)
{
    json_t *v = json_object_get(in, "consensus");
    int consensus = 0;
    if ((json_is_string(v) && strcmp(json_string_value(v), "true") && strcmp(json_string_value(v), "false")) ||
        input_bool_value(v, &consensus) != 0)
        svc_field_error(c, "consensus", "is required: was consensus reached (true or false)?");
    return consensus;
}

int svc_meeting_decision_add(struct svc_ctx *c, const char *id, json_t *in, json_t **out)
{
    json_t *m;
    int rc = svc_meeting_load(c, id, &m);
    if (rc != SVC_OK)
        return rc;
    const char *person = agenda_person(c, id, in);
    const char *text = input_text(in, "text", 1, 4000, svc_errors(c));
    svc_meeting_held_check(c, m, "text");
    int consensus = consensus_of(c, in);
    if (svc_has_errors(c))
        return SVC_INVALID;
    char did[STORE_ID_LEN];
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0) rc = meetings_decision_add(c->db, &by, id, person, text, consensus, did, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "decision", did, person, "relationship");
    if ((rc = svc_tx_end(c, rc)) != SVC_OK)
        return rc;
    if (!(*out = svc_own(c, meetings_decision_get(c->db, did, &c->err))))
        return svc_failed(c, "decision");
    json_object_set_new(*out, "consensus", json_boolean(consensus));
    return SVC_OK;
}

/* Owning an action gives a relationship, so the owner must be someone the
 * attendance rule admits (domain/access.h). */
static int owner_in_direct_care(struct svc_ctx *c, const char *user_id)
{
    char type[32] = "";
    json_t *u = svc_own(c, accounts_user_get(c->db, user_id, &c->err));
    return u && accounts_org_type(c->db, json_string_value(json_object_get(u, "org_id")), type, &c->err) == 0 &&
           access_attendance_grants(json_string_value(json_object_get(u, "role")), type);
}

static const char *present(const char *s)
{
    return s && *s ? s : NULL;
}

/* owner_user_id or owner_team_id (one), from a team relevant to the meeting. */
static void action_owner(struct svc_ctx *c, const char *meeting, json_t *in, struct action_row *a)
{
    a->owner_user_id = present(input_str(in, "owner_user_id", svc_errors(c)));
    a->owner_team_id = present(input_str(in, "owner_team_id", svc_errors(c)));
    if (!a->owner_user_id == !a->owner_team_id)
        svc_field_error(c, "owner_user_id", "give one owner: owner_user_id or owner_team_id");
    else if (a->owner_user_id && meetings_owner_user_relevant(c->db, meeting, a->owner_user_id, &c->err) != 0)
        svc_field_error(c, "owner_user_id", "must be in the meeting's team or a team of one of its attendees");
    else if (a->owner_user_id && !owner_in_direct_care(c, a->owner_user_id))
        svc_field_error(c, "owner_user_id", "Choose someone in a direct care role as the owner");
    else if (a->owner_team_id && meetings_owner_team_relevant(c->db, meeting, a->owner_team_id, &c->err) != 0)
        svc_field_error(c, "owner_team_id", "must be the meeting's team or a team of one of its attendees");
}

int svc_meeting_action_add(struct svc_ctx *c, const char *id, json_t *in, json_t **out)
{
    json_t *m;
    int rc = svc_meeting_load(c, id, &m);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c);
    struct action_row a = {id, agenda_person(c, id, in), input_text(in, "text", 1, 2000, errors), NULL, NULL, NULL};
    svc_meeting_held_check(c, m, "text");
    action_owner(c, id, in, &a);
    struct date due;
    a.due_on = svc_meeting_date(c, in, "due_on", &due);
    if (a.due_on && strcmp(a.due_on, json_string_value(json_object_get(m, "held_on"))) < 0)
        svc_error_add(errors, "due_on", "is before the meeting");
    if (svc_has_errors(c))
        return SVC_INVALID;
    char aid[STORE_ID_LEN];
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0) rc = meetings_action_add(c->db, &by, &a, aid, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "action", aid, a.person_id, "relationship");
    if ((rc = svc_tx_end(c, rc)) != SVC_OK)
        return rc;
    *out = svc_own(c, meetings_action_get(c->db, aid, &c->err));
    return *out ? SVC_OK : svc_failed(c, "action");
}

int svc_meeting_action_done(struct svc_ctx *c, const char *action_id, json_t **out)
{
    json_t *a = svc_own(c, meetings_action_get(c->db, action_id, &c->err));
    if (!a)
        return c->err.code == STORE_ENOTFOUND ? svc_not_found(c, "action") : svc_failed(c, "action");
    const char *ou = json_string_value(json_object_get(a, "owner_user_id"));
    const char *ot = json_string_value(json_object_get(a, "owner_team_id"));
    int mine = c->user_id && ((ou && strcmp(ou, c->user_id) == 0) ||
                              (ot && referrals_user_in_team(c->db, c->user_id, ot, &c->err) == 0));
    if (!mine)
        return svc_refuse(c, SVC_NOT_THE_OWNER, NULL,
                          "Only the action's owner (or a member of the owning team) can mark it done.");
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = meetings_action_done(c->db, &by, action_id, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "update", "action", action_id, json_string_value(json_object_get(a, "person_id")),
                                   "relationship");
    if ((rc = end_once(c, rc)) != SVC_OK)
        return rc;
    *out = svc_own(c, meetings_action_get(c->db, action_id, &c->err));
    return *out ? SVC_OK : svc_failed(c, "action");
}

int svc_work_list(struct svc_ctx *c, json_t **items)
{
    *items = svc_own(c, meetings_work_list(c->db, c->user_id ? c->user_id : "", &c->err));
    if (!*items)
        return svc_failed(c, "work list");
    char today[DATE_STR_SIZE];
    date_format(svc_today(c), today);
    size_t i;
    json_t *it;
    json_array_foreach(*items, i, it)
        json_object_set_new(it, "overdue", json_boolean(strcmp(json_string_value(json_object_get(it, "due_on")), today) < 0));
    return svc_audit_read_items(c, "action", *items, "person_id", "relationship");
}

/* The participants the form does not name: every attendee of the
 * meeting whose attendance gives a relationship. */
static json_t *attendee_participants(struct svc_ctx *c, const char *meeting)
{
    json_t *att = svc_own(c, meetings_attendees(c->db, meeting, &c->err)), *ids = svc_own(c, json_array()), *a;
    size_t i;
    json_array_foreach(att, i, a)
        if (json_is_string(json_object_get(a, "user_id")) && json_integer_value(json_object_get(a, "grants_access")))
            json_array_append(ids, json_object_get(a, "user_id"));
    return att ? ids : NULL;
}

/* participant_ids: at least one, each a user. */
static json_t *participants(struct svc_ctx *c, json_t *in, const char *meeting, int from_attendees)
{
    json_t *people = from_attendees ? attendee_participants(c, meeting) : json_object_get(in, "participant_ids"), *p;
    size_t i;
    if (!json_is_array(people) || json_array_size(people) < 1)
        svc_field_error(c, "participant_ids", "name at least one participant (user ids)");
    json_array_foreach(people, i, p) {
        if (!json_is_string(p) || !svc_own(c, accounts_user_get(c->db, json_string_value(p), &c->err)))
            svc_field_error(c, arena_printf(c->arena, "participant_ids[%zu]", i), "no such user");
    }
    return people;
}

int svc_shared_care_open(struct svc_ctx *c, const char *decision_id, json_t *in, int from_attendees,
                         char id[STORE_ID_LEN])
{
    json_t *d = svc_own(c, meetings_decision_get(c->db, decision_id, &c->err)), *m;
    if (!d)
        return c->err.code == STORE_ENOTFOUND ? svc_not_found(c, "decision") : svc_failed(c, "decision");
    const char *meeting = json_string_value(json_object_get(d, "meeting_id"));
    int rc = svc_meeting_load(c, meeting, &m);
    if (rc != SVC_OK)
        return rc;
    if (json_integer_value(json_object_get(d, "consensus")))
        return svc_refuse(c, SVC_CONSENSUS_REACHED, NULL,
                          "A shared care discussion is for a decision the MDT could not agree.");
    if (!json_is_null(json_object_get(d, "discussion_id"))) {
        c->extra = svc_own(c, json_pack("{s:O}", "discussion_id", json_object_get(d, "discussion_id")));
        return svc_refuse(c, SVC_ALREADY_OPEN, NULL, "A shared care discussion already exists for this decision.");
    }
    const char *question = input_text(in, "question", 1, 2000, svc_errors(c));
    json_t *people = participants(c, in, meeting, from_attendees), *p;
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    size_t i;
    rc = svc_tx_begin(c);
    if (rc == 0) rc = meetings_discussion_add(c->db, &by, decision_id, question, id, &c->err);
    if (rc == 0 && c->user_id) rc = meetings_discussion_participant(c->db, id, c->user_id, &c->err);
    json_array_foreach(people, i, p)
        if (rc == 0) rc = meetings_discussion_participant(c->db, id, json_string_value(p), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "shared_care_discussion", id,
                                   json_string_value(json_object_get(d, "person_id")), "relationship");
    return svc_tx_end(c, rc);
}

/* A participant (or a member of the meeting) may see and decide. */
int svc_shared_care_read(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *d = svc_own(c, meetings_discussion_get(c->db, id, &c->err)), *p, *m;
    if (!d)
        return c->err.code == STORE_ENOTFOUND ? svc_not_found(c, "shared care discussion")
                                              : svc_failed(c, "shared care discussion");
    int participant = 0;
    size_t i;
    json_array_foreach(json_object_get(d, "participants"), i, p)
        participant |= c->user_id && strcmp(json_string_value(json_object_get(p, "id")), c->user_id) == 0;
    int rc = participant ? SVC_OK : svc_meeting_load(c, json_string_value(json_object_get(d, "meeting_id")), &m);
    if (rc == SVC_OK)
        rc = svc_audit_read(c, "shared_care_discussion", id, json_string_value(json_object_get(d, "person_id")),
                            "relationship");
    *out = rc == SVC_OK ? d : NULL;
    return rc;
}

int svc_shared_care_decide(struct svc_ctx *c, const char *id, json_t *in)
{
    json_t *d = NULL;
    int rc = svc_shared_care_read(c, id, &d);
    if (rc != SVC_OK)
        return rc;
    if (!d)
        return svc_failed(c, "shared care discussion");
    const char *text = input_text(in, "decision", 1, 4000, svc_errors(c));
    const char *outcome = input_str(in, "outcome", svc_errors(c));
    if (!shared_care_outcome_is_valid(outcome))
        svc_field_error(c, "outcome", "Select the outcome reported to the board");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0) rc = meetings_discussion_decide(c->db, &by, id, text, outcome, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "update", "shared_care_discussion", id,
                                   json_string_value(json_object_get(d, "person_id")), "relationship");
    return end_once(c, rc);
}

/* Counts of 1 to 4 are suppressed, and so is a total they would reveal. */
int svc_shared_care_report(struct svc_ctx *c, const char *from, const char *to, json_t **out)
{
    json_t *rows = meetings_board_report(c->db, from ? from : "0000", to ? to : "9999", &c->err), *r;
    if (!rows)
        return svc_failed(c, "shared care report");
    size_t i;
    long long total = 0;
    int any_suppressed = 0;
    json_array_foreach(rows, i, r) {
        long long n = json_integer_value(json_object_get(r, "discussions"));
        total += n;
        json_object_set_new(r, "outcome_text", json_string(shared_care_outcome_words(
            json_string_value(json_object_get(r, "outcome")))));
        json_object_set_new(r, "suppressed", json_boolean(board_default_count_suppressed(n)));
        if (board_default_count_suppressed(n)) {
            any_suppressed = 1;
            json_object_set_new(r, "discussions", json_null());
        }
    }
    json_t *t = board_default_count_suppressed(total) || any_suppressed ? json_null() : json_integer(total);
    *out = svc_own(c, json_pack("{s:o, s:o, s:b}", "items", rows, "total", t, "total_suppressed", json_is_null(t)));
    return SVC_OK;
}
