/* Unit tests for util/num: the checked replacement for atoi/atoll. Every
 * boundary of "a whole string of digits in range" is named in the tables. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <string.h>
#include "util/num.h"
#include "util/net.h"
#include <arpa/inet.h>

static const struct {
    const char *in;
    int ok;
    int64_t want;
} I64[] = {
    {"0", 1, 0},
    {"7", 1, 7},
    {"-7", 1, -7},
    {"+7", 1, 7},
    {"007", 1, 7},
    {"9223372036854775807", 1, INT64_MAX},      /* the largest */
    {"9223372036854775808", 0, 0},              /* one past: refused, not wrapped */
    {"-9223372036854775808", 1, INT64_MIN},     /* the smallest */
    {"-9223372036854775809", 0, 0},
    {"99999999999999999999", 0, 0},
    {"", 0, 0},                                 /* empty is not 0 */
    {"-", 0, 0},
    {"+", 0, 0},
    {" 7", 0, 0},                               /* no leading space */
    {"7 ", 0, 0},                               /* no trailing junk */
    {"12abc", 0, 0},                            /* atoi would say 12 */
    {"1e3", 0, 0},
    {"0x10", 0, 0},
    {"--1", 0, 0},
    {"١", 0, 0},                                /* non-ASCII digit */
};

static void i64_accepts_only_whole_numbers_in_range(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof I64 / sizeof I64[0]; i++) {
        int64_t v = 12345;
        int rc = num_parse_i64(I64[i].in, &v);
        if (I64[i].ok) {
            assert_int_equal(rc, 0);
            assert_true(v == I64[i].want);
        } else {
            assert_int_equal(rc, -1);
            assert_true(v == 12345);   /* untouched on failure */
        }
    }
    int64_t v;
    assert_int_equal(num_parse_i64(NULL, &v), -1);
}

static void int_range_and_defaults(void **state)
{
    (void)state;
    int v = 0;
    assert_int_equal(num_parse_int("2147483647", &v), 0);
    assert_int_equal(v, INT_MAX);
    assert_int_equal(num_parse_int("2147483648", &v), -1);
    assert_int_equal(num_parse_int("-2147483648", &v), 0);
    assert_int_equal(v, INT_MIN);
    assert_int_equal(num_parse_int("-2147483649", &v), -1);
    assert_int_equal(num_int_or(NULL, 1), 1);
    assert_int_equal(num_int_or("x", 1), 1);
    assert_int_equal(num_int_or("3", 1), 3);
    assert_true(num_i64_or("", -1) == -1);
    assert_true(num_i64_or("42", -1) == 42);
}

static void prefix_reads_exactly_n_bytes(void **state)
{
    (void)state;
    int v = 0;
    assert_int_equal(num_parse_int_n("2026-12-02", 4, &v), 0);
    assert_int_equal(v, 2026);
    assert_int_equal(num_parse_int_n("12::text", 2, &v), 0);
    assert_int_equal(v, 12);
    assert_int_equal(num_parse_int_n("2026-12-02", 5, &v), -1);   /* the '-' is inside */
    assert_int_equal(num_parse_int_n("20", 4, &v), -1);           /* stops at the NUL */
    assert_int_equal(num_parse_int_n("1", 0, &v), -1);            /* nothing to read */
}

/* util/net: the listen addresses of the HTTP server and the MLLP listener. */
static void listen_addresses(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int ok;
        unsigned port;
    } rows[] = {
        {"127.0.0.1:8080", 1, 8080}, {":2575", 1, 2575},      {"0.0.0.0:0", 1, 0},
        {"127.0.0.1:65535", 1, 65535}, {"127.0.0.1:65536", 0, 0}, {"127.0.0.1:-1", 0, 0},
        {"127.0.0.1:", 0, 0},        {"127.0.0.1:80x", 0, 0}, {"127.0.0.1", 0, 0},
        {"localhost:80", 0, 0},      {"", 0, 0},              {NULL, 0, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct sockaddr_in sa;
        int rc = net_parse_ipv4(rows[i].in, &sa);
        assert_int_equal(rc, rows[i].ok ? 0 : -1);
        if (rows[i].ok)
            assert_int_equal(ntohs(sa.sin_port), rows[i].port);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(i64_accepts_only_whole_numbers_in_range),
        cmocka_unit_test(int_range_and_defaults),
        cmocka_unit_test(prefix_reads_exactly_n_bytes),
        cmocka_unit_test(listen_addresses),
    };
    return cmocka_run_group_tests_name("num", tests, NULL, NULL);
}
