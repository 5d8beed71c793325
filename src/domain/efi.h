/* efi: the electronic Frailty Index.
 *
 * Source: Clegg A et al., "Development and validation of an electronic
 * frailty index using routine primary care electronic health record data",
 * Age and Ageing 2016;45:353–360: 36 deficits; score = deficits present / 36;
 * categories fit (0–0.12), mild (>0.12–0.24), moderate (>0.24–0.36), severe
 * (>0.36) — by count: fit 0–4, mild 5–8, moderate 9–12, severe 13 or more
 * (domain.md §4). */
#ifndef SEAMLESS_EFI_H
#define SEAMLESS_EFI_H
#include <stddef.h>
#include "domain/domain_error.h"

#define EFI_DEFICITS 36

struct efi_deficit { const char *code, *label; };
extern const struct efi_deficit efi_deficits[EFI_DEFICITS];

enum efi_category { EFI_FIT, EFI_MILD, EFI_MODERATE, EFI_SEVERE };
const char *efi_category_name(enum efi_category c);   /* "fit" "mild" "moderate" "severe" */

int efi_deficit_index(const char *code);
enum efi_category efi_category_for_count(int count);

struct efi_result {
    int count;
    int score_thousandths;   /* count / 36, rounded to the nearest thousandth */
    enum efi_category category;
};

/* codes: n deficit codes present. An unknown or repeated code → error
 * naming "deficits[i]". */
int efi_score(const char *const *codes, size_t n, struct efi_result *out, struct domain_error *err);
/* The same from one comma-separated list ("falls,polypharmacy"), as stored. */
int efi_score_list(const char *list, struct efi_result *out, struct domain_error *err);

#endif
