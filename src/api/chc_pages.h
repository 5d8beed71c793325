/* chc_pages: helpers shared by the CHC pages (chc_pages.c, chc_case_pages.c,
 * chc_dst_pages.c). The pages call the same functions as the API
 * (chc_api.h) and show a 422's errors in the error summary. */
#ifndef SEAMLESS_CHC_PAGES_H
#define SEAMLESS_CHC_PAGES_H
#include "http/http.h"

/* Takes the errors array out of a 422 problem in res (res->json cleared so
 * a page can be rendered instead); an empty array when there is none. */
json_t *chc_page_take_errors(struct response *res);
/* {given_name, family_name, date_of_birth} of the person after the access
 * check and the audited read, or NULL with res set. */
json_t *chc_page_person(struct request *req, struct response *res, const char *person_id);
/* Adds field_errors, has_errors and errors (errors borrowed; NULL: none). */
void chc_page_errors(json_t *data, json_t *errors);

#endif
