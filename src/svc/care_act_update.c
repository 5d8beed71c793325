/* Saving a draft Care Act assessment's answers (PATCH): every key checked
 * against the assessment's kind, every outcome, ground and wellbeing area
 * against the domain tables, errors named by field ("outcomes.nutrition",
 * "wellbeing[2]"). A draft may stay incomplete (save and return)
 * (svc/care_act.h). */
#include "svc/care_act.h"
#include "store/care_act_assessments.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 10000

static const char *const ADULT_KEYS[] = {"impairment_or_illness", "outcomes", "significant_impact", "wellbeing",
                                         "person_views", "notes", "version", NULL};
static const char *const CARER_KEYS[] = {"needs_arise_from_caring", "health_deteriorating_or_at_risk", "outcomes",
                                         "significant_impact", "wellbeing", "person_views", "notes", "version", NULL};

static int known(const char *const *keys, const char *k)
{
    for (; *keys; keys++)
        if (strcmp(*keys, k) == 0)
            return 1;
    return 0;
}

/* The grounds for one outcome in table order, without repeats. */
static json_t *grounds_list(json_t *v, int carer, const char *field, json_t *errors)
{
    if (!json_is_array(v)) {
        svc_error_add(errors, field, "must be a list of grounds ([] when they can achieve it) or null");
        return NULL;
    }
    int flags = 0;
    size_t i;
    json_t *g;
    json_array_foreach(v, i, g) {
        int flag;
        struct domain_error de;
        if (care_act_parse_ground(json_string_value(g), carer, field, &flag, &de) < 0) {
            svc_error_add(errors, de.field, de.message);
            return NULL;
        }
        flags |= flag;
    }
    json_t *out = json_array();
    for (int k = 0; k < 4; k++)
        if (flags & (1 << k))
            json_array_append_new(out, json_string(care_act_grounds[k].key));
    return out;
}

static void apply_outcomes(json_t *a, json_t *v, int carer, json_t *errors)
{
    if (!json_is_object(v)) {
        svc_error_add(errors, "outcomes", "must be an object: {outcome: [grounds]}");
        return;
    }
    json_t *cur = json_object_get(a, "outcomes");
    const char *key;
    json_t *g;
    json_object_foreach(v, key, g) {
        char field[96];
        snprintf(field, sizeof field, "outcomes.%.80s", key);
        if (care_act_outcome_index(key, carer) < 0) {
            svc_error_add(errors, field, carer ? "is not one of the carer's outcomes (reg 3)"
                                                : "is not one of the adult's outcomes (reg 2)");
        } else if (json_is_null(g)) {
            json_object_del(cur, key);
        } else {
            json_t *list = grounds_list(g, carer, field, errors);
            if (list)
                json_object_set_new(cur, key, list);
        }
    }
}

static void apply_wellbeing(json_t *a, json_t *v, json_t *errors)
{
    if (json_is_null(v)) {
        json_object_set_new(a, "wellbeing", json_null());
        return;
    }
    if (!json_is_array(v)) {
        svc_error_add(errors, "wellbeing", "must be a list of wellbeing areas");
        return;
    }
    int on[CARE_ACT_WELLBEING_AREAS] = {0}, bad = 0;
    size_t i;
    json_t *w;
    json_array_foreach(v, i, w) {
        int k = care_act_wellbeing_index(json_string_value(w));
        if (k < 0) {
            char field[32];
            snprintf(field, sizeof field, "wellbeing[%zu]", i);
            svc_error_add(errors, field, "is not a wellbeing area (Care Act s.1(2)): one of dignity, health,"
                           " protection, control, participation, social_economic, relationships, accommodation,"
                           " contribution");
            bad = 1;
        } else {
            on[k] = 1;
        }
    }
    if (bad)
        return;
    json_t *out = json_array();
    for (int k = 0; k < CARE_ACT_WELLBEING_AREAS; k++)
        if (on[k])
            json_array_append_new(out, json_string(care_act_wellbeing_areas[k].key));
    json_object_set_new(a, "wellbeing", out);
}

/* Applies the body onto the presented assessment a. */
static void apply(json_t *a, json_t *body, json_t *errors)
{
    int carer = care_act_is_carer(a);
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        if (!known(carer ? CARER_KEYS : ADULT_KEYS, key)) {
            char msg[96];
            snprintf(msg, sizeof msg, "is not an answer of %s", carer ? "a carer's assessment" : "an adult's assessment");
            svc_error_add(errors, key, msg);
        } else if (strcmp(key, "outcomes") == 0) {
            apply_outcomes(a, v, carer, errors);
        } else if (strcmp(key, "wellbeing") == 0) {
            apply_wellbeing(a, v, errors);
        } else if (strcmp(key, "person_views") == 0 || strcmp(key, "notes") == 0) {
            if (!json_is_string(v) && !json_is_null(v))
                svc_error_add(errors, key, "must be text");
            else if (json_is_string(v) && strlen(json_string_value(v)) > TEXT_MAX)
                svc_error_add(errors, key, "must be at most 10000 characters");
            else
                json_object_set(a, key, json_is_string(v) && *json_string_value(v) ? v : json_null());
        } else if (strcmp(key, "version") != 0) {
            if (!json_is_boolean(v) && !json_is_null(v))
                svc_error_add(errors, key, "must be true, false or null (not answered)");
            else
                json_object_set(a, key, v);
        }
    }
}

static int flag(json_t *a, const char *key)
{
    json_t *v = json_object_get(a, key);
    return json_is_boolean(v) ? json_is_true(v) : -1;
}

/* Outcomes in table order, so the stored text is canonical. */
static char *outcomes_text(json_t *a, int carer)
{
    const struct care_act_item *t = carer ? care_act_carer_outcomes : care_act_adult_outcomes;
    int n = carer ? CARE_ACT_CARER_OUTCOMES : CARE_ACT_ADULT_OUTCOMES;
    json_t *o = json_object(), *cur = json_object_get(a, "outcomes");
    for (int i = 0; i < n; i++)
        if (json_object_get(cur, t[i].key))
            json_object_set(o, t[i].key, json_object_get(cur, t[i].key));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}

static int save(struct svc_ctx *c, json_t *a, const char *id, long long version, const char *basis)
{
    int carer = care_act_is_carer(a);
    char *outcomes = outcomes_text(a, carer);
    json_t *w = json_object_get(a, "wellbeing");
    char *wellbeing = json_is_array(w) ? json_dumps(w, JSON_COMPACT) : NULL;
    struct care_act_answers ans = {flag(a, "impairment_or_illness"), flag(a, "needs_arise_from_caring"),
        flag(a, "health_deteriorating_or_at_risk"), flag(a, "significant_impact"), outcomes, wellbeing,
        json_string_value(json_object_get(a, "person_views")), json_string_value(json_object_get(a, "notes"))};
    struct actor by = svc_actor(c);
    int rc = svc_tx_begin(c);
    if (rc == 0) rc = care_act_save_answers(c->db, &by, id, version, &ans, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "update", "care_act_assessment", id,
                                   json_string_value(json_object_get(a, "person_id")), basis);
    free(outcomes);
    free(wellbeing);
    return care_act_tx_end(c, rc);
}

int svc_care_act_update(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e)
{
    const char *basis;
    json_t *a;
    int rc = care_act_load(c, id, 1, &a, &basis);
    long long version = json_integer_value(json_object_get(a, "version"));
    if (rc == SVC_OK)
        rc = svc_version_check(c, e, version);
    if (rc != SVC_OK)
        return rc;
    apply(a, in, svc_errors(c));
    if (svc_has_errors(c))
        return SVC_INVALID;
    return save(c, a, id, version, basis);
}
