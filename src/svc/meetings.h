/* meetings: locality MDT meetings as services (domain.md §2, §5) — the
 * meeting and its attendees and agenda (svc/meetings.c), and what it
 * produces: decisions, actions, shared care discussions, the owner's work
 * list and the board's report (svc/meeting_outcomes.c).
 *
 * Who may see a meeting: members of its team and its attendees; anyone
 * else is refused (SVC_NOT_A_MEMBER, audited "read_denied"). Reading the
 * meeting audits the read of every person on its agenda.
 *
 * Privacy rules this module keeps (attending must not open records it
 * should not):
 *   - an account attendee must hold a direct-care role in a partnership
 *     organisation (access_attendance_grants): finance, privacy, panel,
 *     board and admin staff and care providers' staff are refused with a
 *     field error and nothing is stored; an attendee without an account is
 *     recorded by name and never gains a relationship;
 *   - an account added from outside the meeting's team is a self-claimed
 *     relationship (audited "self_claim", listed for the privacy officer);
 *   - only people of the team's locality, or people the user already has a
 *     relationship with, may be put on an agenda (being on it grants every
 *     attendee the relationship);
 *   - an action's owner must be in direct care too (owning it grants one);
 *   - the board's report has counts by coded outcome only, small counts
 *     suppressed.
 * Outcomes (notes, decisions, actions) are recorded only on or after the
 * meeting's date (domain/meeting.h).
 *
 * JSON handed back through out is owned by the context. */
#ifndef SEAMLESS_SVC_MEETINGS_H
#define SEAMLESS_SVC_MEETINGS_H
#include "svc/svc.h"

/* ---- the meeting (svc/meetings.c) ---- */

/* in: {team_id (one of the user's teams), held_on, starts_at HH:MM,
 * location, video_link https://}. The creator attends. */
int svc_meeting_create(struct svc_ctx *c, json_t *in, char id[STORE_ID_LEN]);
/* Meetings of the user's teams or that the user attends, from date on
 * (NULL: today). */
int svc_meeting_list(struct svc_ctx *c, const char *from, json_t **items);
/* The meeting on one screen: agenda items each with their decisions and
 * actions, and attendees; every agenda person's read audited. */
int svc_meeting_read(struct svc_ctx *c, const char *id, json_t **out);
/* 1 when outcomes may be recorded today for the meeting m (as read). */
int svc_meeting_is_held(struct svc_ctx *c, json_t *m);
/* Accounts that may be added as attendees (meetings_attendee_candidates). */
int svc_meeting_candidates(struct svc_ctx *c, const char *id, json_t **items);
/* in: {user_id} for an account, or {name, profession, org_id} for someone
 * without one. */
int svc_meeting_attendee_add(struct svc_ctx *c, const char *id, json_t *in);
/* in: {person_id, reason}. SVC_CONFLICT when already on the agenda. */
int svc_meeting_item_add(struct svc_ctx *c, const char *id, json_t *in);
/* in: {notes}. SVC_NOTFOUND when the item is not on this meeting's agenda. */
int svc_meeting_item_notes(struct svc_ctx *c, const char *id, const char *item, json_t *in);

/* For svc/meeting_outcomes.c: the meeting (owned by the context) when the
 * user may see it; SVC_NOTFOUND or SVC_NOT_A_MEMBER (audited) otherwise. */
int svc_meeting_load(struct svc_ctx *c, const char *id, json_t **out);
/* A required date member; NULL with the domain's error naming key. */
const char *svc_meeting_date(struct svc_ctx *c, json_t *in, const char *key, struct date *d);
/* Adds an error naming field when today is before the meeting's date. */
void svc_meeting_held_check(struct svc_ctx *c, json_t *m, const char *field);

/* ---- outcomes (svc/meeting_outcomes.c) ---- */

/* in: {person_id (on the agenda), text, consensus true|false}; *out the
 * decision as stored (consensus a boolean). */
int svc_meeting_decision_add(struct svc_ctx *c, const char *id, json_t *in, json_t **out);
/* in: {person_id, text, due_on (not before the meeting), owner_user_id or
 * owner_team_id}; *out the action as stored. */
int svc_meeting_action_add(struct svc_ctx *c, const char *id, json_t *in, json_t **out);
/* The owner (or a member of the owning team) marks it done, once:
 * SVC_NOT_THE_OWNER, SVC_ALREADY_DONE. *out the action as stored. */
int svc_meeting_action_done(struct svc_ctx *c, const char *action_id, json_t **out);
/* Open actions for the user and their teams, overdue ones flagged; each
 * read audited. */
int svc_work_list(struct svc_ctx *c, json_t **items);

/* A shared care discussion for a decision without consensus. in:
 * {question, participant_ids: [user ids]}; with from_attendees the
 * participants are instead every attendee of the decision's meeting whose
 * attendance gives a relationship. SVC_CONSENSUS_REACHED; SVC_ALREADY_OPEN
 * (c->extra names the discussion_id). */
int svc_shared_care_open(struct svc_ctx *c, const char *decision_id, json_t *in, int from_attendees,
                         char id[STORE_ID_LEN]);
/* A participant, or someone who may see the meeting, reads it (audited). */
int svc_shared_care_read(struct svc_ctx *c, const char *id, json_t **out);
/* in: {decision, outcome (a coded board outcome)}; SVC_ALREADY_DONE when
 * already decided. */
int svc_shared_care_decide(struct svc_ctx *c, const char *id, json_t *in);
/* For the board: {items: [{locality_name, outcome, outcome_text,
 * discussions|null, suppressed}], total|null, total_suppressed} of the
 * discussions decided from..to (NULL: all); no names or identifiers. */
int svc_shared_care_report(struct svc_ctx *c, const char *from, const char *to, json_t **out);

#endif
