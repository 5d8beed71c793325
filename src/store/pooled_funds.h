/* pooled_funds: the SQL of s75 pooled funds (migration 011): agreements,
 * partners, contributions, services and spend charged to the pool. Service
 * level only, no personal data. JSON results are owned by the caller; NULL
 * means error (err filled, STORE_ENOTFOUND when absent). Writes expect the
 * caller's transaction. Dates are "YYYY-MM-DD" text, money integer pence. */
#ifndef SEAMLESS_POOLED_FUNDS_STORE_H
#define SEAMLESS_POOLED_FUNDS_STORE_H
#include <jansson.h>
#include "store/accounts.h"

struct pooled_fund_row {
    const char *name, *aims, *year_start, *year_end, *host_org_id, *manager_id, *risk_share;
};
int pooled_funds_insert(struct store *db, const struct actor *by, const struct pooled_fund_row *f,
                        char id[STORE_ID_LEN], struct store_error *err);
int pooled_fund_partner_insert(struct store *db, const struct actor *by, const char *fund_id, const char *org_id,
                               int position, long long share_bp, long long cap_pence, char id[STORE_ID_LEN],
                               struct store_error *err);
int pooled_fund_service_insert(struct store *db, const struct actor *by, const char *fund_id, const char *name,
                               long long budget_pence, char id[STORE_ID_LEN], struct store_error *err);
int pooled_fund_contribution_insert(struct store *db, const struct actor *by, const char *fund_id,
                                    const char *partner_id, long long amount_pence, const char *agreed_on,
                                    const char *note, char id[STORE_ID_LEN], struct store_error *err);
struct pooled_spend_row {
    const char *fund_id, *service_id, *spent_on, *description;
    int quarter;
    long long amount_pence;
};
int pooled_fund_spend_insert(struct store *db, const struct actor *by, const struct pooled_spend_row *s,
                             char id[STORE_ID_LEN], struct store_error *err);
/* Moves the fund to version + 1 when it is at `version`; STORE_ENOTFOUND
 * when it has moved on (a stale write). */
int pooled_funds_bump(struct store *db, const struct actor *by, const char *fund_id, long long version,
                      struct store_error *err);

/* The fund with host_org_name and manager_name. */
json_t *pooled_funds_get(struct store *db, const char *id, struct store_error *err);
/* Funds by year then name; with org_id only those it is a partner in:
 * [{id, name, year_start, year_end, risk_share, host_org_name, version}]. */
json_t *pooled_funds_list(struct store *db, const char *org_id, struct store_error *err);
/* Partners in agreement order: {id, org_id, org_code, org_name, position,
 * share_bp, cap_pence, contributed_pence}. */
json_t *pooled_fund_partners(struct store *db, const char *fund_id, struct store_error *err);
/* 1 when org_id is a partner of the fund, 0 when not, < 0 on error. */
int pooled_fund_is_partner(struct store *db, const char *fund_id, const char *org_id, struct store_error *err);
/* Services by name: {id, name, budget_pence, spent_pence}. */
json_t *pooled_fund_services(struct store *db, const char *fund_id, struct store_error *err);
/* Spend summed by service and quarter: {service_id, quarter, spent_pence}. */
json_t *pooled_fund_spend_by_quarter(struct store *db, const char *fund_id, struct store_error *err);
/* Every spend entry, oldest first, with service_name. */
json_t *pooled_fund_spend_list(struct store *db, const char *fund_id, struct store_error *err);
/* Every contribution, oldest first, with org_name. */
json_t *pooled_fund_contributions(struct store *db, const char *fund_id, struct store_error *err);

#endif
