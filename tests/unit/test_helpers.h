/* Shared by unit tests: cmocka includes and a fresh migrated database
 * (SQLite in a temporary directory, or PostgreSQL: see test_db). */
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
#include "util/clock.h"

/* The database under test: SEAMLESS_TEST_DB names a PostgreSQL server
 * (scripts/with-postgres sets it) on which each test gets a new database;
 * unset, each test gets a new SQLite file in a temporary directory. */
struct test_db {
    char dir[64];
    char path[512];      /* what store_open takes: a file path or a URL */
    char name[64];       /* PostgreSQL: the database created for the test */
    struct store *db;
};

static inline const char *test_pg_url(void)
{
    const char *u = getenv("SEAMLESS_TEST_DB");
    return u && (strncmp(u, "postgres://", 11) == 0 || strncmp(u, "postgresql://", 13) == 0) ? u : NULL;
}

/* The URL with its database name replaced ("postgresql://h/old?x" → …/name?x). */
static inline void test_pg_url_for(const char *url, const char *name, char *out, size_t n)
{
    const char *host = strstr(url, "://") + 3;
    const char *slash = strchr(host, '/');
    const char *q = strchr(host, '?');
    if (!slash || (q && slash > q))
        slash = q ? q : host + strlen(host);
    snprintf(out, n, "%.*s/%s%s", (int)(slash - url), url, name, q ? q : "");
}

/* Runs "VERB name" (CREATE DATABASE x, DROP DATABASE x WITH (FORCE)…) on
 * the server's own database. */
static inline void test_pg_admin(const char *verb, const char *name, const char *tail)
{
    struct store_error err = {0};
    struct store *admin = store_open(test_pg_url(), &err);
    if (!admin)
        fail_msg("open %s: %s", test_pg_url(), err.message);
    char sql[160];
    snprintf(sql, sizeof sql, "%s %s%s", verb, name, tail);
    if (store_exec(admin, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
    store_close(admin);
}

/* On a Citus cluster (scripts/with-citus) a database is made or dropped on
 * every node, with the nodes registered in it (scripts/citus-db). */
static inline int test_citus_db(const char *verb, const char *name)
{
    const char *cmd = getenv("SEAMLESS_TEST_CITUS_DB");
    if (!cmd || !*cmd)
        return 0;
    char line[512];
    snprintf(line, sizeof line, "'%s' %s %s", cmd, verb, name);
    if (system(line) != 0)
        fail_msg("%s failed", line);
    return 1;
}

/* The one clock, pinned as the e2e harness pins it (SEAMLESS_TEST_NOW, else
 * 2 December 2026 10:00 UTC; it runs on from there): a test gives the same
 * answer on any day. Every test with a database gets it. */
static inline void test_clock_pin(void)
{
    if (clock_is_pinned())
        return;
    const char *now = getenv("SEAMLESS_TEST_NOW");
    int64_t t = clock_parse_utc(now && *now ? now : "2026-12-02T10:00:00Z");
    if (t < 0)
        fail_msg("SEAMLESS_TEST_NOW is not a time such as 2027-01-31T09:00:00Z: %s", now);
    clock_pin(t);
}

static inline struct test_db *test_db_new(void)
{
    static int counter;
    test_clock_pin();
    struct test_db *t = calloc(1, sizeof *t);
    if (test_pg_url()) {
        snprintf(t->name, sizeof t->name, "unit_%d_%d", (int)getpid(), ++counter);
        if (!test_citus_db("drop", t->name) || !test_citus_db("create", t->name)) {
            test_pg_admin("DROP DATABASE IF EXISTS", t->name, "");
            test_pg_admin("CREATE DATABASE", t->name, "");
        }
        test_pg_url_for(test_pg_url(), t->name, t->path, sizeof t->path);
    } else {
        snprintf(t->dir, sizeof t->dir, "/tmp/seamless-unit-XXXXXX");
        if (!mkdtemp(t->dir))
            fail_msg("mkdtemp");
        snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
    }
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
    store_close(t->db);
    if (t->name[0]) {
        if (!test_citus_db("drop", t->name))
            test_pg_admin("DROP DATABASE", t->name, " WITH (FORCE)");
    } else {
        char cmd[160];
        snprintf(cmd, sizeof cmd, "rm -rf %s", t->dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", t->dir);
    }
    free(t);
}

static inline int test_is_pg(const struct test_db *t)
{
    return strcmp(store_backend(t->db), "postgres") == 0;
}

/* The first column of a query's one row, as an integer (a count). */
static inline int64_t test_int_of(struct store *db, const char *sql)
{
    struct store_error err = {0};
    struct store_stmt *s = store_prepare(db, sql, &err);
    assert_non_null(s);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    int64_t n = store_col_int(s, 0);
    store_reset(s);
    return n;
}
#endif
