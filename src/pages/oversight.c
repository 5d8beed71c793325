/* The oversight review page of a delegated health task (svc/oversight.h):
 * who does the task, what earlier reviews found, and the form to record a
 * review with its findings (issue #14 item 14). */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "domain/care_plan.h"
#include "pages/page.h"
#include "svc/oversight.h"
#include "web/web.h"

static void render(struct request *req, struct response *res, int status, json_t *errors, json_t *form)
{
    json_t *a;
    int rc = svc_oversight_get(api_ctx(req), req->params[0], req->params[1], &a);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    json_t *data = page_error_data(errors);
    json_object_set(data, "a", a);
    json_object_set_new(data, "has_reviews", json_boolean(json_array_size(json_object_get(a, "reviews")) > 0));
    json_object_set_new(data, "form", form ? json_incref(form) : json_object());
    json_object_set_new(data, "may_record", json_boolean(care_plan_registered_health(req->who.profession)));
    person_banner(req, data, json_string_value(json_object_get(a, "person_id")));
    web_page(req, res, status, "oversight_review", "Oversight review", data);
}

void p_oversight_review(struct request *req, struct response *res)
{
    render(req, res, 200, NULL, NULL);
}

static int act(struct svc_ctx *c, json_t *form, void *arg)
{
    struct request *req = arg;
    return svc_oversight_record(c, req->params[0], req->params[1], form);
}

static const char *next(struct request *req, void *arg)
{
    (void)arg;
    return arena_printf(&req->arena, "/plans/%s/assignments/%s/oversight-review", req->params[0], req->params[1]);
}

static void show(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    (void)arg;
    render(req, res, status, errors, form);
}

void p_oversight_review_post(struct request *req, struct response *res)
{
    page_post(req, res, &(struct page_form){NULL, act, next, show, req, NULL});
}
