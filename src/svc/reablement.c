/* svc/reablement: see reablement.h. */
#include "svc/reablement.h"
#include <stdio.h>
#include <string.h>
#include "domain/kpi.h"
#include "domain/reablement.h"
#include "store/discharge.h"
#include "svc/access.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int date_in(struct svc_ctx *c, const char *s, const char *field, int required, struct date *d)
{
    if (!s || !*s) {
        if (required)
            svc_field_error(c, field, "is required");
        return 0;
    }
    if (date_parse(s, field, d, NULL) != 0) {
        svc_field_error(c, field, "must be a real date");
        return 0;
    }
    return 1;
}

int svc_reablement_start(struct svc_ctx *c, const struct reablement_input *in, char *id)
{
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, in->person_id ? in->person_id : "", &d, &basis);
    if (rc != SVC_OK)
        return rc;
    struct date start = svc_today(c), end = start;
    int have_start = date_in(c, in->start_on, "start_on", 1, &start);
    int given = in->planned_end_on && *in->planned_end_on;
    int have_end = given ? date_in(c, in->planned_end_on, "planned_end_on", 1, &end) : 0;
    if (have_start && !given)   /* usually up to six weeks */
        have_end = date_add_days(start, REABLEMENT_USUAL_DAYS, &end, NULL) == 0;
    struct domain_error e;
    int over;
    if (have_start && have_end && reablement_episode_check(start, end, NULL, svc_today(c), &over, &e) != 0)
        svc_field_error(c, e.field, e.message);
    if (svc_has_errors(c))
        return SVC_INVALID;
    char s1[DATE_STR_SIZE], s2[DATE_STR_SIZE];
    date_format(start, s1);
    date_format(end, s2);
    json_t *teams = svc_teams(c);
    const char *team = json_array_size(teams) ? str(json_array_get(teams, 0), "id") : NULL;
    struct actor by = {c->user_id, svc_now(c)};
    struct reablement_row r = {in->person_id, in->stay_id && *in->stay_id ? in->stay_id : NULL, team, s1, s2};
    if ((rc = svc_tx_begin(c)) != 0)
        return rc;
    rc = discharge_reablement_add(c->db, &by, &r, id, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "reablement_episode", id, in->person_id, basis);
    rc = svc_tx_end(c, rc);
    if (rc == SVC_CONFLICT) {   /* a stay id that is not a stay */
        svc_field_error(c, "stay_id", "is not a hospital stay");
        rc = SVC_INVALID;
    }
    return rc;
}

int svc_reablement_end(struct svc_ctx *c, const char *id, const char *ended_on, const char *outcome,
                       const char *care_home_on)
{
    json_t *ep = svc_own(c, discharge_reablement_get(c->db, id ? id : "", &c->err));
    int rc = svc_record_access(c, ep, c->err.code, "reablement episode");
    if (rc != SVC_OK)
        return rc;
    struct date end;
    enum reablement_outcome o;
    struct domain_error e;
    if (reablement_outcome_parse(outcome, &o, &e) != 0)
        svc_field_error(c, e.field, e.message);
    if (date_in(c, ended_on, "ended_on", 1, &end)) {
        struct date start, planned;
        int over;
        start = date_parse_or(str(ep, "start_on"), end);
        planned = date_parse_or(str(ep, "planned_end_on"), end);
        if (reablement_episode_check(start, planned, &end, svc_today(c), &over, &e) != 0)
            svc_field_error(c, e.field, e.message);
    }
    struct date home;
    if (care_home_on && *care_home_on && date_in(c, care_home_on, "care_home_on", 0, &home)) {
        struct date start = date_parse_or(str(ep, "start_on"), home);
        if (date_to_days(home) < date_to_days(start))
            svc_field_error(c, "care_home_on", "is before the episode started");
        else if (date_to_days(home) > date_to_days(svc_today(c)))
            svc_field_error(c, "care_home_on", "is in the future");
    }
    if (str(ep, "ended_on"))
        return svc_refuse(c, SVC_CONFLICT, "The episode has already ended", NULL);
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = {c->user_id, svc_now(c)};
    if ((rc = svc_tx_begin(c)) != 0)
        return rc;
    rc = discharge_reablement_end(c->db, &by, id, ended_on, reablement_outcome_name(o),
                                  care_home_on && *care_home_on ? care_home_on : NULL, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "update", "reablement_episode", id, str(ep, "person_id"), str(ep, "basis"));
    return svc_tx_end(c, rc);
}

static const struct date *opt_date(const char *s, struct date *d)
{
    return s && date_parse(s, "date", d, NULL) == 0 ? d : NULL;
}

static json_t *measure(int64_t num, int64_t den, int64_t pending)
{
    int32_t tenths = 0;
    char pct[16] = "no data";
    if (kpi_percent_tenths(num, den, &tenths))
        snprintf(pct, sizeof pct, "%d.%d%%", (int)(tenths / 10), (int)(tenths % 10));
    return json_pack("{s:I, s:I, s:I, s:s}", "numerator", (json_int_t)num, "denominator", (json_int_t)den,
                     "pending", (json_int_t)pending, "percent", pct);
}

int svc_reablement_measures(struct svc_ctx *c, const char *month, json_t **out)
{
    char first[DATE_STR_SIZE], last[DATE_STR_SIZE];
    struct date d;
    if (month && strlen(month) == 7)
        snprintf(first, sizeof first, "%s-01", month);
    if (!month || strlen(month) != 7 || date_parse(first, "month", &d, NULL) != 0) {
        svc_field_error(c, "month", "must look like 2026-11");
        return SVC_INVALID;
    }
    d.day = date_days_in_month(d.year, d.month);
    date_format(d, last);
    json_t *rows = svc_own(c, discharge_reablement_facts(c->db, first, last, &c->err));
    if (!rows)
        return svc_failed(c, "reablement measures");
    int64_t h[3] = {0}, r[3] = {0};   /* by enum measure_state */
    struct date today = svc_today(c);
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        struct date dis, died, re, redis, home, home2;
        if (date_parse(str(row, "discharged_on"), "d", &dis, NULL) != 0)
            continue;
        /* The earlier of a recorded move and a discharge to a care home. */
        const struct date *ch = opt_date(str(row, "care_home_on"), &home);
        const struct date *ch2 = opt_date(str(row, "care_home_discharge_on"), &home2);
        if (!ch || (ch2 && date_to_days(*ch2) < date_to_days(*ch)))
            ch = ch2;
        struct at_home_facts f = {dis, opt_date(str(row, "date_of_death"), &died), ch,
                                  opt_date(str(row, "readmitted_on"), &re),
                                  opt_date(str(row, "readmission_discharged_on"), &redis)};
        enum measure_state st;
        if (reablement_at_home_91(&f, today, &st, NULL) == 0)
            h[st]++;
        if (readmission_30(dis, f.readmitted_on, today, &st, NULL) == 0)
            r[st]++;
    }
    *out = svc_own(c, json_pack("{s:s, s:o, s:o}", "month", month,
                                "at_home_91", measure(h[MEASURE_NUMERATOR], h[MEASURE_NUMERATOR] + h[MEASURE_DENOMINATOR],
                                                      h[MEASURE_PENDING]),
                                "readmitted_30", measure(r[MEASURE_NUMERATOR],
                                                         r[MEASURE_NUMERATOR] + r[MEASURE_DENOMINATOR],
                                                         r[MEASURE_PENDING])));
    return SVC_OK;
}
