/* One section of a Care Act assessment as a page form: what it asks (in
 * plain language), the answers to show, and the submitted form turned into
 * the PATCH body of the API — so pages and other systems go through the
 * same validation. Without JavaScript: radios and checkboxes only. */
#include "pages/care_act_pages.h"
#include "util/num.h"
#include <stdlib.h>
#include <string.h>

struct question { const char *name, *legend, *hint; };

static const struct question ADULT_CONDITION[] = {
    {"impairment_or_illness", "Do their needs arise from, or relate to, a physical or mental impairment or illness?",
     "For example dementia, a learning disability, a physical disability, a mental illness, a long-term condition "
     "or substance misuse. A formal diagnosis is not needed."},
    {NULL, NULL, NULL}};
static const struct question CARER_CONDITION[] = {
    {"needs_arise_from_caring", "Do the carer's needs arise because they provide necessary care to an adult?", NULL},
    {"health_deteriorating_or_at_risk", "Is the carer's physical or mental health getting worse, or at risk of getting worse?",
     "If yes, the carer can be eligible even if they can achieve every outcome."},
    {NULL, NULL, NULL}};
static const struct question IMPACT[] = {
    {"significant_impact", "As a result, is there, or is there likely to be, a significant impact on their wellbeing?",
     "Think about the outcomes they cannot achieve and how that affects the areas of wellbeing below."},
    {NULL, NULL, NULL}};

static const struct question *questions_for(json_t *a, const char *name)
{
    if (strcmp(name, "condition") == 0)
        return care_act_is_carer(a) ? CARER_CONDITION : ADULT_CONDITION;
    return strcmp(name, "wellbeing") == 0 ? IMPACT : NULL;
}

/* "yes", "no" or NULL: from the submitted form, else the stored answer. */
static const char *yn(json_t *a, json_t *form, const char *key)
{
    if (form)
        return json_string_value(json_object_get(form, key));
    json_t *v = json_object_get(a, key);
    return json_is_true(v) ? "yes" : json_is_false(v) ? "no" : NULL;
}

/* A form value may be one string or a list (repeated checkboxes). */
static int in_list(json_t *list, const char *v)
{
    if (json_is_string(list))
        return strcmp(json_string_value(list), v) == 0;
    size_t i;
    json_t *x;
    json_array_foreach(list, i, x)
        if (json_is_string(x) && strcmp(json_string_value(x), v) == 0)
            return 1;
    return 0;
}

static json_t *questions_data(json_t *a, json_t *form, const struct question *q)
{
    json_t *out = json_array();
    for (; q && q->name; q++) {
        const char *v = yn(a, form, q->name);
        json_array_append_new(out, json_pack("{s:s, s:s, s:s?, s:b, s:b}", "name", q->name, "legend", q->legend,
                                             "hint", q->hint, "yes", v && strcmp(v, "yes") == 0,
                                             "no", v && strcmp(v, "no") == 0));
    }
    return out;
}

static json_t *choices(const struct care_act_item *t, int n, json_t *selected)
{
    json_t *out = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "value", t[i].key, "label", t[i].label,
                                             "checked", in_list(selected, t[i].key)));
    return out;
}

static void outcome_data(json_t *d, json_t *a, const char *name, json_t *form)
{
    int carer = care_act_is_carer(a);
    json_t *list = json_object_get(json_object_get(a, "outcomes"), name);
    const char *answer = form ? json_string_value(json_object_get(form, "answer"))
                              : list ? (json_array_size(list) ? "unable" : "achieves") : NULL;
    json_t *sel = form ? json_object_get(form, "grounds") : list;
    const struct care_act_item *t = carer ? care_act_carer_outcomes : care_act_adult_outcomes;
    json_object_set_new(d, "is_outcome", json_true());
    json_object_set_new(d, "heading", json_string(t[care_act_outcome_index(name, carer)].label));
    json_object_set_new(d, "achieves", json_boolean(answer && strcmp(answer, "achieves") == 0));
    json_object_set_new(d, "unable", json_boolean(answer && strcmp(answer, "unable") == 0));
    /* Carers have no "significantly longer" ground (reg 3(3)): the last one. */
    json_object_set_new(d, "grounds", choices(care_act_grounds, carer ? 3 : 4, sel));
}

static json_t *form_text(json_t *a, json_t *form, const char *key)
{
    json_t *v = json_object_get(form ? form : a, key);
    return json_is_string(v) ? json_incref(v) : json_string("");
}

json_t *care_act_section_data(json_t *a, const char *name, json_t *form)
{
    int carer = care_act_is_carer(a);
    json_t *d = json_pack("{s:s, s:O, s:O, s:O, s:O, s:b, s:s}", "name", name, "id", json_object_get(a, "id"),
                          "given_name", json_object_get(a, "given_name"), "family_name", json_object_get(a, "family_name"),
                          "version", json_object_get(a, "version"), "is_carer", carer,
                          "caption", carer ? "Carer's assessment" : "Care Act needs assessment");
    const struct question *q = questions_for(a, name);
    if (q)
        json_object_set_new(d, "questions", questions_data(a, form, q));
    if (strcmp(name, "condition") == 0) {
        json_object_set_new(d, "heading", json_string(carer ? "Caring and the carer's health" : "Impairment or illness"));
    } else if (strcmp(name, "wellbeing") == 0) {
        json_object_set_new(d, "is_wellbeing", json_true());
        json_object_set_new(d, "heading", json_string("Impact on wellbeing"));
        json_object_set_new(d, "areas", choices(care_act_wellbeing_areas, CARE_ACT_WELLBEING_AREAS,
                                                form ? json_object_get(form, "wellbeing") : json_object_get(a, "wellbeing")));
    } else if (strcmp(name, "views") == 0) {
        json_object_set_new(d, "is_views", json_true());
        json_object_set_new(d, "heading", json_string(carer ? "The carer's views" : "The person's views"));
        json_object_set_new(d, "person_views", form_text(a, form, "person_views"));
        json_object_set_new(d, "notes", form_text(a, form, "notes"));
    } else {
        outcome_data(d, a, name, form);
    }
    return d;
}

static json_t *checked_list(json_t *v)
{
    json_t *out = json_array();
    if (json_is_string(v))
        json_array_append(out, v);
    else if (json_is_array(v))
        json_array_extend(out, v);
    return out;
}

static void outcome_body(json_t *body, const char *name, json_t *form, json_t *errors)
{
    const char *answer = json_string_value(json_object_get(form, "answer"));
    json_t *grounds = checked_list(json_object_get(form, "grounds"));
    if (!answer || (strcmp(answer, "achieves") != 0 && strcmp(answer, "unable") != 0))
        svc_error_add(errors, "answer", "Select whether they can achieve this outcome");
    else if (strcmp(answer, "unable") == 0 && !json_array_size(grounds))
        svc_error_add(errors, "grounds", "Select why they are unable to achieve this outcome");
    if (answer && strcmp(answer, "achieves") == 0)
        json_array_clear(grounds);
    json_object_set_new(body, "outcomes", json_pack("{s:o}", name, grounds));
}

json_t *care_act_section_body(json_t *a, const char *name, json_t *form, json_t *errors)
{
    const char *v = json_string_value(json_object_get(form, "version"));
    json_t *body = json_pack("{s:I}", "version", (json_int_t)num_i64_or(v, 0));
    for (const struct question *q = questions_for(a, name); q && q->name; q++) {
        const char *ans = json_string_value(json_object_get(form, q->name));
        if (ans && (strcmp(ans, "yes") == 0 || strcmp(ans, "no") == 0))
            json_object_set_new(body, q->name, json_boolean(strcmp(ans, "yes") == 0));
        else
            svc_error_add(errors, q->name, "Select yes or no");
    }
    if (strcmp(name, "wellbeing") == 0) {
        json_t *areas = checked_list(json_object_get(form, "wellbeing"));
        if (json_is_true(json_object_get(body, "significant_impact")) && !json_array_size(areas))
            svc_error_add(errors, "wellbeing", "Select the areas of wellbeing that are significantly affected");
        json_object_set_new(body, "wellbeing", areas);
    } else if (strcmp(name, "views") == 0) {
        json_object_set(body, "person_views", json_object_get(form, "person_views"));
        json_object_set(body, "notes", json_object_get(form, "notes"));
    } else if (strcmp(name, "condition") != 0) {
        outcome_body(body, name, form, errors);
    }
    return body;
}

const char *care_act_page_field(const char *f)
{
    if (!f)
        return "form";
    if (strncmp(f, "outcomes.", 9) == 0)
        return "grounds";
    if (strncmp(f, "wellbeing", 9) == 0)
        return "wellbeing";
    return f;
}
