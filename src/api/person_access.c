/* The HTTP face of the access choke point (svc/access.h). */
#include "api/person_access.h"
#include "api/api.h"
#include "svc/access.h"

int person_check(struct request *req, struct response *res, const char *person_id,
                 enum access_decision *decision, const char **basis)
{
    int rc = svc_person_access(api_ctx(req), person_id, decision, basis);
    if (rc == SVC_OK)
        return 0;
    api_result(req, res, rc);
    return -1;
}

json_t *person_record_check(struct request *req, struct response *res, json_t *row, const struct store_error *err,
                            const char *what)
{
    struct svc_ctx *c = api_ctx(req);
    if (!row)
        c->err = *err;
    int rc = svc_record_access(c, row, err->code, what);
    if (rc == SVC_OK)
        return row;
    json_decref(row);
    api_result(req, res, rc);
    return NULL;
}

json_t *person_read(struct request *req, struct response *res, const char *person_id)
{
    json_t *p;
    int rc = svc_person_read(api_ctx(req), person_id, &p);
    if (rc == SVC_OK)
        return json_incref(p);
    api_result(req, res, rc);
    return NULL;
}
