/* svc/referral_actions: moving a referral on (domain.md §4;
 * domain/referral.h) — triage at the front door, accept or decline by the
 * receiving team, reroute by the front door while the team has not
 * accepted — and naming a team's trusted assessors.
 *
 * Who: only members of the front door that received a referral triage or
 * reroute it; only members of the team holding it accept or decline it
 * (else SVC_NOT_YOUR_TEAM). Trusted assessors are named by an org admin of
 * the team's organisation (SVC_OTHER_ORG otherwise), or by the system
 * (the CLI, the demo).
 *
 * Input: route (triage, reroute), team_id (optional: else the route's
 * team for the person's locality), note, reason (decline: required).
 * The version is checked only when given (If-Match or the body's
 * "version"); without one the status the change was made from guards it.
 *
 * Outcomes: SVC_OK; SVC_NOTFOUND ("No such referral."); SVC_INVALID
 * naming route, team_id or reason; SVC_MOVED_ON (the referral is no
 * longer in the status the action needs, or moved on meanwhile);
 * SVC_PRECONDITION / SVC_STALE / SVC_INVALID "version"; SVC_FAILED.
 *
 * One transaction: the change, its event, on accept the team's caseload
 * and the organisation holding the person's data, a linked transfer of
 * care following the referral (store/discharge.h: its status and owner,
 * and the receiving team's relationship with the stay), and the audit
 * entry ("triaged", "rerouted", "accepted", "declined" or "closed",
 * basis "relationship"). On accept, whether the team assesses again
 * follows domain/referral.h referral_reassessment: the referrer, or the
 * assessor of an assessment attached to the linked transfer, being a
 * trusted assessor for the team spares the repeat. */
#ifndef SEAMLESS_SVC_REFERRAL_ACTIONS_H
#define SEAMLESS_SVC_REFERRAL_ACTIONS_H
#include "domain/referral.h"
#include "svc/svc.h"

struct svc_referral_act_in {
    const char *route, *team_id, *note, *reason;
    struct svc_expect expect;
    /* Out, once the referral is found: the team holding it before the
     * action and its front door (for where a page goes next). */
    char holder[STORE_ID_LEN], front_door[STORE_ID_LEN];
};

int svc_referral_act(struct svc_ctx *c, const char *id, enum referral_action a, struct svc_referral_act_in *in);

/* user_id becomes a trusted assessor for team_id's service. SVC_NOTFOUND
 * "No such team."; SVC_INVALID naming user_id; audited "create",
 * "trusted_assessor". */
int svc_trusted_assessor_add(struct svc_ctx *c, const char *team_id, const char *user_id);

#endif
