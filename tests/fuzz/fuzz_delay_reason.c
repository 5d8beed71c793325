/* Fuzz target: discharge_reason_parse. Invariants: a match is a table entry
 * whose code equals the input exactly; a miss names "delay_reason". */
#include "fuzz.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "domain/discharge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[128];
    if (size >= sizeof in)
        return 0;
    memcpy(in, data, size);
    in[size] = '\0';
    const struct discharge_reason *r = NULL;
    struct domain_error err;
    if (discharge_reason_parse(in, &r, &err) != 0) {
        if (r || strcmp(err.field, "delay_reason") != 0)
            abort();
        return 0;
    }
    size_t n;
    const struct discharge_reason *all = discharge_reasons(&n);
    if (r < all || r >= all + n || strcmp(r->code, in) != 0)
        abort();
    const struct discharge_reason *again;
    if (discharge_reason_parse(r->code, &again, NULL) != 0 || again != r)
        abort();
    return 0;
}
