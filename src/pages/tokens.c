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

/* ---- an integration account's tokens, for its organisation's admin ---- */

/* The page: the account, its tokens, the issue form; new_token (shown this
 * once) after an issue, errors after a refused one. */
static void integration_tokens(struct request *req, struct response *res, int status, const char *new_token,
                               json_t *errors, const char *typed_label)
{
    json_t *out;
    int rc = svc_integration_token_list(api_ctx(req), req->params[0], &out);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_t *data = api_error_data(errors);
    json_object_update(data, out);
    if (new_token)
        json_object_set_new(data, "new_token", json_string(new_token));
    if (typed_label)
        json_object_set_new(data, "typed_label", json_string(typed_label));
    web_page(req, res, status, "admin_user_tokens", "Integration account tokens", data);
}

void p_admin_user_tokens(struct request *req, struct response *res)
{
    integration_tokens(req, res, 200, NULL, NULL, NULL);
}

void p_admin_user_token_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    char token[API_TOKEN_LEN], id[STORE_ID_LEN];
    int rc = svc_integration_token_issue(c, req->params[0], body, token, id);
    if (rc == SVC_OK || rc == SVC_INVALID)
        integration_tokens(req, res, rc == SVC_OK ? 201 : 422, rc == SVC_OK ? token : NULL,
                           rc == SVC_OK ? NULL : c->errors,
                           rc == SVC_OK ? NULL : json_string_value(json_object_get(body, "label")));
    else
        api_result(req, res, rc);
}

void p_admin_user_token_revoke(struct request *req, struct response *res)
{
    int rc = svc_integration_token_revoke(api_ctx(req), req->params[0], req->params[1]);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_redirect(res, req, arena_printf(&req->arena, "/admin/users/%s/tokens", req->params[0]));
}
