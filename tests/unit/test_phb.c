/* Unit tests for domain/phb: who may have a CHC personal health budget,
 * the amount's edges, third-party holders and the start date. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/phb.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define D(y, m, d) ((struct date){(y), (m), (d)})

static void checks_each_condition(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct phb_request r;
        const char *error_field;
    } cases[] = {
        {"eligible at home, direct payment", {1, 1, PHB_DIRECT_PAYMENT, NULL, 150000, {2026, 6, 1}, {2026, 6, 1}}, NULL},
        {"notional from a later date", {1, 1, PHB_NOTIONAL, NULL, 1, {2026, 6, 1}, {2026, 9, 1}}, NULL},
        {"not eligible", {0, 1, PHB_NOTIONAL, NULL, 150000, {2026, 6, 1}, {2026, 6, 1}}, "case"},
        {"in a care home", {1, 0, PHB_NOTIONAL, NULL, 150000, {2026, 6, 1}, {2026, 6, 1}}, "care_setting"},
        {"zero pence", {1, 1, PHB_NOTIONAL, NULL, 0, {2026, 6, 1}, {2026, 6, 1}}, "weekly_amount_pence"},
        {"negative", {1, 1, PHB_NOTIONAL, NULL, -5, {2026, 6, 1}, {2026, 6, 1}}, "weekly_amount_pence"},
        {"at the guard", {1, 1, PHB_NOTIONAL, NULL, PHB_WEEKLY_MAX_PENCE, {2026, 6, 1}, {2026, 6, 1}}, NULL},
        {"a penny over the guard", {1, 1, PHB_NOTIONAL, NULL, PHB_WEEKLY_MAX_PENCE + 1, {2026, 6, 1}, {2026, 6, 1}},
         "weekly_amount_pence"},
        {"third party without holder", {1, 1, PHB_THIRD_PARTY, "", 150000, {2026, 6, 1}, {2026, 6, 1}}, "held_by"},
        {"third party with holder", {1, 1, PHB_THIRD_PARTY, "Shire Independent Living", 150000, {2026, 6, 1},
                                     {2026, 6, 1}}, NULL},
        {"starts the day before the decision", {1, 1, PHB_NOTIONAL, NULL, 150000, {2026, 6, 1}, {2026, 5, 31}},
         "start_on"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error err = {{0}, {0}};
        int rc = phb_check(&cases[i].r, &err);
        if (cases[i].error_field ? rc == 0 || strcmp(err.field, cases[i].error_field) != 0 : rc != 0)
            fail_msg("%s: rc %d field %s %s", cases[i].name, rc, err.field, err.message);
    }
}

static void managements(void **state)
{
    (void)state;
    enum phb_management m;
    struct domain_error err;
    assert_int_equal(phb_management_parse("third_party", "management", &m, &err), 0);
    assert_int_equal(m, PHB_THIRD_PARTY);
    assert_int_equal(phb_management_parse("cash", "management", &m, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "management");
    assert_int_equal(phb_management_parse("", "management", &m, &err), DOMAIN_EMISSING);
    assert_string_equal(phb_management_name(PHB_NOTIONAL), "notional");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(checks_each_condition),
        cmocka_unit_test(managements),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
