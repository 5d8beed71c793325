/* The FHIR search-parameter parser (src/fhir/search.h): every kind of
 * parameter, each refusal naming the parameter, the boundaries of _count,
 * dates and lengths. */
#include "test_helpers.h"
#include "fhir/search.h"
#include <string.h>

static const struct fhir_param_spec PARAMS[] = {
    {"identifier", FHIR_TOKEN}, {"family", FHIR_STRING}, {"birthdate", FHIR_DATE}, {"patient", FHIR_REFERENCE},
    {NULL, 0},
};
static const char *const INCLUDES[] = {"Patient:general-practitioner", NULL};
static const struct fhir_search_spec SPEC = {"Patient", PARAMS, INCLUDES};

static int parse1(const char *name, const char *value, struct fhir_search *s, char *why)
{
    const char *args[1][2] = {{name, value}};
    return fhir_search_parse((const char *const(*)[2])args, 1, &SPEC, s, why, 200);
}

static void accepted_values(void **state)
{
    (void)state;
    static const struct {
        const char *name, *value, *system, *code, *prefix;
        int has_system, exact;
    } ok[] = {
        {"identifier", "https://fhir.nhs.uk/Id/nhs-number|9434765919", "https://fhir.nhs.uk/Id/nhs-number", "9434765919", "", 1, 0},
        {"identifier", "|9434765919", "", "9434765919", "", 1, 0},
        {"identifier", "9434765919", "", "9434765919", "", 0, 0},
        {"family", "Smith", "", "Smith", "", 0, 0},
        {"family:exact", "Smith", "", "Smith", "", 0, 1},
        {"birthdate", "1940-02-29", "", "1940-02-29", "eq", 0, 0},     /* a leap day */
        {"birthdate", "ge2026-12-31", "", "2026-12-31", "ge", 0, 0},
        {"birthdate", "lt2026-12-02T10:00:00Z", "", "2026-12-02T10:00:00Z", "lt", 0, 0},
        {"birthdate", "ne2026-12-02T10:00:00.123+01:00", "", "2026-12-02T10:00:00.123+01:00", "ne", 0, 0},
        {"patient", "Patient/abc", "Patient", "abc", "", 1, 0},
        {"patient", "abc", "", "abc", "", 0, 0},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        struct fhir_search s;
        char why[200];
        if (parse1(ok[i].name, ok[i].value, &s, why) != 0)
            fail_msg("%s=%s refused: %s", ok[i].name, ok[i].value, why);
        assert_int_equal(s.nterms, 1);
        assert_string_equal(s.terms[0].value, ok[i].code);
        assert_string_equal(s.terms[0].system, ok[i].system);
        assert_string_equal(s.terms[0].prefix, ok[i].prefix);
        assert_int_equal(s.terms[0].has_system, ok[i].has_system);
        assert_int_equal(s.terms[0].exact, ok[i].exact);
        assert_int_equal(s.count, FHIR_DEFAULT_COUNT);
    }
}

static void refused_values_name_the_parameter(void **state)
{
    (void)state;
    static const struct {
        const char *name, *value, *why;
    } bad[] = {
        {"shoe_size", "9", "Unknown search parameter 'shoe_size'"},
        {"family:contains", "Sm", "Unsupported modifier in 'family:contains'"},
        {"identifier:exact", "1", "Unsupported modifier in 'identifier:exact'"},
        {"identifier", "", "The value of search parameter 'identifier' is not valid"},
        {"identifier", "a|b|c", "The value of search parameter 'identifier' is not valid"},
        {"identifier", "sys|", "The value of search parameter 'identifier' is not valid"},
        {"birthdate", "1940-02-30", "The value of search parameter 'birthdate' is not valid"},
        {"birthdate", "1941-02-29", "The value of search parameter 'birthdate' is not valid"},  /* not a leap year */
        {"birthdate", "xx1940-01-01", "The value of search parameter 'birthdate' is not valid"},
        {"birthdate", "2026-12-02T10:00Z", "The value of search parameter 'birthdate' is not valid"},
        {"birthdate", "2026-12-02T10:00:00", "The value of search parameter 'birthdate' is not valid"},
        {"patient", "Patient/a/b", "The value of search parameter 'patient' is not valid"},
        {"_count", "0", "_count must be a whole number from 1 to 100"},
        {"_count", "101", "_count must be a whole number from 1 to 100"},
        {"_count", "-1", "_count must be a whole number from 1 to 100"},
        {"_count", "1e2", "_count must be a whole number from 1 to 100"},
        {"_cursor", "a b", "_cursor is not one this server gave"},
        {"_cursor", "", "_cursor is not one this server gave"},
        {"_include", "Patient:organization", "_include=Patient:organization is not supported here"},
        {"_lastUpdated", "yesterday", "_lastUpdated must be a date or instant, e.g. ge2026-04-01"},
        {"bad\x01name", "1", "Unknown search parameter 'bad?name'"},   /* never echoes control characters */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fhir_search s;
        char why[200];
        if (parse1(bad[i].name, bad[i].value, &s, why) != -1)
            fail_msg("%s=%s accepted", bad[i].name, bad[i].value);
        assert_string_equal(why, bad[i].why);
    }
}

static void count_cursor_include_and_last_updated(void **state)
{
    (void)state;
    const char *args[][2] = {{"_count", "1"}, {"_cursor", "01ab-_Z"}, {"_include", "Patient:general-practitioner"},
                             {"_lastUpdated", "ge2026-04-01"}, {"_lastUpdated", "lt2026-07-01"}, {"_format", "json"},
                             {"family", "Smith"}};
    struct fhir_search s;
    char why[200];
    assert_int_equal(fhir_search_parse((const char *const(*)[2])args, 7, &SPEC, &s, why, sizeof why), 0);
    assert_int_equal(s.count, 1);
    assert_string_equal(s.cursor, "01ab-_Z");
    assert_int_equal(s.nincludes, 1);
    assert_int_equal(s.nlast_updated, 2);
    assert_non_null(fhir_search_term(&s, "family"));
    assert_null(fhir_search_term(&s, "birthdate"));
    assert_true(fhir_date_matches(&s.last_updated[0], "2026-04-01T00:00:00Z"));    /* ge: the day itself */
    assert_false(fhir_date_matches(&s.last_updated[0], "2026-03-31T23:59:59Z"));
    assert_true(fhir_date_matches(&s.last_updated[1], "2026-06-30T23:59:59Z"));
    assert_false(fhir_date_matches(&s.last_updated[1], "2026-07-01T00:00:00Z"));    /* lt: not the day */
    assert_false(fhir_date_matches(&s.last_updated[1], NULL));
    const char *hundred[][2] = {{"_count", "100"}};
    assert_int_equal(fhir_search_parse((const char *const(*)[2])hundred, 1, &SPEC, &s, why, sizeof why), 0);
    assert_int_equal(s.count, 100);
    const char *three[][2] = {{"_lastUpdated", "ge2026-01-01"}, {"_lastUpdated", "le2026-02-01"}, {"_lastUpdated", "ne2026-01-05"}};
    assert_int_equal(fhir_search_parse((const char *const(*)[2])three, 3, &SPEC, &s, why, sizeof why), -1);
    const char *twice[][2] = {{"family", "A"}, {"family:exact", "B"}};
    assert_int_equal(fhir_search_parse((const char *const(*)[2])twice, 2, &SPEC, &s, why, sizeof why), -1);
    assert_string_equal(why, "Search parameter 'family' is given more than once");
}

static void lengths_are_bounded(void **state)
{
    (void)state;
    char longv[FHIR_VALUE_MAX + 1];
    memset(longv, 'a', sizeof longv - 1);
    longv[sizeof longv - 1] = '\0';
    struct fhir_search s;
    char why[200];
    assert_int_equal(parse1("family", longv, &s, why), -1);            /* 128 characters: too long */
    longv[FHIR_VALUE_MAX - 1] = '\0';
    assert_int_equal(parse1("family", longv, &s, why), 0);             /* 127: the most */
    char tiny[8];
    const char *args[1][2] = {{"nope", "1"}};
    assert_int_equal(fhir_search_parse((const char *const(*)[2])args, 1, &SPEC, &s, tiny, sizeof tiny), -1);
    assert_int_equal(strlen(tiny), sizeof tiny - 1);                     /* the message is cut, never overrun */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepted_values),
        cmocka_unit_test(refused_values_name_the_parameter),
        cmocka_unit_test(count_cursor_include_and_last_updated),
        cmocka_unit_test(lengths_are_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
