/* Locality MDT meetings: create, attendees, agenda and notes, and the
 * meeting read on one screen. Members of the meeting's team and its
 * attendees may see a meeting; attending grants the relationship with the
 * people on its agenda (store/persons_access.c). */
#include "api/api.h"
#include "api/meetings_api.h"
#include "domain/access.h"
#include "domain/dates.h"
#include "domain/meeting.h"
#include "domain/roles.h"
#include "store/meetings.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

static int fail_store(struct request *req, struct response *res, struct store_error *err)
{
    if (err->code == STORE_ECONSTRAINT)
        http_problem(res, req, 409, "conflict", "Already there", "This is already recorded for the meeting.");
    else
        http_internal(res, req, 503, err->message);
    return -1;
}

/* Loads the meeting when the user may see it; else 404/403 in res. */
json_t *meeting_load(struct request *req, struct response *res, const char *id);
json_t *meeting_load(struct request *req, struct response *res, const char *id)
{
    struct store_error err = {0};
    json_t *m = meetings_get(req->db, id, &err);
    if (!m) {
        if (err.code == STORE_ENOTFOUND)
            http_problem(res, req, 404, "not-found", "Not found", "No such meeting.");
        else
            http_internal(res, req, 503, err.message);
        return NULL;
    }
    if (meetings_user_may_see(req->db, id, req->who.user_id, &err) != 0) {
        http_problem(res, req, 403, "not-a-member", "Not your meeting",
                     "Only the meeting team's members and its attendees can see or change a meeting.");
        json_decref(m);
        return NULL;
    }
    return m;
}

void meeting_held_check(json_t *m, const char *field, json_t *errors)
{
    struct date held, today;
    struct domain_error de;
    char t[11];
    clock_today(t);
    if (date_parse(json_string_value(json_object_get(m, "held_on")), "held_on", &held, NULL) == 0 &&
        date_parse(t, "today", &today, NULL) == 0 && meeting_outcome_check(held, today, field, &de) != 0)
        svc_error_add(errors, de.field, de.message);
}

static void text_limit(json_t *body, const char *key, size_t max, int required, json_t *errors, const char **out)
{
    *out = api_str(body, key, errors);
    if (required && (!*out || !**out))
        svc_error_add(errors, key, "is required");
    else if (*out && strlen(*out) > max)
        svc_error_add(errors, key, "is too long");
}

int meeting_create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    json_t *errors = json_array();
    struct meeting_row m = {0};
    struct domain_error de;
    struct date d;
    struct store_error err = {0};
    m.team_id = api_str(body, "team_id", errors);
    if (!m.team_id || referrals_user_in_team(req->db, req->who.user_id, m.team_id, &err) != 0)
        svc_error_add(errors, "team_id", "must be one of your teams");
    m.held_on = api_str(body, "held_on", errors);
    if (date_parse(m.held_on, "held_on", &d, &de) < 0)
        svc_error_add(errors, "held_on", de.message);
    m.starts_at = api_str(body, "starts_at", errors);
    if (m.starts_at && *m.starts_at && (strlen(m.starts_at) != 5 || m.starts_at[2] != ':' ||
        m.starts_at[0] > '2' || (m.starts_at[0] == '2' && m.starts_at[1] > '3') || m.starts_at[3] > '5'))
        svc_error_add(errors, "starts_at", "must be a time of day, HH:MM");
    text_limit(body, "location", 200, 0, errors, &m.location);
    text_limit(body, "video_link", 500, 0, errors, &m.video_link);
    if (m.video_link && *m.video_link && strncmp(m.video_link, "https://", 8) != 0)
        svc_error_add(errors, "video_link", "must be an https:// link");
    int rc = -1;
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct attendee_row me = {req->who.user_id, req->who.display_name, req->who.profession, req->who.org_id,
                              access_attendance_grants(req->who.role, req->who.org_type), 0,
                              req->who.user_id, req->who.org_id, now};
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 && meetings_insert(req->db, &by, &m, id, &err) == 0 &&
               meetings_attendee_add(req->db, id, &me, &err) == 0 &&
               svc_audit(&c, "create", "meeting", id, NULL, NULL, &err) == 0 && store_tx_commit(req->db, &err) == 0) {
        rc = 0;
    } else {
        store_tx_rollback(req->db);
        fail_store(req, res, &err);
    }
    json_decref(errors);
    return rc;
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

static void present_lists(json_t *decisions, json_t *actions)
{
    char today[11];
    clock_today(today);
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

json_t *meeting_read(struct request *req, struct response *res, const char *id)
{
    json_t *m = meeting_load(req, res, id);
    if (!m)
        return NULL;
    struct store_error err = {0};
    json_t *items = meetings_items(req->db, id, &err), *att = items ? meetings_attendees(req->db, id, &err) : NULL;
    json_t *dec = att ? meetings_decisions(req->db, id, &err) : NULL, *act = dec ? meetings_actions(req->db, id, &err) : NULL;
    if (!act) {
        http_internal(res, req, 503, err.message);
        json_decref(m); json_decref(items); json_decref(att); json_decref(dec);
        return NULL;
    }
    present_lists(dec, act);
    attach(items, dec, "decisions");
    attach(items, act, "actions");
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
        json_object_set_new(it, "has_alerts", json_boolean(json_integer_value(json_object_get(it, "alert_safeguarding")) ||
                                                           json_integer_value(json_object_get(it, "alert_risk_to_staff"))));
    json_decref(dec);
    json_decref(act);
    json_object_set_new(m, "agenda", items);
    json_object_set_new(m, "attendees", att);
    if (api_audit_read_items(req, res, "meeting_item", items, "person_id", "relationship") < 0) {
        json_decref(m);
        return NULL;
    }
    return m;
}

/* An account attendee: only someone access_attendance_grants admits (the
 * picker offers no one else); from outside the meeting's team the
 * attendance is a self-claimed relationship for the privacy officer. */
static void account_attendee(struct request *req, const char *meeting, const char *user, struct attendee_row *a,
                             json_t **u, json_t *errors)
{
    struct store_error err = {0};
    char type[32] = "";
    if (!(*u = accounts_user_get(req->db, user, &err)) || !json_is_true(json_object_get(*u, "active"))) {
        svc_error_add(errors, "user_id", "Choose a colleague from the list");
        return;
    }
    a->name = json_string_value(json_object_get(*u, "display_name"));
    a->profession = json_string_value(json_object_get(*u, "profession"));
    a->org_id = json_string_value(json_object_get(*u, "org_id"));
    if (accounts_org_type(req->db, a->org_id, type, &err) != 0 ||
        !access_attendance_grants(json_string_value(json_object_get(*u, "role")), type)) {
        svc_error_add(errors, "user_id", "Choose someone in a direct care role in one of the partner organisations; "
                                          "finance, privacy, panel and board staff and care providers' staff cannot "
                                          "be added to a meeting");
        return;
    }
    a->grants_access = 1;
    a->self_claimed = meetings_user_in_team(req->db, meeting, user, &err) != 0;
}

int meeting_attendee_add(struct request *req, struct response *res, const char *id, json_t *body)
{
    json_t *m = meeting_load(req, res, id);
    if (!m)
        return -1;
    json_decref(m);
    json_t *errors = json_array();
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct attendee_row a = {0};
    a.user_id = api_str(body, "user_id", errors);
    a.added_by = req->who.user_id;
    a.added_by_org = req->who.org_id;
    a.added_at = now;
    json_t *u = NULL;
    if (a.user_id && *a.user_id) {
        account_attendee(req, id, a.user_id, &a, &u, errors);
    } else {   /* someone without an account: name, profession, organisation; never a relationship */
        a.user_id = NULL;
        text_limit(body, "name", 160, 1, errors, &a.name);
        a.profession = api_str(body, "profession", errors);
        if (!profession_is_valid(a.profession))
            svc_error_add(errors, "profession", "is not a known profession");
        a.org_id = api_str(body, "org_id", errors);
        char type[32];
        if (a.org_id && accounts_org_type(req->db, a.org_id, type, &err) != 0)
            svc_error_add(errors, "org_id", "no such organisation");
    }
    int rc = -1;
    struct svc_ctx c = api_svc_ctx(req);
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
               meetings_attendee_add(req->db, id, &a, &err) == 0 &&
               svc_audit(&c, a.self_claimed ? "self_claim" : "update", "meeting_attendee", id, NULL, NULL, &err) == 0 &&
               store_tx_commit(req->db, &err) == 0) {
        rc = 0;
    } else {
        store_tx_rollback(req->db);
        fail_store(req, res, &err);
    }
    json_decref(u);
    json_decref(errors);
    return rc;
}

/* Being on an agenda grants every attendee the relationship, so who can
 * be added is limited: people of the meeting team's locality (the case-
 * finding population) or people the user already has a relationship with. */
static int may_add_to_agenda(struct request *req, const char *meeting, const char *person)
{
    struct store_error err = {0};
    if (meetings_person_in_locality(req->db, meeting, person, &err) == 0)
        return 1;
    char now[STORE_TIME_LEN], since[11];
    store_now(now);
    clock_date_offset(-req->app->cfg.relationship_grace_days, since);
    struct access_query q = {person, req->who.user_id, req->who.org_id, since, now};
    struct access_facts f;
    return persons_access_facts(req->db, &q, &f, &err) == 0 && access_decide(&f) == ACCESS_RELATIONSHIP;
}

int meeting_item_add(struct request *req, struct response *res, const char *id, json_t *body)
{
    json_t *m = meeting_load(req, res, id);
    if (!m)
        return -1;
    json_decref(m);
    json_t *errors = json_array();
    struct store_error err = {0};
    const char *person = api_str(body, "person_id", errors), *reason = NULL;
    if (!person || persons_exists(req->db, person, &err) != 0)
        svc_error_add(errors, "person_id", "no such person");
    else if (!may_add_to_agenda(req, id, person))
        svc_error_add(errors, "person_id", "is neither in this locality's population nor someone you work with");
    text_limit(body, "reason", 500, 0, errors, &reason);
    char item[STORE_ID_LEN], now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    int rc = -1;
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
               meetings_item_add(req->db, &by, id, person, reason, item, &err) == 0 &&
               persons_event_add(req->db, person, req->who.org_id, req->who.user_id, "mdt_agenda",
                                 "Added to a locality MDT meeting agenda", now, &err) == 0 &&
               svc_audit(&c, "create", "meeting_item", item, person, "relationship", &err) == 0 &&
               store_tx_commit(req->db, &err) == 0) {
        rc = 0;
    } else {
        store_tx_rollback(req->db);
        fail_store(req, res, &err);
    }
    json_decref(errors);
    return rc;
}

int meeting_item_notes(struct request *req, struct response *res, const char *id, const char *item, json_t *body)
{
    json_t *m = meeting_load(req, res, id);
    if (!m)
        return -1;
    json_t *errors = json_array();
    meeting_held_check(m, "notes", errors);
    json_decref(m);
    const char *notes = NULL;
    text_limit(body, "notes", 10000, 0, errors, &notes);
    struct store_error err = {0};
    char person[STORE_ID_LEN];
    struct svc_ctx c = api_svc_ctx(req);
    int rc = -1;
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
               meetings_item_notes(req->db, id, item, notes ? notes : "", person, &err) == 0 &&
               svc_audit(&c, "update", "meeting_item", item, person, "relationship", &err) == 0 &&
               store_tx_commit(req->db, &err) == 0) {
        rc = 0;
    } else {
        store_tx_rollback(req->db);
        if (err.code == STORE_ENOTFOUND)
            http_problem(res, req, 404, "not-found", "Not found", "No such agenda item in this meeting.");
        else
            fail_store(req, res, &err);
    }
    json_decref(errors);
    return rc;
}
