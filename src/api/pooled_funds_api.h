/* pooled_funds_api: the HTTP side of s75 pooled funds — the statement's
 * downloads, shared by the JSON API and the pages. The services are in
 * svc/pooled_funds.h. */
#ifndef SEAMLESS_POOLED_FUNDS_API_H
#define SEAMLESS_POOLED_FUNDS_API_H
#include "api/api.h"
#include "svc/pooled_funds.h"

/* Exports of a statement (borrowed): CSV (formula-safe) and XLSX
 * (libxlsxwriter). */
void pooled_fund_csv(struct request *req, struct response *res, json_t *st);
void pooled_fund_xlsx(struct request *req, struct response *res, json_t *st);

#endif
