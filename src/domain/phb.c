#include "domain/phb.h"
#include <string.h>

static const char *const names[PHB_MANAGEMENTS] = {"direct_payment", "notional", "third_party"};
static const char *const labels[PHB_MANAGEMENTS] = {"Direct payment to the person",
                                                   "Notional budget held by the ICB",
                                                   "Third-party budget"};

int phb_management_parse(const char *s, const char *field, enum phb_management *out, struct domain_error *err)
{
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field, "Select how the budget is managed");
    for (int i = 0; i < PHB_MANAGEMENTS; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (enum phb_management)i;
            return DOMAIN_OK;
        }
    return domain_fail(err, DOMAIN_EINVAL, field, "Select how the budget is managed");
}

const char *phb_management_name(enum phb_management m)
{
    return (unsigned)m < PHB_MANAGEMENTS ? names[m] : "";
}

const char *phb_management_label(enum phb_management m)
{
    return (unsigned)m < PHB_MANAGEMENTS ? labels[m] : "";
}

int phb_check(const struct phb_request *r, struct domain_error *err)
{
    if (!r->case_eligible)
        return domain_fail(err, DOMAIN_EINVAL, "case",
                           "a personal health budget for CHC needs an eligibility decision of eligible");
    if (!r->care_at_home)
        return domain_fail(err, DOMAIN_EINVAL, "care_setting",
                           "a CHC personal health budget is for care at home");
    if (r->weekly_pence <= 0)
        return domain_fail(err, DOMAIN_EINVAL, "weekly_amount_pence", "must be more than zero");
    if (r->weekly_pence > PHB_WEEKLY_MAX_PENCE)
        return domain_fail(err, DOMAIN_EINVAL, "weekly_amount_pence", "is more than £50,000 a week: check the amount");
    if (r->management == PHB_THIRD_PARTY && (!r->held_by || !*r->held_by))
        return domain_fail(err, DOMAIN_EMISSING, "held_by", "name the organisation that holds a third-party budget");
    if (date_compare(r->start_on, r->decided_on) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "start_on", "is before the eligibility decision");
    return DOMAIN_OK;
}
