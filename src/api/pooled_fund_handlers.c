/* JSON API of s75 pooled funds (svc/pooled_funds.h) and the statement's
 * downloads: GET /api/v1/pooled-funds/{id}?format=csv|xlsx, or an Accept of
 * text/csv or the XLSX media type. */
#include "api/handlers.h"
#include "api/pooled_funds_api.h"
#include "svc/svc.h"
#include <string.h>

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* The statement (with entries) with status, or the outcome of rc. */
static void respond(struct request *req, struct response *res, const char *id, int rc, int status)
{
    json_t *st = NULL;
    if (rc == SVC_OK)
        rc = svc_pooled_fund_statement(api_ctx(req), id, 1, &st);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    if (status == 201)
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/pooled-funds/%s", id));
    http_json_record(res, req, status, json_incref(st));
}

void h_pooled_fund_list(struct request *req, struct response *res)
{
    json_t *r;
    int rc = svc_pooled_funds_list(api_ctx(req), &r);
    api_reply(req, res, rc, 200, &r);
}

void h_pooled_fund_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    char id[STORE_ID_LEN];
    respond(req, res, id, svc_pooled_fund_create(api_ctx(req), body, id), 201);
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
    svc_error_add(errors, "format", "must be csv, xlsx or json");
    http_validation(res, req, errors);
    return NULL;
}

void h_pooled_fund_get(struct request *req, struct response *res)
{
    const char *fmt = wanted_format(req, res);
    if (!fmt)
        return;
    if (strcmp(fmt, "json") == 0) {
        respond(req, res, req->params[0], SVC_OK, 200);
        return;
    }
    json_t *st;
    int rc = svc_pooled_fund_statement(api_ctx(req), req->params[0], 1, &st);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else if (strcmp(fmt, "csv") == 0)
        pooled_fund_csv(req, res, st);
    else
        pooled_fund_xlsx(req, res, st);
}

typedef int (*entry_fn)(struct svc_ctx *, const char *, json_t *, const struct svc_expect *);

static void entry(struct request *req, struct response *res, entry_fn add)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    struct svc_expect e = api_expect(req, body);
    respond(req, res, req->params[0], add(api_ctx(req), req->params[0], body, &e), 201);
}

void h_pooled_fund_contribution(struct request *req, struct response *res)
{
    entry(req, res, svc_pooled_fund_contribute);
}

void h_pooled_fund_spend(struct request *req, struct response *res)
{
    entry(req, res, svc_pooled_fund_spend);
}
