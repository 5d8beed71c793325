/* The Questionnaires Seamless serves (questionnaire.h): read and search. */
#include "fhir/questionnaire.h"
#include "fhir/by_patient.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "domain/care_act.h"
#include "domain/chc_checklist.h"
#include "domain/chc_dst.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define QUESTIONNAIRE_PROFILE "http://hl7.org/fhir/StructureDefinition/Questionnaire"
/* When these definitions last changed (meta.lastUpdated, date). */
#define QUESTIONNAIRE_DATE "2026-12-02"

const char *const fhir_questionnaire_ids[FHIR_QUESTIONNAIRE_COUNT] = {"care-act-adult", "care-act-carer",
                                                                      "chc-checklist", "chc-dst"};

static json_t *item(const char *link, const char *text, const char *type, int required)
{
    json_t *i = json_pack("{s:s, s:s, s:s}", "linkId", link, "text", text, "type", type);
    if (required)
        json_object_set_new(i, "required", json_true());
    return i;
}

static json_t *coding(const char *base, const char *cs, const char *code, const char *display)
{
    return json_pack("{s:{s:s++, s:s, s:s}}", "valueCoding", "system", base, "/CodeSystem/", cs, "code", code,
                     "display", display);
}

static json_t *choice(const char *link, const char *text, int required, int repeats)
{
    json_t *i = item(link, text, "choice", required);
    json_object_set_new(i, "answerOption", json_array());
    if (repeats)
        json_object_set_new(i, "repeats", json_true());
    return i;
}

static void option(json_t *choice_item, json_t *opt)
{
    json_array_append_new(json_object_get(choice_item, "answerOption"), opt);
}

static json_t *group(const char *link, const char *text)
{
    json_t *g = item(link, text, "group", 0);
    json_object_set_new(g, "item", json_array());
    return g;
}

static void add(json_t *parent, json_t *child)
{
    json_array_append_new(json_object_get(parent, "item"), child);
}

static json_t *setting(const char *base)
{
    static const char *const s[][2] = {{"acute", "Acute hospital"}, {"community", "Community hospital"},
                                       {"care_home", "Care home"}, {"home", "The person's home"}};
    json_t *c = choice("setting", "Where the person was when assessed", 1, 0);
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        option(c, coding(base, "care-setting", s[i][0], s[i][1]));
    return c;
}

static json_t *read_only(json_t *i)
{
    json_object_set_new(i, "readOnly", json_true());
    return i;
}

/* Answered on completing (status completed): the assessor's confirmation
 * of the determination the rule computes; eligible and reasons are the
 * server's (read-only). The presented record's determination object. */
static json_t *determination(void)
{
    json_t *g = group("determination", "The determination: computed from the answers (SI 2015/313) when the "
                                       "assessor completes the assessment; the assessor agrees or disagrees, and "
                                       "both are kept");
    json_object_set_new(g, "required", json_true());
    add(g, item("determination.assessor_agrees", "Does the assessor agree with the computed determination?",
                "boolean", 1));
    add(g, item("determination.assessor_reason", "Why the assessor disagrees (required when they do)", "text", 0));
    add(g, read_only(item("determination.eligible", "Eligible needs (as confirmed by the assessor)", "boolean", 0)));
    add(g, read_only(item("determination.reasons", "The rule's reasons", "text", 0)));
    return g;
}

static json_t *care_act(json_t *q, const char *base, int carer)
{
    if (carer) {
        add(q, item("needs_arise_from_caring", "Do the needs arise from providing necessary care?", "boolean", 1));
        add(q, item("health_deteriorating_or_at_risk",
                    "Is the carer's physical or mental health deteriorating, or at risk of doing so?", "boolean", 1));
    } else {
        add(q, item("impairment_or_illness",
                    "Do the needs arise from or relate to a physical or mental impairment or illness?", "boolean", 1));
    }
    const struct care_act_item *out = carer ? care_act_carer_outcomes : care_act_adult_outcomes;
    int n = carer ? CARE_ACT_CARER_OUTCOMES : CARE_ACT_ADULT_OUTCOMES;
    json_t *g = group("outcomes", carer ? "The outcomes (reg 3): why is the carer unable to achieve each? "
                                          "No answer: they can achieve it"
                                        : "The outcomes (reg 2): why is the adult unable to achieve each? "
                                          "No answer: they can achieve it");
    for (int i = 0; i < n; i++) {
        char link[80];
        snprintf(link, sizeof link, "outcomes.%s", out[i].key);
        json_t *c = choice(link, out[i].label, 0, 1);
        for (int k = 0; k < 4; k++)
            if (!(carer && care_act_grounds[k].key && strcmp(care_act_grounds[k].key, "significantly_longer") == 0))
                option(c, coding(base, "care-act-ground", care_act_grounds[k].key, care_act_grounds[k].label));
        add(g, c);
    }
    add(q, g);
    add(q, item("significant_impact", "Is there, or is there likely to be, a significant impact on well-being?",
                "boolean", 1));
    json_t *w = choice("wellbeing", "The areas of well-being affected (s.1(2))", 0, 1);
    for (int k = 0; k < CARE_ACT_WELLBEING_AREAS; k++)
        option(w, coding(base, "care-act-wellbeing", care_act_wellbeing_areas[k].key,
                         care_act_wellbeing_areas[k].label));
    add(q, w);
    add(q, item("person_views", "The person's views, wishes and feelings", "text", 1));   /* s.9(5), s.10(7) */
    add(q, item("notes", "Notes", "text", 0));
    add(q, determination());
    return q;
}

static json_t *checklist(json_t *q, const char *base)
{
    add(q, item("completed_on", "Completed on", "date", 1));
    add(q, setting(base));
    json_t *g = group("domains", "The care domains: A (highest need), B or C; * an A here alone makes the "
                                 "Checklist positive");
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++) {
        char link[80], text[120];
        snprintf(link, sizeof link, "domains.%s", chc_checklist_domains[i].key);
        snprintf(text, sizeof text, "%s%s", chc_checklist_domains[i].label,
                 chc_checklist_domains[i].asterisk ? " *" : "");
        json_t *c = choice(link, text, 1, 0);
        option(c, coding(base, "chc-checklist-level", "A", "A"));
        option(c, coding(base, "chc-checklist-level", "B", "B"));
        option(c, coding(base, "chc-checklist-level", "C", "C"));
        add(g, c);
    }
    add(q, g);
    add(q, item("send_to_icb", "Send a positive Checklist to the ICB now", "boolean", 0));
    return q;
}

static json_t *dst(json_t *q, const char *base)
{
    static const char *const level_words[DST_LEVELS] = {"No needs", "Low", "Moderate", "High", "Severe", "Priority"};
    add(q, item("completed_on", "Completed on", "date", 1));
    add(q, setting(base));
    json_t *g = group("domains", "The care domains, each at one of the levels it has");
    for (int i = 0; i < CHC_DST_DOMAINS; i++) {
        char link[80];
        snprintf(link, sizeof link, "domains.%s", chc_dst_domains[i].key);
        json_t *c = choice(link, chc_dst_domains[i].label, 1, 0);
        for (int l = 0; l < DST_LEVELS; l++)
            if ((l != DST_SEVERE || chc_dst_domains[i].has_severe) &&
                (l != DST_PRIORITY || chc_dst_domains[i].has_priority))
                option(c, coding(base, "chc-dst-level", dst_level_names[l], level_words[l]));
        add(g, c);
    }
    add(q, g);
    json_t *mdt = group("mdt", "The multidisciplinary team: two professionals of different health professions, "
                               "or one and a Care Act assessor");
    json_object_set_new(mdt, "repeats", json_true());
    add(mdt, item("mdt.user_id", "A member's user id (or their name)", "string", 0));
    add(mdt, item("mdt.name", "The member's name", "string", 0));
    add(mdt, item("mdt.profession", "The member's profession", "string", 0));
    add(mdt, item("mdt.care_act_assessor", "A Care Act assessor", "boolean", 0));
    add(q, mdt);
    add(q, item("person_views", "The person's views", "text", 0));
    add(q, item("recommendation", "The MDT's recommendation", "text", 0));
    return q;
}

json_t *fhir_questionnaire(const char *id, const char *base)
{
    static const char *const titles[FHIR_QUESTIONNAIRE_COUNT] = {
        "Care Act 2014 needs assessment (adult)", "Care Act 2014 carer's assessment",
        "NHS Continuing Healthcare Checklist", "NHS Continuing Healthcare Decision Support Tool"};
    static const char *const names[FHIR_QUESTIONNAIRE_COUNT] = {"CareActAdult", "CareActCarer", "CHCChecklist",
                                                                "CHCDecisionSupportTool"};
    int k = -1;
    for (int i = 0; id && i < FHIR_QUESTIONNAIRE_COUNT; i++)
        if (strcmp(id, fhir_questionnaire_ids[i]) == 0)
            k = i;
    if (k < 0)
        return NULL;
    json_t *q = json_pack("{s:s, s:s, s:{s:s, s:s, s:[s]}, s:s+++, s:s, s:s, s:s, s:s, s:s, s:[s], s:s, s:[]}",
                          "resourceType", "Questionnaire", "id", id, "meta", "versionId", "1", "lastUpdated",
                          QUESTIONNAIRE_DATE "T00:00:00Z", "profile", QUESTIONNAIRE_PROFILE, "url", base,
                          "/Questionnaire/", "", id, "version", "1", "name", names[k], "title", titles[k], "status",
                          "active", "date", QUESTIONNAIRE_DATE, "subjectType", "Patient", "publisher", "Seamless",
                          "item");
    if (k <= 1)
        return care_act(q, base, k == 1);
    return k == 2 ? checklist(q, base) : dst(q, base);
}

void fhir_questionnaire_read(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *q = fhir_questionnaire(req->params[0], fhir_base(req));
    if (!q) {
        fhir_outcome(res, 404, "not-found", "No such questionnaire.", NULL);
        return;
    }
    fhir_send(req, res, 200, q, NULL);
}

static const struct fhir_param_spec PARAMS[] = {{"url", FHIR_STRING}, {"name", FHIR_STRING}, {NULL, 0}};
static const struct fhir_search_spec SPEC = {"Questionnaire", PARAMS, NULL};

void fhir_questionnaire_search(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    struct fhir_search s;
    if (fhir_query_parse(req, res, &SPEC, &s) < 0)
        return;
    const struct fhir_term *url = fhir_search_term(&s, "url"), *name = fhir_search_term(&s, "name");
    struct fhir_pager pg;
    fhir_pager_init(&pg, req, "Questionnaire", &s);
    for (int i = 0; i < FHIR_QUESTIONNAIRE_COUNT; i++) {
        json_t *q = fhir_questionnaire(fhir_questionnaire_ids[i], fhir_base(req));
        const char *u = json_string_value(json_object_get(q, "url"));
        const char *n = json_string_value(json_object_get(q, "name"));
        if ((url && strcmp(u, url->value) != 0) ||
            (name && (name->exact ? strcmp(n, name->value) : strncasecmp(n, name->value, strlen(name->value))) != 0))
            json_decref(q);
        else
            fhir_pager_offer(&pg, q);
    }
    fhir_send(req, res, 200, fhir_pager_bundle(&pg), NULL);
}
