/* /api/v1/boards and /api/v1/partnerships (svc/boards.h). */
#include "api/api.h"
#include "api/disputes_api.h"
#include "svc/boards.h"

static void answer(struct request *req, struct response *res, int rc, json_t *out, int status, int record)
{
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    if (record)
        http_json_record(res, req, status, json_incref(out));
    else
        http_json(res, status, json_pack("{s:O}", "items", out));
}

void h_boards_list(struct request *req, struct response *res)
{
    json_t *out = NULL;
    int rc = svc_boards_list(api_ctx(req), &out);
    answer(req, res, rc, out, 200, 0);
}

void h_board_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res)), *out = NULL;
    if (!body)
        return;
    int rc = svc_board_create(api_ctx(req), body, &out);
    answer(req, res, rc, out, 201, 1);
}

void h_partnership_list(struct request *req, struct response *res)
{
    json_t *out = NULL;
    int rc = svc_partnerships(api_ctx(req), &out);
    answer(req, res, rc, out, 200, 0);
}

void h_partnership_policy(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res)), *out = NULL;
    if (!body)
        return;
    int rc = svc_partnership_policy(api_ctx(req), req->params[0], body, &out);
    answer(req, res, rc, out, 200, 1);
}
