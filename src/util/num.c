#include "util/num.h"

#include <limits.h>
#include <string.h>

/* A NUL inside the first n bytes is a non-digit, so nothing past it is read. */
static int parse_n(const char *s, size_t n, int64_t *out)
{
    if (!s)
        return -1;
    const char *e = s + n;
    int neg = s < e && *s == '-';
    if (s < e && (*s == '-' || *s == '+'))
        s++;
    if (s == e)
        return -1;
    /* Accumulate negatively so INT64_MIN is reachable without overflow. */
    int64_t v = 0;
    for (; s < e; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        int d = *s - '0';
        if (v < (INT64_MIN + d) / 10)
            return -1;
        v = v * 10 - d;
    }
    if (!neg && v == INT64_MIN)
        return -1;
    *out = neg ? v : -v;
    return 0;
}

int num_parse_i64(const char *s, int64_t *out)
{
    return parse_n(s, s ? strlen(s) : 0, out);
}

int num_parse_int_n(const char *s, size_t n, int *out)
{
    int64_t v;
    if (parse_n(s, n, &v) < 0 || v < INT_MIN || v > INT_MAX)
        return -1;
    *out = (int)v;
    return 0;
}

int num_parse_int(const char *s, int *out)
{
    int64_t v;
    if (num_parse_i64(s, &v) < 0 || v < INT_MIN || v > INT_MAX)
        return -1;
    *out = (int)v;
    return 0;
}

int64_t num_i64_or(const char *s, int64_t dflt)
{
    int64_t v;
    return num_parse_i64(s, &v) < 0 ? dflt : v;
}

int num_int_or(const char *s, int dflt)
{
    int v;
    return num_parse_int(s, &v) < 0 ? dflt : v;
}
