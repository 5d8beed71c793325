/* pooled_funds_api: NHS Act 2006 s75 pooled funds, shared by the JSON API,
 * the exports and the pages (domain.md §9; domain/pooled_fund.h for the
 * risk share). Aggregates only: no person data, so reads are not audited
 * per person; every write is audited in its transaction.
 *
 * Who: a board viewer may read every fund; finance, org admins and team
 * managers (PERM_AGGREGATES) may read the funds their organisation is a
 * partner in; finance and org admins of a partner organisation may write.
 *
 * Functions that fail have filled res (403/404/409/422/503) and return -1
 * or NULL. JSON results are owned by the caller. */
#ifndef SEAMLESS_POOLED_FUNDS_API_H
#define SEAMLESS_POOLED_FUNDS_API_H
#include "api/api.h"

/* 1 when the caller's role may write to pooled funds at all. */
int pooled_can_write_role(const struct request *req);
/* The fund row if the caller may read it (or write to it, for_write); else
 * NULL with 404 (absent, or not a partner's: no hint that it exists) or 403. */
json_t *pooled_fund_load(struct request *req, struct response *res, const char *id, int for_write);
/* {items}: the funds the caller may read. */
json_t *pooled_funds_visible(struct request *req, struct response *res);
/* Creates a fund from body (see README: name, year_start, year_end,
 * host_org_id, risk_share, partners[], services[] …). */
int pooled_fund_create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN]);
/* Records a contribution {org_id, amount_pence | amount, agreed_on, note,
 * version} or a spend entry {service_id, amount_pence | amount, spent_on,
 * description, version}; the fund's version moves on with each. */
int pooled_fund_contribute(struct request *req, struct response *res, const char *fund_id, json_t *body);
int pooled_fund_spend(struct request *req, struct response *res, const char *fund_id, json_t *body);
/* The fund's statement: the agreement, partners with contributions and
 * their share of the over/underspend, services by quarter, the totals and
 * (with entries) every contribution and spend line. */
json_t *pooled_fund_statement(struct request *req, struct response *res, const char *fund_id, int entries);

/* Exports of a statement: CSV (formula-safe) and XLSX (libxlsxwriter). */
void pooled_fund_csv(struct request *req, struct response *res, json_t *st);
void pooled_fund_xlsx(struct request *req, struct response *res, json_t *st);

#endif
