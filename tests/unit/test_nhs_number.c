/* NHS number: every Modulus 11 boundary, formats accepted and refused. */
#include "test_helpers.h"
#include "domain/nhs_number.h"

struct nhs_case {
    const char *name, *in, *digits;   /* digits NULL: must be rejected */
};

static void parse_table(void **state)
{
    (void)state;
    static const struct nhs_case cases[] = {
        {"valid plain", "9434765919", "9434765919"},
        {"valid 3-3-4 spaces", "943 476 5919", "9434765919"},
        {"valid hyphens", "943-476-5919", "9434765919"},
        {"check digit 11 becomes 0", "9990000050", "9990000050"},  /* sum mod 11 = 0 */
        {"check 11→0 but 10th digit not 0", "9990000051", NULL},
        {"check digit would be 10: invalid", "9990000000", NULL},   /* sum mod 11 = 1 */
        {"wrong check digit", "9434765918", NULL},
        {"nine digits", "943476591", NULL},
        {"eleven digits", "94347659190", NULL},
        {"letters", "94347659A9", NULL},
        {"leading space", " 9434765919", NULL},
        {"trailing hyphen", "9434765919-", NULL},
        {"double space", "943  476 5919", NULL},
        {"empty", "", NULL},
        {"test range valid", "9990000018", "9990000018"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[NHS_NUMBER_DIGITS];
        struct domain_error e = {{0}, {0}};
        int rc = nhs_number_parse(cases[i].in, out, &e);
        if (cases[i].digits) {
            if (rc != 0)
                fail_msg("case '%s' rejected: %s", cases[i].name, e.message);
            assert_string_equal(out, cases[i].digits);
        } else {
            if (rc == 0)
                fail_msg("case '%s' accepted", cases[i].name);
            assert_string_equal(e.field, "nhs_number");
            assert_true(strlen(e.message) > 0);
        }
    }
}

static void check_digit_and_format(void **state)
{
    (void)state;
    assert_int_equal(nhs_number_check_digit("943476591"), 9);
    assert_int_equal(nhs_number_check_digit("999000005"), 0);   /* 11 → 0 */
    assert_int_equal(nhs_number_check_digit("999000000"), 10);  /* no valid number */
    char f[NHS_NUMBER_FORMATTED];
    nhs_number_format("9434765919", f);
    assert_string_equal(f, "943 476 5919");
    assert_true(nhs_number_is_test_range("9990000050"));
    assert_false(nhs_number_is_test_range("9434765919"));
    /* Every generated test-range number with a check digit parses back. */
    int valid = 0;
    for (int i = 0; i < 1000; i++) {
        char d[11];
        snprintf(d, sizeof d, "999%06d", i * 7);
        int c = nhs_number_check_digit(d);
        if (c == 10)
            continue;
        d[9] = (char)('0' + c);
        d[10] = '\0';
        char out[NHS_NUMBER_DIGITS];
        assert_int_equal(nhs_number_parse(d, out, NULL), 0);
        valid++;
    }
    assert_true(valid > 850);   /* about 1 in 11 prefixes has no valid number */
}

/* Issue #14 item 5: the status indicator after a user's edit. */
static void status_after_edit(void **state)
{
    (void)state;
    static const struct { const char *old_number, *old_status, *new_number, *want; } cases[] = {
        {NULL, NULL, "9434765919", "02"},                 /* typed in: not traced */
        {NULL, "03", "9434765919", "02"},
        {"9434765919", "01", "9434765919", "01"},         /* unchanged: the trace stands */
        {"9434765919", "04", "9434765919", "04"},
        {"9434765919", "01", "9434765870", "02"},         /* changed: not traced */
        {"9434765919", "01", NULL, "03"},                 /* removed: trace required */
        {"9434765919", "01", "", "03"},
        {NULL, NULL, NULL, "03"},
        {"9434765919", "verified", "9434765919", "02"},   /* unknown old status */
        {"9434765919", NULL, "9434765919", "02"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (strcmp(nhs_number_status_after_edit(cases[i].old_number, cases[i].old_status, cases[i].new_number),
                   cases[i].want))
            fail_msg("case %zu", i);
    static const struct { const char *code; int ok; } codes[] = {
        {"01", 1}, {"02", 1}, {"08", 1}, {"00", 0}, {"09", 0}, {"1", 0}, {"001", 0}, {"", 0}, {NULL, 0}, {"0a", 0},
    };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (nhs_number_status_is_valid(codes[i].code) != codes[i].ok)
            fail_msg("code case %zu", i);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parse_table),
        cmocka_unit_test(status_after_edit),
        cmocka_unit_test(check_digit_and_format),
    };
    return cmocka_run_group_tests_name("nhs_number", tests, NULL, NULL);
}
