/* Unit tests for domain/board_pack: small-number suppression (1-4 hidden,
 * 0 shown, the threshold configurable) and RAG status against targets,
 * with every boundary named. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/board_pack.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void small_numbers_are_suppressed(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int32_t max;
        int64_t count;
        int hidden;
    } cases[] = {
        {"0 is shown: nobody is identified by none", 4, 0, 0},
        {"1 hidden", 4, 1, 1},
        {"4 hidden (top of the default band)", 4, 4, 1},
        {"5 shown", 4, 5, 0},
        {"threshold 7: 7 hidden", 7, 7, 1},
        {"threshold 7: 8 shown", 7, 8, 0},
        {"rule off: 1 shown", 0, 1, 0},
    };
    for (size_t i = 0; i < N(cases); i++)
        if (board_count_suppressed((struct board_suppression){cases[i].max}, cases[i].count) != cases[i].hidden)
            fail_msg("%s", cases[i].name);
    struct board_suppression s = {BOARD_SUPPRESS_DEFAULT};
    assert_true(board_measure_suppressed(s, 3, 100));    /* numerator small: the % would reveal it */
    assert_true(board_measure_suppressed(s, 0, 4));      /* denominator small */
    assert_false(board_measure_suppressed(s, 0, 5));
    assert_false(board_measure_suppressed(s, 5, 5));
}

static void rag_against_targets(void **state)
{
    (void)state;
    struct board_suppression s = {BOARD_SUPPRESS_DEFAULT};
    static const struct {
        const char *name;
        int64_t num, den;
        struct kpi_target target;
        enum board_rag want;
    } cases[] = {
        {"no data: denominator 0, never 0% and never green", 0, 0, KPI_TARGET_CHC_28_DAYS, BOARD_NO_DATA},
        {"suppressed: 3 of 10", 3, 10, KPI_TARGET_CHC_28_DAYS, BOARD_SUPPRESSED},
        {"suppressed: all of 4", 4, 4, KPI_TARGET_CHC_28_DAYS, BOARD_SUPPRESSED},
        {"more than 80%: 801/1000 green", 801, 1000, KPI_TARGET_CHC_28_DAYS, BOARD_GREEN},
        {"more than 80%: exactly 80% is amber, not green", 800, 1000, KPI_TARGET_CHC_28_DAYS, BOARD_AMBER},
        {"more than 80%: 75.00% amber (band edge inclusive)", 750, 1000, KPI_TARGET_CHC_28_DAYS, BOARD_AMBER},
        {"more than 80%: 74.9% red", 749, 1000, KPI_TARGET_CHC_28_DAYS, BOARD_RED},
        {"fewer than 15%: 14.9% green", 149, 1000, KPI_TARGET_CHC_ACUTE_SETTING, BOARD_GREEN},
        {"fewer than 15%: exactly 15% amber", 150, 1000, KPI_TARGET_CHC_ACUTE_SETTING, BOARD_AMBER},
        {"fewer than 15%: 20.00% amber", 200, 1000, KPI_TARGET_CHC_ACUTE_SETTING, BOARD_AMBER},
        {"fewer than 15%: 20.1% red", 201, 1000, KPI_TARGET_CHC_ACUTE_SETTING, BOARD_RED},
        {"at least 70%: exactly 70% green", 700, 1000, KPI_TARGET_FIRST_CONTACT, BOARD_GREEN},
        {"at least 70%: 0 of 10 red", 0, 10, KPI_TARGET_FIRST_CONTACT, BOARD_RED},
    };
    for (size_t i = 0; i < N(cases); i++) {
        enum board_rag r;
        struct domain_error err = {{0}, {0}};
        if (board_rag(cases[i].num, cases[i].den, cases[i].target, BOARD_AMBER_DEFAULT_BP, s, &r, &err) != 0)
            fail_msg("%s: %s %s", cases[i].name, err.field, err.message);
        if (r != cases[i].want)
            fail_msg("%s: got %s", cases[i].name, board_rag_name(r));
    }
    enum board_rag r;
    struct domain_error err = {{0}, {0}};
    assert_int_not_equal(board_rag(5, 4, KPI_TARGET_CHC_28_DAYS, 500, s, &r, &err), 0);
    assert_string_equal(err.field, "numerator");
    assert_int_not_equal(board_rag(1, 4, KPI_TARGET_CHC_28_DAYS, 10001, s, &r, &err), 0);
    assert_string_equal(err.field, "amber_bp");
}

static void spend_against_budget(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int64_t spend, budget;
        enum board_rag want;
    } cases[] = {
        {"no budget: no data", 0, 0, BOARD_NO_DATA},
        {"on budget: green", 100000, 100000, BOARD_GREEN},
        {"1p over: amber", 100001, 100000, BOARD_AMBER},
        {"5% over exactly: amber", 105000, 100000, BOARD_AMBER},
        {"just beyond 5% over: red", 105001, 100000, BOARD_RED},
        {"nothing spent: green", 0, 100000, BOARD_GREEN},
    };
    for (size_t i = 0; i < N(cases); i++) {
        enum board_rag r;
        struct domain_error err = {{0}, {0}};
        if (board_rag_spend(cases[i].spend, cases[i].budget, BOARD_AMBER_DEFAULT_BP, &r, &err) != 0 ||
            r != cases[i].want)
            fail_msg("%s: got %s", cases[i].name, board_rag_name(r));
    }
    enum board_rag r;
    struct domain_error err = {{0}, {0}};
    assert_int_not_equal(board_rag_spend(-1, 10, 500, &r, &err), 0);
    assert_string_equal(err.field, "spend");
}

static void targets_in_words(void **state)
{
    (void)state;
    char t[32];
    board_target_text(KPI_TARGET_CHC_28_DAYS, t, sizeof t);
    assert_string_equal(t, "more than 80%");
    board_target_text(KPI_TARGET_CHC_ACUTE_SETTING, t, sizeof t);
    assert_string_equal(t, "fewer than 15%");
    board_target_text((struct kpi_target){KPI_AT_LEAST, 9250}, t, sizeof t);
    assert_string_equal(t, "at least 92.50%");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_numbers_are_suppressed),
        cmocka_unit_test(rag_against_targets),
        cmocka_unit_test(spend_against_budget),
        cmocka_unit_test(targets_in_words),
    };
    return cmocka_run_group_tests_name("board_pack", tests, NULL, NULL);
}
