/* The route table: every route names the one permission it needs (deny by
 * default; tests/unit/test_routes.c fails on a route left PERM_UNSET or a
 * public route not on its allow-list). Record-level checks (own
 * organisation, legitimate relationship) happen in the handlers. */
#include "api/handlers.h"
#include "http/router.h"

const struct route app_routes[] = {
    {"GET", "/healthz", h_healthz, PERM_PUBLIC},
    {"GET", "/static/{name}", h_static, PERM_PUBLIC},
    {"GET", "/assets/images/{name}", h_asset_image, PERM_PUBLIC},

    {"POST", "/api/v1/sessions", h_session_create, PERM_PUBLIC},
    {"DELETE", "/api/v1/sessions/current", h_session_delete, PERM_LOGGED_IN},
    {"GET", "/api/v1/me", h_me, PERM_LOGGED_IN},

    {"GET", "/api/v1/organisations", h_org_list, PERM_LOGGED_IN},
    {"GET", "/api/v1/teams", h_team_list, PERM_LOGGED_IN},
    {"POST", "/api/v1/teams", h_team_create, PERM_ORG_ADMIN},
    {"GET", "/api/v1/teams/{id}", h_team_get, PERM_LOGGED_IN},
    {"PATCH", "/api/v1/teams/{id}", h_team_update, PERM_ORG_ADMIN},
    {"GET", "/api/v1/users", h_user_list, PERM_ORG_ADMIN},
    {"POST", "/api/v1/users", h_user_create, PERM_ORG_ADMIN},
    {"GET", "/api/v1/users/{id}", h_user_get, PERM_LOGGED_IN},
    {"PATCH", "/api/v1/users/{id}", h_user_update, PERM_ORG_ADMIN},

    {"GET", "/api/v1/tokens", h_token_list, PERM_LOGGED_IN},
    {"POST", "/api/v1/tokens", h_token_create, PERM_LOGGED_IN},
    {"DELETE", "/api/v1/tokens/{id}", h_token_revoke, PERM_LOGGED_IN},

    {"GET", "/api/v1/audit", h_audit_list, PERM_PRIVACY_OFFICER},

    {"GET", "/login", p_login, PERM_PUBLIC},
    {"POST", "/login", p_login_post, PERM_PUBLIC},
    {"POST", "/logout", p_logout, PERM_LOGGED_IN},
    {"GET", "/", p_home, PERM_LOGGED_IN},
    {"GET", "/admin/users", p_admin_users, PERM_ORG_ADMIN},
    {"GET", "/admin/users/new", p_admin_user_new, PERM_ORG_ADMIN},
    {"POST", "/admin/users", p_admin_user_create, PERM_ORG_ADMIN},
    {"GET", "/admin/teams", p_admin_teams, PERM_ORG_ADMIN},
    {"POST", "/admin/teams", p_admin_team_create, PERM_ORG_ADMIN},
    {"GET", "/account/tokens", p_tokens, PERM_LOGGED_IN},
    {"POST", "/account/tokens", p_token_create, PERM_LOGGED_IN},
    {"POST", "/account/tokens/{id}/revoke", p_token_revoke, PERM_LOGGED_IN},
    {"GET", "/audit", p_audit, PERM_PRIVACY_OFFICER},
    {NULL, NULL, NULL, PERM_UNSET},
};
