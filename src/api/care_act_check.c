/* "Check your answers" for a Care Act assessment: every section's answer
 * with a link to change it, the determination the domain rule computes from
 * the answers so far (or what is still missing), and the assessor's
 * confirmation to complete; once completed, the kept determination and
 * "Authorise" for a manager who may. */
#include "api/api.h"
#include "api/person_access.h"
#include "api/care_act_pages.h"
#include "api/handlers.h"
#include "web/web.h"
#include "util/num.h"
#include <stdlib.h>
#include <string.h>

/* The section where a missing answer is given. */
static const char *section_of(const char *field)
{
    if (strncmp(field, "outcomes.", 9) == 0)
        return field + 9;
    if (strcmp(field, "significant_impact") == 0 || strcmp(field, "wellbeing") == 0)
        return "wellbeing";
    if (strcmp(field, "person_views") == 0)
        return "views";
    return "condition";
}

static void add_computed(json_t *a)
{
    json_t *missing = json_array();
    struct care_act_result r;
    char reasons[400];
    if (care_act_evaluate(a, &r, reasons, sizeof reasons, missing) == 0) {
        json_object_set_new(a, "computed", json_pack("{s:b, s:s}", "eligible", r.eligible, "reasons", reasons));
    } else {
        size_t i;
        json_t *m;
        json_array_foreach(missing, i, m)
            json_object_set_new(m, "section", json_string(section_of(json_string_value(json_object_get(m, "field")))));
    }
    json_object_set_new(a, "has_missing", json_boolean(json_array_size(missing) > 0));
    json_object_set_new(a, "missing", missing);
}

static void render_check(struct request *req, struct response *res, int status, json_t *form, json_t *errors)
{
    json_t *a = care_act_read(req, res, req->params[0]);
    if (!a)
        return;
    const char *st = json_string_value(json_object_get(a, "status"));
    int draft = strcmp(st, "draft") == 0;
    json_object_set_new(a, "sections", care_act_sections(a));
    if (draft)
        add_computed(a);
    int mine = strcmp(json_string_value(json_object_get(a, "assessor_id")), req->who.user_id) == 0;
    json_object_set_new(a, "is_draft", json_boolean(draft));
    json_object_set_new(a, "is_carer", json_boolean(care_act_is_carer(a)));
    json_object_set_new(a, "may_complete", json_boolean(draft && mine && !json_is_true(json_object_get(a, "has_missing"))));
    json_object_set_new(a, "may_authorise", json_boolean(strcmp(st, "completed") == 0 &&
                                                         !care_act_why_not_authorise(&req->who, a)));
    json_object_set_new(a, "is_authorised", json_boolean(strcmp(st, "authorised") == 0));
    const char *agree = json_string_value(json_object_get(form, "assessor_agrees"));
    json_t *data = json_pack("{s:o, s:b, s:b, s:s}", "a", a, "agree_yes", agree && strcmp(agree, "yes") == 0,
                             "agree_no", agree && strcmp(agree, "no") == 0, "assessor_reason",
                             json_string_value(json_object_get(form, "assessor_reason")) ?
                             json_string_value(json_object_get(form, "assessor_reason")) : "");
    json_object_set_new(data, "field_errors", api_field_errors(errors));
    json_object_set_new(data, "has_errors", json_boolean(json_array_size(errors) > 0));
    json_object_set_new(data, "errors", errors ? json_incref(errors) : json_array());
    person_banner(req, data, json_string_value(json_object_get(a, "person_id")));
    web_page(req, res, status, "care_act_check", "Check your answers", data);
}

void p_care_act_check(struct request *req, struct response *res) { render_check(req, res, 200, NULL, NULL); }

static json_t *form_version(json_t *form)
{
    const char *v = json_string_value(json_object_get(form, "version"));
    return json_pack("{s:I}", "version", (json_int_t)num_i64_or(v, 0));
}

void p_care_act_complete(struct request *req, struct response *res)
{
    json_t *form = http_body_json(req, res);
    if (!form)
        return;
    json_t *body = form_version(form);
    const char *agree = json_string_value(json_object_get(form, "assessor_agrees"));
    if (agree && (strcmp(agree, "yes") == 0 || strcmp(agree, "no") == 0))
        json_object_set_new(body, "assessor_agrees", json_boolean(strcmp(agree, "yes") == 0));
    json_object_set(body, "assessor_reason", json_object_get(form, "assessor_reason"));
    if (care_act_complete_assessment(req, res, req->params[0], body) == 0) {
        http_redirect(res, req, arena_printf(&req->arena, "/care-act/%s/check", req->params[0]));
    } else if (res->status == 422) {
        json_t *errors = json_incref(json_object_get(res->json, "errors"));
        json_decref(res->json);
        res->json = NULL;
        render_check(req, res, 422, form, errors);
        json_decref(errors);
    }
    json_decref(body);
    json_decref(form);
}

void p_care_act_authorise(struct request *req, struct response *res)
{
    json_t *form = http_body_json(req, res);
    if (!form)
        return;
    json_t *body = form_version(form);
    if (care_act_authorise_assessment(req, res, req->params[0], body) == 0)
        http_redirect(res, req, arena_printf(&req->arena, "/care-act/%s/check", req->params[0]));
    json_decref(body);
    json_decref(form);
}
