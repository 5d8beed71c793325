/* The board pack's money and disputes sections (board_pack.h). */
#include "svc/board_pack_int.h"
#include "store/board_pack.h"
#include <stdio.h>
#include <string.h>

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int64_t jint(json_t *o, const char *k)
{
    return (int64_t)json_integer_value(json_object_get(o, k));
}

/* ---- pooled funds ---- */

/* Days of [a, b] within [lo, hi]. */
static int32_t overlap(int32_t a, int32_t b, int32_t lo, int32_t hi)
{
    int32_t s = a > lo ? a : lo, e = b < hi ? b : hi;
    return e >= s ? e - s + 1 : 0;
}

/* Each fund's budget pro-rated by the days of its year within each month of the period. */
static void budgets(struct pack *p, json_t *funds, int64_t budget[PACK_MAX_MONTHS])
{
    int32_t from = date_to_days(p->from), to = date_to_days(p->to);
    size_t i;
    json_t *f;
    json_array_foreach(funds, i, f) {
        struct date ys, ye;
        if (date_parse(jstr(f, "year_start"), "year_start", &ys, NULL) != 0 ||
            date_parse(jstr(f, "year_end"), "year_end", &ye, NULL) != 0)
            continue;
        int32_t a = date_to_days(ys), b = date_to_days(ye), year = b - a + 1;
        int64_t total = jint(f, "budget_pence");
        for (int m = 0; m < p->nmonths && year > 0; m++) {
            struct date first = p->month_first[m];
            int32_t ms = date_to_days(first), me = ms + date_days_in_month(first.year, first.month) - 1;
            int32_t days = overlap(ms > from ? ms : from, me < to ? me : to, a, b);
            budget[m] += (total * days * 2 + year) / (2 * (int64_t)year);   /* to the nearest penny */
        }
    }
}

static json_t *money_figure(const char *month, int64_t spend, int64_t budget)
{
    enum board_rag rag = BOARD_NO_DATA;
    board_rag_spend(spend, budget, BOARD_AMBER_DEFAULT_BP, &rag, NULL);
    json_t *o = json_pack("{s:s?, s:I, s:I, s:b, s:s}", "month", month, "numerator", (json_int_t)spend, "denominator",
                          (json_int_t)budget, "suppressed", 0, "status", board_rag_name(rag));
    if (budget > 0) {
        int64_t tenths = (spend * 2000 + budget) / (2 * budget);
        char pct[24];
        snprintf(pct, sizeof pct, "%lld.%lld%%", (long long)(tenths / 10), (long long)(tenths % 10));
        json_object_set_new(o, "percent", json_string(pct));
    } else {
        json_object_set_new(o, "percent", json_null());
    }
    return o;
}

json_t *pack_pooled(struct pack *p)
{
    struct svc_ctx *c = p->c;
    json_t *funds = svc_own(c, board_pooled_budgets(c->db, p->from_s, p->to_s, &c->err));
    json_t *spend = funds ? svc_own(c, board_pooled_spend_by_month(c->db, p->from_s, p->to_s, &c->err)) : NULL;
    json_t *contrib = spend ? svc_own(c, board_pooled_contributions(c->db, p->from_s, p->to_s, &c->err)) : NULL;
    if (!contrib) {
        svc_failed(c, "board pack: pooled funds");
        return NULL;
    }
    int64_t budget[PACK_MAX_MONTHS] = {0}, spent[PACK_MAX_MONTHS] = {0}, tb = 0, ts = 0, tc = 0;
    budgets(p, funds, budget);
    size_t i;
    json_t *row;
    json_array_foreach(spend, i, row) {
        int m = pack_month(p, jstr(row, "month"));
        if (m >= 0)
            spent[m] += jint(row, "pence");
    }
    json_t *series = json_array();
    for (int m = 0; m < p->nmonths; m++) {
        tb += budget[m];
        ts += spent[m];
        json_array_append_new(series, money_figure(p->month[m], spent[m], budget[m]));
    }
    json_t *measure = money_figure(NULL, ts, tb);
    json_object_set_new(measure, "id", json_string("pooled_fund_spend"));
    json_object_set_new(measure, "section", json_string("pooled_funds"));
    json_object_set_new(measure, "title", json_string("Pooled fund spend against the budget for the period"));
    json_object_set_new(measure, "unit", json_string("pence"));
    json_object_set_new(measure, "target", json_string("at most 100% of budget"));
    json_object_set_new(measure, "series", series);
    json_array_foreach(contrib, i, row) tc += jint(row, "pence");
    json_t *shares = json_array();
    json_array_foreach(contrib, i, row) {
        int64_t bp = tc > 0 ? (jint(row, "pence") * 20000 + tc) / (2 * tc) : 0;
        json_array_append_new(shares, json_pack("{s:O, s:O, s:I}", "organisation", json_object_get(row, "org_name"),
                                                "contribution_pence", json_object_get(row, "pence"), "share_bp",
                                                (json_int_t)bp));
    }
    return json_pack("{s:s, s:s, s:b, s:[o], s:o}", "id", "pooled_funds", "title", "Pooled funds (section 75)",
                     "available", 1, "measures", measure, "partner_shares", shares);
}

/* ---- disputes ---- */

static json_t *count_cell(struct pack *p, int64_t n)
{
    return board_count_suppressed(p->suppress, n) ? json_null() : json_integer(n);
}

json_t *pack_disputes(struct pack *p)
{
    struct svc_ctx *c = p->c;
    json_t *open = svc_own(c, board_disputes_open(c->db, p->to_s, &c->err));
    json_t *closed = open ? svc_own(c, board_disputes_closed_by_month(c->db, p->from_s, p->to_s, &c->err)) : NULL;
    json_t *raised = closed ? svc_own(c, board_disputes_raised_by_month(c->db, p->from_s, p->to_s, &c->err)) : NULL;
    if (!raised) {
        svc_failed(c, "board pack: disputes");
        return NULL;
    }
    static const char *const stages[4] = {"Case leads", "Managers", "Senior officers", "Independent arbitration"};
    static const char *const bands[3] = {"under_28_days", "28_to_89_days", "90_days_or_more"};
    int64_t grid[4][3] = {{0}}, settled = 0, withdrawn = 0;
    struct date end = date_compare(p->to, svc_today(c)) < 0 ? p->to : svc_today(c);
    size_t i;
    json_t *row;
    json_array_foreach(open, i, row) {
        struct date r;
        int st = (int)jint(row, "stage");
        if (st < 1 || st > 4 || date_parse(jstr(row, "raised_on"), "raised_on", &r, NULL) != 0)
            continue;
        int32_t age = date_diff_days(r, end);
        grid[st - 1][age < 28 ? 0 : age < 90 ? 1 : 2]++;
    }
    json_t *by_stage = json_array();
    for (int s = 0; s < 4; s++) {
        json_t *o = json_pack("{s:s, s:o}", "stage", stages[s], "open", count_cell(p, grid[s][0] + grid[s][1] + grid[s][2]));
        for (int b = 0; b < 3; b++)
            json_object_set_new(o, bands[b], count_cell(p, grid[s][b]));
        json_array_append_new(by_stage, o);
    }
    int64_t nraised[PACK_MAX_MONTHS] = {0}, nclosed[PACK_MAX_MONTHS] = {0};
    json_array_foreach(raised, i, row) {
        int m = pack_month(p, jstr(row, "month"));
        if (m >= 0)
            nraised[m] += jint(row, "n");
    }
    json_array_foreach(closed, i, row) {
        int m = pack_month(p, jstr(row, "month"));
        int64_t n = jint(row, "n");
        if (m >= 0)
            nclosed[m] += n;
        if (strcmp(jstr(row, "state"), "settled") == 0)
            settled += n;
        else
            withdrawn += n;
    }
    json_t *months = json_array();
    for (int m = 0; m < p->nmonths; m++)
        json_array_append_new(months, json_pack("{s:s, s:o, s:o}", "month", p->month[m], "raised",
                                                count_cell(p, nraised[m]), "closed", count_cell(p, nclosed[m])));
    return json_pack("{s:s, s:s, s:b, s:[], s:o, s:o, s:{s:o, s:o}}", "id", "disputes",
                     "title", "Inter-agency disputes", "available", 1, "measures", "open_by_stage", by_stage,
                     "by_month", months, "outcomes", "settled", count_cell(p, settled), "withdrawn",
                     count_cell(p, withdrawn));
}
