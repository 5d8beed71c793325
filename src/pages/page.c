/* The one form POST flow (page.h). */
#include "pages/page.h"
#include "api/api.h"
#include "domain/money.h"
#include <stdio.h>
#include <string.h>

/* The errors with each field prefixed "<prefix>-" (a new array). */
static json_t *prefixed(json_t *errors, const char *prefix)
{
    json_t *out = json_array(), *e;
    size_t i;
    json_array_foreach(errors, i, e) {
        const char *f = json_string_value(json_object_get(e, "field"));
        json_t *copy = json_copy(e);
        if (prefix && f) {
            char field[160];
            snprintf(field, sizeof field, "%s-%s", prefix, f);
            json_object_set_new(copy, "field", json_string(field));
        }
        json_array_append_new(out, copy);
    }
    return out;
}

void page_post(struct request *req, struct response *res, const struct page_form *f)
{
    json_t *form = arena_json(&req->arena, http_body_json(req, res));
    if (!form)
        return;
    json_t *errors = NULL;
    if (f->act) {
        struct svc_ctx *c = api_ctx(req);
        int rc = f->act(c, form, f->arg);
        if (rc == SVC_OK) {
            http_redirect(res, req, f->next(req, f->arg));
            return;
        }
        if (rc != SVC_INVALID) {
            api_result(req, res, rc);
            return;
        }
        errors = arena_json(&req->arena, prefixed(c->errors, f->prefix));
    } else {
        if (f->handle(req, res, form, f->arg) == 0) {
            http_redirect(res, req, f->next(req, f->arg));
            return;
        }
        errors = arena_json(&req->arena, api_take_errors(res, f->prefix));
        if (!errors)
            return;   /* not a 422: res holds the error to show */
    }
    f->show(req, res, 422, errors, form, f->arg);
}

json_t *page_error_data(json_t *errors)
{
    return api_error_data(errors);
}

void page_money(json_t *o, const char *pence_key, const char *out_key)
{
    json_t *v = json_object_get(o, pence_key);
    if (!json_is_integer(v))
        return;
    char text[MONEY_STR_SIZE];
    money_format(json_integer_value(v), text);
    json_object_set_new(o, out_key, json_string(text));
}

json_t *page_options(const char *const (*pairs)[2], size_t n, const char *selected, const char *flag)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "value", pairs[i][0], "label", pairs[i][1], flag,
                                           selected && strcmp(selected, pairs[i][0]) == 0));
    return a;
}

/* add["<name>_display"] for o's member key "<name>_pence" when it is an integer. */
static void money_display_into(json_t *add, const char *key, json_t *v)
{
    size_t n = strlen(key);
    if (!json_is_integer(v) || n <= 6 || strcmp(key + n - 6, "_pence") != 0)
        return;
    char text[MONEY_STR_SIZE], name[128];
    money_format(json_integer_value(v), text);
    snprintf(name, sizeof name, "%.*s_display", (int)(n - 6), key);
    json_object_set_new(add, name, json_string(text));
}

void page_money_displays(json_t *o, const char *const *keys)
{
    if (!json_is_object(o))
        return;
    json_t *add = json_object(), *v;
    const char *key;
    for (size_t k = 0; keys && keys[k]; k++)
        money_display_into(add, keys[k], json_object_get(o, keys[k]));
    if (!keys)
        json_object_foreach(o, key, v)
            money_display_into(add, key, v);
    json_object_update(o, add);   /* after: o is not changed while it is walked */
    json_decref(add);
}

void page_money_displays_each(json_t *arr, const char *const *keys)
{
    size_t i;
    json_t *it;
    json_array_foreach(arr, i, it)
        page_money_displays(it, keys);
}

void page_flag(json_t *items, const char *member, const char *value, const char *flag)
{
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        const char *v = json_string_value(json_object_get(it, member));
        json_object_set_new(it, flag, json_boolean(v && strcmp(v, value) == 0));
    }
}
