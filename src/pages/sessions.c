/* The login page and signing out from a page (svc/sessions.h; the session
 * cookie is api/sessions.c's). The login form carries its own CSRF token
 * in a short-lived cookie, as nobody is signed in yet. */
#include "api/api.h"
#include "api/handlers.h"
#include "http/auth.h"
#include "svc/sessions.h"
#include "web/web.h"
#include <string.h>

static void login_form(struct request *req, struct response *res, int status, const char *error,
                       const char *username)
{
    char token[CRYPTO_HEX32];
    crypto_random_hex(token, 32);
    char *c = arena_printf(&req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s", req->app->login_cookie,
                           token, req->app->cfg.secure_cookies ? "; Secure" : "");
    http_header_add(res, req, "Set-Cookie", c);
    json_t *data = json_pack("{s:s, s:s?, s:s}", "login_token", token, "error", error, "username",
                             username ? username : "");
    web_page(req, res, status, "login", "Sign in", data);
}

void p_login(struct request *req, struct response *res)
{
    if (req->who.user_id[0]) {
        http_redirect(res, req, "/");
        return;
    }
    login_form(req, res, 200, NULL, NULL);
}

void p_login_post(struct request *req, struct response *res)
{
    json_t *form = arena_json(&req->arena, http_body_json(req, res));
    if (!form)
        return;
    const char *sent = json_string_value(json_object_get(form, "login_token"));
    const char *cookie = http_cookie(req, req->app->login_cookie);
    if (!sent || !cookie || !crypto_str_equal(sent, cookie) || !auth_origin_ok(req)) {
        login_form(req, res, 403, "The form expired. Please sign in again.", NULL);
        return;
    }
    const char *u = json_string_value(json_object_get(form, "username"));
    const char *p = json_string_value(json_object_get(form, "password"));
    struct svc_session *s = arena_alloc(&req->arena, sizeof *s);
    int rc = session_login(req, u, p, s);
    if (rc == SVC_OK) {
        session_cookie_set(req, res, s->token, 0);
        http_redirect(res, req, "/");
        return;
    }
    memset(&req->who, 0, sizeof req->who);
    login_form(req, res, rc == SVC_BAD_CREDENTIALS ? 401 : rc == SVC_THROTTLED ? 429 : 503,
               rc == SVC_BAD_CREDENTIALS ? "The username or password is not right."
               : rc == SVC_THROTTLED     ? "Too many failed attempts. Wait a few minutes and try again."
                                         : "Sign-in is not available right now. Try again shortly.",
               u ? u : "");
}

void p_logout(struct request *req, struct response *res)
{
    session_end(req, res);
    http_redirect(res, req, "/login");
}
