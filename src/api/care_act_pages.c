/* Pages of Care Act needs assessments: a person's assessments with "Start
 * a Care Act assessment", the NHS.UK task list, one section per page with
 * "Save and continue" (save and return), "Check your answers" with the
 * determination and its reasons before completing, and authorising for
 * managers. They call the same functions as the API. */
#include "api/api.h"
#include "api/care_act_pages.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "web/web.h"
#include <stdlib.h>
#include <string.h>

static void with_errors(json_t *data, json_t *errors)
{
    json_object_set_new(data, "field_errors", api_field_errors(errors));
    json_object_set_new(data, "has_errors", json_boolean(json_array_size(errors) > 0));
    json_object_set_new(data, "errors", errors ? json_incref(errors) : json_array());
}

/* The problem's errors with each field as the page's input id; res is cleared. */
static json_t *take_errors(struct response *res)
{
    json_t *errors = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(res->json, "errors"), i, e)
        json_array_append_new(errors, json_pack("{s:s, s:O}", "field",
                              care_act_page_field(json_string_value(json_object_get(e, "field"))),
                              "message", json_object_get(e, "message")));
    json_decref(res->json);
    res->json = NULL;
    return errors;
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
    json_t *p = person_read(req, res, req->params[0]);
    if (!p)
        return;
    json_t *items = care_act_list(req, res, req->params[0]);
    if (!items) {
        json_decref(p);
        return;
    }
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
        status_flags(it);
    json_t *data = json_pack("{s:{s:O, s:O, s:O}, s:o, s:b}", "p", "id", json_object_get(p, "id"), "given_name",
                             json_object_get(p, "given_name"), "family_name", json_object_get(p, "family_name"),
                             "items", items, "has_items", json_array_size(items) > 0);
    json_decref(p);
    with_errors(data, errors);
    web_page(req, res, status, "care_act_list", "Care Act assessments", data);
}

void p_care_act_list(struct request *req, struct response *res) { render_list(req, res, 200, NULL); }

void p_care_act_start(struct request *req, struct response *res)
{
    json_t *form = http_body_json(req, res);
    if (!form)
        return;
    char id[STORE_ID_LEN];
    if (care_act_create(req, res, req->params[0], form, id) == 0) {
        http_redirect(res, req, arena_printf(&req->arena, "/care-act/%s", id));
    } else if (res->status == 422) {
        json_t *errors = take_errors(res);
        render_list(req, res, 422, errors);
        json_decref(errors);
    }
    json_decref(form);
}

void p_care_act_tasks(struct request *req, struct response *res)
{
    json_t *a = care_act_read(req, res, req->params[0]);
    if (!a)
        return;
    json_t *sections = care_act_sections(a);
    size_t i, done = 0;
    json_t *s;
    json_array_foreach(sections, i, s)
        done += json_is_true(json_object_get(s, "is_done"));
    status_flags(a);
    json_object_set_new(a, "sections", sections);
    json_object_set_new(a, "done", json_integer((json_int_t)done));
    json_object_set_new(a, "total", json_integer((json_int_t)json_array_size(sections)));
    json_t *data = json_pack("{s:o}", "a", a);
    person_banner(req, data, json_string_value(json_object_get(a, "person_id")));
    web_page(req, res, 200, "care_act_tasks", "Care Act assessment", data);
}

static void render_section(struct request *req, struct response *res, int status, json_t *a, const char *name,
                           json_t *form, json_t *errors)
{
    json_t *data = care_act_section_data(a, name, form);
    with_errors(data, errors);
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

/* The assessment for a section page, or NULL with res set (404 for a
 * section it does not have; a finished assessment goes to its summary). */
static json_t *section_assessment(struct request *req, struct response *res)
{
    json_t *a = care_act_read(req, res, req->params[0]);
    if (!a)
        return NULL;
    if (care_act_section_index(a, req->params[1]) < 0) {
        http_problem(res, req, 404, "not-found", "Not found", "This assessment has no such section.");
    } else if (strcmp(json_string_value(json_object_get(a, "status")), "draft") != 0) {
        http_redirect(res, req, arena_printf(&req->arena, "/care-act/%s/check", req->params[0]));
    } else {
        return a;
    }
    json_decref(a);
    return NULL;
}

void p_care_act_section(struct request *req, struct response *res)
{
    json_t *a = section_assessment(req, res);
    if (a)
        render_section(req, res, 200, a, req->params[1], NULL, NULL);
    json_decref(a);
}

/* "Save and continue": the next section, or "Check your answers" after the last. */
static const char *next_page(struct request *req, json_t *a, const char *name)
{
    json_t *sections = care_act_sections(a);
    int i = care_act_section_index(a, name);
    json_t *next = json_array_get(sections, (size_t)i + 1);
    const char *url = next ? arena_printf(&req->arena, "/care-act/%s/section/%s", req->params[0],
                                          json_string_value(json_object_get(next, "name")))
                           : arena_printf(&req->arena, "/care-act/%s/check", req->params[0]);
    json_decref(sections);
    return url;
}

void p_care_act_section_save(struct request *req, struct response *res)
{
    json_t *form = http_body_json(req, res);
    json_t *a = form ? section_assessment(req, res) : NULL;
    if (!a) {
        json_decref(form);
        return;
    }
    const char *name = req->params[1];
    json_t *errors = json_array();
    json_t *body = care_act_section_body(a, name, form, errors);
    if (json_array_size(errors)) {
        render_section(req, res, 422, a, name, form, errors);
    } else if (care_act_update(req, res, req->params[0], body) == 0) {
        http_redirect(res, req, next_page(req, a, name));
    } else if (res->status == 422) {
        json_t *api_errors = take_errors(res);
        render_section(req, res, 422, a, name, form, api_errors);
        json_decref(api_errors);
    }
    json_decref(body);
    json_decref(errors);
    json_decref(a);
    json_decref(form);
}
