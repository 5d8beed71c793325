/* demo_data: the word lists and places of the synthetic county (a fictional
 * shire on Leicester's LE postcodes). Nothing here is a real person or a
 * real organisation's code. */
#ifndef SEAMLESS_DEMO_DATA_H
#define SEAMLESS_DEMO_DATA_H
#include <stddef.h>

#define DEMO_LOCALITIES 3
#define DEMO_PRACTICES_PER_LOCALITY 20

struct demo_locality {
    const char *code, *name;
    const char *practice_code_prefix;       /* "GPN" → GPN01 … */
    const char *places[DEMO_PRACTICES_PER_LOCALITY];
    const char *districts[6];               /* postcode districts, NULL-terminated */
    const char *towns[6];                   /* post town of each district */
    int share_permille;                     /* of the county's population */
    const char *ilt_team, *int_team;        /* locality social work and neighbourhood teams */
};
extern const struct demo_locality demo_localities[DEMO_LOCALITIES];

extern const char *const demo_practice_kinds[4];
extern const char *const demo_family_names[];
extern const size_t demo_family_names_n;
extern const char *const demo_female_names[];
extern const size_t demo_female_names_n;
extern const char *const demo_male_names[];
extern const size_t demo_male_names_n;
extern const char *const demo_streets[];
extern const size_t demo_streets_n;
extern const char *const demo_street_kinds[];
extern const size_t demo_street_kinds_n;

/* England-like age structure: per-mille of the population in 5-year bands
 * 0–4 … 85–89 and 90+ (after ONS Census 2021 for England, rounded). */
#define DEMO_AGE_BANDS 19
extern const int demo_age_permille[DEMO_AGE_BANDS];

struct demo_provider { const char *code, *name; };
extern const struct demo_provider demo_providers[];
extern const size_t demo_providers_n;

#endif
