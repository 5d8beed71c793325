/* JSON API of Care Act needs assessments (svc/care_act.h): decode, call
 * the service, encode. */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/care_act.h"

/* A service's record (owned by the context) as the response, or its refusal. */
/* After a write: the assessment without the person's identifying details
 * (the write itself is audited; the record is read with GET). */
static void respond(struct request *req, struct response *res, const char *id, int status)
{
    json_t *a = NULL;
    int rc = svc_care_act_written(api_ctx(req), id, &a);
    api_reply_record(req, res, rc, status, &a);
}

void h_care_act_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    char id[STORE_ID_LEN];
    int rc = svc_care_act_create(api_ctx(req), req->params[0], body, id);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/care-act/assessments/%s", id));
    respond(req, res, id, 201);
}

void h_care_act_list(struct request *req, struct response *res)
{
    json_t *items = NULL;
    int rc = svc_care_act_list(api_ctx(req), req->params[0], &items);
    api_reply_list(req, res, rc, &items);
}

void h_care_act_get(struct request *req, struct response *res)
{
    json_t *a = NULL;
    int rc = svc_care_act_read(api_ctx(req), req->params[0], &a);
    api_reply_record(req, res, rc, 200, &a);
}

enum write { UPDATE, COMPLETE, AUTHORISE };

static void write_with(struct request *req, struct response *res, enum write w)
{
    json_t *body = arena_json(&req->arena, req->body.len ? http_body_json(req, res) : json_object());
    if (!body)
        return;
    struct svc_ctx *c = api_ctx(req);
    struct svc_expect e = api_expect(req, body);
    const char *id = req->params[0];
    int rc = w == UPDATE ? svc_care_act_update(c, id, body, &e)
           : w == COMPLETE ? svc_care_act_complete(c, id, body, &e)
           : svc_care_act_authorise(c, id, &e);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        respond(req, res, id, 200);
}

void h_care_act_update(struct request *req, struct response *res) { write_with(req, res, UPDATE); }
void h_care_act_complete(struct request *req, struct response *res) { write_with(req, res, COMPLETE); }
void h_care_act_authorise(struct request *req, struct response *res) { write_with(req, res, AUTHORISE); }
