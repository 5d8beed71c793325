/* faultfs: an LD_PRELOAD shim that makes writes and fsyncs to one directory
 * fail on demand, for tests/e2e/faults.test.mjs (I/O errors beyond a full
 * disk: issue #20, item 8).
 *
 *   FAULT_DIR=/path/to/db-dir FAULT_CONTROL=/path/to/control LD_PRELOAD=build/faultfs.so seamless serve …
 *
 * While the control file exists, its first word picks the fault for files
 * under FAULT_DIR: "ENOSPC" or "EIO" fails write/pwrite (and fsync), and
 * "EIO-fsync" fails only fsync/fdatasync. Remove it and I/O works again.
 * Costs one stat() per write or sync while no fault is set. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum { NONE, ON_WRITE, ON_SYNC };

/* The fault that applies to fd now: NONE, or ON_WRITE/ON_SYNC with *err. */
static int fault_for(int fd, int *err)
{
    const char *control = getenv("FAULT_CONTROL"), *dir = getenv("FAULT_DIR");
    struct stat st;
    if (!control || !dir || stat(control, &st) != 0)
        return NONE;
    char word[32] = "", link[64], path[4096];
    int cfd = open(control, O_RDONLY);
    if (cfd >= 0) {
        ssize_t n = read(cfd, word, sizeof word - 1);
        word[n > 0 ? n : 0] = '\0';
        close(cfd);
    }
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return NONE;
    path[n] = '\0';
    if (strncmp(path, dir, strlen(dir)) != 0)
        return NONE;
    *err = strncmp(word, "ENOSPC", 6) == 0 ? ENOSPC : EIO;
    return strncmp(word, "EIO-fsync", 9) == 0 ? ON_SYNC : ON_WRITE;
}

#define REAL(name, ret, ...) \
    static ret (*real)(__VA_ARGS__); \
    if (!real) real = (ret(*)(__VA_ARGS__))dlsym(RTLD_NEXT, name)

ssize_t write(int fd, const void *buf, size_t n)
{
    REAL("write", ssize_t, int, const void *, size_t);
    int err;
    if (fd > 2 && fault_for(fd, &err) == ON_WRITE) {
        errno = err;
        return -1;
    }
    return real(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    REAL("pwrite", ssize_t, int, const void *, size_t, off_t);
    int err;
    if (fault_for(fd, &err) == ON_WRITE) {
        errno = err;
        return -1;
    }
    return real(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
    REAL("pwrite64", ssize_t, int, const void *, size_t, off64_t);
    int err;
    if (fault_for(fd, &err) == ON_WRITE) {
        errno = err;
        return -1;
    }
    return real(fd, buf, n, off);
}

int fsync(int fd)
{
    REAL("fsync", int, int);
    int err;
    if (fault_for(fd, &err) != NONE) {
        errno = err;
        return -1;
    }
    return real(fd);
}

int fdatasync(int fd)
{
    REAL("fdatasync", int, int);
    int err;
    if (fault_for(fd, &err) != NONE) {
        errno = err;
        return -1;
    }
    return real(fd);
}
