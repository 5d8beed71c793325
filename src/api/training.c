/* JSON adapter of training towards the delegated-task competencies:
 * courses, attendance and the uptake report (svc/training.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/training.h"

/* The course as it now stands, with status (201 after a write). */
static void course(struct request *req, struct response *res, int status, const char *id)
{
    json_t *c;
    int rc = svc_training_course_get(api_ctx(req), id, &c);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_json(res, status, json_incref(c));
}

void h_training_course_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    char id[STORE_ID_LEN];
    int rc = svc_training_course_create(api_ctx(req), body, id);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        course(req, res, 201, id);
}

void h_training_course_list(struct request *req, struct response *res)
{
    json_t *items;
    int rc = svc_training_course_list(api_ctx(req), &items);
    api_reply_list(req, res, rc, &items);
}

void h_training_attendance(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    int rc = svc_training_attendance(api_ctx(req), req->params[0], body);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        course(req, res, 201, req->params[0]);
}

void h_training_uptake(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_training_uptake(api_ctx(req), &out);
    api_reply(req, res, rc, 200, &out);
}
