#include "store/cohorts.h"
#include "store/cohort_members.h"
#include "util/num.h"
#include <stdio.h>
#include <stdlib.h>

#define COLS "SELECT m.person_id AS id, m.nhs_number, m.family_name, m.given_name, m.date_of_birth, m.postcode," \
    " m.ltc_count, m.efi_count, m.frailty_flag, m.predicted_cost_pence, g.code AS gp_practice_code," \
    " g.name AS gp_practice_name, m.rank_key, m.name_key FROM cohort_members m" \
    " LEFT JOIN organisations g ON g.id = m.gp_practice_id" \
    " WHERE m.locality_id = $1 AND m.kind = CAST($2 AS INTEGER) AND m.date_of_birth <= $3"
#define ORDER " ORDER BY m.rank_key, m.name_key, m.person_id LIMIT CAST($4 AS INTEGER)"

json_t *cohorts_list(struct store *db, const struct cohort_query *q, struct store_error *err)
{
    char kind[8], lim[16], off[16], rank[24];
    snprintf(kind, sizeof kind, "%d", (int)q->kind);
    snprintf(lim, sizeof lim, "%d", q->limit);
    snprintf(off, sizeof off, "%d", q->offset);
    if (!q->after) {
        const char *p[] = {q->locality_id, kind, q->adult_born_by, lim, off};
        return store_query_rows(db, COLS ORDER " OFFSET CAST($5 AS INTEGER)", 5, p, err);
    }
    snprintf(rank, sizeof rank, "%lld", (long long)q->after->rank_key);
    const char *p[] = {q->locality_id, kind, q->adult_born_by, lim, rank, q->after->name_key, q->after->person_id};
    return store_query_rows(db, COLS " AND (m.rank_key, m.name_key, m.person_id) > (CAST($5 AS BIGINT), $6, $7)" ORDER,
                            7, p, err);
}

/* The kept count, less the under-age entries when the cohort is adults only
 * (a short range of the age index: children are few on these lists). */
int cohorts_count(struct store *db, const struct cohort_query *q, long long *out, struct store_error *err)
{
    char kind[8], buf[32];
    snprintf(kind, sizeof kind, "%d", (int)q->kind);
    const char *p[] = {q->locality_id, kind, q->adult_born_by};
    int rc = store_query_text(db, "SELECT (SELECT COALESCE(SUM(people), 0) FROM cohort_counts"
        " WHERE locality_id = $1 AND kind = CAST($2 AS INTEGER)) - (SELECT COUNT(*) FROM cohort_members"
        " WHERE locality_id = $1 AND kind = CAST($2 AS INTEGER) AND date_of_birth > $3)", 3, p, buf, sizeof buf, err);
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
    struct cohort_snapshot before;
    int rc = cohorts_person_load(db, person_id, &before, err);
    if (rc != STORE_OK)
        return rc;
    if (!before.found)
        return store_notfound(err);
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
    rc = store_changed_one(db, store_step_done(s, err), err);
    if (rc != STORE_OK)
        return rc;
    return cohorts_person_sync(db, person_id, &before, err);
}
