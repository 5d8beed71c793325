/* referrals: the SQL behind the single referral point — referrals and their
 * history, routes to receiving teams, trusted assessors and team queues.
 * JSON results are owned by the caller; NULL means error (err filled,
 * STORE_ENOTFOUND when absent). Writes expect the caller's transaction. */
#ifndef SEAMLESS_REFERRALS_STORE_H
#define SEAMLESS_REFERRALS_STORE_H
#include <jansson.h>
#include "store/accounts.h"

struct referral_row {
    const char *person_id, *source, *reason, *urgency, *received_at, *due_at, *consent;
    const char *referrer_name, *referrer_phone, *referrer_org, *referred_by, *front_door_team_id;
    int due_estimated;   /* 1: a bank-holiday year was missing, weekends only */
};
int referrals_insert(struct store *db, const struct actor *by, const struct referral_row *r,
                     char id[STORE_ID_LEN], struct store_error *err);
/* The referral with person identifiers and team names, or NULL. */
json_t *referrals_get(struct store *db, const char *id, struct store_error *err);
json_t *referrals_events(struct store *db, const char *id, struct store_error *err);
int referrals_event_add(struct store *db, const struct actor *by, const char *referral_id, const char *person_id,
                        const char *team_id, const char *kind, const char *detail, struct store_error *err);

/* Moves the referral on when it is still in status `from` at `version`:
 * STORE_ENOTFOUND when it moved on meanwhile. NULL fields are left as
 * they are; `responded` sets responded_at (first time only), `closed`
 * sets closed_at. */
struct referral_change {
    const char *from, *to, *team_id, *route, *outcome, *reassessment;
    int returned, responded, closed;
    long long version;
};
int referrals_transition(struct store *db, const struct actor *by, const char *id,
                         const struct referral_change *c, struct store_error *err);

/* Team for a route: the locality's own, else the county-wide one. */
int referrals_route_team(struct store *db, const char *route, const char *locality_id, char team[STORE_ID_LEN],
                         struct store_error *err);
/* 0 when team_id receives `route` (anywhere), STORE_ENOTFOUND otherwise. */
int referrals_route_has_team(struct store *db, const char *route, const char *team_id, struct store_error *err);
int referrals_route_add(struct store *db, const char *route, const char *locality_id, const char *team_id,
                        struct store_error *err);
/* [{route, team_id, team_code, team_name, locality_code}] */
json_t *referrals_routes(struct store *db, struct store_error *err);
/* The front-door teams the user belongs to ([{id, code, name}]). */
json_t *referrals_user_front_doors(struct store *db, const char *user_id, struct store_error *err);
/* The person's locality (via their GP practice) into loc ("" when none). */
int referrals_person_locality(struct store *db, const char *person_id, char loc[STORE_ID_LEN],
                              struct store_error *err);

int referrals_trusted(struct store *db, const char *team_id, const char *user_id, struct store_error *err);
int referrals_trusted_add(struct store *db, const char *team_id, const char *user_id, struct store_error *err);
/* 0 when user_id is a member of team_id, STORE_ENOTFOUND otherwise. */
int referrals_user_in_team(struct store *db, const char *user_id, const char *team_id, struct store_error *err);

/* Open referrals held by team_id (received or triaged), by due time, with
 * the person's identifying details. */
json_t *referrals_queue(struct store *db, const char *team_id, int limit, struct store_error *err);
/* What a front door triaged that still waits for the receiving team
 * (status triaged, front_door_team_id), by due time: the referral's
 * fields, the person's identifying details, the receiving team's name,
 * when it was triaged (triaged_at: the latest triage or reroute), and the
 * team's active staff ("staff") and active team managers ("managers"). */
json_t *referrals_awaiting_acceptance(struct store *db, const char *front_door_team_id, int limit,
                                      struct store_error *err);
/* Referrals still waiting (triaged) with a team user_id belongs to whose
 * due time is before now, oldest due first, with the person's identifying
 * details and the team's name (the escalation list of a team manager). */
json_t *referrals_overdue_for_member(struct store *db, const char *user_id, const char *now, int limit,
                                     struct store_error *err);
/* All referrals of a person, newest first. */
json_t *referrals_for_person(struct store *db, const char *person_id, struct store_error *err);

/* Referrals received in [from, to) (timestamps) for the KPIs:
 * [{urgency, received_at, responded_at, status, outcome}]. */
json_t *referrals_kpi_rows(struct store *db, const char *from, const char *to, struct store_error *err);

#endif
