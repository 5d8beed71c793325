/* The audit viewer page (svc/audit_view.h): the same query as the API with
 * the filter kept in the form. */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/audit_view.h"
#include "web/web.h"

void p_audit(struct request *req, struct response *res)
{
    struct svc_audit_query q;
    json_t *data;
    if (api_audit_query(req, res, &q) < 0)
        return;
    int rc = svc_audit_view(api_ctx(req), &q, &data);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_t *page = json_pack("{s:O, s:O, s:{s:s, s:s, s:s, s:s}}", "items", json_object_get(data, "items"),
                             "next_cursor", json_object_get(data, "next_cursor"), "filter",
                             "user_id", q.user_id ? q.user_id : "", "person_id", q.person_id ? q.person_id : "",
                             "from", q.from ? q.from : "", "to", q.to ? q.to : "");
    web_page(req, res, 200, "audit", "Audit log", page);
}
