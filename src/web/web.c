#include "web/web.h"
#include "domain/fast_track.h"
#include "web/template.h"
#include "web/form_echo.h"
#include "web/notice.h"
#include "http/form.h"
#include "http/app.h"
#include "domain/roles.h"
#include "util/embedded.h"
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int render_named(const char *name, json_t *data, struct buf *out)
{
    char path[128];
    snprintf(path, sizeof path, "templates/%s.html", name);
    const struct embedded_file *f = embedded_find(path);
    if (!f)
        return -1;
    return template_render((const char *)f->data, f->len, data, out);
}

/* {{> name}} is templates/_name.html. */
static const char *load_partial(const char *name, size_t n, size_t *len)
{
    char path[128];
    if (n > 64)
        return NULL;
    snprintf(path, sizeof path, "templates/_%.*s.html", (int)n, name);
    const struct embedded_file *f = embedded_find(path);
    if (!f)
        return NULL;
    *len = f->len;
    return (const char *)f->data;
}

static pthread_once_t partials_once = PTHREAD_ONCE_INIT;
static void set_partials(void) { template_set_partials(load_partial); }

static json_t *user_context(struct request *req)
{
    if (!req->who.user_id[0])
        return json_null();
    const char *role = req->who.role;
    return json_pack("{s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:b, s:b}", "display_name", req->who.display_name,
                     "role", role, "username", req->who.username, "is_icb", strcmp(req->who.org_type, "icb") == 0,
                     "is_org_admin", role_allows(role, PERM_ORG_ADMIN),
                     "is_privacy_officer", role_allows(role, PERM_PRIVACY_OFFICER),
                     "sees_personal_data", role_allows(role, PERM_PERSONAL_DATA),
                     "sees_aggregates", role_allows(role, PERM_AGGREGATES),
                     "may_fast_track", fast_track_may_refer(req->who.profession));
}

/* For the NHS.UK date input (issue #14 item 11): every "YYYY-MM-DD" value
 * in the page data also as KEY_day, KEY_month and KEY_year (no leading
 * zeros), so a form shows a date it holds in its three fields. */
static void date_parts(json_t *v, int depth)
{
    if (depth > 12)
        return;
    size_t i;
    json_t *x;
    if (json_is_array(v)) {
        json_array_foreach(v, i, x) date_parts(x, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    json_t *add = json_object();
    const char *key;
    json_object_foreach(v, key, x) {
        const char *s = json_string_value(x);
        int y, m, d;
        char tail;
        if (s && strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && s[4] == '-' && s[7] == '-') {
            char k[160];
            snprintf(k, sizeof k, "%s_day", key);
            json_object_set_new(add, k, json_integer(d));
            snprintf(k, sizeof k, "%s_month", key);
            json_object_set_new(add, k, json_integer(m));
            snprintf(k, sizeof k, "%s_year", key);
            json_object_set_new(add, k, json_integer(y));
        } else {
            date_parts(x, depth + 1);
        }
    }
    json_object_update_missing(v, add);
    json_decref(add);
}

/* A form shown again after a refused POST (422) keeps what the user typed,
 * whichever template drew it (issue #14 item 13; web/form_echo.h). */
static void keep_typed_values(struct request *req, int status, struct buf *content)
{
    const char *ct = http_header(req, "Content-Type");
    if (status != 422 || !req->method || strcmp(req->method, "POST") != 0 || !ct ||
        strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
        return;
    json_t *values = form_parse(req->body.data ? req->body.data : "", req->body.len);
    if (!values)
        return;
    struct buf echoed;
    buf_init(&echoed, 8 << 20);
    if (form_echo(buf_str(content), content->len, req->path, values, &echoed) > 0) {
        buf_reset(content);
        buf_put(content, echoed.data, echoed.len);
    }
    buf_free(&echoed);
    json_decref(values);
}

void web_page(struct request *req, struct response *res, int status, const char *name,
              const char *title, json_t *data)
{
    pthread_once(&partials_once, set_partials);
    struct buf content;
    buf_init(&content, 8 << 20);
    if (!data)
        data = json_object();
    json_object_set_new(data, "csrf_token", json_string(req->who.csrf_token));
    if (!json_object_get(data, "user"))
        json_object_set_new(data, "user", user_context(req));
    date_parts(data, 0);
    if (render_named(name, data, &content) < 0) {
        json_decref(data);
        buf_free(&content);
        http_internal(res, req, 500, "template failed");
        return;
    }
    keep_typed_values(req, status, &content);
    json_t *layout = json_pack("{s:s, s:s, s:o, s:s, s:s}", "title", title, "content", buf_str(&content),
                               "user", user_context(req), "csrf_token", req->who.csrf_token,
                               "request_id", req->request_id);
    /* The person banner goes at the top of every page about one person,
     * above the page's own content (issue #14 item 10; api person_banner). */
    json_t *banner = json_object_get(data, "banner");
    if (json_is_object(banner))
        json_object_set(layout, "banner", banner);
    /* The notice of the form just sent, once (web/notice.h). */
    int secure = req->app && req->app->cfg.secure_cookies;
    const char *slug = http_cookie(req, notice_cookie(secure));
    const char *notice = status < 300 ? notice_message(slug) : NULL;
    if (notice)
        json_object_set_new(layout, "notice", json_string(notice));
    if (slug)
        http_header_add(res, req, "Set-Cookie", arena_printf(&req->arena, "%s=; Path=/; HttpOnly; SameSite=Lax; "
                        "Max-Age=0%s", notice_cookie(secure), secure ? "; Secure" : ""));
    buf_free(&content);
    json_decref(data);
    buf_reset(&res->body);
    if (render_named("layout", layout, &res->body) < 0) {
        json_decref(layout);
        http_internal(res, req, 500, "layout failed");
        return;
    }
    json_decref(layout);
    json_decref(res->json);
    res->json = NULL;
    res->status = status;
    res->content_type = "text/html; charset=utf-8";
}

void web_error_page(struct request *req, struct response *res)
{
    json_t *p = res->json;
    res->json = NULL;
    int status = res->status;
    json_t *errors = json_object_get(p, "errors");
    json_t *data = json_pack("{s:O?, s:O?, s:O?, s:b, s:i, s:s}", "title", json_object_get(p, "title"),
                             "detail", json_object_get(p, "detail"), "errors", errors,
                             "has_errors", json_array_size(errors) > 0, "status", status,
                             "request_id", req->request_id);
    const char *title = json_string_value(json_object_get(p, "title"));
    char t[128];
    snprintf(t, sizeof t, "%s", title ? title : "Error");
    json_decref(p);
    web_page(req, res, status, "error", t, data);
}
