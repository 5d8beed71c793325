/* fhir/task: a task assignment of a care plan — who does a task (a member
 * of staff, or a provider's worker by name) from when to when — as an R4
 * Task (UK Core has no Task profile: base R4). intent order; status from
 * its dates against today (before: accepted, during: in-progress, after:
 * completed); code the task's name; for the person; basedOn the CarePlan;
 * executionPeriod; owner the worker and their organisation (the
 * performer); requester the organisation accountable for the task; for a
 * delegated health task, the accountable registered practitioner and the
 * next oversight review in a note. Read and search by patient through
 * svc/care_plan_reads.h (the plan's access check and audit). */
#ifndef SEAMLESS_FHIR_TASK_H
#define SEAMLESS_FHIR_TASK_H
#include <jansson.h>

#define FHIR_TASK_PROFILE "http://hl7.org/fhir/StructureDefinition/Task"

/* A new Task (caller owns) for assignment a of plan (with "tasks"); today
 * "YYYY-MM-DD". */
json_t *fhir_task_from_assignment(json_t *plan, json_t *a, const char *today);

#endif
