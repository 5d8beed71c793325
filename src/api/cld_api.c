/* The Client Level Data attributes of a person (svc/cld.h): what a
 * practitioner records for the national return that no other part of the
 * record holds. GET answers them with ETag: W/"<version>"; PUT replaces the
 * set (If-Match or body "version"; 0 before anything was recorded) and
 * answers what is stored. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/cld_api.h"
#include "api/person_access.h"
#include "pages/page.h"
#include "domain/dates.h"
#include "http/http.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

void h_cld_attributes_get(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_cld_attributes_get(api_ctx(req), req->params[0], &out);
    api_reply_record(req, res, rc, 200, &out);
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

/* "Method of Assessment" for "Method_of_Assessment". */
static json_t *column_words(const char *column)
{
    char out[64];
    size_t i = 0;
    for (; column[i] && i < sizeof out - 1; i++)
        out[i] = column[i] == '_' ? ' ' : column[i];
    out[i] = 0;
    return json_string(out);
}

/* "943 476 5919", or NULL. */
static json_t *nhs_spaced(const char *nhs)
{
    if (!nhs || strlen(nhs) != 10)
        return json_null();
    char out[13];
    snprintf(out, sizeof out, "%.3s %.3s %.4s", nhs, nhs + 3, nhs + 6);
    return json_string(out);
}

static json_t *words(const char *ymd);

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
        const struct cld_row *row = &r->rows[p->row];
        const char *on = row->v[CLD_EVENT_END] ? row->v[CLD_EVENT_END] : row->v[CLD_EVENT_START];
        json_array_append_new(problems, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "row",
                                                  (json_int_t)p->row + 1, "event_reference", row->v[CLD_EVENT_REF],
                                                  "event_type", row->v[CLD_EVENT_TYPE], "column", p->column,
                                                  "reason", p->reason, "person_id", r->person_ids[p->row],
                                                  "nhs_number_formatted", nhs_spaced(row->v[CLD_NHS_NUMBER]),
                                                  "event_date_words", words(on), "column_words",
                                                  column_words(p->column)));
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

/* "2 December 2026" for a page, or the text as given. */
static json_t *words(const char *ymd)
{
    struct date d;
    char out[DATE_WORDS_SIZE];
    if (date_parse(ymd, "date", &d, NULL) != 0 || date_format_words(d, out) != 0)
        return json_string(ymd);
    return json_string(out);
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
    json_object_set_new(data, "from_words", words(from));
    json_object_set_new(data, "to_words", words(to));
    json_object_set_new(data, "has_problems", json_boolean(r.nproblems > 0));
    web_page(req, res, 200, "cld_report", "Client Level Data return", data);
}

/* ---- /persons/{id}/cld: the practitioner's form for the attributes ---- */

static const struct {
    const char *key, *label;
    enum cld_column column;
} form_fields[] = {
    {"primary_support_reason", "Primary support reason", CLD_PSR},
    {"ethnicity", "Ethnicity", CLD_ETHNICITY},
    {"accommodation_status", "Accommodation status", CLD_ACCOMMODATION},
    {"employment_status", "Employment status", CLD_EMPLOYMENT},
    {"has_unpaid_carer", "Has an unpaid carer", CLD_UNPAID_CARER},
    {"client_funding_status", "Funding status", CLD_FUNDING},
    {"autism", "Autism spectrum disorder", CLD_ASD},
    {"visual_impairment", "Visual impairment", CLD_VISUAL},
    {"hearing_impairment", "Hearing impairment", CLD_HEARING},
    {"dementia", "Dementia", CLD_DEMENTIA},
};

/* The fields with their options, the chosen one from form (a refused POST)
 * or else the stored attributes. */
static json_t *form_data(json_t *stored, json_t *form)
{
    json_t *fields = json_array();
    for (size_t i = 0; i < sizeof form_fields / sizeof form_fields[0]; i++) {
        json_t *src = form ? form : stored;
        const char *chosen = json_string_value(json_object_get(src, form_fields[i].key));
        json_t *options = json_array();
        for (const char *const *v = cld_code_list(form_fields[i].column); v && *v; v++)
            json_array_append_new(options, json_pack("{s:s, s:b}", "value", *v, "selected",
                                                     chosen && strcmp(chosen, *v) == 0));
        json_array_append_new(fields, json_pack("{s:s, s:s, s:o, s:b}", "key", form_fields[i].key, "label",
                                                form_fields[i].label, "options", options, "none_selected",
                                                !chosen || !*chosen));
    }
    return fields;
}

static void show_cld_form(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                          void *arg)
{
    (void)arg;
    struct svc_ctx *c = api_ctx(req);
    c->errors = NULL;
    json_t *stored;
    int rc = svc_cld_attributes_get(c, req->params[0], &stored);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    json_t *data = json_pack("{s:s, s:O, s:o}", "person_id", req->params[0], "version",
                             json_object_get(stored, "version"), "fields", form_data(stored, form));
    json_t *e = api_error_data(errors);
    json_object_update(data, e);
    json_decref(e);
    /* Field errors on the page name the select (its id is the key). */
    person_banner(req, data, req->params[0]);
    web_page(req, res, status, "cld_person", "Client Level Data details", data);
}

void p_cld_person(struct request *req, struct response *res)
{
    show_cld_form(req, res, 200, NULL, NULL, NULL);
}

static int act_cld_person(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_cld_attributes_put(c, (const char *)arg, NULL, form);
}

static const char *to_person(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/persons/%s", (const char *)arg);
}

void p_cld_person_post(struct request *req, struct response *res)
{
    page_post(req, res, &(struct page_form){NULL, act_cld_person, to_person, show_cld_form,
                                            arena_strdup(&req->arena, req->params[0]), NULL});
}
