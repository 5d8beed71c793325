#include "web/template.h"
#include <stdio.h>
#include <string.h>

#define MAX_DEPTH 16

struct ctx {
    json_t *stack[MAX_DEPTH + 1];
    int depth;
    int partials;   /* nesting of {{> }} */
};

#define MAX_PARTIALS 4
static template_partial_fn partial_loader;

void template_set_partials(template_partial_fn fn)
{
    partial_loader = fn;
}

static json_t *lookup_in(json_t *v, const char *name, size_t n)
{
    while (v && n) {
        const char *dot = memchr(name, '.', n);
        size_t part = dot ? (size_t)(dot - name) : n;
        char key[128];
        if (part >= sizeof key || !json_is_object(v))
            return NULL;
        memcpy(key, name, part);
        key[part] = '\0';
        v = json_object_get(v, key);
        if (!dot)
            return v;
        name = dot + 1;
        n -= part + 1;
    }
    return v;
}

static json_t *lookup(struct ctx *c, const char *name, size_t n)
{
    if (n == 1 && name[0] == '.')
        return c->stack[c->depth];
    const char *dot = memchr(name, '.', n);
    size_t first = dot ? (size_t)(dot - name) : n;
    for (int i = c->depth; i >= 0; i--) {
        /* The first segment decides the context; the rest is resolved in it. */
        if (json_is_object(c->stack[i]) && lookup_in(c->stack[i], name, first))
            return lookup_in(c->stack[i], name, n);
    }
    return NULL;
}

static int truthy(json_t *v)
{
    if (!v || json_is_null(v) || json_is_false(v))
        return 0;
    if (json_is_array(v))
        return json_array_size(v) > 0;
    if (json_is_string(v))
        return json_string_length(v) > 0;
    if (json_is_integer(v))
        return json_integer_value(v) != 0;
    return 1;
}

static void put_value(struct buf *out, json_t *v, int escape)
{
    char num[48];
    const char *s = NULL;
    if (json_is_string(v))
        s = json_string_value(v);
    else if (json_is_integer(v))
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), s = num;
    else if (json_is_real(v))
        snprintf(num, sizeof num, "%g", json_real_value(v)), s = num;
    else if (json_is_true(v))
        s = "true";
    if (!s)
        return;
    if (escape)
        buf_put_html(out, s);
    else
        buf_puts(out, s);
}

/* Finds the {{/name}} closing the section whose body starts at p. */
static const char *find_close(const char *p, const char *end, const char *name, size_t n, const char **after)
{
    int level = 1;
    while (p < end) {
        const char *open = strstr(p, "{{");
        if (!open || open >= end)
            return NULL;
        const char *close = strstr(open + 2, "}}");
        if (!close || close >= end)
            return NULL;
        char kind = open[2];
        if ((kind == '#' || kind == '^' || kind == '/') && (size_t)(close - open - 3) == n &&
            memcmp(open + 3, name, n) == 0) {
            level += kind == '/' ? -1 : 1;
            if (level == 0) {
                *after = close + 2;
                return open;
            }
        }
        p = close + 2;
    }
    return NULL;
}

static int render(const char *p, const char *end, struct ctx *c, struct buf *out);

static int render_section(char kind, const char *name, size_t n, const char *body, const char *body_end,
                          struct ctx *c, struct buf *out)
{
    json_t *v = lookup(c, name, n);
    if (kind == '^')
        return truthy(v) ? 0 : render(body, body_end, c, out);
    if (!truthy(v))
        return 0;
    if (c->depth >= MAX_DEPTH)
        return -1;
    int rc = 0;
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) {
            c->stack[++c->depth] = item;
            rc = render(body, body_end, c, out);
            c->depth--;
            if (rc < 0)
                break;
        }
    } else {
        c->stack[++c->depth] = v;
        rc = render(body, body_end, c, out);
        c->depth--;
    }
    return rc;
}

static int render(const char *p, const char *end, struct ctx *c, struct buf *out)
{
    while (p < end) {
        const char *open = strstr(p, "{{");
        if (!open || open >= end) {
            buf_put(out, p, (size_t)(end - p));
            return 0;
        }
        buf_put(out, p, (size_t)(open - p));
        int triple = open + 2 < end && open[2] == '{';
        const char *close = strstr(open + 2, triple ? "}}}" : "}}");
        if (!close || close >= end)
            return -1;
        const char *name = open + (triple ? 3 : 2);
        char kind = *name;
        if (!triple && (kind == '#' || kind == '^' || kind == '!' || kind == '/' || kind == '>'))
            name++;
        while (name < close && *name == ' ')
            name++;
        size_t n = (size_t)(close - name);
        while (n && name[n - 1] == ' ')
            n--;
        p = close + (triple ? 3 : 2);
        if (triple) {
            put_value(out, lookup(c, name, n), 0);
        } else if (kind == '!') {
            continue;
        } else if (kind == '/') {
            return -1;              /* close without open */
        } else if (kind == '>') {
            size_t len = 0;
            const char *text = partial_loader ? partial_loader(name, n, &len) : NULL;
            if (!text || c->partials >= MAX_PARTIALS)
                return -1;
            c->partials++;
            int rc = render(text, text + len, c, out);
            c->partials--;
            if (rc < 0)
                return -1;
        } else if (kind == '#' || kind == '^') {
            const char *after;
            const char *body_end = find_close(p, end, name, n, &after);
            if (!body_end || render_section(kind, name, n, p, body_end, c, out) < 0)
                return -1;
            p = after;
        } else {
            put_value(out, lookup(c, name, n), 1);
        }
    }
    return 0;
}

int template_render(const char *tpl, size_t len, json_t *data, struct buf *out)
{
    struct ctx c = {.depth = 0};
    c.stack[0] = data;
    return render(tpl, tpl + len, &c, out);
}
