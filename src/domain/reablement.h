/* reablement: Home First reablement episodes and their outcome measures.
 *
 * Sources: domain.md §1, §11, §12; Care and Support (Eligibility Criteria)
 * and the Care Act statutory guidance (intermediate care and reablement
 * free for up to six weeks); ASCOF 2B(1) "proportion of older people who
 * were still at home 91 days after discharge from hospital into reablement
 * or rehabilitation services"; NHS Outcomes Framework 3b "emergency
 * readmissions within 30 days of discharge from hospital".
 *
 * An episode has a start, a planned end (usually start + 42 days; a longer
 * one is allowed but flagged by the caller), an actual end and an outcome.
 *
 * Measures (pinned), each a numerator over a denominator for kpi.h:
 *  - Still at home at day 91: D = the hospital discharge date into
 *    reablement; the person is counted once today >= D + 91 (before that
 *    the case is pending and in neither count). Numerator: at home on
 *    D + 91 — not died, not moved into a care home, and not in hospital on
 *    that date. An event dated D + 91 itself counts against (the person is
 *    not at home at the end of day 91); one dated D + 92 does not.
 *  - Readmission within 30 days: D = discharge date. A readmission dated
 *    D .. D + 30 is in the numerator (known at once, even before day 30
 *    ends); D + 31 or later is not. Without one, the case is pending until
 *    today >= D + 31, then in the denominator only. A death within the 30
 *    days without readmission stays in the denominator (the national
 *    indicator does not exclude it; noted for the joint outcome report).
 * Pure: no allocation. */
#ifndef SEAMLESS_REABLEMENT_H
#define SEAMLESS_REABLEMENT_H

#include <stdint.h>
#include "domain/dates.h"
#include "domain/domain_error.h"

#define REABLEMENT_USUAL_DAYS 42
#define REABLEMENT_AT_HOME_DAYS 91
#define REABLEMENT_READMISSION_DAYS 30

enum reablement_outcome {
    REABLEMENT_NO_ONGOING_SUPPORT,
    REABLEMENT_REDUCED_SUPPORT,
    REABLEMENT_LONG_TERM_SUPPORT,
    REABLEMENT_READMITTED,
    REABLEMENT_DIED,
};

/* "no_ongoing_support", "reduced_support", "long_term_support",
 * "readmitted", "died"; NULL/empty -> DOMAIN_EMISSING, else DOMAIN_EINVAL,
 * both naming "outcome". */
MUST_CHECK int reablement_outcome_parse(const char *s, enum reablement_outcome *out, struct domain_error *err);
const char *reablement_outcome_name(enum reablement_outcome o);
/* "No ongoing support" etc. */
const char *reablement_outcome_label(enum reablement_outcome o);

/* start <= planned_end ("planned_end_on"), start <= today ("start_on"),
 * ended (may be NULL) between start and today ("ended_on"). *over_usual is
 * 1 when the plan is longer than REABLEMENT_USUAL_DAYS. */
int reablement_episode_check(struct date start, struct date planned_end, const struct date *ended,
                             struct date today, int *over_usual, struct domain_error *err);

enum measure_state {
    MEASURE_PENDING,     /* not yet in the denominator */
    MEASURE_NUMERATOR,   /* in both */
    MEASURE_DENOMINATOR, /* in the denominator only */
};

struct at_home_facts {
    struct date discharged;        /* from hospital into reablement */
    const struct date *died_on;    /* each NULL when none */
    const struct date *care_home_on;
    const struct date *readmitted_on;             /* the latest admission on or before D+91 */
    const struct date *readmission_discharged_on; /* its discharge; NULL while still in */
};

/* Field errors: "discharged" after today. */
int reablement_at_home_91(const struct at_home_facts *f, struct date today, enum measure_state *out,
                          struct domain_error *err);
/* next_admission: the first admission on or after discharged, or NULL.
 * Errors: "next_admission" before the discharge, "discharged" after today. */
int readmission_30(struct date discharged, const struct date *next_admission, struct date today,
                   enum measure_state *out, struct domain_error *err);
const char *measure_state_name(enum measure_state s);

#endif
