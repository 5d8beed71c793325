/* The Client Level Data attributes of a person (svc/cld.h): what a
 * practitioner records for the national return that no other part of the
 * record holds. GET answers them with ETag: W/"<version>"; PUT replaces the
 * set (If-Match or body "version"; 0 before anything was recorded) and
 * answers what is stored. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/cld_api.h"
#include "http/http.h"
#include "web/web.h"
#include <string.h>

void h_cld_attributes_get(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_cld_attributes_get(api_ctx(req), req->params[0], &out);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json_record(res, req, 200, json_incref(out));
}

void h_cld_attributes_put(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    int rc = svc_cld_attributes_put(api_ctx(req), req->params[0], http_header(req, "If-Match"), body);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    h_cld_attributes_get(req, res);
}

/* PUT /api/v1/cld/{assessments,plan-tasks,reviews}/{id}: an event's CLD details (svc_cld_event_details_put); 204. */
static void event_details(struct request *req, struct response *res, const char *kind, const char *id)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    int rc = svc_cld_event_details_put(api_ctx(req), kind, id, body);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_no_content(res);
}

void h_cld_assessment_put(struct request *req, struct response *res)
{
    event_details(req, res, "assessment", req->params[0]);
}

void h_cld_plan_task_put(struct request *req, struct response *res)
{
    event_details(req, res, "plan_task", req->params[0]);
}

void h_cld_review_put(struct request *req, struct response *res)
{
    event_details(req, res, "review", req->params[0]);
}

/* ---- the return: CSV, the report, the page ---- */

static void csv_field(struct buf *b, const char *v)
{
    if (!v)
        return;
    if (!strpbrk(v, ",\"\r\n")) {
        buf_puts(b, v);
        return;
    }
    buf_putc(b, '"');
    for (; *v; v++) {
        if (*v == '"')
            buf_putc(b, '"');
        buf_putc(b, *v);
    }
    buf_putc(b, '"');
}

void api_cld_csv(struct buf *b, const struct svc_cld_return *r)
{
    for (int c = 0; c < CLD_NCOLUMNS; c++) {
        if (c)
            buf_putc(b, ',');
        csv_field(b, cld_column_name(c));
    }
    buf_puts(b, "\r\n");
    for (size_t i = 0; i < r->n; i++) {
        for (int c = 0; c < CLD_NCOLUMNS; c++) {
            if (c)
                buf_putc(b, ',');
            csv_field(b, r->rows[i].v[c]);
        }
        buf_puts(b, "\r\n");
    }
}

/* The return for the request's period (?from=&to=, default the quarter
 * before today's; ?org=, ?la_code=), or NULL with the response sent. */
static int cld_for(struct request *req, struct response *res, struct svc_cld_return *r, const char **from,
                   const char **to)
{
    struct svc_ctx *c = api_ctx(req);
    svc_cld_default_period(c, from, to);
    if (http_query(req, "from") && http_query(req, "from")[0])
        *from = http_query(req, "from");
    if (http_query(req, "to") && http_query(req, "to")[0])
        *to = http_query(req, "to");
    int rc = svc_cld_return(c, http_query(req, "org"), http_query(req, "la_code"), *from, *to, r);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return 0;
    }
    return 1;
}

static json_t *report_json(const struct svc_cld_return *r, const char *from, const char *to)
{
    json_t *by = json_pack("{s:i, s:i, s:i, s:i}", "Request", 0, "Assessment", 0, "Service", 0, "Review", 0);
    for (size_t i = 0; i < r->n; i++) {
        const char *t = r->rows[i].v[CLD_EVENT_TYPE];
        json_object_set_new(by, t, json_integer(json_integer_value(json_object_get(by, t)) + 1));
    }
    json_t *problems = json_array();
    for (size_t i = 0; i < r->nproblems; i++) {
        const struct svc_cld_problem *p = &r->problems[i];
        json_array_append_new(problems, json_pack("{s:I, s:s, s:s, s:s, s:s}", "row", (json_int_t)p->row + 1,
                                                  "event_reference", r->rows[p->row].v[CLD_EVENT_REF], "event_type",
                                                  r->rows[p->row].v[CLD_EVENT_TYPE], "column", p->column,
                                                  "reason", p->reason));
    }
    return json_pack("{s:s, s:s, s:s, s:s, s:I, s:o, s:I, s:o}", "org_name", r->org_name, "la_code", r->la_code,
                     "from", from, "to", to, "rows", (json_int_t)r->n, "by_event_type", by, "invalid_rows",
                     (json_int_t)r->invalid_rows, "problems", problems);
}

/* GET /api/v1/reports/cld?from=&to=[&format=csv[&allow_invalid=1]]: the
 * report (counts and every problem), or the return itself as CSV — refused
 * (422 naming each event) while rows break the specification, unless
 * allow_invalid=1. */
void h_cld_report(struct request *req, struct response *res)
{
    struct svc_cld_return r;
    const char *from, *to, *format = http_query(req, "format"), *allow = http_query(req, "allow_invalid");
    if (!cld_for(req, res, &r, &from, &to))
        return;
    if (!format || strcmp(format, "csv") != 0) {
        http_json(res, 200, report_json(&r, from, to));
        return;
    }
    if (r.invalid_rows && !(allow && strcmp(allow, "1") == 0)) {
        json_t *errors = json_array();
        for (size_t i = 0; i < r.nproblems; i++)
            svc_error_add(errors, r.rows[r.problems[i].row].v[CLD_EVENT_REF],
                           arena_printf(&req->arena, "%s %s", r.problems[i].column, r.problems[i].reason));
        http_validation(res, req, errors);
        return;
    }
    buf_reset(&res->body);
    api_cld_csv(&res->body, &r);
    res->status = 200;
    res->content_type = "text/csv; charset=utf-8";
    http_header_add(res, req, "Content-Disposition",
                    arena_printf(&req->arena, "attachment; filename=\"cld-%s-%s-%s.csv\"", r.la_code, from, to));
}

/* /reports/cld: the same report as a page, with the download. */
void p_cld_report(struct request *req, struct response *res)
{
    struct svc_cld_return r;
    const char *from, *to;
    if (!cld_for(req, res, &r, &from, &to))
        return;
    json_t *data = report_json(&r, from, to);
    json_object_set_new(data, "valid", json_boolean(r.invalid_rows == 0));
    json_object_set_new(data, "has_problems", json_boolean(r.nproblems > 0));
    web_page(req, res, 200, "cld_report", "Client Level Data return", data);
}
