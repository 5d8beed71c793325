/* Unit tests for domain/chc_review: the 3-month then 12-month review
 * schedule across month ends and leap years, due-soon and overdue edges,
 * review dates and outcomes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/chc_review.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define D(y, m, d) ((struct date){(y), (m), (d)})

static void schedule_is_three_months_then_yearly(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct date decided;
        int has_last;
        struct date last, want;
    } cases[] = {
        {"first review 3 months on", {2026, 12, 1}, 0, {0, 0, 0}, {2027, 3, 1}},
        {"decided 30 Nov: due 28 Feb", {2026, 11, 30}, 0, {0, 0, 0}, {2027, 2, 28}},
        {"decided 30 Nov before a leap year: due 29 Feb", {2027, 11, 30}, 0, {0, 0, 0}, {2028, 2, 29}},
        {"decided 31 Oct over the year end", {2026, 10, 31}, 0, {0, 0, 0}, {2027, 1, 31}},
        {"after a review: 12 months from it", {2026, 1, 10}, 1, {2026, 4, 2}, {2027, 4, 2}},
        {"review on 29 Feb: next 28 Feb", {2027, 11, 29}, 1, {2028, 2, 29}, {2029, 2, 28}},
        {"review on the decision day itself", {2026, 5, 5}, 1, {2026, 5, 5}, {2027, 5, 5}},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct date due = {0, 0, 0};
        assert_int_equal(chc_review_due(cases[i].decided, cases[i].has_last ? &cases[i].last : NULL, &due, NULL), 0);
        if (date_compare(due, cases[i].want) != 0)
            fail_msg("%s: got %04d-%02d-%02d", cases[i].name, due.year, due.month, due.day);
    }
    struct domain_error err;
    struct date due, before = D(2026, 1, 9);
    assert_int_equal(chc_review_due(D(2026, 1, 10), &before, &due, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "reviewed_on");
}

static void state_edges(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct date due, today;
        enum chc_review_state want;
    } cases[] = {
        {"29 days ahead: scheduled", {2027, 3, 1}, {2027, 1, 31}, CHC_REVIEW_SCHEDULED},
        {"28 days ahead: due soon", {2027, 3, 1}, {2027, 2, 1}, CHC_REVIEW_DUE_SOON},
        {"due today: due soon, not overdue", {2027, 3, 1}, {2027, 3, 1}, CHC_REVIEW_DUE_SOON},
        {"day after: overdue", {2027, 3, 1}, {2027, 3, 2}, CHC_REVIEW_OVERDUE},
        {"a year late", {2026, 3, 1}, {2027, 3, 1}, CHC_REVIEW_OVERDUE},
    };
    for (size_t i = 0; i < N(cases); i++)
        if (chc_review_state_on(cases[i].due, cases[i].today) != cases[i].want)
            fail_msg("%s: got %s", cases[i].name, chc_review_state_name(chc_review_state_on(cases[i].due, cases[i].today)));
    assert_string_equal(chc_review_state_name(CHC_REVIEW_DUE_SOON), "due_soon");
}

static void review_dates_are_checked(void **state)
{
    (void)state;
    struct date last = D(2027, 3, 1);
    static const struct {
        const char *name;
        int has_last;
        struct date on;
        int ok;
    } cases[] = {
        {"on the decision day", 0, {2026, 12, 1}, 1},
        {"the day before the decision", 0, {2026, 11, 30}, 0},
        {"today", 0, {2027, 6, 1}, 1},
        {"tomorrow", 0, {2027, 6, 2}, 0},
        {"before the last review", 1, {2027, 2, 28}, 0},
        {"same day as the last review", 1, {2027, 3, 1}, 1},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error err = {{0}, {0}};
        int rc = chc_review_check_date(D(2026, 12, 1), cases[i].has_last ? &last : NULL, cases[i].on,
                                       D(2027, 6, 1), &err);
        if ((rc == 0) != cases[i].ok)
            fail_msg("%s: rc %d %s", cases[i].name, rc, err.message);
        if (!cases[i].ok)
            assert_string_equal(err.field, "reviewed_on");
    }
}

static void outcomes_parse(void **state)
{
    (void)state;
    enum chc_review_outcome o;
    struct domain_error err;
    assert_int_equal(chc_review_outcome_parse("no_change", "outcome", &o, &err), 0);
    assert_int_equal(o, CHC_REVIEW_NO_CHANGE);
    assert_int_equal(chc_review_outcome_parse("eligibility_reassessment", "outcome", &o, &err), 0);
    assert_int_equal(o, CHC_REVIEW_REASSESS);
    assert_string_equal(chc_review_outcome_name(CHC_REVIEW_PLAN_CHANGED), "plan_changed");
    assert_int_equal(chc_review_outcome_parse("withdraw_funding", "outcome", &o, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "outcome");
    assert_int_equal(chc_review_outcome_parse("", "outcome", &o, &err), DOMAIN_EMISSING);
    assert_int_equal(chc_review_outcome_parse(NULL, "outcome", &o, &err), DOMAIN_EMISSING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(schedule_is_three_months_then_yearly),
        cmocka_unit_test(state_edges),
        cmocka_unit_test(review_dates_are_checked),
        cmocka_unit_test(outcomes_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
