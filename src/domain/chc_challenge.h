/* chc_challenge: the person's challenge to an NHS CHC eligibility decision
 * (separate from an inter-agency dispute, domain/dispute.h).
 *
 * Source: National Framework for NHS Continuing Healthcare and NHS-funded
 * Nursing Care (July 2022), "Reviews of eligibility decisions" and NHS
 * England's Independent Review guidance:
 *   1. Local resolution with the ICB: the person (or their representative)
 *      asks within 6 months of the date of the ICB's decision letter.
 *   2. Independent review by NHS England: only after local resolution has
 *      concluded (and not in the person's favour), asked within 6 months of
 *      the date of the local resolution outcome letter.
 * A request after the 6 months is not void: the ICB (or NHS England) may
 * accept it at its discretion, so a late request needs that acceptance and
 * its reason on the record rather than being refused outright.
 * How long the ICB takes over local resolution is local policy; the seed
 * target here is 3 calendar months from the request
 * (CHC_LOCAL_RESOLUTION_TARGET_MONTHS), reported as overdue after that.
 * After an independent review the person may still complain to the
 * Parliamentary and Health Service Ombudsman — outside this record.
 * Pure: no allocation. Errors name the API fields. */
#ifndef SEAMLESS_CHC_CHALLENGE_H
#define SEAMLESS_CHC_CHALLENGE_H
#include "domain/dates.h"
#include "domain/domain_error.h"

#define CHC_CHALLENGE_REQUEST_MONTHS 6
#define CHC_LOCAL_RESOLUTION_TARGET_MONTHS 3
#define CHC_LATE_REASON_MIN 10

enum chc_challenge_stage { CHC_STAGE_LOCAL_RESOLUTION, CHC_STAGE_INDEPENDENT_REVIEW, CHC_STAGES };
enum chc_challenge_outcome { CHC_CHALLENGE_UPHELD, CHC_CHALLENGE_NOT_UPHELD, CHC_CHALLENGE_WITHDRAWN,
                             CHC_CHALLENGE_OUTCOMES };

/* "local_resolution" | "independent_review"; "upheld" | "not_upheld" | "withdrawn". */
MUST_CHECK int chc_challenge_stage_parse(const char *s, const char *field, enum chc_challenge_stage *out,
                              struct domain_error *err);
const char *chc_challenge_stage_name(enum chc_challenge_stage s);
const char *chc_challenge_stage_label(enum chc_challenge_stage s);
MUST_CHECK int chc_challenge_outcome_parse(const char *s, const char *field, enum chc_challenge_outcome *out,
                                struct domain_error *err);
const char *chc_challenge_outcome_name(enum chc_challenge_outcome o);

struct chc_challenge_request {
    enum chc_challenge_stage stage;
    struct date letter_on;       /* decision letter (stage 1) or local resolution outcome letter (stage 2) */
    struct date requested_on;
    struct date today;
    int late_accepted;           /* the ICB / NHS England accepts a request after the deadline */
    const char *late_reason;     /* why (required with late_accepted) */
};

struct chc_challenge_check {
    struct date deadline;        /* last day to ask: letter_on + 6 months */
    int late;                    /* requested after the deadline (and accepted) */
};

/* Checks a request. DOMAIN_EINVAL naming "requested_on" when before the
 * letter, in the future, or after the deadline without late_accepted;
 * "late_reason" when late_accepted has no reason of CHC_LATE_REASON_MIN
 * characters. */
int chc_challenge_check_request(const struct chc_challenge_request *r, struct chc_challenge_check *out,
                                struct domain_error *err);

/* An independent review may be asked for only when the person's local
 * resolution has concluded not upheld. has_local: a local resolution exists;
 * local_outcome its outcome (ignored when !local_concluded). DOMAIN_EINVAL
 * naming "stage" otherwise. */
int chc_challenge_may_escalate(int has_local, int local_concluded, enum chc_challenge_outcome local_outcome,
                               struct domain_error *err);

/* The local resolution's target date (requested_on + 3 months) and whether
 * an open one is overdue on today. */
struct date chc_local_resolution_target(struct date requested_on);
int chc_local_resolution_overdue(struct date requested_on, struct date today);

#endif
