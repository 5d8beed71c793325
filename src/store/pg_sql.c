/* The few dialect differences between SQLite and PostgreSQL that one SQL
 * text cannot avoid, hidden at prepare time (see pg.h for the list). A small
 * scanner: string literals, quoted identifiers, dollar-quoted bodies and
 * comments are copied as they are; only bare words, parameters and top-level ';' are looked at. */
#include "store/pg.h"
#include "util/buf.h"
#include "util/num.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SQL_MAX (4u << 20)

struct scan {
    const char *p;
    struct buf out;
    int depth;            /* parentheses */
    int on_conflict;      /* INSERT OR IGNORE seen: append ON CONFLICT DO NOTHING */
    int nparams;
    unsigned char used[PG_MAX_PARAMS + 1];
};

/* Copies a quoted run ('…' or "…", doubled quote escapes) or a comment. */
static int copy_quoted_or_comment(struct scan *sc)
{
    const char *p = sc->p, *start = p;
    if (*p == '\'' || *p == '"') {
        char q = *p++;
        for (;;) {
            if (!*p)
                break;
            if (*p == q && p[1] == q) { p += 2; continue; }
            if (*p++ == q)
                break;
        }
    } else if (p[0] == '$' && (p[1] == '$' || isalpha((unsigned char)p[1]) || p[1] == '_')) {
        /* Dollar quoting ($$…$$, $tag$…$tag$), e.g. a function body. */
        const char *t = p + 1;
        while (isalnum((unsigned char)*t) || *t == '_')
            t++;
        if (*t != '$')
            return 0;
        size_t tag = (size_t)(t + 1 - p);
        const char *end = t + 1;
        while (*end && strncmp(end, p, tag) != 0)
            end++;
        p = *end ? end + tag : end;
    } else if (p[0] == '-' && p[1] == '-') {
        while (*p && *p != '\n')
            p++;
    } else if (p[0] == '/' && p[1] == '*') {
        const char *end = strstr(p + 2, "*/");
        p = end ? end + 2 : p + strlen(p);
    } else {
        return 0;
    }
    buf_put(&sc->out, start, (size_t)(p - start));
    sc->p = p;
    return 1;
}

static int word_len(const char *p)
{
    int n = 0;
    if (!isalpha((unsigned char)*p) && *p != '_')
        return 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_')
        n++;
    return n;
}

static int word_is(const char *p, int n, const char *w)
{
    return (int)strlen(w) == n && strncasecmp(p, w, (size_t)n) == 0;
}

/* After "INSERT": " OR IGNORE" / " OR REPLACE"? Returns the characters to
 * skip for OR IGNORE, 0 when neither, -1 for OR REPLACE. */
static int insert_or(const char *p)
{
    const char *q = p;
    while (isspace((unsigned char)*q))
        q++;
    int n = word_len(q);
    if (!word_is(q, n, "OR"))
        return 0;
    q += n;
    while (isspace((unsigned char)*q))
        q++;
    n = word_len(q);
    if (word_is(q, n, "IGNORE"))
        return (int)(q + n - p);
    return word_is(q, n, "REPLACE") ? -1 : 0;
}

static void end_statement(struct scan *sc)
{
    if (sc->on_conflict)
        buf_puts(&sc->out, " ON CONFLICT DO NOTHING");
    sc->on_conflict = 0;
}

static int scan_word(struct scan *sc, struct store_error *err)
{
    const char *p = sc->p;
    int n = word_len(p);
    if (word_is(p, n, "INTEGER")) {
        buf_puts(&sc->out, "BIGINT");        /* SQLite integers are 64-bit */
    } else if (word_is(p, n, "LIKE")) {
        buf_puts(&sc->out, "ILIKE");         /* SQLite LIKE ignores ASCII case */
    } else if (word_is(p, n, "IFNULL")) {
        buf_puts(&sc->out, "COALESCE");
    } else if (word_is(p, n, "AUTOINCREMENT")) {
        return store_fail(err, STORE_EUNSUPPORTED, "AUTOINCREMENT is not portable: use ids from store_new_id");
    } else if (word_is(p, n, "RETURNING") && sc->depth == 0 && sc->on_conflict) {
        end_statement(sc);
        buf_puts(&sc->out, " RETURNING");
    } else if (word_is(p, n, "INSERT")) {
        int skip = insert_or(p + n);
        if (skip < 0)
            return store_fail(err, STORE_EUNSUPPORTED,
                              "INSERT OR REPLACE is not portable: use INSERT … ON CONFLICT (…) DO UPDATE");
        buf_put(&sc->out, p, (size_t)n);
        if (skip > 0)
            sc->on_conflict = 1;
        n += skip;
    } else {
        buf_put(&sc->out, p, (size_t)n);
    }
    sc->p = p + n;
    return 0;
}

static int scan_param(struct scan *sc, struct store_error *err)
{
    const char *p = sc->p + 1;
    long v = 0;
    while (isdigit((unsigned char)*p) && v <= PG_MAX_PARAMS)
        v = v * 10 + (*p++ - '0');
    if (v < 1 || v > PG_MAX_PARAMS)
        return store_fail(err, STORE_EGENERIC, "parameter numbers run from $1 to $%d", PG_MAX_PARAMS);
    sc->used[v] = 1;
    if (v > sc->nparams)
        sc->nparams = (int)v;
    buf_put(&sc->out, sc->p, (size_t)(p - sc->p));
    sc->p = p;
    return 0;
}

int pg_sql_rewrite(const char *sql, struct pg_sql *out, struct store_error *err)
{
    struct scan sc = {.p = sql};
    buf_init(&sc.out, SQL_MAX);
    int rc = 0;
    while (rc == 0 && *sc.p) {
        char c = *sc.p;
        if (copy_quoted_or_comment(&sc))
            continue;
        if (c == '$' && isdigit((unsigned char)sc.p[1])) {
            rc = scan_param(&sc, err);
        } else if (word_len(sc.p)) {
            rc = scan_word(&sc, err);
        } else {
            if (c == '(')
                sc.depth++;
            else if (c == ')')
                sc.depth--;
            else if (c == ';' && sc.depth == 0)
                end_statement(&sc);
            buf_putc(&sc.out, c);
            sc.p++;
        }
    }
    end_statement(&sc);
    if (rc == 0 && sc.out.failed)
        rc = store_fail(err, STORE_EGENERIC, "SQL text too long");
    if (rc < 0) {
        buf_free(&sc.out);
        return rc;
    }
    buf_putc(&sc.out, '\0');    /* even for empty text */
    out->text = buf_detach(&sc.out);
    out->nparams = sc.nparams;
    memcpy(out->used, sc.used, sizeof out->used);
    return 0;
}

int pg_sql_param_at(const char *text, int pos)
{
    /* PostgreSQL counts characters, not bytes. */
    const unsigned char *p = (const unsigned char *)text;
    for (int chars = 1; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        if (chars++ == pos)
            {
            const char *d = (const char *)p + 1;
            int n = 0;
            return *p == '$' && num_parse_int_n(d, strspn(d, "0123456789"), &n) == 0 ? n : 0;
        }
    }
    return 0;
}

int pg_sql_is_read(const char *text)
{
    while (isspace((unsigned char)*text) || *text == '(')
        text++;
    int n = word_len(text);
    return word_is(text, n, "SELECT");
}
