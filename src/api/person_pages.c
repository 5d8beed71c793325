/* Pages for the person record: search, register, summary and edit (break-glass
 * and its review list: pages/break_glass.c). They call the same
 * functions as the API and render the same data. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "svc/person_input.h"
#include "api/persons_api.h"
#include "store/persons.h"
#include "web/web.h"
#include "util/num.h"
#include <stdio.h>
#include <string.h>

static const char *const FORM_BOOLS[] = {"interpreter_needed", "objects_to_sharing",
                                         "alert_safeguarding", "alert_risk_to_staff"};

static json_t *practices(struct request *req, const char *selected)
{
    struct store_error err = {0};
    json_t *rows = accounts_org_list_by_type(req->db, "gp_practice", &err);
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
        json_object_set_new(r, "selected", json_boolean(selected && strcmp(selected,
                                                        json_string_value(json_object_get(r, "id"))) == 0));
    return rows ? rows : json_array();
}

static void person_form(struct request *req, struct response *res, int status, json_t *form, json_t *errors,
                        const char *id)
{
    json_t *data = json_pack("{s:O, s:o, s:o, s:b, s:O?, s:s?, s:o}", "form", form,
                             "practices", practices(req, json_string_value(json_object_get(form, "gp_practice_id"))),
                             "field_errors", api_field_errors(errors), "has_errors", json_array_size(errors) > 0,
                             "errors", errors, "id", id, "sex_options", json_array());
    const char *sexes[] = {"female", "male", "other", "unknown"};
    const char *sel = json_string_value(json_object_get(form, "sex"));
    for (int i = 0; i < 4; i++)
        json_array_append_new(json_object_get(data, "sex_options"),
                              json_pack("{s:s, s:b}", "value", sexes[i], "selected", sel && !strcmp(sel, sexes[i])));
    web_page(req, res, status, "person_form", id ? "Edit person" : "Register a person", data);
}

void p_person_search(struct request *req, struct response *res)
{
    json_t *data = json_object();
    int searched = http_query(req, "nhs_number") || http_query(req, "family_name") ||
                   http_query(req, "date_of_birth") || http_query(req, "postcode");
    if (searched) {
        json_t *r = person_search(req, res);
        if (!r && res->status != 422)
            return;
        if (r) {
            json_object_update(data, r);
            json_decref(r);
        } else {
            json_t *errors = json_incref(json_object_get(res->json, "errors"));
            json_decref(res->json);
            res->json = NULL;
            json_object_set_new(data, "has_errors", json_true());
            json_object_set_new(data, "field_errors", api_field_errors(errors));
            json_object_set_new(data, "errors", errors);
        }
        json_object_set_new(data, "searched", json_true());
    }
    json_object_set_new(data, "q", json_pack("{s:s, s:s, s:s, s:s}",
        "nhs_number", http_query(req, "nhs_number") ? http_query(req, "nhs_number") : "",
        "family_name", http_query(req, "family_name") ? http_query(req, "family_name") : "",
        "date_of_birth", http_query(req, "date_of_birth") ? http_query(req, "date_of_birth") : "",
        "postcode", http_query(req, "postcode") ? http_query(req, "postcode") : ""));
    web_page(req, res, searched && json_object_get(data, "has_errors") ? 422 : 200, "person_search",
             "Find a person", data);
}

void p_person_new(struct request *req, struct response *res)
{
    json_t *form = json_object();
    person_form(req, res, 200, form, NULL, NULL);
    json_decref(form);
}

static void form_failed(struct request *req, struct response *res, json_t *form, const char *id)
{
    json_t *errors = json_incref(json_object_get(res->json, "errors"));
    if (!errors) {   /* 409: duplicate NHS number or likely duplicate */
        errors = json_array();
        const char *slug = json_string_value(json_object_get(res->json, "type"));
        int dup = slug && strstr(slug, "possible-duplicate");
        svc_error_add(errors, dup ? "confirm_not_duplicate" : "nhs_number",
                       json_string_value(json_object_get(res->json, "detail")));
        json_object_set_new(form, "show_confirm", json_boolean(dup));
    }
    int status = res->status;
    json_decref(res->json);
    res->json = NULL;
    person_form(req, res, status, form, errors, id);
    json_decref(errors);
}

void p_person_create(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    char id[STORE_ID_LEN];
    if (person_create(req, res, body, id) == 0)
        http_redirect(res, req, arena_printf(&req->arena, "/persons/%s", id));
    else if (res->status == 422 || res->status == 409)
        form_failed(req, res, body, NULL);
    json_decref(body);
}

void p_person(struct request *req, struct response *res)
{
    json_t *p = person_read(req, res, req->params[0]);
    if (!p) {
        if (res->status == 403) {
            json_decref(res->json);
            res->json = NULL;
            web_page(req, res, 403, "person_denied", "No legitimate relationship",
                     json_pack("{s:s}", "id", req->params[0]));
        }
        return;
    }
    person_present(p);
    struct store_error err = {0};
    json_t *timeline = persons_timeline(req->db, req->params[0], 50, &err);
    json_t *log = persons_access_log(req->db, req->params[0], 50, &err);
    json_object_set_new(p, "timeline", timeline ? timeline : json_array());
    json_object_set_new(p, "access_log", log ? log : json_array());
    json_object_set_new(p, "by_break_glass", json_boolean(strcmp(json_string_value(json_object_get(
        json_object_get(p, "access"), "basis")), "break_glass") == 0));
    char *title = arena_printf(&req->arena, "%s %s", json_string_value(json_object_get(p, "given_name")),
                               json_string_value(json_object_get(p, "family_name")));
    web_page(req, res, 200, "person", title, json_pack("{s:o}", "p", p));
}

void p_person_edit(struct request *req, struct response *res)
{
    json_t *p = person_read(req, res, req->params[0]);
    if (!p)
        return;
    person_form(req, res, 200, p, NULL, req->params[0]);
    json_decref(p);
}

void p_person_edit_post(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    /* An unticked checkbox sends nothing: on this form that means "no". */
    for (size_t i = 0; i < sizeof FORM_BOOLS / sizeof FORM_BOOLS[0]; i++)
        if (!json_object_get(body, FORM_BOOLS[i]))
            json_object_set_new(body, FORM_BOOLS[i], json_false());
    if (json_is_string(json_object_get(body, "version")))
        json_object_set_new(body, "version", json_integer(num_i64_or(json_string_value(json_object_get(body, "version")), 0)));
    if (person_update(req, res, req->params[0], body) == 0)
        http_redirect(res, req, arena_printf(&req->arena, "/persons/%s", req->params[0]));
    else if (res->status == 422 || res->status == 409)
        form_failed(req, res, body, req->params[0]);
    json_decref(body);
}
