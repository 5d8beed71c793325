/* Oversight reviews of delegated health tasks, with findings (oversight.h). */
#include "svc/oversight.h"
#include "domain/care_plan.h"
#include "domain/dates.h"
#include "store/care_plans.h"
#include "svc/access.h"
#include "svc/input.h"
#include <string.h>

static const char *const outcomes[][2] = {
    {"safe_to_continue", "Safe to continue"},
    {"continue_with_support", "Continue with more support or training"},
    {"stop_delegation", "Stop the delegation"},
};

const char *svc_oversight_outcome_words(const char *code)
{
    for (size_t i = 0; code && i < sizeof outcomes / sizeof outcomes[0]; i++)
        if (strcmp(outcomes[i][0], code) == 0)
            return outcomes[i][1];
    return NULL;
}

/* The assignment, access-checked: SVC_OK with *a and its basis. */
static int load(struct svc_ctx *c, const char *plan_id, const char *assignment_id, json_t **a)
{
    *a = svc_own(c, care_task_assignment_get(c->db, plan_id, assignment_id, &c->err));
    int rc = svc_record_access(c, *a, c->err.code, "delegated task on this plan");
    if (rc == SVC_OK && !json_integer_value(json_object_get(*a, "delegated")))
        return svc_refuse(c, SVC_NOTFOUND, NULL, "This task is not delegated, so it has no oversight review.");
    return rc;
}

int svc_oversight_get(struct svc_ctx *c, const char *plan_id, const char *assignment_id, json_t **out)
{
    *out = NULL;
    json_t *a;
    int rc = load(c, plan_id, assignment_id, &a);
    if (rc != SVC_OK)
        return rc;
    json_t *reviews = svc_own(c, oversight_reviews_list(c->db, assignment_id, &c->err));
    if (!reviews)
        return svc_failed(c, "oversight reviews");
    size_t i;
    json_t *r;
    json_array_foreach(reviews, i, r) {
        const char *w = svc_oversight_outcome_words(json_string_value(json_object_get(r, "outcome")));
        if (w)
            json_object_set_new(r, "outcome_words", json_string(w));
    }
    json_object_set(a, "reviews", reviews);
    json_t *choices = json_array();
    for (size_t k = 0; k < sizeof outcomes / sizeof outcomes[0]; k++)
        json_array_append_new(choices, json_pack("{s:s, s:s}", "value", outcomes[k][0], "label", outcomes[k][1]));
    json_object_set_new(a, "outcomes", choices);
    rc = svc_audit_read(c, "care_task_assignment", assignment_id, json_string_value(json_object_get(a, "person_id")),
                        json_string_value(json_object_get(a, "basis")));
    if (rc == SVC_OK)
        *out = a;
    return rc;
}

int svc_oversight_record(struct svc_ctx *c, const char *plan_id, const char *assignment_id, json_t *in)
{
    if (!care_plan_registered_health(c->profession))
        return svc_refuse(c, SVC_FORBIDDEN, "Only a registered practitioner can record this",
                          "Oversight of a delegated health task is reviewed by a registered health practitioner.");
    json_t *a;
    int rc = load(c, plan_id, assignment_id, &a);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c);
    struct date on, next, today = svc_today(c);
    const char *reviewed_on = input_date(in, "reviewed_on", 0, &on, errors);
    const char *next_on = input_date(in, "next_review_on", 0, &next, errors);
    const char *outcome = input_str(in, "outcome", errors);
    const char *findings = input_text(in, "findings", 0, 4000, errors);
    if (!reviewed_on && !json_array_size(errors))
        svc_field_error(c, "reviewed_on", "Enter the date of the review");
    else if (reviewed_on && date_compare(on, today) > 0)
        svc_field_error(c, "reviewed_on", "The date of the review must be today or in the past");
    if (!svc_oversight_outcome_words(outcome))
        svc_field_error(c, "outcome", "Choose the outcome of the review");
    if (!findings || strlen(findings) < 10)
        svc_field_error(c, "findings", "Enter what you found, in at least 10 characters");
    int stops = outcome && strcmp(outcome, "stop_delegation") == 0;
    if (next_on && reviewed_on && date_compare(next, on) <= 0)
        svc_field_error(c, "next_review_on", "The next review must be after this one");
    else if (!next_on && !stops)
        svc_field_error(c, "next_review_on", "Enter the date of the next review");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    const char *person_id = json_string_value(json_object_get(a, "person_id"));
    struct oversight_review_row row = {assignment_id, plan_id, person_id, reviewed_on, outcome, findings,
                                       next_on && *next_on ? next_on : NULL};
    char id[STORE_ID_LEN];
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = care_task_assignments_reviewed(c->db, &by, assignment_id, plan_id, reviewed_on, row.next_review_on,
                                            &c->err);
    if (rc == 0)
        rc = oversight_reviews_add(c->db, &by, &row, id, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "update", "care_task_assignment", assignment_id, person_id,
                          json_string_value(json_object_get(a, "basis")));
    return svc_tx_end(c, rc);
}
