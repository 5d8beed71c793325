/* s75 pooled funds: access, creating a fund, recording contributions and
 * spend (pooled_funds_api.h). The statement is in pooled_fund_statement.c. */
#include "api/body_input.h"
#include "api/pooled_funds_api.h"
#include "domain/pooled_fund.h"
#include "store/pooled_funds.h"
#include <stdio.h>
#include <string.h>

int pooled_can_write_role(const struct request *req)
{
    return strcmp(req->who.role, "finance") == 0 || strcmp(req->who.role, "org_admin") == 0;
}

static int is_board(const struct request *req)
{
    return strcmp(req->who.role, "board_viewer") == 0;
}

json_t *pooled_funds_visible(struct request *req, struct response *res)
{
    struct store_error err = {0};
    json_t *items = pooled_funds_list(req->db, is_board(req) ? NULL : req->who.org_id, &err);
    if (!items)
        http_internal(res, req, 503, err.message);
    return items ? json_pack("{s:o, s:n}", "items", items, "next_cursor") : NULL;
}

json_t *pooled_fund_load(struct request *req, struct response *res, const char *id, int for_write)
{
    struct store_error err = {0};
    json_t *f = pooled_funds_get(req->db, id, &err);
    if (!f && err.code != STORE_ENOTFOUND) {
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    int partner = f ? pooled_fund_is_partner(req->db, id, req->who.org_id, &err) : 0;
    if (partner < 0) {
        json_decref(f);
        http_internal(res, req, 503, err.message);
        return NULL;
    }
    if (!f || (!partner && !is_board(req))) {
        json_decref(f);
        http_problem(res, req, 404, "not-found", "Not found", "No such pooled fund.");
        return NULL;
    }
    if (for_write && (!partner || !pooled_can_write_role(req))) {
        json_decref(f);
        http_problem(res, req, 403, "forbidden", "Only the partners' finance staff can change a pooled fund",
                     "Contributions and spend are recorded by finance staff or an organisation administrator "
                     "of a partner organisation.");
        return NULL;
    }
    return f;
}

/* ---- creating a fund ---- */

struct partner_in {
    const char *org_id;
    struct pooled_partner terms;
    int64_t contribution;   /* 0 when none given at set-up */
};

static int64_t item_int(json_t *o, const char *key, size_t i, int64_t min, int64_t max, json_t *errors)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
        char field[64], msg[96];
        snprintf(field, sizeof field, "partners[%zu].%s", i, key);
        snprintf(msg, sizeof msg, "must be a whole number from %lld", (long long)min);
        http_add_error(errors, field, msg);
        return 0;
    }
    return json_integer_value(v);
}

static size_t decode_partners(struct request *req, json_t *body, struct partner_in *p, const char *host,
                              size_t *host_i, json_t *errors)
{
    json_t *arr = json_object_get(body, "partners"), *it;
    size_t n = json_array_size(arr), i;
    if (!json_is_array(arr) || n == 0 || n > POOLED_MAX_PARTNERS) {
        http_add_error(errors, "partners", "list between 1 and 16 partner organisations");
        return 0;
    }
    int self = 0;
    json_array_foreach(arr, i, it) {
        char field[64], type[32];
        struct store_error err = {0};
        p[i].org_id = json_string_value(json_object_get(it, "org_id"));
        snprintf(field, sizeof field, "partners[%zu].org_id", i);
        if (!p[i].org_id || accounts_org_type(req->db, p[i].org_id, type, &err) != 0)
            http_add_error(errors, field, "is not an organisation");
        for (size_t k = 0; k < i && p[i].org_id; k++)
            if (p[k].org_id && strcmp(p[k].org_id, p[i].org_id) == 0)
                http_add_error(errors, field, "is listed twice");
        p[i].terms.share_bp = item_int(it, "share_bp", i, 0, POOLED_BP_TOTAL, errors);
        p[i].terms.cap_pence = item_int(it, "cap_pence", i, 0, INT64_MAX, errors);
        p[i].contribution = item_int(it, "contribution_pence", i, 1, INT64_MAX, errors);
        p[i].terms.contribution_pence = p[i].contribution;
        if (p[i].org_id && host && strcmp(p[i].org_id, host) == 0)
            *host_i = i;
        self |= p[i].org_id && strcmp(p[i].org_id, req->who.org_id) == 0;
    }
    if (!self)
        http_add_error(errors, "partners", "must include your own organisation");
    return n;
}

struct fund_in {
    struct pooled_fund_row row;
    enum pooled_risk_rule rule;
    struct partner_in partners[POOLED_MAX_PARTNERS];
    size_t n;
    json_t *services;
};

static void decode_services(json_t *body, struct fund_in *f, json_t *errors)
{
    json_t *arr = json_object_get(body, "services"), *it;
    size_t i;
    f->services = arr;
    if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 100) {
        http_add_error(errors, "services", "list between 1 and 100 services the pool funds");
        return;
    }
    json_array_foreach(arr, i, it) {
        char field[48];
        snprintf(field, sizeof field, "services[%zu].name", i);
        const char *name = json_string_value(json_object_get(it, "name"));
        if (!name || !*name || strlen(name) > 200)
            http_add_error(errors, field, "is required (at most 200 characters)");
        json_t *b = json_object_get(it, "budget_pence");
        snprintf(field, sizeof field, "services[%zu].budget_pence", i);
        if (b && !json_is_null(b) && (!json_is_integer(b) || json_integer_value(b) < 0))
            http_add_error(errors, field, "must be a whole number of pence, 0 or more");
        for (size_t k = 0; k < i && name; k++) {
            const char *other = json_string_value(json_object_get(json_array_get(arr, k), "name"));
            if (other && strcmp(other, name) == 0) {
                snprintf(field, sizeof field, "services[%zu].name", i);
                http_add_error(errors, field, "is listed twice");
            }
        }
    }
}

static void decode_fund(struct request *req, json_t *body, struct fund_in *f, json_t *errors)
{
    struct date ys, ye;
    struct domain_error de;
    f->row.name = input_text(body, "name", 1, 200, errors);
    f->row.aims = input_text(body, "aims", 0, 4000, errors);
    f->row.year_start = input_date(body, "year_start", 1, &ys, errors);
    f->row.year_end = input_date(body, "year_end", 1, &ye, errors);
    if (f->row.year_start && f->row.year_end && pooled_fund_year_check(ys, ye, &de) != 0)
        http_add_error(errors, de.field, de.message);
    f->row.host_org_id = api_str(body, "host_org_id", errors);
    f->row.manager_id = api_str(body, "manager_id", errors);
    f->row.risk_share = api_str(body, "risk_share", errors);
    int rule = pooled_risk_rule_parse(f->row.risk_share);
    if (rule < 0)
        http_add_error(errors, "risk_share", "Select how overspends and underspends are shared");
    f->rule = rule < 0 ? POOLED_RISK_CONTRIBUTION_RATIO : (enum pooled_risk_rule)rule;
    size_t host = POOLED_MAX_PARTNERS;
    f->n = decode_partners(req, body, f->partners, f->row.host_org_id, &host, errors);
    if (f->n && host == POOLED_MAX_PARTNERS)
        http_add_error(errors, "host_org_id", "must be one of the partners");
    struct pooled_partner terms[POOLED_MAX_PARTNERS];
    for (size_t i = 0; i < f->n; i++)
        terms[i] = f->partners[i].terms;
    if (rule >= 0 && f->n && host < f->n && !json_array_size(errors) &&
        pooled_fund_terms_check(f->rule, terms, f->n, host, &de) != 0)
        http_add_error(errors, de.field, de.message);
    json_t *mgr = f->row.manager_id ? accounts_user_get(req->db, f->row.manager_id, &(struct store_error){0}) : NULL;
    if (f->row.manager_id && !mgr)
        http_add_error(errors, "manager_id", "is not a user");
    json_decref(mgr);
    decode_services(body, f, errors);
}

static int fund_write(struct request *req, const struct fund_in *f, char id[STORE_ID_LEN], struct store_error *err)
{
    char now[STORE_TIME_LEN], pid[STORE_ID_LEN], sid[STORE_ID_LEN], cid[STORE_ID_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    if (store_tx_begin(req->db, STORE_TX_WRITE, err) != 0 || pooled_funds_insert(req->db, &by, &f->row, id, err) != 0)
        return 0;
    for (size_t i = 0; i < f->n; i++) {
        const struct partner_in *p = &f->partners[i];
        if (pooled_fund_partner_insert(req->db, &by, id, p->org_id, (int)i, p->terms.share_bp, p->terms.cap_pence,
                                       pid, err) != 0 ||
            (p->contribution > 0 && pooled_fund_contribution_insert(req->db, &by, id, pid, p->contribution,
                                                                    f->row.year_start, "at set-up", cid, err) != 0))
            return 0;
    }
    size_t i;
    json_t *it;
    json_array_foreach(f->services, i, it) {
        if (pooled_fund_service_insert(req->db, &by, id, json_string_value(json_object_get(it, "name")),
                                       json_integer_value(json_object_get(it, "budget_pence")), sid, err) != 0)
            return 0;
    }
    return svc_audit(&c, "create", "pooled_fund", id, NULL, "admin", err) == 0;
}

static int commit(struct request *req, struct response *res, int ok, struct store_error *err)
{
    if (ok && store_tx_commit(req->db, err) == 0)
        return 0;
    store_tx_rollback(req->db);
    if (err->code == STORE_ENOTFOUND)
        http_problem(res, req, 409, "version-conflict", "The fund was changed by someone else",
                     "Fetch it again and reapply your change.");
    else
        http_internal(res, req, 503, err->message);
    return -1;
}

int pooled_fund_create(struct request *req, struct response *res, json_t *body, char id[STORE_ID_LEN])
{
    if (!pooled_can_write_role(req)) {
        http_problem(res, req, 403, "forbidden", "Only finance staff can set up a pooled fund",
                     "A pooled fund is set up by finance staff or an organisation administrator of a partner.");
        return -1;
    }
    json_t *errors = json_array();
    struct fund_in f;
    memset(&f, 0, sizeof f);
    decode_fund(req, body, &f, errors);
    int rc = -1;
    struct store_error err = {0};
    if (json_array_size(errors))
        http_validation(res, req, json_incref(errors));
    else
        rc = commit(req, res, fund_write(req, &f, id, &err), &err);
    json_decref(errors);
    return rc;
}

/* ---- contributions and spend ---- */

/* The id of the fund's partner row for org_id, or NULL. */
static const char *partner_of(struct request *req, json_t *partners, const char *org_id)
{
    size_t i;
    json_t *p;
    json_array_foreach(partners, i, p) {
        if (org_id && strcmp(org_id, json_string_value(json_object_get(p, "org_id"))) == 0)
            return arena_strdup(&req->arena, json_string_value(json_object_get(p, "id")));
    }
    return NULL;
}

static int service_of(json_t *services, const char *id)
{
    size_t i;
    json_t *s;
    json_array_foreach(services, i, s) {
        if (id && strcmp(id, json_string_value(json_object_get(s, "id"))) == 0)
            return 1;
    }
    return 0;
}

/* A date inside the fund's year: its quarter, or -1 (error added). */
static int fund_date(json_t *f, json_t *body, const char *key, json_t *errors)
{
    struct date on, ys, ye;
    struct domain_error de;
    int q = -1;
    if (!input_date(body, key, 1, &on, errors))
        return -1;
    date_parse(json_string_value(json_object_get(f, "year_start")), "year_start", &ys, NULL);
    date_parse(json_string_value(json_object_get(f, "year_end")), "year_end", &ye, NULL);
    if (pooled_fund_quarter(ys, ye, on, key, &q, &de) != 0) {
        http_add_error(errors, de.field, de.message);
        return -1;
    }
    return q;
}

static int64_t positive_pence(json_t *body, json_t *errors)
{
    int64_t v = 0;
    if (input_pence(body, "amount_pence", "amount", 1, &v, errors) == 0 && v <= 0) {
        http_add_error(errors, json_object_get(body, "amount_pence") ? "amount_pence" : "amount",
                       "must be more than zero");
        return 0;
    }
    return v;
}

/* Validation errors or the version check end the request: -1. */
static int entry_checks(struct request *req, struct response *res, json_t *f, json_t *body, json_t *errors)
{
    if (json_array_size(errors)) {
        http_validation(res, req, json_incref(errors));
        return -1;
    }
    return http_check_version(req, res, body, json_integer_value(json_object_get(f, "version")));
}

static int entry_commit(struct request *req, struct response *res, json_t *f, const char *rtype, int ok, const char *id, struct store_error *err)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    ok = ok && pooled_funds_bump(req->db, &by, json_string_value(json_object_get(f, "id")),
                                 json_integer_value(json_object_get(f, "version")), err) == 0 &&
         svc_audit(&c, "create", rtype, id, NULL, "admin", err) == 0;
    return commit(req, res, ok, err);
}

int pooled_fund_contribute(struct request *req, struct response *res, const char *fund_id, json_t *body)
{
    json_t *f = pooled_fund_load(req, res, fund_id, 1);
    if (!f)
        return -1;
    struct store_error err = {0};
    json_t *errors = json_array(), *partners = pooled_fund_partners(req->db, fund_id, &err);
    const char *org = api_str(body, "org_id", errors);
    const char *pid = partner_of(req, partners, org);
    if (!pid)
        http_add_error(errors, "org_id", "must be one of the fund's partners");
    int64_t amount = positive_pence(body, errors);
    fund_date(f, body, "agreed_on", errors);
    const char *note = input_text(body, "note", 0, 500, errors);
    int rc = -1;
    if (!partners)
        http_internal(res, req, 503, err.message);
    else if (entry_checks(req, res, f, body, errors) == 0) {
        char id[STORE_ID_LEN], now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
                 pooled_fund_contribution_insert(req->db, &by, fund_id, pid, amount,
                                                 json_string_value(json_object_get(body, "agreed_on")), note, id,
                                                 &err) == 0;
        rc = entry_commit(req, res, f, "pooled_fund_contribution", ok, id, &err);
    }
    json_decref(partners);
    json_decref(errors);
    json_decref(f);
    return rc;
}

int pooled_fund_spend(struct request *req, struct response *res, const char *fund_id, json_t *body)
{
    json_t *f = pooled_fund_load(req, res, fund_id, 1);
    if (!f)
        return -1;
    struct store_error err = {0};
    json_t *errors = json_array(), *services = pooled_fund_services(req->db, fund_id, &err);
    struct pooled_spend_row s = {fund_id, api_str(body, "service_id", errors), NULL, NULL, 0, 0};
    if (!service_of(services, s.service_id))
        http_add_error(errors, "service_id", "must be one of the services the fund pays for");
    s.amount_pence = positive_pence(body, errors);
    s.quarter = fund_date(f, body, "spent_on", errors);
    s.spent_on = json_string_value(json_object_get(body, "spent_on"));
    s.description = input_text(body, "description", 0, 500, errors);
    int rc = -1;
    if (!services)
        http_internal(res, req, 503, err.message);
    else if (entry_checks(req, res, f, body, errors) == 0) {
        char id[STORE_ID_LEN], now[STORE_TIME_LEN];
        store_now(now);
        struct actor by = {req->who.user_id, now};
        int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 &&
                 pooled_fund_spend_insert(req->db, &by, &s, id, &err) == 0;
        rc = entry_commit(req, res, f, "pooled_fund_spend", ok, id, &err);
    }
    json_decref(services);
    json_decref(errors);
    json_decref(f);
    return rc;
}
