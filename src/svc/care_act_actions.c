/* Completing a Care Act assessment (the domain rule's determination and
 * the assessor's confirmation, both kept) and authorising it (a manager of
 * the same organisation who is not the assessor). Each adds an event to
 * the person's timeline in the same transaction as its audit entry
 * (svc/care_act.h). */
#include "svc/care_act.h"
#include "svc/input.h"
#include "store/care_act_assessments.h"
#include "store/persons.h"
#include <string.h>

#define REASON_MAX 4000

static const char *kind_label(json_t *a)
{
    return care_act_is_carer(a) ? "Carer's assessment" : "Care Act needs assessment";
}

/* The guarded change (0 or a store code) with the timeline event and the
 * audit entry, in one transaction. comp NULL: authorise. */
static int change(struct svc_ctx *c, json_t *a, const char *id, const struct care_act_completion *comp,
                  const char *action, const char *summary, const char *basis)
{
    struct actor by = svc_actor(c);
    const char *pid = json_string_value(json_object_get(a, "person_id"));
    long long version = json_integer_value(json_object_get(a, "version"));
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = comp ? care_act_complete(c->db, &by, id, version, comp, &c->err)
                           : care_act_authorise(c->db, &by, id, version, &c->err);
    if (rc == 0) rc = persons_event_add(c->db, pid, c->org_id, c->user_id, "care_act", summary, by.now, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, action, "care_act_assessment", id, pid, basis);
    return care_act_tx_end(c, rc);
}

/* The assessor's confirmation from in, errors named. */
static void confirmation(json_t *in, struct care_act_completion *comp, json_t *errors)
{
    json_t *agrees = json_object_get(in, "assessor_agrees");
    if (!json_is_boolean(agrees))
        svc_error_add(errors, "assessor_agrees", "say whether you agree with the determination (true or false)");
    comp->agrees = json_is_true(agrees);
    comp->assessor_reason = input_str(in, "assessor_reason", errors);
    if (comp->assessor_reason && !*comp->assessor_reason)
        comp->assessor_reason = NULL;
    if (json_is_false(agrees) && !comp->assessor_reason)
        svc_error_add(errors, "assessor_reason", "is required when you disagree with the determination: say why");
    else if (comp->assessor_reason && strlen(comp->assessor_reason) > REASON_MAX)
        svc_error_add(errors, "assessor_reason", "must be at most 4000 characters");
}

static int complete_checked(struct svc_ctx *c, json_t *a, const char *id, json_t *in, const char *basis)
{
    json_t *errors = svc_errors(c);
    struct care_act_completion comp = {0};
    struct care_act_result r;
    char reasons[400];
    confirmation(in, &comp, errors);
    care_act_evaluate(a, &r, reasons, sizeof reasons, errors);   /* missing answers land in errors */
    if (svc_has_errors(c))
        return SVC_INVALID;
    comp.computed_eligible = r.eligible;
    comp.outcomes_unable = r.outcomes_unable;
    comp.reasons = reasons;
    comp.eligible = comp.agrees ? r.eligible : !r.eligible;
    const char *summary = arena_printf(c->arena, "%s completed: %s%s", kind_label(a),
                                       comp.eligible ? "eligible needs" : "no eligible needs",
                                       comp.agrees ? "" : " (the assessor disagreed with the computed determination)");
    return change(c, a, id, &comp, "complete", summary, basis);
}

int svc_care_act_complete(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e)
{
    const char *basis;
    json_t *a;
    int rc = care_act_load(c, id, 1, &a, &basis);
    if (rc != SVC_OK)
        return rc;
    const char *assessor = json_string_value(json_object_get(a, "assessor_id"));
    if (!c->user_id || !assessor || strcmp(assessor, c->user_id) != 0)
        return svc_refuse(c, SVC_NOT_THE_ASSESSOR, NULL,
                          "Only the assessor who carried out the assessment can complete it.");
    rc = svc_version_check(c, e, json_integer_value(json_object_get(a, "version")));
    return rc == SVC_OK ? complete_checked(c, a, id, in, basis) : rc;
}

int svc_care_act_authorise(struct svc_ctx *c, const char *id, const struct svc_expect *e)
{
    const char *basis;
    json_t *a;
    int rc = care_act_load(c, id, 0, &a, &basis);
    if (rc != SVC_OK)
        return rc;
    const char *st = json_string_value(json_object_get(a, "status"));
    const char *why = svc_care_act_why_not_authorise(c, a);
    if (why)
        return svc_refuse(c, SVC_NOT_AUTHORISER, NULL, why);
    if (strcmp(st, "completed") != 0)
        return svc_refuse(c, SVC_WRONG_STATE, NULL, strcmp(st, "draft") == 0
                          ? "The assessor has not completed this assessment yet."
                          : "This assessment is already authorised.");
    rc = svc_version_check(c, e, json_integer_value(json_object_get(a, "version")));
    if (rc != SVC_OK)
        return rc;
    return change(c, a, id, NULL, "authorise", arena_printf(c->arena, "%s authorised", kind_label(a)), basis);
}
