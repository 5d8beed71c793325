/* CHC pages for the person's pathway: the Checklist on one page (11
 * domains with A/B/C and a short description each), its outcome and
 * sending it to the ICB, and the Fast Track form. */
#include "api/api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "domain/chc_checklist.h"
#include "domain/fast_track.h"
#include "pages/chc_pages.h"
#include "pages/page.h"
#include "svc/access.h"
#include "svc/chc.h"
#include "web/web.h"
#include <stdio.h>
#include <string.h>

/* What each Checklist domain is about (National Framework, NHS CHC
 * Checklist): a hint under each question. */
static const char *const descriptions[CHC_CHECKLIST_DOMAINS] = {
    "Breathlessness, oxygen, suction, ventilation or a tracheostomy.",
    "Eating and drinking: weight, swallowing, tube feeding.",
    "Bladder and bowel: incontinence, catheter, stoma.",
    "Pressure damage, wounds, ulcers and their risk.",
    "Moving and transferring, falls, the help or equipment needed.",
    "Making needs known and understanding others.",
    "Mood, anxiety, withdrawal and the support needed.",
    "Memory, awareness, orientation and decision-making.",
    "Behaviour that challenges, its risk to the person and others.",
    "Medicines and symptom control, including pain; who must give them.",
    "Fits, seizures, loss of consciousness and their frequency.",
};

/* Adds field_errors, has_errors and errors (errors borrowed; NULL: none). */
static void chc_page_errors(json_t *data, json_t *errors)
{
    json_object_set_new(data, "field_errors", api_field_errors(errors));
    json_object_set_new(data, "has_errors", json_boolean(json_array_size(errors) > 0));
    json_object_set_new(data, "errors", errors ? json_incref(errors) : json_array());
}

void chc_page_show(struct request *req, struct response *res, int status, const char *tmpl, const char *title,
                   json_t *data, json_t *errors, const char *person_id)
{
    chc_page_errors(data, errors);
    person_banner(req, data, person_id);
    web_page(req, res, status, tmpl, title, data);
}

json_t *chc_page_got(struct request *req, struct response *res, int rc, json_t **out)
{
    if (rc == SVC_OK)
        return *out;
    api_result(req, res, rc);
    return NULL;
}

json_t *chc_page_person(struct request *req, struct response *res, const char *person_id)
{
    json_t *p = NULL;
    if (!chc_page_got(req, res, svc_person_read(api_ctx(req), person_id, &p), &p))
        return NULL;
    return svc_own(api_ctx(req), json_pack("{s:O, s:O, s:O}", "given_name", json_object_get(p, "given_name"),
                                           "family_name", json_object_get(p, "family_name"), "date_of_birth",
                                           json_object_get(p, "date_of_birth")));
}

json_t *chc_page_setting_options(const char *selected)
{
    static const char *const s[][2] = {{"home", "At home"}, {"care_home", "Care home"},
                                       {"community", "Community hospital or other"}, {"acute", "Acute hospital"}};
    return page_options(s, sizeof s / sizeof s[0], selected, "checked");
}

static void checklist_form(struct request *req, struct response *res, int status, const char *pid, json_t *form,
                           json_t *errors)
{
    json_t *person = chc_page_person(req, res, pid);
    if (!person)
        return;
    json_t *fe = api_field_errors(errors), *domains = json_array();
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++) {
        const char *k = chc_checklist_domains[i].key;
        const char *v = json_string_value(json_object_get(form, arena_printf(&req->arena, "d_%s", k)));
        json_t *levels = json_array();
        for (const char *l = "ABC"; *l; l++)
            json_array_append_new(levels, json_pack("{s:s#, s:b}", "value", l, 1, "checked", v && *v == *l));
        json_array_append_new(domains, json_pack("{s:s, s:s, s:b, s:i, s:s, s:o, s:O?}", "key", k, "label",
                              chc_checklist_domains[i].label, "asterisk", chc_checklist_domains[i].asterisk, "number",
                              i + 1, "description", descriptions[i], "levels", levels, "error",
                              json_object_get(fe, arena_printf(&req->arena, "domains.%s", k))));
    }
    json_decref(fe);
    json_t *data = json_pack("{s:s, s:O, s:O, s:o, s:o}", "person_id", pid, "person", person, "form", form,
                             "domains", domains, "settings",
                             chc_page_setting_options(json_string_value(json_object_get(form, "setting"))));
    chc_page_show(req, res, status, "chc_checklist_form", "CHC Checklist", data, errors, pid);
}

void p_chc_checklist_new(struct request *req, struct response *res)
{
    json_t *form = arena_json(&req->arena, json_pack("{s:s}", "completed_on", svc_date_offset(api_ctx(req), 0)));
    checklist_form(req, res, 200, req->params[0], form, NULL);
}

/* Form fields d_<key> → the service's domains. */
static json_t *checklist_body(struct svc_ctx *c, json_t *form)
{
    json_t *body = svc_own(c, json_pack("{s:O?, s:O?}", "completed_on", json_object_get(form, "completed_on"),
                                        "setting", json_object_get(form, "setting")));
    json_t *d = json_object();
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++) {
        char name[40];
        snprintf(name, sizeof name, "d_%s", chc_checklist_domains[i].key);
        json_t *v = json_object_get(form, name);
        if (v)
            json_object_set(d, chc_checklist_domains[i].key, v);
    }
    json_object_set_new(body, "domains", d);
    return body;
}

/* A CHC form on a page: the record the route names, the record the
 * service made (where to go next). */
struct chc_form {
    struct request *req;
    char id[STORE_ID_LEN];
};

static int checklist_create(struct svc_ctx *c, json_t *form, void *arg)
{
    struct chc_form *f = arg;
    return svc_chc_checklist_create(c, f->req->params[0], checklist_body(c, form), f->id);
}

static const char *to_checklist(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/chc/checklists/%s", ((struct chc_form *)arg)->id);
}

static const char *to_case(struct request *req, void *arg)
{
    return arena_printf(&req->arena, "/chc/cases/%s", ((struct chc_form *)arg)->id);
}

static void checklist_again(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                            void *arg)
{
    (void)arg;
    checklist_form(req, res, status, req->params[0], form, errors);
}

void p_chc_checklist_create(struct request *req, struct response *res)
{
    struct chc_form f = {req, ""};
    page_post(req, res, &(struct page_form){NULL, checklist_create, to_checklist, checklist_again, &f, NULL});
}

static void checklist_page(struct request *req, struct response *res, const char *id, int status, json_t *errors)
{
    json_t *k = NULL;
    if (!chc_page_got(req, res, svc_chc_checklist_read(api_ctx(req), id, &k), &k))
        return;
    json_t *rows = json_array(), *d = json_object_get(k, "domains"), *reasons = json_array();
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++)
        json_array_append_new(rows, json_pack("{s:s, s:O}", "label", chc_checklist_domains[i].label, "level",
                                              json_object_get(d, chc_checklist_domains[i].key)));
    const char *r = json_string_value(json_object_get(k, "reasons"));
    for (const char *end; r && *r; r = end ? end + 2 : r + strlen(r)) {
        end = strstr(r, "; ");
        json_array_append_new(reasons, json_stringn(r, end ? (size_t)(end - r) : strlen(r)));
    }
    int positive = strcmp(json_string_value(json_object_get(k, "outcome")), "positive") == 0;
    int completed = strcmp(json_string_value(json_object_get(k, "status")), "completed") == 0;
    json_object_set_new(k, "rows", rows);
    json_object_set_new(k, "reasons", reasons);
    json_object_set_new(k, "positive", json_boolean(positive));
    json_object_set_new(k, "may_send", json_boolean(positive && completed));
    json_t *data = json_pack("{s:O}", "k", k);
    chc_page_show(req, res, status, "chc_checklist", "CHC Checklist outcome", data, errors,
                  json_string_value(json_object_get(k, "person_id")));
}

void p_chc_checklist(struct request *req, struct response *res)
{
    checklist_page(req, res, req->params[0], 200, NULL);
}

static int checklist_send(struct svc_ctx *c, json_t *form, void *arg)
{
    struct chc_form *f = arg;
    return svc_chc_checklist_send(c, f->req->params[0], form, f->id);
}

static void checklist_again_outcome(struct request *req, struct response *res, int status, json_t *errors,
                                    json_t *form, void *arg)
{
    (void)form, (void)arg;
    checklist_page(req, res, req->params[0], status, errors);
}

void p_chc_checklist_send(struct request *req, struct response *res)
{
    struct chc_form f = {req, ""};
    page_post(req, res, &(struct page_form){NULL, checklist_send, to_case, checklist_again_outcome, &f, NULL});
}

void p_chc_pathway(struct request *req, struct response *res)
{
    json_t *person = chc_page_person(req, res, req->params[0]), *p = NULL;
    if (!person || !chc_page_got(req, res, svc_chc_person_pathway(api_ctx(req), req->params[0], &p), &p))
        return;
    json_object_set(p, "person", person);
    json_object_set_new(p, "has_cases", json_boolean(json_array_size(json_object_get(p, "cases")) > 0));
    json_object_set_new(p, "has_checklists", json_boolean(json_array_size(json_object_get(p, "checklists")) > 0));
    json_object_set_new(p, "may_fast_track", json_boolean(fast_track_may_refer(req->who.profession)));
    web_page(req, res, 200, "chc_pathway", "NHS Continuing Healthcare", json_incref(p));
}

static void fast_track_form(struct request *req, struct response *res, int status, json_t *form, json_t *errors)
{
    if (!fast_track_may_refer(req->who.profession)) {   /* refused before the form is filled in */
        api_result(req, res, svc_refuse(api_ctx(req), SVC_NOT_CLINICIAN,
                                        "Fast Track is for registered nurses and doctors",
                                        "Only a registered nurse or a doctor responsible for the person's care can "
                                        "make a Fast Track referral. Ask one of them, or complete a CHC Checklist."));
        return;
    }
    json_t *person = chc_page_person(req, res, req->params[0]);
    if (!person)
        return;
    json_t *data = json_pack("{s:s, s:O, s:O}", "person_id", req->params[0], "person", person, "form", form);
    chc_page_show(req, res, status, "chc_fast_track", "CHC Fast Track", data, errors, req->params[0]);
}

void p_chc_fast_track_new(struct request *req, struct response *res)
{
    fast_track_form(req, res, 200, arena_json(&req->arena, json_object()), NULL);
}

static int fast_track(struct svc_ctx *c, json_t *form, void *arg)
{
    struct chc_form *f = arg;
    return svc_chc_fast_track(c, f->req->params[0], form, f->id);
}

static void fast_track_again(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                             void *arg)
{
    (void)arg;
    fast_track_form(req, res, status, form, errors);
}

void p_chc_fast_track(struct request *req, struct response *res)
{
    struct chc_form f = {req, ""};
    page_post(req, res, &(struct page_form){NULL, fast_track, to_case, fast_track_again, &f, NULL});
}
