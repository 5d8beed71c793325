/* The social care personal budget of a care plan and its direct payment:
 * read and list reviews due (svc/personal_budgets.h; the writes are in
 * personal_budget_writes.c, the rules in domain/personal_budget.h). */
#include "svc/personal_budgets.h"
#include "domain/personal_budget.h"
#include "svc/access.h"
#include "svc/plan_money.h"
#include "store/care_plans.h"
#include "store/personal_budgets.h"
#include <string.h>

int pb_plan_load(struct svc_ctx *c, const char *plan_id, int for_write, json_t **plan)
{
    *plan = svc_own(c, care_plans_get(c->db, plan_id, &c->err));
    int rc = svc_record_access(c, *plan, c->err.code, "care plan");
    if (rc != SVC_OK)
        return rc;
    const char *basis = json_string_value(json_object_get(*plan, "basis"));
    if (for_write && (!c->org_type || strcmp(c->org_type, "council") != 0 || !basis ||
                      strcmp(basis, "relationship") != 0))
        return svc_refuse(c, SVC_COUNCIL_ONLY, NULL,
                          "The social care personal budget and direct payments are agreed by council staff with a "
                          "relationship to the person (Care Act s26, s31).");
    json_t *tasks, *money;
    rc = svc_plan_money(c, plan_id, &tasks, &money);
    if (rc == SVC_OK)
        json_object_set(*plan, "money", money);
    return rc;
}

long long pb_money_of(json_t *plan, const char *key)
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
static int dp_present(struct svc_ctx *c, json_t *dp, const struct personal_budget *b)
{
    json_t *reviews = dp_reviews_for_payment(c->db, json_string_value(json_object_get(dp, "id")), &c->err);
    if (!reviews)
        return svc_failed(c, "direct payment reviews");
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
                            *due_s && dp_review_overdue(due, svc_today(c)), "basis",
                            has_last ? "12 months after the last review" : "6 months after the first payment"));
    json_object_set_new(dp, "reviews", reviews);
    return SVC_OK;
}

/* The agreed snapshot, or null before agreement. */
static json_t *agreed(json_t *row)
{
    return row ? json_pack("{s:O, s:O, s:O, s:O, s:O}", "weekly_budget_pence", json_object_get(row, "weekly_budget_pence"),
                           "council_weekly_pence", json_object_get(row, "council_weekly_pence"), "person_weekly_pence",
                           json_object_get(row, "person_weekly_pence"), "status", json_object_get(row, "status"),
                           "updated_at", json_object_get(row, "updated_at"))
               : json_null();
}

int pb_compose(struct svc_ctx *c, json_t *plan, json_t **out)
{
    *out = NULL;
    const char *plan_id = json_string_value(json_object_get(plan, "id"));
    json_t *row = svc_own(c, personal_budgets_for_plan(c->db, plan_id, &c->err));
    if (!row && c->err.code != STORE_ENOTFOUND)
        return svc_failed(c, "personal budget");
    long long council = pb_money_of(plan, "council_pence"), person = pb_money_of(plan, "person_pence");
    long long nhs = pb_money_of(plan, "nhs_pence");
    long long contribution = row ? json_integer_value(json_object_get(row, "weekly_contribution_pence")) : 0;
    struct personal_budget b;
    int over = contribution > council + person;   /* the plan's costs fell after agreement */
    personal_budget_compute(council, person, over ? council + person : contribution, &b, NULL);
    json_t *pb = svc_own(c, json_pack("{s:s, s:O, s:O, s:o, s:o, s:b}", "plan_id", plan_id, "person_id",
                                      json_object_get(plan, "person_id"), "plan_status", json_object_get(plan, "status"),
                                      "weekly", figures(&b, nhs, 1), "annual", figures(&b, nhs, PB_WEEKS_PER_YEAR),
                                      "contribution_exceeds_budget", over));
    json_object_set_new(pb, "version", row ? json_incref(json_object_get(row, "version")) : json_null());
    json_object_set_new(pb, "weekly_contribution_pence", json_integer(contribution));
    json_object_set_new(pb, "agreed", agreed(row));
    json_t *dp = row ? svc_own(c, direct_payments_for_budget(c->db, json_string_value(json_object_get(row, "id")),
                                                            &c->err)) : NULL;
    if (row && !dp && c->err.code != STORE_ENOTFOUND)
        return svc_failed(c, "direct payment");
    if (dp) {
        int rc = dp_present(c, dp, &b);
        if (rc != SVC_OK)
            return rc;
    }
    json_object_set(pb, "direct_payment", dp ? dp : json_null());
    if (row)
        json_object_set(pb, "budget_id", json_object_get(row, "id"));
    *out = pb;
    return SVC_OK;
}

int svc_pb_read(struct svc_ctx *c, const char *plan_id, json_t **out)
{
    *out = NULL;
    json_t *plan, *pb;
    int rc = pb_plan_load(c, plan_id, 0, &plan);
    if (rc == SVC_OK)
        rc = pb_compose(c, plan, &pb);
    if (rc == SVC_OK)
        rc = svc_audit_read(c, "personal_budget", plan_id, json_string_value(json_object_get(plan, "person_id")),
                            json_string_value(json_object_get(plan, "basis")));
    if (rc == SVC_OK)
        *out = pb;
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
    if (state && !overdue)
        return -1;
    json_object_set_new(row, "due_on", json_string(due_s));
    json_object_set_new(row, "state", json_string(overdue ? "overdue" : "scheduled"));
    json_object_set_new(row, "days_overdue", json_integer(overdue ? date_diff_days(due, today) : 0));
    json_object_set_new(row, "id", json_incref(json_object_get(row, "direct_payment_id")));
    return 0;
}

int svc_pb_reviews_due(struct svc_ctx *c, const char *state, json_t **items)
{
    *items = NULL;
    if (state && *state && strcmp(state, "overdue") != 0 && strcmp(state, "all") != 0) {
        svc_field_error(c, "state", "must be overdue or all");
        return SVC_INVALID;
    }
    int overdue_only = state && strcmp(state, "overdue") == 0;
    if (!c->org_type || strcmp(c->org_type, "council") != 0)
        return svc_refuse(c, SVC_COUNCIL_ONLY, "Only the council's staff can see this",
                          "Direct payment reviews are the council's (Care Act s31; SI 2014/2871 reg 7).");
    json_t *rows = svc_own(c, dp_reviews_schedule(c->db, c->user_id, &c->err));
    if (!rows)
        return svc_failed(c, "direct payment reviews");
    json_t *list = svc_own(c, json_array()), *row;
    size_t i;
    struct date today = svc_today(c);
    json_array_foreach(rows, i, row)
        if (due_row(row, overdue_only ? "overdue" : NULL, today) == 0)
            json_array_append(list, row);
    int rc = svc_audit_read_items(c, "direct_payment_reviews", list, "person_id", "relationship");
    if (rc == SVC_OK)
        *items = list;
    return rc;
}
