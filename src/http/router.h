/* router: the route table maps method + path pattern to a handler and the
 * one permission the route needs. Patterns are literal segments and {name}
 * placeholders ("/api/v1/teams/{id}"); placeholders match one non-empty
 * segment and are captured in order. The table ends with a NULL method. */
#ifndef SEAMLESS_ROUTER_H
#define SEAMLESS_ROUTER_H
#include "http/http.h"
#include "domain/roles.h"

struct route {
    const char *method;
    const char *pattern;
    http_handler handler;
    enum perm perm;
};

/* The first route matching method and path, filling params (up to
 * HTTP_MAX_PARAMS, pointing into a copy in arena). NULL when none; then
 * *path_known is 1 if some route matched the path with another method
 * (→ 405), else 0 (→ 404). */
const struct route *router_match(const struct route *table, struct arena *arena, const char *method,
                                 const char *path, const char *params[HTTP_MAX_PARAMS], int *path_known);

#endif
