/* Encounter over FHIR: read and search by patient (encounter.h), through
 * svc/discharge.h. */
#include "fhir/encounter.h"
#include "fhir/by_patient.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "svc/discharge.h"
#include <stdio.h>
#include <string.h>

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int has(const char *s)
{
    return s && *s;
}

static const char *status_of(const char *s)
{
    return !s ? "unknown" : strcmp(s, "admitted") == 0 ? "in-progress"
           : strcmp(s, "discharged") == 0 ? "finished" : strcmp(s, "cancelled") == 0 ? "cancelled" : "unknown";
}

json_t *fhir_encounter_from_stay(json_t *s)
{
    char subject[80], provider[80];
    snprintf(subject, sizeof subject, "Patient/%s", str(s, "person_id") ? str(s, "person_id") : "");
    snprintf(provider, sizeof provider, "Organization/%s", str(s, "org_id") ? str(s, "org_id") : "");
    const char *status = status_of(str(s, "status"));
    json_t *e = json_pack("{s:s, s:s?, s:o, s:s, s:{s:s, s:s, s:s}, s:{s:s}, s:{s:s?}, s:{s:s, s:s?}}",
                          "resourceType", "Encounter", "id", str(s, "id"), "meta",
                          fhir_meta(s, FHIR_ENCOUNTER_PROFILE), "status", status, "class", "system",
                          "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code", "IMP", "display",
                          "inpatient encounter", "subject", "reference", subject, "period", "start",
                          str(s, "admitted_at"), "serviceProvider", "reference", provider, "display",
                          str(s, "org_name"));
    if (str(s, "org_code"))
        json_object_set_new(json_object_get(e, "serviceProvider"), "identifier",
                            json_pack("{s:s, s:s}", "system", FHIR_ODS_CODE, "value", str(s, "org_code")));
    if (has(str(s, "discharged_at")))
        json_object_set_new(json_object_get(e, "period"), "end", json_string(str(s, "discharged_at")));
    if (has(str(s, "visit_number")) && str(s, "org_code"))
        json_object_set_new(e, "identifier", json_pack("[{s:s+, s:s}]", "system", FHIR_VISIT_NUMBER_ID,
                                                       str(s, "org_code"), "value", str(s, "visit_number")));
    if (has(str(s, "specialty")))
        json_object_set_new(e, "serviceType", json_pack("{s:s}", "text", str(s, "specialty")));
    if (has(str(s, "ward_name"))) {
        const char *bed = has(str(s, "bed")) ? str(s, "bed") : NULL;
        char display[300];
        snprintf(display, sizeof display, "%s%s%s", str(s, "ward_name"), bed ? ", bed " : "", bed ? bed : "");
        json_object_set_new(e, "location", json_pack("[{s:{s:s}, s:s}]", "location", "display", display, "status",
                                                     strcmp(status, "in-progress") == 0 ? "active" : "completed"));
    }
    if (has(str(s, "discharge_destination")))
        json_object_set_new(e, "hospitalization", json_pack("{s:{s:s}}", "dischargeDisposition", "text",
                                                            str(s, "discharge_destination")));
    return e;
}

void fhir_encounter_read(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *s;
    int rc = svc_discharge_stay_brief(fhir_ctx(req), req->params[0], &s);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "Encounter");
        return;
    }
    fhir_send(req, res, 200, fhir_encounter_from_stay(s), NULL);
}

static const struct fhir_param_spec PARAMS[] = {{"patient", FHIR_REFERENCE}, {"status", FHIR_TOKEN}, {NULL, 0}};
static const struct fhir_search_spec SPEC = {"Encounter", PARAMS, NULL};

void fhir_encounter_search(struct request *req, struct response *res)
{
    struct fhir_search q;
    const struct fhir_term *patient = fhir_by_patient_begin(req, res, &SPEC, &q);
    json_t *all, *s;
    if (!patient)
        return;
    int rc = svc_discharge_stays_of_person(fhir_ctx(req), patient->value, &all);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "Encounter");
        return;
    }
    struct fhir_pager pg;
    fhir_pager_init(&pg, req, "Encounter", &q);
    size_t i;
    json_array_foreach(all, i, s) fhir_pager_offer(&pg, fhir_encounter_from_stay(s));
    fhir_send(req, res, 200, fhir_pager_bundle(&pg), NULL);
}
