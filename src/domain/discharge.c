/* discharge: see discharge.h for the contract and sources. */
#include "domain/discharge.h"
#include <string.h>

/* Default attribution follows who commissions the missing service: NHS for
 * NHS beds, transport, medicines; social care for council-arranged care,
 * housing (council duty) and council-led safeguarding and DoLS; both where
 * either side may be waiting (assessment, funding, equipment — community
 * equipment is usually jointly commissioned — choice and disputes). */
static const struct discharge_reason reasons[] = {
    {"awaiting_assessment", "Awaiting completion of assessment", DISCHARGE_SECTOR_BOTH},
    {"awaiting_funding_decision", "Awaiting public funding decision", DISCHARGE_SECTOR_BOTH},
    {"awaiting_rehab_bed", "Awaiting community hospital or rehabilitation bed",
     DISCHARGE_SECTOR_NHS},
    {"awaiting_reablement", "Awaiting reablement or intermediate care at home",
     DISCHARGE_SECTOR_BOTH},
    {"awaiting_care_package", "Awaiting start of a care package at home",
     DISCHARGE_SECTOR_SOCIAL_CARE},
    {"awaiting_care_package_restart", "Awaiting restart of a care package",
     DISCHARGE_SECTOR_SOCIAL_CARE},
    {"awaiting_care_home", "Awaiting residential care home placement",
     DISCHARGE_SECTOR_SOCIAL_CARE},
    {"awaiting_nursing_home", "Awaiting nursing home placement", DISCHARGE_SECTOR_BOTH},
    {"awaiting_hospice", "Awaiting hospice or end-of-life care", DISCHARGE_SECTOR_NHS},
    {"equipment", "Awaiting community equipment or adaptations", DISCHARGE_SECTOR_BOTH},
    {"housing", "Awaiting housing", DISCHARGE_SECTOR_SOCIAL_CARE},
    {"family_choice", "Patient or family choice", DISCHARGE_SECTOR_BOTH},
    {"dispute", "Dispute between organisations or with the family", DISCHARGE_SECTOR_BOTH},
    {"safeguarding", "Awaiting safeguarding decision", DISCHARGE_SECTOR_SOCIAL_CARE},
    {"legal_dols", "Awaiting legal or DoLS / Court of Protection decision",
     DISCHARGE_SECTOR_SOCIAL_CARE},
    {"awaiting_transport", "Awaiting transport", DISCHARGE_SECTOR_NHS},
    {"awaiting_medicines", "Awaiting medicines to take out", DISCHARGE_SECTOR_NHS},
};
#define REASON_COUNT (sizeof reasons / sizeof reasons[0])

int discharge_pathway_check(int pathway, struct domain_error *err)
{
    if (pathway < DISCHARGE_PATHWAY_MIN || pathway > DISCHARGE_PATHWAY_MAX)
        return domain_fail(err, DOMAIN_EINVAL, "pathway", "must be 0, 1, 2 or 3");
    return DOMAIN_OK;
}

const char *discharge_pathway_label(int pathway)
{
    static const char *const labels[] = {
        "Home without new support", "Home with support",
        "Bed-based rehabilitation", "Care home",
    };
    if (pathway < DISCHARGE_PATHWAY_MIN || pathway > DISCHARGE_PATHWAY_MAX)
        return "unknown";
    return labels[pathway];
}

int discharge_delay_days(struct date ready, const struct date *discharged,
                         struct date today, int32_t *days,
                         struct domain_error *err)
{
    struct date end = today;
    if (discharged) {
        if (date_compare(*discharged, today) > 0)
            return domain_fail(err, DOMAIN_EINVAL, "discharge_date",
                               "is after today");
        end = *discharged;
    }
    int32_t d = date_diff_days(ready, end);
    *days = d > 0 ? d : 0;
    return DOMAIN_OK;
}

const struct discharge_reason *discharge_reasons(size_t *count)
{
    *count = REASON_COUNT;
    return reasons;
}

int discharge_reason_parse(const char *code, const struct discharge_reason **out,
                           struct domain_error *err)
{
    if (!code || !*code)
        return domain_fail(err, DOMAIN_EMISSING, "delay_reason", "is required");
    for (size_t i = 0; i < REASON_COUNT; i++) {
        if (strcmp(reasons[i].code, code) == 0) {
            *out = &reasons[i];
            return DOMAIN_OK;
        }
    }
    return domain_fail(err, DOMAIN_EINVAL, "delay_reason",
                       "is not a known delay reason code");
}

const char *discharge_sector_name(enum discharge_sector sector)
{
    switch (sector) {
    case DISCHARGE_SECTOR_NHS: return "nhs";
    case DISCHARGE_SECTOR_SOCIAL_CARE: return "social_care";
    case DISCHARGE_SECTOR_BOTH: return "both";
    }
    return "unknown";
}
