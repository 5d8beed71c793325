/* Practitioner and PractitionerRole over FHIR: the staff directory.
 * A Practitioner is a Seamless user (staff account): id, the username as a
 * local identifier, name (display name), active. No professional
 * registration is held, so none is sent; no role, password or token
 * internals either. A PractitionerRole (same id as its user) is the user's
 * membership of their organisation: practitioner and organization
 * references, the teams, and the role and profession in words.
 * Read and search through svc_staff_get / svc_staff_directory (audited
 * there); routes at PERM_LOGGED_IN (see src/api/routes.c). */
#include "fhir/by_patient.h"
#include "fhir/practitioner.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "domain/words.h"
#include "svc/accounts.h"
#include "util/num.h"
#include <string.h>
#include <stdio.h>
#include <strings.h>

#define PRACTITIONER_PROFILE FHIR_UKCORE_SD "UKCore-Practitioner"
#define ROLE_PROFILE FHIR_UKCORE_SD "UKCore-PractitionerRole"

static const char *str(json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

json_t *fhir_practitioner_from_user(json_t *u)
{
    return json_pack("{s:s, s:s?, s:o, s:[{s:s, s:s?}], s:b, s:[{s:s, s:s?}]}", "resourceType", "Practitioner", "id",
                     str(u, "id"), "meta", fhir_meta(u, PRACTITIONER_PROFILE), "identifier", "system",
                     FHIR_USERNAME_ID, "value", str(u, "username"), "active",
                     json_is_true(json_object_get(u, "active")), "name", "use", "usual", "text",
                     str(u, "display_name"));
}

json_t *fhir_practitioner_role_from_user(json_t *u)
{
    json_t *code = json_array();
    const char *prof = words_profession(str(u, "profession")), *r = words_role(str(u, "role"));
    if (prof)
        json_array_append_new(code, json_pack("{s:s}", "text", prof));
    if (r)
        json_array_append_new(code, json_pack("{s:s}", "text", r));
    char pref[64], oref[64];
    snprintf(pref, sizeof pref, "Practitioner/%s", str(u, "id"));
    snprintf(oref, sizeof oref, "Organization/%s", str(u, "org_id"));
    json_t *pr = json_pack("{s:s, s:s?, s:o, s:b, s:{s:s, s:s?}, s:{s:s, s:s?}}", "resourceType", "PractitionerRole",
                           "id", str(u, "id"), "meta", fhir_meta(u, ROLE_PROFILE), "active",
                           json_is_true(json_object_get(u, "active")), "practitioner", "reference", pref, "display",
                           str(u, "display_name"), "organization", "reference", oref, "display", str(u, "org_name"));
    if (json_array_size(code))
        json_object_set_new(pr, "code", code);
    else
        json_decref(code);
    /* The teams, in words (Seamless teams are not HealthcareService resources). */
    json_t *teams = json_object_get(u, "teams"), *t, *spec = json_array();
    size_t i;
    json_array_foreach(teams, i, t)
        json_array_append_new(spec, json_pack("{s:s?}", "text", str(t, "name")));
    if (json_array_size(spec))
        json_object_set_new(pr, "specialty", spec);
    else
        json_decref(spec);
    return pr;
}

static void read_one(struct request *req, struct response *res, const char *type, json_t *(*map)(json_t *))
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *u;
    int rc = svc_staff_get(fhir_ctx(req), req->params[0], &u);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, type);
        return;
    }
    fhir_send(req, res, 200, map(u), NULL);
}

void fhir_practitioner_read(struct request *req, struct response *res) { read_one(req, res, "Practitioner", fhir_practitioner_from_user); }
void fhir_practitioner_role_read(struct request *req, struct response *res)
{
    read_one(req, res, "PractitionerRole", fhir_practitioner_role_from_user);
}

static int starts(const char *s, const struct fhir_term *t)
{
    if (!s)
        return 0;
    return t->exact ? strcmp(s, t->value) == 0 : strncasecmp(s, t->value, strlen(t->value)) == 0;
}

/* Practitioner: name (display name starts with, or any later word does),
 * identifier (the username). PractitionerRole: practitioner, organization. */
static int matches(const struct fhir_search *s, json_t *u)
{
    const struct fhir_term *t;
    if ((t = fhir_search_term(s, "name"))) {
        const char *n = str(u, "display_name"), *sp = n;
        int hit = starts(n, t);
        while (!hit && !t->exact && sp && (sp = strchr(sp, ' ')) != NULL)
            hit = starts(++sp, t);
        if (!hit)
            return 0;
    }
    if ((t = fhir_search_term(s, "identifier")) &&
        ((t->has_system && strcmp(t->system, FHIR_USERNAME_ID) != 0) || strcmp(t->value, str(u, "username")) != 0))
        return 0;
    if ((t = fhir_search_term(s, "practitioner")) &&
        ((t->system[0] && strcmp(t->system, "Practitioner") != 0) || strcmp(t->value, str(u, "id")) != 0))
        return 0;
    if ((t = fhir_search_term(s, "organization")) &&
        ((t->system[0] && strcmp(t->system, "Organization") != 0) || strcmp(t->value, str(u, "org_id")) != 0))
        return 0;
    return 1;
}

static void search(struct request *req, struct response *res, const struct fhir_search_spec *spec,
                   json_t *(*map)(json_t *))
{
    if (fhir_accepts(req, res) < 0)
        return;
    struct fhir_search s;
    if (fhir_query_parse(req, res, spec, &s) < 0)
        return;
    json_t *items;
    int rc = svc_staff_directory(fhir_ctx(req), &items);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, spec->resource);
        return;
    }
    /* Staff of one county: thousands at most, paged by position. */
    struct fhir_pager pg;
    fhir_pager_init(&pg, req, spec->resource, &s);
    size_t i;
    json_t *u;
    json_array_foreach(items, i, u) if (matches(&s, u) && fhir_pager_match(&pg)) fhir_pager_add(&pg, map(u));
    fhir_send(req, res, 200, fhir_pager_bundle(&pg), NULL);
}

static const struct fhir_param_spec P_PARAMS[] = {{"name", FHIR_STRING}, {"identifier", FHIR_TOKEN}, {NULL, 0}};
static const struct fhir_search_spec P_SPEC = {"Practitioner", P_PARAMS, NULL};
static const struct fhir_param_spec R_PARAMS[] = {{"practitioner", FHIR_REFERENCE}, {"organization", FHIR_REFERENCE},
                                                  {NULL, 0}};
static const struct fhir_search_spec R_SPEC = {"PractitionerRole", R_PARAMS, NULL};

void fhir_practitioner_search(struct request *req, struct response *res) { search(req, res, &P_SPEC, fhir_practitioner_from_user); }
void fhir_practitioner_role_search(struct request *req, struct response *res)
{
    search(req, res, &R_SPEC, fhir_practitioner_role_from_user);
}
