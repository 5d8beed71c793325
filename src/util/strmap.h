/* strmap: a set of strings, each with a number — for a bulk import, the
 * NHS numbers and local identifiers already met in the file (with their
 * line) and the likely-duplicate keys of a batch. A million keys take a
 * few tens of megabytes, against several hundred as a JSON object, and
 * emptying it frees a few large blocks rather than a million small ones.
 *
 *   struct strmap m;
 *   strmap_init(&m);
 *   if (strmap_put(&m, "9434765919", 12) < 0) … out of memory
 *   long line;
 *   if (strmap_get(&m, "9434765919", &line)) … met on line 12
 *   strmap_free(&m);
 *
 * Keys are copied. The hash is keyed per map (SipHash, libsodium), so the
 * rows of a file cannot be chosen to make every key collide. */
#ifndef SEAMLESS_STRMAP_H
#define SEAMLESS_STRMAP_H
#include <stddef.h>
#include <stdint.h>

struct strmap_slot;
struct strmap_chunk;
struct strmap {
    struct strmap_slot *slots;
    size_t cap, n;               /* slots (a power of two, or 0), keys held */
    struct strmap_chunk *chunks; /* the keys' text, newest first */
    unsigned char seed[16];
};

void strmap_init(struct strmap *m);
/* 1 and *value (value may be NULL) when key is held, else 0. */
int strmap_get(const struct strmap *m, const char *key, long *value);
/* Adds key with value, or sets the value of a key held already: 0, or -1
 * when memory ran out (the map is as it was). */
int strmap_put(struct strmap *m, const char *key, long value);
size_t strmap_count(const struct strmap *m);
/* Empties the map (strmap_init state; the memory is freed). */
void strmap_free(struct strmap *m);

#endif
