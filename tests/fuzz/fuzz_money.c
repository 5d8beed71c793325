/* Fuzz target: money_parse. Invariants: parse -> format -> parse gives the
 * same pence; a split of the parsed amount adds up exactly. */
#include "fuzz.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "domain/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[64];
    if (size >= sizeof in)
        return 0;
    memcpy(in, data, size);
    in[size] = '\0';
    int64_t p;
    struct domain_error err;
    if (money_parse(in, "amount", &p, &err) != 0) {
        if (strcmp(err.field, "amount") != 0 || err.message[0] == '\0')
            abort();
        return 0;
    }
    char out[MONEY_STR_SIZE];
    money_format(p, out);
    int64_t back;
    if (money_parse(out, "amount", &back, NULL) != 0 || back != p)
        abort();
    const int64_t w[3] = {(int64_t)(size % 7), 3, (int64_t)(size % 10000)};
    int64_t parts[3];
    if (money_split(p, w, 3, parts, NULL) != 0)
        abort();
    if ((uint64_t)parts[0] + (uint64_t)parts[1] + (uint64_t)parts[2] != (uint64_t)p)
        abort();
    return 0;
}
