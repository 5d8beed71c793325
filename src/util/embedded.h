/* embedded: files compiled into the binary by tools/embed.c — migrations
 * ("migrations/001_init.sql"), templates ("templates/x.html") and static
 * assets ("static/…"). The data lives for the whole program and is never freed;
 * every blob is followed by a NUL byte not counted in len. */
#ifndef SEAMLESS_EMBEDDED_H
#define SEAMLESS_EMBEDDED_H
#include <stddef.h>

struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t len;
};

extern const struct embedded_file embedded_files[];

/* The file called name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
