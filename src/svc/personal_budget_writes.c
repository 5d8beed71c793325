/* Agreeing or changing a care plan's personal budget and its direct
 * payment, and recording a direct payment review (svc/personal_budgets.h;
 * the rules in domain/personal_budget.h). Each write and its audit entries
 * in one transaction. */
#include "svc/personal_budgets.h"
#include "domain/personal_budget.h"
#include "svc/input.h"
#include "store/personal_budgets.h"
#include <stdio.h>
#include <string.h>

/* Ends a budget write: the budget changed meanwhile (a guarded update that
 * matched nothing, or a second budget for the plan) is SVC_STALE. */
static int pb_tx_end(struct svc_ctx *c, int rc)
{
    if (rc == STORE_ENOTFOUND || rc == STORE_ECONSTRAINT)
        rc = svc_refuse(c, SVC_STALE, "The budget was changed by someone else", "Fetch it again and reapply your change.");
    else if (rc < 0)
        rc = svc_failed(c, "personal budget");
    return svc_tx_end(c, rc);
}

/* The direct payment member: a JSON object, or a form's "direct_payment.*"
 * fields (when a requester was chosen). Owned by the context, or NULL. */
static json_t *dp_member(struct svc_ctx *c, json_t *in)
{
    json_t *dp = json_object_get(in, "direct_payment");
    if (json_is_object(dp))
        return dp;
    const char *by = json_string_value(json_object_get(in, "direct_payment.requested_by"));
    if (!by || !*by)
        return NULL;
    json_t *out = svc_own(c, json_object()), *v;
    const char *key;
    json_object_foreach(in, key, v)
        if (strncmp(key, "direct_payment.", 15) == 0)
            json_object_set(out, key + 15, v);
    return out;
}

/* Moves errors from the member's own array into errors, "direct_payment." prefixed. */
static void prefix_errors(json_t *from, json_t *errors)
{
    size_t i;
    json_t *e;
    char field[96];
    json_array_foreach(from, i, e) {
        snprintf(field, sizeof field, "direct_payment.%s", json_string_value(json_object_get(e, "field")));
        svc_error_add(errors, field, json_string_value(json_object_get(e, "message")));
    }
}

static int dp_flag(json_t *dp, const char *key, int required, json_t *errors)
{
    json_t *v = json_object_get(dp, key);
    if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v))) {
        if (required)
            svc_error_add(errors, key, "is required: yes or no");
        return required ? -1 : 1;
    }
    return input_bool(dp, key, errors);
}

/* Decodes and checks the direct payment against the budget b. */
static void dp_decode(struct svc_ctx *c, json_t *dp, const struct personal_budget *b, struct direct_payment_row *d,
                      json_t *errors)
{
    json_t *own = svc_own(c, json_array());
    struct dp_request r = {0};
    struct domain_error de;
    struct date start;
    const char *by = input_str(dp, "requested_by", own);
    int by_ok = !json_array_size(own) && dp_requester_parse(by, "requested_by", &r.requested_by, &de) == 0;
    if (!json_array_size(own) && !by_ok)
        svc_error_add(own, de.field, de.message);
    r.authorised_person_name = input_line(dp, "authorised_person_name", 0, 200, own);
    r.has_capacity = dp_flag(dp, "has_capacity", 1, own);
    r.able_to_manage = dp_flag(dp, "able_to_manage", 1, own);
    r.appropriate = dp_flag(dp, "appropriate", 0, own);
    d->start_on = input_date(dp, "start_on", 1, &start, own);
    int64_t amount = 0;
    if (!json_array_size(own) && dp_check(&r, b, &amount, &de) != 0)
        svc_error_add(errors, de.field, de.message);   /* already "direct_payment…" */
    prefix_errors(own, errors);
    d->requested_by = dp_requester_name(r.requested_by);
    d->authorised_person_name = r.requested_by == DP_BY_AUTHORISED_PERSON ? r.authorised_person_name : NULL;
    d->capacity_basis = r.has_capacity == 1 ? "has_capacity" : "lacks_capacity";
    d->able_to_manage = r.able_to_manage == 1;
    d->weekly_pence = amount;
}

/* The budget (a new one, or row's at its version) and the direct payment
 * d (or none), with their audit entries. */
static int pb_write(struct svc_ctx *c, json_t *row, const struct personal_budget_row *b, struct direct_payment_row *d)
{
    char id[STORE_ID_LEN] = "";
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0 && row) {
        snprintf(id, sizeof id, "%s", json_string_value(json_object_get(row, "id")));
        rc = personal_budgets_update(c->db, &by, id, json_integer_value(json_object_get(row, "version")), b, &c->err);
    } else if (rc == 0) {
        rc = personal_budgets_insert(c->db, &by, b, id, &c->err);
    }
    if (rc == 0 && d) {
        d->budget_id = id;
        rc = direct_payments_save(c->db, &by, d, &c->err);
        if (rc == 0) rc = svc_tx_audit(c, "update", "direct_payment", id, b->person_id, "relationship");
        d->budget_id = NULL;   /* id is this function's: the caller must not see it */
    }
    if (rc == 0) rc = svc_tx_audit(c, row ? "update" : "create", "personal_budget", id, b->person_id, "relationship");
    return pb_tx_end(c, rc);
}

/* The budget's weekly figures from the contribution asked for; the direct
 * payment decoded into d when one is asked for (*with_dp). */
static void pb_decode(struct svc_ctx *c, json_t *plan, json_t *in, struct personal_budget *b,
                      struct direct_payment_row *d, int *with_dp)
{
    json_t *errors = svc_errors(c), *dp = dp_member(c, in);
    struct domain_error de;
    int64_t contribution = 0;
    const char *status = json_string_value(json_object_get(plan, "status"));
    *with_dp = dp != NULL;
    if (status && strcmp(status, "ended") == 0)
        svc_error_add(errors, "plan", "the plan has ended: its budget cannot change");
    else if (input_pence(in, "weekly_contribution_pence", "weekly_contribution", 1, &contribution, errors) == 0 &&
             personal_budget_compute(pb_money_of(plan, "council_pence"), pb_money_of(plan, "person_pence"),
                                     contribution, b, &de) != 0)
        svc_error_add(errors, de.field, de.message);
    else if (!svc_has_errors(c) && dp)
        dp_decode(c, dp, b, d, errors);
}

int svc_pb_put(struct svc_ctx *c, const char *plan_id, json_t *in, const struct svc_expect *e)
{
    json_t *plan;
    int rc = pb_plan_load(c, plan_id, 1, &plan);
    if (rc != SVC_OK)
        return rc;
    json_t *row = svc_own(c, personal_budgets_for_plan(c->db, plan_id, &c->err));
    if (!row && c->err.code != STORE_ENOTFOUND)
        return svc_failed(c, "personal budget");
    if (row && (rc = svc_version_check(c, e, json_integer_value(json_object_get(row, "version")))) != SVC_OK)
        return rc;
    struct personal_budget b = {0};
    const char *person_id = json_string_value(json_object_get(plan, "person_id"));
    struct direct_payment_row d = {NULL, plan_id, person_id, NULL, NULL, NULL, NULL, 0, 0};
    int with_dp;
    pb_decode(c, plan, in, &b, &d, &with_dp);
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct personal_budget_row r = {plan_id, person_id, b.weekly, b.council_weekly, b.person_weekly,
                                    b.contribution_weekly};
    return pb_write(c, row, &r, with_dp ? &d : NULL);
}

/* ---- Reviews (SI 2014/2871 reg 7) ---- */

/* Checks the review against the payment's dates; fills r's dates. */
static void review_decode(struct svc_ctx *c, json_t *dp, json_t *in, struct dp_review_row *r,
                          char due_s[DATE_STR_SIZE], json_t *errors)
{
    struct date start, last, due, on;
    struct domain_error de;
    json_t *reviews = json_object_get(dp, "reviews");
    const char *l = json_string_value(json_object_get(json_array_get(reviews, 0), "reviewed_on"));
    int has_last = l && date_parse(l, "reviewed_on", &last, NULL) == 0;
    start = date_parse_or(json_string_value(json_object_get(dp, "start_on")), (struct date){1970, 1, 1});
    if (dp_review_due(start, has_last ? &last : NULL, &due, NULL) == 0)
        date_format(due, due_s);
    r->due_on = due_s;
    r->reviewed_on = input_date(in, "reviewed_on", 1, &on, errors);
    if (r->reviewed_on && dp_review_check_date(start, has_last ? &last : NULL, on, svc_today(c), &de) != 0)
        svc_error_add(errors, de.field, de.message);
    r->outcome = input_str(in, "outcome", errors);
    if (dp_review_outcome_check(r->outcome, &de) != 0)
        svc_error_add(errors, de.field, de.message);
    r->notes = input_text(in, "notes", 0, 4000, errors);
}

int svc_pb_review_record(struct svc_ctx *c, const char *plan_id, json_t *in)
{
    json_t *plan, *pb;
    int rc = pb_plan_load(c, plan_id, 1, &plan);
    if (rc == SVC_OK)
        rc = pb_compose(c, plan, &pb);
    if (rc != SVC_OK)
        return rc;
    json_t *dp = json_object_get(pb, "direct_payment"), *errors = svc_errors(c);
    struct dp_review_row r = {json_string_value(json_object_get(dp, "id")), plan_id,
                              json_string_value(json_object_get(pb, "person_id")), NULL, NULL, NULL, NULL};
    char due_s[DATE_STR_SIZE] = "", id[STORE_ID_LEN];
    if (!json_is_object(dp))
        svc_error_add(errors, "direct_payment", "the plan has no direct payment to review");
    else if (json_is_string(json_object_get(dp, "ended_on")))
        svc_error_add(errors, "direct_payment", "the direct payment has ended: agree a new one to review it");
    else
        review_decode(c, dp, in, &r, due_s, errors);
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0) rc = dp_reviews_insert(c->db, &by, &r, id, &c->err);
    if (rc == 0 && r.outcome && strcmp(r.outcome, "end") == 0)
        rc = direct_payments_end(c->db, &by, r.direct_payment_id, r.reviewed_on, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "direct_payment_review", id, r.person_id, "relationship");
    return pb_tx_end(c, rc);
}
