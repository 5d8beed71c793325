/* JSON API of locality MDT meetings: decode, call the service
 * (svc/meetings.h), encode. */
#include "api/api.h"
#include "api/handlers.h"
#include "svc/meetings.h"

/* The body, or {} when there is none (an empty POST is a request too). */
static json_t *body_or_empty(struct request *req, struct response *res)
{
    return arena_json(&req->arena, req->body.len ? http_body_json(req, res) : json_object());
}

/* {items} of a list the service handed back, or its outcome. */
static void reply_items(struct request *req, struct response *res, int rc, json_t *items)
{
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_json(res, 200, json_pack("{s:O}", "items", items));
}

static void reply_meeting(struct request *req, struct response *res, const char *id, int status)
{
    json_t *m;
    int rc = svc_meeting_read(api_ctx(req), id, &m);
    api_reply(req, res, rc, status, &m);
}

void h_meeting_create(struct request *req, struct response *res)
{
    json_t *body = arena_json(&req->arena, http_body_json(req, res));
    if (!body)
        return;
    char id[STORE_ID_LEN];
    int rc = svc_meeting_create(api_ctx(req), body, id);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/meetings/%s", id));
    reply_meeting(req, res, id, 201);
}

void h_meeting_list(struct request *req, struct response *res)
{
    json_t *rows = NULL;
    int rc = svc_meeting_list(api_ctx(req), http_query(req, "from"), &rows);
    reply_items(req, res, rc, rows);
}

void h_meeting_get(struct request *req, struct response *res)
{
    reply_meeting(req, res, req->params[0], 200);
}

/* A change to the meeting: the meeting as it now stands (status). */
static void change(struct request *req, struct response *res, int status,
                   int (*call)(struct svc_ctx *, const char *, json_t *, const char *))
{
    json_t *body = body_or_empty(req, res);
    if (!body)
        return;
    int rc = call(api_ctx(req), req->params[0], body, req->params[1]);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        reply_meeting(req, res, req->params[0], status);
}

static int attendee(struct svc_ctx *c, const char *id, json_t *body, const char *item)
{
    (void)item;
    return svc_meeting_attendee_add(c, id, body);
}

static int agenda(struct svc_ctx *c, const char *id, json_t *body, const char *item)
{
    (void)item;
    return svc_meeting_item_add(c, id, body);
}

static int notes(struct svc_ctx *c, const char *id, json_t *body, const char *item)
{
    return svc_meeting_item_notes(c, id, item, body);
}

void h_meeting_attendee_add(struct request *req, struct response *res)
{
    change(req, res, 201, attendee);
}

void h_meeting_item_add(struct request *req, struct response *res)
{
    change(req, res, 201, agenda);
}

void h_meeting_item_notes(struct request *req, struct response *res)
{
    change(req, res, 200, notes);
}

void h_meeting_decision_add(struct request *req, struct response *res)
{
    json_t *body = body_or_empty(req, res), *d = NULL;
    if (!body)
        return;
    int rc = svc_meeting_decision_add(api_ctx(req), req->params[0], body, &d);
    if (rc == SVC_OK && !json_is_true(json_object_get(d, "consensus")))   /* the one action that escalates */
        json_object_set_new(d, "escalate", json_string(arena_printf(&req->arena,
                            "/api/v1/decisions/%s/shared-care-discussion", json_string_value(json_object_get(d, "id")))));
    api_reply(req, res, rc, 201, &d);
}

void h_meeting_action_add(struct request *req, struct response *res)
{
    json_t *body = body_or_empty(req, res), *a = NULL;
    if (!body)
        return;
    int rc = svc_meeting_action_add(api_ctx(req), req->params[0], body, &a);
    api_reply(req, res, rc, 201, &a);
}

void h_action_done(struct request *req, struct response *res)
{
    json_t *a = NULL;
    int rc = svc_meeting_action_done(api_ctx(req), req->params[0], &a);
    api_reply(req, res, rc, 200, &a);
}

void h_my_actions(struct request *req, struct response *res)
{
    json_t *items = NULL;
    int rc = svc_work_list(api_ctx(req), &items);
    reply_items(req, res, rc, items);
}

void h_shared_care_open(struct request *req, struct response *res)
{
    char id[STORE_ID_LEN];
    json_t *body = body_or_empty(req, res), *d = NULL;
    if (!body)
        return;
    int rc = svc_shared_care_open(api_ctx(req), req->params[0], body, 0, id);
    if (rc == SVC_OK)
        rc = svc_shared_care_read(api_ctx(req), id, &d);
    if (rc == SVC_OK)
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/shared-care-discussions/%s", id));
    api_reply(req, res, rc, 201, &d);
}

void h_shared_care_get(struct request *req, struct response *res)
{
    json_t *d = NULL;
    int rc = svc_shared_care_read(api_ctx(req), req->params[0], &d);
    api_reply(req, res, rc, 200, &d);
}

void h_shared_care_decide(struct request *req, struct response *res)
{
    json_t *body = body_or_empty(req, res);
    if (!body)
        return;
    int rc = svc_shared_care_decide(api_ctx(req), req->params[0], body);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        h_shared_care_get(req, res);
}

/* For the governing board: decided shared care discussions, without
 * names or identifiers (board viewers never see personal data). */
void h_shared_care_report(struct request *req, struct response *res)
{
    json_t *out = NULL;
    int rc = svc_shared_care_report(api_ctx(req), http_query(req, "from"), http_query(req, "to"), &out);
    api_reply(req, res, rc, 200, &out);
}
