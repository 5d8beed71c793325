/* demo_pool: the demo's Better Care Fund (demo_pool.h). */
#include "cli/demo_pool.h"
#include "domain/dates.h"
#include "domain/pooled_fund.h"
#include "store/pooled_funds.h"
#include "util/clock.h"
#include <stdio.h>

static const struct { const char *name; long long budget, quarterly; } services[] = {
    {"Reablement and rehabilitation at home", 380000000, 99000000},
    {"Discharge to assess beds", 260000000, 69500000},
    {"Disabled facilities grants", 210000000, 51000000},
    {"Carers' breaks and support", 90000000, 22000000},
    {"Community equipment", 160000000, 41250000},
};

int demo_pool(struct store *db, struct store_error *err)
{
    char today_s[11], now[STORE_TIME_LEN], scc[STORE_ID_LEN], icb[STORE_ID_LEN], fin[STORE_ID_LEN];
    char id[STORE_ID_LEN], pid[2][STORE_ID_LEN], sid[STORE_ID_LEN], x[STORE_ID_LEN], ys[DATE_STR_SIZE], ye[DATE_STR_SIZE];
    clock_today(today_s);
    store_now(now);
    struct date today, start, end;
    date_parse(today_s, "today", &today, NULL);
    start = (struct date){today.month >= 4 ? today.year : today.year - 1, 4, 1};
    end = (struct date){start.year + 1, 3, 31};
    date_format(start, ys);
    date_format(end, ye);
    if (accounts_org_id_by_code(db, "SCC", scc, err) < 0 || accounts_org_id_by_code(db, "SICB", icb, err) < 0 ||
        accounts_user_id_by_username(db, "finance", fin, err) < 0)
        return -1;
    struct actor by = {fin, now};
    struct pooled_fund_row f = {"Shire Better Care Fund", "Joined-up care that helps people stay well and "
                                "independent at home and get home from hospital quickly.", ys, ye, scc, fin, "capped"};
    if (pooled_funds_insert(db, &by, &f, id, err) < 0 ||
        pooled_fund_partner_insert(db, &by, id, scc, 0, 0, 0, pid[0], err) < 0 ||
        pooled_fund_partner_insert(db, &by, id, icb, 1, 0, 25000000, pid[1], err) < 0 ||
        pooled_fund_contribution_insert(db, &by, id, pid[0], 520000000, ys, "Council budget and iBCF", x, err) < 0 ||
        pooled_fund_contribution_insert(db, &by, id, pid[1], 580000000, ys, "NHS minimum contribution", x, err) < 0)
        return -1;
    for (size_t i = 0; i < sizeof services / sizeof services[0]; i++) {
        if (pooled_fund_service_insert(db, &by, id, services[i].name, services[i].budget, sid, err) < 0)
            return -1;
        for (int q = 1; q <= 4; q++) {
            struct date on;
            char on_s[DATE_STR_SIZE];
            if (date_add_months(start, 3 * (q - 1) + 1, &on, NULL) < 0 || date_compare(on, today) > 0)
                break;
            date_format(on, on_s);
            struct pooled_spend_row s = {id, sid, on_s, "Quarterly charge to the pool", q, services[i].quarterly};
            if (pooled_fund_spend_insert(db, &by, &s, x, err) < 0)
                return -1;
        }
    }
    return 0;
}
