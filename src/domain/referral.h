/* referral: the single referral point (domain.md §4).
 *
 * Vocabularies (API names): source gp | ward | 111 | family | self | team |
 * other; urgency crisis | urgent | routine; consent given | refused |
 * best_interests (the person lacks capacity and the referral is made in
 * their best interests); route crisis_response | reablement | neighbourhood
 * | social_care_assessment | chc | signposting.
 *
 * Response standard, counted from when the referral was received (the same
 * definition as kpi_referral_responses): crisis within 2 hours; urgent by
 * the end of the next working day; routine by the end of the N-th working
 * day (configurable, default 10). "End of day" is 23:59:59 UK time.
 *
 * Queue state at `now`: breached when now is past the due time; due_soon
 * when a crisis has 30 minutes or less left, or an urgent or routine one is
 * due within 24 hours; otherwise on_time.
 *
 * Life cycle: received (at the front door) —triage→ triaged (with the
 * receiving team) —accept→ accepted; —decline→ received again (returned to
 * the front door, with the reason). Triage to signposting closes the
 * referral at once as first-contact resolution (closed).
 *
 * The front door keeps sight of what it triaged until it is accepted
 * (issue #14 item 15): while a referral waits with a team, the front door
 * may take it back and send it on (reroute: triaged → triaged with another
 * team, or closed by signposting). A triaged referral past its due time
 * and still not accepted is escalated: it goes to the receiving team's
 * managers' work list (referral_escalated). */
#ifndef SEAMLESS_REFERRAL_H
#define SEAMLESS_REFERRAL_H
#include <stdint.h>
#include "domain/dates.h"
#include "domain/domain_error.h"

enum referral_urgency { REFERRAL_CRISIS, REFERRAL_URGENT, REFERRAL_ROUTINE };
enum referral_route {
    ROUTE_CRISIS_RESPONSE, ROUTE_REABLEMENT, ROUTE_NEIGHBOURHOOD, ROUTE_SOCIAL_CARE_ASSESSMENT, ROUTE_CHC,
    ROUTE_SIGNPOSTING, ROUTE_COUNT
};
enum referral_status { REFERRAL_RECEIVED, REFERRAL_TRIAGED, REFERRAL_ACCEPTED, REFERRAL_CLOSED };
enum referral_action { REFERRAL_TRIAGE, REFERRAL_ACCEPT, REFERRAL_DECLINE, REFERRAL_REROUTE };
enum referral_queue_state { QUEUE_ON_TIME, QUEUE_DUE_SOON, QUEUE_BREACHED };

#define REFERRAL_CRISIS_SECONDS 7200
#define REFERRAL_ROUTINE_DAYS_DEFAULT 10

/* Each returns the enum value, or a negative DOMAIN_* naming `field`. */
int referral_source_check(const char *s, const char *field, struct domain_error *err);
MUST_CHECK int referral_urgency_parse(const char *s, const char *field, struct domain_error *err);
int referral_consent_check(const char *s, const char *field, struct domain_error *err);
MUST_CHECK int referral_route_parse(const char *s, const char *field, struct domain_error *err);
const char *referral_urgency_name(enum referral_urgency u);
const char *referral_route_name(enum referral_route r);
const char *referral_route_label(enum referral_route r);   /* "Crisis response" … */
const char *referral_status_name(enum referral_status s);
const char *referral_queue_state_name(enum referral_queue_state s);

/* The due time (seconds since the epoch) of a referral received at
 * received_at. routine_days 1..260. DOMAIN_ERANGE (field "holidays") when
 * the bank-holiday table does not cover the dates. */
int referral_due(enum referral_urgency u, int64_t received_at, int routine_days,
                 const struct date_holidays *h, int64_t *due_at, struct domain_error *err);
/* referral_due that never refuses a referral for a missing bank-holiday
 * year: when the tables do not cover a year the due time needs, it counts
 * that year's weekends and known holidays only and sets *estimated = 1 (the
 * caller says so beside the due time); otherwise *estimated = 0. A NULL h
 * means the built-in table. Other errors as referral_due. */
int referral_due_or_estimate(enum referral_urgency u, int64_t received_at, int routine_days,
                             const struct date_holidays *h, int64_t *due_at, int *estimated,
                             struct domain_error *err);
enum referral_queue_state referral_queue_state(enum referral_urgency u, int64_t due_at, int64_t now);

/* The status after action from status, or DOMAIN_EINVAL naming "status"
 * when the action is not allowed then. Triage (and reroute) to signposting
 * closes. */
int referral_next_status(enum referral_status from, enum referral_action a, enum referral_route route,
                         enum referral_status *to, struct domain_error *err);

/* 1 when a referral in status `s` due at due_at is escalated at `now`:
 * still waiting for the receiving team (triaged) and past its due time
 * (now > due_at, the same instant the queue calls it breached). */
int referral_escalated(enum referral_status s, int64_t due_at, int64_t now);

/* Trusted assessment (domain.md §1, §11): a staff member is a trusted
 * assessor for a team's service when that service accepts their
 * assessment without repeating it. When the receiving team accepts a
 * referral, the person is assessed again (REASSESS_REQUIRED) unless the
 * one who referred is a trusted assessor for that team, or an assessment
 * attached to the referral (a transfer of care from hospital carries the
 * discharge assessment) was made by one and is still current
 * (REASSESS_SKIPPED_TRUSTED). An assessor trusted by the team but no
 * assessment attached, or one too old (referral_assessment_current),
 * counts for nothing: there is nothing to accept. Each argument is 0 or 1. */
enum referral_reassessment { REASSESS_REQUIRED, REASSESS_SKIPPED_TRUSTED };
enum referral_reassessment referral_reassessment(int referrer_trusted, int assessment_attached,
                                                 int assessment_current, int assessor_trusted);

/* How old an attached assessment may be for a trusted assessor's
 * assessment to be accepted without a repeat. A person's needs change
 * quickly in hospital, so only a recent assessment stands; domain.md gives
 * no figure, so Seamless picks 7 days (an assessment made within the last
 * week, as discharge-to-assess teams usually ask), configurable per server
 * (`seamless serve --trusted-assessment-days N`, 1 to 90). */
#define TRUSTED_ASSESSMENT_DAYS_DEFAULT 7
#define TRUSTED_ASSESSMENT_DAYS_MAX 90
/* 0 when an assessment made on `assessed` is current on `today`: at most
 * max_days whole days earlier (made today: 0 days old; max_days days ago:
 * current; one day more: too old). max_days outside 1..90 means the
 * default. DOMAIN_EINVAL naming "assessed_on" when it is after today or
 * too old (the message says how old and the limit). */
MUST_CHECK int referral_assessment_current(struct date assessed, struct date today, int max_days,
                                           struct domain_error *err);
/* "required" | "skipped_trusted_assessor" (referrals.reassessment). */
const char *referral_reassessment_name(enum referral_reassessment r);

#endif
