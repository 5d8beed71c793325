/* fhir/patient: the person record as a UK Core Patient, both ways.
 *
 * To FHIR (fhir_patient_from_person): id, meta (versionId = our version,
 * lastUpdated, the UKCore-Patient profile), the NHS number
 * (https://fhir.nhs.uk/Id/nhs-number) with the UK Core NHS number
 * verification status extension (the record's NHS Number Status Indicator
 * Code, 01..08, with the UK Core display), local identifiers, official and usual names, gender, birth and
 * death dates, home address, telecom, the GP practice as
 * generalPractitioner (ODS code identifier and an Organization
 * reference), contacts (next of kin coded v2-0131 "N"), the main language
 * as communication and the interpreter need (the R4
 * patient-interpreterRequired extension).
 *
 * From FHIR (fhir_patient_to_body): the same elements into a body for
 * svc/persons.h — every element this mapping owns is set, absent ones to
 * null (an update replaces them); what the Patient does not carry
 * (alerts, objection to sharing, communication needs) is left out, so the
 * stored values stay. Shape errors are added to errors as
 * {field: FHIRPath, message}. The verification status extension, when
 * sent, becomes nhs_number_status: the service refuses it (422) unless it
 * is the status the save gives anyway (a status comes from a trace, never
 * from a client), so a Patient read and sent back round-trips. */
#ifndef SEAMLESS_FHIR_PATIENT_H
#define SEAMLESS_FHIR_PATIENT_H
#include <jansson.h>
#include "domain/person_view.h"
#include "fhir/fhir.h"
#include "util/buf.h"

#define FHIR_PATIENT_PROFILE FHIR_UKCORE_SD "UKCore-Patient"
#define FHIR_NHS_VERIFICATION_EXT FHIR_UKCORE_SD "Extension-UKCore-NHSNumberVerificationStatus"
#define FHIR_NHS_VERIFICATION_CS "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland"
#define FHIR_INTERPRETER_EXT "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired"

/* The service's field names and their FHIRPath in a Patient. */
extern const struct fhir_path fhir_patient_paths[];

/* The UK Core display of an NHS Number Status Indicator Code, or NULL
 * for anything that is not one of 01..08. */
const char *fhir_nhs_status_display(const char *code);
/* Appends the Patient for p to b as compact JSON text (one NDJSON line
 * without its newline): 0, or -1 when b failed. */
int fhir_patient_write(struct buf *b, const struct person_view *p);
/* A new Patient (caller owns) from a persons_get record: the same text,
 * read back as a tree. */
json_t *fhir_patient_from_person(json_t *person);
/* A body for svc_person_create/update (caller owns). */
json_t *fhir_patient_to_body(json_t *patient, json_t *errors);

#endif
