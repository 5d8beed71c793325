/* Response helpers: JSON, problem+json, redirects, ETags, version checks. */
#include "http/http.h"
#include "web/notice.h"
#include "http/app.h"
#include "http/form.h"
#include "store/store.h"
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PROBLEM_BASE "https://seamless.example/problems/"

const char *http_header(struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_query(struct request *req, const char *name)
{
    const char *v = MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
    if (v || strlen(name) > 200)
        return v;
    /* A date typed in the NHS.UK date input's three fields (http/form.h). */
    char k[216];
    const char *part[3];
    static const char *const suffix[] = {"-day", "-month", "-year"};
    for (int i = 0; i < 3; i++) {
        snprintf(k, sizeof k, "%s%s", name, suffix[i]);
        if (!(part[i] = MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, k)))
            return NULL;
    }
    char out[FORM_DATE_SIZE];
    form_date_join(part[0], part[1], part[2], out);
    return arena_strdup(&req->arena, out);
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    json_array_append_new(cls, json_pack("[s, s]", key, value ? value : ""));
    return MHD_YES;
}

json_t *http_query_all(struct request *req)
{
    json_t *all = json_array();
    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, add_arg, all);
    return all;
}

const char *http_cookie(struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

void http_header_add(struct response *res, struct request *req, const char *name, const char *value)
{
    /* A header set twice keeps the last value (a page that redirects after
     * an API handler set Location), except Set-Cookie which may repeat. */
    if (strcasecmp(name, "Set-Cookie") != 0)
        for (int i = 0; i < res->nheaders; i++)
            if (strcasecmp(res->header_names[i], name) == 0) {
                res->header_values[i] = arena_strdup(&req->arena, value);
                return;
            }
    if (res->nheaders >= HTTP_MAX_HEADERS)
        return;
    res->header_names[res->nheaders] = arena_strdup(&req->arena, name);
    res->header_values[res->nheaders] = arena_strdup(&req->arena, value);
    res->nheaders++;
}

void http_json(struct response *res, int status, json_t *body)
{
    res->status = status;
    res->content_type = "application/json";
    if (res->json)
        json_decref(res->json);
    res->json = body;
}

void http_text(struct response *res, int status, const char *content_type, const char *body, size_t len)
{
    res->status = status;
    res->content_type = content_type;
    buf_reset(&res->body);
    buf_put(&res->body, body, len);
}

void http_redirect(struct response *res, struct request *req, const char *location)
{
    /* After a page form's POST, the next page confirms what happened
     * (web/notice.h): the route's notice goes with the redirect. */
    const char *slug = req && req->wants_html && req->method && strcmp(req->method, "POST") == 0
                       ? notice_for_route(req->route) : NULL;
    if (slug) {
        int secure = req->app && req->app->cfg.secure_cookies;
        http_header_add(res, req, "Set-Cookie", arena_printf(&req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax; "
                        "Max-Age=120%s", notice_cookie(secure), slug, secure ? "; Secure" : ""));
    }
    res->status = 303;
    res->content_type = "text/plain; charset=utf-8";
    http_header_add(res, req, "Location", location);
    buf_reset(&res->body);
    buf_puts(&res->body, "See other\n");
}

void http_file(struct response *res, int status, const char *content_type, int fd, long long size)
{
    res->status = status;
    res->content_type = content_type;
    buf_reset(&res->body);
    res->file_fd = fd;
    res->file_size = size;
}

void http_no_content(struct response *res)
{
    res->status = 204;
    res->content_type = NULL;
    buf_reset(&res->body);
}

void http_problem(struct response *res, struct request *req, int status, const char *slug,
                  const char *title, const char *detail)
{
    (void)req;
    char type[160];
    snprintf(type, sizeof type, PROBLEM_BASE "%s", slug);
    json_t *p = json_pack("{s:s, s:s, s:i, s:s}", "type", type, "title", title, "status", status,
                          "detail", detail ? detail : title);
    http_json(res, status, p);
    res->content_type = "application/problem+json";
}

void http_validation(struct response *res, struct request *req, json_t *errors)
{
    char detail[300];
    json_t *first = json_array_get(errors, 0);
    snprintf(detail, sizeof detail, "%s: %s",
             first ? json_string_value(json_object_get(first, "field")) : "input",
             first ? json_string_value(json_object_get(first, "message")) : "is invalid");
    http_problem(res, req, 422, "validation", "Some values are not valid", detail);
    json_object_set_new(res->json, "errors", errors);
}

void http_internal(struct response *res, struct request *req, int status, const char *log_detail)
{
    char cause[256];   /* the store's own words, on one line: "database or disk is full" */
    snprintf(cause, sizeof cause, "%s", log_detail && strstr(log_detail, store_last_error()) ? "" : store_last_error());
    for (char *p = cause; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '"')
            *p = ' ';
    fprintf(stderr, "level=error request_id=%s route=\"%s\" detail=\"%s\"%s%s%s\n", req->request_id,
            req->route ? req->route : "-", log_detail ? log_detail : "", *cause ? " cause=\"" : "", cause,
            *cause ? "\"" : "");
    char detail[200];
    if (status == 503) {
        snprintf(detail, sizeof detail, "The service cannot answer just now. Please try again in a few minutes; "
                 "quote reference %s if it goes on.", req->request_id);
        http_problem(res, req, 503, "unavailable", "Service temporarily unavailable", detail);
        http_header_add(res, req, "Retry-After", "30");
        return;
    }
    snprintf(detail, sizeof detail, "Something went wrong on our side. Quote reference %s if you report it.",
             req->request_id);
    http_problem(res, req, 500, "internal", "Internal error", detail);
}

void http_etag(struct response *res, struct request *req, long long version)
{
    char tag[40];
    snprintf(tag, sizeof tag, "W/\"%lld\"", version);
    http_header_add(res, req, "ETag", tag);
}

void http_json_record(struct response *res, struct request *req, int status, json_t *record)
{
    if (!record)
        return;
    json_t *version = json_object_get(record, "version");
    if (json_is_integer(version))
        http_etag(res, req, json_integer_value(version));
    http_json(res, status, record);
}

/* The OperationOutcome issue code for an HTTP status (FHIR R4 IssueType). */
static const char *issue_code(int status)
{
    switch (status) {
    case 401: return "login";
    case 403: return "forbidden";
    case 404: return "not-found";
    case 405: case 406: case 415: return "not-supported";
    case 409: case 412: return "conflict";
    case 413: return "too-costly";
    case 422: return "processing";
    case 429: return "throttled";
    default: return status >= 500 ? "exception" : "invalid";
    }
}

void http_problem_to_outcome(struct response *res)
{
    if (!res->json || !res->content_type || strcmp(res->content_type, "application/problem+json") != 0)
        return;
    const char *detail = json_string_value(json_object_get(res->json, "detail"));
    const char *title = json_string_value(json_object_get(res->json, "title"));
    json_t *oo = json_pack("{s:s, s:[{s:s, s:s, s:s}]}", "resourceType", "OperationOutcome", "issue", "severity",
                           res->status >= 500 ? "fatal" : "error", "code", issue_code(res->status), "diagnostics",
                           detail ? detail : title ? title : "Error");
    json_decref(res->json);
    res->json = oo;
    res->content_type = "application/fhir+json";
}
