/* fhir/service_request: a referral as a UK Core ServiceRequest — status
 * (received/triaged/accepted → active, closed → completed), intent order,
 * priority (crisis → stat, urgent, routine), the person as subject, when
 * it was received as authoredOn, the reason, who referred (requester), the
 * team that holds it (performer) and the route (category). Read-only. */
#ifndef SEAMLESS_FHIR_SERVICE_REQUEST_H
#define SEAMLESS_FHIR_SERVICE_REQUEST_H
#include <jansson.h>

#define FHIR_SERVICE_REQUEST_PROFILE "https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest"

/* A new ServiceRequest (caller owns) from a referrals_get row. */
json_t *fhir_service_request_from_referral(json_t *referral);

#endif
