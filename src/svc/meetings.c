/* Locality MDT meetings: create, attendees, agenda and notes, and the
 * meeting read on one screen (svc/meetings.h). Members of the meeting's
 * team and its attendees may see a meeting; attending grants the
 * relationship with the people on its agenda (store/persons_access.c). */
#include "svc/meetings.h"
#include "svc/access.h"
#include "svc/input.h"
#include "domain/access.h"
#include "domain/meeting.h"
#include "domain/roles.h"
#include "store/meetings.h"
#include "store/persons.h"
#include "store/referrals.h"
#include <string.h>

/* A failed write: a duplicate is 409 "Already there", else as svc_tx_end. */
static int end_write(struct svc_ctx *c, int rc)
{
    if (rc == STORE_ECONSTRAINT)
        rc = svc_refuse(c, SVC_CONFLICT, "Already there", "This is already recorded for the meeting.");
    return svc_tx_end(c, rc);
}

int svc_meeting_load(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = svc_own(c, meetings_get(c->db, id, &c->err));
    if (!*out)
        return c->err.code == STORE_ENOTFOUND ? svc_not_found(c, "meeting") : svc_failed(c, "meeting");
    if (!c->user_id || meetings_user_may_see(c->db, id, c->user_id, &c->err) != 0) {
        svc_audit_denied(c, "meeting", id, NULL);
        return svc_refuse(c, SVC_NOT_A_MEMBER, NULL,
                          "Only the meeting team's members and its attendees can see or change a meeting.");
    }
    return SVC_OK;
}

void svc_meeting_held_check(struct svc_ctx *c, json_t *m, const char *field)
{
    struct date held;
    struct domain_error de;
    if (date_parse(json_string_value(json_object_get(m, "held_on")), "held_on", &held, NULL) == 0 &&
        meeting_outcome_check(held, svc_today(c), field, &de) != 0)
        svc_field_error(c, de.field, de.message);
}

int svc_meeting_is_held(struct svc_ctx *c, json_t *m)
{
    struct date held;
    struct domain_error de;
    return date_parse(json_string_value(json_object_get(m, "held_on")), "held_on", &held, NULL) == 0 &&
           meeting_outcome_check(held, svc_today(c), "held_on", &de) == 0;
}

const char *svc_meeting_date(struct svc_ctx *c, json_t *in, const char *key, struct date *d)
{
    const char *s = input_str(in, key, svc_errors(c));
    struct domain_error de;
    if (date_parse(s, key, d, &de) < 0) {
        svc_field_error(c, key, de.message);
        return NULL;
    }
    return s;
}

static int is_time_of_day(const char *t)
{
    return strlen(t) == 5 && t[2] == ':' && t[0] >= '0' && t[1] >= '0' && t[3] >= '0' && t[4] >= '0' &&
           t[4] <= '9' && t[1] <= '9' && (t[0] < '2' || (t[0] == '2' && t[1] <= '3')) && t[3] <= '5';
}

int svc_meeting_create(struct svc_ctx *c, json_t *in, char id[STORE_ID_LEN])
{
    json_t *errors = svc_errors(c);
    struct meeting_row m = {0};
    struct date d;
    m.team_id = input_str(in, "team_id", errors);
    if (!m.team_id || !c->user_id || referrals_user_in_team(c->db, c->user_id, m.team_id, &c->err) != 0)
        svc_error_add(errors, "team_id", "must be one of your teams");
    m.held_on = svc_meeting_date(c, in, "held_on", &d);
    m.starts_at = input_str(in, "starts_at", errors);
    if (m.starts_at && *m.starts_at && !is_time_of_day(m.starts_at))
        svc_error_add(errors, "starts_at", "must be a time of day, HH:MM");
    m.location = input_line(in, "location", 0, 200, errors);
    m.video_link = input_line(in, "video_link", 0, 500, errors);
    if (m.video_link && *m.video_link && strncmp(m.video_link, "https://", 8) != 0)
        svc_error_add(errors, "video_link", "must be an https:// link");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    struct attendee_row me = {c->user_id, c->display_name, c->profession ? c->profession : "", c->org_id,
                              access_attendance_grants(c->role, c->org_type), 0, c->user_id, c->org_id, by.now};
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = meetings_insert(c->db, &by, &m, id, &c->err);
    if (rc == 0) rc = meetings_attendee_add(c->db, id, &me, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "meeting", id, NULL, NULL);
    return end_write(c, rc);
}

int svc_meeting_list(struct svc_ctx *c, const char *from, json_t **items)
{
    char today[DATE_STR_SIZE];
    date_format(svc_today(c), today);
    *items = svc_own(c, meetings_for_user(c->db, c->user_id ? c->user_id : "", from ? from : today, &c->err));
    return *items ? SVC_OK : svc_failed(c, "meetings");
}

/* Groups decisions and actions under their agenda item. */
static void attach(json_t *items, json_t *list, const char *key)
{
    size_t i, j;
    json_t *it, *x;
    json_array_foreach(items, i, it) {
        json_t *mine = json_array();
        json_array_foreach(list, j, x)
            if (json_equal(json_object_get(x, "person_id"), json_object_get(it, "person_id")))
                json_array_append(mine, x);
        json_object_set_new(it, key, mine);
    }
}

static void present_lists(struct svc_ctx *c, json_t *decisions, json_t *actions)
{
    char today[DATE_STR_SIZE];
    date_format(svc_today(c), today);
    size_t i;
    json_t *x;
    json_array_foreach(decisions, i, x) {
        int consensus = json_integer_value(json_object_get(x, "consensus")) != 0;
        json_object_set_new(x, "consensus", json_boolean(consensus));
        json_object_set_new(x, "can_escalate", json_boolean(!consensus && json_is_null(json_object_get(x, "discussion_id"))));
    }
    json_array_foreach(actions, i, x) {
        const char *due = json_string_value(json_object_get(x, "due_on"));
        int done = !json_is_null(json_object_get(x, "done_at"));
        json_object_set_new(x, "done", json_boolean(done));
        json_object_set_new(x, "overdue", json_boolean(!done && due && strcmp(due, today) < 0));
    }
}

int svc_meeting_read(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *m;
    int rc = svc_meeting_load(c, id, &m);
    if (rc != SVC_OK)
        return rc;
    json_t *items = svc_own(c, meetings_items(c->db, id, &c->err));
    json_t *att = items ? meetings_attendees(c->db, id, &c->err) : NULL;
    json_t *dec = svc_own(c, att ? meetings_decisions(c->db, id, &c->err) : NULL);
    json_t *act = svc_own(c, dec ? meetings_actions(c->db, id, &c->err) : NULL);
    if (!act) {
        json_decref(att);
        return svc_failed(c, "meeting");
    }
    present_lists(c, dec, act);
    attach(items, dec, "decisions");
    attach(items, act, "actions");
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
        json_object_set_new(it, "has_alerts", json_boolean(json_integer_value(json_object_get(it, "alert_safeguarding")) ||
                                                           json_integer_value(json_object_get(it, "alert_risk_to_staff"))));
    json_object_set(m, "agenda", items);
    json_object_set_new(m, "attendees", att);
    rc = svc_audit_read_items(c, "meeting_item", items, "person_id", "relationship");
    *out = rc == SVC_OK ? m : NULL;
    return rc;
}

int svc_meeting_candidates(struct svc_ctx *c, const char *id, json_t **items)
{
    json_t *m;
    int rc = svc_meeting_load(c, id, &m);
    if (rc != SVC_OK)
        return rc;
    *items = svc_own(c, meetings_attendee_candidates(c->db, id, &c->err));
    return *items ? SVC_OK : svc_failed(c, "attendee candidates");
}

/* An account attendee: only someone access_attendance_grants admits (the
 * picker offers no one else); from outside the meeting's team the
 * attendance is a self-claimed relationship for the privacy officer. */
static void account_attendee(struct svc_ctx *c, const char *meeting, struct attendee_row *a)
{
    char type[32] = "";
    json_t *u = svc_own(c, accounts_user_get(c->db, a->user_id, &c->err));
    if (!u || !json_is_true(json_object_get(u, "active"))) {
        svc_field_error(c, "user_id", "Choose a colleague from the list");
        return;
    }
    a->name = json_string_value(json_object_get(u, "display_name"));
    a->profession = json_string_value(json_object_get(u, "profession"));
    a->org_id = json_string_value(json_object_get(u, "org_id"));
    if (accounts_org_type(c->db, a->org_id, type, &c->err) != 0 ||
        !access_attendance_grants(json_string_value(json_object_get(u, "role")), type)) {
        svc_field_error(c, "user_id", "Choose someone in a direct care role in one of the partner organisations; "
                                      "finance, privacy, panel and board staff and care providers' staff cannot "
                                      "be added to a meeting");
        return;
    }
    a->grants_access = 1;
    a->self_claimed = meetings_user_in_team(c->db, meeting, a->user_id, &c->err) != 0;
}

/* Someone without an account: name, profession, organisation; never a relationship. */
static void named_attendee(struct svc_ctx *c, json_t *in, struct attendee_row *a)
{
    json_t *errors = svc_errors(c);
    char type[32];
    a->user_id = NULL;
    a->name = input_line(in, "name", 1, 160, errors);
    a->profession = input_str(in, "profession", errors);
    if (!profession_is_valid(a->profession))
        svc_error_add(errors, "profession", "is not a known profession");
    a->org_id = input_str(in, "org_id", errors);
    if (a->org_id && accounts_org_type(c->db, a->org_id, type, &c->err) != 0)
        svc_error_add(errors, "org_id", "no such organisation");
}

int svc_meeting_attendee_add(struct svc_ctx *c, const char *id, json_t *in)
{
    json_t *m;
    int rc = svc_meeting_load(c, id, &m);
    if (rc != SVC_OK)
        return rc;
    struct actor by = svc_actor(c);
    struct attendee_row a = {0};
    a.user_id = input_str(in, "user_id", svc_errors(c));
    a.added_by = c->user_id;
    a.added_by_org = c->org_id;
    a.added_at = by.now;
    if (a.user_id && *a.user_id)
        account_attendee(c, id, &a);
    else
        named_attendee(c, in, &a);
    if (svc_has_errors(c))
        return SVC_INVALID;
    rc = svc_tx_begin(c);
    if (rc == 0) rc = meetings_attendee_add(c->db, id, &a, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, a.self_claimed ? "self_claim" : "update", "meeting_attendee", id, NULL, NULL);
    return end_write(c, rc);
}

/* Being on an agenda grants every attendee the relationship, so who can
 * be added is limited: people of the meeting team's locality (the case-
 * finding population) or people the user already has a relationship with.
 * A check, not a read: nothing of the person is released. */
static int may_add_to_agenda(struct svc_ctx *c, const char *meeting, const char *person)
{
    if (meetings_person_in_locality(c->db, meeting, person, &c->err) == 0)
        return 1;
    int grace = c->policy.relationship_grace_days > 0 ? c->policy.relationship_grace_days : 28;
    struct access_query q = {person, c->user_id, c->org_id, svc_date_offset(c, -grace), svc_now(c)};
    struct access_facts f;
    return c->user_id && persons_access_facts(c->db, &q, &f, &c->err) == 0 && access_decide(&f) == ACCESS_RELATIONSHIP;
}

int svc_meeting_item_add(struct svc_ctx *c, const char *id, json_t *in)
{
    json_t *m;
    int rc = svc_meeting_load(c, id, &m);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c);
    const char *person = input_str(in, "person_id", errors);
    if (!person || persons_exists(c->db, person, &c->err) != 0)
        svc_error_add(errors, "person_id", "no such person");
    else if (!may_add_to_agenda(c, id, person))
        svc_error_add(errors, "person_id", "is neither in this locality's population nor someone you work with");
    const char *reason = input_text(in, "reason", 0, 500, errors);
    if (svc_has_errors(c))
        return SVC_INVALID;
    char item[STORE_ID_LEN];
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0) rc = meetings_item_add(c->db, &by, id, person, reason, item, &c->err);
    if (rc == 0) rc = persons_event_add(c->db, person, c->org_id, c->user_id, "mdt_agenda",
                                        "Added to a locality MDT meeting agenda", by.now, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "meeting_item", item, person, "relationship");
    return end_write(c, rc);
}

int svc_meeting_item_notes(struct svc_ctx *c, const char *id, const char *item, json_t *in)
{
    json_t *m;
    int rc = svc_meeting_load(c, id, &m);
    if (rc != SVC_OK)
        return rc;
    svc_meeting_held_check(c, m, "notes");
    const char *notes = input_text(in, "notes", 0, 10000, svc_errors(c));
    if (svc_has_errors(c))
        return SVC_INVALID;
    char person[STORE_ID_LEN];
    rc = svc_tx_begin(c);
    if (rc == 0) rc = meetings_item_notes(c->db, id, item, notes ? notes : "", person, &c->err);
    if (rc == STORE_ENOTFOUND)
        rc = svc_refuse(c, SVC_NOTFOUND, NULL, "No such agenda item in this meeting.");
    if (rc == 0) rc = svc_tx_audit(c, "update", "meeting_item", item, person, "relationship");
    return end_write(c, rc);
}
