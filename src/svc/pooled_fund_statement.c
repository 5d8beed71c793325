/* The statement of an s75 pooled fund (svc/pooled_funds.h): budget = the
 * partners' contributions, spend to date by service and quarter, the
 * variance and each partner's share of it by the agreement's risk-share
 * rule (domain/pooled_fund.h). Before the year ends the shares are those of
 * the spend to date; once it has ended they are the year-end outturn. */
#include "svc/pooled_funds.h"
#include "domain/money.h"
#include "domain/pooled_fund.h"
#include "store/pooled_funds.h"
#include "svc/pooled_int.h"
#include <stdio.h>
#include <string.h>

static int64_t num(json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

/* services[].quarters (spend by quarter 1..4) and variance; the fund's
 * quarter totals into q[4] and its spend into *total. -1 on overflow. */
static int by_quarter(json_t *services, json_t *rows, int64_t q[4], int64_t *total)
{
    size_t i, j;
    json_t *s, *r;
    *total = 0;
    json_array_foreach(services, i, s) {
        int64_t sq[4] = {0, 0, 0, 0};
        json_array_foreach(rows, j, r) {
            int k = (int)num(r, "quarter") - 1;
            if (k >= 0 && k < 4 && strcmp(json_string_value(json_object_get(r, "service_id")),
                                          json_string_value(json_object_get(s, "id"))) == 0)
                sq[k] += num(r, "spent_pence");
        }
        json_t *qa = json_array();
        for (int k = 0; k < 4; k++) {
            json_array_append_new(qa, json_integer(sq[k]));
            if (money_add(q[k], sq[k], &q[k], NULL) != 0)
                return -1;
        }
        json_object_set_new(s, "quarters", qa);
        json_object_set_new(s, "variance_pence", json_integer(num(s, "spent_pence") - num(s, "budget_pence")));
        if (money_add(*total, num(s, "spent_pence"), total, NULL) != 0)
            return -1;
    }
    return 0;
}

/* Each partner's share of the variance (or a note why there is none). */
static void risk_share(json_t *st, json_t *partners, int64_t spend)
{
    struct pooled_partner p[POOLED_MAX_PARTNERS];
    int64_t shares[POOLED_MAX_PARTNERS] = {0};
    memset(p, 0, sizeof p);
    size_t n = json_array_size(partners), host = n, i;
    json_t *it;
    const char *host_org = json_string_value(json_object_get(st, "host_org_id"));
    json_array_foreach(partners, i, it) {
        if (i >= POOLED_MAX_PARTNERS)
            break;
        p[i] = (struct pooled_partner){num(it, "contributed_pence"), num(it, "share_bp"), num(it, "cap_pence")};
        int is_host = strcmp(json_string_value(json_object_get(it, "org_id")), host_org) == 0;
        json_object_set_new(it, "is_host", json_boolean(is_host));
        if (is_host)
            host = i;
    }
    int rule = pooled_risk_rule_parse(json_string_value(json_object_get(st, "risk_share")));
    struct pooled_position pos = {0, 0, 0};
    struct domain_error de = {{0}, {0}};
    int rc = rule < 0 ? -1 : pooled_fund_position((enum pooled_risk_rule)rule, p, n, host, spend, &pos, shares, &de);
    int64_t budget = 0;
    json_array_foreach(partners, i, it) {
        if (i >= POOLED_MAX_PARTNERS)   /* pooled_fund_position refused them: rc != 0 */
            break;
        budget += p[i].contribution_pence;   /* cannot overflow when rc == 0 */
        json_object_set_new(it, "share_pence", rc == 0 ? json_integer(shares[i]) : json_null());
        json_object_set_new(it, "net_cost_pence",
                            rc == 0 ? json_integer(p[i].contribution_pence + shares[i]) : json_null());
    }
    json_object_set_new(st, "budget_pence", json_integer(rc == 0 ? pos.budget_pence : budget));
    json_object_set_new(st, "spent_pence", json_integer(spend));
    json_object_set_new(st, "variance_pence", rc == 0 ? json_integer(pos.variance_pence) : json_null());
    json_object_set_new(st, "position", json_string(rc != 0 ? "not_known" : pos.variance_pence > 0 ? "overspend"
                                                    : pos.variance_pence < 0 ? "underspend" : "on_budget"));
    json_object_set_new(st, "risk_share_note", rc == 0 ? json_null() : json_string(de.message));
}

static json_t *quarters_json(const int64_t q[4])
{
    json_t *a = json_array();
    for (int k = 0; k < 4; k++)
        json_array_append_new(a, json_pack("{s:i, s:I}", "quarter", k + 1, "spent_pence", (json_int_t)q[k]));
    return a;
}

static void year_state(struct svc_ctx *c, json_t *st)
{
    struct date end, today = svc_today(c);
    const char *e = json_string_value(json_object_get(st, "year_end"));
    int closed = e && date_parse(e, "year_end", &end, NULL) == 0 && date_compare(today, end) > 0;
    json_object_set_new(st, "year_closed", json_boolean(closed));
}

int svc_pooled_fund_statement(struct svc_ctx *c, const char *fund_id, int entries, json_t **out)
{
    json_t *st;
    int rc = pooled_fund_load(c, fund_id, 0, &st);
    if (rc != SVC_OK)
        return rc;
    json_t *partners = svc_own(c, pooled_fund_partners(c->db, fund_id, &c->err));
    json_t *services = partners ? svc_own(c, pooled_fund_services(c->db, fund_id, &c->err)) : NULL;
    json_t *rows = services ? svc_own(c, pooled_fund_spend_by_quarter(c->db, fund_id, &c->err)) : NULL;
    json_t *contribs = rows && entries ? svc_own(c, pooled_fund_contributions(c->db, fund_id, &c->err)) : NULL;
    json_t *spend = contribs ? svc_own(c, pooled_fund_spend_list(c->db, fund_id, &c->err)) : NULL;
    if (!rows || (entries && !spend))
        return svc_failed(c, "pooled fund statement");
    int64_t q[4] = {0, 0, 0, 0}, total = 0;
    if (by_quarter(services, rows, q, &total) != 0) {
        snprintf(c->err.message, sizeof c->err.message, "spend total overflows");
        return svc_failed(c, "pooled fund statement");
    }
    risk_share(st, partners, total);
    year_state(c, st);
    json_object_set(st, "partners", partners);
    json_object_set(st, "services", services);
    json_object_set_new(st, "quarters", quarters_json(q));
    if (entries) {
        json_object_set(st, "contributions", contribs);
        json_object_set(st, "spend", spend);
    }
    *out = st;
    return SVC_OK;
}
