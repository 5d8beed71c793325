/* referral_watch: keeping sight of referrals that wait for a team (issue
 * #14 item 15; domain/referral.h). A referral triaged to a team nobody
 * staffs, or that nobody answers, must not be lost:
 *
 *   - the front door that triaged it keeps it on its list until the
 *     receiving team accepts it (or declines it back): who it waits with,
 *     since when, its due time, whether that team has any staff or any
 *     manager; the front door may take it back and send it on (reroute);
 *   - once past its due time and still not accepted it is escalated to
 *     the receiving team's managers: on their home page and work list.
 *
 * Who: svc_referrals_awaiting — members of the front-door team (else
 * SVC_FORBIDDEN); svc_referrals_escalated — team managers (else
 * SVC_FORBIDDEN), for the teams they belong to. Both lists carry personal
 * data (name, NHS number, date of birth), so every item is audited as read
 * ("read", "referral", basis "relationship": the front door keeps its
 * relationship while the referral waits, the manager's team holds it).
 *
 * Items: {id, person_id, person_name, given_name, family_name,
 * nhs_number, nhs_number_formatted, date_of_birth, urgency, route,
 * route_label, reason, received_at, due_at, triaged_at, team_id,
 * team_name, version, escalated (bool), breached (bool)}; the front door's
 * list adds staff and managers (counts) and unstaffed / no_manager (bool).
 * *out is {items: […]} owned by the context. */
#ifndef SEAMLESS_SVC_REFERRAL_WATCH_H
#define SEAMLESS_SVC_REFERRAL_WATCH_H
#include "svc/svc.h"

#define SVC_REFERRAL_WATCH_LIMIT 200

int svc_referrals_awaiting(struct svc_ctx *c, const char *front_door_team_id, json_t **out);
int svc_referrals_escalated(struct svc_ctx *c, json_t **out);

#endif
