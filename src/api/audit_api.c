/* GET /api/v1/audit: the privacy officer's audit viewer (svc/audit_view.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/audit_view.h"

static const char *opt(struct request *req, const char *name)
{
    const char *v = http_query(req, name);
    return v && *v ? v : NULL;
}

int api_audit_query(struct request *req, struct response *res, struct svc_audit_query *q)
{
    *q = (struct svc_audit_query){.user_id = opt(req, "user_id"), .person_id = opt(req, "person_id"),
                                  .username = opt(req, "username"), .nhs_number = opt(req, "nhs_number"),
                                  .from = opt(req, "from"), .to = opt(req, "to"), .cursor = opt(req, "cursor"),
                                  .limit = api_limit(req, res)};
    return q->limit < 0 ? -1 : 0;
}

void h_audit_list(struct request *req, struct response *res)
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
    http_json(res, 200, json_incref(data));
}
