/* meetings: the SQL of locality MDT meetings — agenda, attendees, notes,
 * decisions, actions, shared care discussions and the work list. JSON
 * results are owned by the caller; NULL means error (err filled,
 * STORE_ENOTFOUND when absent). Writes expect the caller's transaction. */
#ifndef SEAMLESS_MEETINGS_STORE_H
#define SEAMLESS_MEETINGS_STORE_H
#include <jansson.h>
#include "store/accounts.h"

struct meeting_row { const char *team_id, *held_on, *starts_at, *location, *video_link; };
int meetings_insert(struct store *db, const struct actor *by, const struct meeting_row *m, char id[STORE_ID_LEN],
                    struct store_error *err);
/* The meeting with team and locality names. */
json_t *meetings_get(struct store *db, const char *id, struct store_error *err);
/* Meetings of the user's teams or that the user attends, from date on. */
json_t *meetings_for_user(struct store *db, const char *user_id, const char *from, struct store_error *err);
/* 0 when the user is in the meeting's team or attends it. */
int meetings_user_may_see(struct store *db, const char *meeting_id, const char *user_id, struct store_error *err);

/* An attendee: an account (user_id) or someone named without one.
 * grants_access follows access_attendance_grants; self_claimed marks an
 * account added from outside the meeting's team (privacy officer review). */
struct attendee_row {
    const char *user_id, *name, *profession, *org_id;
    int grants_access, self_claimed;
    const char *added_by, *added_by_org, *added_at;
};
int meetings_attendee_add(struct store *db, const char *meeting_id, const struct attendee_row *a,
                          struct store_error *err);
json_t *meetings_attendees(struct store *db, const char *meeting_id, struct store_error *err);
/* Accounts that may be added to the meeting (direct-care roles of the
 * partnership's organisations, active), members of the meeting's team first
 * (in_team 1), at most 300. */
json_t *meetings_attendee_candidates(struct store *db, const char *meeting_id, struct store_error *err);
/* 0 when the user is in the meeting's team. */
int meetings_user_in_team(struct store *db, const char *meeting_id, const char *user_id, struct store_error *err);
/* Self-claimed attendances that give a relationship, for the privacy
 * officer of the organisation that added them or of the attendee:
 * status pending, accepted, flagged or all. */
json_t *meetings_claims_list(struct store *db, const char *org_id, const char *status, int limit,
                             struct store_error *err);
int meetings_claim_review(struct store *db, const char *id, const char *org_id, const char *status,
                          const char *reviewer, const char *note, const char *now, struct store_error *err);

/* STORE_ECONSTRAINT when the person is already on the agenda. */
int meetings_item_add(struct store *db, const struct actor *by, const char *meeting_id, const char *person_id,
                      const char *reason, char id[STORE_ID_LEN], struct store_error *err);
/* Agenda in order with identifying fields and alerts. */
json_t *meetings_items(struct store *db, const char *meeting_id, struct store_error *err);
/* STORE_ENOTFOUND when the item is not on this meeting's agenda. */
int meetings_item_notes(struct store *db, const char *meeting_id, const char *item_id, const char *notes,
                        char person_id[STORE_ID_LEN], struct store_error *err);
int meetings_has_person(struct store *db, const char *meeting_id, const char *person_id, struct store_error *err);

/* 0 when the person's GP practice is in the locality of the meeting's team. */
int meetings_person_in_locality(struct store *db, const char *meeting_id, const char *person_id,
                                struct store_error *err);
int meetings_decision_add(struct store *db, const struct actor *by, const char *meeting_id, const char *person_id,
                          const char *text, int consensus, char id[STORE_ID_LEN], struct store_error *err);
json_t *meetings_decisions(struct store *db, const char *meeting_id, struct store_error *err);
json_t *meetings_decision_get(struct store *db, const char *id, struct store_error *err);

struct action_row {
    const char *meeting_id, *person_id, *text, *owner_user_id, *owner_team_id, *due_on;
};
int meetings_action_add(struct store *db, const struct actor *by, const struct action_row *a,
                        char id[STORE_ID_LEN], struct store_error *err);
json_t *meetings_actions(struct store *db, const char *meeting_id, struct store_error *err);
json_t *meetings_action_get(struct store *db, const char *id, struct store_error *err);
/* Marks done once: STORE_ENOTFOUND when already done or absent. */
int meetings_action_done(struct store *db, const struct actor *by, const char *id, struct store_error *err);
/* Open actions owned by the user or one of the user's teams, by due date. */
json_t *meetings_work_list(struct store *db, const char *user_id, struct store_error *err);
/* 0 when the user (directly or by a team) is a relevant owner for the
 * meeting: in the meeting's team or a team of one of its attendees. */
int meetings_owner_user_relevant(struct store *db, const char *meeting_id, const char *user_id,
                                 struct store_error *err);
int meetings_owner_team_relevant(struct store *db, const char *meeting_id, const char *team_id,
                                 struct store_error *err);

int meetings_discussion_add(struct store *db, const struct actor *by, const char *decision_id,
                            const char *question, char id[STORE_ID_LEN], struct store_error *err);
int meetings_discussion_participant(struct store *db, const char *discussion_id, const char *user_id,
                                    struct store_error *err);
json_t *meetings_discussion_get(struct store *db, const char *id, struct store_error *err);
/* Records the decision of an open discussion; STORE_ENOTFOUND if not open. */
int meetings_discussion_decide(struct store *db, const struct actor *by, const char *id, const char *text,
                               const char *outcome, struct store_error *err);
/* Decided shared care discussions for the board: counts by locality and
 * coded outcome {locality_name, outcome, discussions}; no free text. */
json_t *meetings_board_report(struct store *db, const char *from, const char *to, struct store_error *err);

#endif
