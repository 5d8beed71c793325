/* arena: one allocation pool per request (compare nginx pools, PostgreSQL
 * memory contexts). Everything allocated from it is freed at once by
 * arena_free; nothing is freed individually. Allocation failure aborts the
 * process (the request cannot continue meaningfully and the OS is out of
 * memory); callers therefore never check for NULL. */
#ifndef SEAMLESS_ARENA_H
#define SEAMLESS_ARENA_H
#include <stddef.h>

struct arena_block;
struct arena {
    struct arena_block *head;
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);        /* zeroed, 16-aligned */
char *arena_strdup(struct arena *a, const char *s);  /* NULL stays NULL */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
