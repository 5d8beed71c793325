/* arena: one allocation pool per request (compare nginx pools, PostgreSQL
 * memory contexts). Everything allocated from it is freed at once by
 * arena_free; nothing is freed individually. It never returns NULL: when
 * malloc fails it notes it (util/oom.h) and carries on from a per-thread
 * reserve, so the request can still be answered 503; only when that is used
 * up too does it abort. Callers therefore never check for NULL.
 *
 * The cleanup list (arena_defer, compare ngx_pool_cleanup_add and
 * PostgreSQL's resource owners) releases what was not allocated from the
 * arena — JSON values above all (arena_json) — when the arena is freed, so
 * a handler or service that hands a value to the arena has no free ladder. */
#ifndef SEAMLESS_ARENA_H
#define SEAMLESS_ARENA_H
#include <stddef.h>

#include <jansson.h>

struct arena_block;
struct arena_cleanup;
struct arena {
    struct arena_block *head;
    struct arena_cleanup *cleanups;   /* run newest first by arena_free */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);        /* zeroed, 16-aligned */
char *arena_strdup(struct arena *a, const char *s);  /* NULL stays NULL */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Calls fn(p) when the arena is freed, before its memory goes (cleanups run
 * newest first, so a value registered later may still use an earlier one). */
void arena_defer(struct arena *a, void (*fn)(void *), void *p);
/* Hands v (a new reference, may be NULL) to the arena: it is decref'd by
 * arena_free. Returns v, so `json_t *x = arena_json(a, json_object());`. */
json_t *arena_json(struct arena *a, json_t *v);

#endif
