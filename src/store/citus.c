/* citus.h: the one list that classifies every table for a Citus cluster,
 * and the pass that distributes the schema by it. */
#include "store/citus.h"
#include "store/backend.h"
#include "store/audit_store.h"
#include "util/buf.h"
#include <stdlib.h>
#include <string.h>

enum citus_kind { CITUS_PERSON, CITUS_REFERENCE, CITUS_OWN, CITUS_LOCAL };

struct citus_table {
    const char *name;
    enum citus_kind kind;
    const char *column;   /* CITUS_OWN: the distribution column */
};

/* Every table of the schema. A new migration's table goes here too (the
 * check in store_citus_distribute and tests/unit/test_citus_tables.c fail
 * until it does): person-centred tables have person_id and are "person";
 * administration, catalogues and code lists are "reference". Person tables
 * come after the person tables their foreign keys name (parents first):
 * a merge copies them in this order and deletes in reverse
 * (store_citus_person_table; tests/unit/test_persons_merge.c checks it). */
static const struct citus_table tables[] = {
    /* The person and everything about one person. */
    {"persons", CITUS_PERSON, NULL},
    {"person_contacts", CITUS_PERSON, NULL},
    {"person_identifiers", CITUS_PERSON, NULL},
    {"person_cld_attributes", CITUS_PERSON, NULL},
    {"person_orgs", CITUS_PERSON, NULL},
    {"person_events", CITUS_PERSON, NULL},
    {"person_versions", CITUS_PERSON, NULL},
    {"caseloads", CITUS_PERSON, NULL},
    {"cohort_members", CITUS_PERSON, NULL},
    {"break_glass", CITUS_PERSON, NULL},
    {"referrals", CITUS_PERSON, NULL},
    {"referral_events", CITUS_PERSON, NULL},
    {"meeting_items", CITUS_PERSON, NULL},
    {"decisions", CITUS_PERSON, NULL},
    {"actions", CITUS_PERSON, NULL},
    {"shared_care_discussions", CITUS_PERSON, NULL},
    {"care_act_assessments", CITUS_PERSON, NULL},
    {"chc_cases", CITUS_PERSON, NULL},
    {"chc_checklists", CITUS_PERSON, NULL},
    {"chc_assessments", CITUS_PERSON, NULL},
    {"chc_decisions", CITUS_PERSON, NULL},
    {"chc_case_events", CITUS_PERSON, NULL},
    {"chc_reviews", CITUS_PERSON, NULL},
    {"chc_challenges", CITUS_PERSON, NULL},
    {"personal_health_budgets", CITUS_PERSON, NULL},
    {"care_plans", CITUS_PERSON, NULL},
    {"care_plan_versions", CITUS_PERSON, NULL},
    {"care_plan_tasks", CITUS_PERSON, NULL},
    {"care_task_assignments", CITUS_PERSON, NULL},
    {"oversight_reviews", CITUS_PERSON, NULL},
    {"joint_funding_requests", CITUS_PERSON, NULL},
    {"joint_funding_request_tasks", CITUS_PERSON, NULL},
    {"care_task_splits", CITUS_PERSON, NULL},
    {"interim_funding_periods", CITUS_PERSON, NULL},
    {"personal_budgets", CITUS_PERSON, NULL},
    {"direct_payments", CITUS_PERSON, NULL},
    {"direct_payment_reviews", CITUS_PERSON, NULL},
    {"hospital_stays", CITUS_PERSON, NULL},
    {"stay_changes", CITUS_PERSON, NULL},
    {"stay_delay_reasons", CITUS_PERSON, NULL},
    {"stay_reviews", CITUS_PERSON, NULL},
    {"stay_teams", CITUS_PERSON, NULL},
    {"stay_transfers", CITUS_PERSON, NULL},
    {"reablement_episodes", CITUS_PERSON, NULL},
    {"disputes", CITUS_PERSON, NULL},
    {"dispute_events", CITUS_PERSON, NULL},
    {"dispute_attachments", CITUS_PERSON, NULL},
    {"dispute_reconciliations", CITUS_PERSON, NULL},
    /* Organisations, people who work there, and administration. */
    {"localities", CITUS_REFERENCE, NULL},
    {"organisations", CITUS_REFERENCE, NULL},
    {"teams", CITUS_REFERENCE, NULL},
    {"users", CITUS_REFERENCE, NULL},
    {"user_teams", CITUS_REFERENCE, NULL},
    {"api_tokens", CITUS_REFERENCE, NULL},
    {"referral_routes", CITUS_REFERENCE, NULL},
    {"trusted_assessors", CITUS_REFERENCE, NULL},
    {"funding_panels", CITUS_REFERENCE, NULL},
    {"hospital_wards", CITUS_REFERENCE, NULL},
    {"partnerships", CITUS_REFERENCE, NULL},
    {"partnership_orgs", CITUS_REFERENCE, NULL},
    {"boards", CITUS_REFERENCE, NULL},
    {"board_members", CITUS_REFERENCE, NULL},
    {"fhir_export_jobs", CITUS_REFERENCE, NULL},
    /* Meetings belong to a team; their items (one per person) are person rows. */
    {"meetings", CITUS_REFERENCE, NULL},
    {"meeting_attendees", CITUS_REFERENCE, NULL},
    /* Hang off a person row without a person_id of their own (docs/scaling.md:
     * they should gain one and become person tables). */
    {"chc_mdt_members", CITUS_REFERENCE, NULL},
    {"shared_care_participants", CITUS_REFERENCE, NULL},
    /* Workforce and money tables that hold no person. */
    {"competencies", CITUS_REFERENCE, NULL},
    {"competency_assessors", CITUS_REFERENCE, NULL},
    {"training_courses", CITUS_REFERENCE, NULL},
    {"training_attendance", CITUS_REFERENCE, NULL},
    {"pooled_funds", CITUS_REFERENCE, NULL},
    {"pooled_fund_partners", CITUS_REFERENCE, NULL},
    {"pooled_fund_contributions", CITUS_REFERENCE, NULL},
    {"pooled_fund_services", CITUS_REFERENCE, NULL},
    {"pooled_fund_spend", CITUS_REFERENCE, NULL},
    /* Code lists and calendars. */
    {"care_task_types", CITUS_REFERENCE, NULL},
    {"discharge_delay_reasons", CITUS_REFERENCE, NULL},
    {"bank_holidays", CITUS_REFERENCE, NULL},
    {"bank_holiday_years", CITUS_REFERENCE, NULL},
    /* Keyed by their own lookup column. */
    {"sessions", CITUS_OWN, "id_hash"},
    {"login_throttle", CITUS_OWN, "username"},
    /* An inbound HL7 message may name no person yet; its idempotency key is
     * the sending organisation's control id. */
    {"hl7_messages", CITUS_OWN, "org_id"},
    /* On the coordinator: the migration record and the audit chain (one
     * chain today; docs/scaling.md plans one per shard group). */
    {"schema_migrations", CITUS_LOCAL, NULL},
    {"audit_log", CITUS_LOCAL, NULL},
    {"audit_head", CITUS_LOCAL, NULL},
    /* The people of an audit entry: written in the chain's transaction
     * and walked beside it by verify, so with the chain; and its person
     * index, filled from it by the writer (migration 036). */
    {"audit_people", CITUS_LOCAL, NULL},
    {"audit_people_index", CITUS_LOCAL, NULL},
    {"audit_index_state", CITUS_LOCAL, NULL},
    /* A bulk import's progress moves in the transaction of its batch. */
    {"import_runs", CITUS_LOCAL, NULL},
    /* The cohort counts and population totals move in the transaction of
     * the person's change (store/cohort_members.h). */
    {"cohort_counts", CITUS_LOCAL, NULL},
    {"cohort_population", CITUS_LOCAL, NULL},
    {"cohort_state", CITUS_LOCAL, NULL},
};

#define N_TABLES (sizeof tables / sizeof tables[0])

static const struct citus_table *find(const char *name)
{
    for (size_t i = 0; i < N_TABLES; i++)
        if (strcmp(tables[i].name, name) == 0)
            return &tables[i];
    return NULL;
}

const char *store_citus_kind(const char *table)
{
    static const char *const names[] = {"person", "reference", "own", "local"};
    const struct citus_table *t = find(table);
    return t ? names[t->kind] : NULL;
}

const char *store_citus_column(const char *table)
{
    const struct citus_table *t = find(table);
    if (!t)
        return NULL;
    if (t->kind == CITUS_PERSON)
        return strcmp(t->name, "persons") == 0 ? "id" : "person_id";
    return t->kind == CITUS_OWN ? t->column : NULL;
}

const char *store_citus_person_table(size_t i)
{
    for (size_t k = 0; k < N_TABLES; k++)
        if (tables[k].kind == CITUS_PERSON && strcmp(tables[k].name, "persons") != 0 && i-- == 0)
            return tables[k].name;
    return NULL;
}

int store_citus_active(struct store *db, struct store_error *err)
{
    if (strcmp(store_backend(db), "postgres") != 0)
        return 0;
    struct store_stmt *s = store_prepare(db, "SELECT COUNT(*) AS n FROM pg_extension WHERE extname = 'citus'", err);
    if (!s)
        return err->code;
    int rc = store_step(s, err);
    int active = rc == STORE_ROW ? store_col_int(s, 0) > 0 : rc;
    store_reset(s);
    return active;
}

/* A list of SQL statements to run later. */
struct sql_list {
    char **v;
    size_t n, cap;
};

static void list_add(struct sql_list *l, const char *sql)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            abort();
    }
    l->v[l->n++] = strdup(sql);
}

static void list_free(struct sql_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static int list_run(struct store *db, const struct sql_list *l, struct store_error *err)
{
    for (size_t i = 0; i < l->n; i++)
        if (store_exec(db, l->v[i], err) < 0)
            return err->code;
    return STORE_OK;
}

/* Tables of the schema that are not Citus tables yet, checking on the way
 * that every table of the schema is in the list. */
static int pending_tables(struct store *db, struct sql_list *pending, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db,
        "SELECT c.relname AS name,"
        " CASE WHEN EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid)"
        " THEN 1 ELSE 0 END AS done"
        " FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')"
        " ORDER BY c.relname", err);
    if (!s)
        return err->code;
    int rc;
    struct buf unknown;
    buf_init(&unknown, 200);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *name = store_col_text(s, 0);
        const struct citus_table *t = find(name);
        if (!t)
            buf_printf(&unknown, "%s%s", buf_str(&unknown)[0] ? ", " : "", name);
        else if (t->kind != CITUS_LOCAL && !store_col_int(s, 1))
            list_add(pending, name);
    }
    store_reset(s);
    if (rc < 0) {
        buf_free(&unknown);
        return rc;
    }
    if (buf_str(&unknown)[0]) {
        store_fail(err, STORE_EUNSUPPORTED, "tables not classified for Citus (src/store/citus.c): %s",
                   buf_str(&unknown));
        buf_free(&unknown);
        return err->code;
    }
    buf_free(&unknown);
    return STORE_OK;
}

static int is_pending(const struct sql_list *pending, const char *name)
{
    for (size_t i = 0; i < pending->n; i++)
        if (strcmp(pending->v[i], name) == 0)
            return 1;
    return 0;
}

/* "FOREIGN KEY (a) REFERENCES t(id) …" → "FOREIGN KEY (person_id, a)
 * REFERENCES t(person_id, id) …", so the key names the distribution column. */
static void fk_with_person(struct buf *out, const char *def)
{
    const char *open = strchr(def, '(');
    const char *ref = strstr(def, "REFERENCES ");
    const char *ref_open = ref ? strchr(ref, '(') : NULL;
    if (!open || !ref_open) {
        buf_puts(out, def);
        return;
    }
    buf_put(out, def, (size_t)(open + 1 - def));
    buf_puts(out, "person_id, ");
    buf_put(out, open + 1, (size_t)(ref_open + 1 - (open + 1)));
    buf_puts(out, "person_id, ");
    buf_puts(out, ref_open + 1);
}

/* Drops (into drop) every foreign key from or to a pending table, and
 * decides (into add) which come back once the tables are distributed. */
static int plan_foreign_keys(struct store *db, const struct sql_list *pending, struct sql_list *drop,
                             struct sql_list *add, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db,
        "SELECT t.relname AS tbl, r.relname AS ref,"
        " format('ALTER TABLE %I DROP CONSTRAINT %I', t.relname, k.conname) AS drop_sql,"
        " format('ALTER TABLE %I ADD CONSTRAINT %I ', t.relname, k.conname) AS add_sql,"
        " pg_get_constraintdef(k.oid) AS def,"
        " CASE WHEN k.conkey = ARRAY[(SELECT a.attnum FROM pg_attribute a"
        "   WHERE a.attrelid = k.conrelid AND a.attname = 'person_id')] THEN 1 ELSE 0 END AS by_person"
        " FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid"
        " WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace ORDER BY t.relname, k.conname", err);
    if (!s)
        return err->code;
    int rc;
    struct buf b;
    buf_init(&b, 4096);
    while ((rc = store_step(s, err)) == STORE_ROW) {
        const char *tbl = store_col_text(s, 0), *ref = store_col_text(s, 1);
        if (!is_pending(pending, tbl) && !is_pending(pending, ref))
            continue;
        const struct citus_table *from = find(tbl), *to = find(ref);
        if (!from || !to)
            continue;
        list_add(drop, store_col_text(s, 2));
        buf_reset(&b);
        buf_puts(&b, store_col_text(s, 3));
        if (to->kind == CITUS_REFERENCE)
            buf_puts(&b, store_col_text(s, 4));          /* to a reference table: as it was */
        else if (from->kind == CITUS_PERSON && to->kind == CITUS_PERSON && strcmp(ref, "persons") != 0)
            fk_with_person(&b, store_col_text(s, 4));   /* between co-located person rows */
        else if (from->kind == CITUS_PERSON && strcmp(ref, "persons") == 0 && store_col_int(s, 5))
            buf_puts(&b, store_col_text(s, 4));          /* person_id → persons(id) */
        else
            continue;                                   /* would cross shards: the service keeps it */
        list_add(add, buf_str(&b));
    }
    store_reset(s);
    buf_free(&b);
    return rc < 0 ? rc : STORE_OK;
}

/* Unique keys and unique indexes of a distributed table that lack its
 * distribution column, dropped and made again with it: in front of a
 * primary key ((person_id, id), what a router query names), after the
 * columns of a unique constraint, so that it still serves a lookup by them
 * (`persons (nhs_number, id)` for the NHS-number search on every shard,
 * `hospital_stays (org_id, visit_number, person_id)` for the HL7 intake);
 * in front of a unique index's (its definition may hold expressions). */
static int plan_unique_keys(struct store *db, const char *table, const char *column, struct sql_list *drop,
                            struct sql_list *add, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db,
        "SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', c.relname, k.conname) AS drop_sql,"
        " format('ALTER TABLE %I ADD CONSTRAINT %I %s (%s)', c.relname, k.conname,"
        "   CASE k.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END,"
        "   CASE k.contype WHEN 'p' THEN quote_ident($2) || ', ' ELSE '' END"
        "   || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY u.ord)"
        "    FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord)"
        "    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum)"
        "   || CASE k.contype WHEN 'p' THEN '' ELSE ', ' || quote_ident($2) END) AS add_sql"
        " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
        " WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace AND k.contype IN ('p', 'u')"
        " AND NOT EXISTS (SELECT 1 FROM unnest(k.conkey) u(attnum) JOIN pg_attribute a"
        "   ON a.attrelid = k.conrelid AND a.attnum = u.attnum WHERE a.attname = $2)"
        " UNION ALL"
        " SELECT format('DROP INDEX %I', i.relname) AS drop_sql,"
        " regexp_replace(pg_get_indexdef(x.indexrelid), ' USING (\\w+) \\(', ' USING \\1 (' || quote_ident($2) || ', ')"
        "   AS add_sql"
        " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
        " WHERE t.relname = $1 AND t.relnamespace = 'public'::regnamespace AND x.indisunique"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)"
        " AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = $2"
        "   AND a.attnum = ANY (CAST(x.indkey AS int2[])))", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, table);
    store_bind_text(s, 2, column);
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        list_add(drop, store_col_text(s, 0));
        list_add(add, store_col_text(s, 1));
    }
    store_reset(s);
    return rc < 0 ? rc : STORE_OK;
}

static int distribute_one(struct store *db, const struct citus_table *t, struct store_error *err)
{
    const char *params[] = {t->name, store_citus_column(t->name)};
    if (t->kind == CITUS_REFERENCE)
        return store_run(db, "SELECT create_reference_table(CAST($1 AS regclass))", 1, params, err);
    if (t->kind == CITUS_OWN)
        return store_run(db, "SELECT create_distributed_table(CAST($1 AS regclass), $2, colocate_with => 'none')",
                         2, params, err);
    if (strcmp(t->name, "persons") == 0)
        return store_run(db, "SELECT create_distributed_table(CAST($1 AS regclass), $2)", 2, params, err);
    return store_run(db, "SELECT create_distributed_table(CAST($1 AS regclass), $2, colocate_with => 'persons')",
                     2, params, err);
}

static int distribute(struct store *db, const struct sql_list *pending, struct store_error *err)
{
    struct sql_list drop = {0}, keys = {0}, add = {0};
    int rc = plan_foreign_keys(db, pending, &drop, &add, err);
    for (size_t i = 0; rc == STORE_OK && i < pending->n; i++) {
        const char *column = store_citus_column(pending->v[i]);
        if (column)
            rc = plan_unique_keys(db, pending->v[i], column, &drop, &keys, err);
    }
    if (rc == STORE_OK)
        rc = list_run(db, &drop, err);
    if (rc == STORE_OK)
        rc = list_run(db, &keys, err);
    /* In list order: persons before the tables co-located with it. */
    for (size_t i = 0; rc == STORE_OK && i < N_TABLES; i++)
        if (is_pending(pending, tables[i].name))
            rc = distribute_one(db, &tables[i], err);
    if (rc == STORE_OK)
        rc = list_run(db, &add, err);
    list_free(&drop);
    list_free(&keys);
    list_free(&add);
    return rc;
}

/* The trail on a cluster becomes CITUS_AUDIT_CHAINS chains (audit_store.h),
 * so appends about different people do not queue on one head row: a fresh
 * one from its first entry, one moved from a single server after its
 * entries so far (they stay chain 1's). Once: a split trail is left. */
static int split_trail(struct store *db, struct store_error *err)
{
    int split = 0;
    int rc = store_tx_begin(db, STORE_TX_WRITE, err);
    if (rc == STORE_OK)
        rc = audit_store_split(db, CITUS_AUDIT_CHAINS, &split, err);
    if (rc == STORE_OK)
        rc = store_tx_commit(db, err);
    else if (store_in_tx(db))
        store_tx_rollback(db);
    return rc;
}

int store_citus_distribute(struct store *db, struct store_error *err)
{
    int active = store_citus_active(db, err);
    if (active <= 0)
        return active;
    struct sql_list pending = {0};
    int rc = pending_tables(db, &pending, err);
    if (rc == STORE_OK && pending.n > 0) {
        /* One transaction: a failure leaves the schema as it was. Sequential
         * mode lets Citus create many tables with foreign keys in one. */
        rc = store_tx_begin(db, STORE_TX_WRITE, err);
        if (rc == STORE_OK)
            rc = store_exec(db, "SET LOCAL citus.multi_shard_modify_mode TO 'sequential'", err);
        if (rc == STORE_OK)
            rc = distribute(db, &pending, err);
        if (rc == STORE_OK)
            rc = store_tx_commit(db, err);
        else if (store_in_tx(db))
            store_tx_rollback(db);
    }
    list_free(&pending);
    if (rc == STORE_OK)
        rc = split_trail(db, err);
    /* Every session on this database runs multi-shard statements over one
     * connection per worker: a transaction that reads across shards and
     * then writes a reference table (a meeting, a team) is refused in the
     * default parallel mode ("parallel operation on a distributed table"). */
    char sql[256];
    if (rc == STORE_OK)
        rc = store_query_text(db, "SELECT format('ALTER DATABASE %I SET citus.multi_shard_modify_mode TO sequential',"
                              " current_database()) AS sql", 0, NULL, sql, sizeof sql, err);
    if (rc == STORE_OK)
        rc = store_exec(db, sql, err);
    /* …and this session too (demo goes on writing on the connection that migrated). */
    if (rc == STORE_OK)
        rc = store_exec(db, "SET citus.multi_shard_modify_mode TO 'sequential'", err);
    return rc;
}

int store_citus_copy_person_rows(struct store *db, const char *table, const char *to, const char *from,
                                 const char *extra, struct store_error *err)
{
    const struct citus_table *t = find(table);
    if (!t || t->kind != CITUS_PERSON || strcmp(table, "persons") == 0)
        return store_fail(err, STORE_EGENERIC, "not a person table: %s", table);
    /* The column lists from the catalogue, person_id replaced by $1. */
    char cols[2048], vals[2048];
    const char *p[] = {table};
    if (store_query_text(db, "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS cols"
                         " FROM pg_attribute WHERE attrelid = CAST($1 AS regclass) AND attnum > 0"
                         " AND NOT attisdropped", 1, p, cols, sizeof cols, err) != STORE_OK ||
        store_query_text(db, "SELECT string_agg(CASE WHEN attname = 'person_id' THEN '$1' ELSE quote_ident(attname)"
                         " END, ', ' ORDER BY attnum) AS vals FROM pg_attribute"
                         " WHERE attrelid = CAST($1 AS regclass) AND attnum > 0 AND NOT attisdropped",
                         1, p, vals, sizeof vals, err) != STORE_OK)
        return err->code;
    struct buf sql;
    buf_init(&sql, 16384);
    buf_printf(&sql, "INSERT INTO %s (%s) SELECT %s FROM %s WHERE person_id = $2 AND $1 = $1%s%s", table, cols,
               vals, table, extra ? " AND " : "", extra ? extra : "");
    const char *q[] = {to, from};
    int rc = store_run(db, buf_str(&sql), 2, q, err);
    buf_free(&sql);
    return rc;
}
