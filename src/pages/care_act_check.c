/* "Check your answers" for a Care Act assessment: every section's answer
 * with a link to change it, the determination the domain rule computes from
 * the answers so far (or what is still missing), and the assessor's
 * confirmation to complete; once completed, the kept determination and
 * "Authorise" for a manager who may. The same services as the API
 * (svc/care_act.h); the form POSTs through page_post. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "pages/care_act_pages.h"
#include "pages/page.h"
#include "util/num.h"
#include "web/web.h"
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
    struct svc_ctx *c = api_ctx(req);
    json_t *a = NULL;
    int rc = svc_care_act_read(c, req->params[0], &a);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    const char *st = json_string_value(json_object_get(a, "status"));
    int draft = strcmp(st, "draft") == 0;
    json_object_set_new(a, "sections", care_act_sections(a));
    if (draft)
        add_computed(a);
    const char *assessor = json_string_value(json_object_get(a, "assessor_id"));
    int mine = c->user_id && assessor && strcmp(assessor, c->user_id) == 0;
    json_object_set_new(a, "is_draft", json_boolean(draft));
    json_object_set_new(a, "is_carer", json_boolean(care_act_is_carer(a)));
    json_object_set_new(a, "may_complete", json_boolean(draft && mine && !json_is_true(json_object_get(a, "has_missing"))));
    json_object_set_new(a, "may_authorise", json_boolean(strcmp(st, "completed") == 0 &&
                                                         !svc_care_act_why_not_authorise(c, a)));
    json_object_set_new(a, "is_authorised", json_boolean(strcmp(st, "authorised") == 0));
    const char *agree = json_string_value(json_object_get(form, "assessor_agrees"));
    const char *reason = json_string_value(json_object_get(form, "assessor_reason"));
    json_t *data = page_error_data(errors);
    json_object_set(data, "a", a);
    json_object_set_new(data, "agree_yes", json_boolean(agree && strcmp(agree, "yes") == 0));
    json_object_set_new(data, "agree_no", json_boolean(agree && strcmp(agree, "no") == 0));
    json_object_set_new(data, "assessor_reason", json_string(reason ? reason : ""));
    person_banner(req, data, json_string_value(json_object_get(a, "person_id")));
    web_page(req, res, status, "care_act_check", "Check your answers", data);
}

void p_care_act_check(struct request *req, struct response *res) { render_check(req, res, 200, NULL, NULL); }

/* The version the page was shown at (a form sends text). */
static struct svc_expect form_version(struct svc_ctx *c, json_t *form)
{
    const char *v = json_string_value(json_object_get(form, "version"));
    return (struct svc_expect){NULL, svc_own(c, json_integer((json_int_t)num_i64_or(v, 0)))};
}

static int complete(struct svc_ctx *c, json_t *form, void *arg)
{
    const char *id = ((struct request *)arg)->params[0];
    json_t *body = svc_own(c, json_object());
    const char *agree = json_string_value(json_object_get(form, "assessor_agrees"));
    if (agree && (strcmp(agree, "yes") == 0 || strcmp(agree, "no") == 0))
        json_object_set_new(body, "assessor_agrees", json_boolean(strcmp(agree, "yes") == 0));
    json_object_set(body, "assessor_reason", json_object_get(form, "assessor_reason"));
    struct svc_expect e = form_version(c, form);
    return svc_care_act_complete(c, id, body, &e);
}

static int authorise(struct svc_ctx *c, json_t *form, void *arg)
{
    struct svc_expect e = form_version(c, form);
    return svc_care_act_authorise(c, ((struct request *)arg)->params[0], &e);
}

static const char *to_check(struct request *req, void *arg)
{
    (void)arg;
    return arena_printf(&req->arena, "/care-act/%s/check", req->params[0]);
}

static void check_again(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                        void *arg)
{
    (void)arg;
    render_check(req, res, status, form, errors);
}

void p_care_act_complete(struct request *req, struct response *res)
{
    page_post(req, res, &(struct page_form){NULL, complete, to_check, check_again, req, NULL});
}

void p_care_act_authorise(struct request *req, struct response *res)
{
    page_post(req, res, &(struct page_form){NULL, authorise, to_check, check_again, req, NULL});
}
