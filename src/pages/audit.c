/* The audit viewer page (svc/audit_view.h): the same query as the API with
 * the filter kept in the form. */
#include "api/api.h"
#include "api/handlers.h"
#include "audit/checkpoint.h"
#include "domain/dates.h"
#include "pages/page.h"
#include "svc/audit_view.h"
#include "web/web.h"

/* The newest checkpoint this server signed and whether the log still has
 * that entry with that hash, and the chain verified since (NULL when
 * checkpoints are off or none has been written yet). No personal data. */
static json_t *checkpoint_status(struct request *req)
{
    struct checkpoint cp;
    int64_t broken = 0;
    if (checkpointer_last(req->app->checkpoints, &cp, &broken) != 0)
        return NULL;
    struct domain_error de;
    char when[TIMESTAMP_UK_SIZE] = "";
    int64_t t;
    int matches = 1, rc = SVC_OK;
    for (int i = 0; rc == SVC_OK && matches && i < cp.heads.n; i++)   /* every chain's head it signed */
        if (audit_head_has_entry(&cp.heads, i + 1))
            rc = svc_audit_entry_matches(api_ctx(req), cp.heads.pos[i].seq, cp.heads.pos[i].hash, &matches);
    if (timestamp_parse(cp.at, "at", &t, &de) == 0)
        timestamp_format_uk(t, when);
    return json_pack("{s:I, s:s, s:b, s:b, s:I, s:b}", "seq", (json_int_t)checkpoint_seq(&cp), "when", when, "matches",
                     rc == SVC_OK && matches && !broken, "unknown", rc != SVC_OK, "broken_seq", (json_int_t)broken,
                     "broken", broken != 0);
}

void p_audit(struct request *req, struct response *res)
{
    struct svc_audit_query q;
    json_t *data = NULL;
    if (api_audit_query(req, res, &q) < 0)
        return;
    struct svc_ctx *c = api_ctx(req);
    int rc = svc_audit_view(c, &q, &data);
    if (rc != SVC_OK && rc != SVC_INVALID) {
        api_result(req, res, rc);
        return;
    }
    /* Found by username and NHS number, as people know them (issue #14 item 16). */
    json_t *page = page_error_data(rc == SVC_INVALID ? c->errors : NULL);
    json_object_set_new(page, "items", rc == SVC_OK ? json_incref(json_object_get(data, "items")) : json_array());
    json_object_set(page, "next_cursor", rc == SVC_OK ? json_object_get(data, "next_cursor") : json_null());
    json_object_set_new(page, "filter", json_pack("{s:s, s:s, s:s, s:s}", "username", q.username ? q.username : "",
                        "nhs_number", q.nhs_number ? q.nhs_number : "", "from", q.from ? q.from : "",
                        "to", q.to ? q.to : ""));
    json_t *cp = checkpoint_status(req);
    if (cp)
        json_object_set_new(page, "checkpoint", cp);
    web_page(req, res, rc == SVC_OK ? 200 : 422, "audit", "Audit log", page);
}
