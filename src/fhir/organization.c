/* Organization over FHIR: read and search by identifier or name (organization.h). */
#include "fhir/by_patient.h"
#include "fhir/organization.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "svc/accounts.h"
#include "util/num.h"
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

/* Our organisation types in the R4 organization-type code system. */
static const char *const TYPES[][3] = {
    {"council", "govt", "Government"},         {"icb", "govt", "Government"},
    {"acute_trust", "prov", "Healthcare Provider"}, {"community_trust", "prov", "Healthcare Provider"},
    {"gp_practice", "prov", "Healthcare Provider"}, {"provider", "prov", "Healthcare Provider"},
    {"voluntary", "cg", "Community Group"},
};

json_t *fhir_organization_from_org(json_t *o)
{
    const char *type = json_string_value(json_object_get(o, "type"));
    json_t *org = json_pack("{s:s, s:s?, s:o, s:[{s:s, s:s?}], s:b, s:s?}", "resourceType", "Organization", "id",
                            json_string_value(json_object_get(o, "id")), "meta",
                            fhir_meta(o, FHIR_ORGANIZATION_PROFILE), "identifier", "system", FHIR_ODS_CODE, "value",
                            json_string_value(json_object_get(o, "code")), "active", 1, "name",
                            json_string_value(json_object_get(o, "name")));
    for (size_t i = 0; type && i < sizeof TYPES / sizeof TYPES[0]; i++)
        if (strcmp(TYPES[i][0], type) == 0)
            json_object_set_new(org, "type", json_pack("[{s:[{s:s, s:s, s:s}], s:s}]", "coding", "system",
                                "http://terminology.hl7.org/CodeSystem/organization-type", "code", TYPES[i][1],
                                "display", TYPES[i][2], "text", type));
    return org;
}

static json_t *all_orgs(struct request *req, struct response *res)
{
    json_t *orgs;
    int rc = svc_org_list(fhir_ctx(req), &orgs);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "Organization");
        return NULL;
    }
    return json_object_get(orgs, "items");
}

void fhir_organization_read(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *items = all_orgs(req, res);
    size_t i;
    json_t *o;
    json_array_foreach(items, i, o)
        if (strcmp(json_string_value(json_object_get(o, "id")), req->params[0]) == 0) {
            fhir_send(req, res, 200, fhir_organization_from_org(o), NULL);
            return;
        }
    if (items)
        fhir_outcome(res, 404, "not-found", "No such Organization.", NULL);
}

static const struct fhir_param_spec PARAMS[] = {{"identifier", FHIR_TOKEN}, {"name", FHIR_STRING}, {NULL, 0}};
static const struct fhir_search_spec SPEC = {"Organization", PARAMS, NULL};

static int matches(const struct fhir_search *s, json_t *o)
{
    const struct fhir_term *id = fhir_search_term(s, "identifier"), *name = fhir_search_term(s, "name");
    if (id && ((id->has_system && strcmp(id->system, FHIR_ODS_CODE) != 0) ||
               strcasecmp(id->value, json_string_value(json_object_get(o, "code"))) != 0))
        return 0;
    const char *n = json_string_value(json_object_get(o, "name"));
    if (name && (name->exact ? strcmp(n, name->value) != 0 : strncasecmp(n, name->value, strlen(name->value)) != 0))
        return 0;
    return 1;
}

void fhir_organization_search(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    struct fhir_search s;
    if (fhir_query_parse(req, res, &SPEC, &s) < 0)
        return;
    json_t *items = all_orgs(req, res);
    if (!items)
        return;
    /* Organisations are few (one county: hundreds): paged by position. */
    struct fhir_pager pg;
    fhir_pager_init(&pg, req, "Organization", &s);
    size_t i;
    json_t *o;
    json_array_foreach(items, i, o) if (matches(&s, o) && fhir_pager_match(&pg)) fhir_pager_add(&pg, fhir_organization_from_org(o));
    fhir_send(req, res, 200, fhir_pager_bundle(&pg), NULL);
}
