#include "store/chc_followup.h"
#include <stdio.h>

json_t *chc_followup_case(struct store *db, const char *case_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_cases", case_id);
    const char *p[] = {case_id, pk};
    return store_query_one(db, "SELECT c.id, c.person_id, c.status, c.outcome, c.decided_on, c.decision_id,"
        " c.team_id, c.version, COALESCE(d.fnc, 0) AS fnc, d.funding, d.fnc_band, pe.date_of_death,"
        " pe.nhs_number, pe.family_name, pe.given_name, pe.date_of_birth FROM chc_cases c JOIN persons pe ON pe.id = c.person_id"
        " LEFT JOIN chc_decisions d ON d.person_id = c.person_id AND d.id = c.decision_id"
        " WHERE c.person_id = $2 AND c.id = $1", 2, p, err);
}

int chc_reviews_insert(struct store *db, const struct actor *by, const struct chc_review_row *r,
                       char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(r->person_id, id);
    const char *p[] = {id, r->case_id, r->person_id, r->due_on, r->reviewed_on, r->outcome,
                       r->notes ? r->notes : "", by->user_id, by->now};
    return store_run(db, "INSERT INTO chc_reviews (id, case_id, person_id, due_on, reviewed_on, outcome, notes,"
                         " reviewed_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", 9, p, err);
}

json_t *chc_reviews_for_case(struct store *db, const char *case_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_cases", case_id);
    const char *p[] = {case_id, pk};
    return store_query_rows(db, "SELECT r.id, r.due_on, r.reviewed_on, r.outcome, r.notes, r.created_at,"
        " u.display_name AS reviewed_by_name FROM chc_reviews r LEFT JOIN users u ON u.id = r.reviewed_by"
        " WHERE r.person_id = $2 AND r.case_id = $1 ORDER BY r.reviewed_on DESC, r.id DESC", 2, p, err);
}

json_t *chc_reviews_schedule(struct store *db, const char *user_id, struct store_error *err)
{
    const char *p[] = {user_id};
    return store_query_rows(db, "SELECT c.id AS case_id, c.person_id, c.decided_on, c.outcome,"
        " COALESCE(d.fnc, 0) AS fnc, d.funding,"
        " (SELECT MAX(r.reviewed_on) FROM chc_reviews r WHERE r.person_id = c.person_id AND r.case_id = c.id)"
        " AS last_reviewed_on,"
        " pe.nhs_number, pe.family_name, pe.given_name, pe.date_of_birth"
        " FROM chc_cases c JOIN user_teams ut ON ut.team_id = c.team_id AND ut.user_id = $1"
        " JOIN persons pe ON pe.id = c.person_id"
        " LEFT JOIN chc_decisions d ON d.person_id = c.person_id AND d.id = c.decision_id"
        " WHERE c.status = 'decided' AND c.decided_on IS NOT NULL"
        " AND (c.outcome = 'eligible' OR d.fnc = 1 OR d.funding = 'joint_package')"
        " AND pe.date_of_death IS NULL AND pe.merged_into IS NULL ORDER BY c.decided_on, c.id", 1, p, err);
}

int chc_challenges_insert(struct store *db, const struct actor *by, const struct chc_challenge_row *c,
                          char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(c->person_id, id);
    const char *late = c->late ? "1" : "0";
    const char *p[] = {id, c->case_id, c->person_id, c->decision_id, c->stage, c->parent_id, c->letter_on,
                       c->requested_on, c->deadline_on, late, c->late_reason, c->requested_by, c->grounds,
                       by->now, by->user_id};
    return store_run(db, "INSERT INTO chc_challenges (id, case_id, person_id, decision_id, stage, parent_id,"
        " letter_on, requested_on, deadline_on, late, late_reason, requested_by, grounds, status, created_at,"
        " created_by, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CAST($10 AS INTEGER),"
        " $11, $12, $13, 'open', $14, $15, $14, $15)", 15, p, err);
}

#define CHALLENGE_SELECT "SELECT ch.*, u.display_name AS created_by_name FROM chc_challenges ch" \
    " LEFT JOIN users u ON u.id = ch.created_by"

json_t *chc_challenges_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_challenges", id);
    const char *p[] = {id, pk};
    return store_query_one(db, CHALLENGE_SELECT " WHERE ch.person_id = $2 AND ch.id = $1", 2, p, err);
}

json_t *chc_challenges_for_case(struct store *db, const char *case_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_cases", case_id);
    const char *p[] = {case_id, pk};
    return store_query_rows(db, CHALLENGE_SELECT " WHERE ch.person_id = $2 AND ch.case_id = $1"
                            " ORDER BY ch.requested_on, ch.id", 2, p, err);
}

int chc_challenges_conclude(struct store *db, const struct actor *by, const char *id, long long version,
                            const char *outcome, const char *concluded_on, const char *note, struct store_error *err)
{
    char v[24];
    snprintf(v, sizeof v, "%lld", version);
    STORE_PK_OR(err->code, "chc_challenges", id);
    const char *p[] = {id, v, outcome, concluded_on, note ? note : "", by->now, by->user_id, pk};
    int rc = store_run(db, "UPDATE chc_challenges SET status = 'concluded', outcome = $3, concluded_on = $4,"
        " outcome_note = $5, version = version + 1, updated_at = $6, updated_by = $7"
        " WHERE person_id = $8 AND id = $1 AND version = CAST($2 AS INTEGER) AND status = 'open'", 8, p, err);
    return store_changed_one(db, rc, err);
}

int phb_insert(struct store *db, const struct actor *by, const struct phb_row *b, char id[STORE_ID_LEN],
               struct store_error *err)
{
    store_new_record_id(b->person_id, id);
    char pence[24];
    snprintf(pence, sizeof pence, "%lld", b->weekly_pence);
    const char *p[] = {id, b->case_id, b->person_id, b->management, b->held_by, pence, b->start_on, by->now,
                       by->user_id};
    return store_run(db, "INSERT INTO personal_health_budgets (id, case_id, person_id, management, held_by,"
        " weekly_amount_pence, start_on, created_at, created_by, updated_at, updated_by)"
        " VALUES ($1, $2, $3, $4, $5, CAST($6 AS INTEGER), $7, $8, $9, $8, $9)", 9, p, err);
}

#define PHB_SELECT "SELECT id, case_id, person_id, management, held_by, weekly_amount_pence, start_on, end_on," \
    " version, created_at, updated_at FROM personal_health_budgets"

json_t *phb_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "personal_health_budgets", id);
    const char *p[] = {id, pk};
    return store_query_one(db, PHB_SELECT " WHERE person_id = $2 AND id = $1", 2, p, err);
}

json_t *phb_for_case(struct store *db, const char *case_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_cases", case_id);
    const char *p[] = {case_id, pk};
    return store_query_rows(db, PHB_SELECT " WHERE person_id = $2 AND case_id = $1 ORDER BY start_on DESC, id DESC",
                            2, p, err);
}

json_t *phb_current(struct store *db, const char *case_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "chc_cases", case_id);
    const char *p[] = {case_id, pk};
    return store_query_one(db, PHB_SELECT " WHERE person_id = $2 AND case_id = $1 AND end_on IS NULL"
                           " ORDER BY start_on DESC LIMIT 1", 2, p, err);
}

int phb_update(struct store *db, const struct actor *by, const char *id, long long version, long long weekly_pence,
               const char *end_on, struct store_error *err)
{
    char v[24], pence[24];
    snprintf(v, sizeof v, "%lld", version);
    snprintf(pence, sizeof pence, "%lld", weekly_pence);
    STORE_PK_OR(err->code, "personal_health_budgets", id);
    const char *p[] = {id, v, weekly_pence > 0 ? pence : NULL, end_on, by->now, by->user_id, pk};
    int rc = store_run(db, "UPDATE personal_health_budgets SET"
        " weekly_amount_pence = COALESCE(CAST($3 AS INTEGER), weekly_amount_pence),"
        " end_on = COALESCE($4, end_on), version = version + 1, updated_at = $5, updated_by = $6"
        " WHERE person_id = $7 AND id = $1 AND version = CAST($2 AS INTEGER)", 7, p, err);
    return store_changed_one(db, rc, err);
}
