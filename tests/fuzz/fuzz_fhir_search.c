/* libFuzzer target: the FHIR search-parameter parser (src/fhir/search.c)
 * never crashes or overruns on any query, and what it accepts keeps its
 * invariants: values NUL-terminated within their bounds, _count in
 * 1..100, date prefixes from the list, a refusal always says why. The
 * input is split like a decoded query string: '&' between arguments,
 * the first '=' between name and value. */
#include "fuzz.h"
#include "fhir/search.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct fhir_param_spec PARAMS[] = {
    {"identifier", FHIR_TOKEN}, {"family", FHIR_STRING}, {"birthdate", FHIR_DATE}, {"patient", FHIR_REFERENCE},
    {NULL, 0},
};
static const char *const INCLUDES[] = {"Patient:general-practitioner", NULL};
static const struct fhir_search_spec SPEC = {"Patient", PARAMS, INCLUDES};

static void check_term(const struct fhir_term *t)
{
    if (memchr(t->value, '\0', sizeof t->value) == NULL || memchr(t->system, '\0', sizeof t->system) == NULL)
        abort();
    if (t->type == FHIR_DATE && strlen(t->prefix) != 2)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *copy = malloc(size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    const char *args[16][2];
    int n = 0;
    for (char *save = NULL, *arg = strtok_r(copy, "&", &save); arg && n < 16; arg = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(arg, '=');
        if (eq)
            *eq = '\0';
        args[n][0] = arg;
        args[n][1] = eq ? eq + 1 : "";
        n++;
    }
    struct fhir_search s;
    char why[128];
    if (fhir_search_parse((const char *const(*)[2])args, n, &SPEC, &s, why, sizeof why) == 0) {
        if (s.count < 1 || s.count > FHIR_MAX_COUNT || s.nterms > FHIR_MAX_TERMS || s.nlast_updated > 2)
            abort();
        for (int i = 0; i < s.nterms; i++)
            check_term(&s.terms[i]);
        for (int i = 0; i < s.nlast_updated; i++)
            check_term(&s.last_updated[i]);
    } else if (!why[0]) {
        abort();
    }
    free(copy);
    return 0;
}
