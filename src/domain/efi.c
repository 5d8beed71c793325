#include "domain/efi.h"
#include <stdio.h>
#include <string.h>

const struct efi_deficit efi_deficits[EFI_DEFICITS] = {
    {"activity_limitation", "Activity limitation"},
    {"anaemia", "Anaemia and haematinic deficiency"},
    {"arthritis", "Arthritis"},
    {"atrial_fibrillation", "Atrial fibrillation"},
    {"cerebrovascular_disease", "Cerebrovascular disease"},
    {"chronic_kidney_disease", "Chronic kidney disease"},
    {"diabetes", "Diabetes"},
    {"dizziness", "Dizziness"},
    {"dyspnoea", "Dyspnoea"},
    {"falls", "Falls"},
    {"foot_problems", "Foot problems"},
    {"fragility_fracture", "Fragility fracture"},
    {"hearing_impairment", "Hearing impairment"},
    {"heart_failure", "Heart failure"},
    {"heart_valve_disease", "Heart valve disease"},
    {"housebound", "Housebound"},
    {"hypertension", "Hypertension"},
    {"hypotension_syncope", "Hypotension / syncope"},
    {"ischaemic_heart_disease", "Ischaemic heart disease"},
    {"memory_cognitive_problems", "Memory and cognitive problems"},
    {"mobility_transfer_problems", "Mobility and transfer problems"},
    {"osteoporosis", "Osteoporosis"},
    {"parkinsonism_tremor", "Parkinsonism and tremor"},
    {"peptic_ulcer", "Peptic ulcer"},
    {"peripheral_vascular_disease", "Peripheral vascular disease"},
    {"polypharmacy", "Polypharmacy"},
    {"requirement_for_care", "Requirement for care"},
    {"respiratory_disease", "Respiratory disease"},
    {"skin_ulcer", "Skin ulcer"},
    {"sleep_disturbance", "Sleep disturbance"},
    {"social_vulnerability", "Social vulnerability"},
    {"thyroid_disease", "Thyroid disease"},
    {"urinary_incontinence", "Urinary incontinence"},
    {"urinary_system_disease", "Urinary system disease"},
    {"visual_impairment", "Visual impairment"},
    {"weight_loss_anorexia", "Weight loss and anorexia"},
};

const char *efi_category_name(enum efi_category c)
{
    static const char *const names[] = {"fit", "mild", "moderate", "severe"};
    return c <= EFI_SEVERE ? names[c] : "fit";
}

int efi_deficit_index(const char *code)
{
    for (int i = 0; code && i < EFI_DEFICITS; i++)
        if (strcmp(efi_deficits[i].code, code) == 0)
            return i;
    return -1;
}

enum efi_category efi_category_for_count(int count)
{
    if (count >= 13) return EFI_SEVERE;
    if (count >= 9) return EFI_MODERATE;
    if (count >= 5) return EFI_MILD;
    return EFI_FIT;
}

static void finish(int count, struct efi_result *out)
{
    out->count = count;
    out->score_thousandths = (count * 1000 + EFI_DEFICITS / 2) / EFI_DEFICITS;
    out->category = efi_category_for_count(count);
}

int efi_score(const char *const *codes, size_t n, struct efi_result *out, struct domain_error *err)
{
    int seen[EFI_DEFICITS] = {0};
    for (size_t i = 0; i < n; i++) {
        char field[32];
        snprintf(field, sizeof field, "deficits[%zu]", i);
        int k = efi_deficit_index(codes[i]);
        if (k < 0)
            return domain_fail(err, DOMAIN_EINVAL, field, "is not an eFI deficit code");
        if (seen[k]++)
            return domain_fail(err, DOMAIN_EINVAL, field, "repeats %s", codes[i]);
    }
    finish((int)n, out);
    return DOMAIN_OK;
}

int efi_score_list(const char *list, struct efi_result *out, struct domain_error *err)
{
    const char *codes[EFI_DEFICITS];
    char buf[EFI_DEFICITS * 32];
    size_t n = 0;
    if (snprintf(buf, sizeof buf, "%s", list ? list : "") >= (int)sizeof buf)
        return domain_fail(err, DOMAIN_EINVAL, "deficits", "is too long");
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (n == EFI_DEFICITS)
            return domain_fail(err, DOMAIN_EINVAL, "deficits", "lists more than 36 deficits");
        codes[n++] = tok;
    }
    return efi_score(codes, n, out, err);
}
