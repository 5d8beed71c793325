/* Shared by unit tests: cmocka includes and a fresh migrated database in a
 * temporary directory. */
#ifndef SEAMLESS_TEST_HELPERS_H
#define SEAMLESS_TEST_HELPERS_H
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "store/store.h"

struct test_db {
    char dir[64];
    char path[128];
    struct store *db;
};

static inline struct test_db *test_db_new(void)
{
    struct test_db *t = calloc(1, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "/tmp/seamless-unit-XXXXXX");
    if (!mkdtemp(t->dir))
        fail_msg("mkdtemp");
    snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
    struct store_error err = {0};
    t->db = store_open(t->path, &err);
    if (!t->db)
        fail_msg("open: %s", err.message);
    if (store_migrate(t->db, &err) != 0)
        fail_msg("migrate: %s", err.message);
    return t;
}

static inline void test_db_free(struct test_db *t)
{
    char cmd[160];
    store_close(t->db);
    snprintf(cmd, sizeof cmd, "rm -rf %s", t->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", t->dir);
    free(t);
}
#endif
