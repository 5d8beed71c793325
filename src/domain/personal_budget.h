/* personal_budget: the social care personal budget of a care and support
 * plan and the direct payment that may meet it (domain.md §9).
 *
 * Sources:
 *  - Care Act 2014 s26: the plan's personal budget states the cost to the
 *    council of meeting the needs it must or may meet, the amount the adult
 *    must pay (their assessed contribution, from the financial assessment,
 *    s17/s14) and the amount the council pays.
 *  - Care Act 2014 ss31-33 and the Care and Support (Direct Payments)
 *    Regulations 2014 (SI 2014/2871): a direct payment is the personal
 *    budget less the adult's contribution (s31(1)); an adult with capacity
 *    requests it (s31); for an adult lacking capacity an "authorised person"
 *    requests it (s32); the council must be satisfied the recipient can
 *    manage it (with help if needed) and that it is an appropriate way to
 *    meet the needs (s31(4), s32(4)); reg 7: review within 6 months of the
 *    first payment, then at intervals of no more than 12 months.
 *
 * Rules pinned here (integer pence throughout):
 *  - weekly budget = the plan's council share + the person's share from
 *    apportionment (domain/apportion.h); NHS-funded parts are not social
 *    care and are not in it. Annual = weekly x 52.
 *  - 0 <= contribution <= weekly budget; council pays budget - contribution.
 *  - direct payment (weekly) = budget - contribution, and must be > 0.
 *  - requested_by "person" needs has_capacity; a lacking-capacity adult's
 *    payment is requested by an "authorised_person", who must be named; an
 *    adult with capacity requests it themselves.
 *  - able_to_manage and appropriate must both be true.
 *  - next review = first payment + 6 months until the first review, then
 *    the last review + 12 months (date_add_months: end-of-month clamped);
 *    overdue when today is after it.
 * Errors name the API field ("weekly_contribution_pence",
 * "direct_payment.requested_by", "direct_payment.authorised_person_name",
 * "direct_payment.able_to_manage", "direct_payment.appropriate",
 * "direct_payment", "reviewed_on", "outcome"). Pure: no clock, no I/O. */
#ifndef SEAMLESS_PERSONAL_BUDGET_H
#define SEAMLESS_PERSONAL_BUDGET_H

#include <stdint.h>
#include "domain/dates.h"
#include "domain/domain_error.h"

#define PB_WEEKS_PER_YEAR 52
#define DP_FIRST_REVIEW_MONTHS 6
#define DP_REVIEW_INTERVAL_MONTHS 12

struct personal_budget {
    int64_t council_weekly, person_weekly;   /* from apportionment */
    int64_t weekly, annual;                  /* the personal budget */
    int64_t contribution_weekly;             /* the person's assessed contribution */
    int64_t council_pays_weekly;             /* weekly - contribution */
};

/* Fills out from the plan's council and person shares and the assessed
 * weekly contribution. DOMAIN_EINVAL "weekly_contribution_pence" when
 * negative or more than the budget; DOMAIN_ERANGE on overflow. */
int personal_budget_compute(int64_t council_weekly, int64_t person_weekly, int64_t contribution_weekly,
                            struct personal_budget *out, struct domain_error *err);

enum dp_requester { DP_BY_PERSON, DP_BY_AUTHORISED_PERSON };

struct dp_request {
    enum dp_requester requested_by;
    const char *authorised_person_name;   /* NULL or "" when none */
    int has_capacity, able_to_manage, appropriate;
};

/* "person" / "authorised_person"; DOMAIN_EINVAL naming field otherwise. */
MUST_CHECK int dp_requester_parse(const char *s, const char *field, enum dp_requester *out, struct domain_error *err);
const char *dp_requester_name(enum dp_requester r);
/* The s31/s32 conditions, then the weekly amount (budget - contribution)
 * into *amount. */
int dp_check(const struct dp_request *r, const struct personal_budget *b, int64_t *amount,
             struct domain_error *err);

/* reg 7: the next review's due date. last_review NULL before the first. */
int dp_review_due(struct date first_payment, const struct date *last_review, struct date *due,
                  struct domain_error *err);
/* A review on `on`: not before the first payment (or the last review), not
 * after today. DOMAIN_EINVAL "reviewed_on". */
int dp_review_check_date(struct date first_payment, const struct date *last_review, struct date on,
                         struct date today, struct domain_error *err);
/* 1 when due is before today. */
int dp_review_overdue(struct date due, struct date today);
/* "continue", "change" or "end"; DOMAIN_EINVAL "outcome" otherwise. */
int dp_review_outcome_check(const char *s, struct domain_error *err);

#endif
