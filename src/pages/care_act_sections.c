/* The Care Act assessment as the pages show it: the task list's sections
 * with their status and answers in words (also the rows of "Check your
 * answers"), the data of one section's form, and a submitted section form
 * turned into the PATCH body the API takes. Plain language, NHS.UK task
 * list statuses: Not started, In progress, Completed. */
#include "pages/care_act_pages.h"
#include "util/buf.h"
#include <stdio.h>
#include <string.h>

static const struct care_act_item *outcome_table(int carer, int *n)
{
    *n = carer ? CARE_ACT_CARER_OUTCOMES : CARE_ACT_ADULT_OUTCOMES;
    return carer ? care_act_carer_outcomes : care_act_adult_outcomes;
}

static const char *yes_no(json_t *v, const char *yes, const char *no)
{
    return json_is_true(v) ? yes : json_is_false(v) ? no : "Not answered";
}

static json_t *section(json_t *a, const char *name, const char *label, int answered, int of, const char *answer)
{
    const char *status = answered == 0 ? "Not started" : answered < of ? "In progress" : "Completed";
    return json_pack("{s:s, s:s, s:s, s:s, s:b, s:b, s:s}", "name", name, "label", label,
                     "id", json_string_value(json_object_get(a, "id")), "status", status, "is_done", answered >= of,
                     "is_in_progress", answered > 0 && answered < of, "answer", answer ? answer : "Not answered");
}

static json_t *condition_section(json_t *a, int carer, struct buf *b)
{
    if (!carer) {
        json_t *v = json_object_get(a, "impairment_or_illness");
        return section(a, "condition", "Impairment or illness", json_is_boolean(v), 1,
                       yes_no(v, "Yes, the needs arise from a physical or mental impairment or illness",
                              "No, the needs do not arise from an impairment or illness"));
    }
    json_t *arise = json_object_get(a, "needs_arise_from_caring"), *health = json_object_get(a, "health_deteriorating_or_at_risk");
    buf_reset(b);
    buf_printf(b, "Needs arise from caring: %s. Health deteriorating or at risk: %s.", yes_no(arise, "yes", "no"),
               yes_no(health, "yes", "no"));
    return section(a, "condition", "Caring and the carer's health", json_is_boolean(arise) + json_is_boolean(health), 2,
                   buf_str(b));
}

static void grounds_text(json_t *list, struct buf *b)
{
    buf_reset(b);
    if (!json_array_size(list)) {
        buf_puts(b, "Can achieve this");
        return;
    }
    buf_puts(b, "Unable to achieve: ");
    size_t i;
    json_t *g;
    json_array_foreach(list, i, g)
        for (int k = 0; k < 4; k++)
            if (strcmp(json_string_value(g), care_act_grounds[k].key) == 0)
                buf_printf(b, "%s%s", i ? "; " : "", care_act_grounds[k].label);
}

static json_t *wellbeing_section(json_t *a, struct buf *b)
{
    json_t *impact = json_object_get(a, "significant_impact"), *areas = json_object_get(a, "wellbeing");
    buf_reset(b);
    buf_puts(b, yes_no(impact, "Significant impact on wellbeing", "No significant impact on wellbeing"));
    size_t i;
    json_t *w;
    json_array_foreach(areas, i, w) {
        int k = care_act_wellbeing_index(json_string_value(w));
        if (k >= 0)
            buf_printf(b, "%s%s", i ? ", " : ". Areas affected: ", care_act_wellbeing_areas[k].label);
    }
    int done = json_is_boolean(impact) && (json_is_false(impact) || json_array_size(areas) > 0);
    int started = json_is_boolean(impact) || json_array_size(areas) > 0;
    return section(a, "wellbeing", "Impact on wellbeing", done ? 1 : started ? 1 : 0, done ? 1 : 2, buf_str(b));
}

json_t *care_act_sections(json_t *a)
{
    int carer = care_act_is_carer(a), n;
    const struct care_act_item *t = outcome_table(carer, &n);
    struct buf b;
    buf_init(&b, 1 << 16);
    json_t *out = json_array(), *outcomes = json_object_get(a, "outcomes");
    json_array_append_new(out, condition_section(a, carer, &b));
    for (int i = 0; i < n; i++) {
        json_t *list = json_object_get(outcomes, t[i].key);
        grounds_text(list, &b);
        json_array_append_new(out, section(a, t[i].key, t[i].label, list != NULL, 1, list ? buf_str(&b) : NULL));
    }
    json_array_append_new(out, wellbeing_section(a, &b));
    const char *views = json_string_value(json_object_get(a, "person_views"));
    const char *notes = json_string_value(json_object_get(a, "notes"));
    json_array_append_new(out, section(a, "views", carer ? "The carer's views and your notes"
                                                         : "The person's views and your notes",
                                       views ? 1 : notes ? 1 : 0, views ? 1 : 2, views));
    buf_free(&b);
    return out;
}

int care_act_section_index(json_t *a, const char *name)
{
    int n;
    outcome_table(care_act_is_carer(a), &n);
    if (strcmp(name, "condition") == 0)
        return 0;
    if (strcmp(name, "wellbeing") == 0)
        return n + 1;
    if (strcmp(name, "views") == 0)
        return n + 2;
    int k = care_act_outcome_index(name, care_act_is_carer(a));
    return k < 0 ? -1 : k + 1;
}
