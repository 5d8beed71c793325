/* Joint funding panels, effective-dated splits and the reconciliation of
 * without-prejudice interim funding: the rules are pinned in joint_funding.h. */
#include "domain/joint_funding.h"
#include "domain/money.h"

int jf_next_panel(struct date first, int cycle_days, int lead_days, struct date raised, struct date *out,
                  struct domain_error *err)
{
    if (cycle_days < 1 || cycle_days > JF_CYCLE_MAX_DAYS)
        return domain_fail(err, DOMAIN_EINVAL, "cycle_days", "must be 1 to 366 days");
    if (lead_days < 0 || lead_days > JF_CYCLE_MAX_DAYS)
        return domain_fail(err, DOMAIN_EINVAL, "lead_days", "must be 0 to 366 days");
    int64_t earliest = (int64_t)date_to_days(raised) + lead_days, f = date_to_days(first);
    int64_t at = f;
    if (earliest > f)
        at = f + (earliest - f + cycle_days - 1) / cycle_days * cycle_days;
    if (at > DATE_MAX_DAYS)
        return domain_fail(err, DOMAIN_ERANGE, "first_on", "the next panel would be after 9999");
    *out = date_from_days((int32_t)at);
    return 0;
}

int jf_pro_rata(int64_t weekly, int64_t days, int64_t *out, struct domain_error *err)
{
    if (weekly < 0)
        return domain_fail(err, DOMAIN_ERANGE, "weekly_cost_pence", "must not be negative");
    if (days <= 0) {
        *out = 0;
        return 0;
    }
    int64_t product;
    if (money_mul(weekly, days, &product, NULL) != 0 || product > INT64_MAX - 3)
        return domain_fail(err, DOMAIN_ERANGE, "weekly_cost_pence", "is too large for the period");
    /* half away from zero for a non-negative product: floor((p + 3.5) / 7) */
    *out = product / 7 + (product % 7 >= 4 ? 1 : 0);
    return 0;
}

long jf_split_in_force(const struct jf_dated_split *splits, size_t n, struct date d)
{
    long best = -1;
    for (size_t i = 0; i < n; i++)
        if (date_compare(splits[i].effective_from, d) <= 0 &&
            (best < 0 || date_compare(splits[i].effective_from, splits[best].effective_from) >= 0))
            best = (long)i;
    return best;
}

int jf_split_amount(int64_t total, struct jf_split split, int64_t parts[3], struct domain_error *err)
{
    const int64_t w[3] = {split.nhs, split.council, split.person};
    if (money_split(total, w, 3, parts, NULL) != 0)
        return domain_fail(err, DOMAIN_EINVAL, "split", "weights must be >= 0 with a positive total");
    return 0;
}

int jf_reconcile(int64_t weekly, struct date from, struct date to, struct jf_split split,
                 struct jf_reconciliation *out, struct domain_error *err)
{
    int32_t days = date_diff_days(from, to) + 1;
    int64_t parts[3];
    if (days < 0)
        days = 0;
    out->days = days;
    int rc = jf_pro_rata(weekly, days, &out->total, err);
    if (rc == 0)
        rc = jf_split_amount(out->total, split, parts, err);
    if (rc != 0)
        return rc;
    out->nhs = parts[0];
    out->council = parts[1];
    out->person = parts[2];
    out->council_owes_nhs = parts[1];
    out->person_owes_nhs = parts[2];
    return 0;
}
