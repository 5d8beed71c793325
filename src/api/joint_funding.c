/* JSON API of joint funding (svc/joint_funding.h): requests raised from a
 * plan, the panel's agenda and decisions, the panel's cycle and recharge
 * statements (?format=json|csv|xlsx). Each decodes, calls the service and
 * encodes. */
#include "api/handlers.h"
#include "api/joint_funding_api.h"
#include "api/xlsx_out.h"
#include "svc/joint_funding.h"
#include <string.h>

static void reply(struct request *req, struct response *res, int rc, json_t *r, int status)
{
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    if (status == 201)
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/joint-funding-requests/%s",
                                                           json_string_value(json_object_get(r, "id"))));
    if (json_object_get(r, "version"))
        http_etag(res, req, json_integer_value(json_object_get(r, "version")));
    http_json(res, status, json_incref(r));
}

static json_t *body_of(struct request *req, struct response *res)
{
    return arena_json(&req->arena, http_body_json(req, res));
}

void h_jf_request_create(struct request *req, struct response *res)
{
    json_t *body = body_of(req, res), *r = NULL;
    if (!body)
        return;
    int rc = svc_jf_request_raise(api_ctx(req), req->params[0], body, &r);
    reply(req, res, rc, r, 201);
}

void h_jf_request_get(struct request *req, struct response *res)
{
    json_t *r;
    int rc = svc_jf_request_read(api_ctx(req), req->params[0], &r);
    reply(req, res, rc, r, 200);
}

void h_jf_request_decision(struct request *req, struct response *res)
{
    json_t *body = body_of(req, res), *r = NULL;
    if (!body)
        return;
    struct svc_expect e = api_expect(req, body);
    int rc = svc_jf_request_decide(api_ctx(req), req->params[0], &e, body, &r);
    reply(req, res, rc, r, 200);
}

void h_jf_panel_put(struct request *req, struct response *res)
{
    json_t *body = body_of(req, res), *r = NULL;
    if (!body)
        return;
    int rc = svc_jf_panel_configure(api_ctx(req), req->params[0], body, &r);
    reply(req, res, rc, r, 200);
}

void h_jf_panel_agenda(struct request *req, struct response *res)
{
    json_t *r;
    int rc = svc_jf_panel_agenda(api_ctx(req), req->params[0], http_query(req, "date"), &r);
    reply(req, res, rc, r, 200);
}

void h_jf_recharge_statement(struct request *req, struct response *res)
{
    struct svc_ctx *c = api_ctx(req);
    const char *f = http_query(req, "format"), *accept = http_header(req, "Accept");
    if (!f || !*f)
        f = accept && strstr(accept, XLSX_MEDIA_TYPE) ? "xlsx" : accept && strstr(accept, "text/csv") ? "csv" : "json";
    if (strcmp(f, "csv") != 0 && strcmp(f, "xlsx") != 0 && strcmp(f, "json") != 0) {
        svc_field_error(c, "format", "must be csv, xlsx or json");
        api_result(req, res, SVC_INVALID);
        return;
    }
    json_t *st;
    int rc = svc_jf_recharge_statement(c, http_query(req, "from"), http_query(req, "to"), &st);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else if (strcmp(f, "csv") == 0)
        jf_recharge_csv(req, res, st);
    else if (strcmp(f, "xlsx") == 0)
        jf_recharge_xlsx(req, res, st);
    else
        http_json(res, 200, json_incref(st));
}
