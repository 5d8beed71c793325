/* The full CHC assessment with the Decision Support Tool (svc/chc.h):
 * levels per domain (a level a domain lacks → domains.<key>), the MDT (its
 * composition rule), the setting (acute feeds the KPI) and the person's
 * views. A draft is saved incomplete and completed later (save and return);
 * completing validates everything, stores counts and the indicator
 * (domain/chc_dst.h) and moves the case to "assessed". */
#include "svc/chc_int.h"
#include "store/chc.h"
#include "store/persons.h"
#include "svc/access.h"
#include "svc/input.h"
#include <stdio.h>
#include <string.h>

#define MDT_MAX 12
#define VIEWS_MAX 8000

struct dst_input {
    struct chc_assessment_row row;
    enum dst_level levels[CHC_DST_DOMAINS];
    int set[CHC_DST_DOMAINS];
    struct chc_member_row members[MDT_MAX];
    struct dst_member rule[MDT_MAX];
    size_t n_members;
};

static void decode_domains(struct svc_ctx *c, json_t *d, struct dst_input *in)
{
    if (d && !json_is_object(d)) {
        svc_field_error(c, "domains", "must be an object of domain: level");
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(d, key, v) {
        char field[96];
        snprintf(field, sizeof field, "domains.%.80s", key);
        if (chc_dst_domain_index(key) < 0)
            svc_field_error(c, field, "is not a DST domain");
        else if (!json_is_null(v) && !json_is_string(v))
            svc_field_error(c, field, "must be a level (text)");
    }
    struct domain_error de;
    for (int i = 0; i < CHC_DST_DOMAINS; i++) {
        const char *val = json_string_value(json_object_get(d, chc_dst_domains[i].key));
        if (!val || !*val)
            continue;
        if (chc_dst_parse_level(chc_dst_domains[i].key, val, &in->levels[i], &de) < 0) {
            svc_field_error(c, de.field, de.message);
            continue;
        }
        in->set[i] = 1;
        in->row.levels[i] = dst_level_names[in->levels[i]];
    }
}

static void member_error(struct svc_ctx *c, size_t i, const char *what, const char *message)
{
    char field[48];
    snprintf(field, sizeof field, "mdt[%zu].%s", i, what);
    svc_field_error(c, field, message);
}

static void decode_member(struct svc_ctx *c, json_t *m, size_t i, struct dst_input *in)
{
    struct store_error err = {0};
    struct chc_member_row *r = &in->members[i];
    const char *uid = json_string_value(json_object_get(m, "user_id"));
    r->name = json_string_value(json_object_get(m, "name"));
    r->profession = json_string_value(json_object_get(m, "profession"));
    json_t *caa = json_object_get(m, "care_act_assessor");
    r->care_act_assessor = json_is_true(caa) || (json_is_integer(caa) && json_integer_value(caa) != 0) ||
                           (json_is_string(caa) && strcmp(json_string_value(caa), "true") == 0);
    if (uid && *uid) {
        json_t *u = svc_own(c, accounts_user_get(c->db, uid, &err));
        if (!u) {
            member_error(c, i, "user_id", "is not a user");
            return;
        }
        r->user_id = json_string_value(json_object_get(u, "id"));
        if (!r->profession || !*r->profession)
            r->profession = json_string_value(json_object_get(u, "profession"));
    } else if (!r->name || !*r->name) {
        member_error(c, i, "name", "give a user_id or the member's name");
    }
    if (!r->profession || !*r->profession)
        member_error(c, i, "profession", "is required");
    in->rule[i] = (struct dst_member){r->profession, r->care_act_assessor};
}

static void decode_mdt(struct svc_ctx *c, json_t *mdt, struct dst_input *in)
{
    if (mdt && !json_is_array(mdt)) {
        svc_field_error(c, "mdt", "must be a list of members: {user_id or name, profession, care_act_assessor}");
        return;
    }
    if (json_array_size(mdt) > MDT_MAX) {
        svc_field_error(c, "mdt", "has more than 12 members");
        return;
    }
    size_t i;
    json_t *m;
    json_array_foreach(mdt, i, m) {
        if (!json_is_object(m)) {
            svc_field_error(c, "mdt", "each member must be an object");
            return;
        }
        decode_member(c, m, i, in);
    }
    in->n_members = json_array_size(mdt);
}

static const char *text(struct svc_ctx *c, json_t *body, const char *key)
{
    const char *v = input_str(body, key, svc_errors(c));
    if (v && strlen(v) > VIEWS_MAX)
        svc_field_error(c, key, "is longer than 8000 characters");
    return v;
}

/* With complete: whole, evaluated (counts, indicator) and MDT-checked. */
static void evaluate(struct svc_ctx *c, json_t *body, struct dst_input *in)
{
    in->row.completed_on = input_str(body, "completed_on", svc_errors(c));
    if (!in->row.completed_on || !*in->row.completed_on)
        in->row.completed_on = svc_date_offset(c, 0);
    chc_date_check(c, in->row.completed_on, "completed_on", 1);
    struct domain_error de;
    struct chc_dst_result r;
    if (chc_dst_evaluate(in->levels, in->set, &r, &de) < 0 || chc_dst_check_mdt(in->rule, in->n_members, &de) < 0) {
        svc_field_error(c, de.field, de.message);
        return;
    }
    memcpy(in->row.counts, r.counts, sizeof r.counts);
    in->row.indicator = dst_indicator_name(r.indicator);
}

/* Decodes body into in; with complete, checks it is whole and evaluates. */
static void decode(struct svc_ctx *c, json_t *body, int complete, struct dst_input *in)
{
    static const char *const settings[] = {"acute", "community", "care_home", "home"};
    in->row.setting = input_str(body, "setting", svc_errors(c));
    if (in->row.setting && !*in->row.setting)
        in->row.setting = NULL;
    int ok = !in->row.setting;
    for (size_t i = 0; in->row.setting && i < 4; i++)
        ok |= strcmp(in->row.setting, settings[i]) == 0;
    if (!ok || (complete && !in->row.setting))
        svc_field_error(c, "setting", "must be acute, community, care_home or home");
    decode_domains(c, json_object_get(body, "domains"), in);
    decode_mdt(c, json_object_get(body, "mdt"), in);
    in->row.person_views = text(c, body, "person_views");
    in->row.recommendation = text(c, body, "recommendation");
    in->row.status = complete ? "completed" : "draft";
    if (complete && !svc_has_errors(c))
        evaluate(c, body, in);
}

/* Writes the assessment (insert when id is empty, else update at version),
 * its MDT, and on completion moves the case to assessed. */
static int save(struct svc_ctx *c, struct dst_input *in, const char *case_status, char id[STORE_ID_LEN],
                long long version)
{
    struct actor by = svc_actor(c);
    int complete = strcmp(in->row.status, "completed") == 0, fresh = !*id;
    const char *pid = in->row.person_id, *cid = in->row.case_id;
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = fresh ? chc_assessment_insert(c->db, &by, &in->row, id, &c->err)
                            : chc_assessment_update(c->db, &by, id, version, &in->row, &c->err);
    if (rc == 0) rc = chc_mdt_replace(c->db, id, in->members, in->n_members, &c->err);
    if (rc == 0 && fresh) rc = chc_case_event_add(c->db, &by, cid, pid, "assessment_started", "", &c->err);
    if (rc == 0 && complete) {
        rc = chc_case_set_status(c->db, &by, cid, case_status, "assessed", -1, &c->err);
        if (rc == 0) rc = chc_case_event_add(c->db, &by, cid, pid, "assessed",
                                             arena_printf(c->arena, "DST completed: indicator %s", in->row.indicator),
                                             &c->err);
        if (rc == 0) rc = persons_event_add(c->db, pid, c->org_id, c->user_id, "chc_assessment",
                                            "CHC full assessment (DST) completed", svc_now(c), &c->err);
    }
    if (rc == 0) rc = svc_tx_audit(c, fresh ? "create" : "update", "chc_assessment", id, pid, "relationship");
    return chc_write_end(c, rc, "The assessment or its case changed meanwhile: reload it.");
}

static int finish(struct svc_ctx *c, struct dst_input *in, json_t *body, int complete, const char *case_status,
                  char id[STORE_ID_LEN], long long version)
{
    decode(c, body, complete, in);
    if (svc_has_errors(c))
        return SVC_INVALID;
    return save(c, in, case_status, id, version);
}

/* The open case's status into status: SVC_OK or SVC_CHC_CASE_STATE. */
static int case_for_dst(struct svc_ctx *c, const char *case_id, char status[32])
{
    json_t *row = svc_own(c, chc_case_get(c->db, case_id, &c->err));
    const char *st = row ? json_string_value(json_object_get(row, "status")) : NULL;
    if (!row)
        return svc_failed(c, "CHC case");
    if (strcmp(st, "awaiting_assessment") && strcmp(st, "deferred"))
        return svc_refuse(c, SVC_CHC_CASE_STATE, "Already assessed",
                          "The case has a completed full assessment awaiting the ICB decision.");
    snprintf(status, 32, "%s", st);
    return SVC_OK;
}

int svc_chc_assessment_create(struct svc_ctx *c, const char *person_id, json_t *in, char id[STORE_ID_LEN])
{
    int rc = chc_person_check(c, person_id);
    if (rc != SVC_OK)
        return rc;
    struct store_error err = {0};
    char case_id[STORE_ID_LEN], status[32];
    if (chc_case_open_for_person(c->db, person_id, case_id, &err) != 0) {
        svc_field_error(c, "case", "the person has no open CHC case: send a positive Checklist to the ICB first");
        return SVC_INVALID;
    }
    if ((rc = case_for_dst(c, case_id, status)) != SVC_OK)
        return rc;
    struct dst_input dst = {0};
    dst.row.case_id = case_id;
    dst.row.person_id = person_id;
    id[0] = '\0';
    return finish(c, &dst, in, !chc_yes(json_object_get(in, "draft")), status, id, 0);
}

/* The stored draft with the body's fields laid over it (domains per key). */
static json_t *merged(struct svc_ctx *c, json_t *stored, json_t *body)
{
    json_t *m = svc_own(c, json_pack("{s:O, s:O, s:O, s:O}", "setting", json_object_get(stored, "setting"),
                                     "person_views", json_object_get(stored, "person_views"), "recommendation",
                                     json_object_get(stored, "recommendation"), "mdt", json_object_get(stored, "mdt")));
    json_t *bd = json_object_get(body, "domains"), *v;
    const char *key;
    json_object_foreach(body, key, v)
        if (strcmp(key, "domains") != 0)
            json_object_set(m, key, v);
    if (!bd || json_is_object(bd)) {
        json_t *d = json_deep_copy(json_object_get(stored, "domains"));
        if (bd)
            json_object_update(d, bd);
        json_object_set_new(m, "domains", d);
    } else {
        json_object_set(m, "domains", bd);   /* not an object: decode reports it */
    }
    return m;
}

int svc_chc_assessment_patch(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e)
{
    json_t *a;
    int rc = svc_chc_assessment_read(c, id, &a);
    if (rc != SVC_OK)
        return rc;
    long long version = json_integer_value(json_object_get(a, "version"));
    char status[32], aid[STORE_ID_LEN];
    if ((rc = svc_version_check(c, e, version)) != SVC_OK)
        return rc;
    if (strcmp(json_string_value(json_object_get(a, "status")), "draft") != 0)
        return svc_refuse(c, SVC_CHC_ASSESSMENT_STATE, "Already completed",
                          "A completed assessment is not changed; the ICB decides on it.");
    if ((rc = case_for_dst(c, json_string_value(json_object_get(a, "case_id")), status)) != SVC_OK)
        return rc;
    struct dst_input dst = {0};
    dst.row.case_id = json_string_value(json_object_get(a, "case_id"));
    dst.row.person_id = json_string_value(json_object_get(a, "person_id"));
    snprintf(aid, sizeof aid, "%s", id);
    return finish(c, &dst, merged(c, a, in), chc_yes(json_object_get(in, "complete")), status, aid,
                  version);
}

int svc_chc_assessment_read(struct svc_ctx *c, const char *id, json_t **out)
{
    json_t *a = svc_own(c, chc_assessment_get(c->db, id, &c->err));
    int rc = chc_access(c, a, "assessment");
    if (rc != SVC_OK)
        return rc;
    if (svc_audit_read(c, "chc_assessment", id, json_string_value(json_object_get(a, "person_id")),
                       json_string_value(json_object_get(a, "basis"))) != SVC_OK)
        return SVC_FAILED;
    json_object_del(a, "basis");
    *out = a;
    return SVC_OK;
}
