/* The Client Level Data attributes of a person (svc/cld.h): what a
 * practitioner records for the national return that no other part of the
 * record holds. GET answers them with ETag: W/"<version>"; PUT replaces the
 * set (If-Match or body "version"; 0 before anything was recorded) and
 * answers what is stored. */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/cld.h"

void h_cld_attributes_get(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_cld_attributes_get(api_ctx(req), req->params[0], &out);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json_record(res, req, 200, json_incref(out));
}

void h_cld_attributes_put(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    int rc = svc_cld_attributes_put(api_ctx(req), req->params[0], http_header(req, "If-Match"), body);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    h_cld_attributes_get(req, res);
}

/* PUT /api/v1/cld/{assessments,plan-tasks,reviews}/{id}: an event's CLD details (svc_cld_event_details_put); 204. */
static void event_details(struct request *req, struct response *res, const char *kind, const char *id)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    int rc = svc_cld_event_details_put(api_ctx(req), kind, id, body);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_no_content(res);
}

void h_cld_assessment_put(struct request *req, struct response *res)
{
    event_details(req, res, "assessment", req->params[0]);
}

void h_cld_plan_task_put(struct request *req, struct response *res)
{
    event_details(req, res, "plan_task", req->params[0]);
}

void h_cld_review_put(struct request *req, struct response *res)
{
    event_details(req, res, "review", req->params[0]);
}
