/* Unit tests for domain/apportion: default payers, agreed splits, exact
 * totals, annualising, s.22 flags and errors naming tasks[i]. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/apportion.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define NONE {APPORTION_SPLIT_NONE, 0, 0, 0}

static void single_tasks_go_to_the_right_payer(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct apportion_task task;
        int64_t nhs, council, person;
        enum s22_verdict s22;
    } cases[] = {
        {"health -> NHS", {1000, S22_TASK_HEALTH, APPORTION_ORG_DEFAULT, NONE},
         1000, 0, 0, S22_ALLOWED},
        {"registered nurse -> NHS",
         {1000, S22_TASK_REGISTERED_NURSE_CARE, APPORTION_ORG_DEFAULT, NONE},
         1000, 0, 0, S22_ALLOWED},
        {"social care -> council", {1000, S22_TASK_SOCIAL_CARE, APPORTION_ORG_DEFAULT, NONE},
         0, 1000, 0, S22_ALLOWED},
        {"social care, NHS accountable -> NHS",
         {1000, S22_TASK_SOCIAL_CARE, APPORTION_ORG_NHS, NONE}, 1000, 0, 0, S22_ALLOWED},
        {"health, council accountable -> council, flagged",
         {1000, S22_TASK_HEALTH, APPORTION_ORG_COUNCIL, NONE}, 0, 1000, 0, S22_FLAGGED},
        {"100 split 1:1:1 shares = 34/33/33",
         {100, S22_TASK_SOCIAL_CARE, APPORTION_ORG_DEFAULT,
          {APPORTION_SPLIT_SHARES, 1, 1, 1}}, 34, 33, 33, S22_ALLOWED},
        {"bp 5000/3000/2000 on 999: remainders .5/.7/.8, two pennies to .8 and .7",
         {999, S22_TASK_SOCIAL_CARE, APPORTION_ORG_DEFAULT,
          {APPORTION_SPLIT_BASIS_POINTS, 5000, 3000, 2000}}, 499, 300, 200, S22_ALLOWED},
        {"health split with council is flagged",
         {2000, S22_TASK_HEALTH, APPORTION_ORG_NHS,
          {APPORTION_SPLIT_BASIS_POINTS, 5000, 5000, 0}}, 1000, 1000, 0, S22_FLAGGED},
        {"nurse care part-funded by council is forbidden",
         {2000, S22_TASK_REGISTERED_NURSE_CARE, APPORTION_ORG_DEFAULT,
          {APPORTION_SPLIT_SHARES, 3, 1, 0}}, 1500, 500, 0, S22_FORBIDDEN},
        {"zero cost task still checked",
         {0, S22_TASK_REGISTERED_NURSE_CARE, APPORTION_ORG_COUNCIL, NONE},
         0, 0, 0, S22_FORBIDDEN},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct apportion_result r;
        struct apportion_amounts per;
        assert_int_equal(apportion_plan(&cases[i].task, 1, &per, &r, NULL), 0);
        if (r.weekly.nhs != cases[i].nhs || r.weekly.council != cases[i].council ||
            r.weekly.person != cases[i].person || r.s22_worst != cases[i].s22)
            fail_msg("%s: %lld/%lld/%lld s22 %s", cases[i].name,
                     (long long)r.weekly.nhs, (long long)r.weekly.council,
                     (long long)r.weekly.person, s22_verdict_name(r.s22_worst));
        assert_true(r.weekly.total == cases[i].task.weekly_cost_pence);
        assert_true(per.nhs == r.weekly.nhs && per.person == r.weekly.person);
        assert_true(r.annual.total == r.weekly.total * 52);
        assert_true(r.annual.council == r.weekly.council * 52);
        if (cases[i].s22 == S22_ALLOWED) {
            assert_int_equal(r.s22_task, 1);
            assert_null(r.s22_reason);
        } else {
            assert_int_equal(r.s22_task, 0);
            assert_non_null(r.s22_reason);
        }
    }
}

static void a_plan_adds_up_exactly(void **state)
{
    (void)state;
    const struct apportion_task plan[] = {
        {12345, S22_TASK_SOCIAL_CARE, APPORTION_ORG_DEFAULT, NONE},       /* personal care */
        {4321, S22_TASK_HEALTH, APPORTION_ORG_DEFAULT, NONE},             /* insulin */
        {1001, S22_TASK_SOCIAL_CARE, APPORTION_ORG_DEFAULT,
         {APPORTION_SPLIT_SHARES, 1, 1, 1}},                              /* 334/334/333 */
        {777, S22_TASK_HEALTH, APPORTION_ORG_DEFAULT,
         {APPORTION_SPLIT_BASIS_POINTS, 2500, 7500, 0}},                  /* 194/583 */
        {25406, S22_TASK_REGISTERED_NURSE_CARE, APPORTION_ORG_DEFAULT, NONE},
    };
    struct apportion_amounts per[N(plan)];
    struct apportion_result r;
    assert_int_equal(apportion_plan(plan, N(plan), per, &r, NULL), 0);
    assert_true(per[2].nhs == 334 && per[2].council == 334 && per[2].person == 333);
    assert_true(per[3].nhs == 194 && per[3].council == 583 && per[3].person == 0);
    assert_true(r.weekly.nhs == 4321 + 334 + 194 + 25406);
    assert_true(r.weekly.council == 12345 + 334 + 583);
    assert_true(r.weekly.person == 333);
    assert_true(r.weekly.total == 12345 + 4321 + 1001 + 777 + 25406);
    assert_true(r.weekly.nhs + r.weekly.council + r.weekly.person == r.weekly.total);
    assert_true(r.annual.total == r.weekly.total * 52);
    assert_true(r.annual.nhs + r.annual.council + r.annual.person == r.annual.total);
    assert_int_equal(r.s22_worst, S22_FLAGGED);
    assert_int_equal(r.s22_task, 3);
    assert_non_null(strstr(r.s22_reason, "s.22(1)"));
    /* An empty plan is all zeros. */
    assert_int_equal(apportion_plan(NULL, 0, NULL, &r, NULL), 0);
    assert_true(r.weekly.total == 0 && r.annual.total == 0);
}

static void bad_input_names_the_task_field(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct apportion_task bad;
        int rc;
        const char *field;
    } cases[] = {
        {"negative cost", {-1, S22_TASK_HEALTH, APPORTION_ORG_DEFAULT, NONE},
         DOMAIN_EINVAL, "tasks[1].weekly_cost_pence"},
        {"basis points not 10000", {100, S22_TASK_HEALTH, APPORTION_ORG_DEFAULT,
          {APPORTION_SPLIT_BASIS_POINTS, 5000, 4999, 0}}, DOMAIN_EINVAL, "tasks[1].split"},
        {"negative share", {100, S22_TASK_HEALTH, APPORTION_ORG_DEFAULT,
          {APPORTION_SPLIT_SHARES, 2, -1, 0}}, DOMAIN_EINVAL, "tasks[1].split"},
        {"zero shares", {100, S22_TASK_HEALTH, APPORTION_ORG_DEFAULT,
          {APPORTION_SPLIT_SHARES, 0, 0, 0}}, DOMAIN_EINVAL, "tasks[1].split"},
        {"huge shares", {100, S22_TASK_HEALTH, APPORTION_ORG_DEFAULT,
          {APPORTION_SPLIT_SHARES, INT64_MAX, INT64_MAX, 1}}, DOMAIN_EINVAL, "tasks[1].split"},
        {"unknown unit", {100, S22_TASK_HEALTH, APPORTION_ORG_DEFAULT,
          {(enum apportion_split_unit)9, 1, 0, 0}}, DOMAIN_EINVAL, "tasks[1].split"},
        {"unknown kind", {100, (enum s22_task_kind)7, APPORTION_ORG_DEFAULT, NONE},
         DOMAIN_EINVAL, "tasks[1].kind"},
        {"unknown org", {100, S22_TASK_HEALTH, (enum apportion_org)5, NONE},
         DOMAIN_EINVAL, "tasks[1].accountable"},
        {"total overflows", {INT64_MAX, S22_TASK_HEALTH, APPORTION_ORG_DEFAULT, NONE},
         DOMAIN_ERANGE, "tasks[1].weekly_cost_pence"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        const struct apportion_task plan[2] = {
            {10, S22_TASK_HEALTH, APPORTION_ORG_DEFAULT, NONE}, cases[i].bad};
        struct apportion_result r;
        struct domain_error err = {{0}, {0}};
        int rc = apportion_plan(plan, 2, NULL, &r, &err);
        if (rc != cases[i].rc || strcmp(err.field, cases[i].field) != 0)
            fail_msg("%s: rc %d field %s", cases[i].name, rc, err.field);
    }
    /* Weekly fits but x 52 does not. */
    const struct apportion_task big = {INT64_MAX / 10, S22_TASK_HEALTH,
                                       APPORTION_ORG_DEFAULT, NONE};
    struct apportion_result r;
    struct domain_error err;
    assert_int_equal(apportion_plan(&big, 1, NULL, &r, &err), DOMAIN_ERANGE);
    assert_string_equal(err.field, "tasks");
}

/* Percentages as typed on pages → exact basis points, at every boundary. */
static void percentages_as_people_type_them(void **state)
{
    (void)state;
    static const struct { const char *in; int ok; long long bp; } cases[] = {
        {"0", 1, 0}, {"100", 1, 10000}, {"60", 1, 6000}, {"33.33", 1, 3333}, {"12.5", 1, 1250},
        {"0.01", 1, 1}, {"99.99", 1, 9999}, {" 40 % ", 1, 4000}, {"100%", 1, 10000}, {"100.00", 1, 10000},
        {"100.01", 0, 0}, {"101", 0, 0}, {"1000", 0, 0}, {"10000", 0, 0}, {"-1", 0, 0}, {"", 0, 0},
        {NULL, 0, 0}, {"33.333", 0, 0}, {"33.", 0, 0}, {".5", 0, 0}, {"1e2", 0, 0}, {"60%%", 0, 0},
        {"6 0", 0, 0}, {"sixty", 0, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        long long bp = -1;
        struct domain_error err = {0};
        int rc = apportion_percent_parse(cases[i].in, "split.nhs", &bp, &err);
        if ((rc == 0) != cases[i].ok || (rc == 0 && bp != cases[i].bp))
            fail_msg("case %zu (%s): rc %d, %lld basis points", i, cases[i].in ? cases[i].in : "NULL", rc, bp);
        if (rc != 0)
            assert_string_equal(err.field, "split.nhs");
    }
    static const struct { long long bp; const char *out; } shown[] = {
        {0, "0%"}, {10000, "100%"}, {6000, "60%"}, {3333, "33.33%"}, {1250, "12.5%"}, {1, "0.01%"}, {10001, ""},
        {-1, ""},
    };
    for (size_t i = 0; i < N(shown); i++) {
        char out[APPORTION_PERCENT_SIZE];
        apportion_percent_format(shown[i].bp, out);
        assert_string_equal(out, shown[i].out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(single_tasks_go_to_the_right_payer),
        cmocka_unit_test(a_plan_adds_up_exactly),
        cmocka_unit_test(bad_input_names_the_task_field),
        cmocka_unit_test(percentages_as_people_type_them),
    };
    return cmocka_run_group_tests_name("apportion", tests, NULL, NULL);
}
