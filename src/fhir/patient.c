/* Patient over FHIR: read, vread, _history, search, create, update — each
 * through the person services (svc/persons.h, svc/access.h), so access,
 * objection to sharing and audit are the JSON API's. */
#include "fhir/patient.h"
#include "domain/nhs_number.h"
#include "domain/postcode.h"
#include "fhir/organization.h"
#include "fhir/query.h"
#include "svc/access.h"
#include "svc/accounts.h"
#include "svc/persons.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct fhir_param_spec PARAMS[] = {
    {"identifier", FHIR_TOKEN}, {"family", FHIR_STRING}, {"birthdate", FHIR_DATE},
    {"address-postalcode", FHIR_STRING}, {NULL, 0},
};
static const char *const INCLUDES[] = {"Patient:general-practitioner", NULL};
const struct fhir_search_spec fhir_patient_search_spec = {"Patient", PARAMS, INCLUDES};

static void send_patient(struct request *req, struct response *res, int status, json_t *person, const char *location)
{
    fhir_send(req, res, status, fhir_patient_from_person(person), location);
}

void fhir_patient_read(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *p;
    int rc = svc_person_read(fhir_ctx(req), req->params[0], &p);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "Patient");
        return;
    }
    send_patient(req, res, 200, p, NULL);
}

/* A whole positive number from a path segment, or -1. */
static long long version_of(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    return *s && !*end && v > 0 ? v : -1;
}

void fhir_patient_vread(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    long long v = version_of(req->params[1]);
    if (v < 0) {
        fhir_outcome(res, 404, "not-found", "No such version.", NULL);
        return;
    }
    json_t *p;
    int rc = svc_person_version(fhir_ctx(req), req->params[0], v, &p);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "Patient");
        return;
    }
    send_patient(req, res, 200, p, NULL);
}

void fhir_patient_history(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    struct fhir_search s;
    if (fhir_query_parse(req, res, &(struct fhir_search_spec){"Patient", NULL, NULL}, &s) < 0)
        return;
    json_t *all;
    int rc = svc_person_history(fhir_ctx(req), req->params[0], s.count, &all);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "Patient");
        return;
    }
    json_t *b = fhir_bundle("history", (long long)json_array_size(all));
    fhir_bundle_link(req, b, "self", arena_printf(&req->arena, "Patient/%s/_history", req->params[0]));
    size_t i;
    json_t *p;
    json_array_foreach(all, i, p) {
        long long ver = json_integer_value(json_object_get(p, "version"));
        fhir_bundle_add(req, b, fhir_patient_from_person(p), NULL);
        json_t *e = json_array_get(json_object_get(b, "entry"), i);
        json_object_set_new(e, "request", json_pack("{s:s, s:s}", "method", ver == 1 ? "POST" : "PUT", "url",
                            ver == 1 ? "Patient" : arena_printf(&req->arena, "Patient/%s", req->params[0])));
        json_object_set_new(e, "response", json_pack("{s:s, s:s}", "status", ver == 1 ? "201" : "200", "etag",
                            arena_printf(&req->arena, "W/\"%lld\"", ver)));
    }
    fhir_send(req, res, 200, b, NULL);
}

/* ---- search ---- */

struct patient_query {
    enum person_search by;
    char a[128], b[16];
};

static int bad_search(struct response *res, const char *why, const char *expression)
{
    fhir_outcome(res, 400, "invalid", why, expression);
    return -1;
}

/* Which store search answers the terms (the person search needs an NHS
 * number, a family name with a birth date, or a postcode). */
static int pick_search(struct response *res, const struct fhir_search *s, struct patient_query *q)
{
    const struct fhir_term *id = fhir_search_term(s, "identifier"), *fam = fhir_search_term(s, "family"),
                           *dob = fhir_search_term(s, "birthdate"), *pc = fhir_search_term(s, "address-postalcode");
    struct domain_error e;
    if (id) {
        if (id->has_system && strcmp(id->system, FHIR_NHS_NUMBER) != 0)
            return bad_search(res, "identifier: only the NHS number (" FHIR_NHS_NUMBER ") is searchable", "identifier");
        if (nhs_number_parse(id->value, q->a, &e) != 0)
            return bad_search(res, "identifier: not a valid NHS number", "identifier");
        q->by = SEARCH_NHS;
        return 0;
    }
    if (fam && dob) {
        if (strcmp(dob->prefix, "eq") != 0 || strlen(dob->value) != 10)
            return bad_search(res, "birthdate: give the date of birth itself (YYYY-MM-DD)", "birthdate");
        size_t i = 0;
        for (; fam->value[i] && i < sizeof q->a - 1; i++)
            q->a[i] = (char)toupper((unsigned char)fam->value[i]);
        q->a[i] = '\0';
        memcpy(q->b, dob->value, 11);   /* YYYY-MM-DD and its NUL, checked above */
        q->by = SEARCH_NAME_DOB;
        return 0;
    }
    if (pc && !fam && !dob) {
        if (postcode_normalise(pc->value, "address-postalcode", q->a, &e) != 0)
            return bad_search(res, "address-postalcode: not a valid postcode", "address-postalcode");
        q->by = SEARCH_POSTCODE;
        return 0;
    }
    return bad_search(res, "Search Patient by identifier (NHS number), by family with birthdate, or by "
                           "address-postalcode", NULL);
}

static int keep(const struct fhir_search *s, json_t *p)
{
    const struct fhir_term *fam = fhir_search_term(s, "family");
    if (fam && fam->exact && strcmp(json_string_value(json_object_get(p, "family_name")), fam->value) != 0)
        return 0;
    const char *at = json_string_value(json_object_get(p, "updated_at"));
    for (int i = 0; i < s->nlast_updated; i++)
        if (!fhir_date_matches(&s->last_updated[i], at))
            return 0;
    return 1;
}

/* Organization entries for Patient:general-practitioner. */
static int include_gps(struct request *req, json_t *bundle, json_t *people)
{
    json_t *orgs;
    int rc = svc_org_list(fhir_ctx(req), &orgs);
    if (rc != SVC_OK)
        return rc;
    size_t i, j;
    json_t *o, *p;
    json_array_foreach(json_object_get(orgs, "items"), i, o) {
        const char *id = json_string_value(json_object_get(o, "id"));
        json_array_foreach(people, j, p) {
            const char *gp = json_string_value(json_object_get(p, "gp_practice_id"));
            if (gp && strcmp(gp, id) == 0) {
                fhir_bundle_add(req, bundle, fhir_organization_from_org(o), "include");
                break;
            }
        }
    }
    return SVC_OK;
}

void fhir_patient_search(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    struct fhir_search s;
    struct patient_query q = {0};
    if (fhir_query_parse(req, res, &fhir_patient_search_spec, &s) < 0 || pick_search(res, &s, &q) < 0)
        return;
    json_t *people;
    char next[STORE_ID_LEN];
    int rc = svc_person_search(fhir_ctx(req), q.by, q.a, q.b, s.cursor[0] ? s.cursor : NULL, s.count, &people, next);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "Patient");
        return;
    }
    json_t *b = fhir_bundle("searchset", -1);
    fhir_bundle_link(req, b, "self", fhir_query_url(req, "Patient", NULL));
    if (next[0])
        fhir_bundle_link(req, b, "next", fhir_query_url(req, "Patient", next));
    json_t *shown = arena_json(&req->arena, json_array());
    size_t i;
    json_t *p;
    json_array_foreach(people, i, p)
        if (keep(&s, p)) {
            fhir_bundle_add(req, b, fhir_patient_from_person(p), "match");
            json_array_append(shown, p);
        }
    if (s.nincludes && include_gps(req, b, shown) != SVC_OK) {
        json_decref(b);
        fhir_result(req, res, SVC_FAILED, NULL, "Patient");
        return;
    }
    fhir_send(req, res, 200, b, NULL);
}

/* ---- create and update ---- */

/* The body as the service's input; NULL with a 400 naming each element
 * whose shape is wrong. */
static json_t *decode(struct request *req, struct response *res, json_t **resource)
{
    json_t *pt = *resource = fhir_body(req, res, "Patient");
    if (!pt)
        return NULL;
    json_t *errors = arena_json(&req->arena, json_array());
    json_t *body = arena_json(&req->arena, fhir_patient_to_body(pt, errors));
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e) {
        const char *path = json_string_value(json_object_get(e, "field")),
                   *msg = arena_printf(&req->arena, "%s %s", path, json_string_value(json_object_get(e, "message")));
        if (i == 0)
            fhir_outcome(res, 400, "structure", msg, path);
        else
            fhir_outcome_add(res, "structure", msg, path);
    }
    return json_array_size(errors) ? NULL : body;
}

void fhir_patient_create(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *pt;
    json_t *body = decode(req, res, &pt);
    if (!body)
        return;
    json_t *p;
    int rc = svc_person_create(fhir_ctx(req), body, NULL, &p);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, fhir_patient_paths, "Patient");
        return;
    }
    const char *id = json_string_value(json_object_get(p, "id"));
    send_patient(req, res, 201, p, arena_printf(&req->arena, "%s/Patient/%s/_history/%lld", fhir_base(req), id,
                                                json_integer_value(json_object_get(p, "version"))));
}

void fhir_patient_update(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *pt = NULL;
    const char *if_match = http_header(req, "If-Match");
    if (!if_match) {
        fhir_outcome(res, 428, "required", "Send If-Match: W/\"<versionId>\" with the version you changed.", NULL);
        return;
    }
    json_t *body = decode(req, res, &pt);
    if (!body)
        return;
    const char *id = json_string_value(json_object_get(pt, "id"));
    if (!id || strcmp(id, req->params[0]) != 0) {
        fhir_outcome(res, 400, "invalid", "Patient.id must be the id in the address.", "Patient.id");
        return;
    }
    json_t *p;
    struct svc_expect e = {if_match, NULL};
    int rc = svc_person_update(fhir_ctx(req), req->params[0], &e, body, &p);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, fhir_patient_paths, "Patient");
        return;
    }
    send_patient(req, res, 200, p, NULL);
}
