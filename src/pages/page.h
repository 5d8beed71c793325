/* page: what every server-rendered page adapter shares.
 *
 * page_post is the one "form POST" flow: decode the form, call the
 * service, and then
 *   - on success: redirect (303) to where the form says next;
 *   - on SVC_INVALID: show the same page again with status 422, the error
 *     summary and inline messages (each field prefixed "<prefix>-" when
 *     several forms share a page) and the values the user typed kept;
 *   - on any other outcome: the error page for it (api_result).
 *
 *   static int act(struct svc_ctx *c, json_t *form, void *arg) { … return svc_thing_add(c, …); }
 *   static const char *next(struct request *req, void *arg) { return arena_printf(…); }
 *   static void show(struct request *req, struct response *res, int status, json_t *errors,
 *                    json_t *form, void *arg) { … web_page(…); }
 *   void p_thing_post(struct request *req, struct response *res)
 *   {
 *       page_post(req, res, &(struct page_form){"thing", act, next, show, NULL, NULL});
 *   }
 *
 * A handler not yet moved to a service passes `handle` instead of `act`: it
 * fills res itself and returns 0 on success (a 422 in res is turned into
 * the page again, as above). */
#ifndef SEAMLESS_PAGE_H
#define SEAMLESS_PAGE_H
#include "http/http.h"

struct svc_ctx;

struct page_form {
    const char *prefix;   /* form name: error fields become "<prefix>-<field>"; NULL none */
    /* The service call: an svc_result (c is api_ctx(req)). */
    int (*act)(struct svc_ctx *c, json_t *form, void *arg);
    /* Where to go after success (arena string). */
    const char *(*next)(struct request *req, void *arg);
    /* The page again: errors ({field, message} array, borrowed) and form
     * (the decoded fields, borrowed) are for the template. */
    void (*show)(struct request *req, struct response *res, int status, json_t *errors, json_t *form, void *arg);
    void *arg;
    /* Instead of act, for handlers not yet on services (see above). */
    int (*handle)(struct request *req, struct response *res, json_t *form, void *arg);
};

void page_post(struct request *req, struct response *res, const struct page_form *f);

/* {field_errors, has_errors, errors} for a template (errors borrowed, may
 * be NULL). */
json_t *page_error_data(json_t *errors);

/* o[out_key] = o[pence_key] in pounds ("£1,234.56") when that is an
 * integer; nothing otherwise. */
void page_money(json_t *o, const char *pence_key, const char *out_key);
/* The options of a select or a radio group for a template: one
 * {value, label, <flag>} per {value, label} of pairs[0..n), flag ("selected"
 * for a select, "checked" for radios) true where value equals selected
 * (which may be NULL: none). A new array. */
json_t *page_options(const char *const (*pairs)[2], size_t n, const char *selected, const char *flag);
/* For each member of o named in keys (NULL-ended, each "<name>_pence"), or
 * with keys NULL every member whose name ends "_pence", that is an integer:
 * o["<name>_display"] in pounds ("£1,234.56"). page_money_displays_each
 * does it to each item of the array arr. */
void page_money_displays(json_t *o, const char *const *keys);
void page_money_displays_each(json_t *arr, const char *const *keys);
/* On each item of items: flag = true when its member equals value, else false. */
void page_flag(json_t *items, const char *member, const char *value, const char *flag);

#endif
