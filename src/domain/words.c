#include "domain/words.h"
#include <stddef.h>
#include <string.h>

struct word { const char *code, *words; };

static const char *look(const struct word *w, size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(w[i].code, code) == 0)
            return w[i].words;
    return NULL;
}
#define LOOK(table, code) look(table, sizeof table / sizeof table[0], code)

const char *words_profession(const char *code)
{
    static const struct word w[] = {
        {"registered_nurse", "Registered nurse"}, {"social_worker", "Social worker"},
        {"occupational_therapist", "Occupational therapist"}, {"physiotherapist", "Physiotherapist"},
        {"gp", "GP"}, {"doctor", "Doctor"}, {"care_worker", "Care worker"}, {"administrator", "Administrator"},
        {"commissioner", "Commissioner"}, {"finance", "Finance"}, {"trainer", "Trainer"}, {"other", "Other"},
    };
    return LOOK(w, code);
}

const char *words_role(const char *code)
{
    static const struct word w[] = {
        {"practitioner", "Practitioner"}, {"team_manager", "Team manager"}, {"org_admin", "Organisation administrator"},
        {"privacy_officer", "Privacy officer"}, {"finance", "Finance"}, {"panel_member", "Panel member"},
        {"board_viewer", "Board member"},
    };
    return LOOK(w, code);
}

/* NHS Data Dictionary, "NHS Number Status Indicator Code". */
const char *words_nhs_number_status(const char *code)
{
    static const struct word w[] = {
        {"01", "Present and verified"}, {"02", "Present but not traced"}, {"03", "Trace required"},
        {"04", "Trace attempted – no match or multiple match found"}, {"05", "Trace needs to be resolved"},
        {"06", "Trace in progress"}, {"07", "Number not present and trace not required"}, {"08", "Trace postponed"},
    };
    return LOOK(w, code);
}
