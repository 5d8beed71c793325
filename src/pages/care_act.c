/* Pages of Care Act needs assessments: a person's assessments with "Start
 * a Care Act assessment", the NHS.UK task list, and one section per page
 * with "Save and continue" (save and return). "Check your answers",
 * completing and authorising are in care_act_check.c. The same services as
 * the API (svc/care_act.h); form POSTs through page_post. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "pages/care_act_pages.h"
#include "pages/page.h"
#include "svc/access.h"
#include "web/web.h"
#include <string.h>

/* The errors with each field as the section page's input id (arena-owned). */
static json_t *page_fields(struct request *req, json_t *errors)
{
    json_t *out = arena_json(&req->arena, json_array()), *e;
    size_t i;
    json_array_foreach(errors, i, e)
        json_array_append_new(out, json_pack("{s:s, s:O}", "field",
                              care_act_page_field(json_string_value(json_object_get(e, "field"))),
                              "message", json_object_get(e, "message")));
    return out;
}

static void status_flags(json_t *a)
{
    const char *st = json_string_value(json_object_get(a, "status"));
    json_object_set_new(a, "is_draft", json_boolean(st && strcmp(st, "draft") == 0));
    json_object_set_new(a, "is_completed", json_boolean(st && strcmp(st, "completed") == 0));
    json_object_set_new(a, "is_authorised", json_boolean(st && strcmp(st, "authorised") == 0));
    json_object_set_new(a, "kind_label", json_string(care_act_is_carer(a) ? "Carer's assessment" : "Needs assessment (adult)"));
}

static void render_list(struct request *req, struct response *res, int status, json_t *errors)
{
    struct svc_ctx *c = api_ctx(req);
    json_t *p = NULL, *items = NULL;
    int rc = svc_person_read(c, req->params[0], &p);
    if (rc == SVC_OK)
        rc = svc_care_act_list(c, req->params[0], &items);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
        status_flags(it);
    json_t *data = page_error_data(errors);
    json_object_set_new(data, "p", json_pack("{s:O, s:O, s:O}", "id", json_object_get(p, "id"), "given_name",
                                             json_object_get(p, "given_name"), "family_name",
                                             json_object_get(p, "family_name")));
    json_object_set(data, "items", items);
    json_object_set_new(data, "has_items", json_boolean(json_array_size(items) > 0));
    web_page(req, res, status, "care_act_list", "Care Act assessments", data);
}

void p_care_act_list(struct request *req, struct response *res) { render_list(req, res, 200, NULL); }

/* "Start a Care Act assessment": to its task list, or the list again with the errors. */
struct started {
    const char *person_id;
    char id[STORE_ID_LEN];
};

static int start(struct svc_ctx *c, json_t *form, void *arg)
{
    struct started *s = arg;
    return svc_care_act_create(c, s->person_id, form, s->id);
}

static const char *to_tasks(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/care-act/%s", ((struct started *)arg)->id);
}

static void list_again(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                       void *arg)
{
    (void)form;
    (void)arg;
    render_list(req, res, status, page_fields(req, errors));
}

void p_care_act_start(struct request *req, struct response *res)
{
    struct started s = {req->params[0], ""};
    page_post(req, res, &(struct page_form){NULL, start, to_tasks, list_again, &s, NULL});
}

void p_care_act_tasks(struct request *req, struct response *res)
{
    json_t *a = NULL;
    int rc = svc_care_act_read(api_ctx(req), req->params[0], &a);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_t *sections = care_act_sections(a);
    size_t i, done = 0;
    json_t *s;
    json_array_foreach(sections, i, s)
        done += json_is_true(json_object_get(s, "is_done"));
    status_flags(a);
    json_object_set_new(a, "sections", sections);
    json_object_set_new(a, "done", json_integer((json_int_t)done));
    json_object_set_new(a, "total", json_integer((json_int_t)json_array_size(sections)));
    json_t *data = json_pack("{s:O}", "a", a);
    person_banner(req, data, json_string_value(json_object_get(a, "person_id")));
    web_page(req, res, 200, "care_act_tasks", "Care Act assessment", data);
}

static void render_section(struct request *req, struct response *res, int status, json_t *a, const char *name,
                           json_t *form, json_t *errors)
{
    json_t *data = care_act_section_data(a, name, form);
    json_t *ed = page_error_data(errors);
    json_object_update(data, ed);
    json_decref(ed);
    size_t i;
    json_t *q, *fe = json_object_get(data, "field_errors");
    json_array_foreach(json_object_get(data, "questions"), i, q) {   /* the template cannot look a name up */
        json_t *msg = json_object_get(fe, json_string_value(json_object_get(q, "name")));
        if (msg)
            json_object_set(q, "error", msg);
    }
    person_banner(req, data, json_string_value(json_object_get(a, "person_id")));
    web_page(req, res, status, "care_act_section", json_string_value(json_object_get(data, "heading")), data);
}

/* The assessment for a section page (owned by the request), or NULL with
 * res set (404 for a section it does not have; a finished assessment goes
 * to its summary). */
static json_t *section_assessment(struct request *req, struct response *res)
{
    json_t *a = NULL;
    int rc = svc_care_act_read(api_ctx(req), req->params[0], &a);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else if (care_act_section_index(a, req->params[1]) < 0)
        http_problem(res, req, 404, "not-found", "Not found", "This assessment has no such section.");
    else if (strcmp(json_string_value(json_object_get(a, "status")), "draft") != 0)
        http_redirect(res, req, arena_printf(&req->arena, "/care-act/%s/check", req->params[0]));
    else
        return a;
    return NULL;
}

void p_care_act_section(struct request *req, struct response *res)
{
    json_t *a = section_assessment(req, res);
    if (a)
        render_section(req, res, 200, a, req->params[1], NULL, NULL);
}

/* "Save and continue": the section's answers through the same service as
 * the API's PATCH; then the next section, or "Check your answers" after
 * the last; the section again with the errors and the choices kept. */
struct section {
    struct request *req;
    json_t *a;
};

static int save_section(struct svc_ctx *c, json_t *form, void *arg)
{
    struct section *s = arg;
    json_t *body = arena_json(c->arena, care_act_section_body(s->a, s->req->params[1], form, svc_errors(c)));
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct svc_expect e = {NULL, json_object_get(body, "version")};
    return svc_care_act_update(c, s->req->params[0], body, &e);
}

static const char *next_section(struct request *req, void *arg)
{
    json_t *a = ((struct section *)arg)->a;
    json_t *sections = arena_json(&req->arena, care_act_sections(a));
    int i = care_act_section_index(a, req->params[1]);
    json_t *next = json_array_get(sections, (size_t)i + 1);
    return next ? arena_printf(&req->arena, "/care-act/%s/section/%s", req->params[0],
                               json_string_value(json_object_get(next, "name")))
                : arena_printf(&req->arena, "/care-act/%s/check", req->params[0]);
}

static void section_again(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                          void *arg)
{
    render_section(req, res, status, ((struct section *)arg)->a, req->params[1], form, page_fields(req, errors));
}

void p_care_act_section_save(struct request *req, struct response *res)
{
    json_t *a = section_assessment(req, res);
    if (!a)
        return;
    struct section s = {req, a};
    page_post(req, res, &(struct page_form){NULL, save_section, next_section, section_again, &s, NULL});
}
