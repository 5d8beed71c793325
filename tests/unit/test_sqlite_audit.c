/* SQLite: the audit trail in its own file beside the data file
 * (src/store/sqlite_audit.c): where the migrations leave it, the move from
 * the old layout (and from a move cut short), the refusals when the two
 * files do not belong together, and a backup that copies both. */
#include "test_helpers.h"
#include "audit_helpers.h"
#include "audit/audit.h"
#include "store/audit_store.h"
#include "store/sqlite_audit.h"
#include "store/sqlite_checkpoint.h"
#include <sys/stat.h>
#include <unistd.h>

static int64_t int_of(struct store *db, const char *sql)
{
    struct store_error err = {0};
    struct store_stmt *s = store_prepare(db, sql, &err);
    if (!s)
        fail_msg("%s: %s", sql, err.message);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    int64_t v = store_col_int(s, 0);
    store_reset(s);
    return v;
}

static void verified(struct store *db, int64_t entries)
{
    struct store_error err = {0};
    char why[200] = "";
    int64_t bad = 0, n = 0;
    if (audit_verify(db, &bad, why, sizeof why, &n, &err) != 0)
        fail_msg("verify: %s (%s)", why, err.message);
    assert_int_equal(n, entries);
}

/* In the trail file, none of it in the data file, and the two paired; the
 * person index in a file of its own (sqlite_audit_index.c), paired too, and
 * the views over the files this connection's own. */
static void trail_in_its_file(struct store *db)
{
    assert_int_equal(int_of(db, "SELECT COUNT(*) FROM main.sqlite_master WHERE name LIKE 'audit\\_%' ESCAPE '\\'"), 0);
    assert_int_equal(int_of(db, "SELECT COUNT(*) FROM audit.sqlite_master WHERE type = 'table'"
                                " AND name IN ('audit_log', 'audit_head', 'audit_people')"), 3);
    assert_int_equal(int_of(db, "SELECT COUNT(*) FROM audit.sqlite_master WHERE name IN ('audit_people_index',"
                                " 'audit_index_state', 'audit_trail', 'audit_people_all')"), 0);
    assert_int_equal(int_of(db, "SELECT COUNT(*) FROM audit_ix.sqlite_master WHERE type = 'table'"
                                " AND name IN ('audit_people_index', 'audit_index_state')"), 2);
    assert_int_equal(int_of(db, "SELECT COUNT(*) FROM temp.sqlite_master WHERE type = 'view'"
                                " AND name IN ('audit_trail', 'audit_people_all')"), 2);
    assert_int_equal(int_of(db, "SELECT (SELECT pair FROM main.trail_file) = (SELECT pair FROM audit.audit_file)"), 1);
    assert_int_equal(int_of(db, "SELECT (SELECT pair FROM audit_ix.audit_index_state) ="
                                " (SELECT pair FROM audit.audit_file)"), 1);
}

/* Back to the layout before migration 044: the trail's tables and indexes
 * in the data file, made from their own CREATE text (SQLite keeps it
 * without the schema name), with their rows (keep_copy: and still in the
 * trail file, as a move cut short between its two transactions leaves them),
 * and the person index's tables and views of migration 036 beside them
 * (to be dropped: the index file is rebuilt). */
static void old_layout(struct store *db, int keep_copy)
{
    struct store_error err = {0};
    struct store_stmt *s = store_prepare(db,
        "SELECT type, name, sql FROM audit.sqlite_master WHERE name LIKE 'audit\\_%' ESCAPE '\\'"
        " AND name <> 'audit_file' AND sql IS NOT NULL"
        " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END", &err);
    assert_non_null(s);
    char type[16][8], name[16][64], *sql[16];
    int n = 0;
    while (n < 16 && store_step(s, &err) == STORE_ROW) {
        snprintf(type[n], sizeof type[n], "%s", store_col_text(s, 0));
        snprintf(name[n], sizeof name[n], "%s", store_col_text(s, 1));
        sql[n++] = strdup(store_col_text(s, 2));
    }
    store_reset(s);
    assert_int_equal(n, 6);   /* 3 tables, 3 indexes */
    for (int i = 0; i < n; i++) {
        assert_int_equal(store_exec(db, sql[i], &err), 0);
        char copy[200];
        snprintf(copy, sizeof copy, "INSERT INTO main.%s SELECT * FROM audit.%s", name[i], name[i]);
        if (strcmp(type[i], "table") == 0)
            assert_int_equal(store_exec(db, copy, &err), 0);
        free(sql[i]);
    }
    assert_int_equal(store_exec(db, "DROP TABLE main.trail_file", &err), 0);
    assert_int_equal(store_exec(db,
        "CREATE TABLE main.audit_people_index (person_id TEXT NOT NULL, seq INTEGER NOT NULL,"
        " PRIMARY KEY (person_id, seq)) WITHOUT ROWID;"
        "CREATE TABLE main.audit_index_state (id INTEGER PRIMARY KEY CHECK (id = 1), indexed_to INTEGER NOT NULL);"
        "INSERT INTO main.audit_index_state VALUES (1, 0);"
        "CREATE VIEW main.audit_people_all AS SELECT seq, person_id FROM audit_people_index;"
        "CREATE VIEW main.audit_trail AS SELECT seq FROM audit_log;", &err), 0);
    for (int i = n - 1; i >= 0 && !keep_copy; i--) {
        char drop[200];
        snprintf(drop, sizeof drop, "DROP %s audit.%s", type[i], name[i]);
        if (strcmp(type[i], "index") != 0)
            assert_int_equal(store_exec(db, drop, &err), 0);
    }
    if (!keep_copy)
        assert_int_equal(store_exec(db, "DROP TABLE audit.audit_file", &err), 0);
    assert_int_equal(int_of(db, "SELECT COUNT(*) FROM main.sqlite_master WHERE name LIKE 'audit\\_%' ESCAPE '\\'"),
                     10);
}

static struct test_db *sqlite_db(void)
{
    struct test_db *t = test_db_new();
    if (test_is_pg(t)) {
        test_db_free(t);
        return NULL;
    }
    return t;
}

static void migrations_leave_the_trail_in_its_file(void **state)
{
    (void)state;
    struct test_db *t = sqlite_db();
    if (!t)
        skip();
    trail_in_its_file(t->db);
    append_n(t->db, 3);
    verified(t->db, 3);
    char trail[600];
    snprintf(trail, sizeof trail, "%s-audit", t->path);
    assert_int_equal(access(trail, F_OK), 0);
    test_db_free(t);
}

static void the_old_layout_moves_and_still_verifies(void **state)
{
    (void)state;
    static const struct { const char *name; int keep_copy; } cases[] = {
        {"trail in the data file only (before 044)", 0},
        {"in both, the move cut short after its copy", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct test_db *t = sqlite_db();
        if (!t)
            skip();
        append_n(t->db, 4);
        old_layout(t->db, cases[i].keep_copy);
        struct store_error err = {0};
        if (store_migrate(t->db, &err) != 0)
            fail_msg("%s: migrate: %s", cases[i].name, err.message);
        trail_in_its_file(t->db);
        verified(t->db, 4);
        append_n(t->db, 1);
        verified(t->db, 5);
        test_db_free(t);
    }
}

static void a_move_refuses_copies_that_differ(void **state)
{
    (void)state;
    struct test_db *t = sqlite_db();
    if (!t)
        skip();
    append_n(t->db, 2);
    old_layout(t->db, 1);
    struct store_error err = {0};
    assert_int_equal(store_exec(t->db, "DELETE FROM main.audit_log WHERE seq = 2", &err), 0);
    assert_int_not_equal(store_migrate(t->db, &err), 0);
    assert_non_null(strstr(err.message, "differ"));
    assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM audit.audit_log"), 2);   /* nothing dropped */
    test_db_free(t);
}

static void open_refuses(const char *path, const char *says)
{
    struct store_error err = {0};
    struct store *db = store_open(path, &err);
    if (db)
        fail_msg("opened %s; expected a refusal saying \"%s\"", path, says);
    if (!strstr(err.message, says))
        fail_msg("refusal \"%s\" does not say \"%s\"", err.message, says);
}

static void sh(const char *cmd)
{
    if (system(cmd) != 0)
        fail_msg("%s failed", cmd);
}

static void files_that_do_not_belong_together_are_refused(void **state)
{
    (void)state;
    struct test_db *a = sqlite_db();
    if (!a)
        skip();
    struct test_db *b = test_db_new();
    append_n(a->db, 1);
    store_close(a->db);   /* closed: each file whole, without its WAL */
    store_close(b->db);
    a->db = b->db = NULL;
    char cmd[3000];
    snprintf(cmd, sizeof cmd, "cp %s-audit %s/kept && cp %s-audit %s/other", a->path, a->dir, b->path, a->dir);
    sh(cmd);
    /* another database's trail file */
    snprintf(cmd, sizeof cmd, "cp %s/other %s-audit", a->dir, a->path);
    sh(cmd);
    open_refuses(a->path, "the audit trail of another database");
    /* the trail file gone */
    snprintf(cmd, sizeof cmd, "rm -f %s-audit %s-audit-wal %s-audit-shm", a->path, a->path, a->path);
    sh(cmd);
    open_refuses(a->path, "is missing");
    /* a trail file left beside a new data file */
    snprintf(cmd, sizeof cmd, "rm -f %s %s-wal %s-shm && cp %s/kept %s-audit", a->path, a->path, a->path, a->dir,
             a->path);
    sh(cmd);
    open_refuses(a->path, "belongs to another database");
    test_db_free(a);
    test_db_free(b);
}

static void a_backup_copies_both_files(void **state)
{
    (void)state;
    struct test_db *t = sqlite_db();
    if (!t)
        skip();
    append_n(t->db, 3);
    char to[600];
    snprintf(to, sizeof to, "%s/copy.db", t->dir);
    struct store_error err = {0};
    assert_int_equal(store_backup(t->db, to, &err), 0);
    struct store *copy = store_open(to, &err);
    if (!copy)
        fail_msg("open the backup: %s", err.message);
    trail_in_its_file(copy);
    verified(copy, 3);
    store_close(copy);
    test_db_free(t);
}

/* One entry listing n people q1 … qn. */
static void append_people(struct store *db, int n)
{
    static char ids[20][16];
    struct audit_person ppl[20];
    for (int i = 0; i < n && i < 20; i++) {
        snprintf(ids[i], sizeof ids[i], "q%d", i + 1);
        ppl[i] = (struct audit_person){ids[i], NULL};
    }
    struct audit_entry e = {"u1", "o1", "practitioner", "read", "cohort", NULL, NULL, "relationship", "r", ppl, n};
    struct store_error err = {0};
    assert_int_equal(store_tx_begin(db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(audit_append_many(db, &e, 1, &err), 0);
    assert_int_equal(store_tx_commit(db, &err), 0);
}

/* The person index is derived data in a file of its own: an index file
 * that was not made from the trail beside it (the trail restored from an
 * earlier copy, another database's index) is emptied when a connection
 * opens, and indexing it again gives what the trail holds, verified. */
static void an_index_not_made_from_this_trail_is_emptied(void **state)
{
    (void)state;
    struct test_db *t = sqlite_db();
    if (!t)
        skip();
    struct store_error err = {0};
    append_people(t->db, 3);
    char cmd[3000];
    store_close(t->db);   /* closed: each file whole, without its WAL */
    snprintf(cmd, sizeof cmd, "cp %s %s/early.db && cp %s-audit %s/early.db-audit", t->path, t->dir, t->path, t->dir);
    sh(cmd);
    t->db = store_open(t->path, &err);
    append_people(t->db, 5);
    assert_int_equal(audit_index_all(t->db, &err), 0);
    assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM audit_people_index"), 8);
    store_close(t->db);
    /* the files restored from the earlier copy: the index names an entry the trail does not have */
    snprintf(cmd, sizeof cmd, "cp %s/early.db %s && cp %s/early.db-audit %s-audit && rm -f %s-wal %s-audit-wal",
             t->dir, t->path, t->dir, t->path, t->path, t->path);
    sh(cmd);
    t->db = store_open(t->path, &err);
    if (!t->db)
        fail_msg("open: %s", err.message);
    assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM audit_people_index"), 0);
    assert_int_equal(int_of(t->db, "SELECT indexed_to FROM audit_index_state"), 0);
    assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM audit_people_all WHERE person_id = 'q2'"), 1);
    assert_int_equal(audit_index_all(t->db, &err), 0);
    assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM audit_people_index"), 3);
    verified(t->db, 1);
    /* another database's index file */
    struct test_db *o = test_db_new();
    append_people(o->db, 2);
    assert_int_equal(audit_index_all(o->db, &err), 0);
    store_close(o->db);
    o->db = NULL;
    store_close(t->db);
    snprintf(cmd, sizeof cmd, "cp %s-audit-index %s-audit-index && rm -f %s-audit-index-wal", o->path, t->path, t->path);
    sh(cmd);
    t->db = store_open(t->path, &err);
    assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM audit_people_index"), 0);
    assert_int_equal(int_of(t->db, "SELECT (SELECT pair FROM audit_ix.audit_index_state) ="
                                   " (SELECT pair FROM audit.audit_file)"), 1);
    test_db_free(o);
    test_db_free(t);
}

/* A write's entries committed to the data file's outbox but not to the
 * trail (a crash between the two files' commits): the next write
 * transaction puts them back, and the chain verifies with all of them. */
static void a_commit_cut_short_is_completed_from_the_outbox(void **state)
{
    (void)state;
    static const struct { const char *name; int before, lost; } cases[] = {
        {"one entry lost", 2, 1},
        {"a transaction of three lost", 2, 3},
        {"the very first entries lost", 0, 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct test_db *t = sqlite_db();
        if (!t)
            skip();
        struct store_error err = {0};
        append_n(t->db, cases[i].before);
        /* one transaction of `lost` entries, as a write's */
        assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
        for (int k = 0; k < cases[i].lost; k++) {
            struct audit_entry e = {"u1", "o1", "practitioner", "update", "person", "r", "p1",
                                    "relationship", "w", NULL, 0};
            assert_int_equal(audit_append(t->db, &e, &err), 0);
        }
        assert_int_equal(store_tx_commit(t->db, &err), 0);
        assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM main.trail_outbox_log"), cases[i].lost);
        /* the trail's commit undone: entries gone, head back */
        char sql[400];
        snprintf(sql, sizeof sql,
                 "DELETE FROM audit.audit_log WHERE seq > %d;"
                 "UPDATE audit.audit_head SET seq = %d, hash = COALESCE((SELECT hash FROM audit.audit_log"
                 " WHERE seq = %d), '%064d') WHERE id = 1", cases[i].before, cases[i].before, cases[i].before, 0);
        assert_int_equal(store_exec(t->db, sql, &err), 0);
        assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM audit.audit_log"), cases[i].before);
        /* the next write transaction, whatever it writes */
        assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
        assert_int_equal(store_tx_commit(t->db, &err), 0);
        verified(t->db, cases[i].before + cases[i].lost);
        /* It committed the data file first: the entries it put back stay in
         * the outbox, so a crash before the trail's commit loses nothing.
         * Undo that commit of the trail too, and the next one puts them back
         * again. */
        assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM main.trail_outbox_log"), cases[i].lost);
        assert_int_equal(store_exec(t->db, sql, &err), 0);
        assert_int_equal(store_tx_begin(t->db, STORE_TX_WRITE, &err), 0);
        assert_int_equal(store_tx_commit(t->db, &err), 0);
        verified(t->db, cases[i].before + cases[i].lost);
        /* and the one after clears the outbox */
        append_n(t->db, 1);
        verified(t->db, cases[i].before + cases[i].lost + 1);
        assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM main.trail_outbox_log"), 1);
        test_db_free(t);
    }
}

/* The outbox keeps every column of audit_log (a migration adding one must
 * add it to LOG_COLS in sqlite_audit.c). */
static void the_outbox_has_every_column_of_the_log(void **state)
{
    (void)state;
    struct test_db *t = sqlite_db();
    if (!t)
        skip();
    assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM pragma_table_info('audit_log', 'audit')"), 14);
    assert_int_equal(int_of(t->db, "SELECT COUNT(*) FROM pragma_table_info('audit_log', 'audit') a"
                                   " JOIN pragma_table_info('trail_outbox_log', 'main') o"
                                   " ON o.cid = a.cid AND o.name = a.name"), 14);
    test_db_free(t);
}

/* What the separate file is for: the audit writer's commits change the trail
 * file only, so readers of the data file keep their page cache. */
static void the_audit_writer_leaves_the_data_file_alone(void **state)
{
    (void)state;
    struct test_db *t = sqlite_db();
    if (!t)
        skip();
    struct store_error err = {0};
    int64_t data_before = int_of(t->db, "PRAGMA main.data_version");
    int64_t trail_before = int_of(t->db, "PRAGMA audit.data_version");
    struct audit_writer *w = audit_writer_start(t->path, &err);
    assert_non_null(w);
    for (int i = 0; i < 5; i++) {
        struct audit_entry e = {"u1", "o1", "practitioner", "read", "person", "r", "p1",
                                "relationship", "w", NULL, 0};
        assert_int_equal(audit_writer_record(w, &e), 0);
    }
    audit_writer_stop(w);
    assert_int_equal(int_of(t->db, "PRAGMA main.data_version"), data_before);
    assert_true(int_of(t->db, "PRAGMA audit.data_version") != trail_before);
    verified(t->db, 5);
    test_db_free(t);
}

/* The audit writer's connection leaves the trail's checkpoints to a thread
 * of its own (src/store/sqlite_checkpoint.c): they still happen — the
 * entries reach the trail file itself, and the log starts again (the writer
 * finishes a checkpoint at 4,000 pages) instead of growing with every
 * commit — and the chain verifies. Past 1,000 pages of log the thread is
 * asked once per 200 pages, not after every commit: 8,000 pages in commits
 * of about 50 are at most about 2 × 16 checkpoints (each ends with a sync of
 * the file), not a hundred. */
static void the_trail_is_checkpointed_beside_the_writer(void **state)
{
    (void)state;
    enum { COMMITS = 160, PER_COMMIT = 20, PEOPLE = 100 };
    struct test_db *t = sqlite_db();
    if (!t)
        skip();
    struct store_error err = {0};
    struct store *w = store_open(t->path, &err);
    assert_non_null(w);
    store_audit_only(w);
    static char ids[PEOPLE][28];
    struct audit_person ppl[PEOPLE];
    for (int i = 0; i < PEOPLE; i++) {
        snprintf(ids[i], sizeof ids[i], "person-%020d", i);
        ppl[i] = (struct audit_person){ids[i], NULL};
    }
    struct audit_entry e[PER_COMMIT];
    for (int i = 0; i < PER_COMMIT; i++)
        e[i] = (struct audit_entry){"u1", "o1", "practitioner", "read", "cohort", NULL, NULL, "identify", "w",
                                    ppl, PEOPLE};
    char trail[4200], wal[4300];
    sqlite_audit_path(t->path, trail, sizeof trail);
    snprintf(wal, sizeof wal, "%s-wal", trail);
    struct stat before;
    assert_int_equal(stat(trail, &before), 0);
    long runs = sqlite_checkpoints_run();
    for (int i = 0; i < COMMITS; i++) {   /* about 8,000 pages of entries */
        assert_int_equal(store_tx_begin(w, STORE_TX_APPEND, &err), 0);
        assert_int_equal(audit_append_many(w, e, PER_COMMIT, &err), 0);
        assert_int_equal(store_tx_commit(w, &err), 0);
    }
    struct stat after, log;
    assert_int_equal(stat(trail, &after), 0);
    assert_int_equal(stat(wal, &log), 0);
    assert_true(after.st_size > before.st_size + 4 * 1024 * 1024);   /* copied back into the file */
    assert_true(log.st_size < 6000L * 4096);                          /* the log started again */
    store_close(w);   /* stops the thread */
    runs = sqlite_checkpoints_run() - runs;
    assert_true(runs >= 1 && runs <= 34);
    verified(t->db, COMMITS * PER_COMMIT);
    test_db_free(t);
}

/* store_bulk_cache sizes both files' caches (the request pool: 16 MB; the
 * import: 256 MB). */
static void the_cache_size_reaches_both_files(void **state)
{
    (void)state;
    struct test_db *t = sqlite_db();
    if (!t)
        skip();
    static const int megabytes[] = {16, 64, 256};
    for (size_t i = 0; i < sizeof megabytes / sizeof megabytes[0]; i++) {
        struct store_error err = {0};
        assert_int_equal(store_bulk_cache(t->db, megabytes[i], &err), 0);
        assert_int_equal(int_of(t->db, "PRAGMA main.cache_size"), -megabytes[i] * 1024);
        assert_int_equal(int_of(t->db, "PRAGMA audit.cache_size"), -megabytes[i] * 1024);
    }
    test_db_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrations_leave_the_trail_in_its_file),
        cmocka_unit_test(the_old_layout_moves_and_still_verifies),
        cmocka_unit_test(a_move_refuses_copies_that_differ),
        cmocka_unit_test(files_that_do_not_belong_together_are_refused),
        cmocka_unit_test(a_backup_copies_both_files),
        cmocka_unit_test(an_index_not_made_from_this_trail_is_emptied),
        cmocka_unit_test(a_commit_cut_short_is_completed_from_the_outbox),
        cmocka_unit_test(the_outbox_has_every_column_of_the_log),
        cmocka_unit_test(the_audit_writer_leaves_the_data_file_alone),
        cmocka_unit_test(the_cache_size_reaches_both_files),
        cmocka_unit_test(the_trail_is_checkpointed_beside_the_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
