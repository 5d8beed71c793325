/* svc/discharge_held: the held-message work queue (svc/discharge.h). A
 * message the feed could not match to a person (no NHS number, or one no
 * record has) is held, never dropped and never guessed; the trust's
 * discharge team sees what each says and either matches it to a person —
 * then it is applied as if it had arrived now — or closes it with a reason.
 * Held messages carry personal data of people Seamless may not know yet:
 * only the discharge team of the sending trust sees them (a member of a
 * team that covers one of its wards), and each read is audited. */
#include "svc/discharge.h"
#include <stdio.h>
#include <string.h>
#include "domain/nhs_number.h"
#include "hl7/adt.h"
#include "hl7/hl7v2.h"
#include "store/discharge.h"
#include "store/persons.h"
#include "svc/discharge_int.h"
#include "util/clock.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The trust's discharge team: staff of the trust in a team that covers
 * one of its wards. */
static int may_work_queue(struct svc_ctx *c)
{
    if (!c->user_id || !c->org_id || !c->org_type ||
        (strcmp(c->org_type, "acute_trust") != 0 && strcmp(c->org_type, "community_trust") != 0))
        return svc_refuse(c, SVC_FORBIDDEN, "Not a hospital discharge team",
                          "Held hospital messages are for the sending hospital's discharge team.");
    int rc = discharge_user_is_idt(c->db, c->user_id, c->org_id, &c->err);
    if (rc < 0)
        return svc_failed(c, "discharge team check");
    if (rc == 0)
        return svc_refuse(c, SVC_FORBIDDEN, "Not a hospital discharge team",
                          "Held hospital messages are for the discharge team that covers the hospital's wards.");
    return SVC_OK;
}

/* The facts of a stored message (ER7 or JSON); 0, or -1 when they cannot
 * be read again (a held message was read once, so this is not expected). */
static int facts(struct svc_ctx *c, json_t *row, struct adt_message *a)
{
    const char *body = str(row, "body");
    int64_t received = clock_parse_utc(str(row, "received_at"));
    if (strcmp(str(row, "format"), "json") == 0) {
        json_t *v = svc_own(c, json_loads(body, 0, NULL));
        json_t *errors = svc_own(c, json_array());
        if (!json_is_object(v))
            return -1;
        discharge_event_decode(v, received, a, errors);
        return json_array_size(errors) ? -1 : 0;
    }
    struct hl7_message *m = arena_alloc(c->arena, sizeof *m);
    struct hl7_error err;
    int reject;
    if (hl7_parse(body, strlen(body), m, &err) != 0 || adt_extract(m, received, a, &reject, &err) != 0)
        return -1;
    return 0;
}

int svc_discharge_held(struct svc_ctx *c, json_t **out)
{
    int rc = may_work_queue(c);
    if (rc != SVC_OK)
        return rc;
    json_t *rows = svc_own(c, discharge_hl7_list(c->db, c->org_id, "held", 500, &c->err));
    if (!rows)
        return svc_failed(c, "held messages");
    json_t *items = svc_own(c, json_array());
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        struct adt_message *a = arena_alloc(c->arena, sizeof *a);
        int ok = facts(c, r, a) == 0;
        char nhs[NHS_NUMBER_FORMATTED] = "";
        if (ok && a->nhs_number[0])
            nhs_number_format(a->nhs_number, nhs);
        json_array_append_new(items, json_pack(
            "{s:O, s:O, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id", json_object_get(r, "id"),
            "received_at", json_object_get(r, "received_at"), "event_label",
            ok ? adt_event_label(a->event) : "Not readable", "nhs_number_formatted", nhs, "family_name",
            ok ? a->family_name : "", "given_name", ok ? a->given_name : "", "date_of_birth",
            ok ? a->date_of_birth : "", "visit_number", ok ? a->visit_number : "", "ward", ok ? a->ward : "",
            "via", strcmp(str(r, "format"), "json") == 0 ? "JSON event" : "HL7 message", "has_nhs_number",
            ok && a->nhs_number[0]));
    }
    rc = svc_audit_read_items(c, "hl7_message", items, "person_id", "relationship");   /* none: unmatched */
    if (rc != SVC_OK)
        return rc;
    *out = svc_own(c, json_pack("{s:O}", "items", items));
    return SVC_OK;
}

/* The message, held, of the caller's trust, with its facts. */
static int load_held(struct svc_ctx *c, const char *id, json_t **row, struct adt_message *a)
{
    *row = NULL;
    int rc = may_work_queue(c);
    if (rc != SVC_OK)
        return rc;
    *row = svc_own(c, discharge_hl7_get(c->db, c->org_id, id ? id : "", &c->err));
    if (!*row)
        return svc_store_fail(c, c->err.code, "held message");
    if (strcmp(str(*row, "outcome"), "held") != 0)
        return svc_refuse(c, SVC_CONFLICT, "Already resolved", "This message is no longer held.");
    if (facts(c, *row, a) != 0)
        return svc_refuse(c, SVC_CONFLICT, "Not readable", "This message cannot be applied; close it instead.");
    return SVC_OK;
}

/* Words for a refusal of the rules, for the discharge team. */
static const char *refusal_words(const struct hl7_error *why)
{
    if (strcmp(why->segment, "PV1") == 0 && why->field == 3)
        return "The ward in this message is not set up for this hospital: add it on the wards page, then match "
               "again";
    if (strcmp(why->segment, "PV1") == 0 && why->field == 19)
        return "The stay this message is about is not open in Seamless (its admission may be held too: match "
               "that first)";
    if (strcmp(why->segment, "PID") == 0)
        return "This person is not the person of the stay the message names";
    return "The message cannot be applied to this stay";
}

int svc_discharge_held_match(struct svc_ctx *c, const char *id, const char *nhs_number)
{
    json_t *row = NULL;
    struct adt_message *a = arena_alloc(c->arena, sizeof *a);
    int rc = load_held(c, id, &row, a);
    if (rc != SVC_OK)
        return rc;
    char digits[NHS_NUMBER_DIGITS] = "";
    if (nhs_number_parse(nhs_number ? nhs_number : "", digits, NULL) != 0)
        svc_field_error(c, "nhs_number", "Enter a valid NHS number, like 943 476 5919");
    else if (a->nhs_number[0] && strcmp(a->nhs_number, digits) != 0)
        svc_field_error(c, "nhs_number", "The hospital sent another NHS number: it has to be corrected there");
    if (svc_has_errors(c))
        return SVC_INVALID;
    char person_id[STORE_ID_LEN];
    rc = persons_id_by_nhs(c->db, digits, person_id, &c->err);
    if (rc == STORE_ENOTFOUND) {
        svc_field_error(c, "nhs_number", "No one in Seamless has this NHS number: add the person first");
        return SVC_INVALID;
    }
    if (rc < 0)
        return svc_failed(c, "held message person");
    memcpy(a->nhs_number, digits, sizeof a->nhs_number);
    struct hl7_error why = {"", 0, 0, ""};
    rc = discharge_intake_resolve(c, id, a, person_id, &why);
    if (rc == SVC_INVALID)
        svc_field_error(c, "nhs_number", refusal_words(&why));
    return rc;
}

int svc_discharge_held_close(struct svc_ctx *c, const char *id, const char *reason)
{
    json_t *row = NULL;
    struct adt_message *a = arena_alloc(c->arena, sizeof *a);
    int rc = load_held(c, id, &row, a);
    if (rc == SVC_CONFLICT && row && strcmp(str(row, "outcome"), "held") == 0)
        rc = SVC_OK;   /* unreadable: closing is the way out */
    if (rc != SVC_OK)
        return rc;
    if (!reason || !*reason || strlen(reason) > 500) {
        svc_field_error(c, "reason", "Say why the message is closed without applying it (at most 500 characters)");
        return SVC_INVALID;
    }
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = discharge_hl7_resolve(c->db, &by, id, NULL, NULL, reason, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "close", "hl7_message", id, NULL, "relationship");
    return svc_tx_end(c, rc);
}
