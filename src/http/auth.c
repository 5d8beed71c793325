#include "http/auth.h"
#include "http/app.h"
#include "util/crypto.h"
#include "http/form.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Sessions are touched at most once a minute, so authenticated reads do not
 * each become a write. */
#define TOUCH_INTERVAL 60

static int resolve_session(struct request *req, const char *cookie)
{
    struct app *app = req->app;
    char hash[CRYPTO_HEX32], created[STORE_TIME_LEN], seen[STORE_TIME_LEN];
    struct store_error err = {0};
    crypto_sha256_hex(cookie, hash);
    int rc = accounts_session_lookup(req->db, hash, &req->who, created, seen, &err);
    if (rc == STORE_ENOTFOUND)
        return 0;
    if (rc < 0)
        return rc;
    int64_t now = clock_now_seconds();
    int64_t c = clock_parse_utc(created), s = clock_parse_utc(seen);
    if (c < 0 || s < 0 || now - s > app->cfg.session_idle_seconds ||
        now - c > app->cfg.session_absolute_seconds) {
        accounts_session_delete(req->db, hash, &err);
        memset(&req->who, 0, sizeof req->who);
        return 0;
    }
    if (now - s >= TOUCH_INTERVAL) {
        char nowtxt[STORE_TIME_LEN];
        store_now(nowtxt);
        accounts_session_touch(req->db, hash, nowtxt, &err);
    }
    return 1;
}

int auth_resolve(struct request *req)
{
    memset(&req->who, 0, sizeof req->who);
    const char *authz = http_header(req, "Authorization");
    struct store_error err = {0};
    if (authz) {
        if (strncasecmp(authz, "Bearer ", 7) != 0 || strlen(authz + 7) < 16)
            return 0;
        char hash[CRYPTO_HEX32];
        crypto_sha256_hex(authz + 7, hash);
        int rc = accounts_token_lookup(req->db, hash, &req->who, &err);
        if (rc == STORE_ENOTFOUND)
            return 0;
        return rc < 0 ? rc : 1;
    }
    const char *cookie = http_cookie(req, req->app->session_cookie);
    if (cookie && strlen(cookie) >= 32)
        return resolve_session(req, cookie);
    return 0;
}

/* "http://127.0.0.1:8080" matches Host "127.0.0.1:8080". */
static int same_origin(const char *origin, const char *host)
{
    const char *p = strstr(origin, "://");
    if (!p || !host)
        return 0;
    p += 3;
    size_t hl = strlen(host);
    return strncmp(p, host, hl) == 0 && (p[hl] == '\0' || p[hl] == '/');
}

int auth_origin_ok(struct request *req)
{
    const char *host = http_header(req, "Host");
    const char *origin = http_header(req, "Origin");
    if (origin)
        return strcmp(origin, "null") != 0 && same_origin(origin, host);
    const char *referer = http_header(req, "Referer");
    return referer && same_origin(referer, host);
}

int auth_csrf_ok(struct request *req)
{
    if (!auth_origin_ok(req))
        return 0;
    const char *token = http_header(req, "X-CSRF-Token");
    json_t *form = NULL;
    const char *ct = http_header(req, "Content-Type");
    if (!token && ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
        form = form_parse(buf_str(&req->body), req->body.len);
        token = form ? json_string_value(json_object_get(form, "csrf_token")) : NULL;
    }
    int ok = token && crypto_str_equal(token, req->who.csrf_token);
    json_decref(form);
    return ok;
}
