#include "audit/checkpoint_line.h"
#include <stdio.h>
#include <string.h>

int64_t checkpoint_seq(const struct checkpoint *cp)
{
    int64_t high = 0;
    for (int c = 0; c < cp->heads.n; c++)
        if (cp->heads.pos[c].seq > high)
            high = cp->heads.pos[c].seq;
    return high;
}

int checkpoint_body(const struct checkpoint *cp, char out[CHECKPOINT_LINE_MAX])
{
    size_t n;
    if (cp->heads.n <= 1)
        return snprintf(out, CHECKPOINT_LINE_MAX, "seamless-audit-checkpoint v1 seq=%lld hash=%s at=%s",
                        (long long)cp->heads.pos[0].seq, cp->heads.pos[0].hash, cp->at);
    n = (size_t)snprintf(out, CHECKPOINT_LINE_MAX, "seamless-audit-checkpoint v2 base=%lld heads=",
                         (long long)cp->heads.base);
    for (int c = 0; c < cp->heads.n && n < CHECKPOINT_LINE_MAX; c++)
        n += (size_t)snprintf(out + n, CHECKPOINT_LINE_MAX - n, "%s%lld:%s", c ? "," : "",
                              (long long)cp->heads.pos[c].seq, cp->heads.pos[c].hash);
    if (n < CHECKPOINT_LINE_MAX)
        n += (size_t)snprintf(out + n, CHECKPOINT_LINE_MAX - n, " at=%s", cp->at);
    return n < CHECKPOINT_LINE_MAX ? (int)n : CHECKPOINT_LINE_MAX - 1;
}

/* 64 lower-case hex digits at p: 0, and copied into out; -1 otherwise. */
static int take_hash(const char *p, char out[AUDIT_HASH_HEX])
{
    if (strspn(p, "0123456789abcdef") < 64)
        return -1;
    memcpy(out, p, 64);
    out[64] = '\0';
    return 0;
}

/* A signed decimal at *p (at most 18 digits): 0 with *v, p moved past it. */
static int take_int(const char **p, int64_t *v)
{
    const char *s = *p;
    int neg = *s == '-';
    s += neg;
    size_t digits = strspn(s, "0123456789");
    if (digits == 0 || digits > 18)
        return -1;
    int64_t x = 0;
    for (size_t i = 0; i < digits; i++)
        x = x * 10 + (s[i] - '0');
    *v = neg ? -x : x;
    *p = s + digits;
    return 0;
}

/* " at=<1 to 39 characters>" then the end, " sig=" or a line end. */
static int take_at(const char *p, struct checkpoint *cp)
{
    if (strncmp(p, " at=", 4) != 0)
        return -1;
    p += 4;
    size_t len = strcspn(p, " \r\n");
    if (len == 0 || len >= sizeof cp->at || (p[len] != '\0' && strncmp(p + len, " sig=", 5) != 0 &&
                                             p[len] != '\r' && p[len] != '\n'))
        return -1;
    memcpy(cp->at, p, len);
    cp->at[len] = '\0';
    return 0;
}

static int parse_v2(const char *p, struct checkpoint *cp)
{
    if (take_int(&p, &cp->heads.base) != 0 || cp->heads.base < 0 || strncmp(p, " heads=", 7) != 0)
        return -1;
    p += 7;
    cp->heads.n = 0;
    for (;;) {
        struct audit_pos *pos = &cp->heads.pos[cp->heads.n];
        if (cp->heads.n == AUDIT_MAX_CHAINS || take_int(&p, &pos->seq) != 0 || *p++ != ':' ||
            take_hash(p, pos->hash) != 0)
            return -1;
        p += 64;
        cp->heads.n++;
        if (*p != ',')
            break;
        p++;
    }
    for (int c = 0; c < cp->heads.n; c++)   /* each head in its own chain (audit_store.h) */
        if (!audit_head_fits(cp->heads.pos[c].seq, c + 1, cp->heads.n, cp->heads.base))
            return -1;
    return cp->heads.n >= 2 ? take_at(p, cp) : -1;
}

int checkpoint_parse_body(const char *line, struct checkpoint *cp)
{
    static const char v1[] = "seamless-audit-checkpoint v1 seq=", v2[] = "seamless-audit-checkpoint v2 base=";
    memset(cp, 0, sizeof *cp);
    if (strncmp(line, v2, sizeof v2 - 1) == 0)
        return parse_v2(line + sizeof v2 - 1, cp);
    if (strncmp(line, v1, sizeof v1 - 1) != 0)
        return -1;
    const char *p = line + sizeof v1 - 1;
    cp->heads.n = 1;
    if (take_int(&p, &cp->heads.pos[0].seq) != 0 || cp->heads.pos[0].seq < 1 || strncmp(p, " hash=", 6) != 0 ||
        take_hash(p + 6, cp->heads.pos[0].hash) != 0)
        return -1;
    return take_at(p + 6 + 64, cp);
}
