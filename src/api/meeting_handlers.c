/* JSON API of locality MDT meetings. */
#include "api/api.h"
#include "domain/board.h"
#include "api/handlers.h"
#include "api/meetings_api.h"
#include "store/meetings.h"
#include "util/clock.h"

static json_t *body_or_empty(struct request *req, struct response *res)
{
    return req->body.len ? http_body_json(req, res) : json_object();
}

static void reply_meeting(struct request *req, struct response *res, const char *id, int status)
{
    json_t *m = meeting_read(req, res, id);
    if (m)
        http_json(res, status, m);
}

void h_meeting_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (body && meeting_create(req, res, body, id) == 0) {
        http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/meetings/%s", id));
        reply_meeting(req, res, id, 201);
    }
    json_decref(body);
}

void h_meeting_list(struct request *req, struct response *res)
{
    struct store_error err = {0};
    char today[11];
    clock_today(today);
    const char *from = http_query(req, "from");
    json_t *rows = meetings_for_user(req->db, req->who.user_id, from ? from : today, &err);
    if (!rows)
        http_internal(res, req, 503, err.message);
    else
        http_json(res, 200, json_pack("{s:o}", "items", rows));
}

void h_meeting_get(struct request *req, struct response *res)
{
    reply_meeting(req, res, req->params[0], 200);
}

#define BODY_THEN(call)                                    \
    json_t *body = body_or_empty(req, res);                \
    if (body && (call) == 0)                               \
        reply_meeting(req, res, req->params[0], 201);      \
    json_decref(body)

void h_meeting_attendee_add(struct request *req, struct response *res)
{
    BODY_THEN(meeting_attendee_add(req, res, req->params[0], body));
}

void h_meeting_item_add(struct request *req, struct response *res)
{
    BODY_THEN(meeting_item_add(req, res, req->params[0], body));
}

void h_meeting_item_notes(struct request *req, struct response *res)
{
    json_t *body = body_or_empty(req, res);
    if (body && meeting_item_notes(req, res, req->params[0], req->params[1], body) == 0)
        reply_meeting(req, res, req->params[0], 200);
    json_decref(body);
}

void h_meeting_decision_add(struct request *req, struct response *res)
{
    char id[STORE_ID_LEN];
    json_t *body = body_or_empty(req, res);
    if (body && meeting_decision_add(req, res, req->params[0], body, id) == 0) {
        struct store_error err = {0};
        json_t *d = meetings_decision_get(req->db, id, &err);
        if (!d) {
            http_internal(res, req, 503, err.message);
        } else {
            int consensus = json_integer_value(json_object_get(d, "consensus")) != 0;
            json_object_set_new(d, "consensus", json_boolean(consensus));
            if (!consensus)   /* the one action that escalates */
                json_object_set_new(d, "escalate", json_string(arena_printf(&req->arena,
                                    "/api/v1/decisions/%s/shared-care-discussion", id)));
            http_json(res, 201, d);
        }
    }
    json_decref(body);
}

void h_meeting_action_add(struct request *req, struct response *res)
{
    char id[STORE_ID_LEN];
    json_t *body = body_or_empty(req, res);
    if (body && meeting_action_add(req, res, req->params[0], body, id) == 0) {
        struct store_error err = {0};
        json_t *a = meetings_action_get(req->db, id, &err);
        if (a)
            http_json(res, 201, a);
        else
            http_internal(res, req, 503, err.message);
    }
    json_decref(body);
}

void h_action_done(struct request *req, struct response *res)
{
    if (meeting_action_done(req, res, req->params[0]) == 0) {
        struct store_error err = {0};
        json_t *a = meetings_action_get(req->db, req->params[0], &err);
        if (a)
            http_json(res, 200, a);
        else
            http_internal(res, req, 503, err.message);
    }
}

void h_my_actions(struct request *req, struct response *res)
{
    json_t *items = work_list(req, res);
    if (items)
        http_json(res, 200, json_pack("{s:o}", "items", items));
}

void h_shared_care_open(struct request *req, struct response *res)
{
    char id[STORE_ID_LEN];
    json_t *body = body_or_empty(req, res);
    if (body && shared_care_open(req, res, req->params[0], body, id) == 0) {
        json_t *d = shared_care_read(req, res, id);
        if (d) {
            http_header_add(res, req, "Location", arena_printf(&req->arena, "/api/v1/shared-care-discussions/%s", id));
            http_json(res, 201, d);
        }
    }
    json_decref(body);
}

void h_shared_care_get(struct request *req, struct response *res)
{
    json_t *d = shared_care_read(req, res, req->params[0]);
    if (d)
        http_json(res, 200, d);
}

void h_shared_care_decide(struct request *req, struct response *res)
{
    json_t *body = body_or_empty(req, res);
    if (body && shared_care_decide(req, res, req->params[0], body) == 0)
        h_shared_care_get(req, res);
    json_decref(body);
}

/* For the governing board: decided shared care discussions, without
 * names or identifiers (board viewers never see personal data). */
void h_shared_care_report(struct request *req, struct response *res)
{
    struct store_error err = {0};
    const char *from = http_query(req, "from"), *to = http_query(req, "to");
    json_t *rows = meetings_board_report(req->db, from ? from : "0000", to ? to : "9999", &err);
    if (!rows) {
        http_internal(res, req, 503, err.message);
        return;
    }
    /* Counts of 1 to 4 are suppressed, and so is a total they would reveal. */
    size_t i;
    json_t *r;
    long long total = 0;
    int any_suppressed = 0;
    json_array_foreach(rows, i, r) {
        long long n = json_integer_value(json_object_get(r, "discussions"));
        total += n;
        json_object_set_new(r, "outcome_text", json_string(shared_care_outcome_words(
            json_string_value(json_object_get(r, "outcome")))));
        json_object_set_new(r, "suppressed", json_boolean(board_default_count_suppressed(n)));
        if (board_default_count_suppressed(n)) {
            any_suppressed = 1;
            json_object_set_new(r, "discussions", json_null());
        }
    }
    json_t *t = board_default_count_suppressed(total) || any_suppressed
                ? json_null() : json_integer(total);
    http_json(res, 200, json_pack("{s:o, s:o, s:b}", "items", rows, "total", t, "total_suppressed", json_is_null(t)));
}
