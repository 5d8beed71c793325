#include "cli/demo_care_act.h"
#include "svc/care_act.h"
#include "store/accounts.h"
#include "store/care_act_assessments.h"
#include "store/persons.h"
#include <stdio.h>
#include <stdlib.h>
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

/* The answers in the presented shape (svc/care_act.h). */
static json_t *answers(const struct demo_assessment *d)
{
    int carer = strcmp(d->kind, "carer") == 0;
    const struct care_act_item *t = carer ? care_act_carer_outcomes : care_act_adult_outcomes;
    json_t *o = json_object();
    for (int i = 0; i < d->answered; i++)
        json_object_set_new(o, t[i].key, i < d->unable ? json_pack("[s]", d->ground) : json_array());
    json_t *a = json_pack("{s:s, s:o, s:s?, s:s?}", "kind", d->kind, "outcomes", o, "person_views", d->views,
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

static int save(struct store *db, const struct actor *by, const char *id, json_t *a, struct store_error *err)
{
    char *outcomes = json_dumps(json_object_get(a, "outcomes"), JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_t *w = json_object_get(a, "wellbeing");
    char *wellbeing = w ? json_dumps(w, JSON_COMPACT) : NULL;
    json_t *impair = json_object_get(a, "impairment_or_illness"), *arise = json_object_get(a, "needs_arise_from_caring");
    json_t *health = json_object_get(a, "health_deteriorating_or_at_risk"), *impact = json_object_get(a, "significant_impact");
    struct care_act_answers ans = {impair ? json_is_true(impair) : -1, arise ? json_is_true(arise) : -1,
        health ? json_is_true(health) : -1, impact ? json_is_true(impact) : -1, outcomes, wellbeing,
        json_string_value(json_object_get(a, "person_views")), json_string_value(json_object_get(a, "notes"))};
    int rc = care_act_save_answers(db, by, id, 1, &ans, err);
    free(outcomes);
    free(wellbeing);
    return rc;
}

static int finish(struct store *db, const struct actor *by, const struct actor *manager, const char *org,
                  const char *pid, const char *id, const struct demo_assessment *d, json_t *a, struct store_error *err)
{
    struct care_act_result r;
    char reasons[400];
    json_t *missing = json_array();
    int undetermined = care_act_evaluate(a, &r, reasons, sizeof reasons, missing);
    json_decref(missing);
    if (undetermined)
        return -1;
    struct care_act_completion c = {r.eligible, r.outcomes_unable, d->agrees, d->agrees ? r.eligible : !r.eligible,
                                    reasons, d->reason};
    if (care_act_complete(db, by, id, 2, &c, err) < 0 ||
        persons_event_add(db, pid, org, by->user_id, "care_act", c.eligible ? "Care Act assessment completed:"
                          " eligible needs" : "Care Act assessment completed: no eligible needs", by->now, err) < 0)
        return -1;
    if (d->stage != AUTHORISED)
        return 0;
    return care_act_authorise(db, manager, id, 3, err) < 0 ||
           persons_event_add(db, pid, org, manager->user_id, "care_act", "Care Act assessment authorised",
                             manager->now, err) < 0 ? -1 : 0;
}

int demo_care_act(struct store *db, json_t *people, struct store_error *err)
{
    char sw[STORE_ID_LEN], tm[STORE_ID_LEN], org[STORE_ID_LEN], team[STORE_ID_LEN], now[STORE_TIME_LEN];
    if (accounts_user_id_by_username(db, "sw.jones", sw, err) < 0 ||
        accounts_user_id_by_username(db, "tm.khan", tm, err) < 0 || accounts_org_id_by_code(db, "SCC", org, err) < 0 ||
        accounts_team_id_by_code(db, org, "ILT-NORTH", team, err) < 0)
        return -1;
    store_now(now);
    struct actor by = {sw, now}, manager = {tm, now};
    for (size_t i = 0; i < sizeof ASSESSMENTS / sizeof ASSESSMENTS[0]; i++) {
        const struct demo_assessment *d = &ASSESSMENTS[i];
        const char *pid = json_string_value(json_object_get(json_array_get(people, (size_t)d->person %
                                                                           json_array_size(people)), "id"));
        char id[STORE_ID_LEN];
        struct care_act_new n = {pid, d->kind, org, team, sw};
        json_t *a = answers(d);
        int rc = care_act_insert(db, &by, &n, id, err) < 0 || save(db, &by, id, a, err) < 0 ||
                 (d->stage != DRAFT && finish(db, &by, &manager, org, pid, id, d, a, err) < 0) ? -1 : 0;
        json_decref(a);
        if (rc < 0)
            return -1;
    }
    return 0;
}
