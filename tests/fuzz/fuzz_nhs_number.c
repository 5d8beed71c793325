/* libFuzzer target: nhs_number_parse never crashes; whatever it accepts is
 * 10 digits with a right check digit, and format → parse gives it back. */
#include "fuzz.h"
#include "domain/nhs_number.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[64];
    if (size >= sizeof in)
        return 0;
    memcpy(in, data, size);
    in[size] = '\0';
    char out[NHS_NUMBER_DIGITS], again[NHS_NUMBER_DIGITS], f[NHS_NUMBER_FORMATTED];
    struct domain_error e;
    if (nhs_number_parse(in, out, &e) != 0) {
        if (strcmp(e.field, "nhs_number") != 0)
            abort();
        return 0;
    }
    if (strlen(out) != 10 || nhs_number_check_digit(out) != out[9] - '0')
        abort();
    nhs_number_format(out, f);
    if (nhs_number_parse(f, again, &e) != 0 || strcmp(out, again) != 0)
        abort();
    return 0;
}
