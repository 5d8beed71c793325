/* demo_plans: demo care plans, delegation and competencies (demo_plans.h). */
#include "cli/demo_plans.h"
#include "domain/dates.h"
#include "store/care_plans.h"
#include "svc/care_plans.h"
#include "util/clock.h"
#include <stdio.h>
#include <string.h>

struct pctx {
    struct store *db;
    struct store_error *err;
    struct svc_ctx *svc;   /* as sw.jones: plans, tasks and assignments go through the services, audited */
    struct actor rn;
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

/* A draft plan through the service, as sw.jones, for the North team. */
static int plan(struct pctx *c, const char *pid, const char *needs, const char *outcomes, char id[STORE_ID_LEN])
{
    json_t *in = svc_own(c->svc, json_pack("{s:s, s:s, s:s, s:s, s:s}", "needs", needs, "outcomes", outcomes,
                                           "start_on", svc_date_offset(c->svc, -21), "review_on",
                                           svc_date_offset(c->svc, 70), "team_id", c->team));
    return svc_care_plan_create(c->svc, pid, in, id);
}

/* The plan's version now. */
static json_t *version(struct pctx *c, const char *plan_id)
{
    json_t *p;
    if (svc_care_plan_load(c->svc, plan_id, &p) != SVC_OK)
        return NULL;
    return json_object_get(p, "version");
}

static int task(struct pctx *c, const char *plan_id, const char *code, long long calls, const char *per,
                long long minutes, long long pence, const char *accountable, char id[STORE_ID_LEN])
{
    json_t *in = svc_own(c->svc, json_pack("{s:s, s:I, s:s, s:I, s:I, s:s, s:s, s:O?}", "task_code", code, "calls",
                                           (json_int_t)calls, "per", per, "minutes_per_call", (json_int_t)minutes,
                                           "weekly_cost_pence", (json_int_t)pence, "provider_org_id", c->hcp,
                                           "accountable_org_id", accountable, "version", version(c, plan_id)));
    struct svc_expect e = {NULL, json_object_get(in, "version")};
    return svc_care_plan_task_save(c->svc, plan_id, NULL, in, &e, id);
}

/* A change of the plan through the service (at its current version). */
static int change(struct pctx *c, const char *plan_id, json_t *in)
{
    json_object_set(svc_own(c->svc, in), "version", version(c, plan_id));
    struct svc_expect e = {NULL, json_object_get(in, "version")};
    return svc_care_plan_change(c->svc, plan_id, in, &e);
}

/* The active plan: personal care (council) and delegated stoma care (ICB),
 * overseen by rn.patel, whose review is three days overdue. */
static int active_plan(struct pctx *c, const char *pid)
{
    char id[STORE_ID_LEN], care[STORE_ID_LEN], stoma[STORE_ID_LEN], aid[STORE_ID_LEN];
    int rc = plan(c, pid, "Help to wash and dress each morning; a new colostomy after surgery",
                  "Stays at home; manages her stoma with confidence; goes out weekly", id);
    if (rc == SVC_OK)
        rc = task(c, id, "personal_care", 1, "day", 45, 18620, c->scc, care);
    if (rc == SVC_OK)
        rc = task(c, id, "stoma_care", 2, "day", 15, 9450, c->sicb, stoma);
    if (rc == SVC_OK)
        rc = competency(c, c->cw_id, NULL, "stoma_care", 30, 335) < 0 ? SVC_FAILED : SVC_OK;
    if (rc == SVC_OK) {
        json_t *a = svc_own(c->svc, json_pack("{s:s, s:s, s:s, s:s, s:s, s:O?}", "worker_user_id", c->cw_id,
                                               "from_on", svc_date_offset(c->svc, -20), "to_on",
                                               svc_date_offset(c->svc, 160), "practitioner_user_id", c->rn_id,
                                               "oversight_review_on", svc_date_offset(c->svc, -3), "version",
                                               version(c, id)));
        struct svc_expect e = {NULL, json_object_get(a, "version")};
        rc = svc_care_plan_assign(c->svc, id, stoma, a, &e, aid);
    }
    if (rc == SVC_OK)
        rc = change(c, id, json_pack("{s:s, s:s, s:s, s:s, s:s}", "status", "agreed", "vfm_call_frequency",
                                     "Two calls a day: one longer morning call instead of three short ones",
                                     "vfm_skill_mix",
                                     "Stoma care by a trained care worker, with district nurse oversight",
                                     "vfm_assistive_technology", "Pendant alarm and a key safe",
                                     "vfm_community_resources", "Lunch club at the library on Wednesdays"));
    return rc == SVC_OK ? change(c, id, json_pack("{s:s}", "status", "active")) : rc;
}

/* A draft where the council would fund wound dressing by a nurse: s.22 forbidden. */
static int draft_plan(struct pctx *c, const char *pid)
{
    char id[STORE_ID_LEN], t1[STORE_ID_LEN], t2[STORE_ID_LEN];
    int rc = plan(c, pid, "Leg ulcer needing dressings; meals", "Ulcer heals; eats well", id);
    if (rc == SVC_OK)
        rc = task(c, id, "meal_preparation", 1, "day", 30, 10850, c->scc, t1);
    return rc == SVC_OK ? task(c, id, "wound_dressing", 3, "week", 40, 13200, c->scc, t2) : rc;
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
    c.rn = (struct actor){c.rn_id, now};
    struct arena arena;
    struct svc_ctx sc;
    arena_init(&arena);
    svc_ctx_system(&sc, db, &arena, "demo");
    sc.user_id = c.sw_id;
    sc.org_id = c.scc;
    sc.role = "practitioner";
    sc.profession = "social_worker";
    c.svc = &sc;
#define P(i) json_string_value(json_object_get(json_array_get(people, (i)), "id"))
    int rc = active_plan(&c, P(13));
    if (rc == SVC_OK)
        rc = draft_plan(&c, P(14));
#undef P
    if (rc != SVC_OK) {
        const char *why = sc.errors ? json_string_value(json_object_get(json_array_get(sc.errors, 0), "message"))
                                    : sc.detail ? sc.detail : sc.err.message;
        snprintf(err->message, sizeof err->message, "care plan: %s %.200s", svc_result_name(rc), why ? why : "");
        err->code = STORE_EGENERIC;
    }
    arena_free(&arena);
    return rc != SVC_OK || competency(&c, NULL, "Jordan Smith", "peg_feeding", 340, 12) < 0 ||
                   competency(&c, NULL, "Alex Morgan", "insulin_administration", 400, -5) < 0
               ? -1
               : 0;
}
