/* JSON adapter of signing in and out: POST /api/v1/sessions, DELETE
 * /api/v1/sessions/current, GET /api/v1/me (svc/sessions.h); the session
 * cookie, shared with the login page (pages/sessions.c). */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/sessions.h"
#include <stdio.h>

void session_cookie_set(struct request *req, struct response *res, const char *value, int clear)
{
    char *c = arena_printf(&req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", req->app->session_cookie,
                           clear ? "" : value, req->app->cfg.secure_cookies ? "; Secure" : "",
                           clear ? "; Max-Age=0" : "");
    http_header_add(res, req, "Set-Cookie", c);
}

void session_end(struct request *req, struct response *res)
{
    svc_session_logout(api_ctx(req), http_cookie(req, req->app->session_cookie));
    session_cookie_set(req, res, "", 1);
}

int session_login(struct request *req, const char *username, const char *password, struct svc_session *s)
{
    int rc = svc_session_login(api_ctx(req), username, password, s);
    if (rc == SVC_OK)
        req->who = s->who;   /* this request now acts as the user signed in */
    return rc;
}

void h_session_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    json_t *errors = svc_errors(c);
    const char *u = input_str(body, "username", errors), *p = input_str(body, "password", errors);
    if (!u) svc_error_add(errors, "username", "is required");
    if (!p) svc_error_add(errors, "password", "is required");
    if (svc_has_errors(c)) {
        api_result(req, res, SVC_INVALID);
        return;
    }
    struct svc_session *s = arena_alloc(&req->arena, sizeof *s);
    int rc = session_login(req, u, p, s);
    if (rc != SVC_OK) {
        if (rc == SVC_THROTTLED)
            http_header_add(res, req, "Retry-After", arena_printf(&req->arena, "%d", s->retry_after));
        api_result(req, res, rc);
        return;
    }
    session_cookie_set(req, res, s->token, 0);
    json_t *user = NULL;
    if (svc_session_me(c, &user) != SVC_OK)
        user = NULL;
    http_json(res, 201, json_pack("{s:O?, s:s}", "user", user, "csrf_token", req->who.csrf_token));
}

void h_session_delete(struct request *req, struct response *res)
{
    session_end(req, res);
    http_no_content(res);
}

void h_me(struct request *req, struct response *res)
{
    json_t *user;
    int rc = svc_session_me(api_ctx(req), &user);
    api_reply(req, res, rc, 200, &user);
}
