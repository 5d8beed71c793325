/* SQLite: the in-process write gate and group commit
 * (src/store/sqlite_gate.c). Every way a write transaction ends lets the
 * next one on the same file in: a gate left held would make the next begin
 * wait 10 s and fail as busy. Writers that queue share one COMMIT; each
 * learns whether its own part is stored, and one member's failure is its
 * own. */
#include "test_helpers.h"
#include "store/sqlite_gate.h"
#include <pthread.h>
#include <unistd.h>

/* A fresh SQLite database with the given tables; skips on PostgreSQL. */
static struct test_db *sqlite_db(const char *schema)
{
    struct test_db *t = test_db_new();
    if (test_is_pg(t)) {
        test_db_free(t);
        skip();
    }
    struct store_error err = {0};
    if (store_exec(t->db, schema, &err) != 0)
        fail_msg("%s", err.message);
    return t;
}

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

/* grouped: the first connection's transactions run in the gate's group */
static void every_ending(int grouped)
{
    static const struct { const char *name; enum ending how; } cases[] = {
        {"commit", COMMITTED},
        {"rollback", ROLLED_BACK},
        {"a commit refused", COMMIT_REFUSED},
        {"the connection closed inside the transaction", CLOSED_IN_TX},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct test_db *t = sqlite_db("CREATE TABLE gate_parent (id INTEGER PRIMARY KEY);"
                                      "CREATE TABLE gate_child (parent INTEGER REFERENCES gate_parent (id)"
                                      " DEFERRABLE INITIALLY DEFERRED)");
        struct store_error err = {0};
        struct store *first = store_open(t->path, &err), *next = store_open(t->path, &err);
        assert_non_null(first);
        assert_non_null(next);
        if (grouped)
            store_group_commits(first, 0);
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

static void every_ending_lets_the_next_writer_in(void **state)
{
    (void)state;
    every_ending(0);
    every_ending(1);
}

/* ---- writers that queue ------------------------------------------------------ */

struct writer {
    struct store *db;
    const char *sql[3];      /* run in order inside one write transaction; stop at the first failure */
    int rc;                  /* the transaction's answer: 0 stored, else the failing step's code */
    pthread_t thread;
};

static void *write_one(void *arg)
{
    struct writer *w = arg;
    struct store_error err = {0};
    w->rc = store_tx_begin(w->db, STORE_TX_WRITE, &err);
    for (int i = 0; w->rc == 0 && i < 3 && w->sql[i]; i++)
        w->rc = store_exec(w->db, w->sql[i], &err);
    if (w->rc == 0)
        w->rc = store_tx_commit(w->db, &err);
    else
        store_tx_rollback(w->db);
    return NULL;
}

static void wait_for_waiting(const char *path, int n)
{
    for (int i = 0; i < 5000 && sq_gate_waiting(path) < n; i++)
        usleep(1000);
    assert_int_equal(sq_gate_waiting(path), n);
}

/* The first writer holds the gate until the others queue behind it, then
 * commits: the second and third join its transaction, and the last one
 * commits all three at once. The middle one fails in one of the ways a
 * request can (a duplicate key at a statement, a deferred foreign key at
 * its commit); only its own rows are undone. */
static void queued_writers_share_one_commit(void **state)
{
    (void)state;
    static const struct { const char *name; const char *middle[3]; int middle_ok; } cases[] = {
        {"all stored", {"INSERT INTO q (id) VALUES (20)", "INSERT INTO q (id) VALUES (21)"}, 1},
        {"a duplicate key", {"INSERT INTO q (id) VALUES (20)", "INSERT INTO q (id) VALUES (1)"}, 0},
        {"a deferred foreign key", {"INSERT INTO q (id) VALUES (20)", "INSERT INTO q_child (parent) VALUES (99)"}, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct test_db *t = sqlite_db("CREATE TABLE q (id INTEGER PRIMARY KEY);"
                                      "CREATE TABLE q_child (parent INTEGER REFERENCES q (id)"
                                      " DEFERRABLE INITIALLY DEFERRED)");
        struct store_error err = {0};
        struct writer w[3] = {
            {.sql = {"INSERT INTO q (id) VALUES (1)"}},
            {.sql = {cases[i].middle[0], cases[i].middle[1]}},
            {.sql = {"INSERT INTO q (id) VALUES (3)"}},
        };
        for (int k = 0; k < 3; k++) {
            assert_non_null(w[k].db = store_open(t->path, &err));
            store_group_commits(w[k].db, 0);
        }
        long groups0, members0, groups1, members1;
        sq_group_stats(&groups0, &members0);
        assert_int_equal(store_tx_begin(w[0].db, STORE_TX_WRITE, &err), 0);
        assert_int_equal(store_exec(w[0].db, w[0].sql[0], &err), 0);
        pthread_create(&w[1].thread, NULL, write_one, &w[1]);
        wait_for_waiting(t->path, 1);
        pthread_create(&w[2].thread, NULL, write_one, &w[2]);
        wait_for_waiting(t->path, 2);
        w[0].rc = store_tx_commit(w[0].db, &err);   /* returns once the group's COMMIT has */
        pthread_join(w[1].thread, NULL);
        pthread_join(w[2].thread, NULL);
        sq_group_stats(&groups1, &members1);
        if (w[0].rc != 0 || w[2].rc != 0 || (w[1].rc == 0) != cases[i].middle_ok)
            fail_msg("%s: answers %d %d %d", cases[i].name, w[0].rc, w[1].rc, w[2].rc);
        assert_int_equal(groups1 - groups0, 1);
        assert_int_equal(members1 - members0, cases[i].middle_ok ? 3 : 2);
        /* what another connection sees: exactly the parts that were answered "stored" */
        assert_int_equal(test_int_of(t->db, "SELECT COUNT(*) FROM q WHERE id IN (1, 3)"), 2);
        assert_int_equal(test_int_of(t->db, "SELECT COUNT(*) FROM q WHERE id IN (20, 21)"), cases[i].middle_ok ? 2 : 0);
        assert_int_equal(test_int_of(t->db, "SELECT COUNT(*) FROM q_child"), 0);
        for (int k = 0; k < 3; k++)
            store_close(w[k].db);
        test_db_free(t);
    }
}

/* A writer outside the group (the audit writer's kind) that queues behind
 * an open group commits it before its own transaction starts. */
static void an_outside_writer_commits_the_group_first(void **state)
{
    (void)state;
    struct test_db *t = sqlite_db("CREATE TABLE q (id INTEGER PRIMARY KEY)");
    struct store_error err = {0};
    struct store *member = store_open(t->path, &err);
    assert_non_null(member);
    store_group_commits(member, 0);
    struct writer outside = {.db = store_open(t->path, &err), .sql = {"INSERT INTO q (id) VALUES (2)"}};
    assert_non_null(outside.db);
    assert_int_equal(store_tx_begin(member, STORE_TX_WRITE, &err), 0);
    assert_int_equal(store_exec(member, "INSERT INTO q (id) VALUES (1)", &err), 0);
    pthread_create(&outside.thread, NULL, write_one, &outside);
    wait_for_waiting(t->path, 1);
    assert_int_equal(store_tx_commit(member, &err), 0);
    pthread_join(outside.thread, NULL);
    assert_int_equal(outside.rc, 0);
    assert_int_equal(test_int_of(t->db, "SELECT COUNT(*) FROM q"), 2);
    store_close(member);
    store_close(outside.db);
    test_db_free(t);
}

/* Six request-like threads, 60 transactions each, one in five of them
 * failing at a duplicate key after a first insert: afterwards exactly the
 * transactions answered "stored" have their rows. */
struct stress {
    struct store *db;
    int thread, stored[60];
    pthread_t tid;
};

static void *stress_one(void *arg)
{
    struct stress *st = arg;
    for (int i = 0; i < 60; i++) {
        struct store_error err = {0};
        char first[96], second[96];
        int id = st->thread * 1000 + i;
        snprintf(first, sizeof first, "INSERT INTO q (id) VALUES (%d)", id);
        snprintf(second, sizeof second, "INSERT INTO q (id) VALUES (%d)", i % 5 == 4 ? 0 : 100000 + id);
        int rc = store_tx_begin(st->db, STORE_TX_WRITE, &err);
        if (rc == 0)
            rc = store_exec(st->db, first, &err);
        if (rc == 0)
            rc = store_exec(st->db, second, &err);
        if (rc == 0)
            rc = store_tx_commit(st->db, &err);
        else
            store_tx_rollback(st->db);
        st->stored[i] = rc == 0;
    }
    return NULL;
}

static void many_writers_each_told_the_truth(void **state)
{
    (void)state;
    struct test_db *t = sqlite_db("CREATE TABLE q (id INTEGER PRIMARY KEY); INSERT INTO q (id) VALUES (0)");
    struct store_error err = {0};
    struct stress st[6];
    for (int k = 0; k < 6; k++) {
        st[k] = (struct stress){.thread = k + 1};
        assert_non_null(st[k].db = store_open(t->path, &err));
        store_group_commits(st[k].db, 0);
    }
    for (int k = 0; k < 6; k++)
        pthread_create(&st[k].tid, NULL, stress_one, &st[k]);
    for (int k = 0; k < 6; k++)
        pthread_join(st[k].tid, NULL);
    for (int k = 0; k < 6; k++)
        for (int i = 0; i < 60; i++) {
            char sql[96];
            snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM q WHERE id = %d", (k + 1) * 1000 + i);
            if (test_int_of(t->db, sql) != st[k].stored[i] || st[k].stored[i] != (i % 5 != 4))
                fail_msg("thread %d, transaction %d: answered %s", k + 1, i, st[k].stored[i] ? "stored" : "failed");
        }
    assert_int_equal(test_int_of(t->db, "SELECT COUNT(*) FROM q"), 1 + 2 * 6 * 48);
    for (int k = 0; k < 6; k++)
        store_close(st[k].db);
    test_db_free(t);
}

/* A statement the group's connection prepared for one member is found in
 * its cache by the next member: it must act for the connection it belongs
 * to, not for the member that prepared it first. Here the first member,
 * between groups, reads in a snapshot; the second member's write with the
 * same statement must leave that snapshot alone (it closed it once, from
 * the second member's thread, and the first connection went on reading an
 * old state: a person just registered answered 404). */
static void a_shared_statement_leaves_other_members_alone(void **state)
{
    (void)state;
    struct test_db *t = sqlite_db("CREATE TABLE shared_t (x INTEGER)");
    struct store_error err = {0};
    struct store *a = store_open(t->path, &err), *b = store_open(t->path, &err);
    assert_non_null(a);
    assert_non_null(b);
    store_group_commits(a, 0);
    store_group_commits(b, 0);
    static const char insert[] = "INSERT INTO shared_t (x) VALUES ($1)";
    const char *one[] = {"1"}, *two[] = {"2"};
    assert_int_equal(store_tx_begin(a, STORE_TX_WRITE, &err), 0);
    assert_int_equal(store_run(a, insert, 1, one, &err), 0);
    assert_int_equal(store_tx_commit(a, &err), 0);

    int snap = store_snapshot_begin(a);
    assert_true(snap);
    assert_int_equal(test_int_of(a, "SELECT count(*) FROM shared_t"), 1);
    assert_int_equal(store_tx_begin(b, STORE_TX_WRITE, &err), 0);
    assert_int_equal(store_run(b, insert, 1, two, &err), 0);   /* the statement a prepared */
    assert_int_equal(store_tx_commit(b, &err), 0);
    assert_int_equal(test_int_of(a, "SELECT count(*) FROM shared_t"), 1);   /* still a's snapshot */
    store_snapshot_end(a, snap);
    assert_int_equal(test_int_of(a, "SELECT count(*) FROM shared_t"), 2);   /* and after it, b's row */
    assert_false(store_in_tx(a));
    store_close(a);
    store_close(b);
    test_db_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_ending_lets_the_next_writer_in),
        cmocka_unit_test(queued_writers_share_one_commit),
        cmocka_unit_test(an_outside_writer_commits_the_group_first),
        cmocka_unit_test(many_writers_each_told_the_truth),
        cmocka_unit_test(a_shared_statement_leaves_other_members_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
