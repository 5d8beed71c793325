/* Pages for running a locality MDT meeting: the list and planning form,
 * the meeting on one screen (agenda, notes, decisions, actions,
 * escalation), shared care discussions and the work list. The same
 * services as the API (svc/meetings.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "domain/board.h"
#include "pages/page.h"
#include "svc/meetings.h"
#include "web/web.h"
#include <string.h>

static void meetings_page(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                          void *arg)
{
    (void)arg;
    struct svc_ctx *c = api_ctx(req);
    json_t *teams = svc_teams(c), *list;
    int rc = teams ? svc_meeting_list(c, NULL, &list) : SVC_FAILED;
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_t *data = api_error_data(errors);
    json_object_set_new(data, "teams", json_incref(teams));
    json_object_set_new(data, "meetings", json_incref(list));
    json_object_set_new(data, "has_meetings", json_boolean(json_array_size(list) > 0));
    json_object_set_new(data, "form", form ? json_incref(form) : json_object());
    web_page(req, res, status, "meetings", "MDT meetings", data);
}

void p_meetings(struct request *req, struct response *res)
{
    meetings_page(req, res, 200, NULL, NULL, NULL);
}

/* arg of the meeting's forms: the request (its path parameters name the
 * meeting, item or decision), where to go next, and an id the service made. */
struct meeting_form {
    struct request *req;
    const char *meeting;   /* the meeting page to show again; NULL: the first path parameter */
    const char *anchor;
    char id[STORE_ID_LEN];
};

static int create(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_meeting_create(c, form, ((struct meeting_form *)arg)->id);
}

static const char *to_new_meeting(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/meetings/%s", ((struct meeting_form *)arg)->id);
}

void p_meeting_create(struct request *req, struct response *res)
{
    struct meeting_form f = {req, NULL, NULL, ""};
    page_post(req, res, &(struct page_form){NULL, create, to_new_meeting, meetings_page, &f, NULL});
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

static void meeting_page(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                         void *arg)
{
    (void)form;
    struct svc_ctx *c = api_ctx(req);
    const struct meeting_form *f = arg;
    const char *id = f && f->meeting ? f->meeting : req->params[0];
    json_t *m, *colleagues;
    int rc = svc_meeting_read(c, id, &m);
    if (rc == SVC_OK)
        rc = svc_meeting_candidates(c, id, &colleagues);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_object_set(m, "colleagues", colleagues);
    json_object_set_new(m, "owners", owners(m));
    json_object_set_new(m, "is_held", json_boolean(svc_meeting_is_held(c, m)));
    json_object_set_new(m, "attendee_count", json_integer((json_int_t)json_array_size(json_object_get(m, "attendees"))));
    json_t *data = api_error_data(errors);
    json_object_set(data, "m", m);
    json_object_set_new(data, "default_due", json_string(svc_date_offset(c, 14)));
    web_page(req, res, status, "meeting", "MDT meeting", data);
}

void p_meeting(struct request *req, struct response *res)
{
    meeting_page(req, res, 200, NULL, NULL, NULL);
}

/* After a change on the meeting page: back to it (at the anchor). */
static const char *to_meeting(struct request *req, void *arg)
{
    const char *anchor = arg ? ((struct meeting_form *)arg)->anchor : NULL;
    return arena_printf(&req->arena, "/meetings/%s%s", req->params[0], anchor ? anchor : "");
}

static void meeting_post(struct request *req, struct response *res, int (*act)(struct svc_ctx *, json_t *, void *),
                         const char *anchor)
{
    struct meeting_form f = {req, NULL, anchor, ""};
    page_post(req, res, &(struct page_form){NULL, act, to_meeting, meeting_page, &f, NULL});
}

static const char *param(void *arg, int i)
{
    return ((struct meeting_form *)arg)->req->params[i];
}

static int attendee(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_meeting_attendee_add(c, param(arg, 0), form);
}

void p_meeting_attendee_add(struct request *req, struct response *res)
{
    meeting_post(req, res, attendee, NULL);
}

static int agenda(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_meeting_item_add(c, param(arg, 0), form);
}

void p_meeting_item_add(struct request *req, struct response *res)
{
    meeting_post(req, res, agenda, NULL);
}

static int notes(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_meeting_item_notes(c, param(arg, 0), param(arg, 1), form);
}

void p_meeting_item_notes(struct request *req, struct response *res)
{
    meeting_post(req, res, notes, arena_printf(&req->arena, "#item-%s", req->params[1]));
}

static int decision(struct svc_ctx *c, json_t *form, void *arg)
{
    json_t *d;
    return svc_meeting_decision_add(c, param(arg, 0), form, &d);
}

void p_meeting_decision_add(struct request *req, struct response *res)
{
    meeting_post(req, res, decision, NULL);
}

/* The form's one "owner" choice is "user:<id>" or "team:<id>". */
static int action(struct svc_ctx *c, json_t *form, void *arg)
{
    const char *owner = json_string_value(json_object_get(form, "owner"));
    if (owner && strncmp(owner, "user:", 5) == 0)
        json_object_set_new(form, "owner_user_id", json_string(owner + 5));
    else if (owner && strncmp(owner, "team:", 5) == 0)
        json_object_set_new(form, "owner_team_id", json_string(owner + 5));
    json_t *a;
    return svc_meeting_action_add(c, param(arg, 0), form, &a);
}

void p_meeting_action_add(struct request *req, struct response *res)
{
    meeting_post(req, res, action, NULL);
}

/* Escalating a decision: everyone at the meeting whose attendance gives a
 * relationship takes part. On a refusal the form's meeting is shown again. */
static int escalate(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_shared_care_open(c, param(arg, 0), form, 1, ((struct meeting_form *)arg)->id);
}

static const char *to_discussion(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/shared-care/%s", ((struct meeting_form *)arg)->id);
}

static void escalate_again(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                           void *arg)
{
    const char *meeting = json_string_value(json_object_get(form, "meeting_id"));
    if (!meeting) {
        api_result(req, res, SVC_INVALID);
        return;
    }
    ((struct meeting_form *)arg)->meeting = meeting;
    meeting_page(req, res, status, errors, form, arg);
}

void p_shared_care_open(struct request *req, struct response *res)
{
    struct meeting_form f = {req, NULL, NULL, ""};
    page_post(req, res, &(struct page_form){NULL, escalate, to_discussion, escalate_again, &f, NULL});
}

static void shared_care_page(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                             void *arg)
{
    (void)form;
    (void)arg;
    json_t *d;
    int rc = svc_shared_care_read(api_ctx(req), req->params[0], &d);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
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
    json_object_set(data, "d", d);
    person_banner(req, data, json_string_value(json_object_get(d, "person_id")));
    web_page(req, res, status, "shared_care", "Shared care discussion", data);
}

void p_shared_care(struct request *req, struct response *res)
{
    shared_care_page(req, res, 200, NULL, NULL, NULL);
}

static int decide(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_shared_care_decide(c, param(arg, 0), form);
}

static const char *to_this_discussion(struct request *req, void *arg)
{
    (void)arg;
    return arena_printf(&req->arena, "/shared-care/%s", req->params[0]);
}

void p_shared_care_decide(struct request *req, struct response *res)
{
    struct meeting_form f = {req, NULL, NULL, ""};
    page_post(req, res, &(struct page_form){NULL, decide, to_this_discussion, shared_care_page, &f, NULL});
}

void p_my_actions(struct request *req, struct response *res)
{
    json_t *items;
    int rc = svc_work_list(api_ctx(req), &items);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        web_page(req, res, 200, "my_actions", "My work", json_pack("{s:b, s:O}", "has_items",
                 json_array_size(items) > 0, "items", items));
}

void p_action_done(struct request *req, struct response *res)
{
    json_t *a;
    int rc = svc_meeting_action_done(api_ctx(req), req->params[0], &a);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_redirect(res, req, "/my/actions");
}
