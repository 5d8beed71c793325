/* libFuzzer target: postcode_normalise never crashes, and its output is a
 * fixed point (normalising the normal form gives it back). */
#include "fuzz.h"
#include "domain/postcode.h"
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
    char out[POSTCODE_MAX], again[POSTCODE_MAX];
    struct domain_error e;
    if (postcode_normalise(in, "postcode", out, &e) != 0)
        return 0;
    if (postcode_normalise(out, "postcode", again, &e) != 0 || strcmp(out, again) != 0)
        abort();
    return 0;
}
