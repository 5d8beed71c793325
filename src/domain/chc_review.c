#include "domain/chc_review.h"
#include <string.h>

static const char *const state_names[] = {"scheduled", "due_soon", "overdue"};
static const char *const outcome_names[CHC_REVIEW_OUTCOMES] = {"no_change", "plan_changed",
                                                               "eligibility_reassessment"};
static const char *const outcome_labels[CHC_REVIEW_OUTCOMES] = {
    "Needs met, no change to the care",
    "Care and support plan changed",
    "Needs have changed: a new eligibility assessment is needed",
};

const char *chc_review_state_name(enum chc_review_state s)
{
    return (unsigned)s < 3 ? state_names[s] : "scheduled";
}

int chc_review_due(struct date decided_on, const struct date *last_review, struct date *due,
                   struct domain_error *err)
{
    if (!last_review)
        return date_add_months(decided_on, CHC_REVIEW_FIRST_MONTHS, due, err);
    if (date_compare(*last_review, decided_on) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "reviewed_on", "is before the eligibility decision");
    return date_add_months(*last_review, CHC_REVIEW_THEN_MONTHS, due, err);
}

enum chc_review_state chc_review_state_on(struct date due, struct date today)
{
    int32_t left = date_diff_days(today, due);
    if (left < 0)
        return CHC_REVIEW_OVERDUE;
    return left <= CHC_REVIEW_DUE_SOON_DAYS ? CHC_REVIEW_DUE_SOON : CHC_REVIEW_SCHEDULED;
}

int chc_review_check_date(struct date decided_on, const struct date *last_review, struct date reviewed_on,
                          struct date today, struct domain_error *err)
{
    if (date_compare(reviewed_on, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "reviewed_on", "is in the future");
    if (date_compare(reviewed_on, decided_on) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "reviewed_on", "is before the eligibility decision");
    if (last_review && date_compare(reviewed_on, *last_review) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "reviewed_on", "is before the last review");
    return DOMAIN_OK;
}

int chc_review_outcome_parse(const char *s, const char *field, enum chc_review_outcome *out,
                             struct domain_error *err)
{
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field,
                           "Select the outcome of the review");
    for (int i = 0; i < CHC_REVIEW_OUTCOMES; i++)
        if (strcmp(s, outcome_names[i]) == 0) {
            *out = (enum chc_review_outcome)i;
            return DOMAIN_OK;
        }
    return domain_fail(err, DOMAIN_EINVAL, field, "Select the outcome of the review");
}

const char *chc_review_outcome_name(enum chc_review_outcome o)
{
    return (unsigned)o < CHC_REVIEW_OUTCOMES ? outcome_names[o] : "";
}

const char *chc_review_outcome_label(enum chc_review_outcome o)
{
    return (unsigned)o < CHC_REVIEW_OUTCOMES ? outcome_labels[o] : "";
}
