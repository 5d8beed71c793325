/* joint_funding: the pure rules of joint funding panels, effective-dated
 * splits and without-prejudice interim funding (domain.md §9; issue #9).
 *
 * Rules pinned here:
 *  - Panel cycle: a panel meets on first, first + cycle, first + 2*cycle …
 *    (cycle 1..366 days). A request raised on day r is listed for the first
 *    meeting on or after r + lead_days (lead 0: a request raised on a panel
 *    day goes to that day's panel; lead 1: to the next one). Before the
 *    first meeting it goes to the first meeting. Seamless uses lead 0.
 *  - Pro rata: the cost of `days` days of a weekly cost W is
 *    round(W * days / 7) to the nearest penny (an exact half cannot
 *    occur when dividing by 7), computed once for the whole
 *    period in pence (10001p over 10 days = 100010/7 = 14287.14 -> 14287),
 *    never day by day, so a period's parts are split from one total.
 *  - Split in force on date d: of the effective-dated splits, the one with
 *    the latest effective_from <= d (ties: the later in the array); none ->
 *    the caller's default (the task's own split or its accountability).
 *  - Reconciliation of interim funding: the NHS funds a health task without
 *    prejudice for the days from..to (inclusive); the period's cost is
 *    pro-rated, then split with money_split (largest remainder, ties to NHS,
 *    council, person) by the split that applies after the decision (the
 *    agreed or amended split; for a refusal the default, e.g. 100% NHS for
 *    an NHS-accountable health task, so nothing is owed). The NHS paid the
 *    whole; the council owes it the council share and the person their
 *    contribution. council_owes_nhs < 0 never happens (the NHS paid all).
 *    A period with to < from is zero days.
 * Errors: DOMAIN_EINVAL / DOMAIN_ERANGE naming "cycle_days", "first_on",
 * "weekly_cost_pence", "split". Pure: no allocation. */
#ifndef SEAMLESS_JOINT_FUNDING_H
#define SEAMLESS_JOINT_FUNDING_H

#include <stddef.h>
#include <stdint.h>
#include "domain/dates.h"
#include "domain/domain_error.h"

#define JF_CYCLE_MAX_DAYS 366

/* The panel date for a request raised on `raised`: see "Panel cycle". */
int jf_next_panel(struct date first, int cycle_days, int lead_days, struct date raised, struct date *out,
                  struct domain_error *err);

/* round(weekly * days / 7), half away from zero; days <= 0 gives 0.
 * DOMAIN_ERANGE (field "weekly_cost_pence") on overflow or weekly < 0. */
int jf_pro_rata(int64_t weekly, int64_t days, int64_t *out, struct domain_error *err);

/* Weights of a split (nhs, council, person), any unit money_split accepts. */
struct jf_split {
    int64_t nhs, council, person;
};

struct jf_dated_split {
    struct date effective_from;
    struct jf_split split;
};

/* The index of the split in force on d, or -1 when none is (use the default). */
long jf_split_in_force(const struct jf_dated_split *splits, size_t n, struct date d);

struct jf_reconciliation {
    int32_t days;                 /* from..to inclusive; 0 when to < from */
    int64_t total;                /* pro-rated cost of the period: what the NHS paid */
    int64_t nhs, council, person; /* each party's share; sum == total */
    int64_t council_owes_nhs;     /* == council */
    int64_t person_owes_nhs;      /* == person */
};

int jf_reconcile(int64_t weekly, struct date from, struct date to, struct jf_split split,
                 struct jf_reconciliation *out, struct domain_error *err);

/* Splits `total` by `split` (money_split) into nhs/council/person. */
int jf_split_amount(int64_t total, struct jf_split split, int64_t parts[3], struct domain_error *err);

#endif
