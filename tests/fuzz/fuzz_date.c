/* Fuzz target: date_parse. Invariants: a parsed date is valid, formats back
 * to exactly the input, and survives the day-number round trip. */
#include "fuzz.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "domain/dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[64];
    if (size >= sizeof in)
        return 0;
    memcpy(in, data, size);
    in[size] = '\0';
    struct date d;
    struct domain_error err;
    if (date_parse(in, "date", &d, &err) != 0) {
        if (strcmp(err.field, "date") != 0 || err.message[0] == '\0')
            abort();
        return 0;
    }
    char out[DATE_STR_SIZE];
    if (!date_is_valid(d) || date_format(d, out) != 0 || strcmp(out, in) != 0)
        abort();
    struct date back = date_from_days(date_to_days(d));
    if (date_compare(back, d) != 0)
        abort();
    struct date again;
    if (date_parse(out, "date", &again, NULL) != 0 || date_compare(again, d) != 0)
        abort();
    return 0;
}
