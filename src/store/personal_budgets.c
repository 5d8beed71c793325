/* personal_budgets: see personal_budgets.h. */
#include "store/personal_budgets.h"
#include <stdio.h>

#define PENCE(buf, v) snprintf((buf), sizeof (buf), "%lld", (long long)(v))

int personal_budgets_insert(struct store *db, const struct actor *by, const struct personal_budget_row *b,
                            char id[STORE_ID_LEN], struct store_error *err)
{
    char w[24], c[24], p[24], k[24];
    PENCE(w, b->weekly_pence);
    PENCE(c, b->council_pence);
    PENCE(p, b->person_pence);
    PENCE(k, b->contribution_pence);
    store_new_record_id(b->person_id, id);
    const char *v[] = {id, b->plan_id, b->person_id, w, c, p, k, by->now, by->user_id};
    return store_run(db, "INSERT INTO personal_budgets (id, plan_id, person_id, weekly_budget_pence,"
        " council_weekly_pence, person_weekly_pence, weekly_contribution_pence, status, created_at, created_by,"
        " updated_at, updated_by) VALUES ($1, $2, $3, CAST($4 AS INTEGER), CAST($5 AS INTEGER),"
        " CAST($6 AS INTEGER), CAST($7 AS INTEGER), 'agreed', $8, $9, $8, $9)", 9, v, err);
}

int personal_budgets_update(struct store *db, const struct actor *by, const char *id, long long version,
                            const struct personal_budget_row *b, struct store_error *err)
{
    STORE_PK_OR(err->code, "personal_budgets", id);
    char ver[24], w[24], c[24], p[24], k[24];
    PENCE(ver, version);
    PENCE(w, b->weekly_pence);
    PENCE(c, b->council_pence);
    PENCE(p, b->person_pence);
    PENCE(k, b->contribution_pence);
    const char *v[] = {id, ver, w, c, p, k, by->now, by->user_id, pk};
    int rc = store_run(db, "UPDATE personal_budgets SET weekly_budget_pence = CAST($3 AS INTEGER),"
        " council_weekly_pence = CAST($4 AS INTEGER), person_weekly_pence = CAST($5 AS INTEGER),"
        " weekly_contribution_pence = CAST($6 AS INTEGER), version = version + 1, updated_at = $7, updated_by = $8"
        " WHERE person_id = $9 AND id = $1 AND version = CAST($2 AS INTEGER)", 9, v, err);
    return store_changed_one(db, rc, err);
}

json_t *personal_budgets_for_plan(struct store *db, const char *plan_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "care_plans", plan_id);
    const char *p[] = {plan_id, pk};
    return store_query_one(db, "SELECT id, plan_id, person_id, weekly_budget_pence, council_weekly_pence,"
        " person_weekly_pence, weekly_contribution_pence, status, version, created_at, updated_at"
        " FROM personal_budgets WHERE person_id = $2 AND plan_id = $1", 2, p, err);
}

int direct_payments_save(struct store *db, const struct actor *by, const struct direct_payment_row *d,
                         struct store_error *err)
{
    char id[STORE_ID_LEN], w[24];
    store_new_record_id(d->person_id, id);
    PENCE(w, d->weekly_pence);
    const char *v[] = {id, d->budget_id, d->plan_id, d->person_id, d->requested_by, d->authorised_person_name,
                       d->capacity_basis, d->able_to_manage ? "1" : "0", d->start_on, w, by->now, by->user_id};
    return store_run(db, "INSERT INTO direct_payments (id, budget_id, plan_id, person_id, requested_by,"
        " authorised_person_name, capacity_basis, able_to_manage, start_on, weekly_amount_pence, created_at,"
        " created_by, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS INTEGER), $9,"
        " CAST($10 AS INTEGER), $11, $12, $11, $12) ON CONFLICT (person_id, budget_id) DO UPDATE SET"
        " requested_by = excluded.requested_by, authorised_person_name = excluded.authorised_person_name,"
        " capacity_basis = excluded.capacity_basis, able_to_manage = excluded.able_to_manage,"
        " start_on = excluded.start_on, weekly_amount_pence = excluded.weekly_amount_pence,"
        " ended_on = NULL, updated_at = excluded.updated_at, updated_by = excluded.updated_by", 12, v, err);
}

json_t *direct_payments_for_budget(struct store *db, const char *budget_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "personal_budgets", budget_id);
    const char *p[] = {budget_id, pk};
    return store_query_one(db, "SELECT id, requested_by, authorised_person_name, capacity_basis, able_to_manage,"
        " start_on, weekly_amount_pence, ended_on, created_at, updated_at FROM direct_payments"
        " WHERE person_id = $2 AND budget_id = $1", 2, p, err);
}

int dp_reviews_insert(struct store *db, const struct actor *by, const struct dp_review_row *r,
                      char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(r->person_id, id);
    const char *p[] = {id, r->direct_payment_id, r->plan_id, r->person_id, r->due_on, r->reviewed_on, r->outcome,
                       r->notes ? r->notes : "", by->user_id, by->now};
    return store_run(db, "INSERT INTO direct_payment_reviews (id, direct_payment_id, plan_id, person_id, due_on,"
        " reviewed_on, outcome, notes, reviewed_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        10, p, err);
}

int direct_payments_end(struct store *db, const struct actor *by, const char *id, const char *ended_on,
                        struct store_error *err)
{
    STORE_PK_OR(err->code, "direct_payments", id);
    const char *p[] = {id, ended_on, by->now, by->user_id, pk};
    int rc = store_run(db, "UPDATE direct_payments SET ended_on = $2, updated_at = $3, updated_by = $4"
        " WHERE person_id = $5 AND id = $1 AND ended_on IS NULL", 5, p, err);
    return store_changed_one(db, rc, err);
}

json_t *dp_reviews_for_payment(struct store *db, const char *dp_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "direct_payments", dp_id);
    const char *p[] = {dp_id, pk};
    return store_query_rows(db, "SELECT r.id, r.due_on, r.reviewed_on, r.outcome, r.notes, r.created_at,"
        " u.display_name AS reviewed_by_name FROM direct_payment_reviews r LEFT JOIN users u ON u.id = r.reviewed_by"
        " WHERE r.person_id = $2 AND r.direct_payment_id = $1"
        " ORDER BY r.reviewed_on DESC, r.created_at DESC, r.id DESC", 2, p, err);
}

json_t *dp_reviews_schedule(struct store *db, const char *user_id, struct store_error *err)
{
    const char *p[] = {user_id};
    return store_query_rows(db, "SELECT d.id AS direct_payment_id, d.plan_id, d.person_id, d.start_on,"
        " d.weekly_amount_pence,"
        " (SELECT MAX(r.reviewed_on) FROM direct_payment_reviews r"
        " WHERE r.person_id = d.person_id AND r.direct_payment_id = d.id)"
        " AS last_reviewed_on, pe.nhs_number, pe.family_name, pe.given_name"
        " FROM direct_payments d JOIN care_plans cp ON cp.person_id = d.person_id AND cp.id = d.plan_id"
        " JOIN persons pe ON pe.id = d.person_id"
        " WHERE cp.team_id IN (SELECT team_id FROM user_teams WHERE user_id = $1) AND cp.status <> 'ended' AND d.ended_on IS NULL"
        " AND pe.date_of_death IS NULL AND pe.merged_into IS NULL ORDER BY d.start_on, d.id", 1, p, err);
}
