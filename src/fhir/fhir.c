/* The FHIR adapter's shared pieces (fhir.h): negotiation, bodies,
 * OperationOutcome, sending resources and Bundles. */
#include "fhir/fhir.h"
#include "api/api.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

struct svc_ctx *fhir_ctx(struct request *req)
{
    return api_ctx(req);
}

void fhir_outcome(struct response *res, int status, const char *code, const char *diagnostics,
                  const char *expression)
{
    json_decref(res->json);
    res->json = json_pack("{s:s, s:[]}", "resourceType", "OperationOutcome", "issue");
    res->status = status;
    res->content_type = FHIR_MIME;
    fhir_outcome_add(res, code, diagnostics, expression);
}

void fhir_outcome_add(struct response *res, const char *code, const char *diagnostics, const char *expression)
{
    json_t *issue = json_pack("{s:s, s:s, s:s}", "severity", res->status >= 500 ? "fatal" : "error", "code", code,
                              "diagnostics", diagnostics);
    if (expression)
        json_object_set_new(issue, "expression", json_pack("[s]", expression));
    json_array_append_new(json_object_get(res->json, "issue"), issue);
}

/* 1 when one media range of an Accept header or _format takes FHIR JSON. */
static int takes_fhir_json(const char *accept)
{
    const char *p = accept;
    while (p && *p) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, ",;");
        const char *ok[] = {"application/fhir+json", "application/json+fhir", "application/*", "*/*", "json"};
        for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
            if (n == strlen(ok[i]) && strncasecmp(p, ok[i], n) == 0)
                return 1;
        p = strchr(p, ',');
    }
    return 0;
}

int fhir_accepts(struct request *req, struct response *res)
{
    const char *format = http_query(req, "_format");
    const char *accept = http_header(req, "Accept");
    if (format ? takes_fhir_json(format) : (!accept || !*accept || takes_fhir_json(accept)))
        return 0;
    fhir_outcome(res, 406, "not-supported",
                 "This server speaks FHIR JSON only: accept application/fhir+json.", NULL);
    return -1;
}

json_t *fhir_body(struct request *req, struct response *res, const char *type)
{
    const char *ct = http_header(req, "Content-Type");
    if (!ct || (strncasecmp(ct, FHIR_MIME, strlen(FHIR_MIME)) != 0 &&
                strncasecmp(ct, "application/json+fhir", 21) != 0)) {
        fhir_outcome(res, 415, "not-supported", "Send the resource as application/fhir+json.", NULL);
        return NULL;
    }
    json_error_t jerr;
    json_t *v = json_loadb(buf_str(&req->body), req->body.len, JSON_REJECT_DUPLICATES, &jerr);
    if (!json_is_object(v)) {
        json_decref(v);
        fhir_outcome(res, 400, "structure", "The body is not a JSON object.", NULL);
        return NULL;
    }
    arena_json(&req->arena, v);
    const char *rt = json_string_value(json_object_get(v, "resourceType"));
    if (!rt || strcmp(rt, type) != 0) {
        fhir_outcome(res, 400, "invalid",
                     arena_printf(&req->arena, "The body must be a %s resource.", type), "resourceType");
        return NULL;
    }
    return v;
}

static const char *expression_of(const struct fhir_path *paths, const char *field, const char *resource)
{
    for (; paths && paths->field; paths++)
        if (field && strcmp(paths->field, field) == 0)
            return paths->expression;
    return resource;
}

void fhir_result(struct request *req, struct response *res, int rc, const struct fhir_path *paths,
                 const char *resource)
{
    struct svc_ctx *c = fhir_ctx(req);
    if (rc == SVC_FAILED || rc < 0 || rc >= SVC_RESULT_COUNT) {
        http_internal(res, req, 503, c->err.message[0] ? c->err.message : svc_result_name(rc));
        http_problem_to_outcome(res);
        return;
    }
    int status = svc_result_status(rc);
    const char *code = status == 404 ? "not-found" : status == 403 ? "forbidden"
                     : status == 409 || status == 412 ? "conflict" : "processing";
    if (rc == SVC_INVALID) {
        size_t i;
        json_t *e;
        json_array_foreach(c->errors, i, e) {
            const char *field = json_string_value(json_object_get(e, "field"));
            const char *where = expression_of(paths, field, resource);
            const char *msg = arena_printf(&req->arena, "%s %s", where && strcmp(where, resource) ? where : field,
                                           json_string_value(json_object_get(e, "message")));
            if (i == 0)
                fhir_outcome(res, status, "invalid", msg, where);
            else
                fhir_outcome_add(res, "invalid", msg, where);
        }
        if (!json_array_size(c->errors))
            fhir_outcome(res, status, "invalid", svc_result_title(rc), resource);
        return;
    }
    const char *title = c->title ? c->title : svc_result_title(rc);
    fhir_outcome(res, status, code, c->detail ? arena_printf(&req->arena, "%s. %s", title, c->detail) : title,
                 NULL);
}

const char *fhir_base(struct request *req)
{
    if (req->app && req->app->cfg.public_url)
        return arena_printf(&req->arena, "%s/fhir/R4", req->app->cfg.public_url);
    const char *host = http_header(req, "Host");
    return arena_printf(&req->arena, "http://%s/fhir/R4", host && *host ? host : "localhost");
}

json_t *fhir_meta(json_t *record, const char *profile)
{
    char ver[24];
    snprintf(ver, sizeof ver, "%lld", json_integer_value(json_object_get(record, "version")));
    json_t *meta = json_pack("{s:s}", "versionId", ver);
    json_t *at = json_object_get(record, "updated_at");
    if (json_is_string(at))
        json_object_set(meta, "lastUpdated", at);
    if (profile)
        json_object_set_new(meta, "profile", json_pack("[s]", profile));
    return meta;
}

void fhir_send(struct request *req, struct response *res, int status, json_t *resource, const char *location)
{
    json_t *meta = json_object_get(resource, "meta");
    const char *ver = json_string_value(json_object_get(meta, "versionId"));
    if (ver)
        http_header_add(res, req, "ETag", arena_printf(&req->arena, "W/\"%s\"", ver));
    if (location)
        http_header_add(res, req, "Location", location);
    /* Prefer (RFC 7240) on a create or update: the resource, nothing, or an
     * OperationOutcome; reads always get the resource. */
    const char *prefer = strcmp(req->method, "GET") != 0 ? http_header(req, "Prefer") : NULL;
    if (prefer && strstr(prefer, "return=minimal")) {
        json_decref(resource);
        res->status = status;
        res->content_type = NULL;
        buf_reset(&res->body);
        return;
    }
    if (prefer && strstr(prefer, "return=OperationOutcome")) {
        json_decref(resource);
        fhir_outcome(res, status, "informational", "Done.", NULL);
        json_object_set_new(json_array_get(json_object_get(res->json, "issue"), 0), "severity",
                            json_string("information"));
        return;
    }
    http_json(res, status, resource);
    res->content_type = FHIR_MIME;
}

json_t *fhir_bundle(const char *type, long long total)
{
    json_t *b = json_pack("{s:s, s:s, s:[], s:[]}", "resourceType", "Bundle", "type", type, "link", "entry");
    if (total >= 0)
        json_object_set_new(b, "total", json_integer(total));
    return b;
}

void fhir_bundle_add(struct request *req, json_t *bundle, json_t *resource, const char *mode)
{
    const char *type = json_string_value(json_object_get(resource, "resourceType"));
    const char *id = json_string_value(json_object_get(resource, "id"));
    json_t *e = json_pack("{s:s, s:o}", "fullUrl", arena_printf(&req->arena, "%s/%s/%s", fhir_base(req),
                          type ? type : "", id ? id : ""), "resource", resource);
    if (mode)
        json_object_set_new(e, "search", json_pack("{s:s}", "mode", mode));
    json_array_append_new(json_object_get(bundle, "entry"), e);
}

void fhir_bundle_link(struct request *req, json_t *bundle, const char *relation, const char *url)
{
    json_array_append_new(json_object_get(bundle, "link"),
                          json_pack("{s:s, s:s}", "relation", relation, "url",
                                    arena_printf(&req->arena, "%s/%s", fhir_base(req), url)));
}
