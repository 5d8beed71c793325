/* libFuzzer target: the template renderer never crashes or reads out of
 * bounds on arbitrary templates, and never emits an unescaped '<' from data. */
#include "web/template.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *tpl = malloc(size + 1);
    memcpy(tpl, data, size);
    tpl[size] = '\0';
    json_t *ctx = json_pack("{s:s, s:[{s:s}, {s:i}], s:{s:b}}", "x", "<evil>", "xs", "name", "<n>", "name", 3,
                            "o", "flag", 1);
    struct buf out;
    buf_init(&out, 1 << 20);
    template_render(tpl, strlen(tpl), ctx, &out);
    /* Data values hold '<' only in "<evil>" and "<n>": escaped output must
     * never contain them unless the template asked for raw {{{ }}}. */
    if (!strstr(tpl, "{{{") && (strstr(buf_str(&out), "<evil>") || strstr(buf_str(&out), "<n>")) &&
        !strstr(tpl, "<evil>") && !strstr(tpl, "<n>"))
        abort();
    buf_free(&out);
    json_decref(ctx);
    free(tpl);
    return 0;
}
