/* s75 pooled funds: access, creating a fund, recording contributions and
 * spend (svc/pooled_funds.h). The statement is in pooled_fund_statement.c. */
#include "svc/pooled_funds.h"
#include "domain/money.h"
#include "domain/pooled_fund.h"
#include "store/pooled_funds.h"
#include "svc/input.h"
#include "svc/pooled_int.h"
#include <stdio.h>
#include <string.h>

int svc_pooled_can_write(const struct svc_ctx *c)
{
    return svc_role_is(c, "finance") || svc_role_is(c, "org_admin");
}

int svc_pooled_funds_list(struct svc_ctx *c, json_t **out)
{
    json_t *items = pooled_funds_list(c->db, svc_role_is(c, "board_viewer") ? NULL : c->org_id, &c->err);
    if (!items)
        return svc_failed(c, "pooled fund list");
    *out = svc_own(c, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
    return SVC_OK;
}

int pooled_fund_load(struct svc_ctx *c, const char *id, int for_write, json_t **out)
{
    json_t *f = svc_own(c, pooled_funds_get(c->db, id, &c->err));
    if (!f && c->err.code != STORE_ENOTFOUND)
        return svc_failed(c, "pooled fund read");
    int partner = f ? pooled_fund_is_partner(c->db, id, c->org_id, &c->err) : 0;
    if (partner < 0)
        return svc_failed(c, "pooled fund partner");
    if (!f || (!partner && !svc_role_is(c, "board_viewer")))
        return svc_not_found(c, "pooled fund");
    if (for_write && (!partner || !svc_pooled_can_write(c)))
        return svc_refuse(c, SVC_FORBIDDEN, "Only the partners' finance staff can change a pooled fund",
                          "Contributions and spend are recorded by finance staff or an organisation administrator "
                          "of a partner organisation.");
    *out = f;
    return SVC_OK;
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
        snprintf(msg, sizeof msg, "must be a whole number from %lld to %lld", (long long)min, (long long)max);
        svc_error_add(errors, field, msg);
        return 0;
    }
    return json_integer_value(v);
}

static size_t decode_partners(struct svc_ctx *c, json_t *body, struct partner_in *p, const char *host,
                              size_t *host_i, json_t *errors)
{
    json_t *arr = json_object_get(body, "partners"), *it;
    size_t n = json_array_size(arr), i;
    if (!json_is_array(arr) || n == 0 || n > POOLED_MAX_PARTNERS) {
        svc_error_add(errors, "partners", "list between 1 and 16 partner organisations");
        return 0;
    }
    int self = 0;
    json_array_foreach(arr, i, it) {
        char field[64], type[32];
        struct store_error err = {0};
        p[i].org_id = json_string_value(json_object_get(it, "org_id"));
        snprintf(field, sizeof field, "partners[%zu].org_id", i);
        if (!p[i].org_id || accounts_org_type(c->db, p[i].org_id, type, &err) != 0)
            svc_error_add(errors, field, "is not an organisation");
        for (size_t k = 0; k < i && p[i].org_id; k++)
            if (p[k].org_id && strcmp(p[k].org_id, p[i].org_id) == 0)
                svc_error_add(errors, field, "is listed twice");
        p[i].terms.share_bp = item_int(it, "share_bp", i, 0, POOLED_BP_TOTAL, errors);
        p[i].terms.cap_pence = item_int(it, "cap_pence", i, 0, MONEY_MAX_PENCE, errors);
        p[i].contribution = item_int(it, "contribution_pence", i, 1, MONEY_MAX_PENCE, errors);
        p[i].terms.contribution_pence = p[i].contribution;
        if (p[i].org_id && host && strcmp(p[i].org_id, host) == 0)
            *host_i = i;
        self |= p[i].org_id && c->org_id && strcmp(p[i].org_id, c->org_id) == 0;
    }
    if (!self)
        svc_error_add(errors, "partners", "must include your own organisation");
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
        svc_error_add(errors, "services", "list between 1 and 100 services the pool funds");
        return;
    }
    json_array_foreach(arr, i, it) {
        char field[48];
        snprintf(field, sizeof field, "services[%zu].name", i);
        const char *name = json_string_value(json_object_get(it, "name"));
        if (!name || !*name || strlen(name) > 200)
            svc_error_add(errors, field, "is required (at most 200 characters)");
        json_t *b = json_object_get(it, "budget_pence");
        snprintf(field, sizeof field, "services[%zu].budget_pence", i);
        if (b && !json_is_null(b) &&
            (!json_is_integer(b) || json_integer_value(b) < 0 || json_integer_value(b) > MONEY_MAX_PENCE))
            svc_error_add(errors, field, "must be a whole number of pence from 0 to 100000000000 (£1bn)");
        for (size_t k = 0; k < i && name; k++) {
            const char *other = json_string_value(json_object_get(json_array_get(arr, k), "name"));
            if (other && strcmp(other, name) == 0) {
                snprintf(field, sizeof field, "services[%zu].name", i);
                svc_error_add(errors, field, "is listed twice");
            }
        }
    }
}

static void decode_fund(struct svc_ctx *c, json_t *body, struct fund_in *f, json_t *errors)
{
    struct date ys, ye;
    struct domain_error de;
    f->row.name = input_line(body, "name", 1, 200, errors);
    f->row.aims = input_text(body, "aims", 0, 4000, errors);
    f->row.year_start = input_date(body, "year_start", 1, &ys, errors);
    f->row.year_end = input_date(body, "year_end", 1, &ye, errors);
    if (f->row.year_start && f->row.year_end && pooled_fund_year_check(ys, ye, &de) != 0)
        svc_error_add(errors, de.field, de.message);
    f->row.host_org_id = input_str(body, "host_org_id", errors);
    f->row.manager_id = input_str(body, "manager_id", errors);
    f->row.risk_share = input_str(body, "risk_share", errors);
    int rule = pooled_risk_rule_parse(f->row.risk_share);
    if (rule < 0)
        svc_error_add(errors, "risk_share", "must be contribution_ratio, fixed_percentage or capped");
    f->rule = rule < 0 ? POOLED_RISK_CONTRIBUTION_RATIO : (enum pooled_risk_rule)rule;
    size_t host = POOLED_MAX_PARTNERS;
    f->n = decode_partners(c, body, f->partners, f->row.host_org_id, &host, errors);
    if (f->n && host == POOLED_MAX_PARTNERS)
        svc_error_add(errors, "host_org_id", "must be one of the partners");
    struct pooled_partner terms[POOLED_MAX_PARTNERS];
    for (size_t i = 0; i < f->n; i++)
        terms[i] = f->partners[i].terms;
    if (rule >= 0 && f->n && host < f->n && !json_array_size(errors) &&
        pooled_fund_terms_check(f->rule, terms, f->n, host, &de) != 0)
        svc_error_add(errors, de.field, de.message);
    json_t *mgr = f->row.manager_id ? accounts_user_get(c->db, f->row.manager_id, &(struct store_error){0}) : NULL;
    if (f->row.manager_id && !mgr)
        svc_error_add(errors, "manager_id", "is not a user");
    json_decref(mgr);
    decode_services(body, f, errors);
}

/* Inserts the fund, its partners (with any set-up contribution) and
 * services: 0 or a store code. */
static int fund_write(struct svc_ctx *c, const struct fund_in *f, char id[STORE_ID_LEN])
{
    char pid[STORE_ID_LEN], sid[STORE_ID_LEN], cid[STORE_ID_LEN];
    struct actor by = svc_actor(c);
    int rc = pooled_funds_insert(c->db, &by, &f->row, id, &c->err);
    for (size_t i = 0; rc == 0 && i < f->n; i++) {
        const struct partner_in *p = &f->partners[i];
        rc = pooled_fund_partner_insert(c->db, &by, id, p->org_id, (int)i, p->terms.share_bp, p->terms.cap_pence,
                                        pid, &c->err);
        if (rc == 0 && p->contribution > 0)
            rc = pooled_fund_contribution_insert(c->db, &by, id, pid, p->contribution, f->row.year_start,
                                                 "at set-up", cid, &c->err);
    }
    size_t i;
    json_t *it;
    json_array_foreach(f->services, i, it) {
        if (rc == 0)
            rc = pooled_fund_service_insert(c->db, &by, id, json_string_value(json_object_get(it, "name")),
                                            json_integer_value(json_object_get(it, "budget_pence")), sid, &c->err);
    }
    return rc;
}

int svc_pooled_fund_create(struct svc_ctx *c, json_t *in, char id[STORE_ID_LEN])
{
    if (!svc_pooled_can_write(c))
        return svc_refuse(c, SVC_FORBIDDEN, "Only finance staff can set up a pooled fund",
                          "A pooled fund is set up by finance staff or an organisation administrator of a partner.");
    struct fund_in f;
    memset(&f, 0, sizeof f);
    decode_fund(c, in, &f, svc_errors(c));
    if (svc_has_errors(c))
        return SVC_INVALID;
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = fund_write(c, &f, id);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "pooled_fund", id, NULL, "admin");
    return svc_tx_end(c, rc);
}

/* ---- contributions and spend ---- */

/* The id of the fund's partner row for org_id, or NULL. */
static const char *partner_of(struct svc_ctx *c, json_t *partners, const char *org_id)
{
    size_t i;
    json_t *p;
    json_array_foreach(partners, i, p) {
        if (org_id && strcmp(org_id, json_string_value(json_object_get(p, "org_id"))) == 0)
            return arena_strdup(c->arena, json_string_value(json_object_get(p, "id")));
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
    ys = date_parse_or(json_string_value(json_object_get(f, "year_start")), on);
    ye = date_parse_or(json_string_value(json_object_get(f, "year_end")), on);
    if (pooled_fund_quarter(ys, ye, on, key, &q, &de) != 0) {
        svc_error_add(errors, de.field, de.message);
        return -1;
    }
    return q;
}

static int64_t positive_pence(json_t *body, json_t *errors)
{
    int64_t v = 0;
    if (input_pence(body, "amount_pence", "amount", 1, &v, errors) == 0 && v <= 0) {
        svc_error_add(errors, json_object_get(body, "amount_pence") ? "amount_pence" : "amount",
                       "must be more than zero");
        return 0;
    }
    return v;
}

/* Validation, then the version: SVC_OK when the entry may be written. */
static int entry_checks(struct svc_ctx *c, json_t *f, const struct svc_expect *e)
{
    if (svc_has_errors(c))
        return SVC_INVALID;
    return svc_version_check(c, e, json_integer_value(json_object_get(f, "version")));
}

/* Ends an entry's write: the fund's version moves on (STORE_ENOTFOUND when
 * someone else moved it first: SVC_STALE), the audit entry, commit. */
static int entry_end(struct svc_ctx *c, json_t *f, const char *rtype, int rc, const char *id)
{
    struct actor by = svc_actor(c);
    if (rc == 0)
        rc = pooled_funds_bump(c->db, &by, json_string_value(json_object_get(f, "id")),
                               json_integer_value(json_object_get(f, "version")), &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", rtype, id, NULL, "admin");
    rc = svc_tx_end(c, rc);
    if (rc == SVC_STALE)
        svc_refuse(c, SVC_STALE, "The fund was changed by someone else", "Fetch it again and reapply your change.");
    return rc;
}

int svc_pooled_fund_contribute(struct svc_ctx *c, const char *fund_id, json_t *in, const struct svc_expect *e)
{
    json_t *f = NULL;
    int rc = pooled_fund_load(c, fund_id, 1, &f);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c), *partners = svc_own(c, pooled_fund_partners(c->db, fund_id, &c->err));
    const char *org = input_str(in, "org_id", errors);
    const char *pid = partner_of(c, partners, org);
    if (!pid)
        svc_error_add(errors, "org_id", "must be one of the fund's partners");
    int64_t amount = positive_pence(in, errors);
    fund_date(f, in, "agreed_on", errors);
    const char *note = input_text(in, "note", 0, 500, errors);
    if (!partners)
        return svc_failed(c, "pooled fund partners");
    rc = entry_checks(c, f, e);
    if (rc != SVC_OK)
        return rc;
    char id[STORE_ID_LEN];
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = pooled_fund_contribution_insert(c->db, &by, fund_id, pid, amount,
                                             json_string_value(json_object_get(in, "agreed_on")), note, id, &c->err);
    return entry_end(c, f, "pooled_fund_contribution", rc, id);
}

int svc_pooled_fund_spend(struct svc_ctx *c, const char *fund_id, json_t *in, const struct svc_expect *e)
{
    json_t *f = NULL;
    int rc = pooled_fund_load(c, fund_id, 1, &f);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c), *services = svc_own(c, pooled_fund_services(c->db, fund_id, &c->err));
    struct pooled_spend_row s = {fund_id, input_str(in, "service_id", errors), NULL, NULL, 0, 0};
    if (!service_of(services, s.service_id))
        svc_error_add(errors, "service_id", "must be one of the services the fund pays for");
    s.amount_pence = positive_pence(in, errors);
    s.quarter = fund_date(f, in, "spent_on", errors);
    s.spent_on = json_string_value(json_object_get(in, "spent_on"));
    s.description = input_text(in, "description", 0, 500, errors);
    if (!services)
        return svc_failed(c, "pooled fund services");
    rc = entry_checks(c, f, e);
    if (rc != SVC_OK)
        return rc;
    char id[STORE_ID_LEN];
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = pooled_fund_spend_insert(c->db, &by, &s, id, &c->err);
    return entry_end(c, f, "pooled_fund_spend", rc, id);
}
