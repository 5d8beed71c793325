#include "util/buf.h"
#include "util/oom.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t max)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->max = max ? max : (size_t)1 << 30;
    b->failed = 0;
}

void buf_free(struct buf *b)
{
    free(b->data);
    buf_init(b, b->max);
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *buf_detach(struct buf *b)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    buf_init(b, b->max);
    return p;
}

static int buf_grow(struct buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (extra > b->max || b->len + extra > b->max) {
        b->failed = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        oom_note();
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

int buf_put(struct buf *b, const void *p, size_t n)
{
    /* The common case (room already there, under the cap) without a call. */
    if ((b->failed || b->len + n >= b->cap || b->len + n > b->max) && buf_grow(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buf_puts(struct buf *b, const char *s)
{
    return buf_put(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
    return buf_put(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0 || buf_grow(b, (size_t)n) < 0)
        return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

int buf_put_html(struct buf *b, const char *s)
{
    const char *start = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_put(b, start, (size_t)(s - start));
        buf_puts(b, rep);
        start = s + 1;
    }
    buf_put(b, start, (size_t)(s - start));
    return b->failed ? -1 : 0;
}

int buf_put_json(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0;   /* most strings need no escape: one copy */
    while (s[n] && (unsigned char)s[n] >= 0x20 && s[n] != '"' && s[n] != '\\')
        n++;
    if (!s[n]) {
        if ((b->failed || b->len + n + 2 >= b->cap || b->len + n + 2 > b->max) && buf_grow(b, n + 2) < 0)
            return -1;
        b->data[b->len] = '"';
        memcpy(b->data + b->len + 1, s, n);
        b->data[b->len + n + 1] = '"';
        b->len += n + 2;
        b->data[b->len] = '\0';
        return 0;
    }
    buf_putc(b, '"');
    const char *start = s;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        char rep[7] = {'\\', 0};
        switch (ch) {
        case '"': rep[1] = '"'; break;
        case '\\': rep[1] = '\\'; break;
        case '\b': rep[1] = 'b'; break;
        case '\f': rep[1] = 'f'; break;
        case '\n': rep[1] = 'n'; break;
        case '\r': rep[1] = 'r'; break;
        case '\t': rep[1] = 't'; break;
        default:
            memcpy(rep + 1, "u00", 3);
            rep[4] = hex[ch >> 4];
            rep[5] = hex[ch & 15];
        }
        buf_put(b, start, (size_t)(s - start));
        buf_puts(b, rep);
        start = s + 1;
    }
    buf_put(b, start, (size_t)(s - start));
    buf_putc(b, '"');
    return b->failed ? -1 : 0;
}

const char *buf_str(const struct buf *b)
{
    return b->data ? b->data : "";
}
