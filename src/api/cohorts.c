/* JSON API of case-finding cohorts, their CSV export and the case-finding
 * feed (svc/cohorts.h). */
#include "api/api.h"
#include "api/cohorts_api.h"
#include "api/handlers.h"
#include "svc/cohorts.h"
#include <stdlib.h>
#include <string.h>

json_t *cohort_page(struct request *req, struct response *res, const char *locality_code, const char *kind,
                    int page, int limit)
{
    json_t *out;
    const char *after = http_query(req, "after");
    int rc = svc_cohort_page(api_ctx(req), locality_code, kind, page, after && *after ? after : NULL, limit, &out);
    if (rc == SVC_OK)
        return json_incref(out);
    api_result(req, res, rc);
    return NULL;
}

static int page_param(struct request *req, struct response *res)
{
    const char *p = http_query(req, "page");
    char *end;
    long v = p ? strtol(p, &end, 10) : 1;
    if (p && (*end || end == p || v < 1 || v > 1000000)) {
        json_t *errors = json_array();
        svc_error_add(errors, "page", "must be a whole number from 1");
        http_validation(res, req, errors);
        return -1;
    }
    return (int)v;
}

/* CSV of the whole cohort (up to 100,000 rows), each person audited. */
static void cohort_csv(struct request *req, struct response *res, const char *loc, const char *kind)
{
    json_t *all;
    int rc = svc_cohort_page(api_ctx(req), loc, kind, 1, NULL, 100000, &all);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    static const char *const cols[] = {"nhs_number", "family_name", "given_name", "date_of_birth", "postcode",
                                       "gp_practice_code", "ltc_count", "efi_count", "predicted_cost_pence", "reason"};
    buf_reset(&res->body);
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
        buf_printf(&res->body, "%s%s", c ? "," : "", cols[c]);
    buf_puts(&res->body, "\r\n");
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(all, "items"), i, it) {
        for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
            json_t *v = json_object_get(it, cols[c]);
            if (c)
                buf_putc(&res->body, ',');
            if (json_is_integer(v))
                buf_printf(&res->body, "%lld", (long long)json_integer_value(v));
            else
                api_csv_field(&res->body, json_string_value(v));
        }
        buf_puts(&res->body, "\r\n");
    }
    res->status = 200;
    res->content_type = "text/csv; charset=utf-8";
    http_header_add(res, req, "Content-Disposition",
                    arena_printf(&req->arena, "attachment; filename=\"cohort-%s-%s.csv\"", loc, kind));
}

void h_cohort(struct request *req, struct response *res)
{
    const char *fmt = http_query(req, "format");
    if (fmt && strcmp(fmt, "csv") == 0) {
        cohort_csv(req, res, req->params[0], req->params[1]);
        return;
    }
    int limit = api_limit(req, res), page = limit < 0 ? -1 : page_param(req, res);
    if (page < 0)
        return;
    json_t *r = cohort_page(req, res, req->params[0], req->params[1], page, limit);
    if (r)
        http_json(res, 200, r);
}

void h_localities(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_localities(api_ctx(req), &out);
    api_reply(req, res, rc, 200, &out);
}

/* PUT /api/v1/persons/{id}/case-finding {ltc_count, efi_deficits: [codes],
 * frailty_flag, predicted_cost_pence}: the feed from primary care and risk
 * stratification that the cohorts read. */
void h_case_finding_put(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res)), *out;
    if (!body)
        return;
    int rc = svc_case_finding_put(api_ctx(req), req->params[0], body, &out);
    api_reply(req, res, rc, 200, &out);
}
