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

/* One demo dispute: raised by username (a team manager of org_code) against
 * against_code about the newest task accountable to a body of task_type;
 * then escalated (settle 0) or settled 50:50 (settle 1). 0 when there is no
 * such task. */
static int one(struct store *db, const char *username, const char *org_code, const char *org_type,
               const char *against_code, const char *task_type, int settle)
{
    struct store_error err = {0};
    char user[STORE_ID_LEN], org[STORE_ID_LEN], against[STORE_ID_LEN];
    if (accounts_user_id_by_username(db, username, user, &err) < 0 || accounts_org_id_by_code(db, org_code, org, &err) < 0 ||
        accounts_org_id_by_code(db, against_code, against, &err) < 0)
        return -1;
    json_t *tasks = disputes_tasks_accountable_to(db, task_type, 1, &err);
    if (!tasks)
        return -1;
    struct arena a;
    arena_init(&a);
    struct svc_ctx c;
    svc_ctx_system(&c, db, &a, "demo");
    c.user_id = user, c.org_id = org, c.org_type = org_type, c.role = "team_manager";
    int rc = 0;
    json_t *in = NULL, *step = NULL, *d = NULL, *out;
    if (json_array_size(tasks)) {
        in = json_pack("{s:{s:s, s:O}, s:s, s:s, s:s}", "subject", "type", "plan_task", "id",
                       json_object_get(json_array_get(tasks, 0), "id"), "against_org_id", against, "question",
                       settle ? "Who is accountable for this task: the council or the NHS?"
                              : "Is this task a health need the NHS should fund, or social care?",
                       "position", settle ? "It is personal care with some health input: share the cost."
                                          : "The task needs a registered nurse's oversight: it is a health need.");
        rc = svc_dispute_create(&c, in, &d) == SVC_OK ? 0 : -1;
    }
    if (rc == 0 && d) {
        const char *id = json_string_value(json_object_get(d, "id"));
        step = settle
            ? json_pack("{s:O, s:s, s:O, s:{s:i, s:i, s:i}}", "version", json_object_get(d, "version"), "outcome",
                        "Agreed to share the cost equally.", "effective_from", json_object_get(d, "raised_on"),
                        "split", "nhs", 5000, "council", 5000, "person", 0)
            : json_pack("{s:O, s:s}", "version", json_object_get(d, "version"), "reason",
                        "The case leads could not agree; managers to meet.");
        struct svc_expect e = {NULL, json_object_get(d, "version")};
        rc = (settle ? svc_dispute_outcome(&c, id, step, &e, &out) : svc_dispute_escalate(&c, id, step, &e, &out))
             == SVC_OK ? 0 : -1;
    }
    json_decref(step);
    json_decref(in);
    json_decref(tasks);
    arena_free(&a);
    return rc;
}

int demo_disputes(struct store *db)
{
    int rc = one(db, "tm.khan", "SCC", "council", "SICB", "icb", 0);
    if (rc == 0)
        rc = one(db, "icb.mgr", "SICB", "icb", "SCC", "council", 1);
    if (rc < 0)
        fprintf(stderr, "seamless demo: disputes could not be added\n");
    return rc;
}
