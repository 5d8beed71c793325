/* Forms keep what was typed after a refused POST (form_echo.h). */
#include "web/form_echo.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

struct attr { const char *name, *raw; size_t nlen, rlen; const char *val; size_t vlen; };
#define MAX_ATTRS 32

struct tag {
    const char *start, *end;   /* '<' and just past '>' */
    char name[16];
    struct attr a[MAX_ATTRS];
    int n, self_close;
};

/* Parses the tag at p ('<'); 0 when it is not a start tag we can read. */
static int tag_parse(const char *p, const char *lim, struct tag *t)
{
    memset(t, 0, sizeof *t);
    const char *e = memchr(p, '>', (size_t)(lim - p));
    if (!e || p + 1 >= e || !isalpha((unsigned char)p[1]))
        return 0;
    t->start = p;
    t->end = e + 1;
    const char *q = p + 1;
    size_t k = 0;
    while (q < e && (isalnum((unsigned char)*q)) && k + 1 < sizeof t->name)
        t->name[k++] = (char)tolower((unsigned char)*q++);
    while (q < e) {
        while (q < e && isspace((unsigned char)*q))
            q++;
        if (q < e && *q == '/') {
            t->self_close = 1;
            q++;
            continue;
        }
        if (q >= e)
            break;
        struct attr *a = &t->a[t->n < MAX_ATTRS ? t->n : MAX_ATTRS - 1];
        a->name = a->raw = q;
        while (q < e && !isspace((unsigned char)*q) && *q != '=' && *q != '>' && *q != '/')
            q++;
        a->nlen = (size_t)(q - a->name);
        a->val = NULL;
        a->vlen = 0;
        if (q < e && *q == '=') {
            q++;
            if (q < e && (*q == '"' || *q == '\'')) {
                const char *close = memchr(q + 1, *q, (size_t)(e - q - 1));
                if (!close)
                    return 0;
                a->val = q + 1;
                a->vlen = (size_t)(close - q - 1);
                q = close + 1;
            } else {
                a->val = q;
                while (q < e && !isspace((unsigned char)*q) && *q != '>')
                    q++;
                a->vlen = (size_t)(q - a->val);
            }
        }
        a->rlen = (size_t)(q - a->raw);
        if (a->nlen == 0)
            return 0;
        if (t->n < MAX_ATTRS)
            t->n++;
    }
    return 1;
}

static const struct attr *tag_attr(const struct tag *t, const char *name)
{
    size_t k = strlen(name);
    for (int i = 0; i < t->n; i++)
        if (t->a[i].nlen == k && strncasecmp(t->a[i].name, name, k) == 0)
            return &t->a[i];
    return NULL;
}

/* The attribute's value with the entities our escaper writes undone. */
static void attr_text(const struct attr *a, char *out, size_t cap)
{
    static const char *const ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                                         {"&#39;", "'"}, {"&#x27;", "'"}};
    size_t o = 0;
    for (size_t i = 0; a && a->val && i < a->vlen && o + 1 < cap;) {
        size_t j, m = 0;
        for (j = 0; j < sizeof ent / sizeof ent[0]; j++) {
            m = strlen(ent[j][0]);
            if (i + m <= a->vlen && strncmp(a->val + i, ent[j][0], m) == 0)
                break;
        }
        if (j < sizeof ent / sizeof ent[0]) {
            out[o++] = ent[j][1][0];
            i += m;
        } else {
            out[o++] = a->val[i++];
        }
    }
    out[o] = '\0';
}

/* The posted value for name: the string (first of a repeated name). */
static const char *posted(json_t *values, const char *name)
{
    json_t *v = json_object_get(values, name);
    if (json_is_array(v))
        v = json_array_get(v, 0);
    return json_string_value(v);
}

/* 1 when value was posted under name (any of a repeated name). */
static int posted_has(json_t *values, const char *name, const char *value)
{
    json_t *v = json_object_get(values, name);
    if (json_is_string(v))
        return strcmp(json_string_value(v), value) == 0;
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x)
        if (json_is_string(x) && strcmp(json_string_value(x), value) == 0)
            return 1;
    return 0;
}

/* Writes the tag without the attributes named in drop, then extra. */
static void tag_write(struct buf *out, const struct tag *t, const char *const *drop, const char *extra_name,
                      const char *extra_value)
{
    buf_putc(out, '<');
    buf_puts(out, t->name);
    for (int i = 0; i < t->n; i++) {
        int skip = 0;
        for (const char *const *d = drop; *d; d++)
            if (t->a[i].nlen == strlen(*d) && strncasecmp(t->a[i].name, *d, t->a[i].nlen) == 0)
                skip = 1;
        if (!skip) {
            buf_putc(out, ' ');
            buf_put(out, t->a[i].raw, t->a[i].rlen);
        }
    }
    if (extra_name) {
        buf_putc(out, ' ');
        buf_puts(out, extra_name);
        if (extra_value) {
            buf_puts(out, "=\"");
            buf_put_html(out, extra_value);
            buf_putc(out, '"');
        }
    }
    buf_puts(out, t->self_close ? " />" : ">");
}

static int text_like(const char *type)
{
    static const char *const ok[] = {"", "text", "number", "email", "tel", "search", "url", "date"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (strcasecmp(type, ok[i]) == 0)
            return 1;
    return 0;
}

/* Rewrites [p, form_end) (the inside of one form) into out. */
static void echo_form(const char *p, const char *form_end, json_t *values, struct buf *out)
{
    static const char *const drop_value[] = {"value", NULL}, *const drop_checked[] = {"checked", NULL},
                             *const drop_selected[] = {"selected", NULL};
    char name[256] = "", select_name[256] = "", buf[1024];
    int in_select = 0;
    while (p < form_end) {
        const char *lt = memchr(p, '<', (size_t)(form_end - p));
        if (!lt) {
            buf_put(out, p, (size_t)(form_end - p));
            return;
        }
        buf_put(out, p, (size_t)(lt - p));
        if (strncasecmp(lt, "</select", 8) == 0)
            in_select = 0;
        struct tag t;
        if (!tag_parse(lt, form_end, &t)) {
            const char *gt = memchr(lt, '>', (size_t)(form_end - lt));
            const char *next = gt ? gt + 1 : form_end;
            buf_put(out, lt, (size_t)(next - lt));
            p = next;
            continue;
        }
        p = t.end;
        attr_text(tag_attr(&t, "name"), name, sizeof name);
        if (!strcmp(t.name, "input") && *name) {
            char type[32];
            attr_text(tag_attr(&t, "type"), type, sizeof type);
            attr_text(tag_attr(&t, "value"), buf, sizeof buf);
            if (text_like(type) && json_object_get(values, name)) {
                tag_write(out, &t, drop_value, "value", posted(values, name) ? posted(values, name) : "");
                continue;
            }
            if ((!strcasecmp(type, "radio") || !strcasecmp(type, "checkbox"))) {
                /* A radio group or checkbox left empty posts nothing: unchecked. */
                tag_write(out, &t, drop_checked, posted_has(values, name, buf) ? "checked" : NULL, NULL);
                continue;
            }
        } else if (!strcmp(t.name, "select")) {
            in_select = *name && json_object_get(values, name) != NULL;
            snprintf(select_name, sizeof select_name, "%s", name);
        } else if (!strcmp(t.name, "option") && in_select && tag_attr(&t, "value")) {
            attr_text(tag_attr(&t, "value"), buf, sizeof buf);
            tag_write(out, &t, drop_selected, posted_has(values, select_name, buf) ? "selected" : NULL, NULL);
            continue;
        } else if (!strcmp(t.name, "textarea") && *name && json_object_get(values, name)) {
            const char *close = strstr(p, "</textarea");
            if (close && close < form_end) {
                buf_put(out, t.start, (size_t)(t.end - t.start));
                buf_put_html(out, posted(values, name) ? posted(values, name) : "");
                p = close;
                continue;
            }
        }
        buf_put(out, t.start, (size_t)(t.end - t.start));
    }
}

/* 1 when the form tag's action is path (its query and fragment ignored). */
static int action_is(const struct tag *t, const char *path)
{
    char action[512];
    attr_text(tag_attr(t, "action"), action, sizeof action);
    action[strcspn(action, "?#")] = '\0';
    return path && *action && strcmp(action, path) == 0;
}

int form_echo(const char *html, size_t len, const char *action, json_t *values, struct buf *out)
{
    const char *p = html, *end = html + len;
    int forms = 0;
    while (p < end) {
        const char *f = p;
        for (;;) {
            f = memchr(f, '<', (size_t)(end - f));
            if (!f || (end - f >= 5 && strncasecmp(f, "<form", 5) == 0 && (isspace((unsigned char)f[5]) || f[5] == '>')))
                break;
            f++;
        }
        struct tag t;
        if (!f || !tag_parse(f, end, &t)) {
            buf_put(out, p, (size_t)(end - p));
            break;
        }
        buf_put(out, p, (size_t)(t.end - p));
        p = t.end;
        if (!action_is(&t, action))
            continue;
        const char *close = strstr(p, "</form");
        const char *form_end = close ? close : end;
        echo_form(p, form_end, values, out);
        p = form_end;
        forms++;
    }
    return out->failed ? -1 : forms;
}
