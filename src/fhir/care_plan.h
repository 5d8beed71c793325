/* fhir/care_plan: a care and support plan as an R4 CarePlan (UK Core has
 * no CarePlan profile: base R4). status draft/agreed → draft (agreed but
 * not yet in effect), active → active, ended → completed; intent plan; the
 * person as subject; period start_on..ended_on; the needs as description
 * and the agreed outcomes as a note; the holding team as author; one
 * activity per task (kind Task): the task's name, how often and how long,
 * the provider as performer, its kind and accountable organisation in the
 * description, status from the plan and the task's end. Read and search
 * by patient through svc/care_plan_reads.h. */
#ifndef SEAMLESS_FHIR_CARE_PLAN_H
#define SEAMLESS_FHIR_CARE_PLAN_H
#include <jansson.h>

#define FHIR_CARE_PLAN_PROFILE "http://hl7.org/fhir/StructureDefinition/CarePlan"

/* A new CarePlan (caller owns) from a plan with its "tasks". */
json_t *fhir_care_plan_from_plan(json_t *plan);

#endif
