/* Unit tests for domain/dates: parsing, day numbers, leap years, month ends,
 * bank holidays, working days, timestamps, UK local date, CHC 28-day clock. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/dates.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct date D(int y, int m, int d)
{
    struct date x = {y, m, d};
    return x;
}

static void assert_date(struct date got, struct date want, const char *name)
{
    if (date_compare(got, want) != 0)
        fail_msg("%s: got %04d-%02d-%02d want %04d-%02d-%02d", name, got.year,
                 got.month, got.day, want.year, want.month, want.day);
}

static void parse_accepts_real_dates_and_rejects_the_rest(void **state)
{
    (void)state;
    static const struct {
        const char *name, *in;
        int rc;
        int y, m, d;
    } cases[] = {
        {"plain", "2026-11-22", 0, 2026, 11, 22},
        {"leap day 2024", "2024-02-29", 0, 2024, 2, 29},
        {"leap day 2000 (400 rule)", "2000-02-29", 0, 2000, 2, 29},
        {"first representable", "0001-01-01", 0, 1, 1, 1},
        {"last representable", "9999-12-31", 0, 9999, 12, 31},
        {"month end 30", "2025-04-30", 0, 2025, 4, 30},
        {"not leap 2025", "2025-02-29", DOMAIN_EINVAL, 0, 0, 0},
        {"not leap 2100 (century)", "2100-02-29", DOMAIN_EINVAL, 0, 0, 0},
        {"not leap 1900", "1900-02-29", DOMAIN_EINVAL, 0, 0, 0},
        {"april 31", "2025-04-31", DOMAIN_EINVAL, 0, 0, 0},
        {"month 13", "2025-13-01", DOMAIN_EINVAL, 0, 0, 0},
        {"month 00", "2025-00-10", DOMAIN_EINVAL, 0, 0, 0},
        {"day 00", "2025-01-00", DOMAIN_EINVAL, 0, 0, 0},
        {"day 32", "2025-01-32", DOMAIN_EINVAL, 0, 0, 0},
        {"year 0000", "0000-01-01", DOMAIN_EINVAL, 0, 0, 0},
        {"extra chars", "2025-01-01x", DOMAIN_EINVAL, 0, 0, 0},
        {"time after", "2025-01-01T00:00:00Z", DOMAIN_EINVAL, 0, 0, 0},
        {"leading space", " 2025-01-01", DOMAIN_EINVAL, 0, 0, 0},
        {"short", "2025-1-01", DOMAIN_EINVAL, 0, 0, 0},
        {"slashes", "2025/01/01", DOMAIN_EINVAL, 0, 0, 0},
        {"sign", "+025-01-01", DOMAIN_EINVAL, 0, 0, 0},
        {"empty", "", DOMAIN_EMISSING, 0, 0, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct date d = {-1, -1, -1};
        struct domain_error err = {{0}, {0}};
        int rc = date_parse(cases[i].in, "date_of_birth", &d, &err);
        if (rc != cases[i].rc)
            fail_msg("%s: rc %d want %d", cases[i].name, rc, cases[i].rc);
        if (rc == 0) {
            assert_date(d, D(cases[i].y, cases[i].m, cases[i].d), cases[i].name);
            char buf[DATE_STR_SIZE];
            assert_int_equal(date_format(d, buf), 0);
            assert_string_equal(buf, cases[i].in);
        } else {
            assert_string_equal(err.field, "date_of_birth");
            assert_true(err.message[0] != '\0');
            assert_int_equal(d.year, -1); /* untouched */
        }
    }
    assert_int_equal(date_parse(NULL, "x", NULL, NULL), DOMAIN_EMISSING);
    char buf[DATE_STR_SIZE];
    assert_int_equal(date_format(D(2025, 2, 29), buf), -1);
    assert_string_equal(buf, "");
}

static void leap_years_follow_the_gregorian_rules(void **state)
{
    (void)state;
    static const struct { int year, leap; } cases[] = {
        {1900, 0}, {2000, 1}, {2023, 0}, {2024, 1}, {2025, 0},
        {2100, 0}, {2400, 1}, {4, 1}, {1, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        assert_int_equal(date_is_leap_year(cases[i].year), cases[i].leap);
        assert_int_equal(date_days_in_month(cases[i].year, 2),
                         cases[i].leap ? 29 : 28);
    }
    assert_int_equal(date_days_in_month(2025, 13), 0);
    assert_int_equal(date_days_in_month(2025, 0), 0);
}

static void day_numbers_match_known_values(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int y, m, d;
        int32_t days;
        enum weekday wd;
    } cases[] = {
        {"epoch", 1970, 1, 1, 0, WEEKDAY_THURSDAY},
        {"day before epoch", 1969, 12, 31, -1, WEEKDAY_WEDNESDAY},
        {"1900-03-01", 1900, 3, 1, -25508, WEEKDAY_THURSDAY},
        {"2000-02-29", 2000, 2, 29, 11016, WEEKDAY_TUESDAY},
        {"2000-03-01", 2000, 3, 1, 11017, WEEKDAY_WEDNESDAY},
        {"2024-02-29", 2024, 2, 29, 19782, WEEKDAY_THURSDAY},
        {"2026-11-22", 2026, 11, 22, 20779, WEEKDAY_SUNDAY},
        {"2100-02-28", 2100, 2, 28, 47540, WEEKDAY_SUNDAY},
        {"2100-03-01 (no 29th)", 2100, 3, 1, 47541, WEEKDAY_MONDAY},
        {"min", 1, 1, 1, DATE_MIN_DAYS, WEEKDAY_MONDAY},
        {"max", 9999, 12, 31, DATE_MAX_DAYS, WEEKDAY_FRIDAY},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct date d = D(cases[i].y, cases[i].m, cases[i].d);
        if (date_to_days(d) != cases[i].days)
            fail_msg("%s: %d want %d", cases[i].name, date_to_days(d),
                     cases[i].days);
        assert_date(date_from_days(cases[i].days), d, cases[i].name);
        assert_int_equal(date_weekday(d), cases[i].wd);
    }
}

static void every_day_round_trips(void **state)
{
    (void)state;
    struct date prev = date_from_days(DATE_MIN_DAYS);
    assert_date(prev, D(1, 1, 1), "min");
    for (int32_t n = DATE_MIN_DAYS + 1; n <= DATE_MAX_DAYS; n++) {
        struct date d = date_from_days(n);
        if (!date_is_valid(d) || date_to_days(d) != n ||
            date_compare(prev, d) >= 0)
            fail_msg("day %d -> %04d-%02d-%02d", n, d.year, d.month, d.day);
        prev = d;
    }
}

static void adding_days_crosses_month_and_year_ends(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct date from;
        int32_t n;
        struct date want;
    } cases[] = {
        {"jan 31 + 1", {2024, 1, 31}, 1, {2024, 2, 1}},
        {"feb 28 + 1 leap", {2024, 2, 28}, 1, {2024, 2, 29}},
        {"feb 28 + 1 not leap", {2025, 2, 28}, 1, {2025, 3, 1}},
        {"feb 28 2100 + 1", {2100, 2, 28}, 1, {2100, 3, 1}},
        {"feb 28 2000 + 1", {2000, 2, 28}, 1, {2000, 2, 29}},
        {"dec 31 + 1", {2025, 12, 31}, 1, {2026, 1, 1}},
        {"mar 1 - 1 leap", {2024, 3, 1}, -1, {2024, 2, 29}},
        {"+366 over leap year", {2024, 1, 1}, 366, {2025, 1, 1}},
        {"+28 CHC clock", {2026, 2, 1}, 28, {2026, 3, 1}},
        {"zero", {2026, 6, 30}, 0, {2026, 6, 30}},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct date out;
        assert_int_equal(date_add_days(cases[i].from, cases[i].n, &out, NULL), 0);
        assert_date(out, cases[i].want, cases[i].name);
        assert_int_equal(date_diff_days(cases[i].from, out), cases[i].n);
    }
    struct date out = {0, 0, 0};
    struct domain_error err;
    assert_int_equal(date_add_days(D(9999, 12, 31), 1, &out, &err), DOMAIN_ERANGE);
    assert_int_equal(date_add_days(D(1, 1, 1), -1, &out, &err), DOMAIN_ERANGE);
    assert_int_equal(date_add_days(D(1, 1, 1), INT32_MAX, &out, &err), DOMAIN_ERANGE);
    assert_true(date_compare(D(2025, 1, 1), D(2025, 1, 2)) < 0);
    assert_true(date_compare(D(2025, 2, 1), D(2025, 1, 31)) > 0);
    assert_int_equal(date_compare(D(2025, 2, 1), D(2025, 2, 1)), 0);
}

static void adding_months_clamps_to_the_month_end(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct date from;
        int32_t n;
        struct date want;
    } cases[] = {
        {"plain 3 months", {2026, 12, 1}, 3, {2027, 3, 1}},
        {"nov 30 + 3 clamps to feb 28", {2026, 11, 30}, 3, {2027, 2, 28}},
        {"nov 29 + 3 leap year feb 29", {2027, 11, 29}, 3, {2028, 2, 29}},
        {"feb 29 + 12 clamps to feb 28", {2028, 2, 29}, 12, {2029, 2, 28}},
        {"jan 31 + 1", {2026, 1, 31}, 1, {2026, 2, 28}},
        {"aug 31 + 1 (30-day month)", {2026, 8, 31}, 1, {2026, 9, 30}},
        {"over the year end", {2026, 10, 15}, 3, {2027, 1, 15}},
        {"12 months", {2026, 3, 31}, 12, {2027, 3, 31}},
        {"negative over the year start", {2027, 1, 31}, -2, {2026, 11, 30}},
        {"zero", {2026, 6, 30}, 0, {2026, 6, 30}},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct date out;
        assert_int_equal(date_add_months(cases[i].from, cases[i].n, &out, NULL), 0);
        assert_date(out, cases[i].want, cases[i].name);
    }
    struct date out = {0, 0, 0};
    struct domain_error err;
    assert_int_equal(date_add_months(D(9999, 12, 1), 1, &out, &err), DOMAIN_ERANGE);
    assert_string_equal(err.field, "date");
    assert_int_equal(date_add_months(D(1, 1, 31), -1, &out, &err), DOMAIN_ERANGE);
    assert_int_equal(date_add_months(D(9999, 11, 30), 1, &out, NULL), 0);
    assert_date(out, D(9999, 12, 30), "last month of the range");
}

/* Rebuilds a year's England and Wales bank holidays from the rules. */
static size_t rules_for_year(int year, int32_t out[8])
{
    size_t n = 0;
    int32_t jan1 = date_to_days(D(year, 1, 1));
    enum weekday w = date_weekday(D(year, 1, 1));
    out[n++] = w == WEEKDAY_SATURDAY ? jan1 + 2 : w == WEEKDAY_SUNDAY ? jan1 + 1 : jan1;
    int32_t easter = date_to_days(date_easter_sunday(year));
    out[n++] = easter - 2;
    out[n++] = easter + 1;
    int32_t may1 = date_to_days(D(year, 5, 1));
    out[n++] = may1 + (8 - (int)date_weekday(D(year, 5, 1))) % 7;
    int32_t may31 = date_to_days(D(year, 5, 31));
    out[n++] = may31 - ((int)date_weekday(D(year, 5, 31)) - 1);
    int32_t aug31 = date_to_days(D(year, 8, 31));
    out[n++] = aug31 - ((int)date_weekday(D(year, 8, 31)) - 1);
    int32_t xmas = date_to_days(D(year, 12, 25));
    enum weekday xw = date_weekday(D(year, 12, 25));
    if (xw == WEEKDAY_FRIDAY) {          /* Boxing Day Saturday -> Monday */
        out[n++] = xmas;
        out[n++] = xmas + 3;
    } else if (xw == WEEKDAY_SATURDAY) { /* both at weekend -> Mon, Tue */
        out[n++] = xmas + 2;
        out[n++] = xmas + 3;
    } else if (xw == WEEKDAY_SUNDAY) {   /* Christmas -> Tuesday */
        out[n++] = xmas + 2;
        out[n++] = xmas + 1;
    } else {
        out[n++] = xmas;
        out[n++] = xmas + 1;
    }
    return n;
}

static void builtin_bank_holidays_match_the_rules_and_the_list(void **state)
{
    (void)state;
    static const struct { int y, m, d; } published[] = {
        {2024, 1, 1}, {2024, 3, 29}, {2024, 4, 1}, {2024, 5, 6}, {2024, 5, 27},
        {2024, 8, 26}, {2024, 12, 25}, {2024, 12, 26},
        {2025, 1, 1}, {2025, 4, 18}, {2025, 4, 21}, {2025, 5, 5}, {2025, 5, 26},
        {2025, 8, 25}, {2025, 12, 25}, {2025, 12, 26},
        {2026, 1, 1}, {2026, 4, 3}, {2026, 4, 6}, {2026, 5, 4}, {2026, 5, 25},
        {2026, 8, 31}, {2026, 12, 25}, {2026, 12, 28},
        {2027, 1, 1}, {2027, 3, 26}, {2027, 3, 29}, {2027, 5, 3}, {2027, 5, 31},
        {2027, 8, 30}, {2027, 12, 27}, {2027, 12, 28},
    };
    size_t count;
    const int32_t *table = date_builtin_holidays(&count);
    assert_int_equal(count, N(published));
    for (size_t i = 0; i < count; i++)
        assert_int_equal(table[i],
                         date_to_days(D(published[i].y, published[i].m, published[i].d)));
    for (int year = 2024; year <= 2027; year++) {
        int32_t want[8];
        assert_int_equal(rules_for_year(year, want), 8);
        for (int k = 0; k < 8; k++)
            if (want[k] != table[(year - 2024) * 8 + k])
                fail_msg("%d holiday %d differs from the rules", year, k);
    }
    assert_date(date_easter_sunday(2024), D(2024, 3, 31), "easter 2024");
    assert_date(date_easter_sunday(2025), D(2025, 4, 20), "easter 2025");
    assert_date(date_easter_sunday(2026), D(2026, 4, 5), "easter 2026");
    assert_date(date_easter_sunday(2027), D(2027, 3, 28), "easter 2027");
    assert_date(date_easter_sunday(2000), D(2000, 4, 23), "easter 2000");
    assert_int_equal(date_easter_sunday(1500).year, 0);
}

static void working_days_skip_weekends_and_holidays(void **state)
{
    (void)state;
    static const struct { const char *name; struct date d; int work; } days[] = {
        {"Mon 2026-11-23", {2026, 11, 23}, 1},
        {"Sat 2026-11-21", {2026, 11, 21}, 0},
        {"Sun 2026-11-22", {2026, 11, 22}, 0},
        {"Good Friday 2025", {2025, 4, 18}, 0},
        {"Easter Monday 2025", {2025, 4, 21}, 0},
        {"Christmas 2026 (Fri)", {2026, 12, 25}, 0},
        {"Boxing Day 2026 (Sat)", {2026, 12, 26}, 0},
        {"substitute Mon 2026-12-28", {2026, 12, 28}, 0},
        {"Tue 2026-12-29", {2026, 12, 29}, 1},
        {"Christmas Eve 2026", {2026, 12, 24}, 1},
        {"summer 2026-08-31", {2026, 8, 31}, 0},
        {"2027-12-27 substitute", {2027, 12, 27}, 0},
        {"2027-12-29", {2027, 12, 29}, 1},
    };
    for (size_t i = 0; i < N(days); i++) {
        int w = -1;
        assert_int_equal(date_is_working_day(NULL, days[i].d, &w, NULL), 0);
        if (w != days[i].work)
            fail_msg("%s: working=%d", days[i].name, w);
    }
    static const struct {
        const char *name;
        struct date from;
        int32_t n;
        struct date want;
    } adds[] = {
        {"Christmas Eve 2026 + 1", {2026, 12, 24}, 1, {2026, 12, 29}},
        {"Fri 18 Dec 2026 + 10", {2026, 12, 18}, 10, {2027, 1, 6}},
        {"Maundy Thu 2025 + 1", {2025, 4, 17}, 1, {2025, 4, 22}},
        {"Fri + 1 = Mon", {2026, 11, 20}, 1, {2026, 11, 23}},
        {"Sat + 1 = Mon", {2026, 11, 21}, 1, {2026, 11, 23}},
        {"zero keeps a Sunday", {2026, 11, 22}, 0, {2026, 11, 22}},
        {"Tue 29 Dec 2026 - 1", {2026, 12, 29}, -1, {2026, 12, 24}},
        {"Fri 22 Aug 2025 + 1 (bank hol Mon)", {2025, 8, 22}, 1, {2025, 8, 26}},
    };
    for (size_t i = 0; i < N(adds); i++) {
        struct date out;
        assert_int_equal(date_add_working_days(NULL, adds[i].from, adds[i].n,
                                               &out, NULL), 0);
        assert_date(out, adds[i].want, adds[i].name);
        int32_t c;
        assert_int_equal(date_count_working_days(NULL, adds[i].from, out, &c,
                                                 NULL), 0);
        if (adds[i].n != 0 && c != adds[i].n)
            fail_msg("%s: count %d", adds[i].name, c);
    }
    int32_t c = -1;
    assert_int_equal(date_count_working_days(NULL, D(2026, 12, 24),
                                             D(2026, 12, 28), &c, NULL), 0);
    assert_int_equal(c, 0); /* Fri hol, Sat, Sun, Mon substitute */
    assert_int_equal(date_count_working_days(NULL, D(2026, 12, 1),
                                             D(2026, 12, 1), &c, NULL), 0);
    assert_int_equal(c, 0);
    assert_int_equal(date_count_working_days(NULL, D(2026, 1, 1),
                                             D(2026, 12, 31), &c, NULL), 0);
    assert_int_equal(c, 261 - 1 - 7); /* 261 weekdays; Jan 1 excluded; 7 more holidays */
}

static void uncovered_years_fail_and_callers_can_extend(void **state)
{
    (void)state;
    struct date out;
    struct domain_error err;
    int w;
    assert_int_equal(date_is_working_day(NULL, D(2028, 1, 4), &w, &err), DOMAIN_ERANGE);
    assert_string_equal(err.field, "holidays");
    assert_int_equal(date_add_working_days(NULL, D(2027, 12, 29), 5, &out, &err),
                     DOMAIN_ERANGE);
    assert_int_equal(date_add_working_days(NULL, D(2024, 1, 2), -1, &out, &err),
                     DOMAIN_ERANGE); /* steps into 2023 */
    /* 2028: Jan 3 (substitute for Sat 1 Jan) and a made-up local holiday. */
    const int32_t extra[] = {date_to_days(D(2028, 1, 3)), date_to_days(D(2028, 1, 5))};
    struct date_holidays h = {extra, 2, 2028, 2028, 0, 0};
    assert_int_equal(date_holidays_check(&h, NULL), 0);
    assert_int_equal(date_add_working_days(&h, D(2027, 12, 29), 3, &out, NULL), 0);
    assert_date(out, D(2028, 1, 4), "29 Dec 2027 + 3 with 2028 table");
    assert_int_equal(date_add_working_days(&h, D(2027, 12, 29), 4, &out, NULL), 0);
    assert_date(out, D(2028, 1, 6), "skips caller's 5 Jan");
    assert_true(date_is_holiday(&h, D(2026, 12, 25)));  /* built-in still on */
    struct date_holidays only = {extra, 2, 2028, 2028, 1, 0};
    assert_false(date_is_holiday(&only, D(2026, 12, 25)));
    assert_false(date_holidays_cover(&only, 2026));
    const int32_t unsorted[] = {5, 4};
    struct date_holidays bad = {unsorted, 2, 0, 0, 0, 0};
    assert_int_equal(date_holidays_check(&bad, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "holidays");
    struct date_holidays badyears = {NULL, 0, 2030, 2029, 0, 0};
    assert_int_equal(date_holidays_check(&badyears, &err), DOMAIN_EINVAL);
}

/* A caller that must never refuse (a referral's due time) estimates an
 * uncovered year from weekends and whatever holidays it knows there. */
static void uncovered_years_can_be_estimated_from_weekends(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct date start;
        int32_t n;
        struct date want;
    } cases[] = {
        {"Tue 29 Feb 2028 + 10: two weekends only", {2028, 2, 29}, 10, {2028, 3, 14}},
        {"Fri 29 Dec 2028 + 1: Mon 1 Jan 2029 counted (unknown)", {2028, 12, 29}, 1, {2029, 1, 1}},
        {"Wed 29 Dec 2027 + 3: 2027's 27/28 Dec behind, known 3 Jan 2028 skipped", {2027, 12, 29}, 3, {2028, 1, 4}},
        {"Sat 1 Jan 2028 + 1: known 3 Jan skipped", {2028, 1, 1}, 1, {2028, 1, 4}},
        {"Mon 3 Apr 2023 - 1: before the table, weekend skipped", {2023, 4, 3}, -1, {2023, 3, 31}},
    };
    const int32_t known[] = {date_to_days(D(2028, 1, 3))};   /* a 2028 day with the year not complete */
    struct date_holidays h = {known, 1, 0, 0, 0, 1};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct date out;
        assert_int_equal(date_add_working_days(&h, cases[i].start, cases[i].n, &out, NULL), 0);
        assert_date(out, cases[i].want, cases[i].name);
    }
    assert_false(date_holidays_cover(&h, 2028));   /* so the caller says "estimated" */
    assert_true(date_holidays_cover(&h, 2027));    /* the built-in table still applies */
    struct date_holidays strict = {known, 1, 0, 0, 0, 0};
    struct date out;
    assert_int_equal(date_add_working_days(&strict, D(2028, 2, 29), 10, &out, NULL), DOMAIN_ERANGE);
}

static void timestamps_parse_strictly_and_format_in_utc(void **state)
{
    (void)state;
    static const struct { const char *name, *in; int rc; int64_t t; } cases[] = {
        {"utc", "2026-11-22T10:00:00Z", 0, INT64_C(1795341600)},
        {"lower case t z", "2026-11-22t10:00:00z", 0, INT64_C(1795341600)},
        {"fraction truncated", "2026-11-22T10:00:00.999Z", 0, INT64_C(1795341600)},
        {"plus offset", "2026-11-22T11:00:00+01:00", 0, INT64_C(1795341600)},
        {"minus offset", "2026-11-22T05:30:00-04:30", 0, INT64_C(1795341600)},
        {"leap day last second", "2024-02-29T23:59:59Z", 0, INT64_C(1709251199)},
        {"epoch", "1970-01-01T00:00:00Z", 0, 0},
        {"before epoch", "1969-12-31T23:59:59Z", 0, -1},
        {"min", "0001-01-01T00:00:00Z", 0, TIMESTAMP_MIN},
        {"max", "9999-12-31T23:59:59Z", 0, TIMESTAMP_MAX},
        {"offset leaves range", "0001-01-01T00:00:00+00:01", DOMAIN_ERANGE, 0},
        {"leap second", "2026-12-31T23:59:60Z", DOMAIN_EINVAL, 0},
        {"hour 24", "2026-11-22T24:00:00Z", DOMAIN_EINVAL, 0},
        {"no zone", "2026-11-22T10:00:00", DOMAIN_EINVAL, 0},
        {"space separator", "2026-11-22 10:00:00Z", DOMAIN_EINVAL, 0},
        {"bad date", "2025-02-29T10:00:00Z", DOMAIN_EINVAL, 0},
        {"empty fraction", "2026-11-22T10:00:00.Z", DOMAIN_EINVAL, 0},
        {"ten fraction digits", "2026-11-22T10:00:00.0123456789Z", DOMAIN_EINVAL, 0},
        {"offset 24h", "2026-11-22T10:00:00+24:00", DOMAIN_EINVAL, 0},
        {"short offset", "2026-11-22T10:00:00+01", DOMAIN_EINVAL, 0},
        {"trailing", "2026-11-22T10:00:00Zx", DOMAIN_EINVAL, 0},
        {"date only", "2026-11-22", DOMAIN_EINVAL, 0},
        {"empty", "", DOMAIN_EMISSING, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int64_t t = 42;
        struct domain_error err = {{0}, {0}};
        int rc = timestamp_parse(cases[i].in, "received_at", &t, &err);
        if (rc != cases[i].rc)
            fail_msg("%s: rc %d want %d", cases[i].name, rc, cases[i].rc);
        if (rc == 0 && t != cases[i].t)
            fail_msg("%s: t %lld", cases[i].name, (long long)t);
        if (rc != 0)
            assert_string_equal(err.field, "received_at");
    }
    char buf[TIMESTAMP_STR_SIZE];
    assert_int_equal(timestamp_format(INT64_C(1795341600), buf), 0);
    assert_string_equal(buf, "2026-11-22T10:00:00Z");
    assert_int_equal(timestamp_format(-1, buf), 0);
    assert_string_equal(buf, "1969-12-31T23:59:59Z");
    assert_int_equal(timestamp_format(TIMESTAMP_MIN, buf), 0);
    assert_string_equal(buf, "0001-01-01T00:00:00Z");
    assert_int_equal(timestamp_format(TIMESTAMP_MAX + 1, buf), -1);
    assert_string_equal(buf, "");
    assert_int_equal(timestamp_format(INT64_MIN, buf), -1);
}

static int64_t ts(const char *s)
{
    int64_t t = 0;
    if (timestamp_parse(s, "t", &t, NULL) != 0)
        fail_msg("bad test timestamp %s", s);
    return t;
}

static void uk_local_date_follows_british_summer_time(void **state)
{
    (void)state;
    static const struct { const char *name, *at; struct date want; } cases[] = {
        {"winter late evening", "2026-01-15T23:30:00Z", {2026, 1, 15}},
        {"summer late evening is next day", "2026-07-15T23:30:00Z", {2026, 7, 16}},
        {"BST starts 29 Mar 2026 01:00Z (before)", "2026-03-29T00:59:59Z", {2026, 3, 29}},
        {"evening after BST starts", "2026-03-29T23:00:00Z", {2026, 3, 30}},
        {"evening before BST starts", "2026-03-28T23:00:00Z", {2026, 3, 28}},
        {"night before BST ends 25 Oct 2026", "2026-10-24T23:30:00Z", {2026, 10, 25}},
        {"evening after BST ends", "2026-10-25T23:30:00Z", {2026, 10, 25}},
        {"new year UTC", "2026-12-31T23:59:59Z", {2026, 12, 31}},
    };
    for (size_t i = 0; i < N(cases); i++)
        assert_date(timestamp_uk_date(ts(cases[i].at)), cases[i].want, cases[i].name);
    assert_date(timestamp_utc_date(ts("2026-07-15T23:30:00Z")), D(2026, 7, 15), "utc");
    assert_date(timestamp_utc_date(-1), D(1969, 12, 31), "utc before epoch");
}

static void chc_clock_boundaries(void **state)
{
    (void)state;
    const struct date rec = {2026, 1, 5};
    static const struct {
        const char *name;
        int today_day;     /* days after receipt */
        int decided_day;   /* -1: undecided */
        int32_t elapsed, left;
        enum chc_clock_status status;
        int within;
    } cases[] = {
        {"day 0", 0, -1, 0, 28, CHC_CLOCK_ON_TIME, 0},
        {"day 20: 8 left, on time", 20, -1, 20, 8, CHC_CLOCK_ON_TIME, 0},
        {"day 21: 7 left, at risk", 21, -1, 21, 7, CHC_CLOCK_AT_RISK, 0},
        {"day 22: at risk", 22, -1, 22, 6, CHC_CLOCK_AT_RISK, 0},
        {"day 28: due today, at risk", 28, -1, 28, 0, CHC_CLOCK_AT_RISK, 0},
        {"day 29: breached", 29, -1, 29, -1, CHC_CLOCK_BREACHED, 0},
        {"decided day 28: within", 40, 28, 28, 0, CHC_CLOCK_ON_TIME, 1},
        {"decided day 29: breached", 40, 29, 29, -1, CHC_CLOCK_BREACHED, 0},
        {"decided day 0", 0, 0, 0, 28, CHC_CLOCK_ON_TIME, 1},
        {"decided day 25 is not at risk", 25, 25, 25, 3, CHC_CLOCK_ON_TIME, 1},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct date today, dec;
        assert_int_equal(date_add_days(rec, cases[i].today_day, &today, NULL), 0);
        assert_int_equal(date_add_days(rec, cases[i].decided_day, &dec, NULL), 0);
        struct chc_clock c;
        int rc = chc_clock_compute(rec, today,
                                   cases[i].decided_day >= 0 ? &dec : NULL, &c, NULL);
        assert_int_equal(rc, 0);
        assert_date(c.due, D(2026, 2, 2), cases[i].name);
        if (c.days_elapsed != cases[i].elapsed || c.days_left != cases[i].left ||
            c.status != cases[i].status || c.within_28_days != cases[i].within ||
            c.decided != (cases[i].decided_day >= 0))
            fail_msg("%s: elapsed %d left %d status %s within %d", cases[i].name,
                     c.days_elapsed, c.days_left, chc_clock_status_name(c.status),
                     c.within_28_days);
    }
    struct chc_clock c;
    struct domain_error err;
    assert_int_equal(chc_clock_compute(D(2026, 3, 1), D(2026, 2, 1), NULL, &c, &err),
                     DOMAIN_EINVAL);
    assert_string_equal(err.field, "received_date");
    struct date early = {2026, 1, 4}, late = {2026, 3, 1};
    assert_int_equal(chc_clock_compute(rec, D(2026, 2, 1), &early, &c, &err),
                     DOMAIN_EINVAL);
    assert_string_equal(err.field, "decision_date");
    assert_int_equal(chc_clock_compute(rec, D(2026, 2, 1), &late, &c, &err),
                     DOMAIN_EINVAL);
    /* Leap February: received 2024-02-01 is due 2024-02-29. */
    assert_int_equal(chc_clock_compute(D(2024, 2, 1), D(2024, 2, 1), NULL, &c, NULL), 0);
    assert_date(c.due, D(2024, 2, 29), "leap due");
    assert_string_equal(chc_clock_status_name(CHC_CLOCK_AT_RISK), "at_risk");
}

static void uk_display_time_at_the_clock_changes(void **state)
{
    (void)state;
    static const struct { const char *utc, *uk; } cases[] = {
        {"2026-03-29T00:59:59Z", "29 March 2026 at 00:59"},   /* last second of GMT */
        {"2026-03-29T01:00:00Z", "29 March 2026 at 02:00"},   /* clocks go forward */
        {"2026-10-25T00:59:59Z", "25 October 2026 at 01:59"}, /* last second of BST */
        {"2026-10-25T01:00:00Z", "25 October 2026 at 01:00"}, /* clocks go back */
        {"2026-06-30T23:30:00Z", "1 July 2026 at 00:30"},     /* BST crosses the date */
        {"2026-12-31T23:59:00Z", "31 December 2026 at 23:59"},
        {"2026-09-30T12:05:00Z", "30 September 2026 at 13:05"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t t;
        char out[TIMESTAMP_UK_SIZE];
        assert_int_equal(timestamp_parse(cases[i].utc, "t", &t, NULL), 0);
        assert_int_equal(timestamp_format_uk(t, out), 0);
        assert_string_equal(out, cases[i].uk);
    }
}

/* Dates as people read them (issue #14 item 11). */
static void long_dates(void **state)
{
    (void)state;
    static const struct { struct date d; const char *want; } cases[] = {
        {{2026, 12, 2}, "2 December 2026"}, {{2026, 1, 31}, "31 January 2026"}, {{2024, 2, 29}, "29 February 2024"},
        {{2026, 9, 30}, "30 September 2026"}, {{1, 1, 1}, "1 January 0001"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[DATE_LONG_SIZE];
        assert_int_equal(date_format_long(cases[i].d, out), 0);
        assert_string_equal(out, cases[i].want);
    }
    char out[DATE_LONG_SIZE];
    assert_int_equal(date_format_long((struct date){2026, 2, 30}, out), -1);
    assert_string_equal(out, "");
}

/* The person banner's age (issue #14 item 10): completed years. */
static void age_in_completed_years(void **state)
{
    (void)state;
    static const struct { struct date dob, on; int age; } cases[] = {
        {{1940, 3, 3}, {2026, 3, 2}, 85}, {{1940, 3, 3}, {2026, 3, 3}, 86}, {{1940, 3, 3}, {2026, 12, 31}, 86},
        {{2000, 2, 29}, {2026, 2, 28}, 25}, {{2000, 2, 29}, {2026, 3, 1}, 26}, {{2000, 2, 29}, {2028, 2, 29}, 28},
        {{2026, 12, 2}, {2026, 12, 2}, 0}, {{2026, 12, 3}, {2026, 12, 2}, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (date_age_years(cases[i].dob, cases[i].on) != cases[i].age)
            fail_msg("case %zu", i);
}

/* NHS measures report by financial-year quarter: April-June is Q1. */
static void financial_quarters_start_in_april(void **state)
{
    (void)state;
    static const struct { struct date d; int fy, q; } cases[] = {
        {{2026, 4, 1}, 2026, 1}, {{2026, 6, 30}, 2026, 1}, {{2026, 7, 1}, 2026, 2}, {{2026, 9, 30}, 2026, 2},
        {{2026, 10, 1}, 2026, 3}, {{2026, 12, 31}, 2026, 3}, {{2027, 1, 1}, 2026, 4}, {{2027, 3, 31}, 2026, 4},
        {{2026, 3, 31}, 2025, 4}, {{2028, 2, 29}, 2027, 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int fy = 0, q = 0;
        date_financial_quarter(cases[i].d, &fy, &q);
        if (fy != cases[i].fy || q != cases[i].q)
            fail_msg("case %zu: %d-%02d-%02d gave %d Q%d", i, cases[i].d.year, cases[i].d.month, cases[i].d.day, fy, q);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_accepts_real_dates_and_rejects_the_rest),
        cmocka_unit_test(age_in_completed_years),
        cmocka_unit_test(long_dates),
        cmocka_unit_test(leap_years_follow_the_gregorian_rules),
        cmocka_unit_test(day_numbers_match_known_values),
        cmocka_unit_test(every_day_round_trips),
        cmocka_unit_test(adding_days_crosses_month_and_year_ends),
        cmocka_unit_test(adding_months_clamps_to_the_month_end),
        cmocka_unit_test(builtin_bank_holidays_match_the_rules_and_the_list),
        cmocka_unit_test(working_days_skip_weekends_and_holidays),
        cmocka_unit_test(uncovered_years_fail_and_callers_can_extend),
        cmocka_unit_test(uncovered_years_can_be_estimated_from_weekends),
        cmocka_unit_test(timestamps_parse_strictly_and_format_in_utc),
        cmocka_unit_test(uk_local_date_follows_british_summer_time),
        cmocka_unit_test(uk_display_time_at_the_clock_changes),
        cmocka_unit_test(chc_clock_boundaries),
        cmocka_unit_test(financial_quarters_start_in_april),
    };
    return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
