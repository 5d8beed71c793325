/* JSON API of s75 pooled funds (pooled_funds_api.h) and the statement's
 * downloads: GET /api/v1/pooled-funds/{id}?format=csv|xlsx, or an Accept of
 * text/csv or the XLSX media type. */
#include "api/handlers.h"
#include "api/pooled_funds_api.h"
#include <string.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static void respond(struct request *req, struct response *res, json_t *st, int status)
{
    if (!st)
        return;
    http_etag(res, req, json_integer_value(json_object_get(st, "version")));
    http_json(res, status, st);
}

void h_pooled_fund_list(struct request *req, struct response *res)
{
    json_t *r = pooled_funds_visible(req, res);
    if (r)
        http_json(res, 200, r);
}

void h_pooled_fund_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    if (pooled_fund_create(req, res, body, id) == 0) {
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/pooled-funds/%s", id));
        respond(req, res, pooled_fund_statement(req, res, id, 1), 201);
    }
    json_decref(body);
}

/* "csv", "xlsx", "json", or NULL with a 422 naming "format". */
static const char *wanted_format(struct request *req, struct response *res)
{
    const char *f = http_query(req, "format"), *accept = http_header(req, "Accept");
    if (!f || !*f)
        return accept && strstr(accept, XLSX_TYPE) ? "xlsx" : accept && strstr(accept, "text/csv") ? "csv" : "json";
    if (strcmp(f, "csv") == 0 || strcmp(f, "xlsx") == 0 || strcmp(f, "json") == 0)
        return f;
    json_t *errors = json_array();
    http_add_error(errors, "format", "must be csv, xlsx or json");
    http_validation(res, req, errors);
    return NULL;
}

void h_pooled_fund_get(struct request *req, struct response *res)
{
    const char *fmt = wanted_format(req, res);
    if (!fmt)
        return;
    json_t *st = pooled_fund_statement(req, res, req->params[0], 1);
    if (st && strcmp(fmt, "json") != 0) {
        if (strcmp(fmt, "csv") == 0)
            pooled_fund_csv(req, res, st);
        else
            pooled_fund_xlsx(req, res, st);
        json_decref(st);
        return;
    }
    respond(req, res, st, 200);
}

typedef int (*entry_fn)(struct request *, struct response *, const char *, json_t *);

static void entry(struct request *req, struct response *res, entry_fn add)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (add(req, res, req->params[0], body) == 0) {
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/pooled-funds/%s", req->params[0]));
        respond(req, res, pooled_fund_statement(req, res, req->params[0], 1), 201);
    }
    json_decref(body);
}

void h_pooled_fund_contribution(struct request *req, struct response *res)
{
    entry(req, res, pooled_fund_contribute);
}

void h_pooled_fund_spend(struct request *req, struct response *res)
{
    entry(req, res, pooled_fund_spend);
}
