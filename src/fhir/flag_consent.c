/* Flag and Consent from the person record (flag_consent.h). */
#include "fhir/flag_consent.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "svc/access.h"
#include <stdio.h>
#include <string.h>

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

json_t *fhir_consent_from_person(json_t *p);

/* The person's resources of type (Flag or Consent): an array, caller owns. */
static json_t *of_type(json_t *p, const char *type)
{
    if (strcmp(type, "Flag") == 0)
        return fhir_flags_from_person(p);
    json_t *all = json_array(), *c = fhir_consent_from_person(p);
    if (c)
        json_array_append_new(all, c);
    return all;
}

static json_t *flag(json_t *p, const char *suffix, const char *text)
{
    char id[80], subject[80];
    snprintf(id, sizeof id, "%s-%s", str(p, "id"), suffix);
    snprintf(subject, sizeof subject, "Patient/%s", str(p, "id"));
    json_t *f = json_pack("{s:s, s:s, s:o, s:s, s:{s:s}, s:{s:s}}", "resourceType", "Flag", "id", id, "meta",
                          fhir_meta(p, FHIR_FLAG_PROFILE), "status", "active", "code", "text", text, "subject",
                          "reference", subject);
    if (str(p, "alert_note") && *str(p, "alert_note"))
        json_object_set_new(json_object_get(f, "code"), "text",
                            json_pack("s++", text, ": ", str(p, "alert_note")));
    return f;
}

json_t *fhir_flags_from_person(json_t *p)
{
    json_t *out = json_array();
    if (json_is_true(json_object_get(p, "alert_safeguarding")))
        json_array_append_new(out, flag(p, "safeguarding", "Safeguarding concern"));
    if (json_is_true(json_object_get(p, "alert_risk_to_staff")))
        json_array_append_new(out, flag(p, "risk-to-staff", "Risk to staff"));
    return out;
}

json_t *fhir_consent_from_person(json_t *p)
{
    if (!json_is_true(json_object_get(p, "objects_to_sharing")))
        return NULL;
    char id[80], patient[80];
    snprintf(id, sizeof id, "%s-sharing", str(p, "id"));
    snprintf(patient, sizeof patient, "Patient/%s", str(p, "id"));
    return json_pack("{s:s, s:s, s:o, s:s, s:{s:[{s:s, s:s}]}, s:[{s:[{s:s, s:s}]}], s:{s:s}, s:[{s:s}], s:{s:s}}",
                     "resourceType", "Consent", "id", id, "meta", fhir_meta(p, FHIR_CONSENT_PROFILE), "status",
                     "active", "scope", "coding", "system", "http://terminology.hl7.org/CodeSystem/consentscope",
                     "code", "patient-privacy", "category", "coding", "system", "http://loinc.org", "code",
                     "59284-0", "patient", "reference", patient, "policy", "uri",
                     "https://seamless.example/policy/objection-to-sharing", "provision", "type", "deny");
}

/* The person named by a Flag/Consent id ("<person>-<suffix>"), read through
 * the choke point; NULL with res set. */
static json_t *person_of(struct request *req, struct response *res, const char *person_id, const char *type)
{
    json_t *p;
    int rc = svc_person_read(fhir_ctx(req), person_id, &p);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, type);
        return NULL;
    }
    return p;
}

static const char *strip(struct request *req, const char *id, const char *suffix)
{
    size_t n = strlen(id), s = strlen(suffix);
    if (n <= s || strcmp(id + n - s, suffix) != 0)
        return NULL;
    return arena_printf(&req->arena, "%.*s", (int)(n - s), id);
}

static void read_one(struct request *req, struct response *res, const char *type)
{
    if (fhir_accepts(req, res) < 0)
        return;
    const char *id = req->params[0];
    const char *person = strcmp(type, "Consent") == 0 ? strip(req, id, "-sharing")
                         : strip(req, id, "-safeguarding") ? strip(req, id, "-safeguarding")
                                                           : strip(req, id, "-risk-to-staff");
    json_t *p = person ? person_of(req, res, person, type) : NULL;
    if (!person)
        fhir_outcome(res, 404, "not-found", arena_printf(&req->arena, "No such %s.", type), NULL);
    if (!p)
        return;
    json_t *all = of_type(p, type);
    size_t i;
    json_t *r;
    json_array_foreach(all, i, r)
        if (strcmp(str(r, "id"), id) == 0) {
            fhir_send(req, res, 200, json_incref(r), NULL);
            json_decref(all);
            return;
        }
    json_decref(all);
    fhir_outcome(res, 404, "not-found", arena_printf(&req->arena, "No such %s.", type), NULL);
}

static const struct fhir_param_spec PARAMS[] = {{"patient", FHIR_REFERENCE}, {NULL, 0}};

static void search(struct request *req, struct response *res, const char *type)
{
    if (fhir_accepts(req, res) < 0)
        return;
    struct fhir_search s;
    const struct fhir_search_spec spec = {type, PARAMS, NULL};
    if (fhir_query_parse(req, res, &spec, &s) < 0)
        return;
    const struct fhir_term *patient = fhir_search_term(&s, "patient");
    if (!patient || (patient->has_system && strcmp(patient->system, "Patient") != 0)) {
        fhir_outcome(res, 400, "invalid", arena_printf(&req->arena, "Search %s by patient (Patient/<id>).", type),
                     "patient");
        return;
    }
    json_t *p = person_of(req, res, patient->value, type);
    if (!p)
        return;
    json_t *all = of_type(p, type);
    json_t *b = fhir_bundle("searchset", (long long)json_array_size(all));
    fhir_bundle_link(req, b, "self", fhir_query_url(req, type, NULL));
    size_t i;
    json_t *r;
    json_array_foreach(all, i, r)
        fhir_bundle_add(req, b, json_incref(r), "match");
    json_decref(all);
    fhir_send(req, res, 200, b, NULL);
}

void fhir_flag_read(struct request *req, struct response *res)
{
    read_one(req, res, "Flag");
}

void fhir_flag_search(struct request *req, struct response *res)
{
    search(req, res, "Flag");
}

void fhir_consent_read(struct request *req, struct response *res)
{
    read_one(req, res, "Consent");
}

void fhir_consent_search(struct request *req, struct response *res)
{
    search(req, res, "Consent");
}
