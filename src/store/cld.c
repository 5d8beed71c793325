/* cld: see cld.h. One SQL text per query for both backends. */
#include "store/cld.h"
#include <stdio.h>

/* The person's columns every event row carries ($1 is the council). */
#define PERSON_COLS \
    " p.id AS person_id, p.nhs_number, p.date_of_birth, p.date_of_death, p.sex, p.postcode," \
    " gp.code AS gp_code, gp.name AS gp_name, pi.identifier AS local_id, a.ethnicity," \
    " a.primary_support_reason, a.accommodation_status, a.employment_status, a.has_unpaid_carer, a.autism," \
    " a.visual_impairment, a.hearing_impairment, a.dementia, a.client_funding_status"
#define PERSON_JOINS \
    " JOIN persons p ON p.id = x.person_id LEFT JOIN organisations gp ON gp.id = p.gp_practice_id" \
    " LEFT JOIN person_identifiers pi ON pi.person_id = p.id AND pi.org_id = $1" \
    " LEFT JOIN person_cld_attributes a ON a.person_id = p.id"

json_t *cld_councils(struct store *db, const char *code, struct store_error *err)
{
    const char *p[] = {code};
    return store_query_rows(db, "SELECT id, code, name FROM organisations WHERE type = 'council'"
        " AND ($1 IS NULL OR code = $1) ORDER BY code", 1, p, err);
}

json_t *cld_requests(struct store *db, const char *org_id, const char *lo, const char *hi, struct store_error *err)
{
    const char *p[] = {org_id, lo, hi};
    return store_query_rows(db, "SELECT x.id, x.source, x.route, x.outcome, x.received_at,"
        " CASE WHEN EXISTS (SELECT 1 FROM stay_transfers st WHERE st.person_id = x.person_id"
        " AND st.referral_id = x.id) THEN 1 ELSE 0 END AS from_stay,"
        " CASE WHEN x.outcome = 'first_contact_resolution' THEN x.closed_at ELSE x.responded_at END AS done_at,"
        PERSON_COLS " FROM referrals x" PERSON_JOINS
        " JOIN teams t ON t.id = x.team_id JOIN teams fd ON fd.id = x.front_door_team_id"
        " WHERE (t.org_id = $1 OR fd.org_id = $1) AND x.outcome IS NOT NULL AND p.merged_into IS NULL"
        " AND CASE WHEN x.outcome = 'first_contact_resolution' THEN x.closed_at ELSE x.responded_at END >= $2"
        " AND CASE WHEN x.outcome = 'first_contact_resolution' THEN x.closed_at ELSE x.responded_at END < $3"
        " ORDER BY x.received_at, x.id", 3, p, err);
}

json_t *cld_assessments(struct store *db, const char *org_id, const char *lo, const char *hi,
                        struct store_error *err)
{
    const char *p[] = {org_id, lo, hi};
    return store_query_rows(db, "SELECT x.id, x.kind, x.eligible, x.created_at, x.completed_at, x.cld_method,"
        PERSON_COLS " FROM care_act_assessments x" PERSON_JOINS
        " WHERE x.org_id = $1 AND x.status IN ('completed', 'authorised') AND p.merged_into IS NULL"
        " AND x.completed_at >= $2 AND x.completed_at < $3 ORDER BY x.created_at, x.id", 3, p, err);
}

json_t *cld_plan_services(struct store *db, const char *org_id, const char *lo, const char *hi,
                          struct store_error *err)
{
    const char *p[] = {org_id, lo, hi};
    return store_query_rows(db, "SELECT x.id, pl.start_on, CASE WHEN x.ended_on IS NULL THEN pl.ended_on"
        " WHEN pl.ended_on IS NULL OR x.ended_on < pl.ended_on THEN x.ended_on ELSE pl.ended_on END AS end_on,"
        " x.weekly_cost_pence, x.cld_service_component, pr.name AS provider_name,"
        " CASE WHEN dp.id IS NOT NULL THEN 'dp' WHEN pb.id IS NOT NULL THEN 'pb' ELSE 'commissioned' END AS delivery,"
        PERSON_COLS " FROM care_plan_tasks x JOIN care_plans pl ON pl.id = x.plan_id AND pl.person_id = x.person_id"
        PERSON_JOINS
        " LEFT JOIN organisations pr ON pr.id = x.provider_org_id"
        " LEFT JOIN personal_budgets pb ON pb.plan_id = pl.id AND pb.person_id = pl.person_id AND pb.status = 'agreed'"
        " LEFT JOIN direct_payments dp ON dp.budget_id = pb.id AND dp.person_id = pb.person_id AND dp.ended_on IS NULL"
        " WHERE pl.org_id = $1 AND pl.status IN ('active', 'ended') AND p.merged_into IS NULL"
        " AND (x.accountable_org_id = $1 OR COALESCE(x.split_council, 0) > 0)"
        " AND pl.start_on <= $3 AND (x.ended_on IS NULL OR x.ended_on >= $2)"
        " AND (pl.ended_on IS NULL OR pl.ended_on >= $2) ORDER BY pl.start_on, x.id", 3, p, err);
}

json_t *cld_reablement(struct store *db, const char *org_id, const char *lo, const char *hi,
                       struct store_error *err)
{
    const char *p[] = {org_id, lo, hi};
    return store_query_rows(db, "SELECT x.id, x.start_on, x.ended_on AS end_on, x.outcome," PERSON_COLS
        " FROM reablement_episodes x" PERSON_JOINS " JOIN teams t ON t.id = x.team_id"
        " WHERE t.org_id = $1 AND p.merged_into IS NULL AND x.start_on <= $3"
        " AND (x.ended_on IS NULL OR x.ended_on >= $2) ORDER BY x.start_on, x.id", 3, p, err);
}

json_t *cld_reviews(struct store *db, const char *org_id, const char *lo, const char *hi, struct store_error *err)
{
    const char *p[] = {org_id, lo, hi};
    return store_query_rows(db, "SELECT x.id, x.reviewed_on, x.outcome, x.cld_method, x.cld_outcomes_achieved,"
        PERSON_COLS " FROM direct_payment_reviews x JOIN care_plans pl ON pl.id = x.plan_id AND pl.person_id = x.person_id"
        PERSON_JOINS
        " WHERE pl.org_id = $1 AND p.merged_into IS NULL AND x.reviewed_on >= $2 AND x.reviewed_on <= $3"
        " ORDER BY x.reviewed_on, x.id", 3, p, err);
}

#define ATTR_COLS "ethnicity, primary_support_reason, accommodation_status, employment_status," \
    " has_unpaid_carer, autism, visual_impairment, hearing_impairment, dementia, client_funding_status"

json_t *cld_attributes_get(struct store *db, const char *person_id, struct store_error *err)
{
    const char *p[] = {person_id};
    json_t *rows = store_query_rows(db, "SELECT " ATTR_COLS ", version, updated_at FROM person_cld_attributes"
        " WHERE person_id = $1", 1, p, err);
    if (!rows)
        return NULL;
    json_t *row = json_array_size(rows) ? json_incref(json_array_get(rows, 0)) : json_object();
    json_decref(rows);
    return row;
}

static const char *attr(json_t *attrs, const char *key)
{
    return json_string_value(json_object_get(attrs, key));
}

int cld_attributes_put(struct store *db, const struct actor *by, const char *person_id, long long version,
                       json_t *attrs, struct store_error *err)
{
    char v[24];
    snprintf(v, sizeof v, "%lld", version);
    const char *p[] = {person_id, attr(attrs, "ethnicity"), attr(attrs, "primary_support_reason"),
                       attr(attrs, "accommodation_status"), attr(attrs, "employment_status"),
                       attr(attrs, "has_unpaid_carer"), attr(attrs, "autism"), attr(attrs, "visual_impairment"),
                       attr(attrs, "hearing_impairment"), attr(attrs, "dementia"),
                       attr(attrs, "client_funding_status"), by->now, by->user_id, v};
    if (version == 0)
        return store_run(db, "INSERT INTO person_cld_attributes (person_id, " ATTR_COLS ", version, updated_at,"
            " updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13)", 13, p, err);
    int rc = store_run(db, "UPDATE person_cld_attributes SET ethnicity = $2, primary_support_reason = $3,"
        " accommodation_status = $4, employment_status = $5, has_unpaid_carer = $6, autism = $7,"
        " visual_impairment = $8, hearing_impairment = $9, dementia = $10, client_funding_status = $11,"
        " version = version + 1, updated_at = $12, updated_by = $13 WHERE person_id = $1"
        " AND version = CAST($14 AS INTEGER)", 14, p, err);
    return store_changed_one(db, rc, err);
}

static const char *const record_person_sql[] = {
    "SELECT person_id FROM care_act_assessments WHERE id = $1",
    "SELECT person_id FROM care_plan_tasks WHERE id = $1",
    "SELECT person_id FROM direct_payment_reviews WHERE id = $1",
};
static const char *const record_set_sql[] = {
    "UPDATE care_act_assessments SET cld_method = $2 WHERE id = $1",
    "UPDATE care_plan_tasks SET cld_service_component = $2 WHERE id = $1",
    "UPDATE direct_payment_reviews SET cld_method = $2, cld_outcomes_achieved = $3 WHERE id = $1",
};

json_t *cld_record_person(struct store *db, enum cld_record kind, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    return store_query_one(db, record_person_sql[kind], 1, p, err);
}

int cld_record_set(struct store *db, enum cld_record kind, const char *id, const char *a, const char *b,
                   struct store_error *err)
{
    const char *p[] = {id, a, b};
    int rc = store_run(db, record_set_sql[kind], kind == CLD_RECORD_REVIEW ? 3 : 2, p, err);
    return store_changed_one(db, rc, err);
}
