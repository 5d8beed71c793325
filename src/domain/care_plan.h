/* care_plan: pure rules for care and support plans and delegated tasks.
 *
 * domain.md §8: a worker may do a task that needs a competency only when
 * trained and assessed competent (an assessor, a date and an expiry);
 * assigning a task to a worker without a current competency is refused.
 * Every delegated health task has an accountable registered practitioner
 * and a review date; overdue reviews show up.
 *
 * Rules pinned here:
 *  - A competency holds from assessed_on to expires_on, both days included
 *    (expires_on is the last day it holds).
 *  - competency_cover: an assignment from..to (both included) is covered
 *    when every day lies within at least one of the worker's competencies
 *    for the task; renewals may chain (one ending on the 10th, the next
 *    assessed on the 11th: covered). The first uncovered day and the latest
 *    expiry before it (if any competency ran out) are reported.
 *  - care_plan_oversight_overdue: a review is overdue when its date is
 *    before today and fell on or before the assignment's last day (a review
 *    due after the task stopped being delegated is not owed).
 *  - Plan status: draft -> agreed -> active -> ended; agreed may go back to
 *    draft (to change it before it starts); draft and agreed may end
 *    (abandoned). Nothing leaves ended; no status goes to itself.
 *  - A registered health practitioner (who may be accountable for a
 *    delegated health task, and whose doing a health task is not delegation)
 *    is a registered nurse, GP, doctor, occupational therapist or
 *    physiotherapist (NMC, GMC, HCPC registers); social workers are
 *    registered (Social Work England) but not for health tasks.
 *  - Value for money (domain.md §8): call frequency, workforce skill mix,
 *    assistive technology and community resources are considered before
 *    care is commissioned, so a plan becomes active only when each has been
 *    recorded (non-blank text).
 *  - Training uptake: of the workers doing a task that needs a competency
 *    (an assignment running today), those who completed a course for that
 *    competency within the last 12 months (on or after today minus 12
 *    months, month ends clamped, and not after today). Numerator and
 *    denominator always; no data when nobody is assigned (domain/kpi.h).
 *  - care_plan_weekly_calls: calls per day x 7 or calls per week, 1..1000.
 * Pure: no allocation; results in caller-provided structs. */
#ifndef SEAMLESS_CARE_PLAN_H
#define SEAMLESS_CARE_PLAN_H

#include <stddef.h>
#include "domain/dates.h"
#include "domain/domain_error.h"

struct competency_span {
    struct date assessed_on;
    struct date expires_on;
};

struct competency_gap {
    struct date first_uncovered;   /* valid when not covered */
    int has_expiry;                /* some competency ran out before that day */
    struct date expired_on;        /* its expires_on, when has_expiry */
};

/* 1 when every day from..to lies within some span, 0 when not (gap filled),
 * DOMAIN_EINVAL when to is before from (field "to_on"). */
int competency_cover(const struct competency_span *spans, size_t n, struct date from, struct date to,
                     struct competency_gap *gap, struct domain_error *err);

/* 1 overdue, 0 not. */
int care_plan_oversight_overdue(struct date review_on, struct date assignment_to, struct date today);

enum care_plan_status { CARE_PLAN_DRAFT, CARE_PLAN_AGREED, CARE_PLAN_ACTIVE, CARE_PLAN_ENDED };

MUST_CHECK int care_plan_status_parse(const char *s, const char *field, enum care_plan_status *out, struct domain_error *err);
const char *care_plan_status_name(enum care_plan_status s);
/* 0 when from -> to is allowed, else DOMAIN_EINVAL with field "status". */
int care_plan_transition(enum care_plan_status from, enum care_plan_status to, struct domain_error *err);
/* Issue #14 item 4: a plan's status (agreeing, starting, ending it) is
 * changed only by the team that holds the plan — its practitioners and its
 * team managers — never by another organisation's staff who merely have a
 * relationship with the person, nor by finance, privacy, panel or board
 * accounts. Ending a plan needs a reason of at least
 * CARE_PLAN_END_REASON_MIN characters (after leading spaces). */
int care_plan_may_change_status(int in_holding_team, const char *role);
#define CARE_PLAN_END_REASON_MIN 10
/* 0 when the reason is long enough to end a plan; DOMAIN_EMISSING (field
 * "reason") otherwise. */
int care_plan_end_reason_check(const char *reason, struct domain_error *err);

/* The value-for-money considerations, in the order checked. */
#define CARE_PLAN_VFM_COUNT 4
extern const char *const care_plan_vfm_fields[CARE_PLAN_VFM_COUNT];
/* 0 when every answer (in care_plan_vfm_fields order) is recorded; else
 * DOMAIN_EMISSING naming the first one missing. */
int care_plan_vfm_check(const char *const answers[CARE_PLAN_VFM_COUNT], struct domain_error *err);

/* One worker-and-competency for the uptake measure. */
struct training_worker {
    int trained;                 /* a completed course is recorded */
    struct date last_completed;  /* its date, when trained */
};
/* Counts into *num / *den; percent in tenths into *tenths (0 when no data).
 * Returns 1 with data, 0 with none. */
int care_plan_training_uptake(const struct training_worker *w, size_t n, struct date today, long long *num,
                              long long *den, int *tenths);

/* 1 when profession is a registered health practitioner's (above). */
int care_plan_registered_health(const char *profession);
/* domain.md §8 (issue #14 item 3): a competency is recorded or renewed only
 * by a designated assessor — a registered health practitioner or a trainer
 * whom the delegating organisation's org admin has named for that
 * competency. 1 when the profession may be named; staff in other roles
 * (care workers, social workers, administrators, finance) may not. */
int care_plan_assessor_eligible(const char *profession);

/* Calls a week from a count "per" "day" or "week"; DOMAIN_EINVAL naming
 * "calls" (out of 1..1000 a week) or "per". */
int care_plan_weekly_calls(long long calls, const char *per, long long *weekly, struct domain_error *err);

#endif
