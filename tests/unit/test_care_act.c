/* Care Act eligibility (SI 2015/313 regs 2 and 3): every condition at its
 * boundary, for adults and carers. */
#include "test_helpers.h"
#include "domain/care_act.h"

static struct care_act_adult adult(int impairment, int unable, int impact)
{
    struct care_act_adult a;
    memset(&a, 0, sizeof a);
    a.impairment_or_illness = impairment;
    for (int i = 0; i < unable; i++)
        a.grounds[i] = (i % 4 == 0) ? GROUND_WITHOUT_ASSISTANCE : (i % 4 == 1) ? GROUND_PAIN_DISTRESS_ANXIETY
                     : (i % 4 == 2) ? GROUND_ENDANGERS : GROUND_SIGNIFICANTLY_LONGER;
    a.significant_impact = impact;
    if (impact)
        a.wellbeing[0] = 1;
    return a;
}

static void adult_table(void **state)
{
    (void)state;
    static const struct { const char *name; int impairment, unable, impact, eligible, failed; } cases[] = {
        {"all three met, 2 outcomes", 1, 2, 1, 1, 0},
        {"only 1 outcome", 1, 1, 1, 0, 2},
        {"no outcomes", 1, 0, 1, 0, 2},
        {"10 outcomes", 1, 10, 1, 1, 0},
        {"no impairment", 0, 5, 1, 0, 1},
        {"no significant impact", 1, 5, 0, 0, 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct care_act_adult a = adult(cases[i].impairment, cases[i].unable, cases[i].impact);
        struct care_act_result r;
        assert_int_equal(care_act_adult_eligibility(&a, &r, NULL), 0);
        if (r.eligible != cases[i].eligible || r.condition_failed != cases[i].failed)
            fail_msg("case '%s': eligible %d failed %d", cases[i].name, r.eligible, r.condition_failed);
        assert_int_equal(r.outcomes_unable, cases[i].unable);
    }
    /* Each ground alone makes an outcome "unable to achieve". */
    for (int g = 1; g <= GROUND_SIGNIFICANTLY_LONGER; g <<= 1) {
        struct care_act_adult a = adult(1, 0, 1);
        a.grounds[0] = g;
        a.grounds[5] = g;
        struct care_act_result r;
        care_act_adult_eligibility(&a, &r, NULL);
        assert_true(r.eligible);
    }
    char why[300];
    struct care_act_adult a = adult(1, 1, 1);
    struct care_act_result r;
    care_act_adult_eligibility(&a, &r, NULL);
    care_act_explain(&r, 0, why, sizeof why);
    assert_non_null(strstr(why, "two or more"));
    struct domain_error e;
    a = adult(1, 2, 1);
    a.wellbeing[0] = 0;
    assert_int_not_equal(care_act_adult_eligibility(&a, &r, &e), 0);
    assert_string_equal(e.field, "wellbeing");
}

static void carer_table(void **state)
{
    (void)state;
    static const struct { const char *name; int arise, health, unable, impact, eligible, failed; } cases[] = {
        {"one outcome is enough", 1, 0, 1, 1, 1, 0},
        {"no outcome, health deteriorating", 1, 1, 0, 1, 1, 0},
        {"no outcome, health fine", 1, 0, 0, 1, 0, 2},
        {"needs not from caring", 0, 1, 3, 1, 0, 1},
        {"no significant impact", 1, 1, 3, 0, 0, 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct care_act_carer c;
        memset(&c, 0, sizeof c);
        c.needs_arise_from_caring = cases[i].arise;
        c.health_deteriorating_or_at_risk = cases[i].health;
        for (int k = 0; k < cases[i].unable; k++)
            c.grounds[k] = GROUND_WITHOUT_ASSISTANCE;
        c.significant_impact = cases[i].impact;
        c.wellbeing[1] = cases[i].impact;
        struct care_act_result r;
        assert_int_equal(care_act_carer_eligibility(&c, &r, NULL), 0);
        if (r.eligible != cases[i].eligible || r.condition_failed != cases[i].failed)
            fail_msg("case '%s'", cases[i].name);
    }
}

/* The reasons name the ground the carer is eligible on: health alone is
 * not "unable to achieve 0 outcomes". */
static void carer_explanation_names_the_ground(void **state)
{
    (void)state;
    static const struct { const char *name; int health, unable; const char *has, *lacks; } cases[] = {
        {"health only", 1, 0, "health is deteriorating or at risk", "0 outcome"},
        {"health and one outcome", 1, 1, "unable to achieve 1 outcome,", "outcomes"},
        {"outcomes only", 0, 2, "unable to achieve 2 outcomes", "health"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct care_act_carer c;
        memset(&c, 0, sizeof c);
        c.needs_arise_from_caring = 1;
        c.health_deteriorating_or_at_risk = cases[i].health;
        for (int k = 0; k < cases[i].unable; k++)
            c.grounds[k] = GROUND_ENDANGERS;
        c.significant_impact = 1;
        c.wellbeing[0] = 1;
        struct care_act_result r;
        char why[300];
        assert_int_equal(care_act_carer_eligibility(&c, &r, NULL), 0);
        assert_true(r.eligible);
        care_act_explain(&r, 1, why, sizeof why);
        if (!strstr(why, cases[i].has) || strstr(why, cases[i].lacks))
            fail_msg("case '%s': %s", cases[i].name, why);
    }
}

static void carers_have_no_significantly_longer_ground(void **state)
{
    (void)state;
    int flag;
    struct domain_error e;
    assert_int_equal(care_act_parse_ground("significantly_longer", 0, "outcomes.nutrition", &flag, &e), 0);
    assert_int_equal(flag, GROUND_SIGNIFICANTLY_LONGER);
    assert_int_not_equal(care_act_parse_ground("significantly_longer", 1, "outcomes.nutrition", &flag, &e), 0);
    assert_string_equal(e.field, "outcomes.nutrition");
    assert_int_not_equal(care_act_parse_ground("tired", 0, "outcomes.hygiene", &flag, &e), 0);
    struct care_act_carer c;
    memset(&c, 0, sizeof c);
    c.needs_arise_from_caring = 1;
    c.grounds[3] = GROUND_SIGNIFICANTLY_LONGER;
    struct care_act_result r;
    assert_int_not_equal(care_act_carer_eligibility(&c, &r, &e), 0);
    assert_string_equal(e.field, "outcomes.nutrition");
    assert_int_equal(care_act_outcome_index("caring_others", 1), 1);
    assert_int_equal(care_act_outcome_index("caring_others", 0), -1);
    assert_int_equal(care_act_outcome_index("toilet", 0), 2);
    assert_int_equal(care_act_wellbeing_index("contribution"), 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(adult_table),
        cmocka_unit_test(carer_table),
        cmocka_unit_test(carer_explanation_names_the_ground),
        cmocka_unit_test(carers_have_no_significantly_longer_ground),
    };
    return cmocka_run_group_tests_name("care_act", tests, NULL, NULL);
}
