/* ServiceRequest over FHIR: read and search by patient (service_request.h),
 * through svc/referral_reads.h. */
#include "fhir/by_patient.h"
#include "fhir/service_request.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "svc/referral_create.h"
#include "svc/referral_reads.h"
#include "util/num.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static const char *status_of(const char *s)
{
    return s && strcmp(s, "closed") == 0 ? "completed" : "active";
}

static const char *priority_of(const char *u)
{
    return !u ? "routine" : strcmp(u, "crisis") == 0 ? "stat" : strcmp(u, "urgent") == 0 ? "urgent" : "routine";
}

/* The words for a source code, as the referral form says them. */
static const char *source_label(const char *s)
{
    static const char *const codes[][2] = {{"gp", "GP"}, {"ward", "Hospital ward"}, {"111", "NHS 111"},
                                           {"family", "Family or carer"}, {"self", "The person themselves"},
                                           {"team", "Another team"}, {"other", "Other"}};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (strcmp(s, codes[i][0]) == 0)
            return codes[i][1];
    return s;
}

static void add_extensions(json_t *sr, json_t *r, const char *base)
{
    json_t *ext = json_array();
    if (str(r, "source"))
        json_array_append_new(ext, json_pack("{s:s, s:{s:[{s:s+, s:s}], s:s}}", "url",
                                             FHIR_SOURCE_OF_SERVICE_REQUEST_EXT, "valueCodeableConcept", "coding",
                                             "system", base, FHIR_REFERRAL_SOURCE_CS, "code", str(r, "source"),
                                             "text", source_label(str(r, "source"))));
    if (str(r, "consent"))
        json_array_append_new(ext, json_pack("{s:s+, s:s}", "url", base, FHIR_REFERRAL_CONSENT_SD, "valueCode",
                                             str(r, "consent")));
    if (json_array_size(ext))
        json_object_set_new(sr, "extension", ext);
    else
        json_decref(ext);
}

json_t *fhir_service_request_from_referral(json_t *r, const char *base)
{
    char subject[80];
    snprintf(subject, sizeof subject, "Patient/%s", str(r, "person_id") ? str(r, "person_id") : "");
    json_t *sr = json_pack("{s:s, s:s?, s:o, s:s, s:s, s:s, s:{s:s}, s:{s:s}, s:s?, s:[{s:s?}]}",
                           "resourceType", "ServiceRequest", "id", str(r, "id"), "meta",
                           fhir_meta(r, FHIR_SERVICE_REQUEST_PROFILE), "status", status_of(str(r, "status")),
                           "intent", "order", "priority", priority_of(str(r, "urgency")), "code", "text",
                           "Referral to integrated health and social care", "subject", "reference", subject,
                           "authoredOn", str(r, "received_at"), "reasonCode", "text", str(r, "reason"));
    add_extensions(sr, r, base);
    const char *who = str(r, "referrer_name") ? str(r, "referrer_name") : str(r, "referred_by_name");
    if (who) {
        char display[300];
        snprintf(display, sizeof display, "%s%s%s", who, str(r, "referrer_org") ? ", " : "",
                 str(r, "referrer_org") ? str(r, "referrer_org") : "");
        json_object_set_new(sr, "requester", json_pack("{s:s}", "display", display));
    }
    if (str(r, "team_name")) {
        json_t *team = json_pack("{s:s}", "display", str(r, "team_name"));
        if (str(r, "team_id")) {
            json_object_set_new(team, "reference", json_pack("s+", "CareTeam/", str(r, "team_id")));
            json_object_set_new(team, "identifier", json_pack("{s:s, s:s}", "system", FHIR_TEAM_ID, "value",
                                                              str(r, "team_id")));
        }
        json_object_set_new(sr, "performer", json_pack("[o]", team));
    }
    if (str(r, "route"))
        json_object_set_new(sr, "category", json_pack("[{s:[{s:s+, s:s}], s:s}]", "coding", "system", base,
                                                      FHIR_REFERRAL_ROUTE_CS, "code", str(r, "route"), "text",
                                                      str(r, "route")));
    return sr;
}

void fhir_service_request_read(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *r;
    int rc = svc_referral_read(fhir_ctx(req), req->params[0], &r);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "ServiceRequest");
        return;
    }
    fhir_send(req, res, 200, fhir_service_request_from_referral(r, fhir_base(req)), NULL);
}

static const struct fhir_param_spec PARAMS[] = {{"patient", FHIR_REFERENCE}, {"status", FHIR_TOKEN}, {NULL, 0}};
static const struct fhir_search_spec SPEC = {"ServiceRequest", PARAMS, NULL};

void fhir_service_request_search(struct request *req, struct response *res)
{
    struct fhir_search s;
    const struct fhir_term *patient = fhir_by_patient_begin(req, res, &SPEC, &s);
    json_t *all, *r;
    if (!patient)
        return;
    int rc = svc_referrals_of_person(fhir_ctx(req), patient->value, &all);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "ServiceRequest");
        return;
    }
    struct fhir_pager pg;
    fhir_pager_init(&pg, req, "ServiceRequest", &s);
    size_t i;
    json_array_foreach(all, i, r) fhir_pager_offer(&pg, fhir_service_request_from_referral(r, fhir_base(req)));
    fhir_send(req, res, 200, fhir_pager_bundle(&pg), NULL);
}

/* ---- create: a referral to the single front door ---- */

static json_t *extension(json_t *sr, const char *url)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(sr, "extension"), i, e)
        if (str(e, "url") && strcmp(str(e, "url"), url) == 0)
            return e;
    return NULL;
}

/* The source code from UK Core's extension: the coding in Seamless's code
 * system, else the first coding's code (refused by the rule unless it is
 * one of ours). */
static const char *source_code(struct request *req, json_t *sr)
{
    json_t *codings = json_object_get(json_object_get(extension(sr, FHIR_SOURCE_OF_SERVICE_REQUEST_EXT),
                                                      "valueCodeableConcept"), "coding");
    const char *system = arena_printf(&req->arena, "%s%s", fhir_base(req), FHIR_REFERRAL_SOURCE_CS);
    size_t i;
    json_t *c;
    json_array_foreach(codings, i, c)
        if (str(c, "system") && strcmp(str(c, "system"), system) == 0)
            return str(c, "code");
    return str(json_array_get(codings, 0), "code");
}

/* stat → crisis, urgent and asap → urgent, routine (the default) → routine;
 * anything else passes through to be refused by the rule. */
static const char *urgency_of(const char *p)
{
    if (!p || strcmp(p, "routine") == 0)
        return "routine";
    if (strcmp(p, "stat") == 0)
        return "crisis";
    if (strcmp(p, "urgent") == 0 || strcmp(p, "asap") == 0)
        return "urgent";
    return p;
}

void fhir_service_request_create(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *sr = fhir_body(req, res, "ServiceRequest");
    if (!sr)
        return;
    const char *subject = str(json_object_get(sr, "subject"), "reference");
    const char *consent_url = arena_printf(&req->arena, "%s%s", fhir_base(req), FHIR_REFERRAL_CONSENT_SD);
    json_t *requester = json_object_get(sr, "requester");
    struct svc_referral_in in = {
        .person_id = subject && strncmp(subject, "Patient/", 8) == 0 ? subject + 8 : NULL,
        .source = source_code(req, sr),
        .reason = str(json_array_get(json_object_get(sr, "reasonCode"), 0), "text"),
        .urgency = urgency_of(str(sr, "priority")),
        .consent = str(extension(sr, consent_url), "valueCode"),
        .received_at = str(sr, "authoredOn"),
        .referrer_name = str(requester, "display"),
    };
    struct svc_ctx *c = fhir_ctx(req);
    char id[STORE_ID_LEN];
    int rc = svc_referral_create(c, &in, id);
    json_t *r = NULL;
    if (rc == SVC_OK)
        rc = svc_referral_read(c, id, &r);
    if (rc != SVC_OK) {
        const struct fhir_path paths[] = {
            {"person_id", "ServiceRequest.subject"},
            {"source", "ServiceRequest.extension('" FHIR_SOURCE_OF_SERVICE_REQUEST_EXT "')"},
            {"reason", "ServiceRequest.reasonCode"},
            {"urgency", "ServiceRequest.priority"},
            {"consent", arena_printf(&req->arena, "ServiceRequest.extension('%s')", consent_url)},
            {"referrer.name", "ServiceRequest.requester"},
            {"received_at", "ServiceRequest.authoredOn"},
            {"front_door_team_id", "ServiceRequest.performer"},
            {NULL, NULL},
        };
        fhir_result(req, res, rc, paths, "ServiceRequest");
        return;
    }
    fhir_send(req, res, 201, fhir_service_request_from_referral(r, fhir_base(req)),
              arena_printf(&req->arena, "%s/ServiceRequest/%s", fhir_base(req), id));
}
