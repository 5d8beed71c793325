/* dispute: see dispute.h for the contract and the pinned deadline rules. */
#include "domain/dispute.h"
#include <stdio.h>
#include <string.h>

static const char *const stage_names[DISPUTE_STAGE_COUNT] = {
    "case_leads", "managers", "senior_officers", "arbitration",
};

static int stage_ok(enum dispute_stage s)
{
    return s >= DISPUTE_STAGE_CASE_LEADS && s <= DISPUTE_STAGE_ARBITRATION;
}

struct dispute_policy dispute_policy_default(void)
{
    struct dispute_policy p = {{10, 10, 20, 30}};
    return p;
}

int dispute_policy_check(const struct dispute_policy *p, struct domain_error *err)
{
    for (int i = 0; i < DISPUTE_STAGE_COUNT; i++) {
        if (p->working_days[i] < 1 || p->working_days[i] > DISPUTE_MAX_WORKING_DAYS) {
            char field[64];
            snprintf(field, sizeof field, "working_days.%s", stage_names[i]);
            return domain_fail(err, DOMAIN_EINVAL, field,
                               "must be 1 to %d working days",
                               DISPUTE_MAX_WORKING_DAYS);
        }
    }
    return DOMAIN_OK;
}

int dispute_stage_status(enum dispute_stage stage, struct date started,
                         struct date today, const struct dispute_policy *policy,
                         const struct date_holidays *holidays,
                         struct dispute_status *out, struct domain_error *err)
{
    struct dispute_policy def = dispute_policy_default();
    const struct dispute_policy *p = policy ? policy : &def;
    if (!stage_ok(stage))
        return domain_fail(err, DOMAIN_EINVAL, "stage", "is not a dispute stage");
    int rc = dispute_policy_check(p, err);
    if (rc != DOMAIN_OK)
        return rc;
    if (date_compare(started, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "stage_started_on", "is after today");
    struct dispute_status s;
    s.stage = stage;
    rc = date_add_working_days(holidays, started, p->working_days[stage - 1],
                               &s.deadline, err);
    if (rc != DOMAIN_OK)
        return rc;
    rc = date_count_working_days(holidays, today, s.deadline, &s.working_days_left, err);
    if (rc != DOMAIN_OK)
        return rc;
    s.overdue = date_compare(today, s.deadline) > 0;
    s.next = stage == DISPUTE_STAGE_ARBITRATION ? DISPUTE_STAGE_NONE
                                                : (enum dispute_stage)(stage + 1);
    *out = s;
    return DOMAIN_OK;
}

const char *dispute_stage_name(enum dispute_stage stage)
{
    return stage_ok(stage) ? stage_names[stage - 1] : "none";
}

int dispute_stage_parse(const char *s, const char *field,
                        enum dispute_stage *out, struct domain_error *err)
{
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field, "is required");
    for (int i = 0; i < DISPUTE_STAGE_COUNT; i++) {
        if (strcmp(stage_names[i], s) == 0) {
            *out = (enum dispute_stage)(i + 1);
            return DOMAIN_OK;
        }
    }
    return domain_fail(err, DOMAIN_EINVAL, field,
                       "must be case_leads, managers, senior_officers or arbitration");
}

int dispute_settle(enum dispute_funder interim, int64_t weekly, struct date from, struct date to,
                   struct jf_split split, struct dispute_settlement *out, struct domain_error *err)
{
    if (interim != DISPUTE_FUNDER_NHS && interim != DISPUTE_FUNDER_COUNCIL)
        return domain_fail(err, DOMAIN_EINVAL, "interim_funder", "must be the NHS or the council");
    struct dispute_settlement s;
    int rc = jf_reconcile(weekly, from, to, split, &s.r, err);
    if (rc != DOMAIN_OK)
        return rc;
    s.council_owes_nhs = interim == DISPUTE_FUNDER_NHS ? s.r.council : -s.r.nhs;
    *out = s;
    return DOMAIN_OK;
}
