/* fhir/questionnaire: the forms Seamless serves as Questionnaires (base R4:
 * UK Core has no Questionnaire profile), built from the domain rules'
 * own tables so the form and the rule cannot drift apart:
 *   care-act-adult   Care Act 2014 needs assessment of an adult (reg 2:
 *                    the ten outcomes and the grounds for "unable to
 *                    achieve", impairment or illness, significant impact,
 *                    the nine well-being areas) — domain/care_act.h
 *   care-act-carer   the carer's assessment (reg 3: the eight outcomes);
 *                    both end with the determination group: the
 *                    assessor's confirmation (determination.assessor_agrees,
 *                    .assessor_reason — answered on completing) and the
 *                    rule's result (determination.eligible, .reasons —
 *                    readOnly: the server's, never taken from a client)
 *   chc-checklist    the NHS CHC Checklist (11 domains, A/B/C) —
 *                    domain/chc_checklist.h
 *   chc-dst          the Decision Support Tool (12 domains, each with the
 *                    levels it has; the MDT) — domain/chc_dst.h
 * Each item's linkId is the JSON API's field ("domains.breathing",
 * "outcomes.nutrition", "determination.eligible" of the presented record), so a QuestionnaireResponse answers exactly what
 * the API takes and a refusal's field names its item. Codes are in
 * Seamless code systems under the server's base (<base>/CodeSystem/…);
 * the canonical url is <base>/Questionnaire/<id>. Not personal data: any
 * signed-in user may read them; nothing is audited. */
#ifndef SEAMLESS_FHIR_QUESTIONNAIRE_H
#define SEAMLESS_FHIR_QUESTIONNAIRE_H
#include <jansson.h>

#define FHIR_QUESTIONNAIRE_COUNT 4
extern const char *const fhir_questionnaire_ids[FHIR_QUESTIONNAIRE_COUNT];

/* A new Questionnaire (caller owns) with this id, or NULL when there is none. */
json_t *fhir_questionnaire(const char *id, const char *base);

#endif
