/* fhir/service_request: a referral as a UK Core ServiceRequest — status
 * (received/triaged/accepted → active, closed → completed), intent order,
 * priority (crisis → stat, urgent, routine), the person as subject, when
 * it was received as authoredOn, the reason, who referred (requester), the
 * team that holds it (performer) and the route (category). Read, search,
 * and create (a referral to the front door: subject, reasonCode[0].text,
 * priority stat/urgent/asap/routine, authoredOn, requester.display and the
 * two extensions below, through svc/referral_create.h). */
#ifndef SEAMLESS_FHIR_SERVICE_REQUEST_H
#define SEAMLESS_FHIR_SERVICE_REQUEST_H
#include <jansson.h>

#define FHIR_SERVICE_REQUEST_PROFILE "https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest"
/* What FHIR's ServiceRequest has no element for, as extensions on create
 * (valueCode): who the referral comes from (gp, ward, 111, family, self,
 * team, other) and the person's consent (given, refused, best_interests). */
#define FHIR_REFERRAL_SOURCE_EXT "https://seamless.example/fhir/StructureDefinition/referral-source"
#define FHIR_REFERRAL_CONSENT_EXT "https://seamless.example/fhir/StructureDefinition/referral-consent"

/* A new ServiceRequest (caller owns) from a referrals_get row. */
json_t *fhir_service_request_from_referral(json_t *referral);

#endif
