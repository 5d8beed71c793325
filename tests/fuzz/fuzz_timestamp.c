/* Fuzz target: timestamp_parse. Invariants: a parsed time is in range,
 * formats to a 20-character UTC string, and that string parses back to the
 * same second; the UK local date is the UTC date or the day after. */
#include "fuzz.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "domain/dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[96];
    if (size >= sizeof in)
        return 0;
    memcpy(in, data, size);
    in[size] = '\0';
    int64_t t;
    struct domain_error err;
    if (timestamp_parse(in, "at", &t, &err) != 0) {
        if (strcmp(err.field, "at") != 0 || err.message[0] == '\0')
            abort();
        return 0;
    }
    if (t < TIMESTAMP_MIN || t > TIMESTAMP_MAX)
        abort();
    char out[TIMESTAMP_STR_SIZE];
    if (timestamp_format(t, out) != 0 || strlen(out) != 20)
        abort();
    int64_t back;
    if (timestamp_parse(out, "at", &back, NULL) != 0 || back != t)
        abort();
    int32_t gap = date_diff_days(timestamp_utc_date(t), timestamp_uk_date(t));
    if (gap != 0 && gap != 1)
        abort();
    return 0;
}
