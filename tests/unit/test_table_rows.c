/* Unit tests for util/table_rows: the UTF-8 check at its boundaries, and
 * CSV/NDJSON records with the lines they start on, fed in any chunking. */
#include "test_helpers.h"
#include "util/table_rows.h"
#include <string.h>

static void utf8_boundaries(void **state)
{
    (void)state;
    static const struct { const char *name; const char *s; size_t len; int ok; } cases[] = {
        {"ascii", "abc", 3, 1},
        {"2-byte smallest (U+0080)", "\xC2\x80", 2, 1},
        {"2-byte overlong (C1)", "\xC1\xBF", 2, 0},
        {"3-byte smallest (U+0800)", "\xE0\xA0\x80", 3, 1},
        {"3-byte overlong", "\xE0\x9F\xBF", 3, 0},
        {"surrogate U+D800", "\xED\xA0\x80", 3, 0},
        {"last before surrogates U+D7FF", "\xED\x9F\xBF", 3, 1},
        {"4-byte largest U+10FFFF", "\xF4\x8F\xBF\xBF", 4, 1},
        {"above U+10FFFF", "\xF4\x90\x80\x80", 4, 0},
        {"truncated", "\xE2\x82", 2, 0},
        {"lone continuation", "\x80", 1, 0},
        {"NUL inside is text", "a\0b", 3, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (table_utf8_valid(cases[i].s, cases[i].len) != cases[i].ok)
            fail_msg("case '%s'", cases[i].name);
}

struct got {
    char text[1024];
};

static int collect(void *arg, long line, json_t *row, const char *problem)
{
    struct got *g = arg;
    char *dump = row ? json_dumps(row, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    size_t n = strlen(g->text);
    snprintf(g->text + n, sizeof g->text - n, "%ld:%s;", line, dump ? dump : problem);
    free(dump);
    return 0;
}

static void records_and_their_lines(void **state)
{
    (void)state;
    static const struct { const char *name; enum table_format f; const char *in; const char *want; } cases[] = {
        {"csv plain", TABLE_CSV, "a,b\n1,2\n", "2:{\"a\":\"1\",\"b\":\"2\"};"},
        {"csv empty field is absent", TABLE_CSV, "a,b\n,2\n", "2:{\"b\":\"2\"};"},
        {"csv crlf, no final newline", TABLE_CSV, "a,b\r\n1,2\r\n3,4", "2:{\"a\":\"1\",\"b\":\"2\"};3:{\"a\":\"3\",\"b\":\"4\"};"},
        {"csv spaces kept", TABLE_CSV, "a\n  x \n", "2:{\"a\":\"  x \"};"},
        {"csv blank line skipped", TABLE_CSV, "a\n\nx\n", "3:{\"a\":\"x\"};"},
        {"csv quoted line break: next row's line", TABLE_CSV, "a,b\n\"1\n2\",3\n4,5\n",
         "2:{\"a\":\"1\\n2\",\"b\":\"3\"};4:{\"a\":\"4\",\"b\":\"5\"};"},
        {"csv column count", TABLE_CSV, "a,b\n1\n", "2:the row has 1 fields; the header has 2;"},
        {"ndjson", TABLE_NDJSON, "{\"a\":1}\n\n{\"b\":2}", "1:{\"a\":1};3:{\"b\":2};"},
        {"ndjson duplicate key", TABLE_NDJSON, "{\"a\":1,\"a\":2}\n", NULL},
        /* A byte order mark: dropped at the start only, whatever the chunking. */
        {"csv byte order mark", TABLE_CSV, "\xEF\xBB\xBF" "a,b\n1,2\n", "2:{\"a\":\"1\",\"b\":\"2\"};"},
        {"ndjson byte order mark", TABLE_NDJSON, "\xEF\xBB\xBF{\"a\":1}\n", "1:{\"a\":1};"},
        {"csv mark later is text", TABLE_CSV, "a\n\xEF\xBB\xBFx\n", "2:{\"a\":\"\xEF\xBB\xBFx\"};"},
        {"ndjson part of a mark is not one", TABLE_NDJSON, "\xEF\xBB{\"a\":1}\n{\"b\":2}\n",
         "1:the line is not valid UTF-8 text;2:{\"b\":2};"},
        {"ndjson two marks: the second is text", TABLE_NDJSON, "\xEF\xBB\xBF\xEF\xBB\xBF{}\n",
         "1:the line is not valid JSON ('[' or '{' expected near '\xEF\xBB\xBF', column 1);"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (size_t chunk = 1; chunk <= strlen(cases[i].in); chunk += 3) {
            struct got g = {""};
            struct table_rows *t = table_rows_new(cases[i].f, collect, &g);
            size_t len = strlen(cases[i].in);
            for (size_t off = 0; off < len; off += chunk)
                assert_int_equal(table_rows_feed(t, cases[i].in + off, len - off < chunk ? len - off : chunk), 0);
            assert_int_equal(table_rows_finish(t), 0);
            table_rows_free(t);
            if (cases[i].want ? strcmp(g.text, cases[i].want) != 0 : strncmp(g.text, "1:the line is not valid JSON", 28) != 0)
                fail_msg("case '%s' (chunk %zu): got %s", cases[i].name, chunk, g.text);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_boundaries),
        cmocka_unit_test(records_and_their_lines),
    };
    return cmocka_run_group_tests_name("table_rows", tests, NULL, NULL);
}
