#include "store/cohorts.h"
#include "util/num.h"
#include <stdio.h>
#include <stdlib.h>

#define CURRENT " p.date_of_death IS NULL AND p.merged_into IS NULL"
#define COLS "SELECT p.id, p.nhs_number, p.family_name, p.given_name, p.date_of_birth, p.postcode," \
    " p.ltc_count, p.efi_count, p.frailty_flag, p.predicted_cost_pence, g.code AS gp_practice_code," \
    " g.name AS gp_practice_name"
#define FROM " FROM persons p JOIN organisations g ON g.id = p.gp_practice_id WHERE g.locality_id = $1 AND"

/* One SQL text per cohort, each matching its partial index. */
static const char *const LIST_SQL[] = {
    COLS FROM " p.ltc_count >= 5 AND p.date_of_birth <= $2 AND" CURRENT
        " ORDER BY p.ltc_count DESC, p.family_name_key, p.id LIMIT CAST($3 AS INTEGER) OFFSET CAST($4 AS INTEGER)",
    COLS FROM " p.predicted_cost_pence >= CAST($5 AS BIGINT) AND p.date_of_birth <= $2 AND" CURRENT
        " ORDER BY p.predicted_cost_pence DESC, p.id LIMIT CAST($3 AS INTEGER) OFFSET CAST($4 AS INTEGER)",
    COLS FROM " (p.efi_count >= 9 OR p.frailty_flag = 1) AND p.date_of_birth <= $2 AND" CURRENT
        " ORDER BY p.efi_count DESC, p.family_name_key, p.id LIMIT CAST($3 AS INTEGER) OFFSET CAST($4 AS INTEGER)",
};
static const char *const COUNT_SQL[] = {
    "SELECT COUNT(*)" FROM " p.ltc_count >= 5 AND p.date_of_birth <= $2 AND" CURRENT,
    "SELECT COUNT(*)" FROM " p.predicted_cost_pence >= CAST($3 AS BIGINT) AND p.date_of_birth <= $2 AND" CURRENT,
    "SELECT COUNT(*)" FROM " (p.efi_count >= 9 OR p.frailty_flag = 1) AND p.date_of_birth <= $2 AND" CURRENT,
};

int cohorts_population(struct store *db, long long *count, long long *total_pence, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "SELECT COUNT(*), COALESCE(SUM(p.predicted_cost_pence), 0)"
                                             " FROM persons p WHERE" CURRENT, err);
    if (!s)
        return err->code;
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        *count = store_col_int(s, 0);
        *total_pence = store_col_int(s, 1);
    }
    store_reset(s);
    return rc == STORE_ROW ? STORE_OK : rc;
}

json_t *cohorts_list(struct store *db, const struct cohort_query *q, struct store_error *err)
{
    char lim[16], off[16], cost[24];
    snprintf(lim, sizeof lim, "%d", q->limit);
    snprintf(off, sizeof off, "%d", q->offset);
    snprintf(cost, sizeof cost, "%lld", q->cost_threshold);
    const char *p[] = {q->locality_id, q->adult_born_by, lim, off, cost};
    return store_query_rows(db, LIST_SQL[q->kind], q->kind == COHORT_KIND_HIGH_COST ? 5 : 4, p, err);
}

int cohorts_count(struct store *db, const struct cohort_query *q, long long *out, struct store_error *err)
{
    char cost[24], buf[32];
    snprintf(cost, sizeof cost, "%lld", q->cost_threshold);
    const char *p[] = {q->locality_id, q->adult_born_by, cost};
    int rc = store_query_text(db, COUNT_SQL[q->kind], q->kind == COHORT_KIND_HIGH_COST ? 3 : 2, p, buf, sizeof buf, err);
    if (rc == STORE_OK)
        *out = num_i64_or(buf, 0);
    return rc;
}

int cohorts_user_in_locality(struct store *db, const char *user_id, const char *locality_id, struct store_error *err)
{
    char one[8];
    const char *p[] = {user_id, locality_id};
    return store_query_text(db, "SELECT 1 FROM user_teams ut JOIN teams t ON t.id = ut.team_id"
                                " WHERE ut.user_id = $1 AND t.locality_id = $2 LIMIT 1", 2, p, one, sizeof one, err);
}

int cohorts_set_case_finding(struct store *db, const struct actor *by, const char *person_id,
                             const struct case_finding *cf, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "UPDATE persons SET ltc_count = $2, efi_deficits = $3, efi_count = $4,"
        " frailty_flag = $5, predicted_cost_pence = $6, version = version + 1, updated_at = $7, updated_by = $8"
        " WHERE id = $1", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, person_id);
    store_bind_int(s, 2, cf->ltc_count);
    store_bind_text(s, 3, cf->efi_deficits);
    store_bind_int(s, 4, cf->efi_count);
    store_bind_int(s, 5, cf->frailty_flag);
    store_bind_int(s, 6, cf->predicted_cost_pence);
    store_bind_text(s, 7, by->now);
    store_bind_text(s, 8, by->user_id);
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW)
        ;
    store_reset(s);
    if (rc != STORE_DONE)
        return rc;
    return store_changes(db) == 0 ? store_notfound(err) : STORE_OK;
}
