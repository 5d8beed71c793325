/* XLSX downloads for hospital discharge (libxlsxwriter via api/xlsx_out.h):
 * the IDT board — one row a person, dates as date cells, days delayed as
 * a number — and the daily situation, a sheet for each breakdown. The
 * data is what the services returned (audited there); only the encoding
 * is here. */
#include "api/discharge_xlsx.h"
#include "util/num.h"
#include <stdlib.h>
#include <string.h>
#include "api/xlsx_out.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

struct fmts {
    lxw_format *bold, *date;
};

static struct fmts formats(lxw_workbook *wb)
{
    struct fmts f = {workbook_add_format(wb), workbook_add_format(wb)};
    format_set_bold(f.bold);
    format_set_num_format(f.date, "d mmmm yyyy");
    return f;
}

static void headers(lxw_worksheet *ws, const char *const *h, lxw_format *bold)
{
    for (lxw_col_t c = 0; h[c]; c++)
        worksheet_write_string(ws, 0, c, h[c], bold);
}

/* A "YYYY-MM-DD" value as a date cell; text when it is not one; nothing
 * when absent. */
static void date_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *v, lxw_format *fmt)
{
    if (!v || !*v)
        return;
    int y, m, day;
    if (strlen(v) >= 10 && v[4] == '-' && v[7] == '-' && num_parse_int_n(v, 4, &y) == 0 &&
        num_parse_int_n(v + 5, 2, &m) == 0 && num_parse_int_n(v + 8, 2, &day) == 0) {
        lxw_datetime d = {y, m, day, 0, 0, 0};
        worksheet_write_datetime(ws, r, c, &d, fmt);
    } else {
        worksheet_write_string(ws, r, c, v, NULL);
    }
}

static void text_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *v)
{
    if (v && *v)
        worksheet_write_string(ws, r, c, v, NULL);
}

static void fill_board(lxw_workbook *wb, void *ctx)
{
    json_t *board = ctx;
    struct fmts f = formats(wb);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Board");
    static const char *const h[] = {"NHS number", "Name", "Date of birth", "Ward", "Bed", "Admitted",
                                    "Discharge ready date", "Days delayed", "Pathway", "Delay reason",
                                    "Attributed to", "Next action", "Owner", "Transfer of care", "Receiving team",
                                    NULL};
    headers(ws, h, f.bold);
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(board, "items"), i, it) {
        lxw_row_t r = (lxw_row_t)i + 1;
        text_cell(ws, r, 0, str(it, "nhs_number_formatted"));
        text_cell(ws, r, 1, str(it, "person_name"));
        date_cell(ws, r, 2, str(it, "date_of_birth"), f.date);
        text_cell(ws, r, 3, str(it, "ward_name"));
        text_cell(ws, r, 4, str(it, "bed"));
        date_cell(ws, r, 5, str(it, "admitted_on"), f.date);
        date_cell(ws, r, 6, str(it, "ready_on"), f.date);
        if (str(it, "ready_on"))
            worksheet_write_number(ws, r, 7, (double)json_integer_value(json_object_get(it, "days_delayed")), NULL);
        text_cell(ws, r, 8, str(it, "pathway_label"));
        text_cell(ws, r, 9, str(it, "delay_reason_label"));
        text_cell(ws, r, 10, str(it, "delay_sector_label"));
        text_cell(ws, r, 11, str(it, "next_action"));
        text_cell(ws, r, 12, str(it, "next_action_owner"));
        text_cell(ws, r, 13, str(it, "transfer_label"));
        text_cell(ws, r, 14, str(it, "transfer_team"));
    }
    worksheet_set_column(ws, 0, 1, 18, NULL);
    worksheet_set_column(ws, 2, 14, 16, NULL);
    worksheet_freeze_panes(ws, 1, 2);
}

void discharge_board_xlsx(struct request *req, struct response *res, json_t *board)
{
    xlsx_respond(req, res, fill_board, board, "discharge-board.xlsx");
}

/* One breakdown: label column, count column. */
static void breakdown(lxw_workbook *wb, const struct fmts *f, const char *name, const char *what, json_t *rows,
                      const char *label_key)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    const char *const h[] = {what, "People", NULL};
    headers(ws, h, f->bold);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        text_cell(ws, (lxw_row_t)i + 1, 0, str(r, label_key));
        worksheet_write_number(ws, (lxw_row_t)i + 1, 1, (double)json_integer_value(json_object_get(r, "count")),
                               NULL);
    }
    worksheet_set_column(ws, 0, 0, 48, NULL);
}

static void fill_situation(lxw_workbook *wb, void *ctx)
{
    json_t *s = ctx;
    struct fmts f = formats(wb);
    lxw_worksheet *sum = workbook_add_worksheet(wb, "Summary");
    worksheet_write_string(sum, 0, 0, "Date", f.bold);
    date_cell(sum, 0, 1, str(s, "on"), f.date);
    worksheet_write_string(sum, 1, 0, "People not meeting the criteria to reside", f.bold);
    worksheet_write_number(sum, 1, 1, (double)json_integer_value(json_object_get(s, "not_meeting_criteria")), NULL);
    json_t *dis = json_object_get(s, "discharges");
    worksheet_write_string(sum, 2, 0, "Discharges", f.bold);
    worksheet_write_number(sum, 2, 1, (double)json_integer_value(json_object_get(dis, "total")), NULL);
    worksheet_set_column(sum, 0, 0, 44, NULL);
    worksheet_set_column(sum, 1, 1, 18, NULL);
    breakdown(wb, &f, "Discharges by pathway", "Pathway", json_object_get(dis, "by_pathway"), "label");
    breakdown(wb, &f, "Delayed by reason", "Reason for delay", json_object_get(s, "delayed_by_reason"), "label");
    breakdown(wb, &f, "By length of delay", "Days delayed", json_object_get(s, "delayed_by_length"), "band");
}

void discharge_situation_xlsx(struct request *req, struct response *res, json_t *situation)
{
    xlsx_respond(req, res, fill_situation, situation,
                 arena_printf(&req->arena, "discharge-situation-%s.xlsx", str(situation, "on")));
}
