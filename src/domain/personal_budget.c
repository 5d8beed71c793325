/* personal_budget: see personal_budget.h for the rules and their sources. */
#include "domain/personal_budget.h"
#include <string.h>

int personal_budget_compute(int64_t council_weekly, int64_t person_weekly, int64_t contribution_weekly,
                            struct personal_budget *out, struct domain_error *err)
{
    if (council_weekly < 0 || person_weekly < 0 || council_weekly > INT64_MAX / PB_WEEKS_PER_YEAR / 2 ||
        person_weekly > INT64_MAX / PB_WEEKS_PER_YEAR / 2)
        return domain_fail(err, DOMAIN_ERANGE, "tasks", "the plan's shares are out of range");
    int64_t weekly = council_weekly + person_weekly;
    if (contribution_weekly < 0)
        return domain_fail(err, DOMAIN_EINVAL, "weekly_contribution_pence", "cannot be negative");
    if (contribution_weekly > weekly)
        return domain_fail(err, DOMAIN_EINVAL, "weekly_contribution_pence",
                           "cannot be more than the weekly personal budget (%lld pence): the person never pays "
                           "more than the cost of meeting their needs (Care Act s26)", (long long)weekly);
    out->council_weekly = council_weekly;
    out->person_weekly = person_weekly;
    out->weekly = weekly;
    out->annual = weekly * PB_WEEKS_PER_YEAR;
    out->contribution_weekly = contribution_weekly;
    out->council_pays_weekly = weekly - contribution_weekly;
    return DOMAIN_OK;
}

int dp_requester_parse(const char *s, const char *field, enum dp_requester *out, struct domain_error *err)
{
    if (s && strcmp(s, "person") == 0)
        *out = DP_BY_PERSON;
    else if (s && strcmp(s, "authorised_person") == 0)
        *out = DP_BY_AUTHORISED_PERSON;
    else
        return domain_fail(err, s && *s ? DOMAIN_EINVAL : DOMAIN_EMISSING, field,
                           "must be person or authorised_person");
    return DOMAIN_OK;
}

const char *dp_requester_name(enum dp_requester r)
{
    return r == DP_BY_AUTHORISED_PERSON ? "authorised_person" : "person";
}

/* s31 (capacity, the adult asks) and s32 (no capacity, an authorised person asks). */
static int dp_check_requester(const struct dp_request *r, struct domain_error *err)
{
    int named = r->authorised_person_name && *r->authorised_person_name;
    if (r->requested_by == DP_BY_PERSON && !r->has_capacity)
        return domain_fail(err, DOMAIN_EINVAL, "direct_payment.requested_by",
                           "an adult who lacks capacity to request a direct payment cannot request one: an "
                           "authorised person must (Care Act s32)");
    if (r->requested_by == DP_BY_AUTHORISED_PERSON && r->has_capacity)
        return domain_fail(err, DOMAIN_EINVAL, "direct_payment.requested_by",
                           "an adult with capacity requests the direct payment themselves (Care Act s31)");
    if (r->requested_by == DP_BY_AUTHORISED_PERSON && !named)
        return domain_fail(err, DOMAIN_EMISSING, "direct_payment.authorised_person_name",
                           "name the authorised person who requests the payment (Care Act s32)");
    return DOMAIN_OK;
}

int dp_check(const struct dp_request *r, const struct personal_budget *b, int64_t *amount,
             struct domain_error *err)
{
    int rc = dp_check_requester(r, err);
    if (rc != DOMAIN_OK)
        return rc;
    if (!r->able_to_manage)
        return domain_fail(err, DOMAIN_EINVAL, "direct_payment.able_to_manage",
                           "the council must be satisfied the recipient can manage the payment, with help if "
                           "needed (Care Act s31(4)/s32(4))");
    if (!r->appropriate)
        return domain_fail(err, DOMAIN_EINVAL, "direct_payment.appropriate",
                           "the council must be satisfied a direct payment is an appropriate way to meet the "
                           "needs (Care Act s31(4)/s32(4))");
    if (b->council_pays_weekly <= 0)
        return domain_fail(err, DOMAIN_EINVAL, "direct_payment",
                           "the person's contribution meets the whole budget: there is nothing to pay");
    *amount = b->council_pays_weekly;
    return DOMAIN_OK;
}

int dp_review_due(struct date first_payment, const struct date *last_review, struct date *due,
                  struct domain_error *err)
{
    if (last_review)
        return date_add_months(*last_review, DP_REVIEW_INTERVAL_MONTHS, due, err);
    return date_add_months(first_payment, DP_FIRST_REVIEW_MONTHS, due, err);
}

int dp_review_check_date(struct date first_payment, const struct date *last_review, struct date on,
                         struct date today, struct domain_error *err)
{
    if (date_compare(on, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "reviewed_on", "is in the future");
    if (date_compare(on, first_payment) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "reviewed_on", "is before the direct payment started");
    if (last_review && date_compare(on, *last_review) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "reviewed_on", "is before the last review");
    return DOMAIN_OK;
}

int dp_review_overdue(struct date due, struct date today)
{
    return date_compare(today, due) > 0;
}

int dp_review_outcome_check(const char *s, struct domain_error *err)
{
    if (s && (!strcmp(s, "continue") || !strcmp(s, "change") || !strcmp(s, "end")))
        return DOMAIN_OK;
    return domain_fail(err, s && *s ? DOMAIN_EINVAL : DOMAIN_EMISSING, "outcome", "must be continue, change or end");
}
