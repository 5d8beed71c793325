/* svc/discharge_situation: the daily discharge situation a trust submits
 * (svc/discharge.h svc_discharge_situation): on a day, who no longer meets
 * the criteria to reside, by how long and why, and the day's discharges
 * by pathway. */
#include "svc/discharge.h"
#include "svc/discharge_int.h"
#include <string.h>
#include "domain/discharge.h"
#include "store/discharge.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static int has(const char *s) { return s && *s; }

/* The tallies of one day's situation. */
struct situation {
    int not_meeting, discharges, by_pathway[5], by_band[5];
    json_t *reasons;   /* [{reason, label, sector, count}] */
};

static const char *const BANDS[] = {"0 days", "1 to 6 days", "7 to 13 days", "14 to 20 days", "21 days or more"};

/* Adds one to the count of the item of list whose key is value, or appends
 * {key: value, count: 1} and the members of extra (stolen; may be NULL). */
static void bump(json_t *list, const char *key, const char *value, json_t *extra)
{
    size_t i;
    json_t *it;
    json_array_foreach(list, i, it) {
        if (strcmp(str(it, key), value) == 0) {
            json_object_set_new(it, "count", json_integer(json_integer_value(json_object_get(it, "count")) + 1));
            json_decref(extra);
            return;
        }
    }
    json_t *n = json_pack("{s:s, s:i}", key, value, "count", 1);
    if (extra)
        json_object_update(n, extra);
    json_decref(extra);
    json_array_append_new(list, n);
}

/* One stay row of the day (on_s, day) into the tallies. */
static void situation_count(struct situation *s, json_t *r, const char *on_s, struct date day)
{
    const char *dis = str(r, "discharged_on"), *ready = str(r, "ready_on");
    json_t *pw = json_object_get(r, "pathway");
    if (dis && strcmp(dis, on_s) == 0) {
        s->discharges++;
        s->by_pathway[json_is_integer(pw) ? (int)json_integer_value(pw) : 4]++;
        return;
    }
    if (!ready || strcmp(ready, on_s) > 0)
        return;
    s->not_meeting++;
    int32_t days = 0;
    discharge_delay_days(date_parse_or(ready, (struct date){1970, 1, 1}), NULL, day, &days, NULL);
    s->by_band[days == 0 ? 0 : days < 7 ? 1 : days < 14 ? 2 : days < 21 ? 3 : 4]++;
    if (days > 0)
        bump(s->reasons, "reason", str(r, "delay_reason") ? str(r, "delay_reason") : "not_recorded",
             json_pack("{s:s, s:s}", "label", str(r, "delay_reason_label") ? str(r, "delay_reason_label")
                                                                             : "Not recorded",
                       "sector", str(r, "delay_sector") ? str(r, "delay_sector") : ""));
}

int svc_discharge_situation(struct svc_ctx *c, const char *hospital, const char *on, json_t **out)
{
    char org[STORE_ID_LEN];
    int rc = discharge_hospital_org(c, hospital, org);
    if (rc != SVC_OK)
        return rc;
    struct date day = svc_today(c);
    if (has(on) && discharge_date_arg(c, on, "on", 1, &day) && date_compare(day, svc_today(c)) > 0)
        svc_field_error(c, "on", "must not be after today");
    if (svc_has_errors(c))
        return SVC_INVALID;
    char on_s[DATE_STR_SIZE];
    date_format(day, on_s);
    json_t *rows = svc_own(c, discharge_situation_rows(c->db, org, on_s, &c->err));
    if (!rows)
        return svc_failed(c, "situation");
    struct situation s = {0, 0, {0}, {0}, json_array()};
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
        situation_count(&s, r, on_s, day);
    json_t *pathways = json_array(), *lengths = json_array();
    for (int k = 0; k < 5; k++) {
        json_array_append_new(pathways, json_pack("{s:s, s:s, s:i}", "pathway", k < 4 ? (char[]){(char)('0' + k), 0}
                                                                                        : "not_recorded",
                                                  "label", k < 4 ? discharge_pathway_label(k) : "Not recorded",
                                                  "count", s.by_pathway[k]));
        json_array_append_new(lengths, json_pack("{s:s, s:i}", "band", BANDS[k], "count", s.by_band[k]));
    }
    *out = svc_own(c, json_pack("{s:s, s:s, s:i, s:{s:i, s:o}, s:o, s:o}", "hospital", has(hospital) ? hospital : "",
                                "on", on_s, "not_meeting_criteria", s.not_meeting, "discharges", "total",
                                s.discharges, "by_pathway", pathways, "delayed_by_reason", s.reasons,
                                "delayed_by_length", lengths));
    return SVC_OK;
}
