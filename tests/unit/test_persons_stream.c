/* Unit tests for the $export's page reads on the backend under test:
 * persons_stream_range gives, for every person, the Patient text that
 * the record read one at a time (persons_get → fhir_patient_from_person)
 * gives; persons_access_facts_range decides every person of a range as
 * persons_access_facts decides each alone (the same rule), over people
 * refused, allowed and allowed on break-glass. */
#include "test_helpers.h"
#include <jansson.h>
#include <string.h>
#include "domain/access.h"
#include "fhir/patient.h"
#include "store/persons.h"

#define NOW "2026-12-02T12:00:00Z"
#define SINCE "2026-11-04T12:00:00Z"

static void exec(struct store *db, const char *sql)
{
    struct store_error err = {0};
    if (store_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

static void seed(struct store *db)
{
    exec(db, "INSERT INTO organisations (id, code, name, type, created_at, updated_at) VALUES"
             " ('o1', 'C1', 'County Council', 'council', 'now', 'now'),"
             " ('o-gp', 'G1', 'Riverside \"Surgery\"', 'gp_practice', 'now', 'now')");
    exec(db, "INSERT INTO teams (id, org_id, code, name, created_at, updated_at) VALUES"
             " ('t1', 'o1', 'LOC', 'Locality team', 'now', 'now')");
    exec(db, "INSERT INTO users (id, org_id, username, display_name, role, created_at, updated_at) VALUES"
             " ('u1', 'o1', 'loc.one', 'Lou One', 'practitioner', 'now', 'now')");
    exec(db, "INSERT INTO user_teams (user_id, team_id) VALUES ('u1', 't1')");
    exec(db, "INSERT INTO persons (id, nhs_number, family_name, given_name, preferred_name, family_name_key,"
             " given_name_key, date_of_birth, date_of_death, sex, postcode, address_line1, address_line2, town,"
             " gp_practice_id, phone, email, main_language, interpreter_needed, objects_to_sharing, merged_into,"
             " created_at, updated_at) VALUES"
             " ('p1', '9434765919', 'O''Brien', 'Ann \"Nan\"', 'Annie', 'OBRIEN', 'ANN', '1940-02-29', NULL,"
             "  'female', 'LE1 7RH', 'Flat 2', '1 High St', 'Leicester', 'o-gp', '0116 496 0000',"
             "  'ann@example.org', 'Polish', 1, 0, NULL, 'now', '2026-12-01T09:00:00Z'),"
             " ('p2', NULL, 'Bare', 'Bo', NULL, 'BARE', 'BO', '1950-01-01', NULL, 'unknown', NULL, NULL, NULL,"
             "  NULL, NULL, NULL, NULL, NULL, 0, 1, NULL, 'now', 'now'),"
             " ('p3', '9434765870', 'Held', 'Hal', NULL, 'HELD', 'HAL', '1951-01-01', '2026-11-30', 'male',"
             "  '', '', NULL, '', NULL, NULL, 'hal@example.org', '', 0, 1, NULL, 'now', 'now'),"
             " ('p4', NULL, 'Glass', 'Gil', NULL, 'GLASS', 'GIL', '1952-01-01', NULL, 'other', NULL, NULL, NULL,"
             "  NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, 'now', 'now'),"
             " ('p5', NULL, 'Closed', 'Cy', NULL, 'CLOSED', 'CY', '1953-01-01', NULL, 'female', NULL, NULL,"
             "  NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, 'now', 'now'),"
             " ('p6', NULL, 'Grace', 'Gus', NULL, 'GRACE', 'GUS', '1954-01-01', NULL, 'male', NULL, NULL, NULL,"
             "  NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, 'now', 'now'),"
             " ('p7', NULL, 'Merged', 'Mo', NULL, 'MERGED', 'MO', '1955-01-01', NULL, 'female', NULL, NULL,"
             "  NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 'p1', 'now', 'now'),"
             " ('p8', '9990001235', 'Both', 'Bea', NULL, 'BOTH', 'BEA', '1956-01-01', NULL, 'female', NULL, NULL,"
             "  NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL, 'now', 'now'),"
             " ('p9', NULL, 'Shut', 'Sid', NULL, 'SHUT', 'SID', '1957-01-01', NULL, 'male', NULL, NULL,"
             "  NULL, NULL, NULL, NULL, NULL, NULL, 0, 1, NULL, 'now', 'now')");
    /* Trace results: verified, a conflict to resolve; p2 without a number stays 03. */
    exec(db, "UPDATE persons SET nhs_number_status = CASE id WHEN 'p1' THEN '01' WHEN 'p3' THEN '05'"
             " ELSE '02' END WHERE nhs_number IS NOT NULL");
    exec(db, "INSERT INTO person_contacts (id, person_id, name, relationship, phone, email, next_of_kin) VALUES"
             " ('c1', 'p1', 'Bob\tSmith', 'son', '07700 900000', 'bob@example.org', 1),"
             " ('c2', 'p1', 'Jo \\ Smith', '', NULL, NULL, 0),"
             " ('c3', 'p3', 'Di', 'daughter', NULL, 'di@example.org', 0)");
    exec(db, "INSERT INTO person_identifiers (person_id, org_id, identifier) VALUES ('p1', 'o1', 'CASE-1'),"
             " ('p3', 'o1', 'CASE-3')");
    exec(db, "INSERT INTO person_orgs (person_id, org_id, since) VALUES ('p3', 'o1', 'now')");
    exec(db, "INSERT INTO caseloads (id, person_id, team_id, opened_on, closed_on, created_at) VALUES"
             " ('k1', 'p1', 't1', '2026-01-01', NULL, 'now'), ('k2', 'p2', 't1', '2026-01-01', NULL, 'now'),"
             " ('k3', 'p3', 't1', '2026-01-01', NULL, 'now'), ('k5', 'p5', 't1', '2025-01-01', '2025-06-01', 'now'),"
             " ('k6', 'p6', 't1', '2025-01-01', '2026-11-20', 'now'), ('k8', 'p8', 't1', '2026-01-01', NULL, 'now'),"
             " ('k9', 'p9', 't1', '2026-01-01', NULL, 'now')");
    exec(db, "INSERT INTO break_glass (id, person_id, user_id, org_id, reason, granted_at, expires_at) VALUES"
             " ('b4', 'p4', 'u1', 'o1', 'emergency', '2026-12-02T11:30:00Z', '2026-12-02T12:30:00Z'),"
             " ('b8', 'p8', 'u1', 'o1', 'emergency', '2026-12-02T11:30:00Z', '2026-12-02T12:30:00Z'),"
             " ('b9', 'p9', 'u1', 'o1', 'emergency', '2026-12-02T11:30:00Z', '2026-12-02T12:30:00Z')");
}

struct seen {
    struct store *db;
    int n;
};

static int compare_with_the_record(void *arg, const struct person_view *p)
{
    struct seen *s = arg;
    struct store_error err = {0};
    json_t *rec = persons_get(s->db, p->id, &err);
    assert_non_null(rec);
    json_t *pt = fhir_patient_from_person(rec);
    assert_non_null(pt);
    char *want = json_dumps(pt, JSON_COMPACT);
    struct buf b;
    buf_init(&b, 0);
    assert_int_equal(fhir_patient_write(&b, p), 0);
    assert_string_equal(buf_str(&b), want);
    buf_free(&b);
    free(want);
    json_decref(pt);
    json_decref(rec);
    s->n++;
    return 0;
}

static void a_streamed_patient_is_the_record_read_alone(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    seed(t->db);
    struct store_error err = {0};
    struct seen s = {t->db, 0};
    assert_int_equal(persons_stream_range(t->db, "p1", "p9", compare_with_the_record, &s, &err), STORE_OK);
    assert_int_equal(s.n, 9);
    s.n = 0;   /* a range inside: only its people */
    assert_int_equal(persons_stream_range(t->db, "p2", "p3", compare_with_the_record, &s, &err), STORE_OK);
    assert_int_equal(s.n, 2);
    test_db_free(t);
}

struct decided {
    struct store *db;
    const struct access_query *q;
    enum access_decision got[10];
    int n;
};

static int compare_with_one_query(void *arg, const char *person_id, const struct access_facts *f)
{
    struct decided *d = arg;
    struct access_query one = *d->q;
    one.person_id = person_id;
    struct access_facts alone;
    struct store_error err = {0};
    assert_int_equal(persons_access_facts(d->db, &one, &alone, &err), STORE_OK);
    assert_memory_equal(f, &alone, sizeof alone);
    assert_true(d->n < 10);
    d->got[d->n++] = access_decide(f);
    return 0;
}

static void a_page_is_decided_as_each_person_alone(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    seed(t->db);
    struct store_error err = {0};
    struct access_query q = {"p1", "u1", "o1", SINCE, NOW};
    struct decided d = {t->db, &q, {0}, 0};
    assert_int_equal(persons_access_facts_range(t->db, &q, "p9", compare_with_one_query, &d, &err), STORE_OK);
    /* p7 (merged into p1) is not in a range; p8: a relationship and a
     * break-glass grant is a relationship (so it is exported); p9: a
     * relationship shut by an objection, opened by the grant. */
    const enum access_decision want[] = {ACCESS_RELATIONSHIP, ACCESS_DENIED_OBJECTION, ACCESS_RELATIONSHIP,
                                         ACCESS_BREAK_GLASS, ACCESS_DENIED_NO_RELATIONSHIP, ACCESS_RELATIONSHIP,
                                         ACCESS_RELATIONSHIP, ACCESS_BREAK_GLASS};
    assert_int_equal(d.n, 8);
    for (int i = 0; i < 8; i++)
        assert_int_equal(d.got[i], want[i]);
    test_db_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_streamed_patient_is_the_record_read_alone),
        cmocka_unit_test(a_page_is_decided_as_each_person_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
