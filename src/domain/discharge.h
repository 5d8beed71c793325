/* discharge: hospital discharge pathways, delay days, delay reasons.
 *
 * Sources: domain.md §11; Hospital discharge and community support guidance
 * (DHSC, 2022/2024) for pathways 0-3 and the discharge ready date (DRD);
 * NHS England's discharge delay data collection and the earlier Delayed
 * Transfers of Care (DToC) categories for the reasons and their sector.
 *
 * Pathways: 0 home without new support, 1 home with support, 2 bed-based
 * rehabilitation or reablement, 3 care home (usually long-term).
 *
 * Delay days (pinned): discharge date - DRD, never below 0 (discharged on
 * or before the DRD is 0). Not yet discharged: today - DRD so far, again
 * never below 0. A discharge date after today is refused ("discharge_date").
 *
 * Delay reasons: a fixed table of codes, each with a label and the sector a
 * delay is attributed to by default (nhs, social_care, or both). A local
 * team may record a different attribution per case; this is the starting
 * point. "Patient unwell" is deliberately absent: a person who is unwell
 * meets the criteria to reside and should have no DRD, so it is not a
 * discharge delay.
 * Pure: no allocation; the table is const and static. */
#ifndef SEAMLESS_DISCHARGE_H
#define SEAMLESS_DISCHARGE_H

#include <stddef.h>
#include <stdint.h>
#include "domain/dates.h"
#include "domain/domain_error.h"

#define DISCHARGE_PATHWAY_MIN 0
#define DISCHARGE_PATHWAY_MAX 3

enum discharge_sector {
    DISCHARGE_SECTOR_NHS,
    DISCHARGE_SECTOR_SOCIAL_CARE,
    DISCHARGE_SECTOR_BOTH,
};

struct discharge_reason {
    const char *code;    /* as the API spells it, e.g. "awaiting_care_home" */
    const char *label;   /* for people, e.g. "Awaiting care home placement" */
    enum discharge_sector sector;
};

/* 0 when pathway is 0..3, else DOMAIN_EINVAL with field "pathway". */
int discharge_pathway_check(int pathway, struct domain_error *err);
/* "Home without new support" etc.; "unknown" out of range. */
const char *discharge_pathway_label(int pathway);

/* Delay days as pinned above. discharged may be NULL (still in hospital). */
int discharge_delay_days(struct date ready, const struct date *discharged,
                         struct date today, int32_t *days,
                         struct domain_error *err);

/* The reason table, in display order. */
const struct discharge_reason *discharge_reasons(size_t *count);
/* Finds a reason by exact code. NULL/empty -> DOMAIN_EMISSING, unknown ->
 * DOMAIN_EINVAL; both name "delay_reason". */
int discharge_reason_parse(const char *code, const struct discharge_reason **out,
                           struct domain_error *err);
/* "nhs", "social_care", "both". */
const char *discharge_sector_name(enum discharge_sector sector);

#endif
