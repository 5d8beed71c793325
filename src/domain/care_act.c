#include "domain/care_act.h"
#include <stdio.h>
#include <string.h>

const struct care_act_item care_act_adult_outcomes[CARE_ACT_ADULT_OUTCOMES] = {
    {"nutrition", "Managing and maintaining nutrition"},
    {"hygiene", "Maintaining personal hygiene"},
    {"toilet", "Managing toilet needs"},
    {"clothing", "Being appropriately clothed"},
    {"home_safety", "Being able to make use of the home safely"},
    {"habitable_home", "Maintaining a habitable home environment"},
    {"relationships", "Developing and maintaining family or other personal relationships"},
    {"work_education", "Accessing and engaging in work, training, education or volunteering"},
    {"community", "Making use of necessary facilities or services in the local community"},
    {"caring_child", "Carrying out any caring responsibilities for a child"},
};

const struct care_act_item care_act_carer_outcomes[CARE_ACT_CARER_OUTCOMES] = {
    {"caring_child", "Carrying out any caring responsibilities for a child"},
    {"caring_others", "Providing care to other persons"},
    {"habitable_home", "Maintaining a habitable home environment"},
    {"nutrition", "Managing and maintaining nutrition"},
    {"relationships", "Developing and maintaining family or other personal relationships"},
    {"work_education", "Engaging in work, training, education or volunteering"},
    {"community", "Making use of necessary facilities or services in the local community"},
    {"recreation", "Engaging in recreational activities"},
};

const struct care_act_item care_act_wellbeing_areas[CARE_ACT_WELLBEING_AREAS] = {
    {"dignity", "Personal dignity"},
    {"health", "Physical and mental health and emotional well-being"},
    {"protection", "Protection from abuse and neglect"},
    {"control", "Control over day-to-day life"},
    {"participation", "Participation in work, education, training or recreation"},
    {"social_economic", "Social and economic well-being"},
    {"relationships", "Domestic, family and personal relationships"},
    {"accommodation", "Suitability of living accommodation"},
    {"contribution", "Contribution to society"},
};

const struct care_act_item care_act_grounds[4] = {
    {"without_assistance", "Unable without assistance"},
    {"pain_distress_anxiety", "Able, but it causes significant pain, distress or anxiety"},
    {"endangers", "Able, but it endangers their or others' health or safety"},
    {"significantly_longer", "Able, but it takes significantly longer than normally expected"},
};

int care_act_parse_ground(const char *key, int carer, const char *field, int *flag, struct domain_error *err)
{
    for (int i = 0; key && i < 4; i++)
        if (strcmp(key, care_act_grounds[i].key) == 0) {
            if (carer && i == 3)
                return domain_fail(err, DOMAIN_EINVAL, field,
                                   "'significantly_longer' is not a ground for carers (reg 3(3))");
            *flag = 1 << i;
            return DOMAIN_OK;
        }
    return domain_fail(err, DOMAIN_EINVAL, field, "must be one of without_assistance, pain_distress_anxiety, "
                       "endangers%s", carer ? "" : ", significantly_longer");
}

static int index_of(const struct care_act_item *t, int n, const char *key)
{
    for (int i = 0; key && i < n; i++)
        if (strcmp(t[i].key, key) == 0)
            return i;
    return -1;
}

int care_act_outcome_index(const char *key, int carer)
{
    return carer ? index_of(care_act_carer_outcomes, CARE_ACT_CARER_OUTCOMES, key)
                 : index_of(care_act_adult_outcomes, CARE_ACT_ADULT_OUTCOMES, key);
}

int care_act_wellbeing_index(const char *key)
{
    return index_of(care_act_wellbeing_areas, CARE_ACT_WELLBEING_AREAS, key);
}

static int any_area(const int w[CARE_ACT_WELLBEING_AREAS])
{
    for (int i = 0; i < CARE_ACT_WELLBEING_AREAS; i++)
        if (w[i])
            return 1;
    return 0;
}

int care_act_adult_eligibility(const struct care_act_adult *in, struct care_act_result *out, struct domain_error *err)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < CARE_ACT_ADULT_OUTCOMES; i++) {
        if (in->grounds[i] & ~0xF) {
            char field[48];
            snprintf(field, sizeof field, "outcomes.%s", care_act_adult_outcomes[i].key);
            return domain_fail(err, DOMAIN_EINVAL, field, "has an unknown ground");
        }
        out->outcomes_unable += in->grounds[i] != 0;
    }
    if (in->significant_impact && !any_area(in->wellbeing))
        return domain_fail(err, DOMAIN_EMISSING, "wellbeing", "name the well-being areas significantly affected");
    if (!in->impairment_or_illness)
        out->condition_failed = 1;
    else if (out->outcomes_unable < 2)
        out->condition_failed = 2;
    else if (!in->significant_impact)
        out->condition_failed = 3;
    out->eligible = out->condition_failed == 0;
    return DOMAIN_OK;
}

int care_act_carer_eligibility(const struct care_act_carer *in, struct care_act_result *out, struct domain_error *err)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < CARE_ACT_CARER_OUTCOMES; i++) {
        if (in->grounds[i] & (GROUND_SIGNIFICANTLY_LONGER | ~0xF)) {
            char field[48];
            snprintf(field, sizeof field, "outcomes.%s", care_act_carer_outcomes[i].key);
            return domain_fail(err, DOMAIN_EINVAL, field,
                               "'significantly_longer' is not a ground for carers (reg 3(3))");
        }
        out->outcomes_unable += in->grounds[i] != 0;
    }
    if (in->significant_impact && !any_area(in->wellbeing))
        return domain_fail(err, DOMAIN_EMISSING, "wellbeing", "name the well-being areas significantly affected");
    out->health_at_risk = in->health_deteriorating_or_at_risk != 0;
    if (!in->needs_arise_from_caring)
        out->condition_failed = 1;
    else if (!in->health_deteriorating_or_at_risk && out->outcomes_unable < 1)
        out->condition_failed = 2;
    else if (!in->significant_impact)
        out->condition_failed = 3;
    out->eligible = out->condition_failed == 0;
    return DOMAIN_OK;
}

void care_act_explain(const struct care_act_result *r, int carer, char *out, size_t n)
{
    static const char *const adult[] = {
        "", "the needs do not arise from a physical or mental impairment or illness (reg 2(1)(a))",
        "the adult can achieve all but at most one of the specified outcomes (reg 2(1)(b) needs two or more)",
        "there is no significant impact on well-being (reg 2(1)(c))"};
    static const char *const carer_r[] = {
        "", "the needs do not arise from providing necessary care (reg 3(1)(a))",
        "the carer's health is not deteriorating or at risk and they can achieve every specified outcome (reg 3(1)(b))",
        "there is no significant impact on the carer's well-being (reg 3(1)(c))"};
    /* A carer may be eligible on health alone (reg 3(2)(a)) with every
     * outcome achieved: say so rather than "unable to achieve 0 outcomes". */
    if (r->eligible && carer && r->health_at_risk && r->outcomes_unable == 0)
        snprintf(out, n, "Eligible: needs arise from caring, the carer's physical or mental health is deteriorating"
                 " or at risk, significant impact on well-being");
    else if (r->eligible && carer && r->health_at_risk)
        snprintf(out, n, "Eligible: needs arise from caring, the carer's physical or mental health is deteriorating"
                 " or at risk and they are unable to achieve %d outcome%s, significant impact on well-being",
                 r->outcomes_unable, r->outcomes_unable == 1 ? "" : "s");
    else if (r->eligible)
        snprintf(out, n, "Eligible: %s, unable to achieve %d outcome%s, significant impact on well-being",
                 carer ? "needs arise from caring" : "needs arise from an impairment or illness",
                 r->outcomes_unable, r->outcomes_unable == 1 ? "" : "s");
    else
        snprintf(out, n, "Not eligible: %s", (carer ? carer_r : adult)[r->condition_failed]);
}
