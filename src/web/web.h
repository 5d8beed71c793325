/* web: server-rendered HTML pages from the same JSON data the API returns.
 * Templates are embedded ("templates/<name>.html") and rendered with
 * template.h, escaping on by default, inside templates/layout.html. */
#ifndef SEAMLESS_WEB_H
#define SEAMLESS_WEB_H
#include "http/http.h"

/* Renders templates/<name>.html with data (stolen) inside the layout, with
 * the signed-in user, CSRF token and navigation added. */
void web_page(struct request *req, struct response *res, int status, const char *name,
              const char *title, json_t *data);
/* Turns a problem+json response into an HTML error page (same status). */
void web_error_page(struct request *req, struct response *res);

#endif
