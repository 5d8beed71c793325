/* Unit tests for domain/discharge: pathways, delay days, reason codes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "domain/discharge.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void pathways_0_to_3_only(void **state)
{
    (void)state;
    static const struct { int p, rc; const char *label; } cases[] = {
        {-1, DOMAIN_EINVAL, "unknown"}, {0, 0, "Home without new support"},
        {1, 0, "Home with support"}, {2, 0, "Bed-based rehabilitation"},
        {3, 0, "Care home"}, {4, DOMAIN_EINVAL, "unknown"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error err = {{0}, {0}};
        assert_int_equal(discharge_pathway_check(cases[i].p, &err), cases[i].rc);
        if (cases[i].rc)
            assert_string_equal(err.field, "pathway");
        assert_string_equal(discharge_pathway_label(cases[i].p), cases[i].label);
    }
}

static void delay_days_from_the_discharge_ready_date(void **state)
{
    (void)state;
    const struct date drd = {2026, 2, 27};
    static const struct {
        const char *name;
        int discharged;         /* 0: still in hospital */
        struct date when;       /* discharge date when discharged */
        struct date today;
        int32_t want;
    } cases[] = {
        {"discharged on the DRD", 1, {2026, 2, 27}, {2026, 3, 10}, 0},
        {"discharged before the DRD", 1, {2026, 2, 20}, {2026, 3, 10}, 0},
        {"discharged a day late", 1, {2026, 2, 28}, {2026, 3, 10}, 1},
        {"over month end (not leap)", 1, {2026, 3, 2}, {2026, 3, 10}, 3},
        {"still in, ready today", 0, {0, 0, 0}, {2026, 2, 27}, 0},
        {"still in, not ready yet", 0, {0, 0, 0}, {2026, 2, 1}, 0},
        {"still in, 11 days so far", 0, {0, 0, 0}, {2026, 3, 10}, 11},
        {"discharged today", 1, {2026, 3, 10}, {2026, 3, 10}, 11},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int32_t d = -9;
        assert_int_equal(discharge_delay_days(drd, cases[i].discharged ? &cases[i].when : NULL,
                                              cases[i].today, &d, NULL), 0);
        if (d != cases[i].want)
            fail_msg("%s: %d", cases[i].name, d);
    }
    int32_t d;
    struct domain_error err;
    const struct date future = {2026, 3, 11};
    assert_int_equal(discharge_delay_days(drd, &future, (struct date){2026, 3, 10}, &d, &err),
                     DOMAIN_EINVAL);
    assert_string_equal(err.field, "discharge_date");
    /* Leap year: 2024-02-28 to 2024-03-01 is 2 days. */
    const struct date out = {2024, 3, 1};
    assert_int_equal(discharge_delay_days((struct date){2024, 2, 28}, &out,
                                          (struct date){2024, 3, 5}, &d, NULL), 0);
    assert_int_equal(d, 2);
}

static void reason_codes_and_their_sectors(void **state)
{
    (void)state;
    static const struct { const char *code; int rc; enum discharge_sector sector; } cases[] = {
        {"awaiting_assessment", 0, DISCHARGE_SECTOR_BOTH},
        {"awaiting_care_package", 0, DISCHARGE_SECTOR_SOCIAL_CARE},
        {"awaiting_care_home", 0, DISCHARGE_SECTOR_SOCIAL_CARE},
        {"awaiting_rehab_bed", 0, DISCHARGE_SECTOR_NHS},
        {"awaiting_funding_decision", 0, DISCHARGE_SECTOR_BOTH},
        {"family_choice", 0, DISCHARGE_SECTOR_BOTH},
        {"housing", 0, DISCHARGE_SECTOR_SOCIAL_CARE},
        {"equipment", 0, DISCHARGE_SECTOR_BOTH},
        {"awaiting_transport", 0, DISCHARGE_SECTOR_NHS},
        {"patient_unwell", DOMAIN_EINVAL, 0},
        {"Housing", DOMAIN_EINVAL, 0},
        {"housing ", DOMAIN_EINVAL, 0},
        {"", DOMAIN_EMISSING, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        const struct discharge_reason *r = NULL;
        struct domain_error err = {{0}, {0}};
        int rc = discharge_reason_parse(cases[i].code, &r, &err);
        if (rc != cases[i].rc)
            fail_msg("%s: rc %d", cases[i].code, rc);
        if (rc == 0) {
            assert_string_equal(r->code, cases[i].code);
            assert_int_equal(r->sector, cases[i].sector);
        } else {
            assert_null(r);
            assert_string_equal(err.field, "delay_reason");
        }
    }
    /* Table: unique codes, every entry parses to itself, names known. */
    size_t n;
    const struct discharge_reason *all = discharge_reasons(&n);
    assert_true(n >= 10);
    for (size_t i = 0; i < n; i++) {
        const struct discharge_reason *r;
        assert_int_equal(discharge_reason_parse(all[i].code, &r, NULL), 0);
        assert_ptr_equal(r, &all[i]);
        assert_true(all[i].label[0] != '\0');
        assert_string_not_equal(discharge_sector_name(all[i].sector), "unknown");
    }
    assert_string_equal(discharge_sector_name(DISCHARGE_SECTOR_SOCIAL_CARE), "social_care");
}

#define D(y, m, d) ((struct date){y, m, d})

static void reason_table_has_categories(void **state)
{
    (void)state;
    size_t n;
    const struct discharge_reason *all = discharge_reasons(&n);
    assert_true(n >= 30);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(all[i].category);
        if (strcmp(discharge_category_label(all[i].category), "Other") == 0)
            assert_string_equal(all[i].category, "other");
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(all[i].code, all[j].code);
    }
    enum discharge_sector s;
    assert_int_equal(discharge_sector_parse("social_care", "sector", &s, NULL), 0);
    assert_int_equal(s, DISCHARGE_SECTOR_SOCIAL_CARE);
    struct domain_error err;
    assert_int_equal(discharge_sector_parse("council", "sector", &s, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "sector");
    assert_int_equal(discharge_sector_parse("", "attribution", &s, &err), DOMAIN_EMISSING);
    assert_string_equal(err.field, "attribution");
    assert_string_equal(discharge_sector_label(DISCHARGE_SECTOR_BOTH), "NHS and social care");
}

static void ready_date_from_criteria_to_reside_reviews(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct discharge_review r[4];
        size_t n;
        int has;
        struct date drd;
    } cases[] = {
        {"no reviews", {{{0, 0, 0}, 0}}, 0, 0, {0, 0, 0}},
        {"still meets", {{D(2026, 3, 1), 1}, {D(2026, 3, 2), 1}}, 2, 0, {0, 0, 0}},
        {"first does-not-meet sets it", {{D(2026, 3, 1), 1}, {D(2026, 3, 2), 0}, {D(2026, 3, 3), 0}}, 3, 1,
         D(2026, 3, 2)},
        {"first review already not meeting", {{D(2026, 3, 1), 0}}, 1, 1, D(2026, 3, 1)},
        {"unwell again clears it", {{D(2026, 3, 1), 0}, {D(2026, 3, 2), 1}}, 2, 0, {0, 0, 0}},
        {"ready again: new DRD", {{D(2026, 3, 1), 0}, {D(2026, 3, 2), 1}, {D(2026, 3, 5), 0}}, 3, 1,
         D(2026, 3, 5)},
        {"two reviews one day", {{D(2026, 3, 1), 1}, {D(2026, 3, 1), 0}}, 2, 1, D(2026, 3, 1)},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct date drd = {0, 0, 0};
        int has = -1;
        assert_int_equal(discharge_ready_date(cases[i].r, cases[i].n, &drd, &has, NULL), 0);
        if (has != cases[i].has || (has && date_compare(drd, cases[i].drd) != 0))
            fail_msg("%s: has %d", cases[i].name, has);
    }
    const struct discharge_review bad[] = {{D(2026, 3, 2), 1}, {D(2026, 3, 1), 0}};
    struct domain_error err;
    struct date drd;
    int has;
    assert_int_equal(discharge_ready_date(bad, 2, &drd, &has, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "reviews[i].on");
}

static void stay_dates_against_each_other(void **state)
{
    (void)state;
    const struct date adm = D(2026, 3, 1), today = D(2026, 3, 10);
    static const struct {
        const char *name;
        int has_drd, has_dis;
        struct date drd, dis;
        const char *field;   /* NULL: accepted */
    } cases[] = {
        {"admitted only", 0, 0, {0, 0, 0}, {0, 0, 0}, NULL},
        {"DRD on admission day", 1, 0, D(2026, 3, 1), {0, 0, 0}, NULL},
        {"DRD the day before admission", 1, 0, D(2026, 2, 28), {0, 0, 0}, "discharge_ready_date"},
        {"DRD today", 1, 0, D(2026, 3, 10), {0, 0, 0}, NULL},
        {"DRD tomorrow", 1, 0, D(2026, 3, 11), {0, 0, 0}, "discharge_ready_date"},
        {"discharged on admission day", 0, 1, {0, 0, 0}, D(2026, 3, 1), NULL},
        {"discharged before admission", 0, 1, {0, 0, 0}, D(2026, 2, 28), "discharged_on"},
        {"discharged tomorrow", 0, 1, {0, 0, 0}, D(2026, 3, 11), "discharged_on"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error err = {{0}, {0}};
        int rc = discharge_stay_check(adm, cases[i].has_drd ? &cases[i].drd : NULL,
                                      cases[i].has_dis ? &cases[i].dis : NULL, today, &err);
        if (cases[i].field == NULL ? rc != 0 : (rc == 0 || strcmp(err.field, cases[i].field) != 0))
            fail_msg("%s: rc %d field %s", cases[i].name, rc, err.field);
    }
    struct domain_error err;
    assert_int_equal(discharge_stay_check(D(2026, 3, 11), NULL, NULL, today, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "admitted_on");
}

/* Reason changes mid-stay: the parts add up to the delay days exactly. */
static void delay_days_by_reason_add_up(void **state)
{
    (void)state;
    const struct date drd = D(2026, 3, 1);
    static const struct {
        const char *name;
        struct date from[3];
        size_t n;
        int discharged;
        struct date end;   /* discharge date, or today */
        int32_t want[3], unrecorded;
    } cases[] = {
        {"one reason from the DRD", {D(2026, 3, 1)}, 1, 1, D(2026, 3, 4), {3}, 0},
        {"reason recorded before the DRD", {D(2026, 2, 20)}, 1, 1, D(2026, 3, 4), {3}, 0},
        {"reason recorded two days late", {D(2026, 3, 3)}, 1, 1, D(2026, 3, 4), {1}, 2},
        {"no reason at all", {{0, 0, 0}}, 0, 1, D(2026, 3, 4), {0}, 3},
        {"changed mid-stay", {D(2026, 3, 1), D(2026, 3, 3)}, 2, 1, D(2026, 3, 6), {2, 3}, 0},
        {"changed on the discharge day", {D(2026, 3, 1), D(2026, 3, 6)}, 2, 1, D(2026, 3, 6), {5, 0}, 0},
        {"changed twice, same day", {D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 2)}, 3, 1, D(2026, 3, 4),
         {1, 0, 2}, 0},
        {"still in, across midnight into today", {D(2026, 3, 1), D(2026, 3, 9)}, 2, 0, D(2026, 3, 10), {8, 1}, 0},
        {"discharged on the DRD", {D(2026, 3, 1)}, 1, 1, D(2026, 3, 1), {0}, 0},
        {"discharged before the DRD", {D(2026, 2, 25)}, 1, 1, D(2026, 2, 27), {0}, 0},
        {"reason after discharge", {D(2026, 3, 1), D(2026, 3, 9)}, 2, 1, D(2026, 3, 5), {4, 0}, 0},
    };
    for (size_t i = 0; i < N(cases); i++) {
        int32_t days[3] = {-1, -1, -1}, unrec = -1, total = -1;
        const struct date today = cases[i].discharged ? D(2026, 3, 20) : cases[i].end;
        const struct date *dis = cases[i].discharged ? &cases[i].end : NULL;
        assert_int_equal(discharge_delay_split(drd, dis, today, cases[i].from, cases[i].n, days, &unrec, NULL), 0);
        assert_int_equal(discharge_delay_days(drd, dis, today, &total, NULL), 0);
        int32_t sum = unrec;
        for (size_t k = 0; k < cases[i].n; k++) {
            if (days[k] != cases[i].want[k])
                fail_msg("%s: reason %zu has %d", cases[i].name, k, days[k]);
            sum += days[k];
        }
        if (unrec != cases[i].unrecorded || sum != total)
            fail_msg("%s: unrecorded %d, sum %d, total %d", cases[i].name, unrec, sum, total);
    }
    struct domain_error err;
    int32_t days[2], unrec;
    const struct date back[] = {D(2026, 3, 5), D(2026, 3, 2)};
    assert_int_equal(discharge_delay_split(drd, NULL, D(2026, 3, 10), back, 2, days, &unrec, &err), DOMAIN_EINVAL);
    assert_string_equal(err.field, "reasons[i].from");
    const struct date future = D(2026, 3, 11);
    assert_int_equal(discharge_delay_split(drd, &future, D(2026, 3, 10), back, 0, days, &unrec, &err),
                     DOMAIN_EINVAL);
    assert_string_equal(err.field, "discharge_date");
}

static void delay_days_within_a_month(void **state)
{
    (void)state;
    const struct date drd = D(2026, 1, 30), dis = D(2026, 2, 3);   /* delayed 30, 31 Jan, 1, 2 Feb */
    static const struct { struct date first, last; int32_t want; } cases[] = {
        {D(2026, 1, 1), D(2026, 1, 31), 2},
        {D(2026, 2, 1), D(2026, 2, 28), 2},
        {D(2026, 3, 1), D(2026, 3, 31), 0},
        {D(2025, 12, 1), D(2025, 12, 31), 0},
        {D(2026, 2, 3), D(2026, 2, 3), 0},   /* the discharge day is not delayed */
        {D(2026, 1, 30), D(2026, 1, 30), 1}, /* the DRD itself is */
        {D(2026, 2, 5), D(2026, 2, 1), 0},   /* empty range */
    };
    for (size_t i = 0; i < N(cases); i++) {
        int32_t d = -1;
        assert_int_equal(discharge_delay_days_within(drd, &dis, D(2026, 3, 1), cases[i].first, cases[i].last, &d,
                                                     NULL), 0);
        if (d != cases[i].want)
            fail_msg("case %zu: %d", i, d);
    }
}

/* Which transfer of care fits which pathway, every pair named. */
static void transfers_fit_their_pathway(void **state)
{
    (void)state;
    static const struct {
        int pathway;
        const char *kind;
        int want;
        const char *field;
    } cases[] = {
        {1, "reablement", 0, NULL},          {2, "reablement", DOMAIN_EINVAL, "kind"},
        {3, "reablement", DOMAIN_EINVAL, "kind"},
        {1, "care_act_assessment", 0, NULL}, {2, "care_act_assessment", 0, NULL},
        {3, "care_act_assessment", 0, NULL},
        {1, "care_home", DOMAIN_EINVAL, "kind"}, {2, "care_home", DOMAIN_EINVAL, "kind"},
        {3, "care_home", 0, NULL},
        {1, "community_health", 0, NULL},    {2, "community_health", 0, NULL},
        {3, "community_health", DOMAIN_EINVAL, "kind"},
        {1, "chc_checklist", 0, NULL},       {3, "chc_fast_track", 0, NULL},
        {0, "reablement", DOMAIN_EINVAL, "pathway"},   /* home without new support */
        {-1, "reablement", DOMAIN_EMISSING, "pathway"}, /* no pathway yet */
        {4, "reablement", DOMAIN_EINVAL, "pathway"},
        {1, "taxi", DOMAIN_EINVAL, "kind"},  {1, "", DOMAIN_EMISSING, "kind"},
        {1, NULL, DOMAIN_EMISSING, "kind"},
    };
    for (size_t i = 0; i < N(cases); i++) {
        struct domain_error e = {0};
        int rc = discharge_transfer_check(cases[i].pathway, cases[i].kind, &e);
        if (rc != cases[i].want || (cases[i].field && strcmp(e.field, cases[i].field) != 0))
            fail_msg("case %zu: %d %s", i, rc, e.field);
    }
    assert_string_equal(discharge_transfer_route("care_home"), "social_care_assessment");
    assert_string_equal(discharge_transfer_route("community_health"), "neighbourhood");
    assert_string_equal(discharge_transfer_route("chc_fast_track"), "chc");
    assert_null(discharge_transfer_route("taxi"));
    assert_string_equal(discharge_transfer_label("reablement"), "Reablement at home");
}

/* A transfer's status in words, for every status the table allows and
 * for what it does not. */
static void transfer_status_words(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"open", "Waiting for the receiving team"}, {"accepted", "Accepted by the receiving team"},
        {"declined", "Declined: back with the front door"}, {"closed", "Closed"},
        {"OPEN", "Unknown"}, {"", "Unknown"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(discharge_transfer_status_label(cases[i][0]), cases[i][1]);
    assert_string_equal(discharge_transfer_status_label(NULL), "Unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(transfer_status_words),
        cmocka_unit_test(pathways_0_to_3_only),
        cmocka_unit_test(delay_days_from_the_discharge_ready_date),
        cmocka_unit_test(reason_codes_and_their_sectors),
        cmocka_unit_test(reason_table_has_categories),
        cmocka_unit_test(ready_date_from_criteria_to_reside_reviews),
        cmocka_unit_test(stay_dates_against_each_other),
        cmocka_unit_test(delay_days_by_reason_add_up),
        cmocka_unit_test(delay_days_within_a_month),
        cmocka_unit_test(transfers_fit_their_pathway),
    };
    return cmocka_run_group_tests_name("discharge", tests, NULL, NULL);
}
