/* $export kick-off, status, cancel and files (export.h). */
#include "fhir/export.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "svc/fhir_export.h"
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The types each kind of export may give (Patient compartment for the
 * patient and group kinds). */
static const char *const SYSTEM_TYPES[] = {"Patient", "ServiceRequest", "Organization", NULL};
static const char *const PATIENT_TYPES[] = {"Patient", "ServiceRequest", NULL};

void fhir_export_dir(const struct app_config *cfg, char *out, size_t n)
{
    if (cfg->export_dir)
        snprintf(out, n, "%s", cfg->export_dir);
    else if (strncmp(cfg->db_url, "postgres", 8) == 0)
        snprintf(out, n, "seamless-exports");
    else
        snprintf(out, n, "%s.exports", cfg->db_url);
}

static int allowed(const char *type, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(*list, type) == 0)
            return 1;
    return 0;
}

/* What a kick-off asks for: from the query (GET) or a Parameters body
 * (POST), each NULL when not given. */
struct kick_params {
    const char *type, *since, *format;
};

/* _type checked against what the kind may give: the list as text, or
 * NULL with a 400 naming the type. */
static const char *types_of(struct request *req, struct response *res, const char *want, const char *const *list)
{
    struct buf b;
    buf_init(&b, 1024);
    if (!want || !*want) {
        for (const char *const *t = list; *t; t++) {
            if (b.len)
                buf_putc(&b, ',');
            buf_puts(&b, *t);
        }
    } else {
        char copy[256];
        snprintf(copy, sizeof copy, "%s", want);
        char *save = NULL;
        for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            if (!allowed(t, list)) {
                fhir_outcome(res, 400, "not-supported",
                             arena_printf(&req->arena, "_type: %.60s is not exported here", t), "_type");
                buf_free(&b);
                return NULL;
            }
            if (b.len)
                buf_putc(&b, ',');
            buf_puts(&b, t);
        }
    }
    const char *out = arena_strdup(&req->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

/* The Bulk Data kick-off parameters of a POST: a Parameters resource with
 * _type (repeatable, or comma-separated), _since (valueInstant) and
 * _outputFormat (valueString). Anything else is a 400 naming it (never
 * ignored). 0, or -1 with the response set. */
static int params_of_body(struct request *req, struct response *res, struct kick_params *k)
{
    json_t *body = fhir_body(req, res, "Parameters");
    if (!body)
        return -1;
    json_t *list = json_object_get(body, "parameter"), *p;
    size_t i;
    if (list && !json_is_array(list)) {
        fhir_outcome(res, 400, "structure", "Parameters.parameter must be a list", "Parameters.parameter");
        return -1;
    }
    json_array_foreach(list, i, p) {
        const char *name = json_string_value(json_object_get(p, "name"));
        const char *at = arena_printf(&req->arena, "Parameters.parameter[%zu]", i);
        const char *v = NULL;
        if (name && strcmp(name, "_since") == 0)
            v = json_string_value(json_object_get(p, "valueInstant"));
        else if (name && (strcmp(name, "_type") == 0 || strcmp(name, "_outputFormat") == 0))
            v = json_string_value(json_object_get(p, "valueString"));
        else {
            fhir_outcome(res, 400, "not-supported",
                         arena_printf(&req->arena, "Unknown $export parameter '%.60s'", name ? name : ""), at);
            return -1;
        }
        if (!v) {
            fhir_outcome(res, 400, "value",
                         arena_printf(&req->arena, "%s needs %s", name,
                                      strcmp(name, "_since") == 0 ? "valueInstant" : "valueString"), at);
            return -1;
        }
        if (strcmp(name, "_type") == 0)
            k->type = k->type ? arena_printf(&req->arena, "%s,%s", k->type, v) : v;
        else if (strcmp(name, "_since") == 0)
            k->since = v;
        else
            k->format = v;
    }
    return 0;
}

static void kick_off(struct request *req, struct response *res, const char *kind, const char *group)
{
    if (fhir_accepts(req, res) < 0)
        return;
    const char *prefer = http_header(req, "Prefer");
    if (!prefer || !strstr(prefer, "respond-async")) {
        fhir_outcome(res, 400, "required", "An export is asynchronous: send Prefer: respond-async.", NULL);
        return;
    }
    struct kick_params k = {http_query(req, "_type"), http_query(req, "_since"), http_query(req, "_outputFormat")};
    int post = strcmp(req->method, "POST") == 0;
    if (post) {
        k = (struct kick_params){NULL, NULL, NULL};
        if (params_of_body(req, res, &k) < 0)
            return;
    }
    const char *fmt = k.format;
    if (fmt && strcmp(fmt, "application/fhir+ndjson") && strcmp(fmt, "application/ndjson") && strcmp(fmt, "ndjson")) {
        fhir_outcome(res, 400, "not-supported", "_outputFormat: only application/fhir+ndjson", "_outputFormat");
        return;
    }
    const char *types = types_of(req, res, k.type, strcmp(kind, "system") == 0 ? SYSTEM_TYPES : PATIENT_TYPES);
    if (!types)
        return;
    struct svc_export_request r = {kind, group, types, k.since,
                                   arena_printf(&req->arena, "%s/%s", fhir_base(req),
                                                post ? req->path + strlen("/fhir/R4/")
                                                     : fhir_query_url(req, req->path + strlen("/fhir/R4/"), NULL))};
    char id[STORE_ID_LEN];
    int rc = svc_export_start(fhir_ctx(req), &r, id);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, (const struct fhir_path[]){{"_since", "_since"}, {NULL, NULL}}, "_since");
        return;
    }
    fhir_export_worker_wake();
    http_header_add(res, req, "Content-Location", arena_printf(&req->arena, "%s/$export-poll-status/%s",
                                                               fhir_base(req), id));
    fhir_outcome(res, 202, "informational", "The export has started.", NULL);
    json_object_set_new(json_array_get(json_object_get(res->json, "issue"), 0), "severity", json_string("information"));
}

void fhir_export_system(struct request *req, struct response *res)
{
    kick_off(req, res, "system", NULL);
}

void fhir_export_patient(struct request *req, struct response *res)
{
    kick_off(req, res, "patient", NULL);
}

void fhir_export_group(struct request *req, struct response *res)
{
    kick_off(req, res, "group", req->params[0]);
}

/* The manifest of a completed job (Bulk Data Access IG). */
static json_t *manifest(struct request *req, json_t *job)
{
    const char *id = json_string_value(json_object_get(job, "id"));
    json_t *files = arena_json(&req->arena, json_loads(json_string_value(json_object_get(job, "files")), 0, NULL));
    json_t *out = json_array();
    size_t i;
    json_t *f;
    json_array_foreach(files, i, f) {
        const char *type = json_string_value(json_object_get(f, "type"));
        json_array_append_new(out, json_pack("{s:s, s:s, s:O}", "type", type, "url",
                                             arena_printf(&req->arena, "%s/$export-file/%s/%s.ndjson", fhir_base(req),
                                                          id, type),
                                             "count", json_object_get(f, "count")));
    }
    return json_pack("{s:O, s:O, s:b, s:o, s:[]}", "transactionTime", json_object_get(job, "created_at"), "request",
                     json_object_get(job, "request"), "requiresAccessToken", 1, "output", out, "error");
}

void fhir_export_status(struct request *req, struct response *res)
{
    json_t *job;
    int rc = svc_export_status(fhir_ctx(req), req->params[0], &job);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, NULL);
        return;
    }
    const char *status = json_string_value(json_object_get(job, "status"));
    if (strcmp(status, "completed") == 0) {
        http_json(res, 200, manifest(req, job));
        res->content_type = "application/json";
    } else if (strcmp(status, "failed") == 0) {
        fhir_outcome(res, 500, "exception", "The export failed; start another.", NULL);
    } else if (strcmp(status, "cancelled") == 0) {
        fhir_outcome(res, 404, "not-found", "The export was cancelled.", NULL);
    } else {
        const char *p = json_string_value(json_object_get(job, "progress"));
        http_header_add(res, req, "X-Progress", arena_printf(&req->arena, "%s%s%s", status, p && *p ? ": " : "",
                                                            p ? p : ""));
        http_header_add(res, req, "Retry-After", "1");
        res->status = 202;
        res->content_type = NULL;
        buf_reset(&res->body);
    }
}

void fhir_export_cancel(struct request *req, struct response *res)
{
    int rc = svc_export_cancel(fhir_ctx(req), req->params[0]);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, NULL);
        return;
    }
    fhir_outcome(res, 202, "informational", "The export is cancelled and its files deleted.", NULL);
    json_object_set_new(json_array_get(json_object_get(res->json, "issue"), 0), "severity", json_string("information"));
}

void fhir_export_file(struct request *req, struct response *res)
{
    json_t *job;
    int rc = svc_export_status(fhir_ctx(req), req->params[0], &job);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, NULL);
        return;
    }
    const char *name = req->params[1];
    size_t n = strlen(name);
    char type[40];
    if (n < 8 || n - 7 >= sizeof type || strcmp(name + n - 7, ".ndjson") != 0 ||
        strcmp(json_string_value(json_object_get(job, "status")), "completed") != 0) {
        fhir_outcome(res, 404, "not-found", "No such export file.", NULL);
        return;
    }
    memcpy(type, name, n - 7);
    type[n - 7] = '\0';
    if (!allowed(type, SYSTEM_TYPES)) {
        fhir_outcome(res, 404, "not-found", "No such export file.", NULL);
        return;
    }
    char dir[512];
    fhir_export_dir(&req->app->cfg, dir, sizeof dir);
    const char *path = arena_printf(&req->arena, "%s/%s/%s.ndjson", dir, req->params[0], type);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        fhir_outcome(res, 404, "not-found", "No such export file.", NULL);
        return;
    }
    http_file(res, 200, "application/fhir+ndjson", fd, (long long)st.st_size);
}
