/* After an NHS CHC decision: reviews and personal health budgets
 * (svc/chc_followup.h). The person's challenge is in chc_challenges.c. */
#include "svc/chc_followup.h"
#include "domain/chc_review.h"
#include "domain/phb.h"
#include "store/chc.h"
#include "store/chc_followup.h"
#include "store/persons.h"
#include "svc/access.h"
#include "svc/chc_followup_int.h"
#include "svc/input.h"
#include <stdio.h>
#include <string.h>

int chc_followup_access(struct svc_ctx *c, json_t *row, const char *what, int for_write)
{
    int rc = svc_record_access(c, row, c->err.code, what);
    if (rc == SVC_OK && for_write && c->user_id && (!c->org_type || strcmp(c->org_type, "icb") != 0))
        rc = svc_refuse(c, SVC_ICB_ONLY, NULL,
                        "Reviews, challenges and personal health budgets for NHS CHC are recorded by the ICB.");
    return rc;
}

int chc_followup_end(struct svc_ctx *c, int rc)
{
    rc = svc_tx_end(c, rc);
    if (rc == SVC_STALE)
        svc_refuse(c, SVC_STALE, NULL, "Fetch it again and reapply your change.");
    else if (rc == SVC_CONFLICT)
        svc_refuse(c, SVC_CONFLICT, "Already recorded", "This has already been recorded.");
    return rc;
}

/* The case with its latest decision, checked (for_write: ICB staff only). */
static int case_load(struct svc_ctx *c, const char *case_id, int for_write, json_t **out)
{
    *out = svc_own(c, chc_followup_case(c->db, case_id, &c->err));
    return chc_followup_access(c, *out, "CHC case", for_write);
}

/* The decided date of a case whose outcome the NHS reviews, or -1 with an
 * error naming "case". */
static int reviewed_case(json_t *cs, struct date *decided, json_t *errors)
{
    const char *outcome = json_string_value(json_object_get(cs, "outcome"));
    const char *funding = json_string_value(json_object_get(cs, "funding"));
    int fnc = json_integer_value(json_object_get(cs, "fnc")) != 0;
    const char *on = json_string_value(json_object_get(cs, "decided_on"));
    int reviewed = outcome && (strcmp(outcome, "eligible") == 0 || fnc || (funding && strcmp(funding, "joint_package") == 0));
    if (!reviewed || !on || date_parse(on, "decided_on", decided, NULL) != 0) {
        svc_error_add(errors, "case", "only a decision of eligible, NHS-funded nursing care or a joint package "
                                      "is reviewed by the NHS");
        return -1;
    }
    if (!json_is_null(json_object_get(cs, "date_of_death")) && json_object_get(cs, "date_of_death")) {
        svc_error_add(errors, "case", "the person has died: there is nothing to review");
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

static int review_write(struct svc_ctx *c, const char *case_id, const struct chc_review_row *r,
                        enum chc_review_outcome o, char id[STORE_ID_LEN])
{
    struct actor by = svc_actor(c);
    char summary[96];
    snprintf(summary, sizeof summary, "CHC review: %s", chc_review_outcome_label(o));
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = chc_reviews_insert(c->db, &by, r, id, &c->err);
    if (rc == 0)
        rc = chc_case_event_add(c->db, &by, case_id, r->person_id, "reviewed", r->outcome, &c->err);
    if (rc == 0)
        rc = persons_event_add(c->db, r->person_id, c->org_id, c->user_id, "chc_review", summary, svc_now(c), &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "chc_review", id, r->person_id, "relationship");
    return chc_followup_end(c, rc);
}

int svc_chc_review_record(struct svc_ctx *c, const char *case_id, json_t *in, char id[STORE_ID_LEN])
{
    json_t *cs, *errors = svc_errors(c);
    int rc = case_load(c, case_id, 1, &cs);
    if (rc != SVC_OK)
        return rc;
    struct date decided, last, on, today = svc_today(c), due;
    json_t *reviews = svc_own(c, chc_reviews_for_case(c->db, case_id, &c->err));
    int has_last = last_review(reviews, &last);
    struct chc_review_row r = {case_id, json_string_value(json_object_get(cs, "person_id")), NULL, NULL, NULL, NULL};
    char due_s[DATE_STR_SIZE] = "";
    struct domain_error de;
    enum chc_review_outcome o = CHC_REVIEW_NO_CHANGE;
    if (reviewed_case(cs, &decided, errors) == 0 && chc_review_due(decided, has_last ? &last : NULL, &due, NULL) == 0)
        date_format(due, due_s);
    r.due_on = due_s;
    r.reviewed_on = input_date(in, "reviewed_on", 1, &on, errors);
    if (r.reviewed_on && *due_s && chc_review_check_date(decided, has_last ? &last : NULL, on, today, &de) < 0)
        svc_error_add(errors, de.field, de.message);
    r.outcome = input_str(in, "outcome", errors);
    if (chc_review_outcome_parse(r.outcome, "outcome", &o, &de) < 0)
        svc_error_add(errors, de.field, de.message);
    r.notes = input_text(in, "notes", 0, 4000, errors);
    if (!reviews)
        return svc_failed(c, "CHC reviews");
    if (svc_has_errors(c))
        return SVC_INVALID;
    return review_write(c, case_id, &r, o, id);
}

static void next_review(struct svc_ctx *c, json_t *cs, json_t *reviews, json_t *out)
{
    json_t *errors = json_array();
    struct date decided, last, due;
    int has_last = last_review(reviews, &last);
    char due_s[DATE_STR_SIZE];
    if (reviewed_case(cs, &decided, errors) == 0 && chc_review_due(decided, has_last ? &last : NULL, &due, NULL) == 0 &&
        date_format(due, due_s) == 0)
        json_object_set_new(out, "next_review", json_pack("{s:s, s:s}", "due_on", due_s, "state",
                            chc_review_state_name(chc_review_state_on(due, svc_today(c)))));
    else
        json_object_set_new(out, "next_review", json_null());
    json_decref(errors);
}

int svc_chc_followup_parts(struct svc_ctx *c, json_t *cs, json_t **out)
{
    const char *case_id = json_string_value(json_object_get(cs, "id"));
    json_t *reviews = chc_reviews_for_case(c->db, case_id, &c->err);
    json_t *challenges = reviews ? chc_challenges_for_case(c->db, case_id, &c->err) : NULL;
    json_t *phbs = challenges ? phb_for_case(c->db, case_id, &c->err) : NULL;
    if (!phbs) {
        json_decref(reviews);
        json_decref(challenges);
        return svc_failed(c, "CHC after the decision");
    }
    json_t *parts = svc_own(c, json_object());
    next_review(c, cs, reviews, parts);
    json_object_set_new(parts, "reviews", reviews);
    json_object_set_new(parts, "challenges", challenges);
    json_object_set_new(parts, "phbs", phbs);
    chc_challenges_present(c, parts, cs);
    *out = parts;
    return SVC_OK;
}

int svc_chc_followup_case(struct svc_ctx *c, const char *case_id, json_t **case_row, json_t **parts)
{
    int rc = case_load(c, case_id, 0, case_row);
    if (rc == SVC_OK)
        rc = svc_chc_followup_parts(c, *case_row, parts);
    if (rc == SVC_OK)
        rc = svc_audit_read(c, "chc_case", case_id, json_string_value(json_object_get(*case_row, "person_id")),
                            json_string_value(json_object_get(*case_row, "basis")));
    return rc;
}

int svc_chc_followup_read(struct svc_ctx *c, const char *case_id, json_t **out)
{
    json_t *cs, *parts;
    int rc = svc_chc_followup_case(c, case_id, &cs, &parts);
    if (rc != SVC_OK)
        return rc;
    json_object_set_new(parts, "case_id", json_string(case_id));
    *out = parts;
    return SVC_OK;
}

/* ---- Personal health budgets ---- */

static int phb_decode(json_t *cs, json_t *body, struct phb_row *b, json_t *errors)
{
    struct phb_request r = {0};
    struct domain_error de;
    const char *outcome = json_string_value(json_object_get(cs, "outcome"));
    const char *decided = json_string_value(json_object_get(cs, "decided_on"));
    r.case_eligible = outcome && strcmp(outcome, "eligible") == 0 && decided &&
                      date_parse(decided, "decided_on", &r.decided_on, NULL) == 0;
    const char *setting = input_str(body, "care_setting", errors);
    if (!setting || (strcmp(setting, "home") && strcmp(setting, "care_home")))
        svc_error_add(errors, "care_setting", "is required: home or care_home");
    r.care_at_home = setting && strcmp(setting, "home") == 0;
    b->management = input_str(body, "management", errors);
    int m_ok = phb_management_parse(b->management, "management", &r.management, &de) == 0;
    if (!m_ok)
        svc_error_add(errors, de.field, de.message);
    b->held_by = input_line(body, "held_by", 0, 200, errors);
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
        svc_error_add(errors, de.field, de.message);
        return -1;
    }
    if (r.management != PHB_THIRD_PARTY)
        b->held_by = NULL;
    return json_array_size(errors) ? -1 : 0;
}

int svc_chc_phb_create(struct svc_ctx *c, const char *case_id, json_t *in, char id[STORE_ID_LEN])
{
    json_t *cs;
    int rc = case_load(c, case_id, 1, &cs);
    if (rc != SVC_OK)
        return rc;
    struct phb_row b = {case_id, json_string_value(json_object_get(cs, "person_id")), NULL, NULL, NULL, 0};
    if (phb_decode(cs, in, &b, svc_errors(c)) < 0)
        return SVC_INVALID;
    json_t *running = svc_own(c, phb_current(c->db, case_id, &c->err));
    if (running)
        return svc_refuse(c, SVC_CONFLICT, "A budget is already running",
                          "This case already has a personal health budget: change it or end it first.");
    if (c->err.code != STORE_ENOTFOUND)
        return svc_failed(c, "running budget");
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = phb_insert(c->db, &by, &b, id, &c->err);
    if (rc == 0)
        rc = chc_case_event_add(c->db, &by, case_id, b.person_id, "phb", b.management, &c->err);
    if (rc == 0)
        rc = persons_event_add(c->db, b.person_id, c->org_id, c->user_id, "phb", "Personal health budget set up",
                               svc_now(c), &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "personal_health_budget", id, b.person_id, "relationship");
    return chc_followup_end(c, rc);
}

static int phb_load(struct svc_ctx *c, const char *id, int for_write, json_t **out)
{
    *out = svc_own(c, phb_get(c->db, id, &c->err));
    return chc_followup_access(c, *out, "personal health budget", for_write);
}

int svc_chc_phb_read(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *b;
    int rc = phb_load(c, id, 0, &b);
    if (rc == SVC_OK)
        rc = svc_audit_read(c, "personal_health_budget", id, json_string_value(json_object_get(b, "person_id")),
                            json_string_value(json_object_get(b, "basis")));
    if (rc != SVC_OK)
        return rc;
    json_object_del(b, "basis");
    *out = b;
    return SVC_OK;
}

/* The change's errors: a new weekly amount (*given 0 with *pence) and/or
 * an end date after the start, on a budget not yet ended. */
static const char *phb_change_decode(json_t *b, json_t *in, int *given, int64_t *pence, json_t *errors)
{
    struct date end, start;
    *given = input_pence(in, "weekly_amount_pence", "weekly_amount", 0, pence, errors);
    if (*given == 0 && (*pence <= 0 || *pence > PHB_WEEKLY_MAX_PENCE))
        svc_error_add(errors, "weekly_amount_pence", "must be more than zero and at most £50,000 a week");
    const char *end_on = input_date(in, "end_on", 0, &end, errors);
    start = date_parse_or(json_string_value(json_object_get(b, "start_on")), (struct date){1970, 1, 1});
    if (end_on && date_compare(end, start) < 0)
        svc_error_add(errors, "end_on", "is before the budget started");
    if (end_on && !json_is_null(json_object_get(b, "end_on")))
        svc_error_add(errors, "end_on", "the budget has already ended");
    if (*given != 0 && !end_on && !json_array_size(errors))
        svc_error_add(errors, "weekly_amount_pence", "give a new weekly amount or an end date");
    return end_on;
}

int svc_chc_phb_change(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e)
{
    json_t *b;
    int rc = phb_load(c, id, 1, &b);
    if (rc == SVC_OK)
        rc = svc_version_check(c, e, json_integer_value(json_object_get(b, "version")));
    if (rc != SVC_OK)
        return rc;
    int given;
    int64_t pence = -1;
    const char *end_on = phb_change_decode(b, in, &given, &pence, svc_errors(c));
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    const char *person = json_string_value(json_object_get(b, "person_id"));
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = phb_update(c->db, &by, id, json_integer_value(json_object_get(b, "version")), given == 0 ? pence : -1,
                        end_on, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "update", "personal_health_budget", id, person, "relationship");
    return chc_followup_end(c, rc);
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

int svc_chc_reviews_due(struct svc_ctx *c, const char *state_filter, json_t **out)
{
    json_t *rows = svc_own(c, chc_reviews_schedule(c->db, c->user_id, &c->err));
    if (!rows)
        return svc_failed(c, "CHC review schedule");
    json_t *items = svc_own(c, json_array()), *row;
    struct date today = svc_today(c);
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
    sort_by_due(items);
    int rc = svc_audit_read_items(c, "chc_review_schedule", items, "person_id", "relationship");
    if (rc == SVC_OK)
        *out = items;
    return rc;
}
