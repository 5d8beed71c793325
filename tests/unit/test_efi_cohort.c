/* eFI score and categories at each count boundary; case-finding cohorts at
 * 4 vs 5 conditions, 2.99× vs 3× cost, eFI mild vs moderate. */
#include "test_helpers.h"
#include "domain/cohort.h"
#include "domain/efi.h"

static void efi_categories_by_count(void **state)
{
    (void)state;
    static const struct { int count; enum efi_category c; int thousandths; } cases[] = {
        {0, EFI_FIT, 0}, {4, EFI_FIT, 111}, {5, EFI_MILD, 139}, {8, EFI_MILD, 222}, {9, EFI_MODERATE, 250},
        {12, EFI_MODERATE, 333}, {13, EFI_SEVERE, 361}, {36, EFI_SEVERE, 1000},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *codes[EFI_DEFICITS];
        for (int k = 0; k < cases[i].count; k++)
            codes[k] = efi_deficits[k].code;
        struct efi_result r;
        assert_int_equal(efi_score(codes, (size_t)cases[i].count, &r, NULL), 0);
        if (r.category != cases[i].c || r.score_thousandths != cases[i].thousandths)
            fail_msg("count %d: %s %d", cases[i].count, efi_category_name(r.category), r.score_thousandths);
    }
}

static void efi_rejects_unknown_and_repeated_codes(void **state)
{
    (void)state;
    struct efi_result r;
    struct domain_error e;
    const char *bad[] = {"falls", "flying"};
    assert_int_not_equal(efi_score(bad, 2, &r, &e), 0);
    assert_string_equal(e.field, "deficits[1]");
    const char *dup[] = {"falls", "diabetes", "falls"};
    assert_int_not_equal(efi_score(dup, 3, &r, &e), 0);
    assert_string_equal(e.field, "deficits[2]");
    assert_int_equal(efi_score_list("falls,polypharmacy,diabetes,heart_failure,dementia_x", &r, &e), DOMAIN_EINVAL);
    assert_int_equal(efi_score_list("falls,polypharmacy,diabetes,heart_failure,housebound", &r, &e), 0);
    assert_int_equal(r.count, 5);
    assert_int_equal(r.category, EFI_MILD);
    assert_int_equal(efi_score_list("", &r, &e), 0);
    assert_int_equal(r.count, 0);
    assert_int_equal(efi_deficit_index("urinary_incontinence"), 32);
}

static void cohort_boundaries(void **state)
{
    (void)state;
    static const struct { const char *name; struct cohort_input in; int expect; } cases[] = {
        {"4 conditions", {4, 0, 100000, EFI_FIT, 0}, 0},
        {"5 conditions", {5, 0, 100000, EFI_FIT, 0}, COHORT_LTC5},
        {"2.99x average", {0, 299000, 100000, EFI_FIT, 0}, 0},
        {"3x - 1p", {0, 299999, 100000, EFI_FIT, 0}, 0},
        {"exactly 3x", {0, 300000, 100000, EFI_FIT, 0}, COHORT_HIGH_COST},
        {"odd average exactly 3x", {0, 100001 * 3, 100001, EFI_FIT, 0}, COHORT_HIGH_COST},
        {"odd average 3x - 1p", {0, 100001 * 3 - 1, 100001, EFI_FIT, 0}, 0},
        {"no average", {0, 500000, 0, EFI_FIT, 0}, 0},
        {"huge cost, no overflow", {0, INT64_MAX, INT64_MAX / 3, EFI_FIT, 0}, COHORT_HIGH_COST},
        {"eFI mild", {0, 0, 1, EFI_MILD, 0}, 0},
        {"eFI moderate", {0, 0, 1, EFI_MODERATE, 0}, COHORT_FRAILTY},
        {"eFI severe", {0, 0, 1, EFI_SEVERE, 0}, COHORT_FRAILTY},
        {"frailty flag", {0, 0, 1, EFI_FIT, 1}, COHORT_FRAILTY},
        {"all three", {7, 900000, 100000, EFI_SEVERE, 0}, COHORT_LTC5 | COHORT_HIGH_COST | COHORT_FRAILTY},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got;
        assert_int_equal(cohort_membership(&cases[i].in, &got, NULL), 0);
        if (got != cases[i].expect)
            fail_msg("case '%s': got %d", cases[i].name, got);
    }
    struct cohort_input neg = {-1, 0, 0, EFI_FIT, 0};
    int got;
    struct domain_error e;
    assert_int_not_equal(cohort_membership(&neg, &got, &e), 0);
    assert_string_equal(e.field, "ltc_count");
    neg.ltc_count = 0;
    neg.predicted_cost_pence = -5;
    assert_int_not_equal(cohort_membership(&neg, &got, &e), 0);
    assert_string_equal(e.field, "predicted_cost_pence");
    char why[120];
    struct cohort_input c = {0, 450000, 100000, EFI_FIT, 0};
    cohort_reason(&c, COHORT_HIGH_COST, why, sizeof why);
    assert_non_null(strstr(why, "4.50 ×"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(efi_categories_by_count),
        cmocka_unit_test(efi_rejects_unknown_and_repeated_codes),
        cmocka_unit_test(cohort_boundaries),
    };
    return cmocka_run_group_tests_name("efi_cohort", tests, NULL, NULL);
}
