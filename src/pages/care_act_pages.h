/* care_act_pages: the view model behind the Care Act assessment pages
 * (care_act_sections.c, care_act_forms.c), from the presented assessment
 * (svc/care_act.h). Results are owned by the caller. */
#ifndef SEAMLESS_CARE_ACT_PAGES_H
#define SEAMLESS_CARE_ACT_PAGES_H
#include "svc/care_act.h"

/* The task list in order — condition, each outcome, wellbeing, views —
 * as [{name, label, id, status, is_done, is_in_progress, answer}]. */
json_t *care_act_sections(json_t *a);
/* Position of a section name in that list, or -1 for none. */
int care_act_section_index(json_t *a, const char *name);
/* Data for the section page (care_act_section.html) from the stored
 * answers, or from the submitted form when given (re-shown with errors). */
json_t *care_act_section_data(json_t *a, const char *name, json_t *form);
/* A submitted section form → the PATCH body (with version); a missing
 * answer on the page goes into errors with the page's field id. */
json_t *care_act_section_body(json_t *a, const char *name, json_t *form, json_t *errors);
/* An API error field → the id of the input on the section page. */
const char *care_act_page_field(const char *api_field);

#endif
