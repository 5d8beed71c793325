/* checkpoint_line: the text of a checkpoint line without its signature
 * (checkpoint.h signs and checks it). Pure: no I/O, no keys, so the parser
 * is fuzzed (tests/fuzz/fuzz_checkpoint_line.c).
 *
 *     seamless-audit-checkpoint v1 seq=42 hash=<64 hex> at=<RFC 3339>
 *     seamless-audit-checkpoint v2 base=0 heads=41:<64 hex>,42:<64 hex>,… at=…
 * v1 for a trail of one chain; v2 names the split's base and every
 * chain's head in chain order (audit_store.h: after the base chain c of K
 * holds base + c, base + c + K, …; an empty chain's head is the place
 * before its first entry, its hash 64 zeros). */
#ifndef SEAMLESS_AUDIT_CHECKPOINT_LINE_H
#define SEAMLESS_AUDIT_CHECKPOINT_LINE_H
#include <stddef.h>
#include <stdint.h>
#include "store/audit_store.h"

#define CHECKPOINT_LINE_MAX (120 + AUDIT_MAX_CHAINS * 88 + 160)

struct checkpoint {
    struct audit_heads heads;   /* one chain: the v1 line */
    char at[40];
};

/* The newest entry a checkpoint vouches for (of any chain). */
int64_t checkpoint_seq(const struct checkpoint *cp);
/* The line's text before " sig=" into out; its length. */
int checkpoint_body(const struct checkpoint *cp, char out[CHECKPOINT_LINE_MAX]);
/* Parses the text of line up to " sig=" (or its end): 0 with cp filled,
 * -1 when it is not a well-formed checkpoint. */
int checkpoint_parse_body(const char *line, struct checkpoint *cp);

#endif
