/* Task over FHIR: read and search by patient (task.h). */
#include "fhir/by_patient.h"
#include "fhir/task.h"
#include "util/num.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "domain/dates.h"
#include "svc/care_plan_reads.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The plan's task that assignment a is for. */
static json_t *task_of(json_t *plan, json_t *a)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(plan, "tasks"), i, t)
        if (str(t, "id") && str(a, "plan_task_id") && strcmp(str(t, "id"), str(a, "plan_task_id")) == 0)
            return t;
    return NULL;
}

json_t *fhir_task_from_assignment(json_t *plan, json_t *a, const char *today)
{
    json_t *t = task_of(plan, a);
    const char *from = str(a, "from_on") ? str(a, "from_on") : "", *to = str(a, "to_on") ? str(a, "to_on") : "";
    const char *status = strcmp(today, from) < 0 ? "accepted" : strcmp(today, to) > 0 ? "completed" : "in-progress";
    char patient[80], based[80], owner[300];
    snprintf(patient, sizeof patient, "Patient/%s", str(a, "person_id") ? str(a, "person_id") : "");
    snprintf(based, sizeof based, "CarePlan/%s", str(a, "plan_id") ? str(a, "plan_id") : "");
    snprintf(owner, sizeof owner, "%s, %s", str(a, "worker") ? str(a, "worker") : "a worker",
             str(a, "worker_org_name") ? str(a, "worker_org_name") : "");
    json_t *task = json_pack("{s:s, s:s?, s:o, s:s, s:s, s:{s:s?}, s:{s:s}, s:[{s:s}], s:{s:s, s:s}, s:{s:s}}",
                             "resourceType", "Task", "id", str(a, "id"), "meta", fhir_meta(a, FHIR_TASK_PROFILE),
                             "status", status, "intent", "order", "code", "text", t ? str(t, "task_name") : NULL,
                             "for", "reference", patient, "basedOn", "reference", based, "executionPeriod", "start",
                             from, "end", to, "owner", "display", owner);
    if (t && str(t, "accountable_name"))
        json_object_set_new(task, "requester", json_pack("{s:s}", "display", str(t, "accountable_name")));
    if (json_is_true(json_object_get(a, "delegated")) || json_integer_value(json_object_get(a, "delegated")) == 1) {
        json_object_set_new(task, "description", json_string("A delegated health task"));
        char note[300];
        snprintf(note, sizeof note, "Accountable registered practitioner: %s; next oversight review: %s",
                 str(a, "practitioner") ? str(a, "practitioner") : "not recorded",
                 str(a, "oversight_review_on") ? str(a, "oversight_review_on") : "not set");
        json_object_set_new(task, "note", json_pack("[{s:s}]", "text", note));
    }
    return task;
}

static const char *today_of(struct request *req)
{
    char *out = arena_alloc(&req->arena, DATE_STR_SIZE);
    date_format(svc_today(fhir_ctx(req)), out);
    return out;
}

void fhir_task_read(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *plan, *a;
    int rc = svc_care_task_read(fhir_ctx(req), req->params[0], &plan, &a);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "Task");
        return;
    }
    fhir_send(req, res, 200, fhir_task_from_assignment(plan, a, today_of(req)), NULL);
}

static const struct fhir_param_spec PARAMS[] = {{"patient", FHIR_REFERENCE}, {"status", FHIR_TOKEN}, {NULL, 0}};
static const struct fhir_search_spec SPEC = {"Task", PARAMS, NULL};

void fhir_task_search(struct request *req, struct response *res)
{
    struct fhir_search s;
    const struct fhir_term *patient = fhir_by_patient_begin(req, res, &SPEC, &s);
    json_t *plans, *p, *a;
    if (!patient)
        return;
    int rc = svc_care_plans_of_person(fhir_ctx(req), patient->value, &plans);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "Task");
        return;
    }
    const char *today = today_of(req);
    struct fhir_pager pg;
    fhir_pager_init(&pg, req, "Task", &s);
    size_t i, j;
    json_array_foreach(plans, i, p) json_array_foreach(json_object_get(p, "assignments"), j, a)
        fhir_pager_offer(&pg, fhir_task_from_assignment(p, a, today));
    fhir_send(req, res, 200, fhir_pager_bundle(&pg), NULL);
}
