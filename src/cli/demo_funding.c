/* demo_funding: see demo_funding.h. */
#include "cli/demo_funding.h"
#include "domain/dates.h"
#include "store/accounts.h"
#include "svc/joint_funding.h"
#include "util/clock.h"
#include <stdio.h>

int demo_funding(struct store *db, struct store_error *err)
{
    char today_s[DATE_STR_SIZE], first[DATE_STR_SIZE], icb[STORE_ID_LEN], jfp[STORE_ID_LEN];
    struct date today;
    clock_today(today_s);
    if (date_parse(today_s, "today", &today, NULL) != 0 || accounts_org_id_by_code(db, "SICB", icb, err) < 0 ||
        accounts_team_id_by_code(db, icb, "JFP", jfp, err) < 0)
        return -1;
    /* 1970-01-01 was a Thursday: whole fortnights from it are Thursdays. */
    int32_t d = date_to_days(today);
    date_format(date_from_days(d - ((d % 14) + 14) % 14), first);
    /* Through the service, so the cycle is checked and audited like any other. */
    struct arena arena;
    struct svc_ctx c;
    arena_init(&arena);
    svc_ctx_system(&c, db, &arena, "demo");
    json_t *body = svc_own(&c, json_pack("{s:s, s:i}", "first_on", first, "cycle_days", 14)), *panel;
    int rc = svc_jf_panel_configure(&c, jfp, body, &panel);
    if (rc != SVC_OK)
        snprintf(err->message, sizeof err->message, "joint funding panel: %s", svc_result_name(rc));
    arena_free(&arena);
    return rc == SVC_OK ? 0 : -1;
}
