/* phb: personal health budgets for people eligible for NHS CHC.
 *
 * Source: NHS Act 2006 s12A and the National Health Service (Direct
 * Payments) Regulations 2013 (SI 2013/1617); the right to have a personal
 * health budget for NHS CHC (NHS England, 2014) and PHBs as the default for
 * CHC-funded home care (NHS Long Term Plan; domain.md §7, §9). A PHB is
 * managed one of three ways:
 *   - direct payment: money paid to the person (or a nominee/representative);
 *   - notional budget: the ICB holds the money and arranges the agreed care;
 *   - third-party budget: an organisation independent of the person and the
 *     ICB holds it and arranges the care (its name is recorded).
 * Pinned here: a PHB is set up for a person the ICB has decided eligible
 * (including Fast Track), receiving care at home; the amount is a weekly sum
 * in whole pence above zero and at most PHB_WEEKLY_MAX_PENCE (a typing
 * guard, not a policy cap); it starts on or after the eligibility decision.
 * Pure: no allocation. Errors name the API fields. */
#ifndef SEAMLESS_PHB_H
#define SEAMLESS_PHB_H
#include <stdint.h>
#include "domain/dates.h"
#include "domain/domain_error.h"

#define PHB_WEEKLY_MAX_PENCE INT64_C(5000000)   /* £50,000 a week */

enum phb_management { PHB_DIRECT_PAYMENT, PHB_NOTIONAL, PHB_THIRD_PARTY, PHB_MANAGEMENTS };

/* "direct_payment" | "notional" | "third_party"; errors name field. */
MUST_CHECK int phb_management_parse(const char *s, const char *field, enum phb_management *out, struct domain_error *err);
const char *phb_management_name(enum phb_management m);
const char *phb_management_label(enum phb_management m);

struct phb_request {
    int case_eligible;            /* the ICB decided the person eligible for CHC */
    int care_at_home;             /* care_setting is "home" */
    enum phb_management management;
    const char *held_by;          /* third-party: the organisation holding it */
    int64_t weekly_pence;
    struct date decided_on;       /* the eligibility decision */
    struct date start_on;
};

/* DOMAIN_OK when a PHB may be set up as asked. Errors: "case" (not
 * eligible), "care_setting" (not at home), "weekly_amount_pence" (zero,
 * negative or over the guard), "held_by" (third party without a holder),
 * "start_on" (before the decision). */
int phb_check(const struct phb_request *r, struct domain_error *err);

#endif
