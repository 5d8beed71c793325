/* The DST as an NHS.UK task list: start (or resume) the case's draft, one
 * page per care domain with only the levels that domain has ("save and
 * continue" to the next), the setting / MDT / views page, and "complete",
 * which validates everything and shows any problem in the error summary.
 * Each save is a versioned change of the draft (svc_chc_assessment_patch). */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "domain/chc_dst.h"
#include "pages/chc_pages.h"
#include "pages/page.h"
#include "svc/chc.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

#define MEMBER_ROWS 4

static const char *const level_labels[DST_LEVELS] = {"No needs", "Low", "Moderate", "High", "Severe", "Priority"};

void p_chc_dst_start(struct request *req, struct response *res)
{
    char id[STORE_ID_LEN];
    int rc = svc_chc_dst_start(api_ctx(req), req->params[0], id);
    if (rc != SVC_OK)
        api_result(req, res, rc);
    else
        http_redirect(res, req, arena_printf(&req->arena, "/chc/assessments/%s", id));
}

/* The assessment (audited read, owned by the request), or NULL with res set. */
static json_t *assessment(struct request *req, struct response *res, const char *id)
{
    json_t *a = NULL;
    return chc_page_got(req, res, svc_chc_assessment_read(api_ctx(req), id, &a), &a);
}

static void task_list(struct request *req, struct response *res, const char *id, int status, json_t *errors)
{
    json_t *a = assessment(req, res, id);
    if (!a)
        return;
    json_t *tasks = json_array(), *d = json_object_get(a, "domains");
    for (int i = 0; i < CHC_DST_DOMAINS; i++) {
        const char *lvl = json_string_value(json_object_get(d, chc_dst_domains[i].key));
        int l = -1;
        for (int k = 0; lvl && k < DST_LEVELS; k++)
            if (strcmp(lvl, dst_level_names[k]) == 0)
                l = k;
        json_array_append_new(tasks, json_pack("{s:s, s:s, s:s, s:s?}", "a_id", id, "key", chc_dst_domains[i].key,
                              "label", chc_dst_domains[i].label, "level", l >= 0 ? level_labels[l] : NULL));
    }
    json_object_set_new(a, "tasks", tasks);
    json_object_set_new(a, "is_draft", json_boolean(strcmp(json_string_value(json_object_get(a, "status")), "draft") == 0));
    json_object_set_new(a, "details_done", json_boolean(json_string_value(json_object_get(a, "setting")) &&
                                                        json_array_size(json_object_get(a, "mdt")) >= 2));
    json_t *data = json_pack("{s:O}", "a", a);
    chc_page_show(req, res, status, "chc_dst", "Decision Support Tool", data, errors,
                  json_string_value(json_object_get(a, "person_id")));
}

void p_chc_dst(struct request *req, struct response *res)
{
    task_list(req, res, req->params[0], 200, NULL);
}

static void domain_page(struct request *req, struct response *res, int status, const char *chosen, json_t *errors)
{
    int d = chc_dst_domain_index(req->params[1]);
    if (d < 0) {
        api_result(req, res, svc_not_found(api_ctx(req), "DST domain"));
        return;
    }
    json_t *a = assessment(req, res, req->params[0]);
    if (!a)
        return;
    const char *cur = chosen ? chosen : json_string_value(json_object_get(json_object_get(a, "domains"),
                                                                             req->params[1]));
    json_t *levels = json_array();
    for (int l = 0; l < DST_LEVELS; l++)
        if (l <= DST_HIGH || (l == DST_SEVERE && chc_dst_domains[d].has_severe) ||
            (l == DST_PRIORITY && chc_dst_domains[d].has_priority))
            json_array_append_new(levels, json_pack("{s:s, s:s, s:b}", "value", dst_level_names[l], "label",
                                  level_labels[l], "checked", cur && strcmp(cur, dst_level_names[l]) == 0));
    json_t *fe = api_field_errors(errors);
    json_t *data = json_pack("{s:s, s:s, s:s, s:i, s:O, s:o, s:O?}", "a_id", req->params[0], "key", req->params[1],
                             "label", chc_dst_domains[d].label, "number", d + 1, "version",
                             json_object_get(a, "version"), "levels", levels, "error",
                             json_object_get(fe, arena_printf(&req->arena, "domains.%s", req->params[1])));
    json_decref(fe);
    chc_page_show(req, res, status, "chc_dst_domain", chc_dst_domains[d].label, data, errors,
                  json_string_value(json_object_get(a, "person_id")));
}

void p_chc_dst_domain(struct request *req, struct response *res)
{
    domain_page(req, res, 200, NULL, NULL);
}

/* A form saving the draft: the service's input made from the form. */
struct dst_form {
    struct request *req;
    json_t *(*body)(struct svc_ctx *c, struct request *req, json_t *form);
    const char *case_id;   /* after completing: the case, where the user goes next */
};

static int dst_save(struct svc_ctx *c, json_t *form, void *arg)
{
    struct dst_form *f = arg;
    json_t *body = f->body(c, f->req, form);
    if (!body)
        return SVC_INVALID;
    struct svc_expect e = api_expect(f->req, body);
    return svc_chc_assessment_patch(c, f->req->params[0], body, &e);
}

static const char *to_task_list(struct request *req, void *arg)
{
    (void)arg;
    return arena_printf(&req->arena, "/chc/assessments/%s", req->params[0]);
}

/* One domain's level; "choose a level" when none is chosen. */
static json_t *domain_body(struct svc_ctx *c, struct request *req, json_t *form)
{
    const char *level = json_string_value(json_object_get(form, "level"));
    if (!level || !*level) {
        svc_field_error(c, arena_printf(&req->arena, "domains.%s", req->params[1]), "choose a level");
        return NULL;
    }
    return svc_own(c, json_pack("{s:O?, s:{s:s}}", "version", json_object_get(form, "version"), "domains",
                                req->params[1], level));
}

static const char *to_next_domain(struct request *req, void *arg)
{
    int d = chc_dst_domain_index(req->params[1]);
    return d + 1 < CHC_DST_DOMAINS
           ? arena_printf(&req->arena, "/chc/assessments/%s/domains/%s", req->params[0], chc_dst_domains[d + 1].key)
           : to_task_list(req, arg);
}

static void domain_again(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                         void *arg)
{
    (void)arg;
    domain_page(req, res, status, json_string_value(json_object_get(form, "level")), errors);
}

void p_chc_dst_domain_save(struct request *req, struct response *res)
{
    if (chc_dst_domain_index(req->params[1]) < 0) {
        api_result(req, res, svc_not_found(api_ctx(req), "DST domain"));
        return;
    }
    struct dst_form f = {req, domain_body, NULL};
    page_post(req, res, &(struct page_form){NULL, dst_save, to_next_domain, domain_again, &f, NULL});
}

static json_t *profession_options(const char *selected)
{
    static const char *const p[][2] = {{"", "Choose"}, {"registered_nurse", "Registered nurse"}, {"gp", "GP"},
        {"doctor", "Doctor"}, {"social_worker", "Social worker"}, {"occupational_therapist", "Occupational therapist"},
        {"physiotherapist", "Physiotherapist"}, {"speech_and_language_therapist", "Speech and language therapist"},
        {"psychologist", "Psychologist"}, {"dietitian", "Dietitian"}, {"pharmacist", "Pharmacist"}};
    return page_options(p, sizeof p / sizeof p[0], selected, "selected");
}

static void details_page(struct request *req, struct response *res, int status, json_t *errors)
{
    json_t *a = assessment(req, res, req->params[0]);
    if (!a)
        return;
    const char *setting = json_string_value(json_object_get(a, "setting"));
    json_t *settings = chc_page_setting_options(setting), *members = json_array(), *mdt = json_object_get(a, "mdt");
    for (size_t i = 0; i < MEMBER_ROWS; i++) {
        json_t *m = json_array_get(mdt, i);
        const char *name = json_string_value(json_object_get(m, "name"));
        json_array_append_new(members, json_pack("{s:i, s:i, s:s, s:o, s:b}", "i", (int)i, "n", (int)i + 1, "name",
                              name ? name : json_string_value(json_object_get(m, "user_name")) ?
                              json_string_value(json_object_get(m, "user_name")) : "", "professions",
                              profession_options(json_string_value(json_object_get(m, "profession"))),
                              "care_act_assessor", json_integer_value(json_object_get(m, "care_act_assessor")) != 0));
    }
    json_t *data = json_pack("{s:s, s:O, s:o, s:o, s:O, s:O}", "a_id", req->params[0], "version",
                             json_object_get(a, "version"), "settings", settings, "members", members, "person_views",
                             json_object_get(a, "person_views"), "recommendation", json_object_get(a, "recommendation"));
    chc_page_show(req, res, status, "chc_dst_details", "About the assessment", data, errors,
                  json_string_value(json_object_get(a, "person_id")));
}

void p_chc_dst_details(struct request *req, struct response *res)
{
    details_page(req, res, 200, NULL);
}

/* Rows with a name become MDT members (named, with their profession). */
static json_t *details_body(struct svc_ctx *c, struct request *req, json_t *form)
{
    (void)req;
    json_t *mdt = json_array();
    for (int i = 0; i < MEMBER_ROWS; i++) {
        char k[3][32];
        snprintf(k[0], sizeof k[0], "m%d_name", i);
        snprintf(k[1], sizeof k[1], "m%d_profession", i);
        snprintf(k[2], sizeof k[2], "m%d_caa", i);
        const char *name = json_string_value(json_object_get(form, k[0]));
        if (name && *name)
            json_array_append_new(mdt, json_pack("{s:s, s:O?, s:b}", "name", name, "profession",
                                  json_object_get(form, k[1]), "care_act_assessor", json_object_get(form, k[2]) != NULL));
    }
    return svc_own(c, json_pack("{s:O?, s:O?, s:O?, s:O?, s:o}", "version", json_object_get(form, "version"),
                                "setting", json_object_get(form, "setting"), "person_views",
                                json_object_get(form, "person_views"), "recommendation",
                                json_object_get(form, "recommendation"), "mdt", mdt));
}

static void details_again(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                          void *arg)
{
    (void)form, (void)arg;
    details_page(req, res, status, errors);
}

void p_chc_dst_details_save(struct request *req, struct response *res)
{
    struct dst_form f = {req, details_body, NULL};
    page_post(req, res, &(struct page_form){NULL, dst_save, to_task_list, details_again, &f, NULL});
}

static json_t *complete_body(struct svc_ctx *c, struct request *req, json_t *form)
{
    (void)req;
    return svc_own(c, json_pack("{s:O?, s:b}", "version", json_object_get(form, "version"), "complete", 1));
}

/* Completing: on to the case (the assessment just written names it). */
static int dst_complete(struct svc_ctx *c, json_t *form, void *arg)
{
    struct dst_form *f = arg;
    json_t *a;
    int rc = dst_save(c, form, arg);
    if (rc == SVC_OK && (rc = svc_chc_written(c, SVC_CHC_ASSESSMENT, f->req->params[0], &a)) == SVC_OK)
        f->case_id = json_string_value(json_object_get(a, "case_id"));
    return rc;
}

static const char *to_case(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/chc/cases/%s", ((struct dst_form *)arg)->case_id);
}

static void complete_again(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                           void *arg)
{
    (void)form, (void)arg;
    task_list(req, res, req->params[0], status, errors);
}

void p_chc_dst_complete(struct request *req, struct response *res)
{
    struct dst_form f = {req, complete_body, NULL};
    page_post(req, res, &(struct page_form){NULL, dst_complete, to_case, complete_again, &f, NULL});
}
