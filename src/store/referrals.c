#include "store/referrals.h"
#include <stdio.h>
#include <string.h>

int referrals_insert(struct store *db, const struct actor *by, const struct referral_row *r,
                     char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(r->person_id, id);
    const char *p[] = {id, r->person_id, r->source, r->reason, r->urgency, r->received_at, r->due_at, r->consent,
                       r->referrer_name, r->referrer_phone, r->referrer_org, r->referred_by,
                       r->front_door_team_id, by->now, by->user_id, r->due_estimated ? "1" : "0"};
    return store_run(db, "INSERT INTO referrals (id, person_id, source, reason, urgency, received_at, due_at,"
        " consent, referrer_name, referrer_phone, referrer_org, referred_by, front_door_team_id, team_id, status,"
        " created_at, created_by, updated_at, updated_by, due_estimated) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
        " $9, $10, $11, $12, $13, $13, 'received', $14, $15, $14, $15, CAST($16 AS INTEGER))", 16, p, err);
}

#define REFERRAL_SELECT "SELECT r.*, p.nhs_number, p.family_name, p.given_name, p.date_of_birth," \
    " t.code AS team_code, t.name AS team_name, f.name AS front_door_team_name, u.display_name AS referred_by_name" \
    " FROM referrals r JOIN persons p ON p.id = r.person_id JOIN teams t ON t.id = r.team_id" \
    " JOIN teams f ON f.id = r.front_door_team_id LEFT JOIN users u ON u.id = r.referred_by"

json_t *referrals_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "referrals", id);
    const char *p[] = {id, pk};
    return store_query_one(db, REFERRAL_SELECT " WHERE r.person_id = $2 AND r.id = $1", 2, p, err);
}

json_t *referrals_events(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "referrals", id);
    const char *p[] = {id, pk};
    return store_query_rows(db, "SELECT e.at, e.kind, e.detail, t.name AS team_name, u.display_name AS user_name"
        " FROM referral_events e LEFT JOIN teams t ON t.id = e.team_id LEFT JOIN users u ON u.id = e.user_id"
        " WHERE e.person_id = $2 AND e.referral_id = $1 ORDER BY e.at, e.id", 2, p, err);
}

int referrals_event_add(struct store *db, const struct actor *by, const char *referral_id, const char *person_id,
                        const char *team_id, const char *kind, const char *detail, struct store_error *err)
{
    char id[STORE_ID_LEN];
    store_new_record_id(person_id, id);
    const char *p[] = {id, referral_id, person_id, by->now, by->user_id, team_id, kind, detail ? detail : ""};
    return store_run(db, "INSERT INTO referral_events (id, referral_id, person_id, at, user_id, team_id, kind, detail)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", 8, p, err);
}

int referrals_transition(struct store *db, const struct actor *by, const char *id,
                         const struct referral_change *c, struct store_error *err)
{
    STORE_PK_OR(err->code, "referrals", id);
    struct store_stmt *s = store_prepare(db,
        "UPDATE referrals SET status = $3, team_id = COALESCE($4, team_id), route = COALESCE($5, route),"
        " outcome = COALESCE($6, outcome), reassessment = COALESCE($7, reassessment),"
        " returned = returned + $8, responded_at = CASE WHEN $9 = 1 THEN COALESCE(responded_at, $11)"
        " ELSE responded_at END, closed_at = CASE WHEN $10 = 1 THEN $11 ELSE closed_at END,"
        " version = version + 1, updated_at = $11, updated_by = $12"
        " WHERE person_id = $14 AND id = $1 AND status = $2 AND version = $13", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, id);
    store_bind_text(s, 2, c->from);
    store_bind_text(s, 3, c->to);
    store_bind_text(s, 4, c->team_id);
    store_bind_text(s, 5, c->route);
    store_bind_text(s, 6, c->outcome);
    store_bind_text(s, 7, c->reassessment);
    store_bind_int(s, 8, c->returned);
    store_bind_int(s, 9, c->responded);
    store_bind_int(s, 10, c->closed);
    store_bind_text(s, 11, by->now);
    store_bind_text(s, 12, by->user_id);
    store_bind_int(s, 13, c->version);
    store_bind_text(s, 14, pk);
    return store_changed_one(db, store_step_done(s, err), err);
}

int referrals_route_team(struct store *db, const char *route, const char *locality_id, char team[STORE_ID_LEN],
                         struct store_error *err)
{
    const char *p[] = {route, locality_id && *locality_id ? locality_id : ""};
    return store_query_text(db, "SELECT team_id FROM referral_routes WHERE route = $1"
        " AND (locality_id = $2 OR locality_id IS NULL)"
        " ORDER BY CASE WHEN locality_id IS NULL THEN 1 ELSE 0 END, team_id LIMIT 1", 2, p, team, STORE_ID_LEN, err);
}

int referrals_route_has_team(struct store *db, const char *route, const char *team_id, struct store_error *err)
{
    char one[8];
    const char *p[] = {route, team_id};
    return store_query_text(db, "SELECT 1 FROM referral_routes WHERE route = $1 AND team_id = $2 LIMIT 1", 2, p,
                            one, sizeof one, err);
}

int referrals_route_add(struct store *db, const char *route, const char *locality_id, const char *team_id,
                        struct store_error *err)
{
    char id[STORE_ID_LEN];
    store_new_id(id);
    const char *p[] = {id, route, locality_id, team_id};
    return store_run(db, "INSERT INTO referral_routes (id, route, locality_id, team_id) VALUES ($1, $2, $3, $4)",
                     4, p, err);
}

json_t *referrals_routes(struct store *db, struct store_error *err)
{
    return store_query_rows(db, "SELECT r.route, r.team_id, t.code AS team_code, t.name AS team_name,"
        " l.code AS locality_code FROM referral_routes r JOIN teams t ON t.id = r.team_id"
        " LEFT JOIN localities l ON l.id = r.locality_id ORDER BY r.route, l.code, t.code", 0, NULL, err);
}

json_t *referrals_user_front_doors(struct store *db, const char *user_id, struct store_error *err)
{
    const char *p[] = {user_id};
    return store_query_rows(db, "SELECT DISTINCT t.id, t.code, t.name FROM referral_routes r"
        " JOIN teams t ON t.id = r.team_id JOIN user_teams ut ON ut.team_id = t.id"
        " WHERE r.route = 'front_door' AND ut.user_id = $1 ORDER BY t.name", 1, p, err);
}

int referrals_person_locality(struct store *db, const char *person_id, char loc[STORE_ID_LEN],
                              struct store_error *err)
{
    const char *p[] = {person_id};
    int rc = store_query_text(db, "SELECT COALESCE(o.locality_id, '') FROM persons p"
        " LEFT JOIN organisations o ON o.id = p.gp_practice_id WHERE p.id = $1", 1, p, loc, STORE_ID_LEN, err);
    return rc;
}

int referrals_trusted(struct store *db, const char *team_id, const char *user_id, struct store_error *err)
{
    char one[8];
    const char *p[] = {team_id, user_id ? user_id : ""};
    int rc = store_query_text(db, "SELECT 1 FROM trusted_assessors WHERE team_id = $1 AND user_id = $2", 2, p, one,
                              sizeof one, err);
    return rc == STORE_OK ? 1 : rc == STORE_ENOTFOUND ? 0 : rc;
}

int referrals_trusted_add(struct store *db, const char *team_id, const char *user_id, struct store_error *err)
{
    const char *p[] = {team_id, user_id};
    return store_run(db, "INSERT INTO trusted_assessors (team_id, user_id) VALUES ($1, $2)"
                         " ON CONFLICT (team_id, user_id) DO NOTHING", 2, p, err);
}

int referrals_user_in_team(struct store *db, const char *user_id, const char *team_id, struct store_error *err)
{
    char one[8];
    const char *p[] = {user_id, team_id};
    return store_query_text(db, "SELECT 1 FROM user_teams WHERE user_id = $1 AND team_id = $2", 2, p, one,
                            sizeof one, err);
}

json_t *referrals_queue(struct store *db, const char *team_id, int limit, struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {team_id, lim};
    return store_query_rows(db, "SELECT r.id, r.person_id, r.status, r.urgency, r.source, r.reason, r.route,"
        " r.received_at, r.due_at, r.due_estimated, r.returned, r.version, p.nhs_number, p.family_name, p.given_name, p.date_of_birth"
        " FROM referrals r JOIN persons p ON p.id = r.person_id"
        " WHERE r.team_id = $1 AND r.status IN ('received', 'triaged') ORDER BY r.due_at, r.id"
        " LIMIT CAST($2 AS INTEGER)", 2, p, err);
}

json_t *referrals_awaiting_acceptance(struct store *db, const char *front_door_team_id, int limit,
                                      struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {front_door_team_id, lim};
    return store_query_rows(db, "SELECT r.id, r.person_id, r.status, r.urgency, r.route, r.reason, r.received_at,"
        " r.due_at, r.due_estimated, r.version, r.team_id, t.name AS team_name,"
        " p.nhs_number, p.family_name, p.given_name, p.date_of_birth,"
        " (SELECT MAX(e.at) FROM referral_events e WHERE e.person_id = r.person_id AND e.referral_id = r.id"
        "   AND e.kind IN ('triaged', 'rerouted')) AS triaged_at,"
        " (SELECT COUNT(*) FROM user_teams ut JOIN users u ON u.id = ut.user_id"
        "   WHERE ut.team_id = r.team_id AND u.active = 1) AS staff,"
        " (SELECT COUNT(*) FROM user_teams ut JOIN users u ON u.id = ut.user_id"
        "   WHERE ut.team_id = r.team_id AND u.active = 1 AND u.role = 'team_manager') AS managers"
        " FROM referrals r JOIN persons p ON p.id = r.person_id JOIN teams t ON t.id = r.team_id"
        " WHERE r.front_door_team_id = $1 AND r.status = 'triaged' ORDER BY r.due_at, r.id"
        " LIMIT CAST($2 AS INTEGER)", 2, p, err);
}

json_t *referrals_overdue_for_member(struct store *db, const char *user_id, const char *now, int limit,
                                     struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {user_id, now, lim};
    return store_query_rows(db, "SELECT r.id, r.person_id, r.status, r.urgency, r.route, r.reason, r.received_at,"
        " r.due_at, r.due_estimated, r.version, r.team_id, t.name AS team_name,"
        " p.nhs_number, p.family_name, p.given_name, p.date_of_birth"
        " FROM referrals r JOIN persons p ON p.id = r.person_id JOIN teams t ON t.id = r.team_id"
        " JOIN user_teams ut ON ut.team_id = r.team_id AND ut.user_id = $1"
        " WHERE r.status = 'triaged' AND r.due_at < $2 ORDER BY r.due_at, r.id"
        " LIMIT CAST($3 AS INTEGER)", 3, p, err);
}

json_t *referrals_for_person(struct store *db, const char *person_id, struct store_error *err)
{
    const char *p[] = {person_id};
    return store_query_rows(db, "SELECT r.id, r.status, r.urgency, r.route, r.reason, r.received_at, r.due_at,"
        " r.outcome, t.name AS team_name FROM referrals r JOIN teams t ON t.id = r.team_id"
        " WHERE r.person_id = $1 ORDER BY r.received_at DESC, r.id", 1, p, err);
}

json_t *referrals_kpi_rows(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT urgency, received_at, responded_at, status, outcome FROM referrals"
                                " WHERE received_at >= $1 AND received_at < $2 ORDER BY received_at, id", 2, p, err);
}
