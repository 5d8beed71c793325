/* fhir/search: the FHIR search-parameter parser (outside input: fuzzed by
 * tests/fuzz/fuzz_fhir_search.c). Pure: no I/O, no allocation; values are
 * copied into the struct, bounded.
 *
 * Input: the query arguments as name/value pairs (already percent-decoded
 * by the HTTP layer) and what the resource supports (struct
 * fhir_search_spec). Output: the terms in order, the paging and _include
 * requests — or -1 with a message for people naming the parameter
 * (400 OperationOutcome: an unknown parameter, modifier or _include, a
 * malformed value, a repeated parameter) — never silently ignored.
 *
 * Understood for every resource: _count (1..FHIR_MAX_COUNT, default
 * FHIR_DEFAULT_COUNT), _cursor (our paging token: letters, digits, - and
 * _), _format (negotiated elsewhere), _lastUpdated (date or instant with
 * an eq/ne/gt/lt/ge/le prefix; at most 2), _include (Type:param listed in
 * the spec). Types: token ("system|code", "|code" or "code"), string
 * (":exact" allowed), date (prefix + YYYY-MM-DD), reference
 * ("Type/id" or "id"). */
#ifndef SEAMLESS_FHIR_SEARCH_H
#define SEAMLESS_FHIR_SEARCH_H
#include <stddef.h>

#define FHIR_MAX_TERMS 8
#define FHIR_MAX_COUNT 100
#define FHIR_DEFAULT_COUNT 20
#define FHIR_VALUE_MAX 128

enum fhir_param_type { FHIR_TOKEN, FHIR_STRING, FHIR_DATE, FHIR_REFERENCE };

struct fhir_param_spec {
    const char *name;
    enum fhir_param_type type;
};

struct fhir_search_spec {
    const char *resource;                       /* "Patient" */
    const struct fhir_param_spec *params;       /* ends with {NULL} */
    const char *const *includes;                /* "Patient:general-practitioner", NULL-ended; may be NULL */
};

struct fhir_term {
    const char *name;                  /* the spec's name (static) */
    enum fhir_param_type type;
    char prefix[3];                    /* date: "eq", "ge" …; "" otherwise */
    int exact;                         /* string :exact */
    int has_system;                    /* token: a "|" was given */
    char system[FHIR_VALUE_MAX];       /* token system; reference type */
    char value[FHIR_VALUE_MAX];        /* token code, string, YYYY-MM-DD (or instant), reference id */
};

struct fhir_search {
    struct fhir_term terms[FHIR_MAX_TERMS];
    int nterms;
    int count;
    char cursor[FHIR_VALUE_MAX];
    struct fhir_term last_updated[2];
    int nlast_updated;
    const char *includes[4];           /* the spec's strings */
    int nincludes;
};

/* Parses n pairs args[i][0] = name, args[i][1] = value. 0, or -1 with why
 * (a sentence naming the parameter) written to why (whyn bytes). */
int fhir_search_parse(const char *const (*args)[2], int n, const struct fhir_search_spec *spec,
                      struct fhir_search *out, char *why, size_t whyn);

/* 1 when the timestamp at ("YYYY-MM-DDTHH:MM:SSZ") satisfies a date term
 * (its prefix against its date or instant, compared to the precision
 * given). NULL at never matches. */
int fhir_date_matches(const struct fhir_term *t, const char *at);

/* The first term named name, or NULL. */
const struct fhir_term *fhir_search_term(const struct fhir_search *s, const char *name);

#endif
