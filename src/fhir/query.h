/* fhir/query: a request's query string through the search-parameter
 * parser (search.h), and the Bundle links built back from it. */
#ifndef SEAMLESS_FHIR_QUERY_H
#define SEAMLESS_FHIR_QUERY_H
#include "fhir/fhir.h"
#include "fhir/search.h"

/* 0, or -1 with a 400 OperationOutcome naming the parameter. */
int fhir_query_parse(struct request *req, struct response *res, const struct fhir_search_spec *spec,
                     struct fhir_search *out);
/* "Type?<the request's parameters>" with _cursor set to cursor (NULL: as
 * given), percent-encoded, in the request arena. */
const char *fhir_query_url(struct request *req, const char *type, const char *cursor);

#endif
