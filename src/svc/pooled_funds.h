/* pooled_funds: NHS Act 2006 s75 pooled funds as services (domain.md §9;
 * domain/pooled_fund.h for the risk share). Aggregates only: no person
 * data, so reads are not audited per person; every write is audited in its
 * transaction (basis "admin").
 *
 * Who: a board viewer may read every fund; finance, org admins and team
 * managers may read the funds their organisation is a partner in (others
 * get SVC_NOTFOUND: no hint that a fund exists); finance and org admins of
 * a partner organisation may write (SVC_FORBIDDEN otherwise).
 *
 * JSON handed back through out is owned by the context. */
#ifndef SEAMLESS_SVC_POOLED_FUNDS_H
#define SEAMLESS_SVC_POOLED_FUNDS_H
#include "svc/svc.h"

/* 1 when the principal's role may write to pooled funds at all. */
int svc_pooled_can_write(const struct svc_ctx *c);
/* {items, next_cursor}: the funds the principal may read. */
int svc_pooled_funds_list(struct svc_ctx *c, json_t **out);
/* The fund's statement: the agreement, partners with contributions and
 * their share of the over/underspend, services by quarter, the totals and
 * (with entries) every contribution and spend line. */
int svc_pooled_fund_statement(struct svc_ctx *c, const char *fund_id, int entries, json_t **out);
/* Sets up a fund from in (README: name, aims, year_start, year_end,
 * host_org_id, manager_id, risk_share, partners[{org_id, share_bp,
 * cap_pence, contribution_pence}], services[{name, budget_pence}]). */
int svc_pooled_fund_create(struct svc_ctx *c, json_t *in, char id[STORE_ID_LEN]);
/* Records a contribution {org_id, amount_pence | amount, agreed_on, note}
 * or a spend entry {service_id, amount_pence | amount, spent_on,
 * description} made against version e; the fund's version moves on. */
int svc_pooled_fund_contribute(struct svc_ctx *c, const char *fund_id, json_t *in, const struct svc_expect *e);
int svc_pooled_fund_spend(struct svc_ctx *c, const char *fund_id, json_t *in, const struct svc_expect *e);

#endif
