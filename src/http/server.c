/* server: libmicrohttpd glue — body limits, routing, authentication,
 * permission and CSRF checks, security headers, access log, shutdown. */
#include "http/app.h"
#include "util/net.h"
#include "mllp/listener.h"
#include "http/auth.h"
#include "http/conn_guard.h"
#include "util/oom.h"
#include "util/crypto.h"
#include "util/json_write.h"
#include "http/form.h"
#include "http/router.h"
#include "svc/svc.h"
#include "util/clock.h"
#include "web/web.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

struct conn_ctx {
    struct request req;
    struct response res;
    double started_ms;
    int oom;                       /* memory ran out reading the body or handling the request */
    long committed, unknown;       /* transactions this request committed / whose COMMIT lost its answer */
    struct audit_deferral audit;   /* the request's audit entries not yet durable */
    int awaiting_audit;            /* suspended until they are */
};

static const char *const CSP =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void app_config_defaults(struct app_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->listen = "127.0.0.1:8080";
    cfg->threads = 8;
    cfg->max_body = 1 << 20;
    cfg->session_idle_seconds = 30 * 60;
    cfg->session_absolute_seconds = 12 * 3600;
    cfg->relationship_grace_days = 28;
    cfg->break_glass_minutes = 60;
    cfg->routine_response_days = 10;
    cfg->trusted_assessment_days = 7;
    cfg->checkpoint_seconds = 60;
    cfg->max_connections = 1000;
    cfg->max_per_address = 64;
    cfg->header_seconds = 10;
}

const char *http_client_ip(struct request *req)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    static _Thread_local char ip[INET6_ADDRSTRLEN];
    ip[0] = '\0';
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, ip, sizeof ip);
    return ip;
}

json_t *http_body_json(struct request *req, struct response *res)
{
    const char *ct = http_header(req, "Content-Type");
    json_t *v = NULL;
    if (ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
        v = form_parse(buf_str(&req->body), req->body.len);
    } else if (!ct || strncasecmp(ct, "application/json", 16) == 0) {
        json_error_t jerr;
        v = json_loadb(buf_str(&req->body), req->body.len, JSON_REJECT_DUPLICATES, &jerr);
    } else {
        http_problem(res, req, 415, "unsupported-media-type", "Unsupported media type",
                     "Send application/json (or a form from our pages).");
        return NULL;
    }
    if (!v || !json_is_object(v)) {
        json_decref(v);
        http_problem(res, req, 400, "malformed", "Malformed request body",
                     "The body must be a JSON object.");
        return NULL;
    }
    return v;
}

static void ctx_free(struct conn_ctx *c)
{
    if (c->res.file_fd > 0)   /* a file response never sent */
        close(c->res.file_fd);
    json_decref(c->res.json);
    buf_free(&c->res.body);
    buf_free(&c->req.body);
    arena_free(&c->req.arena);
    free(c);
}

static int is_safe_method(const char *m)
{
    return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0 || strcmp(m, "OPTIONS") == 0;
}

/* Authentication, permission and CSRF. 0 lets the handler run. */
static int gatekeep(struct request *req, struct response *res, const struct route *r)
{
    int authed = auth_resolve(req);
    if (authed < 0) {
        http_internal(res, req, 503, "authentication lookup failed");
        return -1;
    }
    if (r->perm == PERM_PUBLIC)
        return 0;
    if (!authed) {
        if (req->wants_html) {
            http_redirect(res, req, "/login");
            return -1;
        }
        http_problem(res, req, 401, "unauthenticated", "Sign in required",
                     "Send a valid session cookie or an Authorization: Bearer token.");
        http_header_add(res, req, "WWW-Authenticate", "Bearer");
        return -1;
    }
    if (!role_allows(req->who.role, r->perm)) {
        http_problem(res, req, 403, "forbidden", "Not allowed",
                     "Your role does not allow this action.");
        return -1;
    }
    if (!is_safe_method(req->method) && req->who.via_session && !auth_csrf_ok(req)) {
        http_problem(res, req, 403, "csrf", "Form expired or not from this site",
                     "The request lacked a valid CSRF token or came from another origin. Reload the page and try again.");
        return -1;
    }
    return 0;
}

void http_audit_refusal(struct request *req, const char *action, const char *rtype, const char *rid,
                        const char *person_id)
{
    req->refusal_audited = 1;
    struct audit_entry e = {req->who.user_id, req->who.org_id, req->who.role, action, rtype, rid, person_id,
                            "identify", req->request_id, NULL, 0};
    if (audit_writer_record(req->app->audit, &e) != 0)
        fprintf(stderr, "seamless: audit of a refusal failed (request %s)\n", req->request_id);
}

/* The resource a route is about, for the audit of a refusal: the literal
 * segment before its first parameter ("/api/v1/plans/{id}/tasks" → plans),
 * else its last literal segment ("/api/v1/chc/cases" → cases). */
static const char *route_resource(struct request *req, const char *pattern)
{
    const char *brace = strchr(pattern, '{');
    const char *end = brace ? brace - 1 : pattern + strlen(pattern);
    const char *start = end;
    while (start > pattern && start[-1] != '/')
        start--;
    return end > start ? arena_printf(&req->arena, "%.*s", (int)(end - start), start) : "route";
}

/* A 403 to a signed-in caller that no handler audited is audited here. */
static void audit_unaudited_refusal(struct request *req, struct response *res, const struct route *r)
{
    if (res->status != 403 || !req->who.user_id[0] || req->refusal_audited ||
        (req->svc && req->svc->refusal_audited))
        return;
    int about_person = strncmp(r->pattern, "/api/v1/persons/{id}", 20) == 0 ||
                       strncmp(r->pattern, "/persons/{id}", 13) == 0;
    http_audit_refusal(req, "refused", route_resource(req, r->pattern), req->params[0],
                       about_person ? req->params[0] : NULL);
}

static void dispatch(struct app *app, struct conn_ctx *c)
{
    struct request *req = &c->req;
    struct response *res = &c->res;
    int path_known = 0;
    const struct route *r = router_match(app->cfg.routes, &req->arena, req->method, req->path, req->params, &path_known);
    req->wants_html = strncmp(req->path, "/api/", 5) != 0 && strncmp(req->path, "/fhir/", 6) != 0 &&
                      strncmp(req->path, "/healthz", 8) != 0;
    if (!r) {
        req->route = "-";
        if (path_known)
            http_problem(res, req, 405, "method-not-allowed", "Method not allowed", "This address does not accept that method.");
        else
            http_problem(res, req, 404, "not-found", "Page not found", "There is nothing at this address.");
        return;
    }
    req->route = r->pattern;
    store_last_error_clear();
    if (strcmp(r->pattern, "/healthz") == 0) {   /* live: the process answers, whatever the database does */
        r->handler(req, res);
        return;
    }
    if (req->body_too_large) {
        http_problem(res, req, 413, "too-large", "Request too large", "The request body is over the size limit.");
        return;
    }
    struct store_error err = {0};
    req->db = store_pool_get(app->pool, &err);
    if (!req->db) {
        http_internal(res, req, 503, err.message);
        return;
    }
    struct store_commit_marks before, after;
    store_commit_marks(req->db, &before);
    store_key_scope(req->db, 1);     /* person keys of record ids read once per request (store.h) */
    if (gatekeep(req, res, r) == 0)
        r->handler(req, res);
    if (store_in_tx(req->db))        /* a handler forgot: never leave it open */
        store_tx_rollback(req->db);
    store_key_scope(req->db, 0);
    store_commit_marks(req->db, &after);
    c->committed = after.committed - before.committed;
    c->unknown = after.unknown - before.unknown;
    audit_unaudited_refusal(req, res, r);
}

/* 0 when every header was set, -1 when one could not be (memory). */
static int add_standard_headers(struct MHD_Response *mr, struct request *req, struct response *res)
{
    int ok = MHD_add_response_header(mr, "X-Request-Id", req->request_id) == MHD_YES;
    ok &= MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff") == MHD_YES;
    ok &= MHD_add_response_header(mr, "Referrer-Policy", "same-origin") == MHD_YES;
    ok &= MHD_add_response_header(mr, "X-Frame-Options", "DENY") == MHD_YES;
    ok &= MHD_add_response_header(mr, "Content-Security-Policy", CSP) == MHD_YES;
    if (req->app->cfg.secure_cookies)   /* served behind TLS: browsers must keep to https for a year */
        ok &= MHD_add_response_header(mr, "Strict-Transport-Security", "max-age=31536000; includeSubDomains") == MHD_YES;
    int cache_set = 0;
    for (int i = 0; i < res->nheaders; i++) {
        ok &= MHD_add_response_header(mr, res->header_names[i], res->header_values[i]) == MHD_YES;
        if (strcasecmp(res->header_names[i], "Cache-Control") == 0)
            cache_set = 1;
    }
    if (!cache_set)
        ok &= MHD_add_response_header(mr, "Cache-Control", "no-store") == MHD_YES;
    if (res->content_type)
        ok &= MHD_add_response_header(mr, "Content-Type", res->content_type) == MHD_YES;
    return ok ? 0 : -1;
}

/* A read whose headers could not all be set (memory ran out) is not sent:
 * without its X-Request-Id its release could not be matched to its audit
 * entry, and without the security headers a page would go out unguarded.
 * An empty 503 goes instead, or the connection is closed. (A write's answer
 * stands: its transaction committed, and "try again" would duplicate it.) */
static struct MHD_Response *headers_or_unavailable(struct MHD_Response *mr, struct request *req,
                                                   struct response *res)
{
    static char empty[1];
    int read = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
    if (add_standard_headers(mr, req, res) == 0 || !read)
        return mr;
    MHD_destroy_response(mr);
    fprintf(stderr, "level=warn request_id=%s route=\"%s\" detail=\"out of memory setting the headers: 503\"\n",
            req->request_id, req->route ? req->route : "-");
    res->status = 503;
    mr = MHD_create_response_from_buffer(0, empty, MHD_RESPMEM_PERSISTENT);
    if (mr && (MHD_add_response_header(mr, "X-Request-Id", req->request_id) != MHD_YES ||
               MHD_add_response_header(mr, "Cache-Control", "no-store") != MHD_YES)) {
        MHD_destroy_response(mr);
        mr = NULL;
    }
    return mr;
}

/* Memory ran out while this request was handled (util/oom.h): whatever the
 * handler concluded from a NULL — "bad JSON", "not signed in", "is
 * required" — is replaced by 503 "try again", except an acknowledged write
 * (its transaction committed; its answer stands, perhaps with less in it). */
static void answer_out_of_memory(struct request *req, struct response *res)
{
    int wrote = strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0;
    if (wrote && res->status >= 200 && res->status < 400) {
        fprintf(stderr, "level=warn request_id=%s route=\"%s\" detail=\"out of memory after the write committed\"\n",
                req->request_id, req->route ? req->route : "-");
        return;
    }
    json_decref(res->json);
    res->json = NULL;
    if (res->file_fd > 0)
        close(res->file_fd);
    res->file_fd = 0;
    res->nheaders = 0;
    res->content_type = NULL;
    buf_reset(&res->body);
    http_internal(res, req, 503, "out of memory");
}

/* A request that failed (5xx) after its write committed — the answer could
 * not be built (memory, a read-back that failed) — or whose COMMIT lost its
 * answer must not say "nothing happened, try again": a client that sends it
 * again makes a duplicate. It says what is known: saved, or perhaps saved. */
static void answer_after_commit(struct request *req, struct response *res, const struct conn_ctx *c)
{
    if (res->status < 500 || (!c->committed && !c->unknown) || !strcmp(req->method, "GET") ||
        !strcmp(req->method, "HEAD"))   /* a read commits only its audit entries */
        return;
    json_decref(res->json);
    res->json = NULL;
    res->nheaders = 0;
    buf_reset(&res->body);
    fprintf(stderr, "level=error request_id=%s route=\"%s\" detail=\"%s\"\n", req->request_id,
            req->route ? req->route : "-", c->committed ? "the write committed; its answer failed"
                                                        : "the commit's outcome is unknown");
    if (c->committed)
        http_problem(res, req, 500, "saved-not-shown", "Saved, but the answer could not be shown",
                     "Your change was saved. Reload the record to see it; do not send the change again.");
    else
        http_problem(res, req, 503, "outcome-unknown", "Not known whether it was saved",
                     "We could not confirm whether your change was saved. Look at the record before you send "
                     "the change again.");
    json_object_set_new(res->json, "saved", c->committed ? json_true() : json_null());
}

static enum MHD_Result send_response(struct app *app, struct MHD_Connection *conn, struct conn_ctx *c)
{
    struct request *req = &c->req;
    struct response *res = &c->res;
    if (c->oom)
        answer_out_of_memory(req, res);
    answer_after_commit(req, res, c);
    if (req->wants_html && res->json && res->status >= 400)
        web_error_page(req, res);
    if (strncmp(req->path, "/fhir/", 6) == 0)
        http_problem_to_outcome(res);
    if (res->json) {   /* straight into the body: no intermediate string and copy */
        buf_reset(&res->body);
        if (json_write(&res->body, res->json) != 0)
            buf_reset(&res->body);
    }
    if (!res->status)
        http_internal(res, req, 500, "handler set no status");
    static char empty[1];   /* MHD wants a mutable pointer even when it does not write */
    size_t body_len = res->body.len;
    struct MHD_Response *mr = res->file_fd > 0
        ? MHD_create_response_from_fd((uint64_t)res->file_size, res->file_fd)   /* takes the fd */
        : res->body.data
        ? MHD_create_response_from_buffer(body_len, res->body.data, MHD_RESPMEM_MUST_FREE)   /* takes the body */
        : MHD_create_response_from_buffer(0, empty, MHD_RESPMEM_PERSISTENT);
    if (mr && res->file_fd > 0)
        res->file_fd = 0;                       /* MHD owns it now */
    else if (mr && res->body.data)
        (void)buf_detach(&res->body);           /* MHD frees it with the response */
    if (mr)
        mr = headers_or_unavailable(mr, req, res);
    if (!mr)
        return MHD_NO;
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)res->status, mr);
    MHD_destroy_response(mr);
    if (!app->cfg.quiet)
        fprintf(stderr, "method=%s route=\"%s\" status=%d duration_ms=%.2f user=%s request_id=%s\n",
                req->method, req->route ? req->route : "-", res->status,
                clock_monotonic_ms() - c->started_ms, req->who.user_id[0] ? req->who.user_id : "-",
                req->request_id);
    return ok;
}

/* Audit before release, without holding a worker thread: the handler's
 * audit entries were queued (audit.h, "Deferred release"); while they are
 * not durable the connection is suspended and the worker serves others, and
 * the writer resumes it after the commit — one fsync releases every request
 * that arrived meanwhile. If an entry could not be written, a response that
 * would carry data becomes 503 with nothing of it (a refusal or an error
 * carries none and goes as it is). */
static void suspend_conn(void *conn)
{
    MHD_suspend_connection(conn);
}

static void resume_conn(void *conn)
{
    MHD_resume_connection(conn);
}

static enum MHD_Result release(struct app *app, struct MHD_Connection *conn, struct conn_ctx *c)
{
    struct response *res = &c->res;
    if (c->audit.failed && res->status < 400) {
        json_decref(res->json);
        res->json = NULL;
        buf_reset(&res->body);
        if (res->file_fd > 0)
            close(res->file_fd);
        res->file_fd = 0;
        res->nheaders = 0;
        res->content_type = NULL;
        http_internal(res, &c->req, 503, "audit entry could not be written");
    }
    return send_response(app, conn, c);
}

static enum MHD_Result dispatch_audited(struct app *app, struct MHD_Connection *conn, struct conn_ctx *c)
{
    audit_defer_begin(&c->audit);
    dispatch(app, c);
    audit_defer_end();
    if (oom_take())               /* noted now: the release may come on a later turn of this thread */
        c->oom = 1;
    if (audit_writer_when_durable(app->audit, &c->audit, suspend_conn, resume_conn, conn)) {
        c->awaiting_audit = 1;
        return MHD_YES;   /* called again once resumed */
    }
    return release(app, conn, c);
}

static struct conn_ctx *ctx_new(struct app *app, struct MHD_Connection *conn, const char *url, const char *method)
{
    struct conn_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->started_ms = clock_monotonic_ms();
    arena_init(&c->req.arena);
    buf_init(&c->req.body, app->cfg.max_body);
    buf_init(&c->res.body, 0);
    c->req.conn = conn;
    c->req.app = app;
    c->req.path = arena_strdup(&c->req.arena, url);
    c->req.method = arena_strdup(&c->req.arena, method);
    crypto_random_hex(c->req.request_id, 16);
    return c;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    (void)version;
    struct app *app = cls;
    struct conn_ctx *c = *con_cls;
    if (!c) {
        conn_guard_head_done(conn);
        c = ctx_new(app, conn, url, method);
        if (!c)
            return MHD_NO;
        *con_cls = c;
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > app->cfg.max_body) {
            /* Answer at once without reading the body. */
            c->req.body_too_large = 1;
            c->req.route = "-";
            http_problem(&c->res, &c->req, 413, "too-large", "Request too large",
                         "The request body is over the size limit.");
            return send_response(app, conn, c);
        }
        return MHD_YES;
    }
    if (c->awaiting_audit) {
        c->awaiting_audit = 0;
        return release(app, conn, c);
    }
    if (*upload_data_size) {
        if (!c->req.body_too_large && !c->oom && buf_put(&c->req.body, upload_data, *upload_data_size) < 0) {
            if (oom_take())
                c->oom = 1;       /* not too large: memory ran out (answered 503 below) */
            else
                c->req.body_too_large = 1;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (c->res.status == 413 && c->req.route)
        return MHD_YES;           /* already answered */
    oom_take();                   /* what this thread noted for other connections is not this request's */
    if (c->oom) {
        c->req.route = "-";
        return send_response(app, conn, c);
    }
    return dispatch_audited(app, conn, c);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls; (void)toe;
    if (*con_cls)
        ctx_free(*con_cls);
    *con_cls = NULL;
    conn_guard_request_done(conn);
}

static int app_open(struct app *app, const struct app_config *cfg)
{
    memset(app, 0, sizeof *app);
    app->cfg = *cfg;
    app->session_cookie = cfg->secure_cookies ? "__Host-seamless" : "seamless_session";
    app->login_cookie = cfg->secure_cookies ? "__Host-seamless-login" : "seamless_login";
    struct store_error err = {0};
    struct store *db = store_open(cfg->db_url, &err);
    if (!db || store_check_schema(db, &err) < 0) {
        fprintf(stderr, "seamless serve: %s\n", err.message);
        store_close(db);
        return -1;
    }
    store_close(db);
    app->pool = store_pool_new(cfg->db_url);
    app->audit = audit_writer_start(cfg->db_url, &err);
    if (!app->audit) {
        fprintf(stderr, "seamless serve: audit writer: %s\n", err.message);
        store_pool_free(app->pool);
        return -1;
    }
    if (cfg->checkpoints) {
        unsigned char sk[crypto_sign_SECRETKEYBYTES];
        char why[300];
        if (!cfg->signing_key || checkpoint_secret_load(cfg->signing_key, sk, why, sizeof why) != 0 ||
            !(app->checkpoints = checkpointer_start(cfg->db_url, cfg->checkpoints, sk, cfg->checkpoint_seconds, why,
                                                    sizeof why))) {
            fprintf(stderr, "seamless serve: %s\n", cfg->signing_key ? why : "--checkpoints needs --signing-key FILE");
            sodium_memzero(sk, sizeof sk);
            audit_writer_stop(app->audit);
            store_pool_free(app->pool);
            return -1;
        }
        sodium_memzero(sk, sizeof sk);
    }
    return 0;
}

/* The background workers, then the MLLP listener when one is configured
 * (*mllp, bound to bound): 0, or -1 after saying which did not start, with
 * the workers that did stopped again. */
static int workers_start(struct app *app, const struct app_config *cfg, struct mllp_listener **mllp, char bound[64])
{
    const struct app_worker *w = cfg->workers;
    for (; w->name; w++)
        if (w->start(app) != 0) {
            fprintf(stderr, "seamless serve: %s did not start\n", w->name);
            break;
        }
    char why[256] = "";
    *mllp = NULL;
    if (!w->name && cfg->mllp_listen &&
        !(*mllp = mllp_listener_start(cfg->mllp_listen, cfg->mllp_org, cfg->db_url, app->audit, bound, why,
                                      sizeof why)))
        fprintf(stderr, "seamless serve: %s\n", why);
    if (w->name || (cfg->mllp_listen && !*mllp)) {
        while (w-- > cfg->workers)
            w->stop();
        return -1;
    }
    return 0;
}

/* Stops what app_open and server_run started, in order: no connection left
 * suspended when the daemon (d, may be NULL) stops; the checkpointer after
 * the last audit entry, so the final checkpoint covers it. */
static void server_stop(struct app *app, struct MHD_Daemon *d, struct conn_guard *guard)
{
    if (d) {
        audit_writer_end_deferrals(app->audit);
        MHD_stop_daemon(d);
    }
    conn_guard_stop(guard);
    audit_writer_stop(app->audit);
    checkpointer_stop(app->checkpoints);
    store_pool_free(app->pool);
}

int server_run(const struct app_config *cfg)
{
    struct app app;
    struct sockaddr_in sa;
    if (!cfg->routes || !cfg->workers) {
        fprintf(stderr, "seamless serve: no route table given\n");   /* a caller's bug */
        return 1;
    }
    if (net_parse_ipv4(cfg->listen, &sa) < 0) {
        fprintf(stderr, "seamless serve: --listen must look like 127.0.0.1:8080\n");
        return 2;
    }
    if (sodium_init() < 0 || app_open(&app, cfg) < 0)
        return 1;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);   /* worker threads inherit the mask */
    signal(SIGPIPE, SIG_IGN);
    struct conn_guard *guard = conn_guard_start(cfg->header_seconds, 30);   /* 30: the idle timeout below */
    struct MHD_Daemon *d = !guard ? NULL : MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL, on_request, &app,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->threads ? cfg->threads : 8),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        MHD_OPTION_NOTIFY_CONNECTION, conn_guard_notify, guard,
        MHD_OPTION_CONNECTION_LIMIT, cfg->max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->max_per_address,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),   /* zeroed per request by MHD: keep it small */
        MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
        MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "seamless serve: cannot listen on %s\n", cfg->listen);
        server_stop(&app, NULL, guard);
        return 1;
    }
    struct mllp_listener *mllp;
    char bound[64];
    if (workers_start(&app, cfg, &mllp, bound) != 0) {
        server_stop(&app, d, guard);
        return 1;
    }
    if (mllp)
        printf("seamless: MLLP listening on mllp://%s for %s\n", bound, cfg->mllp_org);
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host);
    printf("seamless: listening on http://%s:%u\n", host, info ? info->port : ntohs(sa.sin_port));
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "seamless: shutting down (signal %d)\n", sig);
    mllp_listener_stop(mllp);
    for (const struct app_worker *w = cfg->workers; w->name; w++)
        w->stop();
    server_stop(&app, d, guard);
    return 0;
}
