/* Unit tests for an audit trail of several chains (src/store/audit_store.h:
 * chain c of K holds seq c, c + K, …; one chain on SQLite and a single
 * PostgreSQL server, K on a Citus cluster). Here a test database's empty
 * trail is split into 4 chains: where each entry goes, that each chain
 * verifies and is caught when tampered with, the v2 checkpoint line, and
 * the person index never passing a chain that lags. On SQLite the head
 * table's check (one chain) is lifted for the test and the connection
 * writes as the audit writer does (no outbox: it replays one chain). */
#include "test_helpers.h"
#include "audit_helpers.h"
#include "audit/audit.h"
#include "audit/checkpoint.h"
#include "store/audit_store.h"
#include "store/audit_query.h"
#include <pthread.h>
#include <sodium.h>
#include <time.h>

#define K 4

static struct test_db *split_db(void)
{
    struct test_db *t = test_db_one_chain();
    struct store_error err = {0};
    if (strcmp(store_backend(t->db), "sqlite") == 0) {
        store_audit_only(t->db);
        assert_int_equal(store_exec(t->db, "PRAGMA ignore_check_constraints = ON", &err), 0);
    }
    int split = 0;
    assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(audit_store_split(t->db, K, &split, &err), 0);
    assert_int_equal(store_tx_commit(t->db, &err), 0);
    assert_int_equal(split, 1);
    return t;
}

/* Appends one batch: entries about people[i] (NULL: no person). */
static void append_people(struct store *db, const char *const *people, int n)
{
    struct store_error err = {0};
    struct audit_entry e[16];
    assert_true(n <= 16);
    for (int i = 0; i < n; i++)
        e[i] = (struct audit_entry){"u1", "o1", "practitioner", "read", "person", "r", people[i], "relationship",
                                    "q", NULL, 0};
    assert_int_equal(store_tx_begin(db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(audit_append_many(db, e, n, &err), 0);
    assert_int_equal(store_tx_commit(db, &err), 0);
}

static const char *const crowd[] = {"p1", "p2", "p3", "p4", "p5", "p6", "p7", NULL, "p1", "p8", "p9", "p2"};
#define CROWD ((int)(sizeof crowd / sizeof crowd[0]))

static int verify(struct store *db, int64_t *bad, char *why, int64_t *entries)
{
    struct store_error err = {0};
    return audit_verify(db, bad, why, 200, entries, &err);
}

static void entries_go_on_their_persons_chain_and_verify(void **state)
{
    (void)state;
    struct test_db *t = split_db();
    struct store_error err = {0};
    int k = 0;
    int64_t base = -1;
    assert_int_equal(audit_store_chains(t->db, &k, &base, &err), 0);
    assert_int_equal(k, K);
    assert_int_equal(base, 0);
    append_people(t->db, crowd, CROWD);
    append_people(t->db, crowd, 3);
    int64_t bad = 0, entries = 0;
    char why[200] = "";
    assert_int_equal(verify(t->db, &bad, why, &entries), 0);
    assert_int_equal(entries, CROWD + 3);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_log"), CROWD + 3);
    /* One person, one chain; no person, chain 1; seq unique and in its chain. */
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM (SELECT person_id FROM audit_log"
                                     " WHERE person_id IS NOT NULL GROUP BY person_id"
                                     " HAVING count(DISTINCT (seq - 1) % 4) > 1) x"), 0);
    assert_int_equal(test_int_of(t->db, "SELECT (seq - 1) % 4 FROM audit_log WHERE person_id IS NULL"), 0);
    assert_true(test_int_of(t->db, "SELECT count(DISTINCT (seq - 1) % 4) FROM audit_log") >= 3);
    /* Each head is its chain's newest entry. */
    struct audit_heads h;
    assert_int_equal(audit_store_heads(t->db, &h, &err), 0);
    assert_int_equal(h.n, K);
    for (int c = 1; c <= K; c++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT COALESCE(max(seq), %d) FROM audit_log WHERE (seq - 1) %% 4 = %d",
                 c == 1 ? 0 : c - K, c - 1);
        assert_int_equal(h.pos[c - 1].seq, test_int_of(t->db, sql));
    }
    /* Verified from a midway point (a checkpoint's heads) to the end. */
    struct audit_heads mid = h, last;
    append_people(t->db, crowd + 4, 5);
    assert_int_equal(audit_verify_after(t->db, &mid, &bad, why, sizeof why, &last, NULL, &err), 0);
    assert_int_equal(audit_heads_max(&last), test_int_of(t->db, "SELECT max(seq) FROM audit_log"));
    test_db_free(t);
}

static void tampering_with_any_chain_is_caught(void **state)
{
    (void)state;
    /* Entries after the two batches: crowd on the chains, then "p3" again. */
    static const struct { const char *name, *sql, *why; } attacks[] = {
        {"an entry edited", "UPDATE audit_log SET user_id = 'x' WHERE seq = (SELECT max(seq) FROM audit_log"
                            " WHERE person_id = 'p5')", "content does not match"},
        {"an entry deleted mid-chain", "DELETE FROM audit_log WHERE seq = (SELECT min(seq) FROM audit_log"
                                       " WHERE person_id = 'p1')", "missing or reordered"},
        {"a chain's newest deleted", "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log"
                                     " WHERE person_id = 'p3')", "head does not match"},
        {"an entry moved to another chain", "UPDATE audit_log SET seq = seq + 1001 WHERE seq = (SELECT max(seq)"
                                            " FROM audit_log WHERE person_id = 'p3')", "missing or reordered"},
        {"a head moved back", "UPDATE audit_head SET seq = seq - 4 WHERE id = (SELECT (seq - 1) % 4 + 1"
                              " FROM audit_log WHERE person_id = 'p3' ORDER BY seq DESC LIMIT 1)",
         "head does not match"},
    };
    for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
        struct test_db *t = split_db();
        struct store_error err = {0};
        append_people(t->db, crowd, CROWD);
        append_people(t->db, (const char *const[]){"p3"}, 1);
        int64_t bad = 0, entries = 0;
        char why[200] = "";
        assert_int_equal(store_exec(t->db, attacks[i].sql, &err), 0);
        if (verify(t->db, &bad, why, &entries) != 1 || !strstr(why, attacks[i].why) || bad < 1)
            fail_msg("%s: not caught as \"%s\" (%s, entry %lld)", attacks[i].name, attacks[i].why, why,
                     (long long)bad);
        test_db_free(t);
    }
    /* A head row removed: the trail is no longer chains 1 to K. */
    struct test_db *t = split_db();
    struct store_error err = {0};
    append_people(t->db, crowd, 4);
    assert_int_equal(store_exec(t->db, "DELETE FROM audit_head WHERE id = 3", &err), 0);
    int64_t bad = 0, entries = 0;
    char why[200] = "";
    assert_true(verify(t->db, &bad, why, &entries) != 0);
    test_db_free(t);
}

static void checkpoints_vouch_for_every_chain(void **state)
{
    (void)state;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    struct test_db *t = split_db();
    struct store_error err = {0};
    append_people(t->db, crowd, CROWD);
    struct checkpoint cp = {.at = "2026-12-02T10:00:00.000Z"}, back;
    assert_int_equal(audit_store_heads(t->db, &cp.heads, &err), 0);
    char line[CHECKPOINT_LINE_MAX];
    checkpoint_format(sk, &cp, line);
    assert_non_null(strstr(line, "seamless-audit-checkpoint v2 base=0 heads="));
    assert_int_equal(checkpoint_parse(line, pk, &back), 0);
    assert_int_equal(back.heads.n, K);
    for (int c = 0; c < K; c++) {
        assert_int_equal(back.heads.pos[c].seq, cp.heads.pos[c].seq);
        assert_string_equal(back.heads.pos[c].hash, cp.heads.pos[c].hash);
    }
    /* A head swapped into another chain's place no longer parses. */
    struct checkpoint swapped = cp;
    swapped.heads.pos[0] = cp.heads.pos[1];
    swapped.heads.pos[1] = cp.heads.pos[0];
    char bad_line[CHECKPOINT_LINE_MAX];
    checkpoint_format(sk, &swapped, bad_line);
    assert_int_equal(checkpoint_parse(bad_line, pk, &back), -1);
    /* The file: intact, then one chain's newest entries removed. */
    char file[64] = "/tmp/seamless-cpk-XXXXXX", why[400] = "";
    int fd = mkstemp(file);
    assert_true(fd >= 0);
    assert_true(write(fd, line, strlen(line)) == (ssize_t)strlen(line));
    close(fd);
    int n = 0;
    struct checkpoint last;
    assert_int_equal(checkpoint_verify_file(t->db, file, pk, &n, &last, why, sizeof why, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(checkpoint_seq(&last), audit_heads_max(&cp.heads));
    assert_int_equal(store_exec(t->db, "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log"
                                       " WHERE (seq - 1) % 4 = 1); UPDATE audit_head SET seq = seq - 4 WHERE id = 2",
                                &err), 0);
    assert_int_equal(checkpoint_verify_file(t->db, file, pk, &n, &last, why, sizeof why, &err), 1);
    assert_non_null(strstr(why, "is gone"));
    unlink(file);
    test_db_free(t);
}

static void the_person_index_waits_for_a_lagging_chain(void **state)
{
    (void)state;
    struct test_db *t = split_db();
    struct store_error err = {0};
    /* A list entry (people, no person: chain 1), then entries about one
     * person only, so the other chains stay empty. */
    struct audit_person ppl[] = {{"p1", NULL}, {"p2", NULL}};
    struct audit_entry list = {"u1", "o1", "practitioner", "read", "board", NULL, NULL, "relationship", "q", ppl, 2};
    assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(audit_append(t->db, &list, &err), 0);
    assert_int_equal(store_tx_commit(t->db, &err), 0);
    append_people(t->db, (const char *const[]){"p9", "p9", "p9"}, 3);
    struct audit_heads h;
    assert_int_equal(audit_store_heads(t->db, &h, &err), 0);
    int64_t complete = audit_heads_complete(&h);
    assert_int_equal(audit_index_all(t->db, &err), 0);
    assert_true(test_int_of(t->db, "SELECT indexed_to FROM audit_index_state") <= complete);
    /* Nothing is missing from the person's trail meanwhile. */
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people_all WHERE person_id IN ('p1', 'p2')"), 2);
    int64_t bad = 0, entries = 0;
    char why[200] = "";
    assert_int_equal(verify(t->db, &bad, why, &entries), 0);
    test_db_free(t);
}

struct recorder {
    struct audit_writer *w;
    int no, failed;
};

static void *record_some(void *arg)
{
    struct recorder *r = arg;
    for (int i = 0; i < 40; i++) {
        char person[16];
        snprintf(person, sizeof person, "p%d-%d", r->no, i);
        struct audit_person ppl[] = {{person, NULL}, {"p0", NULL}};
        struct audit_entry e = {"u1", "o1", "practitioner", "read", "person", "r", person, "relationship", "q",
                                i % 5 == 0 ? ppl : NULL, i % 5 == 0 ? 2 : 0};
        r->failed |= audit_writer_record(r->w, &e) != 0;
    }
    return NULL;
}

/* The group-commit writer runs a lane per chain: entries recorded from
 * several threads land on their chains, each chain verifies, and the
 * person index catches up at stop. */
static void the_writer_commits_each_chain_on_its_lane(void **state)
{
    (void)state;
    struct test_db *t = split_db();
    struct store_error err = {0};
    struct audit_writer *w = audit_writer_start(t->path, &err);
    assert_non_null(w);
    struct recorder r[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        r[i] = (struct recorder){w, i, 0};
        assert_int_equal(pthread_create(&th[i], NULL, record_some, &r[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(r[i].failed, 0);
    }
    audit_writer_stop(w);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_log"), 160);
    assert_int_equal(test_int_of(t->db, "SELECT count(DISTINCT (seq - 1) % 4) FROM audit_log"), 4);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people_all WHERE person_id = 'p0'"), 32);
    int64_t bad = 0, entries = 0;
    char why[200] = "";
    if (verify(t->db, &bad, why, &entries) != 0)
        fail_msg("entry %lld: %s", (long long)bad, why);
    assert_int_equal(entries, 160);
    test_db_free(t);
}

/* PostgreSQL: a chain whose head is held by an open transaction does not
 * hold up an entry on another chain (no database-wide lock on appends),
 * and its own entries wait for it. */
static void a_locked_chain_does_not_hold_up_the_others(void **state)
{
    (void)state;
    struct test_db *t = split_db();
    if (strcmp(store_backend(t->db), "postgres") != 0) {
        test_db_free(t);
        skip();
    }
    struct store_error err = {0};
    char on2[16] = "", on1[16] = "";
    for (int i = 0; i < 100 && (!on2[0] || !on1[0]); i++) {
        char id[16];
        snprintf(id, sizeof id, "q%d", i);
        struct audit_entry e = {.person_id = id};
        int c = audit_chain_for(&e, K);   /* the chain it goes on */
        if (c == 2 && !on2[0])
            snprintf(on2, sizeof on2, "%s", id);
        if (c == 1 && !on1[0])
            snprintf(on1, sizeof on1, "%s", id);
    }
    struct audit_writer *w = audit_writer_start(t->path, &err);
    assert_non_null(w);
    struct store *holder = store_open(t->path, &err);
    assert_non_null(holder);
    assert_int_equal(store_tx_begin(holder, STORE_TX_WRITE, &err), 0);   /* the write lock too */
    assert_int_equal(store_exec(holder, "UPDATE audit_head SET seq = seq WHERE id = 1", &err), 0);
    struct audit_entry e2 = {"u1", "o1", "practitioner", "read", "person", "r", on2, "relationship", "q", NULL, 0};
    assert_int_equal(audit_writer_record(w, &e2), 0);   /* committed while chain 1 is held */
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_log"), 1);
    store_tx_rollback(holder);
    struct audit_entry e1 = e2;
    e1.person_id = on1;
    assert_int_equal(audit_writer_record(w, &e1), 0);
    audit_writer_stop(w);
    store_close(holder);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_log"), 2);
    test_db_free(t);
}

/* A trail moved from a single server has entries 1, 2, 3 … on one chain:
 * the split starts the chains after them (base), the old entries stay
 * chain 1's, a checkpoint signed before the split still verifies, and a
 * trail is split once. */
static void a_trail_with_entries_splits_after_them(void **state)
{
    (void)state;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    struct test_db *t = test_db_one_chain();
    struct store_error err = {0};
    if (strcmp(store_backend(t->db), "sqlite") == 0) {
        store_audit_only(t->db);
        assert_int_equal(store_exec(t->db, "PRAGMA ignore_check_constraints = ON", &err), 0);
    }
    append_people(t->db, crowd, 5);   /* 1 … 5, one chain */
    char file[64] = "/tmp/seamless-cps-XXXXXX", line[CHECKPOINT_LINE_MAX], why[400] = "";
    int fd = mkstemp(file);
    assert_true(fd >= 0);
    struct checkpoint cp = {.at = "2026-12-02T10:00:00.000Z"};
    assert_int_equal(audit_store_heads(t->db, &cp.heads, &err), 0);
    checkpoint_format(sk, &cp, line);
    assert_true(write(fd, line, strlen(line)) == (ssize_t)strlen(line));
    int split = 0;
    for (int round = 0; round < 2; round++) {
        assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
        assert_int_equal(audit_store_split(t->db, K, &split, &err), 0);
        assert_int_equal(store_tx_commit(t->db, &err), 0);
        assert_int_equal(split, round == 0);   /* the second time: already split */
    }
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_head WHERE base = 5"), K);
    /* Signed at once: chains 2 … 4 still empty, their heads (3, 4, 5) at
     * seqs of chain 1's old entries, which they do not name. */
    assert_int_equal(audit_store_heads(t->db, &cp.heads, &err), 0);
    checkpoint_format(sk, &cp, line);
    assert_true(write(fd, line, strlen(line)) == (ssize_t)strlen(line));
    append_people(t->db, crowd, CROWD);
    assert_int_equal(test_int_of(t->db, "SELECT min(seq) FROM audit_log WHERE seq > 5"), 6);
    assert_true(test_int_of(t->db, "SELECT count(DISTINCT (seq - 6) % 4) FROM audit_log WHERE seq > 5") >= 3);
    int64_t bad = 0, entries = 0;
    if (verify(t->db, &bad, why, &entries) != 0)
        fail_msg("entry %lld: %s", (long long)bad, why);
    assert_int_equal(entries, 5 + CROWD);
    assert_int_equal(audit_store_heads(t->db, &cp.heads, &err), 0);
    checkpoint_format(sk, &cp, line);
    assert_non_null(strstr(line, " v2 base=5 heads="));
    assert_true(write(fd, line, strlen(line)) == (ssize_t)strlen(line));
    close(fd);
    int n = 0;
    struct checkpoint last;
    if (checkpoint_verify_file(t->db, file, pk, &n, &last, why, sizeof why, &err) != 0)
        fail_msg("%s", why);
    assert_int_equal(n, 3);
    /* An old entry, before the split, still caught when edited. */
    assert_int_equal(store_exec(t->db, "UPDATE audit_log SET user_id = 'x' WHERE seq = 3", &err), 0);
    assert_int_equal(verify(t->db, &bad, why, &entries), 1);
    assert_int_equal(bad, 3);
    unlink(file);
    test_db_free(t);
}

/* The privacy officer's view is newest first by time. On several chains a
 * quiet chain's newest entry has a lower seq than a busy chain's older
 * ones, so seq order is not the order things happened in. */
static void the_viewer_lists_newest_first_across_chains(void **state)
{
    (void)state;
    struct test_db *t = split_db();
    struct store_error err = {0};
    static const char *const none[] = {NULL, NULL, NULL};
    append_people(t->db, none, 3);   /* chain 1: 1, 5, 9, one instant */
    const char *names[] = {"p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9"}, *on2 = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !on2; i++) {
        struct audit_entry e = {.person_id = names[i]};
        if (audit_chain_for(&e, K) == 2)
            on2 = names[i];
    }
    assert_non_null(on2);
    struct timespec pause = {0, 5000000};
    nanosleep(&pause, NULL);   /* the trail's time is the wall clock's */
    append_people(t->db, &on2, 1);   /* chain 2: seq 2, later */
    struct {
        const char *person;
        long long before, only;
        int limit;
        long long want[4];
    } cases[] = {
        {NULL, 0, 0, 10, {2, 9, 5, 1}},   /* newest first */
        {NULL, 0, 0, 2, {2, 9}},          /* a page … */
        {NULL, 9, 0, 2, {5, 1}},          /* … and the next, after the cursor's entry */
        {NULL, 2, 0, 10, {9, 5, 1}},      /* a cursor on the low-seq newest entry */
        {on2, 0, 0, 10, {2}},             /* one person's trail */
        {NULL, 0, 2, 1, {2}},             /* one entry by its seq (AuditEvent/2): the newest */
        {NULL, 0, 9, 1, {9}},             /* … the busiest chain's newest */
        {NULL, 0, 3, 1, {0}},             /* … a seq no chain has reached: none */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct audit_filter f = {"o1", NULL, cases[i].person, NULL, NULL, cases[i].before, cases[i].limit,
                                 cases[i].only};
        json_t *rows = audit_query(t->db, &f, &err);
        assert_non_null(rows);
        size_t n = 0;
        while (n < 4 && cases[i].want[n])
            n++;
        assert_int_equal(json_array_size(rows), n);
        for (size_t j = 0; j < n; j++)
            assert_int_equal(json_integer_value(json_object_get(json_array_get(rows, j), "seq")), cases[i].want[j]);
        json_decref(rows);
    }
    test_db_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entries_go_on_their_persons_chain_and_verify),
        cmocka_unit_test(tampering_with_any_chain_is_caught),
        cmocka_unit_test(checkpoints_vouch_for_every_chain),
        cmocka_unit_test(the_person_index_waits_for_a_lagging_chain),
        cmocka_unit_test(the_writer_commits_each_chain_on_its_lane),
        cmocka_unit_test(a_locked_chain_does_not_hold_up_the_others),
        cmocka_unit_test(a_trail_with_entries_splits_after_them),
        cmocka_unit_test(the_viewer_lists_newest_first_across_chains),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
