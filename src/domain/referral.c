#include "domain/referral.h"
#include <string.h>

static const char *const SOURCES[] = {"gp", "ward", "111", "family", "self", "team", "other"};
static const char *const URGENCIES[] = {"crisis", "urgent", "routine"};
static const char *const CONSENTS[] = {"given", "refused", "best_interests"};
static const char *const ROUTES[ROUTE_COUNT] = {"crisis_response", "reablement", "neighbourhood",
                                                "social_care_assessment", "chc", "signposting"};
static const char *const ROUTE_LABELS[ROUTE_COUNT] = {
    "Crisis response", "Reablement (home assessment and reablement team)", "Integrated neighbourhood team",
    "Social care assessment", "NHS Continuing Healthcare", "Information, advice or signposting"};
static const char *const STATUSES[] = {"received", "triaged", "accepted", "closed"};
static const char *const QUEUE_STATES[] = {"on_time", "due_soon", "breached"};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int lookup(const char *s, const char *const *names, int n, const char *field, const char *expect,
                  struct domain_error *err)
{
    if (!s || !*s)
        return domain_fail(err, DOMAIN_EMISSING, field, "is required: %s", expect);
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return domain_fail(err, DOMAIN_EINVAL, field, "must be one of %s", expect);
}

int referral_source_check(const char *s, const char *field, struct domain_error *err)
{
    return lookup(s, SOURCES, N(SOURCES), field, "gp, ward, 111, family, self, team, other", err);
}

int referral_urgency_parse(const char *s, const char *field, struct domain_error *err)
{
    return lookup(s, URGENCIES, N(URGENCIES), field, "crisis, urgent, routine", err);
}

int referral_consent_check(const char *s, const char *field, struct domain_error *err)
{
    return lookup(s, CONSENTS, N(CONSENTS), field, "given, refused, best_interests", err);
}

int referral_route_parse(const char *s, const char *field, struct domain_error *err)
{
    return lookup(s, ROUTES, ROUTE_COUNT, field,
                  "crisis_response, reablement, neighbourhood, social_care_assessment, chc, signposting", err);
}

const char *referral_urgency_name(enum referral_urgency u) { return (unsigned)u < 3 ? URGENCIES[u] : "?"; }
const char *referral_route_name(enum referral_route r) { return (unsigned)r < ROUTE_COUNT ? ROUTES[r] : "?"; }
const char *referral_route_label(enum referral_route r) { return (unsigned)r < ROUTE_COUNT ? ROUTE_LABELS[r] : "?"; }
const char *referral_status_name(enum referral_status s) { return (unsigned)s < 4 ? STATUSES[s] : "?"; }
const char *referral_queue_state_name(enum referral_queue_state s) { return (unsigned)s < 3 ? QUEUE_STATES[s] : "?"; }

/* 23:59:59 UK time on d, as seconds since the epoch. */
static int64_t uk_end_of_day(struct date d)
{
    int64_t t = (int64_t)date_to_days(d) * 86400 + 86399;
    if (date_compare(timestamp_uk_date(t), d) > 0)   /* British Summer Time: UTC+1 */
        t -= 3600;
    return t;
}

int referral_due(enum referral_urgency u, int64_t received_at, int routine_days,
                 const struct date_holidays *h, int64_t *due_at, struct domain_error *err)
{
    if (received_at < TIMESTAMP_MIN || received_at > TIMESTAMP_MAX)
        return domain_fail(err, DOMAIN_EINVAL, "received_at", "is out of range");
    if (u == REFERRAL_CRISIS) {
        *due_at = received_at + REFERRAL_CRISIS_SECONDS;
        return DOMAIN_OK;
    }
    if (u != REFERRAL_URGENT && u != REFERRAL_ROUTINE)
        return domain_fail(err, DOMAIN_EINVAL, "urgency", "must be crisis, urgent or routine");
    if (u == REFERRAL_ROUTINE && (routine_days < 1 || routine_days > 260))
        return domain_fail(err, DOMAIN_EINVAL, "routine_working_days", "must be 1 to 260 working days");
    struct date due;
    int rc = date_add_working_days(h, timestamp_uk_date(received_at), u == REFERRAL_URGENT ? 1 : routine_days,
                                   &due, err);
    if (rc != DOMAIN_OK)
        return rc;
    *due_at = uk_end_of_day(due);
    return DOMAIN_OK;
}

int referral_due_or_estimate(enum referral_urgency u, int64_t received_at, int routine_days,
                             const struct date_holidays *h, int64_t *due_at, int *estimated,
                             struct domain_error *err)
{
    struct date_holidays strict = h ? *h : (struct date_holidays){0};
    strict.estimate_uncovered = 0;
    *estimated = 0;
    struct domain_error e;
    int rc = referral_due(u, received_at, routine_days, &strict, due_at, &e);
    if (rc == DOMAIN_ERANGE && strcmp(e.field, "holidays") == 0) {
        strict.estimate_uncovered = 1;
        *estimated = 1;
        return referral_due(u, received_at, routine_days, &strict, due_at, err);
    }
    if (rc != DOMAIN_OK && err)
        *err = e;
    return rc;
}

enum referral_queue_state referral_queue_state(enum referral_urgency u, int64_t due_at, int64_t now)
{
    if (now > due_at)
        return QUEUE_BREACHED;
    int64_t left = due_at - now;
    if (u == REFERRAL_CRISIS ? left <= 1800 : left <= 86400)
        return QUEUE_DUE_SOON;
    return QUEUE_ON_TIME;
}

int referral_next_status(enum referral_status from, enum referral_action a, enum referral_route route,
                         enum referral_status *to, struct domain_error *err)
{
    static const char *const need[] = {"at the front door", "with a team waiting for an answer",
                                       "with a team waiting for an answer", "with a team waiting for an answer"};
    static const enum referral_status want[] = {REFERRAL_RECEIVED, REFERRAL_TRIAGED, REFERRAL_TRIAGED,
                                                REFERRAL_TRIAGED};
    if ((unsigned)a > REFERRAL_REROUTE)
        return domain_fail(err, DOMAIN_EINVAL, "action", "is not a referral action");
    if (from != want[a])
        return domain_fail(err, DOMAIN_EINVAL, "status", "the referral is %s, not %s",
                           referral_status_name(from), need[a]);
    if (a == REFERRAL_TRIAGE || a == REFERRAL_REROUTE) {
        if ((unsigned)route >= ROUTE_COUNT)
            return domain_fail(err, DOMAIN_EINVAL, "route", "is not a route");
        *to = route == ROUTE_SIGNPOSTING ? REFERRAL_CLOSED : REFERRAL_TRIAGED;
    } else {
        *to = a == REFERRAL_ACCEPT ? REFERRAL_ACCEPTED : REFERRAL_RECEIVED;
    }
    return DOMAIN_OK;
}

int referral_escalated(enum referral_status s, int64_t due_at, int64_t now)
{
    return s == REFERRAL_TRIAGED && now > due_at;
}

enum referral_reassessment referral_reassessment(int referrer_trusted, int assessment_attached,
                                                 int assessment_current, int assessor_trusted)
{
    if (referrer_trusted || (assessment_attached && assessment_current && assessor_trusted))
        return REASSESS_SKIPPED_TRUSTED;
    return REASSESS_REQUIRED;
}

int referral_assessment_current(struct date assessed, struct date today, int max_days, struct domain_error *err)
{
    if (max_days < 1 || max_days > TRUSTED_ASSESSMENT_DAYS_MAX)
        max_days = TRUSTED_ASSESSMENT_DAYS_DEFAULT;
    int32_t age = date_diff_days(assessed, today);
    if (age < 0)
        return domain_fail(err, DOMAIN_EINVAL, "assessed_on", "is in the future");
    if (age > max_days)
        return domain_fail(err, DOMAIN_EINVAL, "assessed_on",
                           "is %ld days ago: an assessment is accepted without a repeat only when it was made"
                           " in the last %d days; assess the person again or leave the assessment out",
                           (long)age, max_days);
    return 0;
}

const char *referral_reassessment_name(enum referral_reassessment r)
{
    return r == REASSESS_SKIPPED_TRUSTED ? "skipped_trusted_assessor" : "required";
}
