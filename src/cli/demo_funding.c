/* demo_funding: see demo_funding.h. */
#include "cli/demo_funding.h"
#include "domain/dates.h"
#include "store/accounts.h"
#include "store/joint_funding.h"
#include "util/clock.h"

int demo_funding(struct store *db, struct store_error *err)
{
    char today_s[DATE_STR_SIZE], first[DATE_STR_SIZE], now[STORE_TIME_LEN], icb[STORE_ID_LEN], jfp[STORE_ID_LEN];
    struct date today;
    clock_today(today_s);
    store_now(now);
    if (date_parse(today_s, "today", &today, NULL) != 0 || accounts_org_id_by_code(db, "SICB", icb, err) < 0 ||
        accounts_team_id_by_code(db, icb, "JFP", jfp, err) < 0)
        return -1;
    /* 1970-01-01 was a Thursday: whole fortnights from it are Thursdays. */
    int32_t d = date_to_days(today);
    date_format(date_from_days(d - ((d % 14) + 14) % 14), first);
    struct actor by = {NULL, now};
    return jf_panel_put(db, &by, jfp, first, 14, err);
}
