/* Organisations, teams and users: org admins manage their own
 * organisation's teams and users (API and pages). */
#include "api/api.h"
#include "api/handlers.h"
#include "domain/roles.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

void h_org_list(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *items = accounts_org_list(req->db, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return;
    }
    http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

/* ---- teams ---------------------------------------------------------------- */

void h_team_list(struct request *req, struct response *res)
{
    struct store_error err = {0};
    const char *org_code = http_query(req, "org");
    char org_id[STORE_ID_LEN];
    if (org_code && accounts_org_id_by_code(req->db, org_code, org_id, &err) < 0) {
        json_t *errors = json_array();
        http_add_error(errors, "org", "is not a known organisation code");
        http_validation(res, req, errors);
        return;
    }
    json_t *items = accounts_team_list(req->db, org_code ? org_id : NULL, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return;
    }
    http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

static int create_team(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    json_t *errors = json_array();
    const char *code = api_str(body, "code", errors), *name = api_str(body, "name", errors);
    struct svc_ctx c = api_svc_ctx(req);
    int rc = json_array_size(errors) ? SVC_INVALID : svc_team_add(&c, req->who.org_id, code, name, errors, id);
    if (rc != SVC_OK)
        api_fail(req, res, rc, errors, "team");
    json_decref(errors);
    return rc;
}

void h_team_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    if (create_team(req, res, body, id) == SVC_OK) {
        struct store_error err = {0};
        json_t *team = accounts_team_get(req->db, id, &err);
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/teams/%s", id));
        http_etag(res, req, 1);
        http_json(res, 201, team);
    }
    json_decref(body);
}

void h_team_get(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *team = accounts_team_get(req->db, req->params[0], &err);
    if (!team) {
        api_fail(req, res, err.code == STORE_ENOTFOUND ? SVC_NOTFOUND : SVC_FAILED, NULL, "team");
        return;
    }
    http_etag(res, req, json_integer_value(json_object_get(team, "version")));
    http_json(res, 200, team);
}

void h_team_update(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *team = accounts_team_get(req->db, req->params[0], &err);
    if (!team || strcmp(json_string_value(json_object_get(team, "org_id")), req->who.org_id) != 0) {
        /* Another organisation's team is none of this admin's business. */
        json_decref(team);
        api_fail(req, res, team || err.code == STORE_ENOTFOUND ? SVC_NOTFOUND : SVC_FAILED, NULL, "team");
        return;
    }
    json_t *body = http_body_json(req, res);
    long long version = json_integer_value(json_object_get(team, "version"));
    json_decref(team);
    if (!body || http_check_version(req, res, body, version) < 0) {
        json_decref(body);
        return;
    }
    json_t *errors = json_array();
    const char *name = api_str(body, "name", errors);
    if (!name || !*name || strlen(name) > 200)
        http_add_error(errors, "name", "is required and at most 200 characters");
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        json_decref(body);
        return;
    }
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0)
        rc = accounts_team_update(req->db, &by, req->params[0], version, name, &err);
    if (rc == 0)
        rc = svc_audit(&c, "update", "team", req->params[0], NULL, "admin", &err);
    if (rc == 0)
        rc = store_tx_commit(req->db, &err);
    else
        store_tx_rollback(req->db);
    json_decref(body);
    json_decref(errors);
    if (rc != 0) {
        api_fail(req, res, rc == STORE_ENOTFOUND ? SVC_STALE : SVC_FAILED, NULL, "team");
        return;
    }
    h_team_get(req, res);
}

/* ---- users ---------------------------------------------------------------- */

void h_user_list(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return;
    struct store_error err = {0};
    json_t *items = accounts_user_list(req->db, req->who.org_id, http_query(req, "cursor"), limit + 1, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return;
    }
    json_t *next = json_null();
    if (json_array_size(items) > (size_t)limit) {
        json_array_remove(items, (size_t)limit);
        next = json_incref(json_object_get(json_array_get(items, (size_t)limit - 1), "id"));
    }
    if (api_audit_read(req, res, "user_list", req->who.org_id, NULL, "admin") < 0) {
        json_decref(items);
        json_decref(next);
        return;
    }
    http_json(res, 200, json_pack("{s:o, s:o}", "items", items, "next_cursor", next));
}

static int create_user(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    json_t *errors = json_array();
    struct user_input u = {req->who.org_id, api_str(body, "username", errors),
                           api_str(body, "display_name", errors), api_str(body, "role", errors),
                           api_str(body, "profession", errors), api_str(body, "password", errors),
                           json_object_get(body, "teams")};
    if (u.team_codes && json_is_string(u.team_codes)) {
        /* A form with one team sends a string, not a list. */
        json_t *one = json_array();
        json_array_append(one, u.team_codes);
        json_object_set_new(body, "teams", one);
        u.team_codes = one;
    }
    struct svc_ctx c = api_svc_ctx(req);
    int rc = svc_user_add(&c, &u, errors, id);
    if (rc != SVC_OK)
        api_fail(req, res, rc, errors, "user");
    json_decref(errors);
    return rc;
}

void h_user_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    if (create_user(req, res, body, id) == SVC_OK) {
        struct store_error err = {0};
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/users/%s", id));
        http_etag(res, req, 1);
        http_json(res, 201, accounts_user_get(req->db, id, &err));
    }
    json_decref(body);
}

/* Self, or an org admin of the same organisation. */
static json_t *load_user_for(struct request *req, struct response *res, const char **basis)
{
    struct store_error err = {0};
    json_t *u = accounts_user_get(req->db, req->params[0], &err);
    if (!u) {
        api_fail(req, res, err.code == STORE_ENOTFOUND ? SVC_NOTFOUND : SVC_FAILED, NULL, "user");
        return NULL;
    }
    int self = strcmp(req->params[0], req->who.user_id) == 0;
    int admin = role_allows(req->who.role, PERM_ORG_ADMIN) &&
                strcmp(json_string_value(json_object_get(u, "org_id")), req->who.org_id) == 0;
    if (!self && !admin) {
        json_decref(u);
        http_problem(res, req, 403, "forbidden", "Not allowed",
                     "You can see your own account, or your organisation's accounts as its administrator.");
        return NULL;
    }
    *basis = self ? "self" : "admin";
    return u;
}

void h_user_get(struct request *req, struct response *res)
{
    const char *basis;
    json_t *u = load_user_for(req, res, &basis);
    if (!u)
        return;
    if (api_audit_read(req, res, "user", req->params[0], NULL, basis) < 0) {
        json_decref(u);
        return;
    }
    http_etag(res, req, json_integer_value(json_object_get(u, "version")));
    http_json(res, 200, u);
}
