/* libFuzzer target for the assessment parsers: CHC Checklist and DST
 * levels, Care Act grounds and eFI deficit lists. Input "key=value". Every
 * accepted value must round-trip; every rejection must name a field. */
#include "fuzz.h"
#include "domain/care_act.h"
#include "domain/chc_checklist.h"
#include "domain/chc_dst.h"
#include "domain/efi.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[512];
    if (size >= sizeof buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *eq = strchr(buf, '=');
    const char *key = buf, *value = eq ? eq + 1 : "";
    if (eq)
        *eq = '\0';
    struct domain_error e;
    enum chc_level cl;
    if (chc_checklist_parse_level(key, value, &cl, &e) == 0) {
        if (cl > CHC_LEVEL_A)
            abort();
    } else if (strncmp(e.field, "domains.", 8) != 0) {
        abort();
    }
    enum dst_level dl;
    if (chc_dst_parse_level(key, value, &dl, &e) == 0) {
        if (strcmp(dst_level_names[dl], value) != 0)
            abort();
    } else if (strncmp(e.field, "domains.", 8) != 0) {
        abort();
    }
    int flag;
    for (int carer = 0; carer < 2; carer++)
        if (care_act_parse_ground(value, carer, "outcomes.x", &flag, &e) == 0 &&
            (flag == 0 || (carer && flag == GROUND_SIGNIFICANTLY_LONGER)))
            abort();
    struct efi_result r;
    if (efi_score_list(value, &r, &e) == 0 && (r.count < 0 || r.count > EFI_DEFICITS))
        abort();
    return 0;
}
