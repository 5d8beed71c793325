/* reablement: see reablement.h for the contract and sources. */
#include "domain/reablement.h"
#include <stddef.h>
#include <string.h>

static const char *const names[] = {"no_ongoing_support", "reduced_support", "long_term_support",
                                    "readmitted", "died"};
static const char *const labels[] = {"No ongoing support", "Reduced support", "Long-term support",
                                     "Readmitted to hospital", "Died"};
#define OUTCOMES (sizeof names / sizeof names[0])

int reablement_outcome_parse(const char *s, enum reablement_outcome *out, struct domain_error *err)
{
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, "outcome", "is required");
    for (size_t i = 0; i < OUTCOMES; i++) {
        if (strcmp(names[i], s) == 0) {
            *out = (enum reablement_outcome)i;
            return DOMAIN_OK;
        }
    }
    return domain_fail(err, DOMAIN_EINVAL, "outcome", "is not a known reablement outcome");
}

const char *reablement_outcome_name(enum reablement_outcome o)
{
    return (size_t)o < OUTCOMES ? names[o] : "unknown";
}

const char *reablement_outcome_label(enum reablement_outcome o)
{
    return (size_t)o < OUTCOMES ? labels[o] : "Unknown";
}

int reablement_episode_check(struct date start, struct date planned_end, const struct date *ended,
                             struct date today, int *over_usual, struct domain_error *err)
{
    *over_usual = 0;
    if (date_compare(start, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "start_on", "is after today");
    if (date_compare(planned_end, start) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "planned_end_on", "is before the start");
    if (ended && date_compare(*ended, start) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "ended_on", "is before the start");
    if (ended && date_compare(*ended, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "ended_on", "is after today");
    *over_usual = date_diff_days(start, planned_end) > REABLEMENT_USUAL_DAYS;
    return DOMAIN_OK;
}

static int on_or_before(const struct date *d, struct date limit)
{
    return d && date_compare(*d, limit) <= 0;
}

int reablement_at_home_91(const struct at_home_facts *f, struct date today, enum measure_state *out,
                          struct domain_error *err)
{
    if (date_compare(f->discharged, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "discharged", "is after today");
    if (date_diff_days(f->discharged, today) < REABLEMENT_AT_HOME_DAYS) {
        *out = MEASURE_PENDING;
        return DOMAIN_OK;
    }
    struct date day91 = date_from_days(date_to_days(f->discharged) + REABLEMENT_AT_HOME_DAYS);
    /* In hospital on day 91: admitted on or before it and not discharged
     * before it (discharged on day 91 itself: the day was spent there). */
    int in_hospital = on_or_before(f->readmitted_on, day91) &&
                      !(f->readmission_discharged_on &&
                        date_compare(*f->readmission_discharged_on, day91) < 0);
    int away = on_or_before(f->died_on, day91) || on_or_before(f->care_home_on, day91) || in_hospital;
    *out = away ? MEASURE_DENOMINATOR : MEASURE_NUMERATOR;
    return DOMAIN_OK;
}

int readmission_30(struct date discharged, const struct date *next_admission, struct date today,
                   enum measure_state *out, struct domain_error *err)
{
    if (date_compare(discharged, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "discharged", "is after today");
    if (next_admission && date_compare(*next_admission, discharged) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "next_admission", "is before the discharge");
    if (next_admission && date_diff_days(discharged, *next_admission) <= REABLEMENT_READMISSION_DAYS) {
        *out = MEASURE_NUMERATOR;
        return DOMAIN_OK;
    }
    *out = date_diff_days(discharged, today) > REABLEMENT_READMISSION_DAYS ? MEASURE_DENOMINATOR
                                                                           : MEASURE_PENDING;
    return DOMAIN_OK;
}

const char *measure_state_name(enum measure_state s)
{
    switch (s) {
    case MEASURE_PENDING: return "pending";
    case MEASURE_NUMERATOR: return "numerator";
    case MEASURE_DENOMINATOR: return "denominator";
    }
    return "unknown";
}
