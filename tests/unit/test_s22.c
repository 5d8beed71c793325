/* Unit tests for domain/s22: every task kind x funder cell of the table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/s22.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void every_cell_of_the_table(void **state)
{
    (void)state;
    static const struct {
        enum s22_task_kind kind;
        enum s22_funder funder;
        enum s22_verdict want;
        const char *cites;   /* substring the reason must contain */
    } cases[] = {
        {S22_TASK_SOCIAL_CARE, S22_FUNDER_NHS, S22_ALLOWED, "NHS"},
        {S22_TASK_SOCIAL_CARE, S22_FUNDER_COUNCIL, S22_ALLOWED, "council"},
        {S22_TASK_SOCIAL_CARE, S22_FUNDER_PERSON, S22_ALLOWED, "person"},
        {S22_TASK_SOCIAL_CARE, S22_FUNDER_JOINT, S22_ALLOWED, "jointly"},
        {S22_TASK_HEALTH, S22_FUNDER_NHS, S22_ALLOWED, "NHS"},
        {S22_TASK_HEALTH, S22_FUNDER_COUNCIL, S22_FLAGGED, "s.22(1)"},
        {S22_TASK_HEALTH, S22_FUNDER_PERSON, S22_FLAGGED, "s.1(4)"},
        {S22_TASK_HEALTH, S22_FUNDER_JOINT, S22_FLAGGED, "s.22(1)"},
        {S22_TASK_REGISTERED_NURSE_CARE, S22_FUNDER_NHS, S22_ALLOWED, "NHS"},
        {S22_TASK_REGISTERED_NURSE_CARE, S22_FUNDER_COUNCIL, S22_FORBIDDEN, "s.22(3)"},
        {S22_TASK_REGISTERED_NURSE_CARE, S22_FUNDER_PERSON, S22_FLAGGED, "s.1(4)"},
        {S22_TASK_REGISTERED_NURSE_CARE, S22_FUNDER_JOINT, S22_FORBIDDEN, "s.22(3)"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct s22_result r = {S22_FORBIDDEN + 1, NULL};
        assert_int_equal(s22_check(cases[i].kind, cases[i].funder, &r, NULL), 0);
        if (r.verdict != cases[i].want || !r.reason || !strstr(r.reason, cases[i].cites))
            fail_msg("%s x %s: %s (%s)", s22_task_kind_name(cases[i].kind),
                     s22_funder_name(cases[i].funder), s22_verdict_name(r.verdict),
                     r.reason ? r.reason : "(null)");
    }
    struct s22_result r;
    struct domain_error err;
    assert_int_equal(s22_check((enum s22_task_kind)9, S22_FUNDER_NHS, &r, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "kind");
    assert_int_equal(s22_check(S22_TASK_HEALTH, (enum s22_funder)-1, &r, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "funder");
}

static void names_parse_and_print(void **state)
{
    (void)state;
    static const char *const kinds[] = {"health", "social_care", "registered_nurse_care"};
    static const char *const funders[] = {"nhs", "council", "person", "joint"};
    for (size_t i = 0; i < N(kinds); i++) {
        enum s22_task_kind k;
        assert_int_equal(s22_task_kind_parse(kinds[i], "kind", &k, NULL), 0);
        assert_string_equal(s22_task_kind_name(k), kinds[i]);
    }
    for (size_t i = 0; i < N(funders); i++) {
        enum s22_funder f;
        assert_int_equal(s22_funder_parse(funders[i], "funder", &f, NULL), 0);
        assert_string_equal(s22_funder_name(f), funders[i]);
    }
    enum s22_task_kind k;
    enum s22_funder f;
    struct domain_error err;
    assert_int_equal(s22_task_kind_parse("Health", "tasks[0].kind", &k, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "tasks[0].kind");
    assert_int_equal(s22_funder_parse("icb", "funder", &f, &err), DOMAIN_EINVAL);
    assert_int_equal(s22_funder_parse(NULL, "funder", &f, &err), DOMAIN_EMISSING);
    assert_string_equal(s22_verdict_name(S22_FORBIDDEN), "forbidden");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_cell_of_the_table),
        cmocka_unit_test(names_parse_and_print),
    };
    return cmocka_run_group_tests_name("s22", tests, NULL, NULL);
}
