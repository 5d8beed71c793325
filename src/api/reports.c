/* JSON API of the board measures (svc/reports.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/reports.h"

void h_referral_report(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_referral_report(api_ctx(req), http_query(req, "from"), http_query(req, "to"),
                                 http_query(req, "target"), &out);
    api_reply(req, res, rc, 200, &out);
}

void h_chc_report(struct request *req, struct response *res)
{
    json_t *out;
    int rc = svc_chc_report(api_ctx(req), http_query(req, "from"), http_query(req, "to"), http_query(req, "by"),
                            &out);
    api_reply(req, res, rc, 200, &out);
}
