/* CHC DST: the full domain × level validity matrix, the indicator at each
 * boundary, MDT composition, and Fast Track. */
#include "test_helpers.h"
#include "domain/chc_dst.h"
#include "domain/fast_track.h"

static void every_domain_level_pair(void **state)
{
    (void)state;
    /* Which levels each domain allows, in level order no..priority. */
    static const struct { const char *key; const char *allowed; } matrix[] = {
        {"breathing", "111111"}, {"nutrition", "111110"}, {"continence", "111100"}, {"skin", "111110"},
        {"mobility", "111110"}, {"communication", "111100"}, {"psychological", "111100"},
        {"cognition", "111110"}, {"behaviour", "111111"}, {"drug_therapies", "111111"},
        {"altered_states", "111101"}, {"other", "111110"},
    };
    assert_int_equal(sizeof matrix / sizeof matrix[0], CHC_DST_DOMAINS);
    for (size_t d = 0; d < CHC_DST_DOMAINS; d++)
        for (int l = 0; l < DST_LEVELS; l++) {
            enum dst_level out;
            struct domain_error e;
            int rc = chc_dst_parse_level(matrix[d].key, dst_level_names[l], &out, &e);
            if (matrix[d].allowed[l] == '1') {
                if (rc != 0) fail_msg("%s/%s refused", matrix[d].key, dst_level_names[l]);
                assert_int_equal(out, l);
            } else {
                if (rc == 0) fail_msg("%s/%s accepted", matrix[d].key, dst_level_names[l]);
                char field[48];
                snprintf(field, sizeof field, "domains.%s", matrix[d].key);
                assert_string_equal(e.field, field);
                assert_non_null(strstr(e.message, "allowed: no, low, moderate, high"));
            }
        }
    enum dst_level out;
    struct domain_error e;
    assert_int_not_equal(chc_dst_parse_level("other", "extreme", &out, &e), 0);
    assert_int_not_equal(chc_dst_parse_level("teeth", "low", &out, &e), 0);
    assert_string_equal(e.field, "domains.teeth");
}

/* levels as 12 characters: n l m h s p, in domain order. */
static enum dst_indicator indicator(const char *s, int counts[DST_LEVELS])
{
    enum dst_level lv[CHC_DST_DOMAINS];
    int set[CHC_DST_DOMAINS];
    for (int i = 0; i < CHC_DST_DOMAINS; i++) {
        lv[i] = strchr("nlmhsp", s[i]) - "nlmhsp";
        set[i] = 1;
    }
    struct chc_dst_result r;
    assert_int_equal(chc_dst_evaluate(lv, set, &r, NULL), 0);
    if (counts)
        memcpy(counts, r.counts, sizeof r.counts);
    return r.indicator;
}

static void indicator_boundaries(void **state)
{
    (void)state;
    static const struct { const char *name, *levels; enum dst_indicator expect; } cases[] = {
        {"all no", "nnnnnnnnnnnn", DST_INDICATOR_NONE},
        {"priority in breathing", "pnnnnnnnnnnn", DST_INDICATOR_STRONG},
        {"priority in altered states", "nnnnnnnnnnpn", DST_INDICATOR_STRONG},
        {"two severe", "nsnsnnnnnnnn", DST_INDICATOR_STRONG},
        {"one severe alone", "nsnnnnnnnnnn", DST_INDICATOR_NONE},
        {"one severe + one moderate", "nsmnnnnnnnnn", DST_INDICATOR_NONE},
        {"one severe + two moderate", "nsmmnnnnnnnn", DST_INDICATOR_POSSIBLE},
        {"one severe + high + low", "nshlnnnnnnnn", DST_INDICATOR_NONE},
        {"one high", "nnhnnnnnnnnn", DST_INDICATOR_NONE},
        {"two high", "nnhhnnnnnnnn", DST_INDICATOR_POSSIBLE},
        {"one high + two moderate", "nnhmmnnnnnnn", DST_INDICATOR_NONE},
        {"one high + three moderate", "nnhmmmnnnnnn", DST_INDICATOR_POSSIBLE},
        {"three moderate", "mmmnnnnnnnnn", DST_INDICATOR_NONE},
        {"four moderate", "mmmmnnnnnnnn", DST_INDICATOR_POSSIBLE},
        {"all low", "llllllllllll", DST_INDICATOR_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum dst_indicator got = indicator(cases[i].levels, NULL);
        if (got != cases[i].expect)
            fail_msg("case '%s': got %s", cases[i].name, dst_indicator_name(got));
    }
    int c[DST_LEVELS];
    indicator("nshmmlnnnnnn", c);
    assert_int_equal(c[DST_SEVERE], 1);
    assert_int_equal(c[DST_HIGH], 1);
    assert_int_equal(c[DST_MODERATE], 2);
    assert_int_equal(c[DST_LOW], 1);
    assert_int_equal(c[DST_NO], 7);
    /* A missing domain or a level the domain lacks is an error, not a default. */
    enum dst_level lv[CHC_DST_DOMAINS] = {0};
    int set[CHC_DST_DOMAINS] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};
    struct chc_dst_result r;
    struct domain_error e;
    assert_int_equal(chc_dst_evaluate(lv, set, &r, &e), DOMAIN_EMISSING);
    assert_string_equal(e.field, "domains.other");
    set[11] = 1;
    lv[2] = DST_SEVERE;   /* continence has no severe */
    assert_int_equal(chc_dst_evaluate(lv, set, &r, &e), DOMAIN_EINVAL);
    assert_string_equal(e.field, "domains.continence");
}

static void mdt_composition(void **state)
{
    (void)state;
    static const struct { const char *name; struct dst_member m[3]; size_t n; int valid; } cases[] = {
        {"nurse + OT", {{"registered_nurse", 0}, {"occupational_therapist", 0}}, 2, 1},
        {"nurse + social worker assessor", {{"registered_nurse", 0}, {"social_worker", 1}}, 2, 1},
        {"nurse + social worker (not an assessor)", {{"registered_nurse", 0}, {"social_worker", 0}}, 2, 0},
        {"two nurses", {{"registered_nurse", 0}, {"registered_nurse", 0}}, 2, 0},
        {"one nurse alone", {{"registered_nurse", 1}}, 1, 0},
        {"two social workers", {{"social_worker", 1}, {"social_worker", 1}}, 2, 0},
        {"two nurses + GP", {{"registered_nurse", 0}, {"registered_nurse", 0}, {"gp", 0}}, 3, 1},
        {"nobody", {{NULL, 0}}, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct domain_error e;
        int rc = chc_dst_check_mdt(cases[i].m, cases[i].n, &e);
        if ((rc == 0) != cases[i].valid)
            fail_msg("case '%s'", cases[i].name);
        if (rc != 0)
            assert_string_equal(e.field, "mdt");
    }
}

static void fast_track_rules(void **state)
{
    (void)state;
    struct domain_error e;
    const char *why = "End-stage heart failure, deteriorating quickly";
    assert_int_equal(fast_track_check("registered_nurse", why, "2026-11-20", "2026-11-22", &e), 0);
    assert_int_equal(fast_track_check("doctor", why, "2026-11-22", "2026-11-22", &e), 0);
    assert_int_equal(fast_track_check("gp", why, "2026-11-22", "2026-11-22", &e), 0);
    assert_int_not_equal(fast_track_check("social_worker", why, "2026-11-22", "2026-11-22", &e), 0);
    assert_string_equal(e.field, "profession");
    assert_int_not_equal(fast_track_check("occupational_therapist", why, "2026-11-22", "2026-11-22", &e), 0);
    assert_int_not_equal(fast_track_check("doctor", "   short   ", "2026-11-22", "2026-11-22", &e), 0);
    assert_string_equal(e.field, "reason");
    assert_int_not_equal(fast_track_check("doctor", why, "2026-11-23", "2026-11-22", &e), 0);
    assert_string_equal(e.field, "date");
    assert_int_not_equal(fast_track_check("doctor", why, NULL, "2026-11-22", &e), 0);
    /* Who is offered Fast Track at all (issue #14 item 7): every profession. */
    static const struct { const char *p; int may; } who[] = {
        {"registered_nurse", 1}, {"doctor", 1}, {"gp", 1}, {"social_worker", 0}, {"occupational_therapist", 0},
        {"physiotherapist", 0}, {"care_worker", 0}, {"administrator", 0}, {"commissioner", 0}, {"finance", 0},
        {"trainer", 0}, {"other", 0}, {"", 0}, {NULL, 0},
    };
    for (size_t i = 0; i < sizeof who / sizeof who[0]; i++)
        if (fast_track_may_refer(who[i].p) != who[i].may)
            fail_msg("profession case %zu", i);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_domain_level_pair),
        cmocka_unit_test(indicator_boundaries),
        cmocka_unit_test(mdt_composition),
        cmocka_unit_test(fast_track_rules),
    };
    return cmocka_run_group_tests_name("chc_dst", tests, NULL, NULL);
}
