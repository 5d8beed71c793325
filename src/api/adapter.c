/* From a request to a service and back: the context of this request and
 * the one mapping of a service outcome to a response (api.h). */
#include "api/api.h"
#include <assert.h>

struct svc_ctx *api_ctx(struct request *req)
{
    if (req->svc)
        return req->svc;
    struct svc_ctx *c = arena_alloc(&req->arena, sizeof *c);
    c->db = req->db;
    c->request_id = req->request_id;
    c->arena = &req->arena;
    if (req->who.user_id[0]) {
        c->user_id = req->who.user_id;
        c->username = req->who.username;
        c->display_name = req->who.display_name;
        c->org_id = req->who.org_id;
        c->org_type = req->who.org_type;
        c->role = req->who.role;
        c->profession = req->who.profession[0] ? req->who.profession : NULL;
    }
    if (req->app) {
        c->audit = req->app->audit;
        c->policy = (struct svc_policy){req->app->cfg.relationship_grace_days, req->app->cfg.break_glass_minutes,
                                        req->app->cfg.routine_response_days,
                                        req->app->cfg.trusted_assessment_days};
    }
    return req->svc = c;
}

void api_result(struct request *req, struct response *res, int rc)
{
    assert(rc != SVC_OK);   /* a success has nothing to report */
    struct svc_ctx *c = api_ctx(req);
    if (rc == SVC_INVALID) {
        http_validation(res, req, c->errors ? json_incref(c->errors) : json_array());
        return;
    }
    if (rc == SVC_FAILED || rc < 0 || rc >= SVC_RESULT_COUNT) {
        http_internal(res, req, 503, c->err.message[0] ? c->err.message : svc_result_name(rc));
        return;
    }
    const char *title = c->title ? c->title : svc_result_title(rc);
    http_problem(res, req, svc_result_status(rc), svc_result_slug(rc), title, c->detail);
    if (c->extra && res->json)
        json_object_update(res->json, c->extra);
    if (rc == SVC_STALE && c->current_version > 0)
        json_object_set_new(res->json, "current_version", json_integer(c->current_version));
    if ((rc == SVC_NO_RELATIONSHIP || rc == SVC_OBJECTION) && c->person_id)
        json_object_set_new(res->json, "break_glass", json_string(arena_printf(&req->arena,
                            "/api/v1/persons/%s/break-glass", c->person_id)));
}

void api_reply(struct request *req, struct response *res, int rc, int status, json_t *const *out)
{
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json(res, status, json_incref(*out));
}

void api_reply_record(struct request *req, struct response *res, int rc, int status, json_t *const *out)
{
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json_record(res, req, status, json_incref(*out));
}

void api_reply_list(struct request *req, struct response *res, int rc, json_t *const *items)
{
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json(res, 200, json_pack("{s:O, s:n}", "items", *items, "next_cursor"));
}

struct svc_expect api_expect(struct request *req, json_t *body)
{
    return (struct svc_expect){http_header(req, "If-Match"), body ? json_object_get(body, "version") : NULL};
}

json_t *api_body_strings(struct request *req, struct response *res, const char *const names[], const char *out[])
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return NULL;
    json_t *errors = svc_errors(api_ctx(req));
    for (size_t i = 0; names[i]; i++)
        out[i] = input_str(body, names[i], errors);
    return body;
}

int api_invalid(struct request *req, struct response *res)
{
    struct svc_ctx *c = api_ctx(req);
    if (!svc_has_errors(c))
        return 0;
    api_result(req, res, SVC_INVALID);
    return 1;
}
