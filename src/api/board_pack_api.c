/* GET /api/v1/board-pack?from=&to=&board=&format=json|csv|xlsx: the joint
 * outcomes board pack (svc/board_pack.h) as JSON, CSV (one row per measure
 * and month, then the disputes and partner-share tables) or an XLSX
 * workbook (a summary sheet and one sheet per measure, numbers as numbers:
 * percentages as fractions formatted 0.0%, money in pounds). Suppressed
 * figures are the word "suppressed" in the files and null in JSON. */
#include "api/api.h"
#include "api/disputes_api.h"
#include "api/xlsx_out.h"
#include "svc/board_pack.h"
#include <string.h>

static const char *opt(struct request *req, const char *name)
{
    const char *v = http_query(req, name);
    return v && *v ? v : NULL;
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* The pack for this request, or NULL with res set. */
json_t *api_board_pack(struct request *req, struct response *res)
{
    struct svc_board_pack_query q = {opt(req, "from"), opt(req, "to"), opt(req, "board")};
    json_t *out;
    int rc = svc_board_pack(api_ctx(req), &q, &out);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return NULL;
    }
    return out;
}

/* ---- CSV ---- */

static void csv_value(struct buf *b, json_t *f, const char *k, int pounds)
{
    json_t *v = json_object_get(f, k);
    buf_putc(b, ',');
    if (json_is_true(json_object_get(f, "suppressed")))
        buf_puts(b, "suppressed");
    else if (json_is_integer(v) && pounds)
        xlsx_csv_pounds(b, json_integer_value(v));
    else if (json_is_integer(v))
        buf_printf(b, "%lld", (long long)json_integer_value(v));
    else if (json_is_string(v))
        api_csv_field(b, json_string_value(v));
    else if (strcmp(k, "percent") == 0)
        buf_puts(b, "no data");
}

static void csv_row(struct buf *b, json_t *m, json_t *f, const char *month)
{
    int pounds = strcmp(str(m, "unit"), "pence") == 0;
    api_csv_field(b, str(m, "section"));
    buf_putc(b, ',');
    api_csv_field(b, str(m, "id"));
    buf_putc(b, ',');
    api_csv_field(b, str(m, "title"));
    buf_printf(b, ",%s", month);
    csv_value(b, f, "numerator", pounds);
    csv_value(b, f, "denominator", pounds);
    csv_value(b, f, "percent", 0);
    buf_putc(b, ',');
    api_csv_field(b, str(m, "target"));
    buf_printf(b, ",%s\r\n", str(f, "status"));
}

static void csv_count(struct buf *b, json_t *v)
{
    if (json_is_integer(v))
        buf_printf(b, ",%lld", (long long)json_integer_value(v));
    else
        buf_puts(b, ",suppressed");
}

static void csv_disputes(struct buf *b, json_t *d)
{
    size_t i;
    json_t *r;
    buf_puts(b, "\r\ndisputes_open_by_stage,stage,open,under_28_days,28_to_89_days,90_days_or_more\r\n");
    json_array_foreach(json_object_get(d, "open_by_stage"), i, r) {
        buf_printf(b, "disputes_open_by_stage,%s", str(r, "stage"));
        static const char *const k[] = {"open", "under_28_days", "28_to_89_days", "90_days_or_more"};
        for (int j = 0; j < 4; j++)
            csv_count(b, json_object_get(r, k[j]));
        buf_puts(b, "\r\n");
    }
    buf_puts(b, "\r\ndisputes_by_month,month,raised,closed\r\n");
    json_array_foreach(json_object_get(d, "by_month"), i, r) {
        buf_printf(b, "disputes_by_month,%s", str(r, "month"));
        csv_count(b, json_object_get(r, "raised"));
        csv_count(b, json_object_get(r, "closed"));
        buf_puts(b, "\r\n");
    }
    buf_puts(b, "\r\ndisputes_outcomes,settled,withdrawn\r\ndisputes_outcomes");
    csv_count(b, json_object_get(json_object_get(d, "outcomes"), "settled"));
    csv_count(b, json_object_get(json_object_get(d, "outcomes"), "withdrawn"));
    buf_puts(b, "\r\n");
}

static void pack_csv(struct request *req, struct response *res, json_t *pack)
{
    struct buf *b = &res->body;
    buf_reset(b);
    buf_printf(b, "board_pack,%s,%s,suppression_max,%lld\r\n", str(pack, "from"), str(pack, "to"),
               (long long)json_integer_value(json_object_get(json_object_get(pack, "suppression"), "max")));
    buf_puts(b, "section,measure,title,month,numerator,denominator,percent,target,status\r\n");
    size_t i, j;
    json_t *m, *f, *s;
    json_array_foreach(json_object_get(pack, "measures"), i, m) {
        csv_row(b, m, m, "all");
        json_array_foreach(json_object_get(m, "series"), j, f) csv_row(b, m, f, str(f, "month"));
    }
    json_array_foreach(json_object_get(pack, "sections"), i, s) {
        if (strcmp(str(s, "id"), "disputes") == 0)
            csv_disputes(b, s);
        json_t *sec = json_object_get(s, "delayed_by_sector");
        if (sec) {
            buf_puts(b, "\r\ndelayed_discharges_by_sector,nhs,social_care,both\r\ndelayed_discharges_by_sector");
            csv_count(b, json_object_get(sec, "nhs"));
            csv_count(b, json_object_get(sec, "social_care"));
            csv_count(b, json_object_get(sec, "both"));
            buf_puts(b, "\r\n");
        }
        if (json_object_get(s, "partner_shares")) {
            buf_puts(b, "\r\npooled_fund_partner_shares,organisation,contribution_gbp,share_percent\r\n");
            json_array_foreach(json_object_get(s, "partner_shares"), j, f) {
                buf_puts(b, "pooled_fund_partner_shares,");
                api_csv_field(b, str(f, "organisation"));
                buf_putc(b, ',');
                xlsx_csv_pounds(b, json_integer_value(json_object_get(f, "contribution_pence")));
                long long bp = json_integer_value(json_object_get(f, "share_bp"));
                buf_printf(b, ",%lld.%02lld\r\n", bp / 100, bp % 100);
            }
        }
    }
    res->status = 200;
    res->content_type = "text/csv; charset=utf-8";
    http_header_add(res, req, "Content-Disposition", arena_printf(&req->arena,
                    "attachment; filename=\"board-pack-%s-%s.csv\"", str(pack, "from"), str(pack, "to")));
}

/* ---- XLSX ---- */

struct fmt {
    lxw_format *bold, *pct, *money;
};

/* A figure's cells from column col: numerator, denominator, percent, status. */
static void xlsx_figure(lxw_worksheet *ws, lxw_row_t r, lxw_col_t col, json_t *m, json_t *f, const struct fmt *x)
{
    int pounds = strcmp(str(m, "unit"), "pence") == 0;
    json_t *n = json_object_get(f, "numerator"), *d = json_object_get(f, "denominator");
    if (json_is_true(json_object_get(f, "suppressed"))) {
        for (int k = 0; k < 3; k++)
            worksheet_write_string(ws, r, (lxw_col_t)(col + k), "suppressed", NULL);
    } else {
        if (json_is_integer(n))
            worksheet_write_number(ws, r, col, (double)json_integer_value(n) / (pounds ? 100.0 : 1.0),
                                   pounds ? x->money : NULL);
        if (json_is_integer(d))
            worksheet_write_number(ws, r, col + 1, (double)json_integer_value(d) / (pounds ? 100.0 : 1.0),
                                   pounds ? x->money : NULL);
        if (json_is_integer(d) && json_integer_value(d) > 0)
            worksheet_write_number(ws, r, col + 2,
                                   (double)json_integer_value(n) / (double)json_integer_value(d), x->pct);
        else
            worksheet_write_string(ws, r, col + 2, "no data", NULL);
    }
    worksheet_write_string(ws, r, col + 3, str(f, "status"), NULL);
}

static void headers(lxw_worksheet *ws, const char *const *h, lxw_format *bold)
{
    for (lxw_col_t c = 0; h[c]; c++)
        worksheet_write_string(ws, 0, c, h[c], bold);
}

static void fill(lxw_workbook *wb, void *ctx)
{
    json_t *pack = ctx;
    struct fmt x = {workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb)};
    format_set_bold(x.bold);
    format_set_num_format(x.pct, "0.0%");
    format_set_num_format(x.money, XLSX_POUNDS_FORMAT);
    lxw_worksheet *sum = workbook_add_worksheet(wb, "Summary");
    static const char *const sh[] = {"Section", "Measure", "Numerator", "Denominator", "Percent", "Status", "Target",
                                     NULL};
    headers(sum, sh, x.bold);
    size_t i, j;
    json_t *m, *f;
    json_array_foreach(json_object_get(pack, "measures"), i, m) {
        lxw_row_t r = (lxw_row_t)i + 1;
        worksheet_write_string(sum, r, 0, str(m, "section"), NULL);
        worksheet_write_string(sum, r, 1, str(m, "title"), NULL);
        xlsx_figure(sum, r, 2, m, m, &x);
        worksheet_write_string(sum, r, 6, str(m, "target"), NULL);
        char name[32];
        snprintf(name, sizeof name, "%.31s", str(m, "id"));
        lxw_worksheet *ws = workbook_add_worksheet(wb, name);
        static const char *const mh[] = {"Month", "Numerator", "Denominator", "Percent", "Status", NULL};
        headers(ws, mh, x.bold);
        json_array_foreach(json_object_get(m, "series"), j, f) {
            worksheet_write_string(ws, (lxw_row_t)j + 1, 0, str(f, "month"), NULL);
            xlsx_figure(ws, (lxw_row_t)j + 1, 1, m, f, &x);
        }
    }
}

void h_board_pack(struct request *req, struct response *res)
{
    const char *format = opt(req, "format");
    if (format && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0) {
        json_t *e = json_array();
        svc_error_add(e, "format", "must be json, csv or xlsx");
        http_validation(res, req, e);
        return;
    }
    json_t *pack = api_board_pack(req, res);
    if (!pack)
        return;
    if (format && strcmp(format, "csv") == 0)
        pack_csv(req, res, pack);
    else if (format && strcmp(format, "xlsx") == 0)
        xlsx_respond(req, res, fill, pack, arena_printf(&req->arena, "board-pack-%s-%s.xlsx", str(pack, "from"),
                                                        str(pack, "to")));
    else
        http_json(res, 200, json_incref(pack));
}
