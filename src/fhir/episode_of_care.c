/* EpisodeOfCare over FHIR: a team's involvement with a person — each
 * caseload entry of the person record (team, organisation, opened and
 * closed dates) — searched by patient through the audited person read.
 * Base R4 (UK Core has no EpisodeOfCare profile); meta.versionId is the
 * person record's. */
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
    if (fhir_accepts(req, res) < 0)
        return;
    struct fhir_search s;
    if (fhir_query_parse(req, res, &SPEC, &s) < 0)
        return;
    const struct fhir_term *patient = fhir_search_term(&s, "patient"), *status = fhir_search_term(&s, "status");
    if (!patient || (patient->has_system && strcmp(patient->system, "Patient") != 0)) {
        fhir_outcome(res, 400, "invalid", "Search EpisodeOfCare by patient (Patient/<id>).", "patient");
        return;
    }
    json_t *p;
    int rc = svc_person_read(fhir_ctx(req), patient->value, &p);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "EpisodeOfCare");
        return;
    }
    json_t *b = fhir_bundle("searchset", -1);
    fhir_bundle_link(req, b, "self", fhir_query_url(req, "EpisodeOfCare", NULL));
    size_t i, n = 0;
    json_t *c;
    json_array_foreach(json_object_get(p, "caseloads"), i, c) {
        json_t *e = fhir_episode_from_caseload(p, c);
        if (status && strcmp(status->value, str(e, "status")) != 0) {
            json_decref(e);
            continue;
        }
        fhir_bundle_add(req, b, e, "match");
        n++;
    }
    json_object_set_new(b, "total", json_integer((json_int_t)n));
    fhir_send(req, res, 200, b, NULL);
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
