/* buf: one growable byte buffer with a hard maximum (compare curl's dynbuf,
 * git's strbuf).
 *
 *   struct buf b;
 *   buf_init(&b, 1 << 20);          // max 1 MiB; nothing allocated yet
 *   buf_puts(&b, "hello ");
 *   buf_printf(&b, "%d", 42);
 *   use(b.data, b.len);             // data is always NUL-terminated once used
 *   buf_free(&b);
 *
 * Ownership: the buffer owns data until buf_free or buf_detach (then the
 * caller frees it with free()). Errors: the append functions return 0, or -1
 * when memory ran out or the maximum would be exceeded; after an error the
 * buffer keeps its previous content and later appends keep failing (sticky
 * `failed`), so a caller may append many pieces and check once. */
#ifndef SEAMLESS_BUF_H
#define SEAMLESS_BUF_H
#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
    int failed;
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);        /* len = 0, keep memory, clear failed */
char *buf_detach(struct buf *b);      /* caller owns the result; b is reset */
int buf_put(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends s with HTML escaping of & < > " ' (for text and attribute values). */
int buf_put_html(struct buf *b, const char *s);
/* Appends s as a JSON string: quoted, with " \\ and control characters
 * escaped as jansson's json_dumps escapes them (UTF-8 is copied as is). */
int buf_put_json(struct buf *b, const char *s);
/* The contents as a C string ("" when empty, never NULL). */
const char *buf_str(const struct buf *b);

#endif
