/* libFuzzer target: form_parse never crashes, and what it accepts is an
 * object whose values are strings or arrays of strings. */
#include "fuzz.h"
#include "http/form.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *o = form_parse((const char *)data, size);
    if (!o)
        return 0;
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        if (!json_is_string(v) && !json_is_array(v))
            abort();
        if (k[0] == '\0')
            abort();
    }
    json_decref(o);
    return 0;
}
