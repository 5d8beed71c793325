/* api_csv_field: every field quoted, quotes doubled, and a value a
 * spreadsheet could run as a formula made text with a leading '. */
#include "test_helpers.h"
#include "api/api.h"
#include "util/buf.h"
#include <string.h>

static void fields_are_quoted_and_formula_safe(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        {"Okafor", "\"Okafor\""},
        {"O'Brien", "\"O'Brien\""},
        {"Jo \"JJ\"", "\"Jo \"\"JJ\"\"\""},
        {"a,b", "\"a,b\""},
        {"Flat 2\n1 High St", "\"Flat 2\n1 High St\""},
        {"", "\"\""},
        {"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
        {"+44 116", "\"'+44 116\""},
        {"-1", "\"'-1\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\t=1+1", "\"'\t=1+1\""},
        {"\r=1+1", "\"'\r=1+1\""},
        {"1=1", "\"1=1\""},
        {" =1", "\" =1\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct buf b;
        buf_init(&b, 0);
        api_csv_field(&b, cases[i].in);
        if (strcmp(buf_str(&b), cases[i].out) != 0)
            fail_msg("case %zu: %s", i, buf_str(&b));
        buf_free(&b);
    }
    struct buf b;
    buf_init(&b, 0);
    api_csv_field(&b, NULL);
    assert_string_equal(buf_str(&b), "\"\"");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fields_are_quoted_and_formula_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
