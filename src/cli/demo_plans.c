/* demo_plans: demo care plans, delegation and competencies (demo_plans.h). */
#include "cli/demo_plans.h"
#include "domain/dates.h"
#include "store/care_plans.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

struct pctx {
    struct store *db;
    struct store_error *err;
    struct actor sw, rn;
    char sw_id[STORE_ID_LEN], rn_id[STORE_ID_LEN], cw_id[STORE_ID_LEN], team[STORE_ID_LEN];
    char scc[STORE_ID_LEN], sicb[STORE_ID_LEN], scht[STORE_ID_LEN], hcp[STORE_ID_LEN];
};

static int load(struct pctx *c)
{
    return accounts_user_id_by_username(c->db, "sw.jones", c->sw_id, c->err) < 0 ||
           accounts_user_id_by_username(c->db, "rn.patel", c->rn_id, c->err) < 0 ||
           accounts_user_id_by_username(c->db, "cw.lee", c->cw_id, c->err) < 0 ||
           accounts_org_id_by_code(c->db, "SCC", c->scc, c->err) < 0 ||
           accounts_org_id_by_code(c->db, "SICB", c->sicb, c->err) < 0 ||
           accounts_org_id_by_code(c->db, "SCHT", c->scht, c->err) < 0 ||
           accounts_org_id_by_code(c->db, "HCP", c->hcp, c->err) < 0 ||
           accounts_team_id_by_code(c->db, c->scc, "ILT-NORTH", c->team, c->err) < 0 ? -1 : 0;
}

/* A competency assessed `ago` days ago that holds until `until` days from today. */
static int competency(struct pctx *c, const char *user_id, const char *name, const char *code, int ago, int until)
{
    char on[DATE_STR_SIZE], exp[DATE_STR_SIZE], id[STORE_ID_LEN];
    clock_date_offset(-ago, on);
    clock_date_offset(until, exp);
    struct competency_row r = {user_id, user_id ? NULL : name, c->hcp, code, c->rn_id, "Ravi Patel", on, exp,
                               "Observed practice on three visits; workbook signed off", c->scht};
    return competencies_insert(c->db, &c->rn, &r, id, c->err);
}

static int plan(struct pctx *c, const char *pid, const char *needs, const char *outcomes, char id[STORE_ID_LEN])
{
    char start[DATE_STR_SIZE], review[DATE_STR_SIZE];
    clock_date_offset(-21, start);
    clock_date_offset(70, review);
    struct care_plan_row r = {pid, c->scc, c->team, needs, outcomes, start, review, {NULL, NULL, NULL, NULL}};
    return care_plans_insert(c->db, &c->sw, &r, id, c->err) < 0 ||
           care_plan_versions_add(c->db, &c->sw, id, 1, pid, "draft", "Plan drafted", "{}", c->err) < 0 ? -1 : 0;
}

static int task(struct pctx *c, const char *plan_id, const char *pid, const char *code, long long calls,
                const char *per, long long minutes, long long pence, const char *accountable, char id[STORE_ID_LEN])
{
    struct care_plan_task_row t = {plan_id, pid, code, per, c->hcp, accountable, NULL, "", calls, minutes, pence, 0, 0,
                                   0};
    return care_plan_tasks_insert(c->db, &c->sw, &t, id, c->err);
}

/* The active plan: personal care (council) and delegated stoma care (ICB). */
static int active_plan(struct pctx *c, const char *pid)
{
    char id[STORE_ID_LEN], care[STORE_ID_LEN], stoma[STORE_ID_LEN], aid[STORE_ID_LEN], from[DATE_STR_SIZE],
        to[DATE_STR_SIZE], review[DATE_STR_SIZE];
    clock_date_offset(-20, from);
    clock_date_offset(160, to);
    clock_date_offset(-3, review);
    struct care_plan_row vfm = {.vfm = {"Two calls a day: one longer morning call instead of three short ones",
                                        "Stoma care by a trained care worker, with district nurse oversight",
                                        "Pendant alarm and a key safe", "Lunch club at the library on Wednesdays"}};
    if (plan(c, pid, "Help to wash and dress each morning; a new colostomy after surgery",
             "Stays at home; manages her stoma with confidence; goes out weekly", id) < 0 ||
        task(c, id, pid, "personal_care", 1, "day", 45, 18620, c->scc, care) < 0 ||
        task(c, id, pid, "stoma_care", 2, "day", 15, 9450, c->sicb, stoma) < 0 ||
        competency(c, c->cw_id, NULL, "stoma_care", 30, 335) < 0)
        return -1;
    struct assignment_row a = {stoma, id, pid, c->cw_id, NULL, c->hcp, from, to, c->rn_id, review, NULL, 1};
    return care_task_assignments_insert(c->db, &c->sw, &a, aid, c->err) < 0 ||
           care_plans_update(c->db, &c->sw, id, 1, &vfm, "active", NULL, c->err) < 0 ||
           care_plan_versions_add(c->db, &c->sw, id, 2, pid, "active", "Plan active", "{}", c->err) < 0 ? -1 : 0;
}

/* A draft where the council would fund wound dressing by a nurse: s.22 forbidden. */
static int draft_plan(struct pctx *c, const char *pid)
{
    char id[STORE_ID_LEN], t1[STORE_ID_LEN], t2[STORE_ID_LEN];
    return plan(c, pid, "Leg ulcer needing dressings; meals", "Ulcer heals; eats well", id) < 0 ||
           task(c, id, pid, "meal_preparation", 1, "day", 30, 10850, c->scc, t1) < 0 ||
           task(c, id, pid, "wound_dressing", 3, "week", 40, 13200, c->scc, t2) < 0 ? -1 : 0;
}

int demo_plans(struct store *db, json_t *people, struct store_error *err)
{
    char now[STORE_TIME_LEN];
    store_now(now);
    struct pctx c = {.db = db, .err = err};
    if (json_array_size(people) < 15)
        return 0;
    if (load(&c) < 0)
        return -1;
    c.sw = (struct actor){c.sw_id, now};
    c.rn = (struct actor){c.rn_id, now};
#define P(i) json_string_value(json_object_get(json_array_get(people, (i)), "id"))
    int rc = active_plan(&c, P(13)) < 0 || draft_plan(&c, P(14)) < 0 ||
             competency(&c, NULL, "Jordan Smith", "peg_feeding", 340, 12) < 0 ||
             competency(&c, NULL, "Alex Morgan", "insulin_administration", 400, -5) < 0 ? -1 : 0;
#undef P
    return rc;
}
