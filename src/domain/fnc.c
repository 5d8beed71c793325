/* fnc: see fnc.h for the contract and the sources of the rates. */
#include "domain/fnc.h"
#include <string.h>

static const struct fnc_rate rates[] = {
    {{2024, 4, 1}, 23588, 32450},   /* 2024/25: £235.88, higher £324.50 */
    {{2025, 4, 1}, 25406, 34950},   /* 2025/26: £254.06, higher £349.50 */
    {{2026, 4, 1}, 26768, 36824},   /* 2026/27: £267.68, higher £368.24 */
};
#define RATE_COUNT (sizeof rates / sizeof rates[0])

const struct fnc_rate *fnc_rate_in_force(struct date on)
{
    const struct fnc_rate *found = NULL;
    for (size_t i = 0; i < RATE_COUNT; i++)
        if (date_compare(rates[i].from, on) <= 0)
            found = &rates[i];
    return found;
}

struct date fnc_latest_from(void)
{
    return rates[RATE_COUNT - 1].from;
}

int fnc_weekly_rate(struct date on, enum fnc_band band, const char *field,
                    int64_t *pence, struct domain_error *err)
{
    if (band != FNC_BAND_STANDARD && band != FNC_BAND_HIGHER)
        return domain_fail(err, DOMAIN_EINVAL, "band",
                           "must be standard or higher");
    const struct fnc_rate *r = fnc_rate_in_force(on);
    if (!r)
        return domain_fail(err, DOMAIN_EINVAL, field,
                           "is before 2024-04-01, the earliest FNC rate held");
    *pence = band == FNC_BAND_HIGHER ? r->higher_pence : r->standard_pence;
    return DOMAIN_OK;
}

int fnc_band_parse(const char *s, const char *field, enum fnc_band *out,
                   struct domain_error *err)
{
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field, "is required");
    if (strcmp(s, "standard") == 0)
        *out = FNC_BAND_STANDARD;
    else if (strcmp(s, "higher") == 0)
        *out = FNC_BAND_HIGHER;
    else
        return domain_fail(err, DOMAIN_EINVAL, field,
                           "must be standard or higher");
    return DOMAIN_OK;
}

const char *fnc_band_name(enum fnc_band band)
{
    return band == FNC_BAND_HIGHER ? "higher" : "standard";
}

static const char *const RESIDENCES[] = {"care_home_with_nursing", "care_home_without_nursing", "own_home",
                                         "hospital"};

int fnc_residence_parse(const char *s, const char *field, enum fnc_residence *out, struct domain_error *err)
{
    for (int i = 0; s && i < (int)(sizeof RESIDENCES / sizeof RESIDENCES[0]); i++)
        if (strcmp(s, RESIDENCES[i]) == 0) {
            *out = (enum fnc_residence)i;
            return 0;
        }
    return domain_fail(err, DOMAIN_EINVAL, field, "Select where the person lives");
}

int fnc_residence_check(enum fnc_residence r, const char *field, struct domain_error *err)
{
    if (r == FNC_RESIDENCE_CARE_HOME_WITH_NURSING)
        return 0;
    return domain_fail(err, DOMAIN_EINVAL, field,
                       "NHS-funded nursing care is paid only for a person living in a care home with nursing");
}
