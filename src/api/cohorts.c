/* Case-finding cohorts (domain.md §4) for the teams of a locality, and the
 * feed that keeps a person's case-finding data current. */
#include "api/api.h"
#include "api/cohorts_api.h"
#include "api/handlers.h"
#include "api/person_access.h"
#include "domain/cohort.h"
#include "domain/efi.h"
#include "store/cohorts.h"
#include "store/localities.h"
#include "util/clock.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The population totals behind "3 × the average" take a scan of every
 * person; they are recomputed at most once a minute per process. */
#define POPULATION_TTL_MS 60000.0
static pthread_mutex_t population_lock = PTHREAD_MUTEX_INITIALIZER;
static struct { long long n, total; double at_ms; int valid; } population;

static int population_totals(struct store *db, long long *n, long long *total, struct store_error *err)
{
    double now = clock_monotonic_ms();
    pthread_mutex_lock(&population_lock);
    int fresh = population.valid && now - population.at_ms < POPULATION_TTL_MS;
    *n = population.n;
    *total = population.total;
    pthread_mutex_unlock(&population_lock);
    if (fresh)
        return 0;
    if (cohorts_population(db, n, total, err) < 0)
        return -1;
    pthread_mutex_lock(&population_lock);
    population.n = *n;
    population.total = *total;
    population.at_ms = now;
    population.valid = 1;
    pthread_mutex_unlock(&population_lock);
    return 0;
}

static const struct { const char *name, *label; enum cohort_kind kind; int flag; } KINDS[] = {
    {"ltc5", "Five or more long-term conditions", COHORT_KIND_LTC5, COHORT_LTC5},
    {"high_cost", "Predicted acute cost at least 3 × the average", COHORT_KIND_HIGH_COST, COHORT_HIGH_COST},
    {"frailty", "Moderate or severe frailty (eFI) or a frailty flag", COHORT_KIND_FRAILTY, COHORT_FRAILTY},
};

static int kind_index(const char *name)
{
    for (int i = 0; i < 3; i++)
        if (name && strcmp(name, KINDS[i].name) == 0)
            return i;
    return -1;
}

/* Why each person is on the list, from the domain rule. */
static void add_reasons(json_t *items, int k, long long average)
{
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        struct efi_result efi = {0};
        efi.category = efi_category_for_count((int)json_integer_value(json_object_get(it, "efi_count")));
        struct cohort_input in = {(int)json_integer_value(json_object_get(it, "ltc_count")),
                                  json_integer_value(json_object_get(it, "predicted_cost_pence")), average,
                                  efi.category, json_integer_value(json_object_get(it, "frailty_flag")) != 0};
        char why[160];
        cohort_reason(&in, KINDS[k].flag, why, sizeof why);
        json_object_set_new(it, "reason", json_string(why));
        json_object_set_new(it, "frailty_flag", json_boolean(in.frailty_flag));
    }
}

json_t *cohort_page(struct request *req, struct response *res, const char *locality_code, const char *kind,
                    int page, int limit)
{
    struct store_error err = {0};
    char loc[STORE_ID_LEN], today[11], adult[11];
    int k = kind_index(kind);
    if (k < 0 || localities_id_by_code(req->db, locality_code, loc, &err) != 0) {
        http_problem(res, req, 404, "not-found", "Not found",
                     "No such locality or cohort (cohorts: ltc5, high_cost, frailty).");
        return NULL;
    }
    if (cohorts_user_in_locality(req->db, req->who.user_id, loc, &err) != 0) {
        http_problem(res, req, 403, "not-in-locality", "Not your locality",
                     "Cohort lists are for the teams of the locality whose population they cover.");
        return NULL;
    }
    long long n = 0, total = 0, count = 0;
    if (population_totals(req->db, &n, &total, &err) < 0) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    /* The population average in whole pence (rounded down); with no
     * average nobody is 3 × it (domain/cohort.h). */
    long long average = n ? total / n : 0;
    clock_today(today);
    /* born on or before this day 18 years ago (as text; 29 Feb compares fine) */
    char year[8];
    snprintf(year, sizeof year, "%04d", (atoi(today) - 18) % 10000);
    memcpy(adult, today, sizeof adult);
    memcpy(adult, year, 4);
    struct cohort_query q = {KINDS[k].kind, loc, KINDS[k].kind == COHORT_KIND_FRAILTY ? "9999-12-31" : adult,
                             average > 0 ? 3 * average : INT64_MAX, limit, (page - 1) * limit};
    json_t *items = NULL;
    if (cohorts_count(req->db, &q, &count, &err) < 0 || !(items = cohorts_list(req->db, &q, &err))) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    add_reasons(items, k, average);
    if (api_audit_read_items(req, res, "cohort", items, "id", "identify") < 0) {
        json_decref(items);
        return NULL;
    }
    return json_pack("{s:s, s:s, s:s, s:I, s:i, s:I, s:I, s:o}", "locality", locality_code, "cohort", KINDS[k].name,
                     "label", KINDS[k].label, "total", (json_int_t)count, "page", page,
                     "pages", (json_int_t)((count + limit - 1) / limit), "average_cost_pence", (json_int_t)average,
                     "items", items);
}

static int page_param(struct request *req, struct response *res)
{
    const char *p = http_query(req, "page");
    char *end;
    long v = p ? strtol(p, &end, 10) : 1;
    if (p && (*end || end == p || v < 1 || v > 1000000)) {
        json_t *errors = json_array();
        http_add_error(errors, "page", "must be a whole number from 1");
        http_validation(res, req, errors);
        return -1;
    }
    return (int)v;
}

/* CSV of the whole cohort (up to 100,000 rows), each person audited. */
static void cohort_csv(struct request *req, struct response *res, const char *loc, const char *kind)
{
    json_t *all = cohort_page(req, res, loc, kind, 1, 100000);
    if (!all)
        return;
    static const char *const cols[] = {"nhs_number", "family_name", "given_name", "date_of_birth", "postcode",
                                       "gp_practice_code", "ltc_count", "efi_count", "predicted_cost_pence", "reason"};
    buf_reset(&res->body);
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
        buf_printf(&res->body, "%s%s", c ? "," : "", cols[c]);
    buf_puts(&res->body, "\r\n");
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(all, "items"), i, it) {
        for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
            json_t *v = json_object_get(it, cols[c]);
            if (c)
                buf_putc(&res->body, ',');
            if (json_is_integer(v))
                buf_printf(&res->body, "%lld", (long long)json_integer_value(v));
            else
                api_csv_field(&res->body, json_string_value(v));
        }
        buf_puts(&res->body, "\r\n");
    }
    json_decref(all);
    res->status = 200;
    res->content_type = "text/csv; charset=utf-8";
    http_header_add(res, req, "Content-Disposition",
                    arena_printf(&req->arena, "attachment; filename=\"cohort-%s-%s.csv\"", loc, kind));
}

void h_cohort(struct request *req, struct response *res)
{
    const char *fmt = http_query(req, "format");
    if (fmt && strcmp(fmt, "csv") == 0) {
        cohort_csv(req, res, req->params[0], req->params[1]);
        return;
    }
    int limit = api_limit(req, res), page = limit < 0 ? -1 : page_param(req, res);
    if (page < 0)
        return;
    json_t *r = cohort_page(req, res, req->params[0], req->params[1], page, limit);
    if (r)
        http_json(res, 200, r);
}

void h_localities(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *rows = localities_list(req->db, &err);
    if (!rows)
        http_internal(res, req, 503, err.message);
    else
        http_json(res, 200, json_pack("{s:o}", "items", rows));
}

static int int_field(json_t *body, const char *key, long long max, long long *out, json_t *errors)
{
    json_t *v = json_object_get(body, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > max) {
        char msg[80];
        snprintf(msg, sizeof msg, "is required: a whole number from 0 to %lld", max);
        http_add_error(errors, key, msg);
        return -1;
    }
    *out = json_integer_value(v);
    return 0;
}

/* PUT /api/v1/persons/{id}/case-finding {ltc_count, efi_deficits: [codes],
 * frailty_flag, predicted_cost_pence}: the feed from primary care and risk
 * stratification that the cohorts read. A write to personal data: the
 * legitimate relationship is checked and the write audited. */
void h_case_finding_put(struct request *req, struct response *res)
{
    json_t *body = http_body_json(req, res);
    if (!body)
        return;
    enum access_decision d;
    const char *basis;
    if (person_check(req, res, req->params[0], &d, &basis) < 0) {
        json_decref(body);
        return;
    }
    json_t *errors = json_array();
    long long ltc = 0, cost = 0;
    int_field(body, "ltc_count", 100, &ltc, errors);
    int_field(body, "predicted_cost_pence", 100000000000LL, &cost, errors);
    json_t *list = json_object_get(body, "efi_deficits"), *flag = json_object_get(body, "frailty_flag");
    const char *codes[EFI_DEFICITS + 1];
    size_t n = json_array_size(list), i;
    struct buf joined;
    buf_init(&joined, 0);
    if (list && (!json_is_array(list) || n > EFI_DEFICITS))
        http_add_error(errors, "efi_deficits", "must be a list of at most 36 eFI deficit codes");
    struct efi_result efi = {0};
    struct domain_error de;
    if (json_is_array(list) && n <= EFI_DEFICITS) {
        for (i = 0; i < n; i++) {
            codes[i] = json_string_value(json_array_get(list, i));
            buf_printf(&joined, "%s%s", i ? "," : "", codes[i] ? codes[i] : "");
        }
        if (efi_score(codes, n, &efi, &de) < 0)
            http_add_error(errors, arena_printf(&req->arena, "efi_%s", de.field), de.message);
    }
    if (flag && !json_is_boolean(flag))
        http_add_error(errors, "frailty_flag", "must be true or false");
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    struct case_finding cf = {(int)ltc, efi.count, json_is_true(flag), buf_str(&joined), cost};
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
    } else if (store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
               cohorts_set_case_finding(req->db, &by, req->params[0], &cf, &err) == 0 &&
               svc_audit(&c, "update", "case_finding", req->params[0], req->params[0], basis, &err) == 0 &&
               store_tx_commit(req->db, &err) == 0) {
        http_json(res, 200, json_pack("{s:s, s:i, s:s, s:i, s:s, s:b, s:I}", "person_id", req->params[0],
                                      "ltc_count", (int)ltc, "efi_deficits", buf_str(&joined), "efi_count", efi.count,
                                      "efi_category", efi_category_name(efi.category), "frailty_flag", cf.frailty_flag,
                                      "predicted_cost_pence", (json_int_t)cost));
    } else {
        store_tx_rollback(req->db);
        http_internal(res, req, 503, err.message);
    }
    buf_free(&joined);
    json_decref(errors);
    json_decref(body);
}
