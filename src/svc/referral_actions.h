/* svc/referral_actions: moving a referral on (domain.md §4, domain/referral.h)
 * — triage at the front door, accept or decline by the receiving team,
 * reroute by the front door while the team has not accepted — for every
 * way in (the JSON API, the pages, FHIR ServiceRequest update).
 *
 * Only members of the front door that received the referral triage and
 * reroute it; only members of the team holding it accept or decline it
 * (SVC_NOT_YOUR_TEAM). The version is checked when the caller sends one
 * (If-Match → SVC_PRECONDITION, body version → SVC_STALE); without one the
 * status precondition of the write guards the change. An action the life
 * cycle does not allow now, or a write that lost a race, is
 * SVC_MOVED_ON. Field errors: "route", "team_id" (triage, reroute),
 * "reason" (decline). The change, its event and the audit entry (action =
 * the event: triaged, rerouted, closed, accepted, declined) are written in
 * one transaction; accepting also opens the team's caseload for the person
 * and records the organisation's involvement. */
#ifndef SEAMLESS_SVC_REFERRAL_ACTIONS_H
#define SEAMLESS_SVC_REFERRAL_ACTIONS_H
#include "domain/referral.h"
#include "svc/svc.h"

struct svc_referral_act_in {
    const char *route, *team_id;   /* triage, reroute */
    const char *note;              /* triage, reroute, accept: optional */
    const char *reason;            /* decline: required */
    struct svc_expect expect;
    /* Out, once the referral is found: the team holding it before the
     * action and its front door. */
    char holder[STORE_ID_LEN], front_door[STORE_ID_LEN];
};

int svc_referral_act(struct svc_ctx *c, const char *id, enum referral_action action, struct svc_referral_act_in *in);

#endif
