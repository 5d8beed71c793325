/* Unit tests for util/buf: growth, the hard maximum, HTML and JSON escaping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"
#include <jansson.h>

static void appends_and_formats(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    assert_string_equal(buf_str(&b), "");
    assert_int_equal(buf_puts(&b, "abc"), 0);
    assert_int_equal(buf_printf(&b, "-%d-%s", 42, "x"), 0);
    for (int i = 0; i < 1000; i++)
        buf_putc(&b, 'z');
    assert_int_equal(b.len, 3 + 5 + 1000);
    assert_memory_equal(b.data, "abc-42-xzz", 10);
    buf_free(&b);
}

static void maximum_is_hard_and_sticky(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 8);
    assert_int_equal(buf_puts(&b, "12345678"), 0);
    assert_int_equal(buf_puts(&b, "9"), -1);
    assert_string_equal(buf_str(&b), "12345678");   /* content kept */
    assert_int_equal(buf_puts(&b, ""), -1);          /* sticky */
    buf_reset(&b);
    assert_int_equal(buf_puts(&b, "ok"), 0);
    buf_free(&b);
}

static void html_escapes_every_special_character(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    buf_put_html(&b, "<a href=\"x\">O'Neil & co</a>");
    assert_string_equal(buf_str(&b),
        "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;");
    char *s = buf_detach(&b);
    assert_non_null(s);
    assert_int_equal(b.len, 0);
    free(s);
}

/* buf_put_json writes what jansson's json_dumps writes for the same
 * string: every ASCII character alone and inside text, and UTF-8. */
static void json_strings_are_written_as_jansson_writes_them(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    char s[8];
    for (int c = 1; c < 128; c++) {
        snprintf(s, sizeof s, "a%cb", c);
        const char *cases[] = {s, s + 1, "Zo\xc3\xab \xe2\x80\x94 \"q\" \\ /", ""};
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            json_t *j = json_string(cases[i]);
            char *want = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
            buf_reset(&b);
            assert_int_equal(buf_put_json(&b, cases[i]), 0);
            assert_string_equal(buf_str(&b), want);
            free(want);
            json_decref(j);
        }
    }
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(appends_and_formats),
        cmocka_unit_test(maximum_is_hard_and_sticky),
        cmocka_unit_test(html_escapes_every_special_character),
        cmocka_unit_test(json_strings_are_written_as_jansson_writes_them),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
