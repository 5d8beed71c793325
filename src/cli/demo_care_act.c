#include "cli/demo_care_act.h"
#include "svc/care_act.h"
#include "store/accounts.h"
#include "store/persons.h"
#include <stdio.h>
#include <string.h>

enum stage { DRAFT, COMPLETED, AUTHORISED };

struct demo_assessment {
    int person;                 /* index into the people list */
    const char *kind;
    int condition, health;      /* impairment (adult) or needs from caring (carer); carer's health */
    int unable, answered;       /* outcomes unable to achieve (the first ones), outcomes answered */
    const char *ground;
    int impact;
    const char *views, *notes;
    enum stage stage;
    int agrees;
    const char *reason;
};

static const struct demo_assessment ASSESSMENTS[] = {
    {0, "adult", 1, 0, 2, 3, "without_assistance", -1, NULL, "First visit; to finish after the OT assessment", DRAFT, 1, NULL},
    {5, "adult", 1, 0, 3, 10, "pain_distress_anxiety", 1, "Wants to keep living at home with help in the mornings",
     NULL, COMPLETED, 1, NULL},
    {1, "carer", 1, 1, 0, 8, "without_assistance", 1, "Exhausted caring for her husband at night; wants a break",
     "Carer's health at risk: poor sleep, back pain", COMPLETED, 1, NULL},
    {9, "adult", 1, 0, 1, 10, "endangers", 1, "Says she manages, but has fallen twice this month", NULL, COMPLETED, 0,
     "Falls risk makes home safety as well as nutrition unachievable: observed on the home visit"},
    {8, "adult", 1, 0, 1, 10, "significantly_longer", 0, "Happy with the help the family gives", NULL, AUTHORISED, 1, NULL},
};

/* The answers as the API's PATCH takes them, against version 1. */
static json_t *answers(const struct demo_assessment *d)
{
    int carer = strcmp(d->kind, "carer") == 0;
    const struct care_act_item *t = carer ? care_act_carer_outcomes : care_act_adult_outcomes;
    json_t *o = json_object();
    for (int i = 0; i < d->answered; i++)
        json_object_set_new(o, t[i].key, i < d->unable ? json_pack("[s]", d->ground) : json_array());
    json_t *a = json_pack("{s:i, s:o, s:s?, s:s?}", "version", 1, "outcomes", o, "person_views", d->views,
                          "notes", d->notes);
    json_object_set_new(a, carer ? "needs_arise_from_caring" : "impairment_or_illness", json_boolean(d->condition));
    if (carer)
        json_object_set_new(a, "health_deteriorating_or_at_risk", json_boolean(d->health));
    if (d->impact >= 0) {
        json_object_set_new(a, "significant_impact", json_boolean(d->impact));
        json_object_set_new(a, "wellbeing", d->impact ? json_pack("[s, s]", "health", "control") : json_array());
    }
    return a;
}

/* A store error for the demo's caller when a service refused (rc). */
static int refused(struct svc_ctx *c, int rc, struct store_error *err)
{
    if (rc == SVC_OK)
        return 0;
    if (c->err.code < 0)
        *err = c->err;
    else
        snprintf(err->message, sizeof err->message, "Care Act assessment: %s", svc_result_name(rc));
    return -1;
}

/* One assessment through the services, as the assessor (and the manager). */
static int assess(struct svc_ctx *sw, struct svc_ctx *tm, const char *team, const char *pid,
                  const struct demo_assessment *d, struct store_error *err)
{
    char id[STORE_ID_LEN];
    json_t *in = svc_own(sw, json_pack("{s:s, s:s}", "kind", d->kind, "team_id", team));
    json_t *a = svc_own(sw, answers(d));
    struct svc_expect e = {NULL, json_object_get(a, "version")};
    int rc = svc_care_act_create(sw, pid, in, id);
    if (rc == SVC_OK)
        rc = svc_care_act_update(sw, id, a, &e);
    if (rc == SVC_OK && d->stage != DRAFT) {
        json_t *done = svc_own(sw, json_pack("{s:b, s:s?}", "assessor_agrees", d->agrees, "assessor_reason", d->reason));
        e.version = svc_own(sw, json_integer(2));
        rc = svc_care_act_complete(sw, id, done, &e);
    }
    if (rc != SVC_OK || d->stage != AUTHORISED)
        return refused(sw, rc, err);
    e.version = svc_own(tm, json_integer(3));
    return refused(tm, svc_care_act_authorise(tm, id, &e), err);
}

static void as_staff(struct svc_ctx *c, struct store *db, struct arena *a, const char *user, const char *org,
                     const char *role)
{
    svc_ctx_system(c, db, a, "demo");
    c->user_id = user;
    c->org_id = org;
    c->org_type = "council";
    c->role = role;
}

int demo_care_act(struct store *db, json_t *people, struct store_error *err)
{
    char sw[STORE_ID_LEN], tm[STORE_ID_LEN], org[STORE_ID_LEN], team[STORE_ID_LEN];
    if (accounts_user_id_by_username(db, "sw.jones", sw, err) < 0 ||
        accounts_user_id_by_username(db, "tm.khan", tm, err) < 0 || accounts_org_id_by_code(db, "SCC", org, err) < 0 ||
        accounts_team_id_by_code(db, org, "ILT-NORTH", team, err) < 0)
        return -1;
    struct arena arena;
    arena_init(&arena);
    struct svc_ctx assessor, manager;
    as_staff(&assessor, db, &arena, sw, org, "practitioner");
    as_staff(&manager, db, &arena, tm, org, "team_manager");
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof ASSESSMENTS / sizeof ASSESSMENTS[0]; i++) {
        const struct demo_assessment *d = &ASSESSMENTS[i];
        const char *pid = json_string_value(json_object_get(json_array_get(people, (size_t)d->person %
                                                                           json_array_size(people)), "id"));
        /* The team takes the person on for the assessment: the assessor's relationship. */
        struct actor by = {sw, svc_now(&assessor)};
        rc = persons_caseload_open(db, &by, pid, team, svc_date_offset(&assessor, 0), "Care Act assessment", err) < 0
             ? -1 : assess(&assessor, &manager, team, pid, d, err);
    }
    arena_free(&arena);
    return rc;
}
