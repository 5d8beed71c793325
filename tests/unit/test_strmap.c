/* Unit tests for util/strmap: the keys a bulk import remembers (NHS
 * numbers and local identifiers with their line, a batch's likely-duplicate
 * keys): found or not, a value replaced, keys that differ by a byte, growth
 * past a million, and emptying. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "util/strmap.h"

static void finds_what_was_put(void **state)
{
    (void)state;
    struct strmap m;
    strmap_init(&m);
    long v = -1;
    assert_int_equal(strmap_get(&m, "9434765919", &v), 0);   /* empty: nothing, not a crash */
    static const struct {
        const char *key;
        long value;
    } put[] = {
        {"9434765919", 2}, {"943476591", 3}, {"94347659190", 4}, {"local:C-100", 5}, {"", 6},
        {"4:SMITH|3:ANN|10:1950-01-01|7:LE1 1AA|", 7}, {"4:SMITH|3:ANN|10:1950-01-01|7:LE1 1AB|", 8},
    };
    for (size_t i = 0; i < sizeof put / sizeof put[0]; i++)
        assert_int_equal(strmap_put(&m, put[i].key, put[i].value), 0);
    for (size_t i = 0; i < sizeof put / sizeof put[0]; i++) {
        assert_int_equal(strmap_get(&m, put[i].key, &v), 1);
        assert_int_equal(v, put[i].value);
    }
    static const char *const absent[] = {"9434765918", "local:C-10", "local:c-100", " ", "4:SMITH|3:ANN|"};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        assert_int_equal(strmap_get(&m, absent[i], NULL), 0);
    assert_int_equal(strmap_put(&m, "9434765919", 40), 0);   /* replaced, not added */
    assert_int_equal(strmap_get(&m, "9434765919", &v), 1);
    assert_int_equal(v, 40);
    assert_int_equal(strmap_count(&m), sizeof put / sizeof put[0]);
    char copy[16];
    snprintf(copy, sizeof copy, "%s", "local:C-100");     /* keys are copied: the caller's buffer may change */
    assert_int_equal(strmap_put(&m, copy, 9), 0);
    copy[0] = 'X';
    assert_int_equal(strmap_get(&m, "local:C-100", &v), 1);
    assert_int_equal(v, 9);
    strmap_free(&m);
    assert_int_equal(strmap_count(&m), 0);
    assert_int_equal(strmap_get(&m, "9434765919", NULL), 0);  /* emptied, and usable again */
    assert_int_equal(strmap_put(&m, "9434765919", 1), 0);
    assert_int_equal(strmap_get(&m, "9434765919", NULL), 1);
    strmap_free(&m);
}

static void a_county_of_keys(void **state)
{
    (void)state;
    struct strmap m;
    strmap_init(&m);
    enum { N = 1100000 };
    char key[32];
    for (long i = 0; i < N; i++) {
        snprintf(key, sizeof key, "%010ld", 4000000000L + i * 7);
        assert_int_equal(strmap_put(&m, key, i + 2), 0);
    }
    assert_int_equal(strmap_count(&m), N);
    for (long i = 0; i < N; i += 997) {
        long v = 0;
        snprintf(key, sizeof key, "%010ld", 4000000000L + i * 7);
        assert_int_equal(strmap_get(&m, key, &v), 1);
        assert_int_equal(v, i + 2);
        snprintf(key, sizeof key, "%010ld", 4000000000L + i * 7 + 1);   /* between two held keys */
        assert_int_equal(strmap_get(&m, key, NULL), 0);
    }
    strmap_free(&m);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_what_was_put),
        cmocka_unit_test(a_county_of_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
