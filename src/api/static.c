/* Health check and the static assets embedded in the binary. */
#include "api/handlers.h"
#include "api/api.h"
#include "svc/audit_view.h"
#include "util/embedded.h"
#include <stdio.h>
#include <string.h>

/* Live: the process is up and answering (no database needed). */
void h_healthz(struct request *req, struct response *res)
{
    (void)req;
    http_json(res, 200, json_pack("{s:s}", "status", "ok"));
}

/* Ready: this worker's database connection answers a real query (the
 * schema version, reconnecting first if the connection was lost) — 503
 * while the database is down, full or unreachable. */
void h_ready(struct request *req, struct response *res)
{
    struct svc_ctx *c = api_ctx(req);
    if (svc_store_ready(c) != SVC_OK) {
        http_internal(res, req, 503, c->err.message);
        return;
    }
    http_json(res, 200, json_pack("{s:s}", "status", "ready"));
}

static const char *mime_type(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot) return "application/octet-stream";
    if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
    if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
    if (!strcmp(dot, ".svg")) return "image/svg+xml";
    if (!strcmp(dot, ".png")) return "image/png";
    if (!strcmp(dot, ".ico")) return "image/x-icon";
    if (!strcmp(dot, ".woff2")) return "font/woff2";
    return "application/octet-stream";
}

static void serve(struct request *req, struct response *res, const char *prefix)
{
    char path[200];
    snprintf(path, sizeof path, "%s/%s", prefix, req->params[0]);
    const struct embedded_file *f = strstr(req->params[0], "..") ? NULL : embedded_find(path);
    if (!f) {
        http_problem(res, req, 404, "not-found", "Not found", "There is no such file.");
        return;
    }
    http_text(res, 200, mime_type(path), (const char *)f->data, f->len);
    http_header_add(res, req, "Cache-Control", "public, max-age=3600");
}

void h_static(struct request *req, struct response *res) { serve(req, res, "static"); }
void h_asset_image(struct request *req, struct response *res) { serve(req, res, "assets/images"); }
