/* svc/discharge_events: hospital events over HTTP from a trust's
 * integration account (svc/discharge.h, POST /api/v1/hospital-events):
 * an HL7 v2 ER7 message answered with its ACK, or — for a trust whose
 * patient administration system cannot send ADT — the same facts as a JSON
 * event, decoded and checked here, then taken down the ER7 path
 * (svc/discharge_intake.c) from the replay check on. */
#include "svc/discharge.h"
#include "util/num.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domain/dates.h"
#include "domain/nhs_number.h"
#include "svc/discharge_int.h"
#include "svc/input.h"
#include "util/clock.h"

/* Only a trust's integration account feeds its hospital's events. */
static int may_feed(struct svc_ctx *c)
{
    if (!c->user_id || !svc_role_is(c, "integration") || !c->org_type ||
        (strcmp(c->org_type, "acute_trust") != 0 && strcmp(c->org_type, "community_trust") != 0))
        return svc_refuse(c, SVC_FORBIDDEN, "Not a hospital feed",
                          "Only an acute or community trust's integration account sends hospital events.");
    return SVC_OK;
}

int svc_discharge_event_er7(struct svc_ctx *c, const char *body, size_t len, char *ack, size_t *ack_len)
{
    int rc = may_feed(c);
    return rc == SVC_OK ? svc_discharge_intake(c, "http", body, len, ack, ack_len) : rc;
}

/* ---- the JSON event ---- */

/* The event names, in enum adt_event's order. */
static const char *const event_names[] = {"admit", "transfer", "discharge", "update", "cancel_admission",
                                          "cancel_discharge"};
static const char *const members[] = {"event_id", "event", "occurred_at", "nhs_number", "family_name",
                                      "given_name", "date_of_birth", "visit_number", "ward", "bed",
                                      "specialty", "admitted_at", "discharged_at", "expected_discharge_date",
                                      "discharge_destination"};

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The n digits at s (already checked to be digits) as a number. */
static int digits_value(const char *s, size_t n)
{
    int v = 0;
    if (num_parse_int_n(s, n, &v) < 0)
        v = 0;
    return v;
}

/* RFC 3339 "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)" → UTC seconds; -1 when
 * malformed. */
static int64_t parse_timestamp(const char *s)
{
    size_t n = strlen(s);
    if (n < 20 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2) ||
        (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) ||
        s[16] != ':' || !digits(s + 17, 2))
        return -1;
    struct date d = {digits_value(s, 4), digits_value(s + 5, 2), digits_value(s + 8, 2)};
    int h = digits_value(s + 11, 2), mi = digits_value(s + 14, 2), sec = digits_value(s + 17, 2);
    if (!date_is_valid(d) || h > 23 || mi > 59 || sec > 59)
        return -1;
    size_t i = 19;
    if (s[i] == '.') {
        size_t start = ++i;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start)
            return -1;
    }
    int off = 0;
    if ((s[i] == 'Z' || s[i] == 'z') && s[i + 1] == '\0') {
        off = 0;
    } else if ((s[i] == '+' || s[i] == '-') && strlen(s + i) == 6 && digits(s + i + 1, 2) && s[i + 3] == ':' &&
               digits(s + i + 4, 2)) {
        int oh = digits_value(s + i + 1, 2), om = digits_value(s + i + 4, 2);
        if (oh > 14 || om > 59)
            return -1;
        off = (oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
    } else {
        return -1;
    }
    return (int64_t)date_to_days(d) * 86400 + h * 3600 + mi * 60 + sec - off;
}

/* An optional timestamp member: 0 absent, 1 in *t, -1 with an error. */
static int timestamp(json_t *body, const char *key, int64_t now, int64_t *t, json_t *errors)
{
    const char *v = input_str(body, key, errors);
    if (!v)
        return json_object_get(body, key) && !json_is_null(json_object_get(body, key)) ? -1 : 0;
    *t = parse_timestamp(v);
    if (*t < 0) {
        svc_error_add(errors, key, "must be a date and time such as 2026-12-02T09:30:00Z");
        return -1;
    }
    if (*t > now + ADT_FUTURE_SLACK) {
        svc_error_add(errors, key, "is in the future");
        return -1;
    }
    return 1;
}

static void copy(char *dst, size_t n, const char *v) { snprintf(dst, n, "%s", v ? v : ""); }

static void decode_who(json_t *body, struct adt_message *a, json_t *errors)
{
    const char *nhs = input_line(body, "nhs_number", 0, 32, errors);
    if (nhs && nhs_number_parse(nhs, a->nhs_number, NULL) != 0)
        svc_error_add(errors, "nhs_number", "is not a valid NHS number");
    copy(a->family_name, sizeof a->family_name, input_line(body, "family_name", 0, sizeof a->family_name - 1, errors));
    copy(a->given_name, sizeof a->given_name, input_line(body, "given_name", 0, sizeof a->given_name - 1, errors));
    struct date dob;
    if (input_date(body, "date_of_birth", 0, &dob, errors))
        date_format(dob, a->date_of_birth);
}

static void decode_where(json_t *body, struct adt_message *a, json_t *errors)
{
    int needs_ward = a->event == ADT_A01 || a->event == ADT_A02;
    copy(a->visit_number, sizeof a->visit_number,
         input_line(body, "visit_number", 1, sizeof a->visit_number - 1, errors));
    copy(a->ward, sizeof a->ward, input_line(body, "ward", needs_ward, sizeof a->ward - 1, errors));
    copy(a->bed, sizeof a->bed, input_line(body, "bed", 0, sizeof a->bed - 1, errors));
    copy(a->specialty, sizeof a->specialty, input_line(body, "specialty", 0, sizeof a->specialty - 1, errors));
    copy(a->discharge_destination, sizeof a->discharge_destination,
         input_line(body, "discharge_destination", 0, sizeof a->discharge_destination - 1, errors));
    struct date ed;
    if (input_date(body, "expected_discharge_date", 0, &ed, errors))
        date_format(ed, a->expected_discharge);
}

static void decode_times(json_t *body, struct adt_message *a, int64_t now, json_t *errors)
{
    if (timestamp(body, "occurred_at", now, &a->event_at, errors) == 0)
        svc_error_add(errors, "occurred_at", "is required");
    int ra = timestamp(body, "admitted_at", now, &a->admitted_at, errors);
    int rd = timestamp(body, "discharged_at", now, &a->discharged_at, errors);
    if (ra == 0 && a->event == ADT_A01)
        a->admitted_at = a->event_at;
    if (rd == 0 && a->event == ADT_A03)
        a->discharged_at = a->event_at;
    if (ra >= 0 && rd >= 0 && a->admitted_at && a->discharged_at && a->discharged_at < a->admitted_at)
        svc_error_add(errors, "discharged_at", "is before the admission");
}

/* The facts of a JSON event into a; field errors into errors. */
void discharge_event_decode(json_t *body, int64_t now, struct adt_message *a, json_t *errors)
{
    memset(a, 0, sizeof *a);
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        int known = 0;
        for (size_t i = 0; i < sizeof members / sizeof members[0]; i++)
            known |= strcmp(key, members[i]) == 0;
        if (!known)
            svc_error_add(errors, key, "is not a field of a hospital event");
    }
    copy(a->control_id, sizeof a->control_id, input_line(body, "event_id", 1, sizeof a->control_id - 1, errors));
    const char *ev = input_line(body, "event", 1, 32, errors);
    int e = -1;
    for (int i = 0; ev && i < (int)(sizeof event_names / sizeof event_names[0]); i++)
        if (strcmp(ev, event_names[i]) == 0)
            e = i;
    if (ev && e < 0)
        svc_error_add(errors, "event", "must be one of admit, transfer, discharge, update, cancel_admission, "
                                       "cancel_discharge");
    a->event = e < 0 ? ADT_A08 : (enum adt_event)e;
    static const char *const codes[] = {"A01", "A02", "A03", "A08", "A11", "A13"};
    copy(a->event_code, sizeof a->event_code, codes[a->event]);
    decode_who(body, a, errors);
    decode_where(body, a, errors);
    decode_times(body, a, now, errors);
}

int svc_discharge_event_json(struct svc_ctx *c, json_t *body, const char *raw, size_t len, json_t **out,
                             int *replay)
{
    int rc = may_feed(c);
    if (rc != SVC_OK)
        return rc;
    if (!json_is_object(body)) {
        svc_field_error(c, "body", "must be a JSON object");
        return SVC_INVALID;
    }
    struct adt_message *a = arena_alloc(c->arena, sizeof *a);
    discharge_event_decode(body, clock_parse_utc(svc_now(c)), a, svc_errors(c));
    if (svc_has_errors(c))
        return SVC_INVALID;
    return discharge_intake_json(c, raw, len, a, out, replay);
}

/* The JSON field an HL7 segment and field of the ER7 path stand for. */
static const char *json_field(const struct hl7_error *err)
{
    static const struct {
        const char *seg;
        int field;
        const char *name;
    } map[] = {{"PV1", 3, "ward"}, {"PV1", 19, "visit_number"}, {"PV1", 44, "admitted_at"},
               {"PV1", 45, "discharged_at"}, {"PID", 3, "nhs_number"}};
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(err->segment, map[i].seg) == 0 && err->field == map[i].field)
            return map[i].name;
    return "event";
}

int discharge_event_refused(struct svc_ctx *c, const char *event_id, const char *person_id,
                            const struct hl7_error *err)
{
    static const struct {
        const char *field, *message;
    } words[] = {{"ward", "is not a ward set up for this hospital"},
                 {"visit_number", "does not name an open stay of this person at this hospital"},
                 {"nhs_number", "is not the person of the stay with this visit number"},
                 {"discharged_at", "is before the admission"}};
    const char *field = json_field(err), *message = "cannot be applied to this stay";
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(field, words[i].field) == 0)
            message = words[i].message;
    svc_field_error(c, field, message);
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = svc_tx_audit(c, "refuse", "hospital_event", event_id, person_id && person_id[0] ? person_id : NULL,
                          "system");
    rc = svc_tx_end(c, rc);
    return rc == SVC_OK ? SVC_INVALID : rc;
}
