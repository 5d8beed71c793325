/* Exports of a pooled fund's statement (pooled_funds_api.h): CSV with
 * amounts in pounds written from integer pence (formula-safe text fields,
 * like the cohort CSV), and XLSX through libxlsxwriter with three sheets —
 * Statement (services by quarter), Partners (contributions and risk share),
 * Spend (every entry) — whose amounts are numbers in a £ format. The
 * workbook is written to a private temporary file, read back into the
 * response and removed (libxlsxwriter 1.1 cannot write to memory). */
#include "api/pooled_funds_api.h"
#include "api/xlsx_out.h"
#include <stdio.h>
#include <string.h>

static int64_t num(json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

/* "-1234.05" from -123405 pence: exact, no floating point. */
static void pounds(struct buf *b, int64_t p)
{
    uint64_t m = p < 0 ? (uint64_t)(-(p + 1)) + 1 : (uint64_t)p;
    buf_printf(b, "%s%llu.%02llu", p < 0 ? "-" : "", (unsigned long long)(m / 100),
               (unsigned long long)(m % 100));
}

static void csv_money(struct buf *b, json_t *o, const char *k)
{
    buf_putc(b, ',');
    if (json_is_integer(json_object_get(o, k)))
        pounds(b, num(o, k));
}

static void csv_services(struct buf *b, json_t *st)
{
    buf_puts(b, "section,name,budget_gbp,q1_gbp,q2_gbp,q3_gbp,q4_gbp,spent_gbp,variance_gbp\r\n");
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(st, "services"), i, s) {
        buf_puts(b, "service,");
        api_csv_field(b, str(s, "name"));
        csv_money(b, s, "budget_pence");
        for (size_t q = 0; q < 4; q++) {
            buf_putc(b, ',');
            pounds(b, (int64_t)json_integer_value(json_array_get(json_object_get(s, "quarters"), q)));
        }
        csv_money(b, s, "spent_pence");
        csv_money(b, s, "variance_pence");
        buf_puts(b, "\r\n");
    }
    buf_puts(b, "total,\"Pooled fund\"");
    csv_money(b, st, "budget_pence");
    json_array_foreach(json_object_get(st, "quarters"), i, s)
        csv_money(b, s, "spent_pence");
    csv_money(b, st, "spent_pence");
    csv_money(b, st, "variance_pence");
    buf_puts(b, "\r\n\r\n");
}

static void csv_partners(struct buf *b, json_t *st)
{
    buf_puts(b, "section,partner,contributed_gbp,share_bp,cap_gbp,share_of_variance_gbp,net_cost_gbp,host\r\n");
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(st, "partners"), i, p) {
        buf_puts(b, "partner,");
        api_csv_field(b, str(p, "org_name"));
        csv_money(b, p, "contributed_pence");
        buf_printf(b, ",%lld", (long long)num(p, "share_bp"));
        csv_money(b, p, "cap_pence");
        csv_money(b, p, "share_pence");
        csv_money(b, p, "net_cost_pence");
        buf_printf(b, ",%s\r\n", json_is_true(json_object_get(p, "is_host")) ? "yes" : "no");
    }
    buf_puts(b, "\r\nsection,date,service,amount_gbp,description\r\n");
    json_array_foreach(json_object_get(st, "spend"), i, p) {
        buf_printf(b, "spend,%s,", str(p, "spent_on"));
        api_csv_field(b, str(p, "service_name"));
        csv_money(b, p, "amount_pence");
        buf_putc(b, ',');
        api_csv_field(b, str(p, "description"));
        buf_puts(b, "\r\n");
    }
}

static void attachment(struct request *req, struct response *res, json_t *st, const char *ext)
{
    http_header_add(res, req, "Content-Disposition",
                    arena_printf(&req->arena, "attachment; filename=\"pooled-fund-%s.%s\"", str(st, "id"), ext));
}

void pooled_fund_csv(struct request *req, struct response *res, json_t *st)
{
    struct buf *b = &res->body;
    buf_reset(b);
    buf_puts(b, "fund,");
    api_csv_field(b, str(st, "name"));
    buf_printf(b, "\r\nyear,%s,%s\r\nhost,", str(st, "year_start"), str(st, "year_end"));
    api_csv_field(b, str(st, "host_org_name"));
    buf_printf(b, "\r\nrisk_share,%s\r\nposition,%s\r\n\r\n", str(st, "risk_share"), str(st, "position"));
    csv_services(b, st);
    csv_partners(b, st);
    res->status = 200;
    res->content_type = "text/csv; charset=utf-8";
    attachment(req, res, st, "csv");
}

/* ---- XLSX ---- */

struct sheet_fmt {
    lxw_format *bold, *money;
};

static void cell_money(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, json_t *o, const char *k, lxw_format *f)
{
    json_t *v = json_object_get(o, k);
    if (json_is_integer(v))
        worksheet_write_number(ws, r, c, (double)json_integer_value(v) / 100.0, f);  /* pounds, at the edge */
}

static void header_row(lxw_worksheet *ws, const char *const *names, lxw_format *bold)
{
    for (lxw_col_t c = 0; names[c]; c++)
        worksheet_write_string(ws, 0, c, names[c], bold);
    worksheet_set_column(ws, 0, 0, 36, NULL);
    worksheet_set_column(ws, 1, 8, 16, NULL);
}

static void sheet_statement(lxw_workbook *wb, json_t *st, const struct sheet_fmt *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Statement");
    static const char *const h[] = {"Service", "Budget", "Q1", "Q2", "Q3", "Q4", "Spent", "Variance", NULL};
    header_row(ws, h, f->bold);
    size_t i;
    json_t *s;
    lxw_row_t r = 1;
    json_array_foreach(json_object_get(st, "services"), i, s) {
        worksheet_write_string(ws, r, 0, str(s, "name"), NULL);
        cell_money(ws, r, 1, s, "budget_pence", f->money);
        for (lxw_col_t q = 0; q < 4; q++)
            worksheet_write_number(ws, r, 2 + q, (double)json_integer_value(
                json_array_get(json_object_get(s, "quarters"), q)) / 100.0, f->money);
        cell_money(ws, r, 6, s, "spent_pence", f->money);
        cell_money(ws, r, 7, s, "variance_pence", f->money);
        r++;
    }
    worksheet_write_string(ws, r, 0, "Pooled fund (budget = contributions)", f->bold);
    cell_money(ws, r, 1, st, "budget_pence", f->money);
    json_array_foreach(json_object_get(st, "quarters"), i, s)
        cell_money(ws, r, 2 + (lxw_col_t)i, s, "spent_pence", f->money);
    cell_money(ws, r, 6, st, "spent_pence", f->money);
    cell_money(ws, r, 7, st, "variance_pence", f->money);
}

static void sheet_partners(lxw_workbook *wb, json_t *st, const struct sheet_fmt *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Partners");
    static const char *const h[] = {"Partner", "Contributed", "Share (bp)", "Cap", "Share of variance",
                                    "Net cost", "Host", NULL};
    header_row(ws, h, f->bold);
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(st, "partners"), i, p) {
        lxw_row_t r = (lxw_row_t)i + 1;
        worksheet_write_string(ws, r, 0, str(p, "org_name"), NULL);
        cell_money(ws, r, 1, p, "contributed_pence", f->money);
        worksheet_write_number(ws, r, 2, (double)num(p, "share_bp"), NULL);
        cell_money(ws, r, 3, p, "cap_pence", f->money);
        cell_money(ws, r, 4, p, "share_pence", f->money);
        cell_money(ws, r, 5, p, "net_cost_pence", f->money);
        worksheet_write_string(ws, r, 6, json_is_true(json_object_get(p, "is_host")) ? "yes" : "no", NULL);
    }
}

static void sheet_spend(lxw_workbook *wb, json_t *st, const struct sheet_fmt *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Spend");
    static const char *const h[] = {"Date", "Service", "Amount", "Description", NULL};
    header_row(ws, h, f->bold);
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(st, "spend"), i, e) {
        lxw_row_t r = (lxw_row_t)i + 1;
        worksheet_write_string(ws, r, 0, str(e, "spent_on"), NULL);
        worksheet_write_string(ws, r, 1, str(e, "service_name"), NULL);
        cell_money(ws, r, 2, e, "amount_pence", f->money);
        worksheet_write_string(ws, r, 3, str(e, "description"), NULL);
    }
}

static void fill_workbook(lxw_workbook *wb, void *ctx)
{
    json_t *st = ctx;
    struct sheet_fmt f = {workbook_add_format(wb), workbook_add_format(wb)};
    format_set_bold(f.bold);
    format_set_num_format(f.money, XLSX_POUNDS_FORMAT);
    sheet_statement(wb, st, &f);
    sheet_partners(wb, st, &f);
    sheet_spend(wb, st, &f);
}

void pooled_fund_xlsx(struct request *req, struct response *res, json_t *st)
{
    xlsx_respond(req, res, fill_workbook, st, arena_printf(&req->arena, "pooled-fund-%s.xlsx", str(st, "id")));
}
