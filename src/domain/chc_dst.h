/* chc_dst: the NHS CHC Decision Support Tool — level validation, counts,
 * the advisory indicator, and the MDT composition rule.
 *
 * Source: National Framework for NHS Continuing Healthcare (July 2022),
 * Decision Support Tool. 12 care domains (the Checklist's 11 plus "other
 * significant care needs"). Every domain has No, Low, Moderate and High;
 * Severe exists only for breathing, nutrition, skin, mobility, cognition,
 * behaviour, drug therapies and other; Priority only for breathing,
 * behaviour, drug therapies and altered states of consciousness. A level a
 * domain lacks is invalid input.
 *
 * The indicator is a RECOMMENDATION to the ICB, never a decision; the MDT
 * weighs nature, intensity, complexity and unpredictability. Pinned here:
 *   strong   — any Priority, or Severe in two or more domains (Framework:
 *              "a clear recommendation of eligibility would be expected");
 *   possible — exactly one Severe together with Moderate-or-higher needs in
 *              at least two other domains; or High in two or more domains;
 *              or High and Moderate together in four or more domains
 *              (Framework: "one Severe … together with needs in a number of
 *              other domains, or a number of domains with High and/or
 *              Moderate needs … may also indicate a primary health need");
 *   none     — otherwise.
 *
 * MDT (Framework para 2.28 / DST user notes): at least two professionals
 * from different healthcare professions, or one healthcare professional and
 * one person responsible for assessing for care and support (a Care Act
 * assessor). domain.md says "two professionals from different health/social
 * care professions"; the Framework is the narrower rule and wins: two
 * social care staff without a health professional do not make an MDT. */
#ifndef SEAMLESS_CHC_DST_H
#define SEAMLESS_CHC_DST_H
#include <stddef.h>
#include "domain/domain_error.h"

#define CHC_DST_DOMAINS 12

enum dst_level { DST_NO, DST_LOW, DST_MODERATE, DST_HIGH, DST_SEVERE, DST_PRIORITY, DST_LEVELS };

extern const char *const dst_level_names[DST_LEVELS];   /* "no" … "priority" */

struct dst_domain_info {
    const char *key;
    const char *label;
    int has_severe;
    int has_priority;
};
extern const struct dst_domain_info chc_dst_domains[CHC_DST_DOMAINS];

int chc_dst_domain_index(const char *key);
/* Parses value as a level the domain has; the error (field
 * "domains.<key>") names the allowed levels. */
MUST_CHECK int chc_dst_parse_level(const char *key, const char *value, enum dst_level *out, struct domain_error *err);

enum dst_indicator { DST_INDICATOR_NONE, DST_INDICATOR_POSSIBLE, DST_INDICATOR_STRONG };
const char *dst_indicator_name(enum dst_indicator i);   /* "none" | "possible" | "strong" */

struct chc_dst_result {
    int counts[DST_LEVELS];
    enum dst_indicator indicator;
};

/* All 12 domains must be set (set[i]); levels must be allowed (checked
 * again here). */
int chc_dst_evaluate(const enum dst_level levels[CHC_DST_DOMAINS], const int set[CHC_DST_DOMAINS],
                     struct chc_dst_result *out, struct domain_error *err);

enum dst_profession_kind { PROF_HEALTH, PROF_SOCIAL_CARE, PROF_OTHER };
struct dst_member {
    const char *profession;   /* registered_nurse, gp, doctor, occupational_therapist, physiotherapist,
                                 social_worker, … */
    int care_act_assessor;
};
enum dst_profession_kind dst_profession_kind(const char *profession);
/* DOMAIN_OK when the members make a valid MDT; otherwise an error naming
 * "mdt" that says what is missing. */
int chc_dst_check_mdt(const struct dst_member *members, size_t n, struct domain_error *err);

#endif
