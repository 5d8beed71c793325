/* SQLite: the in-process write gate (src/store/sqlite.c). Every way a write
 * transaction ends lets the next one on the same file in: a gate left held
 * would make the next begin wait 10 s and fail as busy. */
#include "test_helpers.h"

enum ending { COMMITTED, ROLLED_BACK, COMMIT_REFUSED, CLOSED_IN_TX };

static void end_one(struct store *db, enum ending how)
{
    struct store_error err = {0};
    assert_int_equal(store_tx_begin(db, STORE_TX_WRITE, &err), 0);
    switch (how) {
    case COMMITTED:
        assert_int_equal(store_exec(db, "INSERT INTO gate_parent (id) VALUES (1)", &err), 0);
        assert_int_equal(store_tx_commit(db, &err), 0);
        break;
    case ROLLED_BACK:
        assert_int_equal(store_exec(db, "INSERT INTO gate_parent (id) VALUES (2)", &err), 0);
        store_tx_rollback(db);
        break;
    case COMMIT_REFUSED:   /* a deferred foreign key fails at COMMIT */
        assert_int_equal(store_exec(db, "INSERT INTO gate_child (parent) VALUES (99)", &err), 0);
        assert_int_not_equal(store_tx_commit(db, &err), 0);
        break;
    case CLOSED_IN_TX:
        store_close(db);
        break;
    }
}

static void every_ending_lets_the_next_writer_in(void **state)
{
    (void)state;
    static const struct { const char *name; enum ending how; } cases[] = {
        {"commit", COMMITTED},
        {"rollback", ROLLED_BACK},
        {"a commit refused", COMMIT_REFUSED},
        {"the connection closed inside the transaction", CLOSED_IN_TX},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct test_db *t = test_db_new();
        if (test_is_pg(t)) {
            test_db_free(t);
            skip();
        }
        struct store_error err = {0};
        assert_int_equal(store_exec(t->db, "CREATE TABLE gate_parent (id INTEGER PRIMARY KEY);"
                                           "CREATE TABLE gate_child (parent INTEGER REFERENCES gate_parent (id)"
                                           " DEFERRABLE INITIALLY DEFERRED)", &err), 0);
        struct store *first = store_open(t->path, &err), *next = store_open(t->path, &err);
        assert_non_null(first);
        assert_non_null(next);
        end_one(first, cases[i].how);
        /* the same thread: a gate still held would never be let go */
        if (store_tx_begin(next, STORE_TX_WRITE, &err) != 0)
            fail_msg("after %s: %s", cases[i].name, err.message);
        assert_int_equal(store_exec(next, "INSERT INTO gate_parent (id) VALUES (3)", &err), 0);
        assert_int_equal(store_tx_commit(next, &err), 0);
        if (cases[i].how != CLOSED_IN_TX)
            store_close(first);
        store_close(next);
        test_db_free(t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_ending_lets_the_next_writer_in),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
