/* kpi: joint outcome measures with their numerator, denominator and target.
 *
 * domain.md §4, §7, §12. Every measure reports numerator AND denominator;
 * a denominator of 0 is "no data" (KPI_NO_DATA), never 0% and never "met".
 * Percentages are for display only, in basis points (8012 = 80.12%) or
 * tenths (801 = 80.1%), rounded half up. Whether a target is met is decided
 * exactly (numerator * 10000 against target * denominator), never from the
 * rounded figure: 80.004% is above 80%.
 *
 * Targets pinned here (seed targets from domain.md):
 *  - CHC decisions within 28 days of ICB receipt: MORE THAN 80% (strictly:
 *    800/1000 = 80.0% is NOT met, 801/1000 = 80.1% is met). National
 *    Framework for NHS CHC (2022) / NHS England CHC standard.
 *    Counted over decided cases (decision - receipt <= 28 days is within);
 *    undecided cases are not in the denominator, as in NHS England's
 *    quarterly CHC collection, but those already past day 28 are reported
 *    as open_overdue so they are not hidden.
 *  - CHC full assessments in an acute hospital setting: FEWER THAN 15%
 *    (strictly: 15.0% is not met).
 *  - First-contact resolution: AT LEAST 70% (a target stated as "70%" is
 *    read as "70% or better", so exactly 70.0% is met). Numerator: contacts
 *    closed at the front door with information/advice or signposting;
 *    denominator: contacts with an outcome (still-open contacts excluded).
 *  - Referral responses within their standard: crisis within 2 hours
 *    (responded_at - received_at <= 7200 s); urgent by the end of the next
 *    working day; routine within a configurable number of working days.
 *    Days are UK civil dates (Europe/London) of the timestamps; working
 *    days per domain/dates.h. Responded referrals count; an unanswered one
 *    counts (as a miss) once its deadline has passed at `now`, and is left
 *    out while it can still be met. No national target: caller passes one.
 * Pure: no allocation; inputs are caller arrays; errors name
 * "cases[i].…", "contacts[i].…", "referrals[i].…". */
#ifndef SEAMLESS_KPI_H
#define SEAMLESS_KPI_H

#include <stddef.h>
#include <stdint.h>
#include "domain/dates.h"
#include "domain/domain_error.h"

enum kpi_compare {
    KPI_ABOVE,      /* value > target */
    KPI_AT_LEAST,   /* value >= target */
    KPI_BELOW,      /* value < target */
    KPI_AT_MOST,    /* value <= target */
};

struct kpi_target {
    enum kpi_compare compare;
    int32_t basis_points;   /* 0..10000 */
};

#define KPI_TARGET_CHC_28_DAYS ((struct kpi_target){KPI_ABOVE, 8000})
#define KPI_TARGET_CHC_ACUTE_SETTING ((struct kpi_target){KPI_BELOW, 1500})
#define KPI_TARGET_FIRST_CONTACT ((struct kpi_target){KPI_AT_LEAST, 7000})

enum kpi_status { KPI_NO_DATA, KPI_MET, KPI_NOT_MET };

/* Counts are at most KPI_MAX_COUNT so the exact comparison fits in int64. */
#define KPI_MAX_COUNT INT64_C(100000000000000)

struct kpi_result {
    int64_t numerator, denominator;
    enum kpi_status status;
    int32_t percent_bp;       /* rounded; 0 when no data */
    int32_t percent_tenths;   /* rounded; 0 when no data */
};

/* 1 and *out set when den > 0; 0 ("no data") when den == 0. num/den >= 0. */
int kpi_percent_bp(int64_t num, int64_t den, int32_t *out);
int kpi_percent_tenths(int64_t num, int64_t den, int32_t *out);
/* Fills out from the counts and target. Errors ("numerator",
 * "denominator", "target"): negative, numerator > denominator, counts over
 * KPI_MAX_COUNT, target outside 0..10000 or unknown comparison. */
int kpi_evaluate(int64_t num, int64_t den, struct kpi_target target,
                 struct kpi_result *out, struct domain_error *err);
/* "80.1%" or "no data" into out (at least 16 bytes). */
void kpi_format_percent(const struct kpi_result *r, char *out, size_t size);
/* "no_data", "met", "not_met". */
const char *kpi_status_name(enum kpi_status s);

/* CHC 28-day measure. */
struct kpi_chc_case {
    struct date received;     /* ICB received the positive Checklist/referral */
    int decided;
    struct date decided_on;   /* when decided */
};
int kpi_chc_28_days(const struct kpi_chc_case *cases, size_t n, struct date today,
                    struct kpi_result *out, int64_t *open_overdue,
                    struct domain_error *err);

/* CHC acute-setting measure: one record per full assessment (DST). */
struct kpi_chc_assessment {
    int acute_setting;        /* 1 when carried out in an acute hospital */
};
int kpi_chc_acute_setting(const struct kpi_chc_assessment *a, size_t n,
                          struct kpi_result *out, struct domain_error *err);

/* First-contact resolution. */
enum kpi_contact_outcome {
    KPI_CONTACT_OPEN,               /* no outcome yet: excluded */
    KPI_CONTACT_INFORMATION_ADVICE, /* closed at the front door */
    KPI_CONTACT_SIGNPOSTED,         /* closed at the front door */
    KPI_CONTACT_REFERRED,           /* passed to a service */
};
struct kpi_contact {
    enum kpi_contact_outcome outcome;
};
int kpi_first_contact_resolution(const struct kpi_contact *c, size_t n,
                                 struct kpi_result *out, struct domain_error *err);

/* Referral responses. */
enum kpi_urgency { KPI_URGENCY_CRISIS, KPI_URGENCY_URGENT, KPI_URGENCY_ROUTINE };
#define KPI_CRISIS_SECONDS 7200
struct kpi_referral {
    enum kpi_urgency urgency;
    int64_t received_at;      /* seconds since epoch (UTC) */
    int responded;
    int64_t responded_at;
};
struct kpi_response_policy {
    int32_t routine_working_days;   /* 1..260 */
};
int kpi_referral_responses(const struct kpi_referral *r, size_t n, int64_t now,
                           const struct kpi_response_policy *policy,
                           const struct date_holidays *holidays,
                           struct kpi_target target, struct kpi_result *out,
                           struct domain_error *err);

#endif
