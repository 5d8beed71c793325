#include "fhir/by_patient.h"
#include "util/num.h"
#include <stdio.h>
#include <string.h>

const struct fhir_term *fhir_by_patient_begin(struct request *req, struct response *res,
                                              const struct fhir_search_spec *spec, struct fhir_search *s)
{
    if (fhir_accepts(req, res) < 0 || fhir_query_parse(req, res, spec, s) < 0)
        return NULL;
    const struct fhir_term *patient = fhir_search_term(s, "patient");
    if (!patient || (patient->has_system && strcmp(patient->system, "Patient") != 0)) {
        char why[120];
        snprintf(why, sizeof why, "Search %s by patient (Patient/<id>).", spec->resource);
        fhir_outcome(res, 400, "invalid", why, "patient");
        return NULL;
    }
    return patient;
}

void fhir_pager_init(struct fhir_pager *pg, struct request *req, const char *type, const struct fhir_search *s)
{
    const struct fhir_term *status = fhir_search_term(s, "status");
    int64_t cursor = num_i64_or(s->cursor, 0);
    *pg = (struct fhir_pager){req, type, status ? status->value : NULL, s, fhir_bundle("searchset", -1),
                              cursor > 0 ? (size_t)cursor : 0, s->count > 0 ? (size_t)s->count : 0, 0};
    fhir_bundle_link(req, pg->bundle, "self", fhir_query_url(req, type, NULL));
}

int fhir_pager_match(struct fhir_pager *pg)
{
    size_t n = pg->matched++;
    if (n == pg->from + pg->count) {
        char next[24];
        snprintf(next, sizeof next, "%zu", pg->from + pg->count);
        fhir_bundle_link(pg->req, pg->bundle, "next", fhir_query_url(pg->req, pg->type, next));
    }
    return n >= pg->from && n < pg->from + pg->count;
}

void fhir_pager_add(struct fhir_pager *pg, json_t *resource)
{
    fhir_bundle_add(pg->req, pg->bundle, resource, "match");
}

static int updated_matches(const struct fhir_search *s, json_t *resource)
{
    const char *at = json_string_value(json_object_get(json_object_get(resource, "meta"), "lastUpdated"));
    for (int i = 0; s && i < s->nlast_updated; i++)
        if (!fhir_date_matches(&s->last_updated[i], at))
            return 0;
    return 1;
}

void fhir_pager_offer(struct fhir_pager *pg, json_t *resource)
{
    const char *status = json_string_value(json_object_get(resource, "status"));
    if ((pg->status && (!status || strcmp(pg->status, status) != 0)) || !updated_matches(pg->search, resource) ||
        !fhir_pager_match(pg)) {
        json_decref(resource);
        return;
    }
    fhir_pager_add(pg, resource);
}

json_t *fhir_pager_bundle(struct fhir_pager *pg)
{
    json_object_set_new(pg->bundle, "total", json_integer((json_int_t)pg->matched));
    return pg->bundle;
}
