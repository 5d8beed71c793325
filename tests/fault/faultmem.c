/* faultmem: an LD_PRELOAD shim that makes memory allocation fail on demand,
 * for tests/e2e/faults.test.mjs (allocation failure: issue #20, item 8).
 *
 *   FAULT_CONTROL=/path/to/control LD_PRELOAD=build/faultmem.so seamless serve …
 *
 * While the control file holds "ENOMEM N", every Nth call of malloc, calloc,
 * realloc or aligned allocation fails (returns NULL with errno ENOMEM), in
 * every thread. Remove the file and allocation works again. The control
 * file is looked at no more than every 10 ms (a coarse clock read per call
 * otherwise), so a test arms it, waits 50 ms, sends its requests. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static _Atomic long every;          /* 0: off */
static _Atomic long calls;
static _Atomic long long next_look_ns;
static _Thread_local int inside;    /* reading the control file allocates nothing, but be safe */

static void look(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    long long now = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
    long long due = atomic_load_explicit(&next_look_ns, memory_order_relaxed);
    if (now < due || !atomic_compare_exchange_strong(&next_look_ns, &due, now + 10000000LL))
        return;
    const char *control = getenv("FAULT_CONTROL");
    long n = 0;
    int fd = control ? open(control, O_RDONLY) : -1;
    if (fd >= 0) {
        char word[64] = "";
        ssize_t got = read(fd, word, sizeof word - 1);
        close(fd);
        word[got > 0 ? got : 0] = '\0';
        if (strncmp(word, "ENOMEM ", 7) == 0)
            n = strtol(word + 7, NULL, 10);
    }
    atomic_store(&every, n > 0 ? n : 0);
}

static int fail_now(void)
{
    if (inside)
        return 0;
    inside = 1;
    look();
    inside = 0;
    long n = atomic_load_explicit(&every, memory_order_relaxed);
    if (n <= 0)
        return 0;
    if (atomic_fetch_add(&calls, 1) % n != n - 1)
        return 0;
    errno = ENOMEM;
    return 1;
}

void *malloc(size_t size)
{
    return fail_now() ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    return p && size && fail_now() ? NULL : __libc_realloc(p, size);
}

int posix_memalign(void **out, size_t align, size_t size)
{
    if (fail_now())
        return ENOMEM;
    void *p = __libc_memalign(align, size);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
    return fail_now() ? NULL : __libc_memalign(align, size);
}
