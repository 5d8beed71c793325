/* chc_checklist: the NHS Continuing Healthcare Checklist (screening).
 *
 * Source: National Framework for NHS Continuing Healthcare and NHS-funded
 * Nursing Care (July 2022 revision), NHS CHC Checklist: 11 care domains,
 * each scored A (highest need), B or C. A full assessment for NHS CHC is
 * required (a "positive" Checklist) when there are:
 *   - two or more domains scored A; or
 *   - five or more domains scored B, or one A and four or more B; or
 *   - an A in any of the domains with an asterisk (breathing, behaviour,
 *     drug therapies and medication: symptom control, altered states of
 *     consciousness) — these carry a priority level in the DST.
 * Anything else is negative. Domain keys are the API's. */
#ifndef SEAMLESS_CHC_CHECKLIST_H
#define SEAMLESS_CHC_CHECKLIST_H
#include <stddef.h>
#include "domain/domain_error.h"

#define CHC_CHECKLIST_DOMAINS 11

enum chc_level { CHC_LEVEL_C = 0, CHC_LEVEL_B = 1, CHC_LEVEL_A = 2 };

struct chc_domain_info {
    const char *key;     /* "breathing" */
    const char *label;   /* "Breathing" */
    int asterisk;        /* an A here alone makes the Checklist positive */
};
extern const struct chc_domain_info chc_checklist_domains[CHC_CHECKLIST_DOMAINS];

/* Index of a domain key, or -1. */
int chc_checklist_domain_index(const char *key);
/* "A"/"B"/"C" (either case) for the domain key → level; errors name
 * "domains.<key>". */
MUST_CHECK int chc_checklist_parse_level(const char *key, const char *value, enum chc_level *out, struct domain_error *err);

/* Which rules fired (bit flags). */
enum {
    CHC_RULE_TWO_A = 1,          /* 2+ A */
    CHC_RULE_FIVE_B = 2,         /* 5+ B */
    CHC_RULE_ONE_A_FOUR_B = 4,   /* 1 A and 4+ B */
    CHC_RULE_ASTERISK_A = 8,     /* an A in an asterisked domain */
};

struct chc_checklist_result {
    int positive;
    int count_a, count_b, count_c;
    int rules;   /* CHC_RULE_* flags */
};

/* levels: one per domain in chc_checklist_domains order; set[i] says whether
 * domain i was scored. A domain not scored → DOMAIN_EMISSING naming
 * "domains.<key>". */
int chc_checklist_outcome(const enum chc_level levels[CHC_CHECKLIST_DOMAINS],
                          const int set[CHC_CHECKLIST_DOMAINS], struct chc_checklist_result *out,
                          struct domain_error *err);
/* The fired rules in words ("two or more A; an A in breathing…"), or
 * "no threshold met" — into out (size n). */
void chc_checklist_reasons(const struct chc_checklist_result *r, const enum chc_level levels[CHC_CHECKLIST_DOMAINS],
                           char *out, size_t n);

#endif
