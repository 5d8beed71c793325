/* store/discharge: SQL for hospital stays, wards, criteria-to-reside
 * reviews, delay reasons, HL7 messages and reablement episodes
 * (migration 015). No rules here: svc/discharge.c decides, this stores.
 * Rows come back as JSON objects (store_row_json) owned by the caller.
 * Every function that writes takes the actor (user id, may be NULL for the
 * system, and "now") and runs inside the caller's transaction. */
#ifndef SEAMLESS_STORE_DISCHARGE_H
#define SEAMLESS_STORE_DISCHARGE_H
#include <jansson.h>
#include "store/accounts.h"
#include "store/store.h"

/* ---- wards ---- */
struct ward_row {
    const char *org_id, *code, *name, *site, *kind, *team_id, *idt_team_id;
};
int discharge_ward_add(struct store *db, const struct actor *by, const struct ward_row *w, char id[STORE_ID_LEN],
                       struct store_error *err);
/* Wards of one trust (org_id), or of every trust when org_id is NULL,
 * with the trust's code and name; by trust then code. */
json_t *discharge_wards_list(struct store *db, const char *org_id, struct store_error *err);
/* The ward with this PAS code at this trust, or NULL (STORE_ENOTFOUND). */
json_t *discharge_ward_by_code(struct store *db, const char *org_id, const char *code, struct store_error *err);

/* ---- the reason list ---- */
json_t *discharge_reasons_list(struct store *db, struct store_error *err);

/* ---- HL7 messages ---- */
struct hl7_row {
    const char *org_id, *control_id, *event, *via, *body, *outcome, *ack_code, *ack, *error_text, *nhs_number,
        *person_id, *stay_id;
    const char *format;   /* "er7" (NULL) or "json" */
};
int discharge_hl7_add(struct store *db, const struct actor *by, const struct hl7_row *r, char id[STORE_ID_LEN],
                      struct store_error *err);
/* {id, outcome, ack_code, ack, format} of the message with this control id from
 * this organisation, or NULL (STORE_ENOTFOUND). */
json_t *discharge_hl7_find(struct store *db, const char *org_id, const char *control_id, struct store_error *err);
/* Messages from organisations, newest first: outcome "held" is the work
 * queue; "" all. */
json_t *discharge_hl7_list(struct store *db, const char *org_id, const char *outcome, int limit,
                           struct store_error *err);   /* each with body and format too */

/* A stored message {id, org_id, control_id, event, via, format, received_at,
 * body, outcome, nhs_number, error_text} of this organisation, or NULL
 * (STORE_ENOTFOUND). */
json_t *discharge_hl7_get(struct store *db, const char *org_id, const char *id, struct store_error *err);
/* A held message resolved by a person: outcome "resolved", with the person
 * and stay it was applied to (NULL when closed without applying) and a
 * note. STORE_ENOTFOUND when it is not held (any more). */
int discharge_hl7_resolve(struct store *db, const struct actor *by, const char *id, const char *person_id,
                          const char *stay_id, const char *note, struct store_error *err);
/* 1 when the user is in a team that is the discharge team of one of the
 * organisation's wards, 0 when not, or a store code. */
int discharge_user_is_idt(struct store *db, const char *user_id, const char *org_id, struct store_error *err);

/* ---- stays ---- */
struct stay_row {
    const char *person_id, *org_id, *ward_id, *idt_team_id, *visit_number, *source, *specialty, *bed,
        *admitted_at, *admitted_on, *expected_discharge_on;
};
int discharge_stay_add(struct store *db, const struct actor *by, const struct stay_row *s, char id[STORE_ID_LEN],
                       struct store_error *err);
/* A stay with its ward, trust and current delay reason, or NULL. */
json_t *discharge_stay_get(struct store *db, const char *id, struct store_error *err);
json_t *discharge_stay_by_visit(struct store *db, const char *org_id, const char *visit, struct store_error *err);
/* What the HL7 intake needs of the stay with this visit number at this
 * trust: {id, person_id, status, ward_id, ward_name, admitted_at,
 * discharged_on}, or NULL (STORE_ENOTFOUND). */
json_t *discharge_stay_for_feed(struct store *db, const char *org_id, const char *visit, struct store_error *err);
/* Stays of one person, newest first. */
json_t *discharge_stays_of_person(struct store *db, const char *person_id, struct store_error *err);

/* Updates, each bumping version and recording who and when; STORE_ENOTFOUND
 * when no row matched. */
int discharge_stay_set_admission(struct store *db, const struct actor *by, const char *id, const char *ward_id,
                                 const char *bed, const char *specialty, const char *admitted_at,
                                 const char *admitted_on, const char *expected_on, struct store_error *err);
int discharge_stay_set_ward(struct store *db, const struct actor *by, const char *id, const char *ward_id,
                            const char *bed, struct store_error *err);
/* status "discharged" with the time, date and destination; "admitted"
 * clears them (a cancelled discharge); "cancelled" (a cancelled admission). */
int discharge_stay_set_status(struct store *db, const struct actor *by, const char *id, const char *status,
                              const char *at, const char *on, const char *destination, struct store_error *err);
int discharge_stay_set_review(struct store *db, const struct actor *by, const char *id, int meets,
                              const char *reviewed_on, const char *ready_on, struct store_error *err);
int discharge_stay_set_ready_on(struct store *db, const struct actor *by, const char *id, const char *ready_on,
                                struct store_error *err);
int discharge_stay_set_pathway(struct store *db, const struct actor *by, const char *id, int pathway,
                               const char *destination, struct store_error *err);
int discharge_stay_set_delay(struct store *db, const struct actor *by, const char *id, const char *reason,
                             const char *sector, struct store_error *err);
int discharge_stay_set_action(struct store *db, const struct actor *by, const char *id, const char *action,
                              const char *owner, struct store_error *err);

/* The stay's direct-care teams (idt, ward, receiving); adding one twice is
 * a no-op. */
int discharge_stay_team_add(struct store *db, const char *stay_id, const char *person_id, const char *team_id,
                            const char *part, struct store_error *err);
/* 1 when user_id is in one of the stay's current teams. */
int discharge_stay_user_named(struct store *db, const char *stay_id, const char *user_id, int *named,
                              struct store_error *err);

int discharge_change_add(struct store *db, const struct actor *by, const char *stay_id, const char *person_id,
                         const char *field, const char *old_value, const char *new_value, const char *reason,
                         struct store_error *err);
json_t *discharge_changes_list(struct store *db, const char *stay_id, struct store_error *err);
int discharge_review_add(struct store *db, const struct actor *by, const char *stay_id, const char *person_id,
                         const char *reviewed_on, int meets, const char *note, struct store_error *err);
/* Reviews in date order (then as recorded). */
json_t *discharge_reviews_list(struct store *db, const char *stay_id, struct store_error *err);
int discharge_delay_reason_add(struct store *db, const struct actor *by, const char *stay_id,
                               const char *person_id, const char *code, const char *from_on, const char *sector,
                               const char *override_reason, struct store_error *err);
/* In from_on order (then as recorded), with labels. */
json_t *discharge_delay_reasons_of(struct store *db, const char *stay_id, struct store_error *err);

/* ---- the board ---- */
struct board_query {
    const char *org_id;     /* the trust, required */
    const char *user_id;    /* only stays naming one of this user's teams */
    const char *ward_code;  /* "" any */
    const char *pathway;    /* "" any, else "0".."3" */
    const char *sector;     /* "" any */
    const char *after_ready, *after_id;   /* cursor; "" from the start */
    int limit;
    int everyone;           /* 1: every inpatient (those still meeting the criteria last) */
};
/* People not meeting the criteria to reside and not discharged, longest
 * delay first (DRD, then id); with everyone, the other inpatients after
 * them (cursor date "9999-12-31" for those). */
json_t *discharge_board(struct store *db, const struct board_query *q, struct store_error *err);

/* Stays of a trust that were open at some time on day `on` (admitted on or
 * before it, not discharged before it, not cancelled), with their DRD,
 * discharge date, pathway and current delay reason (label, sector). */
json_t *discharge_situation_rows(struct store *db, const char *org_id, const char *on, struct store_error *err);

/* For the demo: people with an NHS number born on or before born_by,
 * by id: {id, nhs_number, family_name, given_name, date_of_birth}. */
json_t *discharge_demo_candidates(struct store *db, const char *born_by, int limit, struct store_error *err);

/* ---- transfers of care ---- */
struct transfer_row {
    const char *stay_id, *person_id, *referral_id, *kind, *team_id;
    /* The assessment the transfer carries, or all NULL. */
    const char *assessed_by, *assessed_on, *assessment;
};
int discharge_transfer_add(struct store *db, const struct actor *by, const struct transfer_row *t,
                           char id[STORE_ID_LEN], struct store_error *err);
/* The stay's transfers, newest first: {id, kind, status, referral_id,
 * referral_status, reassessment, team_name, assessed_by, assessed_by_name,
 * assessed_on, assessment, created_at}. */
json_t *discharge_transfers_of_stay(struct store *db, const char *stay_id, struct store_error *err);
/* The transfer linked to the person's referral: {id, stay_id, person_id,
 * team_id, status, assessed_by, assessed_on}, or NULL (STORE_ENOTFOUND: the referral
 * is not a transfer of care). */
json_t *discharge_transfer_of_referral(struct store *db, const char *person_id, const char *referral_id,
                                       struct store_error *err);
/* The transfer's status and owner (team_id) follow its referral. */
int discharge_transfer_follow(struct store *db, const struct actor *by, const char *person_id, const char *id,
                              const char *status, const char *team_id, struct store_error *err);
/* The team receives the transfer: its "receiving" part in the stay starts
 * (again, when it had ended; a team already there in another part keeps
 * that part). */
int discharge_stay_team_receive(struct store *db, const char *stay_id, const char *person_id, const char *team_id,
                                struct store_error *err);
/* The team's "receiving" part in the stay ends at `at` (no other part). */
int discharge_stay_team_release(struct store *db, const char *stay_id, const char *person_id, const char *team_id,
                                const char *at, struct store_error *err);

/* ---- reablement ---- */
struct reablement_row {
    const char *person_id, *stay_id, *team_id, *start_on, *planned_end_on;
};
int discharge_reablement_add(struct store *db, const struct actor *by, const struct reablement_row *r,
                             char id[STORE_ID_LEN], struct store_error *err);
json_t *discharge_reablement_get(struct store *db, const char *id, struct store_error *err);
/* care_home_on: the date the person moved into a care home, or NULL. */
int discharge_reablement_end(struct store *db, const struct actor *by, const char *id, const char *ended_on,
                             const char *outcome, const char *care_home_on, struct store_error *err);

/* Reablement episodes whose discharge from hospital (the linked stay's
 * discharge date, else the episode's start) falls in first..last, with
 * the facts the outcome measures need: date_of_death, and the person's
 * next admission on or after that discharge (readmitted_on) and that
 * stay's discharge (readmission_discharged_on); a move into a care home
 * as recorded on the episode (care_home_on) and the first later stay
 * discharged on pathway 3, to a care home (care_home_discharge_on). */
json_t *discharge_reablement_facts(struct store *db, const char *first, const char *last, struct store_error *err);

#endif
