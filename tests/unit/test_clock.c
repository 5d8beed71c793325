/* util/clock: the one settable clock. SEAMLESS_NOW is refused unless the test
 * clock is enabled and malformed values say why; pinned, "today" is the date
 * in England (BST included) and day offsets step whole civil days; the wall
 * clock (audit) is never moved. */
#include "test_helpers.h"
#include "util/clock.h"
#include "domain/dates.h"

static int64_t ts(const char *s)
{
    int64_t t;
    assert_int_equal(timestamp_parse(s, "t", &t, NULL), 0);
    return t;
}

static void the_test_clock_needs_enabling_and_a_real_time(void **state)
{
    (void)state;
    static const struct { const char *name, *now, *enabled; int rc; } cases[] = {
        {"unset: the real clock", NULL, NULL, 0},
        {"set but not enabled", "2027-01-31T09:00:00Z", NULL, -1},
        {"enabled with 0", "2027-01-31T09:00:00Z", "0", -1},
        {"enabled", "2027-01-31T09:00:00Z", "1", 0},
        {"not a time", "next Tuesday", "1", -1},
        {"impossible date", "2027-02-29T09:00:00Z", "1", -1},
        {"no zone", "2027-01-31T09:00:00", "1", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (cases[i].now) setenv("SEAMLESS_NOW", cases[i].now, 1); else unsetenv("SEAMLESS_NOW");
        if (cases[i].enabled) setenv("SEAMLESS_TEST_CLOCK", cases[i].enabled, 1); else unsetenv("SEAMLESS_TEST_CLOCK");
        char err[200] = "";
        int rc = clock_init(err, sizeof err);
        if (rc != cases[i].rc)
            fail_msg("%s: rc %d", cases[i].name, rc);
        if (rc != 0 && strstr(err, "SEAMLESS_") == NULL)
            fail_msg("%s: the message does not name the setting: %s", cases[i].name, err);
    }
    unsetenv("SEAMLESS_NOW");
    unsetenv("SEAMLESS_TEST_CLOCK");
}

static void pinned_today_is_the_date_in_england(void **state)
{
    (void)state;
    static const struct { const char *now, *today, *plus1, *minus1; } cases[] = {
        {"2027-01-31T09:00:00Z", "2027-01-31", "2027-02-01", "2027-01-30"},
        {"2028-02-28T23:59:00Z", "2028-02-28", "2028-02-29", "2028-02-27"},
        {"2028-02-29T09:00:00Z", "2028-02-29", "2028-03-01", "2028-02-28"},
        {"2027-03-28T00:30:00Z", "2027-03-28", "2027-03-29", "2027-03-27"},   /* before the clocks go forward */
        {"2027-03-28T23:30:00Z", "2027-03-29", "2027-03-30", "2027-03-28"},   /* 00:30 BST on Monday */
        {"2027-06-30T23:30:00Z", "2027-07-01", "2027-07-02", "2027-06-30"},   /* a UTC month end, not a UK one */
        {"2027-10-31T00:30:00Z", "2027-10-31", "2027-11-01", "2027-10-30"},   /* 01:30 BST, clocks go back at 01:00 UTC */
        {"2026-12-31T23:30:00Z", "2026-12-31", "2027-01-01", "2026-12-30"},   /* GMT: UTC is UK time */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        clock_pin(ts(cases[i].now));
        char today[11], plus[11], minus[11];
        clock_today(today);
        clock_date_offset(1, plus);
        clock_date_offset(-1, minus);
        if (strcmp(today, cases[i].today) || strcmp(plus, cases[i].plus1) || strcmp(minus, cases[i].minus1))
            fail_msg("%s: today %s +1 %s -1 %s", cases[i].now, today, plus, minus);
        assert_true(clock_is_pinned());
        int64_t d = clock_now_seconds() - ts(cases[i].now);
        assert_true(d >= 0 && d < 5);   /* pinned, then running on in real time */
    }
}

static void the_wall_clock_is_never_moved(void **state)
{
    (void)state;
    clock_pin(ts("2001-01-01T00:00:00Z"));
    char store[32], wall[32];
    clock_format_utc_ms(clock_now_ms(), store);
    clock_format_utc_ms(clock_wall_ms(), wall);
    assert_memory_equal(store, "2001-01-01", 10);
    assert_true(strncmp(wall, "2001", 4) != 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_test_clock_needs_enabling_and_a_real_time),
        cmocka_unit_test(pinned_today_is_the_date_in_england),
        cmocka_unit_test(the_wall_clock_is_never_moved),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
