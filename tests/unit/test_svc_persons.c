/* The person services (svc/persons.h) that FHIR calls: who may change and
 * read a record, that a refusal stores nothing, that every write and every
 * read (each person a search releases) leaves its audit entry, that the
 * outgoing version is kept for vread/_history, and the chain verifies. */
#include "svc_fixture.h"
#include "svc/persons.h"
#include "svc/access.h"
#include "svc/person_import.h"
#include "svc/person_input.h"

static struct svc_ctx *fresh(struct fixture *f)
{
    struct svc_ctx *c = as_user(f);
    svc_reset(c);
    return c;
}

static json_t *ann(void)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "nhs_number", "9434765919", "family_name", "Smith",
                     "given_name", "Ann", "date_of_birth", "1940-02-03", "sex", "female", "postcode", "le1 7rh");
}

static void create_validates_names_fields_and_stores_nothing_when_refused(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    long long persons = count(f->t->db, "SELECT COUNT(*) AS n FROM persons", NULL);
    json_t *bad = json_pack("{s:s, s:s, s:s, s:s}", "family_name", "", "given_name", "A", "date_of_birth",
                            "2999-01-01", "sex", "robot"), *out;
    struct svc_ctx *c = fresh(f);
    assert_int_equal(svc_person_create(c, bad, NULL, &out), SVC_INVALID);
    assert_int_equal(json_array_size(c->errors), 3);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM persons", NULL), persons);
    assert_int_equal(audit_rows(f, "create"), 0);
    /* A team that is not the user's. */
    json_t *a = ann();
    c = fresh(f);
    assert_int_equal(svc_person_create(c, a, "not-my-team", &out), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "team_id");
    assert_int_equal(svc_person_create(fresh(f), a, NULL, &out), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(out, "postcode")), "LE1 7RH");
    assert_int_equal(audit_rows(f, "create"), 1);
    c = fresh(f);
    assert_int_equal(svc_person_create(c, a, NULL, &out), SVC_DUPLICATE_NHS);   /* the NHS number is in use */
    assert_int_equal(audit_rows(f, "create"), 1);
    chain_intact(f);
    json_decref(a);
    json_decref(bad);
    fixture_free(f);
}

/* A local identifier is one person's in an organisation: a second person
 * given it is SVC_INVALID naming local_identifier, with nothing stored
 * (the transaction rolled back); the holder keeping it is not a clash. */
static void local_identifier_is_one_persons_in_the_organisation(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    json_t *a = ann(), *out;
    json_object_set_new(a, "local_identifier", json_string("SC-1"));
    assert_int_equal(svc_person_create(fresh(f), a, NULL, &out), SVC_OK);
    long long persons = count(f->t->db, "SELECT COUNT(*) AS n FROM persons", NULL);
    json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:s}", "family_name", "Jones", "given_name", "Bea", "date_of_birth",
                          "1950-01-01", "sex", "female", "local_identifier", "SC-1");
    struct svc_ctx *c = fresh(f);
    assert_int_equal(svc_person_create(c, b, NULL, &out), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "local_identifier");
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM persons", NULL), persons);
    assert_int_equal(audit_rows(f, "create"), 1);
    c = fresh(f);
    assert_null(svc_person_identifier_holder(c, "SC-2", NULL));
    assert_non_null(svc_person_identifier_holder(c, "SC-1", NULL));
    assert_int_equal(svc_person_create(fresh(f), a, NULL, &out), SVC_DUPLICATE_NHS);
    chain_intact(f);
    json_decref(a);
    json_decref(b);
    fixture_free(f);
}

/* A status sent with the record (FHIR's verification status extension)
 * stands only when it is the one the save gives: a new number is 02, an
 * unchanged number keeps a trace's 01; any other claim is SVC_INVALID
 * naming nhs_number_status, nothing stored. */
static void a_claimed_nhs_number_status_must_be_the_saved_one(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    json_t *a = ann(), *p, *out;
    json_object_set_new(a, "nhs_number_status", json_string("01"));
    struct svc_ctx *c = fresh(f);
    assert_int_equal(svc_person_create(c, a, NULL, &out), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")),
                        "nhs_number_status");
    assert_int_equal(audit_rows(f, "create"), 0);
    json_object_set_new(a, "nhs_number_status", json_string("02"));
    assert_int_equal(svc_person_create(fresh(f), a, NULL, &p), SVC_OK);
    char id[STORE_ID_LEN];
    snprintf(id, sizeof id, "%s", json_string_value(json_object_get(p, "id")));
    struct store_error err;
    assert_int_equal(store_exec(f->t->db, "UPDATE persons SET nhs_number_status = '01'", &err), 0);   /* a trace */
    static const struct {
        const char *number, *status;
        int rc;
    } cases[] = {
        {"9434765919", "01", SVC_OK},        /* unchanged number: the trace's status stands */
        {"9434765919", "02", SVC_INVALID},
        {"9990001235", "01", SVC_INVALID},   /* a new number is not traced */
        {"9990001235", "02", SVC_OK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *change = json_pack("{s:s, s:s}", "nhs_number", cases[i].number, "nhs_number_status", cases[i].status);
        char v[32];
        assert_int_equal(svc_person_read(fresh(f), id, &out), SVC_OK);
        snprintf(v, sizeof v, "W/\"%lld\"", json_integer_value(json_object_get(out, "version")));
        c = fresh(f);
        assert_int_equal(svc_person_update(c, id, &(struct svc_expect){v, NULL}, change, &out), cases[i].rc);
        if (cases[i].rc == SVC_OK)
            assert_string_equal(json_string_value(json_object_get(out, "nhs_number_status")), cases[i].status);
        else
            assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")),
                                "nhs_number_status");
        json_decref(change);
    }
    assert_int_equal(audit_rows(f, "update"), 2);
    json_decref(a);
    fixture_free(f);
}

/* Text a person typed is checked by kind (domain/text.h): names, address
 * lines, contacts' details and identifiers are one line; the two notes may
 * hold line breaks; control characters are refused everywhere. A refusal
 * names the field and stores nothing. A record stored before the rule
 * (a line break written straight into the database) can still be edited
 * in its other fields. */
static void typed_text_is_one_line_where_a_field_is_one_line(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    static const struct {
        const char *key, *value, *field;   /* field: NULL when stored */
    } cases[] = {
        {"family_name", "Smith\nX", "family_name"},
        {"given_name", "Ann\r\n", NULL},                    /* trimmed at the end, as spaces are */
        {"given_name", "An\r\nn", "given_name"},
        {"given_name", "An\tn", "given_name"},
        {"preferred_name", "Annie\xe2\x80\xa8" "B", "preferred_name"},   /* U+2028 */
        {"address_line1", "1 High St\n2 Low St", "address_line1"},
        {"town", "Leicester\x07", "town"},
        {"main_language", "English\xc2\x85", "main_language"},         /* U+0085 */
        {"phone", "0116 \n 496 0000", "phone"},
        {"local_identifier", "SC\n1", "local_identifier"},
        {"communication_needs", "Hearing aid, left ear.\nSpeak slowly.", NULL},
        {"alert_note", "Dog in the house.\r\nRing first.\tThanks", NULL},
        {"alert_note", "Dog\x1b[31m", "alert_note"},
        {"family_name", "\xc5\x81ukasz-W\xc3\xb3jcik", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *a = ann(), *out, *v = json_string(cases[i].value);
        assert_non_null(v);
        char family[16];
        snprintf(family, sizeof family, "Smith-%c", (char)('a' + i));   /* not a likely duplicate of the last */
        json_object_del(a, "nhs_number");
        json_object_set_new(a, "family_name", json_string(family));
        json_object_set_new(a, cases[i].key, v);
        long long persons = count(f->t->db, "SELECT COUNT(*) AS n FROM persons", NULL);
        struct svc_ctx *c = fresh(f);
        int rc = svc_person_create(c, a, NULL, &out);
        if (cases[i].field) {
            if (rc != SVC_INVALID)
                fail_msg("case %zu: %s stored", i, cases[i].value);
            assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")),
                                cases[i].field);
            assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM persons", NULL), persons);
        } else if (rc != SVC_OK) {
            fail_msg("case %zu: %s refused", i, cases[i].value);
        }
        json_decref(a);
    }
    /* A contact's name is one line too, named by its place in the list. */
    json_t *a = ann(), *out;
    json_object_set_new(a, "contacts", json_pack("[{s:s}]", "name", "Bob\nJones"));
    struct svc_ctx *c = fresh(f);
    assert_int_equal(svc_person_create(c, a, NULL, &out), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "contacts[0].name");
    /* Stored before the rule: other fields stay editable; the name, when sent, is checked. */
    json_object_del(a, "contacts");
    json_t *p;
    assert_int_equal(svc_person_create(fresh(f), a, NULL, &p), SVC_OK);
    char id[STORE_ID_LEN];
    snprintf(id, sizeof id, "%s", json_string_value(json_object_get(p, "id")));
    struct store_error err;
    const char *params[] = {id, "Old\nName"};
    assert_int_equal(store_run(f->t->db, "UPDATE persons SET family_name = $2 WHERE id = $1", 2, params, &err), 0);
    json_t *change = json_pack("{s:s}", "phone", "0116 496 0000");
    assert_int_equal(svc_person_update(fresh(f), id, &(struct svc_expect){"W/\"1\"", NULL}, change, &out), SVC_OK);
    json_decref(change);
    change = json_pack("{s:s}", "family_name", "Still\nTwo lines");
    c = fresh(f);
    assert_int_equal(svc_person_update(c, id, &(struct svc_expect){"W/\"2\"", NULL}, change, &out), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "family_name");
    json_decref(change);
    json_decref(a);
    fixture_free(f);
}

/* The import's columns: the create body's fields and confirm_not_duplicate
 * are read; any other name (a misspelling, another system's column, a
 * name with a space or of another case) is named back, the first one. */
static void import_columns_are_the_create_bodys_fields(void **state)
{
    (void)state;
    static const struct { const char *header; const char *unknown; } cases[] = {
        {"[\"family_name\", \"given_name\", \"date_of_birth\", \"sex\"]", NULL},
        {"[\"nhs_number\", \"postcode\", \"address_line1\", \"address_line2\", \"town\", \"phone\", \"email\"]", NULL},
        {"[\"local_identifier\", \"confirm_not_duplicate\", \"objects_to_sharing\", \"alert_note\"]", NULL},
        {"[\"family_name\", \"postcde\"]", "postcde"},
        {"[\"Family_Name\"]", "Family_Name"},
        {"[\"family_name \"]", "family_name "},
        {"[\"id\", \"surname\"]", "id"},
        {"[\"ltc_count\"]", "ltc_count"},   /* kept by the case-finding feed, not registration */
        {"[]", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *cols = json_loads(cases[i].header, 0, NULL);
        const char *got = svc_person_import_unknown_column(cols);
        if (cases[i].unknown ? !got || strcmp(got, cases[i].unknown) != 0 : got != NULL)
            fail_msg("header %s: got %s", cases[i].header, got ? got : "(none)");
        json_decref(cols);
    }
    for (size_t i = 0; PERSON_INPUT_FIELDS[i]; i++)
        assert_non_null(strstr(svc_person_import_fields(), PERSON_INPUT_FIELDS[i]));
}

static void update_checks_access_and_version_and_keeps_the_old_version(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    json_t *a = ann(), *p, *out;
    assert_int_equal(svc_person_create(fresh(f), a, NULL, &p), SVC_OK);
    char id[STORE_ID_LEN];
    snprintf(id, sizeof id, "%s", json_string_value(json_object_get(p, "id")));
    json_t *change = json_pack("{s:s}", "family_name", "Smythe");
    /* The fixture's own person is on no caseload of the user's: refused, audited, unchanged. */
    assert_int_equal(svc_person_update(fresh(f), f->person, &(struct svc_expect){"W/\"1\"", NULL}, change, &out),
                     SVC_NO_RELATIONSHIP);
    assert_int_equal(audit_rows(f, "read_denied"), 1);
    assert_int_equal(svc_person_update(fresh(f), id, &(struct svc_expect){"W/\"7\"", NULL}, change, &out),
                     SVC_PRECONDITION);
    assert_int_equal(svc_person_update(fresh(f), id, &(struct svc_expect){NULL, NULL}, change, &out), SVC_INVALID);
    assert_int_equal(audit_rows(f, "update"), 0);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM person_versions", NULL), 0);
    assert_int_equal(svc_person_update(fresh(f), id, &(struct svc_expect){"W/\"1\"", NULL}, change, &out), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(out, "version")), 2);
    assert_int_equal(audit_rows(f, "update"), 1);
    assert_int_equal(svc_person_version(fresh(f), id, 1, &out), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(out, "family_name")), "Smith");
    assert_int_equal(svc_person_version(fresh(f), id, 2, &out), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(out, "family_name")), "Smythe");
    assert_int_equal(svc_person_version(fresh(f), id, 3, &out), SVC_NOTFOUND);
    assert_int_equal(svc_person_history(fresh(f), id, 10, &out), SVC_OK);
    assert_int_equal(json_array_size(out), 2);
    assert_int_equal(svc_person_history(fresh(f), id, 1, &out), SVC_OK);   /* the limit holds */
    assert_int_equal(json_array_size(out), 1);
    assert_int_equal(svc_person_version(fresh(f), f->person, 1, &out), SVC_NO_RELATIONSHIP);
    assert_int_equal(svc_person_history(fresh(f), f->person, 10, &out), SVC_NO_RELATIONSHIP);
    chain_intact(f);
    json_decref(change);
    json_decref(a);
    fixture_free(f);
}

static void search_releases_only_people_one_may_see_each_audited(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    json_t *a = ann(), *p, *out;
    assert_int_equal(svc_person_create(fresh(f), a, NULL, &p), SVC_OK);
    long long reads = audit_rows(f, "read");
    char next[STORE_ID_LEN];
    /* Two Smiths born on different days; the fixture's one is not the user's. */
    assert_int_equal(svc_person_search(fresh(f), SEARCH_NAME_DOB, "SMITH", "1940-01-02", NULL, 10, &out, next), SVC_OK);
    assert_int_equal(json_array_size(out), 0);
    assert_int_equal(audit_rows(f, "read"), reads);
    assert_int_equal(svc_person_search(fresh(f), SEARCH_NHS, "9434765919", NULL, NULL, 10, &out, next), SVC_OK);
    assert_int_equal(json_array_size(out), 1);
    assert_string_equal(next, "");
    assert_string_equal(json_string_value(json_object_get(json_array_get(out, 0), "basis")), "relationship");
    assert_int_equal(audit_rows(f, "read"), reads + 1);
    /* Paging: a page of one with another person after it gives a cursor. */
    json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:s}", "family_name", "Jones", "given_name", "Kim", "date_of_birth",
                          "1950-01-01", "sex", "unknown", "postcode", "LE1 7RH");
    assert_int_equal(svc_person_create(fresh(f), b, NULL, &p), SVC_OK);
    assert_int_equal(svc_person_search(fresh(f), SEARCH_POSTCODE, "LE1 7RH", NULL, NULL, 1, &out, next), SVC_OK);
    assert_int_equal(json_array_size(out), 1);
    assert_true(next[0] != '\0');
    char after[STORE_ID_LEN];
    snprintf(after, sizeof after, "%s", next);
    assert_int_equal(svc_person_search(fresh(f), SEARCH_POSTCODE, "LE1 7RH", NULL, after, 1, &out, next), SVC_OK);
    assert_int_equal(json_array_size(out), 1);
    assert_string_equal(next, "");
    chain_intact(f);
    json_decref(a);
    json_decref(b);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(create_validates_names_fields_and_stores_nothing_when_refused),
        cmocka_unit_test(local_identifier_is_one_persons_in_the_organisation),
        cmocka_unit_test(update_checks_access_and_version_and_keeps_the_old_version),
        cmocka_unit_test(a_claimed_nhs_number_status_must_be_the_saved_one),
        cmocka_unit_test(search_releases_only_people_one_may_see_each_audited),
        cmocka_unit_test(typed_text_is_one_line_where_a_field_is_one_line),
        cmocka_unit_test(import_columns_are_the_create_bodys_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
