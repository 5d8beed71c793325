/* Bank holidays over HTTP: GET /api/v1/bank-holidays (any signed-in user),
 * add / remove / mark a year complete (org admins). Decode → service
 * (svc/bank_holidays.h) → encode; the admin page is pages/bank_holidays.c. */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/bank_holidays.h"

void h_bank_holidays_list(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_bank_holidays_list(api_ctx(req), &out);
    api_reply(req, res, rc, 200, &out);
}

void h_bank_holiday_add(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    int rc = svc_bank_holiday_add_input(api_ctx(req), body);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_header_add(res, req, "Location", "/api/v1/bank-holidays");
    http_json(res, 201, json_pack("{s:O, s:O}", "date", json_object_get(body, "date"), "name",
                                  json_object_get(body, "name")));
}

void h_bank_holiday_remove(struct request *req, struct response *res)
{
    int rc = svc_bank_holiday_remove(api_ctx(req), req->params[0]);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_no_content(res);
}

void h_bank_holiday_year_complete(struct request *req, struct response *res)
{
    int rc = svc_bank_holiday_year_complete_text(api_ctx(req), req->params[0]);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_no_content(res);
}
