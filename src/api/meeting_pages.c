/* Pages for running a locality MDT meeting: the list and planning form,
 * the meeting on one screen (agenda, notes, decisions, actions,
 * escalation), shared care discussions, the work list and the
 * case-finding lists that feed the agenda. Same functions as the API. */
#include "api/api.h"
#include "api/person_access.h"
#include "domain/board.h"
#include "api/cohorts_api.h"
#include "api/handlers.h"
#include "api/meetings_api.h"
#include "store/localities.h"
#include "store/meetings.h"
#include "util/clock.h"
#include "web/web.h"
#include "util/num.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void meetings_page(struct request *req, struct response *res, int status, json_t *form, json_t *errors)
{
    struct store_error err = {0};
    char today[11];
    clock_today(today);
    json_t *me = accounts_user_get(req->db, req->who.user_id, &err);
    json_t *list = meetings_for_user(req->db, req->who.user_id, today, &err);
    if (!me || !list) {
        json_decref(me);
        json_decref(list);
        http_internal(res, req, 503, err.message);
        return;
    }
    json_t *data = api_error_data(errors);
    json_object_set_new(data, "teams", json_incref(json_object_get(me, "teams")));
    json_object_set_new(data, "meetings", list);
    json_object_set_new(data, "has_meetings", json_boolean(json_array_size(list) > 0));
    json_object_set_new(data, "form", form ? json_incref(form) : json_object());
    json_decref(me);
    web_page(req, res, status, "meetings", "MDT meetings", data);
}

void p_meetings(struct request *req, struct response *res)
{
    meetings_page(req, res, 200, NULL, NULL);
}

void p_meeting_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (body && meeting_create(req, res, body, id) == 0) {
        http_redirect(res, req, arena_printf(&req->arena, "/meetings/%s", id));
    } else if (body) {
        json_t *errors = api_take_errors(res, NULL);
        if (errors)
            meetings_page(req, res, 422, body, errors);
        json_decref(errors);
    }
    json_decref(body);
}

/* Owner choices for actions: the meeting's team and each attendee with an account. */
static json_t *owners(json_t *m)
{
    json_t *o = json_array();
    json_array_append_new(o, json_pack("{s:s+, s:s+}", "value", "team:", json_string_value(json_object_get(m, "team_id")),
                                       "label", "Team: ", json_string_value(json_object_get(m, "team_name"))));
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(m, "attendees"), i, a)
        if (json_is_string(json_object_get(a, "user_id")))
            json_array_append_new(o, json_pack("{s:s+, s:O}", "value", "user:",
                                               json_string_value(json_object_get(a, "user_id")), "label",
                                               json_object_get(a, "name")));
    return o;
}

static void meeting_page(struct request *req, struct response *res, const char *id, int status, json_t *errors)
{
    json_t *m = meeting_read(req, res, id);
    if (!m)
        return;
    struct store_error err = {0};
    json_t *colleagues = meetings_attendee_candidates(req->db, id, &err);
    json_object_set_new(m, "colleagues", colleagues ? colleagues : json_array());
    json_object_set_new(m, "owners", owners(m));
    json_t *not_yet = json_array();
    meeting_held_check(m, "held_on", not_yet);
    json_object_set_new(m, "is_held", json_boolean(json_array_size(not_yet) == 0));
    json_decref(not_yet);
    json_object_set_new(m, "attendee_count", json_integer((json_int_t)json_array_size(json_object_get(m, "attendees"))));
    char due[11];
    clock_date_offset(14, due);
    json_t *data = api_error_data(errors);
    json_object_set_new(data, "m", m);
    json_object_set_new(data, "default_due", json_string(due));
    web_page(req, res, status, "meeting", "MDT meeting", data);
}

void p_meeting(struct request *req, struct response *res)
{
    meeting_page(req, res, req->params[0], 200, NULL);
}

/* After a change on the meeting page: back to it, or the page with errors. */
static void after_change(struct request *req, struct response *res, int rc, const char *anchor)
{
    if (rc == 0) {
        http_redirect(res, req, arena_printf(&req->arena, "/meetings/%s%s", req->params[0], anchor ? anchor : ""));
        return;
    }
    json_t *errors = api_take_errors(res, NULL);
    if (errors)
        meeting_page(req, res, req->params[0], 422, errors);
    json_decref(errors);
}

void p_meeting_attendee_add(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (body)
        after_change(req, res, meeting_attendee_add(req, res, req->params[0], body), NULL);
    json_decref(body);
}

void p_meeting_item_add(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (body)
        after_change(req, res, meeting_item_add(req, res, req->params[0], body), NULL);
    json_decref(body);
}

void p_meeting_item_notes(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (body)
        after_change(req, res, meeting_item_notes(req, res, req->params[0], req->params[1], body),
                     arena_printf(&req->arena, "#item-%s", req->params[1]));
    json_decref(body);
}

void p_meeting_decision_add(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (body)
        after_change(req, res, meeting_decision_add(req, res, req->params[0], body, id), NULL);
    json_decref(body);
}

void p_meeting_action_add(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    char id[STORE_ID_LEN];
    if (!body)
        return;
    const char *owner = json_string_value(json_object_get(body, "owner"));
    if (owner && strncmp(owner, "user:", 5) == 0)
        json_object_set_new(body, "owner_user_id", json_string(owner + 5));
    else if (owner && strncmp(owner, "team:", 5) == 0)
        json_object_set_new(body, "owner_team_id", json_string(owner + 5));
    after_change(req, res, meeting_action_add(req, res, req->params[0], body, id), NULL);
    json_decref(body);
}

/* One action: everyone at the meeting with an account takes part. */
void p_shared_care_open(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    struct store_error err = {0};
    const char *meeting = json_string_value(json_object_get(body, "meeting_id"));
    json_t *att = meeting ? meetings_attendees(req->db, meeting, &err) : NULL, *ids = json_array();
    size_t i;
    json_t *a;
    json_array_foreach(att, i, a)   /* only attendees whose attendance gives a relationship */
        if (json_is_string(json_object_get(a, "user_id")) && json_integer_value(json_object_get(a, "grants_access")))
            json_array_append(ids, json_object_get(a, "user_id"));
    json_object_set_new(body, "participant_ids", ids);
    char id[STORE_ID_LEN];
    if (shared_care_open(req, res, req->params[0], body, id) == 0)
        http_redirect(res, req, arena_printf(&req->arena, "/shared-care/%s", id));
    json_decref(att);
    json_decref(body);
}

static void shared_care_page(struct request *req, struct response *res, const char *id, int status, json_t *errors)
{
    json_t *d = shared_care_read(req, res, id);
    if (!d)
        return;
    json_object_set_new(d, "is_open", json_boolean(strcmp(json_string_value(json_object_get(d, "status")), "open") == 0));
    json_t *outcomes = json_array();
    for (int i = 0; i < shared_care_outcome_count; i++)
        json_array_append_new(outcomes, json_pack("{s:s, s:s}", "code", shared_care_outcome_codes[i], "text",
                                                  shared_care_outcome_words(shared_care_outcome_codes[i])));
    json_object_set_new(d, "outcomes", outcomes);
    const char *oc = json_string_value(json_object_get(d, "outcome"));
    if (oc && shared_care_outcome_words(oc))
        json_object_set_new(d, "outcome_text", json_string(shared_care_outcome_words(oc)));
    json_t *data = api_error_data(errors);
    json_object_set_new(data, "d", d);
    person_banner(req, data, json_string_value(json_object_get(d, "person_id")));
    web_page(req, res, status, "shared_care", "Shared care discussion", data);
}

void p_shared_care(struct request *req, struct response *res)
{
    shared_care_page(req, res, req->params[0], 200, NULL);
}

void p_shared_care_decide(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    if (shared_care_decide(req, res, req->params[0], body) == 0) {
        http_redirect(res, req, arena_printf(&req->arena, "/shared-care/%s", req->params[0]));
    } else {
        json_t *errors = api_take_errors(res, NULL);
        if (errors)
            shared_care_page(req, res, req->params[0], 422, errors);
        json_decref(errors);
    }
    json_decref(body);
}

void p_my_actions(struct request *req, struct response *res)
{
    json_t *items = work_list(req, res);
    if (items)
        web_page(req, res, 200, "my_actions", "My work", json_pack("{s:b, s:o}", "has_items",
                 json_array_size(items) > 0, "items", items));
}

void p_action_done(struct request *req, struct response *res)
{
    if (meeting_action_done(req, res, req->params[0]) == 0)
        http_redirect(res, req, "/my/actions");
}

void p_cohorts_home(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *locs = localities_for_user(req->db, req->who.user_id, &err);
    const char *code = json_string_value(json_object_get(json_array_get(locs, 0), "code"));
    if (code)
        http_redirect(res, req, arena_printf(&req->arena, "/cohorts/%s/ltc5", code));
    else
        http_problem(res, req, 403, "not-in-locality", "No locality",
                     "Case-finding lists are for members of a locality's teams; you are in none.");
    json_decref(locs);
}

/* The next meeting of the user's teams in this locality, to add people to. */
static json_t *next_meeting(struct request *req, const char *locality)
{
    struct store_error err = {0};
    char today[11];
    clock_today(today);
    json_t *list = meetings_for_user(req->db, req->who.user_id, today, &err), *found = NULL;
    size_t i;
    json_t *m;
    json_array_foreach(list, i, m) {
        const char *lc = json_string_value(json_object_get(m, "locality_code"));
        if (lc && strcmp(lc, locality) == 0) {
            found = json_incref(m);
            break;
        }
    }
    json_decref(list);
    return found;
}

void p_cohort(struct request *req, struct response *res)
{
    const char *p = http_query(req, "page");
    int page = p ? num_int_or(p, 0) : 1;
    if (page < 1)
        page = 1;
    json_t *c = cohort_page(req, res, req->params[0], req->params[1], page, 50);
    if (!c)
        return;
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(c, "items"), i, it)
        json_object_set(it, "person_id", json_object_get(it, "id"));
    json_int_t pages = json_integer_value(json_object_get(c, "pages"));
    json_t *data = json_pack("{s:o, s:o?}", "c", c, "meeting", next_meeting(req, req->params[0]));
    if (page > 1)
        json_object_set_new(data, "prev", json_integer(page - 1));
    if (page < pages)
        json_object_set_new(data, "next", json_integer(page + 1));
    web_page(req, res, 200, "cohort", "Case-finding", data);
}
