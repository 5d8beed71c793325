/* The home page: who you are, your organisation and teams, and what you can
 * do from here. */
#include "api/api.h"
#include "svc/bank_holidays.h"
#include "api/handlers.h"
#include "domain/care_plan.h"
#include "domain/roles.h"
#include <string.h>
#include "web/web.h"
#include "svc/referral_watch.h"
#include "svc/sessions.h"

void p_home(struct request *req, struct response *res)
{
    json_t *me;
    int rc0 = svc_session_me(api_ctx(req), &me);
    if (rc0 != SVC_OK) {
        api_result(req, res, rc0);
        return;
    }
    json_t *data = json_pack("{s:O}", "me", me);
    /* Each role's home page links its work (issue #14 item 14). */
    const char *r = req->who.role;
    json_object_set_new(data, "is_board", json_boolean(!strcmp(r, "board_viewer")));
    json_object_set_new(data, "is_panel", json_boolean(!strcmp(r, "panel_member")));
    json_object_set_new(data, "is_finance", json_boolean(!strcmp(r, "finance")));
    json_object_set_new(data, "is_returns_officer", json_boolean(!strcmp(req->who.org_type, "council") &&
                                                                 (!strcmp(r, "finance") || !strcmp(r, "org_admin"))));
    json_object_set_new(data, "is_manager", json_boolean(!strcmp(r, "team_manager")));
    json_object_set_new(data, "is_nurse", json_boolean(care_plan_registered_health(req->who.profession) &&
                                                       role_allows(r, PERM_PERSONAL_DATA)));
    json_object_set_new(data, "is_chc_team", json_boolean(!strcmp(req->who.org_type, "icb") &&
                                                          role_allows(r, PERM_PERSONAL_DATA)));
    if (!strcmp(r, "team_manager")) {
        /* Referrals past their standard that the manager's teams have not
         * accepted are escalated here (issue #14 item 15). */
        json_t *esc;
        int rc = svc_referrals_escalated(api_ctx(req), &esc);
        if (rc != SVC_OK) {
            json_decref(data);
            api_result(req, res, rc);
            return;
        }
        json_t *items = json_object_get(esc, "items");
        json_object_set(data, "escalated", items);
        json_object_set_new(data, "has_escalated", json_boolean(json_array_size(items) > 0));
    }
    if (role_allows(req->who.role, PERM_ORG_ADMIN)) {
        /* Admins are told months ahead that next year's bank holidays are due. */
        struct store_error err = {0};
        json_t *st = svc_bank_holidays_status(req->db, &err);
        json_t *warning = st ? json_object_get(st, "warning") : NULL;
        if (json_is_string(warning))
            json_object_set(data, "bank_holiday_warning", warning);
        json_decref(st);
    }
    web_page(req, res, 200, "home", "Home", data);
}
