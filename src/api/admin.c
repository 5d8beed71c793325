/* JSON API of organisations, teams and users (svc/accounts.h): org admins
 * manage their own organisation's teams and users. */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/accounts.h"

/* Sends out (owned by the context) with status, or the outcome rc. */
void h_org_list(struct request *req, struct response *res)
{
    json_t *out = NULL;
    api_reply_record(req, res, svc_org_list(api_ctx(req), &out), 200, &out);
}

/* ---- teams ---------------------------------------------------------------- */

void h_team_list(struct request *req, struct response *res)
{
    json_t *out = NULL;
    api_reply_record(req, res, svc_team_list(api_ctx(req), http_query(req, "org"), &out), 200, &out);
}

/* Creates a team of the principal's organisation from body: SVC_OK with id. */
int api_team_create(struct request *req, json_t *body, char id[STORE_ID_LEN])
{
    struct svc_ctx *c = api_ctx(req);
    const char *code = input_str(body, "code", svc_errors(c)), *name = input_str(body, "name", svc_errors(c));
    return svc_has_errors(c) ? SVC_INVALID : svc_team_add(c, req->who.org_id, code, name, id);
}

void h_team_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res)), *team = NULL;
    if (!body)
        return;
    char id[STORE_ID_LEN];
    int rc = api_team_create(req, body, id);
    if (rc == SVC_OK)
        rc = svc_team_get(api_ctx(req), id, &team);
    if (rc == SVC_OK)
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/teams/%s", id));
    api_reply_record(req, res, rc, 201, &team);
}

void h_team_get(struct request *req, struct response *res)
{
    json_t *out = NULL;
    api_reply_record(req, res, svc_team_get(api_ctx(req), req->params[0], &out), 200, &out);
}

void h_team_update(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res)), *team = NULL;
    if (!body)
        return;
    struct svc_expect e = api_expect(req, body);
    int rc = svc_team_update(api_ctx(req), req->params[0], body, &e);
    if (rc == SVC_OK)
        rc = svc_team_get(api_ctx(req), req->params[0], &team);
    api_reply_record(req, res, rc, 200, &team);
}

/* ---- users ---------------------------------------------------------------- */

void h_user_list(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return;
    json_t *out = NULL;
    api_reply_record(req, res, svc_user_list(api_ctx(req), http_query(req, "cursor"), limit, &out), 200, &out);
}

int api_user_create(struct request *req, json_t *body, char id[STORE_ID_LEN])
{
    struct svc_ctx *c = api_ctx(req);
    json_t *errors = svc_errors(c);
    struct user_input u = {req->who.org_id, input_str(body, "username", errors),
                           input_str(body, "display_name", errors), input_str(body, "role", errors),
                           input_str(body, "profession", errors), input_str(body, "password", errors),
                           json_object_get(body, "teams"), NULL};
    if (u.team_codes && json_is_string(u.team_codes)) {
        /* A form with one team sends a string, not a list. */
        json_t *one = json_array();
        json_array_append(one, u.team_codes);
        json_object_set_new(body, "teams", one);
        u.team_codes = one;
    }
    return svc_user_add(c, &u, id);
}

void h_user_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res)), *user = NULL;
    if (!body)
        return;
    char id[STORE_ID_LEN];
    int rc = api_user_create(req, body, id);
    if (rc == SVC_OK)
        rc = svc_user_get(api_ctx(req), id, &user);
    if (rc == SVC_OK)
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/users/%s", id));
    api_reply_record(req, res, rc, 201, &user);
}

void h_user_get(struct request *req, struct response *res)
{
    json_t *out = NULL;
    api_reply_record(req, res, svc_user_get(api_ctx(req), req->params[0], &out), 200, &out);
}

void h_user_update(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res)), *user = NULL;
    if (!body)
        return;
    struct svc_expect e = api_expect(req, body);
    int rc = svc_user_update(api_ctx(req), req->params[0], body, &e);
    if (rc == SVC_OK)
        rc = svc_user_get(api_ctx(req), req->params[0], &user);
    api_reply_record(req, res, rc, 200, &user);
}
