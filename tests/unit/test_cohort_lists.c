/* The maintained cohort lists' rule (domain/cohort.h): which lists a person
 * is on and with what key, at each boundary; the order of entries (ties by
 * name, then id; the cost list by id); a person entering, leaving and moving
 * within a list when their data change; the population share; and the
 * keyset cursor. */
#include "test_helpers.h"
#include "domain/cohort.h"
#include <stdlib.h>
#include <string.h>

static void entries_at_each_boundary(void **state)
{
    (void)state;
    enum { L = 1 << COHORT_KIND_LTC5, H = 1 << COHORT_KIND_HIGH_COST, F = 1 << COHORT_KIND_FRAILTY };
    static const struct {
        struct cohort_person p;
        int64_t average;
        int lists;
        int64_t rank[COHORT_KINDS];
    } cases[] = {
        {{1, 1, 4, 0, 0, 0}, 100, 0, {0}},
        {{1, 1, 5, 0, 0, 0}, 100, L, {-5}},
        {{1, 1, 0, 0, 0, 299}, 100, 0, {0}},
        {{1, 1, 0, 0, 0, 300}, 100, H, {0, -300}},
        {{1, 1, 0, 0, 0, 300}, 0, 0, {0}},                 /* no average: nobody is 3 × it */
        {{1, 1, 0, 8, 0, 0}, 100, 0, {0}},
        {{1, 1, 0, 9, 0, 0}, 100, F, {0, 0, -9}},
        {{1, 1, 0, 2, 1, 0}, 100, F, {0, 0, -2}},            /* a flag with a low eFI */
        {{1, 1, 7, 13, 1, 900}, 100, L | H | F, {-7, -900, -13}},
        {{0, 1, 7, 13, 1, 900}, 100, 0, {0}},              /* dead or merged */
        {{1, 0, 7, 13, 1, 900}, 100, 0, {0}},              /* no practice in a locality */
        {{1, 1, -1, -3, 0, -5}, 100, 0, {0}},              /* nonsense counts are nothing */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct cohort_entry e[COHORT_KINDS];
        int n = cohort_entries(&cases[i].p, cases[i].average, e), lists = 0;
        for (int k = 0; k < n; k++) {
            lists |= 1 << e[k].kind;
            if (e[k].rank_key != cases[i].rank[e[k].kind] || e[k].by_name != (e[k].kind != COHORT_KIND_HIGH_COST))
                fail_msg("case %zu: list %d key %lld", i, (int)e[k].kind, (long long)e[k].rank_key);
            if (k && e[k].kind <= e[k - 1].kind)
                fail_msg("case %zu: entries out of kind order", i);
        }
        if (lists != cases[i].lists)
            fail_msg("case %zu: lists %d, expected %d", i, lists, cases[i].lists);
    }
}

static void average_and_threshold(void **state)
{
    (void)state;
    static const struct { int64_t n, total, average, threshold; } cases[] = {
        {0, 0, 0, INT64_MAX}, {3, 0, 0, INT64_MAX}, {10, 100000, 10000, 30000}, {3, 100, 33, 99},
        {3, 101, 33, 99}, {3, 102, 34, 102}, {1, INT64_MAX, INT64_MAX, INT64_MAX},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(cohort_average(cases[i].n, cases[i].total), cases[i].average);
        assert_int_equal(cohort_cost_threshold(cases[i].average), cases[i].threshold);
    }
}

static void population_share(void **state)
{
    (void)state;
    static const struct { struct cohort_person p; int64_t n, total; } cases[] = {
        {{1, 1, 0, 0, 0, 500}, 1, 500}, {{1, 0, 0, 0, 0, 500}, 1, 500},   /* counted without a practice */
        {{0, 1, 0, 0, 0, 500}, 0, 0}, {{1, 1, 0, 0, 0, 0}, 1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t n = -1, t = -1;
        cohort_population_share(&cases[i].p, &n, &t);
        assert_int_equal(n, cases[i].n);
        assert_int_equal(t, cases[i].total);
    }
}

/* A small LTC5 list kept in order with cohort_key_cmp. */
struct row { const char *name, *id; int ltc; };
static int by_key(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    struct cohort_key kx = {-x->ltc, x->name, x->id}, ky = {-y->ltc, y->name, y->id};
    return cohort_key_cmp(&kx, &ky);
}

static void order(struct row *r, size_t n, char *out, size_t on)
{
    qsort(r, n, sizeof *r, by_key);
    size_t at = 0;
    for (size_t i = 0; i < n && at + 1 < on; i++) {
        struct cohort_person p = {1, 1, r[i].ltc, 0, 0, 0};
        struct cohort_entry e[COHORT_KINDS];
        if (cohort_entries(&p, 0, e) && e[0].kind == COHORT_KIND_LTC5)
            out[at++] = r[i].id[0];
    }
    out[at] = '\0';
}

static void ties_entering_leaving_and_rank_after_update(void **state)
{
    (void)state;
    struct row r[] = {{"JONES", "b", 6}, {"ADAMS", "c", 6}, {"JONES", "a", 6}, {"BROWN", "d", 5},
                      {"YATES", "e", 9}, {"CLARK", "f", 4}};
    char got[16];
    order(r, 6, got, sizeof got);
    assert_string_equal(got, "ecabd");              /* 9; 6 by name then id; 5; 4 is not on it */
    static const struct { const char *id; int ltc; const char *after; } steps[] = {
        {"f", 5, "ecabdf"},                          /* enters at 5, after BROWN by name */
        {"e", 4, "cabdf"},                           /* leaves */
        {"d", 10, "dcabf"},                          /* moves to the top */
        {"c", 6, "dcabf"},                           /* same key: same place */
        {"a", 5, "dcbfa"},                           /* drops below its tie and CLARK */
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        for (size_t k = 0; k < 6; k++)
            if (strcmp(r[k].id, steps[i].id) == 0)
                r[k].ltc = steps[i].ltc;
        order(r, 6, got, sizeof got);
        if (strcmp(got, steps[i].after) != 0)
            fail_msg("step %zu: %s, expected %s", i, got, steps[i].after);
    }
}

static void cost_list_ties_by_id_only(void **state)
{
    (void)state;
    struct cohort_key a = {-500, "", "b"}, b = {-500, "", "a"}, c = {-600, "", "z"};
    assert_true(cohort_key_cmp(&b, &a) < 0);
    assert_true(cohort_key_cmp(&c, &b) < 0);
    assert_int_equal(cohort_key_cmp(&a, &a), 0);
}

static void cursor_round_trip_and_rejects(void **state)
{
    (void)state;
    static const struct cohort_key keys[] = {
        {-13, "O'BRIEN-SMITH", "01a237104e3b94b186df3e29"}, {-900000, "", "ffff"}, {0, "Ä.B", "x1"},
        {INT64_MIN + 1, "Z", "1"},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        char buf[128], names[64], ids[32];
        struct cohort_key k;
        assert_int_equal(cohort_cursor_format(&keys[i], buf, sizeof buf), 0);
        assert_null(strpbrk(buf, "/?&#%+ '"));
        assert_int_equal(cohort_cursor_parse(buf, &k, names, sizeof names, ids, sizeof ids), 0);
        assert_int_equal(cohort_key_cmp(&k, &keys[i]), 0);
    }
    static const char *const bad[] = {"", "12", "12.", "12.ab", ".ab.00", "-.ab.41", "1x.ab.41", "1.a-b.41",
                                      "1.ab.4", "1.ab.4g", "1.ab.0041", "99999999999999999999.ab.41", "1..41"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char names[64], ids[32];
        struct cohort_key k;
        if (cohort_cursor_parse(bad[i], &k, names, sizeof names, ids, sizeof ids) == 0)
            fail_msg("accepted %s", bad[i]);
    }
    char tiny[8];
    struct cohort_key big = {-5, "AVERYLONGNAME", "abc"};
    assert_int_equal(cohort_cursor_format(&big, tiny, sizeof tiny), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entries_at_each_boundary),
        cmocka_unit_test(average_and_threshold),
        cmocka_unit_test(population_share),
        cmocka_unit_test(ties_entering_leaving_and_rank_after_update),
        cmocka_unit_test(cost_list_ties_by_id_only),
        cmocka_unit_test(cursor_round_trip_and_rejects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
