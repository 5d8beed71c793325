/* svc/discharge_intake: the hospital's HL7 v2 ADT feed (svc/discharge.h).
 *
 * One message, one answer: parse (hl7/hl7v2), replay check, facts
 * (hl7/adt), person match on NHS number, then the event applied to the
 * stay — all in one transaction with the stored message and its audit
 * entry, committed before the ACK is returned. A refused message is stored
 * with its error in a transaction of its own; nothing else changes.
 *
 * A JSON hospital event (svc/discharge_events.c decodes it into the same
 * facts) takes the same path from the replay check on; what differs: its
 * answer is JSON, stored in place of the ACK, and a refused event is not
 * stored (422 naming the field; the refusal is audited). */
#include "svc/discharge.h"
#include "svc/discharge_int.h"
#include <stdio.h>
#include <string.h>
#include "domain/dates.h"
#include "hl7/adt.h"
#include "hl7/hl7v2.h"
#include "store/accounts.h"
#include "store/discharge.h"
#include "store/persons.h"
#include "util/clock.h"

int svc_discharge_feed_org(struct svc_ctx *c, const char *code, char *org_id)
{
    char type[32];
    int rc = accounts_org_id_by_code(c->db, code ? code : "", org_id, &c->err);
    if (rc == 0)
        rc = accounts_org_type(c->db, org_id, type, &c->err);
    if (rc < 0)
        return svc_store_fail(c, rc, "organisation");
    if (strcmp(type, "acute_trust") != 0 && strcmp(type, "community_trust") != 0) {
        svc_field_error(c, "org", "must be an acute or community trust");
        return SVC_INVALID;
    }
    return SVC_OK;
}

/* A batch's audit entries (svc_discharge_intake_batch), appended together
 * just before its commit — in the same transaction, in the same order —
 * so the audit chain is claimed once per batch rather than twice per
 * message. A message that leaves nothing behind drops its own. */
struct audit_batch {
    struct audit_entry *e;
    int n, cap;
};

struct intake {
    struct svc_ctx *c;
    struct audit_batch *batch;   /* NULL: each entry appended at once */
    int json;          /* a JSON hospital event, not ER7 */
    int replay;        /* answered from the stored copy */
    const char *via, *body;
    struct hl7_message msg;
    int have_msg;
    struct adt_message adt;
    struct hl7_error err;
    char control_id[64];
    char *ack;
    size_t *ack_len;
    char person_id[STORE_ID_LEN], stay_id[STORE_ID_LEN];
};

static void hl7_now(struct svc_ctx *c, char out[16])
{
    const char *n = svc_now(c);   /* "YYYY-MM-DDTHH:MM:SS…" */
    snprintf(out, 16, "%.4s%.2s%.2s%.2s%.2s%.2s", n, n + 5, n + 8, n + 11, n + 14, n + 17);
}

static void build_ack(struct intake *in, const char *code, const struct hl7_error *err)
{
    char ts[16], ctl[STORE_ID_LEN];
    hl7_now(in->c, ts);
    store_new_id(ctl);
    const char *ack_id = ctl + 4;   /* MSH-10 is at most 20 characters in v2.5 */
    int n = hl7_ack_build(in->have_msg ? &in->msg : NULL, code, err, "SEAMLESS", "SEAMLESS", ts, ack_id, in->ack,
                          DISCHARGE_ACK_MAX);
    if (n < 0) {   /* cannot happen with our sizes; answer without ERR */
        n = hl7_ack_build(in->have_msg ? &in->msg : NULL, code, NULL, "SEAMLESS", "SEAMLESS", ts, ack_id, in->ack,
                          DISCHARGE_ACK_MAX);
    }
    *in->ack_len = n > 0 ? (size_t)n : 0;
}

/* The JSON answer to an event, into in->ack like an ACK. */
static void build_json_answer(struct intake *in, const char *outcome)
{
    json_t *a = json_pack("{s:s, s:s, s:s?, s:s}", "event_id", in->control_id, "outcome", outcome, "stay_id",
                          in->stay_id[0] ? in->stay_id : NULL, "received_at", svc_now(in->c));
    char *text = a ? json_dumps(a, JSON_COMPACT) : NULL;
    size_t n = text ? strlen(text) : 0;
    if (n >= DISCHARGE_ACK_MAX)
        n = 0;
    memcpy(in->ack, text ? text : "", n);
    in->ack[n] = '\0';
    *in->ack_len = n;
    free(text);
    json_decref(a);
}

static int intake_audit(struct intake *in, const char *action, const char *rtype, const char *rid,
                        const char *person_id)
{
    struct svc_ctx *c = in->c;
    struct audit_batch *b = in->batch;
    if (!b)
        return svc_tx_audit(c, action, rtype, rid, person_id, "system");
    if (b->n == b->cap) {
        int cap = b->cap ? b->cap * 2 : 128;
        struct audit_entry *e = arena_alloc(c->arena, (size_t)cap * sizeof *e);
        if (b->n)
            memcpy(e, b->e, (size_t)b->n * sizeof *e);
        b->e = e;
        b->cap = cap;
    }
    b->e[b->n++] = (struct audit_entry){c->user_id, c->org_id, c->role, action, rtype,
                                        arena_strdup(c->arena, rid), arena_strdup(c->arena, person_id), "system",
                                        c->request_id, NULL, 0};
    return 0;
}

/* AA for a stored outcome ("applied" or "held"). */
static void accept_answer(struct intake *in, const char *outcome)
{
    if (in->json)
        build_json_answer(in, outcome);
    else
        build_ack(in, "AA", NULL);
}

/* Stores the message with its outcome (in the open transaction). */
static int store_message(struct intake *in, const char *outcome, const char *ack_code, const char *error_text)
{
    struct actor by = {NULL, svc_now(in->c)};
    struct hl7_row r = {in->c->org_id, in->control_id[0] ? in->control_id : NULL, in->adt.event_code, in->via,
                        in->body, outcome, ack_code, discharge_safe_text(in->c, in->ack, *in->ack_len), error_text,
                        in->adt.nhs_number, in->person_id[0] ? in->person_id : NULL,
                        in->stay_id[0] ? in->stay_id : NULL, in->json ? "json" : NULL};
    char id[STORE_ID_LEN];
    int rc = discharge_hl7_add(in->c->db, &by, &r, id, &in->c->err);
    if (rc == 0)
        rc = intake_audit(in, "receive", "hl7_message", id, r.person_id);
    return rc;
}

/* A refused message: AE or AR, stored with its error, nothing else. */
static int refuse(struct intake *in, int reject)
{
    const char *code = reject ? "AR" : "AE";
    build_ack(in, code, &in->err);
    in->person_id[0] = in->stay_id[0] = '\0';
    int rc = svc_tx_begin(in->c);
    if (rc != 0)
        return rc;
    return svc_tx_end(in->c, store_message(in, reject ? "rejected" : "error", code, in->err.message));
}

static int app_error(struct intake *in, const char *seg, int field, int code, const char *msg)
{
    snprintf(in->err.segment, sizeof in->err.segment, "%s", seg);
    in->err.field = field;
    in->err.code = code;
    snprintf(in->err.message, sizeof in->err.message, "%s", msg);
    return SVC_INVALID;
}

static void utc(int64_t t, char out[32]) { clock_format_utc(t, out); }
static void uk_date(int64_t t, char out[DATE_STR_SIZE]) { date_format(timestamp_uk_date(t), out); }

/* The stay a message is about (by visit number); SVC_INVALID with an HL7
 * error when there is none. */
static int find_stay(struct intake *in, json_t **stay)
{
    struct svc_ctx *c = in->c;
    *stay = svc_own(c, discharge_stay_for_feed(c->db, c->org_id, in->adt.visit_number, &c->err));
    if (!*stay && c->err.code != STORE_ENOTFOUND)
        return -1;
    if (!*stay)
        return app_error(in, "PV1", 19, HL7_ETABLE, "PV1-19 names no stay Seamless knows from this hospital");
    snprintf(in->stay_id, sizeof in->stay_id, "%s", json_string_value(json_object_get(*stay, "id")));
    if (strcmp(json_string_value(json_object_get(*stay, "person_id")), in->person_id) != 0)
        return app_error(in, "PID", 3, HL7_ETABLE, "PID-3 is not the person of the stay in PV1-19");
    return 0;
}

/* The ward row for the message's PV1-3.1 at this trust. */
static int find_ward(struct intake *in, json_t **ward)
{
    struct svc_ctx *c = in->c;
    *ward = svc_own(c, discharge_ward_by_code(c->db, c->org_id, in->adt.ward, &c->err));
    if (!*ward && c->err.code != STORE_ENOTFOUND)
        return -1;
    if (!*ward)
        return app_error(in, "PV1", 3, HL7_ETABLE, "PV1-3 names a ward that is not set up for this hospital");
    return 0;
}

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int add_teams(struct intake *in, json_t *ward)
{
    struct svc_ctx *c = in->c;
    int rc = 0;
    if (str(ward, "team_id"))
        rc = discharge_stay_team_add(c->db, in->stay_id, in->person_id, str(ward, "team_id"), "ward", &c->err);
    if (rc == 0 && str(ward, "idt_team_id"))
        rc = discharge_stay_team_add(c->db, in->stay_id, in->person_id, str(ward, "idt_team_id"), "idt", &c->err);
    return rc;
}

static int admit(struct intake *in, struct actor *by)
{
    struct svc_ctx *c = in->c;
    json_t *ward, *stay;
    int rc = find_ward(in, &ward);
    if (rc != 0)
        return rc;
    char at[32], on[DATE_STR_SIZE];
    utc(in->adt.admitted_at, at);
    uk_date(in->adt.admitted_at, on);
    const char *expected = in->adt.expected_discharge[0] ? in->adt.expected_discharge : NULL;
    stay = svc_own(c, discharge_stay_for_feed(c->db, c->org_id, in->adt.visit_number, &c->err));
    if (stay) {   /* the admission sent again (a new control id): update it */
        snprintf(in->stay_id, sizeof in->stay_id, "%s", str(stay, "id"));
        rc = discharge_stay_set_admission(c->db, by, in->stay_id, str(ward, "id"), in->adt.bed, in->adt.specialty,
                                          at, on, expected, &c->err);
    } else {
        /* The trust holds this person's data now (an objection to sharing
         * still lets the trust's own staff see its stay). */
        rc = persons_org_holds(c->db, in->person_id, c->org_id, by->now, &c->err);
        if (rc != 0)
            return rc;
        struct stay_row s = {in->person_id, c->org_id, str(ward, "id"), str(ward, "idt_team_id"),
                             in->adt.visit_number, "feed", in->adt.specialty, in->adt.bed, at, on, expected};
        rc = discharge_stay_add(c->db, by, &s, in->stay_id, &c->err);
        if (rc == 0)
            rc = discharge_change_add(c->db, by, in->stay_id, in->person_id, "admitted", NULL, str(ward, "name"),
                                      "", &c->err);
    }
    return rc == 0 ? add_teams(in, ward) : rc;
}

static int transfer(struct intake *in, struct actor *by, json_t *stay)
{
    struct svc_ctx *c = in->c;
    json_t *ward;
    int rc = find_ward(in, &ward);
    if (rc != 0)
        return rc;
    if (str(stay, "ward_id") && strcmp(str(stay, "ward_id"), str(ward, "id")) == 0)
        return discharge_stay_set_ward(c->db, by, in->stay_id, str(ward, "id"), in->adt.bed, &c->err);
    rc = discharge_stay_set_ward(c->db, by, in->stay_id, str(ward, "id"), in->adt.bed, &c->err);
    if (rc == 0)
        rc = discharge_change_add(c->db, by, in->stay_id, in->person_id, "ward", str(stay, "ward_name"),
                                  str(ward, "name"), "", &c->err);
    return rc == 0 ? add_teams(in, ward) : rc;
}

static int discharge(struct intake *in, struct actor *by, json_t *stay)
{
    struct svc_ctx *c = in->c;
    if (strcmp(str(stay, "status"), "admitted") != 0)
        return app_error(in, "PV1", 19, HL7_ETABLE, "PV1-19 names a stay that is not open");
    int64_t admitted = clock_parse_utc(str(stay, "admitted_at"));
    if (in->adt.discharged_at < admitted)
        return app_error(in, "PV1", 45, HL7_EDATATYPE, "PV1-45 (discharge) is before the admission");
    char at[32], on[DATE_STR_SIZE];
    utc(in->adt.discharged_at, at);
    uk_date(in->adt.discharged_at, on);
    int rc = discharge_stay_set_status(c->db, by, in->stay_id, "discharged", at, on,
                                       in->adt.discharge_destination, &c->err);
    if (rc == 0)
        rc = discharge_change_add(c->db, by, in->stay_id, in->person_id, "discharged", NULL, on, "", &c->err);
    return rc;
}

static int apply_event(struct intake *in)
{
    struct svc_ctx *c = in->c;
    struct actor by = {NULL, svc_now(c)};
    json_t *stay = NULL;
    if (in->adt.event == ADT_A01)
        return admit(in, &by);
    int rc = find_stay(in, &stay);
    if (rc != 0)
        return rc;
    switch (in->adt.event) {
    case ADT_A02:
        return transfer(in, &by, stay);
    case ADT_A03:
        return discharge(in, &by, stay);
    case ADT_A08:
        return discharge_stay_set_admission(c->db, &by, in->stay_id, NULL, in->adt.bed, in->adt.specialty, NULL,
                                            NULL, in->adt.expected_discharge[0] ? in->adt.expected_discharge : NULL,
                                            &c->err);
    case ADT_A11:
        rc = discharge_stay_set_status(c->db, &by, in->stay_id, "cancelled", NULL, NULL, "", &c->err);
        return rc ? rc : discharge_change_add(c->db, &by, in->stay_id, in->person_id, "cancelled", NULL, NULL,
                                              "Admission cancelled by the hospital", &c->err);
    case ADT_A13:
        if (strcmp(str(stay, "status"), "discharged") != 0)
            return app_error(in, "PV1", 19, HL7_ETABLE, "PV1-19 names a stay that was not discharged");
        rc = discharge_stay_set_status(c->db, &by, in->stay_id, "admitted", NULL, NULL, "", &c->err);
        return rc ? rc : discharge_change_add(c->db, &by, in->stay_id, in->person_id, "discharge_cancelled",
                                              str(stay, "discharged_on"), NULL, "Discharge cancelled by the hospital",
                                              &c->err);
    case ADT_A01:
        break;
    }
    return 0;
}

/* Matched: the event, the message and the audit entry in one transaction. */
static int apply(struct intake *in)
{
    struct svc_ctx *c = in->c;
    int rc = svc_tx_begin(c);
    if (rc != 0)
        return rc;
    rc = apply_event(in);
    if (rc == SVC_INVALID) {
        svc_tx_end(c, SVC_INVALID);   /* roll back: nothing but the message is kept */
        return in->json ? discharge_event_refused(c, in->control_id, in->person_id, &in->err) : refuse(in, 0);
    }
    if (rc == 0) {
        accept_answer(in, "applied");
        rc = intake_audit(in, in->adt.event == ADT_A01 ? "create" : "update", "hospital_stay", in->stay_id,
                          in->person_id);
    }
    if (rc == 0)
        rc = store_message(in, "applied", "AA", "");
    return svc_tx_end(c, rc);
}

static int hold(struct intake *in)
{
    accept_answer(in, "held");
    int rc = svc_tx_begin(in->c);
    return rc ? rc : svc_tx_end(in->c, store_message(in, "held", "AA", "no person with this NHS number"));
}

/* A replay: the ACK stored for this control id, nothing changed. */
static int replayed(struct intake *in, int *found)
{
    struct svc_ctx *c = in->c;
    *found = 0;
    if (!in->control_id[0])
        return 0;
    json_t *m = svc_own(c, discharge_hl7_find(c->db, c->org_id, in->control_id, &c->err));
    if (!m)
        return c->err.code == STORE_ENOTFOUND ? 0 : -1;
    if (in->json != (strcmp(str(m, "format"), "json") == 0)) {
        *found = 2;   /* the id names a message of the other kind */
        return 0;
    }
    const char *ack = str(m, "ack");
    size_t n = strlen(ack);
    if (n >= DISCHARGE_ACK_MAX)
        n = DISCHARGE_ACK_MAX - 1;
    memcpy(in->ack, ack, n);
    in->ack[n] = '\0';
    *in->ack_len = n;
    *found = 1;
    in->replay = 1;
    return 0;
}

/* From the facts on: person match, then hold or apply. */
static int match_and_apply(struct intake *in)
{
    struct svc_ctx *c = in->c;
    if (!in->adt.nhs_number[0])
        return hold(in);
    int rc = persons_id_by_nhs(c->db, in->adt.nhs_number, in->person_id, &c->err);
    if (rc == STORE_ENOTFOUND) {
        in->person_id[0] = '\0';
        return hold(in);
    }
    if (rc < 0)
        return svc_failed(c, "hl7 person match");
    return apply(in);
}

static int intake(struct intake *in, const char *body, size_t len)
{
    struct svc_ctx *c = in->c;
    int reject = 0;
    if (hl7_parse(body, len, &in->msg, &in->err) != 0) {
        discharge_fix_utf8(in->err.message);
        in->have_msg = hl7_find(&in->msg, "MSH", 0) != NULL;
        return refuse(in, strcmp(in->err.segment, "MSH") == 0);
    }
    in->have_msg = 1;
    hl7_text(&in->msg, hl7_get(&in->msg, hl7_find(&in->msg, "MSH", 0), 10, 0, 1), in->control_id,
             sizeof in->control_id);
    discharge_fix_utf8(in->control_id);
    int found, rc = replayed(in, &found);
    if (rc == 0 && found == 2) {
        struct hl7_error e = {"MSH", 10, HL7_EDUPKEY, "MSH-10 was used by a JSON event from this hospital"};
        in->err = e;
        in->control_id[0] = '\0';   /* stored without it: the id stays the event's */
        return refuse(in, 1);
    }
    if (rc != 0 || found)
        return rc ? svc_failed(c, "hl7 replay check") : SVC_OK;
    int bad = adt_extract(&in->msg, clock_parse_utc(svc_now(c)), &in->adt, &reject, &in->err) != 0;
    discharge_fix_adt(&in->adt);
    discharge_fix_utf8(in->err.message);
    if (bad)
        return refuse(in, reject);
    return match_and_apply(in);
}

static int intake_message(struct svc_ctx *c, struct audit_batch *batch, const char *via, const char *body,
                          size_t len, char *ack, size_t *ack_len)
{
    struct intake *in = arena_alloc(c->arena, sizeof *in);
    in->c = c;
    in->batch = batch;
    in->via = via;
    in->ack = ack;
    in->ack_len = ack_len;
    in->body = discharge_safe_text(c, body, len);
    int mark = batch ? batch->n : 0;
    int rc = intake(in, body, len);
    if (rc == SVC_CONFLICT) {   /* the same control id stored meanwhile: answer as a replay */
        int found = 0;
        if (batch)
            batch->n = mark;
        if (replayed(in, &found) == 0 && found == 1)
            return SVC_OK;
    }
    if (rc != SVC_OK) {
        discharge_intake_unstored(c, body, len, ack, ack_len);
        return SVC_FAILED;
    }
    return SVC_OK;
}

int svc_discharge_intake(struct svc_ctx *c, const char *via, const char *body, size_t len, char *ack,
                         size_t *ack_len)
{
    return intake_message(c, NULL, via, body, len, ack, ack_len);
}

void discharge_intake_unstored(struct svc_ctx *c, const char *body, size_t len, char *ack, size_t *ack_len)
{
    /* Nothing was stored: never acknowledge what is not durable. */
    struct intake *in = arena_alloc(c->arena, sizeof *in);
    in->c = c;
    in->ack = ack;
    in->ack_len = ack_len;
    struct hl7_error ignored;
    in->have_msg = hl7_parse(body, len, &in->msg, &ignored) == 0 || hl7_find(&in->msg, "MSH", 0) != NULL;
    struct hl7_error e = {"", 0, HL7_EINTERNAL, "the message could not be stored; send it again"};
    build_ack(in, "AE", &e);
}

/* Savepoint name for one message of a batch (a fixed identifier). */
#define BATCH_SAVEPOINT "intake_message"

int svc_discharge_intake_batch(struct svc_ctx *c, struct intake_job *jobs, size_t n)
{
    if (svc_tx_begin(c) != 0) {
        for (size_t i = 0; i < n; i++)
            discharge_intake_unstored(c, jobs[i].body, jobs[i].len, jobs[i].ack, &jobs[i].ack_len);
        return SVC_FAILED;
    }
    int failed = 0;
    struct audit_batch audit = {0};
    for (size_t i = 0; i < n && !failed; i++) {
        svc_reset(c);
        if (store_savepoint(c->db, BATCH_SAVEPOINT, &c->err) != 0) {
            failed = 1;
            break;
        }
        int mark = audit.n;
        int rc = intake_message(c, &audit, jobs[i].via, jobs[i].body, jobs[i].len, jobs[i].ack, &jobs[i].ack_len);
        /* A message that could not be stored leaves nothing behind; the
         * others of the batch stand. */
        if (rc != SVC_OK)
            audit.n = mark;
        if (store_savepoint_end(c->db, BATCH_SAVEPOINT, rc != SVC_OK, &c->err) != 0)
            failed = 1;
        jobs[i].rc = rc;
    }
    if (!failed && audit.n > 0 && audit_append_many(c->db, audit.e, audit.n, &c->err) != 0)
        failed = 1;
    if (!failed && store_tx_commit(c->db, &c->err) == 0)
        return SVC_OK;
    /* Not durable: every message of the batch is answered "send again". */
    svc_failed(c, "intake batch");
    store_tx_rollback(c->db);
    for (size_t i = 0; i < n; i++) {
        jobs[i].rc = SVC_FAILED;
        discharge_intake_unstored(c, jobs[i].body, jobs[i].len, jobs[i].ack, &jobs[i].ack_len);
    }
    return SVC_FAILED;
}

int discharge_intake_json(struct svc_ctx *c, const char *body, size_t len, const struct adt_message *adt,
                          json_t **out, int *replay)
{
    struct intake *in = arena_alloc(c->arena, sizeof *in);
    size_t *ack_len = arena_alloc(c->arena, sizeof *ack_len);
    in->c = c;
    in->json = 1;
    in->via = "http";
    in->ack = arena_alloc(c->arena, DISCHARGE_ACK_MAX);
    in->ack_len = ack_len;
    in->body = discharge_safe_text(c, body, len);
    in->adt = *adt;
    discharge_fix_adt(&in->adt);
    snprintf(in->control_id, sizeof in->control_id, "%s", in->adt.control_id);
    int found = 0, rc = replayed(in, &found);
    if (rc == 0 && found == 2) {
        svc_field_error(c, "event_id", "was used by an HL7 message from this hospital");
        return svc_refuse(c, SVC_CONFLICT, "Event id already used", NULL);
    }
    if (rc != 0)
        return svc_failed(c, "hospital event replay check");
    if (!found)
        rc = match_and_apply(in);
    if (rc == SVC_CONFLICT && replayed(in, &found) == 0 && found == 1)
        rc = SVC_OK;   /* the same id stored meanwhile: answer as a replay */
    if (rc != SVC_OK)
        return rc;
    *replay = in->replay;
    *out = svc_own(c, json_loadb(in->ack, *in->ack_len, 0, NULL));
    return *out ? SVC_OK : svc_failed(c, "hospital event answer");
}

int discharge_intake_resolve(struct svc_ctx *c, const char *message_id, const struct adt_message *adt,
                             const char *person_id, struct hl7_error *why)
{
    struct intake *in = arena_alloc(c->arena, sizeof *in);
    in->c = c;
    in->adt = *adt;
    snprintf(in->person_id, sizeof in->person_id, "%s", person_id);
    int rc = svc_tx_begin(c);
    if (rc != 0)
        return rc;
    rc = apply_event(in);
    if (rc == SVC_INVALID) {
        *why = in->err;
        return svc_tx_end(c, SVC_INVALID);
    }
    struct actor by = svc_actor(c);
    if (rc == 0)
        rc = svc_tx_audit(c, in->adt.event == ADT_A01 ? "create" : "update", "hospital_stay", in->stay_id,
                          person_id, "relationship");
    if (rc == 0)
        rc = discharge_hl7_resolve(c->db, &by, message_id, person_id, in->stay_id[0] ? in->stay_id : NULL,
                                   "Matched to a person by the discharge team", &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "resolve", "hl7_message", message_id, person_id, "relationship");
    return svc_tx_end(c, rc);
}
