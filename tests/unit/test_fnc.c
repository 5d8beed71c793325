/* Unit tests for domain/fnc: the dated weekly rate table and its edges. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/fnc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void rate_in_force_changes_on_1_april(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct date on;
        enum fnc_band band;
        int rc;
        int64_t pence;
    } cases[] = {
        {"2024-03-31 before the table", {2024, 3, 31}, FNC_BAND_STANDARD, DOMAIN_EINVAL, 0},
        {"2024-04-01 first day", {2024, 4, 1}, FNC_BAND_STANDARD, 0, 23588},
        {"2024-04-01 higher", {2024, 4, 1}, FNC_BAND_HIGHER, 0, 32450},
        {"2025-03-31 last day of 2024/25", {2025, 3, 31}, FNC_BAND_STANDARD, 0, 23588},
        {"2025-03-31 higher", {2025, 3, 31}, FNC_BAND_HIGHER, 0, 32450},
        {"2025-04-01 first day of 2025/26", {2025, 4, 1}, FNC_BAND_STANDARD, 0, 25406},
        {"2025-04-01 higher", {2025, 4, 1}, FNC_BAND_HIGHER, 0, 34950},
        {"2026-03-31", {2026, 3, 31}, FNC_BAND_STANDARD, 0, 25406},
        {"2026-04-01", {2026, 4, 1}, FNC_BAND_STANDARD, 0, 26768},
        {"2026-04-01 higher", {2026, 4, 1}, FNC_BAND_HIGHER, 0, 36824},
        {"2028 keeps the last rate", {2028, 1, 1}, FNC_BAND_STANDARD, 0, 26768},
        {"1990 is an error", {1990, 6, 1}, FNC_BAND_HIGHER, DOMAIN_EINVAL, 0},
        {"bad band", {2025, 6, 1}, (enum fnc_band)7, DOMAIN_EINVAL, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int64_t p = -1;
        struct domain_error err = {{0}, {0}};
        int rc = fnc_weekly_rate(cases[i].on, cases[i].band, "effective_from", &p, &err);
        if (rc != cases[i].rc || (rc == 0 && p != cases[i].pence))
            fail_msg("%s: rc %d pence %lld", cases[i].name, rc, (long long)p);
        if (rc != 0) {
            assert_int_equal(p, -1);
            assert_string_equal(err.field, cases[i].band == FNC_BAND_STANDARD ||
                                           cases[i].band == FNC_BAND_HIGHER
                                       ? "effective_from" : "band");
        }
    }
    struct date latest = fnc_latest_from();
    assert_int_equal(date_compare(latest, (struct date){2026, 4, 1}), 0);
    assert_null(fnc_rate_in_force((struct date){2024, 3, 31}));
}

static void band_names_parse_both_ways(void **state)
{
    (void)state;
    enum fnc_band b;
    struct domain_error err;
    assert_int_equal(fnc_band_parse("standard", "band", &b, NULL), 0);
    assert_int_equal(b, FNC_BAND_STANDARD);
    assert_int_equal(fnc_band_parse("higher", "band", &b, NULL), 0);
    assert_int_equal(b, FNC_BAND_HIGHER);
    assert_string_equal(fnc_band_name(FNC_BAND_HIGHER), "higher");
    assert_string_equal(fnc_band_name(FNC_BAND_STANDARD), "standard");
    assert_int_equal(fnc_band_parse("High", "fnc_band", &b, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "fnc_band");
    assert_int_equal(fnc_band_parse("", "fnc_band", &b, &err), DOMAIN_EMISSING);
}

/* Issue #14 item 6: FNC only for a person in a care home with nursing. */
static void residence_table(void **state)
{
    (void)state;
    static const struct { const char *in; int parses, allowed; } cases[] = {
        {"care_home_with_nursing", 1, 1}, {"care_home_without_nursing", 1, 0}, {"own_home", 1, 0},
        {"hospital", 1, 0}, {"nursing_home", 0, 0}, {"home", 0, 0}, {"", 0, 0}, {NULL, 0, 0},
        {"CARE_HOME_WITH_NURSING", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum fnc_residence r;
        struct domain_error err = {"", ""};
        int parsed = fnc_residence_parse(cases[i].in, "residence", &r, &err) == 0;
        if (parsed != cases[i].parses)
            fail_msg("parse case %zu", i);
        if (!parsed) {
            assert_string_equal(err.field, "residence");
            continue;
        }
        int ok = fnc_residence_check(r, "residence", &err) == 0;
        if (ok != cases[i].allowed)
            fail_msg("check case %zu", i);
        if (!ok)
            assert_string_equal(err.field, "residence");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(residence_table),
        cmocka_unit_test(rate_in_force_changes_on_1_april),
        cmocka_unit_test(band_names_parse_both_ways),
    };
    return cmocka_run_group_tests_name("fnc", tests, NULL, NULL);
}
