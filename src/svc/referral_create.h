/* svc/referral_create: a referral received at the single front door
 * (domain.md §4), for the adapters written on services (FHIR
 * ServiceRequest create). Checks the same as the JSON API: source, reason
 * (≤ 4000 characters), urgency, consent, who referred (a name unless the
 * person or a team refers), received_at (not in the future), the front
 * door team (the configured one by default), the person; sets the due time
 * from the response standard and the bank holidays loaded (an estimate when
 * a year is not). Field errors name the JSON API's fields ("person_id",
 * "source", "reason", "urgency", "consent", "referrer.name",
 * "received_at", "front_door_team_id"); a refused request stores nothing.
 * Writes the referral, its "received" event, the person's timeline entry
 * and the audit entry in one transaction. */
#ifndef SEAMLESS_SVC_REFERRAL_CREATE_H
#define SEAMLESS_SVC_REFERRAL_CREATE_H
#include "svc/svc.h"

struct svc_referral_in {
    const char *person_id, *source, *reason, *urgency, *consent, *received_at, *front_door_team_id;
    const char *referrer_name, *referrer_phone, *referrer_org;
    /* 1: check everything but the person and write nothing (SVC_OK or
     * SVC_INVALID) — for a caller registering a new person with the
     * referral, who must know the referral is valid before registering. */
    int check_only;
};

int svc_referral_create(struct svc_ctx *c, const struct svc_referral_in *in, char id[STORE_ID_LEN]);
/* The referral's members of a body keyed as the JSON API's: the referrer
 * as an object "referrer" {name, phone, organisation} or, from a form, as
 * referrer_name, referrer_phone and referrer_org. Malformed members are
 * named in c->errors. Strings are owned by body. */
void svc_referral_in_decode(struct svc_ctx *c, json_t *body, struct svc_referral_in *in);

/* The referral form names the person by NHS number: id of the one
 * person with it, or SVC_INVALID naming "nhs_number" (missing, not a valid
 * NHS number, or no one on the shared record has it). */
int svc_referral_person_by_nhs(struct svc_ctx *c, const char *nhs, char id[STORE_ID_LEN]);
/* Who the referral form is about, to identify them only: {given_name,
 * family_name, date_of_birth}, audited ("read", "person", basis
 * "identify"), as search shows them. SVC_NOTFOUND when no such person. */
int svc_referral_identify(struct svc_ctx *c, const char *person_id, json_t **out);

#endif
