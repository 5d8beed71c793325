/* chc_review: when an NHS CHC package (and the NHS part of other
 * outcomes) is next reviewed, and whether a review is late.
 *
 * Source: National Framework for NHS Continuing Healthcare and NHS-funded
 * Nursing Care (July 2022), "Reviews": a review should take place within
 * three months of the initial eligibility decision and thereafter at least
 * annually (domain.md §7: "Reviews at 3 months, then at least annually").
 * The same cycle applies to NHS-funded nursing care and to the NHS part of a
 * joint package; a "council only" outcome has no NHS review. A review checks
 * that the care meets the person's needs; it never withdraws eligibility by
 * itself — if needs have changed, it leads to a new eligibility assessment
 * (outcome "eligibility_reassessment").
 *
 * Pinned here:
 *   first due  = decision date + 3 calendar months (clamped to the month end:
 *                a decision on 30 Nov is due for review by 28 Feb);
 *   next due   = last review date + 12 calendar months;
 *   state      = overdue when today > due; due_soon when due - today <= 28
 *                days (a month's notice to arrange the visit); else scheduled.
 * Pure: no allocation; dates are the caller's. */
#ifndef SEAMLESS_CHC_REVIEW_H
#define SEAMLESS_CHC_REVIEW_H
#include "domain/dates.h"
#include "domain/domain_error.h"

#define CHC_REVIEW_FIRST_MONTHS 3
#define CHC_REVIEW_THEN_MONTHS 12
#define CHC_REVIEW_DUE_SOON_DAYS 28

enum chc_review_state { CHC_REVIEW_SCHEDULED, CHC_REVIEW_DUE_SOON, CHC_REVIEW_OVERDUE };
const char *chc_review_state_name(enum chc_review_state s);   /* "scheduled" | "due_soon" | "overdue" */

/* The review due after a decision on decided_on, given the last review
 * (NULL when none yet). DOMAIN_EINVAL naming "reviewed_on" when the last
 * review is before the decision; DOMAIN_ERANGE past year 9999. */
int chc_review_due(struct date decided_on, const struct date *last_review, struct date *due,
                   struct domain_error *err);
enum chc_review_state chc_review_state_on(struct date due, struct date today);

/* A review carried out on reviewed_on: not before the decision, not before
 * the last review, not after today. Errors name "reviewed_on". */
int chc_review_check_date(struct date decided_on, const struct date *last_review, struct date reviewed_on,
                          struct date today, struct domain_error *err);

enum chc_review_outcome { CHC_REVIEW_NO_CHANGE, CHC_REVIEW_PLAN_CHANGED, CHC_REVIEW_REASSESS, CHC_REVIEW_OUTCOMES };
/* "no_change" | "plan_changed" | "eligibility_reassessment"; errors name field. */
MUST_CHECK int chc_review_outcome_parse(const char *s, const char *field, enum chc_review_outcome *out,
                             struct domain_error *err);
const char *chc_review_outcome_name(enum chc_review_outcome o);
const char *chc_review_outcome_label(enum chc_review_outcome o);

#endif
