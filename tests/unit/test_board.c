/* Board reports (issue #14 item 2): small-number suppression boundaries and
 * the coded outcomes of shared care discussions. */
#include "test_helpers.h"
#include "domain/board.h"

static void suppression_boundaries(void **state)
{
    (void)state;
    static const struct { long long count; int suppressed; } cases[] = {
        {0, 0}, {1, 1}, {2, 1}, {4, 1}, {5, 0}, {6, 0}, {1000, 0}, {-1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (board_default_count_suppressed(cases[i].count) != cases[i].suppressed)
            fail_msg("count %lld", cases[i].count);
}

static void outcome_codes_have_words(void **state)
{
    (void)state;
    for (int i = 0; i < shared_care_outcome_count; i++) {
        const char *w = shared_care_outcome_words(shared_care_outcome_codes[i]);
        if (!w || strchr(w, '_'))
            fail_msg("%s", shared_care_outcome_codes[i]);
        assert_true(shared_care_outcome_is_valid(shared_care_outcome_codes[i]));
    }
    assert_false(shared_care_outcome_is_valid("Move to a care home"));
    assert_false(shared_care_outcome_is_valid(""));
    assert_false(shared_care_outcome_is_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(suppression_boundaries),
        cmocka_unit_test(outcome_codes_have_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
