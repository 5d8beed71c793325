/* chc_pages: helpers shared by the CHC pages (chc_pages.c,
 * chc_case_pages.c, chc_dst_pages.c). The pages call the same services as
 * the API (svc/chc.h) through page_post (pages/page.h), which shows a
 * failed form's errors in the error summary. */
#ifndef SEAMLESS_CHC_PAGES_H
#define SEAMLESS_CHC_PAGES_H
#include "http/http.h"

/* {given_name, family_name, date_of_birth} of the person after the access
 * check and the audited read (owned by the request), or NULL with res set. */
json_t *chc_page_person(struct request *req, struct response *res, const char *person_id);
/* Renders template tmpl (title) with data (stolen), the error summary for
 * errors (borrowed; NULL: none) and the banner of the person. */
void chc_page_show(struct request *req, struct response *res, int status, const char *tmpl, const char *title,
                   json_t *data, json_t *errors, const char *person_id);
/* *out when rc (of a service called with api_ctx(req), which filled *out)
 * is SVC_OK; otherwise NULL with res filled with the outcome. */
json_t *chc_page_got(struct request *req, struct response *res, int rc, json_t **out);
/* The care settings a checklist or DST is done in, as radio options with
 * the one chosen (may be NULL) checked (pages/page.h page_options). */
json_t *chc_page_setting_options(const char *selected);

#endif
