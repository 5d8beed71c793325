/* Pages of the case-finding lists that feed an MDT meeting's agenda
 * (svc/cohorts.h), with the next meeting of the user's teams in the
 * locality to add people to (svc/meetings.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/cohorts.h"
#include "svc/meetings.h"
#include "util/num.h"
#include "web/web.h"
#include <string.h>

void p_cohorts_home(struct request *req, struct response *res)
{
    struct svc_ctx *c = api_ctx(req);
    json_t *locs;
    int rc = svc_my_localities(c, &locs);
    const char *code = rc == SVC_OK ? json_string_value(json_object_get(json_array_get(locs, 0), "code")) : NULL;
    if (code)
        http_redirect(res, req, arena_printf(&req->arena, "/cohorts/%s/ltc5", code));
    else
        api_result(req, res, rc != SVC_OK ? rc : svc_refuse(c, SVC_NOT_IN_LOCALITY, "No locality",
                   "Case-finding lists are for members of a locality's teams; you are in none."));
}

/* The next meeting of the user's teams in this locality, to add people to. */
static json_t *next_meeting(struct request *req, const char *locality)
{
    json_t *list, *m;
    size_t i;
    if (svc_meeting_list(api_ctx(req), NULL, &list) != SVC_OK)
        return NULL;
    json_array_foreach(list, i, m) {
        const char *lc = json_string_value(json_object_get(m, "locality_code"));
        if (lc && strcmp(lc, locality) == 0)
            return json_incref(m);
    }
    return NULL;
}

void p_cohort(struct request *req, struct response *res)
{
    const char *p = http_query(req, "page");
    int page = p ? num_int_or(p, 0) : 1;
    if (page < 1)
        page = 1;
    json_t *c;
    int rc = svc_cohort_page(api_ctx(req), req->params[0], req->params[1], page, NULL, 50, &c);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(c, "items"), i, it)
        json_object_set(it, "person_id", json_object_get(it, "id"));
    json_int_t pages = json_integer_value(json_object_get(c, "pages"));
    json_t *data = json_pack("{s:O, s:o?}", "c", c, "meeting", next_meeting(req, req->params[0]));
    if (page > 1)
        json_object_set_new(data, "prev", json_integer(page - 1));
    if (page < pages)
        json_object_set_new(data, "next", json_integer(page + 1));
    web_page(req, res, 200, "cohort", "Case-finding", data);
}
