/* GET /api/v1/audit: the privacy officer's audit viewer (svc/audit_view.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "http/form.h"
#include "svc/audit_view.h"

static const char *opt(struct request *req, const char *name)
{
    const char *v = http_query(req, name);
    return v && *v ? v : NULL;
}

/* A date from ?name= or, from the page, the NHS.UK date input's three
 * fields name-day, name-month, name-year (http/form.h form_date_join). */
static const char *opt_date(struct request *req, const char *name)
{
    const char *v = opt(req, name);
    if (v)
        return v;
    const char *d = http_query(req, arena_printf(&req->arena, "%s-day", name));
    const char *m = http_query(req, arena_printf(&req->arena, "%s-month", name));
    const char *y = http_query(req, arena_printf(&req->arena, "%s-year", name));
    if (!d && !m && !y)
        return NULL;
    char *out = arena_alloc(&req->arena, FORM_DATE_SIZE);
    form_date_join(d ? d : "", m ? m : "", y ? y : "", out);
    return *out ? out : NULL;
}

int api_audit_query(struct request *req, struct response *res, struct svc_audit_query *q)
{
    *q = (struct svc_audit_query){.user_id = opt(req, "user_id"), .person_id = opt(req, "person_id"),
                                  .username = opt(req, "username"), .nhs_number = opt(req, "nhs_number"),
                                  .from = opt_date(req, "from"), .to = opt_date(req, "to"), .cursor = opt(req, "cursor"),
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
    api_reply(req, res, rc, 200, &data);
}
