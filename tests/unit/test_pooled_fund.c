/* Unit tests for domain/pooled_fund: the year-end over/underspend of an s75
 * pooled fund shared by each risk-share rule, to the penny. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/pooled_fund.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define R POOLED_RISK_CONTRIBUTION_RATIO
#define F POOLED_RISK_FIXED_PERCENTAGE
#define C POOLED_RISK_CAPPED

struct share_case {
    const char *name;
    int rule;
    size_t n, host;
    struct pooled_partner p[4];
    int64_t spend, variance, want[4];
};

/* Council contributes 60,000.00, ICB 40,000.00 unless the case says else. */
static const struct share_case cases[] = {
    {"ratio: exactly on budget", R, 2, 0, {{6000000, 0, 0}, {4000000, 0, 0}},
     10000000, 0, {0, 0}},
    {"ratio: overspend 1,000.00", R, 2, 0, {{6000000, 0, 0}, {4000000, 0, 0}},
     10100000, 100000, {60000, 40000}},
    {"ratio: underspend 1,000.00", R, 2, 0, {{6000000, 0, 0}, {4000000, 0, 0}},
     9900000, -100000, {-60000, -40000}},
    {"ratio: 1p over goes to the larger remainder", R, 2, 0,
     {{6000000, 0, 0}, {4000000, 0, 0}}, 10000001, 1, {1, 0}},
    {"ratio: 1p under", R, 2, 1, {{6000000, 0, 0}, {4000000, 0, 0}},
     9999999, -1, {-1, 0}},
    {"ratio: thirds add up", R, 3, 0, {{100, 0, 0}, {100, 0, 0}, {100, 0, 0}},
     400, 100, {34, 33, 33}},
    {"ratio: zero contributor shares nothing", R, 3, 0,
     {{5000, 0, 0}, {0, 0, 0}, {5000, 0, 0}}, 10001, 1, {1, 0, 0}},
    {"ratio: no spend at all returns every contribution", R, 2, 0,
     {{6000000, 0, 0}, {4000000, 0, 0}}, 0, -10000000, {-6000000, -4000000}},
    {"ratio: pool far beyond 10 million pounds stays exact", R, 2, 0,
     {{INT64_C(3000000000000), 0, 0}, {INT64_C(1000000000000), 0, 0}},
     INT64_C(4000000000003), 3, {2, 1}},
    {"fixed: 70/30 overspend ignores contributions", F, 2, 0,
     {{6000000, 7000, 0}, {4000000, 3000, 0}}, 10100000, 100000, {70000, 30000}},
    {"fixed: underspend", F, 2, 0, {{6000000, 7000, 0}, {4000000, 3000, 0}},
     9900001, -99999, {-69999, -30000}},
    {"fixed: a partner with 0 bp shares nothing", F, 3, 0,
     {{1, 5000, 0}, {1, 0, 0}, {1, 5000, 0}}, 103, 100, {50, 0, 50}},
    {"fixed: partner with no contribution still shares", F, 2, 0,
     {{100, 5000, 0}, {0, 5000, 0}}, 300, 200, {100, 100}},
    {"capped: under the cap is the ratio", C, 2, 0,
     {{6000000, 0, 0}, {4000000, 0, 50000}}, 10100000, 100000, {60000, 40000}},
    {"capped: cap hit exactly", C, 2, 0,
     {{6000000, 0, 0}, {4000000, 0, 40000}}, 10100000, 100000, {60000, 40000}},
    {"capped: cap exceeded, excess to the host", C, 2, 0,
     {{6000000, 0, 0}, {4000000, 0, 10000}}, 10100000, 100000, {90000, 10000}},
    {"capped: host's own cap is not applied", C, 2, 0,
     {{6000000, 0, 100}, {4000000, 0, 0}}, 10100000, 100000, {100000, 0}},
    {"capped: host second, two capped partners", C, 3, 2,
     {{5000, 0, 10}, {3000, 0, 1000}, {2000, 0, 0}}, 11000, 1000, {10, 300, 690}},
    {"capped: underspend ignores caps", C, 2, 0,
     {{6000000, 0, 0}, {4000000, 0, 10}}, 9900000, -100000, {-60000, -40000}},
    {"capped: 1p over with 0 cap falls to host", C, 2, 0,
     {{4000000, 0, 0}, {6000000, 0, 0}}, 10000001, 1, {1, 0}},
};

static void shares_add_up_for_every_rule(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(cases); i++) {
        const struct share_case *c = &cases[i];
        struct pooled_position pos;
        int64_t shares[4] = {-7, -7, -7, -7}, sum = 0, budget = 0;
        struct domain_error err = {{0}, {0}};
        int rc = pooled_fund_position((enum pooled_risk_rule)c->rule, c->p, c->n,
                                      c->host, c->spend, &pos, shares, &err);
        if (rc != 0)
            fail_msg("%s: rc %d %s %s", c->name, rc, err.field, err.message);
        for (size_t k = 0; k < c->n; k++) {
            if (shares[k] != c->want[k])
                fail_msg("%s: partner %zu got %lld want %lld", c->name, k,
                         (long long)shares[k], (long long)c->want[k]);
            sum += shares[k];
            budget += c->p[k].contribution_pence;
        }
        if (sum != c->variance || pos.variance_pence != c->variance ||
            pos.budget_pence != budget || pos.spend_pence != c->spend)
            fail_msg("%s: sum %lld variance %lld", c->name, (long long)sum,
                     (long long)pos.variance_pence);
    }
}

static void bad_agreements_name_the_field(void **state)
{
    (void)state;
    static const struct {
        const char *name; int rule; size_t n, host; struct pooled_partner p[2];
        int64_t spend; int rc; const char *field;
    } bad[] = {
        {"no partners", R, 0, 0, {{1, 0, 0}}, 1, DOMAIN_EINVAL, "partners"},
        {"too many partners", R, POOLED_MAX_PARTNERS + 1, 0, {{1, 0, 0}}, 1,
         DOMAIN_EINVAL, "partners"},
        {"host out of range", R, 2, 2, {{1, 0, 0}, {1, 0, 0}}, 1, DOMAIN_EINVAL, "host"},
        {"unknown rule", 9, 2, 0, {{1, 0, 0}, {1, 0, 0}}, 1, DOMAIN_EINVAL, "risk_share"},
        {"negative spend", R, 2, 0, {{1, 0, 0}, {1, 0, 0}}, -1, DOMAIN_EINVAL, "spend_pence"},
        {"negative contribution", R, 2, 0, {{1, 0, 0}, {-1, 0, 0}}, 1,
         DOMAIN_EINVAL, "partners[1].contribution_pence"},
        {"ratio with nothing contributed", R, 2, 0, {{0, 0, 0}, {0, 0, 0}}, 1,
         DOMAIN_EINVAL, "risk_share"},
        {"capped with nothing contributed", C, 2, 0, {{0, 0, 0}, {0, 0, 0}}, 1,
         DOMAIN_EINVAL, "risk_share"},
        {"percentages sum to 9999", F, 2, 0, {{1, 5000, 0}, {1, 4999, 0}}, 1,
         DOMAIN_EINVAL, "risk_share"},
        {"percentages sum to 10001", F, 2, 0, {{1, 5001, 0}, {1, 5000, 0}}, 1,
         DOMAIN_EINVAL, "risk_share"},
        {"negative percentage", F, 2, 0, {{1, 10001, 0}, {1, -1, 0}}, 1,
         DOMAIN_EINVAL, "partners[0].share_bp"},
        {"negative cap", C, 2, 0, {{1, 0, 0}, {1, 0, -1}}, 1,
         DOMAIN_EINVAL, "partners[1].cap_pence"},
        {"contributions overflow", R, 2, 0, {{INT64_MAX, 0, 0}, {1, 0, 0}}, 1,
         DOMAIN_ERANGE, "amount"},
    };
    for (size_t i = 0; i < N(bad); i++) {
        struct pooled_position pos = {1, 2, 3};
        int64_t shares[POOLED_MAX_PARTNERS + 1];
        struct pooled_partner many[POOLED_MAX_PARTNERS + 1];
        const struct pooled_partner *p = bad[i].p;
        if (bad[i].n > 2) {
            for (size_t k = 0; k < N(many); k++)
                many[k] = (struct pooled_partner){1, 0, 0};
            p = many;
        }
        struct domain_error err = {{0}, {0}};
        int rc = pooled_fund_position((enum pooled_risk_rule)bad[i].rule, p,
                                      bad[i].n, bad[i].host, bad[i].spend,
                                      &pos, shares, &err);
        if (rc != bad[i].rc)
            fail_msg("%s: rc %d", bad[i].name, rc);
        assert_string_equal(err.field, bad[i].field);
        assert_true(pos.budget_pence == 1 && pos.variance_pence == 3);
    }
}

static void terms_can_be_checked_before_anything_is_contributed(void **state)
{
    (void)state;
    struct pooled_partner p[2] = {{0, 6000, 100}, {0, 4000, 0}};
    struct pooled_position pos;
    int64_t shares[2];
    struct domain_error err;
    assert_int_equal(pooled_fund_terms_check(R, p, 2, 0, NULL), 0);
    assert_int_equal(pooled_fund_terms_check(C, p, 2, 1, NULL), 0);
    assert_int_equal(pooled_fund_position(R, p, 2, 0, 5, &pos, shares, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "risk_share");
    p[1].share_bp = 3999;
    assert_int_equal(pooled_fund_terms_check(F, p, 2, 0, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "risk_share");
    assert_int_equal(pooled_fund_terms_check(R, p, 2, 2, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "host");
}

static void largest_spend_against_a_tiny_budget_still_fits(void **state)
{
    (void)state;
    struct pooled_partner p[2] = {{1, 0, 0}, {1, 0, 0}};
    struct pooled_position pos;
    int64_t shares[2];
    assert_int_equal(pooled_fund_position(R, p, 2, 0, INT64_MAX, &pos, shares, NULL), 0);
    assert_true(shares[0] + shares[1] == INT64_MAX - 2);
}

static struct date d(int y, int m, int dd) { return (struct date){y, m, dd}; }

static void quarters_of_a_financial_year(void **state)
{
    (void)state;
    static const struct { const char *name; struct date on; int rc, q; } days[] = {
        {"first day", {2026, 4, 1}, 0, 1},
        {"last day of Q1", {2026, 6, 30}, 0, 1},
        {"first day of Q2", {2026, 7, 1}, 0, 2},
        {"Q3", {2026, 12, 31}, 0, 3},
        {"first day of Q4", {2027, 1, 1}, 0, 4},
        {"last day", {2027, 3, 31}, 0, 4},
        {"day before the year", {2026, 3, 31}, DOMAIN_EINVAL, 0},
        {"day after the year", {2027, 4, 1}, DOMAIN_EINVAL, 0},
    };
    for (size_t i = 0; i < N(days); i++) {
        int q = 0;
        struct domain_error err = {{0}, {0}};
        int rc = pooled_fund_quarter(d(2026, 4, 1), d(2027, 3, 31), days[i].on, "spent_on", &q, &err);
        if (rc != days[i].rc || q != days[i].q)
            fail_msg("%s: rc %d quarter %d", days[i].name, rc, q);
        if (rc)
            assert_string_equal(err.field, "spent_on");
    }
    assert_int_equal(pooled_fund_year_check(d(2026, 4, 1), d(2027, 3, 31), NULL), 0);
    assert_int_equal(pooled_fund_year_check(d(2027, 4, 1), d(2028, 3, 31), NULL), 0);   /* leap: 365 days */
    assert_int_equal(pooled_fund_year_check(d(2026, 4, 1), d(2027, 4, 1), NULL), DOMAIN_EINVAL);
    assert_int_equal(pooled_fund_year_check(d(2026, 4, 1), d(2026, 4, 1), NULL), DOMAIN_EINVAL);
    assert_int_equal(pooled_fund_year_check(d(2026, 4, 2), d(2026, 4, 1), NULL), DOMAIN_EINVAL);
}

static void rule_names_round_trip(void **state)
{
    (void)state;
    for (int r = R; r <= C; r++)
        assert_int_equal(pooled_risk_rule_parse(pooled_risk_rule_name(r)), r);
    assert_int_equal(pooled_risk_rule_parse("Capped"), -1);
    assert_int_equal(pooled_risk_rule_parse(NULL), -1);
    assert_string_equal(pooled_risk_rule_name((enum pooled_risk_rule)7), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shares_add_up_for_every_rule),
        cmocka_unit_test(bad_agreements_name_the_field),
        cmocka_unit_test(terms_can_be_checked_before_anything_is_contributed),
        cmocka_unit_test(largest_spend_against_a_tiny_budget_still_fits),
        cmocka_unit_test(quarters_of_a_financial_year),
        cmocka_unit_test(rule_names_round_trip),
    };
    return cmocka_run_group_tests_name("pooled_fund", tests, NULL, NULL);
}
