#include "web/template.h"
#include "domain/dates.h"
#include "domain/words.h"
#include <strings.h>
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

/* 1 when the output so far ends in page text (not inside a tag's
 * attributes, nor directly inside a <textarea> or a <code>, whose text is
 * to be copied as it is, e.g. a new API token): where a date or a code is
 * for people. */
static int in_text(const struct buf *out)
{
    for (size_t i = out->len; i-- > 0;) {
        char ch = out->data[i];
        if (ch == '<')
            return 0;                     /* inside a tag: an attribute value */
        if (ch == '>') {
            size_t j = i;                 /* the tag this '>' closes */
            while (j > 0 && out->data[j] != '<')
                j--;
            return !(i - j >= 9 && strncasecmp(out->data + j, "<textarea", 9) == 0) &&
                   !(i - j >= 5 && strncasecmp(out->data + j, "<code", 5) == 0 &&
                     (out->data[j + 5] == '>' || out->data[j + 5] == ' '));
        }
    }
    return 1;
}

/* Dates and times as people read them (issue #14 item 11): a value that is
 * exactly an ISO date ("2026-12-02") or an RFC 3339 timestamp shown in page
 * text becomes "2 December 2026" or "2 December 2026 at 14:05" in UK time;
 * in attributes (form values, links) and textareas it stays as it is. */
static const char *as_words(const char *s, char *buf)
{
    size_t n = strlen(s);
    struct date d;
    int64_t t;
    if (n == 10 && s[4] == '-' && s[7] == '-' && date_parse(s, "date", &d, NULL) == 0 &&
        date_format_long(d, buf) == 0)
        return buf;
    if (n >= 20 && n <= 35 && s[4] == '-' && (s[10] == 'T' || s[10] == 't') &&
        timestamp_parse(s, "time", &t, NULL) == 0 && timestamp_format_uk(t, buf) == 0)
        return buf;
    return s;
}

/* A value that is exactly a snake_case code ("registered_nurse") shown in
 * page text reads as words (issue #14 item 12): its words from the one
 * dictionary (domain/words.h), or else the code with spaces, capitalised.
 * buf holds 128 bytes. */
static const char *code_as_words(const char *s, char *buf)
{
    size_t n = strlen(s);
    int underscore = 0;
    if (n == 0 || n >= 128 || s[0] < 'a' || s[0] > 'z')
        return s;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '_')
            underscore = 1;
        else if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')))
            return s;
    }
    if (!underscore || s[n - 1] == '_')
        return s;
    const char *w = words_code(s);
    if (w)
        return w;
    for (size_t i = 0; i <= n; i++)
        buf[i] = s[i] == '_' ? ' ' : s[i];
    buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
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
    char words[128];
    if (escape && json_is_string(v) && ((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'a' && s[0] <= 'z')) &&
        in_text(out))
        s = s[0] <= '9' ? as_words(s, words) : code_as_words(s, words);
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
