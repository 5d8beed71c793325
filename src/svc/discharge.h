/* svc/discharge: hospital discharge and Home First (domain.md §11), the one
 * way to stays, the IDT board and the hospital's HL7 feed — HTTP-free, so
 * the JSON API, the pages, the MLLP listener and the demo call the same
 * functions, and access and audit cannot be skipped.
 *
 * Access. A stay names its direct-care teams (the IDT covering the ward,
 * the ward's team, a receiving team while a transfer is open; table
 * stay_teams): that is the legitimate relationship (store/persons_access.c),
 * lasting while the person is in hospital and then the grace period. Every
 * read of a stay or the board is audited (basis relationship or
 * break_glass) before it leaves here; the board lists only stays naming one
 * of the caller's teams. The HL7 intake runs as the system for the sending
 * trust (c->user_id NULL, c->org_id the trust): its writes are audited with
 * basis system.
 *
 * Rules (domain/discharge.h, domain/reablement.h): the discharge ready date
 * (DRD) comes from the criteria-to-reside reviews; a correction needs a
 * reason and is kept as history, as are pathway changes, ward transfers and
 * delay reasons; delay days and their split by reason and sector add up.
 *
 * Outcomes are svc/result.h codes; field errors in c->errors name the
 * field as the API spells it. Returned JSON is owned by the context. */
#ifndef SEAMLESS_SVC_DISCHARGE_H
#define SEAMLESS_SVC_DISCHARGE_H
#include <stddef.h>
#include "svc/svc.h"

/* ---- the hospital feed (HL7 v2 ADT) ---- */

#define DISCHARGE_ACK_MAX 2048

/* The trust an MLLP listener speaks for: its id into org_id (STORE_ID_LEN)
 * when code names an acute or community trust; SVC_NOTFOUND or
 * SVC_INVALID ("org") otherwise. */
int svc_discharge_feed_org(struct svc_ctx *c, const char *code, char *org_id);

/* One ER7 message from the trust c->org_id, received via "mllp" or "http".
 * Always answers: ack (DISCHARGE_ACK_MAX bytes) receives the HL7 ACK with
 * MSA-1 AA (applied, or held for a person to match), AE (stored with its
 * error, nothing else changed) or AR (not a message Seamless takes), MSA-2
 * the message control id and the reason in ERR. The message is stored as
 * received, with its outcome, before the ACK is returned (durable: the
 * commit has returned). A replay of a control id already stored from this
 * trust returns the stored ACK and changes nothing. Returns SVC_OK whenever
 * an ACK was produced from a stored outcome, SVC_FAILED when the database
 * could not store it (ack then holds an AE saying so: the sender retries). */
int svc_discharge_intake(struct svc_ctx *c, const char *via, const char *body, size_t len, char *ack,
                         size_t *ack_len);

/* POST /api/v1/hospital-events: only an acute or community trust's
 * integration account (role "integration") feeds its hospital's events;
 * anyone else SVC_FORBIDDEN. An ER7 message is taken as from the MLLP
 * listener (svc_discharge_intake, via "http"). A JSON event carries the
 * same facts by name — event_id (the replay key, as MSH-10), event (admit,
 * transfer, discharge, update, cancel_admission, cancel_discharge),
 * occurred_at, nhs_number (absent or unknown: held for a person to match),
 * family_name, given_name, date_of_birth, visit_number (the spell), ward
 * (admit, transfer), bed, specialty, admitted_at, discharged_at,
 * expected_discharge_date, discharge_destination; timestamps RFC 3339 —
 * and is answered {event_id, outcome ("applied" or "held"), stay_id,
 * received_at}, the same answer again (*replay 1) for a replayed event id.
 * A JSON event that is malformed or that the rules refuse (no such ward or
 * stay, a discharge before the admission, a time in the future) is
 * SVC_INVALID naming the field and stores nothing; the refusal is audited.
 * raw/len: the body as received (stored). */
int svc_discharge_event_er7(struct svc_ctx *c, const char *body, size_t len, char *ack, size_t *ack_len);
int svc_discharge_event_json(struct svc_ctx *c, json_t *body, const char *raw, size_t len, json_t **out,
                             int *replay);

/* ---- held messages: the feed's work queue (svc/discharge_held.c) ---- */

/* The held messages of the caller's trust, oldest last: {items: [{id,
 * received_at, via, event_label, nhs_number_formatted, has_nhs_number,
 * family_name, given_name, date_of_birth, visit_number, ward}]}. Only its
 * discharge team (staff of the trust in a team covering one of its wards;
 * SVC_FORBIDDEN otherwise); each item's read audited. */
int svc_discharge_held(struct svc_ctx *c, json_t **out);
/* Matches held message id to the person with this NHS number and applies
 * it as if it had arrived now. 422 "nhs_number": not valid, another
 * number than the hospital sent, no one has it, or the rules refuse the
 * event (a ward not set up, no open stay); 409 when no longer held. */
int svc_discharge_held_match(struct svc_ctx *c, const char *id, const char *nhs_number);
/* Closes a held message without applying it; "reason" required. */
int svc_discharge_held_close(struct svc_ctx *c, const char *id, const char *reason);

/* Group commit for the MLLP listener: several messages (from any of the
 * trust's connections) in one transaction and so one fsync, each under a
 * savepoint so a message that cannot be stored leaves nothing behind while
 * the others stand. Every job gets its ACK as svc_discharge_intake gives
 * it, valid only once this returns: SVC_OK after the commit (durable);
 * SVC_FAILED when the batch could not be committed — then every job holds
 * an AE saying "send it again" and nothing of the batch was stored. The
 * jobs' rc: svc_discharge_intake's result for each. c->org_id: the trust. */
struct intake_job {
    const char *via, *body;
    size_t len;
    char ack[DISCHARGE_ACK_MAX];
    size_t ack_len;
    int rc;
};
int svc_discharge_intake_batch(struct svc_ctx *c, struct intake_job *jobs, size_t n);

/* The national delay reasons (code, category, label, sector), in order,
 * with category_label and sector_label in words. */
int svc_discharge_reasons(struct svc_ctx *c, json_t **out);

/* ---- wards ---- */

/* Wards of the trust with this code (NULL: every trust's). */
int svc_discharge_wards(struct svc_ctx *c, const char *trust_code, json_t **out);
struct ward_input {
    const char *code, *name, *site, *kind, *team_code, *idt_team_code;
};
/* An org admin of the trust adds a ward (409 when the code exists). */
int svc_discharge_ward_add(struct svc_ctx *c, const struct ward_input *in, char *id);

/* ---- the board ---- */

struct board_filter {
    const char *hospital;   /* trust code; NULL/"": the caller's own organisation */
    const char *ward, *pathway, *sector;   /* "" any */
    const char *cursor;     /* from a previous page's next_cursor */
    int limit;              /* 1..5000 */
    int everyone;           /* 1: every inpatient, not only those ready to leave */
};
/* {hospital: {code, name}, today, items: [...], next_cursor} — each item
 * with days_delayed, labels in words, the person's name, NHS number and
 * date of birth; longest delay first. Every item's read is audited. */
int svc_discharge_board(struct svc_ctx *c, const struct board_filter *f, json_t **out);
/* ---- one stay ---- */

/* The stay with its reviews, history, delay reasons and the delay days
 * split by reason and sector; audited. */
int svc_discharge_stay(struct svc_ctx *c, const char *id, json_t **out);
/* The person's hospital stays, newest first (store/discharge.h
 * discharge_stays_of_person columns), for FHIR Encounter: the person's
 * access checked once (refusals as svc_person_read), each stay's read
 * audited ("hospital_stay") with the basis (svc/discharge_stays.c). */
int svc_discharge_stays_of_person(struct svc_ctx *c, const char *person_id, json_t **out);
/* One stay without its history (discharge_stay_get columns): access
 * checked, read audited; for FHIR Encounter read. */
int svc_discharge_stay_brief(struct svc_ctx *c, const char *id, json_t **out);
/* The daily criteria-to-reside review (on: "YYYY-MM-DD", meets 0/1). */
int svc_discharge_review(struct svc_ctx *c, const char *stay_id, const char *on, int meets, const char *note);
/* Corrects the DRD: reason required ("reason"); "discharge_ready_date"
 * before admission or after today → SVC_INVALID. */
int svc_discharge_correct_drd(struct svc_ctx *c, const char *stay_id, const char *drd, const char *reason);
/* Pathway 0..3 with the planned destination; the change is kept. */
int svc_discharge_pathway(struct svc_ctx *c, const char *stay_id, int pathway, const char *destination,
                          const char *reason);
/* The delay reason from a date (default: today). sector NULL/"": the
 * reason's default attribution; another sector needs override_reason. */
int svc_discharge_delay_reason(struct svc_ctx *c, const char *stay_id, const char *code, const char *from_on,
                               const char *sector, const char *override_reason);
int svc_discharge_next_action(struct svc_ctx *c, const char *stay_id, const char *action, const char *owner);

/* ---- transfers of care (svc/discharge_transfer.c) ---- */

struct transfer_input {
    const char *kind;      /* reablement, care_act_assessment, care_home, community_health, chc_checklist,
                              chc_fast_track: it must fit the stay's pathway (domain/discharge.h) */
    const char *reason;    /* what the person needs (required) */
    const char *urgency;   /* crisis, urgent (default), routine */
    const char *consent;   /* given or best_interests */
    /* An assessment attached for the receiving service (optional): what
     * it found (at most 4000 characters), the date it was made (required
     * with it; not after today) and who made it (a user id; default the
     * raiser; else someone in one of the stay's teams, such as the ward's
     * therapist). The receiving team accepts it without a repeat when the
     * assessor is one of its trusted assessors (domain/referral.h
     * referral_reassessment). */
    const char *assessment, *assessed_on, *assessed_by;
};
/* Raises the referral the pathway needs from an open stay, through the
 * single referral point (received at the front door, due by its urgency),
 * linked to the stay; the service that receives the kind is named, and
 * has a legitimate relationship while the stay is open. id: the transfer.
 * 422 naming kind, pathway, reason, urgency, consent, assessment,
 * assessed_on or assessed_by; 409 when the stay has ended; 403 without access to the stay.
 * The transfer then follows its referral (svc/referral_actions.h): open
 * while it waits with a team, accepted, declined (back with the front
 * door, owned by it) or closed, the owner being the team that holds it. */
int svc_discharge_transfer(struct svc_ctx *c, const char *stay_id, const struct transfer_input *in, char *id);

/* ---- reports ---- */

/* The daily discharge situation a trust submits, for the trust with this
 * code (NULL: the caller's) on a date (NULL: today; not after today):
 *   {hospital, on, not_meeting_criteria (still in at the end of the day,
 *    DRD on or before it), discharges: {total, by_pathway: [{pathway,
 *    label, count}]}, delayed_by_reason: [{reason, label, sector, count}],
 *    delayed_by_length: [{band, count}] (0, 1–6, 7–13, 14–20, 21+ days)}.
 * Aggregates only: no person is named, nothing personal is read out, so
 * nothing is audited per person. The reason is each stay's current one. */
int svc_discharge_situation(struct svc_ctx *c, const char *hospital, const char *on, json_t **out);

#endif
