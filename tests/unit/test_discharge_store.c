/* Unit tests for store/discharge on the backend under test: the delay
 * reasons stored as data match the domain table; a stay, its teams and
 * the board; the relationship a stay gives its teams (and no one else);
 * a replayed HL7 control id is refused by the database. */
#include "test_helpers.h"
#include <jansson.h>
#include "domain/access.h"
#include "domain/discharge.h"
#include "store/discharge.h"
#include "store/persons.h"

static void exec(struct store *db, const char *sql)
{
    struct store_error err = {0};
    if (store_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

static void seed(struct store *db)
{
    exec(db, "INSERT INTO organisations (id, code, name, type, created_at, updated_at) VALUES"
             " ('o1', 'RX1', 'County Hospitals', 'acute_trust', 'now', 'now'),"
             " ('o2', 'C1', 'County Council', 'council', 'now', 'now')");
    exec(db, "INSERT INTO teams (id, org_id, code, name, created_at, updated_at) VALUES"
             " ('t-idt', 'o1', 'IDT', 'Integrated discharge team', 'now', 'now'),"
             " ('t-other', 'o2', 'LOC', 'Locality team', 'now', 'now')");
    exec(db, "INSERT INTO users (id, org_id, username, display_name, role, created_at, updated_at) VALUES"
             " ('u-idt', 'o1', 'idt.one', 'Ida One', 'practitioner', 'now', 'now'),"
             " ('u-out', 'o2', 'loc.one', 'Lou One', 'practitioner', 'now', 'now')");
    exec(db, "INSERT INTO user_teams (user_id, team_id) VALUES ('u-idt', 't-idt'), ('u-out', 't-other')");
    exec(db, "INSERT INTO persons (id, nhs_number, family_name, given_name, family_name_key, given_name_key,"
             " date_of_birth, sex, created_at, updated_at) VALUES"
             " ('p1', '9434765919', 'Smith', 'Ann', 'SMITH', 'ANN', '1940-01-01', 'female', 'now', 'now')");
}

static void reasons_as_data_match_the_domain_table(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    json_t *rows = discharge_reasons_list(t->db, &err);
    assert_non_null(rows);
    size_t n;
    const struct discharge_reason *all = discharge_reasons(&n);
    assert_int_equal(json_array_size(rows), n);
    for (size_t i = 0; i < n; i++) {
        json_t *r = json_array_get(rows, i);
        assert_string_equal(json_string_value(json_object_get(r, "code")), all[i].code);
        assert_string_equal(json_string_value(json_object_get(r, "category")), all[i].category);
        assert_string_equal(json_string_value(json_object_get(r, "label")), all[i].label);
        assert_string_equal(json_string_value(json_object_get(r, "sector")), discharge_sector_name(all[i].sector));
    }
    json_decref(rows);
    test_db_free(t);
}

static int related(struct store *db, const char *user, const char *since)
{
    struct access_query q = {"p1", user, "o1", since, "2026-12-02T12:00:00Z"};
    struct access_facts f;
    struct store_error err = {0};
    if (persons_access_facts(db, &q, &f, &err) != 0)
        fail_msg("persons_access_facts: %s", err.message);
    return f.has_relationship;
}

static void a_stay_on_the_board_and_who_it_names(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    seed(t->db);
    struct actor by = {NULL, "2026-12-02T09:00:00Z"};
    char ward[STORE_ID_LEN], stay[STORE_ID_LEN], dup[STORE_ID_LEN];
    struct ward_row w = {"o1", "WD12", "Ward 12", "County General", "acute", NULL, "t-idt"};
    assert_int_equal(discharge_ward_add(t->db, &by, &w, ward, &err), 0);
    assert_int_equal(discharge_ward_add(t->db, &by, &w, dup, &err), STORE_ECONSTRAINT);
    struct stay_row s = {"p1", "o1", ward, "t-idt", "SPELL1", "feed", "GMD", "4", "2026-11-20T08:00:00Z",
                         "2026-11-20", NULL};
    assert_int_equal(discharge_stay_add(t->db, &by, &s, stay, &err), 0);
    assert_int_equal(related(t->db, "u-idt", "2026-11-04T12:00:00Z"), 0);   /* not named yet */
    assert_int_equal(discharge_stay_team_add(t->db, stay, "p1", "t-idt", "idt", &err), 0);
    assert_int_equal(discharge_stay_team_add(t->db, stay, "p1", "t-idt", "idt", &err), 0);   /* no-op */
    assert_int_equal(related(t->db, "u-idt", "2026-11-04T12:00:00Z"), 1);
    assert_int_equal(related(t->db, "u-out", "2026-11-04T12:00:00Z"), 0);

    struct board_query q = {"o1", "u-idt", "", "", "", "", "", 50, 0};
    json_t *rows = discharge_board(t->db, &q, &err);
    assert_int_equal(json_array_size(rows), 0);   /* still meets the criteria to reside */
    json_decref(rows);
    assert_int_equal(discharge_stay_set_review(t->db, &by, stay, 0, "2026-11-25", "2026-11-25", &err), 0);
    assert_int_equal(discharge_stay_set_pathway(t->db, &by, stay, 1, "Home with reablement", &err), 0);
    assert_int_equal(discharge_stay_set_delay(t->db, &by, stay, "awaiting_reablement", NULL, &err), 0);
    rows = discharge_board(t->db, &q, &err);
    assert_int_equal(json_array_size(rows), 1);
    json_t *r = json_array_get(rows, 0);
    assert_string_equal(json_string_value(json_object_get(r, "ready_on")), "2026-11-25");
    assert_int_equal(json_integer_value(json_object_get(r, "pathway")), 1);
    assert_string_equal(json_string_value(json_object_get(r, "delay_sector")), "both");
    assert_string_equal(json_string_value(json_object_get(r, "ward_name")), "Ward 12");
    json_decref(rows);
    q.pathway = "2";
    rows = discharge_board(t->db, &q, &err);
    assert_int_equal(json_array_size(rows), 0);
    json_decref(rows);
    q.pathway = "";
    q.user_id = "u-out";
    rows = discharge_board(t->db, &q, &err);
    assert_int_equal(json_array_size(rows), 0);
    json_decref(rows);
    /* Discharged: the relationship lasts the grace period only. */
    assert_int_equal(discharge_stay_set_status(t->db, &by, stay, "discharged", "2026-12-02T09:00:00Z",
                                               "2026-12-02", "home", &err), 0);
    assert_int_equal(related(t->db, "u-idt", "2026-11-04T12:00:00Z"), 1);
    assert_int_equal(related(t->db, "u-idt", "2026-12-03T00:00:00Z"), 0);
    test_db_free(t);
}

static void a_control_id_is_stored_once_per_organisation(void **state)
{
    (void)state;
    struct test_db *t = test_db_new();
    struct store_error err = {0};
    seed(t->db);
    struct actor by = {NULL, "2026-12-02T09:00:00Z"};
    char id[STORE_ID_LEN];
    struct hl7_row r = {"o1", "C1", "A01", "mllp", "MSH|…", "held", "AA", "MSH|…ACK", "", "", NULL, NULL, NULL};
    assert_int_equal(discharge_hl7_add(t->db, &by, &r, id, &err), 0);
    assert_int_equal(discharge_hl7_add(t->db, &by, &r, id, &err), STORE_ECONSTRAINT);
    r.org_id = "o2";
    assert_int_equal(discharge_hl7_add(t->db, &by, &r, id, &err), 0);
    r.control_id = NULL;   /* no usable MSH: many may be stored */
    assert_int_equal(discharge_hl7_add(t->db, &by, &r, id, &err), 0);
    assert_int_equal(discharge_hl7_add(t->db, &by, &r, id, &err), 0);
    json_t *m = discharge_hl7_find(t->db, "o1", "C1", &err);
    assert_non_null(m);
    assert_string_equal(json_string_value(json_object_get(m, "outcome")), "held");
    json_decref(m);
    test_db_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reasons_as_data_match_the_domain_table),
        cmocka_unit_test(a_stay_on_the_board_and_who_it_names),
        cmocka_unit_test(a_control_id_is_stored_once_per_organisation),
    };
    return cmocka_run_group_tests_name("discharge_store", tests, NULL, NULL);
}
