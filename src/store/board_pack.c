/* board_pack: see board_pack.h. substr(d, 1, 7) is the month on both backends. */
#include "store/board_pack.h"

json_t *board_pooled_budgets(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT f.year_start, f.year_end, COALESCE((SELECT SUM(s.budget_pence)"
        " FROM pooled_fund_services s WHERE s.fund_id = f.id), 0) AS budget_pence FROM pooled_funds f"
        " WHERE f.year_start <= $2 AND f.year_end >= $1 ORDER BY f.year_start, f.id", 2, p, err);
}

json_t *board_pooled_spend_by_month(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT substr(spent_on, 1, 7) AS month, SUM(amount_pence) AS pence"
        " FROM pooled_fund_spend WHERE spent_on >= $1 AND spent_on <= $2 GROUP BY substr(spent_on, 1, 7)"
        " ORDER BY 1", 2, p, err);
}

json_t *board_pooled_contributions(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT o.name AS org_name, SUM(c.amount_pence) AS pence"
        " FROM pooled_fund_contributions c JOIN pooled_fund_partners pp ON pp.id = c.partner_id"
        " JOIN organisations o ON o.id = pp.org_id JOIN pooled_funds f ON f.id = c.fund_id"
        " WHERE f.year_start <= $2 AND f.year_end >= $1 GROUP BY o.name ORDER BY o.name", 2, p, err);
}

json_t *board_disputes_open(struct store *db, const char *to, struct store_error *err)
{
    const char *p[] = {to};
    return store_query_rows(db, "SELECT stage, raised_on FROM disputes WHERE raised_on <= $1"
        " AND (closed_on IS NULL OR closed_on > $1) ORDER BY raised_on", 1, p, err);
}

json_t *board_disputes_closed_by_month(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT substr(closed_on, 1, 7) AS month, state, COUNT(*) AS n FROM disputes"
        " WHERE closed_on >= $1 AND closed_on <= $2 GROUP BY substr(closed_on, 1, 7), state ORDER BY 1, 2", 2, p, err);
}

json_t *board_disputes_raised_by_month(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT substr(raised_on, 1, 7) AS month, COUNT(*) AS n FROM disputes"
        " WHERE raised_on >= $1 AND raised_on <= $2 GROUP BY substr(raised_on, 1, 7) ORDER BY 1", 2, p, err);
}

json_t *board_discharges_by_month(struct store *db, const char *from, const char *to, struct store_error *err)
{
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT substr(discharged_on, 1, 7) AS month, COUNT(*) AS den,"
        " SUM(CASE WHEN substr(discharged_on, 1, 10) <= ready_on THEN 1 ELSE 0 END) AS num,"
        " SUM(CASE WHEN substr(discharged_on, 1, 10) > ready_on AND delay_sector = 'nhs' THEN 1 ELSE 0 END) AS nhs,"
        " SUM(CASE WHEN substr(discharged_on, 1, 10) > ready_on AND delay_sector = 'social_care' THEN 1 ELSE 0 END)"
        " AS social_care,"
        " SUM(CASE WHEN substr(discharged_on, 1, 10) > ready_on AND (delay_sector = 'both' OR delay_sector IS NULL)"
        " THEN 1 ELSE 0 END) AS both_sectors FROM hospital_stays WHERE status = 'discharged' AND ready_on IS NOT NULL"
        " AND substr(discharged_on, 1, 10) >= $1 AND substr(discharged_on, 1, 10) <= $2"
        " GROUP BY substr(discharged_on, 1, 7) ORDER BY 1", 2, p, err);
}
