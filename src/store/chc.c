/* CHC Checklists, cases, decisions and case history (store/chc.h). */
#include "store/chc.h"
#include <stdio.h>
#include <string.h>

/* Moves the per-domain level columns of row into row.domains. */
static void nest_domains(json_t *row, const char *const *keys, int n)
{
    json_t *d = json_object();
    for (int i = 0; i < n; i++) {
        json_t *v = json_object_get(row, keys[i]);
        json_object_set(d, keys[i], v ? v : json_null());
        json_object_del(row, keys[i]);
    }
    json_object_set_new(row, "domains", d);
}

void chc_nest_checklist_domains(json_t *row)
{
    const char *keys[CHC_CHECKLIST_DOMAINS];
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++)
        keys[i] = chc_checklist_domains[i].key;
    nest_domains(row, keys, CHC_CHECKLIST_DOMAINS);
}

void chc_nest_dst_domains(json_t *row)
{
    const char *keys[CHC_DST_DOMAINS];
    for (int i = 0; i < CHC_DST_DOMAINS; i++)
        keys[i] = chc_dst_domains[i].key;
    nest_domains(row, keys, CHC_DST_DOMAINS);
}

/* ---- Checklists ---- */

int chc_checklist_insert(struct store *db, const struct actor *by, const struct chc_checklist_row *r,
                         char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(r->person_id, id);
    char a[8], b[8], c[8];
    snprintf(a, sizeof a, "%d", r->count_a);
    snprintf(b, sizeof b, "%d", r->count_b);
    snprintf(c, sizeof c, "%d", r->count_c);
    const char *const *l = r->levels;
    const char *p[] = {id, r->person_id, r->completed_on, r->setting, l[0], l[1], l[2], l[3], l[4], l[5], l[6],
                       l[7], l[8], l[9], l[10], a, b, c, r->outcome, r->reasons, r->team_id, by->now, by->user_id};
    return store_run(db, "INSERT INTO chc_checklists (id, person_id, completed_on, setting, breathing, nutrition,"
        " continence, skin, mobility, communication, psychological, cognition, behaviour, drug_therapies,"
        " altered_states, count_a, count_b, count_c, outcome, reasons, status, team_id, created_at, created_by,"
        " updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
        " CAST($16 AS INTEGER), CAST($17 AS INTEGER), CAST($18 AS INTEGER), $19, $20, 'completed', $21, $22, $23,"
        " $22, $23)", 23, p, err);
}

json_t *chc_checklist_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_checklists", id);
    const char *p[] = {id, pk};
    json_t *r = store_query_one(db, "SELECT k.*, u.display_name AS author_name, t.name AS team_name"
        " FROM chc_checklists k LEFT JOIN users u ON u.id = k.created_by LEFT JOIN teams t ON t.id = k.team_id"
        " WHERE k.person_id = $2 AND k.id = $1", 2, p, err);
    if (r)
        chc_nest_checklist_domains(r);
    return r;
}

int chc_checklist_mark_sent(struct store *db, const struct actor *by, const char *id, const char *case_id,
                            const char *sent_on, struct store_error *err)
{
    STORE_PK_OR(err->code, "chc_checklists", id);
    const char *p[] = {id, case_id, sent_on, by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE chc_checklists SET status = 'sent', case_id = $2, sent_on = $3,"
        " version = version + 1, updated_at = $4, updated_by = $5 WHERE person_id = $6 AND id = $1"
        " AND status = 'completed' AND outcome = 'positive'", 6, p, err), err);
}

json_t *chc_checklists_for_person(struct store *db, const char *person_id, struct store_error *err)
{
    const char *p[] = {person_id};
    return store_query_rows(db, "SELECT k.id, k.completed_on, k.setting, k.outcome, k.status, k.case_id,"
        " k.sent_on, k.count_a, k.count_b, k.count_c, u.display_name AS author_name FROM chc_checklists k"
        " LEFT JOIN users u ON u.id = k.created_by WHERE k.person_id = $1 ORDER BY k.completed_on DESC,"
        " k.id DESC", 1, p, err);
}

/* ---- Cases ---- */

int chc_case_insert(struct store *db, const struct actor *by, const struct chc_case_row *r, char id[STORE_ID_LEN],
                    struct store_error *err)
{
    store_new_record_id(r->person_id, id);
    const char *p[] = {id, r->person_id, r->route, r->status, r->team_id, r->received_on, r->checklist_id,
                       r->referral_id, r->outcome, r->decided_on, r->fast_track_reason,
                       r->fast_track_reason ? by->user_id : NULL, by->user_id, by->now};
    return store_run(db, "INSERT INTO chc_cases (id, person_id, route, status, team_id, received_on, checklist_id,"
        " referral_id, outcome, decided_on, fast_track_reason, fast_track_by, opened_by, created_at, created_by,"
        " updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13, $14,"
        " $13)", 14, p, err);
}

#define CASE_SELECT "SELECT c.*, p.nhs_number, p.family_name, p.given_name, p.date_of_birth," \
    " t.code AS team_code, t.name AS team_name, o.name AS team_org_name, o.address AS team_org_address," \
    " o.phone AS team_org_phone, o.email AS team_org_email, d.residence, d.rationale, d.fnc, d.fnc_band," \
    " d.fnc_weekly_pence, d.funding, u.display_name AS decided_by_name, f.display_name AS fast_track_by_name" \
    " FROM chc_cases c JOIN persons p ON p.id = c.person_id JOIN teams t ON t.id = c.team_id" \
    " JOIN organisations o ON o.id = t.org_id" \
    " LEFT JOIN chc_decisions d ON d.person_id = c.person_id AND d.id = c.decision_id" \
    " LEFT JOIN users u ON u.id = d.decided_by LEFT JOIN users f ON f.id = c.fast_track_by"

json_t *chc_case_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_cases", id);
    const char *p[] = {id, pk};
    return store_query_one(db, CASE_SELECT " WHERE c.person_id = $2 AND c.id = $1", 2, p, err);
}

int chc_case_open_for_person(struct store *db, const char *person_id, char id[STORE_ID_LEN], struct store_error *err)
{
    const char *p[] = {person_id};
    return store_query_text(db, "SELECT id FROM chc_cases WHERE person_id = $1 AND status IN"
        " ('awaiting_assessment', 'assessed', 'deferred') ORDER BY received_on DESC, id DESC LIMIT 1", 1, p,
        id, STORE_ID_LEN, err);
}

int chc_case_set_status(struct store *db, const struct actor *by, const char *id, const char *from, const char *to,
                        long long version, struct store_error *err)
{
    char v[24];
    snprintf(v, sizeof v, "%lld", version);
    STORE_PK_OR(err->code, "chc_cases", id);
    const char *p[] = {id, from, to, v, by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE chc_cases SET status = $3, version = version + 1,"
        " updated_at = $5, updated_by = $6 WHERE person_id = $7 AND id = $1 AND status = $2"
        " AND (version = CAST($4 AS INTEGER) OR CAST($4 AS INTEGER) < 0)", 7, p, err), err);
}

int chc_case_decide(struct store *db, const struct actor *by, const char *id, long long version, const char *outcome,
                    const char *decided_on, const char *decision_id, struct store_error *err)
{
    char v[24];
    snprintf(v, sizeof v, "%lld", version);
    int deferred = strcmp(outcome, "deferred") == 0;
    STORE_PK_OR(err->code, "chc_cases", id);
    const char *p[] = {id, v, outcome, deferred ? "deferred" : "decided", deferred ? NULL : decided_on, decision_id,
                       by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE chc_cases SET outcome = $3, status = $4, decided_on = $5,"
        " decision_id = $6, version = version + 1, updated_at = $7, updated_by = $8"
        " WHERE person_id = $9 AND id = $1 AND version = CAST($2 AS INTEGER) AND status IN ('assessed', 'deferred')",
        9, p, err), err);
}

int chc_case_package_start(struct store *db, const struct actor *by, const char *id, long long version,
                           const char *on, struct store_error *err)
{
    char v[24];
    snprintf(v, sizeof v, "%lld", version);
    STORE_PK_OR(err->code, "chc_cases", id);
    const char *p[] = {id, v, on, by->now, by->user_id, pk};
    return store_changed_one(db, store_run(db, "UPDATE chc_cases SET package_start_on = $3, version = version + 1,"
        " updated_at = $4, updated_by = $5 WHERE person_id = $6 AND id = $1 AND version = CAST($2 AS INTEGER)"
        " AND outcome = 'eligible'", 6, p, err), err);
}

json_t *chc_cases_list(struct store *db, const char *user_id, const char *status, const char *decided_since,
                       int limit, struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {user_id, status, lim, decided_since};
    return store_query_rows(db, "SELECT c.id, c.person_id, c.route, c.status, c.received_on, c.outcome,"
        " c.decided_on, c.package_start_on, c.version, p.nhs_number, p.family_name, p.given_name, p.date_of_birth,"
        " t.name AS team_name FROM chc_cases c JOIN user_teams ut ON ut.team_id = c.team_id AND ut.user_id = $1"
        " JOIN persons p ON p.id = c.person_id JOIN teams t ON t.id = c.team_id"
        " WHERE (c.status = $2 OR ($2 IS NULL AND (c.status IN ('awaiting_assessment', 'assessed', 'deferred')"
        " OR (c.status = 'decided' AND c.updated_at >= $4))))"
        " ORDER BY c.received_on, c.id LIMIT CAST($3 AS INTEGER)", 4, p, err);
}

json_t *chc_cases_for_person(struct store *db, const char *person_id, struct store_error *err)
{
    const char *p[] = {person_id};
    return store_query_rows(db, "SELECT c.id, c.route, c.status, c.received_on, c.outcome, c.decided_on,"
        " t.name AS team_name FROM chc_cases c JOIN teams t ON t.id = c.team_id WHERE c.person_id = $1"
        " ORDER BY c.received_on DESC, c.id DESC", 1, p, err);
}

int chc_case_user_in_team(struct store *db, const char *case_id, const char *user_id, struct store_error *err)
{
    STORE_PK_OR(err->code, "chc_cases", case_id);
    char one[8];
    const char *p[] = {case_id, user_id, pk};
    return store_query_text(db, "SELECT 1 FROM chc_cases c JOIN user_teams ut ON ut.team_id = c.team_id"
        " WHERE c.person_id = $3 AND c.id = $1 AND ut.user_id = $2", 3, p, one, sizeof one, err);
}

int chc_case_event_add(struct store *db, const struct actor *by, const char *case_id, const char *person_id,
                       const char *kind, const char *detail, struct store_error *err)
{
    char id[STORE_ID_LEN];
    store_new_record_id(person_id, id);
    const char *p[] = {id, case_id, person_id, by->now, by->user_id, kind, detail ? detail : ""};
    return store_run(db, "INSERT INTO chc_case_events (id, case_id, person_id, at, user_id, kind, detail)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7)", 7, p, err);
}

json_t *chc_case_events(struct store *db, const char *case_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_cases", case_id);
    const char *p[] = {case_id, pk};
    return store_query_rows(db, "SELECT e.at, e.kind, e.detail, u.display_name AS user_name FROM chc_case_events e"
        " LEFT JOIN users u ON u.id = e.user_id WHERE e.person_id = $2 AND e.case_id = $1 ORDER BY e.at, e.id",
        2, p, err);
}

/* ---- Decisions ---- */

int chc_decision_insert(struct store *db, const struct actor *by, const struct chc_decision_row *r,
                        char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(r->person_id, id);
    char fnc[4], pence[24];
    snprintf(fnc, sizeof fnc, "%d", r->fnc ? 1 : 0);
    snprintf(pence, sizeof pence, "%lld", r->fnc_weekly_pence);
    const char *p[] = {id, r->case_id, r->person_id, r->outcome, fnc, r->fnc_band,
                       r->fnc_weekly_pence >= 0 ? pence : NULL, r->funding, r->rationale, r->decided_on, by->user_id,
                       by->now, r->residence};
    return store_run(db, "INSERT INTO chc_decisions (id, case_id, person_id, outcome, fnc, fnc_band,"
        " fnc_weekly_pence, funding, rationale, decided_on, decided_by, created_at, residence) VALUES ($1, $2, $3, $4,"
        " CAST($5 AS INTEGER), $6, CAST($7 AS INTEGER), $8, $9, $10, $11, $12, $13)", 13, p, err);
}

json_t *chc_decisions_for_case(struct store *db, const char *case_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_cases", case_id);
    const char *p[] = {case_id, pk};
    return store_query_rows(db, "SELECT d.id, d.outcome, d.fnc, d.fnc_band, d.fnc_weekly_pence, d.funding,"
        " d.rationale, d.decided_on, d.created_at, u.display_name AS decided_by_name FROM chc_decisions d"
        " JOIN users u ON u.id = d.decided_by WHERE d.person_id = $2 AND d.case_id = $1"
        " ORDER BY d.created_at, d.id", 2, p, err);
}

int chc_user_profession(struct store *db, const char *user_id, char out[64], struct store_error *err)
{
    const char *p[] = {user_id};
    return store_query_text(db, "SELECT COALESCE(profession, '') FROM users WHERE id = $1", 1, p, out, 64, err);
}

int chc_user_in_chc_team(struct store *db, const char *user_id, struct store_error *err)
{
    char one[8];
    const char *p[] = {user_id};
    return store_query_text(db, "SELECT 1 FROM referral_routes r JOIN user_teams ut ON ut.team_id = r.team_id"
        " WHERE r.route = 'chc' AND ut.user_id = $1 LIMIT 1", 1, p, one, sizeof one, err);
}
