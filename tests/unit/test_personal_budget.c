/* Unit tests for domain/personal_budget: the Care Act s26 personal budget,
 * the ss31-33 direct payment conditions and the reg 7 review dates
 * (SI 2014/2871), each boundary named. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/personal_budget.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define D(y, m, d) ((struct date){(y), (m), (d)})

static void budget_edges(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int64_t council, person, contribution;
        const char *error_field;
        int64_t weekly, annual, council_pays;
    } cases[] = {
        {"odd pence add to the penny", 33333, 16667, 0, NULL, 50000, 2600000, 50000},
        {"person share counts in the budget", 10001, 2999, 1000, NULL, 13000, 676000, 12000},
        {"contribution equal to the budget", 12345, 0, 12345, NULL, 12345, 641940, 0},
        {"contribution a penny over the budget", 12345, 0, 12346, "weekly_contribution_pence", 0, 0, 0},
        {"negative contribution", 100, 0, -1, "weekly_contribution_pence", 0, 0, 0},
        {"no social care (all NHS): budget zero", 0, 0, 0, NULL, 0, 0, 0},
        {"contribution with an all-NHS plan", 0, 0, 1, "weekly_contribution_pence", 0, 0, 0},
        {"share overflowing the annual figure", INT64_MAX / 52, 0, 0, "tasks", 0, 0, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error err = {{0}, {0}};
        struct personal_budget b;
        int rc = personal_budget_compute(cases[i].council, cases[i].person, cases[i].contribution, &b, &err);
        if (cases[i].error_field) {
            if (rc == 0 || strcmp(err.field, cases[i].error_field) != 0)
                fail_msg("%s: rc %d field %s", cases[i].name, rc, err.field);
            continue;
        }
        if (rc != 0 || b.weekly != cases[i].weekly || b.annual != cases[i].annual ||
            b.council_pays_weekly != cases[i].council_pays || b.contribution_weekly != cases[i].contribution)
            fail_msg("%s: rc %d weekly %lld annual %lld council pays %lld", cases[i].name, rc, (long long)b.weekly,
                     (long long)b.annual, (long long)b.council_pays_weekly);
    }
}

static void direct_payment_conditions(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct dp_request r;
        int64_t contribution;
        const char *error_field;
    } cases[] = {
        {"s31: adult with capacity asks", {DP_BY_PERSON, NULL, 1, 1, 1}, 2000, NULL},
        {"s31: lacking capacity cannot ask", {DP_BY_PERSON, NULL, 0, 1, 1}, 2000, "direct_payment.requested_by"},
        {"s32: authorised person without a name", {DP_BY_AUTHORISED_PERSON, "", 0, 1, 1}, 2000,
         "direct_payment.authorised_person_name"},
        {"s32: named authorised person", {DP_BY_AUTHORISED_PERSON, "Ann Smith (daughter)", 0, 1, 1}, 2000, NULL},
        {"s32 not for an adult with capacity", {DP_BY_AUTHORISED_PERSON, "Ann Smith", 1, 1, 1}, 2000,
         "direct_payment.requested_by"},
        {"cannot manage, even with help", {DP_BY_PERSON, NULL, 1, 0, 1}, 2000, "direct_payment.able_to_manage"},
        {"not an appropriate way to meet needs", {DP_BY_PERSON, NULL, 1, 1, 0}, 2000, "direct_payment.appropriate"},
        {"contribution meets the whole budget", {DP_BY_PERSON, NULL, 1, 1, 1}, 10000, "direct_payment"},
        {"a penny left to pay", {DP_BY_PERSON, NULL, 1, 1, 1}, 9999, NULL},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error err = {{0}, {0}};
        struct personal_budget b;
        int64_t amount = -1;
        assert_int_equal(personal_budget_compute(7000, 3000, cases[i].contribution, &b, NULL), 0);
        int rc = dp_check(&cases[i].r, &b, &amount, &err);
        if (cases[i].error_field ? rc == 0 || strcmp(err.field, cases[i].error_field) != 0
                                 : rc != 0 || amount != 10000 - cases[i].contribution)
            fail_msg("%s: rc %d field %s amount %lld", cases[i].name, rc, err.field, (long long)amount);
    }
}

static void review_dates(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct date first;
        int has_last;
        struct date last, due;
    } cases[] = {
        {"first review 6 months after the first payment", D(2026, 1, 15), 0, D(0, 0, 0), D(2026, 7, 15)},
        {"6 months from 31 August clamps to 28 February", D(2026, 8, 31), 0, D(0, 0, 0), D(2027, 2, 28)},
        {"then 12 months after the last review", D(2026, 1, 15), 1, D(2026, 7, 1), D(2027, 7, 1)},
        {"12 months from 29 February 2028", D(2027, 9, 1), 1, D(2028, 2, 29), D(2029, 2, 28)},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct date due;
        assert_int_equal(dp_review_due(cases[i].first, cases[i].has_last ? &cases[i].last : NULL, &due, NULL), 0);
        if (date_compare(due, cases[i].due) != 0)
            fail_msg("%s: due %d-%d-%d", cases[i].name, due.year, due.month, due.day);
    }
    assert_int_equal(dp_review_overdue(D(2026, 7, 15), D(2026, 7, 15)), 0);   /* due today: not yet overdue */
    assert_int_equal(dp_review_overdue(D(2026, 7, 15), D(2026, 7, 16)), 1);   /* the day after */
}

static void review_recording(void **state)
{
    (void)state;
    struct domain_error err;
    struct date last = D(2026, 6, 1);
    assert_int_equal(dp_review_check_date(D(2026, 1, 15), NULL, D(2026, 1, 15), D(2026, 2, 1), &err), 0);
    assert_int_equal(dp_review_check_date(D(2026, 1, 15), NULL, D(2026, 1, 14), D(2026, 2, 1), &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "reviewed_on");
    assert_int_equal(dp_review_check_date(D(2026, 1, 15), NULL, D(2026, 2, 2), D(2026, 2, 1), &err), DOMAIN_EINVAL);
    assert_int_equal(dp_review_check_date(D(2026, 1, 15), &last, D(2026, 5, 31), D(2026, 7, 1), &err),
                     DOMAIN_EINVAL);
    assert_int_equal(dp_review_outcome_check("continue", &err), 0);
    assert_int_equal(dp_review_outcome_check("stop", &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "outcome");
    assert_int_equal(dp_review_outcome_check(NULL, &err), DOMAIN_EMISSING);
    enum dp_requester r;
    assert_int_equal(dp_requester_parse("authorised_person", "direct_payment.requested_by", &r, &err), 0);
    assert_int_equal(r, DP_BY_AUTHORISED_PERSON);
    assert_int_equal(dp_requester_parse("carer", "direct_payment.requested_by", &r, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "direct_payment.requested_by");
    assert_string_equal(dp_requester_name(DP_BY_PERSON), "person");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(budget_edges),
        cmocka_unit_test(direct_payment_conditions),
        cmocka_unit_test(review_dates),
        cmocka_unit_test(review_recording),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
