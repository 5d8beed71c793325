/* Unit tests for domain/discharge: pathways, delay days, reason codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/discharge.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void pathways_0_to_3_only(void **state)
{
    (void)state;
    static const struct { int p, rc; const char *label; } cases[] = {
        {-1, DOMAIN_EINVAL, "unknown"}, {0, 0, "Home without new support"},
        {1, 0, "Home with support"}, {2, 0, "Bed-based rehabilitation"},
        {3, 0, "Care home"}, {4, DOMAIN_EINVAL, "unknown"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error err = {{0}, {0}};
        assert_int_equal(discharge_pathway_check(cases[i].p, &err), cases[i].rc);
        if (cases[i].rc)
            assert_string_equal(err.field, "pathway");
        assert_string_equal(discharge_pathway_label(cases[i].p), cases[i].label);
    }
}

static void delay_days_from_the_discharge_ready_date(void **state)
{
    (void)state;
    const struct date drd = {2026, 2, 27};
    static const struct {
        const char *name;
        int discharged;         /* 0: still in hospital */
        struct date when;       /* discharge date when discharged */
        struct date today;
        int32_t want;
    } cases[] = {
        {"discharged on the DRD", 1, {2026, 2, 27}, {2026, 3, 10}, 0},
        {"discharged before the DRD", 1, {2026, 2, 20}, {2026, 3, 10}, 0},
        {"discharged a day late", 1, {2026, 2, 28}, {2026, 3, 10}, 1},
        {"over month end (not leap)", 1, {2026, 3, 2}, {2026, 3, 10}, 3},
        {"still in, ready today", 0, {0, 0, 0}, {2026, 2, 27}, 0},
        {"still in, not ready yet", 0, {0, 0, 0}, {2026, 2, 1}, 0},
        {"still in, 11 days so far", 0, {0, 0, 0}, {2026, 3, 10}, 11},
        {"discharged today", 1, {2026, 3, 10}, {2026, 3, 10}, 11},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int32_t d = -9;
        assert_int_equal(discharge_delay_days(drd, cases[i].discharged ? &cases[i].when : NULL,
                                              cases[i].today, &d, NULL), 0);
        if (d != cases[i].want)
            fail_msg("%s: %d", cases[i].name, d);
    }
    int32_t d;
    struct domain_error err;
    const struct date future = {2026, 3, 11};
    assert_int_equal(discharge_delay_days(drd, &future, (struct date){2026, 3, 10}, &d, &err),
                     DOMAIN_EINVAL);
    assert_string_equal(err.field, "discharge_date");
    /* Leap year: 2024-02-28 to 2024-03-01 is 2 days. */
    const struct date out = {2024, 3, 1};
    assert_int_equal(discharge_delay_days((struct date){2024, 2, 28}, &out,
                                          (struct date){2024, 3, 5}, &d, NULL), 0);
    assert_int_equal(d, 2);
}

static void reason_codes_and_their_sectors(void **state)
{
    (void)state;
    static const struct { const char *code; int rc; enum discharge_sector sector; } cases[] = {
        {"awaiting_assessment", 0, DISCHARGE_SECTOR_BOTH},
        {"awaiting_care_package", 0, DISCHARGE_SECTOR_SOCIAL_CARE},
        {"awaiting_care_home", 0, DISCHARGE_SECTOR_SOCIAL_CARE},
        {"awaiting_rehab_bed", 0, DISCHARGE_SECTOR_NHS},
        {"awaiting_funding_decision", 0, DISCHARGE_SECTOR_BOTH},
        {"family_choice", 0, DISCHARGE_SECTOR_BOTH},
        {"housing", 0, DISCHARGE_SECTOR_SOCIAL_CARE},
        {"equipment", 0, DISCHARGE_SECTOR_BOTH},
        {"awaiting_transport", 0, DISCHARGE_SECTOR_NHS},
        {"patient_unwell", DOMAIN_EINVAL, 0},
        {"Housing", DOMAIN_EINVAL, 0},
        {"housing ", DOMAIN_EINVAL, 0},
        {"", DOMAIN_EMISSING, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        const struct discharge_reason *r = NULL;
        struct domain_error err = {{0}, {0}};
        int rc = discharge_reason_parse(cases[i].code, &r, &err);
        if (rc != cases[i].rc)
            fail_msg("%s: rc %d", cases[i].code, rc);
        if (rc == 0) {
            assert_string_equal(r->code, cases[i].code);
            assert_int_equal(r->sector, cases[i].sector);
        } else {
            assert_null(r);
            assert_string_equal(err.field, "delay_reason");
        }
    }
    /* Table: unique codes, every entry parses to itself, names known. */
    size_t n;
    const struct discharge_reason *all = discharge_reasons(&n);
    assert_true(n >= 10);
    for (size_t i = 0; i < n; i++) {
        const struct discharge_reason *r;
        assert_int_equal(discharge_reason_parse(all[i].code, &r, NULL), 0);
        assert_ptr_equal(r, &all[i]);
        assert_true(all[i].label[0] != '\0');
        assert_string_not_equal(discharge_sector_name(all[i].sector), "unknown");
    }
    assert_string_equal(discharge_sector_name(DISCHARGE_SECTOR_SOCIAL_CARE), "social_care");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pathways_0_to_3_only),
        cmocka_unit_test(delay_days_from_the_discharge_ready_date),
        cmocka_unit_test(reason_codes_and_their_sectors),
    };
    return cmocka_run_group_tests_name("discharge", tests, NULL, NULL);
}
