/* Unit test helper shared by the audit tests: n entries appended, one
 * write transaction each, as the store's callers append them. */
#ifndef SEAMLESS_TEST_AUDIT_HELPERS_H
#define SEAMLESS_TEST_AUDIT_HELPERS_H
#include "test_helpers.h"
#include "audit/audit.h"

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
