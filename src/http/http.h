/* http: what a handler sees of a request and how it answers.
 *
 * The server (server.c) parses the request with libmicrohttpd, enforces the
 * body limit, matches the route, authenticates, checks the route's
 * permission and, for state-changing requests made with a session cookie,
 * the CSRF token and Origin — all before the handler runs. A handler
 * decodes its input, checks access to the particular record, calls the
 * domain and the store, and fills the response.
 *
 * Memory: everything in struct request is owned by the server and lives
 * until the response is sent; handlers allocate request-scoped memory from
 * req->arena. Response bodies are copied; json_t passed to http_json is
 * stolen (decref'd by the server). */
#ifndef SEAMLESS_HTTP_H
#define SEAMLESS_HTTP_H
#include <jansson.h>
#include <stddef.h>
#include "util/arena.h"
#include "util/buf.h"
#include "store/accounts.h"

struct app;            /* process-wide state: see app.h */
struct svc_ctx;        /* the service context: see svc/svc.h, api_ctx */
struct MHD_Connection;

#define HTTP_MAX_PARAMS 4
#define HTTP_MAX_HEADERS 8

struct request {
    struct MHD_Connection *conn;
    struct app *app;
    struct store *db;           /* this thread's connection */
    struct arena arena;
    const char *method;
    const char *path;
    const char *route;          /* the matched pattern, for logs */
    const char *params[HTTP_MAX_PARAMS];  /* path parameters, in order */
    struct buf body;
    int body_too_large;
    char request_id[33];
    struct principal who;
    int wants_html;             /* a page route, not /api */
    int refusal_audited;        /* http_audit_refusal wrote this request's refusal */
    struct svc_ctx *svc;        /* api_ctx: built on first use, in the arena */
};

struct response {
    int status;
    const char *content_type;
    struct buf body;
    const char *header_names[HTTP_MAX_HEADERS];
    const char *header_values[HTTP_MAX_HEADERS];
    int nheaders;
    json_t *json;               /* rendered by the server when set */
    int file_fd;                /* > 0: send this open file (file_size bytes) instead of body; the server closes it */
    long long file_size;
};

typedef void (*http_handler)(struct request *req, struct response *res);

/* Request accessors; strings live as long as the request. NULL when absent. */
const char *http_header(struct request *req, const char *name);
const char *http_query(struct request *req, const char *name);
const char *http_cookie(struct request *req, const char *name);
/* Every query argument, in order, as [[name, value], …] (caller owns). */
json_t *http_query_all(struct request *req);
/* The client address as text, for throttling (never logged with names). */
const char *http_client_ip(struct request *req);

/* Every refusal is audited through here (who, the action refused, what and
 * whose): a handler that knows more (the person, the resource) calls it
 * before answering 403; the server calls it for any 403 to a signed-in
 * caller that no handler audited (a role refused by the gatekeeper, a
 * CSRF failure, a handler's own 403), naming the route's resource and its
 * first path parameter. No personal data goes out with a refusal, so a
 * failed audit write is logged and the 403 still sent. */
void http_audit_refusal(struct request *req, const char *action, const char *rtype, const char *rid,
                        const char *person_id);

/* Decodes the body: JSON for application/json, urlencoded forms as an object
 * of strings. On failure sends 400 (malformed) or 415 and returns NULL. The
 * caller owns the result (json_decref). */
json_t *http_body_json(struct request *req, struct response *res);

/* Responses. http_header_add replaces an earlier header of the same name
 * (Set-Cookie excepted). */
void http_header_add(struct response *res, struct request *req, const char *name, const char *value);
void http_json(struct response *res, int status, json_t *body);
void http_text(struct response *res, int status, const char *content_type, const char *body, size_t len);
void http_redirect(struct response *res, struct request *req, const char *location);
void http_no_content(struct response *res);
/* Streams the open file fd (size bytes) as the body, never read into
 * memory; the server closes fd. */
void http_file(struct response *res, int status, const char *content_type, int fd, long long size);
/* problem+json: type is a short slug ("validation", "not-found" …) turned
 * into "https://seamless.example/problems/<slug>". detail must be safe to
 * show (no internals). Page requests get the same as an HTML error page. */
void http_problem(struct response *res, struct request *req, int status, const char *slug,
                  const char *title, const char *detail);
/* 422 with errors: [{field, message}] (errors is stolen). */
void http_validation(struct response *res, struct request *req, json_t *errors);
/* Appends one {"field", "message"} error to errors: the service layer's
 * svc_error_add (svc/svc.c) is the one implementation. */
void svc_error_add(json_t *errors, const char *field, const char *message);
/* 500/503 with a request id, logging the internal detail. */
void http_internal(struct response *res, struct request *req, int status, const char *log_detail);
/* Under /fhir/ an error is an OperationOutcome, not problem+json: turns a
 * problem set by the server or a shared helper (401, 403, 404, 405, 413,
 * 503 …) into one. Other responses are left as they are. */
void http_problem_to_outcome(struct response *res);
/* Sets ETag: W/"<version>" */
void http_etag(struct response *res, struct request *req, long long version);
/* Sends a record (stolen) as JSON with status, with ETag: W/"<version>"
 * when it has an integer "version". NULL does nothing (res already holds
 * the problem). */
void http_json_record(struct response *res, struct request *req, int status, json_t *record);

#endif
