/* svc/care_plan_reads: reading care and support plans for the adapters
 * that are written on services (FHIR CarePlan). Each plan comes with its
 * "tasks" (care_plan_tasks_for_plan: task name, kind, calls, provider,
 * accountable organisation, weekly cost, ended_on) and its "assignments"
 * (who does each task, from and to, delegated, the accountable
 * practitioner and oversight review). Access through the
 * choke point (the plan's person), every plan read audited ("care_plan")
 * before it is handed back; values are owned by the context. */
#ifndef SEAMLESS_SVC_CARE_PLAN_READS_H
#define SEAMLESS_SVC_CARE_PLAN_READS_H
#include "svc/svc.h"

/* SVC_NOTFOUND ("No such care plan."), the access refusals, SVC_FAILED. */
int svc_care_plan_read(struct svc_ctx *c, const char *id, json_t **out);
/* The person's plans, newest first. */
int svc_care_plans_of_person(struct svc_ctx *c, const char *person_id, json_t **out);

/* One task assignment (a delegated or assigned task) with the plan it
 * belongs to, read as svc_care_plan_read reads the plan; *assignment is in
 * (*plan)["assignments"]. SVC_NOTFOUND ("No such task."). */
int svc_care_task_read(struct svc_ctx *c, const char *assignment_id, json_t **plan, json_t **assignment);

#endif
