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
    const char *category; /* e.g. "pathway_3"; see discharge_category_label */
};

/* One criteria-to-reside review: on that date the person did (meets = 1) or
 * did not (meets = 0) meet the criteria to reside. */
struct discharge_review {
    struct date on;
    int meets;
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
MUST_CHECK int discharge_reason_parse(const char *code, const struct discharge_reason **out,
                           struct domain_error *err);
/* "nhs", "social_care", "both". */
const char *discharge_sector_name(enum discharge_sector sector);
/* Parses "nhs", "social_care", "both"; else DOMAIN_EINVAL naming field. */
MUST_CHECK int discharge_sector_parse(const char *s, const char *field, enum discharge_sector *out,
                           struct domain_error *err);
/* "NHS", "Social care", "NHS and social care". */
const char *discharge_sector_label(enum discharge_sector sector);
/* "Awaiting assessment" for "assessment" etc.; "Other" when unknown. */
const char *discharge_category_label(const char *category);

/* Transfers of care from a stay (issue 16 §5; Hospital Discharge and
 * Community Support Guidance, pathways 1–3): what the receiving service is
 * asked to do, by API name — "reablement" (Home First reablement or
 * intermediate care at home), "care_act_assessment" (a social care
 * assessment), "care_home" (a care home placement), "community_health"
 * (community nursing or therapy, at home or in a rehabilitation bed),
 * "chc_checklist", "chc_fast_track" — and the referral point's route that
 * receives each (reablement; social_care_assessment for an assessment and
 * for a placement, which the council arranges; neighbourhood; chc).
 * Which fit which pathway (pinned): pathway 0 needs none (home without new
 * support: DOMAIN_EINVAL naming "pathway"); pathway 1 (home with support):
 * reablement, care_act_assessment, community_health, CHC; pathway 2
 * (bed-based rehabilitation): community_health, care_act_assessment, CHC;
 * pathway 3 (care home): care_home, care_act_assessment, CHC. A kind that
 * does not fit is DOMAIN_EINVAL naming "kind"; an unknown kind too; no
 * pathway yet (-1) is DOMAIN_EMISSING naming "pathway". */
int discharge_transfer_check(int pathway, const char *kind, struct domain_error *err);
/* The referral route for a kind (NULL when unknown); its words
 * ("Reablement at home" …; "Unknown"). */
const char *discharge_transfer_route(const char *kind);
const char *discharge_transfer_label(const char *kind);
/* A transfer of care follows its referral (svc/referral_actions.h):
 * "open" (waiting for the receiving team), "accepted", "declined" (back
 * with the front door to be sent on) or "closed". Words for the board and
 * the stay; "Unknown" for anything else. */
const char *discharge_transfer_status_label(const char *status);

/* The discharge ready date from the criteria-to-reside reviews, which must
 * be in date order ("reviews[i].on" otherwise). PRN00603 ("New Discharge
 * Ready Date"): the DRD is the date the person stops meeting the criteria
 * to reside. Pinned: it is the first "does not meet" review of the latest
 * unbroken run of them — a person who meets the criteria again (became
 * unwell) has no DRD until the next "does not meet", which starts a new
 * one. *has is 0 when the latest review is "meets" or there is none. */
int discharge_ready_date(const struct discharge_review *reviews, size_t n, struct date *drd,
                         int *has, struct domain_error *err);

/* The dates of one stay against each other and today. Fields named:
 * "admitted_on" after today; "discharge_ready_date" before admission or
 * after today; "discharged_on" before admission or after today. drd and
 * discharged may be NULL. */
int discharge_stay_check(struct date admitted, const struct date *drd, const struct date *discharged,
                         struct date today, struct domain_error *err);

/* Delay days split by the reason in force on each delayed day, so that the
 * parts add up exactly to discharge_delay_days. Delayed days are the dates
 * ready, ready+1, …, end-1 where end is the discharge date (or today);
 * so a person discharged the day after the DRD has one delayed day, the
 * DRD itself. A reason recorded with `from` applies from that date until
 * the next one's `from`; days before the first reason are *unrecorded.
 * from[] must be in order ("reasons[i].from" otherwise); a later reason
 * with the same from replaces the earlier (which gets 0 days). days_out
 * has n entries. */
int discharge_delay_split(struct date ready, const struct date *discharged, struct date today,
                          const struct date *from, size_t n, int32_t *days_out, int32_t *unrecorded,
                          struct domain_error *err);
/* Delayed days (as above) that fall in first..last inclusive, e.g. one
 * month of the joint outcomes report. 0 when last < first. */
int discharge_delay_days_within(struct date ready, const struct date *discharged, struct date today,
                                struct date first, struct date last, int32_t *days,
                                struct domain_error *err);

#endif
