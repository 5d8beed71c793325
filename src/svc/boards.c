/* Partnership boards (boards.h). */
#include "svc/boards.h"
#include "domain/roles.h"
#include "domain/dispute.h"
#include "store/disputes.h"
#include "svc/input.h"
#include <string.h>

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The last meeting on or before today and the next after it ("" when none yet). */
static void cycle(struct date first, int days, struct date today, char last[DATE_STR_SIZE], char next[DATE_STR_SIZE])
{
    int32_t f = date_to_days(first), t = date_to_days(today);
    last[0] = 0;
    if (days < 1 || t < f) {
        date_format(first, next);
        return;
    }
    int32_t l = f + (t - f) / days * days;
    date_format(date_from_days(l), last);
    date_format(date_from_days(l + days), next);
}

int svc_boards_list(struct svc_ctx *c, json_t **out)
{
    *out = NULL;
    if (!c->role || !role_allows(c->role, PERM_AGGREGATES) || !c->org_id)
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Boards are for board members, managers and finance staff.");
    json_t *rows = svc_own(c, boards_for(c->db, c->org_id, c->user_id, &c->err));
    if (!rows)
        return svc_failed(c, "boards");
    char today[DATE_STR_SIZE];
    date_format(svc_today(c), today);
    size_t i;
    json_t *b;
    json_array_foreach(rows, i, b) {
        struct date first;
        char last[DATE_STR_SIZE], next[DATE_STR_SIZE];
        if (date_parse(jstr(b, "first_on"), "first_on", &first, NULL) != 0)
            continue;
        cycle(first, (int)json_integer_value(json_object_get(b, "cycle_days")), svc_today(c), last, next);
        json_object_set_new(b, "last_meeting", last[0] ? json_string(last) : json_null());
        json_object_set_new(b, "next_meeting", json_string(next));
        json_object_set_new(b, "member", json_boolean(json_integer_value(json_object_get(b, "member"))));
        const char *since = last[0] ? last : jstr(b, "first_on");
        json_t *got = board_received(c->db, since, today, &c->err);
        if (!got)
            return svc_failed(c, "board received");
        json_object_set_new(got, "since", json_string(since));
        json_object_set_new(b, "received", got);
    }
    int rc = svc_audit_read(c, "boards", NULL, NULL, "admin");
    if (rc == SVC_OK)
        *out = rows;
    return rc;
}

int svc_board_create(struct svc_ctx *c, json_t *in, json_t **out)
{
    *out = NULL;
    if (!svc_role_is(c, "org_admin"))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Boards are set up by an organisation's admin.");
    json_t *e = svc_own(c, json_array());
    const char *pid = input_str(in, "partnership_id", e);
    const char *name = input_line(in, "name", 1, 200, e);
    struct date first;
    const char *first_on = input_date(in, "first_on", 1, &first, e);
    json_t *cd = json_object_get(in, "cycle_days"), *members = json_object_get(in, "member_user_ids");
    if (!json_is_integer(cd) || json_integer_value(cd) < 1 || json_integer_value(cd) > 366)
        svc_error_add(e, "cycle_days", "must be a whole number of days from 1 to 366");
    json_t *part = pid ? svc_own(c, partnership_get(c->db, pid, &c->err)) : NULL;
    int ours = 0;
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(part, "orgs"), i, o) ours |= strcmp(jstr(o, "id"), c->org_id) == 0;
    if (!ours)
        svc_error_add(e, "partnership_id", "is not a partnership your organisation belongs to");
    if (members && !json_is_array(members))
        svc_error_add(e, "member_user_ids", "must be a list of user ids");
    json_array_foreach(members, i, o) {
        json_t *u = ours && json_is_string(o) ? partnership_user(c->db, pid, json_string_value(o), &c->err) : NULL;
        if (!u || !role_allows(jstr(u, "role"), PERM_AGGREGATES))
            svc_error_add(e, "member_user_ids", "each member is a board viewer, manager or finance officer of a partner");
        json_decref(u);
    }
    size_t k;
    json_array_foreach(e, k, o) svc_field_error(c, jstr(o, "field"), jstr(o, "message"));
    if (svc_has_errors(c))
        return SVC_INVALID;
    char id[STORE_ID_LEN];
    struct actor by = {c->user_id, svc_now(c)};
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = board_insert(c->db, &by, pid, name, first_on, (int)json_integer_value(cd), id, &c->err);
    json_array_foreach(members, i, o) if (rc == 0) rc = board_add_member(c->db, id, json_string_value(o), &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "board", id, NULL, "admin");
    rc = svc_tx_end(c, rc);
    if (rc != SVC_OK)
        return rc;
    *out = svc_own(c, board_get(c->db, id, &c->err));
    return *out ? SVC_OK : svc_failed(c, "board read");
}

/* The policy days in force (default where the partnership sets none). */
static void policy_json(json_t *p)
{
    struct dispute_policy d = dispute_policy_default();
    static const char *const keys[4] = {"stage1_days", "stage2_days", "stage3_days", "stage4_days"};
    json_t *w = json_object();
    for (int i = 0; i < 4; i++) {
        json_t *v = json_object_get(p, keys[i]);
        json_object_set_new(w, dispute_stage_name((enum dispute_stage)(i + 1)),
                            json_integer(json_is_integer(v) ? json_integer_value(v) : d.working_days[i]));
        json_object_del(p, keys[i]);
    }
    json_object_set_new(p, "working_days", w);
}

int svc_partnerships(struct svc_ctx *c, json_t **out)
{
    *out = NULL;
    if (!c->org_id)
        return svc_refuse(c, SVC_FORBIDDEN, NULL, NULL);
    json_t *rows = svc_own(c, partnerships_of_org(c->db, c->org_id, &c->err));
    if (!rows)
        return svc_failed(c, "partnerships");
    size_t i;
    json_t *p;
    json_array_foreach(rows, i, p) policy_json(p);
    *out = rows;
    return SVC_OK;
}

int svc_partnership_policy(struct svc_ctx *c, const char *id, json_t *in, json_t **out)
{
    *out = NULL;
    if (!svc_role_is(c, "org_admin"))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "The disputes policy is set by an organisation's admin.");
    json_t *p = svc_own(c, partnership_get(c->db, id, &c->err));
    if (!p)
        return svc_store_fail(c, c->err.code, "partnership");
    int ours = 0;
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(p, "orgs"), i, o) ours |= strcmp(jstr(o, "id"), c->org_id) == 0;
    if (!ours)
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Only the partnership's own organisations set its policy.");
    json_t *w = json_object_get(in, "working_days"), *v = json_object_get(in, "version");
    int days[4] = {0};
    for (int s = 0; s < 4; s++) {
        const char *name = dispute_stage_name((enum dispute_stage)(s + 1));
        json_t *d = json_object_get(w, name);
        if (d && !json_is_null(d) && (!json_is_integer(d) || json_integer_value(d) < 1 ||
                                      json_integer_value(d) > DISPUTE_MAX_WORKING_DAYS))
            svc_field_error(c, arena_printf(c->arena, "working_days.%s", name), "must be 1 to 260 working days");
        days[s] = json_is_integer(d) ? (int)json_integer_value(d) : 0;
    }
    json_t *sm = json_object_get(in, "suppress_max");
    long long smax = json_is_integer(sm) ? json_integer_value(sm)
                                         : json_integer_value(json_object_get(p, "suppress_max"));
    if (sm && (!json_is_integer(sm) || smax < 0 || smax > 100))
        svc_field_error(c, "suppress_max", "must be a whole number from 0 (off) to 100");
    if (!json_is_integer(v))
        svc_field_error(c, "version", "Give the version of the partnership you read");
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = {c->user_id, svc_now(c)};
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = partnership_set_policy(c->db, &by, id, json_integer_value(v), days, (int)smax, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "update", "partnership", id, NULL, "admin");
    rc = svc_tx_end(c, rc);
    if (rc != SVC_OK)
        return rc;
    json_t *fresh = svc_own(c, partnership_get(c->db, id, &c->err));
    if (!fresh)
        return svc_failed(c, "partnership read");
    policy_json(fresh);
    *out = fresh;
    return SVC_OK;
}
