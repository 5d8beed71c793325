#include "util/arena.h"
#include "util/oom.h"
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 8192

struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    struct reserve *reserve;   /* NULL: from the heap */
    _Alignas(16) unsigned char data[];
};

struct arena_cleanup {
    struct arena_cleanup *next;
    void (*fn)(void *);
    void *p;
};

/* Where a block comes from when malloc fails: per thread, bump-allocated,
 * emptied when its last block is released (on whichever thread). */
#define RESERVE_SIZE (256 * 1024)
struct reserve {
    _Alignas(16) unsigned char mem[RESERVE_SIZE];
    _Atomic size_t used;
    _Atomic int live;
};
static _Thread_local struct reserve reserve;

static struct arena_block *reserve_block(size_t size)
{
    size = (size + 15) & ~(size_t)15;
    size_t used = atomic_load(&reserve.used);
    if (size > RESERVE_SIZE - used)
        return NULL;
    atomic_fetch_add(&reserve.live, 1);
    atomic_store(&reserve.used, used + size);
    struct arena_block *b = (struct arena_block *)(void *)(reserve.mem + used);
    b->reserve = &reserve;
    return b;
}

/* One spare heap block of BLOCK_SIZE per thread, kept in thread-specific
 * data (freed by the key's destructor when the thread ends): a request's
 * arena takes it instead of a fresh malloc of 8 KiB — an allocation of that
 * size makes glibc consolidate its fast bins, a few per cent of an audited
 * read's CPU. */
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void spare_init(void)
{
    pthread_key_create(&spare_key, free);
}

static struct arena_block *spare_take(void)
{
    pthread_once(&spare_once, spare_init);
    struct arena_block *b = pthread_getspecific(spare_key);
    if (b)
        pthread_setspecific(spare_key, NULL);
    return b;
}

static int spare_keep(struct arena_block *b)
{
    pthread_once(&spare_once, spare_init);
    return !pthread_getspecific(spare_key) && pthread_setspecific(spare_key, b) == 0;
}

static void block_release(struct arena_block *b)
{
    if (!b->reserve) {
        if (b->cap != BLOCK_SIZE || !spare_keep(b))
            free(b);
        return;
    }
    struct reserve *r = b->reserve;
    if (atomic_fetch_sub(&r->live, 1) == 1)
        atomic_store(&r->used, 0);
}

void arena_init(struct arena *a)
{
    a->head = NULL;
    a->cleanups = NULL;
}

void arena_free(struct arena *a)
{
    /* The cleanup records live in the arena's blocks: run them all first. */
    for (struct arena_cleanup *c = a->cleanups; c; c = c->next)
        c->fn(c->p);
    a->cleanups = NULL;
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        block_release(b);
        b = next;
    }
    a->head = NULL;
}

void *arena_alloc(struct arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    struct arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > BLOCK_SIZE ? n : BLOCK_SIZE;
        b = cap == BLOCK_SIZE ? spare_take() : NULL;
        if (!b)
            b = malloc(sizeof *b + cap);
        if (b)
            b->reserve = NULL;
        else {
            oom_note();
            if (!(b = reserve_block(sizeof *b + cap)))
                abort();
        }
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    return memcpy(arena_alloc(a, n), s, n);
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap, cp;
    va_start(ap, fmt);
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    char *p = arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
    if (n > 0)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_defer(struct arena *a, void (*fn)(void *), void *p)
{
    struct arena_cleanup *c = arena_alloc(a, sizeof *c);
    c->fn = fn;
    c->p = p;
    c->next = a->cleanups;
    a->cleanups = c;
}

static void json_release(void *p)
{
    json_decref(p);
}

json_t *arena_json(struct arena *a, json_t *v)
{
    if (v)
        arena_defer(a, json_release, v);
    return v;
}
