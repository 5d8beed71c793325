/* Fuzz target: the gov.uk bank-holidays file reader (outside input). Checks
 * that whatever it accepts is a list of real dates and bounded titles. */
#include "fuzz.h"
#include "domain/dates.h"
#include "util/holidays_json.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct holiday_event ev[64];
    char err[200];
    int n = holidays_json_parse((const char *)data, size, "england-and-wales", ev, 64, err, sizeof err);
    if (n < -1 || n > 64)
        abort();
    for (int i = 0; i < n; i++) {
        struct date d;
        if (date_parse(ev[i].date, "date", &d, NULL) != 0 || strlen(ev[i].title) == 0 || strlen(ev[i].title) > 100)
            abort();
    }
    return 0;
}
