/* Unit tests for domain/dispute: stage deadlines in working days across
 * bank holidays, overdue boundary, next stage, policy and errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/dispute.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void deadlines_count_working_days(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        enum dispute_stage stage;
        struct date started, today, deadline;
        int overdue;
        int32_t left;
        enum dispute_stage next;
    } cases[] = {
        {"case leads, plain fortnight", DISPUTE_STAGE_CASE_LEADS,
         {2026, 11, 2}, {2026, 11, 2}, {2026, 11, 16}, 0, 10, DISPUTE_STAGE_MANAGERS},
        {"deadline day is still in time", DISPUTE_STAGE_CASE_LEADS,
         {2026, 11, 2}, {2026, 11, 16}, {2026, 11, 16}, 0, 0, DISPUTE_STAGE_MANAGERS},
        {"day after deadline is overdue", DISPUTE_STAGE_CASE_LEADS,
         {2026, 11, 2}, {2026, 11, 17}, {2026, 11, 16}, 1, -1, DISPUTE_STAGE_MANAGERS},
        {"weekend after deadline: overdue, 0 working days late", DISPUTE_STAGE_MANAGERS,
         {2026, 11, 6}, {2026, 11, 21}, {2026, 11, 20}, 1, 0, DISPUTE_STAGE_SENIOR_OFFICERS},
        {"managers over Christmas 2026", DISPUTE_STAGE_MANAGERS,
         {2026, 12, 18}, {2026, 12, 29}, {2027, 1, 6}, 0, 5, DISPUTE_STAGE_SENIOR_OFFICERS},
        {"senior officers over Christmas 2026", DISPUTE_STAGE_SENIOR_OFFICERS,
         {2026, 12, 18}, {2026, 12, 18}, {2027, 1, 20}, 0, 20, DISPUTE_STAGE_ARBITRATION},
        {"arbitration over Easter and May 2025", DISPUTE_STAGE_ARBITRATION,
         {2025, 4, 14}, {2025, 6, 2}, {2025, 5, 30}, 1, -1, DISPUTE_STAGE_NONE},
        {"started on a Sunday", DISPUTE_STAGE_CASE_LEADS,
         {2026, 11, 1}, {2026, 11, 1}, {2026, 11, 13}, 0, 10, DISPUTE_STAGE_MANAGERS},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct dispute_status s;
        struct domain_error err = {{0}, {0}};
        int rc = dispute_stage_status(cases[i].stage, cases[i].started, cases[i].today,
                                      NULL, NULL, &s, &err);
        if (rc != 0)
            fail_msg("%s: rc %d %s %s", cases[i].name, rc, err.field, err.message);
        if (date_compare(s.deadline, cases[i].deadline) != 0 ||
            s.overdue != cases[i].overdue || s.working_days_left != cases[i].left ||
            s.next != cases[i].next || s.stage != cases[i].stage)
            fail_msg("%s: deadline %04d-%02d-%02d overdue %d left %d next %s",
                     cases[i].name, s.deadline.year, s.deadline.month, s.deadline.day,
                     s.overdue, s.working_days_left, dispute_stage_name(s.next));
    }
}

static void policy_is_configurable_and_checked(void **state)
{
    (void)state;
    struct dispute_policy def = dispute_policy_default();
    static const int32_t want[DISPUTE_STAGE_COUNT] = {10, 10, 20, 30};
    for (int i = 0; i < DISPUTE_STAGE_COUNT; i++)
        assert_int_equal(def.working_days[i], want[i]);
    assert_int_equal(dispute_policy_check(&def, NULL), 0);

    struct dispute_policy fast = {{5, 5, 5, 5}};
    struct dispute_status s;
    assert_int_equal(dispute_stage_status(DISPUTE_STAGE_ARBITRATION, (struct date){2026, 12, 24},
                                          (struct date){2026, 12, 24}, &fast, NULL, &s, NULL), 0);
    /* 29, 30, 31 Dec, (1 Jan holiday), 4, 5 Jan */
    assert_int_equal(date_compare(s.deadline, (struct date){2027, 1, 5}), 0);

    static const struct { struct dispute_policy p; const char *field; } bad[] = {
        {{{0, 10, 20, 30}}, "working_days.case_leads"},
        {{{10, -1, 20, 30}}, "working_days.managers"},
        {{{10, 10, 261, 30}}, "working_days.senior_officers"},
        {{{10, 10, 20, INT32_MAX}}, "working_days.arbitration"},
    };
    for (size_t i = 0; i < N(bad); i++) {
        struct domain_error err = {{0}, {0}};
        assert_int_equal(dispute_stage_status(DISPUTE_STAGE_CASE_LEADS,
                                              (struct date){2026, 1, 5}, (struct date){2026, 1, 5},
                                              &bad[i].p, NULL, &s, &err), DOMAIN_EINVAL);
        assert_string_equal(err.field, bad[i].field);
    }
}

static void errors_name_the_input(void **state)
{
    (void)state;
    struct dispute_status s;
    struct domain_error err;
    assert_int_equal(dispute_stage_status(DISPUTE_STAGE_NONE, (struct date){2026, 1, 5},
                                          (struct date){2026, 1, 5}, NULL, NULL, &s, &err),
                     DOMAIN_EINVAL);
    assert_string_equal(err.field, "stage");
    assert_int_equal(dispute_stage_status(DISPUTE_STAGE_MANAGERS, (struct date){2026, 1, 6},
                                          (struct date){2026, 1, 5}, NULL, NULL, &s, &err),
                     DOMAIN_EINVAL);
    assert_string_equal(err.field, "stage_started_on");
    assert_int_equal(dispute_stage_status(DISPUTE_STAGE_ARBITRATION, (struct date){2027, 12, 20},
                                          (struct date){2027, 12, 20}, NULL, NULL, &s, &err),
                     DOMAIN_ERANGE);
    assert_string_equal(err.field, "holidays");

    static const char *const names[] = {"case_leads", "managers", "senior_officers",
                                        "arbitration"};
    for (size_t i = 0; i < N(names); i++) {
        enum dispute_stage st;
        assert_int_equal(dispute_stage_parse(names[i], "stage", &st, NULL), 0);
        assert_int_equal(st, (int)i + 1);
        assert_string_equal(dispute_stage_name(st), names[i]);
    }
    enum dispute_stage st;
    assert_int_equal(dispute_stage_parse("directors", "stage", &st, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "stage");
    assert_int_equal(dispute_stage_parse("", "stage", &st, &err), DOMAIN_EMISSING);
    assert_string_equal(dispute_stage_name(DISPUTE_STAGE_NONE), "none");
}

/* dispute_settle: the interim funder's payments reconciled against the agreed split. */
static void settlement_edges(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        enum dispute_funder interim;
        int64_t weekly;
        struct date from, to;
        struct jf_split split;
        int32_t days;
        int64_t total, nhs, council, person, council_owes_nhs;
    } cases[] = {
        {"NHS paid 10 days, 50:50: odd penny to the NHS, council owes its share", DISPUTE_FUNDER_NHS, 10001,
         {2026, 11, 22}, {2026, 12, 1}, {5000, 5000, 0}, 10, 14287, 7144, 7143, 0, 7143},
        {"council paid the same: the NHS owes its share (negative)", DISPUTE_FUNDER_COUNCIL, 10001,
         {2026, 11, 22}, {2026, 12, 1}, {5000, 5000, 0}, 10, 14287, 7144, 7143, 0, -7144},
        {"effective from the outcome day: nothing backwards", DISPUTE_FUNDER_NHS, 10001,
         {2026, 12, 2}, {2026, 12, 1}, {5000, 5000, 0}, 0, 0, 0, 0, 0, 0},
        {"one day of 7p, an even split: the penny goes to the NHS", DISPUTE_FUNDER_COUNCIL, 7,
         {2026, 12, 1}, {2026, 12, 1}, {1, 1, 0}, 1, 1, 1, 0, 0, -1},
        {"agreed all to the interim funder (NHS): nothing owed", DISPUTE_FUNDER_NHS, 7000,
         {2026, 11, 1}, {2026, 11, 30}, {10000, 0, 0}, 30, 30000, 30000, 0, 0, 0},
        {"agreed all to the interim funder (council): nothing owed", DISPUTE_FUNDER_COUNCIL, 7000,
         {2026, 11, 1}, {2026, 11, 30}, {0, 10000, 0}, 30, 30000, 0, 30000, 0, 0},
        {"the person's contribution is not recharged between the bodies", DISPUTE_FUNDER_NHS, 7000,
         {2026, 11, 1}, {2026, 11, 7}, {5000, 3000, 2000}, 7, 7000, 3500, 2100, 1400, 2100},
        {"across a leap day (29 days of February 2028)", DISPUTE_FUNDER_NHS, 7000,
         {2028, 2, 1}, {2028, 2, 29}, {2500, 7500, 0}, 29, 29000, 7250, 21750, 0, 21750},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct dispute_settlement s;
        struct domain_error err = {{0}, {0}};
        if (dispute_settle(cases[i].interim, cases[i].weekly, cases[i].from, cases[i].to, cases[i].split, &s, &err) != 0)
            fail_msg("%s: %s %s", cases[i].name, err.field, err.message);
        if (s.r.days != cases[i].days || s.r.total != cases[i].total || s.r.nhs != cases[i].nhs ||
            s.r.council != cases[i].council || s.r.person != cases[i].person ||
            s.council_owes_nhs != cases[i].council_owes_nhs)
            fail_msg("%s: days %d total %lld nhs %lld council %lld person %lld owes %lld", cases[i].name, s.r.days,
                     (long long)s.r.total, (long long)s.r.nhs, (long long)s.r.council, (long long)s.r.person,
                     (long long)s.council_owes_nhs);
        if (s.r.nhs + s.r.council + s.r.person != s.r.total)
            fail_msg("%s: shares do not add up", cases[i].name);
    }
    struct dispute_settlement s;
    struct domain_error err = {{0}, {0}};
    struct date d = {2026, 12, 1};
    assert_int_not_equal(dispute_settle(DISPUTE_FUNDER_NHS, -1, d, d, (struct jf_split){1, 0, 0}, &s, &err), 0);
    assert_string_equal(err.field, "weekly_cost_pence");
    assert_int_not_equal(dispute_settle(DISPUTE_FUNDER_NHS, 700, d, d, (struct jf_split){0, 0, 0}, &s, &err), 0);
    assert_string_equal(err.field, "split");
    assert_int_not_equal(dispute_settle((enum dispute_funder)7, 700, d, d, (struct jf_split){1, 0, 0}, &s, &err), 0);
    assert_string_equal(err.field, "interim_funder");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deadlines_count_working_days),
        cmocka_unit_test(policy_is_configurable_and_checked),
        cmocka_unit_test(errors_name_the_input),
        cmocka_unit_test(settlement_edges),
    };
    return cmocka_run_group_tests_name("dispute", tests, NULL, NULL);
}
