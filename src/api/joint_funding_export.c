/* Recharge statement exports (joint_funding_api.h): CSV with amounts in
 * pounds written exactly from pence (formula-safe text), and XLSX through
 * libxlsxwriter (api/xlsx_out.h) with two sheets — Lines (one row per plan
 * task, with plan and task ids) and Reconciliations — and a totals row. */
#include "api/joint_funding_api.h"
#include "api/xlsx_out.h"
#include <string.h>

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static int64_t num(json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

static const char *const LINE_MONEY[] = {"total_pence", "nhs_pence", "council_pence", "person_pence",
                                         "council_owes_nhs_pence", NULL};
static const char *const REC_MONEY[] = {"total_pence", "nhs_pence", "council_pence", "person_pence",
                                        "council_owes_nhs_pence", "person_owes_nhs_pence", NULL};

static void csv_amounts(struct buf *b, json_t *o, const char *const *keys)
{
    for (size_t i = 0; keys[i]; i++) {
        buf_putc(b, ',');
        xlsx_csv_pounds(b, num(o, keys[i]));
    }
    buf_puts(b, "\r\n");
}

void jf_recharge_csv(struct request *req, struct response *res, json_t *st)
{
    struct buf *b = &res->body;
    buf_reset(b);
    buf_printf(b, "recharge_statement,%s,%s\r\n\r\n", str(st, "from"), str(st, "to"));
    buf_puts(b, "section,plan_id,task_id,task,from,to,days,weekly_gbp,total_gbp,nhs_gbp,council_gbp,person_gbp,"
                "council_owes_nhs_gbp\r\n");
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(st, "lines"), i, l) {
        buf_printf(b, "line,%s,%s,", str(l, "plan_id"), str(l, "task_id"));
        api_csv_field(b, str(l, "task_name"));
        buf_printf(b, ",%s,%s,%lld,", str(l, "from"), str(l, "to"), (long long)num(l, "days"));
        xlsx_csv_pounds(b, num(l, "weekly_cost_pence"));
        csv_amounts(b, l, LINE_MONEY);
    }
    json_t *tot = json_object_get(st, "totals");
    buf_puts(b, "total,,,,,,,");
    csv_amounts(b, tot, LINE_MONEY);
    buf_puts(b, "\r\nsection,interim_id,plan_id,task_id,request_id,from,to,days,total_gbp,nhs_gbp,council_gbp,"
                "person_gbp,council_owes_nhs_gbp,person_owes_nhs_gbp\r\n");
    json_array_foreach(json_object_get(st, "reconciliations"), i, l) {
        buf_printf(b, "reconciliation,%s,%s,%s,%s,%s,%s,%lld", str(l, "id"), str(l, "plan_id"), str(l, "plan_task_id"),
                   str(l, "request_id"), str(l, "from_on"), str(l, "to_on"), (long long)num(l, "days"));
        csv_amounts(b, l, REC_MONEY);
    }
    buf_puts(b, "\r\nnet,council_owes_nhs_gbp,");
    xlsx_csv_pounds(b, num(tot, "council_owes_nhs_pence"));
    buf_puts(b, "\r\n");
    res->status = 200;
    res->content_type = "text/csv; charset=utf-8";
    http_header_add(res, req, "Content-Disposition",
                    arena_printf(&req->arena, "attachment; filename=\"recharge-%s-%s.csv\"", str(st, "from"),
                                 str(st, "to")));
}

struct fmt {
    lxw_format *bold, *money;
};

static void money_cells(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, json_t *o, const char *const *keys,
                        lxw_format *f)
{
    for (size_t i = 0; keys[i]; i++)
        worksheet_write_number(ws, r, c + (lxw_col_t)i, (double)num(o, keys[i]) / 100.0, f);  /* pounds, at the edge */
}

static void headers(lxw_worksheet *ws, const char *const *h, lxw_format *bold)
{
    for (lxw_col_t c = 0; h[c]; c++)
        worksheet_write_string(ws, 0, c, h[c], bold);
    worksheet_set_column(ws, 0, 3, 28, NULL);
    worksheet_set_column(ws, 4, 13, 14, NULL);
}

static void sheet_lines(lxw_workbook *wb, json_t *st, const struct fmt *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Lines");
    static const char *const h[] = {"Plan", "Task", "Task name", "From", "To", "Days", "Total", "NHS", "Council",
                                    "Person", "Council owes NHS", NULL};
    headers(ws, h, f->bold);
    size_t i;
    json_t *l;
    lxw_row_t r = 1;
    json_array_foreach(json_object_get(st, "lines"), i, l) {
        worksheet_write_string(ws, r, 0, str(l, "plan_id"), NULL);
        worksheet_write_string(ws, r, 1, str(l, "task_id"), NULL);
        worksheet_write_string(ws, r, 2, str(l, "task_name"), NULL);
        worksheet_write_string(ws, r, 3, str(l, "from"), NULL);
        worksheet_write_string(ws, r, 4, str(l, "to"), NULL);
        worksheet_write_number(ws, r, 5, (double)num(l, "days"), NULL);
        money_cells(ws, r++, 6, l, LINE_MONEY, f->money);
    }
    worksheet_write_string(ws, r, 0, "Total", f->bold);
    money_cells(ws, r, 6, json_object_get(st, "totals"), LINE_MONEY, f->money);
}

static void sheet_reconciliations(lxw_workbook *wb, json_t *st, const struct fmt *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Reconciliations");
    static const char *const h[] = {"Plan", "Task", "Request", "From", "To", "Days", "Total", "NHS", "Council",
                                    "Person", "Council owes NHS", "Person owes NHS", NULL};
    headers(ws, h, f->bold);
    size_t i;
    json_t *l;
    json_array_foreach(json_object_get(st, "reconciliations"), i, l) {
        lxw_row_t r = (lxw_row_t)i + 1;
        worksheet_write_string(ws, r, 0, str(l, "plan_id"), NULL);
        worksheet_write_string(ws, r, 1, str(l, "plan_task_id"), NULL);
        worksheet_write_string(ws, r, 2, str(l, "request_id"), NULL);
        worksheet_write_string(ws, r, 3, str(l, "from_on"), NULL);
        worksheet_write_string(ws, r, 4, str(l, "to_on"), NULL);
        worksheet_write_number(ws, r, 5, (double)num(l, "days"), NULL);
        money_cells(ws, r, 6, l, REC_MONEY, f->money);
    }
}

static void fill(lxw_workbook *wb, void *ctx)
{
    struct fmt f = {workbook_add_format(wb), workbook_add_format(wb)};
    format_set_bold(f.bold);
    format_set_num_format(f.money, XLSX_POUNDS_FORMAT);
    sheet_lines(wb, ctx, &f);
    sheet_reconciliations(wb, ctx, &f);
}

void jf_recharge_xlsx(struct request *req, struct response *res, json_t *st)
{
    xlsx_respond(req, res, fill, st,
                 arena_printf(&req->arena, "recharge-%s-%s.xlsx", str(st, "from"), str(st, "to")));
}
