/* /api/v1/disputes: inter-agency disputes (svc/disputes.h). Decode, call
 * the service, encode; nothing else. */
#include "api/api.h"
#include "api/disputes_api.h"
#include "svc/disputes.h"
#include <stdlib.h>
#include <string.h>

static void record(struct request *req, struct response *res, int rc, json_t *out, int status)
{
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_json_record(res, req, status, json_incref(out));
}

void h_dispute_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res)), *out;
    if (!body)
        return;
    int rc = svc_dispute_create(api_ctx(req), body, &out);
    record(req, res, rc, out, 201);
}

void h_dispute_list(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return;
    const char *state = http_query(req, "state"), *cursor = http_query(req, "cursor");
    json_t *out;
    int rc = svc_dispute_list(api_ctx(req), state && *state ? state : NULL, cursor && *cursor ? cursor : NULL, limit,
                              &out);
    api_reply(req, res, rc, 200, &out);
}

void h_dispute_get(struct request *req, struct response *res)
{
    json_t *out = NULL;
    int rc = svc_dispute_get(api_ctx(req), req->params[0], &out);
    record(req, res, rc, out, 200);
}

typedef int (*dispute_write)(struct svc_ctx *, const char *, json_t *, const struct svc_expect *, json_t **);

static void write_call(struct request *req, struct response *res, dispute_write fn)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res)), *out;
    if (!body)
        return;
    struct svc_expect e = api_expect(req, body);
    int rc = fn(api_ctx(req), req->params[0], body, &e, &out);
    record(req, res, rc, out, 200);
}

void h_dispute_escalate(struct request *req, struct response *res) { write_call(req, res, svc_dispute_escalate); }
void h_dispute_note(struct request *req, struct response *res) { write_call(req, res, svc_dispute_note); }
void h_dispute_outcome(struct request *req, struct response *res) { write_call(req, res, svc_dispute_outcome); }
void h_dispute_withdraw(struct request *req, struct response *res) { write_call(req, res, svc_dispute_withdraw); }

/* The body is the file itself (any Content-Type: the type is read from the
 * bytes); ?filename= names it. A body over the server's limit is refused
 * with 413 before this runs. */
void h_dispute_attach(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_dispute_attach(api_ctx(req), req->params[0], http_query(req, "filename"),
                                (const unsigned char *)req->body.data, req->body.len, &out);
    record(req, res, rc, out, 201);
}

void h_dispute_attachment(struct request *req, struct response *res)
{
    json_t *meta;
    unsigned char *bytes;
    size_t len;
    int rc = svc_dispute_attachment(api_ctx(req), req->params[0], req->params[1], &meta, &bytes, &len);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    const char *name = json_string_value(json_object_get(meta, "filename"));
    http_text(res, 200, arena_printf(&req->arena, "%s", json_string_value(json_object_get(meta, "content_type"))),
              (const char *)bytes, len);
    http_header_add(res, req, "Content-Disposition", arena_printf(&req->arena, "attachment; filename=\"%s\"", name));
    http_header_add(res, req, "Cache-Control", "no-store");
}
