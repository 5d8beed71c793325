/* fhir/organization: Seamless organisations as UK Core Organization
 * (ODS code identifier, name, type). Organisations are not personal data:
 * any signed-in user may read them (svc_org_list). */
#ifndef SEAMLESS_FHIR_ORGANIZATION_H
#define SEAMLESS_FHIR_ORGANIZATION_H
#include <jansson.h>

#define FHIR_ORGANIZATION_PROFILE "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization"

/* A new Organization (caller owns) from an organisation {id, code, name, type, version}. */
json_t *fhir_organization_from_org(json_t *org);

#endif
