/* pooled_funds: see pooled_funds.h. */
#include "store/pooled_funds.h"
#include <stdio.h>

int pooled_funds_insert(struct store *db, const struct actor *by, const struct pooled_fund_row *f,
                        char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id);
    const char *p[] = {id, f->name, f->aims ? f->aims : "", f->year_start, f->year_end, f->host_org_id,
                       f->manager_id, f->risk_share, by->now, by->user_id};
    return store_run(db, "INSERT INTO pooled_funds (id, name, aims, year_start, year_end, host_org_id, manager_id,"
        " risk_share, created_at, created_by, updated_at, updated_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $10)", 10, p, err);
}

int pooled_fund_partner_insert(struct store *db, const struct actor *by, const char *fund_id, const char *org_id,
                               int position, long long share_bp, long long cap_pence, char id[STORE_ID_LEN],
                               struct store_error *err)
{
    store_new_id(id);
    char pos[16], bp[24], cap[24];
    snprintf(pos, sizeof pos, "%d", position);
    snprintf(bp, sizeof bp, "%lld", share_bp);
    snprintf(cap, sizeof cap, "%lld", cap_pence);
    const char *p[] = {id, fund_id, org_id, pos, bp, cap, by->now};
    return store_run(db, "INSERT INTO pooled_fund_partners (id, fund_id, org_id, position, share_bp, cap_pence,"
        " created_at) VALUES ($1, $2, $3, CAST($4 AS INTEGER), CAST($5 AS INTEGER), CAST($6 AS INTEGER), $7)",
        7, p, err);
}

int pooled_fund_service_insert(struct store *db, const struct actor *by, const char *fund_id, const char *name,
                               long long budget_pence, char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id);
    char b[24];
    snprintf(b, sizeof b, "%lld", budget_pence);
    const char *p[] = {id, fund_id, name, b, by->now};
    return store_run(db, "INSERT INTO pooled_fund_services (id, fund_id, name, budget_pence, created_at)"
        " VALUES ($1, $2, $3, CAST($4 AS INTEGER), $5)", 5, p, err);
}

int pooled_fund_contribution_insert(struct store *db, const struct actor *by, const char *fund_id,
                                    const char *partner_id, long long amount_pence, const char *agreed_on,
                                    const char *note, char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id);
    char a[24];
    snprintf(a, sizeof a, "%lld", amount_pence);
    const char *p[] = {id, fund_id, partner_id, a, agreed_on, note ? note : "", by->now, by->user_id};
    return store_run(db, "INSERT INTO pooled_fund_contributions (id, fund_id, partner_id, amount_pence, agreed_on,"
        " note, created_at, created_by) VALUES ($1, $2, $3, CAST($4 AS INTEGER), $5, $6, $7, $8)", 8, p, err);
}

int pooled_fund_spend_insert(struct store *db, const struct actor *by, const struct pooled_spend_row *s,
                             char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_id(id);
    char a[24], q[8];
    snprintf(a, sizeof a, "%lld", s->amount_pence);
    snprintf(q, sizeof q, "%d", s->quarter);
    const char *p[] = {id, s->fund_id, s->service_id, s->spent_on, q, a, s->description ? s->description : "",
                       by->now, by->user_id};
    return store_run(db, "INSERT INTO pooled_fund_spend (id, fund_id, service_id, spent_on, quarter, amount_pence,"
        " description, created_at, created_by) VALUES ($1, $2, $3, $4, CAST($5 AS INTEGER), CAST($6 AS INTEGER),"
        " $7, $8, $9)", 9, p, err);
}

int pooled_funds_bump(struct store *db, const struct actor *by, const char *fund_id, long long version,
                      struct store_error *err)
{
    char v[24];
    snprintf(v, sizeof v, "%lld", version);
    const char *p[] = {fund_id, v, by->now, by->user_id};
    int rc = store_run(db, "UPDATE pooled_funds SET version = version + 1, updated_at = $3, updated_by = $4"
        " WHERE id = $1 AND version = CAST($2 AS INTEGER)", 4, p, err);
    return store_changed_one(db, rc, err);
}

json_t *pooled_funds_get(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    return store_query_one(db, "SELECT f.id, f.name, f.aims, f.year_start, f.year_end, f.host_org_id,"
        " o.name AS host_org_name, f.manager_id, u.display_name AS manager_name, f.risk_share, f.reporting,"
        " f.version, f.created_at, f.updated_at FROM pooled_funds f JOIN organisations o ON o.id = f.host_org_id"
        " LEFT JOIN users u ON u.id = f.manager_id WHERE f.id = $1", 1, p, err);
}

json_t *pooled_funds_list(struct store *db, const char *org_id, struct store_error *err)
{
    const char *p[] = {org_id};
    return store_query_rows(db, "SELECT f.id, f.name, f.year_start, f.year_end, f.risk_share,"
        " o.name AS host_org_name, f.version FROM pooled_funds f JOIN organisations o ON o.id = f.host_org_id"
        " WHERE EXISTS (SELECT 1 FROM pooled_fund_partners pp WHERE pp.fund_id = f.id"
        " AND pp.org_id = $1) OR $1 IS NULL ORDER BY f.year_start DESC, f.name, f.id", 1, p, err);
}

json_t *pooled_fund_partners(struct store *db, const char *fund_id, struct store_error *err)
{
    const char *p[] = {fund_id};
    return store_query_rows(db, "SELECT pp.id, pp.org_id, o.code AS org_code, o.name AS org_name, pp.position,"
        " pp.share_bp, pp.cap_pence, CAST(COALESCE((SELECT SUM(c.amount_pence) FROM pooled_fund_contributions c"
        " WHERE c.partner_id = pp.id), 0) AS INTEGER) AS contributed_pence"
        " FROM pooled_fund_partners pp JOIN organisations o ON o.id = pp.org_id WHERE pp.fund_id = $1"
        " ORDER BY pp.position, pp.id", 1, p, err);
}

int pooled_fund_is_partner(struct store *db, const char *fund_id, const char *org_id, struct store_error *err)
{
    const char *p[] = {fund_id, org_id};
    char out[8] = "";
    int rc = store_query_text(db, "SELECT COUNT(*) FROM pooled_fund_partners WHERE fund_id = $1 AND org_id = $2",
                              2, p, out, sizeof out, err);
    return rc < 0 ? rc : out[0] != '0' && out[0] != '\0';
}

json_t *pooled_fund_services(struct store *db, const char *fund_id, struct store_error *err)
{
    const char *p[] = {fund_id};
    return store_query_rows(db, "SELECT s.id, s.name, s.budget_pence, CAST(COALESCE((SELECT SUM(x.amount_pence)"
        " FROM pooled_fund_spend x WHERE x.service_id = s.id), 0) AS INTEGER) AS spent_pence"
        " FROM pooled_fund_services s WHERE s.fund_id = $1 ORDER BY s.name, s.id", 1, p, err);
}

json_t *pooled_fund_spend_by_quarter(struct store *db, const char *fund_id, struct store_error *err)
{
    const char *p[] = {fund_id};
    return store_query_rows(db, "SELECT service_id, quarter, CAST(SUM(amount_pence) AS INTEGER) AS spent_pence"
        " FROM pooled_fund_spend WHERE fund_id = $1 GROUP BY service_id, quarter ORDER BY service_id, quarter",
        1, p, err);
}

json_t *pooled_fund_spend_list(struct store *db, const char *fund_id, struct store_error *err)
{
    const char *p[] = {fund_id};
    return store_query_rows(db, "SELECT x.id, x.service_id, s.name AS service_name, x.spent_on, x.quarter,"
        " x.amount_pence, x.description, x.created_at FROM pooled_fund_spend x"
        " JOIN pooled_fund_services s ON s.id = x.service_id WHERE x.fund_id = $1"
        " ORDER BY x.spent_on, x.created_at, x.id", 1, p, err);
}

json_t *pooled_fund_contributions(struct store *db, const char *fund_id, struct store_error *err)
{
    const char *p[] = {fund_id};
    return store_query_rows(db, "SELECT c.id, c.partner_id, pp.org_id, o.name AS org_name, c.amount_pence,"
        " c.agreed_on, c.note, c.created_at FROM pooled_fund_contributions c"
        " JOIN pooled_fund_partners pp ON pp.id = c.partner_id JOIN organisations o ON o.id = pp.org_id"
        " WHERE c.fund_id = $1 ORDER BY c.agreed_on, c.created_at, c.id", 1, p, err);
}
