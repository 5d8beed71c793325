/* fhir/practitioner: Seamless users as UK Core Practitioner and
 * PractitionerRole — the staff directory (practitioner.c). Directory data,
 * not personal data of the people supported: any signed-in user may read it
 * (svc_staff_directory, svc_staff_get). */
#ifndef SEAMLESS_FHIR_PRACTITIONER_H
#define SEAMLESS_FHIR_PRACTITIONER_H
#include <jansson.h>

#define FHIR_USERNAME_ID "https://seamless.example/Id/username"

/* New resources (caller owns) from a directory entry {id, username,
 * display_name, role, profession, active, org_id, org_name, version,
 * updated_at, teams: [{name}]}. */
json_t *fhir_practitioner_from_user(json_t *user);
json_t *fhir_practitioner_role_from_user(json_t *user);

#endif
