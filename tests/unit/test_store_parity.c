/* The store behaves the same on SQLite and PostgreSQL (store.h, pg.h):
 * column kinds, the dialect rewrites, parameter rules, constraint codes,
 * errors inside transactions, serialised writers. Runs on whichever
 * backend is under test; the PostgreSQL-only cases (reconnect, collation)
 * skip on SQLite. */
#include "test_helpers.h"
#include "util/num.h"
#include <jansson.h>
#include <pthread.h>
#include <string.h>

#define INS_ORG "INSERT INTO organisations (id, code, name, type, created_at, updated_at)" \
                " VALUES ($1, $2, $3, $4, $5, $5)"

static void add_org(struct store *db, const char *id, const char *code, const char *name)
{
    struct store_error err = {0};
    const char *p[] = {id, code, name, "council", "2026-01-01T00:00:00.000Z"};
    assert_int_equal(store_run(db, INS_ORG, 5, p, &err), 0);
}

static void expect_one(struct store *db, const char *sql, const char *want)
{
    struct store_error err = {0};
    char got[64];
    if (store_query_text(db, sql, 0, NULL, got, sizeof got, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
    assert_string_equal(got, want);
}

static json_t *rows(struct store *db, const char *sql, int np, const char *const *p)
{
    struct store_error err = {0};
    json_t *r = store_query_rows(db, sql, np, p, &err);
    if (!r)
        fail_msg("%s: %s", sql, err.message);
    return r;
}

static void row_json_kinds_match(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    add_org(t->db, "o1", "C1", "Alpha");
    add_org(t->db, "o2", "c2", "beta");
    const char *p[] = {"o1"};
    json_t *r = store_query_one(t->db, "SELECT id, version, created_by, (version = 1) AS first,"
                                       " 'x' || code AS tag FROM organisations WHERE id = $1", 1, p,
                                &(struct store_error){0});
    assert_non_null(r);
    assert_true(json_is_integer(json_object_get(r, "version")));
    assert_int_equal(json_integer_value(json_object_get(r, "version")), 1);
    assert_true(json_is_null(json_object_get(r, "created_by")));
    assert_true(json_is_integer(json_object_get(r, "first")));      /* a boolean is 1/0 */
    assert_int_equal(json_integer_value(json_object_get(r, "first")), 1);
    assert_string_equal(json_string_value(json_object_get(r, "tag")), "xC1");
    json_decref(r);
    r = rows(t->db, "SELECT count(*) AS n, SUM(version) AS total FROM organisations", 0, NULL);
    json_t *row = json_array_get(r, 0);
    assert_int_equal(json_integer_value(json_object_get(row, "n")), 2);
    assert_true(json_is_integer(json_object_get(row, "total")));
    assert_int_equal(json_integer_value(json_object_get(row, "total")), 2);
    json_decref(r);
    test_db_free(t);
}

static void text_sorts_and_matches_alike(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    add_org(t->db, "o1", "C1", "beta");
    add_org(t->db, "o2", "C2", "Zed");
    add_org(t->db, "o3", "C3", "a-b");
    /* Byte order: upper case before lower, '-' before letters. */
    json_t *r = rows(t->db, "SELECT name FROM organisations ORDER BY name", 0, NULL);
    assert_string_equal(json_string_value(json_object_get(json_array_get(r, 0), "name")), "Zed");
    assert_string_equal(json_string_value(json_object_get(json_array_get(r, 1), "name")), "a-b");
    json_decref(r);
    /* LIKE ignores ASCII case on both. */
    const char *p[] = {"BET%"};
    r = rows(t->db, "SELECT code FROM organisations WHERE name LIKE $1", 1, p);
    assert_int_equal(json_array_size(r), 1);
    json_decref(r);
    /* A date range compares as text: "2026-01-01~" is after every time that day. */
    const char *d[] = {"2026-01-01T23:59:59.999Z", "2026-01-01~"};
    r = rows(t->db, "SELECT 1 AS ok WHERE $1 < $2", 2, d);
    assert_int_equal(json_array_size(r), 1);
    json_decref(r);
    test_db_free(t);
}

static void portable_rewrites_work_on_both(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    add_org(t->db, "o1", "C1", "Alpha");
    const char *dup[] = {"o9", "C1", "Again", "icb", "2026-01-01T00:00:00.000Z"};
    assert_int_equal(store_run(t->db, "INSERT OR IGNORE INTO organisations (id, code, name, type, created_at,"
                                      " updated_at) VALUES ($1, $2, $3, $4, $5, $5)", 5, dup, &err), 0);
    assert_int_equal(store_changes(t->db), 0);
    expect_one(t->db, "SELECT IFNULL(created_by, 'nobody') FROM organisations", "nobody");
    /* INTEGER is 64-bit on both. */
    const char *big[] = {"4000000000"};
    char out[32];
    assert_int_equal(store_query_text(t->db, "SELECT CAST($1 AS INTEGER) * 2", 1, big, out, sizeof out, &err), 0);
    assert_string_equal(out, "8000000000");
    /* Not portable: refused on PostgreSQL, so kept out of the code. */
    if (test_is_pg(t)) {
        assert_null(store_prepare(t->db, "INSERT OR REPLACE INTO organisations (id) VALUES ($1)", &err));
        assert_int_equal(err.code, STORE_EUNSUPPORTED);
    }
    test_db_free(t);
}

static void parameters_follow_the_same_rules(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    add_org(t->db, "o1", "C1", "Alpha");
    add_org(t->db, "o2", "C2", "Beta");
    /* A parameter first met in "IS NULL" (no type to infer from). */
    const char *all[] = {NULL, ""};
    const char *one[] = {"C2", ""};
    const char *sql = "SELECT id FROM organisations WHERE ($1 IS NULL OR code = $1) AND id > $2 ORDER BY id";
    json_t *r = rows(t->db, sql, 2, all);
    assert_int_equal(json_array_size(r), 2);
    json_decref(r);
    r = rows(t->db, sql, 2, one);
    assert_int_equal(json_array_size(r), 1);
    json_decref(r);
    /* A parameter below the highest that the text never uses; and numbers
     * bound as text compare with integer columns and LIMIT. */
    const char *lim[] = {"unused", "1", "1"};
    r = rows(t->db, "SELECT id FROM organisations WHERE version = $2 ORDER BY id LIMIT $3", 3, lim);
    assert_int_equal(json_array_size(r), 1);
    json_decref(r);
    /* Binding a number the text does not mention fails on both. */
    struct store_stmt *s = store_prepare(t->db, "SELECT code FROM organisations WHERE id = $1", &err);
    assert_non_null(s);
    assert_int_equal(store_bind_text(s, 2, "x"), STORE_EGENERIC);
    assert_int_equal(store_bind_text(s, 1, "o2"), 0);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    assert_string_equal(store_col_text(s, 0), "C2");
    assert_string_equal(store_col_name(s, 0), "code");
    assert_int_equal(store_step(s, &err), STORE_DONE);
    store_reset(s);
    test_db_free(t);
}

static void constraints_and_changes_match(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    add_org(t->db, "o1", "C1", "Alpha");
    add_org(t->db, "o2", "C2", "Beta");
    const char *team[] = {"t1", "nope", "T", "Team", "2026-01-01"};
    assert_int_equal(store_run(t->db, "INSERT INTO teams (id, org_id, code, name, created_at, updated_at)"
                                      " VALUES ($1, $2, $3, $4, $5, $5)", 5, team, &err), STORE_EINTEGRITY);
    const char *nul[] = {"o3", "C3", NULL, "council", "2026-01-01"};
    assert_int_equal(store_run(t->db, INS_ORG, 5, nul, &err), STORE_EINTEGRITY);
    const char *dup[] = {"o9", "C1", "Again", "council", "2026-01-01"};   /* a duplicate code: the conflict */
    assert_int_equal(store_run(t->db, INS_ORG, 5, dup, &err), STORE_ECONSTRAINT);
    assert_int_equal(store_run(t->db, "UPDATE organisations SET version = version + 1", 0, NULL, &err), 0);
    assert_int_equal(store_changes(t->db), 2);
    const char *none[] = {"zz"};
    assert_int_equal(store_run(t->db, "DELETE FROM organisations WHERE id = $1", 1, none, &err), 0);
    assert_int_equal(store_changes(t->db), 0);
    test_db_free(t);
}

static void failed_prepare_leaves_the_transaction_usable(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
    assert_true(store_in_tx(t->db));
    assert_null(store_prepare(t->db, "SELECT nonsense FROM nowhere", &err));
    assert_true(err.code < 0);
    add_org(t->db, "o1", "C1", "Alpha");
    assert_int_equal(store_tx_commit(t->db, &err), 0);
    assert_false(store_in_tx(t->db));
    expect_one(t->db, "SELECT count(*) FROM organisations", "1");
    test_db_free(t);
}

struct writer_arg {
    const char *url;
    int failures;
};

/* Read-modify-write in a write transaction: lost updates would show. */
/* store_query_many (pipelined on PostgreSQL) gives what the same reads one
 * by one give, in and out of a transaction; a batch with a failing read
 * fails whole, and the connection serves the next batch. */
static void batched_reads_match_one_by_one(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store *db = t->db;
    add_org(db, "o1", "A1", "Alpha");
    add_org(db, "o2", "B2", "Beta");
    static const char *const sql[] = {
        "SELECT id, code FROM organisations WHERE code = $1",
        "SELECT id, name FROM organisations WHERE id > $1 ORDER BY id",
        "SELECT COUNT(*) AS n FROM organisations WHERE name = $1",
    };
    const char *p0[] = {"B2"}, *p1[] = {""}, *p2[] = {"Nobody"};
    const char *const *params[] = {p0, p1, p2};
    const int np[] = {1, 1, 1};
    struct store_error err = {0};
    for (int in_tx = 0; in_tx < 2; in_tx++) {
        if (in_tx)
            assert_int_equal(store_tx_begin(db, STORE_TX_READ, &err), 0);
        json_t *out[3];
        assert_int_equal(store_query_many(db, 3, sql, np, params, out, &err), 0);
        /* SQLite reads the batch in a transaction of its own: ended after
         * it, and never the caller's (still open, for the caller to end). */
        assert_int_equal(store_in_tx(db), in_tx);
        for (int i = 0; i < 3; i++) {
            json_t *one = rows(db, sql[i], np[i], params[i]);
            if (!json_equal(one, out[i]))
                fail_msg("batch read %d differs from the same read alone", i);
            json_decref(one);
            json_decref(out[i]);
        }
        if (in_tx)
            assert_int_equal(store_tx_commit(db, &err), 0);
    }
    static const char *const bad[] = {"SELECT id FROM organisations WHERE code = $1",
                                      "SELECT no_such_column FROM organisations WHERE id = $1"};
    const char *const *bp[] = {p0, p0};
    const int bn[] = {1, 1};
    json_t *out[2] = {json_true(), json_true()};
    assert_int_not_equal(store_query_many(db, 2, bad, bn, bp, out, &err), 0);
    assert_null(out[0]);
    assert_null(out[1]);
    assert_false(store_in_tx(db));
    /* A batch that fails to run inside the caller's transaction leaves it
     * open: the caller's write is still there to commit. */
    assert_int_equal(store_tx_begin(db, STORE_TX_WRITE, &err), 0);
    add_org(db, "o3", "C3", "Gamma");
    assert_int_not_equal(store_query_many(db, 2, bad, bn, bp, out, &err), 0);
    assert_true(store_in_tx(db));
    assert_int_equal(store_tx_commit(db, &err), 0);
    expect_one(db, "SELECT name FROM organisations WHERE code = 'C3'", "Gamma");
    if (strcmp(store_backend(db), "postgres") == 0) {
        /* A read that fails while running, inside the pipeline: the batch
         * fails, the reads after it are not left half-read. */
        static const char *const mid[] = {"SELECT id FROM organisations WHERE code = $1",
                                          "SELECT 1 / (COUNT(*) - COUNT(*)) AS x FROM organisations WHERE code = $1",
                                          "SELECT name FROM organisations WHERE code = $1"};
        const char *const *mp[] = {p0, p0, p0};
        const int mn[] = {1, 1, 1};
        json_t *m[3];
        assert_int_not_equal(store_query_many(db, 3, mid, mn, mp, m, &err), 0);
        assert_null(m[0]);
        assert_null(m[2]);
    }
    json_t *again[3];
    assert_int_equal(store_query_many(db, 3, sql, np, params, again, &err), 0);
    assert_int_equal(json_array_size(again[1]), 3);
    for (int i = 0; i < 3; i++)
        json_decref(again[i]);
    test_db_free(t);
}

static void *increment(void *arg)
{
    struct writer_arg *a = arg;
    struct store_error err = {0};
    struct store *db = store_open(a->url, &err);
    if (!db) {
        a->failures = 1000;
        return NULL;
    }
    for (int i = 0; i < 25; i++) {
        char v[32];
        int rc = store_tx_begin(db, STORE_TX_WRITE, &err);
        if (rc == 0)
            rc = store_query_text(db, "SELECT version FROM organisations WHERE id = 'o1'", 0, NULL, v, sizeof v, &err);
        if (rc == 0) {
            snprintf(v, sizeof v, "%lld", (long long)num_i64_or(v, 0) + 1);
            const char *p[] = {v};
            rc = store_run(db, "UPDATE organisations SET version = $1 WHERE id = 'o1'", 1, p, &err);
        }
        if (rc == 0)
            rc = store_tx_commit(db, &err);
        if (rc != 0) {
            store_tx_rollback(db);
            a->failures++;
        }
    }
    store_close(db);
    return NULL;
}

static void write_transactions_are_serialised(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    add_org(t->db, "o1", "C1", "Alpha");
    pthread_t th[4];
    struct writer_arg args[4];
    for (int i = 0; i < 4; i++) {
        args[i] = (struct writer_arg){t->path, 0};
        pthread_create(&th[i], NULL, increment, &args[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(args[i].failures, 0);
    }
    expect_one(t->db, "SELECT version FROM organisations WHERE id = 'o1'", "101");
    test_db_free(t);
}

static void pg_reconnects_after_the_connection_is_lost(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    if (!test_is_pg(t)) {
        test_db_free(t);
        skip();
    }
    struct store_error err = {0};
    add_org(t->db, "o1", "C1", "Alpha");
    const char *kill = "SELECT pg_terminate_backend(pg_backend_pid())";
    /* Outside a transaction: the failed call reports the loss, the next
     * use reconnects (cached statements are prepared again). */
    assert_true(store_exec(t->db, kill, &err) < 0);
    assert_int_equal(err.code, STORE_EIO);
    expect_one(t->db, "SELECT count(*) FROM organisations", "1");
    /* Inside a transaction: the transaction is gone, so statements fail
     * until the caller rolls back; then the connection comes back. */
    assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
    assert_true(store_exec(t->db, kill, &err) < 0);
    assert_null(store_prepare(t->db, "SELECT count(*) FROM organisations", &err));
    assert_int_equal(err.code, STORE_EIO);
    store_tx_rollback(t->db);
    add_org(t->db, "o2", "C2", "Beta");
    expect_one(t->db, "SELECT count(*) FROM organisations", "2");
    test_db_free(t);
}

static void pg_refuses_a_database_that_does_not_sort_bytewise(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    if (!test_is_pg(t)) {
        test_db_free(t);
        skip();
    }
    char name[80], url[600];
    snprintf(name, sizeof name, "%s_icu", t->name);
    /* ICU collation: the same database server, another sort order. */
    struct store_error err = {0};
    char sql[200];
    snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-GB'"
                              " LOCALE 'C'", name);
    if (store_exec(t->db, sql, &err) != 0) {
        test_db_free(t);
        skip();     /* server built without ICU */
    }
    test_pg_url_for(test_pg_url(), name, url, sizeof url);
    assert_null(store_open(url, &err));
    assert_int_equal(err.code, STORE_EUNSUPPORTED);
    assert_non_null(strstr(err.message, "collation"));
    snprintf(sql, sizeof sql, "DROP DATABASE %s", name);
    assert_int_equal(store_exec(t->db, sql, &err), 0);
    test_db_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(row_json_kinds_match),
        cmocka_unit_test(text_sorts_and_matches_alike),
        cmocka_unit_test(portable_rewrites_work_on_both),
        cmocka_unit_test(parameters_follow_the_same_rules),
        cmocka_unit_test(constraints_and_changes_match),
        cmocka_unit_test(failed_prepare_leaves_the_transaction_usable),
        cmocka_unit_test(batched_reads_match_one_by_one),
        cmocka_unit_test(write_transactions_are_serialised),
        cmocka_unit_test(pg_reconnects_after_the_connection_is_lost),
        cmocka_unit_test(pg_refuses_a_database_that_does_not_sort_bytewise),
    };
    return cmocka_run_group_tests_name("store parity", tests, NULL, NULL);
}
