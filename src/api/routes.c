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

    {"GET", "/api/v1/persons", h_person_search, PERM_PERSONAL_DATA},
    {"POST", "/api/v1/persons", h_person_create, PERM_PERSONAL_DATA},
    {"GET", "/api/v1/persons/{id}", h_person_get, PERM_PERSONAL_DATA},
    {"PATCH", "/api/v1/persons/{id}", h_person_update, PERM_PERSONAL_DATA},
    {"POST", "/api/v1/persons/{id}/merge", h_person_merge, PERM_ORG_ADMIN},
    {"GET", "/api/v1/persons/{id}/access-log", h_person_access_log, PERM_PERSONAL_DATA},
    {"GET", "/api/v1/persons/{id}/timeline", h_person_timeline, PERM_PERSONAL_DATA},
    {"POST", "/api/v1/persons/{id}/break-glass", h_break_glass, PERM_PERSONAL_DATA},
    {"GET", "/api/v1/break-glass", h_break_glass_list, PERM_PRIVACY_OFFICER},
    {"POST", "/api/v1/break-glass/{id}/review", h_break_glass_review, PERM_PRIVACY_OFFICER},

    {"POST", "/api/v1/referrals", h_referral_create, PERM_PERSONAL_DATA},
    {"GET", "/api/v1/referrals/{id}", h_referral_get, PERM_PERSONAL_DATA},
    {"POST", "/api/v1/referrals/{id}/triage", h_referral_triage, PERM_PERSONAL_DATA},
    {"POST", "/api/v1/referrals/{id}/accept", h_referral_accept, PERM_PERSONAL_DATA},
    {"POST", "/api/v1/referrals/{id}/decline", h_referral_decline, PERM_PERSONAL_DATA},
    {"GET", "/api/v1/referral-routes", h_referral_routes, PERM_LOGGED_IN},
    {"GET", "/api/v1/teams/{id}/queue", h_team_queue, PERM_PERSONAL_DATA},
    {"POST", "/api/v1/teams/{id}/trusted-assessors", h_trusted_assessor_add, PERM_ORG_ADMIN},

    {"GET", "/api/v1/localities", h_localities, PERM_LOGGED_IN},
    {"GET", "/api/v1/localities/{code}/cohorts/{kind}", h_cohort, PERM_PERSONAL_DATA},
    {"PUT", "/api/v1/persons/{id}/case-finding", h_case_finding_put, PERM_PERSONAL_DATA},

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
    {"GET", "/persons", p_person_search, PERM_PERSONAL_DATA},
    {"GET", "/persons/new", p_person_new, PERM_PERSONAL_DATA},
    {"POST", "/persons", p_person_create, PERM_PERSONAL_DATA},
    {"GET", "/persons/{id}", p_person, PERM_PERSONAL_DATA},
    {"GET", "/persons/{id}/edit", p_person_edit, PERM_PERSONAL_DATA},
    {"POST", "/persons/{id}/edit", p_person_edit_post, PERM_PERSONAL_DATA},
    {"GET", "/persons/{id}/break-glass", p_break_glass, PERM_PERSONAL_DATA},
    {"POST", "/persons/{id}/break-glass", p_break_glass_post, PERM_PERSONAL_DATA},
    {"GET", "/privacy/break-glass", p_break_glass_review_list, PERM_PRIVACY_OFFICER},
    {"POST", "/privacy/break-glass/{id}/review", p_break_glass_review_post, PERM_PRIVACY_OFFICER},
    {"GET", "/referrals/new", p_referral_new, PERM_PERSONAL_DATA},
    {"POST", "/referrals", p_referral_create, PERM_PERSONAL_DATA},
    {"GET", "/referrals/{id}", p_referral, PERM_PERSONAL_DATA},
    {"POST", "/referrals/{id}/triage", p_referral_triage, PERM_PERSONAL_DATA},
    {"POST", "/referrals/{id}/accept", p_referral_accept, PERM_PERSONAL_DATA},
    {"POST", "/referrals/{id}/decline", p_referral_decline, PERM_PERSONAL_DATA},
    {"GET", "/teams/{id}/queue", p_team_queue, PERM_PERSONAL_DATA},
    {NULL, NULL, NULL, PERM_UNSET},
};
