/* API tokens: a user issues and revokes their own; an org admin may revoke
 * any token of their organisation's users. The secret is shown once; only
 * its SHA-256 is stored. */
#include "api/api.h"
#include "api/handlers.h"
#include "domain/roles.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

void h_token_list(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *items = accounts_token_list(req->db, req->who.user_id, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return;
    }
    http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

static int issue(struct request *req, struct response *res, json_t *body, char token[API_TOKEN_LEN],
                 char id[STORE_ID_LEN])
{
    json_t *errors = json_array();
    const char *label = api_str(body, "label", errors);
    if (label && strlen(label) > 100)
        http_add_error(errors, "label", "must be at most 100 characters");
    struct svc_ctx c = api_svc_ctx(req);
    int rc = json_array_size(errors) ? SVC_INVALID : svc_token_issue(&c, req->who.user_id, label, token, id);
    if (rc != SVC_OK)
        api_fail(req, res, rc, errors, "token");
    json_decref(errors);
    return rc;
}

void h_token_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char token[API_TOKEN_LEN], id[STORE_ID_LEN];
    if (issue(req, res, body, token, id) == SVC_OK)
        http_json(res, 201, json_pack("{s:s, s:s, s:s}", "id", id, "token", token, "note",
                                      "Copy the token now: it is not shown again."));
    json_decref(body);
}

/* 0 when the caller may revoke token id. */
static int may_revoke(struct request *req, struct response *res, const char *id)
{
    char owner[STORE_ID_LEN];
    struct store_error err = {0};
    int rc = accounts_token_owner(req->db, id, owner, &err);
    if (rc < 0) {
        api_fail(req, res, rc == STORE_ENOTFOUND ? SVC_NOTFOUND : SVC_FAILED, NULL, "token");
        return -1;
    }
    if (strcmp(owner, req->who.user_id) == 0)
        return 0;
    json_t *u = accounts_user_get(req->db, owner, &err);
    int same_org = u && strcmp(json_string_value(json_object_get(u, "org_id")), req->who.org_id) == 0;
    json_decref(u);
    if (same_org && role_allows(req->who.role, PERM_ORG_ADMIN))
        return 0;
    api_fail(req, res, SVC_NOTFOUND, NULL, "token");
    return -1;
}

static int revoke(struct request *req, struct response *res)
{
    if (may_revoke(req, res, req->params[0]) < 0)
        return -1;
    char now[STORE_TIME_LEN];
    store_now(now);
    struct store_error err = {0};
    struct svc_ctx c = api_svc_ctx(req);
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0)
        rc = accounts_token_revoke(req->db, req->params[0], now, &err);
    if (rc == 0)
        rc = svc_audit(&c, "revoke", "api_token", req->params[0], NULL, "self", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return 0;
    store_tx_rollback(req->db);
    http_internal(res, req, 503, err.message);
    return -1;
}

void h_token_revoke(struct request *req, struct response *res)
{
    if (revoke(req, res) == 0)
        http_no_content(res);
}

void p_tokens(struct request *req, struct response *res)
{
    h_token_list(req, res);
    if (res->status != 200)
        return;
    json_t *data = res->json;
    res->json = NULL;
    web_page(req, res, 200, "tokens", "API tokens", data);
}

void p_token_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char token[API_TOKEN_LEN], id[STORE_ID_LEN];
    if (issue(req, res, body, token, id) == SVC_OK) {
        struct store_error err = {0};
        json_t *items = accounts_token_list(req->db, req->who.user_id, &err);
        web_page(req, res, 201, "tokens", "API tokens",
                 json_pack("{s:o, s:s}", "items", items ? items : json_array(), "new_token", token));
    }
    json_decref(body);
}

void p_token_revoke(struct request *req, struct response *res)
{
    if (revoke(req, res) == 0)
        http_redirect(res, req, "/account/tokens");
}
