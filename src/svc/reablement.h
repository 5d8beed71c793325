/* svc/reablement: Home First reablement episodes and their outcome
 * measures (domain/reablement.h), HTTP-free.
 *
 * An episode is started for a person the caller has a legitimate
 * relationship with (audited with its basis), optionally linked to the
 * hospital stay it follows; it is ended with an outcome. The measures are
 * aggregates per month of discharge: still at home 91 days after discharge
 * into reablement, and readmission within 30 days, each as numerator over
 * denominator (pending cases in neither), with a percentage for display
 * (kpi.h rounding). Moves into a care home are not recorded yet, so the
 * 91-day measure counts death and readmission only. */
#ifndef SEAMLESS_SVC_REABLEMENT_H
#define SEAMLESS_SVC_REABLEMENT_H
#include "svc/svc.h"

struct reablement_input {
    const char *person_id, *stay_id, *start_on, *planned_end_on;   /* planned end default: start + 42 days */
};
int svc_reablement_start(struct svc_ctx *c, const struct reablement_input *in, char *id);
/* Ends the episode: ended_on, outcome; care_home_on (optional, NULL/"")
 * the date the person moved into a care home (not before the start, not
 * after today): it counts against "still at home at day 91". */
int svc_reablement_end(struct svc_ctx *c, const char *id, const char *ended_on, const char *outcome,
                       const char *care_home_on);
/* month "YYYY-MM": {month, at_home_91: {numerator, denominator, pending,
 * percent}, readmitted_30: {…}}. */
int svc_reablement_measures(struct svc_ctx *c, const char *month, json_t **out);

#endif
