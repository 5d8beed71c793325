/* joint_funding (store): see joint_funding.h. */
#include "store/joint_funding.h"
#include <stdio.h>

json_t *jf_panel_get(struct store *db, const char *team_id, struct store_error *err)
{
    const char *p[] = {team_id};
    return store_query_one(db, "SELECT fp.team_id, t.code AS team_code, t.name AS team_name, t.org_id, fp.first_on,"
        " fp.cycle_days, fp.version FROM funding_panels fp JOIN teams t ON t.id = fp.team_id WHERE fp.team_id = $1",
        1, p, err);
}

int jf_panel_put(struct store *db, const struct actor *by, const char *team_id, const char *first_on,
                 long long cycle_days, struct store_error *err)
{
    char c[24];
    snprintf(c, sizeof c, "%lld", cycle_days);
    const char *p[] = {team_id, first_on, c, by->now, by->user_id};
    return store_run(db, "INSERT INTO funding_panels (team_id, first_on, cycle_days, created_at, updated_at,"
        " updated_by) VALUES ($1, $2, CAST($3 AS INTEGER), $4, $4, $5) ON CONFLICT (team_id) DO UPDATE SET"
        " first_on = excluded.first_on, cycle_days = excluded.cycle_days, version = funding_panels.version + 1,"
        " updated_at = excluded.updated_at, updated_by = excluded.updated_by", 5, p, err);
}

int jf_panel_only(struct store *db, char out[STORE_ID_LEN], struct store_error *err)
{
    json_t *rows = store_query_rows(db, "SELECT team_id FROM funding_panels ORDER BY team_id LIMIT 2", 0, NULL, err);
    if (!rows)
        return -1;
    int rc = json_array_size(rows) == 1 ? 0 : store_notfound(err);
    if (rc == 0)
        snprintf(out, STORE_ID_LEN, "%s", json_string_value(json_object_get(json_array_get(rows, 0), "team_id")));
    json_decref(rows);
    return rc;
}

static void split_params(const struct jf_split_row *s, char n[24], char c[24], char p[24])
{
    snprintf(n, 24, "%lld", s->nhs);
    snprintf(c, 24, "%lld", s->council);
    snprintf(p, 24, "%lld", s->person);
}

int jf_request_insert(struct store *db, const struct actor *by, const struct jf_request_row *r,
                      char id[STORE_ID_LEN], struct store_error *err)
{
    char n[24], c[24], pp[24];
    store_new_record_id(r->person_id, id);
    split_params(&r->proposed, n, c, pp);
    const char *p[] = {id, r->plan_id, r->person_id, r->panel_team_id, r->panel_on, r->proposed.unit, n, c, pp,
                       r->evidence, by->now, by->user_id};
    return store_run(db, "INSERT INTO joint_funding_requests (id, plan_id, person_id, panel_team_id, panel_on,"
        " proposed_unit, proposed_nhs, proposed_council, proposed_person, evidence, status, created_at, created_by,"
        " updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS INTEGER), CAST($8 AS INTEGER),"
        " CAST($9 AS INTEGER), $10, 'requested', $11, $12, $11, $12)", 12, p, err);
}

int jf_request_task_add(struct store *db, const char *request_id, const char *task_id, const char *person_id,
                        struct store_error *err)
{
    const char *p[] = {request_id, task_id, person_id};
    return store_run(db, "INSERT INTO joint_funding_request_tasks (request_id, plan_task_id, person_id)"
        " VALUES ($1, $2, $3)", 3, p, err);
}

#define REQUEST_SELECT "SELECT r.id, r.plan_id, r.person_id, r.panel_team_id, t.name AS panel_team_name, r.panel_on," \
    " r.proposed_unit, r.proposed_nhs, r.proposed_council, r.proposed_person, r.evidence, r.status," \
    " r.decided_unit, r.decided_nhs, r.decided_council, r.decided_person, r.decision_note, r.decided_by," \
    " r.decided_at, r.effective_from, r.version, r.created_at, r.created_by," \
    " p.given_name, p.family_name, p.nhs_number, p.date_of_birth" \
    " FROM joint_funding_requests r JOIN teams t ON t.id = r.panel_team_id JOIN persons p ON p.id = r.person_id"

json_t *jf_request_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "joint_funding_requests", id);
    const char *p[] = {id, pk};
    return store_query_one(db, REQUEST_SELECT " WHERE r.person_id = $2 AND r.id = $1", 2, p, err);
}

json_t *jf_agenda(struct store *db, const char *team_id, const char *panel_on, struct store_error *err)
{
    const char *p[] = {team_id, panel_on};
    return store_query_rows(db, REQUEST_SELECT " WHERE r.panel_team_id = $1 AND r.panel_on = $2"
        " AND r.status IN ('requested','deferred') ORDER BY r.created_at, r.id", 2, p, err);
}

json_t *jf_requests_for_plan(struct store *db, const char *plan_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_plans", plan_id);
    const char *p[] = {plan_id, pk};
    return store_query_rows(db, REQUEST_SELECT " WHERE r.person_id = $2 AND r.plan_id = $1"
                            " ORDER BY r.created_at DESC, r.id", 2, p, err);
}

#define TASK_COLUMNS "pt.id, pt.plan_id, pt.person_id, pt.task_code, tt.name AS task_name, tt.kind," \
    " pt.weekly_cost_pence, ao.type AS accountable_type, pt.split_unit, pt.split_nhs, pt.split_council," \
    " pt.split_person, cp.start_on, cp.status AS plan_status, COALESCE(pt.ended_on, cp.ended_on) AS end_on"
#define TASK_JOINS " JOIN care_plans cp ON cp.person_id = pt.person_id AND cp.id = pt.plan_id" \
    " JOIN care_task_types tt ON tt.code = pt.task_code" \
    " JOIN organisations ao ON ao.id = pt.accountable_org_id"

json_t *jf_request_tasks(struct store *db, const char *request_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "joint_funding_requests", request_id);
    const char *p[] = {request_id, pk};
    return store_query_rows(db, "SELECT " TASK_COLUMNS " FROM joint_funding_request_tasks rt"
        " JOIN care_plan_tasks pt ON pt.person_id = rt.person_id AND pt.id = rt.plan_task_id" TASK_JOINS
        " WHERE rt.person_id = $2 AND rt.request_id = $1 ORDER BY pt.created_at, pt.id", 2, p, err);
}

int jf_request_decide(struct store *db, const struct actor *by, const char *id, long long version,
                      const struct jf_decision_row *d, struct store_error *err)
{
    STORE_PK_OR(err->code, "joint_funding_requests", id);
    char v[24], n[24], c[24], pp[24];
    snprintf(v, sizeof v, "%lld", version);
    split_params(&d->split, n, c, pp);
    const char *u = d->split.unit;
    const char *p[] = {id, v, d->status, u, u ? n : NULL, u ? c : NULL, u ? pp : NULL, d->note ? d->note : "",
                       by->user_id, by->now, d->effective_from, d->panel_on, pk};
    int rc = store_run(db, "UPDATE joint_funding_requests SET status = $3, decided_unit = $4,"
        " decided_nhs = CAST($5 AS INTEGER), decided_council = CAST($6 AS INTEGER),"
        " decided_person = CAST($7 AS INTEGER), decision_note = $8, decided_by = $9, decided_at = $10,"
        " effective_from = $11, panel_on = COALESCE($12, panel_on), version = version + 1, updated_at = $10,"
        " updated_by = $9 WHERE person_id = $13 AND id = $1 AND version = CAST($2 AS INTEGER)", 13, p, err);
    return store_changed_one(db, rc, err);
}

int jf_task_split_insert(struct store *db, const struct actor *by, const char *task_id, const char *person_id,
                         const char *request_id, const char *effective_from, const struct jf_split_row *s,
                         struct store_error *err)
{
    char id[STORE_ID_LEN], n[24], c[24], pp[24];
    store_new_record_id(person_id, id);
    split_params(s, n, c, pp);
    const char *p[] = {id, task_id, person_id, request_id, effective_from, s->unit, n, c, pp, by->now, by->user_id};
    return store_run(db, "INSERT INTO care_task_splits (id, plan_task_id, person_id, request_id, effective_from,"
        " split_unit, split_nhs, split_council, split_person, created_at, created_by) VALUES ($1, $2, $3, $4, $5,"
        " $6, CAST($7 AS INTEGER), CAST($8 AS INTEGER), CAST($9 AS INTEGER), $10, $11)", 11, p, err);
}

#define SPLIT_COLUMNS "s.plan_task_id, s.effective_from, s.split_unit, s.split_nhs, s.split_council," \
    " s.split_person, s.request_id"

json_t *jf_task_splits_for_plan(struct store *db, const char *plan_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_plans", plan_id);
    const char *p[] = {plan_id, pk};
    return store_query_rows(db, "SELECT " SPLIT_COLUMNS " FROM care_task_splits s"
        " JOIN care_plan_tasks pt ON pt.person_id = s.person_id AND pt.id = s.plan_task_id"
        " WHERE pt.person_id = $2 AND pt.plan_id = $1 ORDER BY s.effective_from, s.created_at, s.id", 2, p, err);
}

int jf_interim_insert(struct store *db, const struct actor *by, const struct jf_interim_row *r,
                      char id[STORE_ID_LEN], struct store_error *err)
{
    char w[24];
    store_new_record_id(r->person_id, id);
    snprintf(w, sizeof w, "%lld", r->weekly_cost_pence);
    const char *p[] = {id, r->task_id, r->plan_id, r->person_id, r->request_id, w, r->from_on, by->now, by->user_id};
    return store_run(db, "INSERT INTO interim_funding_periods (id, plan_task_id, plan_id, person_id, request_id,"
        " funder, weekly_cost_pence, from_on, created_at, created_by) VALUES ($1, $2, $3, $4, $5, 'nhs',"
        " CAST($6 AS INTEGER), $7, $8, $9)", 9, p, err);
}

int jf_interim_exists(struct store *db, const char *task_id, struct store_error *err)
{
    STORE_PK_OR(-1, "care_plan_tasks", task_id);
    const char *p[] = {task_id, pk};
    char n[24];
    if (store_query_text(db, "SELECT count(*) FROM interim_funding_periods WHERE person_id = $2"
                         " AND plan_task_id = $1", 2, p, n, sizeof n, err) != 0)
        return -1;
    return n[0] != '0';
}

#define INTERIM_SELECT "SELECT i.id, i.plan_task_id, i.plan_id, i.person_id, i.request_id, i.funder," \
    " i.weekly_cost_pence, i.from_on, i.to_on, i.days, i.total_pence, i.nhs_pence, i.council_pence," \
    " i.person_pence, i.council_owes_nhs_pence, i.person_owes_nhs_pence, i.reconciled_at" \
    " FROM interim_funding_periods i"

json_t *jf_interims_for_request(struct store *db, const char *request_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "joint_funding_requests", request_id);
    const char *p[] = {request_id, pk};
    return store_query_rows(db, INTERIM_SELECT " WHERE i.person_id = $2 AND i.request_id = $1"
                            " ORDER BY i.from_on, i.id", 2, p, err);
}

json_t *jf_interims_for_plan(struct store *db, const char *plan_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_plans", plan_id);
    const char *p[] = {plan_id, pk};
    return store_query_rows(db, INTERIM_SELECT " WHERE i.person_id = $2 AND i.plan_id = $1 ORDER BY i.from_on, i.id",
                            2, p, err);
}

int jf_interim_close(struct store *db, const struct actor *by, const char *id, const struct jf_reconciled *r,
                     struct store_error *err)
{
    char v[7][24];
    const long long x[7] = {r->days, r->total, r->nhs, r->council, r->person, r->council_owes_nhs,
                            r->person_owes_nhs};
    for (int i = 0; i < 7; i++)
        snprintf(v[i], sizeof v[i], "%lld", x[i]);
    STORE_PK_OR(err->code, "interim_funding_periods", id);
    const char *p[] = {id, r->to_on, v[0], v[1], v[2], v[3], v[4], v[5], v[6], by->now, pk};
    int rc = store_run(db, "UPDATE interim_funding_periods SET to_on = $2, days = CAST($3 AS INTEGER),"
        " total_pence = CAST($4 AS INTEGER), nhs_pence = CAST($5 AS INTEGER), council_pence = CAST($6 AS INTEGER),"
        " person_pence = CAST($7 AS INTEGER), council_owes_nhs_pence = CAST($8 AS INTEGER),"
        " person_owes_nhs_pence = CAST($9 AS INTEGER), reconciled_at = $10 WHERE person_id = $11 AND id = $1"
        " AND to_on IS NULL", 11, p, err);
    return store_changed_one(db, rc, err);
}

#define STATEMENT_WHERE " WHERE cp.status IN ('agreed','active','ended') AND cp.start_on <= $2" \
    " AND (COALESCE(pt.ended_on, cp.ended_on) IS NULL OR COALESCE(pt.ended_on, cp.ended_on) >= $1)"

json_t *jf_statement_tasks(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT " TASK_COLUMNS ", pp.given_name, pp.family_name, pp.nhs_number"
        " FROM care_plan_tasks pt" TASK_JOINS " JOIN persons pp ON pp.id = pt.person_id" STATEMENT_WHERE
        " ORDER BY pt.plan_id, pt.created_at, pt.id", 2, p, err);
}

json_t *jf_statement_splits(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT " SPLIT_COLUMNS " FROM care_task_splits s"
        " JOIN care_plan_tasks pt ON pt.person_id = s.person_id AND pt.id = s.plan_task_id"
        " JOIN care_plans cp ON cp.person_id = pt.person_id AND cp.id = pt.plan_id"
        STATEMENT_WHERE " ORDER BY s.effective_from, s.created_at, s.id", 2, p, err);
}

json_t *jf_statement_interims(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, INTERIM_SELECT
        " JOIN care_plan_tasks pt ON pt.person_id = i.person_id AND pt.id = i.plan_task_id"
        " JOIN care_plans cp ON cp.person_id = pt.person_id AND cp.id = pt.plan_id" STATEMENT_WHERE
        " ORDER BY i.from_on, i.id", 2, p, err);
}
