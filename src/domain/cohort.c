#include "domain/cohort.h"
#include <stdio.h>

int cohort_membership(const struct cohort_input *in, int *cohorts, struct domain_error *err)
{
    *cohorts = 0;
    if (in->ltc_count < 0)
        return domain_fail(err, DOMAIN_EINVAL, "ltc_count", "must not be negative");
    if (in->predicted_cost_pence < 0)
        return domain_fail(err, DOMAIN_EINVAL, "predicted_cost_pence", "must not be negative");
    if (in->average_cost_pence < 0)
        return domain_fail(err, DOMAIN_EINVAL, "average_cost_pence", "must not be negative");
    if (in->ltc_count >= 5)
        *cohorts |= COHORT_LTC5;
    /* predicted >= 3 × average, without overflow: for non-negative
     * integers floor(p / 3) >= a exactly when p >= 3a. */
    if (in->average_cost_pence > 0 && in->predicted_cost_pence / 3 >= in->average_cost_pence)
        *cohorts |= COHORT_HIGH_COST;
    if (in->efi == EFI_MODERATE || in->efi == EFI_SEVERE || in->frailty_flag)
        *cohorts |= COHORT_FRAILTY;
    return DOMAIN_OK;
}

void cohort_reason(const struct cohort_input *in, int cohort, char *out, size_t n)
{
    switch (cohort) {
    case COHORT_LTC5:
        snprintf(out, n, "%d long-term conditions (5 or more)", in->ltc_count);
        break;
    case COHORT_HIGH_COST:
        snprintf(out, n, "predicted acute cost £%lld is %lld.%02lld × the average (3 × or more)",
                 (long long)(in->predicted_cost_pence / 100),
                 (long long)(in->average_cost_pence ? in->predicted_cost_pence / in->average_cost_pence : 0),
                 (long long)(in->average_cost_pence ? (in->predicted_cost_pence % in->average_cost_pence) * 100 /
                                                       in->average_cost_pence : 0));
        break;
    case COHORT_FRAILTY:
        snprintf(out, n, in->frailty_flag && in->efi < EFI_MODERATE ? "frailty flag recorded"
                                                                  : "eFI %s frailty", efi_category_name(in->efi));
        break;
    default:
        snprintf(out, n, "not in a cohort");
    }
}
