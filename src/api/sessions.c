/* Sign in and out: POST /api/v1/sessions, DELETE /api/v1/sessions/current,
 * GET /api/v1/me, and the login page. Failed logins for a username slow
 * down (1 s from the 3rd) and then get 429 (from the 5th, for a back-off
 * that doubles up to 15 minutes); a success clears the count. */
#include "api/api.h"
#include "api/handlers.h"
#include "http/auth.h"
#include "util/crypto.h"
#include "util/clock.h"
#include "web/web.h"
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SLOWDOWN_FROM 3
#define LOCKOUT_FROM 5
#define LOCKOUT_BASE_SECONDS 30
#define LOCKOUT_MAX_SECONDS (15 * 60)
#define FAILURE_MEMORY_SECONDS (15 * 60)

enum login_result { LOGIN_OK, LOGIN_BAD, LOGIN_THROTTLED, LOGIN_FAILED };

static char dummy_hash[256];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void make_dummy(void) { crypto_password_hash("not-a-real-password", dummy_hash, sizeof dummy_hash); }

static int lockout_seconds(int failures)
{
    int shift = failures - LOCKOUT_FROM;
    if (shift > 5)
        return LOCKOUT_MAX_SECONDS;
    int s = LOCKOUT_BASE_SECONDS << shift;
    return s > LOCKOUT_MAX_SECONDS ? LOCKOUT_MAX_SECONDS : s;
}

/* Seconds the caller must still wait, 0 when a try is allowed. */
static int throttle_wait(struct store *db, const char *user, int *failures)
{
    char last[STORE_TIME_LEN];
    struct store_error err = {0};
    if (accounts_throttle_get(db, user, failures, last, &err) < 0 || *failures == 0)
        return 0;
    int64_t ago = clock_now_seconds() - clock_parse_utc(last);
    if (ago > FAILURE_MEMORY_SECONDS) {
        *failures = 0;
        accounts_throttle_clear(db, user, &err);
        return 0;
    }
    if (*failures >= LOCKOUT_FROM && ago < lockout_seconds(*failures))
        return (int)(lockout_seconds(*failures) - ago);
    return 0;
}

static void record_failure(struct request *req, const char *user, int failures)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct store_error err = {0};
    struct svc_ctx c = {.db = req->db, .request_id = req->request_id};
    if (store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0) {
        int rc = accounts_throttle_fail(req->db, user, now, &err);
        if (rc == 0)
            rc = svc_audit(&c, "login_failed", "session", NULL, NULL, "system", &err);
        if (rc == 0)
            store_tx_commit(req->db, &err);
        else
            store_tx_rollback(req->db);
    }
    if (failures + 1 >= SLOWDOWN_FROM)
        sleep(1);
}

static enum login_result do_login(struct request *req, const char *username, const char *password,
                                  char token[CRYPTO_HEX32], int *retry_after)
{
    char user[128], hash[256];
    snprintf(user, sizeof user, "%s", username ? username : "");
    for (char *p = user; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    int failures = 0;
    *retry_after = throttle_wait(req->db, user, &failures);
    if (*retry_after > 0)
        return LOGIN_THROTTLED;
    struct store_error err = {0};
    struct principal p;
    memset(&p, 0, sizeof p);
    int rc = accounts_login_lookup(req->db, user, hash, sizeof hash, &p, &err);
    if (rc < 0 && rc != STORE_ENOTFOUND)
        return LOGIN_FAILED;
    pthread_once(&dummy_once, make_dummy);
    /* Verify against a dummy hash for unknown users: same time either way. */
    int ok = crypto_password_verify(rc == 0 ? hash : dummy_hash, password ? password : "") && rc == 0;
    if (!ok) {
        record_failure(req, user, failures);
        return LOGIN_BAD;
    }
    char csrf[CRYPTO_HEX32], id_hash[CRYPTO_HEX32], now[STORE_TIME_LEN];
    crypto_random_hex(token, 16);        /* 128-bit session id */
    crypto_random_hex(csrf, 32);
    crypto_sha256_hex(token, id_hash);
    store_now(now);
    req->who = p;
    snprintf(req->who.csrf_token, sizeof req->who.csrf_token, "%s", csrf);
    req->who.via_session = 1;
    struct svc_ctx c = api_svc_ctx(req);
    rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0)
        rc = accounts_session_create(req->db, id_hash, p.user_id, csrf, now, &err);
    if (rc == 0)
        rc = accounts_throttle_clear(req->db, user, &err);
    if (rc == 0)
        rc = svc_audit(&c, "login", "session", NULL, NULL, "self", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return LOGIN_OK;
    store_tx_rollback(req->db);
    return LOGIN_FAILED;
}

static void set_session_cookie(struct request *req, struct response *res, const char *value, int clear)
{
    char *c = arena_printf(&req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", req->app->session_cookie,
                           clear ? "" : value, req->app->cfg.secure_cookies ? "; Secure" : "",
                           clear ? "; Max-Age=0" : "");
    http_header_add(res, req, "Set-Cookie", c);
}

static void login_refused(struct request *req, struct response *res, enum login_result r, int retry)
{
    if (r == LOGIN_THROTTLED) {
        char s[16];
        snprintf(s, sizeof s, "%d", retry);
        http_header_add(res, req, "Retry-After", s);
        http_problem(res, req, 429, "too-many-attempts", "Too many failed sign-in attempts",
                     "Wait a few minutes before trying again.");
    } else if (r == LOGIN_BAD) {
        http_problem(res, req, 401, "bad-credentials", "Sign-in failed",
                     "The username or password is not right.");
    } else {
        http_internal(res, req, 503, "login failed");
    }
}

void h_session_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    json_t *errors = json_array();
    const char *u = api_str(body, "username", errors), *p = api_str(body, "password", errors);
    if (!u) svc_error_add(errors, "username", "is required");
    if (!p) svc_error_add(errors, "password", "is required");
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        json_decref(body);
        return;
    }
    json_decref(errors);
    char token[CRYPTO_HEX32];
    int retry = 0;
    enum login_result r = do_login(req, u, p, token, &retry);
    json_decref(body);
    if (r != LOGIN_OK) {
        login_refused(req, res, r, retry);
        return;
    }
    set_session_cookie(req, res, token, 0);
    struct store_error err = {0};
    json_t *user = accounts_user_get(req->db, req->who.user_id, &err);
    http_json(res, 201, json_pack("{s:o, s:s}", "user", user ? user : json_null(), "csrf_token",
                                  req->who.csrf_token));
}

static void end_session(struct request *req, struct response *res)
{
    const char *cookie = http_cookie(req, req->app->session_cookie);
    if (cookie) {
        char hash[CRYPTO_HEX32];
        crypto_sha256_hex(cookie, hash);
        struct store_error err = {0};
        struct svc_ctx c = api_svc_ctx(req);
        if (store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0) {
            int rc = accounts_session_delete(req->db, hash, &err);
            if (rc == 0)
                rc = svc_audit(&c, "logout", "session", NULL, NULL, "self", &err);
            if (rc == 0)
                store_tx_commit(req->db, &err);
            else
                store_tx_rollback(req->db);
        }
    }
    set_session_cookie(req, res, "", 1);
}

void h_session_delete(struct request *req, struct response *res)
{
    end_session(req, res);
    http_no_content(res);
}

void h_me(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *user = accounts_user_get(req->db, req->who.user_id, &err);
    if (!user) {
        http_internal(res, req, 503, err.message);
        return;
    }
    http_json(res, 200, user);
}

/* ---- pages ---------------------------------------------------------------- */

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
    json_t *form = http_body_json(req, res);
    if (!form)
        return;
    const char *sent = json_string_value(json_object_get(form, "login_token"));
    const char *cookie = http_cookie(req, req->app->login_cookie);
    if (!sent || !cookie || !crypto_str_equal(sent, cookie) || !auth_origin_ok(req)) {
        json_decref(form);
        login_form(req, res, 403, "The form expired. Please sign in again.", NULL);
        return;
    }
    const char *u = json_string_value(json_object_get(form, "username"));
    const char *p = json_string_value(json_object_get(form, "password"));
    char token[CRYPTO_HEX32];
    int retry = 0;
    enum login_result r = do_login(req, u, p, token, &retry);
    if (r == LOGIN_OK) {
        set_session_cookie(req, res, token, 0);
        http_redirect(res, req, "/");
    } else {
        char *user = arena_strdup(&req->arena, u ? u : "");
        memset(&req->who, 0, sizeof req->who);
        login_form(req, res, r == LOGIN_BAD ? 401 : (r == LOGIN_THROTTLED ? 429 : 503),
                   r == LOGIN_BAD ? "The username or password is not right."
                   : r == LOGIN_THROTTLED ? "Too many failed attempts. Wait a few minutes and try again."
                   : "Sign-in is not available right now. Try again shortly.", user);
    }
    json_decref(form);
}

void p_logout(struct request *req, struct response *res)
{
    end_session(req, res);
    http_redirect(res, req, "/login");
}
