/* Unit tests for the service core (svc/svc.h, svc/access.h, svc/result.h,
 * svc/input.h, the arena's cleanup list) on the backend under test:
 * the result table, request-owned JSON, the write idiom (begin → write →
 * audit → commit, and every way it ends), audited reads, the access choke
 * point (allowed, not found, refused and audited) and the shared decoders. */
#include "svc_fixture.h"
#include "svc/access.h"
#include "svc/input.h"
#include "svc/svc.h"

/* ---- the result table ---- */

static void result_table_maps_each_outcome(void **state)
{
    (void)state;
    static const struct {
        int rc, status;
        const char *slug, *name;
    } rows[] = {
        {SVC_OK, 200, NULL, "OK"},
        {SVC_INVALID, 422, "validation", "INVALID"},
        {SVC_FORBIDDEN, 403, "forbidden", "FORBIDDEN"},
        {SVC_NO_RELATIONSHIP, 403, "no-legitimate-relationship", "NO_RELATIONSHIP"},
        {SVC_OBJECTION, 403, "objection-to-sharing", "OBJECTION"},
        {SVC_NOTFOUND, 404, "not-found", "NOTFOUND"},
        {SVC_CONFLICT, 409, "conflict", "CONFLICT"},
        {SVC_STALE, 409, "version-conflict", "STALE"},
        {SVC_FAILED, 503, "unavailable", "FAILED"},
        /* out of range is a bug: it reads as FAILED, never as success */
        {-1, 503, "unavailable", "FAILED"},
        {SVC_RESULT_COUNT, 503, "unavailable", "FAILED"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        assert_int_equal(svc_result_status(rows[i].rc), rows[i].status);
        assert_string_equal(svc_result_name(rows[i].rc), rows[i].name);
        if (rows[i].slug) {
            assert_string_equal(svc_result_slug(rows[i].rc), rows[i].slug);
            assert_non_null(svc_result_title(rows[i].rc));
        } else {
            assert_null(svc_result_slug(rows[i].rc));
        }
    }
    /* every outcome but OK has a row */
    for (int rc = SVC_OK + 1; rc < SVC_RESULT_COUNT; rc++)
        assert_non_null(svc_result_slug(rc));
}

/* ---- request-owned memory ---- */

static int order[4], norder;
static void note(void *p)
{
    order[norder++] = *(int *)p;
}

static void arena_cleanups_run_newest_first_and_release_json(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    int one = 1, two = 2;
    norder = 0;
    arena_defer(&a, note, &one);
    arena_defer(&a, note, &two);
    json_t *v = arena_json(&a, json_pack("{s:[i,i]}", "xs", 1, 2));
    assert_non_null(v);
    assert_null(arena_json(&a, NULL));   /* NULL is passed through */
    arena_free(&a);                      /* under ASan a leaked v fails */
    assert_int_equal(norder, 2);
    assert_int_equal(order[0], 2);
    assert_int_equal(order[1], 1);
    arena_free(&a);                      /* a second free is harmless */
}

/* ---- writes ---- */

static int write_team(struct svc_ctx *c, const char *code, int then)
{
    char id[STORE_ID_LEN], now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {c->user_id, now};
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = accounts_team_add(c->db, &by, c->org_id ? c->org_id : "", code, "A team", id, &c->err);
    if (rc == 0)
        rc = svc_tx_audit(c, "create", "team", id, NULL, NULL);
    if (rc == 0 && then)
        rc = then;   /* a later step refuses: everything rolls back */
    return svc_tx_end(c, rc);
}

static void tx_commits_the_write_with_its_audit_entry(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct svc_ctx *c = as_user(f);
    long long before = audit_rows(f, "create");
    assert_int_equal(write_team(c, "T2", 0), SVC_OK);
    assert_int_equal(audit_rows(f, "create"), before + 1);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE resource_type = $1 AND basis = 'admin'",
                           "team"), 1);
    assert_false(store_in_tx(f->t->db));
    chain_intact(f);
    fixture_free(f);
}

static void tx_ends_every_way_with_nothing_stored(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct svc_ctx *c = as_user(f);
    long long teams = count(f->t->db, "SELECT COUNT(*) AS n FROM teams WHERE org_id = $1", f->org);
    long long audits = count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log", NULL);
    /* a refusal after the write: returned as given, rolled back */
    assert_int_equal(write_team(c, "T3", SVC_INVALID), SVC_INVALID);
    /* a duplicate code: the store's constraint → CONFLICT */
    assert_int_equal(write_team(c, "T1", 0), SVC_CONFLICT);
    /* a version-checked write that matched no row → STALE */
    assert_int_equal(svc_tx_begin(c), 0);
    assert_int_equal(svc_tx_end(c, STORE_ENOTFOUND), SVC_STALE);
    /* any other store failure → FAILED (503) */
    assert_int_equal(svc_tx_begin(c), 0);
    assert_int_equal(svc_tx_end(c, STORE_EIO), SVC_FAILED);
    assert_false(store_in_tx(f->t->db));
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM teams WHERE org_id = $1", f->org), teams);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log", NULL), audits);
    chain_intact(f);
    fixture_free(f);
}

static void a_service_joins_the_callers_transaction(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct svc_ctx *c = as_user(f);
    long long teams = count(f->t->db, "SELECT COUNT(*) AS n FROM teams WHERE org_id = $1", f->org);
    struct store_error err = {0};
    /* the caller rolls back: the service's write and audit entry go too */
    assert_int_equal(store_tx_begin(f->t->db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(write_team(c, "T7", 0), SVC_OK);
    assert_true(store_in_tx(f->t->db));           /* still the caller's */
    store_tx_rollback(f->t->db);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM teams WHERE org_id = $1", f->org), teams);
    /* a refusal inside leaves the caller's transaction to the caller */
    assert_int_equal(store_tx_begin(f->t->db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(write_team(c, "T1", 0), SVC_CONFLICT);
    assert_true(store_in_tx(f->t->db));
    store_tx_rollback(f->t->db);
    /* the caller commits: both are kept */
    assert_int_equal(store_tx_begin(f->t->db, STORE_TX_WRITE, &err), 0);
    assert_int_equal(write_team(c, "T8", 0), SVC_OK);
    assert_int_equal(store_tx_commit(f->t->db, &err), 0);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM teams WHERE org_id = $1", f->org), teams + 1);
    chain_intact(f);
    fixture_free(f);
}

static void store_failures_map_to_outcomes(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct svc_ctx *c = &f->c;
    assert_int_equal(svc_store_fail(c, STORE_ENOTFOUND, "pooled fund"), SVC_NOTFOUND);
    assert_string_equal(c->detail, "No such pooled fund.");
    assert_int_equal(svc_store_fail(c, STORE_ECONSTRAINT, "team"), SVC_CONFLICT);
    assert_int_equal(svc_store_fail(c, STORE_EBUSY, "team"), SVC_FAILED);
    assert_int_equal(svc_refuse(c, SVC_FORBIDDEN, "Only finance", "Ask finance."), SVC_FORBIDDEN);
    assert_string_equal(c->title, "Only finance");
    assert_false(svc_has_errors(c));
    svc_field_error(c, "name", "is required");
    assert_true(svc_has_errors(c));
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "name");
    fixture_free(f);
}

/* ---- reads and access ---- */

static void audited_read_without_a_writer_commits_its_entry(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct svc_ctx *c = as_user(f);
    assert_int_equal(svc_audit_read(c, "person", f->person, f->person, "relationship"), SVC_OK);
    json_t *items = json_pack("[{s:s, s:s}, {s:s, s:s}]", "id", "a", "person_id", f->person, "id", "b",
                              "person_id", f->person);
    assert_int_equal(svc_audit_read_items(c, "referral", items, "person_id", "relationship"), SVC_OK);
    json_decref(items);
    /* The list is one entry naming its people, each once. */
    assert_int_equal(audit_rows(f, "read"), 2);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_people WHERE person_id = $1", f->person), 1);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_trail WHERE action = 'read' AND person_id = $1",
                           f->person), 2);
    assert_false(store_in_tx(f->t->db));
    chain_intact(f);
    fixture_free(f);
}

static void access_refused_without_a_relationship_and_audited(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct svc_ctx *c = as_user(f);
    enum access_decision d;
    const char *basis = "x";
    assert_int_equal(svc_person_access(c, f->person, &d, &basis), SVC_NO_RELATIONSHIP);
    assert_null(basis);
    assert_string_equal(c->person_id, f->person);
    assert_non_null(strstr(c->detail, "break-glass"));
    assert_int_equal(audit_rows(f, "read_denied"), 1);
    json_t *p = (json_t *)1;
    assert_int_equal(svc_person_read(c, f->person, &p), SVC_NO_RELATIONSHIP);
    assert_null(p);
    assert_int_equal(audit_rows(f, "read"), 0);   /* nothing released */
    /* no such person: 404 wording, nothing audited as denied */
    assert_int_equal(svc_person_access(c, "nobody", &d, &basis), SVC_NOTFOUND);
    assert_string_equal(c->detail, "No such person.");
    assert_int_equal(audit_rows(f, "read_denied"), 2);
    fixture_free(f);
}

static void access_through_a_caseload_reads_and_audits(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    assert_int_equal(persons_caseload_open(f->t->db, &by, f->person, f->team, "2026-01-05", "referral", &err), 0);
    struct svc_ctx *c = as_user(f);
    json_t *p = NULL;
    assert_int_equal(svc_person_read(c, f->person, &p), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(p, "family_name")), "Smith");
    assert_string_equal(json_string_value(json_object_get(json_object_get(p, "access"), "basis")), "relationship");
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'read' AND person_id = $1",
                           f->person), 1);
    /* a record about the person, loaded by the caller */
    json_t *row = json_pack("{s:s}", "person_id", f->person);
    assert_int_equal(svc_record_access(c, row, 0, "referral"), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(row, "basis")), "relationship");
    json_decref(row);
    assert_int_equal(svc_record_access(c, NULL, STORE_ENOTFOUND, "referral"), SVC_NOTFOUND);
    assert_string_equal(c->detail, "No such referral.");
    json_t *teams = svc_teams(c);
    assert_int_equal(json_array_size(teams), 1);
    chain_intact(f);
    fixture_free(f);   /* p is owned by the arena: freed here */
}

/* ---- decoders ---- */

static void input_bool_means_the_same_on_every_form(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        int want, errors;
    } rows[] = {
        {"{\"v\": true}", 1, 0},   {"{\"v\": \"true\"}", 1, 0}, {"{\"v\": \"yes\"}", 1, 0},
        {"{\"v\": \"on\"}", 1, 0}, {"{}", 0, 0},                {"{\"v\": null}", 0, 0},
        {"{\"v\": false}", 0, 0},  {"{\"v\": \"false\"}", 0, 0}, {"{\"v\": \"no\"}", 0, 0},
        {"{\"v\": \"\"}", 0, 0},   {"{\"v\": \"Yes\"}", -1, 1}, {"{\"v\": \"maybe\"}", -1, 1},
        {"{\"v\": 1}", -1, 1},   {"{\"v\": \"1\"}", 1, 0},    {"{\"v\": \"0\"}", 0, 0},
        {"{\"v\": \"off\"}", 0, 0}, {"{\"v\": \"ON\"}", -1, 1},   {"{\"v\": []}", -1, 1},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        json_t *body = json_loads(rows[i].json, 0, NULL), *errors = json_array();
        assert_int_equal(input_bool(body, "v", errors), rows[i].want);
        assert_int_equal(json_array_size(errors), (size_t)rows[i].errors);
        json_decref(body);
        json_decref(errors);
    }
}

static void input_str_names_a_member_that_is_not_text(void **state)
{
    (void)state;
    json_t *body = json_pack("{s:s, s:i, s:n}", "a", "x", "b", 3, "c"), *errors = json_array();
    assert_string_equal(input_str(body, "a", errors), "x");
    assert_null(input_str(body, "b", errors));
    assert_null(input_str(body, "c", errors));
    assert_null(input_str(body, "d", errors));
    assert_int_equal(json_array_size(errors), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(errors, 0), "field")), "b");
    json_decref(body);
    json_decref(errors);
}

/* Every string member refuses control characters (one error naming it,
 * nothing returned); a one-line member also line breaks and tabs; a note
 * keeps them. A member refused as not text or for its characters is not
 * also "required". */
static void text_members_refuse_control_characters(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        int line_ok, text_ok, str_ok;   /* input_line, input_text (required), input_str */
    } rows[] = {
        {"{\"v\": \"Ward 7\"}", 1, 1, 1},
        {"{\"v\": \"Ward\\n7\"}", 0, 1, 1},
        {"{\"v\": \"Ward\\t7\"}", 0, 1, 1},
        {"{\"v\": \"Ward\\r\\n7\"}", 0, 1, 1},
        {"{\"v\": \"Ward\\u20287\"}", 0, 1, 1},
        {"{\"v\": \"Ward\\u00077\"}", 0, 0, 0},
        {"{\"v\": \"Ward\\u001b7\"}", 0, 0, 0},
        {"{\"v\": \"Ward\\u007f\"}", 0, 0, 0},
        {"{\"v\": \"Ward\\u0085\"}", 0, 0, 0},
        {"{\"v\": \"Ward\\u00a07\"}", 1, 1, 1},
        {"{\"v\": 7}", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        json_t *body = json_loads(rows[i].json, 0, NULL);
        assert_non_null(body);
        json_t *e1 = json_array(), *e2 = json_array(), *e3 = json_array();
        int line = input_line(body, "v", 1, 100, e1) != NULL, text = input_text(body, "v", 1, 100, e2) != NULL,
            str = input_str(body, "v", e3) != NULL;
        if (line != rows[i].line_ok || text != rows[i].text_ok || str != rows[i].str_ok ||
            json_array_size(e1) != (size_t)!line || json_array_size(e2) != (size_t)!text ||
            json_array_size(e3) != (size_t)!str)
            fail_msg("row %zu: line %d text %d str %d", i, line, text, str);
        if (!line)
            assert_string_equal(json_string_value(json_object_get(json_array_get(e1, 0), "field")), "v");
        json_decref(e1);
        json_decref(e2);
        json_decref(e3);
        json_decref(body);
    }
}

/* A required date: absent, null, blank, not text or not a real date is exactly one error naming it. */
static void input_date_required_names_every_missing_or_bad_form(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        int required, ok, errors;
    } rows[] = {
        {"{\"d\": \"2028-02-29\"}", 1, 1, 0}, {"{\"d\": \"2027-02-29\"}", 1, 0, 1},
        {"{}", 1, 0, 1},                      {"{\"d\": null}", 1, 0, 1},
        {"{\"d\": \"\"}", 1, 0, 1},           {"{\"d\": 20280229}", 1, 0, 1},
        {"{\"d\": \"29/02/2028\"}", 1, 0, 1}, {"{}", 0, 0, 0},
        {"{\"d\": null}", 0, 0, 0},           {"{\"d\": 1}", 0, 0, 1},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        json_t *body = json_loads(rows[i].json, 0, NULL), *errors = json_array();
        struct date d;
        const char *got = input_date(body, "d", rows[i].required, &d, errors);
        assert_int_equal(got != NULL, rows[i].ok);
        assert_int_equal(json_array_size(errors), (size_t)rows[i].errors);
        if (rows[i].errors)
            assert_string_equal(json_string_value(json_object_get(json_array_get(errors, 0), "field")), "d");
        json_decref(body);
        json_decref(errors);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(result_table_maps_each_outcome),
        cmocka_unit_test(arena_cleanups_run_newest_first_and_release_json),
        cmocka_unit_test(tx_commits_the_write_with_its_audit_entry),
        cmocka_unit_test(tx_ends_every_way_with_nothing_stored),
        cmocka_unit_test(a_service_joins_the_callers_transaction),
        cmocka_unit_test(store_failures_map_to_outcomes),
        cmocka_unit_test(audited_read_without_a_writer_commits_its_entry),
        cmocka_unit_test(access_refused_without_a_relationship_and_audited),
        cmocka_unit_test(access_through_a_caseload_reads_and_audits),
        cmocka_unit_test(input_bool_means_the_same_on_every_form),
        cmocka_unit_test(input_str_names_a_member_that_is_not_text),
        cmocka_unit_test(text_members_refuse_control_characters),
        cmocka_unit_test(input_date_required_names_every_missing_or_bad_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
