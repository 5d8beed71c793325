/* pooled_fund: the year-end position of an NHS Act 2006 s75 pooled fund and
 * how its over- or underspend is shared between the partners.
 *
 * Source: NHS Act 2006 s75 lets NHS bodies and councils pool funds; the NHS
 * Bodies and Local Authorities Partnership Arrangements Regulations 2000
 * (SI 2000/617) reg 7 requires the written agreement to set, among other
 * things, the contributions and "the arrangements for dealing with
 * overspends and underspends" (the risk share). domain.md §9. The Better
 * Care Fund is one such pool.
 *
 * Budget = sum of the partners' contributions. variance = spend - budget:
 * > 0 an overspend (partners pay more), < 0 an underspend (money goes back),
 * 0 exactly on budget. shares[i] is partner i's part of the variance, with
 * the same sign; the shares always add up to the variance to the penny
 * (largest-remainder split, money.h). Rules, as the agreement chooses:
 *
 *  - POOLED_RISK_CONTRIBUTION_RATIO: in proportion to contributions; a
 *    partner that contributed nothing shares nothing.
 *  - POOLED_RISK_FIXED_PERCENTAGE: in proportion to share_bp (basis points
 *    per partner, each 0..10000, which must add up to exactly 10000).
 *  - POOLED_RISK_CAPPED (the rule pinned here): an overspend is first split
 *    by contribution ratio; each partner's share is then limited to its
 *    cap_pence (>= 0); everything above the caps falls to the host partner,
 *    the last resort, whose own cap is not applied (the host carries the
 *    residual risk of the pool it hosts). An underspend is split by
 *    contribution ratio with no caps: a cap limits exposure, not return.
 *
 * Pure: inputs as arguments, results in caller storage, no allocation.
 * Errors (domain_error.h): "partners" (none, or more than POOLED_MAX_PARTNERS),
 * "partners[i].contribution_pence" (negative), "partners[i].share_bp",
 * "partners[i].cap_pence", "host" (out of range), "spend_pence" (negative),
 * "risk_share" (unknown rule; all contributions zero under a ratio rule),
 * DOMAIN_ERANGE "amount" when a total would overflow int64. */
#ifndef SEAMLESS_POOLED_FUND_H
#define SEAMLESS_POOLED_FUND_H

#include <stddef.h>
#include <stdint.h>
#include "domain/dates.h"
#include "domain/domain_error.h"

#define POOLED_MAX_PARTNERS 16
#define POOLED_BP_TOTAL 10000

enum pooled_risk_rule {
    POOLED_RISK_CONTRIBUTION_RATIO,
    POOLED_RISK_FIXED_PERCENTAGE,
    POOLED_RISK_CAPPED,
};

struct pooled_partner {
    int64_t contribution_pence;   /* >= 0 */
    int64_t share_bp;             /* fixed_percentage only */
    int64_t cap_pence;            /* capped only: most it bears of an overspend */
};

struct pooled_position {
    int64_t budget_pence;         /* sum of contributions */
    int64_t spend_pence;
    int64_t variance_pence;       /* spend - budget: + overspend, - underspend */
};

/* "contribution_ratio" / "fixed_percentage" / "capped" -> rule; -1 unknown. */
MUST_CHECK int pooled_risk_rule_parse(const char *s);
const char *pooled_risk_rule_name(enum pooled_risk_rule r);

/* Checks the agreement's terms alone (partners, rule, host, percentages,
 * caps, contributions not negative and their total fitting int64), as when
 * it is set up before anything is contributed: the same errors as below but
 * for the "no partner has contributed" one. */
int pooled_fund_terms_check(enum pooled_risk_rule rule, const struct pooled_partner *partners, size_t n,
                            size_t host, struct domain_error *err);

/* Fills *pos and shares[0..n-1] (see above). host indexes the host partner
 * (used by the capped rule; must be < n whatever the rule). */
int pooled_fund_position(enum pooled_risk_rule rule,
                         const struct pooled_partner *partners, size_t n,
                         size_t host, int64_t spend_pence,
                         struct pooled_position *pos, int64_t *shares,
                         struct domain_error *err);

/* The agreement's year: start before end, and end before start + 12
 * months (a financial year, 1 April to 31 March, or a shorter term). Errors name
 * "year_end". */
int pooled_fund_year_check(struct date start, struct date end, struct domain_error *err);
/* The reporting quarter (1..4) of the fund's year that `on` falls in:
 * quarter k starts k-1 three-month steps after start (1 Apr, 1 Jul, 1 Oct,
 * 1 Jan for a financial year). DOMAIN_EINVAL naming `field` when `on` is
 * outside [start, end]. */
int pooled_fund_quarter(struct date start, struct date end, struct date on, const char *field,
                        int *quarter, struct domain_error *err);

#endif
