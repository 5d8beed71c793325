/* Unit tests for domain/referral: response standards at their edges (BST,
 * weekends, bank holidays), queue states at each boundary, the life cycle,
 * and every vocabulary. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/referral.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int64_t ts(const char *s)
{
    int64_t t;
    assert_int_equal(timestamp_parse(s, "t", &t, NULL), 0);
    return t;
}

static void due_times_follow_the_standard(void **state)
{
    (void)state;
    static const struct { const char *name; enum referral_urgency u; const char *received; int days; const char *due; } cases[] = {
        {"crisis: 2 hours", REFERRAL_CRISIS, "2026-11-20T10:00:00Z", 10, "2026-11-20T12:00:00Z"},
        {"crisis over midnight", REFERRAL_CRISIS, "2026-11-20T23:30:00Z", 10, "2026-11-21T01:30:00Z"},
        {"urgent Friday → end of Monday (GMT)", REFERRAL_URGENT, "2026-11-20T10:00:00Z", 10, "2026-11-23T23:59:59Z"},
        {"urgent Wednesday in BST → Thursday 23:59:59 BST", REFERRAL_URGENT, "2026-06-10T09:00:00Z", 10, "2026-06-11T22:59:59Z"},
        {"urgent 00:30 BST counts as the next UK day", REFERRAL_URGENT, "2026-06-10T23:30:00Z", 10, "2026-06-12T22:59:59Z"},
        {"urgent on Christmas Eve → after the bank holidays", REFERRAL_URGENT, "2026-12-24T10:00:00Z", 10, "2026-12-29T23:59:59Z"},
        {"urgent on Saturday → Monday", REFERRAL_URGENT, "2026-11-21T10:00:00Z", 10, "2026-11-23T23:59:59Z"},
        {"routine 10 working days", REFERRAL_ROUTINE, "2026-11-02T10:00:00Z", 10, "2026-11-16T23:59:59Z"},
        {"routine 1 working day", REFERRAL_ROUTINE, "2026-11-02T10:00:00Z", 1, "2026-11-03T23:59:59Z"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int64_t due = 0;
        struct domain_error err;
        assert_int_equal(referral_due(cases[i].u, ts(cases[i].received), cases[i].days, NULL, &due, &err), 0);
        char got[TIMESTAMP_STR_SIZE];
        timestamp_format(due, got);
        if (strcmp(got, cases[i].due) != 0)
            fail_msg("%s: due %s, want %s", cases[i].name, got, cases[i].due);
    }
}

static void due_rejects_bad_policy_and_uncovered_years(void **state)
{
    (void)state;
    int64_t due;
    struct domain_error err;
    assert_true(referral_due(REFERRAL_ROUTINE, ts("2026-11-02T10:00:00Z"), 0, NULL, &due, &err) < 0);
    assert_string_equal(err.field, "routine_working_days");
    assert_true(referral_due(REFERRAL_ROUTINE, ts("2026-11-02T10:00:00Z"), 261, NULL, &due, &err) < 0);
    assert_true(referral_due(REFERRAL_URGENT, ts("2031-03-03T10:00:00Z"), 10, NULL, &due, &err) < 0);
    assert_string_equal(err.field, "holidays");
    /* crisis needs no calendar */
    assert_int_equal(referral_due(REFERRAL_CRISIS, ts("2031-03-03T10:00:00Z"), 10, NULL, &due, &err), 0);
}

/* A referral is never refused for a missing bank-holiday year: the due time
 * is estimated from weekends (and known days) and flagged. */
static void due_is_estimated_when_a_year_is_not_covered(void **state)
{
    (void)state;
    static const struct {
        const char *name; enum referral_urgency u; const char *received; const char *due; int estimated;
    } cases[] = {
        {"covered: Christmas 2026 skipped, exact", REFERRAL_URGENT, "2026-12-24T10:00:00Z", "2026-12-29T23:59:59Z", 0},
        {"covered up to 31 Dec 2027: exact", REFERRAL_ROUTINE, "2027-12-10T10:00:00Z", "2027-12-24T23:59:59Z", 0},
        {"29 Feb 2028 routine: weekends only", REFERRAL_ROUTINE, "2028-02-29T09:00:00Z", "2028-03-14T23:59:59Z", 1},
        {"crosses into 2028: estimated", REFERRAL_ROUTINE, "2027-12-24T10:00:00Z", "2028-01-11T23:59:59Z", 1},
        {"crisis needs no calendar", REFERRAL_CRISIS, "2031-03-03T10:00:00Z", "2031-03-03T12:00:00Z", 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int64_t due = 0;
        int est = -1;
        struct domain_error err;
        assert_int_equal(referral_due_or_estimate(cases[i].u, ts(cases[i].received), 10, NULL, &due, &est, &err), 0);
        char got[TIMESTAMP_STR_SIZE];
        timestamp_format(due, got);
        if (strcmp(got, cases[i].due) != 0 || est != cases[i].estimated)
            fail_msg("%s: due %s estimated %d, want %s %d", cases[i].name, got, est, cases[i].due, cases[i].estimated);
    }
    int64_t due;
    int est;
    struct domain_error err;
    assert_true(referral_due_or_estimate(REFERRAL_ROUTINE, ts("2028-02-29T09:00:00Z"), 0, NULL, &due, &est, &err) < 0);
    assert_string_equal(err.field, "routine_working_days");
}

static void queue_state_at_each_boundary(void **state)
{
    (void)state;
    static const struct { enum referral_urgency u; int64_t left; enum referral_queue_state want; } cases[] = {
        {REFERRAL_CRISIS, 1801, QUEUE_ON_TIME},  {REFERRAL_CRISIS, 1800, QUEUE_DUE_SOON},
        {REFERRAL_CRISIS, 0, QUEUE_DUE_SOON},    {REFERRAL_CRISIS, -1, QUEUE_BREACHED},
        {REFERRAL_URGENT, 86401, QUEUE_ON_TIME}, {REFERRAL_URGENT, 86400, QUEUE_DUE_SOON},
        {REFERRAL_ROUTINE, 86400, QUEUE_DUE_SOON}, {REFERRAL_ROUTINE, -1, QUEUE_BREACHED},
    };
    int64_t now = 1800000000;
    for (size_t i = 0; i < N(cases); i++)
        if (referral_queue_state(cases[i].u, now + cases[i].left, now) != cases[i].want)
            fail_msg("case %zu: urgency %d with %lld s left", i, cases[i].u, (long long)cases[i].left);
}

static void life_cycle(void **state)
{
    (void)state;
    static const struct {
        enum referral_status from; enum referral_action a; enum referral_route route; int ok; enum referral_status to;
    } cases[] = {
        {REFERRAL_RECEIVED, REFERRAL_TRIAGE, ROUTE_REABLEMENT, 1, REFERRAL_TRIAGED},
        {REFERRAL_RECEIVED, REFERRAL_TRIAGE, ROUTE_SIGNPOSTING, 1, REFERRAL_CLOSED},
        {REFERRAL_RECEIVED, REFERRAL_TRIAGE, ROUTE_CHC, 1, REFERRAL_TRIAGED},
        {REFERRAL_TRIAGED, REFERRAL_ACCEPT, ROUTE_CHC, 1, REFERRAL_ACCEPTED},
        {REFERRAL_TRIAGED, REFERRAL_DECLINE, ROUTE_CHC, 1, REFERRAL_RECEIVED},
        {REFERRAL_RECEIVED, REFERRAL_ACCEPT, ROUTE_CHC, 0, 0},
        {REFERRAL_RECEIVED, REFERRAL_DECLINE, ROUTE_CHC, 0, 0},
        {REFERRAL_TRIAGED, REFERRAL_TRIAGE, ROUTE_CHC, 0, 0},
        {REFERRAL_ACCEPTED, REFERRAL_DECLINE, ROUTE_CHC, 0, 0},
        {REFERRAL_CLOSED, REFERRAL_TRIAGE, ROUTE_CHC, 0, 0},
        /* The front door takes back what waits with a team and sends it on. */
        {REFERRAL_TRIAGED, REFERRAL_REROUTE, ROUTE_NEIGHBOURHOOD, 1, REFERRAL_TRIAGED},
        {REFERRAL_TRIAGED, REFERRAL_REROUTE, ROUTE_SIGNPOSTING, 1, REFERRAL_CLOSED},
        {REFERRAL_RECEIVED, REFERRAL_REROUTE, ROUTE_CHC, 0, 0},
        {REFERRAL_ACCEPTED, REFERRAL_REROUTE, ROUTE_CHC, 0, 0},
        {REFERRAL_CLOSED, REFERRAL_REROUTE, ROUTE_CHC, 0, 0},
        {REFERRAL_TRIAGED, REFERRAL_REROUTE, ROUTE_COUNT, 0, 0},
        {REFERRAL_RECEIVED, REFERRAL_TRIAGE, ROUTE_COUNT, 0, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        enum referral_status to = REFERRAL_RECEIVED;
        struct domain_error err;
        int rc = referral_next_status(cases[i].from, cases[i].a, cases[i].route, &to, &err);
        if (cases[i].ok != (rc == 0) || (rc == 0 && to != cases[i].to))
            fail_msg("case %zu: rc %d to %d", i, rc, to);
    }
}

/* Escalation to the receiving team's managers: only a referral still
 * waiting for the team, and only once past its due time (the breach). */
static void escalation_at_each_boundary(void **state)
{
    (void)state;
    static const struct { enum referral_status s; int64_t past_due; int want; } cases[] = {
        {REFERRAL_TRIAGED, -1, 0},        /* a second before it is due */
        {REFERRAL_TRIAGED, 0, 0},         /* due this second: not yet breached */
        {REFERRAL_TRIAGED, 1, 1},         /* a second late */
        {REFERRAL_TRIAGED, 86400 * 30, 1},
        {REFERRAL_RECEIVED, 3600, 0},     /* at the front door: its own queue shows the breach */
        {REFERRAL_ACCEPTED, 3600, 0},
        {REFERRAL_CLOSED, 3600, 0},
    };
    int64_t due = 1800000000;
    for (size_t i = 0; i < N(cases); i++)
        if (referral_escalated(cases[i].s, due, due + cases[i].past_due) != cases[i].want)
            fail_msg("case %zu: status %d, %lld s past due", i, cases[i].s, (long long)cases[i].past_due);
}

static void vocabularies_name_the_field(void **state)
{
    (void)state;
    struct domain_error err;
    assert_int_equal(referral_route_parse("chc", "route", &err), ROUTE_CHC);
    assert_int_equal(referral_route_parse("signposting", "route", &err), ROUTE_SIGNPOSTING);
    assert_true(referral_route_parse("podiatry", "route", &err) < 0);
    assert_string_equal(err.field, "route");
    assert_true(referral_route_parse("", "route", &err) < 0);
    assert_int_equal(referral_urgency_parse("urgent", "urgency", &err), REFERRAL_URGENT);
    assert_true(referral_urgency_parse("URGENT", "urgency", &err) < 0);
    assert_int_equal(referral_source_check("111", "source", &err), 2);
    assert_true(referral_source_check("fax", "source", &err) < 0);
    assert_string_equal(err.field, "source");
    assert_int_equal(referral_consent_check("best_interests", "consent", &err), 2);
    assert_true(referral_consent_check(NULL, "consent", &err) < 0);
    for (int r = 0; r < ROUTE_COUNT; r++)
        assert_int_equal(referral_route_parse(referral_route_name((enum referral_route)r), "route", &err), r);
}

/* Every combination of the four facts: only a trusted referrer, or a
 * current attached assessment by a trusted assessor, spares the repeat. */
static void reassessment_by_trusted_assessor(void **state)
{
    (void)state;
    static const struct {
        int referrer_trusted, attached, current, assessor_trusted;
        enum referral_reassessment want;
    } cases[] = {
        {0, 0, 0, 0, REASSESS_REQUIRED},
        {0, 0, 0, 1, REASSESS_REQUIRED},          /* a trusted assessor, but no assessment to accept */
        {0, 1, 1, 0, REASSESS_REQUIRED},          /* an assessment by someone the team does not trust */
        {0, 1, 1, 1, REASSESS_SKIPPED_TRUSTED},   /* the transfer's assessment is accepted */
        {0, 1, 0, 1, REASSESS_REQUIRED},          /* trusted, but too old by now */
        {0, 1, 0, 0, REASSESS_REQUIRED},
        {1, 0, 0, 0, REASSESS_SKIPPED_TRUSTED},   /* the referrer is trusted */
        {1, 0, 0, 1, REASSESS_SKIPPED_TRUSTED},
        {1, 1, 1, 0, REASSESS_SKIPPED_TRUSTED},
        {1, 1, 0, 1, REASSESS_SKIPPED_TRUSTED},   /* the referrer's own word needs no attachment */
        {1, 1, 1, 1, REASSESS_SKIPPED_TRUSTED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (referral_reassessment(cases[i].referrer_trusted, cases[i].attached, cases[i].current,
                                  cases[i].assessor_trusted) != cases[i].want)
            fail_msg("case %zu", i);
    assert_string_equal(referral_reassessment_name(REASSESS_REQUIRED), "required");
    assert_string_equal(referral_reassessment_name(REASSESS_SKIPPED_TRUSTED), "skipped_trusted_assessor");
}

/* The age limit on an attached assessment at its edges: made today, on the
 * last day it is current, the day after; the limit given, out of range
 * (the default, 7 days), and a date after today. */
static void assessment_age_limit(void **state)
{
    (void)state;
    static const struct {
        const char *assessed, *today;
        int max_days, ok;
    } cases[] = {
        {"2026-12-02", "2026-12-02", 7, 1},    /* made today */
        {"2026-11-25", "2026-12-02", 7, 1},    /* 7 days ago: the last day it stands */
        {"2026-11-24", "2026-12-02", 7, 0},    /* 8 days ago */
        {"2026-12-03", "2026-12-02", 7, 0},    /* tomorrow */
        {"2026-12-01", "2026-12-02", 1, 1},
        {"2026-11-30", "2026-12-02", 1, 0},
        {"2026-11-25", "2026-12-02", 0, 1},    /* 0: the default, 7 */
        {"2026-11-24", "2026-12-02", 0, 0},
        {"2026-11-24", "2026-12-02", 91, 0},   /* past the maximum: the default */
        {"2026-09-03", "2026-12-02", 90, 1},   /* 90 days, across the clock change */
        {"2026-09-02", "2026-12-02", 90, 0},
        {"2026-02-22", "2026-03-01", 7, 1},    /* across the end of February */
        {"2024-02-22", "2024-03-01", 7, 0},    /* ... of a leap year: 8 days */
        {"2026-12-28", "2027-01-04", 7, 1},    /* across the new year */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct date a, t;
        struct domain_error e = {0};
        assert_int_equal(date_parse(cases[i].assessed, "a", &a, NULL), 0);
        assert_int_equal(date_parse(cases[i].today, "t", &t, NULL), 0);
        int rc = referral_assessment_current(a, t, cases[i].max_days, &e);
        if ((rc == 0) != cases[i].ok)
            fail_msg("case %zu: %s on %s within %d days", i, cases[i].assessed, cases[i].today, cases[i].max_days);
        if (rc != 0)
            assert_string_equal(e.field, "assessed_on");
    }
    struct date a, t;
    struct domain_error e = {0};
    assert_int_equal(date_parse("2026-11-20", "a", &a, NULL), 0);
    assert_int_equal(date_parse("2026-12-02", "t", &t, NULL), 0);
    assert_int_equal(referral_assessment_current(a, t, 7, &e), DOMAIN_EINVAL);
    assert_non_null(strstr(e.message, "is 12 days ago"));
    assert_non_null(strstr(e.message, "the last 7 days"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(due_times_follow_the_standard),
        cmocka_unit_test(due_rejects_bad_policy_and_uncovered_years),
        cmocka_unit_test(due_is_estimated_when_a_year_is_not_covered),
        cmocka_unit_test(queue_state_at_each_boundary),
        cmocka_unit_test(life_cycle),
        cmocka_unit_test(escalation_at_each_boundary),
        cmocka_unit_test(vocabularies_name_the_field),
        cmocka_unit_test(reassessment_by_trusted_assessor),
        cmocka_unit_test(assessment_age_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
