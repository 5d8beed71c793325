/* Unit tests for domain/reablement: outcomes, episode dates, the 91-day and
 * 30-day measures at their edges. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/reablement.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define D(y, m, d) ((struct date){y, m, d})

static void outcomes_parse(void **state)
{
    (void)state;
    static const struct { const char *s; int rc; } cases[] = {
        {"no_ongoing_support", 0}, {"reduced_support", 0}, {"long_term_support", 0},
        {"readmitted", 0}, {"died", 0}, {"Died", DOMAIN_EINVAL}, {"", DOMAIN_EMISSING},
        {NULL, DOMAIN_EMISSING}, {"reduced", DOMAIN_EINVAL},
    };
    for (size_t i = 0; i < N(cases); i++) {
        enum reablement_outcome o;
        struct domain_error err = {{0}, {0}};
        int rc = reablement_outcome_parse(cases[i].s, &o, &err);
        assert_int_equal(rc, cases[i].rc);
        if (rc == 0)
            assert_string_equal(reablement_outcome_name(o), cases[i].s);
        else
            assert_string_equal(err.field, "outcome");
    }
    assert_string_equal(reablement_outcome_label(REABLEMENT_LONG_TERM_SUPPORT), "Long-term support");
}

static void episode_dates(void **state)
{
    (void)state;
    const struct date start = D(2026, 3, 1), today = D(2026, 3, 10);
    static const struct {
        struct date end;
        int has_ended;
        struct date ended;
        const char *field;
        int over;
    } cases[] = {
        {D(2026, 4, 12), 0, {0, 0, 0}, NULL, 0},      /* exactly 42 days */
        {D(2026, 4, 13), 0, {0, 0, 0}, NULL, 1},      /* 43: longer than usual */
        {D(2026, 3, 1), 0, {0, 0, 0}, NULL, 0},       /* same day */
        {D(2026, 2, 28), 0, {0, 0, 0}, "planned_end_on", 0},
        {D(2026, 4, 1), 1, D(2026, 2, 28), "ended_on", 0},
        {D(2026, 4, 1), 1, D(2026, 3, 11), "ended_on", 0},
        {D(2026, 4, 1), 1, D(2026, 3, 10), NULL, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error err = {{0}, {0}};
        int over = -1;
        int rc = reablement_episode_check(start, cases[i].end, cases[i].has_ended ? &cases[i].ended : NULL, today,
                                          &over, &err);
        if (cases[i].field) {
            assert_int_equal(rc, DOMAIN_EINVAL);
            assert_string_equal(err.field, cases[i].field);
        } else {
            assert_int_equal(rc, 0);
            assert_int_equal(over, cases[i].over);
        }
    }
    struct domain_error err;
    int over;
    assert_int_equal(reablement_episode_check(D(2026, 3, 11), D(2026, 4, 1), NULL, today, &over, &err),
                     DOMAIN_EINVAL);
    assert_string_equal(err.field, "start_on");
}

/* Discharged 1 March 2026; day 91 is 31 May 2026. */
static void still_at_home_at_day_91(void **state)
{
    (void)state;
    const struct date d90 = D(2026, 5, 30), d91 = D(2026, 5, 31), d92 = D(2026, 6, 1);
    const struct date early = D(2026, 4, 1);
    static const struct { const char *name; int what; int on; struct date today; enum measure_state want; } cases[] = {
        /* what: 0 nothing, 1 died, 2 care home, 3 readmitted still in,
         * 4 readmitted and discharged on `on`; on: 90, 91 or 92. */
        {"day 90: pending", 0, 0, D(2026, 5, 30), MEASURE_PENDING},
        {"day 91: at home", 0, 0, D(2026, 5, 31), MEASURE_NUMERATOR},
        {"died day 90", 1, 90, D(2026, 6, 30), MEASURE_DENOMINATOR},
        {"died day 91", 1, 91, D(2026, 6, 30), MEASURE_DENOMINATOR},
        {"died day 92", 1, 92, D(2026, 6, 30), MEASURE_NUMERATOR},
        {"care home day 91", 2, 91, D(2026, 6, 30), MEASURE_DENOMINATOR},
        {"care home day 92", 2, 92, D(2026, 6, 30), MEASURE_NUMERATOR},
        {"readmitted, still in", 3, 0, D(2026, 6, 30), MEASURE_DENOMINATOR},
        {"readmitted, home day 90", 4, 90, D(2026, 6, 30), MEASURE_NUMERATOR},
        {"readmitted, home day 91", 4, 91, D(2026, 6, 30), MEASURE_DENOMINATOR},
        {"readmitted, home day 92", 4, 92, D(2026, 6, 30), MEASURE_DENOMINATOR},
    };
    for (size_t i = 0; i < N(cases); i++) {
        const struct date *on = cases[i].on == 90 ? &d90 : cases[i].on == 91 ? &d91 : &d92;
        struct at_home_facts f = {.discharged = D(2026, 3, 1)};
        if (cases[i].what == 1)
            f.died_on = on;
        if (cases[i].what == 2)
            f.care_home_on = on;
        if (cases[i].what >= 3)
            f.readmitted_on = &early;
        if (cases[i].what == 4)
            f.readmission_discharged_on = on;
        enum measure_state st;
        assert_int_equal(reablement_at_home_91(&f, cases[i].today, &st, NULL), 0);
        if (st != cases[i].want)
            fail_msg("%s: %s", cases[i].name, measure_state_name(st));
    }
    struct at_home_facts f = {.discharged = D(2026, 3, 1)};
    enum measure_state st;
    struct domain_error err;
    assert_int_equal(reablement_at_home_91(&f, D(2026, 2, 28), &st, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "discharged");
}

/* Discharged 1 March 2026; day 30 is 31 March 2026. */
static void readmission_within_30_days(void **state)
{
    (void)state;
    static const struct { const char *name; int has; struct date adm, today; enum measure_state want; } cases[] = {
        {"same-day readmission", 1, D(2026, 3, 1), D(2026, 3, 1), MEASURE_NUMERATOR},
        {"day 30 readmission", 1, D(2026, 3, 31), D(2026, 4, 30), MEASURE_NUMERATOR},
        {"day 31 readmission", 1, D(2026, 4, 1), D(2026, 4, 30), MEASURE_DENOMINATOR},
        {"none, day 30: pending", 0, {0, 0, 0}, D(2026, 3, 31), MEASURE_PENDING},
        {"none, day 31: counted", 0, {0, 0, 0}, D(2026, 4, 1), MEASURE_DENOMINATOR},
        {"readmitted day 5, known on day 5", 1, D(2026, 3, 6), D(2026, 3, 6), MEASURE_NUMERATOR},
    };
    for (size_t i = 0; i < N(cases); i++) {
        enum measure_state st;
        assert_int_equal(readmission_30(D(2026, 3, 1), cases[i].has ? &cases[i].adm : NULL, cases[i].today, &st,
                                        NULL), 0);
        if (st != cases[i].want)
            fail_msg("%s: %s", cases[i].name, measure_state_name(st));
    }
    enum measure_state st;
    struct domain_error err;
    const struct date before = D(2026, 2, 28);
    assert_int_equal(readmission_30(D(2026, 3, 1), &before, D(2026, 4, 1), &st, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "next_admission");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(outcomes_parse),
        cmocka_unit_test(episode_dates),
        cmocka_unit_test(still_at_home_at_day_91),
        cmocka_unit_test(readmission_within_30_days),
    };
    return cmocka_run_group_tests_name("reablement", tests, NULL, NULL);
}
