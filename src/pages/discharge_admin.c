/* Pages for the hospital feed's upkeep: the held-message work queue
 * (/discharge/held: match a message to a person, or close it) for the
 * trust's discharge team, and the wards (/discharge/wards: the wards each
 * hospital's system names in its messages, and which team covers them)
 * for the trust's org admin. Thin: decode → service (svc/discharge.h) →
 * render. */
#include "api/api.h"
#include "api/handlers.h"
#include "pages/page.h"
#include <string.h>
#include "svc/accounts.h"
#include "svc/discharge.h"
#include "web/web.h"

static const char *field(json_t *form, const char *k)
{
    return json_string_value(json_object_get(form, k));
}

static void with_errors(json_t *data, json_t *errors)
{
    json_t *e = api_error_data(errors);
    json_object_update(data, e);
    json_decref(e);
}

/* ---- held messages ---- */

static void show_held(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                      void *arg)
{
    struct svc_ctx *c = api_ctx(req);
    c->errors = NULL;
    json_t *out;
    int rc = svc_discharge_held(c, &out);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    json_t *items = json_object_get(out, "items");
    const char *failed = arg;   /* the message a failed form was about */
    size_t i;
    json_t *r;
    json_array_foreach(items, i, r) {
        if (failed && strcmp(failed, json_string_value(json_object_get(r, "id"))) == 0) {
            json_object_set_new(r, "failed", json_true());
            json_object_set(r, "form", form ? form : json_null());
        }
    }
    json_t *data = json_pack("{s:O, s:b}", "items", items, "has_items", json_array_size(items) > 0);
    with_errors(data, errors);
    web_page(req, res, status, "discharge_held", "Held hospital messages", data);
}

void p_discharge_held(struct request *req, struct response *res)
{
    show_held(req, res, 200, NULL, NULL, NULL);
}

static const char *to_held(struct request *req, void *arg)
{
    (void)req;
    (void)arg;
    return "/discharge/held";
}

static int act_match(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_discharge_held_match(c, arg, field(form, "nhs_number"));
}

static int act_close(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_discharge_held_close(c, arg, field(form, "reason"));
}

void p_discharge_held_match(struct request *req, struct response *res)
{
    page_post(req, res, &(struct page_form){"match", act_match, to_held, show_held,
                                            arena_strdup(&req->arena, req->params[0]), NULL});
}

void p_discharge_held_close(struct request *req, struct response *res)
{
    page_post(req, res, &(struct page_form){"close", act_close, to_held, show_held,
                                            arena_strdup(&req->arena, req->params[0]), NULL});
}

/* ---- wards ---- */

static void show_wards(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                       void *arg)
{
    (void)arg;
    struct svc_ctx *c = api_ctx(req);
    c->errors = NULL;
    json_t *wards, *teams = NULL;
    int rc = svc_discharge_wards(c, NULL, &wards);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    int admin = c->role && strcmp(c->role, "org_admin") == 0 && c->org_type &&
                (strcmp(c->org_type, "acute_trust") == 0 || strcmp(c->org_type, "community_trust") == 0);
    if (admin && svc_org_teams(c, &teams) != SVC_OK)
        teams = NULL;
    json_t *data = json_pack("{s:O, s:b, s:b, s:O, s:O}", "wards", wards, "has_wards", json_array_size(wards) > 0,
                             "may_add", admin, "teams", teams ? teams : json_array(), "form",
                             form ? form : json_object());
    if (!teams)
        json_decref(json_object_get(data, "teams"));
    if (!form)
        json_decref(json_object_get(data, "form"));
    with_errors(data, errors);
    web_page(req, res, status, "discharge_wards", "Hospital wards", data);
}

void p_discharge_wards(struct request *req, struct response *res)
{
    show_wards(req, res, 200, NULL, NULL, NULL);
}

static const char *to_wards(struct request *req, void *arg)
{
    (void)req;
    (void)arg;
    return "/discharge/wards";
}

static int act_ward(struct svc_ctx *c, json_t *form, void *arg)
{
    (void)arg;
    struct ward_input in = {field(form, "code"), field(form, "name"), field(form, "site"), field(form, "kind"),
                            field(form, "team_code"), field(form, "idt_team_code")};
    char id[STORE_ID_LEN];
    return svc_discharge_ward_add(c, &in, id);
}

void p_discharge_ward_add(struct request *req, struct response *res)
{
    page_post(req, res, &(struct page_form){"ward", act_ward, to_wards, show_wards, NULL, NULL});
}
