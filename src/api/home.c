/* The home page: who you are, your organisation and teams, and what you can
 * do from here. */
#include "api/api.h"
#include "api/handlers.h"
#include "web/web.h"

void p_home(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *me = accounts_user_get(req->db, req->who.user_id, &err);
    if (!me) {
        http_internal(res, req, 503, err.message);
        return;
    }
    web_page(req, res, 200, "home", "Home", json_pack("{s:o}", "me", me));
}
