/* The CHC measures for boards (svc/reports.h; the JSON API is
 * GET /api/v1/reports/chc?from=YYYY-MM-DD&to=YYYY-MM-DD&by=month|quarter), aggregates only (domain/kpi.h), per calendar
 * month or quarter within [from, to] (inclusive, clipped) and in total:
 *   decisions_within_28_days  eligibility decided within 28 days of ICB
 *       receipt (target more than 80%): decisions made in the period (by
 *       decided_on), Fast Track excluded (no clock: accepted at once);
 *       open_overdue counts undecided cases received in the period that are
 *       past day 28 today, so they are not hidden;
 *   acute_setting_assessments full assessments (DSTs) completed in the
 *       period in an acute hospital (target fewer than 15%). */
#include "svc/reports.h"
#include "domain/kpi.h"
#include "domain/roles.h"
#include "store/chc.h"
#include "util/clock.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PERIODS 120

static json_t *kpi_json(const struct kpi_result *r, const char *target)
{
    char pct[16];
    kpi_format_percent(r, pct, sizeof pct);
    return json_pack("{s:I, s:I, s:s, s:s, s:s}", "numerator", (json_int_t)r->numerator, "denominator",
                     (json_int_t)r->denominator, "percent", pct, "status", kpi_status_name(r->status), "target", target);
}

/* The measures over [from, to] as one JSON object, or NULL (err set). */
static json_t *measure(struct svc_ctx *c, const char *label, const char *from, const char *to, struct date today,
                       char *why, size_t why_n)
{
    struct store_error err = {0};
    json_t *cases = chc_kpi_case_rows(c->db, from, to, &err);
    json_t *dsts = cases ? chc_kpi_assessment_rows(c->db, from, to, &err) : NULL;
    size_t nc = json_array_size(cases), na = json_array_size(dsts), i;
    struct kpi_chc_case *kc = calloc(nc ? nc : 1, sizeof *kc);
    struct kpi_chc_assessment *ka = calloc(na ? na : 1, sizeof *ka);
    json_t *out = NULL, *row;
    struct kpi_result r28, racute;
    struct domain_error de = {{0}, {0}};
    int64_t overdue = 0;
    snprintf(why, why_n, "%s", err.message);
    if (!dsts || !kc || !ka)
        goto done;
    json_array_foreach(cases, i, row) {
        const char *dec = json_string_value(json_object_get(row, "decided_on"));
        kc[i].received = date_parse_or(json_string_value(json_object_get(row, "received_on")), (struct date){1970, 1, 1});
        kc[i].decided = dec && date_parse(dec, "decided_on", &kc[i].decided_on, NULL) == 0;
    }
    json_array_foreach(dsts, i, row) {
        const char *s = json_string_value(json_object_get(row, "setting"));
        ka[i].acute_setting = s && strcmp(s, "acute") == 0;
    }
    if (kpi_chc_28_days(kc, nc, today, &r28, &overdue, &de) == 0 && kpi_chc_acute_setting(ka, na, &racute, &de) == 0)
        out = json_pack("{s:s, s:s, s:s, s:o, s:o, s:I}", "period", label, "from", from, "to", to,
                        "decisions_within_28_days", kpi_json(&r28, "more than 80%"), "acute_setting_assessments",
                        kpi_json(&racute, "fewer than 15%"), "open_overdue", (json_int_t)overdue);
    else
        snprintf(why, why_n, "%s: %s", de.field, de.message);
done:
    free(kc);
    free(ka);
    json_decref(cases);
    json_decref(dsts);
    return out;
}

/* First day of the month or quarter after d. */
static struct date next_period(struct date d, int quarter)
{
    int m = quarter ? ((d.month - 1) / 3) * 3 + 4 : d.month + 1;
    struct date n = {d.year + (m > 12), m > 12 ? m - 12 : m, 1};
    return n;
}

static void period_label(struct date d, int quarter, char out[24])
{
    int fy, q;
    date_financial_quarter(d, &fy, &q);
    if (quarter)   /* "2026/27 Q1": April to June of the financial year 2026/27 */
        snprintf(out, 24, "%04d/%02d Q%d", fy % 10000, (fy + 1) % 100, q);
    else
        snprintf(out, 24, "%04d-%02d", d.year % 10000, d.month % 100);
}

static int parse_range(struct svc_ctx *c, const char *from, const char *to, const char *by, struct date *df,
                       struct date *dt, int *quarter)
{
    svc_date_range(c, from, to, 365, df, dt);
    if (!svc_has_errors(c) && date_diff_days(*df, *dt) > 366 * 10)
        svc_field_error(c, "to", "the range is at most ten years");
    *quarter = by && strcmp(by, "quarter") == 0;
    if (by && !*quarter && strcmp(by, "month") != 0)
        svc_field_error(c, "by", "must be month or quarter");
    return svc_has_errors(c) ? SVC_INVALID : SVC_OK;
}

int svc_chc_report(struct svc_ctx *c, const char *from, const char *to, const char *by, json_t **out)
{
    if (c->user_id && !role_allows(c->role, PERM_AGGREGATES))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Your role does not allow this action.");
    struct date df, dt, today = svc_today(c);
    int quarter;
    int rc = parse_range(c, from, to, by, &df, &dt, &quarter);
    if (rc != SVC_OK)
        return rc;
    char why[300], f[DATE_STR_SIZE], e[DATE_STR_SIZE], label[24];
    json_t *periods = svc_own(c, json_array()), *m = NULL;
    for (struct date p = df; date_compare(p, dt) <= 0 && json_array_size(periods) < MAX_PERIODS;) {
        struct date next = next_period(p, quarter);
        struct date end = date_from_days(date_to_days(next) - 1);
        if (date_compare(end, dt) > 0)
            end = dt;
        date_format(p, f);
        date_format(end, e);
        period_label(p, quarter, label);
        if (!(m = measure(c, label, f, e, today, why, sizeof why)))
            break;
        json_array_append_new(periods, m);
        p = next;
    }
    date_format(df, f);
    date_format(dt, e);
    json_t *total = m ? measure(c, "total", f, e, today, why, sizeof why) : NULL;
    if (!total) {
        snprintf(c->err.message, sizeof c->err.message, "%.250s", why);
        return svc_failed(c, "CHC report");
    }
    *out = svc_own(c, json_pack("{s:s, s:s, s:s, s:O, s:o}", "from", f, "to", e, "by", quarter ? "quarter" : "month",
                                "periods", periods, "total", total));
    return SVC_OK;
}
