/* Pages for hospital discharge: the IDT board (/discharge) and one stay
 * (/hospital-stays/{id}) with its forms. Thin: decode → service
 * (svc/discharge.h) → render; words not codes, UK dates, the person banner
 * on the stay page. */
#include "api/api.h"
#include "api/handlers.h"
#include "pages/page.h"
#include <stdio.h>
#include <string.h>
#include "domain/dates.h"
#include "svc/discharge.h"
#include "svc/input.h"
#include "web/web.h"

static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"};

/* "2 December 2026" for "2026-12-02…"; the input when it is not a date. */
static const char *long_date(struct request *req, const char *s)
{
    struct date d;
    char ymd[DATE_STR_SIZE];
    if (!s || strlen(s) < 10)
        return s ? s : "";
    memcpy(ymd, s, 10);
    ymd[10] = '\0';
    if (date_parse(ymd, "date", &d, NULL) != 0)
        return s;
    return arena_printf(&req->arena, "%d %s %d", d.day, months[d.month - 1], d.year);
}

/* Adds key_display (long date) next to each named date member. */
static void dates_display(struct request *req, json_t *o, const char *const *keys)
{
    for (; *keys; keys++) {
        const char *v = json_string_value(json_object_get(o, *keys));
        if (v)
            json_object_set_new(o, arena_printf(&req->arena, "%s_display", *keys), json_string(long_date(req, v)));
    }
}

/* A query parameter, percent-encoded again so it can go back into a link
 * (letters, digits and -._~ as they are). "" when absent. */
static const char *q(struct request *req, const char *name)
{
    const char *v = http_query(req, name);
    return v ? v : "";
}

static const char *enc(struct request *req, const char *v)
{
    char *out = arena_alloc(&req->arena, strlen(v) * 3 + 1), *w = out;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
            *w++ = (char)*p;
        else
        {
            static const char hex[] = "0123456789ABCDEF";
            *w++ = '%';
            *w++ = hex[*p >> 4];
            *w++ = hex[*p & 15];
        }
    }
    *w = '\0';
    return out;
}

/* ---- the board ---- */

static json_t *choices(json_t *values, const char *selected)
{
    json_t *out = json_array();
    size_t i;
    json_t *v;
    json_array_foreach(values, i, v) {
        json_t *c = json_deep_copy(v);
        json_object_set_new(c, "selected", json_boolean(strcmp(json_string_value(json_object_get(c, "value")),
                                                               selected) == 0));
        json_array_append_new(out, c);
    }
    return out;
}

/* Hospitals and wards for the filter, from the ward list. */
static void filter_data(struct request *req, json_t *data, const char *hospital, const char *ward)
{
    json_t *wards;
    json_t *hs = json_array(), *ws = json_array();
    if (svc_discharge_wards(api_ctx(req), NULL, &wards) == SVC_OK) {
        size_t i;
        json_t *w;
        const char *last = "";
        json_array_foreach(wards, i, w) {
            const char *org = json_string_value(json_object_get(w, "org_code"));
            if (strcmp(org, last) != 0)
                json_array_append_new(hs, json_pack("{s:s, s:O}", "value", org, "label",
                                                    json_object_get(w, "org_name")));
            last = org;
            if (!hospital[0] || strcmp(org, hospital) == 0)
                json_array_append_new(ws, json_pack("{s:O, s:O}", "value", json_object_get(w, "code"), "label",
                                                    json_object_get(w, "name")));
        }
    }
    json_t *pw = json_pack("[{s:s,s:s},{s:s,s:s},{s:s,s:s},{s:s,s:s}]", "value", "0", "label",
                           "0 – home without new support", "value", "1", "label", "1 – home with support", "value",
                           "2", "label", "2 – bed-based rehabilitation", "value", "3", "label", "3 – care home");
    json_t *sc = json_pack("[{s:s,s:s},{s:s,s:s},{s:s,s:s}]", "value", "nhs", "label", "NHS", "value",
                           "social_care", "label", "Social care", "value", "both", "label", "NHS and social care");
    json_object_set_new(data, "hospitals", choices(hs, hospital));
    json_object_set_new(data, "wards", choices(ws, ward));
    json_object_set_new(data, "pathways", choices(pw, q(req, "pathway")));
    json_object_set_new(data, "sectors", choices(sc, q(req, "sector")));
    json_decref(hs);
    json_decref(ws);
    json_decref(pw);
    json_decref(sc);
}

/* Counts by pathway and by sector for the huddle's first glance. */
static json_t *summary(json_t *items)
{
    int pathway[5] = {0}, sector[3] = {0}, over7 = 0, over21 = 0;
    size_t i;
    json_t *r;
    int total = 0;
    json_array_foreach(items, i, r) {
        if (!json_object_get(r, "ready_on") || json_is_null(json_object_get(r, "ready_on")))
            continue;   /* still meets the criteria to reside */
        total++;
        json_t *p = json_object_get(r, "pathway");
        pathway[json_is_integer(p) ? (int)json_integer_value(p) : 4]++;
        const char *s = json_string_value(json_object_get(r, "delay_sector"));
        sector[!s ? 2 : strcmp(s, "nhs") == 0 ? 0 : strcmp(s, "social_care") == 0 ? 1 : 2]++;
        json_int_t d = json_integer_value(json_object_get(r, "days_delayed"));
        over7 += d >= 7;
        over21 += d >= 21;
    }
    return json_pack("{s:i, s:i, s:i, s:[{s:s,s:i},{s:s,s:i},{s:s,s:i},{s:s,s:i},{s:s,s:i}],"
                     " s:[{s:s,s:i},{s:s,s:i},{s:s,s:i}]}",
                     "total", total, "over7", over7, "over21", over21, "pathways",
                     "label", "Pathway 0", "count", pathway[0], "label", "Pathway 1", "count", pathway[1], "label",
                     "Pathway 2", "count", pathway[2], "label", "Pathway 3", "count", pathway[3], "label",
                     "Not decided", "count", pathway[4], "sectors", "label", "NHS", "count", sector[0], "label",
                     "Social care", "count", sector[1], "label", "Both or not recorded", "count", sector[2]);
}

void p_discharge_board(struct request *req, struct response *res)
{
    int everyone = strcmp(q(req, "show"), "all") == 0;
    struct board_filter f = {q(req, "hospital"), q(req, "ward"), q(req, "pathway"), q(req, "sector"),
                             q(req, "cursor"), 200, everyone};
    json_t *out;
    struct svc_ctx *c = api_ctx(req);
    int rc = svc_discharge_board(c, &f, &out);
    json_t *data = json_object();
    if (rc == SVC_INVALID) {
        json_t *e = api_error_data(c->errors);
        json_object_update(data, e);
        json_decref(e);
        out = NULL;
    } else if (rc != SVC_OK) {
        json_decref(data);
        return api_result(req, res, rc);
    }
    if (out) {
        json_t *items = json_object_get(out, "items");
        size_t i;
        json_t *r;
        static const char *const keys[] = {"ready_on", "admitted_on", "date_of_birth", NULL};
        json_array_foreach(items, i, r)
            dates_display(req, r, keys);
        json_object_set(data, "items", items);
        json_object_set_new(data, "has_items", json_boolean(json_array_size(items) > 0));
        json_object_set_new(data, "summary", summary(items));
        json_object_set_new(data, "today_display",
                            json_string(long_date(req, json_string_value(json_object_get(out, "today")))));
        const char *next = json_string_value(json_object_get(out, "next_cursor"));
        if (next)
            json_object_set_new(data, "next_href", json_string(arena_printf(
                &req->arena, "/discharge?hospital=%s&ward=%s&pathway=%s&sector=%s&show=%s&cursor=%s",
                enc(req, f.hospital), enc(req, f.ward), enc(req, f.pathway), enc(req, f.sector),
                everyone ? "all" : "", enc(req, next))));
        json_object_set_new(data, "csv_href", json_string(arena_printf(
            &req->arena, "/discharge/board.csv?hospital=%s&ward=%s&pathway=%s&sector=%s", enc(req, f.hospital),
            enc(req, f.ward), enc(req, f.pathway), enc(req, f.sector))));
        json_object_set_new(data, "xlsx_href", json_string(arena_printf(
            &req->arena, "/discharge/board.xlsx?hospital=%s&ward=%s&pathway=%s&sector=%s", enc(req, f.hospital),
            enc(req, f.ward), enc(req, f.pathway), enc(req, f.sector))));
    }
    filter_data(req, data, f.hospital, f.ward);
    json_object_set_new(data, "everyone", json_boolean(everyone));
    json_object_set_new(data, "ready_href", json_string(arena_printf(&req->arena, "/discharge?hospital=%s&ward=%s",
                                                                     enc(req, f.hospital), enc(req, f.ward))));
    json_object_set_new(data, "all_href", json_string(arena_printf(&req->arena,
                                                                   "/discharge?hospital=%s&ward=%s&show=all",
                                                                   enc(req, f.hospital), enc(req, f.ward))));
    web_page(req, res, rc == SVC_OK ? 200 : 422, "discharge_board", "Discharge board", data);
}

/* ---- one stay ---- */

static void show_stay(struct request *req, struct response *res, int status, json_t *errors, json_t *form,
                      void *arg)
{
    (void)arg;
    json_t *stay, *reasons;
    struct svc_ctx *c = api_ctx(req);
    c->errors = NULL;
    int rc = svc_discharge_stay(c, req->params[0], &stay);
    if (rc == SVC_OK)
        rc = svc_discharge_reasons(c, &reasons);
    if (rc != SVC_OK)
        return api_result(req, res, rc);
    static const char *const keys[] = {"admitted_on", "ready_on", "discharged_on", "expected_discharge_on",
                                       "ctr_reviewed_on", NULL};
    static const char *const pkeys[] = {"date_of_birth", NULL};
    static const char *const rkeys[] = {"reviewed_on", "from_on", "changed_at", NULL};
    dates_display(req, stay, keys);
    dates_display(req, json_object_get(stay, "person"), pkeys);
    const char *lists[] = {"reviews", "changes", "delay_reasons"};
    for (size_t k = 0; k < 3; k++) {
        size_t i;
        json_t *r;
        json_array_foreach(json_object_get(stay, lists[k]), i, r)
            dates_display(req, r, rkeys);
    }
    /* The reason list grouped by category for the select. */
    json_t *groups = json_array(), *group = NULL;
    const char *last = "";
    size_t i;
    json_t *r;
    json_array_foreach(reasons, i, r) {
        const char *cat = json_string_value(json_object_get(r, "category_label"));
        if (strcmp(cat, last) != 0) {
            group = json_pack("{s:s, s:[]}", "label", cat, "reasons");
            json_array_append_new(groups, group);
            last = cat;
        }
        json_t *opt = json_pack("{s:O, s:O, s:b}", "code", json_object_get(r, "code"), "label",
                                json_object_get(r, "label"), "selected",
                                json_equal(json_object_get(r, "code"), json_object_get(stay, "delay_reason")));
        json_array_append_new(json_object_get(group, "reasons"), opt);
    }
    json_t *data = json_pack("{s:O, s:o, s:O, s:s}", "stay", stay, "reason_groups", groups, "form",
                             form ? form : json_object(), "today", svc_date_offset(c, 0));
    if (!form)
        json_decref(json_object_get(data, "form"));
    json_t *e = api_error_data(errors);
    json_object_update(data, e);
    json_decref(e);
    json_object_set_new(data, "is_open",
                        json_boolean(strcmp(json_string_value(json_object_get(stay, "status")), "admitted") == 0));
    web_page(req, res, status, "discharge_stay", "Hospital stay", data);
}

void p_hospital_stay(struct request *req, struct response *res)
{
    show_stay(req, res, 200, NULL, NULL, NULL);
}

static const char *back(struct request *req, void *arg)
{
    (void)arg;
    return arena_printf(&req->arena, "/hospital-stays/%s", req->params[0]);
}

static const char *field(json_t *form, const char *k)
{
    return json_string_value(json_object_get(form, k));
}

static int act_review(struct svc_ctx *c, json_t *form, void *arg)
{
    const char *id = arg;
    const char *m = field(form, "meets_criteria");
    int meets = m && strcmp(m, "yes") == 0 ? 1 : m && strcmp(m, "no") == 0 ? 0 : -1;
    if (meets < 0) {
        svc_field_error(c, "meets_criteria", "say whether the person meets the criteria to reside");
        return SVC_INVALID;
    }
    return svc_discharge_review(c, id, field(form, "reviewed_on"), meets, field(form, "note"));
}

static int act_drd(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_discharge_correct_drd(c, arg, field(form, "discharge_ready_date"), field(form, "reason"));
}

static int act_pathway(struct svc_ctx *c, json_t *form, void *arg)
{
    const char *p = field(form, "pathway");
    int pathway = p && strlen(p) == 1 ? p[0] - '0' : -1;
    return svc_discharge_pathway(c, arg, pathway, field(form, "planned_destination"), field(form, "reason"));
}

static int act_delay(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_discharge_delay_reason(c, arg, field(form, "delay_reason"), field(form, "from_on"),
                                      field(form, "sector"), field(form, "override_reason"));
}

static int act_action(struct svc_ctx *c, json_t *form, void *arg)
{
    return svc_discharge_next_action(c, arg, field(form, "next_action"), field(form, "next_action_owner"));
}

static int act_transfer(struct svc_ctx *c, json_t *form, void *arg)
{
    struct transfer_input in = {field(form, "kind"), field(form, "reason"), field(form, "urgency"),
                                field(form, "consent"), field(form, "assessment"), field(form, "assessed_on"),
                                NULL};
    char id[STORE_ID_LEN];
    return svc_discharge_transfer(c, arg, &in, id);
}

#define STAY_POST(fn, prefix, act)                                                                  \
    void fn(struct request *req, struct response *res)                                            \
    {                                                                                              \
        page_post(req, res, &(struct page_form){prefix, act, back, show_stay, arena_strdup(&req->arena, req->params[0]), NULL}); \
    }
STAY_POST(p_hospital_stay_review, "review", act_review)
STAY_POST(p_hospital_stay_drd, "drd", act_drd)
STAY_POST(p_hospital_stay_pathway, "pathway", act_pathway)
STAY_POST(p_hospital_stay_delay_reason, "delay", act_delay)
STAY_POST(p_hospital_stay_action, "action", act_action)
STAY_POST(p_hospital_stay_transfer, "transfer", act_transfer)

/* ---- the daily situation ---- */

void p_discharge_situation(struct request *req, struct response *res)
{
    json_t *out;
    struct svc_ctx *c = api_ctx(req);
    int rc = svc_discharge_situation(c, q(req, "hospital"), q(req, "on"), &out);
    json_t *data = json_object();
    if (rc == SVC_INVALID) {
        json_t *e = api_error_data(c->errors);
        json_object_update(data, e);
        json_decref(e);
    } else if (rc != SVC_OK) {
        json_decref(data);
        return api_result(req, res, rc);
    } else {
        json_object_set(data, "report", out);
        json_object_set_new(data, "on_display",
                            json_string(long_date(req, json_string_value(json_object_get(out, "on")))));
        json_object_set_new(data, "csv_href", json_string(arena_printf(
            &req->arena, "/api/v1/discharge/situation?hospital=%s&on=%s&format=csv", enc(req, q(req, "hospital")),
            enc(req, json_string_value(json_object_get(out, "on"))))));
        json_object_set_new(data, "xlsx_href", json_string(arena_printf(
            &req->arena, "/api/v1/discharge/situation?hospital=%s&on=%s&format=xlsx", enc(req, q(req, "hospital")),
            enc(req, json_string_value(json_object_get(out, "on"))))));
    }
    filter_data(req, data, q(req, "hospital"), "");
    json_object_set_new(data, "on", json_string(q(req, "on")));
    web_page(req, res, rc == SVC_OK ? 200 : 422, "discharge_situation", "Daily discharge situation", data);
}
