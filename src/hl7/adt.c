/* adt: see adt.h for where each fact comes from. */
#include "hl7/adt.h"
#include <stdio.h>
#include <string.h>
#include "domain/dates.h"
#include "domain/nhs_number.h"

static const char *const events[] = {"A01", "A02", "A03", "A08", "A11", "A13"};
static const char *const labels[] = {"Admitted", "Transferred", "Discharged", "Details updated",
                                     "Admission cancelled", "Discharge cancelled"};

int adt_event_parse(const char *code)
{
    for (int i = 0; i < (int)(sizeof events / sizeof events[0]); i++)
        if (strcmp(events[i], code) == 0)
            return i;
    return -1;
}

const char *adt_event_label(enum adt_event e)
{
    return (unsigned)e < sizeof labels / sizeof labels[0] ? labels[e] : "Unknown";
}

static int fail(struct hl7_error *err, const char *seg, int field, int code, const char *msg)
{
    snprintf(err->segment, sizeof err->segment, "%s", seg);
    err->field = field;
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s-%d %s", seg, field, msg);
    return -1;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int hl7_ts_parse(const char *s, int64_t *out)
{
    size_t len = strlen(s);
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (len < 8 || digits(s, 4, &y) || digits(s + 4, 2, &mo) || digits(s + 6, 2, &d))
        return -1;
    size_t i = 8;
    if (len >= 12 && s[8] >= '0' && s[8] <= '9') {
        if (digits(s + 8, 2, &h) || digits(s + 10, 2, &mi))
            return -1;
        i = 12;
        if (len >= 14 && s[12] >= '0' && s[12] <= '9') {
            if (digits(s + 12, 2, &sec))
                return -1;
            i = 14;
            if (s[i] == '.') {
                i++;
                while (s[i] >= '0' && s[i] <= '9')
                    i++;
            }
        }
    }
    struct date dt = {y, mo, d};
    if (!date_is_valid(dt) || h > 23 || mi > 59 || sec > 59)
        return -1;
    int64_t local = (int64_t)date_to_days(dt) * 86400 + h * 3600 + mi * 60 + sec;
    if (s[i] == '+' || s[i] == '-') {
        int oh, om;
        if (strlen(s + i) != 5 || digits(s + i + 1, 2, &oh) || digits(s + i + 3, 2, &om) || oh > 14 || om > 59)
            return -1;
        int off = (oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
        *out = local - off;
        return 0;
    }
    if (s[i] != '\0')
        return -1;
    /* UK civil time: find the UTC instant whose UK offset maps onto it. */
    int64_t t = local - timestamp_uk_offset(local);
    if (timestamp_uk_offset(t) != (int)(local - t))
        t = local - timestamp_uk_offset(t);
    *out = t;
    return 0;
}

/* Copies (unescaped) one component; -1 when it did not fit. */
static int text(const struct hl7_message *m, const struct hl7_segment *s, int field, int rep, int comp, char *out,
                size_t n)
{
    return hl7_text(m, hl7_get(m, s, field, rep, comp), out, n);
}

/* A TS field: 0 absent, 1 parsed into *t, -1 malformed or in the future. */
static int ts_field(const struct hl7_message *m, const struct hl7_segment *s, int field, int64_t now, int64_t *t,
                    struct hl7_error *err)
{
    char buf[40];
    if (!s || text(m, s, field, 0, 1, buf, sizeof buf) != 0)
        return s ? fail(err, s->id, field, HL7_EDATATYPE, "is not a date and time") : 0;
    if (!buf[0])
        return 0;
    if (hl7_ts_parse(buf, t) != 0)
        return fail(err, s->id, field, HL7_EDATATYPE, "is not a date and time (YYYYMMDDHHMM)");
    if (*t > now + ADT_FUTURE_SLACK)
        return fail(err, s->id, field, HL7_EDATATYPE, "is in the future");
    return 1;
}

static int header(const struct hl7_message *m, struct adt_message *a, int64_t now, int *reject,
                  struct hl7_error *err)
{
    const struct hl7_segment *msh = hl7_find(m, "MSH", 0);
    char type[8], trig[8];
    if (text(m, msh, 9, 0, 1, type, sizeof type) != 0 || strcmp(type, "ADT") != 0) {
        *reject = 1;
        return fail(err, "MSH", 9, HL7_EMSGTYPE, "is not an ADT message");
    }
    text(m, msh, 9, 0, 2, trig, sizeof trig);
    int ev = adt_event_parse(trig);
    if (ev < 0) {
        *reject = 1;
        return fail(err, "MSH", 9, HL7_EEVENT, "is not an event Seamless takes (A01, A02, A03, A08, A11, A13)");
    }
    a->event = (enum adt_event)ev;
    snprintf(a->event_code, sizeof a->event_code, "%s", events[ev]);
    if (text(m, msh, 10, 0, 1, a->control_id, sizeof a->control_id) != 0 || !a->control_id[0])
        return fail(err, "MSH", 10, HL7_EREQUIRED, "(message control id) is missing");
    text(m, msh, 4, 0, 1, a->sending_facility, sizeof a->sending_facility);
    const struct hl7_segment *evn = hl7_find(m, "EVN", 0);
    int rc = ts_field(m, evn, 6, now, &a->event_at, err);
    if (rc == 0)
        rc = ts_field(m, evn, 2, now, &a->event_at, err);
    if (rc == 0)
        rc = ts_field(m, msh, 7, now, &a->event_at, err);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return fail(err, "MSH", 7, HL7_EREQUIRED, "(message time) is missing");
    return 0;
}

static int patient(const struct hl7_message *m, struct adt_message *a, struct hl7_error *err)
{
    const struct hl7_segment *pid = hl7_find(m, "PID", 0);
    if (!pid)
        return fail(err, "PID", 0, HL7_ESEQUENCE, "segment is missing");
    int reps = hl7_repetitions(m, pid, 3);
    if (reps == 0)
        return fail(err, "PID", 3, HL7_EREQUIRED, "(patient identifier list) is missing");
    for (int r = 0; r < reps; r++) {
        char id[32], auth[16], type[8];
        text(m, pid, 3, r, 1, id, sizeof id);
        text(m, pid, 3, r, 4, auth, sizeof auth);
        text(m, pid, 3, r, 5, type, sizeof type);
        if (strcmp(auth, "NHS") != 0 && strcmp(type, "NH") != 0)
            continue;
        if (nhs_number_parse(id, a->nhs_number, NULL) != 0)
            return fail(err, "PID", 3, HL7_EDATATYPE, "holds an NHS number that is not valid");
        break;
    }
    text(m, pid, 5, 0, 1, a->family_name, sizeof a->family_name);
    text(m, pid, 5, 0, 2, a->given_name, sizeof a->given_name);
    char dob[16];
    text(m, pid, 7, 0, 1, dob, sizeof dob);
    if (dob[0]) {
        struct date d;
        int y, mo, dd;
        if (strlen(dob) < 8 || digits(dob, 4, &y) || digits(dob + 4, 2, &mo) || digits(dob + 6, 2, &dd))
            return fail(err, "PID", 7, HL7_EDATATYPE, "is not a date (YYYYMMDD)");
        d = (struct date){y, mo, dd};
        if (date_format(d, a->date_of_birth) != 0)
            return fail(err, "PID", 7, HL7_EDATATYPE, "is not a real date");
    }
    return 0;
}

static int visit(const struct hl7_message *m, struct adt_message *a, int64_t now, struct hl7_error *err)
{
    const struct hl7_segment *pv1 = hl7_find(m, "PV1", 0);
    if (!pv1)
        return fail(err, "PV1", 0, HL7_ESEQUENCE, "segment is missing");
    text(m, pv1, 3, 0, 1, a->ward, sizeof a->ward);
    text(m, pv1, 3, 0, 2, a->room, sizeof a->room);
    text(m, pv1, 3, 0, 3, a->bed, sizeof a->bed);
    text(m, pv1, 10, 0, 1, a->specialty, sizeof a->specialty);
    text(m, pv1, 36, 0, 1, a->discharge_disposition, sizeof a->discharge_disposition);
    text(m, pv1, 37, 0, 1, a->discharge_destination, sizeof a->discharge_destination);
    if (text(m, pv1, 19, 0, 1, a->visit_number, sizeof a->visit_number) != 0 || !a->visit_number[0])
        return fail(err, "PV1", 19, HL7_EREQUIRED, "(visit number) is missing");
    if ((a->event == ADT_A01 || a->event == ADT_A02) && !a->ward[0])
        return fail(err, "PV1", 3, HL7_EREQUIRED, "(assigned location: ward) is missing");
    int rc = ts_field(m, pv1, 44, now, &a->admitted_at, err);
    if (rc < 0)
        return -1;
    if (rc == 0 && a->event == ADT_A01)
        a->admitted_at = a->event_at;
    rc = ts_field(m, pv1, 45, now, &a->discharged_at, err);
    if (rc < 0)
        return -1;
    if (rc == 0 && a->event == ADT_A03)
        a->discharged_at = a->event_at;
    if (a->discharged_at && a->admitted_at && a->discharged_at < a->admitted_at)
        return fail(err, "PV1", 45, HL7_EDATATYPE, "(discharge) is before the admission (PV1-44)");
    const struct hl7_segment *pv2 = hl7_find(m, "PV2", 0);
    if (pv2) {
        char ed[40];
        int64_t t;
        text(m, pv2, 9, 0, 1, ed, sizeof ed);
        if (ed[0]) {
            if (hl7_ts_parse(ed, &t) != 0)
                return fail(err, "PV2", 9, HL7_EDATATYPE, "is not a date (YYYYMMDD)");
            snprintf(a->expected_discharge, sizeof a->expected_discharge, "%.4s-%.2s-%.2s", ed, ed + 4, ed + 6);
        }
    }
    return 0;
}

int adt_extract(const struct hl7_message *m, int64_t now, struct adt_message *out, int *reject,
                struct hl7_error *err)
{
    memset(out, 0, sizeof *out);
    *reject = 0;
    if (header(m, out, now, reject, err) != 0 || patient(m, out, err) != 0 || visit(m, out, now, err) != 0)
        return -1;
    return 0;
}
