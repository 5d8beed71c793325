/* Pages of the competency register (who is assessed competent for which
 * delegated task, designated assessors) and of delegated tasks' oversight
 * reviews due. The same services as the API (svc/competencies.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "domain/words.h"
#include "pages/page.h"
#include "svc/care_plans.h"
#include "svc/competencies.h"
#include "web/web.h"
#include <string.h>

/* Designated assessors (domain.md §8): the organisation's list; the
 * competencies the caller may assess (the record form offers only those);
 * for the org admin, the staff who may be named. */
static int assessor_choices(struct svc_ctx *c, json_t *data)
{
    json_t *list, *staff = NULL;
    int admin = svc_role_is(c, "org_admin");
    int rc = svc_competency_assessors(c, &list);
    if (rc == SVC_OK && admin)
        rc = svc_competency_assessor_candidates(c, &staff);
    if (rc != SVC_OK)
        return rc;
    json_t *mine = json_array(), *a, *code, *all = json_object_get(data, "competency_codes");
    size_t i, j;
    json_array_foreach(all, i, code) {
        json_array_foreach(list, j, a)
            if (json_equal(json_object_get(a, "competency_code"), json_object_get(code, "code"))) {
                json_object_set(a, "competency_name", json_object_get(code, "name"));
                if (!strcmp(json_string_value(json_object_get(a, "user_id")), c->user_id))
                    json_array_append(mine, code);
            }
    }
    json_object_set(data, "assessors", list);
    json_object_set_new(data, "has_assessors", json_boolean(json_array_size(list) > 0));
    json_object_set_new(data, "my_codes", mine);
    json_object_set_new(data, "is_assessor", json_boolean(json_array_size(mine) > 0));
    json_object_set_new(data, "is_org_admin", json_boolean(admin));
    json_object_set_new(data, "assessor_staff", staff ? json_incref(staff) : json_array());
    return SVC_OK;
}

/* Each record's competency and assessor's profession in words, and its state as flags. */
static void register_present(json_t *items, json_t *codes)
{
    size_t i, j;
    json_t *c, *k;
    page_flag(items, "state", "expired", "is_expired");
    page_flag(items, "state", "expiring", "is_expiring");
    json_array_foreach(items, i, c) {
        const char *w = words_profession(json_string_value(json_object_get(c, "assessor_profession")));
        if (w)
            json_object_set_new(c, "assessor_profession_label", json_string(w));
        json_array_foreach(codes, j, k)
            if (json_equal(json_object_get(k, "code"), json_object_get(c, "competency_code")))
                json_object_set(c, "competency_name", json_object_get(k, "name"));
    }
}

static void render_competencies(struct request *req, struct response *res, int status, json_t *errors,
                                json_t *form)
{
    struct svc_ctx *c = api_ctx(req);
    const char *state = http_query(req, "state");
    if (state && strcmp(state, "expiring") && strcmp(state, "expired"))
        state = NULL;
    json_t *items = NULL;
    json_t *data = arena_json(&req->arena, page_error_data(errors));
    int rc = svc_competency_register(c, state, &items);
    if (rc == SVC_OK)
        rc = svc_care_plan_choices(c, data);
    if (rc == SVC_OK)
        rc = assessor_choices(c, data);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    register_present(items, json_object_get(data, "competency_codes"));
    json_object_set(data, "items", items);
    json_object_set_new(data, "has_items", json_boolean(json_array_size(items) > 0));
    json_object_set_new(data, "state", state ? json_string(state) : json_null());
    json_object_set_new(data, "form_competency", form ? json_incref(form) : json_object());
    web_page(req, res, status, "competencies", "Competency register", json_incref(data));
}

void p_competencies(struct request *req, struct response *res)
{
    render_competencies(req, res, 200, NULL, NULL);
}

static int act_record(struct svc_ctx *c, json_t *form, void *arg)
{
    char id[STORE_ID_LEN];
    (void)arg;
    return svc_competency_record(c, form, id);
}

static int act_name(struct svc_ctx *c, json_t *form, void *arg)
{
    (void)arg;
    return svc_competency_assessor_name(c, form);
}

/* Where a register form goes after success; whether a failed one keeps
 * what was typed (the assessor form is a choice from lists: nothing to keep). */
struct register_form {
    const char *next;
    int keep;
};

static const char *to_register(struct request *req, void *arg)
{
    (void)req;
    return ((const struct register_form *)arg)->next;
}

static void show(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg)
{
    render_competencies(req, res, status, errors, ((const struct register_form *)arg)->keep ? form : NULL);
}

void p_competency_create(struct request *req, struct response *res)
{
    struct register_form f = {"/competencies", 1};
    page_post(req, res, &(struct page_form){"competency", act_record, to_register, show, &f, NULL});
}

void p_competency_assessor_add(struct request *req, struct response *res)
{
    struct register_form f = {"/competencies#assessors", 0};
    page_post(req, res, &(struct page_form){"assessor", act_name, to_register, show, &f, NULL});
}

/* ---- Oversight reviews of delegated health tasks ---- */

void p_oversight_reviews(struct request *req, struct response *res)
{
    const char *state = http_query(req, "state");
    if (state && strcmp(state, "overdue"))
        state = NULL;
    json_t *items = NULL;
    int rc = svc_care_oversight_reviews(api_ctx(req), state, &items);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    page_flag(items, "state", "overdue", "is_overdue");
    web_page(req, res, 200, "oversight_reviews", "Oversight reviews", json_pack("{s:O, s:b, s:s?}", "items", items,
             "has_items", json_array_size(items) > 0, "state", state));
}
