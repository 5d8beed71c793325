/* JSON API of API tokens (svc/accounts.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/accounts.h"

void h_token_list(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_token_list(api_ctx(req), &out);
    api_reply(req, res, rc, 200, &out);
}

int api_token_issue(struct request *req, json_t *body, char token[API_TOKEN_LEN], char id[STORE_ID_LEN])
{
    struct svc_ctx *c = api_ctx(req);
    const char *label = input_str(body, "label", svc_errors(c));
    return svc_token_issue(c, req->who.user_id, label, token, id);
}

void h_token_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    char token[API_TOKEN_LEN], id[STORE_ID_LEN];
    int rc = api_token_issue(req, body, token, id);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json(res, 201, json_pack("{s:s, s:s, s:s}", "id", id, "token", token, "note",
                                      "Copy the token now: it is not shown again."));
}

void h_token_revoke(struct request *req, struct response *res)
{
    int rc = svc_token_revoke(api_ctx(req), req->params[0]);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_no_content(res);
}

/* An integration account's tokens, issued by its organisation's admin. */
void h_user_tokens(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_integration_token_list(api_ctx(req), req->params[0], &out);
    api_reply(req, res, rc, 200, &out);
}

void h_user_token_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, req->body.len ? http_body_json(req, res) : json_object());
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    char token[API_TOKEN_LEN], id[STORE_ID_LEN];
    int rc = svc_integration_token_issue(c, req->params[0], body, token, id);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json(res, 201, json_pack("{s:s, s:s, s:s, s:s}", "id", id, "user_id", req->params[0], "token", token,
                                      "note", "Copy the token now: it is not shown again."));
}
