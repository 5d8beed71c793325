/* EpisodeOfCare over FHIR: a team's involvement with a person — each
 * caseload entry of the person record (team, organisation, opened and
 * closed dates) — searched by patient through the audited person read.
 * Base R4 (UK Core has no EpisodeOfCare profile); meta.versionId is the
 * person record's. */
#include "fhir/by_patient.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "svc/access.h"
#include <stdio.h>
#include <string.h>

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* A new EpisodeOfCare (caller owns) for one caseload entry of person p. */
json_t *fhir_episode_from_caseload(json_t *p, json_t *c)
{
    char patient[80];
    snprintf(patient, sizeof patient, "Patient/%s", str(p, "id") ? str(p, "id") : "");
    const char *closed = str(c, "closed_on");
    /* Caseload entries are part of the person record: its version. */
    json_t *e = json_pack("{s:s, s:s?, s:o, s:s, s:{s:s}, s:{s:s?}}", "resourceType", "EpisodeOfCare", "id",
                          str(c, "id"), "meta", fhir_meta(p, "http://hl7.org/fhir/StructureDefinition/EpisodeOfCare"),
                          "status", closed ? "finished" : "active", "patient", "reference", patient, "period",
                          "start", str(c, "opened_on"));
    if (closed)
        json_object_set_new(json_object_get(e, "period"), "end", json_string(closed));
    if (str(c, "org_name"))
        json_object_set_new(e, "managingOrganization", json_pack("{s:s}", "display", str(c, "org_name")));
    if (str(c, "team_name"))
        json_object_set_new(e, "team", json_pack("[{s:s}]", "display", str(c, "team_name")));
    if (str(c, "reason") && *str(c, "reason"))
        json_object_set_new(e, "type", json_pack("[{s:s}]", "text", str(c, "reason")));
    return e;
}

static const struct fhir_param_spec PARAMS[] = {{"patient", FHIR_REFERENCE}, {"status", FHIR_TOKEN}, {NULL, 0}};
static const struct fhir_search_spec SPEC = {"EpisodeOfCare", PARAMS, NULL};

void fhir_episode_search(struct request *req, struct response *res)
{
    struct fhir_search s;
    const struct fhir_term *patient = fhir_by_patient_begin(req, res, &SPEC, &s);
    json_t *p, *c;
    if (!patient)
        return;
    int rc = svc_person_read(fhir_ctx(req), patient->value, &p);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "EpisodeOfCare");
        return;
    }
    struct fhir_pager pg;
    fhir_pager_init(&pg, req, "EpisodeOfCare", &s);
    size_t i;
    json_array_foreach(json_object_get(p, "caseloads"), i, c) fhir_pager_offer(&pg, fhir_episode_from_caseload(p, c));
    fhir_send(req, res, 200, fhir_pager_bundle(&pg), NULL);
}

void fhir_episode_read(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *p, *c;
    int rc = svc_caseload_read(fhir_ctx(req), req->params[0], &p, &c);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "EpisodeOfCare");
        return;
    }
    fhir_send(req, res, 200, fhir_episode_from_caseload(p, c), NULL);
}
