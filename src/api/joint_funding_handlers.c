/* JSON API of joint funding (joint_funding_api.h): requests raised from a
 * plan, the panel's agenda and decisions, the panel's cycle and recharge
 * statements (?format=json|csv|xlsx). */
#include "api/handlers.h"
#include "api/joint_funding_api.h"
#include "api/xlsx_out.h"
#include <string.h>

static void reply(struct request *req, struct response *res, json_t *r, int status)
{
    if (!r)
        return;
    if (json_object_get(r, "version"))
        http_etag(res, req, json_integer_value(json_object_get(r, "version")));
    http_json(res, status, r);
}

typedef json_t *(*body_fn)(struct request *, struct response *, const char *, json_t *);

static void with_body(struct request *req, struct response *res, body_fn fn, int status)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    json_t *r = fn(req, res, req->params[0], body);
    json_decref(body);
    if (r && status == 201)
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/joint-funding-requests/%s",
                                                           json_string_value(json_object_get(r, "id"))));
    reply(req, res, r, status);
}

void h_jf_request_create(struct request *req, struct response *res)
{
    with_body(req, res, jf_request_raise, 201);
}

void h_jf_request_get(struct request *req, struct response *res)
{
    reply(req, res, jf_request_read(req, res, req->params[0]), 200);
}

void h_jf_request_decision(struct request *req, struct response *res)
{
    with_body(req, res, jf_request_decision, 200);
}

void h_jf_panel_put(struct request *req, struct response *res)
{
    with_body(req, res, jf_panel_configure, 200);
}

void h_jf_panel_agenda(struct request *req, struct response *res)
{
    json_t *r = jf_panel_agenda(req, res, req->params[0], http_query(req, "date"));
    if (r)
        http_json(res, 200, r);
}

void h_jf_recharge_statement(struct request *req, struct response *res)
{
    const char *f = http_query(req, "format"), *accept = http_header(req, "Accept");
    if (!f || !*f)
        f = accept && strstr(accept, XLSX_MEDIA_TYPE) ? "xlsx" : accept && strstr(accept, "text/csv") ? "csv" : "json";
    if (strcmp(f, "csv") != 0 && strcmp(f, "xlsx") != 0 && strcmp(f, "json") != 0) {
        json_t *errors = json_array();
        http_add_error(errors, "format", "must be csv, xlsx or json");
        http_validation(res, req, errors);
        return;
    }
    json_t *st = jf_recharge_statement(req, res, http_query(req, "from"), http_query(req, "to"));
    if (!st)
        return;
    if (strcmp(f, "csv") == 0)
        jf_recharge_csv(req, res, st);
    else if (strcmp(f, "xlsx") == 0)
        jf_recharge_xlsx(req, res, st);
    else {
        http_json(res, 200, st);
        return;
    }
    json_decref(st);
}
