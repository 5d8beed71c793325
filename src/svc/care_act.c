/* Care Act needs assessments: create, read, list, and the pure helpers that
 * turn stored answers into the presented shape and the domain rule's input
 * (svc/care_act.h). */
#include "svc/care_act.h"
#include "svc/access.h"
#include "svc/input.h"
#include "store/care_act_assessments.h"
#include "store/referrals.h"
#include <stdio.h>
#include <string.h>

int care_act_is_carer(json_t *a)
{
    const char *k = json_string_value(json_object_get(a, "kind"));
    return k && strcmp(k, "carer") == 0;
}

static void as_bool(json_t *a, const char *key)
{
    json_t *v = json_object_get(a, key);
    if (json_is_integer(v))
        json_object_set_new(a, key, json_boolean(json_integer_value(v)));
}

static json_t *parse_text(json_t *a, const char *key)
{
    const char *t = json_string_value(json_object_get(a, key));
    return t ? json_loads(t, 0, NULL) : NULL;
}

void care_act_present(json_t *a)
{
    static const char *const flags[] = {"impairment_or_illness", "needs_arise_from_caring",
        "health_deteriorating_or_at_risk", "significant_impact", "eligible", "computed_eligible", "assessor_agrees"};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        as_bool(a, flags[i]);
    if (json_object_get(a, "outcomes")) {
        json_t *o = parse_text(a, "outcomes");
        json_object_set_new(a, "outcomes", json_is_object(o) ? o : json_object());
        if (!json_is_object(o))
            json_decref(o);
    }
    if (json_object_get(a, "wellbeing")) {
        json_t *w = parse_text(a, "wellbeing");
        json_object_set_new(a, "wellbeing", json_is_array(w) ? w : json_null());
        if (!json_is_array(w))
            json_decref(w);
    }
    if (json_object_get(a, "computed_reasons")) {   /* a full row, not a list item */
        json_t *c = json_object_get(a, "computed_eligible");
        json_object_set_new(a, "determination", json_is_boolean(c) ? json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}",
            "computed_eligible", c, "outcomes_unable", json_object_get(a, "computed_outcomes_unable"),
            "reasons", json_object_get(a, "computed_reasons"), "assessor_agrees", json_object_get(a, "assessor_agrees"),
            "assessor_reason", json_object_get(a, "assessor_reason"), "eligible", json_object_get(a, "eligible"))
            : json_null());
        static const char *const drop[] = {"computed_eligible", "computed_outcomes_unable", "computed_reasons",
                                           "assessor_agrees", "assessor_reason", "eligible"};
        for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
            json_object_del(a, drop[i]);
    }
    if (json_object_get(a, "outcomes")) {   /* only the fields of its kind */
        int carer = care_act_is_carer(a);
        json_object_del(a, carer ? "impairment_or_illness" : "needs_arise_from_caring");
        if (!carer)
            json_object_del(a, "health_deteriorating_or_at_risk");
    }
}

static int need_bool(json_t *a, const char *key, const char *message, json_t *missing)
{
    json_t *v = json_object_get(a, key);
    if (!json_is_boolean(v)) {
        svc_error_add(missing, key, message);
        return 0;
    }
    return json_is_true(v);
}

/* Grounds of every outcome, into g (n outcomes of the kind's table). */
static void outcome_grounds(json_t *a, int carer, int *g, json_t *missing)
{
    const struct care_act_item *t = carer ? care_act_carer_outcomes : care_act_adult_outcomes;
    int n = carer ? CARE_ACT_CARER_OUTCOMES : CARE_ACT_ADULT_OUTCOMES;
    json_t *outcomes = json_object_get(a, "outcomes");
    for (int i = 0; i < n; i++) {
        json_t *list = json_object_get(outcomes, t[i].key);
        char field[64];
        snprintf(field, sizeof field, "outcomes.%s", t[i].key);
        if (!json_is_array(list)) {
            char msg[160];
            snprintf(msg, sizeof msg, "say whether they can achieve this outcome: %s", t[i].label);
            svc_error_add(missing, field, msg);
            continue;
        }
        size_t k;
        json_t *gv;
        json_array_foreach(list, k, gv) {
            int flag = 0;
            struct domain_error de;
            if (care_act_parse_ground(json_string_value(gv), carer, field, &flag, &de) < 0)
                svc_error_add(missing, de.field, de.message);
            g[i] |= flag;
        }
    }
}

static void wellbeing_areas(json_t *a, int *w, int impact, json_t *missing)
{
    size_t i;
    json_t *v;
    int any = 0;
    json_array_foreach(json_object_get(a, "wellbeing"), i, v) {
        int k = care_act_wellbeing_index(json_string_value(v));
        if (k >= 0)
            w[k] = any = 1;
    }
    if (impact && !any)
        svc_error_add(missing, "wellbeing", "name the areas of wellbeing that are significantly affected");
}

int care_act_evaluate(json_t *a, struct care_act_result *r, char *reasons, size_t n, json_t *missing)
{
    int carer = care_act_is_carer(a);
    size_t before = json_array_size(missing);
    struct care_act_adult ad;
    struct care_act_carer ca;
    memset(&ad, 0, sizeof ad);
    memset(&ca, 0, sizeof ca);
    if (carer) {
        ca.needs_arise_from_caring = need_bool(a, "needs_arise_from_caring",
                                               "say whether the needs arise from providing necessary care", missing);
        ca.health_deteriorating_or_at_risk = need_bool(a, "health_deteriorating_or_at_risk",
            "say whether the carer's physical or mental health is deteriorating or at risk", missing);
        outcome_grounds(a, 1, ca.grounds, missing);
    } else {
        ad.impairment_or_illness = need_bool(a, "impairment_or_illness",
            "say whether the needs arise from a physical or mental impairment or illness", missing);
        outcome_grounds(a, 0, ad.grounds, missing);
    }
    int impact = need_bool(a, "significant_impact", "say whether there is, or is likely to be, a significant impact"
                           " on wellbeing", missing);
    wellbeing_areas(a, carer ? ca.wellbeing : ad.wellbeing, impact, missing);
    ad.significant_impact = ca.significant_impact = impact;
    const char *views = json_string_value(json_object_get(a, "person_views"));
    if (!views || !*views)
        svc_error_add(missing, "person_views", carer ? "record the carer's own views (Care Act s.10)"
                                                      : "record the person's own views (Care Act s.9)");
    if (json_array_size(missing) > before)
        return 1;
    struct domain_error de;
    if ((carer ? care_act_carer_eligibility(&ca, r, &de) : care_act_adult_eligibility(&ad, r, &de)) < 0) {
        svc_error_add(missing, de.field, de.message);
        return 1;
    }
    care_act_explain(r, carer, reasons, n);
    return 0;
}

const char *svc_care_act_why_not_authorise(const struct svc_ctx *c, json_t *a)
{
    if (!svc_role_is(c, "team_manager") && !svc_role_is(c, "org_admin"))
        return "Only a team manager or an organisation administrator can authorise an assessment.";
    const char *org = json_string_value(json_object_get(a, "org_id"));
    if (!c->org_id || !org || strcmp(c->org_id, org) != 0)
        return "Only a manager in the assessor's own organisation can authorise this assessment.";
    const char *assessor = json_string_value(json_object_get(a, "assessor_id"));
    if (c->user_id && assessor && strcmp(c->user_id, assessor) == 0)
        return "You cannot authorise an assessment you carried out yourself.";
    return NULL;
}

static int read_only(struct svc_ctx *c, json_t *a)
{
    const char *st = json_string_value(json_object_get(a, "status"));
    return svc_refuse(c, SVC_READ_ONLY, NULL,
                      arena_printf(c->arena, "This assessment is %s, so its answers are kept as they were.", st));
}

int care_act_load(struct svc_ctx *c, const char *id, int draft, json_t **a, const char **basis)
{
    *a = svc_own(c, care_act_get(c->db, id, &c->err));
    if (!*a)
        return svc_store_fail(c, c->err.code, "Care Act assessment");
    enum access_decision d;
    int rc = svc_person_access(c, json_string_value(json_object_get(*a, "person_id")), &d, basis);
    if (rc != SVC_OK)
        return rc;
    care_act_present(*a);
    return draft && strcmp(json_string_value(json_object_get(*a, "status")), "draft") != 0 ? read_only(c, *a) : SVC_OK;
}

int care_act_tx_end(struct svc_ctx *c, int rc)
{
    if (rc == STORE_ENOTFOUND)
        rc = svc_refuse(c, SVC_STALE, NULL, "Fetch the record again and reapply your change.");
    else if (rc < 0)
        rc = svc_failed(c, "Care Act assessment");
    return svc_tx_end(c, rc);
}

int svc_care_act_read(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = NULL;
    const char *basis = NULL;
    json_t *a = NULL;
    int rc = care_act_load(c, id, 0, &a, &basis);
    if (rc == SVC_OK && !a)
        rc = svc_failed(c, "Care Act assessment");
    if (rc == SVC_OK)
        rc = svc_audit_read(c, "care_act_assessment", id, json_string_value(json_object_get(a, "person_id")), basis);
    if (rc != SVC_OK)
        return rc;
    *out = a;
    return SVC_OK;
}

int svc_care_act_list(struct svc_ctx *c, const char *person_id, json_t **items)
{
    *items = NULL;
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *list = svc_own(c, care_act_for_person(c->db, person_id, &c->err));
    if (!list)
        return svc_failed(c, "Care Act assessments");
    rc = svc_audit_read_items(c, "care_act_assessment", list, "person_id", basis);
    if (rc != SVC_OK)
        return rc;
    size_t i;
    json_t *it;
    json_array_foreach(list, i, it)
        care_act_present(it);
    *items = list;
    return SVC_OK;
}

int svc_care_act_written(struct svc_ctx *c, const char *id, json_t **out)
{
    *out = svc_own(c, care_act_get(c->db, id, &c->err));
    if (!*out)
        return svc_store_fail(c, c->err.code, "Care Act assessment");
    static const char *const drop[] = {"family_name", "given_name", "date_of_birth", "nhs_number"};
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        json_object_del(*out, drop[i]);
    care_act_present(*out);
    return SVC_OK;
}

/* The assessing team: the one asked for (the user's own), else the user's first. */
static void choose_team(struct svc_ctx *c, json_t *in, json_t *errors, char team[STORE_ID_LEN])
{
    struct store_error err = {0};
    const char *t = input_str(in, "team_id", errors);
    team[0] = '\0';
    if (t) {
        if (!c->user_id || referrals_user_in_team(c->db, c->user_id, t, &err) != 0)
            svc_error_add(errors, "team_id", "must be one of your teams");
        else
            snprintf(team, STORE_ID_LEN, "%s", t);
        return;
    }
    json_t *teams = svc_teams(c);
    const char *first = json_string_value(json_object_get(json_array_get(teams, 0), "id"));
    if (first)
        snprintf(team, STORE_ID_LEN, "%s", first);
}

int svc_care_act_create(struct svc_ctx *c, const char *person_id, json_t *in, char id[STORE_ID_LEN])
{
    enum access_decision d;
    const char *basis;
    int rc = svc_person_access(c, person_id, &d, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *errors = svc_errors(c);
    const char *kind = input_str(in, "kind", errors);
    if (!kind || (strcmp(kind, "adult") != 0 && strcmp(kind, "carer") != 0))
        svc_error_add(errors, "kind", "must be adult (needs for care and support) or carer (a carer's assessment)");
    char team[STORE_ID_LEN];
    choose_team(c, in, errors, team);
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct actor by = svc_actor(c);
    struct care_act_new n = {person_id, kind, c->org_id, team[0] ? team : NULL, c->user_id};
    rc = svc_tx_begin(c);
    if (rc == 0) rc = care_act_insert(c->db, &by, &n, id, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "create", "care_act_assessment", id, person_id, basis);
    if (rc < 0)
        rc = svc_failed(c, "Care Act assessment");   /* as before: any store failure is a 503 */
    return svc_tx_end(c, rc);
}
