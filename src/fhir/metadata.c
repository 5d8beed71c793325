/* GET /fhir/R4/metadata: the CapabilityStatement — what this server really
 * serves (the routes in src/api/routes.c and the search specs), nothing
 * more. tests/e2e/fhir.test.mjs checks each declared interaction answers.
 * Also the answer for a resource type that is not served. */
#include "fhir/fhir.h"
#include "fhir/service_request.h"
#include "util/clock.h"
#include <string.h>

static json_t *param(const char *name, const char *type, const char *doc)
{
    return json_pack("{s:s, s:s, s:s}", "name", name, "type", type, "documentation", doc);
}

static json_t *interactions(const char *const *codes)
{
    json_t *a = json_array();
    for (; *codes; codes++)
        json_array_append_new(a, json_pack("{s:s}", "code", *codes));
    return a;
}

static json_t *patient(void)
{
    static const char *const codes[] = {"read", "vread", "history-instance", "search-type", "create", "update", NULL};
    json_t *r = json_pack("{s:s, s:s, s:o, s:s, s:b, s:b, s:b, s:[s], s:[]}", "type", "Patient", "profile",
                          "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient", "interaction",
                          interactions(codes), "versioning", "versioned-update", "readHistory", 1, "updateCreate", 0,
                          "conditionalUpdate", 0, "searchInclude", "Patient:general-practitioner",
                          "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("identifier", "token", "The NHS number: " FHIR_NHS_NUMBER "|9990001234"));
    json_array_append_new(sp, param("family", "string", "With birthdate: the whole family name, any case (:exact "
                                                        "for the exact spelling)"));
    json_array_append_new(sp, param("birthdate", "date", "With family: the date of birth (eq)"));
    json_array_append_new(sp, param("address-postalcode", "string", "The home postcode"));
    json_array_append_new(sp, param("_lastUpdated", "date", "Filters the matches by meta.lastUpdated"));
    json_array_append_new(sp, param("_count", "number", "Page size, 1 to 100 (default 20); next link pages on"));
    return r;
}

static json_t *organization(void)
{
    static const char *const codes[] = {"read", "search-type", NULL};
    json_t *r = json_pack("{s:s, s:s, s:o, s:[]}", "type", "Organization", "profile",
                          "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization", "interaction",
                          interactions(codes), "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("identifier", "token", "The ODS code: " FHIR_ODS_CODE "|CODE"));
    json_array_append_new(sp, param("name", "string", "Starts with, any case (:exact for the exact name)"));
    json_array_append_new(sp, param("_count", "number", "Page size, 1 to 100 (default 20)"));
    return r;
}

/* The staff directory (practitioner.c). */
static json_t *practitioner(void)
{
    static const char *const codes[] = {"read", "search-type", NULL};
    json_t *r = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "type", "Practitioner", "profile",
                          FHIR_UKCORE_SD "UKCore-Practitioner", "documentation",
                          "Staff accounts: username identifier, name, active", "interaction", interactions(codes),
                          "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("name", "string", "The name or any later word of it starts with, any case "
                                                      "(:exact for the exact name)"));
    json_array_append_new(sp, param("identifier", "token", "The username: https://seamless.example/Id/username|NAME"));
    json_array_append_new(sp, param("_count", "number", "Page size, 1 to 100 (default 20)"));
    return r;
}

static json_t *practitioner_role(void)
{
    static const char *const codes[] = {"read", "search-type", NULL};
    json_t *r = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "type", "PractitionerRole", "profile",
                          FHIR_UKCORE_SD "UKCore-PractitionerRole", "documentation",
                          "A member of staff in their organisation (same id as the Practitioner): role and profession "
                          "in code.text, teams in specialty.text", "interaction", interactions(codes), "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("practitioner", "reference", "Practitioner/<id>"));
    json_array_append_new(sp, param("organization", "reference", "Organization/<id>"));
    json_array_append_new(sp, param("_count", "number", "Page size, 1 to 100 (default 20)"));
    return r;
}

static json_t *service_request(struct request *req)
{
    static const char *const codes[] = {"read", "search-type", "create", "update", NULL};
    const char *base = fhir_base(req);
    json_t *r = json_pack("{s:s, s:s, s:s, s:o, s:s, s:b, s:b, s:[]}", "type", "ServiceRequest", "profile",
                          "https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest", "documentation",
                          arena_printf(&req->arena,
                          "A referral to the single front door. Create with subject, reasonCode[0].text, priority, "
                          "authoredOn, requester.display and the extensions " FHIR_SOURCE_OF_SERVICE_REQUEST_EXT
                          " (valueCodeableConcept coded in %s" FHIR_REFERRAL_SOURCE_CS ": gp|ward|111|family|self|"
                          "team|other) and %s" FHIR_REFERRAL_CONSENT_SD " (valueCode given|refused|best_interests). "
                          "Update (If-Match) moves it on: a new category (%s" FHIR_REFERRAL_ROUTE_CS ") and/or "
                          "performer (identifier " FHIR_TEAM_ID ") triages it at the front door or reroutes it; "
                          "the other elements must be sent as read", base, base, base),
                          "interaction", interactions(codes), "versioning", "versioned-update", "updateCreate", 0,
                          "conditionalUpdate", 0, "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("patient", "reference", "Required: Patient/<id>; the person's referrals"));
    json_array_append_new(sp, param("status", "token", "active or completed"));
    json_array_append_new(sp, param("_count", "number", "Page size, 1 to 100 (default 20)"));
    return r;
}

/* Flag and Consent: read, and search by patient (required). */
static json_t *by_patient(const char *type, const char *profile, const char *doc)
{
    static const char *const codes[] = {"read", "search-type", NULL};
    return json_pack("{s:s, s:s, s:s, s:o, s:[o]}", "type", type, "profile", profile, "documentation", doc,
                     "interaction", interactions(codes), "searchParam",
                     param("patient", "reference", "Required: Patient/<id>"));
}

static json_t *episode_of_care(void)
{
    static const char *const codes[] = {"read", "search-type", NULL};
    json_t *r = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "type", "EpisodeOfCare", "profile",
                          "http://hl7.org/fhir/StructureDefinition/EpisodeOfCare", "documentation",
                          "A team's involvement: the person's caseload entries", "interaction", interactions(codes),
                          "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("patient", "reference", "Required: Patient/<id>"));
    json_array_append_new(sp, param("status", "token", "active or finished"));
    return r;
}

static json_t *task(void)
{
    static const char *const codes[] = {"read", "search-type", NULL};
    json_t *r = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "type", "Task", "profile",
                          "http://hl7.org/fhir/StructureDefinition/Task", "documentation",
                          "Who does each task of a care plan, with the accountable organisation", "interaction",
                          interactions(codes), "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("patient", "reference", "Required: Patient/<id>"));
    json_array_append_new(sp, param("status", "token", "accepted, in-progress or completed"));
    return r;
}

static json_t *care_plan(void)
{
    static const char *const codes[] = {"read", "search-type", NULL};
    json_t *r = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "type", "CarePlan", "profile",
                          "http://hl7.org/fhir/StructureDefinition/CarePlan", "documentation",
                          "Care and support plans, one activity per task", "interaction", interactions(codes),
                          "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("patient", "reference", "Required: Patient/<id>"));
    json_array_append_new(sp, param("status", "token", "draft, active or completed"));
    return r;
}

static json_t *encounter(void)
{
    static const char *const codes[] = {"read", "search-type", NULL};
    json_t *r = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "type", "Encounter", "profile",
                          "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter", "documentation",
                          "Hospital stays (inpatient, class IMP) from the trusts' feeds and the discharge work",
                          "interaction", interactions(codes), "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("patient", "reference", "Required: Patient/<id>"));
    json_array_append_new(sp, param("status", "token", "in-progress, finished or cancelled"));
    json_array_append_new(sp, param("_lastUpdated", "date", "Filters the matches by meta.lastUpdated"));
    json_array_append_new(sp, param("_count", "number", "Page size, 1 to 100 (default 20)"));
    return r;
}

static json_t *care_team(void)
{
    static const char *const codes[] = {"read", "search-type", NULL};
    json_t *r = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "type", "CareTeam", "profile",
                          "http://hl7.org/fhir/StructureDefinition/CareTeam", "documentation",
                          "Teams (category team: members as participants) and caseloads (category caseload: a "
                          "person on a team's caseload)", "interaction", interactions(codes), "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("patient", "reference", "Patient/<id>: the person's caseloads"));
    json_array_append_new(sp, param("participant", "reference", "Practitioner/<id>: the teams they are in"));
    json_array_append_new(sp, param("status", "token", "active or inactive"));
    json_array_append_new(sp, param("_lastUpdated", "date", "Filters the matches by meta.lastUpdated"));
    json_array_append_new(sp, param("_count", "number", "Page size, 1 to 100 (default 20)"));
    return r;
}

static json_t *audit_event(void)
{
    static const char *const codes[] = {"read", "search-type", NULL};
    json_t *r = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "type", "AuditEvent", "profile",
                          "http://hl7.org/fhir/StructureDefinition/AuditEvent", "documentation",
                          "The audit log, read-only, for privacy officers: entries made by users of their own "
                          "organisation, newest first; reading it is audited", "interaction", interactions(codes),
                          "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("patient", "reference", "Patient/<id>: entries about the person"));
    json_array_append_new(sp, param("agent", "reference", "Practitioner/<id>: entries made by the user"));
    json_array_append_new(sp, param("date", "date", "A day: eq, ge (from) or le (to)"));
    json_array_append_new(sp, param("_count", "number", "Page size, 1 to 100 (default 20); next link pages on"));
    return r;
}

static json_t *questionnaire(void)
{
    static const char *const codes[] = {"read", "search-type", NULL};
    json_t *r = json_pack("{s:s, s:s, s:s, s:o, s:[]}", "type", "Questionnaire", "profile",
                          "http://hl7.org/fhir/StructureDefinition/Questionnaire", "documentation",
                          "The forms Seamless serves: care-act-adult, care-act-carer, chc-checklist, chc-dst; each "
                          "item's linkId is the JSON API's field", "interaction", interactions(codes), "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("url", "uri", "The canonical URL: <base>/Questionnaire/<id>"));
    json_array_append_new(sp, param("name", "string", "Starts with, any case (:exact for the exact name)"));
    return r;
}

static json_t *questionnaire_response(void)
{
    static const char *const codes[] = {"read", "search-type", "create", "update", NULL};
    json_t *r = json_pack("{s:s, s:s, s:s, s:o, s:s, s:b, s:b, s:[]}", "type", "QuestionnaireResponse", "profile",
                          "http://hl7.org/fhir/StructureDefinition/QuestionnaireResponse", "documentation",
                          "Care Act assessments (create, update: in-progress saves a draft's answers, completed "
                          "also completes it as the JSON API does, by the assessor, determination.assessor_agrees "
                          "their confirmation; completed and authorised ones are read-only; authorising is not "
                          "offered), CHC Checklists (create) and DSTs (create, update; status completed completes "
                          "it), answering this server's Questionnaires; the JSON API's rules, a refused field "
                          "naming its item",
                          "interaction", interactions(codes), "versioning", "versioned-update", "updateCreate", 0,
                          "conditionalUpdate", 0, "searchParam");
    json_t *sp = json_object_get(r, "searchParam");
    json_array_append_new(sp, param("patient", "reference", "Required: Patient/<id>: Care Act assessments, "
                                                            "Checklists and DSTs"));
    json_array_append_new(sp, param("questionnaire", "reference", "The form: its url or id"));
    json_array_append_new(sp, param("status", "token", "in-progress or completed"));
    json_array_append_new(sp, param("_count", "number", "Page size, 1 to 100 (default 20)"));
    return r;
}

void fhir_metadata(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    char today[11];
    clock_today(today);
    json_t *cs = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s}, s:{s:s, s:s}, s:s, s:[s], s:[{s:s, s:{s:[{s:s}], s:s}, s:s, s:o}]}",
        "resourceType", "CapabilityStatement", "status", "active", "date", today, "kind", "instance",
        "fhirVersion", "4.0.1", "publisher", "Seamless", "software", "name", "Seamless", "implementation",
        "description", "Seamless FHIR R4 (UK Core) interface", "url", fhir_base(req), "title",
        "Seamless FHIR R4 server", "format", FHIR_MIME, "rest", "mode", "server", "security", "service", "text",
        "Bearer token (not OAuth): seamless token issue", "description", "Send Authorization: Bearer <token> (seamless token issue). Every read of a person is "
                       "checked for a legitimate relationship or break-glass and audited, as in the JSON API.",
        "documentation", "Errors are OperationOutcome; updates need If-Match: W/\"versionId\".",
        "resource", json_pack("[o, o, o, o, o, o, o, o, o, o, o, o, o, o, o]", patient(), organization(), practitioner(),
                              practitioner_role(), service_request(req), episode_of_care(),
                              by_patient("Flag", "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Flag",
                                         "The person's safeguarding and risk-to-staff alerts"),
                              by_patient("Consent", "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent",
                                         "The person's objection to sharing (provision deny), when recorded"),
                              care_plan(), task(), encounter(), care_team(), audit_event(),
                              questionnaire(), questionnaire_response()));
    json_object_set_new(cs, "name", json_string("SeamlessCapabilityStatement"));
    /* Bulk Data Access: system, Patient and Group (a team's caseload) $export. */
    json_t *rest = json_array_get(json_object_get(cs, "rest"), 0);
    json_object_set_new(rest, "operation", json_pack("[{s:s, s:s}]", "name", "export", "definition",
                                                     "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"));
    json_t *resources = json_object_get(rest, "resource");
    json_object_set_new(json_array_get(resources, 0), "operation",
                        json_pack("[{s:s, s:s}]", "name", "export", "definition",
                                  "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export"));
    json_array_append_new(resources, json_pack("{s:s, s:[{s:s, s:s}]}", "type", "Group", "operation", "name", "export",
                                               "definition",
                                               "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export"));
    json_object_set_new(json_array_get(resources, 15), "documentation",
                        json_string("Only Group/{team id}/$export: the open caseload of a team you are in"));
    fhir_send(req, res, 200, cs, NULL);
}

/* Resource types this server knows of but does not serve, and any other
 * word: both are 400 naming it (issue #18: not silently ignored). */
void fhir_unknown_type(struct request *req, struct response *res)
{
    fhir_outcome(res, 400, "not-supported",
                 arena_printf(&req->arena, "This server does not serve the resource type '%.60s' (see /fhir/R4/metadata).",
                              req->params[0]),
                 NULL);
}
