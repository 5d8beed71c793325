/* Unit tests for util/json_write: the same bytes as json_dumps(JSON_COMPACT)
 * for every kind of value and every escape, a refusal of invalid UTF-8 and of
 * a cycle, as jansson refuses them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "util/json_write.h"

/* v written by both; the texts must be equal. Takes v. */
static void same_as_jansson(json_t *v)
{
    assert_non_null(v);
    char *want = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    assert_non_null(want);
    struct buf b;
    buf_init(&b, 0);
    assert_int_equal(json_write(&b, v), 0);
    assert_string_equal(b.data, want);
    assert_int_equal(b.len, strlen(want));
    buf_free(&b);
    free(want);
    json_decref(v);
}

static void values_print_as_jansson_prints_them(void **state)
{
    (void)state;
    same_as_jansson(json_object());
    same_as_jansson(json_array());
    same_as_jansson(json_null());
    same_as_jansson(json_pack("[bbi]", 1, 0, 0));
    same_as_jansson(json_pack("[I,I,I]", (json_int_t)INT64_MAX, (json_int_t)INT64_MIN, (json_int_t)-1));
    same_as_jansson(json_pack("[f,f,f,f,f,f]", 0.1, 1e20, 1e-5, -2.5, 3.0, 123456789.125));
    same_as_jansson(json_pack("{s:s, s:{s:[i, s, n]}, s:[], s:{}}", "id", "01a2", "nested", "k", 1, "two", "t",
                              "empty_array", "empty_object"));
    /* insertion order, not sorted: */
    same_as_jansson(json_pack("{s:i, s:i, s:i}", "zebra", 1, "apple", 2, "mango", 3));
}

static void strings_escape_as_jansson_escapes_them(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "", "plain", "quote \" and backslash \\", "slash / stays", "\b\f\n\r\t", "\x01\x1f\x7f",
        "Zoë Ångström — ★ 🙂", "tab\tin the middle and at the end\t", "\"", "\\",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        same_as_jansson(json_string(texts[i]));
        same_as_jansson(json_pack("{s:s}", texts[i], texts[i]));   /* keys escape the same way */
    }
    same_as_jansson(json_stringn("nul\0inside", 10));
}

static void invalid_utf8_and_cycles_fail(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    json_t *bad = json_stringn_nocheck("caf\xc3", 4);
    assert_null(json_dumps(bad, JSON_ENCODE_ANY));
    assert_int_equal(json_write(&b, bad), -1);
    json_decref(bad);

    json_t *a = json_array(), *inner = json_array();
    json_array_append(a, inner);
    json_array_append(inner, a);   /* a cycle: jansson refuses it, so must we */
    buf_reset(&b);
    assert_int_equal(json_write(&b, a), -1);
    json_array_clear(inner);
    json_decref(inner);
    json_decref(a);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_print_as_jansson_prints_them),
        cmocka_unit_test(strings_escape_as_jansson_escapes_them),
        cmocka_unit_test(invalid_utf8_and_cycles_fail),
    };
    return cmocka_run_group_tests_name("json_write", tests, NULL, NULL);
}
