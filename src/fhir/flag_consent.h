/* fhir/flag_consent: what the person record says about alerts and sharing,
 * as UK Core Flag and Consent — read and search by patient, read-only.
 *
 * Flags: "<person id>-safeguarding" (alert_safeguarding) and
 * "<person id>-risk-to-staff" (alert_risk_to_staff), active, with the
 * alert note. Consent: "<person id>-sharing" when the person objects to
 * sharing: a privacy consent whose provision denies disclosure beyond the
 * organisations that hold the record. Their meta.versionId is the person
 * record's; each read is an audited read of the person. */
#ifndef SEAMLESS_FHIR_FLAG_CONSENT_H
#define SEAMLESS_FHIR_FLAG_CONSENT_H
#include <jansson.h>

#define FHIR_FLAG_PROFILE "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Flag"
#define FHIR_CONSENT_PROFILE "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent"

/* The person's Flags (an array, caller owns; empty when none). */
json_t *fhir_flags_from_person(json_t *person);
/* The person's Consent about sharing, or NULL when there is no objection. */
json_t *fhir_consent_from_person(json_t *person);

#endif
