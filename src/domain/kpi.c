/* kpi: see kpi.h for the measures, targets and what counts. */
#include "domain/kpi.h"
#include <stdio.h>

static int32_t rounded_ratio(int64_t num, int64_t den, int64_t scale)
{
    /* num <= den <= KPI_MAX_COUNT, so num * scale fits for scale <= 10000. */
    return (int32_t)((num * scale * 2 + den) / (den * 2));
}

int kpi_percent_bp(int64_t num, int64_t den, int32_t *out)
{
    if (den <= 0)
        return 0;
    *out = rounded_ratio(num, den, 10000);
    return 1;
}

int kpi_percent_tenths(int64_t num, int64_t den, int32_t *out)
{
    if (den <= 0)
        return 0;
    *out = rounded_ratio(num, den, 1000);
    return 1;
}

int kpi_evaluate(int64_t num, int64_t den, struct kpi_target target,
                 struct kpi_result *out, struct domain_error *err)
{
    if (num < 0 || num > KPI_MAX_COUNT)
        return domain_fail(err, DOMAIN_EINVAL, "numerator", "is out of range");
    if (den < 0 || den > KPI_MAX_COUNT)
        return domain_fail(err, DOMAIN_EINVAL, "denominator", "is out of range");
    if (num > den)
        return domain_fail(err, DOMAIN_EINVAL, "numerator",
                           "is larger than the denominator");
    if (target.basis_points < 0 || target.basis_points > 10000 ||
        (unsigned)target.compare > KPI_AT_MOST)
        return domain_fail(err, DOMAIN_EINVAL, "target", "is not a valid target");
    struct kpi_result r = {num, den, KPI_NO_DATA, 0, 0};
    if (den > 0) {
        kpi_percent_bp(num, den, &r.percent_bp);
        kpi_percent_tenths(num, den, &r.percent_tenths);
        int64_t lhs = num * 10000, rhs = (int64_t)target.basis_points * den;
        int met = 0;
        switch (target.compare) {
        case KPI_ABOVE: met = lhs > rhs; break;
        case KPI_AT_LEAST: met = lhs >= rhs; break;
        case KPI_BELOW: met = lhs < rhs; break;
        case KPI_AT_MOST: met = lhs <= rhs; break;
        }
        r.status = met ? KPI_MET : KPI_NOT_MET;
    }
    *out = r;
    return DOMAIN_OK;
}

void kpi_format_percent(const struct kpi_result *r, char *out, size_t size)
{
    if (r->status == KPI_NO_DATA)
        snprintf(out, size, "no data");
    else
        snprintf(out, size, "%d.%d%%", (int)(r->percent_tenths / 10),
                 (int)(r->percent_tenths % 10));
}

const char *kpi_status_name(enum kpi_status s)
{
    switch (s) {
    case KPI_NO_DATA: return "no_data";
    case KPI_MET: return "met";
    case KPI_NOT_MET: return "not_met";
    }
    return "unknown";
}

static int fail_item(struct domain_error *err, int code, const char *list,
                     size_t i, const char *what, const char *message)
{
    char field[64];
    if (snprintf(field, sizeof field, "%s[%zu].%s", list, i, what) < 0)
        field[0] = '\0';   /* a long name is cut short, never overrun */
    return domain_fail(err, code, field, "%s", message);
}

int kpi_chc_28_days(const struct kpi_chc_case *cases, size_t n, struct date today,
                    struct kpi_result *out, int64_t *open_overdue,
                    struct domain_error *err)
{
    int64_t num = 0, den = 0, overdue = 0;
    for (size_t i = 0; i < n; i++) {
        struct chc_clock c;
        struct domain_error e;
        const struct kpi_chc_case *k = &cases[i];
        if (chc_clock_compute(k->received, today, k->decided ? &k->decided_on : NULL,
                              &c, &e) != DOMAIN_OK)
            return fail_item(err, DOMAIN_EINVAL, "cases", i, e.field, e.message);
        if (c.decided) {
            den++;
            num += c.within_28_days;
        } else {
            overdue += c.status == CHC_CLOCK_BREACHED;
        }
    }
    if (open_overdue)
        *open_overdue = overdue;
    return kpi_evaluate(num, den, KPI_TARGET_CHC_28_DAYS, out, err);
}

int kpi_chc_acute_setting(const struct kpi_chc_assessment *a, size_t n,
                          struct kpi_result *out, struct domain_error *err)
{
    int64_t num = 0;
    for (size_t i = 0; i < n; i++)
        num += a[i].acute_setting != 0;
    return kpi_evaluate(num, (int64_t)n, KPI_TARGET_CHC_ACUTE_SETTING, out, err);
}

int kpi_first_contact_resolution(const struct kpi_contact *c, size_t n,
                                 struct kpi_result *out, struct domain_error *err)
{
    int64_t num = 0, den = 0;
    for (size_t i = 0; i < n; i++) {
        switch (c[i].outcome) {
        case KPI_CONTACT_OPEN:
            break;
        case KPI_CONTACT_INFORMATION_ADVICE:
        case KPI_CONTACT_SIGNPOSTED:
            num++;
            den++;
            break;
        case KPI_CONTACT_REFERRED:
            den++;
            break;
        default:
            return fail_item(err, DOMAIN_EINVAL, "contacts", i, "outcome",
                             "is not a contact outcome");
        }
    }
    return kpi_evaluate(num, den, KPI_TARGET_FIRST_CONTACT, out, err);
}

/* Whether one referral counts (*counted) and met its standard (*met).
 * Crisis compares seconds; urgent and routine compare UK civil dates with
 * the deadline date (answered any time on that day is in time). */
static int referral_outcome(const struct kpi_referral *r, int64_t now,
                            int32_t routine_days, const struct date_holidays *h,
                            int *counted, int *met, struct domain_error *err)
{
    int64_t at = r->responded ? r->responded_at : now;
    *counted = 1;
    if (r->urgency == KPI_URGENCY_CRISIS) {
        *met = r->responded && at - r->received_at <= KPI_CRISIS_SECONDS;
        if (!r->responded && at - r->received_at <= KPI_CRISIS_SECONDS)
            *counted = 0;
        return DOMAIN_OK;
    }
    struct date due;
    int32_t days = r->urgency == KPI_URGENCY_URGENT ? 1 : routine_days;
    int rc = date_add_working_days(h, timestamp_uk_date(r->received_at), days, &due, err);
    if (rc != DOMAIN_OK)
        return rc;
    int in_time = date_compare(timestamp_uk_date(at), due) <= 0;
    *met = r->responded && in_time;
    if (!r->responded && in_time)
        *counted = 0;
    return DOMAIN_OK;
}

int kpi_referral_responses(const struct kpi_referral *r, size_t n, int64_t now,
                           const struct kpi_response_policy *policy,
                           const struct date_holidays *holidays,
                           struct kpi_target target, struct kpi_result *out,
                           struct domain_error *err)
{
    if (!policy || policy->routine_working_days < 1 || policy->routine_working_days > 260)
        return domain_fail(err, DOMAIN_EINVAL, "routine_working_days",
                           "must be 1 to 260 working days");
    if (now < TIMESTAMP_MIN || now > TIMESTAMP_MAX)
        return domain_fail(err, DOMAIN_EINVAL, "now", "is out of range");
    int64_t num = 0, den = 0;
    for (size_t i = 0; i < n; i++) {
        const struct kpi_referral *k = &r[i];
        if ((unsigned)k->urgency > KPI_URGENCY_ROUTINE)
            return fail_item(err, DOMAIN_EINVAL, "referrals", i, "urgency",
                             "must be crisis, urgent or routine");
        if (k->received_at < TIMESTAMP_MIN || k->received_at > now)
            return fail_item(err, DOMAIN_EINVAL, "referrals", i, "received_at",
                             "is out of range or in the future");
        if (k->responded && (k->responded_at < k->received_at || k->responded_at > now))
            return fail_item(err, DOMAIN_EINVAL, "referrals", i, "responded_at",
                             "is before the referral was received or in the future");
        int counted, met;
        int rc = referral_outcome(k, now, policy->routine_working_days, holidays,
                                  &counted, &met, err);
        if (rc != DOMAIN_OK)
            return rc;
        den += counted;
        num += met;
    }
    return kpi_evaluate(num, den, target, out, err);
}
