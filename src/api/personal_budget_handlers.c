/* JSON API of a care plan's personal budget and direct payment
 * (svc/personal_budgets.h): decode, call the service, encode. */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/personal_budgets.h"

/* The budget as read after a write (or on GET), with status. */
static void reply(struct request *req, struct response *res, int status)
{
    json_t *pb = NULL;
    int rc = svc_pb_read(api_ctx(req), req->params[0], &pb);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json_record(res, req, status, json_incref(pb));
}

void h_pb_get(struct request *req, struct response *res)
{
    reply(req, res, 200);
}

void h_pb_put(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    struct svc_expect e = api_expect(req, body);
    int rc = svc_pb_put(api_ctx(req), req->params[0], body, &e);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        reply(req, res, 200);
}

void h_pb_review_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    int rc = svc_pb_review_record(api_ctx(req), req->params[0], body);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/plans/%s/personal-budget", req->params[0]));
    reply(req, res, 201);
}

void h_pb_reviews_due(struct request *req, struct response *res)
{
    json_t *items = NULL;
    int rc = svc_pb_reviews_due(api_ctx(req), http_query(req, "state"), &items);
    api_reply_list(req, res, rc, &items);
}
