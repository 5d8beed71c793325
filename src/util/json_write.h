/* json_write: a JSON value appended to a buf, byte for byte what
 * json_dumps(v, JSON_COMPACT) prints (keys in insertion order, the same
 * escapes, reals through jansson itself) but without jansson's per-container
 * loop check (a hash-table insert and a formatted pointer for every object
 * and array) or its per-code-point UTF-8 walk: the answer of an audited read
 * is written in a third of the time (docs/performance.md). Nesting deeper
 * than JSON_WRITE_MAX_DEPTH (a cycle, by mistake) fails rather than recursing
 * without end. Returns 0, or -1 (invalid UTF-8 in a string, memory, depth);
 * on -1 the buffer holds a partial text the caller discards. */
#ifndef SEAMLESS_JSON_WRITE_H
#define SEAMLESS_JSON_WRITE_H
#include "util/buf.h"
#include <jansson.h>

#define JSON_WRITE_MAX_DEPTH 64

int json_write(struct buf *b, json_t *v);

#endif
