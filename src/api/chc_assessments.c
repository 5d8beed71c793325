/* The full CHC assessment with the Decision Support Tool: levels per
 * domain (a level a domain lacks → 422 domains.<key>), the MDT (its
 * composition rule), the setting (acute feeds the KPI) and the person's
 * views. A draft is saved incomplete and completed later (save and return);
 * completing validates everything, stores counts and the indicator
 * (domain/chc_dst.h) and moves the case to "assessed". */
#include "api/api.h"
#include "api/chc_api.h"
#include "api/person_access.h"
#include "store/chc.h"
#include "store/persons.h"
#include "util/clock.h"
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
    json_t *users;   /* looked-up MDT users, kept alive for their strings */
    char today[11];
};

static void decode_domains(json_t *d, struct dst_input *in, json_t *errors)
{
    if (d && !json_is_object(d)) {
        svc_error_add(errors, "domains", "must be an object of domain: level");
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(d, key, v) {
        char field[96];
        snprintf(field, sizeof field, "domains.%.80s", key);
        if (chc_dst_domain_index(key) < 0)
            svc_error_add(errors, field, "is not a DST domain");
        else if (!json_is_null(v) && !json_is_string(v))
            svc_error_add(errors, field, "must be a level (text)");
    }
    struct domain_error de;
    for (int i = 0; i < CHC_DST_DOMAINS; i++) {
        const char *val = json_string_value(json_object_get(d, chc_dst_domains[i].key));
        if (!val || !*val)
            continue;
        if (chc_dst_parse_level(chc_dst_domains[i].key, val, &in->levels[i], &de) < 0) {
            svc_error_add(errors, de.field, de.message);
            continue;
        }
        in->set[i] = 1;
        in->row.levels[i] = dst_level_names[in->levels[i]];
    }
}

static void decode_member(struct request *req, json_t *m, size_t i, struct dst_input *in, json_t *errors)
{
    struct store_error err = {0};
    struct chc_member_row *r = &in->members[i];
    char field[48];
    const char *uid = json_string_value(json_object_get(m, "user_id"));
    r->name = json_string_value(json_object_get(m, "name"));
    r->profession = json_string_value(json_object_get(m, "profession"));
    json_t *caa = json_object_get(m, "care_act_assessor");
    r->care_act_assessor = json_is_true(caa) || (json_is_integer(caa) && json_integer_value(caa) != 0) ||
                           (json_is_string(caa) && strcmp(json_string_value(caa), "true") == 0);
    if (uid && *uid) {
        json_t *u = accounts_user_get(req->db, uid, &err);
        snprintf(field, sizeof field, "mdt[%zu].user_id", i);
        if (!u) {
            svc_error_add(errors, field, "is not a user");
            return;
        }
        json_array_append_new(in->users, u);
        r->user_id = json_string_value(json_object_get(u, "id"));
        if (!r->profession || !*r->profession)
            r->profession = json_string_value(json_object_get(u, "profession"));
    } else if (!r->name || !*r->name) {
        snprintf(field, sizeof field, "mdt[%zu].name", i);
        svc_error_add(errors, field, "give a user_id or the member's name");
    }
    if (!r->profession || !*r->profession) {
        snprintf(field, sizeof field, "mdt[%zu].profession", i);
        svc_error_add(errors, field, "is required");
    }
    in->rule[i] = (struct dst_member){r->profession, r->care_act_assessor};
}

static void decode_mdt(struct request *req, json_t *mdt, struct dst_input *in, json_t *errors)
{
    if (mdt && !json_is_array(mdt)) {
        svc_error_add(errors, "mdt", "must be a list of members: {user_id or name, profession, care_act_assessor}");
        return;
    }
    if (json_array_size(mdt) > MDT_MAX) {
        svc_error_add(errors, "mdt", "has more than 12 members");
        return;
    }
    size_t i;
    json_t *m;
    json_array_foreach(mdt, i, m) {
        if (!json_is_object(m)) {
            svc_error_add(errors, "mdt", "each member must be an object");
            return;
        }
        decode_member(req, m, i, in, errors);
    }
    in->n_members = json_array_size(mdt);
}

static const char *text(json_t *body, const char *key, json_t *errors)
{
    const char *v = api_str(body, key, errors);
    if (v && strlen(v) > VIEWS_MAX)
        svc_error_add(errors, key, "is longer than 8000 characters");
    return v;
}

/* Decodes body into in; with complete, checks it is whole and evaluates. */
static void decode(struct request *req, json_t *body, int complete, struct dst_input *in, json_t *errors)
{
    static const char *const settings[] = {"acute", "community", "care_home", "home"};
    in->row.setting = api_str(body, "setting", errors);
    if (in->row.setting && !*in->row.setting)
        in->row.setting = NULL;
    int ok = !in->row.setting;
    for (size_t i = 0; in->row.setting && i < 4; i++)
        ok |= strcmp(in->row.setting, settings[i]) == 0;
    if (!ok || (complete && !in->row.setting))
        svc_error_add(errors, "setting", "must be acute, community, care_home or home");
    decode_domains(json_object_get(body, "domains"), in, errors);
    decode_mdt(req, json_object_get(body, "mdt"), in, errors);
    in->row.person_views = text(body, "person_views", errors);
    in->row.recommendation = text(body, "recommendation", errors);
    in->row.status = complete ? "completed" : "draft";
    if (!complete || json_array_size(errors))
        return;
    in->row.completed_on = api_str(body, "completed_on", errors);
    if (!in->row.completed_on || !*in->row.completed_on)
        in->row.completed_on = in->today;
    chc_date_field(in->row.completed_on, "completed_on", 1, errors);
    struct domain_error de;
    struct chc_dst_result r;
    if (chc_dst_evaluate(in->levels, in->set, &r, &de) < 0) {
        svc_error_add(errors, de.field, de.message);
        return;
    }
    if (chc_dst_check_mdt(in->rule, in->n_members, &de) < 0) {
        svc_error_add(errors, de.field, de.message);
        return;
    }
    memcpy(in->row.counts, r.counts, sizeof r.counts);
    in->row.indicator = dst_indicator_name(r.indicator);
}

/* Writes the assessment (insert when id is empty, else update at version),
 * its MDT, and on completion moves the case to assessed. */
static int save_tx(struct request *req, struct dst_input *in, const char *case_status, char id[STORE_ID_LEN],
                   long long version)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct store_error err = {0};
    int complete = strcmp(in->row.status, "completed") == 0, fresh = !*id;
    const char *pid = in->row.person_id, *cid = in->row.case_id;
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = fresh ? chc_assessment_insert(req->db, &by, &in->row, id, &err)
                            : chc_assessment_update(req->db, &by, id, version, &in->row, &err);
    if (rc == 0) rc = chc_mdt_replace(req->db, id, in->members, in->n_members, &err);
    if (rc == 0 && fresh) rc = chc_case_event_add(req->db, &by, cid, pid, "assessment_started", "", &err);
    if (rc == 0 && complete) {
        rc = chc_case_set_status(req->db, &by, cid, case_status, "assessed", -1, &err);
        if (rc == 0) rc = chc_case_event_add(req->db, &by, cid, pid, "assessed",
                                             arena_printf(&req->arena, "DST completed: indicator %s", in->row.indicator), &err);
        if (rc == 0) rc = persons_event_add(req->db, pid, req->who.org_id, req->who.user_id, "chc_assessment",
                                            "CHC full assessment (DST) completed", now, &err);
    }
    if (rc == 0) rc = svc_audit(&c, fresh ? "create" : "update", "chc_assessment", id, pid, "relationship", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return 0;
    store_tx_rollback(req->db);
    return rc == STORE_ENOTFOUND ? 409 : -1;
}

static int finish(struct request *req, struct response *res, struct dst_input *in, json_t *body, int complete,
                  const char *case_status, char id[STORE_ID_LEN], long long version)
{
    json_t *errors = json_array();
    int rc = -1;
    decode(req, body, complete, in, errors);
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if ((rc = save_tx(req, in, case_status, id, version)) == 409) {
        http_problem(res, req, 409, "version-conflict", "Changed by someone else",
                     "The assessment or its case changed meanwhile: reload it.");
        rc = -1;
    } else if (rc) {
        http_internal(res, req, 503, "assessment could not be saved");
    }
    json_decref(errors);
    return rc;
}

static int truthy(json_t *body, const char *key)
{
    json_t *v = json_object_get(body, key);
    return json_is_true(v) || (json_is_string(v) && strcmp(json_string_value(v), "true") == 0);
}

/* The open case's status, or 422/409 with res set. */
static int case_for_dst(struct request *req, struct response *res, const char *case_id, char status[32])
{
    struct store_error err = {0};
    json_t *c = chc_case_get(req->db, case_id, &err);
    const char *st = c ? json_string_value(json_object_get(c, "status")) : NULL;
    int rc = -1;
    if (!c)
        http_internal(res, req, 503, err.message);
    else if (strcmp(st, "awaiting_assessment") && strcmp(st, "deferred"))
        http_problem(res, req, 409, "chc-case-state", "Already assessed",
                     "The case has a completed full assessment awaiting the ICB decision.");
    else
        rc = snprintf(status, 32, "%s", st) > 0 ? 0 : -1;
    json_decref(c);
    return rc;
}

int chc_assessment_create(struct request *req, struct response *res, const char *person_id, json_t *body,
                          char id[STORE_ID_LEN])
{
    enum access_decision d;
    const char *basis;
    if (person_check(req, res, person_id, &d, &basis) < 0)
        return -1;
    struct store_error err = {0};
    char case_id[STORE_ID_LEN], status[32];
    if (chc_case_open_for_person(req->db, person_id, case_id, &err) != 0) {
        json_t *errors = json_array();
        svc_error_add(errors, "case", "the person has no open CHC case: send a positive Checklist to the ICB first");
        http_validation(res, req, errors);
        return -1;
    }
    if (case_for_dst(req, res, case_id, status) < 0)
        return -1;
    struct dst_input in = {.users = json_array()};
    clock_today(in.today);
    in.row.case_id = case_id;
    in.row.person_id = person_id;
    id[0] = '\0';
    int rc = finish(req, res, &in, body, !truthy(body, "draft"), status, id, 0);
    json_decref(in.users);
    return rc;
}

/* The stored draft with the body's fields laid over it (domains per key). */
static json_t *merged(json_t *stored, json_t *body)
{
    json_t *m = json_pack("{s:O, s:O, s:O, s:O}", "setting", json_object_get(stored, "setting"), "person_views",
                          json_object_get(stored, "person_views"), "recommendation",
                          json_object_get(stored, "recommendation"), "mdt", json_object_get(stored, "mdt"));
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

int chc_assessment_patch(struct request *req, struct response *res, const char *id, json_t *body)
{
    json_t *a = chc_assessment_read(req, res, id);
    if (!a)
        return -1;
    long long version = json_integer_value(json_object_get(a, "version"));
    char status[32], aid[STORE_ID_LEN];
    int rc = -1;
    if (http_check_version(req, res, body, version) < 0) {
        /* res set */
    } else if (strcmp(json_string_value(json_object_get(a, "status")), "draft") != 0) {
        http_problem(res, req, 409, "chc-assessment-state", "Already completed",
                     "A completed assessment is not changed; the ICB decides on it.");
    } else if (case_for_dst(req, res, json_string_value(json_object_get(a, "case_id")), status) == 0) {
        json_t *m = merged(a, body);
        struct dst_input in = {.users = json_array()};
        clock_today(in.today);
        in.row.case_id = json_string_value(json_object_get(a, "case_id"));
        in.row.person_id = json_string_value(json_object_get(a, "person_id"));
        snprintf(aid, sizeof aid, "%s", id);
        rc = finish(req, res, &in, m, truthy(body, "complete"), status, aid, version);
        json_decref(in.users);
        json_decref(m);
    }
    json_decref(a);
    return rc;
}

json_t *chc_assessment_read(struct request *req, struct response *res, const char *id)
{
    struct store_error err = {0};
    json_t *a = person_record_check(req, res, chc_assessment_get(req->db, id, &err), &err, "assessment");
    if (a && api_audit_read(req, res, "chc_assessment", id, json_string_value(json_object_get(a, "person_id")),
                            json_string_value(json_object_get(a, "basis"))) < 0) {
        json_decref(a);
        return NULL;
    }
    json_object_del(a, "basis");
    return a;
}
