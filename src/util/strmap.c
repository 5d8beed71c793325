/* strmap: see strmap.h. Open addressing with linear probing, at most half
 * full; the keys' text in chunks of 64 KiB (one allocation per ~4,000
 * NHS numbers). */
#include "util/strmap.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

struct strmap_slot {
    uint64_t hash;
    const char *key;   /* NULL: empty */
    long value;
};

#define CHUNK_BYTES 65536

struct strmap_chunk {
    struct strmap_chunk *next;
    size_t used, size;
    char text[];
};

void strmap_init(struct strmap *m)
{
    memset(m, 0, sizeof *m);
    randombytes_buf(m->seed, sizeof m->seed);
}

static uint64_t hash_of(const struct strmap *m, const char *key)
{
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, (const unsigned char *)key, strlen(key), m->seed);
    uint64_t h;
    memcpy(&h, out, sizeof h);
    return h;
}

/* The slot holding key, or the empty slot where it would go. */
static struct strmap_slot *find(const struct strmap *m, const char *key, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        struct strmap_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && strcmp(s->key, key) == 0))
            return s;
    }
}

int strmap_get(const struct strmap *m, const char *key, long *value)
{
    if (!m->cap)
        return 0;
    struct strmap_slot *s = find(m, key, hash_of(m, key));
    if (!s->key)
        return 0;
    if (value)
        *value = s->value;
    return 1;
}

static int grow(struct strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    struct strmap_slot *old = m->slots;
    size_t old_cap = m->cap;
    m->slots = calloc(cap, sizeof *m->slots);
    if (!m->slots) {
        m->slots = old;
        return -1;
    }
    m->cap = cap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key)
            *find(m, old[i].key, old[i].hash) = old[i];
    free(old);
    return 0;
}

static const char *keep(struct strmap *m, const char *key)
{
    size_t len = strlen(key) + 1;
    struct strmap_chunk *c = m->chunks;
    if (!c || c->size - c->used < len) {
        size_t size = len > CHUNK_BYTES ? len : CHUNK_BYTES;
        c = malloc(sizeof *c + size);
        if (!c)
            return NULL;
        c->used = 0;
        c->size = size;
        c->next = m->chunks;
        m->chunks = c;
    }
    char *at = c->text + c->used;
    memcpy(at, key, len);
    c->used += len;
    return at;
}

int strmap_put(struct strmap *m, const char *key, long value)
{
    if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
        return -1;
    uint64_t h = hash_of(m, key);
    struct strmap_slot *s = find(m, key, h);
    if (!s->key) {
        const char *kept = keep(m, key);
        if (!kept)
            return -1;
        *s = (struct strmap_slot){h, kept, value};
        m->n++;
        return 0;
    }
    s->value = value;
    return 0;
}

size_t strmap_count(const struct strmap *m)
{
    return m->n;
}

void strmap_free(struct strmap *m)
{
    free(m->slots);
    while (m->chunks) {
        struct strmap_chunk *next = m->chunks->next;
        free(m->chunks);
        m->chunks = next;
    }
    m->slots = NULL;
    m->cap = m->n = 0;
}
