/* auth: who is asking — a Bearer API token or a session cookie — and the
 * CSRF rule for state-changing requests made with a cookie. */
#ifndef SEAMLESS_AUTH_H
#define SEAMLESS_AUTH_H
#include "http/http.h"

/* Fills req->who. 1 authenticated, 0 no or invalid credentials (an expired
 * session is deleted), negative on a database error. */
int auth_resolve(struct request *req);
/* For a state-changing request with a session cookie: the CSRF token (header
 * X-CSRF-Token or form field csrf_token) must equal the session's, and the
 * Origin (or Referer) must be this server. 1 allowed, 0 refused. */
int auth_csrf_ok(struct request *req);
/* Same-origin check alone (used by the login form, before a session). */
int auth_origin_ok(struct request *req);

#endif
