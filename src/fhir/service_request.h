/* fhir/service_request: a referral as a UK Core ServiceRequest — status
 * (received/triaged/accepted → active, closed → completed), intent order,
 * priority (crisis → stat, urgent, routine), the person as subject, when
 * it was received as authoredOn, the reason, who referred (requester), the
 * team that holds it (performer) and the route (category). Read, search,
 * and create (a referral to the front door: subject, reasonCode[0].text,
 * priority stat/urgent/asap/routine, authoredOn, requester.display and the
 * two extensions below, through svc/referral_create.h), and update: a
 * PUT that moves the referral on — a new route (category) and/or team
 * (performer) is a triage while it waits at the front door and a reroute
 * while it waits with a team (svc/referral_actions.h, the JSON API's
 * rules); every other element must be as read (422 naming it). */
#ifndef SEAMLESS_FHIR_SERVICE_REQUEST_H
#define SEAMLESS_FHIR_SERVICE_REQUEST_H
#include "fhir/fhir.h"
#include <jansson.h>

#define FHIR_SERVICE_REQUEST_PROFILE "https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest"
/* What FHIR's ServiceRequest has no element for, as extensions:
 *  - who the referral comes from (gp, ward, 111, family, self, team, other):
 *    UK Core's Extension-UKCore-SourceOfServiceRequest, whose value set is a
 *    preferred (not required) SNOMED CT binding, so the value is a
 *    CodeableConcept coded in Seamless's own code system
 *    <base>/CodeSystem/referral-source;
 *  - the person's consent to the referral (given, refused, best_interests):
 *    UK Core has no extension for it, so a Seamless one, canonical URL
 *    <base>/StructureDefinition/referral-consent (valueCode).
 * <base> is this server's FHIR base ("http://host/fhir/R4"). The route is
 * category[0] coded in <base>/CodeSystem/referral-route; the team holding
 * the referral is performer[0], CareTeam/<team id> (also identified by
 * FHIR_TEAM_ID|team id). */
#define FHIR_SOURCE_OF_SERVICE_REQUEST_EXT FHIR_UKCORE_SD "Extension-UKCore-SourceOfServiceRequest"
#define FHIR_REFERRAL_CONSENT_SD "/StructureDefinition/referral-consent"
#define FHIR_REFERRAL_SOURCE_CS "/CodeSystem/referral-source"
#define FHIR_REFERRAL_ROUTE_CS "/CodeSystem/referral-route"
#define FHIR_TEAM_ID "https://seamless.example/Id/team"

/* A new ServiceRequest (caller owns) from a referrals_get row; base is the
 * server's FHIR base (fhir_base). */
json_t *fhir_service_request_from_referral(json_t *referral, const char *base);

#endif
