/* cohort: which case-finding cohorts a person belongs to, for proactive
 * locality MDT review (domain.md §4; NHS England "Proactive care" guidance
 * and the LLR/Leeds/Nottinghamshire case-finding criteria):
 *   LTC5      — five or more long-term conditions;
 *   HIGH_COST — predicted acute cost over the next 12 months at least
 *               3 × the population average (compared exactly in integers:
 *               predicted ≥ 3 × average; with no average — zero — nobody
 *               qualifies, since "3 × nothing" identifies no outliers);
 *   FRAILTY   — eFI moderate or severe, or a recorded frailty flag. */
#ifndef SEAMLESS_COHORT_H
#define SEAMLESS_COHORT_H
#include <stddef.h>
#include <stdint.h>
#include "domain/domain_error.h"
#include "domain/efi.h"

enum { COHORT_LTC5 = 1, COHORT_HIGH_COST = 2, COHORT_FRAILTY = 4 };

struct cohort_input {
    int ltc_count;
    int64_t predicted_cost_pence;
    int64_t average_cost_pence;
    enum efi_category efi;
    int frailty_flag;
};

/* *cohorts gets the COHORT_* flags. Negative counts or costs → error naming
 * ltc_count, predicted_cost_pence or average_cost_pence. */
int cohort_membership(const struct cohort_input *in, int *cohorts, struct domain_error *err);
/* Why the person is in cohort (one COHORT_* flag), in words, into out. */
void cohort_reason(const struct cohort_input *in, int cohort, char *out, size_t n);

/* ---- Maintained cohort lists (store/cohort_members.c) ----------------------
 * Each cohort of a locality is kept as an ordered list that changes when a
 * person's case-finding data, practice, date of death or merge changes, and
 * when the population average moves — never sorted per request. A list
 * entry's order key is (rank_key, name_key, person_id), ascending:
 * rank_key is the negated measure (so "most in need first" is ascending),
 * name_key the family-name key for LTC5 and frailty (ties by name, then id)
 * and empty for the cost list (ties by id). */
enum cohort_kind { COHORT_KIND_LTC5, COHORT_KIND_HIGH_COST, COHORT_KIND_FRAILTY, COHORT_KINDS };

/* What the lists need of one person. current: alive and not merged;
 * placed: registered with a practice of some locality. */
struct cohort_person {
    int current, placed;
    int ltc_count, efi_count, frailty_flag;
    int64_t predicted_cost_pence;
};

struct cohort_entry {
    enum cohort_kind kind;
    int64_t rank_key;
    int by_name;   /* the family-name key breaks ties (LTC5, frailty) */
};

/* The population average in whole pence, rounded down; 0 with nobody. */
int64_t cohort_average(int64_t people, int64_t total_pence);
/* The least predicted cost in the cost list for this average: 3 × it, or
 * INT64_MAX when the average is 0 (nobody). */
int64_t cohort_cost_threshold(int64_t average);
/* The lists the person belongs on, with their keys, for this average; the
 * number of entries (0–3) in out, in cohort_kind order. */
int cohort_entries(const struct cohort_person *p, int64_t average, struct cohort_entry out[COHORT_KINDS]);
/* What the person adds to the population totals (count, pence): 1 and the
 * cost when current, nothing otherwise. */
void cohort_population_share(const struct cohort_person *p, int64_t *people, int64_t *total_pence);

/* A position in a list, for keyset paging. */
struct cohort_key {
    int64_t rank_key;
    const char *name_key, *person_id;
};
/* <0, 0, >0 as a sorts before, with, after b in a list. */
int cohort_key_cmp(const struct cohort_key *a, const struct cohort_key *b);
/* The key as an opaque cursor (URL-safe: digits, '-', '.', hex) into out;
 * -1 if it does not fit. */
int cohort_cursor_format(const struct cohort_key *k, char *out, size_t n);
/* Parses a cursor into *k, whose strings point into names and ids (sizes
 * nn, idn); -1 for anything cohort_cursor_format could not have made. */
int cohort_cursor_parse(const char *cursor, struct cohort_key *k, char *names, size_t nn, char *ids, size_t idn);

#endif
