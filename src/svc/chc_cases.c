/* CHC cases (svc/chc.h): the case with its 28-day clock (domain/dates.h
 * chc_clock_compute, with today), opening one from a referral (domain.md
 * §7: the clock starts when the ICB receives a positive Checklist "or
 * referral"), the CHC team's work list by stage and the person's pathway. */
#include "svc/chc_int.h"
#include "domain/dates.h"
#include "store/chc.h"
#include "store/persons.h"
#include "store/referrals.h"
#include "svc/access.h"
#include "svc/input.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The work list keeps decided cases this long after the decision. */
#define CHC_RECENT_DAYS 30

int chc_date_check(struct svc_ctx *c, const char *v, const char *field, int required)
{
    struct date d;
    struct domain_error de;
    char today[DATE_STR_SIZE];
    date_format(svc_today(c), today);
    if (!v || !*v) {
        if (!required)
            return 0;
        svc_field_error(c, field, "is required (YYYY-MM-DD)");
        return -1;
    }
    if (date_parse(v, field, &d, &de) < 0) {
        svc_field_error(c, field, de.message);
        return -1;
    }
    if (strcmp(v, today) > 0) {
        svc_field_error(c, field, "must not be in the future");
        return -1;
    }
    return 0;
}

int chc_person_check(struct svc_ctx *c, const char *person_id)
{
    enum access_decision d;
    const char *basis;
    return svc_person_access(c, person_id, &d, &basis);
}

int chc_access(struct svc_ctx *c, json_t *row, const char *what)
{
    return svc_record_access(c, row, c->err.code, what);
}

int chc_no_open_case(struct svc_ctx *c, const char *person_id)
{
    char open[STORE_ID_LEN];
    struct store_error err = {0};
    if (chc_case_open_for_person(c->db, person_id, open, &err) == 0)
        return svc_refuse(c, SVC_CASE_OPEN, NULL,
                          "The person already has an open CHC case; the ICB continues with that one.");
    return SVC_OK;
}

int chc_route_team(struct svc_ctx *c, const char *person_id, char team[STORE_ID_LEN])
{
    char loc[STORE_ID_LEN] = "";
    struct store_error err = {0};
    referrals_person_locality(c->db, person_id, loc, &err);
    if (referrals_route_team(c->db, "chc", loc, team, &err) != 0)
        return svc_refuse(c, SVC_NO_CHC_TEAM, NULL, "No team receives CHC referrals.");
    return SVC_OK;
}

int chc_write_end(struct svc_ctx *c, int rc, const char *detail)
{
    rc = svc_tx_end(c, rc);
    if (rc == SVC_STALE)
        svc_refuse(c, SVC_STALE, NULL, detail);
    return rc;
}

int chc_yes(json_t *v)
{
    int b = 0;
    return input_bool_value(v, &b) == 0 && b;
}

static int is(json_t *o, const char *key, const char *value)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v && strcmp(v, value) == 0;
}

static void clock_present(struct svc_ctx *c, json_t *row)
{
    struct date received, decided;
    char due[DATE_STR_SIZE];
    const char *dec = json_string_value(json_object_get(row, "decided_on"));
    int has_dec = dec && date_parse(dec, "decided_on", &decided, NULL) == 0;
    struct chc_clock k;
    if (date_parse(json_string_value(json_object_get(row, "received_on")), "received_on", &received, NULL) != 0 ||
        chc_clock_compute(received, svc_today(c), has_dec ? &decided : NULL, &k, NULL) != 0)
        return;
    date_format(k.due, due);
    /* Built member by member: json_pack would parse its format per row. */
    json_t *clock = json_object();
    json_object_set_new(clock, "days_elapsed", json_integer(k.days_elapsed));
    json_object_set_new(clock, "days_left", json_integer(k.days_left));
    json_object_set_new(clock, "due_on", json_string(due));
    json_object_set_new(clock, "status", json_string(chc_clock_status_name(k.status)));
    json_object_set_new(clock, "decided", json_boolean(k.decided));
    json_object_set_new(clock, "within_28_days", json_boolean(k.within_28_days));
    if (k.days_left < 0)
        json_object_set_new(clock, "days_over", json_integer(-k.days_left));
    json_object_set_new(row, "clock", clock);
    json_object_set_new(row, "is_breached", json_boolean(k.status == CHC_CLOCK_BREACHED));
    json_object_set_new(row, "is_at_risk", json_boolean(k.status == CHC_CLOCK_AT_RISK));
}

/* Words for a code: the label of the first pair whose code the member has. */
static void label(json_t *row, const char *key, const char *out_key, const char *const (*pairs)[2], size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is(row, key, pairs[i][0]))
            json_object_set_new(row, out_key, json_string(pairs[i][1]));
}

void chc_case_present(struct svc_ctx *c, json_t *row)
{
    static const char *const statuses[][2] = {{"awaiting_assessment", "Awaiting full assessment"},
        {"assessed", "Assessed: awaiting the ICB decision"}, {"deferred", "Decision deferred"},
        {"decided", "Decided"}, {"closed", "Closed"}};
    static const char *const outcomes[][2] = {{"eligible", "Eligible for NHS Continuing Healthcare"},
        {"not_eligible", "Not eligible"}, {"deferred", "Deferred"}};
    clock_present(c, row);
    label(row, "status", "status_label", statuses, sizeof statuses / sizeof statuses[0]);
    json_object_set_new(row, "is_eligible", json_boolean(is(row, "outcome", "eligible")));
    json_object_set_new(row, "is_not_eligible", json_boolean(is(row, "outcome", "not_eligible")));
    json_object_set_new(row, "is_fast_track", json_boolean(is(row, "route", "fast_track")));
    json_object_set_new(row, "is_decided", json_boolean(is(row, "status", "decided")));
    label(row, "outcome", "outcome_text", outcomes, sizeof outcomes / sizeof outcomes[0]);
    json_object_set_new(row, "may_assess", json_boolean(is(row, "status", "awaiting_assessment") ||
                                                        is(row, "status", "deferred")));
    json_object_set_new(row, "may_decide", json_boolean(is(row, "status", "assessed") ||
                                                        is(row, "status", "deferred")));
}

/* The related records of a case into row: SVC_OK or SVC_FAILED. */
static int attach(struct svc_ctx *c, json_t *row, const char *id)
{
    json_t *events = svc_own(c, chc_case_events(c->db, id, &c->err));
    json_t *assess = events ? svc_own(c, chc_assessments_for_case(c->db, id, &c->err)) : NULL;
    json_t *dec = assess ? svc_own(c, chc_decisions_for_case(c->db, id, &c->err)) : NULL;
    const char *kid = json_string_value(json_object_get(row, "checklist_id"));
    json_t *k = kid && dec ? chc_checklist_get(c->db, kid, &c->err) : NULL;
    if (!dec)
        return svc_failed(c, "CHC case");
    json_object_set(row, "history", events);
    json_object_set(row, "assessments", assess);
    json_object_set(row, "decisions", dec);
    json_object_set_new(row, "checklist", k ? k : json_null());
    return SVC_OK;
}

int svc_chc_case_read(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *row = svc_own(c, chc_case_get(c->db, id, &c->err));
    int rc = chc_access(c, row, "CHC case");
    if (rc != SVC_OK)
        return rc;
    const char *basis = json_string_value(json_object_get(row, "basis"));
    char b[16];
    snprintf(b, sizeof b, "%s", basis ? basis : "relationship");
    json_object_del(row, "basis");
    const char *pid = json_string_value(json_object_get(row, "person_id"));
    if ((rc = attach(c, row, id)) != SVC_OK)
        return rc;
    if (svc_audit_read(c, "chc_case", id, pid, b) != SVC_OK)
        return SVC_FAILED;
    chc_case_present(c, row);
    *out = row;
    return SVC_OK;
}

static int clock_rank(json_t *row)
{
    if (json_is_true(json_object_get(row, "is_decided")))
        return 3;
    const char *s = json_string_value(json_object_get(json_object_get(row, "clock"), "status"));
    return s && strcmp(s, "breached") == 0 ? 0 : s && strcmp(s, "at_risk") == 0 ? 1 : 2;
}

static int by_clock(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    int d = clock_rank(x) - clock_rank(y);
    if (d)
        return d;
    return strcmp(json_string_value(json_object_get(x, "received_on")),
                  json_string_value(json_object_get(y, "received_on")));
}

/* Present, filter by clock status, and order breached first. */
static json_t *order(struct svc_ctx *c, json_t *rows, const char *clock)
{
    size_t n = json_array_size(rows), k = 0, i;
    json_t **v = arena_alloc(c->arena, (n ? n : 1) * sizeof *v), *it;
    json_t *out = svc_own(c, json_array());
    json_array_foreach(rows, i, it) {
        chc_case_present(c, it);
        const char *s = json_string_value(json_object_get(json_object_get(it, "clock"), "status"));
        if (!clock || (s && strcmp(s, clock) == 0 && !json_is_true(json_object_get(it, "is_decided"))))
            v[k++] = it;
    }
    qsort(v, k, sizeof *v, by_clock);
    for (i = 0; i < k; i++)
        json_array_append(out, v[i]);
    return out;
}

static int one_of(const char *v, const char *const *list, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(v, list[i]) == 0)
            return 1;
    return !v;
}

int svc_chc_case_list(struct svc_ctx *c, const char *status, const char *clock, int limit, json_t **out)
{
    static const char *const statuses[] = {"awaiting_assessment", "assessed", "deferred", "decided", "closed"};
    static const char *const clocks[] = {"on_time", "at_risk", "breached"};
    if (!one_of(status, statuses, 5))
        svc_field_error(c, "status", "must be awaiting_assessment, assessed, deferred, decided or closed");
    if (!one_of(clock, clocks, 3))
        svc_field_error(c, "clock", "must be on_time, at_risk or breached");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct store_error err = {0};
    if (!c->user_id || chc_user_in_chc_team(c->db, c->user_id, &err) != 0)
        return svc_refuse(c, SVC_NOT_CHC_TEAM, NULL, "Only members of the ICB's CHC team see the CHC work list.");
    json_t *rows = svc_own(c, chc_cases_list(c->db, c->user_id, status, svc_date_offset(c, -CHC_RECENT_DAYS), limit,
                                             &c->err));
    if (!rows)
        return svc_failed(c, "CHC cases");
    json_t *items = order(c, rows, clock);
    if (svc_audit_read_items(c, "chc_case", items, "person_id", "relationship") != SVC_OK)
        return SVC_FAILED;
    *out = items;
    return SVC_OK;
}

int svc_chc_person_pathway(struct svc_ctx *c, const char *person_id, json_t **out)
{
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *k = svc_own(c, chc_checklists_for_person(c->db, person_id, &c->err));
    json_t *cases = k ? svc_own(c, chc_cases_for_person(c->db, person_id, &c->err)) : NULL;
    if (!cases)
        return svc_failed(c, "CHC pathway");
    if (svc_audit_read(c, "chc_pathway", person_id, person_id, basis) != SVC_OK)
        return SVC_FAILED;
    size_t i;
    json_t *it;
    json_array_foreach(cases, i, it)
        chc_case_present(c, it);
    *out = svc_own(c, json_pack("{s:s, s:O, s:O}", "person_id", person_id, "checklists", k, "cases", cases));
    return SVC_OK;
}

int svc_chc_written(struct svc_ctx *c, enum svc_chc_record what, const char *id, json_t **out)
{
    json_t *r = svc_own(c, what == SVC_CHC_CHECKLIST ? chc_checklist_get(c->db, id, &c->err)
                           : what == SVC_CHC_CASE ? chc_case_get(c->db, id, &c->err)
                                                  : chc_assessment_get(c->db, id, &c->err));
    if (!r)
        return svc_failed(c, "CHC record");
    if (what == SVC_CHC_CASE) {
        const char *drop[] = {"family_name", "given_name", "date_of_birth", "nhs_number"};
        for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
            json_object_del(r, drop[i]);
        chc_case_present(c, r);
    }
    *out = r;
    return SVC_OK;
}

/* ---- Opened from a referral ---- */

static int open_write(struct svc_ctx *c, json_t *ref, const char *received, char id[STORE_ID_LEN])
{
    struct actor by = svc_actor(c);
    const char *pid = json_string_value(json_object_get(ref, "person_id"));
    struct chc_case_row r = {.person_id = pid, .route = "referral", .status = "awaiting_assessment",
                             .team_id = json_string_value(json_object_get(ref, "team_id")), .received_on = received,
                             .referral_id = json_string_value(json_object_get(ref, "id"))};
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = chc_case_insert(c->db, &by, &r, id, &c->err);
    if (rc == 0) rc = chc_case_event_add(c->db, &by, id, pid, "opened", "CHC referral received by the ICB", &c->err);
    if (rc == 0) rc = persons_event_add(c->db, pid, c->org_id, c->user_id, "chc_case",
                                        "CHC case opened from a referral", svc_now(c), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "chc_case", id, pid, "relationship");
    return svc_tx_end(c, rc);
}

/* SVC_OK when the referral may open a case, with the receipt date in
 * received (11 bytes). */
static int referral_checks(struct svc_ctx *c, json_t *ref, json_t *in, char received[11])
{
    struct store_error err = {0};
    const char *route = json_string_value(json_object_get(ref, "route"));
    snprintf(received, 11, "%.10s", json_string_value(json_object_get(ref, "received_at")));
    const char *given = input_str(in, "received_on", svc_errors(c));
    if (given && *given && chc_date_check(c, given, "received_on", 0) == 0) {
        if (strcmp(given, received) < 0)
            svc_field_error(c, "received_on", "is before the referral was received");
        snprintf(received, 11, "%s", given);
    }
    if (!c->user_id ||
        referrals_user_in_team(c->db, c->user_id, json_string_value(json_object_get(ref, "team_id")), &err))
        return svc_refuse(c, SVC_NOT_YOUR_TEAM, "Not your team's referral",
                          "Only the CHC team holding the referral opens a case from it.");
    if (!route || strcmp(route, "chc") != 0)
        svc_field_error(c, "referral_id", "was not triaged to CHC");
    if (svc_has_errors(c))
        return SVC_INVALID;
    return chc_no_open_case(c, json_string_value(json_object_get(ref, "person_id")));
}

int svc_chc_case_from_referral(struct svc_ctx *c, json_t *in, char id[STORE_ID_LEN])
{
    struct store_error err = {0};
    const char *rid = input_str(in, "referral_id", svc_errors(c));
    json_t *ref = rid && *rid ? svc_own(c, referrals_get(c->db, rid, &err)) : NULL;
    if (!ref) {
        svc_field_error(c, "referral_id", "is required and must be a referral");
        return SVC_INVALID;
    }
    char received[11];
    int rc = chc_person_check(c, json_string_value(json_object_get(ref, "person_id")));
    if (rc == SVC_OK)
        rc = referral_checks(c, ref, in, received);
    return rc == SVC_OK ? open_write(c, ref, received, id) : rc;
}

int svc_chc_dst_start(struct svc_ctx *c, const char *case_id, char id[STORE_ID_LEN])
{
    json_t *row = svc_own(c, chc_case_get(c->db, case_id, &c->err));
    int rc = chc_access(c, row, "CHC case");
    if (rc != SVC_OK)
        return rc;
    json_t *list = svc_own(c, chc_assessments_for_case(c->db, case_id, &c->err)), *it;
    size_t i;
    json_array_foreach(list, i, it)
        if (is(it, "status", "draft")) {   /* save and return: carry on with the draft */
            snprintf(id, STORE_ID_LEN, "%s", json_string_value(json_object_get(it, "id")));
            return SVC_OK;
        }
    json_t *in = svc_own(c, json_pack("{s:b}", "draft", 1));
    return svc_chc_assessment_create(c, json_string_value(json_object_get(row, "person_id")), in, id);
}
