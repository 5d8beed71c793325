/* Unit test helper shared by the audit tests: n entries appended, one
 * write transaction each, as the store's callers append them. */
#ifndef SEAMLESS_TEST_AUDIT_HELPERS_H
#define SEAMLESS_TEST_AUDIT_HELPERS_H
#include "test_helpers.h"
#include "audit/audit.h"

/* A fresh test database whose trail is one chain. On Citus, `init` splits
 * the trail into eight chains (src/store/citus.c); the tests written for
 * one chain join the (still empty) trail back into one first. Several
 * chains are tested on every backend by test_audit_chains.c, and the
 * cluster's eight by tests/e2e/citus.test.mjs. Elsewhere a fresh trail is
 * one chain already, and this changes nothing. */
static inline struct test_db *test_db_one_chain(void)
{
    struct test_db *t = test_db_new();
    if (strcmp(store_backend(t->db), "postgres") != 0)
        return t;
    struct store_error err = {0};
    struct store_stmt *s = store_prepare(t->db, "SELECT count(*) FROM audit_log", &err);
    assert_non_null(s);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    assert_int_equal(store_col_int(s, 0), 0);
    store_reset(s);
    assert_int_equal(store_exec(t->db, "DELETE FROM audit_head WHERE id > 1", &err), 0);
    assert_int_equal(store_exec(t->db, "UPDATE audit_head SET base = 0", &err), 0);
    return t;
}

static inline void append_n(struct store *db, int n)
{
    struct store_error err = {0};
    for (int i = 0; i < n; i++) {
        char rid[16];
        snprintf(rid, sizeof rid, "r%d", i);
        struct audit_entry e = {"u1", "o1", "practitioner", "read", "person", rid, "p1",
                                "relationship", rid, NULL, 0};
        assert_int_equal(store_tx_begin(db, STORE_TX_WRITE, &err), 0);
        assert_int_equal(audit_append(db, &e, &err), 0);
        assert_int_equal(store_tx_commit(db, &err), 0);
    }
}
#endif
