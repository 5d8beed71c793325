/* JSON API after an NHS CHC decision: reviews, the person's challenges and
 * personal health budgets (chc_followup_api.h). */
#include "api/api.h"
#include "api/chc_followup_api.h"
#include "api/handlers.h"
#include <string.h>

typedef int (*create_fn)(struct request *, struct response *, const char *, json_t *, char[25]);
typedef json_t *(*read_fn)(struct request *, struct response *, const char *);

/* POST that creates a record under a case, answered with its read. */
static void create(struct request *req, struct response *res, create_fn make, read_fn read, const char *path)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    if (make(req, res, req->params[0], body, id) == 0) {
        /* A review has no page of its own: it shows in the case's after-decision view. */
        http_header_add(res, req, "Location", strcmp(path, "cases") == 0
                        ? arena_printf(&req->arena, "/api/v1/chc/cases/%s/after-decision", req->params[0])
                        : arena_printf(&req->arena, "/api/v1/chc/%s/%s", path, id));
        http_json_record(res, req, 201, read(req, res, id));
    }
    json_decref(body);
}

static json_t *case_after_review(struct request *req, struct response *res, const char *id)
{
    (void)id;
    return chc_followup_read(req, res, req->params[0]);
}

void h_chc_review_create(struct request *req, struct response *res)
{
    create(req, res, chc_review_record, case_after_review, "cases");
}

void h_chc_challenge_create(struct request *req, struct response *res)
{
    create(req, res, chc_challenge_open, chc_challenge_read, "challenges");
}

void h_chc_phb_create(struct request *req, struct response *res)
{
    create(req, res, chc_phb_create, chc_phb_read, "phbs");
}

void h_chc_followup_get(struct request *req, struct response *res)
{
    http_json_record(res, req, 200, chc_followup_read(req, res, req->params[0]));
}

void h_chc_challenge_get(struct request *req, struct response *res)
{
    http_json_record(res, req, 200, chc_challenge_read(req, res, req->params[0]));
}

void h_chc_phb_get(struct request *req, struct response *res)
{
    http_json_record(res, req, 200, chc_phb_read(req, res, req->params[0]));
}

void h_chc_challenge_outcome(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (chc_challenge_conclude(req, res, req->params[0], body) == 0)
        http_json_record(res, req, 200, chc_challenge_read(req, res, req->params[0]));
    json_decref(body);
}

void h_chc_phb_update(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (chc_phb_change(req, res, req->params[0], body) == 0)
        http_json_record(res, req, 200, chc_phb_read(req, res, req->params[0]));
    json_decref(body);
}

void h_chc_reviews_due(struct request *req, struct response *res)
{
    const char *state = http_query(req, "state");
    if (state && *state && strcmp(state, "overdue") && strcmp(state, "due_soon") && strcmp(state, "scheduled") &&
        strcmp(state, "all")) {
        json_t *errors = json_array();
        http_add_error(errors, "state", "must be overdue, due_soon, scheduled or all");
        http_validation(res, req, errors);
        return;
    }
    json_t *items = chc_reviews_due(req, res, state && *state && strcmp(state, "all") ? state : NULL);
    if (items)
        http_json(res, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}
