#include "store/persons.h"
#include "store/persons_int.h"
#include "domain/nhs_number.h"
#include "store/cohort_members.h"
#include "store/person_versions.h"
#include <stdio.h>
#include <string.h>

/* Editable columns, in the order of the INSERT and UPDATE texts below. */
static const char *const PERSON_COLUMNS[] = {
    "nhs_number", "nhs_number_status", "family_name", "given_name", "preferred_name", "family_name_key",
    "given_name_key", "date_of_birth", "date_of_death", "sex", "postcode", "address_line1", "address_line2",
    "town", "gp_practice_id", "phone", "email", "main_language", "interpreter_needed", "communication_needs",
    "objects_to_sharing", "alert_safeguarding", "alert_risk_to_staff", "alert_note", "ltc_count",
    "efi_deficits", "predicted_cost_pence", "efi_count", "frailty_flag",
};
#define NCOLS ((int)(sizeof PERSON_COLUMNS / sizeof PERSON_COLUMNS[0]))
_Static_assert(sizeof PERSON_COLUMNS / sizeof PERSON_COLUMNS[0] == PERSONS_EDITABLE, "persons_int.h lists the columns");

static const char *const BOOL_COLUMNS[] = {"frailty_flag", "interpreter_needed", "objects_to_sharing",
                                           "alert_safeguarding", "alert_risk_to_staff", "next_of_kin"};

static void bind_json(struct store_stmt *s, int n, json_t *v)
{
    if (json_is_integer(v))
        store_bind_int(s, n, json_integer_value(v));
    else if (json_is_boolean(v))
        store_bind_int(s, n, json_is_true(v));
    else if (json_is_string(v))
        store_bind_text(s, n, json_string_value(v));
    else
        store_bind_null(s, n);
}

/* A row without an NHS number status gets the one a typed-in number has
 * (domain/nhs_number.h): "02" with a number, "03" without. */
static void default_status(json_t *row)
{
    if (!json_is_string(json_object_get(row, "nhs_number_status")))
        json_object_set_new(row, "nhs_number_status", json_string(nhs_number_status_after_edit(
            NULL, NULL, json_string_value(json_object_get(row, "nhs_number")))));
}

void persons_bind_editable(struct store_stmt *s, int first, json_t *row)
{
    default_status(row);
    for (int i = 0; i < NCOLS; i++)
        bind_json(s, first + i, json_object_get(row, PERSON_COLUMNS[i]));
}

void persons_bind_new(struct store_stmt *s, json_t *row, const struct actor *by, char id[STORE_ID_LEN])
{
    store_new_id(id);
    persons_bind_editable(s, 1, row);
    store_bind_text(s, NCOLS + 1, id);
    store_bind_text(s, NCOLS + 2, json_string_value(json_object_get(row, "registered_org_id")));
    store_bind_text(s, NCOLS + 3, by->now);
    store_bind_text(s, NCOLS + 4, by->user_id);
}

int persons_insert(struct store *db, const struct actor *by, json_t *row, char id[STORE_ID_LEN],
                   struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "INSERT INTO persons (" PERSONS_INSERT_COLUMNS ") VALUES ("
        PERSONS_INSERT_PARAMS ")", err);
    if (!s)
        return err->code;
    persons_bind_new(s, row, by, id);
    int rc = store_step_done(s, err);
    return rc == STORE_OK ? cohorts_person_sync(db, id, NULL, err) : rc;
}

/* Keeps the outgoing version for vread/_history (migration 023) when it
 * is the one being changed; a stale update changes nothing either way. */
static int keep_version(struct store *db, const char *id, long long version, struct store_error *err)
{
    json_t *cur = persons_get(db, id, err);
    if (!cur)
        return err->code == STORE_ENOTFOUND ? STORE_OK : err->code;
    int rc = json_integer_value(json_object_get(cur, "version")) == version
                 ? person_versions_add(db, id, cur, err) : STORE_OK;
    json_decref(cur);
    return rc;
}

int persons_update(struct store *db, const struct actor *by, const char *id, long long version, json_t *row,
                   struct store_error *err)
{
    int kept = keep_version(db, id, version, err);
    if (kept != STORE_OK)
        return kept;
    struct cohort_snapshot before;
    if ((kept = cohorts_person_load(db, id, &before, err)) != STORE_OK)
        return kept;
    struct store_stmt *s = store_prepare(db,
        "UPDATE persons SET nhs_number = $1, nhs_number_status = $2, family_name = $3, given_name = $4,"
        " preferred_name = $5, family_name_key = $6, given_name_key = $7, date_of_birth = $8,"
        " date_of_death = $9, sex = $10, postcode = $11, address_line1 = $12, address_line2 = $13,"
        " town = $14, gp_practice_id = $15, phone = $16, email = $17, main_language = $18,"
        " interpreter_needed = $19, communication_needs = $20, objects_to_sharing = $21,"
        " alert_safeguarding = $22, alert_risk_to_staff = $23, alert_note = $24, ltc_count = $25,"
        " efi_deficits = $26, predicted_cost_pence = $27, efi_count = $28, frailty_flag = $29,"
        " version = version + 1, updated_at = $32, updated_by = $33 WHERE id = $30 AND version = $31", err);
    if (!s)
        return err->code;
    persons_bind_editable(s, 1, row);
    store_bind_text(s, NCOLS + 1, id);
    store_bind_int(s, NCOLS + 2, version);
    store_bind_text(s, NCOLS + 3, by->now);
    store_bind_text(s, NCOLS + 4, by->user_id);
    int rc = store_changed_one(db, store_step_done(s, err), err);
    return rc == STORE_OK ? cohorts_person_sync(db, id, &before, err) : rc;
}

static void fix_booleans(json_t *o)
{
    for (size_t i = 0; i < sizeof BOOL_COLUMNS / sizeof BOOL_COLUMNS[0]; i++) {
        json_t *v = json_object_get(o, BOOL_COLUMNS[i]);
        if (json_is_integer(v))
            json_object_set_new(o, BOOL_COLUMNS[i], json_boolean(json_integer_value(v)));
    }
}

/* The record and its parts: four reads, sent together (one round trip on
 * PostgreSQL). The organisations' codes and name are scalar subqueries,
 * not LEFT JOINs: with joins PostgreSQL hashed the whole organisations
 * table twice for the one person (cheaper on paper than two index lookups
 * while the table is small), 140 µs a read against 88 µs
 * (docs/performance.md, "Session 16"). */
static const char *const RECORD_SQL[4] = {
    "SELECT p.*, (SELECT g.code FROM organisations g WHERE g.id = p.gp_practice_id) AS gp_practice_code,"
    " (SELECT g.name FROM organisations g WHERE g.id = p.gp_practice_id) AS gp_practice_name,"
    " (SELECT r.code FROM organisations r WHERE r.id = p.registered_org_id) AS registered_org_code"
    " FROM persons p WHERE p.id = $1",
    "SELECT id, name, relationship, phone, email, next_of_kin FROM person_contacts WHERE person_id = $1"
    " ORDER BY name, id",
    "SELECT o.id AS org_id, o.code AS org_code, o.name AS org_name, i.identifier"
    " FROM person_identifiers i JOIN organisations o ON o.id = i.org_id WHERE i.person_id = $1 ORDER BY o.name",
    "SELECT c.id, t.id AS team_id, t.code AS team_code, t.name AS team_name,"
    " o.name AS org_name, c.opened_on, c.closed_on, c.reason FROM caseloads c JOIN teams t ON t.id = c.team_id"
    " JOIN organisations o ON o.id = t.org_id WHERE c.person_id = $1 ORDER BY c.opened_on DESC, c.id",
};

/* The record from RECORD_SQL's four results (taken over), or NULL when the
 * person does not exist. */
static json_t *record_of(json_t *r[4])
{
    json_t *person = json_incref(json_array_get(r[0], 0));
    json_decref(r[0]);
    if (!person) {
        json_decref(r[1]); json_decref(r[2]); json_decref(r[3]);
        return NULL;
    }
    json_object_del(person, "family_name_key");
    json_object_del(person, "given_name_key");
    fix_booleans(person);
    size_t i;
    json_t *c;
    json_array_foreach(r[1], i, c)
        fix_booleans(c);
    json_object_set_new(person, "contacts", r[1]);
    json_object_set_new(person, "local_identifiers", r[2]);
    json_object_set_new(person, "caseloads", r[3]);
    return person;
}

json_t *persons_get(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    const char *const *params[] = {p, p, p, p};
    const int np[] = {1, 1, 1, 1};
    json_t *r[4];
    if (store_query_many(db, 4, RECORD_SQL, np, params, r, err) != STORE_OK)
        return NULL;
    json_t *person = record_of(r);
    if (!person)
        store_notfound(err);
    return person;
}

int persons_get_with_facts(struct store *db, const struct access_query *q, struct access_facts *facts,
                           json_t **record, struct store_error *err)
{
    char until[DATE_STR_SIZE];
    const char *fp[6];
    const char *sql[5] = {persons_access_facts_sql(q, until, fp), RECORD_SQL[0], RECORD_SQL[1], RECORD_SQL[2],
                          RECORD_SQL[3]};
    const char *p[] = {q->person_id};
    const char *const *params[] = {fp, p, p, p, p};
    const int np[] = {6, 1, 1, 1, 1};
    json_t *r[5];
    *record = NULL;
    int rc = store_query_many(db, 5, sql, np, params, r, err);
    if (rc != STORE_OK)
        return rc;
    persons_access_facts_of(r[0], facts);
    json_decref(r[0]);
    *record = record_of(r + 1);
    return STORE_OK;
}

int persons_exists(struct store *db, const char *id, struct store_error *err)
{
    const char *p[] = {id};
    char found[STORE_ID_LEN];
    return store_query_text(db, "SELECT id FROM persons WHERE id = $1", 1, p, found, sizeof found, err);
}

int persons_set_nhs_number(struct store *db, const char *id, const char *nhs, struct store_error *err)
{
    const char *p[] = {id, nhs};
    struct cohort_snapshot before;
    int rc = cohorts_person_load(db, id, &before, err);
    if (rc == STORE_OK)
        rc = store_run(db, "UPDATE persons SET nhs_number = $2 WHERE id = $1", 2, p, err);
    return rc == STORE_OK ? cohorts_person_sync(db, id, &before, err) : rc;
}

int persons_id_by_nhs(struct store *db, const char *nhs, char id[STORE_ID_LEN], struct store_error *err)
{
    const char *p[] = {nhs};
    return store_query_text(db, "SELECT id FROM persons WHERE nhs_number = $1", 1, p, id, STORE_ID_LEN, err);
}

json_t *persons_duplicates(struct store *db, const char *family_key, const char *given_key, const char *dob,
                           const char *postcode, struct store_error *err)
{
    const char *p[] = {family_key, given_key, dob, postcode};
    /* "postcode || ''": the lookup must go by name and date of birth
     * (persons_name_dob). Without planner statistics — a database that was
     * never ANALYZEd, as a new one being imported into — SQLite chose the
     * postcode index, and a postcode is shared by hundreds of people: every
     * check read them all, and an import of 100,000 people slowed to a few
     * hundred rows a second (docs/performance.md). */
    return store_query_rows(db, "SELECT id FROM persons WHERE family_name_key = $1 AND given_name_key = $2"
                                " AND date_of_birth = $3 AND postcode || '' = $4 AND merged_into IS NULL", 4, p, err);
}

int persons_clashes(struct store *db, const char *nhs, const char *family_key, const char *given_key, const char *dob,
                    const char *postcode, int *nhs_taken, int *likely, struct store_error *err)
{
    *nhs_taken = *likely = 0;
    /* postcode || '': by name and date of birth, as persons_duplicates. */
    struct store_stmt *s = store_prepare(db, "SELECT CASE WHEN EXISTS (SELECT 1 FROM persons WHERE nhs_number = $1)"
        " THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM persons WHERE family_name_key = $2"
        " AND given_name_key = $3 AND date_of_birth = $4 AND postcode || '' = $5 AND merged_into IS NULL)"
        " THEN 1 ELSE 0 END", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, nhs);
    store_bind_text(s, 2, family_key);
    store_bind_text(s, 3, given_key);
    store_bind_text(s, 4, dob);
    store_bind_text(s, 5, postcode);
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        *nhs_taken = store_col_int(s, 0) != 0;
        *likely = store_col_int(s, 1) != 0;
    }
    store_reset(s);
    return rc == STORE_ROW ? STORE_OK : rc == STORE_DONE ? store_notfound(err) : rc;
}

#define SEARCH_COLS "SELECT id, nhs_number, family_name, given_name, date_of_birth, postcode FROM persons"
#define SEARCH_TAIL " AND merged_into IS NULL AND id > $3 ORDER BY id LIMIT $4"

json_t *persons_search(struct store *db, enum person_search by, const char *a, const char *b,
                       const char *after_id, int limit, struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {a, b ? b : "", after_id ? after_id : "", lim};
    switch (by) {
    case SEARCH_NHS:
        return store_query_rows(db, SEARCH_COLS " WHERE nhs_number = $1 AND $2 = $2" SEARCH_TAIL, 4, p, err);
    case SEARCH_NAME_DOB:
        return store_query_rows(db, SEARCH_COLS " WHERE family_name_key = $1 AND date_of_birth = $2"
                                    SEARCH_TAIL, 4, p, err);
    default:
        return store_query_rows(db, SEARCH_COLS " WHERE postcode = $1 AND $2 = $2" SEARCH_TAIL, 4, p, err);
    }
}

int persons_replace_contacts(struct store *db, const char *person_id, json_t *contacts, struct store_error *err)
{
    const char *p[] = {person_id};
    int rc = store_run(db, "DELETE FROM person_contacts WHERE person_id = $1", 1, p, err);
    size_t i;
    json_t *c;
    json_array_foreach(contacts, i, c) {
        if (rc != 0)
            break;
        struct store_stmt *s = store_prepare(db, "INSERT INTO person_contacts (id, person_id, name, relationship,"
                                                 " phone, email, next_of_kin) VALUES ($1, $2, $3, $4, $5, $6, $7)", err);
        if (!s)
            return err->code;
        char id[STORE_ID_LEN];
        store_new_record_id(person_id, id);
        store_bind_text(s, 1, id);
        store_bind_text(s, 2, person_id);
        bind_json(s, 3, json_object_get(c, "name"));
        bind_json(s, 4, json_object_get(c, "relationship"));
        bind_json(s, 5, json_object_get(c, "phone"));
        bind_json(s, 6, json_object_get(c, "email"));
        store_bind_int(s, 7, json_is_true(json_object_get(c, "next_of_kin")));
        rc = store_step_done(s, err);
    }
    return rc;
}

int persons_set_identifier(struct store *db, const char *person_id, const char *org_id, const char *identifier,
                           struct store_error *err)
{
    const char *p[] = {person_id, org_id, identifier};
    if (!identifier || !*identifier)
        return store_run(db, "DELETE FROM person_identifiers WHERE person_id = $1 AND org_id = $2", 2, p, err);
    return store_run(db, "INSERT INTO person_identifiers (person_id, org_id, identifier) VALUES ($1, $2, $3)"
                         " ON CONFLICT (person_id, org_id) DO UPDATE SET identifier = $3", 3, p, err);
}

int persons_id_by_identifier(struct store *db, const char *org_id, const char *identifier, char id[STORE_ID_LEN],
                             struct store_error *err)
{
    const char *p[] = {org_id, identifier};
    return store_query_text(db, "SELECT person_id FROM person_identifiers WHERE org_id = $1 AND identifier = $2",
                            2, p, id, STORE_ID_LEN, err);
}

int persons_org_holds(struct store *db, const char *person_id, const char *org_id, const char *now,
                      struct store_error *err)
{
    const char *p[] = {person_id, org_id, now};
    return store_run(db, "INSERT INTO person_orgs (person_id, org_id, since) VALUES ($1, $2, $3)"
                         " ON CONFLICT (person_id, org_id) DO NOTHING", 3, p, err);
}

int persons_caseload_open(struct store *db, const struct actor *by, const char *person_id, const char *team_id,
                          const char *opened_on, const char *reason, struct store_error *err)
{
    char id[STORE_ID_LEN];
    store_new_record_id(person_id, id);
    const char *p[] = {id, person_id, team_id, opened_on, reason ? reason : "", by->now, by->user_id};
    return store_run(db, "INSERT INTO caseloads (id, person_id, team_id, opened_on, reason, created_at, created_by)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7)", 7, p, err);
}

int persons_event_add(struct store *db, const char *person_id, const char *org_id, const char *user_id,
                      const char *kind, const char *summary, const char *now, struct store_error *err)
{
    char id[STORE_ID_LEN];
    store_new_record_id(person_id, id);
    const char *p[] = {id, person_id, now, org_id, user_id, kind, summary};
    return store_run(db, "INSERT INTO person_events (id, person_id, at, org_id, user_id, kind, summary)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7)", 7, p, err);
}

json_t *persons_timeline(struct store *db, const char *person_id, int limit, struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {person_id, lim};
    return store_query_rows(db, "SELECT e.at, e.kind, e.summary, o.name AS org_name, u.display_name AS by_name"
        " FROM person_events e LEFT JOIN organisations o ON o.id = e.org_id LEFT JOIN users u ON u.id = e.user_id"
        " WHERE e.person_id = $1 ORDER BY e.at DESC, e.id DESC LIMIT $2", 2, p, err);
}

json_t *persons_access_log(struct store *db, const char *person_id, int limit, struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {person_id, lim};
    /* The person's entries and the lists that named them (audit_people_all:
     * the person index and its unindexed tail), the person's and those
     * merged into it; each half by its person index. */
    return store_query_rows(db, "SELECT a.seq, a.at, a.action, a.basis, u.display_name AS user_name, a.role,"
        " o.name AS org_name FROM (SELECT $1 AS pid UNION ALL SELECT id FROM persons WHERE merged_into = $1) m"
        " JOIN audit_log a ON a.person_id = m.pid LEFT JOIN users u ON u.id = a.user_id"
        " LEFT JOIN organisations o ON o.id = a.org_id"
        " UNION ALL SELECT a.seq, a.at, a.action, ap.basis, u.display_name AS user_name, a.role,"
        " o.name AS org_name FROM (SELECT $1 AS pid UNION ALL SELECT id FROM persons WHERE merged_into = $1) m"
        " JOIN audit_people_all ap ON ap.person_id = m.pid JOIN audit_log a ON a.seq = ap.seq"
        " LEFT JOIN users u ON u.id = a.user_id LEFT JOIN organisations o ON o.id = a.org_id"
        " ORDER BY 1 DESC LIMIT $2", 2, p, err);
}

json_t *persons_caseload_person(struct store *db, const char *caseload_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "caseloads", caseload_id);
    const char *p[] = {caseload_id, pk};
    return store_query_one(db, "SELECT person_id FROM caseloads WHERE person_id = $2 AND id = $1", 2, p, err);
}
