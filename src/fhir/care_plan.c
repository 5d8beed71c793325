/* CarePlan over FHIR: read and search by patient (care_plan.h). */
#include "fhir/by_patient.h"
#include "fhir/care_plan.h"
#include "util/num.h"
#include "fhir/fhir.h"
#include "fhir/query.h"
#include "svc/care_plan_reads.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int is(json_t *o, const char *k, const char *v)
{
    return str(o, k) && strcmp(str(o, k), v) == 0;
}

static const char *plan_status(json_t *plan)
{
    return is(plan, "status", "active") ? "active" : is(plan, "status", "ended") ? "completed" : "draft";
}

static json_t *activity(json_t *plan, json_t *t)
{
    const char *status = str(t, "ended_on") || is(plan, "status", "ended") ? "completed"
                         : is(plan, "status", "active") ? "in-progress" : "not-started";
    char when[120], what[300];
    long long calls = json_integer_value(json_object_get(t, "calls"));
    snprintf(when, sizeof when, "%lld call%s a %s, %lld minutes each", calls, calls == 1 ? "" : "s",
             str(t, "per") ? str(t, "per") : "day", json_integer_value(json_object_get(t, "minutes_per_call")));
    snprintf(what, sizeof what, "%s task; accountable organisation: %s",
             is(t, "kind", "health") ? "Health" : is(t, "kind", "registered_nurse") ? "Registered nurse"
                                                                                    : "Social care",
             str(t, "accountable_name") ? str(t, "accountable_name") : "not recorded");
    json_t *detail = json_pack("{s:s, s:{s:s?}, s:s, s:s, s:s}", "kind", "Task", "code", "text", str(t, "task_name"),
                               "status", status, "scheduledString", when, "description", what);
    if (str(t, "provider_name"))
        json_object_set_new(detail, "performer", json_pack("[{s:s}]", "display", str(t, "provider_name")));
    return json_pack("{s:o}", "detail", detail);
}

json_t *fhir_care_plan_from_plan(json_t *plan)
{
    char subject[80];
    snprintf(subject, sizeof subject, "Patient/%s", str(plan, "person_id") ? str(plan, "person_id") : "");
    json_t *cp = json_pack("{s:s, s:s?, s:o, s:s, s:s, s:[{s:s}], s:s?, s:{s:s}, s:{s:s?}}", "resourceType",
                           "CarePlan", "id", str(plan, "id"), "meta", fhir_meta(plan, FHIR_CARE_PLAN_PROFILE),
                           "status", plan_status(plan), "intent", "plan", "category", "text",
                           "Care and support plan", "description", str(plan, "needs"), "subject", "reference",
                           subject, "period", "start", str(plan, "start_on"));
    if (str(plan, "ended_on"))
        json_object_set_new(json_object_get(cp, "period"), "end", json_string(str(plan, "ended_on")));
    if (str(plan, "team_name"))
        json_object_set_new(cp, "author", json_pack("{s:s}", "display", str(plan, "team_name")));
    if (str(plan, "outcomes") && *str(plan, "outcomes"))
        json_object_set_new(cp, "note", json_pack("[{s:s}]", "text", str(plan, "outcomes")));
    json_t *acts = json_array(), *t;
    size_t i;
    json_array_foreach(json_object_get(plan, "tasks"), i, t) json_array_append_new(acts, activity(plan, t));
    if (json_array_size(acts))
        json_object_set_new(cp, "activity", acts);
    else
        json_decref(acts);
    return cp;
}

void fhir_care_plan_read(struct request *req, struct response *res)
{
    if (fhir_accepts(req, res) < 0)
        return;
    json_t *plan;
    int rc = svc_care_plan_read(fhir_ctx(req), req->params[0], &plan);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "CarePlan");
        return;
    }
    fhir_send(req, res, 200, fhir_care_plan_from_plan(plan), NULL);
}

static const struct fhir_param_spec PARAMS[] = {{"patient", FHIR_REFERENCE}, {"status", FHIR_TOKEN}, {NULL, 0}};
static const struct fhir_search_spec SPEC = {"CarePlan", PARAMS, NULL};

void fhir_care_plan_search(struct request *req, struct response *res)
{
    struct fhir_search s;
    const struct fhir_term *patient = fhir_by_patient_begin(req, res, &SPEC, &s);
    json_t *all, *p;
    if (!patient)
        return;
    int rc = svc_care_plans_of_person(fhir_ctx(req), patient->value, &all);
    if (rc != SVC_OK) {
        fhir_result(req, res, rc, NULL, "CarePlan");
        return;
    }
    struct fhir_pager pg;
    fhir_pager_init(&pg, req, "CarePlan", &s);
    size_t i;
    json_array_foreach(all, i, p) fhir_pager_offer(&pg, fhir_care_plan_from_plan(p));
    fhir_send(req, res, 200, fhir_pager_bundle(&pg), NULL);
}
