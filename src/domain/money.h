/* money: integer pence, annualising, exact splits, "£1,234.56".
 *
 * domain.md §9: use integer pence, never floating point; weekly costs are
 * annualised as x 52. Amounts are int64_t pence. Every operation that could
 * overflow checks and fails with DOMAIN_ERANGE instead of wrapping. Pure: no
 * allocation, no globals; results go to caller-provided storage.
 *
 * Rounding pinned here:
 *  - annual -> weekly divides by 52 and rounds half away from zero
 *    (2600 -> 50, 26 -> 1 (0.5 rounds up), -26 -> -1). Weekly -> annual is
 *    exact, so weekly(annual(w)) == w but annual(weekly(a)) may differ from a
 *    by up to 26p: store the weekly figure, derive the annual one.
 *  - money_split: largest remainder (Hamilton) method. Each part first gets
 *    floor(|amount| * w_i / W); the pennies left over (fewer than the number
 *    of parts) go one each to the parts with the largest remainders, ties to
 *    the lower index. Parts always add up exactly to the amount; a zero
 *    weight always gets 0. A negative amount is split as its magnitude and
 *    every part negated (so -100 by 1:1:1 is -34/-33/-33), which keeps
 *    split(-a) == -split(a).
 *
 * Errors: see domain/domain_error.h. */
#ifndef SEAMLESS_MONEY_H
#define SEAMLESS_MONEY_H

#include <stddef.h>
#include <stdint.h>
#include "domain/domain_error.h"

#define MONEY_WEEKS_PER_YEAR 52
/* Upper bound on the sum of split weights; keeps the arithmetic exact in
 * int64 without a wider type (10000 basis points fits many times over). */
#define MONEY_SPLIT_MAX_WEIGHT_TOTAL INT64_C(1000000000)
/* The one documented bound on money that enters the system (from the API,
 * forms, imports): a weekly amount is at most £10 million a week
 * (MONEY_MAX_WEEKLY_PENCE), any other single amount (a lump sum, a budget,
 * a contribution, a predicted annual cost) at most £1 billion
 * (MONEY_MAX_PENCE). Both bounds keep every derived figure exact in int64
 * with room to spare: a year of the weekly maximum is 5.2e10 pence, and
 * ten million maximal amounts still add up below INT64_MAX (9.2e18). A
 * value outside them is refused where it enters (422 naming the field),
 * so whatever is stored can always be annualised, split and rendered. */
#define MONEY_MAX_WEEKLY_PENCE INT64_C(1000000000)
#define MONEY_MAX_PENCE INT64_C(100000000000)
/* The bound on a count that enters the system (calls, minutes, shares,
 * long-term conditions...) when its own rule sets none: one million. */
#define MONEY_MAX_COUNT INT64_C(1000000)
/* Longest money_format output: "-£9,223,372,036,854,775.808" + NUL. */
#define MONEY_STR_SIZE 32

/* *out = a + b; DOMAIN_ERANGE (field "amount") on overflow. */
int money_add(int64_t a, int64_t b, int64_t *out, struct domain_error *err);
/* *out = a * n; DOMAIN_ERANGE (field "amount") on overflow. */
int money_mul(int64_t a, int64_t n, int64_t *out, struct domain_error *err);
/* *annual = weekly * 52, DOMAIN_ERANGE on overflow (field "weekly_pence"). */
int money_weekly_to_annual(int64_t weekly, int64_t *annual,
                           struct domain_error *err);
/* annual / 52 rounded half away from zero. Never fails. */
int64_t money_annual_to_weekly(int64_t annual);

/* Splits amount into n parts in proportion to weights (each >= 0, total
 * 1..MONEY_SPLIT_MAX_WEIGHT_TOTAL), writing parts[0..n-1]. Errors (field
 * "weights"): n == 0, a negative weight, a zero or too large total. */
int money_split(int64_t amount, const int64_t *weights, size_t n,
                int64_t *parts, struct domain_error *err);
/* money_split for weights whose total may be any int64 (up to INT64_MAX),
 * e.g. contributions in pence used as weights (a £50m pool is 5e9 pence);
 * the same method and errors, exact through 128-bit intermediates. */
int money_split_large(int64_t amount, const int64_t *weights, size_t n,
                      int64_t *parts, struct domain_error *err);

/* 0 when min_pence <= pence <= max (an input within the documented
 * bounds above), else DOMAIN_ERANGE naming field: "must be at most
 * £10,000,000.00" or "must not be negative" / "must be at least …". */
int money_check_bounds(int64_t pence, int64_t min_pence, int64_t max_pence, const char *field,
                       struct domain_error *err);

/* Writes "£1,234.56" / "-£1,234.56" / "£0.05" (UTF-8 pound sign) into out,
 * which must hold MONEY_STR_SIZE bytes. Any int64 formats. */
void money_format(int64_t pence, char out[MONEY_STR_SIZE]);

/* Parses a pounds amount into pence. Accepts an optional leading '-', an
 * optional '£' (UTF-8), then either plain digits ("1234") or digits grouped
 * by commas in threes ("1,234,567"; the first group 1-3 digits, not starting
 * with 0), then optionally '.' and one or two digits ("1234.5" is 123450p).
 * Rejects spaces, "+", "£-1", ".5", "1.", three decimals, bad grouping,
 * and values beyond int64 pence (DOMAIN_ERANGE). Errors name `field`;
 * *out is untouched on failure. */
MUST_CHECK int money_parse(const char *s, const char *field, int64_t *out,
                struct domain_error *err);

#endif
