/* Inter-agency disputes: raising, reading and listing (svc/disputes.h). */
#include "svc/disputes_int.h"
#include "store/bank_holidays.h"
#include "store/disputes.h"
#include "store/persons.h"
#include "svc/access.h"
#include "svc/input.h"
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 4000

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

int dispute_is_manager(const struct svc_ctx *c)
{
    return svc_role_is(c, "team_manager") || svc_role_is(c, "org_admin");
}

/* Councils and NHS bodies take part in disputes; providers and the voluntary sector do not. */
static int party_type(const char *type)
{
    return type && (strcmp(type, "council") == 0 || strcmp(type, "icb") == 0 || strcmp(type, "acute_trust") == 0 ||
                    strcmp(type, "community_trust") == 0);
}

int dispute_load(struct svc_ctx *c, const char *id, json_t **row, const char **basis)
{
    *row = NULL;
    if (!c->user_id || svc_role_is(c, "board_viewer"))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Board members see disputes only in the board pack.");
    json_t *r = svc_own(c, disputes_get(c->db, id, &c->err));
    if (!r)
        return svc_store_fail(c, c->err.code, "dispute");
    const char *pid = jstr(r, "person_id");
    if (!c->org_id || (strcmp(c->org_id, jstr(r, "raised_by_org_id")) != 0 &&
                       strcmp(c->org_id, jstr(r, "against_org_id")) != 0)) {
        svc_audit_denied(c, "dispute", id, pid);
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Only the organisations in a dispute may see it.");
    }
    if (dispute_is_manager(c)) {
        *basis = "admin";
    } else {
        enum access_decision d;
        int rc = svc_person_access(c, pid, &d, basis);
        if (rc != SVC_OK)
            return rc;
    }
    *row = r;
    return SVC_OK;
}

static struct dispute_policy policy_of(json_t *row)
{
    struct dispute_policy p = dispute_policy_default();
    static const char *const keys[4] = {"stage1_days", "stage2_days", "stage3_days", "stage4_days"};
    for (int i = 0; i < 4; i++)
        if (json_is_integer(json_object_get(row, keys[i])))
            p.working_days[i] = (int32_t)json_integer_value(json_object_get(row, keys[i]));
    return p;
}

int dispute_deadline(struct svc_ctx *c, json_t *row, int stage, char out[DATE_STR_SIZE], int *estimated)
{
    struct bank_holiday_calendar *cal = arena_alloc(c->arena, sizeof *cal);
    if (bank_holidays_calendar(c->db, cal, &c->err) != 0)
        return svc_failed(c, "bank holidays");
    struct date_holidays h = bank_holidays_domain(cal, 1);
    struct dispute_policy p = policy_of(row);
    struct dispute_status st;
    struct domain_error de;
    struct date today = svc_today(c);
    if (dispute_stage_status((enum dispute_stage)stage, today, today, &p, &h, &st, &de) != 0) {
        svc_field_error(c, de.field, de.message);
        return SVC_INVALID;
    }
    date_format(st.deadline, out);
    *estimated = !bank_holidays_cover_range(cal, today.year, st.deadline.year);
    return SVC_OK;
}

static json_t *org_json(json_t *row, const char *prefix)
{
    char k[64], n[64], t[64];
    snprintf(k, sizeof k, "%s_id", prefix);
    snprintf(n, sizeof n, "%s_name", prefix);
    snprintf(t, sizeof t, "%s_type", prefix);
    return json_pack("{s:O, s:O, s:O}", "id", json_object_get(row, k), "name", json_object_get(row, n), "type",
                     json_object_get(row, t));
}

json_t *dispute_json(struct svc_ctx *c, json_t *row)
{
    char today[DATE_STR_SIZE];
    date_format(svc_today(c), today);
    const char *state = jstr(row, "state"), *deadline = jstr(row, "stage_deadline");
    int stage = (int)json_integer_value(json_object_get(row, "stage"));
    int open = state && strcmp(state, "open") == 0;
    json_t *split = json_is_integer(json_object_get(row, "split_nhs"))
        ? json_pack("{s:O, s:O, s:O}", "nhs", json_object_get(row, "split_nhs"), "council",
                    json_object_get(row, "split_council"), "person", json_object_get(row, "split_person"))
        : json_null();
    json_t *o = json_pack("{s:O, s:O, s:O, s:s, s:i, s:O, s:O, s:b, s:b}", "id", json_object_get(row, "id"),
                          "version", json_object_get(row, "version"), "state", json_object_get(row, "state"),
                          "stage", dispute_stage_name((enum dispute_stage)stage), "stage_number", stage,
                          "stage_started_on", json_object_get(row, "stage_started_on"), "stage_deadline",
                          json_object_get(row, "stage_deadline"), "deadline_estimated",
                          (int)json_integer_value(json_object_get(row, "deadline_estimated")), "overdue",
                          open && deadline && strcmp(today, deadline) > 0);
    json_object_set_new(o, "subject", json_pack("{s:O, s:O}", "type", json_object_get(row, "subject_type"), "id",
                                                 json_object_get(row, "subject_id")));
    json_object_set_new(o, "person", json_pack("{s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(row, "person_id"),
                                               "given_name", json_object_get(row, "given_name"), "family_name",
                                               json_object_get(row, "family_name"), "nhs_number",
                                               json_object_get(row, "nhs_number"), "date_of_birth",
                                               json_object_get(row, "date_of_birth")));
    json_object_set_new(o, "partnership", json_pack("{s:O, s:O}", "id", json_object_get(row, "partnership_id"),
                                                    "name", json_object_get(row, "partnership_name")));
    json_object_set_new(o, "raised_by_org", org_json(row, "raised_by_org"));
    json_object_set_new(o, "against_org", org_json(row, "against_org"));
    json_object_set_new(o, "interim_funder_org", org_json(row, "interim_funder_org"));
    static const char *const copy[] = {"question", "position", "against_position", "weekly_cost_pence", "raised_on",
                                       "outcome", "effective_from", "closed_on", "created_at", "updated_at"};
    for (size_t i = 0; i < sizeof copy / sizeof copy[0]; i++)
        json_object_set(o, copy[i], json_object_get(row, copy[i]));
    json_object_set_new(o, "split", split);
    json_object_set_new(o, "next_stage", stage < DISPUTE_STAGE_COUNT && open
                        ? json_string(dispute_stage_name((enum dispute_stage)(stage + 1))) : json_null());
    return svc_own(c, o);
}

int dispute_read(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *row;
    const char *basis;
    int rc = dispute_load(c, id, &row, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *o = dispute_json(c, row);
    json_t *ev = svc_own(c, disputes_events(c->db, id, &c->err));
    json_t *att = ev ? svc_own(c, disputes_attachments(c->db, id, &c->err)) : NULL;
    json_t *rec = att ? svc_own(c, disputes_reconciliation(c->db, id, &c->err)) : NULL;
    if (!rec)
        return svc_failed(c, "dispute read");
    json_object_set(o, "events", ev);
    json_object_set(o, "attachments", att);
    json_object_set(o, "reconciliation", rec);
    rc = svc_audit_read(c, "dispute", id, jstr(row, "person_id"), basis);
    if (rc == SVC_OK)
        *out = o;
    return rc;
}

int svc_dispute_get(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = NULL;
    return dispute_read(c, id, out);
}

/* ---- raising ---- */

struct raise {
    const char *type, *subject_id, *against, *funder, *question, *position;
    json_t *subject, *against_org, *partnership;
};

static void decode_raise(struct svc_ctx *c, json_t *in, struct raise *r)
{
    json_t *e = svc_own(c, json_array());
    json_t *s = json_object_get(in, "subject");
    if (!json_is_object(s)) {
        svc_error_add(e, "subject", "Say what is disputed: a CHC decision, a joint funding decision, a plan task"
                                    " or a shared care discussion");
    } else {
        r->type = input_str(s, "type", e);
        r->subject_id = input_str(s, "id", e);
        static const char *const types[] = {"chc_decision", "joint_funding_decision", "plan_task",
                                            "shared_care_discussion"};
        int ok = 0;
        for (size_t i = 0; r->type && i < 4; i++)
            ok |= strcmp(r->type, types[i]) == 0;
        if (!ok)
            svc_error_add(e, "subject.type", "must be chc_decision, joint_funding_decision, plan_task or"
                                             " shared_care_discussion");
        if (!r->subject_id || !*r->subject_id)
            svc_error_add(e, "subject.id", "Say which decision, task or discussion is disputed");
    }
    r->against = input_str(in, "against_org_id", e);
    if (!r->against || !*r->against)
        svc_error_add(e, "against_org_id", "Choose the organisation the dispute is with");
    r->funder = input_str(in, "interim_funder_org_id", e);
    if (r->funder && !*r->funder)
        r->funder = NULL;
    r->question = input_text(in, "question", 1, TEXT_MAX, e);
    r->position = input_text(in, "position", 1, TEXT_MAX, e);
    size_t i;
    json_t *x;
    json_array_foreach(e, i, x) svc_field_error(c, jstr(x, "field"), jstr(x, "message"));
}

/* The subject, the other party and the partnership; field errors on the way. */
static int check_raise(struct svc_ctx *c, struct raise *r)
{
    if (r->type && r->subject_id && *r->subject_id && !svc_has_errors(c)) {
        r->subject = svc_own(c, disputes_subject(c->db, r->type, r->subject_id, &c->err));
        if (!r->subject && c->err.code != STORE_ENOTFOUND)
            return svc_failed(c, "dispute subject");
        if (!r->subject)
            svc_field_error(c, "subject.id", "is not a decision, task or discussion that can be disputed");
    }
    if (r->against && *r->against) {
        r->against_org = svc_own(c, disputes_org(c->db, r->against, &c->err));
        r->partnership = r->against_org ? svc_own(c, partnership_of_orgs(c->db, c->org_id, r->against, &c->err))
                                        : NULL;
        if (!r->partnership && c->err.code != STORE_ENOTFOUND)
            return svc_failed(c, "partnership");
        if (!r->partnership || strcmp(r->against, c->org_id) == 0 || !party_type(jstr(r->against_org, "type")))
            svc_field_error(c, "against_org_id", "is not another council or NHS body of your partnership");
    }
    if (r->funder && (!r->against || (strcmp(r->funder, c->org_id) != 0 && strcmp(r->funder, r->against) != 0)))
        svc_field_error(c, "interim_funder_org_id", "must be one of the two organisations in the dispute");
    return svc_has_errors(c) ? SVC_INVALID : SVC_OK;
}

/* By default the party funding now keeps funding: the one on the side the subject says. */
static const char *default_funder(struct svc_ctx *c, struct raise *r)
{
    const char *side = jstr(r->subject, "funder_side");
    const char *against_type = jstr(r->against_org, "type");
    int own_council = c->org_type && strcmp(c->org_type, "council") == 0;
    int against_council = against_type && strcmp(against_type, "council") == 0;
    if (side && own_council != against_council)
        return (strcmp(side, "council") == 0) == against_council ? r->against : c->org_id;
    return c->org_id;
}

int svc_dispute_create(struct svc_ctx *c, json_t *in, json_t **out)
{
    *out = NULL;
    if (!c->user_id || svc_role_is(c, "board_viewer") || !party_type(c->org_type))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Disputes are raised by staff of a council or an NHS body.");
    struct raise r = {0};
    decode_raise(c, in, &r);
    int rc = check_raise(c, &r);
    if (rc != SVC_OK)
        return rc;
    const char *pid = jstr(r.subject, "person_id"), *basis = "admin";
    if (!dispute_is_manager(c)) {
        enum access_decision d;
        if ((rc = svc_person_access(c, pid, &d, &basis)) != SVC_OK)
            return rc;
    }
    char deadline[DATE_STR_SIZE], today[DATE_STR_SIZE], id[STORE_ID_LEN];
    int est;
    if ((rc = dispute_deadline(c, r.partnership, 1, deadline, &est)) != SVC_OK)
        return rc;
    date_format(svc_today(c), today);
    struct dispute_row row = {jstr(r.partnership, "id"), pid, r.type, r.subject_id, c->org_id, r.against,
                              r.funder ? r.funder : default_funder(c, &r), r.question, r.position,
                              (int64_t)json_integer_value(json_object_get(r.subject, "weekly_cost_pence")),
                              today, deadline, est};
    struct actor by = {c->user_id, svc_now(c)};
    const char *summary = arena_printf(c->arena, "Inter-agency dispute raised with %s", jstr(r.against_org, "name"));
    rc = svc_tx_begin(c);
    if (rc == 0) rc = disputes_insert(c->db, &by, &row, id, &c->err);
    if (rc == 0) rc = disputes_event_add(c->db, &by, id, pid, c->org_id, "raised", 1, r.question, &c->err);
    if (rc == 0) rc = persons_event_add(c->db, pid, c->org_id, c->user_id, "dispute_raised", summary, by.now, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "dispute", id, pid, basis);
    rc = svc_tx_end(c, rc);
    return rc == SVC_OK ? dispute_read(c, id, out) : rc;
}

/* ---- lists ---- */

int svc_dispute_list(struct svc_ctx *c, const char *state, const char *cursor, int limit, json_t **out)
{
    *out = NULL;
    if (!c->user_id || svc_role_is(c, "board_viewer"))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Board members see disputes only in the board pack.");
    if (state && strcmp(state, "open") != 0 && strcmp(state, "overdue") != 0 && strcmp(state, "closed") != 0) {
        svc_field_error(c, "state", "must be open, overdue or closed");
        return SVC_INVALID;
    }
    char today[DATE_STR_SIZE];
    date_format(svc_today(c), today);
    /* Managers see their organisation's disputes; others those they raised. */
    struct dispute_filter f = {c->org_id, dispute_is_manager(c) ? NULL : c->user_id, state, today, cursor,
                               limit + 1};
    json_t *rows = svc_own(c, disputes_list(c->db, &f, &c->err));
    if (!rows)
        return svc_failed(c, "dispute list");
    json_t *items = svc_own(c, json_array()), *row, *next = json_null();
    size_t i;
    json_array_foreach(rows, i, row) {
        if (i == (size_t)limit) {
            next = json_string(jstr(json_array_get(rows, i - 1), "id"));
            break;
        }
        json_t *o = dispute_json(c, row);
        json_object_set(o, "person_id", json_object_get(row, "person_id"));
        json_array_append(items, o);
    }
    int rc = svc_audit_read_items(c, "dispute", items, "person_id",
                                  dispute_is_manager(c) ? "admin" : "relationship");
    if (rc != SVC_OK) {
        json_decref(next);
        return rc;
    }
    size_t k;
    json_array_foreach(items, k, row) json_object_del(row, "person_id");
    *out = svc_own(c, json_pack("{s:O, s:o}", "items", items, "next_cursor", next));
    return SVC_OK;
}

int svc_dispute_partners(struct svc_ctx *c, json_t **out)
{
    *out = NULL;
    if (!c->user_id || !c->org_id || svc_role_is(c, "board_viewer"))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Board members see disputes only in the board pack.");
    json_t *ps = svc_own(c, partnerships_of_org(c->db, c->org_id, &c->err));
    if (!ps)
        return svc_failed(c, "partnerships");
    json_t *orgs = svc_own(c, json_array()), *p, *o;
    size_t i, j;
    json_array_foreach(ps, i, p) json_array_foreach(json_object_get(p, "orgs"), j, o) {
        if (strcmp(jstr(o, "id"), c->org_id) != 0 && party_type(jstr(o, "type")))
            json_array_append(orgs, o);
    }
    *out = orgs;
    return SVC_OK;
}
