/* notice: the next page confirms what a form did (issue #14 item 13; the
 * NHS.UK notification banner, success variant).
 *
 * Every page form POSTs, and on success redirects (303, POST-redirect-GET:
 * a refresh does not send it again). The redirect sets a short-lived
 * cookie (notice_cookie: HttpOnly, SameSite=Lax, two minutes) holding the
 * slug chosen by the route that handled the POST from one table here; the
 * next page shows that slug's words in a notification banner and clears
 * the cookie, so a refresh does not repeat it and the page's address is
 * unchanged. Only slugs of the table are ever shown: nobody can put words
 * of their own in the banner. A route missing from the table redirects
 * without a notice (tests/unit/test_router.c walks the route table so none
 * is missed). */
#ifndef SEAMLESS_NOTICE_H
#define SEAMLESS_NOTICE_H

/* The slug for a successful POST to route (the matched pattern, e.g.
 * "/referrals/{id}/accept"), or NULL when it has none. */
const char *notice_for_route(const char *route);
/* The words for a slug, or NULL for an unknown one. */
const char *notice_message(const char *slug);
/* The cookie's name: "__Host-seamless-notice" behind TLS (secure), else
 * "seamless_notice", as the session cookie. */
const char *notice_cookie(int secure);

#endif
