/* The home page: who you are, your organisation and teams, and what you can
 * do from here. */
#include "api/api.h"
#include "svc/bank_holidays.h"
#include "api/handlers.h"
#include "domain/roles.h"
#include "web/web.h"

void p_home(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *me = accounts_user_get(req->db, req->who.user_id, &err);
    if (!me) {
        http_internal(res, req, 503, err.message);
        return;
    }
    json_t *data = json_pack("{s:o}", "me", me);
    if (role_allows(req->who.role, PERM_ORG_ADMIN)) {
        /* Admins are told months ahead that next year's bank holidays are due. */
        json_t *st = svc_bank_holidays_status(req->db, &err);
        json_t *warning = st ? json_object_get(st, "warning") : NULL;
        if (json_is_string(warning))
            json_object_set(data, "bank_holiday_warning", warning);
        json_decref(st);
    }
    web_page(req, res, 200, "home", "Home", data);
}
