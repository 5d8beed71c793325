/* The single referral point's measures (svc/reports.h; the JSON API is
 * GET /api/v1/reports/referrals?from=YYYY-MM-DD&to=YYYY-MM-DD[&target=90]) for boards, aggregates only —
 * first-contact resolution (target at least 70%) and responses within the
 * response standard (local target, default at least 90%), each with its
 * numerator and denominator (domain/kpi.h). Days are UTC dates of receipt;
 * `to` is inclusive. */
#include "svc/reports.h"
#include "domain/kpi.h"
#include "domain/roles.h"
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
    int64_t now = clock_now_seconds();
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
        int u = referral_urgency_parse(json_string_value(json_object_get(row, "urgency")), "urgency", NULL);
        r[i].urgency = u < 0 ? KPI_URGENCY_ROUTINE : (enum kpi_urgency)u;
        /* unreadable: counted as received now rather than failing the report */
        r[i].received_at = timestamp_parse_or(json_string_value(json_object_get(row, "received_at")), now);
        r[i].responded = responded && timestamp_parse(responded, "responded_at", &r[i].responded_at, NULL) == 0;
        /* Stored times a little ahead of this server's clock (another server's, a clock stepped back)
         * count as now: one record must not fail the whole report. */
        if (r[i].received_at > now)
            r[i].received_at = now;
        if (r[i].responded && r[i].responded_at > now)
            r[i].responded_at = now;
        if (r[i].responded && r[i].responded_at < r[i].received_at)
            r[i].responded_at = r[i].received_at;   /* a back-dated referral answered at once */
    }
    struct kpi_response_policy policy = {routine_days};
    if (kpi_first_contact_resolution(c, n, fcr, de) == 0 &&
        kpi_referral_responses(r, n, now, &policy, h, target, resp, de) == 0)
        rc = 0;
out:
    free(c);
    free(r);
    return rc;
}

/* [from, to] and the target from the query values; SVC_INVALID naming them. */
static int parse(struct svc_ctx *c, const char *from, const char *to, const char *tq, struct date *df,
                 struct date *dt, long *target)
{
    svc_date_range(c, from, to, 30, df, dt);
    char *end;
    *target = tq ? strtol(tq, &end, 10) : 90;
    if (tq && (*end || end == tq || *target < 0 || *target > 100))
        svc_field_error(c, "target", "must be a whole percentage from 0 to 100");
    return svc_has_errors(c) ? SVC_INVALID : SVC_OK;
}

int svc_referral_report(struct svc_ctx *c, const char *from, const char *to, const char *tq, json_t **out)
{
    if (c->user_id && !role_allows(c->role, PERM_AGGREGATES))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Your role does not allow this action.");
    struct date df, dt;
    long target;
    int rc = parse(c, from, to, tq, &df, &dt, &target);
    if (rc != SVC_OK)
        return rc;
    char f[DATE_STR_SIZE], t[DATE_STR_SIZE], t_next[DATE_STR_SIZE];
    date_format(df, f);
    date_format(dt, t);
    date_format(date_from_days(date_to_days(dt) + 1), t_next);
    json_t *rows = svc_own(c, referrals_kpi_rows(c->db, f, t_next, &c->err));
    if (!rows)
        return svc_failed(c, "referral report");
    struct kpi_result fcr, resp;
    struct kpi_target tgt = {KPI_AT_LEAST, (int32_t)target * 100};
    /* Working days from the bank holidays in the database; a year not loaded
     * is estimated from weekends, and the report says so. */
    struct bank_holiday_calendar cal;
    if (bank_holidays_calendar(c->db, &cal, &c->err) < 0)
        return svc_failed(c, "bank holidays");
    int days = c->policy.routine_response_days > 0 ? c->policy.routine_response_days : 10;
    struct date_holidays h = bank_holidays_domain(&cal, 1);
    struct date last_due = date_from_days(date_to_days(dt) + 2 * days + 7);
    int estimated = !bank_holidays_cover_range(&cal, df.year, last_due.year);
    struct domain_error de;
    if (measures(rows, days, &h, tgt, &fcr, &resp, &de) < 0) {
        snprintf(c->err.message, sizeof c->err.message, "%s", de.message);
        return svc_failed(c, "referral measures");
    }
    char ttext[32];
    snprintf(ttext, sizeof ttext, "at least %ld%%", target);
    *out = svc_own(c, json_pack("{s:s, s:s, s:I, s:o, s:o, s:b}", "from", f, "to", t, "referrals",
                                (json_int_t)json_array_size(rows), "first_contact_resolution",
                                kpi_json(&fcr, "at least 70%"), "responses_within_standard", kpi_json(&resp, ttext),
                                "working_days_estimated", estimated));
    return SVC_OK;
}
