/* fhir/questionnaire_response: the answers to a Seamless form
 * (questionnaire.h) as a QuestionnaireResponse, and back.
 *
 * The mapping is generic over the form: each item's linkId is the JSON
 * API's field, "a" or "a.b" (b a key of the object a) or, in a repeating
 * group "g", "g.k" of each member of the list g. A boolean answers
 * valueBoolean, a date valueDate, a string or text valueString, a choice
 * valueCoding (from the item's answer options; a repeating choice gives a
 * list of codes). A field not answered has no item. A repeating choice
 * answered with nothing (an outcome the person can achieve: []) is an
 * item with no answer. An answer to a readOnly item (a Care Act
 * assessment's determination.eligible and .reasons: the server's) is
 * given on a read and not taken back from a client.
 *
 * Status: a draft → in-progress, anything else → completed. */
#ifndef SEAMLESS_FHIR_QUESTIONNAIRE_RESPONSE_H
#define SEAMLESS_FHIR_QUESTIONNAIRE_RESPONSE_H
#include <jansson.h>

/* A new QuestionnaireResponse (caller owns) answering form q (a
 * Questionnaire) from record (the service's presented record: id,
 * person_id, status, version, updated_at and the API's fields); authored
 * is when it was completed (NULL: record.updated_at). */
json_t *fhir_qr_from_record(json_t *q, json_t *record, const char *authored);
/* The API's body (caller owns) from the items of qr answering form q; each
 * item that q does not have, or an answer of the wrong type, is added to
 * errors as {field: "QuestionnaireResponse.item.where(linkId='…')",
 * message}. */
json_t *fhir_qr_to_body(json_t *q, json_t *qr, json_t *errors);
/* The FHIRPath of the item answering the API's field, in out (n bytes):
 *   "domains.breathing" → QuestionnaireResponse.item.where(linkId='domains.breathing')
 *   "wellbeing[2]"      → ….item.where(linkId='wellbeing').answer[2] (the third answer)
 *   "mdt[1].name"       → ….item.where(linkId='mdt')[1].item.where(linkId='mdt.name')
 *   "assessor_agrees", "assessor_reason" (the completion's confirmation)
 *                       → ….item.where(linkId='determination.assessor_agrees') …
 * Anything else (no digits in the brackets, …) is the plain linkId form. */
void fhir_qr_expression(const char *field, char *out, size_t n);

#endif
