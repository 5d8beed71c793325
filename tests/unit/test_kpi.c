/* Unit tests for domain/kpi: exact target boundaries, no-data, rounding,
 * and each measure's counting rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/kpi.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void targets_are_exact_at_the_boundary(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int64_t num, den;
        struct kpi_target target;
        enum kpi_status want;
        int32_t bp;
        const char *text;
    } cases[] = {
        {"CHC 28d: exactly 80.0% fails (> 80%)", 800, 1000, KPI_TARGET_CHC_28_DAYS, KPI_NOT_MET, 8000, "80.0%"},
        {"CHC 28d: 80.1% meets", 801, 1000, KPI_TARGET_CHC_28_DAYS, KPI_MET, 8010, "80.1%"},
        {"CHC 28d: 4 of 5 is exactly 80%", 4, 5, KPI_TARGET_CHC_28_DAYS, KPI_NOT_MET, 8000, "80.0%"},
        {"CHC 28d: 80.004% meets though it shows 80.0%", 20001, 25000, KPI_TARGET_CHC_28_DAYS, KPI_MET, 8000, "80.0%"},
        {"CHC 28d: 79.96% fails though it rounds to 80.0%", 7996, 10000, KPI_TARGET_CHC_28_DAYS, KPI_NOT_MET, 7996, "80.0%"},
        {"acute: exactly 15% fails (< 15%)", 15, 100, KPI_TARGET_CHC_ACUTE_SETTING, KPI_NOT_MET, 1500, "15.0%"},
        {"acute: 14.9% meets", 149, 1000, KPI_TARGET_CHC_ACUTE_SETTING, KPI_MET, 1490, "14.9%"},
        {"acute: 0% meets", 0, 7, KPI_TARGET_CHC_ACUTE_SETTING, KPI_MET, 0, "0.0%"},
        {"FCR: exactly 70% meets (>= 70%)", 7, 10, KPI_TARGET_FIRST_CONTACT, KPI_MET, 7000, "70.0%"},
        {"FCR: 69.9% fails", 699, 1000, KPI_TARGET_FIRST_CONTACT, KPI_NOT_MET, 6990, "69.9%"},
        {"at most: equal meets", 1, 2, {KPI_AT_MOST, 5000}, KPI_MET, 5000, "50.0%"},
        {"no data is not 0% and not met", 0, 0, KPI_TARGET_CHC_ACUTE_SETTING, KPI_NO_DATA, 0, "no data"},
        {"rounding half up: 2/3", 2, 3, KPI_TARGET_FIRST_CONTACT, KPI_NOT_MET, 6667, "66.7%"},
        {"100%", 9, 9, KPI_TARGET_CHC_28_DAYS, KPI_MET, 10000, "100.0%"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct kpi_result r;
        assert_int_equal(kpi_evaluate(cases[i].num, cases[i].den, cases[i].target, &r, NULL), 0);
        char text[16];
        kpi_format_percent(&r, text, sizeof text);
        if (r.status != cases[i].want || r.percent_bp != cases[i].bp ||
            strcmp(text, cases[i].text) != 0 || r.numerator != cases[i].num ||
            r.denominator != cases[i].den)
            fail_msg("%s: %s %d %s", cases[i].name, kpi_status_name(r.status),
                     r.percent_bp, text);
    }
    int32_t v = -1;
    assert_int_equal(kpi_percent_bp(1, 0, &v), 0);
    assert_int_equal(v, -1);
    assert_int_equal(kpi_percent_tenths(1, 8, &v), 1);
    assert_int_equal(v, 125); /* 12.5% */
    assert_int_equal(kpi_percent_bp(1, 8, &v), 1);
    assert_int_equal(v, 1250);
}

static void bad_counts_are_errors(void **state)
{
    (void)state;
    static const struct { int64_t num, den; struct kpi_target t; const char *field; } cases[] = {
        {-1, 5, {KPI_ABOVE, 8000}, "numerator"},
        {6, 5, {KPI_ABOVE, 8000}, "numerator"},
        {1, -5, {KPI_ABOVE, 8000}, "denominator"},
        {1, KPI_MAX_COUNT + 1, {KPI_ABOVE, 8000}, "denominator"},
        {1, 5, {KPI_ABOVE, 10001}, "target"},
        {1, 5, {(enum kpi_compare)9, 100}, "target"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct kpi_result r;
        struct domain_error err = {{0}, {0}};
        assert_int_equal(kpi_evaluate(cases[i].num, cases[i].den, cases[i].t, &r, &err),
                         DOMAIN_EINVAL);
        assert_string_equal(err.field, cases[i].field);
    }
    assert_string_equal(kpi_status_name(KPI_NO_DATA), "no_data");
}

static void chc_28_days_counts_decided_cases(void **state)
{
    (void)state;
    const struct date today = {2026, 6, 30};
    const struct kpi_chc_case cases[] = {
        {{2026, 1, 5}, 1, {2026, 2, 2}},   /* day 28: within */
        {{2026, 1, 5}, 1, {2026, 2, 3}},   /* day 29: not */
        {{2026, 2, 1}, 1, {2026, 2, 1}},   /* day 0 */
        {{2024, 2, 1}, 1, {2024, 2, 29}},  /* leap Feb, day 28 */
        {{2026, 5, 1}, 0, {0, 0, 0}},      /* open, day 60: overdue */
        {{2026, 6, 2}, 0, {0, 0, 0}},      /* open, day 28: not yet overdue */
        {{2026, 6, 1}, 0, {0, 0, 0}},      /* open, day 29: overdue */
    };
    struct kpi_result r;
    int64_t overdue = -1;
    assert_int_equal(kpi_chc_28_days(cases, N(cases), today, &r, &overdue, NULL), 0);
    assert_true(r.numerator == 3 && r.denominator == 4);
    assert_int_equal(r.percent_bp, 7500);
    assert_int_equal(r.status, KPI_NOT_MET);
    assert_true(overdue == 2);
    /* Four of five within is exactly 80%: not met. */
    const struct kpi_chc_case five[] = {
        cases[0], cases[0], cases[0], cases[0], cases[1],
    };
    assert_int_equal(kpi_chc_28_days(five, 5, today, &r, NULL, NULL), 0);
    assert_int_equal(r.status, KPI_NOT_MET);
    assert_int_equal(r.percent_bp, 8000);
    /* Only open cases: no data. */
    assert_int_equal(kpi_chc_28_days(cases + 4, 3, today, &r, NULL, NULL), 0);
    assert_int_equal(r.status, KPI_NO_DATA);
    /* A decision before receipt names the case. */
    const struct kpi_chc_case bad[] = {cases[0], {{2026, 3, 5}, 1, {2026, 3, 1}}};
    struct domain_error err;
    assert_int_equal(kpi_chc_28_days(bad, 2, today, &r, NULL, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "cases[1].decision_date");
}

static void acute_setting_and_first_contact(void **state)
{
    (void)state;
    struct kpi_chc_assessment a[20] = {{0}};
    a[0].acute_setting = a[7].acute_setting = a[13].acute_setting = 1;   /* 3/20 = 15% */
    struct kpi_result r;
    assert_int_equal(kpi_chc_acute_setting(a, 20, &r, NULL), 0);
    assert_true(r.numerator == 3 && r.denominator == 20);
    assert_int_equal(r.status, KPI_NOT_MET);
    a[13].acute_setting = 0;                                              /* 10% */
    assert_int_equal(kpi_chc_acute_setting(a, 20, &r, NULL), 0);
    assert_int_equal(r.status, KPI_MET);
    assert_int_equal(kpi_chc_acute_setting(a, 0, &r, NULL), 0);
    assert_int_equal(r.status, KPI_NO_DATA);

    const struct kpi_contact c[] = {
        {KPI_CONTACT_INFORMATION_ADVICE}, {KPI_CONTACT_SIGNPOSTED},
        {KPI_CONTACT_SIGNPOSTED}, {KPI_CONTACT_INFORMATION_ADVICE},
        {KPI_CONTACT_INFORMATION_ADVICE}, {KPI_CONTACT_SIGNPOSTED},
        {KPI_CONTACT_INFORMATION_ADVICE}, {KPI_CONTACT_REFERRED},
        {KPI_CONTACT_REFERRED}, {KPI_CONTACT_REFERRED}, {KPI_CONTACT_OPEN},
    };
    assert_int_equal(kpi_first_contact_resolution(c, N(c), &r, NULL), 0);
    assert_true(r.numerator == 7 && r.denominator == 10);   /* open excluded */
    assert_int_equal(r.status, KPI_MET);                     /* exactly 70% */
    assert_int_equal(kpi_first_contact_resolution(c + 1, N(c) - 1, &r, NULL), 0);
    assert_int_equal(r.status, KPI_NOT_MET);                 /* 6/9 */
    const struct kpi_contact bad[] = {{KPI_CONTACT_OPEN}, {(enum kpi_contact_outcome)8}};
    struct domain_error err;
    assert_int_equal(kpi_first_contact_resolution(bad, 2, &r, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "contacts[1].outcome");
}

static int64_t ts(const char *s)
{
    int64_t t = 0;
    if (timestamp_parse(s, "t", &t, NULL) != 0)
        fail_msg("bad test timestamp %s", s);
    return t;
}

static void referral_responses_against_their_standards(void **state)
{
    (void)state;
    const struct kpi_response_policy policy = {5};
    const int64_t now = ts("2027-01-15T12:00:00Z");
    static const struct {
        const char *name;
        enum kpi_urgency urgency;
        const char *received, *responded;   /* responded NULL: unanswered */
        int counted, met;
    } cases[] = {
        {"crisis at exactly 2h", KPI_URGENCY_CRISIS, "2027-01-15T08:00:00Z", "2027-01-15T10:00:00Z", 1, 1},
        {"crisis 2h + 1s", KPI_URGENCY_CRISIS, "2027-01-15T08:00:00Z", "2027-01-15T10:00:01Z", 1, 0},
        {"crisis open 1h: still in time", KPI_URGENCY_CRISIS, "2027-01-15T11:00:00Z", NULL, 0, 0},
        {"crisis open 3h: missed", KPI_URGENCY_CRISIS, "2027-01-15T09:00:00Z", NULL, 1, 0},
        {"urgent same day", KPI_URGENCY_URGENT, "2027-01-11T09:00:00Z", "2027-01-11T16:00:00Z", 1, 1},
        {"urgent next working day", KPI_URGENCY_URGENT, "2027-01-11T09:00:00Z", "2027-01-12T23:30:00Z", 1, 1},
        {"urgent day after next", KPI_URGENCY_URGENT, "2027-01-11T09:00:00Z", "2027-01-13T00:00:00Z", 1, 0},
        {"urgent Christmas Eve 2026 -> Tue 29th", KPI_URGENCY_URGENT, "2026-12-24T15:00:00Z", "2026-12-29T17:00:00Z", 1, 1},
        {"urgent Christmas Eve 2026, 30th too late", KPI_URGENCY_URGENT, "2026-12-24T15:00:00Z", "2026-12-30T08:00:00Z", 1, 0},
        {"urgent Friday -> Monday", KPI_URGENCY_URGENT, "2027-01-08T17:00:00Z", "2027-01-11T09:00:00Z", 1, 1},
        {"urgent open, due today", KPI_URGENCY_URGENT, "2027-01-14T09:00:00Z", NULL, 0, 0},
        {"urgent open, overdue", KPI_URGENCY_URGENT, "2027-01-13T09:00:00Z", NULL, 1, 0},
        {"routine 5 wd over New Year", KPI_URGENCY_ROUTINE, "2026-12-30T10:00:00Z", "2027-01-07T10:00:00Z", 1, 1},
        {"routine 6th working day", KPI_URGENCY_ROUTINE, "2026-12-30T10:00:00Z", "2027-01-08T10:00:00Z", 1, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct kpi_referral r = {cases[i].urgency, ts(cases[i].received),
                                 cases[i].responded != NULL,
                                 cases[i].responded ? ts(cases[i].responded) : 0};
        struct kpi_result res;
        struct domain_error err = {{0}, {0}};
        int rc = kpi_referral_responses(&r, 1, now, &policy, NULL,
                                        (struct kpi_target){KPI_AT_LEAST, 9000}, &res, &err);
        if (rc != 0)
            fail_msg("%s: rc %d %s %s", cases[i].name, rc, err.field, err.message);
        if (res.denominator != cases[i].counted || res.numerator != cases[i].met)
            fail_msg("%s: %lld/%lld", cases[i].name, (long long)res.numerator,
                     (long long)res.denominator);
    }
}

static void referral_errors_name_the_field(void **state)
{
    (void)state;
    const int64_t now = ts("2026-06-01T12:00:00Z");
    const struct kpi_response_policy policy = {10}, bad_policy = {0};
    const struct kpi_referral ok = {KPI_URGENCY_ROUTINE, now - 3600, 0, 0};
    struct kpi_result r;
    struct domain_error err;
    assert_int_equal(kpi_referral_responses(&ok, 1, now, &bad_policy, NULL,
                                            KPI_TARGET_FIRST_CONTACT, &r, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "routine_working_days");
    const struct kpi_referral bad[] = {
        ok, {KPI_URGENCY_CRISIS, now - 60, 1, now - 120},
    };
    assert_int_equal(kpi_referral_responses(bad, 2, now, &policy, NULL,
                                            KPI_TARGET_FIRST_CONTACT, &r, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "referrals[1].responded_at");
    const struct kpi_referral future = {KPI_URGENCY_CRISIS, now + 1, 0, 0};
    assert_int_equal(kpi_referral_responses(&future, 1, now, &policy, NULL,
                                            KPI_TARGET_FIRST_CONTACT, &r, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "referrals[0].received_at");
    const struct kpi_referral urg = {(enum kpi_urgency)5, now, 0, 0};
    assert_int_equal(kpi_referral_responses(&urg, 1, now, &policy, NULL,
                                            KPI_TARGET_FIRST_CONTACT, &r, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "referrals[0].urgency");
    /* No referrals: no data. */
    assert_int_equal(kpi_referral_responses(NULL, 0, now, &policy, NULL,
                                            KPI_TARGET_FIRST_CONTACT, &r, NULL), 0);
    assert_int_equal(r.status, KPI_NO_DATA);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(targets_are_exact_at_the_boundary),
        cmocka_unit_test(bad_counts_are_errors),
        cmocka_unit_test(chc_28_days_counts_decided_cases),
        cmocka_unit_test(acute_setting_and_first_contact),
        cmocka_unit_test(referral_responses_against_their_standards),
        cmocka_unit_test(referral_errors_name_the_field),
    };
    return cmocka_run_group_tests_name("kpi", tests, NULL, NULL);
}
