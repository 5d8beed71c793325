/* JSON API and page for a care plan's personal budget and direct payment
 * (personal_budgets_api.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "api/personal_budgets_api.h"
#include <string.h>

void h_pb_get(struct request *req, struct response *res)
{
    http_json_record(res, req, 200, pb_read(req, res, req->params[0]));
}

void h_pb_put(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (pb_put(req, res, req->params[0], body) == 0)
        http_json_record(res, req, 200, pb_read(req, res, req->params[0]));
    json_decref(body);
}

void h_pb_review_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (pb_review_record(req, res, req->params[0], body) == 0) {
        http_header_add(res, req, "Location",
                        arena_printf(&req->arena, "/api/v1/plans/%s/personal-budget", req->params[0]));
        http_json_record(res, req, 201, pb_read(req, res, req->params[0]));
    }
    json_decref(body);
}

void h_pb_reviews_due(struct request *req, struct response *res)
{
    const char *state = http_query(req, "state");
    if (state && *state && strcmp(state, "overdue") && strcmp(state, "all")) {
        json_t *errors = json_array();
        http_add_error(errors, "state", "must be overdue or all");
        http_validation(res, req, errors);
        return;
    }
    json_t *items = pb_reviews_due(req, res, state && !strcmp(state, "overdue") ? state : NULL);
    if (items)
        http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}
