/* CHC Checklist thresholds (National Framework 2022): each rule at its
 * boundary — 4 B's vs 5 B's, 1 A + 3 B vs 1 A + 4 B, 1 A vs 2 A, an A in
 * each asterisked domain vs in a plain one. */
#include "test_helpers.h"
#include "domain/chc_checklist.h"

/* Scores as an 11-character string in domain order: breathing, nutrition,
 * continence, skin, mobility, communication, psychological, cognition,
 * behaviour, drug_therapies, altered_states. */
struct case_ {
    const char *name, *scores;
    int positive, rules;
};

static void run(const char *scores, struct chc_checklist_result *r)
{
    enum chc_level lv[CHC_CHECKLIST_DOMAINS];
    int set[CHC_CHECKLIST_DOMAINS];
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++) {
        char v[2] = {scores[i], 0};
        assert_int_equal(chc_checklist_parse_level(chc_checklist_domains[i].key, v, &lv[i], NULL), 0);
        set[i] = 1;
    }
    assert_int_equal(chc_checklist_outcome(lv, set, r, NULL), 0);
}

static void thresholds_at_every_boundary(void **state)
{
    (void)state;
    static const struct case_ cases[] = {
        {"all C", "CCCCCCCCCCC", 0, 0},
        {"4 B: negative", "CBBBBCCCCCC", 0, 0},
        {"5 B: positive", "CBBBBBCCCCC", 1, CHC_RULE_FIVE_B},
        {"11 B", "BBBBBBBBBBB", 1, CHC_RULE_FIVE_B},
        {"1 A (plain) + 3 B: negative", "CABBBCCCCCC", 0, 0},
        {"1 A (plain) + 4 B: positive", "CABBBBCCCCC", 1, CHC_RULE_ONE_A_FOUR_B},
        {"1 A (plain) + 5 B: both rules", "CABBBBBCCCC", 1, CHC_RULE_ONE_A_FOUR_B | CHC_RULE_FIVE_B},
        {"1 A plain alone: negative", "CCCCCCCACCC", 0, 0},
        {"2 A plain: positive", "CAACCCCCCCC", 1, CHC_RULE_TWO_A},
        {"A in breathing", "ACCCCCCCCCC", 1, CHC_RULE_ASTERISK_A},
        {"A in behaviour", "CCCCCCCCACC", 1, CHC_RULE_ASTERISK_A},
        {"A in drug therapies", "CCCCCCCCCAC", 1, CHC_RULE_ASTERISK_A},
        {"A in altered states", "CCCCCCCCCCA", 1, CHC_RULE_ASTERISK_A},
        {"A in breathing and behaviour", "ACCCCCCCACC", 1, CHC_RULE_ASTERISK_A | CHC_RULE_TWO_A},
        {"A in cognition (not asterisked)", "CCCCCCCACCC", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct chc_checklist_result r;
        run(cases[i].scores, &r);
        if (r.positive != cases[i].positive || r.rules != cases[i].rules)
            fail_msg("case '%s': positive %d rules %d", cases[i].name, r.positive, r.rules);
    }
}

static void bad_input_names_the_domain(void **state)
{
    (void)state;
    enum chc_level lv;
    struct domain_error e;
    assert_int_not_equal(chc_checklist_parse_level("breathing", "D", &lv, &e), 0);
    assert_string_equal(e.field, "domains.breathing");
    assert_int_not_equal(chc_checklist_parse_level("teeth", "A", &lv, &e), 0);
    assert_string_equal(e.field, "domains.teeth");
    assert_int_not_equal(chc_checklist_parse_level("skin", "", &lv, &e), 0);
    assert_int_not_equal(chc_checklist_parse_level("skin", "AB", &lv, &e), 0);
    assert_int_equal(chc_checklist_parse_level("skin", "b", &lv, &e), 0);
    assert_int_equal(lv, CHC_LEVEL_B);
    enum chc_level all[CHC_CHECKLIST_DOMAINS] = {0};
    int set[CHC_CHECKLIST_DOMAINS];
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++)
        set[i] = 1;
    set[6] = 0;
    struct chc_checklist_result r;
    assert_int_equal(chc_checklist_outcome(all, set, &r, &e), DOMAIN_EMISSING);
    assert_string_equal(e.field, "domains.psychological");
}

static void reasons_name_the_rules(void **state)
{
    (void)state;
    struct chc_checklist_result r;
    enum chc_level lv[CHC_CHECKLIST_DOMAINS];
    const char *s = "ACCCCCCCACC";
    int set[CHC_CHECKLIST_DOMAINS];
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++) {
        lv[i] = s[i] == 'A' ? CHC_LEVEL_A : CHC_LEVEL_C;
        set[i] = 1;
    }
    chc_checklist_outcome(lv, set, &r, NULL);
    char why[300];
    chc_checklist_reasons(&r, lv, why, sizeof why);
    assert_non_null(strstr(why, "2 domains scored A"));
    assert_non_null(strstr(why, "A in Breathing"));
    assert_non_null(strstr(why, "A in Behaviour"));
    run("CBBBBCCCCCC", &r);
    chc_checklist_reasons(&r, lv, why, sizeof why);
    assert_non_null(strstr(why, "no threshold met (0 A, 4 B, 7 C)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(thresholds_at_every_boundary),
        cmocka_unit_test(bad_input_names_the_domain),
        cmocka_unit_test(reasons_name_the_rules),
    };
    return cmocka_run_group_tests_name("chc_checklist", tests, NULL, NULL);
}
