/* The joint outcomes board pack (board_pack.h): period and access, then
 * one builder per section. Counts are bucketed by calendar month. */
#include "svc/board_pack.h"
#include "domain/board_pack.h"
#include "domain/roles.h"
#include "store/board_pack.h"
#include "store/chc.h"
#include "store/disputes.h"
#include "svc/board_pack_int.h"
#include <stdio.h>
#include <string.h>

#define PACK_MAX_DAYS 731

static int period(struct svc_ctx *c, const struct svc_board_pack_query *q, struct pack *p)
{
    struct date today = svc_today(c);
    struct domain_error de;
    if (q->from && date_parse(q->from, "from", &p->from, &de) != 0)
        svc_field_error(c, "from", "must be a date YYYY-MM-DD");
    else if (!q->from)
        p->from = (struct date){today.month >= 4 ? today.year : today.year - 1, 4, 1};
    if (q->to && date_parse(q->to, "to", &p->to, &de) != 0)
        svc_field_error(c, "to", "must be a date YYYY-MM-DD");
    else if (!q->to)
        p->to = today;
    if (!svc_has_errors(c) && date_compare(p->to, p->from) < 0)
        svc_field_error(c, "to", "is before from");
    else if (!svc_has_errors(c) && date_diff_days(p->from, p->to) >= PACK_MAX_DAYS)
        svc_field_error(c, "to", "a board pack covers at most two years");
    if (svc_has_errors(c))
        return SVC_INVALID;
    date_format(p->from, p->from_s);
    date_format(p->to, p->to_s);
    p->nmonths = 0;
    for (struct date m = {p->from.year, p->from.month, 1}; date_compare(m, p->to) <= 0 && p->nmonths < PACK_MAX_MONTHS;
         m = (struct date){m.month == 12 ? m.year + 1 : m.year, m.month == 12 ? 1 : m.month + 1, 1}) {
        snprintf(p->month[p->nmonths], sizeof p->month[0], "%04d-%02d", m.year % 10000, m.month % 100);
        p->month_first[p->nmonths++] = m;
    }
    return SVC_OK;
}

int pack_month(const struct pack *p, const char *date)
{
    for (int i = 0; date && i < p->nmonths; i++)
        if (strncmp(date, p->month[i], 7) == 0)
            return i;
    return -1;
}

/* The suppression rule and the board named (or the principal's first partnership). */
static int rule(struct svc_ctx *c, const struct svc_board_pack_query *q, struct pack *p, json_t **board)
{
    p->suppress.max = BOARD_SUPPRESS_DEFAULT;
    *board = json_null();
    if (q->board_id) {
        json_t *b = svc_own(c, board_get(c->db, q->board_id, &c->err));
        if (!b && c->err.code != STORE_ENOTFOUND)
            return svc_failed(c, "board");
        if (!b) {
            svc_field_error(c, "board", "is not a partnership board");
            return SVC_INVALID;
        }
        p->suppress.max = (int32_t)json_integer_value(json_object_get(b, "suppress_max"));
        *board = json_pack("{s:O, s:O, s:O}", "id", json_object_get(b, "id"), "name", json_object_get(b, "name"),
                           "partnership", json_object_get(b, "partnership_name"));
        return SVC_OK;
    }
    json_t *ps = c->org_id ? svc_own(c, partnerships_of_org(c->db, c->org_id, &c->err)) : svc_own(c, json_array());
    if (!ps)
        return svc_failed(c, "partnerships");
    if (json_array_size(ps))
        p->suppress.max = (int32_t)json_integer_value(json_object_get(json_array_get(ps, 0), "suppress_max"));
    return SVC_OK;
}

int svc_board_pack(struct svc_ctx *c, const struct svc_board_pack_query *q, json_t **out)
{
    *out = NULL;
    if (!c->role || !role_allows(c->role, PERM_AGGREGATES))
        return svc_refuse(c, SVC_FORBIDDEN, NULL,
                          "The board pack is for board members, managers and finance staff.");
    struct pack *p = arena_alloc(c->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    p->c = c;
    json_t *board;
    int rc = period(c, q, p);
    if (rc == SVC_OK)
        rc = rule(c, q, p, &board);
    if (rc != SVC_OK)
        return rc;
    svc_own(c, board);
    json_t *sections = svc_own(c, json_array()), *s;
    if ((s = pack_chc(p)) == NULL || json_array_append_new(sections, s) ||
        (s = pack_referrals(p)) == NULL || json_array_append_new(sections, s) ||
        (s = pack_discharge(p)) == NULL || json_array_append_new(sections, s) ||
        (s = pack_training(p)) == NULL || json_array_append_new(sections, s) ||
        (s = pack_pooled(p)) == NULL || json_array_append_new(sections, s) ||
        (s = pack_disputes(p)) == NULL || json_array_append_new(sections, s))
        return p->rc ? p->rc : svc_failed(c, "board pack");
    json_t *months = json_array(), *measures = json_array(), *m;
    for (int i = 0; i < p->nmonths; i++)
        json_array_append_new(months, json_string(p->month[i]));
    size_t i, j;
    json_array_foreach(sections, i, s) json_array_foreach(json_object_get(s, "measures"), j, m)
        json_array_append(measures, m);
    rc = svc_audit_read(c, "board_pack", NULL, NULL, "admin");
    if (rc != SVC_OK) {
        json_decref(months);
        json_decref(measures);
        return rc;
    }
    *out = svc_own(c, json_pack("{s:s, s:s, s:O, s:{s:i, s:s}, s:o, s:O, s:o, s:s}", "from", p->from_s, "to", p->to_s,
                                "board", board, "suppression", "max", (int)p->suppress.max, "rule",
                                "counts from 1 to the maximum, and figures built on them, are not shown", "months",
                                months, "sections", sections, "measures", measures, "generated_at", svc_now(c)));
    return SVC_OK;
}
