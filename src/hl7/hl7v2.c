/* hl7v2: see hl7v2.h for the contract and the rules it follows. */
#include "hl7/hl7v2.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int fail(struct hl7_error *err, const char *seg, int field, int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail(struct hl7_error *err, const char *seg, int field, int code, const char *fmt, ...)
{
    if (err) {
        snprintf(err->segment, sizeof err->segment, "%s", seg);
        err->field = field;
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int is_id_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

static int check_header(const char *buf, size_t len, struct hl7_message *m, struct hl7_error *err)
{
    if (len < 8 || memcmp(buf, "MSH", 3) != 0)
        return fail(err, "MSH", 0, HL7_ESEQUENCE, "the message does not start with an MSH segment");
    if (buf[3] != '|')
        return fail(err, "MSH", 1, HL7_EDATATYPE, "the field separator must be |");
    size_t e = 4;
    while (e < len && buf[e] != '|' && buf[e] != '\r' && buf[e] != '\n')
        e++;
    size_t n = e - 4;
    if (!((n == 4 && memcmp(buf + 4, "^~\\&", 4) == 0) || (n == 5 && memcmp(buf + 4, "^~\\&#", 5) == 0)))
        return fail(err, "MSH", 2, HL7_EDATATYPE, "the encoding characters must be ^~\\&");
    m->fs = '|';
    m->cs = '^';
    m->rs = '~';
    m->ec = '\\';
    m->ss = '&';
    return 0;
}

int hl7_parse(const char *buf, size_t len, struct hl7_message *m, struct hl7_error *err)
{
    memset(m, 0, sizeof *m);
    if (!buf || len > HL7_MAX_MESSAGE)
        return fail(err, "", 0, HL7_EINTERNAL, "the message is empty or longer than %d bytes", HL7_MAX_MESSAGE);
    if (check_header(buf, len, m, err) != 0)
        return -1;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && buf[i] != '\r' && buf[i] != '\n') {
            unsigned char c = (unsigned char)buf[i];
            if ((c < 0x20 && c != '\t') || c == 0x7f)
                return fail(err, m->count ? m->seg[m->count - 1].id : "MSH", 0, HL7_EDATATYPE,
                            "segment %zu holds a control character", m->count + 1);
            i++;
        }
        size_t n = i - start;
        while (i < len && (buf[i] == '\r' || buf[i] == '\n'))
            i++;
        if (n == 0)
            continue;
        if (n < 3 || !is_id_char(buf[start]) || !is_id_char(buf[start + 1]) || !is_id_char(buf[start + 2]) ||
            (n > 3 && buf[start + 3] != m->fs))
            return fail(err, "", 0, HL7_ESEQUENCE, "segment %zu does not start with a segment id", m->count + 1);
        if (m->count == HL7_MAX_SEGMENTS)
            return fail(err, "", 0, HL7_ESEQUENCE, "more than %d segments", HL7_MAX_SEGMENTS);
        struct hl7_segment *s = &m->seg[m->count++];
        memcpy(s->id, buf + start, 3);
        s->id[3] = '\0';
        s->text.p = buf + start;
        s->text.n = n;
        if (m->count > 1 && strcmp(s->id, "MSH") == 0)
            return fail(err, "MSH", 0, HL7_ESEQUENCE, "a second MSH segment (batches are not accepted)");
    }
    return 0;
}

const struct hl7_segment *hl7_find(const struct hl7_message *m, const char *id, size_t from)
{
    for (size_t i = from; i < m->count; i++)
        if (strcmp(m->seg[i].id, id) == 0)
            return &m->seg[i];
    return NULL;
}

/* The n-th (0-based) piece of s split on sep. */
static struct hl7_span piece(struct hl7_span s, char sep, int n)
{
    struct hl7_span out = {NULL, 0};
    const char *p = s.p, *end = s.p ? s.p + s.n : NULL;
    for (int k = 0; p && p <= end; k++) {
        const char *q = memchr(p, sep, (size_t)(end - p));
        if (!q)
            q = end;
        if (k == n) {
            out.p = p;
            out.n = (size_t)(q - p);
            return out;
        }
        if (q == end)
            break;
        p = q + 1;
    }
    return out;
}

static struct hl7_span field_span(const struct hl7_message *m, const struct hl7_segment *s, int field)
{
    struct hl7_span none = {NULL, 0};
    if (!s || field < 1)
        return none;
    int msh = strcmp(s->id, "MSH") == 0;
    if (msh && field == 1) {
        struct hl7_span fs = {s->text.p + 3, 1};
        return fs;
    }
    return piece(s->text, m->fs, msh ? field - 1 : field);
}

struct hl7_span hl7_get(const struct hl7_message *m, const struct hl7_segment *s, int field, int rep, int comp)
{
    struct hl7_span f = field_span(m, s, field);
    if (s && strcmp(s->id, "MSH") == 0 && field <= 2)
        return (rep == 0 && comp <= 1) ? f : (struct hl7_span){NULL, 0};
    struct hl7_span r = piece(f, m->rs, rep);
    return comp <= 0 ? r : piece(r, m->cs, comp - 1);
}

int hl7_repetitions(const struct hl7_message *m, const struct hl7_segment *s, int field)
{
    struct hl7_span f = field_span(m, s, field);
    if (!f.p || f.n == 0)
        return 0;
    int n = 1;
    for (size_t i = 0; i < f.n; i++)
        n += f.p[i] == m->rs;
    return n;
}

static int put(char *out, size_t n, size_t *w, char c)
{
    if (*w + 1 >= n)
        return -1;
    out[(*w)++] = c;
    return 0;
}

int hl7_text(const struct hl7_message *m, struct hl7_span s, char *out, size_t n)
{
    size_t w = 0;
    int rc = 0;
    out[0] = '\0';
    for (size_t i = 0; i < s.n && rc == 0; i++) {
        char c = s.p[i];
        if (c == m->ec) {
            const char *e = memchr(s.p + i + 1, m->ec, s.n - i - 1);
            if (!e)
                break;   /* an unterminated escape: drop the rest */
            size_t len = (size_t)(e - (s.p + i + 1));
            char d = 0;
            if (len == 1) {
                switch (s.p[i + 1]) {
                case 'F': d = m->fs; break;
                case 'S': d = m->cs; break;
                case 'T': d = m->ss; break;
                case 'R': d = m->rs; break;
                case 'E': d = m->ec; break;
                default: break;
                }
            }
            if (d)
                rc = put(out, n, &w, d);
            i += len + 1;
            continue;
        }
        if ((unsigned char)c < 0x20)
            c = ' ';
        rc = put(out, n, &w, c);
    }
    out[w] = '\0';
    return rc;
}

int hl7_escape(const char *v, char *out, size_t n)
{
    size_t w = 0;
    if (n == 0)
        return -1;
    for (const char *p = v ? v : ""; *p; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '|': rep = "\\F\\"; break;
        case '^': rep = "\\S\\"; break;
        case '&': rep = "\\T\\"; break;
        case '~': rep = "\\R\\"; break;
        case '\\': rep = "\\E\\"; break;
        default: break;
        }
        if (rep) {
            for (const char *r = rep; *r; r++)
                if (put(out, n, &w, *r) != 0)
                    goto full;
        } else if (put(out, n, &w, (unsigned char)*p < 0x20 ? ' ' : *p) != 0) {
            goto full;
        }
    }
    out[w] = '\0';
    return (int)w;
full:
    out[w] = '\0';
    return -1;
}

/* Copies the first component of MSH-field into out, keeping only bytes that
 * cannot change the structure of the ACK. */
static void echo(const struct hl7_message *in, int field, char *out, size_t n)
{
    out[0] = '\0';
    const struct hl7_segment *msh = in ? hl7_find(in, "MSH", 0) : NULL;
    if (!msh)
        return;
    struct hl7_span s = hl7_get(in, msh, field, 0, 1);
    size_t w = 0;
    for (size_t i = 0; i < s.n && w + 1 < n; i++) {
        char c = s.p[i];
        if (c != '|' && c != '^' && c != '~' && c != '&' && c != '\\' && (unsigned char)c >= 0x20)
            out[w++] = c;
    }
    out[w] = '\0';
}

int hl7_ack_build(const struct hl7_message *in, const char *ack, const struct hl7_error *err,
                  const char *app, const char *facility, const char *timestamp, const char *control_id,
                  char *out, size_t n)
{
    char sapp[64], sfac[64], ctrl[64], trigger[8], version[16], eapp[128], efac[128], emsg[400];
    echo(in, 3, sapp, sizeof sapp);
    echo(in, 4, sfac, sizeof sfac);
    echo(in, 10, ctrl, sizeof ctrl);
    echo(in, 12, version, sizeof version);
    trigger[0] = '\0';
    const struct hl7_segment *msh = in ? hl7_find(in, "MSH", 0) : NULL;
    if (msh) {
        struct hl7_span t = hl7_get(in, msh, 9, 0, 2);
        size_t k = 0;
        for (size_t i = 0; i < t.n && k + 1 < sizeof trigger; i++)
            if (is_id_char(t.p[i]))
                trigger[k++] = t.p[i];
        trigger[k] = '\0';
    }
    if (!version[0])
        snprintf(version, sizeof version, "2.5");
    if (hl7_escape(app, eapp, sizeof eapp) < 0 || hl7_escape(facility, efac, sizeof efac) < 0)
        return -1;
    int w = snprintf(out, n, "MSH|^~\\&|%s|%s|%s|%s|%s||ACK^%s^ACK|%s|P|%s\rMSA|%s|%s\r", eapp, efac, sapp,
                     sfac, timestamp, trigger, control_id, version, ack, ctrl);
    if (w < 0 || (size_t)w >= n)
        return -1;
    if (!err)
        return w;
    hl7_escape(err->message, emsg, sizeof emsg);
    static const struct { int code; const char *text; } names[] = {
        {HL7_ESEQUENCE, "Segment sequence error"}, {HL7_EREQUIRED, "Required field missing"},
        {HL7_EDATATYPE, "Data type error"}, {HL7_ETABLE, "Table value not found"},
        {HL7_EMSGTYPE, "Unsupported message type"}, {HL7_EEVENT, "Unsupported event code"},
        {HL7_EINTERNAL, "Application internal error"},
    };
    const char *name = "Application internal error";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].code == err->code)
            name = names[i].text;
    char seg[4];
    size_t k = 0;
    for (; k < 3 && is_id_char(err->segment[k]); k++)
        seg[k] = err->segment[k];
    seg[k] = '\0';
    int e;
    if (seg[0] && err->field > 0)
        e = snprintf(out + w, n - (size_t)w, "ERR||%s^1^%d|%d^%s^HL70357|E||||%s\r", seg, err->field, err->code,
                     name, emsg);
    else
        e = snprintf(out + w, n - (size_t)w, "ERR||%s^1|%d^%s^HL70357|E||||%s\r", seg, err->code, name, emsg);
    if (e < 0 || (size_t)e >= n - (size_t)w)
        return -1;
    return w + e;
}
