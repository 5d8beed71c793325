/* /board-pack?from=&to=&board=: the joint outcomes board pack as one
 * printable page (svc/board_pack.h): per section, each measure's figure,
 * target and RAG status, a month-by-month bar chart drawn as SVG on the
 * server (no script, no inline style: CSP-safe) with a text alternative,
 * and the numbers in a table beside it. Aggregates only. */
#include "api/api.h"
#include "api/disputes_api.h"
#include "svc/boards.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

#define CHART_W 600
#define CHART_H 180
#define PLOT_H 140
#define PLOT_TOP 20

static const char *str(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static const char *status_words(const char *s)
{
    static const char *const map[][2] = {{"green", "On target"}, {"amber", "Near target"}, {"red", "Off target"},
                                         {"no_data", "No data"}, {"suppressed", "Suppressed (small numbers)"}};
    for (size_t i = 0; i < 5; i++)
        if (strcmp(s, map[i][0]) == 0)
            return map[i][1];
    return s;
}

static const char *status_tag(const char *s)
{
    return strcmp(s, "green") == 0 ? "nhsuk-tag--green" : strcmp(s, "amber") == 0 ? "nhsuk-tag--yellow"
           : strcmp(s, "red") == 0 ? "nhsuk-tag--red" : "nhsuk-tag--grey";
}

/* A month label "Apr 2026" from "2026-04". */
static json_t *month_label(const char *ym)
{
    static const char *const m[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y = 0, mo = 0;
    if (sscanf(ym, "%d-%d", &y, &mo) != 2 || mo < 1 || mo > 12)
        return json_string(ym);
    char out[16];
    snprintf(out, sizeof out, "%s %d", m[mo - 1], y);
    return json_string(out);
}

/* The figure's value in tenths of a percent, or -1 when it has none to draw. */
static long tenths(json_t *f)
{
    json_t *n = json_object_get(f, "numerator"), *d = json_object_get(f, "denominator");
    if (!json_is_integer(n) || !json_is_integer(d) || json_integer_value(d) <= 0)
        return -1;
    long long v = (json_integer_value(n) * 2000 + json_integer_value(d)) / (2 * json_integer_value(d));
    return v > 1500 ? 1500 : (long)v;   /* bars stop at 150% */
}

/* Bars (x, y, width, height) and labels for the measure's series; words for each figure. */
static void chart(json_t *m)
{
    json_t *series = json_object_get(m, "series"), *f, *bars = json_array();
    size_t n = json_array_size(series), i;
    long top = 1000;   /* the scale: 100%, or the largest value when over */
    json_array_foreach(series, i, f) if (tenths(f) > top) top = tenths(f);
    int slot = n ? (CHART_W - 40) / (int)n : CHART_W, w = slot > 8 ? slot - 6 : slot;
    json_array_foreach(series, i, f) {
        long t = tenths(f);
        int h = t < 0 ? 0 : (int)(t * PLOT_H / top);
        int x = 30 + (int)i * slot;
        json_object_set_new(f, "label", month_label(str(f, "month")));
        json_object_set_new(f, "status_words", json_string(status_words(str(f, "status"))));
        json_array_append_new(bars, json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:s, s:b}", "x", x, "y",
                                              PLOT_TOP + PLOT_H - h, "w", w, "h", h, "tx", x + w / 2, "ty",
                                              PLOT_TOP + PLOT_H - 4, "mark",
                                              t < 0 ? (json_is_true(json_object_get(f, "suppressed")) ? "*" : "–") : "",
                                              "empty", t < 0));
    }
    json_object_set_new(m, "bars", bars);
    json_object_set_new(m, "axis_y", json_integer(PLOT_TOP + PLOT_H));
    json_object_set_new(m, "full_y", json_integer(PLOT_TOP + PLOT_H - (int)(1000L * PLOT_H / top)));
    json_object_set_new(m, "width", json_integer(CHART_W));
    json_object_set_new(m, "height", json_integer(CHART_H));
    json_object_set_new(m, "status_words", json_string(status_words(str(m, "status"))));
    json_object_set_new(m, "status_tag", json_string(status_tag(str(m, "status"))));
    json_object_set_new(m, "is_money", json_boolean(strcmp(str(m, "unit"), "pence") == 0));
}

/* Money figures as pounds for the page. */
static void pounds(json_t *f)
{
    static const char *const k[] = {"numerator", "denominator"};
    for (int i = 0; i < 2; i++) {
        json_t *v = json_object_get(f, k[i]);
        if (!json_is_integer(v))
            continue;
        long long p = json_integer_value(v);
        char out[40], key[32];
        snprintf(out, sizeof out, "£%lld.%02lld", p / 100, p % 100);
        snprintf(key, sizeof key, "%s_display", k[i]);
        json_object_set_new(f, key, json_string(out));
    }
}

/* A count cell as text: "*" when suppressed (null). */
static void count_text(json_t *o, const char *k, const char *out_key)
{
    json_t *v = json_object_get(o, k);
    char t[32];
    snprintf(t, sizeof t, "%lld", (long long)json_integer_value(v));
    json_object_set_new(o, out_key, json_string(json_is_integer(v) ? t : "*"));
}

/* Words and text cells for the disputes and pooled funds tables and the boards. */
static void tables(json_t *s)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(s, "open_by_stage"), i, r) {
        count_text(r, "open", "open_text");
        count_text(r, "under_28_days", "young_text");
        count_text(r, "28_to_89_days", "middle_text");
        count_text(r, "90_days_or_more", "old_text");
    }
    json_t *sec = json_object_get(s, "delayed_by_sector");
    if (sec) {
        count_text(sec, "nhs", "nhs_text");
        count_text(sec, "social_care", "social_care_text");
        count_text(sec, "both", "both_text");
    }
    json_t *o = json_object_get(s, "outcomes");
    if (o) {
        count_text(o, "settled", "settled_text");
        count_text(o, "withdrawn", "withdrawn_text");
    }
    json_array_foreach(json_object_get(s, "partner_shares"), i, r) {
        long long bp = json_integer_value(json_object_get(r, "share_bp"));
        long long p = json_integer_value(json_object_get(r, "contribution_pence"));
        char a[32], b[40];
        snprintf(a, sizeof a, "%lld.%02lld%%", bp / 100, bp % 100);
        snprintf(b, sizeof b, "£%lld.%02lld", p / 100, p % 100);
        json_object_set_new(r, "share_text", json_string(a));
        json_object_set_new(r, "contribution_text", json_string(b));
    }
}

static void members_text(json_t *boards, struct arena *a)
{
    size_t i, j;
    json_t *b, *m;
    json_array_foreach(boards, i, b) {
        const char *t = "";
        json_array_foreach(json_object_get(b, "members"), j, m)
            t = arena_printf(a, "%s%s%s (%s)", t, j ? ", " : "", str(m, "display_name"), str(m, "org_name"));
        json_object_set_new(b, "members_text", json_string(t));
    }
}

void p_board_pack(struct request *req, struct response *res)
{
    json_t *pack = api_board_pack(req, res), *boards = NULL;
    if (!pack)
        return;
    if (svc_boards_list(api_ctx(req), &boards) != SVC_OK)
        boards = NULL;
    size_t i, j, k;
    json_t *s, *m, *f;
    members_text(boards, &req->arena);
    json_array_foreach(json_object_get(pack, "sections"), i, s) tables(s);
    json_array_foreach(json_object_get(pack, "sections"), i, s) json_array_foreach(json_object_get(s, "measures"), j, m) {
        chart(m);
        if (json_is_true(json_object_get(m, "is_money"))) {
            pounds(m);
            json_array_foreach(json_object_get(m, "series"), k, f) pounds(f);
        }
    }
    json_t *data = json_pack("{s:O, s:O, s:O, s:O, s:O}", "from", json_object_get(pack, "from"), "to",
                             json_object_get(pack, "to"), "board", json_object_get(pack, "board"), "sections",
                             json_object_get(pack, "sections"), "suppression", json_object_get(pack, "suppression"));
    json_object_set_new(data, "boards", boards ? json_incref(boards) : json_array());
    const char *b = http_query(req, "board");
    json_object_set_new(data, "query", json_pack("{s:s, s:s, s:s}", "from", str(pack, "from"), "to", str(pack, "to"),
                                                 "board", b ? b : ""));
    web_page(req, res, 200, "board_pack", "Joint outcomes board pack", data);
}
