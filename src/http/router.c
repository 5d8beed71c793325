#include "http/router.h"
#include <string.h>

/* Matches one pattern against path; params point into the arena copy. */
static int match(const char *pattern, const char *path, struct arena *arena,
                 const char *params[HTTP_MAX_PARAMS])
{
    int n = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *pend = strchr(p, '}');
            const char *send = strchr(s, '/');
            if (!pend)
                return 0;
            size_t len = send ? (size_t)(send - s) : strlen(s);
            if (len == 0 || n >= HTTP_MAX_PARAMS)
                return 0;
            char *v = arena_alloc(arena, len + 1);
            memcpy(v, s, len);
            params[n++] = v;
            p = pend + 1;
            s += len;
            continue;
        }
        if (*p != *s)
            return 0;
        p++;
        s++;
    }
    return *p == '\0' && *s == '\0';
}

const struct route *router_match(const struct route *table, struct arena *arena, const char *method,
                                 const char *path, const char *params[HTTP_MAX_PARAMS], int *path_known)
{
    *path_known = 0;
    for (const struct route *r = table; r->method; r++) {
        const char *tmp[HTTP_MAX_PARAMS] = {0};
        if (!match(r->pattern, path, arena, tmp))
            continue;
        int same = strcmp(r->method, method) == 0 ||
                   (strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0);
        if (!same) {
            *path_known = 1;
            continue;
        }
        memcpy(params, tmp, sizeof tmp);
        return r;
    }
    return NULL;
}
