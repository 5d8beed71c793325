/* Unit tests for the store on the backend under test (SQLite, or
 * PostgreSQL under scripts/with-postgres): migrations, parameters,
 * transactions, constraint mapping, durability settings, and the parity
 * rules of store.h (column kinds, dialect rewrites, writer serialisation,
 * reconnects). */
#include "test_helpers.h"
#include <jansson.h>
#include <pthread.h>

static void migrations_apply_once_and_record_version(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    assert_int_equal(store_schema_current(t->db, &err), store_schema_latest());
    assert_true(store_schema_latest() >= 1);
    assert_int_equal(store_migrate(t->db, &err), 0);        /* idempotent */
    assert_int_equal(store_check_schema(t->db, &err), 0);
    /* A database newer than the binary is refused. */
    assert_int_equal(store_exec(t->db, "INSERT INTO schema_migrations VALUES (9999, 'future', 'x')", &err), 0);
    assert_int_equal(store_check_schema(t->db, &err), STORE_EUNSUPPORTED);
    assert_non_null(strstr(err.message, "newer"));
    assert_int_equal(store_migrate(t->db, &err), STORE_EUNSUPPORTED);
    test_db_free(t);
}

static void expect_text(struct store *db, const char *sql, const char *want)
{
    struct store_error err = {0};
    char got[64];
    assert_int_equal(store_query_text(db, sql, 0, NULL, got, sizeof got, &err), 0);
    assert_string_equal(got, want);
}

static void durability_settings_are_on(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    if (test_is_pg(t)) {
        /* A commit returns once its WAL is flushed (fsync itself is the
         * server's setting; the test cluster turns it off for speed). */
        expect_text(t->db, "SHOW synchronous_commit", "on");
        expect_text(t->db, "SHOW lock_timeout", "10s");
        test_db_free(t);
        return;
    }
    struct store_error err = {0};
    struct store_stmt *s = store_prepare(t->db, "PRAGMA journal_mode", &err);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    assert_string_equal(store_col_text(s, 0), "wal");
    store_reset(s);
    s = store_prepare(t->db, "PRAGMA synchronous", &err);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    assert_int_equal(store_col_int(s, 0), 2);   /* FULL */
    store_reset(s);
    s = store_prepare(t->db, "PRAGMA foreign_keys", &err);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    assert_int_equal(store_col_int(s, 0), 1);
    store_reset(s);
    test_db_free(t);
}

static void parameters_bind_by_number_in_any_order(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    /* $2 appears before $1: binding is by number, not position. */
    struct store_stmt *s = store_prepare(t->db, "SELECT $2 || '-' || $1, CAST($1 AS INTEGER) + 0", &err);
    assert_non_null(s);
    store_bind_text(s, 1, "7");
    store_bind_text(s, 2, "b");
    assert_int_equal(store_step(s, &err), STORE_ROW);
    assert_string_equal(store_col_text(s, 0), "b-7");
    assert_int_equal(store_col_int(s, 1), 7);
    store_reset(s);
    /* Cached: the same SQL text gives the same statement. */
    assert_ptr_equal(store_prepare(t->db, "SELECT $2 || '-' || $1, CAST($1 AS INTEGER) + 0", &err), s);
    /* Quotes in values are data, never SQL. */
    const char *p[] = {"o1", "O'Brien'); DROP TABLE users; --", "N", "council", "t", "t"};
    assert_int_equal(store_run(t->db, "INSERT INTO organisations (id, code, name, type, created_at, updated_at)"
                                      " VALUES ($1, $2, $3, $4, $5, $6)", 6, p, &err), 0);
    s = store_prepare(t->db, "SELECT code FROM organisations WHERE id = $1", &err);
    store_bind_text(s, 1, "o1");
    assert_int_equal(store_step(s, &err), STORE_ROW);
    assert_string_equal(store_col_text(s, 0), p[1]);
    store_reset(s);
    test_db_free(t);
}

static void rollback_leaves_database_as_it_was(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    const char *p[] = {"o1", "C1", "Council", "council", "t", "t"};
    const char *ins = "INSERT INTO organisations (id, code, name, type, created_at, updated_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6)";
    assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(store_run(t->db, ins, 6, p, &err), 0);
    /* The same code again violates UNIQUE and maps to STORE_ECONSTRAINT. */
    const char *p2[] = {"o2", "C1", "Other", "icb", "t", "t"};
    assert_int_equal(store_run(t->db, ins, 6, p2, &err), STORE_ECONSTRAINT);
    store_tx_rollback(t->db);
    struct store_stmt *s = store_prepare(t->db, "SELECT count(*) FROM organisations", &err);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    assert_int_equal(store_col_int(s, 0), 0);
    store_reset(s);
    /* A CHECK constraint (organisation type) is enforced: an integrity failure, not a conflict. */
    const char *p3[] = {"o3", "C3", "X", "spaceship", "t", "t"};
    assert_int_equal(store_run(t->db, ins, 6, p3, &err), STORE_EINTEGRITY);
    test_db_free(t);
}

static long long count_orgs(struct store *db)
{
    struct store_error err = {0};
    struct store_stmt *s = store_prepare(db, "SELECT count(*) FROM organisations", &err);
    assert_non_null(s);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    long long n = store_col_int(s, 0);
    store_reset(s);
    return n;
}

/* store_snapshot_begin: on SQLite the reads after it see one state (a row
 * another connection adds meanwhile is not seen until it ends); it is no
 * transaction of the caller's (store_in_tx); and whatever writes ends it
 * first, so the write is made and kept — a statement that writes, a
 * transaction begun, a rollback. On PostgreSQL it opens nothing. */
static void read_snapshot_sees_one_state_and_gives_way_to_writes(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    struct store *other = store_open(t->path, &err);
    assert_non_null(other);
    int sqlite = strcmp(store_backend(t->db), "sqlite") == 0;
    const char *ins = "INSERT INTO organisations (id, code, name, type, created_at, updated_at)"
                      " VALUES ($1, $1, $1, 'council', 't', 't')";
    struct {
        const char *how;   /* what ends the snapshot */
    } cases[] = {{"a statement that writes"}, {"a write transaction"}, {"a rollback"}, {"its end"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long long before = count_orgs(t->db);
        int opened = store_snapshot_begin(t->db);
        assert_int_equal(opened, sqlite);
        assert_false(store_in_tx(t->db));
        assert_int_equal(count_orgs(t->db), before);
        char id[16];
        snprintf(id, sizeof id, "x%zu", i);
        const char *p[] = {id};
        assert_int_equal(store_run(other, ins, 1, p, &err), 0);
        /* The other connection's row: unseen inside the snapshot only. */
        assert_int_equal(count_orgs(t->db), sqlite ? before : before + 1);
        char mine[16];
        snprintf(mine, sizeof mine, "y%zu", i);
        const char *q[] = {mine};
        switch (i) {
        case 0:
            assert_int_equal(store_run(t->db, ins, 1, q, &err), 0);
            break;
        case 1:
            assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
            assert_true(store_in_tx(t->db));
            assert_int_equal(store_run(t->db, ins, 1, q, &err), 0);
            assert_int_equal(store_tx_commit(t->db, &err), 0);
            break;
        case 2:
            store_tx_rollback(t->db);
            assert_int_equal(store_run(t->db, ins, 1, q, &err), 0);
            break;
        default:
            store_snapshot_end(t->db, opened);
            assert_int_equal(store_run(t->db, ins, 1, q, &err), 0);
        }
        store_snapshot_end(t->db, opened);   /* ended already: nothing more */
        assert_false(store_in_tx(t->db));
        assert_int_equal(count_orgs(t->db), before + 2);
        assert_int_equal(count_orgs(other), before + 2);
    }
    store_close(other);
    test_db_free(t);
}

static void ids_are_unique_and_time_ordered(void **state)
{
    (void)state;
    char a[STORE_ID_LEN], b[STORE_ID_LEN], now[STORE_TIME_LEN];
    store_new_id(a);
    usleep(2000);
    store_new_id(b);
    assert_int_equal(strlen(a), 24);
    assert_true(strcmp(a, b) < 0);
    store_now(now);
    assert_int_equal(strlen(now), 24);
    assert_int_equal(now[10], 'T');
    assert_int_equal(now[23], 'Z');
}

static void unreachable_postgres_fails_clearly_without_the_password(void **state)
{
    (void)state;
    struct store_error err = {0};
    assert_null(store_open("postgresql://seamless:secret-pw@/x?host=/nonexistent-seamless-dir", &err));
    assert_int_equal(err.code, STORE_ECANTOPEN);
    assert_non_null(strstr(err.message, "unavailable"));
    assert_null(strstr(err.message, "secret-pw"));
}

static void urls_are_shown_without_passwords(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"/var/lib/seamless/live.db", "/var/lib/seamless/live.db"},
        {"postgresql://app:s3cret@db.example:5432/seamless", "postgresql://app:***@db.example:5432/seamless"},
        {"postgres://app@db/seamless?sslmode=require", "postgres://app@db/seamless?sslmode=require"},
        {"postgresql:///s?host=/run/pg&password=s3cret&user=app", "postgresql:///s?host=/run/pg&password=***&user=app"},
        {"postgresql://db/s?mypassword=x", "postgresql://db/s?mypassword=x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[200];
        store_url_redact(cases[i][0], out, sizeof out);
        assert_string_equal(out, cases[i][1]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrations_apply_once_and_record_version),
        cmocka_unit_test(durability_settings_are_on),
        cmocka_unit_test(parameters_bind_by_number_in_any_order),
        cmocka_unit_test(rollback_leaves_database_as_it_was),
        cmocka_unit_test(read_snapshot_sees_one_state_and_gives_way_to_writes),
        cmocka_unit_test(ids_are_unique_and_time_ordered),
        cmocka_unit_test(unreachable_postgres_fails_clearly_without_the_password),
        cmocka_unit_test(urls_are_shown_without_passwords),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
