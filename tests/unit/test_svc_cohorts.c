/* Case-finding cohorts and the case-finding feed as services
 * (svc/cohorts.h): the locality check, the relationship check on the feed,
 * input refused with nothing stored, and the audit of every write and of
 * each person a cohort list releases. */
#include "svc_fixture.h"
#include "store/cohort_members.h"
#include "store/cohorts.h"
#include "store/localities.h"
#include "svc/cohorts.h"

/* A change to the persons row written in SQL, with the cohort lists kept
 * in step as the store's own writers do (store/cohort_members.h). */
static void person_sql(struct store *db, const char *sql, const char *v, const char *person)
{
    struct store_error err = {0};
    struct cohort_snapshot before;
    assert_int_equal(cohorts_person_load(db, person, &before, &err), 0);
    const char *p[] = {v, person};
    assert_int_equal(store_run(db, sql, 2, p, &err), 0);
    assert_int_equal(cohorts_person_sync(db, person, &before, &err), 0);
}

struct area {
    struct fixture *f;
    char loc[STORE_ID_LEN], gp[STORE_ID_LEN];
};

static struct area *area_new(void)
{
    struct area *a = calloc(1, sizeof *a);
    a->f = fixture_new();
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    struct store *db = a->f->t->db;
    assert_int_equal(localities_add(db, &by, "L1", "North", a->loc, &err), 0);
    assert_int_equal(accounts_org_add(db, &by, "GP1", "A practice", "gp_practice", a->gp, &err), 0);
    assert_int_equal(localities_set_org(db, a->gp, a->loc, &err), 0);
    person_sql(db, "UPDATE persons SET gp_practice_id = $1 WHERE id = $2", a->gp, a->f->person);
    return a;
}

static void area_free(struct area *a)
{
    fixture_free(a->f);
    free(a);
}

static struct svc_ctx *fresh(struct area *a)
{
    struct svc_ctx *c = as_user(a->f);
    c->errors = NULL;
    return c;
}

static void the_feed_needs_a_relationship_and_valid_input(void **state)
{
    (void)state;
    struct area *a = area_new();
    json_t *in = json_pack("{s:i, s:[s, s], s:b, s:i}", "ltc_count", 6, "efi_deficits", "falls", "diabetes",
                           "frailty_flag", 0, "predicted_cost_pence", 120000), *out = NULL;
    assert_int_equal(svc_case_finding_put(fresh(a), a->f->person, in, &out), SVC_NO_RELATIONSHIP);
    assert_int_equal(audit_rows(a->f, "update"), 0);
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    assert_int_equal(persons_caseload_open(a->f->t->db, &by, a->f->person, a->f->team, "2026-01-05", "referral", &err), 0);
    static const struct {
        const char *key;
        json_t *(*make)(void);
        const char *field;
    } bad[] = {
        {"ltc_count", json_null, "ltc_count"},
        {"frailty_flag", json_object, "frailty_flag"},
        {"efi_deficits", json_object, "efi_deficits"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *b = json_deep_copy(in);
        json_object_set_new(b, bad[i].key, bad[i].make());
        struct svc_ctx *c = fresh(a);
        assert_int_equal(svc_case_finding_put(c, a->f->person, b, &out), SVC_INVALID);
        assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), bad[i].field);
        json_decref(b);
    }
    assert_int_equal(audit_rows(a->f, "update"), 0);
    assert_int_equal(svc_case_finding_put(fresh(a), a->f->person, in, &out), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(out, "efi_count")), 2);
    assert_int_equal(count(a->f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'update' AND "
                                        "resource_type = 'case_finding' AND basis = 'relationship' AND person_id = $1",
                           a->f->person), 1);
    json_decref(in);
    chain_intact(a->f);
    area_free(a);
}

static void cohorts_are_for_the_locality_teams_and_each_person_is_audited(void **state)
{
    (void)state;
    struct area *a = area_new();
    struct store_error err = {0};
    person_sql(a->f->t->db, "UPDATE persons SET ltc_count = CAST($1 AS INTEGER) WHERE id = $2", "6", a->f->person);
    json_t *page = NULL;
    assert_int_equal(svc_cohort_page(fresh(a), "L1", "ltc5", 1, NULL, 50, &page), SVC_NOT_IN_LOCALITY);
    assert_int_equal(svc_cohort_page(fresh(a), "L9", "ltc5", 1, NULL, 50, &page), SVC_NOTFOUND);
    assert_int_equal(localities_set_team(a->f->t->db, a->f->team, a->loc, &err), 0);
    assert_int_equal(svc_cohort_page(fresh(a), "L1", "lonely", 1, NULL, 50, &page), SVC_NOTFOUND);
    assert_int_equal(audit_rows(a->f, "read"), 0);
    assert_int_equal(svc_cohort_page(fresh(a), "L1", "ltc5", 1, NULL, 50, &page), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(page, "total")), 1);
    json_t *item = json_array_get(json_object_get(page, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(item, "id")), a->f->person);
    assert_non_null(strstr(json_string_value(json_object_get(item, "reason")), "6"));
    assert_int_equal(count(a->f->t->db, "SELECT COUNT(*) AS n FROM audit_trail WHERE action = 'read' AND "
                                        "resource_type = 'cohort' AND basis = 'identify' AND person_id = $1",
                           a->f->person), 1);
    json_t *locs = NULL;
    assert_int_equal(svc_localities(fresh(a), &locs), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(locs, "items")), 1);
    chain_intact(a->f);
    area_free(a);
}

/* A person registered with the area's practice, with case-finding data. */
static void add_person(struct area *a, const char *family, const char *id_out_name, char id[STORE_ID_LEN])
{
    (void)id_out_name;
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    char key[64];
    size_t i = 0;
    for (; family[i] && i < sizeof key - 1; i++)
        key[i] = (char)(family[i] >= 'a' && family[i] <= 'z' ? family[i] - 32 : family[i]);
    key[i] = '\0';
    json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:i, s:s, s:i, s:i, s:i, s:s, s:s}",
                            "family_name", family, "given_name", "Test", "family_name_key", key, "given_name_key",
                            "TEST", "date_of_birth", "1950-01-01", "sex", "female", "interpreter_needed", 0,
                            "objects_to_sharing", 0, "alert_safeguarding", 0, "alert_risk_to_staff", 0, "ltc_count", 0,
                            "efi_deficits", "", "predicted_cost_pence", 0, "efi_count", 0, "frailty_flag", 0,
                            "gp_practice_id", a->gp, "registered_org_id", a->gp);
    if (persons_insert(a->f->t->db, &by, row, id, &err) != 0)
        fail_msg("persons_insert: %s", err.message);
    json_decref(row);
}

static void feed(struct area *a, const char *id, int ltc, long long cost)
{
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    struct case_finding cf = {ltc, 0, 0, "", cost};
    assert_int_equal(cohorts_set_case_finding(a->f->t->db, &by, id, &cf, &err), 0);
}

/* "family family …" of the list as one page of 50, and its total. */
static void list(struct area *a, const char *kind, char *out, size_t n, long long *total)
{
    json_t *page = NULL;
    assert_int_equal(svc_cohort_page(fresh(a), "L1", kind, 1, NULL, 50, &page), SVC_OK);
    *total = json_integer_value(json_object_get(page, "total"));
    size_t i, at = 0;
    json_t *it;
    out[0] = '\0';
    json_array_foreach(json_object_get(page, "items"), i, it)
        at += (size_t)snprintf(out + at, n - at, "%s%s", i ? " " : "",
                               json_string_value(json_object_get(it, "family_name")));
}

/* The maintained lists against a table of feed changes: ties by name, a
 * person entering, leaving and moving, the cost list following the average
 * when someone else's cost moves it, and a death taking a person off every
 * list and out of the average. */
static void the_lists_follow_each_change(void **state)
{
    (void)state;
    struct area *a = area_new();
    struct store_error err = {0};
    assert_int_equal(localities_set_team(a->f->t->db, a->f->team, a->loc, &err), 0);
    static const char *const names[] = {"Jones", "Adams", "Brown", "Clark"};
    char id[4][STORE_ID_LEN];
    for (int i = 0; i < 4; i++)
        add_person(a, names[i], NULL, id[i]);
    /* The fixture's Smith (cost 0) counts in the average too: 5 people. */
    static const struct {
        int who, ltc;
        long long cost;
        const char *ltc5, *high_cost;
        long long average;
    } steps[] = {
        {0, 6, 1000, "Jones", "Jones", 200},                     /* 3 × 200 = 600: Jones at 1000 is in */
        {0, 6, 1000, "Jones", "Jones", 200},                     /* the same again: nothing moves */
        {1, 6, 0, "Adams Jones", "Jones", 200},                  /* a tie: by name */
        {2, 7, 0, "Brown Adams Jones", "Jones", 200},            /* enters above the tie */
        {3, 5, 500, "Brown Adams Jones Clark", "Jones", 300},    /* average up: 900 is the line */
        {0, 4, 1000, "Brown Adams Clark", "Jones", 300},         /* Jones leaves LTC5, stays costly */
        {2, 7, 3000, "Brown Adams Clark", "Brown", 900},         /* average 900: Jones (1000) is out */
        {2, 7, 0, "Brown Adams Clark", "Jones", 300},            /* and back in as it falls */
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        feed(a, id[steps[i].who], steps[i].ltc, steps[i].cost);
        char got[128];
        long long total = 0;
        list(a, "ltc5", got, sizeof got, &total);
        if (strcmp(got, steps[i].ltc5) != 0)
            fail_msg("step %zu: ltc5 \"%s\", expected \"%s\"", i, got, steps[i].ltc5);
        json_t *page = NULL;
        assert_int_equal(svc_cohort_page(fresh(a), "L1", "high_cost", 1, NULL, 50, &page), SVC_OK);
        assert_int_equal(json_integer_value(json_object_get(page, "average_cost_pence")), steps[i].average);
        list(a, "high_cost", got, sizeof got, &total);
        if (strcmp(got, steps[i].high_cost) != 0)
            fail_msg("step %zu: high_cost \"%s\", expected \"%s\"", i, got, steps[i].high_cost);
        assert_int_equal(total, steps[i].high_cost[0] ? 1 : 0);
    }
    /* Brown dies: off the lists, out of the population (4 people, 1500). */
    person_sql(a->f->t->db, "UPDATE persons SET date_of_death = $1 WHERE id = $2", "2026-01-01", id[2]);
    char got[128];
    long long total = 0;
    list(a, "ltc5", got, sizeof got, &total);
    assert_string_equal(got, "Adams Clark");
    assert_int_equal(total, 2);
    assert_int_equal(count(a->f->t->db, "SELECT SUM(people) FROM cohort_population WHERE $1 = $1", "x"), 4);
    assert_int_equal(count(a->f->t->db, "SELECT average_pence FROM cohort_state WHERE $1 = $1", "x"), 375);
    list(a, "high_cost", got, sizeof got, &total);
    assert_string_equal(got, "");                                  /* 1000 < 3 × 375 */
    /* The practice moves to another locality: its patients' entries and
     * counts move with it. */
    char now[STORE_TIME_LEN], l2[STORE_ID_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    assert_int_equal(localities_add(a->f->t->db, &by, "L2", "South", l2, &err), 0);
    assert_int_equal(localities_set_org(a->f->t->db, a->gp, l2, &err), 0);
    assert_int_equal(count(a->f->t->db, "SELECT COUNT(*) FROM cohort_members WHERE locality_id = $1", a->loc), 0);
    assert_int_equal(count(a->f->t->db, "SELECT COALESCE(SUM(people), 0) FROM cohort_counts WHERE locality_id = $1",
                           a->loc), 0);
    assert_int_equal(localities_set_team(a->f->t->db, a->f->team, l2, &err), 0);
    json_t *page = NULL;
    assert_int_equal(svc_cohort_page(fresh(a), "L2", "ltc5", 1, NULL, 50, &page), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(page, "total")), 2);
    area_free(a);
}

/* What the lists hold, as text: each entry (family name, list, rank),
 * the counts, the population and the average the lists reflect. */
static void lists_text(struct store *db, char *out, size_t n)
{
    struct store_error err = {0};
    json_t *rows = store_query_rows(db, "SELECT p.family_name || ':' || m.kind || ':' || m.rank_key || ':' ||"
        " m.name_key AS e FROM cohort_members m JOIN persons p ON p.id = m.person_id"
        " UNION ALL SELECT 'counts ' || kind || ':' || SUM(people) FROM cohort_counts GROUP BY kind"
        " HAVING SUM(people) <> 0"
        " UNION ALL SELECT 'people ' || SUM(people) || ', ' || SUM(total_pence) FROM cohort_population"
        " UNION ALL SELECT 'average ' || average_pence FROM cohort_state ORDER BY 1", 0, NULL, &err);
    assert_non_null(rows);
    size_t i, at = 0;
    json_t *r;
    out[0] = '\0';
    json_array_foreach(rows, i, r)
        at += (size_t)snprintf(out + at, n - at, "%s; ", json_string_value(json_object_get(r, "e")));
    json_decref(rows);
}

/* People registered together (a bulk import's batch: persons_stage_*)
 * leave the lists, counts, population and average as registering them one
 * at a time does — including people on no list (no practice, dead) and
 * costs that move the average past earlier entries. */
static void registered_together_as_one_at_a_time(void **state)
{
    (void)state;
    static const struct {
        const char *family;
        int ltc, efi, placed;
        long long cost;
        const char *died;
    } people[] = {
        {"Ash", 6, 0, 1, 1000, NULL},  {"Birch", 5, 0, 1, 0, NULL},     {"Cedar", 4, 0, 1, 300, NULL},
        {"Damson", 7, 12, 1, 5000, NULL}, {"Elm", 9, 0, 0, 9000, NULL}, {"Fir", 6, 0, 1, 8000, "2025-06-01"},
        {"Gorse", 0, 14, 1, 1200, NULL}, {"Holly", 5, 0, 1, 1200, NULL}, {"Ivy", 0, 0, 1, 15000, NULL},
    };
    /* and enough more (no cost, 0-7 conditions) that the lists are read
     * back many people to a query, as a batch of an import is */
    enum { LISTED = sizeof people / sizeof people[0], N = LISTED + 70 };
    char expected[16384] = "", got[16384] = "";
    for (int way = 0; way < 2; way++) {
        struct area *a = area_new();
        struct store *db = a->f->t->db;
        struct store_error err = {0};
        char now[STORE_TIME_LEN], ids[N][STORE_ID_LEN];
        store_now(now);
        struct actor by = {NULL, now};
        /* Before: Smith alone, average 9,000, so the cost list starts at
         * 27,000; after, 41,700 / 79 = 527 and it starts at 1,581: Smith,
         * Damson and Ivy join as the average falls. */
        feed(a, a->f->person, 6, 9000);
        if (way == 1)
            assert_int_equal(persons_stage_open(db, &err), 0);
        for (int i = 0; i < N; i++) {
            char filler[24];
            snprintf(filler, sizeof filler, "Filler%02d", i);
            int mine = i < LISTED;
            json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:i, s:s, s:I, s:i, s:b,"
                                    " s:s, s:s?, s:s?}",
                                    "family_name", mine ? people[i].family : filler, "given_name", "Test",
                                    "family_name_key", mine ? people[i].family : filler, "given_name_key", "TEST",
                                    "date_of_birth", "1950-01-01", "sex", "female", "interpreter_needed", 0,
                                    "objects_to_sharing", 0, "alert_safeguarding", 0, "alert_risk_to_staff", 0,
                                    "ltc_count", mine ? people[i].ltc : i % 8, "efi_deficits", "",
                                    "predicted_cost_pence", (json_int_t)(mine ? people[i].cost : 0), "efi_count",
                                    mine ? people[i].efi : 0, "frailty_flag", 0, "registered_org_id", a->gp,
                                    "gp_practice_id", !mine || people[i].placed ? a->gp : NULL, "date_of_death",
                                    mine ? people[i].died : NULL);
            int rc = way == 0 ? persons_insert(db, &by, row, ids[i], &err) : persons_stage_add(db, &by, row, ids[i], &err);
            if (rc != 0)
                fail_msg("row %d: %s", i, err.message);
            json_decref(row);
        }
        if (way == 1 && persons_stage_write(db, &by, (const char (*)[STORE_ID_LEN])ids, N, a->gp, a->f->team,
                                            "2026-12-05", "Registered by a bulk import", &err) != 0)
            fail_msg("persons_stage_write: %s", err.message);
        lists_text(db, way == 0 ? expected : got, sizeof got);
        if (way == 1) {
            assert_int_equal(count(db, "SELECT COUNT(*) FROM person_events WHERE summary = $1",
                                   "Registered by a bulk import"), N);
            assert_int_equal(count(db, "SELECT COUNT(*) FROM person_orgs WHERE org_id = $1", a->gp), N);
            assert_int_equal(count(db, "SELECT COUNT(*) FROM caseloads WHERE team_id = $1", a->f->team), N);
            assert_int_equal(count(db, "SELECT COUNT(*) FROM persons_stage WHERE $1 = $1", "x"), 0);
        }
        area_free(a);
    }
    assert_string_equal(got, expected);
    assert_non_null(strstr(expected, "Ivy:1:"));      /* the cost list followed the average */
    assert_non_null(strstr(expected, "Smith:1:"));    /* past someone on the record before */
    assert_non_null(strstr(expected, "Filler63:0:")); /* read back 64 to a query */
    assert_non_null(strstr(expected, "Filler71:0:")); /* and the rest one by one */
    assert_non_null(strstr(expected, "Damson:2:"));   /* and the others have people on them */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_feed_needs_a_relationship_and_valid_input),
        cmocka_unit_test(cohorts_are_for_the_locality_teams_and_each_person_is_audited),
        cmocka_unit_test(the_lists_follow_each_change),
        cmocka_unit_test(registered_together_as_one_at_a_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
