/* cohort: which case-finding cohorts a person belongs to, for proactive
 * locality MDT review (domain.md §4; NHS England "Proactive care" guidance
 * and the LLR/Leeds/Nottinghamshire case-finding criteria):
 *   LTC5      — five or more long-term conditions;
 *   HIGH_COST — predicted acute cost over the next 12 months at least
 *               3 × the population average (compared exactly in integers:
 *               predicted ≥ 3 × average; with no average — zero — nobody
 *               qualifies, since "3 × nothing" identifies no outliers);
 *   FRAILTY   — eFI moderate or severe, or a recorded frailty flag. */
#ifndef SEAMLESS_COHORT_H
#define SEAMLESS_COHORT_H
#include <stddef.h>
#include <stdint.h>
#include "domain/domain_error.h"
#include "domain/efi.h"

enum { COHORT_LTC5 = 1, COHORT_HIGH_COST = 2, COHORT_FRAILTY = 4 };

struct cohort_input {
    int ltc_count;
    int64_t predicted_cost_pence;
    int64_t average_cost_pence;
    enum efi_category efi;
    int frailty_flag;
};

/* *cohorts gets the COHORT_* flags. Negative counts or costs → error naming
 * ltc_count, predicted_cost_pence or average_cost_pence. */
int cohort_membership(const struct cohort_input *in, int *cohorts, struct domain_error *err);
/* Why the person is in cohort (one COHORT_* flag), in words, into out. */
void cohort_reason(const struct cohort_input *in, int cohort, char *out, size_t n);

#endif
