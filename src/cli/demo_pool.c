/* demo_pool: the demo's Better Care Fund (demo_pool.h), made through the
 * pooled fund services as the county's finance officer would make it, so
 * each row is validated and audited like any other. */
#include "cli/demo_pool.h"
#include "domain/dates.h"
#include "store/accounts.h"
#include "svc/pooled_funds.h"
#include <stdio.h>

static const struct { const char *name; long long budget, quarterly; } services[] = {
    {"Reablement and rehabilitation at home", 380000000, 99000000},
    {"Discharge to assess beds", 260000000, 69500000},
    {"Disabled facilities grants", 210000000, 51000000},
    {"Carers' breaks and support", 90000000, 22000000},
    {"Community equipment", 160000000, 41250000},
};

/* The agreement: the council hosts, the ICB's share of an overspend is
 * capped at £250,000, both contribute at set-up. */
static json_t *agreement(const char *scc, const char *icb, const char *fin, const char *ys, const char *ye)
{
    json_t *svcs = json_array();
    for (size_t i = 0; i < sizeof services / sizeof services[0]; i++)
        json_array_append_new(svcs, json_pack("{s:s, s:I}", "name", services[i].name, "budget_pence",
                                              (json_int_t)services[i].budget));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:I}, {s:s, s:I, s:I}], s:o}",
                     "name", "Shire Better Care Fund", "aims",
                     "Joined-up care that helps people stay well and independent at home and get home from "
                     "hospital quickly.", "year_start", ys, "year_end", ye, "host_org_id", scc, "manager_id", fin,
                     "risk_share", "capped", "partners", "org_id", scc, "contribution_pence", (json_int_t)520000000,
                     "org_id", icb, "contribution_pence", (json_int_t)580000000, "cap_pence", (json_int_t)25000000,
                     "services", svcs);
}

/* A quarter's charge to each service, for each quarter already begun. */
static int charge(struct svc_ctx *c, const char *fund, struct date start, struct date today)
{
    json_t *st;
    int rc = svc_pooled_fund_statement(c, fund, 0, &st);
    for (size_t i = 0; rc == SVC_OK && i < sizeof services / sizeof services[0]; i++) {
        const char *sid = json_string_value(json_object_get(json_array_get(json_object_get(st, "services"), i), "id"));
        for (int q = 1; rc == SVC_OK && q <= 4; q++) {
            struct date on;
            char on_s[DATE_STR_SIZE];
            if (date_add_months(start, 3 * (q - 1) + 1, &on, NULL) < 0 || date_compare(on, today) > 0)
                break;
            date_format(on, on_s);
            json_t *fund_now, *in;
            rc = svc_pooled_fund_statement(c, fund, 0, &fund_now);
            if (rc != SVC_OK)
                break;
            in = svc_own(c, json_pack("{s:s, s:I, s:s, s:s, s:O}", "service_id", sid, "amount_pence",
                                      (json_int_t)services[i].quarterly, "spent_on", on_s, "description",
                                      "Quarterly charge to the pool", "version", json_object_get(fund_now, "version")));
            struct svc_expect e = {NULL, json_object_get(in, "version")};
            rc = svc_pooled_fund_spend(c, fund, in, &e);
        }
    }
    return rc;
}

int demo_pool(struct store *db, struct store_error *err)
{
    char scc[STORE_ID_LEN], icb[STORE_ID_LEN], fin[STORE_ID_LEN], id[STORE_ID_LEN];
    char ys[DATE_STR_SIZE], ye[DATE_STR_SIZE];
    if (accounts_org_id_by_code(db, "SCC", scc, err) < 0 || accounts_org_id_by_code(db, "SICB", icb, err) < 0 ||
        accounts_user_id_by_username(db, "finance", fin, err) < 0)
        return -1;
    struct arena arena;
    struct svc_ctx c;
    arena_init(&arena);
    svc_ctx_system(&c, db, &arena, "demo");
    c.user_id = fin;   /* as the council's finance officer */
    c.org_id = scc;
    c.role = "finance";
    struct date today = svc_today(&c), start, end;
    start = (struct date){today.month >= 4 ? today.year : today.year - 1, 4, 1};
    end = (struct date){start.year + 1, 3, 31};
    date_format(start, ys);
    date_format(end, ye);
    json_t *in = svc_own(&c, agreement(scc, icb, fin, ys, ye));
    int rc = svc_pooled_fund_create(&c, in, id);
    if (rc == SVC_OK)
        rc = charge(&c, id, start, today);
    if (rc != SVC_OK) {
        const char *why = c.errors ? json_string_value(json_object_get(json_array_get(c.errors, 0), "field"))
                                   : c.err.message;
        snprintf(err->message, sizeof err->message, "pooled fund: %s %.200s", svc_result_name(rc), why ? why : "");
        err->code = STORE_EGENERIC;
    }
    arena_free(&arena);
    return rc == SVC_OK ? 0 : -1;
}
