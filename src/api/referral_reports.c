/* GET /api/v1/reports/referrals?from=YYYY-MM-DD&to=YYYY-MM-DD[&target=90]:
 * the single referral point's measures for boards, aggregates only —
 * first-contact resolution (target at least 70%) and responses within the
 * response standard (local target, default at least 90%), each with its
 * numerator and denominator (domain/kpi.h). Days are UTC dates of receipt;
 * `to` is inclusive. */
#include "api/api.h"
#include "api/handlers.h"
#include "domain/kpi.h"
#include "domain/referral.h"
#include "store/bank_holidays.h"
#include "store/referrals.h"
#include "util/clock.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *kpi_json(const struct kpi_result *r, const char *target)
{
    char pct[16];
    kpi_format_percent(r, pct, sizeof pct);
    return json_pack("{s:I, s:I, s:s, s:s, s:s}", "numerator", (json_int_t)r->numerator, "denominator",
                     (json_int_t)r->denominator, "percent", pct, "status", kpi_status_name(r->status), "target", target);
}

/* Rows → the two measures; 0, or -1 with a domain error. */
static int measures(json_t *rows, int routine_days, const struct date_holidays *h, struct kpi_target target,
                    struct kpi_result *fcr, struct kpi_result *resp, struct domain_error *de)
{
    size_t n = json_array_size(rows), i;
    struct kpi_contact *c = calloc(n ? n : 1, sizeof *c);
    struct kpi_referral *r = calloc(n ? n : 1, sizeof *r);
    int rc = -1;
    json_t *row;
    if (!c || !r)
        goto out;
    json_array_foreach(rows, i, row) {
        const char *status = json_string_value(json_object_get(row, "status"));
        const char *outcome = json_string_value(json_object_get(row, "outcome"));
        const char *responded = json_string_value(json_object_get(row, "responded_at"));
        c[i].outcome = outcome && strcmp(outcome, "first_contact_resolution") == 0 ? KPI_CONTACT_SIGNPOSTED
                       : status && strcmp(status, "received") == 0           ? KPI_CONTACT_OPEN
                                                                              : KPI_CONTACT_REFERRED;
        r[i].urgency = (enum kpi_urgency)referral_urgency_parse(json_string_value(json_object_get(row, "urgency")),
                                                                "urgency", NULL);
        timestamp_parse(json_string_value(json_object_get(row, "received_at")), "received_at", &r[i].received_at, NULL);
        r[i].responded = responded && timestamp_parse(responded, "responded_at", &r[i].responded_at, NULL) == 0;
        if (r[i].responded && r[i].responded_at < r[i].received_at)
            r[i].responded_at = r[i].received_at;   /* a back-dated referral answered at once */
    }
    struct kpi_response_policy policy = {routine_days};
    if (kpi_first_contact_resolution(c, n, fcr, de) == 0 &&
        kpi_referral_responses(r, n, clock_now_seconds(), &policy, h, target, resp, de) == 0)
        rc = 0;
out:
    free(c);
    free(r);
    return rc;
}

void h_referral_report(struct request *req, struct response *res)
{
    json_t *errors = json_array();
    char today[11], from_default[11];
    clock_today(today);
    clock_date_offset(-30, from_default);
    const char *from = http_query(req, "from"), *to = http_query(req, "to"), *tq = http_query(req, "target");
    struct date df, dt;
    struct domain_error de;
    if (date_parse(from ? from : from_default, "from", &df, &de) < 0)
        http_add_error(errors, "from", de.message);
    if (date_parse(to ? to : today, "to", &dt, &de) < 0)
        http_add_error(errors, "to", de.message);
    else if (!json_array_size(errors) && date_compare(df, dt) > 0)
        http_add_error(errors, "to", "is before from");
    char *end;
    long target = tq ? strtol(tq, &end, 10) : 90;
    if (tq && (*end || end == tq || target < 0 || target > 100))
        http_add_error(errors, "target", "must be a whole percentage from 0 to 100");
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        return;
    }
    json_decref(errors);
    char f[DATE_STR_SIZE], t[DATE_STR_SIZE], t_next[DATE_STR_SIZE];
    date_format(df, f);
    date_format(dt, t);
    date_format(date_from_days(date_to_days(dt) + 1), t_next);
    struct store_error err = {0};
    json_t *rows = referrals_kpi_rows(req->db, f, t_next, &err);
    if (!rows) {
        http_internal(res, req, 503, err.message);
        return;
    }
    struct kpi_result fcr, resp;
    struct kpi_target tgt = {KPI_AT_LEAST, (int32_t)target * 100};
    /* Working days from the bank holidays in the database; a year not loaded
     * is estimated from weekends, and the report says so. */
    struct bank_holiday_calendar cal;
    if (bank_holidays_calendar(req->db, &cal, &err) < 0) {
        json_decref(rows);
        http_internal(res, req, 503, err.message);
        return;
    }
    struct date_holidays h = bank_holidays_domain(&cal, 1);
    struct date last_due = date_from_days(date_to_days(dt) + 2 * req->app->cfg.routine_response_days + 7);
    int estimated = !bank_holidays_cover_range(&cal, df.year, last_due.year);
    if (measures(rows, req->app->cfg.routine_response_days, &h, tgt, &fcr, &resp, &de) < 0) {
        json_decref(rows);
        http_internal(res, req, 503, de.message);
        return;
    }
    char ttext[32];
    snprintf(ttext, sizeof ttext, "at least %ld%%", target);
    http_json(res, 200, json_pack("{s:s, s:s, s:I, s:o, s:o, s:b}", "from", f, "to", t, "referrals",
                                  (json_int_t)json_array_size(rows), "first_contact_resolution",
                                  kpi_json(&fcr, "at least 70%"), "responses_within_standard", kpi_json(&resp, ttext),
                                  "working_days_estimated", estimated));
    json_decref(rows);
}
