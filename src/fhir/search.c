/* The FHIR search-parameter parser (search.h). */
#include "fhir/search.h"
#include "domain/dates.h"
#include <stdio.h>
#include <string.h>

/* why = before + name (control characters shown as ?) + after; returns -1. */
static int fail(char *why, size_t whyn, const char *before, const char *name, const char *after)
{
    char safe[64];
    size_t i = 0;
    for (; name && name[i] && i < sizeof safe - 1; i++)   /* never echo control characters */
        safe[i] = (unsigned char)name[i] < 0x20 || name[i] == 0x7f ? '?' : name[i];
    safe[i] = '\0';
    snprintf(why, whyn, "%s%s%s", before, safe, after);
    return -1;
}

static int copy(char *dst, const char *src, size_t n)
{
    size_t len = strlen(src);
    if (len >= FHIR_VALUE_MAX)
        return -1;
    memcpy(dst, src, n < len ? n : len);
    dst[n < len ? n : len] = '\0';
    return 0;
}

/* "2026-12-02" or "2026-12-02T10:00:00Z" (an instant: checked by shape). */
static int date_ok(const char *v)
{
    char d[11];
    if (strlen(v) < 10)
        return 0;
    memcpy(d, v, 10);
    d[10] = '\0';
    struct date out;
    struct domain_error e;
    if (date_parse(d, "date", &out, &e) != 0)
        return 0;
    if (!v[10])
        return 1;
    const char *t = v + 10;   /* THH:MM:SS(.fff)?(Z|±HH:MM) */
    if (t[0] != 'T' || strlen(t) < 10)
        return 0;
    for (int i = 1; i < 9; i++)
        if ((i == 3 || i == 6) ? t[i] != ':' : (t[i] < '0' || t[i] > '9'))
            return 0;
    const char *z = t + 9;
    if (*z == '.')
        for (z++; *z >= '0' && *z <= '9'; z++)
            ;
    return strcmp(z, "Z") == 0 || ((z[0] == '+' || z[0] == '-') && strlen(z) == 6 && z[3] == ':');
}

static int parse_date(struct fhir_term *t, const char *v)
{
    static const char *const prefixes[] = {"eq", "ne", "gt", "lt", "ge", "le"};
    t->prefix[0] = '\0';
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(v, prefixes[i], 2) == 0) {
            memcpy(t->prefix, prefixes[i], 3);
            v += 2;
            break;
        }
    if (!t->prefix[0])
        memcpy(t->prefix, "eq", 3);
    return date_ok(v) ? copy(t->value, v, strlen(v)) : -1;
}

static int parse_value(struct fhir_term *t, const char *v)
{
    if (!*v)
        return -1;
    switch (t->type) {
    case FHIR_DATE:
        return parse_date(t, v);
    case FHIR_TOKEN:
    case FHIR_REFERENCE: {
        const char *bar = strchr(v, t->type == FHIR_TOKEN ? '|' : '/');
        if (bar) {
            t->has_system = 1;
            if ((size_t)(bar - v) >= FHIR_VALUE_MAX || copy(t->system, v, (size_t)(bar - v)) < 0)
                return -1;
            v = bar + 1;
        }
        return *v && !strchr(v, '|') && !(t->type == FHIR_REFERENCE && strchr(v, '/')) ? copy(t->value, v, strlen(v))
                                                                                         : -1;
    }
    default:
        return copy(t->value, v, strlen(v));
    }
}

static int count_ok(const char *v, int *out)
{
    int n = 0;
    if (!*v || strlen(v) > 3)
        return 0;
    for (; *v; v++) {
        if (*v < '0' || *v > '9')
            return 0;
        n = n * 10 + (*v - '0');
    }
    *out = n;
    return n >= 1 && n <= FHIR_MAX_COUNT;
}

static int cursor_ok(const char *v)
{
    if (!*v || strlen(v) >= FHIR_VALUE_MAX)
        return 0;
    for (; *v; v++)
        if (!((*v >= '0' && *v <= '9') || (*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') || *v == '-' ||
              *v == '_'))
            return 0;
    return 1;
}

/* _count, _cursor, _format, _lastUpdated, _include: 1 handled, 0 not a
 * result parameter, -1 bad. */
static int result_param(const char *name, const char *v, const struct fhir_search_spec *spec,
                        struct fhir_search *out, char *why, size_t whyn)
{
    if (strcmp(name, "_count") == 0)
        return count_ok(v, &out->count) ? 1 : fail(why, whyn, "_count must be a whole number from 1 to 100", "", "");
    if (strcmp(name, "_cursor") == 0)
        return cursor_ok(v) && copy(out->cursor, v, strlen(v)) == 0 ? 1
               : fail(why, whyn, "_cursor is not one this server gave", "", "");
    if (strcmp(name, "_format") == 0)
        return 1;
    if (strcmp(name, "_lastUpdated") == 0) {
        if (out->nlast_updated >= 2)
            return fail(why, whyn, "_lastUpdated may be given at most twice", "", "");
        struct fhir_term *t = &out->last_updated[out->nlast_updated++];
        memset(t, 0, sizeof *t);
        t->name = "_lastUpdated";
        t->type = FHIR_DATE;
        return parse_date(t, v) == 0 ? 1 : fail(why, whyn, "_lastUpdated must be a date or instant, e.g. ge2026-04-01", "", "");
    }
    if (strcmp(name, "_include") == 0) {
        for (const char *const *inc = spec->includes; inc && *inc; inc++)
            if (strcmp(*inc, v) == 0) {
                if (out->nincludes >= 4)
                    return fail(why, whyn, "too many _include values", "", "");
                out->includes[out->nincludes++] = *inc;
                return 1;
            }
        return fail(why, whyn, "_include=", v, " is not supported here");
    }
    return 0;
}

static const struct fhir_param_spec *find(const struct fhir_search_spec *spec, const char *name, size_t n)
{
    for (const struct fhir_param_spec *p = spec->params; p && p->name; p++)
        if (strlen(p->name) == n && strncmp(p->name, name, n) == 0)
            return p;
    return NULL;
}

static int one_arg(const char *name, const char *v, const struct fhir_search_spec *spec, struct fhir_search *out,
                   char *why, size_t whyn)
{
    int r = result_param(name, v, spec, out, why, whyn);
    if (r != 0)
        return r < 0 ? -1 : 0;
    const char *colon = strchr(name, ':');
    const struct fhir_param_spec *p = find(spec, name, colon ? (size_t)(colon - name) : strlen(name));
    if (!p)
        return fail(why, whyn, "Unknown search parameter '", name, "'");
    int exact = 0;
    if (colon) {
        if (p->type != FHIR_STRING || strcmp(colon + 1, "exact") != 0)
            return fail(why, whyn, "Unsupported modifier in '", name, "'");
        exact = 1;
    }
    for (int i = 0; i < out->nterms; i++)
        if (out->terms[i].name == p->name)
            return fail(why, whyn, "Search parameter '", p->name, "' is given more than once");
    if (out->nterms >= FHIR_MAX_TERMS)
        return fail(why, whyn, "Too many search parameters", "", "");
    struct fhir_term *t = &out->terms[out->nterms];
    memset(t, 0, sizeof *t);
    t->name = p->name;
    t->type = p->type;
    t->exact = exact;
    if (parse_value(t, v) != 0)
        return fail(why, whyn, "The value of search parameter '", p->name, "' is not valid");
    out->nterms++;
    return 0;
}

int fhir_search_parse(const char *const (*args)[2], int n, const struct fhir_search_spec *spec,
                      struct fhir_search *out, char *why, size_t whyn)
{
    memset(out, 0, sizeof *out);
    out->count = FHIR_DEFAULT_COUNT;
    if (whyn)
        why[0] = '\0';
    for (int i = 0; i < n; i++) {
        const char *name = args[i][0] ? args[i][0] : "", *v = args[i][1] ? args[i][1] : "";
        if (one_arg(name, v, spec, out, why, whyn) != 0)
            return -1;
    }
    return 0;
}

const struct fhir_term *fhir_search_term(const struct fhir_search *s, const char *name)
{
    for (int i = 0; i < s->nterms; i++)
        if (strcmp(s->terms[i].name, name) == 0)
            return &s->terms[i];
    return NULL;
}

int fhir_date_matches(const struct fhir_term *t, const char *at)
{
    if (!at)
        return 0;
    int c = strncmp(at, t->value, strlen(t->value));
    if (strcmp(t->prefix, "ne") == 0) return c != 0;
    if (strcmp(t->prefix, "gt") == 0) return c > 0;
    if (strcmp(t->prefix, "lt") == 0) return c < 0;
    if (strcmp(t->prefix, "ge") == 0) return c >= 0;
    if (strcmp(t->prefix, "le") == 0) return c <= 0;
    return c == 0;
}
