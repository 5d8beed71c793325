/* JSON adapter of finding a person to identify them (svc/persons.h:
 * svc_person_find); the search page renders the same result. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/persons_api.h"
#include "svc/persons.h"

json_t *person_search(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return NULL;
    struct svc_person_query q = {http_query(req, "nhs_number"), http_query(req, "family_name"),
                                 http_query(req, "date_of_birth"), http_query(req, "postcode"),
                                 http_query(req, "cursor")};
    json_t *items;
    const char *next;
    int rc = svc_person_find(api_ctx(req), &q, limit, &items, &next);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return NULL;
    }
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
        person_present(it);
    return json_pack("{s:O, s:s?}", "items", items, "next_cursor", next);
}

void h_person_search(struct request *req, struct response *res)
{
    json_t *r = person_search(req, res);
    if (r)
        http_json(res, 200, r);
}
