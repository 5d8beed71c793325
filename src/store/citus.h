/* citus: the schema distributed on a Citus cluster (docs/scaling.md).
 *
 * Every table of the schema is classified here, in one list:
 *   person     distributed by the person's id (persons.id, elsewhere the
 *              person_id column) and co-located with persons, so every
 *              query about one person runs on one shard;
 *   reference  copied whole to every node (organisations, teams, users,
 *              code lists, bank holidays, meetings …): small, read with
 *              everything, changed by administration;
 *   own        distributed by one column of its own, not co-located
 *              (sessions by id_hash, login_throttle by username);
 *   local      kept on the coordinator (schema_migrations, the audit chain).
 * A table that is in none of them fails store_citus_distribute (and the unit
 * test test_citus_tables on every backend), so a new table is classified
 * when it is added, not left behind on the coordinator.
 *
 * store_citus_distribute runs after the migrations (store_migrate) on a
 * PostgreSQL database where the citus extension is installed, and does
 * nothing elsewhere. For each table not yet distributed it makes the
 * constraints fit what Citus enforces — a unique key of a person table gets
 * person_id in front; a foreign key between two person tables is made
 * (person_id, col) → (person_id, id); a foreign key that would cross shards
 * (to a person table from anything but a co-located person table, or to
 * persons by a column other than person_id) is dropped, its rule kept by
 * the service layer — then creates the reference and distributed tables.
 * Data already in the tables moves to the shards (the migration path from
 * a single server). Safe to run again: tables already distributed are left. */
#ifndef SEAMLESS_STORE_CITUS_H
#define SEAMLESS_STORE_CITUS_H
#include "store/store.h"
#include <stddef.h>

/* The audit chains a fresh trail gets on a cluster (audit_store.h). */
#define CITUS_AUDIT_CHAINS 8

/* "person", "reference", "own" or "local"; NULL for a table not in the list. */
const char *store_citus_kind(const char *table);

/* The distribution column of a person or own table ("id" for persons,
 * "person_id" for the other person tables); NULL for the other kinds. */
const char *store_citus_column(const char *table);

/* The i-th person table of the list other than persons (counting from 0),
 * NULL past the last: every table that holds a person's rows by person_id,
 * parents before children (a foreign key between two of them names one
 * earlier in the list). persons_merge moves a person's rows by this list. */
const char *store_citus_person_table(size_t i);

/* 1 when db is PostgreSQL with the citus extension, 0 when not, negative on error. */
int store_citus_active(struct store *db, struct store_error *err);

/* Distributes the schema as above when store_citus_active; 0 or a negative
 * STORE_E* code (an unclassified table is STORE_EUNSUPPORTED, naming it). */
int store_citus_distribute(struct store *db, struct store_error *err);

/* Copies the rows of a person table from one person to another (on Citus a
 * row cannot change its distribution value, so a merge copies and then
 * deletes): INSERT INTO table SELECT … with person_id = to, FROM the rows
 * WHERE person_id = from [AND extra], where extra may use $1 (to) and $2
 * (from). table must be a person table of the list. 0 or STORE_E*. */
int store_citus_copy_person_rows(struct store *db, const char *table, const char *to, const char *from,
                                 const char *extra, struct store_error *err);

#endif
