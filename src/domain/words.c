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
        {"integration", "Hospital system (integration)"},
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

/* One dictionary for codes shown on pages; the professions and roles above
 * are looked up first. Keep sorted by code within each group for reading. */
const char *words_code(const char *code)
{
    static const struct word w[] = {
        /* organisation types */
        {"acute_trust", "Acute hospital trust"}, {"community_trust", "Community health trust"},
        {"gp_practice", "GP practice"},
        /* referral routes, sources and statuses */
        {"crisis_response", "Crisis response"}, {"front_door", "Front door"},
        {"social_care_assessment", "Social care assessment"}, {"fast_track", "Fast Track"},
        {"information_advice", "Information and advice"},
        /* CHC */
        {"awaiting_assessment", "Awaiting full assessment"}, {"not_eligible", "Not eligible"},
        {"joint_package", "Joint package"}, {"council_only", "Council only"}, {"care_home", "Care home"},
        {"care_home_with_nursing", "Care home with nursing"}, {"care_home_without_nursing", "Care home without nursing"},
        {"own_home", "Their own home"}, {"no_change", "No change"}, {"plan_changed", "Plan changed"},
        {"eligibility_reassessment", "Eligibility reassessment"}, {"local_resolution", "Local resolution"},
        {"independent_review", "Independent review"}, {"not_upheld", "Not upheld"}, {"at_risk", "At risk"},
        {"on_time", "On time"}, {"due_soon", "Due soon"}, {"no_data", "No data"}, {"not_met", "Not met"},
        {"drug_therapies", "Drug therapies and medication"}, {"altered_states", "Altered states of consciousness"},
        /* care plans, tasks and competencies */
        {"social_care", "Social care"}, {"registered_nurse_care", "Registered nurse care"},
        {"personal_care", "Personal care"}, {"meal_preparation", "Meal preparation"},
        {"medication_prompt", "Medication prompt"}, {"medication_administration", "Medication administration"},
        {"stoma_care", "Stoma care"}, {"catheter_care", "Catheter care"}, {"peg_feeding", "PEG feeding"},
        {"insulin_administration", "Insulin administration"}, {"pressure_area_care", "Pressure area care"},
        {"wound_dressing", "Wound dressing"}, {"wound_care", "Wound care"}, {"basis_points", "Basis points"},
        /* personal budgets and direct payments */
        {"direct_payment", "Direct payment"}, {"third_party", "Third-party budget"},
        {"authorised_person", "Authorised person"}, {"has_capacity", "Has capacity"},
        {"lacks_capacity", "Lacks capacity"}, {"best_interests", "Best interests"}, {"not_needed", "Not needed"},
        /* pooled funds */
        {"contribution_ratio", "By contribution ratio"}, {"fixed_percentage", "Fixed percentages"},
        /* access and audit */
        {"break_glass", "Break-glass"}, {"self_claim", "Self-claimed relationship"},
        /* shared care outcomes */
        {"support_at_home_increased", "More support at home"},
        {"moved_to_residential_care", "Move to a residential care home"},
        {"moved_to_nursing_care", "Move to a care home with nursing"},
        {"chc_assessment", "NHS Continuing Healthcare assessment"},
        {"joint_funding_request", "Joint funding request"}, {"inter_agency_dispute", "Inter-agency dispute"},
        /* Care Act */
        {"without_assistance", "Unable without assistance"}, {"pain_distress_anxiety", "Significant pain, distress or anxiety"},
        {"significantly_longer", "Takes significantly longer"}, {"home_safety", "Using the home safely"},
        {"habitable_home", "A habitable home"}, {"work_education", "Work, training, education or volunteering"},
        {"caring_child", "Caring for a child"}, {"caring_others", "Caring for others"},
        {"social_economic", "Social and economic wellbeing"},
        /* dispute stages */
        {"case_leads", "Case leads"}, {"senior_officers", "Senior officers"},
    };
    const char *x = words_profession(code);
    if (!x)
        x = words_role(code);
    return x ? x : LOOK(w, code);
}
