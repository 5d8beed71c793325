/* discharge: see discharge.h for the contract and sources. */
#include "domain/discharge.h"
#include <string.h>

/* The reason list, grouped by the categories of NHS England's weekly
 * "reasons for discharge delay" collection (awaiting assessment, hospital
 * processes, pathway 1, 2 and 3 capacity, choice, housing, equipment,
 * transport, medicines, legal and safeguarding, funding and disputes, and
 * other). The codes are Seamless's own stable identifiers (the national
 * collection numbers its codes and has renumbered them; a trust maps its
 * return from the category and label). The same rows are stored as data in
 * the discharge_delay_reasons table (migration 015); a unit test keeps the
 * two identical.
 *
 * Default attribution follows who commissions the missing service: NHS for
 * NHS beds, hospital processes, transport, medicines, NHS CHC; social care
 * for council-arranged care, housing (council duty) and council-led
 * safeguarding and DoLS; both where either side may be waiting (joint
 * assessment, funding, equipment — community equipment is usually jointly
 * commissioned — choice and disputes). A case may override it. */
#define R(code, cat, label, sector) {code, label, DISCHARGE_SECTOR_##sector, cat}
static const struct discharge_reason reasons[] = {
    R("awaiting_assessment", "assessment", "Awaiting completion of assessment", BOTH),
    R("awaiting_social_care_assessment", "assessment", "Awaiting social care (Care Act) assessment", SOCIAL_CARE),
    R("awaiting_therapy_assessment", "assessment", "Awaiting therapy assessment", NHS),
    R("awaiting_mental_health_assessment", "assessment", "Awaiting mental health assessment", NHS),
    R("awaiting_chc_assessment", "assessment", "Awaiting NHS Continuing Healthcare checklist or assessment", NHS),
    R("awaiting_mental_capacity_assessment", "assessment", "Awaiting mental capacity assessment", BOTH),
    R("awaiting_medical_decision", "hospital_process", "Awaiting a medical decision or review", NHS),
    R("awaiting_diagnostics", "hospital_process", "Awaiting a test or its result", NHS),
    R("awaiting_discharge_summary", "hospital_process", "Awaiting discharge letter or paperwork", NHS),
    R("awaiting_referral", "hospital_process", "Referral to the next service not yet made", NHS),
    R("infection_control", "hospital_process", "Awaiting infection control clearance", NHS),
    R("awaiting_reablement", "pathway_1", "Awaiting reablement or intermediate care at home", BOTH),
    R("awaiting_care_package", "pathway_1", "Awaiting start of a care package at home", SOCIAL_CARE),
    R("awaiting_care_package_restart", "pathway_1", "Awaiting restart of a care package", SOCIAL_CARE),
    R("awaiting_community_health", "pathway_1", "Awaiting community nursing or therapy at home", NHS),
    R("awaiting_rehab_bed", "pathway_2", "Awaiting community hospital or rehabilitation bed", NHS),
    R("awaiting_step_down_bed", "pathway_2", "Awaiting a step-down or intermediate care bed", BOTH),
    R("awaiting_care_home", "pathway_3", "Awaiting residential care home placement", SOCIAL_CARE),
    R("awaiting_nursing_home", "pathway_3", "Awaiting nursing home placement", BOTH),
    R("awaiting_care_home_assessment", "pathway_3", "Awaiting the care home's own assessment", BOTH),
    R("awaiting_hospice", "pathway_3", "Awaiting hospice or end-of-life care", NHS),
    R("family_choice", "choice", "Patient or family choice", BOTH),
    R("choosing_care_home", "choice", "Patient or family choosing a care home", BOTH),
    R("declined_offer", "choice", "Patient or family declined the service offered", BOTH),
    R("housing", "housing", "Awaiting housing", SOCIAL_CARE),
    R("homeless", "housing", "No home to go to (homelessness)", SOCIAL_CARE),
    R("home_not_ready", "housing", "Home not ready (heating, cleaning, key safe)", SOCIAL_CARE),
    R("equipment", "equipment", "Awaiting community equipment or adaptations", BOTH),
    R("awaiting_home_adaptations", "equipment", "Awaiting major adaptations to the home", SOCIAL_CARE),
    R("awaiting_transport", "transport", "Awaiting transport", NHS),
    R("awaiting_family_transport", "transport", "Awaiting family or carer to collect", BOTH),
    R("awaiting_medicines", "medicines", "Awaiting medicines to take out", NHS),
    R("awaiting_medicines_support", "medicines", "Awaiting help with medicines at home", BOTH),
    R("safeguarding", "legal", "Awaiting safeguarding decision", SOCIAL_CARE),
    R("legal_dols", "legal", "Awaiting legal or DoLS / Court of Protection decision", SOCIAL_CARE),
    R("awaiting_funding_decision", "funding", "Awaiting public funding decision", BOTH),
    R("dispute", "funding", "Dispute between organisations or with the family", BOTH),
    R("awaiting_repatriation", "other", "Awaiting transfer to another hospital", NHS),
};
#undef R
#define REASON_COUNT (sizeof reasons / sizeof reasons[0])

int discharge_pathway_check(int pathway, struct domain_error *err)
{
    if (pathway < DISCHARGE_PATHWAY_MIN || pathway > DISCHARGE_PATHWAY_MAX)
        return domain_fail(err, DOMAIN_EINVAL, "pathway", "must be 0, 1, 2 or 3");
    return DOMAIN_OK;
}

static const struct {
    const char *kind, *route, *label;
    unsigned pathways;   /* bit n: fits pathway n */
} transfers[] = {
    {"reablement", "reablement", "Reablement at home", 1u << 1},
    {"care_act_assessment", "social_care_assessment", "Social care assessment", (1u << 1) | (1u << 2) | (1u << 3)},
    {"care_home", "social_care_assessment", "Care home placement", 1u << 3},
    {"community_health", "neighbourhood", "Community nursing or therapy", (1u << 1) | (1u << 2)},
    {"chc_checklist", "chc", "NHS Continuing Healthcare checklist", (1u << 1) | (1u << 2) | (1u << 3)},
    {"chc_fast_track", "chc", "NHS Continuing Healthcare Fast Track", (1u << 1) | (1u << 2) | (1u << 3)},
};

static int transfer_index(const char *kind)
{
    for (int i = 0; kind && i < (int)(sizeof transfers / sizeof transfers[0]); i++)
        if (strcmp(kind, transfers[i].kind) == 0)
            return i;
    return -1;
}

int discharge_transfer_check(int pathway, const char *kind, struct domain_error *err)
{
    int i = transfer_index(kind);
    if (i < 0)
        return domain_fail(err, kind && *kind ? DOMAIN_EINVAL : DOMAIN_EMISSING, "kind",
                           "must be reablement, care_act_assessment, care_home, community_health, chc_checklist "
                           "or chc_fast_track");
    if (pathway < 0)
        return domain_fail(err, DOMAIN_EMISSING, "pathway", "choose the pathway before a transfer of care");
    if (pathway == 0)
        return domain_fail(err, DOMAIN_EINVAL, "pathway", "pathway 0 (home without new support) needs no transfer");
    if (pathway > DISCHARGE_PATHWAY_MAX)
        return domain_fail(err, DOMAIN_EINVAL, "pathway", "must be 0, 1, 2 or 3");
    if (!(transfers[i].pathways & (1u << pathway)))
        return domain_fail(err, DOMAIN_EINVAL, "kind", "does not fit the person's pathway");
    return DOMAIN_OK;
}

const char *discharge_transfer_route(const char *kind)
{
    int i = transfer_index(kind);
    return i < 0 ? NULL : transfers[i].route;
}

const char *discharge_transfer_label(const char *kind)
{
    int i = transfer_index(kind);
    return i < 0 ? "Unknown" : transfers[i].label;
}

const char *discharge_transfer_status_label(const char *status)
{
    static const char *const words[][2] = {
        {"open", "Waiting for the receiving team"},
        {"accepted", "Accepted by the receiving team"},
        {"declined", "Declined: back with the front door"},
        {"closed", "Closed"},
    };
    for (size_t i = 0; status && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(status, words[i][0]) == 0)
            return words[i][1];
    return "Unknown";
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

int discharge_sector_parse(const char *s, const char *field, enum discharge_sector *out,
                           struct domain_error *err)
{
    static const enum discharge_sector all[] = {DISCHARGE_SECTOR_NHS, DISCHARGE_SECTOR_SOCIAL_CARE,
                                                DISCHARGE_SECTOR_BOTH};
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field, "is required");
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (strcmp(s, discharge_sector_name(all[i])) == 0) {
            *out = all[i];
            return DOMAIN_OK;
        }
    }
    return domain_fail(err, DOMAIN_EINVAL, field, "must be nhs, social_care or both");
}

const char *discharge_sector_label(enum discharge_sector sector)
{
    switch (sector) {
    case DISCHARGE_SECTOR_NHS: return "NHS";
    case DISCHARGE_SECTOR_SOCIAL_CARE: return "Social care";
    case DISCHARGE_SECTOR_BOTH: return "NHS and social care";
    }
    return "Unknown";
}

const char *discharge_category_label(const char *category)
{
    static const char *const labels[][2] = {
        {"assessment", "Awaiting assessment"},
        {"hospital_process", "Hospital processes"},
        {"pathway_1", "Awaiting pathway 1 (home with support)"},
        {"pathway_2", "Awaiting pathway 2 (bed-based rehabilitation)"},
        {"pathway_3", "Awaiting pathway 3 (care home)"},
        {"choice", "Patient or family choice"},
        {"housing", "Housing"},
        {"equipment", "Equipment and adaptations"},
        {"transport", "Transport"},
        {"medicines", "Medicines"},
        {"legal", "Legal and safeguarding"},
        {"funding", "Funding and disputes"},
        {"other", "Other"},
    };
    for (size_t i = 0; category && i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i][0], category) == 0)
            return labels[i][1];
    return "Other";
}

int discharge_ready_date(const struct discharge_review *reviews, size_t n, struct date *drd,
                         int *has, struct domain_error *err)
{
    *has = 0;
    for (size_t i = 0; i < n; i++) {
        if (!date_is_valid(reviews[i].on) || (i > 0 && date_compare(reviews[i].on, reviews[i - 1].on) < 0))
            return domain_fail(err, DOMAIN_EINVAL, "reviews[i].on",
                               "review %zu is not a valid date in order", i);
        if (reviews[i].meets) {
            *has = 0;
        } else if (!*has) {
            *has = 1;
            *drd = reviews[i].on;
        }
    }
    return DOMAIN_OK;
}

int discharge_stay_check(struct date admitted, const struct date *drd, const struct date *discharged,
                         struct date today, struct domain_error *err)
{
    if (date_compare(admitted, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "admitted_on", "is after today");
    if (drd && date_compare(*drd, admitted) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "discharge_ready_date", "is before the admission");
    if (drd && date_compare(*drd, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "discharge_ready_date", "is after today");
    if (discharged && date_compare(*discharged, admitted) < 0)
        return domain_fail(err, DOMAIN_EINVAL, "discharged_on", "is before the admission");
    if (discharged && date_compare(*discharged, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "discharged_on", "is after today");
    return DOMAIN_OK;
}

/* The end (exclusive) of the delayed days: the discharge date or today. */
static int delay_end(const struct date *discharged, struct date today, struct date *end,
                     struct domain_error *err)
{
    if (discharged && date_compare(*discharged, today) > 0)
        return domain_fail(err, DOMAIN_EINVAL, "discharge_date", "is after today");
    *end = discharged ? *discharged : today;
    return DOMAIN_OK;
}

int discharge_delay_split(struct date ready, const struct date *discharged, struct date today,
                          const struct date *from, size_t n, int32_t *days_out, int32_t *unrecorded,
                          struct domain_error *err)
{
    struct date end = today;
    if (delay_end(discharged, today, &end, err) != DOMAIN_OK)
        return DOMAIN_EINVAL;
    for (size_t i = 1; i < n; i++)
        if (date_compare(from[i], from[i - 1]) < 0)
            return domain_fail(err, DOMAIN_EINVAL, "reasons[i].from", "reason %zu is out of order", i);
    int32_t lo = date_to_days(ready), hi = date_to_days(end);   /* delayed: [lo, hi) */
    if (hi < lo)
        hi = lo;
    int32_t first = n ? date_to_days(from[0]) : hi;
    *unrecorded = (first > lo ? (first < hi ? first : hi) : lo) - lo;
    for (size_t i = 0; i < n; i++) {
        int32_t a = date_to_days(from[i]);
        int32_t b = i + 1 < n ? date_to_days(from[i + 1]) : hi;
        if (a < lo)
            a = lo;
        if (b > hi)
            b = hi;
        days_out[i] = b > a ? b - a : 0;
    }
    return DOMAIN_OK;
}

int discharge_delay_days_within(struct date ready, const struct date *discharged, struct date today,
                                struct date first, struct date last, int32_t *days,
                                struct domain_error *err)
{
    struct date end = today;
    if (delay_end(discharged, today, &end, err) != DOMAIN_OK)
        return DOMAIN_EINVAL;
    int32_t lo = date_to_days(ready), hi = date_to_days(end);
    int32_t a = date_to_days(first), b = date_to_days(last) + 1;
    if (a > lo)
        lo = a;
    if (b < hi)
        hi = b;
    *days = hi > lo ? hi - lo : 0;
    return DOMAIN_OK;
}
