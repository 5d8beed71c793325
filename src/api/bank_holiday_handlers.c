/* Bank holidays over HTTP: GET /api/v1/bank-holidays (any signed-in user),
 * add / remove / mark a year complete (org admins), and the admin page
 * /admin/bank-holidays. Decode → service → encode. */
#include "api/api.h"
#include "svc/bank_holidays.h"
#include "api/handlers.h"
#include "domain/dates.h"
#include "store/bank_holidays.h"
#include "web/web.h"
#include <stdlib.h>
#include <string.h>

/* {items, years, status}; NULL on a store error. */
static json_t *listing(struct request *req)
{
    struct store_error err = {0};
    json_t *items = bank_holidays_list(req->db, 0, &err), *years = items ? bank_holidays_years(req->db, &err) : NULL;
    json_t *status = years ? svc_bank_holidays_status(req->db, &err) : NULL;
    if (!status) {
        json_decref(items);
        json_decref(years);
        return NULL;
    }
    size_t i;
    json_t *y;
    json_array_foreach(years, i, y)
        json_object_set_new(y, "complete", json_boolean(json_integer_value(json_object_get(y, "complete"))));
    json_t *it;
    json_array_foreach(items, i, it) {
        struct date d;
        char w[DATE_WORDS_SIZE];
        if (date_parse(json_string_value(json_object_get(it, "date")), "date", &d, NULL) == 0 &&
            date_format_words(d, w) == 0)
            json_object_set_new(it, "date_words", json_string(w));
    }
    return json_pack("{s:o, s:o, s:o, s:n}", "items", items, "years", years, "status", status, "next_cursor");
}

void h_bank_holidays_list(struct request *req, struct response *res)
{
    json_t *out = listing(req);
    if (!out) {
        http_internal(res, req, 503, "bank holidays could not be read");
        return;
    }
    http_json(res, 200, out);
}

/* The NHS.UK date input's three fields (date-day, date-month, date-year) as
 * "YYYY-MM-DD" in the arena; the text as typed when it cannot be one. */
static const char *form_date(struct request *req, json_t *body)
{
    const char *d = json_string_value(json_object_get(body, "date-day"));
    const char *m = json_string_value(json_object_get(body, "date-month"));
    const char *y = json_string_value(json_object_get(body, "date-year"));
    if (!d && !m && !y)
        return NULL;
    long dd = d ? strtol(d, NULL, 10) : 0, mm = m ? strtol(m, NULL, 10) : 0, yy = y ? strtol(y, NULL, 10) : 0;
    if (dd < 1 || dd > 31 || mm < 1 || mm > 12 || yy < 1000 || yy > 9999)
        return "";
    return arena_printf(&req->arena, "%04ld-%02ld-%02ld", yy, mm, dd);
}

/* Runs the add on a decoded body (JSON "date", or a page's date input);
 * SVC_* with errors filled. */
static int add_from(struct request *req, json_t *body, json_t *errors)
{
    struct svc_ctx c = api_svc_ctx(req);
    const char *day = form_date(req, body);
    if (!day)
        day = api_str(body, "date", errors);
    const char *name = api_str(body, "name", errors);
    if (json_array_size(errors))
        return SVC_INVALID;
    return svc_bank_holiday_add(&c, day, name, errors);
}

void h_bank_holiday_add(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    json_t *errors = json_array();
    int rc = add_from(req, body, errors);
    if (rc == SVC_OK) {
        http_header_add(res, req, "Location", "/api/v1/bank-holidays");
        http_json(res, 201, json_pack("{s:O, s:O}", "date", json_object_get(body, "date"), "name",
                                      json_object_get(body, "name")));
    } else {
        api_fail(req, res, rc, errors, "bank holiday");
    }
    json_decref(errors);
    json_decref(body);
}

void h_bank_holiday_remove(struct request *req, struct response *res)
{
    struct svc_ctx c = api_svc_ctx(req);
    int rc = svc_bank_holiday_remove(&c, req->params[0]);
    if (rc == SVC_OK)
        http_no_content(res);
    else
        api_fail(req, res, rc, NULL, "bank holiday");
}

/* "2028" → 2028; 0 when not a plain year. */
static int parse_year(const char *s)
{
    if (!s || strlen(s) != 4 || strspn(s, "0123456789") != 4)
        return 0;
    return (int)strtol(s, NULL, 10);
}

void h_bank_holiday_year_complete(struct request *req, struct response *res)
{
    struct svc_ctx c = api_svc_ctx(req);
    json_t *errors = json_array();
    int rc = svc_bank_holiday_year_complete(&c, parse_year(req->params[0]), errors);
    if (rc == SVC_OK)
        http_no_content(res);
    else
        api_fail(req, res, rc, errors, "bank holiday year");
    json_decref(errors);
}

/* ---- the admin page ------------------------------------------------------ */

static void page(struct request *req, struct response *res, int status, json_t *errors, json_t *typed)
{
    json_t *data = listing(req);
    if (!data) {
        json_decref(errors);
        json_decref(typed);
        http_internal(res, req, 503, "bank holidays could not be read");
        return;
    }
    json_t *ed = api_error_data(errors);
    json_object_update(data, ed);
    json_decref(ed);
    json_decref(errors);
    json_object_set_new(data, "typed", typed ? typed : json_object());
    const char *added = http_query(req, "added"), *completed = http_query(req, "completed");
    if (status == 200 && added)
        json_object_set_new(data, "confirmation", json_string("Bank holiday added"));
    else if (status == 200 && completed)
        json_object_set_new(data, "confirmation", json_string("Year marked complete"));
    web_page(req, res, status, "bank_holidays", "Bank holidays", data);
}

void p_bank_holidays(struct request *req, struct response *res)
{
    page(req, res, 200, NULL, NULL);
}

/* POST → redirect on success, the page again with the errors and what was
 * typed on a 422, else the failure. Takes body and errors. */
static void page_after_post(struct request *req, struct response *res, int rc, json_t *body, json_t *errors,
                            const char *done)
{
    if (rc == SVC_INVALID) {
        page(req, res, 422, errors, body);
        return;
    }
    json_decref(body);
    if (rc == SVC_OK)
        http_redirect(res, req, done);
    else
        api_fail(req, res, rc, errors, "bank holiday");
    json_decref(errors);
}

void p_bank_holiday_add(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    json_t *errors = json_array();
    int rc = add_from(req, body, errors);
    page_after_post(req, res, rc, body, errors, "/admin/bank-holidays?added=1");
}

void p_bank_holiday_year_complete(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    struct svc_ctx c = api_svc_ctx(req);
    json_t *errors = json_array();
    int rc = svc_bank_holiday_year_complete(&c, parse_year(json_string_value(json_object_get(body, "year"))), errors);
    page_after_post(req, res, rc, body, errors, "/admin/bank-holidays?completed=1");
}
