/* fhir/by_patient: the searches of one person's resources (CarePlan, Task,
 * ServiceRequest, EpisodeOfCare ?patient=…&status=…): the patient parameter
 * checked, then the person's resources offered one by one to a pager that
 * filters by status, pages by position (one person's records are few) and
 * builds the searchset Bundle with its total and next link. The directory
 * searches (Organization, Practitioner, PractitionerRole) use the same pager. */
#ifndef SEAMLESS_FHIR_BY_PATIENT_H
#define SEAMLESS_FHIR_BY_PATIENT_H
#include "fhir/query.h"
#include <stddef.h>

/* The spec's parameters are patient (reference) and status (token). Parses
 * the query; the patient term, or NULL with the response set (400 naming
 * patient when it is missing or not Patient/<id>). */
const struct fhir_term *fhir_by_patient_begin(struct request *req, struct response *res,
                                              const struct fhir_search_spec *spec, struct fhir_search *s);

struct fhir_pager {
    struct request *req;
    const char *type;
    const char *status;    /* NULL: any */
    const struct fhir_search *search;   /* its _lastUpdated terms filter too */
    json_t *bundle;
    size_t from, count, matched;
};
void fhir_pager_init(struct fhir_pager *pg, struct request *req, const char *type, const struct fhir_search *s);
/* Takes resource: kept in the page when its status and meta.lastUpdated
 * match (status, _lastUpdated) and it falls in the page, else released. */
void fhir_pager_offer(struct fhir_pager *pg, json_t *resource);
/* For a caller that filters by itself and builds a resource only when it is
 * shown (a directory of thousands): counts one more match and says whether
 * it falls in the page; then fhir_pager_add the resource. */
int fhir_pager_match(struct fhir_pager *pg);
void fhir_pager_add(struct fhir_pager *pg, json_t *resource);
/* The Bundle (total = every match), handed to the caller. */
json_t *fhir_pager_bundle(struct fhir_pager *pg);

#endif
