/* demo_disputes: see demo_disputes.h. */
#include "cli/demo_disputes.h"
#include "store/accounts.h"
#include "store/disputes.h"
#include "svc/disputes.h"
#include "util/clock.h"
#include <stdio.h>

int demo_partnership(struct store *db)
{
    static const char *const orgs[] = {"SCC", "SICB", "SHT", "SCHT"};
    static const char *const members[] = {"board", "tm.khan", "icb.mgr"};
    char now[STORE_TIME_LEN], pid[STORE_ID_LEN], bid[STORE_ID_LEN], id[STORE_ID_LEN], first[11];
    store_now(now);
    clock_date_offset(-21, first);
    struct actor by = {NULL, now};
    struct store_error err = {0};
    int rc = store_tx_begin(db, STORE_TX_WRITE, &err);
    if (rc == 0) rc = partnership_insert(db, &by, "Shire place partnership", pid, &err);
    for (size_t i = 0; rc == 0 && i < sizeof orgs / sizeof orgs[0]; i++)
        rc = accounts_org_id_by_code(db, orgs[i], id, &err) < 0 ? -1 : partnership_add_org(db, pid, id, &err);
    if (rc == 0) rc = board_insert(db, &by, pid, "Integrated Personalised Care Board", first, 28, bid, &err);
    for (size_t i = 0; rc == 0 && i < sizeof members / sizeof members[0]; i++)
        rc = accounts_user_id_by_username(db, members[i], id, &err) < 0 ? -1 : board_add_member(db, bid, id, &err);
    if (rc == 0)
        return store_tx_commit(db, &err);
    store_tx_rollback(db);
    fprintf(stderr, "seamless demo: partnership: %s\n", err.message);
    return -1;
}

int demo_disputes(struct store *db)
{
    struct store_error err = {0};
    char user[STORE_ID_LEN], org[STORE_ID_LEN], against[STORE_ID_LEN];
    if (accounts_user_id_by_username(db, "tm.khan", user, &err) < 0 || accounts_org_id_by_code(db, "SCC", org, &err) < 0 ||
        accounts_org_id_by_code(db, "SICB", against, &err) < 0)
        return -1;
    json_t *tasks = disputes_tasks_accountable_to(db, "icb", 2, &err);
    if (!tasks)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < json_array_size(tasks); i++) {
        struct arena a;
        arena_init(&a);
        struct svc_ctx c;
        svc_ctx_system(&c, db, &a, "demo");
        c.user_id = user, c.org_id = org, c.org_type = "council", c.role = "team_manager";
        json_t *in = json_pack("{s:{s:s, s:O}, s:s, s:s, s:s}", "subject", "type", "plan_task", "id",
                               json_object_get(json_array_get(tasks, i), "id"), "against_org_id", against, "question",
                               "Is this task a health need the NHS should fund, or social care?", "position",
                               "The task needs a registered nurse's oversight: it is a health need."), *d = NULL;
        rc = svc_dispute_create(&c, in, &d) == SVC_OK ? 0 : -1;
        const char *id = rc == 0 ? json_string_value(json_object_get(d, "id")) : NULL;
        json_t *step = i == 0
            ? json_pack("{s:O, s:s}", "version", json_object_get(d, "version"), "reason",
                        "The case leads could not agree; managers to meet.")
            : json_pack("{s:O, s:s, s:s, s:{s:i, s:i, s:i}}", "version", json_object_get(d, "version"), "outcome",
                        "Agreed to share the cost equally from the day the dispute was raised.", "effective_from",
                        json_string_value(json_object_get(d, "raised_on")), "split", "nhs", 5000, "council", 5000,
                        "person", 0);
        json_t *out;
        if (rc == 0)
            rc = (i == 0 ? svc_dispute_escalate(&c, id, step, 0, &out) : svc_dispute_outcome(&c, id, step, 0, &out))
                 == SVC_OK ? 0 : -1;
        json_decref(step);
        json_decref(in);
        arena_free(&a);
    }
    json_decref(tasks);
    if (rc < 0)
        fprintf(stderr, "seamless demo: disputes could not be added\n");
    return rc;
}
