/* care_act: Care Act 2014 eligibility for adults needing care and support
 * and for carers.
 *
 * Source: The Care and Support (Eligibility Criteria) Regulations 2014,
 * SI 2015/313, in force 1 April 2015.
 * Adults (reg 2): needs are eligible when (a) they arise from or are related
 * to a physical or mental impairment or illness; (b) as a result the adult
 * is unable to achieve two or more of the ten specified outcomes; and (c) as
 * a consequence there is, or is likely to be, a significant impact on the
 * adult's well-being. "Unable to achieve" (reg 2(3)) means any of: unable
 * without assistance; able without assistance but it causes significant
 * pain, distress or anxiety; able but it endangers or is likely to endanger
 * the health or safety of the adult or others; able but it takes
 * significantly longer than would normally be expected.
 * Carers (reg 3): needs arise as a consequence of providing necessary care;
 * the effect is that (i) the carer's physical or mental health is, or is at
 * risk of, deteriorating, or (ii) the carer is unable to achieve any one of
 * the eight specified outcomes; and as a consequence there is, or is likely
 * to be, a significant impact on well-being. For carers, "unable to
 * achieve" has no "significantly longer" ground (reg 3(3)). Well-being is
 * s.1(2) of the Act (nine areas). */
#ifndef SEAMLESS_CARE_ACT_H
#define SEAMLESS_CARE_ACT_H
#include <stddef.h>
#include "domain/domain_error.h"

#define CARE_ACT_ADULT_OUTCOMES 10
#define CARE_ACT_CARER_OUTCOMES 8
#define CARE_ACT_WELLBEING_AREAS 9

enum care_act_ground {
    GROUND_WITHOUT_ASSISTANCE = 1,
    GROUND_PAIN_DISTRESS_ANXIETY = 2,
    GROUND_ENDANGERS = 4,
    GROUND_SIGNIFICANTLY_LONGER = 8,   /* adults only */
};

struct care_act_item { const char *key, *label; };
extern const struct care_act_item care_act_adult_outcomes[CARE_ACT_ADULT_OUTCOMES];
extern const struct care_act_item care_act_carer_outcomes[CARE_ACT_CARER_OUTCOMES];
extern const struct care_act_item care_act_wellbeing_areas[CARE_ACT_WELLBEING_AREAS];
extern const struct care_act_item care_act_grounds[4];   /* key → flag order as enum */

/* Ground key ("without_assistance", "pain_distress_anxiety", "endangers",
 * "significantly_longer") → flag. carer=1 refuses "significantly_longer".
 * field names the input (e.g. "outcomes.nutrition"). */
MUST_CHECK int care_act_parse_ground(const char *key, int carer, const char *field, int *flag, struct domain_error *err);
/* Index of an outcome key in the adult or carer table, or -1. */
int care_act_outcome_index(const char *key, int carer);
int care_act_wellbeing_index(const char *key);

struct care_act_adult {
    int impairment_or_illness;
    int grounds[CARE_ACT_ADULT_OUTCOMES];         /* GROUND_* flags per outcome; 0 = achieves it */
    int significant_impact;
    int wellbeing[CARE_ACT_WELLBEING_AREAS];      /* areas affected (for the record and the reasons) */
};

struct care_act_carer {
    int needs_arise_from_caring;
    int health_deteriorating_or_at_risk;
    int grounds[CARE_ACT_CARER_OUTCOMES];
    int significant_impact;
    int wellbeing[CARE_ACT_WELLBEING_AREAS];
};

struct care_act_result {
    int eligible;
    int outcomes_unable;          /* how many outcomes cannot be achieved */
    int condition_failed;         /* 0 none; else 1, 2 or 3: the first regulation condition not met */
    int health_at_risk;           /* carers: reg 3(2)(a) met (health deteriorating or at risk) */
};

/* Evaluates; fails only on malformed input (a carer ground that does not
 * exist, a significant impact claimed with no well-being area). */
int care_act_adult_eligibility(const struct care_act_adult *in, struct care_act_result *out, struct domain_error *err);
int care_act_carer_eligibility(const struct care_act_carer *in, struct care_act_result *out, struct domain_error *err);
/* The determination with its reasons, in words, into out (size n). */
void care_act_explain(const struct care_act_result *r, int carer, char *out, size_t n);

#endif
