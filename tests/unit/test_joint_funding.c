/* Unit tests for domain/joint_funding: the next panel on a cycle, pro rata
 * of weekly costs, the split in force on a date and the reconciliation of
 * without-prejudice interim funding, to the penny. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/joint_funding.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct date d(int y, int m, int dd) { return (struct date){y, m, dd}; }

static void next_panel_on_a_fortnightly_cycle(void **state)
{
    (void)state;
    /* First panel Thursday 2026-12-03, every 14 days. */
    static const struct { const char *name; struct date raised; int lead; struct date want; } cases[] = {
        {"raised long before the first panel", {2026, 1, 5}, 0, {2026, 12, 3}},
        {"raised the day before the first panel", {2026, 12, 2}, 0, {2026, 12, 3}},
        {"raised on a panel day, lead 0: that day's panel", {2026, 12, 3}, 0, {2026, 12, 3}},
        {"raised on a panel day, lead 1: the next panel", {2026, 12, 3}, 1, {2026, 12, 17}},
        {"raised the day after a panel", {2026, 12, 4}, 0, {2026, 12, 17}},
        {"raised the day before the second panel", {2026, 12, 16}, 0, {2026, 12, 17}},
        {"raised on the second panel day", {2026, 12, 17}, 0, {2026, 12, 17}},
        {"across the year end", {2026, 12, 18}, 0, {2026, 12, 31}},
        {"into next year", {2027, 1, 1}, 0, {2027, 1, 14}},
        {"lead 7 pushes past a close panel", {2026, 12, 12}, 7, {2026, 12, 31}},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct date out = {0, 0, 0};
        int rc = jf_next_panel(d(2026, 12, 3), 14, cases[i].lead, cases[i].raised, &out, NULL);
        if (rc != 0 || date_compare(out, cases[i].want) != 0)
            fail_msg("%s: rc %d got %04d-%02d-%02d", cases[i].name, rc, out.year, out.month, out.day);
    }
    struct date out;
    struct domain_error err = {{0}, {0}};
    assert_int_equal(jf_next_panel(d(2026, 12, 3), 7, 0, d(2026, 12, 11), &out, NULL), 0);
    assert_int_equal(date_compare(out, d(2026, 12, 17)), 0);   /* weekly */
    assert_int_equal(jf_next_panel(d(2026, 12, 3), 0, 0, d(2026, 12, 3), &out, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "cycle_days");
    assert_int_equal(jf_next_panel(d(2026, 12, 3), 367, 0, d(2026, 12, 3), &out, &err), DOMAIN_EINVAL);
    assert_int_equal(jf_next_panel(d(9999, 12, 30), 14, 0, d(9999, 12, 31), &out, &err), DOMAIN_ERANGE);
}

static void pro_rata_rounds_half_away_from_zero(void **state)
{
    (void)state;
    static const struct { const char *name; int64_t weekly, days, want; } cases[] = {
        {"a whole week", 70000, 7, 70000},
        {"zero days", 70000, 0, 0},
        {"negative days are zero", 70000, -3, 0},
        {"one day of 7p", 7, 1, 1},
        {"one day of 3p rounds down (3/7)", 3, 1, 0},
        {"one day of 4p rounds up (4/7)", 4, 1, 1},
        {"10001p over 10 days is 14287.14 -> 14287", 10001, 10, 14287},
        {"10001p over 11 days is 15715.86 -> 15716", 10001, 11, 15716},
        {"one day of 10001p is 1428.71 -> 1429", 10001, 1, 1429},
        {"52 weeks", 10001, 364, 520052},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int64_t out = -1;
        if (jf_pro_rata(cases[i].weekly, cases[i].days, &out, NULL) != 0 || out != cases[i].want)
            fail_msg("%s: got %lld", cases[i].name, (long long)out);
    }
    int64_t out;
    struct domain_error err = {{0}, {0}};
    assert_int_equal(jf_pro_rata(-1, 1, &out, &err), DOMAIN_ERANGE);
    assert_string_equal(err.field, "weekly_cost_pence");
    assert_int_equal(jf_pro_rata(INT64_MAX / 2, 7, &out, &err), DOMAIN_ERANGE);
}

static void split_in_force_on_a_date(void **state)
{
    (void)state;
    const struct jf_dated_split s[] = {
        {{2026, 12, 10}, {5000, 5000, 0}},
        {{2027, 1, 1}, {7000, 3000, 0}},
        {{2026, 12, 20}, {0, 10000, 0}},   /* out of order on purpose */
        {{2027, 1, 1}, {6000, 4000, 0}},   /* same day: the later row wins */
    };
    static const struct { const char *name; struct date on; long want; } cases[] = {
        {"before any split: the default", {2026, 12, 9}, -1},
        {"on the first effective date", {2026, 12, 10}, 0},
        {"the day before the second", {2026, 12, 19}, 0},
        {"on the second (listed third)", {2026, 12, 20}, 2},
        {"on a date two splits share: the later row", {2027, 1, 1}, 3},
        {"long after", {2030, 6, 1}, 3},
    };
    for (size_t i = 0; i < N(cases); i++) {
        long got = jf_split_in_force(s, N(s), cases[i].on);
        if (got != cases[i].want)
            fail_msg("%s: got %ld", cases[i].name, got);
    }
    assert_int_equal(jf_split_in_force(NULL, 0, d(2026, 1, 1)), -1);
}

static void reconciliation_of_interim_funding(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int64_t weekly;
        struct date from, to;
        struct jf_split split;
        int32_t days;
        int64_t total, nhs, council, person;
    } cases[] = {
        {"10001p over 10 days, 50:50: odd penny to the NHS", 10001, {2026, 12, 1}, {2026, 12, 10},
         {5000, 5000, 0}, 10, 14287, 7144, 7143, 0},
        {"one day", 10001, {2026, 12, 1}, {2026, 12, 1}, {5000, 5000, 0}, 1, 1429, 715, 714, 0},
        {"decided the day before it started: nothing", 10001, {2026, 12, 2}, {2026, 12, 1}, {5000, 5000, 0},
         0, 0, 0, 0, 0},
        {"refused, all NHS: nobody owes anything", 70000, {2026, 12, 1}, {2026, 12, 14}, {1, 0, 0}, 14,
         140000, 140000, 0, 0},
        {"all council: the council owes the lot", 70000, {2026, 12, 1}, {2026, 12, 14}, {0, 1, 0}, 14,
         140000, 0, 140000, 0},
        {"thirds with the person", 10000, {2026, 12, 1}, {2026, 12, 7}, {1, 1, 1}, 7, 10000, 3334, 3333, 3333},
        {"60:30:10 basis points across a month", 12345, {2027, 2, 1}, {2027, 2, 28}, {6000, 3000, 1000}, 28,
         49380, 29628, 14814, 4938},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct jf_reconciliation r;
        memset(&r, 0, sizeof r);
        int rc = jf_reconcile(cases[i].weekly, cases[i].from, cases[i].to, cases[i].split, &r, NULL);
        if (rc != 0 || r.days != cases[i].days || r.total != cases[i].total || r.nhs != cases[i].nhs ||
            r.council != cases[i].council || r.person != cases[i].person || r.nhs + r.council + r.person != r.total ||
            r.council_owes_nhs != r.council || r.person_owes_nhs != r.person)
            fail_msg("%s: rc %d days %d total %lld nhs %lld council %lld person %lld", cases[i].name, rc, r.days,
                     (long long)r.total, (long long)r.nhs, (long long)r.council, (long long)r.person);
    }
    struct jf_reconciliation r;
    struct domain_error err = {{0}, {0}};
    assert_int_equal(jf_reconcile(100, d(2026, 12, 1), d(2026, 12, 7), (struct jf_split){0, 0, 0}, &r, &err),
                     DOMAIN_EINVAL);
    assert_string_equal(err.field, "split");
    assert_int_equal(jf_reconcile(-1, d(2026, 12, 1), d(2026, 12, 7), (struct jf_split){1, 0, 0}, &r, &err),
                     DOMAIN_ERANGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(next_panel_on_a_fortnightly_cycle),
        cmocka_unit_test(pro_rata_rounds_half_away_from_zero),
        cmocka_unit_test(split_in_force_on_a_date),
        cmocka_unit_test(reconciliation_of_interim_funding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
