#include "domain/chc_dst.h"
#include <stdio.h>
#include <string.h>

const char *const dst_level_names[DST_LEVELS] = {"no", "low", "moderate", "high", "severe", "priority"};

const struct dst_domain_info chc_dst_domains[CHC_DST_DOMAINS] = {
    {"breathing", "Breathing", 1, 1},
    {"nutrition", "Nutrition", 1, 0},
    {"continence", "Continence", 0, 0},
    {"skin", "Skin integrity", 1, 0},
    {"mobility", "Mobility", 1, 0},
    {"communication", "Communication", 0, 0},
    {"psychological", "Psychological and emotional needs", 0, 0},
    {"cognition", "Cognition", 1, 0},
    {"behaviour", "Behaviour", 1, 1},
    {"drug_therapies", "Drug therapies and medication: symptom control", 1, 1},
    {"altered_states", "Altered states of consciousness", 0, 1},
    {"other", "Other significant care needs", 1, 0},
};

int chc_dst_domain_index(const char *key)
{
    for (int i = 0; key && i < CHC_DST_DOMAINS; i++)
        if (strcmp(chc_dst_domains[i].key, key) == 0)
            return i;
    return -1;
}

static int allowed(int domain, enum dst_level l)
{
    if (l <= DST_HIGH)
        return l >= DST_NO;
    if (l == DST_SEVERE)
        return chc_dst_domains[domain].has_severe;
    if (l == DST_PRIORITY)
        return chc_dst_domains[domain].has_priority;
    return 0;
}

static void allowed_list(int domain, char *out, size_t n)
{
    size_t len = 0;
    out[0] = '\0';
    for (int l = 0; l < DST_LEVELS; l++)
        if (allowed(domain, (enum dst_level)l) && len < n) {
            int w = snprintf(out + len, n - len, "%s%s", len ? ", " : "", dst_level_names[l]);
            if (w > 0)
                len += (size_t)w;
        }
}

int chc_dst_parse_level(const char *key, const char *value, enum dst_level *out, struct domain_error *err)
{
    char field[48], list[80];
    snprintf(field, sizeof field, "domains.%s", key ? key : "");
    int d = chc_dst_domain_index(key);
    if (d < 0)
        return domain_fail(err, DOMAIN_EINVAL, field, "is not a DST domain");
    allowed_list(d, list, sizeof list);
    if (!value || !*value)
        return domain_fail(err, DOMAIN_EMISSING, field, "needs a level: %s", list);
    for (int l = 0; l < DST_LEVELS; l++)
        if (strcmp(value, dst_level_names[l]) == 0) {
            if (!allowed(d, (enum dst_level)l))
                return domain_fail(err, DOMAIN_EINVAL, field, "has no level '%s' (allowed: %s)", value, list);
            *out = (enum dst_level)l;
            return DOMAIN_OK;
        }
    return domain_fail(err, DOMAIN_EINVAL, field, "must be one of: %s", list);
}

const char *dst_indicator_name(enum dst_indicator i)
{
    return i == DST_INDICATOR_STRONG ? "strong" : i == DST_INDICATOR_POSSIBLE ? "possible" : "none";
}

static enum dst_indicator indicate(const int c[DST_LEVELS])
{
    if (c[DST_PRIORITY] >= 1 || c[DST_SEVERE] >= 2)
        return DST_INDICATOR_STRONG;
    int mod_or_high = c[DST_MODERATE] + c[DST_HIGH];
    if ((c[DST_SEVERE] == 1 && mod_or_high >= 2) || c[DST_HIGH] >= 2 || mod_or_high >= 4)
        return DST_INDICATOR_POSSIBLE;
    return DST_INDICATOR_NONE;
}

int chc_dst_evaluate(const enum dst_level levels[CHC_DST_DOMAINS], const int set[CHC_DST_DOMAINS],
                     struct chc_dst_result *out, struct domain_error *err)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < CHC_DST_DOMAINS; i++) {
        char field[48];
        snprintf(field, sizeof field, "domains.%s", chc_dst_domains[i].key);
        if (!set[i])
            return domain_fail(err, DOMAIN_EMISSING, field, "needs a level");
        if (!allowed(i, levels[i]))
            return domain_fail(err, DOMAIN_EINVAL, field, "has a level this domain does not have");
        out->counts[levels[i]]++;
    }
    out->indicator = indicate(out->counts);
    return DOMAIN_OK;
}

enum dst_profession_kind dst_profession_kind(const char *p)
{
    static const char *const health[] = {"registered_nurse", "gp", "doctor", "occupational_therapist",
                                         "physiotherapist", "speech_and_language_therapist", "dietitian",
                                         "psychologist", "pharmacist"};
    if (!p)
        return PROF_OTHER;
    for (size_t i = 0; i < sizeof health / sizeof health[0]; i++)
        if (strcmp(p, health[i]) == 0)
            return PROF_HEALTH;
    if (strcmp(p, "social_worker") == 0 || strcmp(p, "care_worker") == 0)
        return PROF_SOCIAL_CARE;
    return PROF_OTHER;
}

int chc_dst_check_mdt(const struct dst_member *m, size_t n, struct domain_error *err)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (i == j || dst_profession_kind(m[i].profession) != PROF_HEALTH)
                continue;
            int two_health = dst_profession_kind(m[j].profession) == PROF_HEALTH &&
                             strcmp(m[i].profession, m[j].profession) != 0;
            if (two_health || m[j].care_act_assessor)
                return DOMAIN_OK;
        }
    return domain_fail(err, DOMAIN_EINVAL, "mdt",
                       "needs two professionals from different health professions, or a health professional "
                       "and a Care Act assessor (%zu member%s given)", n, n == 1 ? "" : "s");
}
