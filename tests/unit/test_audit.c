/* Unit tests for the audit chain: append, verify, and detection of an
 * edited, deleted, reordered or truncated log; the group-commit writer. */
#include "test_helpers.h"
#include "audit_helpers.h"
#include "audit/audit.h"
#include "store/audit_store.h"
#include <pthread.h>

static int verify(struct store *db, int64_t *bad)
{
    struct store_error err = {0};
    char why[200];
    int64_t n = 0;
    return audit_verify(db, bad, why, sizeof why, &n, &err);
}

struct tamper_case {
    const char *name;
    const char *sql;
    int64_t first_bad;
};

static void every_kind_of_tampering_is_detected(void **state)
{
    (void)state;
    static const struct tamper_case cases[] = {
        {"intact", NULL, -1},
        {"edited field", "UPDATE audit_log SET person_id = 'p2' WHERE seq = 3", 3},
        {"edited time", "UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 5", 5},
        {"deleted middle", "DELETE FROM audit_log WHERE seq = 2", 3},
        {"deleted newest", "DELETE FROM audit_log WHERE seq = 5", 5},
        {"reordered", "UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 4;"
                      " UPDATE audit_log SET seq = 4 WHERE seq = -2", 2},
        {"null user", "UPDATE audit_log SET user_id = NULL WHERE seq = 1", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct test_db *t = test_db_one_chain();
        append_n(t->db, 5);
        struct store_error err = {0};
        if (cases[i].sql)
            assert_int_equal(store_exec(t->db, cases[i].sql, &err), 0);
        int64_t bad = 0;
        int rc = verify(t->db, &bad);
        if (cases[i].first_bad < 0) {
            assert_int_equal(rc, 0);
        } else {
            if (rc == 0)
                fail_msg("case '%s' not detected", cases[i].name);
            assert_int_equal(bad, cases[i].first_bad);
        }
        test_db_free(t);
    }
}

/* A batch goes in as multi-row INSERTs of 7, 3 and 1 rows: every split
 * (one row, one size exactly, sizes mixed, more than one chunk of 32) keeps
 * the entries in order, the chain intact, and an edit to the batch's last
 * entry is still found there. */
static void batches_of_every_split_keep_the_chain(void **state)
{
    (void)state;
    static const int sizes[] = {1, 3, 6, 7, 8, 10, 32, 33, 200};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int n = sizes[k];
        struct test_db *t = test_db_one_chain();
        append_n(t->db, 2);
        struct audit_entry e[200];
        char rid[200][16];
        for (int i = 0; i < n; i++) {
            snprintf(rid[i], sizeof rid[i], "b%d", i);
            e[i] = (struct audit_entry){"u1", "o1", "practitioner", "read", "person", rid[i],
                                        i % 2 ? NULL : "p1", "relationship", i % 3 ? rid[i] : NULL, NULL, 0};
        }
        struct store_error err = {0};
        assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
        assert_int_equal(audit_append_many(t->db, e, n, &err), 0);
        assert_int_equal(store_tx_commit(t->db, &err), 0);
        int64_t bad = 0;
        if (verify(t->db, &bad) != 0)
            fail_msg("batch of %d: chain broken at %lld", n, (long long)bad);
        struct store_stmt *s = store_prepare(t->db, "SELECT seq, resource_id, person_id IS NULL, request_id IS NULL"
                                                    " FROM audit_log WHERE seq > 2 ORDER BY seq", &err);
        assert_non_null(s);
        int i = 0;
        while (store_step(s, &err) == STORE_ROW) {
            assert_int_equal(store_col_int(s, 0), 3 + i);
            assert_string_equal(store_col_text(s, 1), rid[i]);
            assert_int_equal(store_col_int(s, 2), i % 2 != 0);
            assert_int_equal(store_col_int(s, 3), i % 3 == 0);
            i++;
        }
        store_reset(s);
        assert_int_equal(i, n);
        char sql[100];
        snprintf(sql, sizeof sql, "UPDATE audit_log SET action = 'update' WHERE seq = %d", n + 2);
        assert_int_equal(store_exec(t->db, sql, &err), 0);
        assert_int_not_equal(verify(t->db, &bad), 0);
        assert_int_equal(bad, n + 2);
        test_db_free(t);
    }
}

struct reader_arg {
    struct audit_writer *w;
    int failures;
};

static void *reader(void *p)
{
    struct reader_arg *a = p;
    for (int i = 0; i < 50; i++) {
        struct audit_entry e = {"u", "o", "practitioner", "read", "user", "x", NULL, "system", "r", NULL, 0};
        if (audit_writer_record(a->w, &e) != 0)
            a->failures++;
    }
    return NULL;
}

static void group_commit_writer_keeps_the_chain_intact(void **state)
{
    (void)state;
    struct test_db *t = test_db_one_chain();
    struct store_error err = {0};
    struct audit_writer *w = audit_writer_start(t->path, &err);
    assert_non_null(w);
    pthread_t th[8];
    struct reader_arg args[8];
    for (int i = 0; i < 8; i++) {
        args[i] = (struct reader_arg){w, 0};
        pthread_create(&th[i], NULL, reader, &args[i]);
    }
    for (int i = 0; i < 8; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(args[i].failures, 0);
    }
    audit_writer_stop(w);
    char why[200];
    int64_t bad = 0, n = 0;
    assert_int_equal(audit_verify(t->db, &bad, why, sizeof why, &n, &err), 0);
    assert_int_equal(n, 400);
    test_db_free(t);
}

static void writer_reports_failure_when_entry_cannot_be_written(void **state)
{
    (void)state;
    struct test_db *t = test_db_one_chain();
    struct store_error err = {0};
    const char *block = test_is_pg(t)
        ? "CREATE FUNCTION block() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'blocked'; END$$;"
          " CREATE TRIGGER block BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION block()"
        : "CREATE TRIGGER audit.block BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'blocked'); END";
    assert_int_equal(store_exec(t->db, block, &err), 0);
    struct audit_writer *w = audit_writer_start(t->path, &err);
    struct audit_entry e = {"u", "o", "practitioner", "read", "user", "x", NULL, "system", "r", NULL, 0};
    assert_int_not_equal(audit_writer_record(w, &e), 0);
    audit_writer_stop(w);
    test_db_free(t);
}

/* Deferred release (the server's path): the record returns at once, the
 * suspend hook runs before the resume hook, the resume hook runs once and
 * only after the entries are in the database; a failed entry is flagged. */
struct hooks {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int suspended, resumed;
    int rows_at_resume;
    const char *path;
};

static void hook_suspend(void *p)
{
    struct hooks *h = p;
    h->suspended++;
}

static void hook_resume(void *p)
{
    struct hooks *h = p;
    struct store_error err = {0};
    struct store *db = store_open(h->path, &err);   /* another connection: only committed rows show */
    struct audit_heads heads;
    if (db && audit_store_heads(db, &heads, &err) == 0)
        h->rows_at_resume = (int)heads.pos[0].seq;
    store_close(db);
    pthread_mutex_lock(&h->lock);
    h->resumed++;
    pthread_cond_signal(&h->cond);
    pthread_mutex_unlock(&h->lock);
}

static void wait_resumed(struct hooks *h)
{
    pthread_mutex_lock(&h->lock);
    while (!h->resumed)
        pthread_cond_wait(&h->cond, &h->lock);
    pthread_mutex_unlock(&h->lock);
}

static void deferred_release_resumes_once_after_the_commit(void **state)
{
    (void)state;
    static const struct { const char *name; int entries; int blocked; } cases[] = {
        {"one entry", 1, 0},
        {"a page of 50 in one call", 50, 0},
        {"the audit insert fails", 3, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct test_db *t = test_db_one_chain();
        if (test_is_pg(t)) {   /* the path is the writer's, not the backend's */
            test_db_free(t);
            return;
        }
        struct store_error err = {0};
        if (cases[i].blocked)
            assert_int_equal(store_exec(t->db, "CREATE TRIGGER audit.block BEFORE INSERT ON audit_log "
                                               "BEGIN SELECT RAISE(ABORT, 'blocked'); END", &err), 0);
        struct audit_writer *w = audit_writer_start(t->path, &err);
        assert_non_null(w);
        struct hooks h = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, -1, t->path};
        struct audit_deferral d;
        struct audit_entry e[50];
        for (int k = 0; k < cases[i].entries; k++)
            e[k] = (struct audit_entry){"u", "o", "practitioner", "read", "person", "x", "p", "relationship", "r", NULL, 0};
        audit_defer_begin(&d);
        assert_int_equal(audit_writer_record_many(w, e, cases[i].entries), 0);   /* queued, not failed */
        audit_defer_end();
        if (audit_writer_when_durable(w, &d, hook_suspend, hook_resume, &h)) {
            assert_int_equal(h.suspended, 1);
            wait_resumed(&h);
        }
        audit_writer_stop(w);   /* drains: a second resume would show here */
        if (h.resumed) {
            assert_int_equal(h.resumed, 1);
            if (!cases[i].blocked)
                assert_int_equal(h.rows_at_resume, cases[i].entries);
        }
        assert_int_equal(d.outstanding, 0);
        if (cases[i].blocked != d.failed)
            fail_msg("case '%s': failed is %d", cases[i].name, d.failed);
        test_db_free(t);
    }
}

static void after_end_deferrals_records_block(void **state)
{
    (void)state;
    struct test_db *t = test_db_one_chain();
    struct store_error err = {0};
    struct audit_writer *w = audit_writer_start(t->path, &err);
    audit_writer_end_deferrals(w);
    struct hooks h = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, -1, t->path};
    struct audit_deferral d;
    struct audit_entry e = {"u", "o", "practitioner", "read", "person", "x", "p", "relationship", "r", NULL, 0};
    audit_defer_begin(&d);
    assert_int_equal(audit_writer_record(w, &e), 0);
    audit_defer_end();
    assert_int_equal(d.outstanding, 0);   /* written before the record returned */
    assert_int_equal(audit_writer_when_durable(w, &d, hook_suspend, hook_resume, &h), 0);
    assert_int_equal(h.suspended, 0);
    audit_writer_stop(w);
    test_db_free(t);
}

/* ---- entries with people (one entry per list read) ---- */

/* Entries 1-2 without people (the original format), 3 a list of five
 * given out of order with a duplicate (stored sorted, once, break_glass
 * winning), 4 a single read, 5 a list of two. */
static void append_lists(struct store *db)
{
    append_n(db, 2);
    struct audit_person five[] = {{"p4", NULL}, {"p2", NULL}, {"p5", NULL}, {"p1", NULL}, {"p3", NULL},
                                  {"p2", "break_glass"}, {NULL, NULL}};
    struct audit_person two[] = {{"p9", "relationship"}, {"p8", "break_glass"}};
    struct audit_entry e[] = {
        {"u1", "o1", "practitioner", "read", "hospital_stay", NULL, NULL, "relationship", "q3", five, 7},
        {"u1", "o1", "practitioner", "read", "person", "p7", "p7", "relationship", "q4", NULL, 0},
        {"u1", "o1", "practitioner", "search", "person", NULL, NULL, "break_glass", "q5", two, 2},
    };
    struct store_error err = {0};
    assert_int_equal(store_tx_begin(db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(audit_append_many(db, e, 3, &err), 0);
    assert_int_equal(store_tx_commit(db, &err), 0);
}

/* Each case on a fresh chain of append_lists (indexed by person first when
 * `indexed`): verify names the first bad entry, or passes when first_bad < 0. */
static void tamper_lists(const struct tamper_case *cases, size_t n, int indexed)
{
    for (size_t i = 0; i < n; i++) {
        struct test_db *t = test_db_one_chain();
        append_lists(t->db);
        struct store_error err = {0};
        if (indexed)
            assert_int_equal(audit_index_all(t->db, &err), 0);
        if (cases[i].sql)
            assert_int_equal(store_exec(t->db, cases[i].sql, &err), 0);
        int64_t bad = 0;
        int rc = verify(t->db, &bad);
        if (cases[i].first_bad < 0) {
            assert_int_equal(rc, 0);
        } else {
            if (rc != 1)
                fail_msg("case '%s' not detected", cases[i].name);
            if (bad != cases[i].first_bad)
                fail_msg("case '%s': found at %lld, expected %lld", cases[i].name, (long long)bad,
                         (long long)cases[i].first_bad);
        }
        test_db_free(t);
    }
}

/* Long lists (an $export page names thousands): 200 people on one basis
 * (stored 96 per INSERT sharing seq and basis, then the rest), 97 with one
 * break_glass among them (the per-row statements), and 96 exactly; each
 * person stored once with its basis, and the chain verifies. */
static void long_lists_keep_every_person(void **state)
{
    (void)state;
    static const int sizes[] = {200, 97, 96};
    struct test_db *t = test_db_one_chain();
    struct audit_person *ppl[3];
    char (*ids)[16] = calloc(400, sizeof *ids);
    struct audit_entry e[3];
    int next = 0;
    for (int k = 0; k < 3; k++) {
        ppl[k] = calloc((size_t)sizes[k], sizeof **ppl);
        for (int i = 0; i < sizes[k]; i++, next++) {
            snprintf(ids[next], sizeof ids[next], "p%05d", next);
            ppl[k][i] = (struct audit_person){ids[next], k == 1 && i == 50 ? "break_glass" : NULL};
        }
        e[k] = (struct audit_entry){"u1", "o1", "practitioner", "read", "person", NULL, NULL, "relationship", "q",
                                    ppl[k], sizes[k]};
    }
    struct store_error err = {0};
    assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(audit_append_many(t->db, e, 3, &err), 0);
    assert_int_equal(store_tx_commit(t->db, &err), 0);
    int64_t bad = 0;
    assert_int_equal(verify(t->db, &bad), 0);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE seq = 1"), 200);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE seq = 2"), 97);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE seq = 3"), 96);
    assert_int_equal(test_int_of(t->db, "SELECT count(DISTINCT person_id) FROM audit_people"), 393);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE basis = 'break_glass'"
                                     " AND seq = 2 AND person_id = 'p00250'"), 1);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE basis = 'relationship'"), 392);
    for (int k = 0; k < 3; k++)
        free(ppl[k]);
    free(ids);
    test_db_free(t);
}

static void a_list_is_one_entry_with_its_people(void **state)
{
    (void)state;
    struct test_db *t = test_db_one_chain();
    append_lists(t->db);
    int64_t bad = 0;
    assert_int_equal(verify(t->db, &bad), 0);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_log"), 5);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE seq = 3"), 5);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE seq = 3 AND person_id = 'p2'"
                                     " AND basis = 'break_glass'"), 1);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE seq = 3 AND basis = 'relationship'"),
                     4);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE seq IN (1, 2, 4)"), 0);
    /* The per-person trail finds every read: the list's people and the single read. */
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_trail"), 2 + 5 + 1 + 2);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_trail WHERE person_id = 'p3'"
                                     " AND resource_type = 'hospital_stay' AND request_id = 'q3'"), 1);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_trail WHERE person_id = 'p1'"), 2 + 1);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_trail WHERE person_id = 'p8'"
                                     " AND basis = 'break_glass' AND action = 'search'"), 1);
    test_db_free(t);
}

static void tampering_with_an_entrys_people_is_detected(void **state)
{
    (void)state;
    static const struct tamper_case cases[] = {
        {"intact", NULL, -1},
        {"person removed", "DELETE FROM audit_people WHERE seq = 3 AND person_id = 'p4'", 3},
        {"every person removed", "DELETE FROM audit_people WHERE seq = 3", 3},
        {"person added", "INSERT INTO audit_people (seq, person_id, basis) VALUES (3, 'p6', 'relationship')", 3},
        {"person swapped", "UPDATE audit_people SET person_id = 'p6' WHERE seq = 3 AND person_id = 'p5'", 3},
        {"basis changed", "UPDATE audit_people SET basis = 'relationship' WHERE seq = 3 AND person_id = 'p2'", 3},
        {"person moved to another list", "UPDATE audit_people SET seq = 5 WHERE seq = 3 AND person_id = 'p1'", 3},
        {"person added to an entry without people",
         "INSERT INTO audit_people (seq, person_id, basis) VALUES (1, 'p6', 'relationship')", 1},
        {"person added to a single read",
         "INSERT INTO audit_people (seq, person_id, basis) VALUES (4, 'p6', 'relationship')", 4},
        {"people under a missing entry",
         "INSERT INTO audit_people (seq, person_id, basis) VALUES (9, 'p6', 'relationship')", 9},
        {"list entry deleted with its people",
         "DELETE FROM audit_log WHERE seq = 3; DELETE FROM audit_people WHERE seq = 3", 4},
        {"list entry deleted, people left", "DELETE FROM audit_log WHERE seq = 3", 4},
        {"list entry's field edited", "UPDATE audit_log SET resource_type = 'referral' WHERE seq = 5", 5},
    };
    tamper_lists(cases, sizeof cases / sizeof cases[0], 0);
}

/* A group commit of lists of 0 … 70 people across chunk boundaries (32
 * entries, 32 people per INSERT): every entry keeps exactly its people and
 * the chain verifies, also from a checkpoint in the middle. */
static void batches_of_lists_keep_their_people(void **state)
{
    (void)state;
    enum { N = 40 };
    struct test_db *t = test_db_one_chain();
    static char ids[70][8];
    struct audit_person ppl[70];
    for (int i = 0; i < 70; i++) {
        snprintf(ids[i], sizeof ids[i], "x%02d", 69 - i);
        ppl[i] = (struct audit_person){ids[i], NULL};
    }
    struct audit_entry e[N];
    for (int i = 0; i < N; i++)
        e[i] = (struct audit_entry){"u", "o", "practitioner", "read", "cohort", NULL, NULL, "identify", "r",
                                    ppl, (i * 7) % 71};
    struct store_error err = {0};
    assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(audit_append_many(t->db, e, N, &err), 0);
    assert_int_equal(store_tx_commit(t->db, &err), 0);
    int64_t bad = 0;
    assert_int_equal(verify(t->db, &bad), 0);
    int64_t want = 0;
    for (int i = 0; i < N; i++) {
        char sql[80];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_people WHERE seq = %d", i + 1);
        assert_int_equal(test_int_of(t->db, sql), (i * 7) % 71);
        want += (i * 7) % 71;
    }
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people"), want);
    char why[200];
    struct audit_heads from = {.n = 1, .pos = {{.seq = 20}}}, last;
    assert_int_equal(audit_store_hash_at(t->db, 20, from.pos[0].hash, &err), 0);
    assert_int_equal(audit_verify_after(t->db, &from, &bad, why, sizeof why, &last, NULL, &err), 0);
    assert_int_equal(last.pos[0].seq, N);
    assert_int_equal(store_exec(t->db, "DELETE FROM audit_people WHERE seq = 33 AND person_id = 'x69'", &err), 0);
    assert_int_equal(audit_verify_after(t->db, &from, &bad, why, sizeof why, &last, NULL, &err), 1);
    assert_int_equal(bad, 33);
    test_db_free(t);
}

static void the_writer_records_a_list_as_one_entry(void **state)
{
    (void)state;
    struct test_db *t = test_db_one_chain();
    struct store_error err = {0};
    struct audit_writer *w = audit_writer_start(t->path, &err);
    assert_non_null(w);
    char ids[3][8] = {"pc", "pa", "pb"};
    struct audit_person ppl[3] = {{ids[0], NULL}, {ids[1], "break_glass"}, {ids[2], NULL}};
    struct audit_entry e = {"u", "o", "practitioner", "read", "referral", NULL, NULL, "relationship", "r", ppl, 3};
    assert_int_equal(audit_writer_record(w, &e), 0);
    for (int i = 0; i < 3; i++)
        ids[i][0] = 'q';   /* the same list, other people: the first entry keeps its own */
    assert_int_equal(audit_writer_record(w, &e), 0);
    audit_writer_stop(w);
    int64_t bad = 0;
    assert_int_equal(verify(t->db, &bad), 0);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_log"), 2);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE seq = 1 AND person_id IN"
                                     " ('pa', 'pb', 'pc')"), 3);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE seq = 1 AND basis = 'break_glass'"),
                     1);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people WHERE seq = 2 AND person_id IN"
                                     " ('qa', 'qb', 'qc')"), 3);
    /* The writer indexed them by person once idle (at the latest when it stopped). */
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people_index"), 6);
    assert_int_equal(test_int_of(t->db, "SELECT indexed_to FROM audit_index_state"), 2);
    test_db_free(t);
}

/* The person index moves forward in whole entries of about max_rows
 * people, and the trail per person is the same before, during and after:
 * what is not indexed yet is read from the tail. */
static void the_person_index_follows_in_whole_entries(void **state)
{
    (void)state;
    static const struct {
        int max_rows, more;
        int64_t indexed_to, index_rows;
    } steps[] = {
        {3, 1, 2, 0},    /* the 4th person is in entry 3: up to entry 2 (no people) */
        {3, 1, 3, 5},    /* entry 3 alone has more than 3: indexed whole */
        {3, 0, 5, 7},    /* the rest: up to the head */
        {3, 0, 5, 7},    /* nothing left: unchanged */
    };
    struct test_db *t = test_db_one_chain();
    append_lists(t->db);
    struct store_error err = {0};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        int more = -1;
        assert_int_equal(audit_index_people(t->db, steps[i].max_rows, &more, &err), 0);
        assert_int_equal(more, steps[i].more);
        assert_int_equal(test_int_of(t->db, "SELECT indexed_to FROM audit_index_state"), steps[i].indexed_to);
        assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people_index"), steps[i].index_rows);
        assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_trail"), 2 + 5 + 1 + 2);
        assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_trail WHERE person_id = 'p1'"), 2 + 1);
        assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_trail WHERE person_id = 'p8'"
                                         " AND basis = 'break_glass'"), 1);
        int64_t bad = 0;
        assert_int_equal(verify(t->db, &bad), 0);
    }
    test_db_free(t);
}

enum { PEOPLE = 100 };

/* A cohort page's entry: PEOPLE people, ids prefix000 … (one prefix a
 * test: the ids live on). */
static struct audit_entry cohort_entry(const char *prefix)
{
    static char ids[2][PEOPLE][24];
    static struct audit_person ppl[2][PEOPLE];
    static int used;
    int k = used++ % 2;
    for (int i = 0; i < PEOPLE; i++) {
        snprintf(ids[k][i], sizeof ids[k][i], "%.8s%03d", prefix, i);
        ppl[k][i] = (struct audit_person){ids[k][i], NULL};
    }
    return (struct audit_entry){"u", "o", "practitioner", "read", "cohort", NULL, NULL, "identify", "r", ppl[k],
                                PEOPLE};
}

/* Under steady load the person index keeps up: its thread steps beside
 * the writer, so entries recorded one after another without a pause are
 * indexed while they still come; stopped, the writer leaves it whole. */
static void the_writer_indexes_under_steady_load(void **state)
{
    (void)state;
    enum { MAX_ENTRIES = 4000 };
    struct test_db *t = test_db_one_chain();
    struct store_error err = {0};
    struct audit_writer *w = audit_writer_start(t->path, &err);
    assert_non_null(w);
    struct audit_entry e = cohort_entry("s");
    int64_t indexed = 0;
    int recorded = 0;
    while (recorded < MAX_ENTRIES && indexed == 0) {
        for (int i = 0; i < 20; i++, recorded++)
            assert_int_equal(audit_writer_record(w, &e), 0);
        indexed = test_int_of(t->db, "SELECT indexed_to FROM audit_index_state");
    }
    audit_writer_stop(w);
    assert_true(indexed > 0);   /* while the entries still came */
    int64_t entries = test_int_of(t->db, "SELECT count(*) FROM audit_log WHERE resource_type = 'cohort'");
    assert_int_equal(entries, recorded);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people_index"), entries * PEOPLE);
    assert_int_equal(test_int_of(t->db, "SELECT indexed_to FROM audit_index_state"),
                     test_int_of(t->db, "SELECT max(seq) FROM audit_log"));
    int64_t bad = 0;
    assert_int_equal(verify(t->db, &bad), 0);
    test_db_free(t);
}

/* The index's thread fails (its state row gone): the batches still commit
 * and release; once the row is back the thread catches up. */
static void a_failing_index_step_holds_up_no_batch(void **state)
{
    (void)state;
    enum { ENTRIES = 300 };
    struct test_db *t = test_db_one_chain();
    struct store_error err = {0};
    struct audit_writer *w = audit_writer_start(t->path, &err);
    assert_non_null(w);
    assert_int_equal(store_index_writer(t->db, &err), 0);   /* on SQLite the index file is read-only otherwise */
    assert_int_equal(store_exec(t->db, "DELETE FROM audit_index_state", &err), 0);
    struct audit_entry e = cohort_entry("f");
    for (int i = 0; i < ENTRIES; i++)   /* 30,000 people: past the step's threshold */
        assert_int_equal(audit_writer_record(w, &e), 0);
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people_index"), 0);
    assert_int_equal(store_exec(t->db, "INSERT INTO audit_index_state (id, indexed_to) VALUES (1, 0)", &err), 0);
    assert_int_equal(audit_writer_record(w, &e), 0);
    audit_writer_stop(w);   /* leaves the index whole */
    assert_int_equal(test_int_of(t->db, "SELECT count(*) FROM audit_people_index"), (ENTRIES + 1) * PEOPLE);
    int64_t bad = 0;
    assert_int_equal(verify(t->db, &bad), 0);
    test_db_free(t);
}

/* The index is derived, but a read hidden from it would vanish from the
 * person's access log: verify compares it with the chain's people. */
static void tampering_with_the_person_index_is_detected(void **state)
{
    (void)state;
    static const struct tamper_case cases[] = {
        {"intact", NULL, -1},
        {"person removed from the index", "DELETE FROM audit_people_index WHERE person_id = 'p4'", 3},
        {"person added to the index", "INSERT INTO audit_people_index (person_id, seq) VALUES ('p6', 5)", 5},
        {"person moved to another entry", "UPDATE audit_people_index SET seq = 5 WHERE person_id = 'p1'", 3},
        {"index end moved back", "UPDATE audit_index_state SET indexed_to = 4", 5},
    };
    tamper_lists(cases, sizeof cases / sizeof cases[0], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_kind_of_tampering_is_detected),
        cmocka_unit_test(batches_of_every_split_keep_the_chain),
        cmocka_unit_test(group_commit_writer_keeps_the_chain_intact),
        cmocka_unit_test(writer_reports_failure_when_entry_cannot_be_written),
        cmocka_unit_test(deferred_release_resumes_once_after_the_commit),
        cmocka_unit_test(after_end_deferrals_records_block),
        cmocka_unit_test(a_list_is_one_entry_with_its_people),
        cmocka_unit_test(long_lists_keep_every_person),
        cmocka_unit_test(tampering_with_an_entrys_people_is_detected),
        cmocka_unit_test(batches_of_lists_keep_their_people),
        cmocka_unit_test(the_writer_records_a_list_as_one_entry),
        cmocka_unit_test(the_person_index_follows_in_whole_entries),
        cmocka_unit_test(tampering_with_the_person_index_is_detected),
        cmocka_unit_test(the_writer_indexes_under_steady_load),
        cmocka_unit_test(a_failing_index_step_holds_up_no_batch),
    };
    return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
