/* referral_reads: reading referrals through the access choke point — the
 * JSON API, the pages and the FHIR ServiceRequest.
 *
 * Outcomes: SVC_OK; SVC_NOTFOUND ("No such referral."); SVC_NO_RELATIONSHIP
 * or SVC_OBJECTION (refusal audited); SVC_FAILED. Each referral released
 * is audited ("read", "referral") with the access basis. JSON is owned by
 * the context. */
#ifndef SEAMLESS_SVC_REFERRAL_READS_H
#define SEAMLESS_SVC_REFERRAL_READS_H
#include "svc/svc.h"

/* The referral (store/referrals.h referrals_get columns). */
int svc_referral_read(struct svc_ctx *c, const char *id, json_t **out);
/* All the person's referrals, newest first, each as svc_referral_read's. */
int svc_referrals_of_person(struct svc_ctx *c, const char *person_id, json_t **out);

/* The referral as people see it: svc_referral_read's with its history
 * ("history": the events) and the words and flags of
 * svc_referral_present. */
int svc_referral_view(struct svc_ctx *c, const char *id, json_t **out);
/* The referral's own fields without the person's details (name, date of
 * birth, NHS number), presented: for whoever just acted on it, who may
 * hold no relationship with the person (a referrer, or a team that has
 * just passed it on). Nothing personal, so not audited. */
int svc_referral_brief(struct svc_ctx *c, const char *id, json_t **out);
/* svc_referral_brief for the one who made the referral (its
 * confirmation); for anyone else SVC_NOTFOUND, as for no referral. */
int svc_referral_sent(struct svc_ctx *c, const char *id, json_t **out);
/* The team's open referrals, presented, each person's read audited
 * (basis "relationship"); SVC_NOT_YOUR_TEAM unless the user is in the
 * team. *out: the array. */
int svc_referral_queue(struct svc_ctx *c, const char *team_id, int limit, json_t **out);
/* Where each route goes: [{route, team_id, team_code, team_name,
 * locality_code}] (no personal data). */
int svc_referral_routes(struct svc_ctx *c, json_t **out);

/* Adds to a referral row, at the context's now: nhs_number_formatted,
 * received_display, due_display, queue_state (while received or
 * triaged), route_label, returned and due_estimated as booleans,
 * due_note, and the flags is_received, is_triaged, is_chc, is_breached,
 * is_due_soon. */
void svc_referral_present(struct svc_ctx *c, json_t *r);
/* A list of referral rows released to a team: each row given its words and
 * flags by present (svc_referral_present or a list's own), then each
 * person's read audited (basis "relationship"). SVC_OK, or the audit's
 * outcome (release nothing then). */
int svc_referral_release_rows(struct svc_ctx *c, json_t *rows, void (*present)(struct svc_ctx *, json_t *));

#endif
