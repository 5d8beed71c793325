/* The access decision (domain.md §2) as a full truth table, and UK
 * postcode validation and normalisation. */
#include "test_helpers.h"
#include "domain/access.h"
#include "domain/postcode.h"

struct access_case {
    const char *name;
    struct access_facts f;
    enum access_decision expect;
};

static void access_truth_table(void **state)
{
    (void)state;
    static const struct access_case cases[] = {
        {"no such person", {0, 1, 1, 0, 1}, ACCESS_NOT_FOUND},
        {"caseload relationship", {1, 1, 0, 0, 0}, ACCESS_RELATIONSHIP},
        {"no relationship", {1, 0, 0, 0, 0}, ACCESS_DENIED_NO_RELATIONSHIP},
        {"no relationship, org holds data", {1, 0, 0, 0, 1}, ACCESS_DENIED_NO_RELATIONSHIP},
        {"objection, org holds data", {1, 1, 0, 1, 1}, ACCESS_RELATIONSHIP},
        {"objection, other org", {1, 1, 0, 1, 0}, ACCESS_DENIED_OBJECTION},
        {"break-glass without relationship", {1, 0, 1, 0, 0}, ACCESS_BREAK_GLASS},
        {"break-glass over objection", {1, 0, 1, 1, 0}, ACCESS_BREAK_GLASS},
        /* A relationship counts even with a grant beside it (an export takes
         * only relationships); the grant still opens what an objection shuts. */
        {"relationship and break-glass", {1, 1, 1, 0, 0}, ACCESS_RELATIONSHIP},
        {"relationship and break-glass, org holds data", {1, 1, 1, 0, 1}, ACCESS_RELATIONSHIP},
        {"relationship and break-glass, objection, org holds data", {1, 1, 1, 1, 1}, ACCESS_RELATIONSHIP},
        {"relationship and break-glass, objection, other org", {1, 1, 1, 1, 0}, ACCESS_BREAK_GLASS},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum access_decision d = access_decide(&cases[i].f);
        if (d != cases[i].expect)
            fail_msg("case '%s': got %d", cases[i].name, d);
        int allowed = d == ACCESS_RELATIONSHIP || d == ACCESS_BREAK_GLASS;
        assert_int_equal(access_allowed(d), allowed);
        if (allowed)
            assert_non_null(access_basis(d));
        else
            assert_null(access_basis(d));
    }
    assert_string_equal(access_basis(ACCESS_BREAK_GLASS), "break_glass");
    assert_string_equal(access_basis(ACCESS_RELATIONSHIP), "relationship");
}

/* Issue #14 item 1: who gains a relationship by attending a meeting. */
static void attendance_table(void **state)
{
    (void)state;
    static const struct { const char *role, *org_type; int grants; } cases[] = {
        {"practitioner", "council", 1}, {"practitioner", "icb", 1}, {"practitioner", "acute_trust", 1},
        {"practitioner", "community_trust", 1}, {"practitioner", "gp_practice", 1},
        {"team_manager", "council", 1}, {"team_manager", "community_trust", 1},
        {"finance", "council", 0}, {"privacy_officer", "council", 0}, {"panel_member", "icb", 0},
        {"board_viewer", "icb", 0}, {"org_admin", "council", 0},
        {"practitioner", "provider", 0}, {"practitioner", "voluntary", 0}, {"team_manager", "provider", 0},
        {"practitioner", NULL, 0}, {NULL, "council", 0}, {"", "council", 0}, {"practitioner", "", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (access_attendance_grants(cases[i].role, cases[i].org_type) != cases[i].grants)
            fail_msg("case %zu (%s, %s)", i, cases[i].role ? cases[i].role : "NULL",
                     cases[i].org_type ? cases[i].org_type : "NULL");
}

struct pc_case {
    const char *in, *out;   /* out NULL: rejected */
};

static void postcode_table(void **state)
{
    (void)state;
    static const struct pc_case cases[] = {
        {"LE1 7RH", "LE1 7RH"}, {"le17rh", "LE1 7RH"}, {" le1  7rh ", "LE1 7RH"},
        {"M1 1AE", "M1 1AE"},          /* A9 */
        {"B33 8TH", "B33 8TH"},        /* A99 */
        {"CR2 6XH", "CR2 6XH"},        /* AA9 */
        {"DN55 1PT", "DN55 1PT"},      /* AA99 */
        {"W1A 1HQ", "W1A 1HQ"},        /* A9A */
        {"EC1A 1BB", "EC1A 1BB"},      /* AA9A */
        {"GIR 0AA", "GIR 0AA"},
        {"LE1", NULL}, {"LE1 7R", NULL}, {"LE1 RRH", NULL}, {"1E1 7RH", NULL}, {"LE1 7RH9", NULL},
        {"LEE1 7RH", NULL}, {"LE1-7RH", NULL}, {"", NULL}, {"ABCDEFGH", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[POSTCODE_MAX];
        struct domain_error e = {{0}, {0}};
        int rc = postcode_normalise(cases[i].in, "postcode", out, &e);
        if (cases[i].out) {
            if (rc != 0)
                fail_msg("'%s' rejected: %s", cases[i].in, e.message);
            assert_string_equal(out, cases[i].out);
        } else {
            if (rc == 0)
                fail_msg("'%s' accepted as %s", cases[i].in, out);
            assert_string_equal(e.field, "postcode");
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(access_truth_table),
        cmocka_unit_test(attendance_table),
        cmocka_unit_test(postcode_table),
    };
    return cmocka_run_group_tests_name("access_postcode", tests, NULL, NULL);
}
