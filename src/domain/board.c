#include "domain/board.h"
#include <stddef.h>
#include <string.h>

int board_default_count_suppressed(long long count)
{
    return count >= 1 && count < BOARD_SUPPRESS_BELOW;
}

static const char *const WORDS[][2] = {
    {"support_at_home_increased", "More support at home"},
    {"moved_to_residential_care", "Move to a residential care home"},
    {"moved_to_nursing_care", "Move to a care home with nursing"},
    {"chc_assessment", "Referred for NHS Continuing Healthcare assessment"},
    {"joint_funding_request", "Joint funding request to the panel"},
    {"inter_agency_dispute", "Inter-agency dispute raised"},
    {"no_change", "No change to the plan"},
    {"other", "Other outcome"},
};
#define N (sizeof WORDS / sizeof WORDS[0])

const char *const shared_care_outcome_codes[] = {
    "support_at_home_increased", "moved_to_residential_care", "moved_to_nursing_care", "chc_assessment",
    "joint_funding_request", "inter_agency_dispute", "no_change", "other",
};
const int shared_care_outcome_count = (int)N;

const char *shared_care_outcome_words(const char *code)
{
    for (size_t i = 0; code && i < N; i++)
        if (strcmp(code, WORDS[i][0]) == 0)
            return WORDS[i][1];
    return NULL;
}

int shared_care_outcome_is_valid(const char *code)
{
    return shared_care_outcome_words(code) != NULL;
}
