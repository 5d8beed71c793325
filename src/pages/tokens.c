/* The API tokens page (svc/accounts.h): list, issue (the secret shown
 * once), revoke. */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/accounts.h"
#include "web/web.h"

void p_tokens(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_token_list(api_ctx(req), &out);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        web_page(req, res, 200, "tokens", "API tokens", json_incref(out));
}

void p_token_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res)), *list = NULL;
    if (!body)
        return;
    char token[API_TOKEN_LEN], id[STORE_ID_LEN];
    int rc = api_token_issue(req, body, token, id);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_t *items = svc_token_list(api_ctx(req), &list) == SVC_OK ? json_object_get(list, "items") : NULL;
    web_page(req, res, 201, "tokens", "API tokens",
             json_pack("{s:o, s:s}", "items", items ? json_incref(items) : json_array(), "new_token", token));
}

void p_token_revoke(struct request *req, struct response *res)
{
    int rc = svc_token_revoke(api_ctx(req), req->params[0]);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_redirect(res, req, "/account/tokens");
}
