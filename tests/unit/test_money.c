/* Unit tests for domain/money: annualising, rounding, exact splits, overflow,
 * formatting and parsing of pounds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/money.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void weekly_to_annual_is_times_52_and_checks_overflow(void **state)
{
    (void)state;
    static const struct { const char *name; int64_t weekly; int rc; int64_t annual; } cases[] = {
        {"zero", 0, 0, 0},
        {"one pound", 100, 0, 5200},
        {"FNC standard 2025", 25406, 0, 1321112},
        {"negative refund", -100, 0, -5200},
        {"largest that fits", INT64_MAX / 52, 0, INT64_MAX / 52 * 52},
        {"one more overflows", INT64_MAX / 52 + 1, DOMAIN_ERANGE, 0},
        {"most negative overflows", INT64_MIN / 52 - 1, DOMAIN_ERANGE, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int64_t a = 7;
        struct domain_error err;
        int rc = money_weekly_to_annual(cases[i].weekly, &a, &err);
        if (rc != cases[i].rc || (rc == 0 && a != cases[i].annual))
            fail_msg("%s: rc %d annual %lld", cases[i].name, rc, (long long)a);
        if (rc != 0) {
            assert_string_equal(err.field, "weekly_pence");
            assert_int_equal(a, 7);
        }
    }
    int64_t r;
    assert_int_equal(money_add(INT64_MAX, 1, &r, NULL), DOMAIN_ERANGE);
    assert_int_equal(money_add(INT64_MAX - 1, 1, &r, NULL), 0);
    assert_true(r == INT64_MAX);
    assert_int_equal(money_mul(INT64_MIN, -1, &r, NULL), DOMAIN_ERANGE);
    assert_int_equal(money_mul(-3, 7, &r, NULL), 0);
    assert_int_equal(r, -21);
}

static void annual_to_weekly_rounds_half_away_from_zero(void **state)
{
    (void)state;
    static const struct { const char *name; int64_t annual, weekly; } cases[] = {
        {"exact", 5200, 100},
        {"zero", 0, 0},
        {"just under half", 25, 0},
        {"exactly half rounds up", 26, 1},
        {"1.48 down", 77, 1},
        {"1.5 up", 78, 2},
        {"negative half rounds away", -26, -1},
        {"negative under half", -25, 0},
        {"negative 1.5", -78, -2},
        {"max", INT64_MAX, INT64_MAX / 52},       /* remainder 7 of 52 */
        {"min", INT64_MIN, INT64_MIN / 52},       /* remainder -8 */
    };
    for (size_t i = 0; i < N(cases); i++) {
        int64_t w = money_annual_to_weekly(cases[i].annual);
        if (w != cases[i].weekly)
            fail_msg("%s: %lld", cases[i].name, (long long)w);
    }
    /* weekly -> annual -> weekly is exact. */
    for (int64_t w = -300; w <= 300; w++) {
        int64_t a;
        assert_int_equal(money_weekly_to_annual(w, &a, NULL), 0);
        assert_true(money_annual_to_weekly(a) == w);
    }
}

static void split_parts_always_add_up(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int64_t amount;
        int64_t w[3];
        int64_t want[3];
    } cases[] = {
        {"100 by 1:1:1 = 34/33/33", 100, {1, 1, 1}, {34, 33, 33}},
        {"-100 by 1:1:1 = -34/-33/-33", -100, {1, 1, 1}, {-34, -33, -33}},
        {"1 by 1:1:1 tie to first", 1, {1, 1, 1}, {1, 0, 0}},
        {"2 by 1:1:1", 2, {1, 1, 1}, {1, 1, 0}},
        {"zero weight gets nothing", 101, {0, 1, 1}, {0, 51, 50}},
        {"basis points 70/20/10 on 101", 101, {7000, 2000, 1000}, {71, 20, 10}},
        {"largest remainder wins over index", 10, {3333, 3333, 3334}, {3, 3, 4}},
        {"exact division", 900, {1, 2, 6}, {100, 200, 600}},
        {"all to one", 12345, {0, 0, 5}, {0, 0, 12345}},
        {"zero amount", 0, {1, 2, 3}, {0, 0, 0}},
        {"max by 1:1:0", INT64_MAX, {1, 1, 0},
         {INT64_C(4611686018427387904), INT64_C(4611686018427387903), 0}},
        {"min by 1:1:0", INT64_MIN, {1, 1, 0},
         {INT64_C(-4611686018427387904), INT64_C(-4611686018427387904), 0}},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int64_t parts[3] = {-7, -7, -7};
        assert_int_equal(money_split(cases[i].amount, cases[i].w, 3, parts, NULL), 0);
        for (int k = 0; k < 3; k++)
            if (parts[k] != cases[i].want[k])
                fail_msg("%s: part %d = %lld", cases[i].name, k, (long long)parts[k]);
    }
}

static void split_sums_exactly_for_many_inputs(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252u;   /* xorshift64 */
    for (int round = 0; round < 20000; round++) {
        int64_t w[7], parts[7];
        size_t n = 1 + (size_t)(round % 7);
        int64_t total = 0;
        for (size_t k = 0; k < n; k++) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            w[k] = (int64_t)(x % 10001);
            total += w[k];
        }
        if (total == 0)
            continue;
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        int64_t amount = (int64_t)(x >> 1) >> (round % 60);
        if (round & 1)
            amount = -amount;
        assert_int_equal(money_split(amount, w, n, parts, NULL), 0);
        int64_t sum = 0;
        for (size_t k = 0; k < n; k++) {
            sum += parts[k];
            if (w[k] == 0)
                assert_true(parts[k] == 0);
        }
        assert_true(sum == amount);
    }
}

static void split_rejects_bad_weights(void **state)
{
    (void)state;
    int64_t parts[3];
    struct domain_error err;
    static const struct { const char *name; int64_t w[3]; size_t n; } cases[] = {
        {"no parts", {1, 1, 1}, 0},
        {"negative weight", {1, -1, 1}, 3},
        {"all zero", {0, 0, 0}, 3},
        {"total too large", {MONEY_SPLIT_MAX_WEIGHT_TOTAL, 1, 0}, 3},
        {"one weight huge", {INT64_MAX, 0, 0}, 3},
    };
    for (size_t i = 0; i < N(cases); i++) {
        if (money_split(100, cases[i].w, cases[i].n, parts, &err) != DOMAIN_EINVAL)
            fail_msg("%s accepted", cases[i].name);
        assert_string_equal(err.field, "weights");
    }
}

static void split_large_takes_weights_beyond_the_limit(void **state)
{
    (void)state;
    int64_t w[2] = {INT64_C(3000000000000), INT64_C(1000000000000)}, parts[2];
    assert_int_equal(money_split(7, w, 2, parts, NULL), DOMAIN_EINVAL);
    assert_int_equal(money_split_large(7, w, 2, parts, NULL), 0);
    assert_true(parts[0] == 5 && parts[1] == 2);
    assert_int_equal(money_split_large(-INT64_MAX, w, 2, parts, NULL), 0);
    assert_true(parts[0] + parts[1] == -INT64_MAX);
    int64_t over[2] = {INT64_MAX, 1};
    assert_int_equal(money_split_large(7, over, 2, parts, NULL), DOMAIN_EINVAL);
}

static void format_groups_thousands_and_signs(void **state)
{
    (void)state;
    static const struct { int64_t p; const char *want; } cases[] = {
        {0, "£0.00"},
        {5, "£0.05"},
        {-5, "-£0.05"},
        {99999, "£999.99"},
        {100000, "£1,000.00"},
        {123456, "£1,234.56"},
        {-123456, "-£1,234.56"},
        {100000000, "£1,000,000.00"},
        {INT64_MAX, "£92,233,720,368,547,758.07"},
        {INT64_MIN, "-£92,233,720,368,547,758.08"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        char out[MONEY_STR_SIZE];
        money_format(cases[i].p, out);
        assert_string_equal(out, cases[i].want);
    }
}

static void parse_accepts_pounds_and_rejects_the_rest(void **state)
{
    (void)state;
    static const struct { const char *name, *in; int rc; int64_t p; } cases[] = {
        {"plain", "1234.56", 0, 123456},
        {"pound sign and comma", "£1,234.56", 0, 123456},
        {"negative", "-£1,234.56", 0, -123456},
        {"negative plain", "-1234.56", 0, -123456},
        {"whole pounds", "1234", 0, 123400},
        {"one decimal", "1234.5", 0, 123450},
        {"pence only", "0.05", 0, 5},
        {"zero", "0", 0, 0},
        {"minus zero", "-0.00", 0, 0},
        {"leading zeros plain", "007.10", 0, 710},
        {"millions grouped", "£1,000,000", 0, 100000000},
        {"max", "92233720368547758.07", 0, INT64_MAX},
        {"min", "-£92,233,720,368,547,758.08", 0, INT64_MIN},
        {"max plus a penny", "92233720368547758.08", DOMAIN_ERANGE, 0},
        {"far too large", "99999999999999999999999", DOMAIN_ERANGE, 0},
        {"three decimals", "1.234", DOMAIN_EINVAL, 0},
        {"trailing dot", "1.", DOMAIN_EINVAL, 0},
        {"leading dot", ".50", DOMAIN_EINVAL, 0},
        {"bad grouping", "1,23.00", DOMAIN_EINVAL, 0},
        {"group of four", "1,2345", DOMAIN_EINVAL, 0},
        {"first group too long", "1234,567", DOMAIN_EINVAL, 0},
        {"group leading zero", "0,123", DOMAIN_EINVAL, 0},
        {"grouped then digits", "1,234567", DOMAIN_EINVAL, 0},
        {"trailing comma", "1,", DOMAIN_EINVAL, 0},
        {"sign after pound", "£-1", DOMAIN_EINVAL, 0},
        {"plus sign", "+1", DOMAIN_EINVAL, 0},
        {"space", "£ 1", DOMAIN_EINVAL, 0},
        {"trailing space", "1 ", DOMAIN_EINVAL, 0},
        {"pound only", "£", DOMAIN_EINVAL, 0},
        {"minus only", "-", DOMAIN_EINVAL, 0},
        {"letters", "12a", DOMAIN_EINVAL, 0},
        {"half a pound sign", "\xC2" "1", DOMAIN_EINVAL, 0},
        {"empty", "", DOMAIN_EMISSING, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int64_t p = 42;
        struct domain_error err = {{0}, {0}};
        int rc = money_parse(cases[i].in, "weekly_cost", &p, &err);
        if (rc != cases[i].rc || (rc == 0 && p != cases[i].p))
            fail_msg("%s: rc %d pence %lld", cases[i].name, rc, (long long)p);
        if (rc != 0) {
            assert_string_equal(err.field, "weekly_cost");
            assert_int_equal(p, 42);
        }
    }
}

/* The documented input bounds: each maximum holds, one penny more does
 * not; the bounds leave every derived figure exact in int64. */
static void bounds_are_inclusive_and_name_the_field(void **state)
{
    (void)state;
    static const struct { const char *name; int64_t v, min, max; int rc; const char *msg; } cases[] = {
        {"zero", 0, 0, MONEY_MAX_WEEKLY_PENCE, 0, NULL},
        {"weekly max", MONEY_MAX_WEEKLY_PENCE, 0, MONEY_MAX_WEEKLY_PENCE, 0, NULL},
        {"weekly max + 1p", MONEY_MAX_WEEKLY_PENCE + 1, 0, MONEY_MAX_WEEKLY_PENCE, DOMAIN_ERANGE,
         "must be at most £10,000,000.00"},
        {"minus a penny", -1, 0, MONEY_MAX_WEEKLY_PENCE, DOMAIN_ERANGE, "must not be negative"},
        {"amount max", MONEY_MAX_PENCE, 1, MONEY_MAX_PENCE, 0, NULL},
        {"amount max + 1p", MONEY_MAX_PENCE + 1, 1, MONEY_MAX_PENCE, DOMAIN_ERANGE,
         "must be at most £1,000,000,000.00"},
        {"below a positive minimum", 0, 1, MONEY_MAX_PENCE, DOMAIN_ERANGE, "must be at least £0.01"},
        {"2^53", INT64_C(9007199254740992), 0, MONEY_MAX_PENCE, DOMAIN_ERANGE, "must be at most £1,000,000,000.00"},
        {"2^63 - 1", INT64_MAX, 0, MONEY_MAX_PENCE, DOMAIN_ERANGE, "must be at most £1,000,000,000.00"},
        {"-2^63", INT64_MIN, 0, MONEY_MAX_PENCE, DOMAIN_ERANGE, "must not be negative"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error err = {{0}, {0}};
        int rc = money_check_bounds(cases[i].v, cases[i].min, cases[i].max, "weekly_cost_pence", &err);
        if (rc != cases[i].rc)
            fail_msg("%s: rc %d", cases[i].name, rc);
        if (rc) {
            assert_string_equal(err.field, "weekly_cost_pence");
            assert_string_equal(err.message, cases[i].msg);
        }
    }
    /* Headroom: a year of the weekly maximum, and ten million maximal amounts, stay exact. */
    int64_t annual = 0, total = 0;
    assert_int_equal(money_weekly_to_annual(MONEY_MAX_WEEKLY_PENCE, &annual, NULL), 0);
    assert_true(annual <= MONEY_MAX_PENCE);
    assert_int_equal(money_mul(MONEY_MAX_PENCE, INT64_C(10000000), &total, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weekly_to_annual_is_times_52_and_checks_overflow),
        cmocka_unit_test(annual_to_weekly_rounds_half_away_from_zero),
        cmocka_unit_test(split_parts_always_add_up),
        cmocka_unit_test(split_sums_exactly_for_many_inputs),
        cmocka_unit_test(split_rejects_bad_weights),
        cmocka_unit_test(split_large_takes_weights_beyond_the_limit),
        cmocka_unit_test(format_groups_thousands_and_signs),
        cmocka_unit_test(parse_accepts_pounds_and_rejects_the_rest),
        cmocka_unit_test(bounds_are_inclusive_and_name_the_field),
    };
    return cmocka_run_group_tests_name("money", tests, NULL, NULL);
}
