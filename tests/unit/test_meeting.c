/* MDT meeting outcomes only on or after the meeting's date (issue #14 item 8). */
#include "test_helpers.h"
#include "domain/meeting.h"

static void outcomes_from_the_meeting_day(void **state)
{
    (void)state;
    static const struct { struct date held, today; int ok; } cases[] = {
        {{2026, 12, 9}, {2026, 12, 2}, 0},    /* a week before */
        {{2026, 12, 9}, {2026, 12, 8}, 0},    /* the day before */
        {{2026, 12, 9}, {2026, 12, 9}, 1},    /* the day itself */
        {{2026, 12, 9}, {2026, 12, 10}, 1},
        {{2026, 12, 31}, {2027, 1, 1}, 1},    /* across a year end */
        {{2027, 1, 1}, {2026, 12, 31}, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct domain_error err = {"", ""};
        int rc = meeting_outcome_check(cases[i].held, cases[i].today, "text", &err);
        if ((rc == 0) != cases[i].ok)
            fail_msg("case %zu", i);
        if (rc != 0)
            assert_string_equal(err.field, "text");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(outcomes_from_the_meeting_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
