/* Fuzz target: checkpoint_parse_body, the text of a checkpoint line (the
 * file `seamless audit verify --checkpoints` reads lies outside the
 * database and may have been edited). Invariants: a parsed line has 1 to
 * AUDIT_MAX_CHAINS heads, each hash 64 lower-case hex digits, each head in
 * its own chain after the split's base, a non-empty time; written out again it parses to the same
 * checkpoint. */
#include "fuzz.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "audit/checkpoint_line.h"

static void same_or_abort(const struct checkpoint *a, const struct checkpoint *b)
{
    if (a->heads.n != b->heads.n || a->heads.base != b->heads.base || strcmp(a->at, b->at) != 0)
        abort();
    for (int c = 0; c < a->heads.n; c++)
        if (a->heads.pos[c].seq != b->heads.pos[c].seq || strcmp(a->heads.pos[c].hash, b->heads.pos[c].hash) != 0)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char in[CHECKPOINT_LINE_MAX + 8];
    if (size >= sizeof in)
        return 0;
    memcpy(in, data, size);
    in[size] = '\0';
    struct checkpoint cp, back;
    if (checkpoint_parse_body(in, &cp) != 0)
        return 0;
    if (cp.heads.n < 1 || cp.heads.n > AUDIT_MAX_CHAINS || cp.at[0] == '\0')
        abort();
    for (int c = 0; c < cp.heads.n; c++) {
        if (strlen(cp.heads.pos[c].hash) != 64 || strspn(cp.heads.pos[c].hash, "0123456789abcdef") != 64)
            abort();
        if (cp.heads.n > 1 && !audit_head_fits(cp.heads.pos[c].seq, c + 1, cp.heads.n, cp.heads.base))
            abort();
    }
    char out[CHECKPOINT_LINE_MAX];
    checkpoint_body(&cp, out);
    if (checkpoint_parse_body(out, &back) != 0)
        abort();
    same_or_abort(&cp, &back);
    return 0;
}
