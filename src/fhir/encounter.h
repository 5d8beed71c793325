/* fhir/encounter: a hospital stay (the discharge work, svc/discharge.h) as a
 * UK Core Encounter — an inpatient encounter (class IMP) of the person at
 * the trust (serviceProvider, with its ODS code), with the hospital's visit
 * number, the ward as its location, the specialty as serviceType, admitted
 * to discharged as period, and where the person went as
 * hospitalization.dischargeDisposition. Status: admitted → in-progress,
 * discharged → finished, cancelled → cancelled. Read, and search by
 * patient (with status, _lastUpdated, _count). */
#ifndef SEAMLESS_FHIR_ENCOUNTER_H
#define SEAMLESS_FHIR_ENCOUNTER_H
#include <jansson.h>

#define FHIR_ENCOUNTER_PROFILE "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter"
/* The trust's visit (spell) number: this system plus the trust's ODS code. */
#define FHIR_VISIT_NUMBER_ID "https://seamless.example/Id/hospital-visit-number/"

/* A new Encounter (caller owns) from a stay row (discharge_stay_get). */
json_t *fhir_encounter_from_stay(json_t *stay);

#endif
