/* persons: the SQL behind the shared person record, caseloads, break-glass,
 * the timeline and the access facts. Person rows travel as JSON objects
 * keyed by column name (see PERSON_COLUMNS in persons.c), already validated
 * by the caller; booleans come back as JSON true/false. JSON results are
 * owned by the caller; NULL means error (err filled; STORE_ENOTFOUND when
 * absent). Writes expect the caller's transaction. */
#ifndef SEAMLESS_PERSONS_STORE_H
#define SEAMLESS_PERSONS_STORE_H
#include <jansson.h>
#include "domain/access.h"
#include "domain/dates.h"
#include "domain/person_view.h"
#include "store/accounts.h"

/* The facts for access_decide(): one query. relationship_since is the
 * earliest caseload close date that still counts ("today − grace"). */
struct access_query {
    const char *person_id, *user_id, *org_id, *relationship_since, *now;
};
int persons_access_facts(struct store *db, const struct access_query *q, struct access_facts *out,
                         struct store_error *err);
/* The same statement, for a caller that sends it together with others
 * (store_query_many): its text, its six parameters (until: storage for one
 * of them), and the facts read back from its rows. */
const char *persons_access_facts_sql(const struct access_query *q, char until[DATE_STR_SIZE], const char *params[6]);
void persons_access_facts_of(json_t *rows, struct access_facts *out);
/* The same facts, by the same rule, for every person with
 * q->person_id <= id <= last_id in one statement (a page of the $export),
 * records merged into another left out (an export never releases them):
 * fn is called for each in id order; a non-zero return stops (an error). */
typedef int (*persons_facts_fn)(void *arg, const char *person_id, const struct access_facts *f);
int persons_access_facts_range(struct store *db, const struct access_query *q, const char *last_id,
                               persons_facts_fn fn, void *arg, struct store_error *err);

int persons_insert(struct store *db, const struct actor *by, json_t *row, char id[STORE_ID_LEN],
                   struct store_error *err);
/* STORE_ENOTFOUND when the version moved on. */
int persons_update(struct store *db, const struct actor *by, const char *id, long long version, json_t *row,
                   struct store_error *err);
json_t *persons_get(struct store *db, const char *id, struct store_error *err);
/* The access facts for q and the record of q->person_id, read together: one
 * round trip on PostgreSQL, one read snapshot on SQLite. The record is NULL
 * (not an error) when the person does not exist; the caller decides from
 * the facts whether anything of it may be released. */
int persons_get_with_facts(struct store *db, const struct access_query *q, struct access_facts *facts,
                           json_t **record, struct store_error *err);
/* Every person with first_id <= id <= last_id as a person_view (the
 * columns a Patient is made of, with contacts and local identifiers), in id
 * order, without building JSON: fn is called for each (the view lasts for
 * the call); a non-zero return stops (an error). Three statements for the
 * range. */
typedef int (*persons_view_fn)(void *arg, const struct person_view *p);
int persons_stream_range(struct store *db, const char *first_id, const char *last_id, persons_view_fn fn, void *arg,
                         struct store_error *err);
/* 0 when the person exists, STORE_ENOTFOUND otherwise. */
int persons_exists(struct store *db, const char *id, struct store_error *err);
int persons_set_nhs_number(struct store *db, const char *id, const char *nhs, struct store_error *err);
int persons_id_by_nhs(struct store *db, const char *nhs, char id[STORE_ID_LEN], struct store_error *err);
json_t *persons_duplicates(struct store *db, const char *family_key, const char *given_key, const char *dob,
                           const char *postcode, struct store_error *err);
/* For a person about to be registered, in one statement: *nhs_taken when
 * someone on the record has the NHS number nhs (NULL: none), *likely when
 * someone has the same name keys, date of birth and postcode (NULL: no
 * postcode, never likely; persons_duplicates's rule). */
int persons_clashes(struct store *db, const char *nhs, const char *family_key, const char *given_key, const char *dob,
                    const char *postcode, int *nhs_taken, int *likely, struct store_error *err);

enum person_search { SEARCH_NHS, SEARCH_NAME_DOB, SEARCH_POSTCODE };
/* Identifying columns only (id, nhs_number, names, date_of_birth,
 * postcode), ordered by family name then id, after cursor id. */
json_t *persons_search(struct store *db, enum person_search by, const char *a, const char *b,
                       const char *after_id, int limit, struct store_error *err);

int persons_replace_contacts(struct store *db, const char *person_id, json_t *contacts, struct store_error *err);
int persons_set_identifier(struct store *db, const char *person_id, const char *org_id, const char *identifier,
                           struct store_error *err);
/* The person holding an organisation's local identifier: 0 with id, or
 * STORE_ENOTFOUND. (On Citus the unique key cannot span people, so the
 * service asks this before writing.) */
int persons_id_by_identifier(struct store *db, const char *org_id, const char *identifier, char id[STORE_ID_LEN],
                             struct store_error *err);
int persons_org_holds(struct store *db, const char *person_id, const char *org_id, const char *now,
                      struct store_error *err);
/* The person a caseload entry belongs to: {person_id}, or NULL with
 * STORE_ENOTFOUND. */
json_t *persons_caseload_person(struct store *db, const char *caseload_id, struct store_error *err);
int persons_caseload_open(struct store *db, const struct actor *by, const char *person_id, const char *team_id,
                          const char *opened_on, const char *reason, struct store_error *err);
int persons_event_add(struct store *db, const char *person_id, const char *org_id, const char *user_id,
                      const char *kind, const char *summary, const char *now, struct store_error *err);
/* Registering many people in one transaction (a bulk import's batch):
 * persons_stage_open empties the stage (a temporary table of this
 * connection, made the first time); persons_stage_add puts a row there as
 * persons_insert would write it (id: the new person's) — nothing is in
 * persons yet; persons_stage_write then writes every staged person in one
 * statement, with the cohort lists (cohorts_persons_added), the
 * organisation org_id holding their data, the "registered" event saying
 * summary and, with team_id, that team's caseload, and empties the stage.
 * ids[0..n) are the staged people's ids, in the order they were staged. */
int persons_stage_open(struct store *db, struct store_error *err);
int persons_stage_add(struct store *db, const struct actor *by, json_t *row, char id[STORE_ID_LEN],
                      struct store_error *err);
int persons_stage_write(struct store *db, const struct actor *by, const char (*ids)[STORE_ID_LEN], int n,
                        const char *org_id, const char *team_id, const char *opened_on, const char *summary,
                        struct store_error *err);
json_t *persons_timeline(struct store *db, const char *person_id, int limit, struct store_error *err);
/* Who read or changed the record (from the audit log), newest first. */
json_t *persons_access_log(struct store *db, const char *person_id, int limit, struct store_error *err);

int persons_break_glass_add(struct store *db, const char *person_id, const struct principal *who,
                            const char *reason, const char *now, const char *expires_at, char id[STORE_ID_LEN],
                            struct store_error *err);
/* The user's current grant for the person, or NULL with STORE_ENOTFOUND. */
json_t *persons_break_glass_current(struct store *db, const char *person_id, const char *user_id, const char *now,
                                    struct store_error *err);
json_t *persons_break_glass_list(struct store *db, const char *org_id, const char *status, int limit,
                                 struct store_error *err);
int persons_break_glass_review(struct store *db, const char *id, const char *org_id, const char *status,
                               const char *reviewer, const char *note, const char *now, struct store_error *err);

/* Moves everything of `merged` onto `survivor` and marks merged
 * (persons_merge.c): every person table of the Citus list
 * (store_citus_person_table) and every other table that names a person,
 * each as persons_merge_rule says. On Citus the rows are copied, parents
 * first, and the originals deleted, children first; elsewhere updated in
 * place. In the caller's transaction. 0 or STORE_E*. */
int persons_merge(struct store *db, const struct actor *by, const char *survivor, const char *merged,
                  struct store_error *err);

/* How persons_merge treats a table with a person_id column. */
enum persons_merge_rule {
    PERSONS_MERGE_UNKNOWN,        /* not a table the merge knows (a unit test fails on one) */
    PERSONS_MERGE_MOVES,          /* every row moves to the survivor */
    PERSONS_MERGE_SURVIVOR_FIRST, /* a key allows one row per person (*why names it): where both
                                   * records hold one the survivor's is kept and the merged
                                   * record's deleted; the merged record's others move */
    PERSONS_MERGE_STAYS,          /* the rows stay with the merged record; *why says why */
};
/* The rule for table; *why (when why is not NULL) a sentence for the last
 * two, NULL otherwise. */
enum persons_merge_rule persons_merge_rule(const char *table, const char **why);

#endif
