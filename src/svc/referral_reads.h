/* referral_reads: reading referrals through the access choke point, for
 * the FHIR ServiceRequest (src/fhir/service_request.c). Minimal: the JSON
 * API's referral handlers still read for themselves until referrals move
 * onto services; then these belong with them.
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

#endif
