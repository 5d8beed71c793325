/* After an NHS CHC decision: reviews and personal health budgets. The
 * person's challenge is in chc_challenges.c. */
#include "api/api.h"
#include "api/chc_followup_api.h"
#include "api/body_input.h"
#include "api/person_access.h"
#include "domain/chc_review.h"
#include "domain/phb.h"
#include "store/chc.h"
#include "store/chc_followup.h"
#include "store/persons.h"
#include <stdio.h>
#include <string.h>

json_t *chc_followup_icb_only(struct request *req, struct response *res, json_t *row, int for_write)
{
    if (row && for_write && strcmp(req->who.org_type, "icb") != 0) {
        http_problem(res, req, 403, "icb-only", "Only the ICB can record this",
                     "Reviews, challenges and personal health budgets for NHS CHC are recorded by the ICB.");
        json_decref(row);
        return NULL;
    }
    return row;
}

json_t *chc_followup_case_load(struct request *req, struct response *res, const char *case_id, int for_write)
{
    struct store_error err = {0};
    return chc_followup_icb_only(req, res, person_record_check(req, res, chc_followup_case(req->db, case_id, &err),
                                                               &err, "CHC case"), for_write);
}

int chc_followup_commit(struct request *req, struct response *res, int ok, struct store_error *err)
{
    if (ok && store_tx_commit(req->db, err) == 0)
        return 0;
    store_tx_rollback(req->db);
    if (err->code == STORE_ENOTFOUND)
        http_problem(res, req, 409, "version-conflict", "The record was changed by someone else",
                     "Fetch it again and reapply your change.");
    else if (err->code == STORE_ECONSTRAINT)
        http_problem(res, req, 409, "conflict", "Already recorded", "This has already been recorded.");
    else
        http_internal(res, req, 503, err->message);
    return -1;
}

/* The decided date of a case whose outcome the NHS reviews, or -1 with a
 * 422 naming "case". */
static int reviewed_case(json_t *c, struct date *decided, json_t *errors)
{
    const char *outcome = json_string_value(json_object_get(c, "outcome"));
    const char *funding = json_string_value(json_object_get(c, "funding"));
    int fnc = json_integer_value(json_object_get(c, "fnc")) != 0;
    const char *on = json_string_value(json_object_get(c, "decided_on"));
    int reviewed = outcome && (strcmp(outcome, "eligible") == 0 || fnc || (funding && strcmp(funding, "joint_package") == 0));
    if (!reviewed || !on || date_parse(on, "decided_on", decided, NULL) != 0) {
        http_add_error(errors, "case", "only a decision of eligible, NHS-funded nursing care or a joint package "
                                       "is reviewed by the NHS");
        return -1;
    }
    if (!json_is_null(json_object_get(c, "date_of_death")) && json_object_get(c, "date_of_death")) {
        http_add_error(errors, "case", "the person has died: there is nothing to review");
        return -1;
    }
    return 0;
}

/* The last review's date into last (returns 1), or 0 when none. */
static int last_review(json_t *reviews, struct date *last)
{
    const char *on = json_string_value(json_object_get(json_array_get(reviews, 0), "reviewed_on"));
    return on && date_parse(on, "reviewed_on", last, NULL) == 0;
}

static int review_write(struct request *req, const char *case_id, const char *person, const struct chc_review_row *r,
                        enum chc_review_outcome o, char id[STORE_ID_LEN], struct store_error *err)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    char summary[96];
    snprintf(summary, sizeof summary, "CHC review: %s", chc_review_outcome_label(o));
    return store_tx_begin(req->db, STORE_TX_WRITE, err) == 0 &&
           chc_reviews_insert(req->db, &by, r, id, err) == 0 &&
           chc_case_event_add(req->db, &by, case_id, person, "reviewed", r->outcome, err) == 0 &&
           persons_event_add(req->db, person, req->who.org_id, req->who.user_id, "chc_review", summary, now, err) == 0 &&
           svc_audit(&c, "create", "chc_review", id, person, "relationship", err) == 0;
}

int chc_review_record(struct request *req, struct response *res, const char *case_id, json_t *body,
                      char id[STORE_ID_LEN])
{
    json_t *c = chc_followup_case_load(req, res, case_id, 1);
    if (!c)
        return -1;
    json_t *errors = json_array();
    struct store_error err = {0};
    struct date decided, last, on, today = input_today(), due;
    json_t *reviews = chc_reviews_for_case(req->db, case_id, &err);
    int has_last = last_review(reviews, &last);
    struct chc_review_row r = {case_id, json_string_value(json_object_get(c, "person_id")), NULL, NULL, NULL, NULL};
    char due_s[DATE_STR_SIZE] = "";
    struct domain_error de;
    enum chc_review_outcome o = CHC_REVIEW_NO_CHANGE;
    if (reviewed_case(c, &decided, errors) == 0 && chc_review_due(decided, has_last ? &last : NULL, &due, NULL) == 0)
        date_format(due, due_s);
    r.due_on = due_s;
    r.reviewed_on = input_date(body, "reviewed_on", 1, &on, errors);
    if (r.reviewed_on && *due_s && chc_review_check_date(decided, has_last ? &last : NULL, on, today, &de) < 0)
        http_add_error(errors, de.field, de.message);
    r.outcome = api_str(body, "outcome", errors);
    if (chc_review_outcome_parse(r.outcome, "outcome", &o, &de) < 0)
        http_add_error(errors, de.field, de.message);
    r.notes = input_text(body, "notes", 0, 4000, errors);
    int rc = -1;
    if (!reviews)
        http_internal(res, req, 503, err.message);
    else if (json_array_size(errors))
        http_validation(res, req, json_incref(errors));
    else
        rc = chc_followup_commit(req, res, review_write(req, case_id, r.person_id, &r, o, id, &err), &err);
    json_decref(reviews);
    json_decref(errors);
    json_decref(c);
    return rc;
}

static void next_review(json_t *c, json_t *reviews, json_t *out)
{
    json_t *errors = json_array();
    struct date decided, last, due;
    int has_last = last_review(reviews, &last);
    char due_s[DATE_STR_SIZE];
    if (reviewed_case(c, &decided, errors) == 0 && chc_review_due(decided, has_last ? &last : NULL, &due, NULL) == 0 &&
        date_format(due, due_s) == 0)
        json_object_set_new(out, "next_review", json_pack("{s:s, s:s}", "due_on", due_s, "state",
                            chc_review_state_name(chc_review_state_on(due, input_today()))));
    else
        json_object_set_new(out, "next_review", json_null());
    json_decref(errors);
}

json_t *chc_followup_parts(struct request *req, struct response *res, json_t *c)
{
    struct store_error err = {0};
    const char *case_id = json_string_value(json_object_get(c, "id"));
    json_t *reviews = chc_reviews_for_case(req->db, case_id, &err);
    json_t *challenges = reviews ? chc_challenges_for_case(req->db, case_id, &err) : NULL;
    json_t *phbs = challenges ? phb_for_case(req->db, case_id, &err) : NULL;
    if (!phbs) {
        json_decref(reviews);
        json_decref(challenges);
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    json_t *out = json_object();
    next_review(c, reviews, out);
    json_object_set_new(out, "reviews", reviews);
    json_object_set_new(out, "challenges", challenges);
    json_object_set_new(out, "phbs", phbs);
    chc_challenges_present(out, c);
    return out;
}

json_t *chc_followup_read(struct request *req, struct response *res, const char *case_id)
{
    json_t *c = chc_followup_case_load(req, res, case_id, 0);
    if (!c)
        return NULL;
    json_t *out = chc_followup_parts(req, res, c);
    if (out && api_audit_read(req, res, "chc_case", case_id, json_string_value(json_object_get(c, "person_id")),
                              json_string_value(json_object_get(c, "basis"))) < 0) {
        json_decref(out);
        out = NULL;
    }
    if (out)
        json_object_set_new(out, "case_id", json_string(case_id));
    json_decref(c);
    return out;
}

/* ---- Personal health budgets ---- */

static int phb_decode(json_t *c, json_t *body, struct phb_row *b, json_t *errors)
{
    struct phb_request r = {0};
    struct domain_error de;
    const char *outcome = json_string_value(json_object_get(c, "outcome"));
    const char *decided = json_string_value(json_object_get(c, "decided_on"));
    r.case_eligible = outcome && strcmp(outcome, "eligible") == 0 && decided &&
                      date_parse(decided, "decided_on", &r.decided_on, NULL) == 0;
    const char *setting = api_str(body, "care_setting", errors);
    if (!setting || (strcmp(setting, "home") && strcmp(setting, "care_home")))
        http_add_error(errors, "care_setting", "is required: home or care_home");
    r.care_at_home = setting && strcmp(setting, "home") == 0;
    b->management = api_str(body, "management", errors);
    int m_ok = phb_management_parse(b->management, "management", &r.management, &de) == 0;
    if (!m_ok)
        http_add_error(errors, de.field, de.message);
    b->held_by = input_text(body, "held_by", 0, 200, errors);
    r.held_by = b->held_by;
    int64_t pence = 0;
    int p_ok = input_pence(body, "weekly_amount_pence", "weekly_amount", 1, &pence, errors) == 0;
    b->weekly_pence = r.weekly_pence = pence;
    b->start_on = input_date(body, "start_on", 1, &r.start_on, errors);
    if (json_array_size(errors) && !(m_ok && p_ok && b->start_on))
        return -1;
    if (!r.case_eligible)
        r.decided_on = r.start_on;   /* the "case" error comes first */
    if (phb_check(&r, &de) < 0) {
        http_add_error(errors, de.field, de.message);
        return -1;
    }
    if (r.management != PHB_THIRD_PARTY)
        b->held_by = NULL;
    return json_array_size(errors) ? -1 : 0;
}

int chc_phb_create(struct request *req, struct response *res, const char *case_id, json_t *body,
                   char id[STORE_ID_LEN])
{
    json_t *c = chc_followup_case_load(req, res, case_id, 1);
    if (!c)
        return -1;
    json_t *errors = json_array();
    struct store_error err = {0};
    struct phb_row b = {case_id, json_string_value(json_object_get(c, "person_id")), NULL, NULL, NULL, 0};
    int rc = -1;
    json_t *running = NULL;
    if (phb_decode(c, body, &b, errors) < 0) {
        http_validation(res, req, json_incref(errors));
    } else if ((running = phb_current(req->db, case_id, &err)) != NULL) {
        http_problem(res, req, 409, "conflict", "A budget is already running",
                     "This case already has a personal health budget: change it or end it first.");
    } else if (err.code != STORE_ENOTFOUND) {
        http_internal(res, req, 503, err.message);
    } else {
        char now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct svc_ctx sc = api_svc_ctx(req);
        int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 && phb_insert(req->db, &by, &b, id, &err) == 0 &&
                 chc_case_event_add(req->db, &by, case_id, b.person_id, "phb", b.management, &err) == 0 &&
                 persons_event_add(req->db, b.person_id, req->who.org_id, req->who.user_id, "phb",
                                   "Personal health budget set up", now, &err) == 0 &&
                 svc_audit(&sc, "create", "personal_health_budget", id, b.person_id, "relationship", &err) == 0;
        rc = chc_followup_commit(req, res, ok, &err);
    }
    json_decref(running);
    json_decref(errors);
    json_decref(c);
    return rc;
}

static json_t *phb_load(struct request *req, struct response *res, const char *id, int for_write)
{
    struct store_error err = {0};
    return chc_followup_icb_only(req, res, person_record_check(req, res, phb_get(req->db, id, &err), &err,
                                                               "personal health budget"), for_write);
}

json_t *chc_phb_read(struct request *req, struct response *res, const char *id)
{
    json_t *b = phb_load(req, res, id, 0);
    if (b && api_audit_read(req, res, "personal_health_budget", id, json_string_value(json_object_get(b, "person_id")),
                            json_string_value(json_object_get(b, "basis"))) < 0) {
        json_decref(b);
        return NULL;
    }
    if (b)
        json_object_del(b, "basis");
    return b;
}

int chc_phb_change(struct request *req, struct response *res, const char *id, json_t *body)
{
    json_t *b = phb_load(req, res, id, 1);
    if (!b)
        return -1;
    int rc = -1;
    if (http_check_version(req, res, body, json_integer_value(json_object_get(b, "version"))) < 0) {
        json_decref(b);
        return -1;
    }
    json_t *errors = json_array();
    int64_t pence = -1;
    struct date end, start;
    int given = input_pence(body, "weekly_amount_pence", "weekly_amount", 0, &pence, errors);
    if (given == 0 && (pence <= 0 || pence > PHB_WEEKLY_MAX_PENCE))
        http_add_error(errors, "weekly_amount_pence", "must be more than zero and at most £50,000 a week");
    const char *end_on = input_date(body, "end_on", 0, &end, errors);
    date_parse(json_string_value(json_object_get(b, "start_on")), "start_on", &start, NULL);
    if (end_on && date_compare(end, start) < 0)
        http_add_error(errors, "end_on", "is before the budget started");
    if (end_on && !json_is_null(json_object_get(b, "end_on")))
        http_add_error(errors, "end_on", "the budget has already ended");
    if (given != 0 && !end_on && !json_array_size(errors))
        http_add_error(errors, "weekly_amount_pence", "give a new weekly amount or an end date");
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else {
        struct store_error err = {0};
        char now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        struct svc_ctx sc = api_svc_ctx(req);
        const char *person = json_string_value(json_object_get(b, "person_id"));
        int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
                 phb_update(req->db, &by, id, json_integer_value(json_object_get(b, "version")), given == 0 ? pence : -1,
                            end_on, &err) == 0 &&
                 svc_audit(&sc, "update", "personal_health_budget", id, person, "relationship", &err) == 0;
        rc = chc_followup_commit(req, res, ok, &err);
    }
    json_decref(errors);
    json_decref(b);
    return rc;
}

/* ---- Reviews due across the user's cases ---- */

/* Earliest due first (insertion sort: a team's list is short). */
static void sort_by_due(json_t *items)
{
    size_t n = json_array_size(items);
    for (size_t i = 1; i < n; i++) {
        json_t *it = json_incref(json_array_get(items, i));
        const char *due = json_string_value(json_object_get(it, "due_on"));
        size_t j = i;
        while (j > 0 && strcmp(json_string_value(json_object_get(json_array_get(items, j - 1), "due_on")), due) > 0) {
            json_array_set(items, j, json_array_get(items, j - 1));
            j--;
        }
        json_array_set_new(items, j, it);
    }
}

json_t *chc_reviews_due(struct request *req, struct response *res, const char *state_filter)
{
    struct store_error err = {0};
    json_t *rows = chc_reviews_schedule(req->db, req->who.user_id, &err);
    if (!rows) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    json_t *items = json_array(), *row;
    struct date today = input_today();
    size_t i;
    json_array_foreach(rows, i, row) {
        struct date decided, last, due;
        const char *l = json_string_value(json_object_get(row, "last_reviewed_on"));
        int has_last = l && date_parse(l, "last", &last, NULL) == 0;
        char due_s[DATE_STR_SIZE];
        if (date_parse(json_string_value(json_object_get(row, "decided_on")), "decided_on", &decided, NULL) != 0 ||
            chc_review_due(decided, has_last ? &last : NULL, &due, NULL) != 0)
            continue;
        const char *state = chc_review_state_name(chc_review_state_on(due, today));
        if (state_filter && strcmp(state_filter, state) != 0)
            continue;
        date_format(due, due_s);
        json_object_set_new(row, "due_on", json_string(due_s));
        json_object_set_new(row, "state", json_string(state));
        json_object_set_new(row, "days_overdue", json_integer(date_diff_days(due, today) > 0 ? date_diff_days(due, today) : 0));
        json_object_set_new(row, "id", json_string(json_string_value(json_object_get(row, "case_id"))));
        json_array_append(items, row);
    }
    json_decref(rows);
    sort_by_due(items);
    if (api_audit_read_items(req, res, "chc_review_schedule", items, "person_id", "relationship") < 0) {
        json_decref(items);
        return NULL;
    }
    return items;
}
