/* Unit tests for domain/chc_challenge: the 6-month request windows at their
 * boundary (month ends, leap years), late requests accepted with a reason,
 * escalation to independent review only after local resolution not
 * upheld, and the local resolution target. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/chc_challenge.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define D(y, m, d) ((struct date){(y), (m), (d)})

static void request_windows(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        enum chc_challenge_stage stage;
        struct date letter, requested;
        int late_accepted;
        const char *reason;
        const char *error_field;   /* NULL: accepted */
        int late;
        struct date deadline;
    } cases[] = {
        {"local, the letter day", CHC_STAGE_LOCAL_RESOLUTION, {2026, 5, 1}, {2026, 5, 1}, 0, NULL, NULL, 0, {2026, 11, 1}},
        {"local, last day of 6 months", CHC_STAGE_LOCAL_RESOLUTION, {2026, 5, 1}, {2026, 11, 1}, 0, NULL, NULL, 0, {2026, 11, 1}},
        {"local, a day late", CHC_STAGE_LOCAL_RESOLUTION, {2026, 5, 1}, {2026, 11, 2}, 0, NULL, "requested_on", 0, {2026, 11, 1}},
        {"local, a day late accepted", CHC_STAGE_LOCAL_RESOLUTION, {2026, 5, 1}, {2026, 11, 2}, 1,
         "Family were abroad caring for a relative", NULL, 1, {2026, 11, 1}},
        {"late accepted without a reason", CHC_STAGE_LOCAL_RESOLUTION, {2026, 5, 1}, {2026, 11, 2}, 1, "late", "late_reason", 0, {2026, 11, 1}},
        {"letter 31 Aug: deadline 28 Feb", CHC_STAGE_LOCAL_RESOLUTION, {2026, 8, 31}, {2027, 2, 28}, 0, NULL, NULL, 0, {2027, 2, 28}},
        {"letter 31 Aug: 1 Mar is late", CHC_STAGE_LOCAL_RESOLUTION, {2026, 8, 31}, {2027, 3, 1}, 0, NULL, "requested_on", 0, {2027, 2, 28}},
        {"letter 31 Aug 2027: deadline 29 Feb 2028", CHC_STAGE_INDEPENDENT_REVIEW, {2027, 8, 31}, {2028, 2, 29}, 0, NULL, NULL, 0, {2028, 2, 29}},
        {"before the letter", CHC_STAGE_INDEPENDENT_REVIEW, {2026, 5, 1}, {2026, 4, 30}, 0, NULL, "requested_on", 0, {2026, 11, 1}},
        {"in the future", CHC_STAGE_LOCAL_RESOLUTION, {2026, 5, 1}, {2028, 6, 1}, 1, "Accepted by the ICB", "requested_on", 0, {2026, 11, 1}},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct chc_challenge_request r = {cases[i].stage, cases[i].letter, cases[i].requested, D(2028, 3, 1),
                                          cases[i].late_accepted, cases[i].reason};
        struct chc_challenge_check out;
        struct domain_error err = {{0}, {0}};
        int rc = chc_challenge_check_request(&r, &out, &err);
        if (cases[i].error_field) {
            if (rc == 0 || strcmp(err.field, cases[i].error_field) != 0)
                fail_msg("%s: rc %d field %s", cases[i].name, rc, err.field);
        } else if (rc != 0 || out.late != cases[i].late) {
            fail_msg("%s: rc %d late %d %s", cases[i].name, rc, out.late, err.message);
        }
        if (date_compare(out.deadline, cases[i].deadline) != 0)
            fail_msg("%s: deadline %04d-%02d-%02d", cases[i].name, out.deadline.year, out.deadline.month,
                     out.deadline.day);
    }
}

static void independent_review_follows_local_resolution(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int has_local, concluded;
        enum chc_challenge_outcome outcome;
        int ok;
    } cases[] = {
        {"no local resolution", 0, 0, CHC_CHALLENGE_NOT_UPHELD, 0},
        {"local resolution still open", 1, 0, CHC_CHALLENGE_NOT_UPHELD, 0},
        {"local resolution upheld", 1, 1, CHC_CHALLENGE_UPHELD, 0},
        {"local resolution withdrawn", 1, 1, CHC_CHALLENGE_WITHDRAWN, 0},
        {"local resolution not upheld", 1, 1, CHC_CHALLENGE_NOT_UPHELD, 1},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error err = {{0}, {0}};
        int rc = chc_challenge_may_escalate(cases[i].has_local, cases[i].concluded, cases[i].outcome, &err);
        if ((rc == 0) != cases[i].ok)
            fail_msg("%s: rc %d", cases[i].name, rc);
        if (!cases[i].ok)
            assert_string_equal(err.field, "stage");
    }
}

static void local_resolution_target(void **state)
{
    (void)state;
    struct date t = chc_local_resolution_target(D(2026, 11, 30));
    assert_int_equal(date_compare(t, D(2027, 2, 28)), 0);
    assert_false(chc_local_resolution_overdue(D(2026, 11, 30), D(2027, 2, 28)));
    assert_true(chc_local_resolution_overdue(D(2026, 11, 30), D(2027, 3, 1)));
}

static void vocabularies(void **state)
{
    (void)state;
    enum chc_challenge_stage s;
    enum chc_challenge_outcome o;
    struct domain_error err;
    assert_int_equal(chc_challenge_stage_parse("independent_review", "stage", &s, &err), 0);
    assert_int_equal(s, CHC_STAGE_INDEPENDENT_REVIEW);
    assert_int_equal(chc_challenge_stage_parse("ombudsman", "stage", &s, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "stage");
    assert_int_equal(chc_challenge_stage_parse(NULL, "stage", &s, &err), DOMAIN_EMISSING);
    assert_int_equal(chc_challenge_outcome_parse("not_upheld", "outcome", &o, &err), 0);
    assert_int_equal(o, CHC_CHALLENGE_NOT_UPHELD);
    assert_int_equal(chc_challenge_outcome_parse("partly", "outcome", &o, &err), DOMAIN_EINVAL);
    assert_string_equal(chc_challenge_stage_name(CHC_STAGE_LOCAL_RESOLUTION), "local_resolution");
    assert_string_equal(chc_challenge_outcome_name(CHC_CHALLENGE_WITHDRAWN), "withdrawn");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(request_windows),
        cmocka_unit_test(independent_review_follows_local_resolution),
        cmocka_unit_test(local_resolution_target),
        cmocka_unit_test(vocabularies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
