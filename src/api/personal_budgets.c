/* The social care personal budget of a care plan and its direct payment:
 * read, agree or change, record a review, list reviews due
 * (personal_budgets_api.h; the rules in domain/personal_budget.h). */
#include "api/api.h"
#include "api/body_input.h"
#include "api/care_plans_api.h"
#include "api/personal_budgets_api.h"
#include "domain/personal_budget.h"
#include "store/personal_budgets.h"
#include <stdio.h>
#include <string.h>

/* The plan (with its money) after the access check; for_write: council
 * staff with a relationship only. NULL with res set. */
static json_t *plan_load(struct request *req, struct response *res, const char *plan_id, int for_write)
{
    json_t *plan = care_plan_load(req, res, plan_id);
    if (!plan)
        return NULL;
    const char *basis = json_string_value(json_object_get(plan, "basis"));
    if (for_write && (strcmp(req->who.org_type, "council") != 0 || !basis || strcmp(basis, "relationship") != 0)) {
        http_problem(res, req, 403, "council-only", "Only the council can record this",
                     "The social care personal budget and direct payments are agreed by council staff with a "
                     "relationship to the person (Care Act s26, s31).");
        json_decref(plan);
        return NULL;
    }
    if (care_plan_compose(req, res, plan) != 0) {
        json_decref(plan);
        return NULL;
    }
    return plan;
}

static long long money_of(json_t *plan, const char *key)
{
    return json_integer_value(json_object_get(json_object_get(json_object_get(plan, "money"), "weekly"), key));
}

static json_t *figures(const struct personal_budget *b, long long nhs, int mult)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "budget_pence", (json_int_t)(b->weekly * mult),
                     "council_share_pence", (json_int_t)(b->council_weekly * mult), "person_share_pence",
                     (json_int_t)(b->person_weekly * mult), "contribution_pence",
                     (json_int_t)(b->contribution_weekly * mult), "council_pays_pence",
                     (json_int_t)(b->council_pays_weekly * mult), "nhs_excluded_pence", (json_int_t)(nhs * mult));
}

/* The direct payment with its amount today and its next review (reg 7). */
static json_t *dp_present(struct request *req, json_t *dp, const struct personal_budget *b, struct store_error *err)
{
    json_t *reviews = dp_reviews_for_payment(req->db, json_string_value(json_object_get(dp, "id")), err);
    if (!reviews)
        return NULL;
    struct date start, last, due;
    const char *l = json_string_value(json_object_get(json_array_get(reviews, 0), "reviewed_on"));
    int has_last = l && date_parse(l, "reviewed_on", &last, NULL) == 0;
    char due_s[DATE_STR_SIZE] = "";
    if (date_parse(json_string_value(json_object_get(dp, "start_on")), "start_on", &start, NULL) == 0 &&
        dp_review_due(start, has_last ? &last : NULL, &due, NULL) == 0)
        date_format(due, due_s);
    json_object_set_new(dp, "able_to_manage", json_boolean(json_integer_value(json_object_get(dp, "able_to_manage"))));
    json_object_set_new(dp, "weekly_amount_pence", json_integer(b->council_pays_weekly));
    json_object_set_new(dp, "annual_amount_pence", json_integer(b->council_pays_weekly * PB_WEEKS_PER_YEAR));
    if (json_is_string(json_object_get(dp, "ended_on")))   /* ended at a review: nothing more is due */
        json_object_set_new(dp, "next_review", json_null());
    else
        json_object_set_new(dp, "next_review", json_pack("{s:s, s:b, s:s}", "due_on", due_s, "overdue",
                            *due_s && dp_review_overdue(due, input_today()), "basis",
                            has_last ? "12 months after the last review" : "6 months after the first payment"));
    json_object_set_new(dp, "reviews", reviews);
    return dp;
}

/* The budget as read: today's figures from the plan, the agreed snapshot. */
static json_t *pb_compose(struct request *req, struct response *res, json_t *plan)
{
    struct store_error err = {0};
    const char *plan_id = json_string_value(json_object_get(plan, "id"));
    json_t *row = personal_budgets_for_plan(req->db, plan_id, &err);
    if (!row && err.code != STORE_ENOTFOUND) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    long long council = money_of(plan, "council_pence"), person = money_of(plan, "person_pence");
    long long contribution = row ? json_integer_value(json_object_get(row, "weekly_contribution_pence")) : 0;
    struct personal_budget b;
    int over = contribution > council + person;   /* the plan's costs fell after agreement */
    personal_budget_compute(council, person, over ? council + person : contribution, &b, NULL);
    json_t *out = json_pack("{s:s, s:O, s:O, s:o, s:o, s:b}", "plan_id", plan_id, "person_id",
                            json_object_get(plan, "person_id"), "plan_status", json_object_get(plan, "status"),
                            "weekly", figures(&b, money_of(plan, "nhs_pence"), 1), "annual",
                            figures(&b, money_of(plan, "nhs_pence"), PB_WEEKS_PER_YEAR),
                            "contribution_exceeds_budget", over);
    json_object_set_new(out, "version", row ? json_incref(json_object_get(row, "version")) : json_null());
    json_object_set_new(out, "weekly_contribution_pence", json_integer(contribution));
    json_object_set_new(out, "agreed", row ? json_pack("{s:O, s:O, s:O, s:O, s:O}", "weekly_budget_pence",
                        json_object_get(row, "weekly_budget_pence"), "council_weekly_pence",
                        json_object_get(row, "council_weekly_pence"), "person_weekly_pence",
                        json_object_get(row, "person_weekly_pence"), "status", json_object_get(row, "status"),
                        "updated_at", json_object_get(row, "updated_at")) : json_null());
    json_t *dp = row ? direct_payments_for_budget(req->db, json_string_value(json_object_get(row, "id")), &err) : NULL;
    if (row && !dp && err.code != STORE_ENOTFOUND) {
        json_decref(row);
        json_decref(out);
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    if (dp && !dp_present(req, dp, &b, &err)) {
        json_decref(dp);
        json_decref(row);
        json_decref(out);
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    json_object_set_new(out, "direct_payment", dp ? dp : json_null());
    if (row)
        json_object_set_new(out, "budget_id", json_incref(json_object_get(row, "id")));
    json_decref(row);
    return out;
}

json_t *pb_read(struct request *req, struct response *res, const char *plan_id)
{
    json_t *plan = plan_load(req, res, plan_id, 0);
    if (!plan)
        return NULL;
    json_t *out = pb_compose(req, res, plan);
    if (out && api_audit_read(req, res, "personal_budget", plan_id, json_string_value(json_object_get(plan, "person_id")),
                              json_string_value(json_object_get(plan, "basis"))) < 0) {
        json_decref(out);
        out = NULL;
    }
    json_decref(plan);
    return out;
}

static int pb_commit(struct request *req, struct response *res, int ok, struct store_error *err)
{
    if (ok && store_tx_commit(req->db, err) == 0)
        return 0;
    store_tx_rollback(req->db);
    if (err->code == STORE_ENOTFOUND || err->code == STORE_ECONSTRAINT)
        http_problem(res, req, 409, "version-conflict", "The budget was changed by someone else",
                     "Fetch it again and reapply your change.");
    else
        http_internal(res, req, 503, err->message);
    return -1;
}

/* ---- Writes ---- */

/* The direct payment member: a JSON object, or a form's "direct_payment.*"
 * fields (when a requester was chosen). New reference or NULL when none. */
static json_t *dp_member(json_t *body)
{
    json_t *dp = json_object_get(body, "direct_payment");
    if (json_is_object(dp))
        return json_incref(dp);
    const char *by = json_string_value(json_object_get(body, "direct_payment.requested_by"));
    if (!by || !*by)
        return NULL;
    json_t *out = json_object(), *v;
    const char *key;
    json_object_foreach(body, key, v)
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
        http_add_error(errors, field, json_string_value(json_object_get(e, "message")));
    }
}

static int dp_flag(json_t *dp, const char *key, int required, json_t *errors)
{
    json_t *v = json_object_get(dp, key);
    if (!v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v))) {
        if (required)
            http_add_error(errors, key, "is required: yes or no");
        return required ? -1 : 1;
    }
    return input_bool(dp, key, errors);
}

/* Decodes and checks the direct payment against the budget b. */
static int dp_decode(json_t *dp, const struct personal_budget *b, struct direct_payment_row *d, json_t *errors)
{
    json_t *own = json_array();
    struct dp_request r = {0};
    struct domain_error de;
    struct date start;
    const char *by = api_str(dp, "requested_by", own);
    int by_ok = !json_array_size(own) && dp_requester_parse(by, "requested_by", &r.requested_by, &de) == 0;
    if (!json_array_size(own) && !by_ok)
        http_add_error(own, de.field, de.message);
    r.authorised_person_name = input_text(dp, "authorised_person_name", 0, 200, own);
    r.has_capacity = dp_flag(dp, "has_capacity", 1, own);
    r.able_to_manage = dp_flag(dp, "able_to_manage", 1, own);
    r.appropriate = dp_flag(dp, "appropriate", 0, own);
    d->start_on = input_date(dp, "start_on", 1, &start, own);
    int64_t amount = 0;
    if (!json_array_size(own) && dp_check(&r, b, &amount, &de) != 0) {
        http_add_error(errors, de.field, de.message);   /* already "direct_payment…" */
    }
    prefix_errors(own, errors);
    json_decref(own);
    d->requested_by = dp_requester_name(r.requested_by);
    d->authorised_person_name = r.requested_by == DP_BY_AUTHORISED_PERSON ? r.authorised_person_name : NULL;
    d->capacity_basis = r.has_capacity == 1 ? "has_capacity" : "lacks_capacity";
    d->able_to_manage = r.able_to_manage == 1;
    d->weekly_pence = amount;
    return json_array_size(errors) ? -1 : 0;
}

static int pb_write(struct request *req, json_t *row, const struct personal_budget_row *b,
                    struct direct_payment_row *d, struct store_error *err)
{
    char now[STORE_TIME_LEN], id[STORE_ID_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    int ok = store_tx_begin(req->db, STORE_TX_WRITE, err) == 0;
    if (ok && row)
        snprintf(id, sizeof id, "%s", json_string_value(json_object_get(row, "id")));
    ok = ok && (row ? personal_budgets_update(req->db, &by, id, json_integer_value(json_object_get(row, "version")), b,
                                              err)
                    : personal_budgets_insert(req->db, &by, b, id, err)) == 0;
    if (ok && d) {
        d->budget_id = id;
        ok = direct_payments_save(req->db, &by, d, err) == 0 &&
             svc_audit(&c, "update", "direct_payment", id, b->person_id, "relationship", err) == 0;
        d->budget_id = NULL;   /* id is this function's: the caller must not see it */
    }
    return ok && svc_audit(&c, row ? "update" : "create", "personal_budget", id, b->person_id, "relationship", err) == 0;
}

/* The version check once a budget exists; *row is it (or NULL before one). */
static int pb_existing(struct request *req, struct response *res, const char *plan_id, json_t *body, json_t **row)
{
    struct store_error err = {0};
    *row = personal_budgets_for_plan(req->db, plan_id, &err);
    if (!*row && err.code != STORE_ENOTFOUND) {
        http_internal(res, req, 503, err.message);
        return -1;
    }
    return *row ? http_check_version(req, res, body, json_integer_value(json_object_get(*row, "version"))) : 0;
}

int pb_put(struct request *req, struct response *res, const char *plan_id, json_t *body)
{
    json_t *plan = plan_load(req, res, plan_id, 1), *row = NULL;
    if (!plan)
        return -1;
    int rc = -1;
    if (pb_existing(req, res, plan_id, body, &row) != 0) {
        json_decref(row);
        json_decref(plan);
        return -1;
    }
    json_t *errors = json_array(), *dp = dp_member(body);
    struct personal_budget b = {0};
    struct domain_error de;
    struct personal_budget_row r = {plan_id, json_string_value(json_object_get(plan, "person_id")), 0, 0, 0, 0};
    struct direct_payment_row d = {NULL, plan_id, r.person_id, NULL, NULL, NULL, NULL, 0, 0};
    int64_t contribution = 0;
    const char *status = json_string_value(json_object_get(plan, "status"));
    if (status && strcmp(status, "ended") == 0)
        http_add_error(errors, "plan", "the plan has ended: its budget cannot change");
    else if (input_pence(body, "weekly_contribution_pence", "weekly_contribution", 1, &contribution, errors) == 0 &&
             personal_budget_compute(money_of(plan, "council_pence"), money_of(plan, "person_pence"), contribution, &b,
                                     &de) != 0)
        http_add_error(errors, de.field, de.message);
    else if (!json_array_size(errors) && dp)
        dp_decode(dp, &b, &d, errors);
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else {
        struct store_error err = {0};
        r.weekly_pence = b.weekly;
        r.council_pence = b.council_weekly;
        r.person_pence = b.person_weekly;
        r.contribution_pence = b.contribution_weekly;
        rc = pb_commit(req, res, pb_write(req, row, &r, dp ? &d : NULL, &err), &err);
    }
    json_decref(dp);
    json_decref(errors);
    json_decref(row);
    json_decref(plan);
    return rc;
}

/* ---- Reviews (SI 2014/2871 reg 7) ---- */

static int review_write(struct request *req, const struct dp_review_row *r, char id[STORE_ID_LEN],
                        struct store_error *err)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    return store_tx_begin(req->db, STORE_TX_WRITE, err) == 0 && dp_reviews_insert(req->db, &by, r, id, err) == 0 &&
           (strcmp(r->outcome, "end") != 0 ||
            direct_payments_end(req->db, &by, r->direct_payment_id, r->reviewed_on, err) == 0) &&
           svc_audit(&c, "create", "direct_payment_review", id, r->person_id, "relationship", err) == 0;
}

/* Checks the review against the payment's dates; fills r's dates. */
static void review_decode(json_t *dp, json_t *body, struct dp_review_row *r, char due_s[DATE_STR_SIZE],
                          json_t *errors)
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
    r->reviewed_on = input_date(body, "reviewed_on", 1, &on, errors);
    if (r->reviewed_on && dp_review_check_date(start, has_last ? &last : NULL, on, input_today(), &de) != 0)
        http_add_error(errors, de.field, de.message);
    r->outcome = api_str(body, "outcome", errors);
    if (dp_review_outcome_check(r->outcome, &de) != 0)
        http_add_error(errors, de.field, de.message);
    r->notes = input_text(body, "notes", 0, 4000, errors);
}

int pb_review_record(struct request *req, struct response *res, const char *plan_id, json_t *body)
{
    json_t *plan = plan_load(req, res, plan_id, 1);
    if (!plan)
        return -1;
    json_t *pb = pb_compose(req, res, plan);
    json_decref(plan);
    if (!pb)
        return -1;
    json_t *dp = json_object_get(pb, "direct_payment"), *errors = json_array();
    struct dp_review_row r = {json_string_value(json_object_get(dp, "id")), plan_id,
                              json_string_value(json_object_get(pb, "person_id")), NULL, NULL, NULL, NULL};
    char due_s[DATE_STR_SIZE] = "", id[STORE_ID_LEN];
    int rc = -1;
    if (!json_is_object(dp))
        http_add_error(errors, "direct_payment", "the plan has no direct payment to review");
    else if (json_is_string(json_object_get(dp, "ended_on")))
        http_add_error(errors, "direct_payment", "the direct payment has ended: agree a new one to review it");
    else
        review_decode(dp, body, &r, due_s, errors);
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else {
        struct store_error err = {0};
        rc = pb_commit(req, res, review_write(req, &r, id, &err), &err);
    }
    json_decref(errors);
    json_decref(pb);
    return rc;
}

/* One schedule row with its due date and state; 0 when it is to be listed. */
static int due_row(json_t *row, const char *state, struct date today)
{
    struct date start, last, due;
    const char *l = json_string_value(json_object_get(row, "last_reviewed_on"));
    int has_last = l && date_parse(l, "last", &last, NULL) == 0;
    char due_s[DATE_STR_SIZE];
    if (date_parse(json_string_value(json_object_get(row, "start_on")), "start_on", &start, NULL) != 0 ||
        dp_review_due(start, has_last ? &last : NULL, &due, NULL) != 0 || date_format(due, due_s) != 0)
        return -1;
    int overdue = dp_review_overdue(due, today);
    if (state && strcmp(state, "overdue") == 0 && !overdue)
        return -1;
    json_object_set_new(row, "due_on", json_string(due_s));
    json_object_set_new(row, "state", json_string(overdue ? "overdue" : "scheduled"));
    json_object_set_new(row, "days_overdue", json_integer(overdue ? date_diff_days(due, today) : 0));
    json_object_set_new(row, "id", json_incref(json_object_get(row, "direct_payment_id")));
    return 0;
}

json_t *pb_reviews_due(struct request *req, struct response *res, const char *state)
{
    if (strcmp(req->who.org_type, "council") != 0) {
        http_problem(res, req, 403, "council-only", "Only the council's staff can see this",
                     "Direct payment reviews are the council's (Care Act s31; SI 2014/2871 reg 7).");
        return NULL;
    }
    struct store_error err = {0};
    json_t *rows = dp_reviews_schedule(req->db, req->who.user_id, &err);
    if (!rows) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    json_t *items = json_array(), *row;
    size_t i;
    struct date today = input_today();
    json_array_foreach(rows, i, row)
        if (due_row(row, state, today) == 0)
            json_array_append(items, row);
    json_decref(rows);
    if (api_audit_read_items(req, res, "direct_payment_reviews", items, "person_id", "relationship") < 0) {
        json_decref(items);
        return NULL;
    }
    return items;
}
