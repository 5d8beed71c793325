/* json_write (json_write.h). */
#include "util/json_write.h"
#include "util/table_rows.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* buf_put with the common case (room left) inline: an answer is written
 * in hundreds of small pieces. */
static inline int put(struct buf *b, const char *p, size_t n)
{
    if (b->failed || b->len + n + 1 > b->cap || b->len + n > b->max)
        return buf_put(b, p, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static inline int putc1(struct buf *b, char c)
{
    return put(b, &c, 1);
}

/* The escape of an ASCII byte that needs one, as jansson writes it, or
 * NULL. */
static const char *escape_of(unsigned char c, char seq[8])
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default:
        if (c >= 0x20)
            return NULL;
        snprintf(seq, 8, "\\u%04X", (unsigned)c);
        return seq;
    }
}

static int write_string(struct buf *b, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0;   /* start of the bytes not yet written */
    int ascii = 1;
    putc1(b, '"');
    for (size_t i = 0; i < len; i++) {
        char seq[8];
        if (u[i] >= 0x80) {
            ascii = 0;
            continue;
        }
        const char *esc = escape_of(u[i], seq);
        if (!esc)
            continue;
        put(b, s + run, i - run);
        put(b, esc, strlen(esc));
        run = i + 1;
    }
    put(b, s + run, len - run);
    if (!ascii && !table_utf8_valid(s, len))
        return -1;   /* jansson refuses to print it too */
    return putc1(b, '"');
}

/* Reals are rare in answers: printed by jansson so that the digits agree. */
static int write_real(struct buf *b, json_t *v)
{
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    int rc = s ? put(b, s, strlen(s)) : -1;
    free(s);
    return rc;
}

static int write_value(struct buf *b, json_t *v, int depth)
{
    if (!v || depth > JSON_WRITE_MAX_DEPTH)
        return -1;
    switch (json_typeof(v)) {
    case JSON_NULL: return put(b, "null", 4);
    case JSON_TRUE: return put(b, "true", 4);
    case JSON_FALSE: return put(b, "false", 5);
    case JSON_INTEGER: {
        char n[32];
        int len = snprintf(n, sizeof n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return put(b, n, (size_t)len);
    }
    case JSON_REAL: return write_real(b, v);
    case JSON_STRING: return write_string(b, json_string_value(v), json_string_length(v));
    case JSON_ARRAY: {
        putc1(b, '[');
        for (size_t i = 0, n = json_array_size(v); i < n; i++)
            if ((i && putc1(b, ',') < 0) || write_value(b, json_array_get(v, i), depth + 1) < 0)
                return -1;
        return putc1(b, ']');
    }
    case JSON_OBJECT: {
        putc1(b, '{');
        int first = 1;
        for (void *it = json_object_iter(v); it; it = json_object_iter_next(v, it)) {
            if ((!first && putc1(b, ',') < 0) ||
                write_string(b, json_object_iter_key(it), json_object_iter_key_len(it)) < 0 ||
                putc1(b, ':') < 0 || write_value(b, json_object_iter_value(it), depth + 1) < 0)
                return -1;
            first = 0;
        }
        return putc1(b, '}');
    }
    }
    return -1;
}

int json_write(struct buf *b, json_t *v)
{
    return write_value(b, v, 0) < 0 || b->failed ? -1 : 0;
}
