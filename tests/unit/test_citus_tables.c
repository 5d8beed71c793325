/* Every table of the schema is classified for Citus (src/store/citus.c), on
 * every backend, so a new migration's table fails here at once rather than
 * staying behind on a cluster's coordinator. On a Citus cluster
 * (scripts/with-citus) the migrated schema is also checked as distributed:
 * person tables hash-distributed by the person key and co-located with
 * persons, the others as their class says. */
#include "test_helpers.h"
#include "store/citus.h"

static int has_column(struct store *db, int pg, const char *table, const char *column)
{
    struct store_error err = {0};
    struct store_stmt *s = store_prepare(db, pg
        ? "SELECT COUNT(*) AS n FROM information_schema.columns WHERE table_schema = 'public'"
          " AND table_name = $1 AND column_name = $2"
        : "SELECT COUNT(*) AS n FROM pragma_table_info($1) WHERE name = $2", &err);
    assert_non_null(s);
    store_bind_text(s, 1, table);
    store_bind_text(s, 2, column);
    assert_int_equal(store_step(s, &err), STORE_ROW);
    int n = (int)store_col_int(s, 0);
    store_reset(s);
    return n > 0;
}

static void every_table_is_classified(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    int pg = test_is_pg(t);
    struct store_error err = {0};
    struct store *db = t->db;
    struct store_stmt *s = store_prepare(db, pg
        ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        /* trail_*: SQLite's pairing with its audit trail file and the outbox (store/sqlite_audit.c) */
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
          " AND name NOT IN ('trail_file', 'trail_outbox_log', 'trail_outbox_people') ORDER BY 1", &err);
    assert_non_null(s);
    char names[200][64];
    int n = 0;
    while (store_step(s, &err) == STORE_ROW && n < 200)
        snprintf(names[n++], sizeof names[0], "%s", store_col_text(s, 0));
    store_reset(s);
    assert_true(n > 50);
    for (int i = 0; i < n; i++) {
        const char *kind = store_citus_kind(names[i]);
        if (!kind)
            fail_msg("table %s is not classified for Citus: add it to the list in src/store/citus.c", names[i]);
        const char *column = store_citus_column(names[i]);
        if (column && !has_column(db, pg, names[i], column))
            fail_msg("table %s is %s but has no column %s", names[i], kind, column);
    }
    /* Boundary: persons is keyed by its own id; an unknown name has no class. */
    assert_string_equal(store_citus_column("persons"), "id");
    assert_string_equal(store_citus_column("caseloads"), "person_id");
    assert_null(store_citus_kind("no_such_table"));
    assert_null(store_citus_column("teams"));
    test_db_free(t);
}

/* On Citus: pg_dist_partition holds every person table distributed by its
 * person key in the co-location group of persons, every reference table as
 * a reference table, and every local table still on the coordinator only. */
static void citus_schema_is_distributed(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    if (store_citus_active(t->db, &err) != 1) {
        test_db_free(t);
        skip();
    }
    struct store_stmt *s = store_prepare(t->db,
        "SELECT c.relname AS name, COALESCE(CAST(p.partmethod AS TEXT), '') AS method,"
        " COALESCE(column_to_column_name(p.logicalrelid, p.partkey), '') AS col,"
        " CASE WHEN p.colocationid = (SELECT colocationid FROM pg_dist_partition"
        "   WHERE logicalrelid = CAST('persons' AS regclass)) THEN 1 ELSE 0 END AS with_persons,"
        " COALESCE(CAST(p.repmodel AS TEXT), '') AS repmodel"
        " FROM pg_class c LEFT JOIN pg_dist_partition p ON p.logicalrelid = c.oid"
        " WHERE c.relnamespace = CAST('public' AS regnamespace) AND c.relkind = 'r' ORDER BY 1", &err);
    assert_non_null(s);
    int persons = 0, references = 0;
    while (store_step(s, &err) == STORE_ROW) {
        const char *name = store_col_text(s, 0), *method = store_col_text(s, 1);
        const char *kind = store_citus_kind(name);
        assert_non_null(kind);
        if (strcmp(kind, "person") == 0) {
            if (strcmp(method, "h") != 0 || strcmp(store_col_text(s, 2), store_citus_column(name)) != 0 ||
                store_col_int(s, 3) != 1)
                fail_msg("%s: distributed by '%s' (%s), co-located with persons %d", name,
                         store_col_text(s, 2), method, (int)store_col_int(s, 3));
            persons++;
        } else if (strcmp(kind, "reference") == 0) {
            if (strcmp(method, "n") != 0 || strcmp(store_col_text(s, 4), "t") != 0)
                fail_msg("%s is not a reference table", name);
            references++;
        } else if (strcmp(kind, "own") == 0) {
            assert_string_equal(method, "h");
            assert_string_equal(store_col_text(s, 2), store_citus_column(name));
        } else if (method[0] && (strcmp(method, "n") != 0 || strcmp(store_col_text(s, 4), "s") != 0)) {
            /* Local: a plain table, or a Citus-managed local table on the
             * coordinator (Citus makes one of a local table with a foreign
             * key to a reference table, e.g. import_runs → organisations). */
            fail_msg("%s should stay on the coordinator, is %s/%s", name, method, store_col_text(s, 4));
        }
    }
    store_reset(s);
    assert_true(persons > 40);
    assert_true(references > 20);
    /* Keys made again with the person key: first in a primary key (what a
     * router query names), last in a unique constraint, so its own columns
     * still lead the index and a lookup by them (the NHS-number search on
     * every shard, a visit number from HL7, a local identifier) is an index
     * scan, not a scan of every shard. */
    static const struct { const char *table, *type, *columns; } keys[] = {
        {"persons", "p", "id"},
        {"persons", "u", "nhs_number,id"},
        {"caseloads", "p", "person_id,id"},
        {"hospital_stays", "p", "person_id,id"},
        {"hospital_stays", "u", "org_id,visit_number,person_id"},
        {"person_identifiers", "u", "org_id,identifier,person_id"},
        {"person_orgs", "p", "person_id,org_id"},   /* had it: unchanged */
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        s = store_prepare(t->db,
            "SELECT count(*) FROM (SELECT string_agg(CAST(a.attname AS TEXT), ',' ORDER BY u.ord) AS cols"
            " FROM pg_constraint k CROSS JOIN unnest(k.conkey) WITH ORDINALITY u(attnum, ord)"
            " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum"
            " WHERE k.conrelid = CAST($1 AS regclass) AND k.contype = $2 GROUP BY k.oid) x WHERE cols = $3", &err);
        assert_non_null(s);
        store_bind_text(s, 1, keys[i].table);
        store_bind_text(s, 2, keys[i].type);
        store_bind_text(s, 3, keys[i].columns);
        assert_int_equal(store_step(s, &err), STORE_ROW);
        if (store_col_int(s, 0) != 1)
            fail_msg("%s has no %s key (%s)", keys[i].table, keys[i].type, keys[i].columns);
        store_reset(s);
    }
    /* Running the migrations again changes nothing (already distributed). */
    assert_int_equal(store_migrate(t->db, &err), 0);
    test_db_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_table_is_classified),
        cmocka_unit_test(citus_schema_is_distributed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
