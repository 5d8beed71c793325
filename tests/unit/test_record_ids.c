/* Record ids that carry the person key (store.h: store_new_record_id,
 * store_record_person; docs/scaling.md): a new record of a person table is
 * "<person id>.<own id>", its person key is read back from the id alone,
 * and a record made before ids carried it is still found, by one lookup.
 * SQLite and PostgreSQL (and Citus, under scripts/with-citus). */
#include "svc_fixture.h"
#include "store/care_plans.h"
#include "store/persons.h"
#include <string.h>

static void a_new_record_id_is_the_person_then_its_own_id(void **state)
{
    (void)state;
    static const struct {
        const char *person;
        int carried;   /* 1: the person's 24 digits then 24 of its own; 0: a plain id */
    } rows[] = {
        {"0123456789abcdef01234567", 1},
        {"0123456789abcdef0123456", 0},     /* 23 digits: not a plain id */
        {"0123456789abcdef012345678", 0},   /* 25 */
        {"0123456789ABCDEF01234567", 0},    /* upper case is not how ids are made */
        {"0123456789abcdef0123456g", 0},
        {"", 0},
        {NULL, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char id[STORE_ID_LEN], pk[STORE_ID_LEN];
        store_new_record_id(rows[i].person, id);
        assert_int_equal(strspn(id, "0123456789abcdef"), strlen(id));   /* hex only: safe in any URL or pattern */
        struct store_error err = {0};
        if (rows[i].carried) {
            assert_int_equal(strlen(id), 48);
            assert_memory_equal(id, rows[i].person, 24);
            assert_int_equal(store_record_person(NULL, "care_plans", id, pk, &err), STORE_OK);
            assert_string_equal(pk, rows[i].person);
        } else {
            assert_int_equal(strlen(id), 24);
        }
    }
    /* Two records of one person differ in their own part. */
    char a[STORE_ID_LEN], b[STORE_ID_LEN];
    store_new_record_id("0123456789abcdef01234567", a);
    store_new_record_id("0123456789abcdef01234567", b);
    assert_string_not_equal(a, b);
}

static void the_person_key_of_an_id_and_of_an_old_plain_id(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct store *db = f->t->db;
    struct store_error err = {0};
    char now[STORE_TIME_LEN], id[STORE_ID_LEN], pk[STORE_ID_LEN];
    store_now(now);
    struct actor by = {f->user, now};
    struct care_plan_row r = {f->person, f->org, f->team, "[]", "[]", "2026-12-01", "2027-03-01", {0}};
    assert_int_equal(care_plans_insert(db, &by, &r, id, &err), 0);
    assert_int_equal(strlen(id), 48);
    assert_int_equal(strncmp(id, f->person, strlen(f->person)), 0);
    /* A plan written before ids carried the person: found by a lookup. */
    const char *p[] = {"legacy-plan-1", f->person, f->org, f->team, now, f->user};
    assert_int_equal(store_run(db, "INSERT INTO care_plans (id, person_id, org_id, team_id, needs, outcomes,"
                                   " start_on, review_on, status, created_at, created_by, updated_at, updated_by)"
                                   " VALUES ($1, $2, $3, $4, '[]', '[]', '2026-01-01', '2026-06-01', 'draft', $5, $6,"
                                   " $5, $6)", 6, p, &err), 0);
    static const struct {
        const char *table, *id;
        int want;
        int is_person;   /* pk is the fixture's person */
    } rows[] = {
        {"care_plans", "legacy-plan-1", STORE_OK, 1},
        {"care_plans", "no-such-plan", STORE_ENOTFOUND, 0},
        {"care_plans", "0123456789abcdef0123456", STORE_ENOTFOUND, 0},   /* 23 digits: a plain id, not found */
        {"organisations", "legacy-plan-1", STORE_ENOTFOUND, 0},   /* not a person table */
        {"persons", "legacy-plan-1", STORE_ENOTFOUND, 0},
        {"care_plans", "0123456789abcdef0123456789abcdef0123456789abcdef", STORE_OK, 0},   /* key read from the id */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        memset(&err, 0, sizeof err);
        assert_int_equal(store_record_person(db, rows[i].table, rows[i].id, pk, &err), rows[i].want);
        if (rows[i].is_person)
            assert_string_equal(pk, f->person);
    }
    /* Both kinds of id read back; a made-up one with a real person key does not. */
    json_t *a = care_plans_get(db, id, &err), *b = care_plans_get(db, "legacy-plan-1", &err);
    assert_non_null(a);
    assert_non_null(b);
    char fake[STORE_ID_LEN];
    store_new_record_id(f->person, fake);
    memset(&err, 0, sizeof err);
    assert_null(care_plans_get(db, fake, &err));
    assert_int_equal(err.code, STORE_ENOTFOUND);
    json_decref(a);
    json_decref(b);
    /* Merged into another person: the plan moved with the record and keeps
     * its id, which still finds it (the key follows the merge). */
    const char *q[] = {"abcdefabcdefabcdefabcdef", f->person};
    assert_int_equal(store_run(db, "INSERT INTO persons (id, family_name, given_name, family_name_key,"
                                   " given_name_key, date_of_birth, sex, created_at, updated_at)"
                                   " SELECT $1, family_name, 'Bea', family_name_key, 'BEA', date_of_birth, sex,"
                                   " created_at, updated_at FROM persons WHERE id = $2", 2, q, &err), 0);
    struct care_plan_row r2 = {"abcdefabcdefabcdefabcdef", f->org, f->team, "[]", "[]", "2026-12-01", "2027-03-01", {0}};
    char moved[STORE_ID_LEN];
    assert_int_equal(care_plans_insert(db, &by, &r2, moved, &err), 0);
    assert_memory_equal(moved, "abcdefabcdefabcdefabcdef", 24);
    assert_int_equal(persons_merge(db, &by, f->person, "abcdefabcdefabcdefabcdef", &err), 0);
    memset(&err, 0, sizeof err);
    assert_int_equal(store_record_person(db, "care_plans", moved, pk, &err), STORE_OK);
    assert_string_equal(pk, f->person);
    json_t *after = care_plans_get(db, moved, &err);
    assert_non_null(after);
    assert_string_equal(json_string_value(json_object_get(after, "person_id")), f->person);
    json_decref(after);
    fixture_free(f);
}

/* A second person, copied from the fixture's, with its own id. */
static void add_person_like(struct store *db, const char *id, const char *like)
{
    struct store_error err = {0};
    const char *q[] = {id, like};
    assert_int_equal(store_run(db, "INSERT INTO persons (id, family_name, given_name, family_name_key,"
                                   " given_name_key, date_of_birth, sex, created_at, updated_at)"
                                   " SELECT $1, family_name, 'Bea', family_name_key, 'BEA', date_of_birth, sex,"
                                   " created_at, updated_at FROM persons WHERE id = $2", 2, q, &err), 0);
}

/* A plan read with its tasks, assignments and versions: four lookups by the
 * plan's id, one persons read when the keys are kept. */
static long plan_read_reads(struct store *db, const char *id, const char *want_person)
{
    struct store_error err = {0};
    long before = store_key_reads(db);
    json_t *plan = care_plans_get(db, id, &err);
    assert_non_null(plan);
    assert_string_equal(json_string_value(json_object_get(plan, "person_id")), want_person);
    json_t *rows[] = {care_plan_tasks_for_plan(db, id, &err), care_task_assignments_for_plan(db, id, &err),
                      care_plan_versions_list(db, id, &err)};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        assert_non_null(rows[i]);
        json_decref(rows[i]);
    }
    json_decref(plan);
    return store_key_reads(db) - before;
}

static void a_person_key_is_read_once_per_transaction_or_request_and_forgotten_after(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct store *db = f->t->db;
    struct store_error err = {0};
    char now[STORE_TIME_LEN], id[STORE_ID_LEN];
    store_now(now);
    struct actor by = {f->user, now};
    struct care_plan_row r = {f->person, f->org, f->team, "[]", "[]", "2026-12-01", "2027-03-01", {0}};
    assert_int_equal(care_plans_insert(db, &by, &r, id, &err), 0);
    const char *survivor = "abcdefabcdefabcdefabcdef";
    add_person_like(db, survivor, f->person);

    /* Outside a transaction and a request nothing is kept: a read each. */
    assert_int_equal(plan_read_reads(db, id, f->person), 4);
    /* In a transaction, or a request's scope: one. */
    assert_int_equal(store_tx_begin(db, STORE_TX_READ, &err), 0);
    assert_int_equal(plan_read_reads(db, id, f->person), 1);
    assert_int_equal(plan_read_reads(db, id, f->person), 0);
    assert_int_equal(store_tx_commit(db, &err), 0);
    store_key_scope(db, 1);
    assert_int_equal(plan_read_reads(db, id, f->person), 1);

    /* Another connection merges the plan's person into another one and
     * commits; the next transaction here (and the next request) follows
     * the merge: the key kept before is not used. */
    struct store_error e2 = {0};
    struct store *other = store_open(f->t->path, &e2);
    assert_non_null(other);
    assert_int_equal(store_tx_begin(other, STORE_TX_WRITE, &e2), 0);
    assert_int_equal(persons_merge(other, &by, survivor, f->person, &e2), 0);
    assert_int_equal(store_tx_commit(other, &e2), 0);
    store_close(other);
    assert_int_equal(store_tx_begin(db, STORE_TX_READ, &err), 0);
    assert_int_equal(plan_read_reads(db, id, survivor), 2);   /* the merged person, then the survivor */
    assert_int_equal(plan_read_reads(db, id, survivor), 0);
    store_tx_rollback(db);
    store_key_scope(db, 0);
    store_key_scope(db, 1);
    assert_int_equal(plan_read_reads(db, id, survivor), 2);
    store_key_scope(db, 0);
    assert_int_equal(plan_read_reads(db, id, survivor), 8);   /* no scope: nothing kept */

    /* A merge in this transaction: a key read before it is not used after. */
    const char *third = "fedcbafedcbafedcbafedcba";
    add_person_like(db, third, survivor);
    assert_int_equal(store_tx_begin(db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(plan_read_reads(db, id, survivor), 2);
    assert_int_equal(persons_merge(db, &by, third, survivor, &err), 0);
    assert_int_equal(plan_read_reads(db, id, third), 3);   /* merged twice now */
    assert_int_equal(store_tx_commit(db, &err), 0);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_new_record_id_is_the_person_then_its_own_id),
        cmocka_unit_test(the_person_key_of_an_id_and_of_an_old_plain_id),
        cmocka_unit_test(a_person_key_is_read_once_per_transaction_or_request_and_forgotten_after),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
