/* libFuzzer target: the template renderer never crashes or reads out of
 * bounds on arbitrary templates, and never emits an unescaped '<' that came from data. */
#include "fuzz.h"
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
    /* Data values are the only other source of '<' ("<evil>", "<n>"): a
     * template with no '<' of its own and no raw {{{ }}} must render none.
     * (Checking for "<n>" itself is unsound: literal "<" + "n>" around an
     * empty tag forms it.) */
    if (!memchr(tpl, '<', strlen(tpl)) && !strstr(tpl, "{{{") && strchr(buf_str(&out), '<'))
        abort();
    buf_free(&out);
    json_decref(ctx);
    free(tpl);
    return 0;
}
