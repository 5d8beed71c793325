/* Unit tests for domain/care_plan: competency cover on every day of an
 * assignment, oversight review overdue, plan status transitions, calls. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/care_plan.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define D(y, m, d) ((struct date){y, m, d})

static void competency_cover_boundaries(void **state)
{
    (void)state;
    /* Assignment 2026-12-10 .. 2026-12-20 throughout. */
    static const struct {
        const char *name;
        struct competency_span spans[2];
        size_t n;
        int want;
        struct date first_uncovered;
        int has_expiry;
        struct date expired_on;
    } cases[] = {
        {"no competency at all", {{D(1, 1, 1), D(1, 1, 1)}}, 0, 0, D(2026, 12, 10), 0, D(1, 1, 1)},
        {"expired the day before the start", {{D(2025, 12, 1), D(2026, 12, 9)}}, 1, 0, D(2026, 12, 10), 1,
         D(2026, 12, 9)},
        {"expiring mid-assignment", {{D(2025, 12, 1), D(2026, 12, 15)}}, 1, 0, D(2026, 12, 16), 1, D(2026, 12, 15)},
        {"expires the day before the end", {{D(2025, 12, 1), D(2026, 12, 19)}}, 1, 0, D(2026, 12, 20), 1,
         D(2026, 12, 19)},
        {"valid through the end (expires on the last day)", {{D(2025, 12, 1), D(2026, 12, 20)}}, 1, 1,
         D(1, 1, 1), 0, D(1, 1, 1)},
        {"assessed on the first day", {{D(2026, 12, 10), D(2027, 12, 10)}}, 1, 1, D(1, 1, 1), 0, D(1, 1, 1)},
        {"assessed the day after the start", {{D(2026, 12, 11), D(2027, 12, 10)}}, 1, 0, D(2026, 12, 10), 0,
         D(1, 1, 1)},
        {"renewal chains with no gap", {{D(2025, 12, 1), D(2026, 12, 14)}, {D(2026, 12, 15), D(2027, 12, 14)}}, 2, 1,
         D(1, 1, 1), 0, D(1, 1, 1)},
        {"renewal leaves a one-day gap", {{D(2025, 12, 1), D(2026, 12, 14)}, {D(2026, 12, 16), D(2027, 12, 14)}}, 2,
         0, D(2026, 12, 15), 1, D(2026, 12, 14)},
        {"overlapping records, order does not matter",
         {{D(2026, 12, 12), D(2027, 1, 1)}, {D(2026, 1, 1), D(2026, 12, 13)}}, 2, 1, D(1, 1, 1), 0, D(1, 1, 1)},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct competency_gap g;
        memset(&g, 0, sizeof g);
        int got = competency_cover(cases[i].spans, cases[i].n, D(2026, 12, 10), D(2026, 12, 20), &g, NULL);
        if (got != cases[i].want)
            fail_msg("%s: got %d", cases[i].name, got);
        if (got == 0) {
            if (date_compare(g.first_uncovered, cases[i].first_uncovered) != 0 || g.has_expiry != cases[i].has_expiry)
                fail_msg("%s: first uncovered %d-%d-%d, has_expiry %d", cases[i].name, g.first_uncovered.year,
                         g.first_uncovered.month, g.first_uncovered.day, g.has_expiry);
            if (g.has_expiry && date_compare(g.expired_on, cases[i].expired_on) != 0)
                fail_msg("%s: expired_on %d-%d", cases[i].name, g.expired_on.month, g.expired_on.day);
        }
    }
    struct domain_error err;
    struct competency_span one = {D(2026, 1, 1), D(2027, 1, 1)};
    assert_int_equal(competency_cover(&one, 1, D(2026, 5, 2), D(2026, 5, 1), NULL, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "to_on");
    /* A one-day assignment on the expiry day is covered; the next day is not. */
    assert_int_equal(competency_cover(&one, 1, D(2027, 1, 1), D(2027, 1, 1), NULL, NULL), 1);
    assert_int_equal(competency_cover(&one, 1, D(2027, 1, 2), D(2027, 1, 2), NULL, NULL), 0);
}

static void oversight_overdue_boundaries(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct date review_on, to, today;
        int want;
    } cases[] = {
        {"due today: not yet overdue", D(2026, 12, 1), D(2027, 1, 1), D(2026, 12, 1), 0},
        {"due yesterday: overdue", D(2026, 11, 30), D(2027, 1, 1), D(2026, 12, 1), 1},
        {"due tomorrow", D(2026, 12, 2), D(2027, 1, 1), D(2026, 12, 1), 0},
        {"due on the assignment's last day, now past", D(2026, 11, 20), D(2026, 11, 20), D(2026, 12, 1), 1},
        {"due after the assignment ended: not owed", D(2026, 11, 21), D(2026, 11, 20), D(2026, 12, 1), 0},
    };
    for (size_t i = 0; i < N(cases); i++)
        if (care_plan_oversight_overdue(cases[i].review_on, cases[i].to, cases[i].today) != cases[i].want)
            fail_msg("%s", cases[i].name);
}

static void status_transitions(void **state)
{
    (void)state;
    /* allowed[from][to] in the order draft, agreed, active, ended. */
    static const int allowed[4][4] = {{0, 1, 0, 1}, {1, 0, 1, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}};
    for (int f = 0; f < 4; f++)
        for (int t = 0; t < 4; t++) {
            struct domain_error err;
            int rc = care_plan_transition((enum care_plan_status)f, (enum care_plan_status)t, &err);
            if ((rc == 0) != allowed[f][t])
                fail_msg("%s -> %s: %d", care_plan_status_name((enum care_plan_status)f),
                         care_plan_status_name((enum care_plan_status)t), rc);
            if (rc != 0)
                assert_string_equal(err.field, "status");
        }
    enum care_plan_status s;
    struct domain_error err;
    assert_int_equal(care_plan_status_parse("active", "status", &s, NULL), 0);
    assert_int_equal(s, CARE_PLAN_ACTIVE);
    assert_int_equal(care_plan_status_parse("live", "status", &s, &err), DOMAIN_EINVAL);
    assert_int_equal(care_plan_status_parse(NULL, "status", &s, &err), DOMAIN_EMISSING);
}

static void weekly_calls(void **state)
{
    (void)state;
    static const struct {
        long long calls;
        const char *per;
        int rc;
        long long want;
        const char *field;
    } cases[] = {
        {4, "day", 0, 28, NULL},      {3, "week", 0, 3, NULL},      {1, "week", 0, 1, NULL},
        {0, "day", DOMAIN_EINVAL, 0, "calls"}, {-1, "week", DOMAIN_EINVAL, 0, "calls"},
        {142, "day", 0, 994, NULL},   {143, "day", DOMAIN_EINVAL, 0, "calls"},
        {1000, "week", 0, 1000, NULL}, {1001, "week", DOMAIN_EINVAL, 0, "calls"},
        {1, "month", DOMAIN_EINVAL, 0, "per"}, {1, NULL, DOMAIN_EMISSING, 0, "per"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        long long w = -7;
        struct domain_error err;
        int rc = care_plan_weekly_calls(cases[i].calls, cases[i].per, &w, &err);
        if (rc != cases[i].rc || (rc == 0 && w != cases[i].want) || (rc != 0 && strcmp(err.field, cases[i].field)))
            fail_msg("%lld per %s: rc %d, %lld", cases[i].calls, cases[i].per ? cases[i].per : "(null)", rc, w);
    }
}

static void registered_health_practitioners(void **state)
{
    (void)state;
    static const struct {
        const char *profession;
        int want;
    } cases[] = {
        {"registered_nurse", 1}, {"gp", 1}, {"doctor", 1}, {"occupational_therapist", 1}, {"physiotherapist", 1},
        {"social_worker", 0}, {"care_worker", 0}, {"administrator", 0}, {"other", 0}, {"", 0}, {NULL, 0},
    };
    for (size_t i = 0; i < N(cases); i++)
        if (care_plan_registered_health(cases[i].profession) != cases[i].want)
            fail_msg("%s", cases[i].profession ? cases[i].profession : "(null)");
}

/* Issue #14 item 3: who may be named a designated competency assessor. */
static void assessor_eligibility(void **state)
{
    (void)state;
    static const struct { const char *profession; int want; } cases[] = {
        {"registered_nurse", 1}, {"gp", 1}, {"doctor", 1}, {"occupational_therapist", 1}, {"physiotherapist", 1},
        {"trainer", 1}, {"social_worker", 0}, {"care_worker", 0}, {"administrator", 0}, {"commissioner", 0},
        {"finance", 0}, {"other", 0}, {"Trainer", 0}, {"", 0}, {NULL, 0},
    };
    for (size_t i = 0; i < N(cases); i++)
        if (care_plan_assessor_eligible(cases[i].profession) != cases[i].want)
            fail_msg("%s", cases[i].profession ? cases[i].profession : "(null)");
}

/* Issue #14 item 4: who changes a plan's status; a reason to end it. */
static void status_changers_and_end_reason(void **state)
{
    (void)state;
    static const struct { int in_team; const char *role; int want; } who[] = {
        {1, "practitioner", 1}, {1, "team_manager", 1}, {0, "practitioner", 0}, {0, "team_manager", 0},
        {1, "finance", 0}, {1, "privacy_officer", 0}, {1, "panel_member", 0}, {1, "board_viewer", 0},
        {1, "org_admin", 0}, {1, NULL, 0}, {1, "", 0},
    };
    for (size_t i = 0; i < N(who); i++)
        if (care_plan_may_change_status(who[i].in_team, who[i].role) != who[i].want)
            fail_msg("case %zu", i);
    static const struct { const char *reason; int ok; } why[] = {
        {"Moved into a care home", 1}, {"0123456789", 1}, {"012345678", 0}, {"   012345678", 0},
        {"  0123456789", 1}, {"", 0}, {NULL, 0},
    };
    for (size_t i = 0; i < N(why); i++) {
        struct domain_error err = {"", ""};
        int rc = care_plan_end_reason_check(why[i].reason, &err);
        if (why[i].ok ? rc != 0 : rc != DOMAIN_EMISSING || strcmp(err.field, "reason"))
            fail_msg("reason case %zu", i);
    }
}

static void value_for_money_before_active(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *answers[CARE_PLAN_VFM_COUNT];
        const char *missing;   /* NULL: complete */
    } cases[] = {
        {"all recorded", {"2 calls not 4", "carer not nurse", "pendant alarm", "lunch club"}, NULL},
        {"nothing recorded", {NULL, NULL, NULL, NULL}, "vfm_call_frequency"},
        {"blank counts as missing", {" \n", "x", "y", "z"}, "vfm_call_frequency"},
        {"skill mix missing", {"a", "", "y", "z"}, "vfm_skill_mix"},
        {"assistive technology missing", {"a", "b", NULL, "z"}, "vfm_assistive_technology"},
        {"only community resources missing", {"a", "b", "c", "\t"}, "vfm_community_resources"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error err = {"", ""};
        int rc = care_plan_vfm_check(cases[i].answers, &err);
        if (cases[i].missing ? (rc != DOMAIN_EMISSING || strcmp(err.field, cases[i].missing)) : rc != 0)
            fail_msg("%s: rc %d field %s", cases[i].name, rc, err.field);
    }
}

static void training_uptake_boundaries(void **state)
{
    (void)state;
    const struct date today = D(2026, 12, 1);
    static const struct {
        const char *name;
        int trained;
        struct date on;
        int counts;
    } cases[] = {
        {"completed today", 1, D(2026, 12, 1), 1},
        {"exactly 12 months ago", 1, D(2025, 12, 1), 1},
        {"12 months and a day ago", 1, D(2025, 11, 30), 0},
        {"dated tomorrow (not yet)", 1, D(2026, 12, 2), 0},
        {"never trained", 0, D(2026, 11, 1), 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct training_worker w = {cases[i].trained, cases[i].on};
        long long num, den;
        int tenths;
        assert_int_equal(care_plan_training_uptake(&w, 1, today, &num, &den, &tenths), 1);
        if (num != cases[i].counts || den != 1)
            fail_msg("%s: %lld/%lld", cases[i].name, num, den);
    }
    /* Month ends clamp: 12 months before 29 Feb 2028 is 28 Feb 2027. */
    struct training_worker leap = {1, D(2027, 2, 28)};
    long long num, den;
    int tenths;
    care_plan_training_uptake(&leap, 1, D(2028, 2, 29), &num, &den, &tenths);
    assert_int_equal(num, 1);
    /* 2 of 3: 66.7%; nobody assigned: no data. */
    struct training_worker three[3] = {{1, D(2026, 6, 1)}, {0, D(1, 1, 1)}, {1, D(2026, 11, 30)}};
    assert_int_equal(care_plan_training_uptake(three, 3, today, &num, &den, &tenths), 1);
    assert_int_equal(num, 2);
    assert_int_equal(den, 3);
    assert_int_equal(tenths, 667);
    assert_int_equal(care_plan_training_uptake(NULL, 0, today, &num, &den, &tenths), 0);
    assert_int_equal(den, 0);
    assert_int_equal(tenths, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(competency_cover_boundaries),
        cmocka_unit_test(oversight_overdue_boundaries),
        cmocka_unit_test(status_transitions),
        cmocka_unit_test(weekly_calls),
        cmocka_unit_test(registered_health_practitioners),
        cmocka_unit_test(assessor_eligibility),
        cmocka_unit_test(status_changers_and_end_reason),
        cmocka_unit_test(value_for_money_before_active),
        cmocka_unit_test(training_uptake_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
