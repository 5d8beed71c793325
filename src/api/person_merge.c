/* JSON adapter of merging two records of the same person (org admins;
 * svc/persons.h: svc_person_merge). */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/persons.h"

void h_person_merge(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    const char *merge_id = input_str(body, "merge_id", svc_errors(c));
    int rc = svc_person_merge(c, req->params[0], merge_id);   /* adds its errors to the decoder's */
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_json(res, 200, json_pack("{s:s, s:s}", "id", req->params[0], "merged", merge_id));
}
