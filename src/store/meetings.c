#include "store/meetings.h"
#include "domain/access.h"
#include <stdio.h>
#include <string.h>

int meetings_insert(struct store *db, const struct actor *by, const struct meeting_row *m, char id[STORE_ID_LEN],
                    struct store_error *err)
{
    store_new_id(id);
    const char *p[] = {id, m->team_id, m->held_on, m->starts_at, m->location, m->video_link, by->now, by->user_id};
    return store_run(db, "INSERT INTO meetings (id, team_id, held_on, starts_at, location, video_link, created_at,"
                         " created_by, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8)",
                     8, p, err);
}

#define MEETING_COLS "SELECT m.id, m.team_id, m.held_on, m.starts_at, m.location, m.video_link, m.version," \
    " t.code AS team_code, t.name AS team_name, l.code AS locality_code, l.name AS locality_name" \
    " FROM meetings m JOIN teams t ON t.id = m.team_id LEFT JOIN localities l ON l.id = t.locality_id"

json_t *meetings_get(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    return store_query_one(db, MEETING_COLS " WHERE m.id = $1", 1, p, err);
}

json_t *meetings_for_user(struct store *db, const char *user_id, const char *from, struct store_error *err)
{
    const char *p[] = {user_id, from};
    return store_query_rows(db, MEETING_COLS " WHERE m.held_on >= $2 AND (m.team_id IN (SELECT team_id FROM"
        " user_teams WHERE user_id = $1) OR m.id IN (SELECT meeting_id FROM meeting_attendees WHERE user_id = $1))"
        " ORDER BY m.held_on, m.starts_at, m.id LIMIT 100", 2, p, err);
}

int meetings_user_may_see(struct store *db, const char *meeting_id, const char *user_id, struct store_error *err)
{
    char one[8];
    const char *p[] = {meeting_id, user_id};
    return store_query_text(db, "SELECT 1 FROM meetings m WHERE m.id = $1 AND (EXISTS (SELECT 1 FROM user_teams ut"
        " WHERE ut.team_id = m.team_id AND ut.user_id = $2) OR EXISTS (SELECT 1 FROM meeting_attendees a"
        " WHERE a.meeting_id = m.id AND a.user_id = $2))", 2, p, one, sizeof one, err);
}

int meetings_attendee_add(struct store *db, const char *meeting_id, const struct attendee_row *a,
                          struct store_error *err)
{
    char id[STORE_ID_LEN];
    store_new_id(id);
    const char *p[] = {id, meeting_id, a->user_id, a->name, a->profession, a->org_id,
                       a->grants_access ? "1" : "0", a->self_claimed ? "1" : "0", a->added_by, a->added_by_org,
                       a->added_at, a->self_claimed && a->grants_access ? "pending" : "not_needed"};
    return store_run(db, "INSERT INTO meeting_attendees (id, meeting_id, user_id, name, profession, org_id,"
                         " grants_access, self_claimed, added_by, added_by_org, added_at, review_status)"
                         " VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS INTEGER), CAST($8 AS INTEGER), $9, $10, $11, $12)",
                     12, p, err);
}

json_t *meetings_attendees(struct store *db, const char *meeting_id, struct store_error *err)
{
    const char *p[] = {meeting_id};
    return store_query_rows(db, "SELECT a.id, a.user_id, a.name, a.profession, o.code AS org_code, o.name AS org_name,"
        " a.grants_access, a.self_claimed"
        " FROM meeting_attendees a LEFT JOIN organisations o ON o.id = a.org_id WHERE a.meeting_id = $1"
        " ORDER BY a.name, a.id", 1, p, err);
}

json_t *meetings_attendee_candidates(struct store *db, const char *meeting_id, struct store_error *err)
{
    /* The role and organisation-type lists are the domain rule's own. */
    const char *p[8] = {meeting_id};
    int n = 1;
    for (int i = 0; i < access_direct_care_role_count && i < 2; i++)
        p[n++] = access_direct_care_roles[i];
    for (int i = 0; i < access_partnership_org_type_count && i < 5; i++)
        p[n++] = access_partnership_org_types[i];
    return store_query_rows(db, "SELECT u.id, u.display_name, u.profession, o.name AS org_name,"
        " CASE WHEN EXISTS (SELECT 1 FROM user_teams ut JOIN meetings m ON m.team_id = ut.team_id"
        " WHERE m.id = $1 AND ut.user_id = u.id) THEN 1 ELSE 0 END AS in_team"
        " FROM users u JOIN organisations o ON o.id = u.org_id WHERE u.active = 1"
        " AND u.role IN ($2, $3) AND o.type IN ($4, $5, $6, $7, $8)"
        " AND NOT EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = $1 AND a.user_id = u.id)"
        " ORDER BY in_team DESC, u.display_name, u.id LIMIT 300", 8, p, err);
}

int meetings_user_in_team(struct store *db, const char *meeting_id, const char *user_id, struct store_error *err)
{
    char one[8];
    const char *p[] = {meeting_id, user_id};
    return store_query_text(db, "SELECT 1 FROM meetings m JOIN user_teams ut ON ut.team_id = m.team_id"
                                " WHERE m.id = $1 AND ut.user_id = $2", 2, p, one, sizeof one, err);
}

json_t *meetings_claims_list(struct store *db, const char *org_id, const char *status, int limit,
                             struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {org_id, status, lim};
    return store_query_rows(db, "SELECT a.id, a.meeting_id, m.held_on, t.name AS team_name, a.name AS attendee_name,"
        " u.role AS attendee_role, ab.display_name AS added_by_name, a.added_at, a.review_status, a.reviewed_at,"
        " a.review_note, COALESCE(ic.n, 0) AS agenda_count"
        " FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id JOIN teams t ON t.id = m.team_id"
        /* A grouped join, not a correlated count: Citus refuses a correlated
         * subquery on a distributed table beside reference tables. */
        " LEFT JOIN (SELECT meeting_id, COUNT(*) AS n FROM meeting_items GROUP BY meeting_id) ic"
        " ON ic.meeting_id = a.meeting_id"
        " LEFT JOIN users u ON u.id = a.user_id LEFT JOIN users ab ON ab.id = a.added_by"
        " WHERE a.self_claimed = 1 AND a.grants_access = 1 AND (a.added_by_org = $1 OR a.org_id = $1)"
        " AND ($2 = 'all' OR a.review_status = $2) ORDER BY a.added_at DESC, a.id LIMIT $3", 3, p, err);
}

int meetings_claim_review(struct store *db, const char *id, const char *org_id, const char *status,
                          const char *reviewer, const char *note, const char *now, struct store_error *err)
{
    const char *p[] = {id, org_id, status, reviewer, note ? note : "", now};
    int rc = store_run(db, "UPDATE meeting_attendees SET review_status = $3, reviewed_by = $4, review_note = $5,"
                           " reviewed_at = $6 WHERE id = $1 AND self_claimed = 1 AND grants_access = 1"
                           " AND (added_by_org = $2 OR org_id = $2)", 6, p, err);
    return store_changed_one(db, rc, err);
}

int meetings_item_add(struct store *db, const struct actor *by, const char *meeting_id, const char *person_id,
                      const char *reason, char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(person_id, id);
    /* The next position first, then a plain INSERT: Citus refuses a subquery
     * in VALUES, and its INSERT … SELECT reports a duplicate as XX000, not
     * as a unique violation. The caller's write transaction keeps the two
     * together. */
    char pos[24];
    const char *m[] = {meeting_id};
    int rc = store_query_text(db, "SELECT CAST(COALESCE(MAX(position), 0) + 1 AS TEXT) AS next FROM meeting_items"
                              " WHERE meeting_id = $1", 1, m, pos, sizeof pos, err);
    if (rc != STORE_OK)
        return rc;
    const char *p[] = {id, meeting_id, person_id, pos, reason ? reason : "", by->now, by->user_id};
    return store_run(db, "INSERT INTO meeting_items (id, meeting_id, person_id, position, reason, added_at, added_by)"
        " VALUES ($1, $2, $3, CAST($4 AS INTEGER), $5, $6, $7)", 7, p, err);
}

json_t *meetings_items(struct store *db, const char *meeting_id, struct store_error *err)
{
    const char *p[] = {meeting_id};
    return store_query_rows(db, "SELECT i.id, i.person_id, i.position, i.reason, i.notes, p.nhs_number,"
        " p.family_name, p.given_name, p.date_of_birth, p.alert_safeguarding, p.alert_risk_to_staff"
        " FROM meeting_items i JOIN persons p ON p.id = i.person_id WHERE i.meeting_id = $1"
        " ORDER BY i.position, i.id", 1, p, err);
}

int meetings_item_notes(struct store *db, const char *meeting_id, const char *item_id, const char *notes,
                        char person_id[STORE_ID_LEN], struct store_error *err)
{
    STORE_PK_OR(err->code, "meeting_items", item_id);
    const char *q[] = {meeting_id, item_id, pk};
    int rc = store_query_text(db, "SELECT person_id FROM meeting_items WHERE person_id = $3 AND meeting_id = $1"
                              " AND id = $2", 3, q, person_id, STORE_ID_LEN, err);
    if (rc != STORE_OK)
        return rc;
    const char *p[] = {notes, item_id, person_id};
    return store_changed_one(db, store_run(db, "UPDATE meeting_items SET notes = $1"
        " WHERE person_id = $3 AND id = $2", 3, p, err), err);
}

int meetings_has_person(struct store *db, const char *meeting_id, const char *person_id, struct store_error *err)
{
    char one[8];
    const char *p[] = {meeting_id, person_id};
    return store_query_text(db, "SELECT 1 FROM meeting_items WHERE meeting_id = $1 AND person_id = $2", 2, p, one,
                            sizeof one, err);
}

int meetings_person_in_locality(struct store *db, const char *meeting_id, const char *person_id,
                                struct store_error *err)
{
    char one[8];
    const char *p[] = {meeting_id, person_id};
    return store_query_text(db, "SELECT 1 FROM meetings m JOIN teams t ON t.id = m.team_id, persons p"
        " JOIN organisations g ON g.id = p.gp_practice_id WHERE m.id = $1 AND p.id = $2"
        " AND g.locality_id = t.locality_id", 2, p, one, sizeof one, err);
}

int meetings_decision_add(struct store *db, const struct actor *by, const char *meeting_id, const char *person_id,
                          const char *text, int consensus, char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(person_id, id);
    struct store_stmt *s = store_prepare(db, "INSERT INTO decisions (id, meeting_id, person_id, text, consensus,"
                                             " created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, id);
    store_bind_text(s, 2, meeting_id);
    store_bind_text(s, 3, person_id);
    store_bind_text(s, 4, text);
    store_bind_int(s, 5, consensus);
    store_bind_text(s, 6, by->now);
    store_bind_text(s, 7, by->user_id);
    return store_step_done(s, err);
}

#define DECISION_COLS "SELECT d.id, d.meeting_id, d.person_id, d.text, d.consensus, d.created_at," \
    " s.id AS discussion_id, s.status AS discussion_status FROM decisions d" \
    " LEFT JOIN shared_care_discussions s ON s.person_id = d.person_id AND s.decision_id = d.id"

json_t *meetings_decisions(struct store *db, const char *meeting_id, struct store_error *err)
{
    const char *p[] = {meeting_id};
    return store_query_rows(db, DECISION_COLS " WHERE d.meeting_id = $1 ORDER BY d.created_at, d.id", 1, p, err);
}

json_t *meetings_decision_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "decisions", id);
    const char *p[] = {id, pk};
    return store_query_one(db, DECISION_COLS " WHERE d.person_id = $2 AND d.id = $1", 2, p, err);
}

int meetings_action_add(struct store *db, const struct actor *by, const struct action_row *a,
                        char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(a->person_id, id);
    const char *p[] = {id, a->meeting_id, a->person_id, a->text, a->owner_user_id, a->owner_team_id, a->due_on,
                       by->now, by->user_id};
    return store_run(db, "INSERT INTO actions (id, meeting_id, person_id, text, owner_user_id, owner_team_id, due_on,"
                         " created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", 9, p, err);
}

#define ACTION_COLS "SELECT a.id, a.meeting_id, a.person_id, a.text, a.owner_user_id, a.owner_team_id, a.due_on," \
    " a.done_at, a.version, u.display_name AS owner_user_name, t.name AS owner_team_name FROM actions a" \
    " LEFT JOIN users u ON u.id = a.owner_user_id LEFT JOIN teams t ON t.id = a.owner_team_id"

json_t *meetings_actions(struct store *db, const char *meeting_id, struct store_error *err)
{
    const char *p[] = {meeting_id};
    return store_query_rows(db, ACTION_COLS " WHERE a.meeting_id = $1 ORDER BY a.due_on, a.id", 1, p, err);
}

json_t *meetings_action_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "actions", id);
    const char *p[] = {id, pk};
    return store_query_one(db, ACTION_COLS " WHERE a.person_id = $2 AND a.id = $1", 2, p, err);
}

int meetings_action_done(struct store *db, const struct actor *by, const char *id, struct store_error *err)
{
    STORE_PK_OR(err->code, "actions", id);
    const char *p[] = {id, by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE actions SET done_at = $2, done_by = $3, version = version + 1"
                                         " WHERE person_id = $4 AND id = $1 AND done_at IS NULL", 4, p, err), err);
}

json_t *meetings_work_list(struct store *db, const char *user_id, struct store_error *err)
{
    const char *p[] = {user_id};
    return store_query_rows(db, "SELECT a.id, a.meeting_id, a.person_id, a.text, a.due_on, a.owner_user_id,"
        " a.owner_team_id, u.display_name AS owner_user_name, t.name AS owner_team_name, p.family_name, p.given_name,"
        " p.date_of_birth, m.held_on FROM actions a JOIN persons p ON p.id = a.person_id"
        " JOIN meetings m ON m.id = a.meeting_id LEFT JOIN users u ON u.id = a.owner_user_id"
        " LEFT JOIN teams t ON t.id = a.owner_team_id WHERE a.done_at IS NULL AND (a.owner_user_id = $1"
        " OR a.owner_team_id IN (SELECT team_id FROM user_teams WHERE user_id = $1))"
        " ORDER BY a.due_on, a.id LIMIT 500", 1, p, err);
}

int meetings_owner_user_relevant(struct store *db, const char *meeting_id, const char *user_id,
                                 struct store_error *err)
{
    char one[8];
    const char *p[] = {meeting_id, user_id};
    return store_query_text(db, "SELECT 1 FROM user_teams ut WHERE ut.user_id = $2 AND (ut.team_id ="
        " (SELECT team_id FROM meetings WHERE id = $1) OR ut.team_id IN (SELECT ut2.team_id FROM meeting_attendees a"
        " JOIN user_teams ut2 ON ut2.user_id = a.user_id WHERE a.meeting_id = $1)) LIMIT 1", 2, p, one, sizeof one, err);
}

int meetings_owner_team_relevant(struct store *db, const char *meeting_id, const char *team_id,
                                 struct store_error *err)
{
    char one[8];
    const char *p[] = {meeting_id, team_id};
    return store_query_text(db, "SELECT 1 FROM meetings m WHERE m.id = $1 AND (m.team_id = $2 OR $2 IN"
        " (SELECT ut.team_id FROM meeting_attendees a JOIN user_teams ut ON ut.user_id = a.user_id"
        " WHERE a.meeting_id = $1))", 2, p, one, sizeof one, err);
}

int meetings_discussion_add(struct store *db, const struct actor *by, const char *decision_id,
                            const char *question, char id[STORE_ID_LEN], struct store_error *err)
{
    STORE_PK_OR(err->code, "decisions", decision_id);
    store_new_record_id(pk, id);
    const char *p[] = {id, decision_id, question, by->now, by->user_id, pk};
    return store_run(db, "INSERT INTO shared_care_discussions (id, person_id, meeting_id, decision_id, question,"
        " created_at, created_by) SELECT $1, d.person_id, d.meeting_id, d.id, $3, $4, $5 FROM decisions d"
        " WHERE d.person_id = $6 AND d.id = $2", 6, p, err);
}

int meetings_discussion_participant(struct store *db, const char *discussion_id, const char *user_id,
                                    struct store_error *err)
{
    const char *p[] = {discussion_id, user_id};
    return store_run(db, "INSERT INTO shared_care_participants (discussion_id, user_id) VALUES ($1, $2)"
                         " ON CONFLICT (discussion_id, user_id) DO NOTHING", 2, p, err);
}

json_t *meetings_discussion_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "shared_care_discussions", id);
    const char *p[] = {id, pk};
    json_t *d = store_query_one(db, "SELECT s.*, p.family_name, p.given_name, p.date_of_birth, d.text AS decision"
        " FROM shared_care_discussions s JOIN persons p ON p.id = s.person_id"
        " JOIN decisions d ON d.person_id = s.person_id AND d.id = s.decision_id"
        " WHERE s.person_id = $2 AND s.id = $1", 2, p, err);
    if (!d)
        return NULL;
    json_t *who = store_query_rows(db, "SELECT u.id, u.display_name, u.profession, o.name AS org_name"
        " FROM shared_care_participants sp JOIN users u ON u.id = sp.user_id JOIN organisations o ON o.id = u.org_id"
        " WHERE sp.discussion_id = $1 ORDER BY u.display_name", 1, p, err);
    if (!who) {
        json_decref(d);
        return NULL;
    }
    json_object_set_new(d, "participants", who);
    return d;
}

int meetings_discussion_decide(struct store *db, const struct actor *by, const char *id, const char *text,
                               const char *outcome, struct store_error *err)
{
    STORE_PK_OR(err->code, "shared_care_discussions", id);
    const char *p[] = {id, text, by->now, by->user_id, outcome, pk};
    return store_changed_one(db, store_run(db, "UPDATE shared_care_discussions SET status = 'decided',"
        " decision_text = $2, decided_at = $3, decided_by = $4, outcome = $5"
        " WHERE person_id = $6 AND id = $1 AND status = 'open'",
        6, p, err), err);
}

json_t *meetings_board_report(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    /* Coded and counted only: never the question or the decision text. */
    return store_query_rows(db, "SELECT COALESCE(l.name, 'No locality') AS locality_name,"
        " COALESCE(s.outcome, 'other') AS outcome, COUNT(*) AS discussions FROM shared_care_discussions s"
        " JOIN meetings m ON m.id = s.meeting_id JOIN teams t ON t.id = m.team_id"
        " LEFT JOIN localities l ON l.id = t.locality_id WHERE s.status = 'decided'"
        " AND s.decided_at >= $1 AND s.decided_at < $2"
        " GROUP BY COALESCE(l.name, 'No locality'), COALESCE(s.outcome, 'other')"
        " ORDER BY locality_name, outcome", 2, p, err);
}
