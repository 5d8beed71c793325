/* The admin pages for users and teams (svc/accounts.h): the same services
 * as the JSON API. */
#include "api/api.h"
#include "api/handlers.h"
#include "domain/roles.h"
#include "svc/accounts.h"
#include "web/web.h"
#include <string.h>

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
    json_t *teams = NULL;
    svc_org_teams(api_ctx(req), &teams);   /* the form still shows without them */
    json_t *data = json_pack("{s:o, s:o, s:O?, s:O?, s:b, s:O?}",
        "roles", choices(role_names, role_count, json_string_value(json_object_get(form, "role"))),
        "professions", choices(profession_names, profession_count,
                               json_string_value(json_object_get(form, "profession"))),
        "teams", teams, "form", form, "has_errors", json_array_size(errors) > 0, "errors", errors);
    web_page(req, res, status, "admin_user_new", "Add a user", data);
}

void p_admin_users(struct request *req, struct response *res)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return;
    json_t *out;
    int rc = svc_user_list(api_ctx(req), http_query(req, "cursor"), limit, &out);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    size_t i;
    json_t *u;
    json_array_foreach(json_object_get(out, "items"), i, u)   /* its tokens are the admin's to issue */
        json_object_set_new(u, "is_integration", json_boolean(json_is_string(json_object_get(u, "role")) &&
                            strcmp(json_string_value(json_object_get(u, "role")), "integration") == 0));
    web_page(req, res, 200, "admin_users", "Users", json_incref(out));
}

void p_admin_user_new(struct request *req, struct response *res)
{
    user_form(req, res, 200, NULL, NULL);
}

void p_admin_user_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    char id[STORE_ID_LEN];
    int rc = api_user_create(req, body, id);
    if (rc == SVC_OK) {
        http_redirect(res, req, "/admin/users");
        return;
    }
    if (rc != SVC_INVALID && rc != SVC_CONFLICT) {
        api_result(req, res, rc);
        return;
    }
    json_t *errors = api_ctx(req)->errors;
    if (rc == SVC_CONFLICT) {
        errors = arena_json(&req->arena, json_array());
        svc_error_add(errors, "username", "is already taken");
    }
    json_object_del(body, "password");
    user_form(req, res, rc == SVC_CONFLICT ? 409 : 422, body, errors);
}

void p_admin_teams(struct request *req, struct response *res)
{
    json_t *teams = NULL;
    int rc = svc_org_teams(api_ctx(req), &teams);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        web_page(req, res, 200, "admin_teams", "Teams", json_pack("{s:O}", "items", teams));
}

void p_admin_team_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    char id[STORE_ID_LEN];
    int rc = api_team_create(req, body, id);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_redirect(res, req, "/admin/teams");
}
