/* pooled_fund: see pooled_fund.h for the rules and their source. */
#include <stdio.h>
#include <string.h>
#include "domain/money.h"
#include "domain/pooled_fund.h"

static const char *const rule_names[] = {
    [POOLED_RISK_CONTRIBUTION_RATIO] = "contribution_ratio",
    [POOLED_RISK_FIXED_PERCENTAGE] = "fixed_percentage",
    [POOLED_RISK_CAPPED] = "capped",
};

int pooled_risk_rule_parse(const char *s)
{
    for (size_t i = 0; s && i < sizeof rule_names / sizeof rule_names[0]; i++)
        if (strcmp(s, rule_names[i]) == 0)
            return (int)i;
    return -1;
}

const char *pooled_risk_rule_name(enum pooled_risk_rule r)
{
    return (unsigned)r < sizeof rule_names / sizeof rule_names[0] ? rule_names[r] : "";
}

static int check_partners(enum pooled_risk_rule rule,
                          const struct pooled_partner *p, size_t n,
                          int64_t *budget, struct domain_error *err)
{
    int64_t total = 0, bp = 0;
    for (size_t i = 0; i < n; i++) {
        char field[64];
        if (p[i].contribution_pence < 0) {
            snprintf(field, sizeof field, "partners[%zu].contribution_pence", i);
            return domain_fail(err, DOMAIN_EINVAL, field, "must not be negative");
        }
        if (money_add(total, p[i].contribution_pence, &total, err) != 0)
            return DOMAIN_ERANGE;
        if (rule == POOLED_RISK_FIXED_PERCENTAGE) {
            if (p[i].share_bp < 0 || p[i].share_bp > POOLED_BP_TOTAL) {
                snprintf(field, sizeof field, "partners[%zu].share_bp", i);
                return domain_fail(err, DOMAIN_EINVAL, field,
                                   "must be between 0 and 10000 basis points");
            }
            bp += p[i].share_bp;
        }
        if (rule == POOLED_RISK_CAPPED && p[i].cap_pence < 0) {
            snprintf(field, sizeof field, "partners[%zu].cap_pence", i);
            return domain_fail(err, DOMAIN_EINVAL, field, "must not be negative");
        }
    }
    if (rule == POOLED_RISK_FIXED_PERCENTAGE && bp != POOLED_BP_TOTAL)
        return domain_fail(err, DOMAIN_EINVAL, "risk_share",
                           "percentages add up to %lld basis points, not 10000",
                           (long long)bp);
    *budget = total;
    return DOMAIN_OK;
}

/* Capped rule on an overspend: ratio shares, each non-host share cut to its
 * cap, the excess added to the host's. Cannot overflow: every share is at
 * most the variance and their sum is the variance. */
static void apply_caps(const struct pooled_partner *p, size_t n, size_t host,
                       int64_t *shares)
{
    int64_t excess = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == host || shares[i] <= p[i].cap_pence)
            continue;
        excess += shares[i] - p[i].cap_pence;
        shares[i] = p[i].cap_pence;
    }
    shares[host] += excess;
}

static int check_terms(enum pooled_risk_rule rule, const struct pooled_partner *partners, size_t n,
                       size_t host, int64_t *budget, struct domain_error *err)
{
    if (!partners || n == 0 || n > POOLED_MAX_PARTNERS)
        return domain_fail(err, DOMAIN_EINVAL, "partners",
                           "need between 1 and %d partners", POOLED_MAX_PARTNERS);
    if ((unsigned)rule > POOLED_RISK_CAPPED)
        return domain_fail(err, DOMAIN_EINVAL, "risk_share", "is not a known rule");
    if (host >= n)
        return domain_fail(err, DOMAIN_EINVAL, "host", "is not one of the partners");
    return check_partners(rule, partners, n, budget, err);
}

int pooled_fund_terms_check(enum pooled_risk_rule rule, const struct pooled_partner *partners, size_t n,
                            size_t host, struct domain_error *err)
{
    int64_t budget = 0;
    return check_terms(rule, partners, n, host, &budget, err);
}

int pooled_fund_position(enum pooled_risk_rule rule,
                         const struct pooled_partner *partners, size_t n,
                         size_t host, int64_t spend_pence,
                         struct pooled_position *pos, int64_t *shares,
                         struct domain_error *err)
{
    int64_t budget = 0, variance = 0;
    int rc = check_terms(rule, partners, n, host, &budget, err);
    if (rc != 0)
        return rc;
    if (spend_pence < 0)
        return domain_fail(err, DOMAIN_EINVAL, "spend_pence", "must not be negative");
    if (rule != POOLED_RISK_FIXED_PERCENTAGE && budget == 0)
        return domain_fail(err, DOMAIN_EINVAL, "risk_share",
                           "no partner has contributed, so there is no ratio");
    if (__builtin_sub_overflow(spend_pence, budget, &variance))
        return domain_fail(err, DOMAIN_ERANGE, "amount", "is too large");
    int64_t w[POOLED_MAX_PARTNERS];
    for (size_t i = 0; i < n; i++)
        w[i] = rule == POOLED_RISK_FIXED_PERCENTAGE ? partners[i].share_bp
                                                    : partners[i].contribution_pence;
    rc = money_split_large(variance, w, n, shares, err);
    if (rc != 0)
        return rc;
    if (rule == POOLED_RISK_CAPPED && variance > 0)
        apply_caps(partners, n, host, shares);
    pos->budget_pence = budget;
    pos->spend_pence = spend_pence;
    pos->variance_pence = variance;
    return DOMAIN_OK;
}

int pooled_fund_year_check(struct date start, struct date end, struct domain_error *err)
{
    if (date_compare(start, end) >= 0)
        return domain_fail(err, DOMAIN_EINVAL, "year_end", "must be after year_start");
    struct date limit;
    if (date_add_months(start, 12, &limit, err) != 0 || date_compare(end, limit) >= 0)
        return domain_fail(err, DOMAIN_EINVAL, "year_end",
                           "the agreement's year is at most twelve months");
    return DOMAIN_OK;
}

int pooled_fund_quarter(struct date start, struct date end, struct date on, const char *field,
                        int *quarter, struct domain_error *err)
{
    if (date_compare(on, start) < 0 || date_compare(on, end) > 0)
        return domain_fail(err, DOMAIN_EINVAL, field, "must be inside the fund's year");
    int q = 1;
    for (int k = 1; k < 4; k++) {
        struct date next;
        if (date_add_months(start, 3 * k, &next, NULL) == 0 && date_compare(on, next) >= 0)
            q = k + 1;
    }
    *quarter = q;
    return DOMAIN_OK;
}
