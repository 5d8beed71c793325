/* PATCH /api/v1/users/{id} and the admin pages for users and teams. */
#include "api/api.h"
#include "api/handlers.h"
#include "domain/roles.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

static const char *or_default(const char *v, json_t *u, const char *key)
{
    return v ? v : json_string_value(json_object_get(u, key));
}

static int apply_user_update(struct request *req, json_t *u, json_t *body, json_t *errors)
{
    const char *name = or_default(api_str(body, "display_name", errors), u, "display_name");
    const char *role = or_default(api_str(body, "role", errors), u, "role");
    const char *prof = or_default(api_str(body, "profession", errors), u, "profession");
    json_t *act = json_object_get(body, "active");
    int active = json_is_true(json_object_get(u, "active"));
    if (act && !json_is_boolean(act))
        http_add_error(errors, "active", "must be true or false");
    else if (act)
        active = json_is_true(act);
    if (!name || !*name || strlen(name) > 200)
        http_add_error(errors, "display_name", "is required and at most 200 characters");
    if (!role_is_valid(role))
        http_add_error(errors, "role", "is not a known role");
    if (!profession_is_valid(prof))
        http_add_error(errors, "profession", "is not a known profession");
    if (json_array_size(errors))
        return SVC_INVALID;
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct store_error err = {0};
    long long version = json_integer_value(json_object_get(u, "version"));
    int rc = store_tx_begin(req->db, STORE_TX_WRITE, &err);
    if (rc == 0)
        rc = accounts_user_update(req->db, &by, req->params[0], version, name, role, prof, active, &err);
    if (rc == 0 && !active)   /* a deactivated account loses its sessions at once */
        rc = accounts_sessions_delete_for_user(req->db, req->params[0], &err);
    if (rc == 0)
        rc = svc_audit(&c, "update", "user", req->params[0], NULL, "admin", &err);
    if (rc == 0 && store_tx_commit(req->db, &err) == 0)
        return SVC_OK;
    store_tx_rollback(req->db);
    return rc == STORE_ENOTFOUND ? SVC_STALE : SVC_FAILED;
}

void h_user_update(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *u = accounts_user_get(req->db, req->params[0], &err);
    if (!u || strcmp(json_string_value(json_object_get(u, "org_id")), req->who.org_id) != 0) {
        json_decref(u);
        api_fail(req, res, u || err.code == STORE_ENOTFOUND ? SVC_NOTFOUND : SVC_FAILED, NULL, "user");
        return;
    }
    json_t *body = http_body_json(req, res);
    if (!body || http_check_version(req, res, body, json_integer_value(json_object_get(u, "version"))) < 0) {
        json_decref(body);
        json_decref(u);
        return;
    }
    json_t *errors = json_array();
    int rc = apply_user_update(req, u, body, errors);
    json_decref(body);
    json_decref(u);
    if (rc != SVC_OK) {
        api_fail(req, res, rc, errors, "user");
        json_decref(errors);
        return;
    }
    json_decref(errors);
    u = accounts_user_get(req->db, req->params[0], &err);
    http_etag(res, req, json_integer_value(json_object_get(u, "version")));
    http_json(res, 200, u);
}

/* ---- pages ---------------------------------------------------------------- */

static json_t *choices(const char *const *names, int n, const char *selected)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:b}", "value", names[i], "selected",
                                             selected && strcmp(selected, names[i]) == 0));
    return arr;
}

static void user_form(struct request *req, struct response *res, int status, json_t *form, json_t *errors)
{
    struct store_error err = {0};
    json_t *data = json_pack("{s:o, s:o, s:o, s:O?, s:b, s:O?}",
        "roles", choices(role_names, role_count, json_string_value(json_object_get(form, "role"))),
        "professions", choices(profession_names, profession_count,
                               json_string_value(json_object_get(form, "profession"))),
        "teams", accounts_team_list(req->db, req->who.org_id, &err),
        "form", form, "has_errors", json_array_size(errors) > 0, "errors", errors);
    web_page(req, res, status, "admin_user_new", "Add a user", data);
}

void p_admin_users(struct request *req, struct response *res)
{
    h_user_list(req, res);
    if (res->status != 200)
        return;
    json_t *data = res->json;
    res->json = NULL;
    web_page(req, res, 200, "admin_users", "Users", data);
}

void p_admin_user_new(struct request *req, struct response *res)
{
    user_form(req, res, 200, NULL, NULL);
}

void p_admin_user_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    h_user_create(req, res);
    if (res->status == 201) {
        http_redirect(res, req, "/admin/users");
    } else if (res->status == 422 || res->status == 409) {
        json_t *errors = json_incref(json_object_get(res->json, "errors"));
        if (!errors) {
            errors = json_array();
            http_add_error(errors, "username", "is already taken");
        }
        json_object_del(body, "password");
        user_form(req, res, res->status, body, errors);
        json_decref(errors);
    }
    json_decref(body);
}

void p_admin_teams(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *teams = accounts_team_list(req->db, req->who.org_id, &err);
    if (!teams) {
        http_internal(res, req, 503, err.message);
        return;
    }
    web_page(req, res, 200, "admin_teams", "Teams", json_pack("{s:o}", "items", teams));
}

void p_admin_team_create(struct request *req, struct response *res)
{
    h_team_create(req, res);
    if (res->status == 201)
        http_redirect(res, req, "/admin/teams");
}
