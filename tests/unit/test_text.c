/* text: which characters a one-line field and a field of notes refuse. */
#include "test_helpers.h"
#include "domain/text.h"
#include <string.h>

static void one_line_and_notes(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t n;          /* 0: strlen */
        const char *one_line, *lines;
    } cases[] = {
        {"Jones", 0, NULL, NULL},
        {"O'Brien-Smith", 0, NULL, NULL},
        {"Łukasz Wójcik", 0, NULL, NULL},
        {"Siân ap Gruffydd", 0, NULL, NULL},
        {"Zoë \xe2\x80\x94 née Brown", 0, NULL, NULL},            /* an em dash */
        {"", 0, NULL, NULL},
        {"Jones\nX", 0, TEXT_MSG_ONE_LINE, NULL},
        {"Jones\r\nX", 0, TEXT_MSG_ONE_LINE, NULL},
        {"Jones\rX", 0, TEXT_MSG_ONE_LINE, NULL},
        {"Jones\tX", 0, TEXT_MSG_ONE_LINE, NULL},
        {"Jones\xe2\x80\xa8X", 0, TEXT_MSG_ONE_LINE, NULL},       /* U+2028 line separator */
        {"Jones\xe2\x80\xa9X", 0, TEXT_MSG_ONE_LINE, NULL},       /* U+2029 paragraph separator */
        {"Jones\xe2\x80\xa7X", 0, NULL, NULL},                    /* U+2027 hyphenation point */
        {"Jones\x01", 0, TEXT_MSG_CONTROL, TEXT_MSG_CONTROL},
        {"\x1b[31mJones", 0, TEXT_MSG_CONTROL, TEXT_MSG_CONTROL}, /* a terminal escape */
        {"Jones\x1f", 0, TEXT_MSG_CONTROL, TEXT_MSG_CONTROL},
        {"Jones\x7f", 0, TEXT_MSG_CONTROL, TEXT_MSG_CONTROL},
        {"Jones\x20", 0, NULL, NULL},
        {"Jones\xc2\x85", 0, TEXT_MSG_CONTROL, TEXT_MSG_CONTROL}, /* U+0085 next line (C1) */
        {"Jones\xc2\x80", 0, TEXT_MSG_CONTROL, TEXT_MSG_CONTROL}, /* U+0080, first of C1 */
        {"Jones\xc2\x9f", 0, TEXT_MSG_CONTROL, TEXT_MSG_CONTROL}, /* U+009F, last of C1 */
        {"Jones\xc2\xa0", 0, NULL, NULL},                         /* U+00A0 no-break space */
        {"Jones\xc2\xa3", 0, NULL, NULL},                         /* £ */
        {"Jo\0nes", 6, TEXT_MSG_CONTROL, TEXT_MSG_CONTROL},       /* NUL inside */
        {"Jones\x01", 5, NULL, NULL},                             /* only n bytes are read */
        {"a\nb\n", 0, TEXT_MSG_ONE_LINE, NULL},
        {"\x01\n", 0, TEXT_MSG_CONTROL, TEXT_MSG_CONTROL},        /* the first fault found */
        {"\n\x01", 0, TEXT_MSG_ONE_LINE, TEXT_MSG_CONTROL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = cases[i].n ? cases[i].n : strlen(cases[i].s);
        const char *one = text_fault(cases[i].s, n, TEXT_ONE_LINE), *many = text_fault(cases[i].s, n, TEXT_LINES);
        if ((one != cases[i].one_line && (!one || !cases[i].one_line || strcmp(one, cases[i].one_line))) ||
            (many != cases[i].lines && (!many || !cases[i].lines || strcmp(many, cases[i].lines))))
            fail_msg("case %zu: one line %s, lines %s", i, one ? one : "ok", many ? many : "ok");
    }
    assert_null(text_fault(NULL, 0, TEXT_ONE_LINE));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_line_and_notes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
