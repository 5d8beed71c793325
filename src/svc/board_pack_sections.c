/* The board pack's sections (board_pack.h): each loads its aggregates,
 * buckets them by month and applies the domain rules (kpi.h for the
 * measures' numerators and denominators, board_pack.h for suppression and
 * RAG). */
#include "svc/board_pack_int.h"
#include "domain/care_plan.h"
#include "domain/kpi.h"
#include "domain/referral.h"
#include "store/bank_holidays.h"
#include "store/board_pack.h"
#include "store/chc.h"
#include "store/referrals.h"
#include "store/training.h"
#include "svc/reablement.h"
#include <stdio.h>
#include <string.h>

#define LOCAL_90 ((struct kpi_target){KPI_AT_LEAST, 9000})

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static json_t *fail(struct pack *p, const char *what)
{
    svc_failed(p->c, what);
    return NULL;
}

/* One figure (a month or the total): counts, percent, status, suppression. */
static json_t *figure(struct pack *p, const char *month, int64_t num, int64_t den, struct kpi_target t)
{
    struct kpi_result r;
    enum board_rag rag = BOARD_NO_DATA;
    struct domain_error de;
    char pct[16] = "no data";
    if (kpi_evaluate(num, den, t, &r, &de) == 0)
        kpi_format_percent(&r, pct, sizeof pct);
    board_rag(num, den, t, BOARD_AMBER_DEFAULT_BP, p->suppress, &rag, &de);
    int hidden = board_measure_suppressed(p->suppress, num, den);
    json_t *o = json_pack("{s:s?, s:b, s:s}", "month", month, "suppressed", hidden, "status", board_rag_name(rag));
    json_object_set_new(o, "numerator", hidden ? json_null() : json_integer(num));
    json_object_set_new(o, "denominator", hidden ? json_null() : json_integer(den));
    json_object_set_new(o, "percent", hidden || den == 0 ? json_null() : json_string(pct));
    return o;
}

/* A percentage measure from monthly counts. */
static json_t *measure(struct pack *p, const char *id, const char *section, const char *title, struct kpi_target t,
                       const struct pack_counts *k)
{
    int64_t num = 0, den = 0;
    json_t *series = json_array();
    for (int i = 0; i < p->nmonths; i++) {
        num += k->num[i];
        den += k->den[i];
        json_array_append_new(series, figure(p, p->month[i], k->num[i], k->den[i], t));
    }
    char target[40];
    board_target_text(t, target, sizeof target);
    json_t *m = figure(p, NULL, num, den, t);
    json_object_set_new(m, "id", json_string(id));
    json_object_set_new(m, "section", json_string(section));
    json_object_set_new(m, "title", json_string(title));
    json_object_set_new(m, "unit", json_string("percent"));
    json_object_set_new(m, "target", json_string(target));
    json_object_set_new(m, "series", series);
    return m;
}

static json_t *section(const char *id, const char *title)
{
    return json_pack("{s:s, s:s, s:b, s:[]}", "id", id, "title", title, "available", 1, "measures");
}

/* ---- CHC ---- */

json_t *pack_chc(struct pack *p)
{
    struct svc_ctx *c = p->c;
    json_t *cases = svc_own(c, chc_kpi_case_rows(c->db, p->from_s, p->to_s, &c->err));
    json_t *dsts = cases ? svc_own(c, chc_kpi_assessment_rows(c->db, p->from_s, p->to_s, &c->err)) : NULL;
    if (!dsts)
        return fail(p, "board pack: CHC");
    struct pack_counts d28 = {{0}, {0}}, acute = {{0}, {0}};
    struct date today = svc_today(c);
    size_t i;
    json_t *row;
    json_array_foreach(cases, i, row) {
        struct kpi_chc_case kc = {{0, 0, 0}, 0, {0, 0, 0}};
        const char *dec = jstr(row, "decided_on");
        int m = pack_month(p, dec);
        if (m < 0 || date_parse(jstr(row, "received_on"), "received_on", &kc.received, NULL) != 0 ||
            date_parse(dec, "decided_on", &kc.decided_on, NULL) != 0)
            continue;   /* undecided: not in the denominator (kpi.h) */
        kc.decided = 1;
        struct kpi_result r;
        int64_t overdue;
        if (kpi_chc_28_days(&kc, 1, today, &r, &overdue, NULL) == 0) {
            d28.num[m] += r.numerator;
            d28.den[m] += r.denominator;
        }
    }
    json_array_foreach(dsts, i, row) {
        int m = pack_month(p, jstr(row, "completed_on"));
        struct kpi_chc_assessment a = {jstr(row, "setting") && strcmp(jstr(row, "setting"), "acute") == 0};
        struct kpi_result r;
        if (m >= 0 && kpi_chc_acute_setting(&a, 1, &r, NULL) == 0) {
            acute.num[m] += r.numerator;
            acute.den[m] += r.denominator;
        }
    }
    json_t *s = section("chc", "NHS Continuing Healthcare");
    json_array_append_new(json_object_get(s, "measures"),
                          measure(p, "chc_decisions_within_28_days", "chc",
                                  "Eligibility decisions within 28 days of referral", KPI_TARGET_CHC_28_DAYS, &d28));
    json_array_append_new(json_object_get(s, "measures"),
                          measure(p, "chc_assessments_in_acute_settings", "chc",
                                  "Full assessments carried out in an acute hospital", KPI_TARGET_CHC_ACUTE_SETTING,
                                  &acute));
    return s;
}

/* ---- referrals ---- */

static void referral_of(json_t *row, struct kpi_contact *ct, struct kpi_referral *r)
{
    const char *status = jstr(row, "status"), *outcome = jstr(row, "outcome"), *responded = jstr(row, "responded_at");
    ct->outcome = outcome && strcmp(outcome, "first_contact_resolution") == 0 ? KPI_CONTACT_SIGNPOSTED
                  : status && strcmp(status, "received") == 0                ? KPI_CONTACT_OPEN
                                                                              : KPI_CONTACT_REFERRED;
    int u = referral_urgency_parse(jstr(row, "urgency"), "urgency", NULL);
    r->urgency = u < 0 ? KPI_URGENCY_ROUTINE : (enum kpi_urgency)u;
    r->received_at = timestamp_parse_or(jstr(row, "received_at"), 0);
    r->responded = responded && timestamp_parse(responded, "responded_at", &r->responded_at, NULL) == 0;
    if (r->responded && r->responded_at < r->received_at)
        r->responded_at = r->received_at;
}

json_t *pack_referrals(struct pack *p)
{
    struct svc_ctx *c = p->c;
    char after[DATE_STR_SIZE];
    date_format(date_from_days(date_to_days(p->to) + 1), after);
    struct bank_holiday_calendar *cal = arena_alloc(c->arena, sizeof *cal);
    json_t *rows = bank_holidays_calendar(c->db, cal, &c->err) == 0
                   ? svc_own(c, referrals_kpi_rows(c->db, p->from_s, after, &c->err)) : NULL;
    if (!rows)
        return fail(p, "board pack: referrals");
    struct date_holidays h = bank_holidays_domain(cal, 1);
    struct kpi_response_policy policy = {c->policy.routine_response_days > 0 ? c->policy.routine_response_days : 10};
    int64_t now = timestamp_parse_or(svc_now(c), 0);
    struct pack_counts resp = {{0}, {0}}, fcr = {{0}, {0}};
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        int m = pack_month(p, jstr(row, "received_at"));
        struct kpi_contact ct;
        struct kpi_referral r = {0, 0, 0, 0};
        struct kpi_result a, b;
        if (m < 0)
            continue;
        referral_of(row, &ct, &r);
        if (kpi_first_contact_resolution(&ct, 1, &a, NULL) == 0) {
            fcr.num[m] += a.numerator;
            fcr.den[m] += a.denominator;
        }
        if (kpi_referral_responses(&r, 1, now, &policy, &h, LOCAL_90, &b, NULL) == 0) {
            resp.num[m] += b.numerator;
            resp.den[m] += b.denominator;
        }
    }
    json_t *s = section("referrals", "Single referral point");
    json_array_append_new(json_object_get(s, "measures"),
                          measure(p, "referral_responses_within_standard", "referrals",
                                  "Referrals answered within their response standard", LOCAL_90, &resp));
    json_array_append_new(json_object_get(s, "measures"),
                          measure(p, "first_contact_resolution", "referrals",
                                  "Contacts resolved at the first contact", KPI_TARGET_FIRST_CONTACT, &fcr));
    return s;
}

/* ---- training ---- */

/* The uptake measure as the training report counts it (domain/care_plan.h):
 * of the workers assigned on `on` to a task needing a competency, those who
 * completed a course for it in the 12 months before. */
static int uptake_on(struct pack *p, struct date on, int64_t *num, int64_t *den)
{
    struct svc_ctx *c = p->c;
    char d[DATE_STR_SIZE];
    date_format(on, d);
    json_t *rows = svc_own(c, training_uptake_rows(c->db, d, &c->err));
    if (!rows)
        return -1;
    size_t n = json_array_size(rows), i;
    struct training_worker *w = arena_alloc(c->arena, (n ? n : 1) * sizeof *w);
    json_t *row;
    json_array_foreach(rows, i, row) {
        const char *t = jstr(row, "last_trained_on");
        w[i].trained = t && date_parse(t, "last_trained_on", &w[i].last_completed, NULL) == 0;
    }
    long long a = 0, b = 0;
    int tenths;
    care_plan_training_uptake(w, n, on, &a, &b, &tenths);
    *num = a;
    *den = b;
    return 0;
}

json_t *pack_training(struct pack *p)
{
    struct pack_counts k = {{0}, {0}};
    struct date today = svc_today(p->c), end = date_compare(p->to, today) < 0 ? p->to : today;
    for (int m = 0; m < p->nmonths; m++) {
        struct date first = p->month_first[m];
        struct date last = {first.year, first.month, date_days_in_month(first.year, first.month)};
        if (date_compare(last, end) > 0)
            last = end;
        if (date_compare(last, first) < 0)
            continue;   /* a month still to come: no data */
        if (uptake_on(p, last, &k.num[m], &k.den[m]) != 0)
            return fail(p, "board pack: training");
    }
    /* The measure itself is the snapshot at the period's end (not a sum of months). */
    int64_t num = 0, den = 0;
    if (uptake_on(p, end, &num, &den) != 0)
        return fail(p, "board pack: training");
    json_t *m = measure(p, "training_uptake", "training",
                        "Workers doing delegated tasks trained for them in the last 12 months", LOCAL_90, &k);
    json_t *total = figure(p, NULL, num, den, LOCAL_90);
    static const char *const keys[] = {"numerator", "denominator", "percent", "status", "suppressed"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        json_object_set(m, keys[i], json_object_get(total, keys[i]));
    json_decref(total);
    json_t *s = section("training", "Training for delegated health tasks");
    json_array_append_new(json_object_get(s, "measures"), m);
    return s;
}

/* ---- hospital discharge (issue #16) ---- */

#define LOCAL_DISCHARGE ((struct kpi_target){KPI_AT_LEAST, 9000})
#define LOCAL_AT_HOME ((struct kpi_target){KPI_AT_LEAST, 8200})

json_t *pack_discharge(struct pack *p)
{
    struct svc_ctx *c = p->c;
    json_t *rows = svc_own(c, board_discharges_by_month(c->db, p->from_s, p->to_s, &c->err));
    if (!rows)
        return fail(p, "board pack: discharges");
    struct pack_counts ontime = {{0}, {0}}, home = {{0}, {0}};
    int64_t sector[3] = {0, 0, 0};
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        int m = pack_month(p, jstr(row, "month"));
        if (m < 0)
            continue;
        ontime.num[m] += json_integer_value(json_object_get(row, "num"));
        ontime.den[m] += json_integer_value(json_object_get(row, "den"));
        sector[0] += json_integer_value(json_object_get(row, "nhs"));
        sector[1] += json_integer_value(json_object_get(row, "social_care"));
        sector[2] += json_integer_value(json_object_get(row, "both_sectors"));
    }
    for (int m = 0; m < p->nmonths; m++) {
        json_t *r;
        int rc = svc_reablement_measures(c, p->month[m], &r);
        if (rc != SVC_OK) {
            p->rc = rc;
            return NULL;
        }
        json_t *h = json_object_get(r, "at_home_91");
        home.num[m] = json_integer_value(json_object_get(h, "numerator"));
        home.den[m] = json_integer_value(json_object_get(h, "denominator"));
    }
    json_t *s = section("discharge", "Hospital discharge and reablement");
    json_array_append_new(json_object_get(s, "measures"),
                          measure(p, "discharge_without_delay", "discharge",
                                  "Discharges on or before the discharge ready date", LOCAL_DISCHARGE, &ontime));
    json_array_append_new(json_object_get(s, "measures"),
                          measure(p, "reablement_at_home_91_days", "discharge",
                                  "Still at home 91 days after discharge into reablement (ASCOF 2B(1))",
                                  LOCAL_AT_HOME, &home));
    json_object_set_new(s, "delayed_by_sector",
                        json_pack("{s:o, s:o, s:o}", "nhs",
                                  board_count_suppressed(p->suppress, sector[0]) ? json_null() : json_integer(sector[0]),
                                  "social_care",
                                  board_count_suppressed(p->suppress, sector[1]) ? json_null() : json_integer(sector[1]),
                                  "both",
                                  board_count_suppressed(p->suppress, sector[2]) ? json_null() : json_integer(sector[2])));
    return s;
}
