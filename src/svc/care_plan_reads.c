/* svc/care_plan_reads: see care_plan_reads.h. */
#include "svc/care_plan_reads.h"
#include "svc/access.h"
#include "svc/care_plans.h"
#include "store/care_plans.h"

static int with_tasks(struct svc_ctx *c, json_t *plan)
{
    json_t *tasks = care_plan_tasks_for_plan(c->db, json_string_value(json_object_get(plan, "id")), &c->err);
    if (!tasks)
        return svc_failed(c, "care plan tasks");
    json_object_set_new(plan, "tasks", tasks);
    json_t *assignments = care_task_assignments_for_plan(c->db, json_string_value(json_object_get(plan, "id")),
                                                         &c->err);
    if (!assignments)
        return svc_failed(c, "care plan assignments");
    json_object_set_new(plan, "assignments", assignments);
    return SVC_OK;
}

int svc_care_plan_read(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *plan;
    int rc = svc_care_plan_load(c, id, &plan);   /* the access check on the plan's person */
    if (rc != SVC_OK)
        return rc;
    rc = with_tasks(c, plan);
    if (rc == SVC_OK)
        rc = svc_audit_read(c, "care_plan", id, json_string_value(json_object_get(plan, "person_id")),
                            json_string_value(json_object_get(plan, "basis")));
    if (rc == SVC_OK)
        *out = plan;
    return rc;
}

int svc_care_plans_of_person(struct svc_ctx *c, const char *person_id, json_t **out)
{
    const char *basis;
    json_t *plans;
    int rc = svc_care_plan_rows(c, person_id, &plans, &basis);
    if (rc != SVC_OK)
        return rc;
    size_t i;
    json_t *p;
    json_array_foreach(plans, i, p) {
        if ((rc = with_tasks(c, p)) != SVC_OK)
            return rc;
    }
    rc = svc_audit_read_items(c, "care_plan", plans, "person_id", basis);
    if (rc == SVC_OK)
        *out = plans;
    return rc;
}

int svc_care_task_read(struct svc_ctx *c, const char *assignment_id, json_t **plan, json_t **assignment)
{
    json_t *row = svc_own(c, care_task_assignment_plan(c->db, assignment_id, &c->err));
    return svc_read_within(c, row, c->err.code, "plan_id", svc_care_plan_read, "assignments", assignment_id, "task",
                           plan, assignment);
}
