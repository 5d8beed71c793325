/* Merging two records of one person (persons.h: persons_merge).
 *
 * Which tables hold a person's rows is said once, by the Citus list
 * (store_citus_person_table): a new person table is merged as soon as it is
 * classified there. This file holds only the exceptions — keys that allow
 * one row per person, rows that stay with the merged record, tables that
 * name a person without being person tables — and
 * tests/unit/test_persons_merge.c fails on a table with a person_id column
 * that is none of these. */
#include "store/persons.h"
#include "store/backend.h"
#include "store/citus.h"
#include "store/cohort_members.h"
#include "util/buf.h"
#include <string.h>

/* Keys that allow one row per person: the merged record's rows that move
 * are those the survivor has no row for (the condition; $1 survivor, $2
 * merged), the others are deleted. The survivor's record is the one kept,
 * so its own entries win. */
static const struct {
    const char *table, *moves, *why;
} survivor_first[] = {
    {"person_identifiers", "org_id NOT IN (SELECT org_id FROM person_identifiers WHERE person_id = $1)",
     "one identifier per organisation"},
    {"person_orgs", "org_id NOT IN (SELECT org_id FROM person_orgs WHERE person_id = $1)",
     "one holding row per organisation"},
    {"person_cld_attributes", "NOT EXISTS (SELECT 1 FROM person_cld_attributes WHERE person_id = $1)",
     "one set of CLD attributes per person"},
    {"meeting_items", "meeting_id NOT IN (SELECT meeting_id FROM meeting_items WHERE person_id = $1)",
     "one agenda item per person per meeting"},
};

/* Tables with a person_id column whose rows a merge leaves where they are. */
static const struct {
    const char *table, *why;
} stays[] = {
    {"persons", "the record itself: marked merged_into the survivor"},
    {"person_versions", "the merged record's own earlier versions (FHIR vread and _history), numbered per record"},
    {"cohort_members", "derived from the person row: the cohort sync takes the merged record off the lists"},
    {"audit_log", "the audit trail is immutable and hashed: the merge is an entry of its own"},
    {"audit_people", "the people of an audit entry, part of the immutable trail"},
    {"audit_people_index", "the index of the immutable trail, filled from audit_people"},
    {"trail_outbox_log", "SQLite: a copy of audit entries until the trail file has them (store/sqlite_audit.c)"},
    {"trail_outbox_people", "SQLite: the same for the people of those entries"},
};

/* Tables that name a person without being distributed by the person (on
 * Citus not person tables): the column moves in place on every backend. */
static const char *const naming[] = {"hl7_messages"};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

enum persons_merge_rule persons_merge_rule(const char *table, const char **why)
{
    const char *unused;
    if (!why)
        why = &unused;
    *why = NULL;
    for (size_t i = 0; i < COUNT(stays); i++)
        if (strcmp(stays[i].table, table) == 0) {
            *why = stays[i].why;
            return PERSONS_MERGE_STAYS;
        }
    for (size_t i = 0; i < COUNT(survivor_first); i++)
        if (strcmp(survivor_first[i].table, table) == 0) {
            *why = survivor_first[i].why;
            return PERSONS_MERGE_SURVIVOR_FIRST;
        }
    for (size_t i = 0; i < COUNT(naming); i++)
        if (strcmp(naming[i], table) == 0)
            return PERSONS_MERGE_MOVES;
    const char *kind = store_citus_kind(table);
    return kind && strcmp(kind, "person") == 0 ? PERSONS_MERGE_MOVES : PERSONS_MERGE_UNKNOWN;
}

/* The condition on the merged record's rows that move, NULL for all. */
static const char *moving_rows(const char *table)
{
    for (size_t i = 0; i < COUNT(survivor_first); i++)
        if (strcmp(survivor_first[i].table, table) == 0)
            return survivor_first[i].moves;
    return NULL;
}

/* The i-th person table whose rows move, NULL past the last. */
static const char *moved_table(size_t i)
{
    const char *t;
    for (size_t k = 0; (t = store_citus_person_table(k)) != NULL; k++)
        if (persons_merge_rule(t, NULL) != PERSONS_MERGE_STAYS && i-- == 0)
            return t;
    return NULL;
}

/* Runs "<verb> <table> <rest>" with $1 survivor and $2 merged. */
static int run_on(struct store *db, const char *verb, const char *table, const char *rest, const char *cond,
                  const char *const p[2], struct store_error *err)
{
    struct buf sql;
    buf_init(&sql, 512);
    buf_printf(&sql, "%s %s %s%s%s", verb, table, rest, cond ? " AND " : "", cond ? cond : "");
    int rc = store_run(db, buf_str(&sql), 2, p, err);
    buf_free(&sql);
    return rc < 0 ? rc : STORE_OK;
}

static int merge_mark(struct store *db, const struct actor *by, const char *survivor, const char *merged,
                      struct store_error *err)
{
    /* The merged record keeps its NHS number out of the unique index. */
    const char *m[] = {merged, survivor, by->now, by->user_id};
    struct cohort_snapshot before;
    int rc = cohorts_person_load(db, merged, &before, err);
    store_keys_forget(db);   /* a key resolved to `merged` in this transaction is the survivor's now */
    if (rc == STORE_OK)
        rc = store_run(db, "UPDATE persons SET merged_into = $2, nhs_number = NULL, version = version + 1,"
                           " updated_at = $3, updated_by = $4 WHERE id = $1", 4, m, err);
    return rc == STORE_OK ? cohorts_person_sync(db, merged, &before, err) : rc;
}

/* On Citus a row cannot change its distribution value (the survivor's rows
 * live on another shard), so the rows are copied to the survivor, parents
 * before children, and the originals deleted, children before parents
 * (citus.h). */
static int merge_on_citus(struct store *db, const char *const p[2], struct store_error *err)
{
    const char *t;
    size_t n = 0;
    int rc = STORE_OK;
    for (; rc == STORE_OK && (t = moved_table(n)) != NULL; n++)
        rc = store_citus_copy_person_rows(db, t, p[0], p[1], moving_rows(t), err) < 0 ? err->code : STORE_OK;
    /* chc_challenges refer to each other (parent_id): clear the links first. */
    if (rc == STORE_OK)
        rc = run_on(db, "UPDATE", "chc_challenges", "SET parent_id = NULL WHERE person_id = $2 AND $1 = $1", NULL,
                    p, err);
    while (rc == STORE_OK && n-- > 0)
        rc = run_on(db, "DELETE FROM", moved_table(n), "WHERE person_id = $2 AND $1 = $1", NULL, p, err);
    return rc;
}

/* Elsewhere the rows move in place; what a key kept back is deleted. */
static int merge_in_place(struct store *db, const char *const p[2], struct store_error *err)
{
    const char *t;
    int rc = STORE_OK;
    for (size_t i = 0; rc == STORE_OK && (t = moved_table(i)) != NULL; i++) {
        const char *cond = moving_rows(t);
        rc = run_on(db, "UPDATE", t, "SET person_id = $1 WHERE person_id = $2", cond, p, err);
        if (rc == STORE_OK && cond)
            rc = run_on(db, "DELETE FROM", t, "WHERE person_id = $2 AND $1 = $1", NULL, p, err);
    }
    return rc;
}

int persons_merge(struct store *db, const struct actor *by, const char *survivor, const char *merged,
                  struct store_error *err)
{
    const char *p[] = {survivor, merged};
    int citus = store_citus_active(db, err);
    if (citus < 0)
        return citus;
    int rc = citus ? merge_on_citus(db, p, err) : merge_in_place(db, p, err);
    for (size_t i = 0; rc == STORE_OK && i < COUNT(naming); i++)
        rc = run_on(db, "UPDATE", naming[i], "SET person_id = $1 WHERE person_id = $2", NULL, p, err);
    return rc == STORE_OK ? merge_mark(db, by, survivor, merged, err) : rc;
}
