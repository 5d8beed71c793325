/* Completing a Care Act assessment (the domain rule's determination and
 * the assessor's confirmation, both kept) and authorising it (a manager of
 * the same organisation who is not the assessor). Each adds an event to
 * the person's timeline in the same transaction as its audit entry. */
#include "api/api.h"
#include "api/care_act_api.h"
#include "store/care_act_assessments.h"
#include "store/persons.h"
#include <stdio.h>
#include <string.h>

#define REASON_MAX 4000

static const char *kind_label(json_t *a)
{
    return care_act_is_carer(a) ? "Carer's assessment" : "Care Act needs assessment";
}

/* Runs one guarded change with its timeline event and audit entry:
 * 0, STORE_ENOTFOUND (moved on meanwhile) or another failure. */
typedef int (*change_fn)(struct request *req, const struct actor *by, const char *id, long long version,
                         const void *arg, struct store_error *err);

static int change_tx(struct request *req, json_t *a, const char *id, change_fn fn, const void *arg,
                     const char *action, const char *summary, const char *basis)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct store_error err = {0};
    const char *pid = json_string_value(json_object_get(a, "person_id"));
    long long version = json_integer_value(json_object_get(a, "version"));
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = fn(req, &by, id, version, arg, &err);
    if (rc == 0) rc = persons_event_add(req->db, pid, req->who.org_id, req->who.user_id, "care_act", summary, now, &err);
    if (rc == 0) rc = svc_audit(&c, action, "care_act_assessment", id, pid, basis, &err);
    if (rc == 0) rc = store_tx_commit(req->db, &err);
    if (rc != 0)
        store_tx_rollback(req->db);
    return rc;
}

static int do_complete(struct request *req, const struct actor *by, const char *id, long long version,
                       const void *arg, struct store_error *err)
{
    return care_act_complete(req->db, by, id, version, arg, err);
}

static int do_authorise(struct request *req, const struct actor *by, const char *id, long long version,
                        const void *arg, struct store_error *err)
{
    (void)arg;
    return care_act_authorise(req->db, by, id, version, err);
}

static int finish(struct request *req, struct response *res, int rc)
{
    if (rc == STORE_ENOTFOUND)
        api_fail(req, res, SVC_STALE, NULL, "Care Act assessment");
    else if (rc != 0)
        http_internal(res, req, 503, "assessment could not be saved");
    return rc == 0 ? 0 : -1;
}

/* The assessor's confirmation from the body, errors named. */
static void confirmation(json_t *body, struct care_act_completion *c, json_t *errors)
{
    json_t *agrees = json_object_get(body, "assessor_agrees");
    if (!json_is_boolean(agrees))
        svc_error_add(errors, "assessor_agrees", "say whether you agree with the determination (true or false)");
    c->agrees = json_is_true(agrees);
    c->assessor_reason = api_str(body, "assessor_reason", errors);
    if (c->assessor_reason && !*c->assessor_reason)
        c->assessor_reason = NULL;
    if (json_is_false(agrees) && !c->assessor_reason)
        svc_error_add(errors, "assessor_reason", "is required when you disagree with the determination: say why");
    else if (c->assessor_reason && strlen(c->assessor_reason) > REASON_MAX)
        svc_error_add(errors, "assessor_reason", "must be at most 4000 characters");
}

static int complete_checked(struct request *req, struct response *res, json_t *a, const char *id, json_t *body,
                            const char *basis)
{
    json_t *errors = json_array();
    struct care_act_completion c = {0};
    struct care_act_result r;
    char reasons[400];
    confirmation(body, &c, errors);
    care_act_evaluate(a, &r, reasons, sizeof reasons, errors);   /* missing answers land in errors */
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        return -1;
    }
    json_decref(errors);
    c.computed_eligible = r.eligible;
    c.outcomes_unable = r.outcomes_unable;
    c.reasons = reasons;
    c.eligible = c.agrees ? r.eligible : !r.eligible;
    char *summary = arena_printf(&req->arena, "%s completed: %s%s", kind_label(a),
                                 c.eligible ? "eligible needs" : "no eligible needs",
                                 c.agrees ? "" : " (the assessor disagreed with the computed determination)");
    return finish(req, res, change_tx(req, a, id, do_complete, &c, "complete", summary, basis));
}

int care_act_complete_assessment(struct request *req, struct response *res, const char *id, json_t *body)
{
    const char *basis;
    json_t *a = care_act_load(req, res, id, &basis);
    if (!a)
        return -1;
    care_act_present(a);
    int rc = -1;
    if (strcmp(json_string_value(json_object_get(a, "status")), "draft") != 0)
        care_act_read_only(req, res, a);
    else if (strcmp(json_string_value(json_object_get(a, "assessor_id")), req->who.user_id) != 0)
        http_problem(res, req, 403, "not-the-assessor", "Not your assessment",
                     "Only the assessor who carried out the assessment can complete it.");
    else if (http_check_version(req, res, body, json_integer_value(json_object_get(a, "version"))) == 0)
        rc = complete_checked(req, res, a, id, body, basis);
    json_decref(a);
    return rc;
}

int care_act_authorise_assessment(struct request *req, struct response *res, const char *id, json_t *body)
{
    const char *basis;
    json_t *a = care_act_load(req, res, id, &basis);
    if (!a)
        return -1;
    care_act_present(a);
    int rc = -1;
    const char *st = json_string_value(json_object_get(a, "status"));
    const char *why = care_act_why_not_authorise(&req->who, a);
    if (why)
        http_problem(res, req, 403, "not-allowed-to-authorise", "You cannot authorise this assessment", why);
    else if (strcmp(st, "completed") != 0)
        http_problem(res, req, 409, "assessment-state", "The assessment cannot be authorised now",
                     strcmp(st, "draft") == 0 ? "The assessor has not completed this assessment yet."
                                              : "This assessment is already authorised.");
    else if (http_check_version(req, res, body, json_integer_value(json_object_get(a, "version"))) == 0)
        rc = finish(req, res, change_tx(req, a, id, do_authorise, NULL, "authorise",
                                        arena_printf(&req->arena, "%s authorised", kind_label(a)), basis));
    json_decref(a);
    return rc;
}
