#include "domain/chc_checklist.h"
#include <stdio.h>
#include <string.h>

const struct chc_domain_info chc_checklist_domains[CHC_CHECKLIST_DOMAINS] = {
    {"breathing", "Breathing", 1},
    {"nutrition", "Nutrition – food and drink", 0},
    {"continence", "Continence", 0},
    {"skin", "Skin integrity", 0},
    {"mobility", "Mobility", 0},
    {"communication", "Communication", 0},
    {"psychological", "Psychological and emotional needs", 0},
    {"cognition", "Cognition", 0},
    {"behaviour", "Behaviour", 1},
    {"drug_therapies", "Drug therapies and medication: symptom control", 1},
    {"altered_states", "Altered states of consciousness", 1},
};

int chc_checklist_domain_index(const char *key)
{
    for (int i = 0; key && i < CHC_CHECKLIST_DOMAINS; i++)
        if (strcmp(chc_checklist_domains[i].key, key) == 0)
            return i;
    return -1;
}

int chc_checklist_parse_level(const char *key, const char *value, enum chc_level *out, struct domain_error *err)
{
    char field[48];
    snprintf(field, sizeof field, "domains.%s", key ? key : "");
    if (chc_checklist_domain_index(key) < 0)
        return domain_fail(err, DOMAIN_EINVAL, field, "is not a Checklist domain");
    if (!value || !*value)
        return domain_fail(err, DOMAIN_EMISSING, field, "needs a score: A, B or C");
    if (value[1] == '\0') {
        switch (value[0]) {
        case 'A': case 'a': *out = CHC_LEVEL_A; return DOMAIN_OK;
        case 'B': case 'b': *out = CHC_LEVEL_B; return DOMAIN_OK;
        case 'C': case 'c': *out = CHC_LEVEL_C; return DOMAIN_OK;
        default: break;
        }
    }
    return domain_fail(err, DOMAIN_EINVAL, field, "must be A, B or C");
}

int chc_checklist_outcome(const enum chc_level levels[CHC_CHECKLIST_DOMAINS],
                          const int set[CHC_CHECKLIST_DOMAINS], struct chc_checklist_result *out,
                          struct domain_error *err)
{
    memset(out, 0, sizeof *out);
    int asterisk_a = 0;
    for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++) {
        if (!set[i]) {
            char field[48];
            snprintf(field, sizeof field, "domains.%s", chc_checklist_domains[i].key);
            return domain_fail(err, DOMAIN_EMISSING, field, "needs a score: A, B or C");
        }
        switch (levels[i]) {
        case CHC_LEVEL_A:
            out->count_a++;
            asterisk_a |= chc_checklist_domains[i].asterisk;
            break;
        case CHC_LEVEL_B: out->count_b++; break;
        case CHC_LEVEL_C: out->count_c++; break;
        default:
            return domain_fail(err, DOMAIN_EINVAL, "domains", "a level is not A, B or C");
        }
    }
    if (out->count_a >= 2) out->rules |= CHC_RULE_TWO_A;
    if (out->count_b >= 5) out->rules |= CHC_RULE_FIVE_B;
    if (out->count_a == 1 && out->count_b >= 4) out->rules |= CHC_RULE_ONE_A_FOUR_B;
    if (asterisk_a) out->rules |= CHC_RULE_ASTERISK_A;
    out->positive = out->rules != 0;
    return DOMAIN_OK;
}

void chc_checklist_reasons(const struct chc_checklist_result *r, const enum chc_level levels[CHC_CHECKLIST_DOMAINS],
                           char *out, size_t n)
{
    size_t len = 0;
    out[0] = '\0';
#define ADD(...) do { if (len < n) { int w_ = snprintf(out + len, n - len, __VA_ARGS__); if (w_ > 0) len += (size_t)w_; } } while (0)
    if (r->rules & CHC_RULE_TWO_A) ADD("%s%d domains scored A (2 or more)", len ? "; " : "", r->count_a);
    if (r->rules & CHC_RULE_FIVE_B) ADD("%s%d domains scored B (5 or more)", len ? "; " : "", r->count_b);
    if (r->rules & CHC_RULE_ONE_A_FOUR_B) ADD("%sone A and %d B (1 A with 4 or more B)", len ? "; " : "", r->count_b);
    if (r->rules & CHC_RULE_ASTERISK_A)
        for (int i = 0; i < CHC_CHECKLIST_DOMAINS; i++)
            if (chc_checklist_domains[i].asterisk && levels[i] == CHC_LEVEL_A)
                ADD("%sA in %s (an asterisked domain)", len ? "; " : "", chc_checklist_domains[i].label);
    if (!r->rules)
        ADD("no threshold met (%d A, %d B, %d C)", r->count_a, r->count_b, r->count_c);
#undef ADD
}
