/* words: every stored code a page shows has words (issue #14 item 12), and
 * the NHS number status indicator codes follow the NHS Data Dictionary. */
#include "test_helpers.h"
#include "domain/roles.h"
#include "domain/words.h"
#include <ctype.h>
#include <string.h>

static void every_profession_and_role_has_words(void **state)
{
    (void)state;
    for (int i = 0; i < profession_count; i++) {
        const char *w = words_profession(profession_names[i]);
        if (!w || strchr(w, '_') || !isupper((unsigned char)w[0]))
            fail_msg("profession %s", profession_names[i]);
    }
    for (int i = 0; i < role_count; i++) {
        const char *w = words_role(role_names[i]);
        if (!w || strchr(w, '_'))
            fail_msg("role %s", role_names[i]);
    }
    assert_null(words_profession("nurse"));
    assert_null(words_profession(NULL));
    assert_null(words_role(""));
}

static void nhs_number_status_codes(void **state)
{
    (void)state;
    static const struct { const char *code, *words; } cases[] = {
        {"01", "Present and verified"}, {"02", "Present but not traced"}, {"03", "Trace required"},
        {"04", "Trace attempted – no match or multiple match found"}, {"05", "Trace needs to be resolved"},
        {"06", "Trace in progress"}, {"07", "Number not present and trace not required"}, {"08", "Trace postponed"},
        {"00", NULL}, {"09", NULL}, {"1", NULL}, {"verified", NULL}, {"", NULL}, {NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *w = words_nhs_number_status(cases[i].code);
        if (cases[i].words ? !w || strcmp(w, cases[i].words) : w != NULL)
            fail_msg("code %s", cases[i].code ? cases[i].code : "NULL");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_profession_and_role_has_words),
        cmocka_unit_test(nhs_number_status_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
