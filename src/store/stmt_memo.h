/* stmt_memo: the statement caches' fast path. Nearly every statement text
 * is a string literal, so the same text comes back at the same address; a
 * slot chosen by the address remembers the statement last prepared from it,
 * and a hit costs one (vectorised) strcmp instead of hashing the text byte
 * by byte and walking a bucket — for the long access-facts query that hash
 * was several microseconds per request. The strcmp is what makes it safe
 * when a heap-built text reuses an address with other words in it. */
#ifndef SEAMLESS_STMT_MEMO_H
#define SEAMLESS_STMT_MEMO_H
#include <stdint.h>
#include <string.h>

#define STMT_MEMO_SLOTS 512

struct stmt_memo {
    const char *key[STMT_MEMO_SLOTS];    /* the caller's text pointer, never dereferenced */
    const char *text[STMT_MEMO_SLOTS];   /* the statement's own copy of its text */
    void *stmt[STMT_MEMO_SLOTS];
};

static inline unsigned stmt_memo_slot(const char *sql)
{
    uintptr_t p = (uintptr_t)sql;
    return (unsigned)((p >> 3) ^ (p >> 13)) % STMT_MEMO_SLOTS;
}

/* The statement last remembered for this text at this address, or NULL. */
static inline void *stmt_memo_get(const struct stmt_memo *m, const char *sql)
{
    unsigned i = stmt_memo_slot(sql);
    return m->key[i] == sql && strcmp(m->text[i], sql) == 0 ? m->stmt[i] : NULL;
}

/* text must live as long as stmt (the statement's own copy). */
static inline void stmt_memo_put(struct stmt_memo *m, const char *sql, void *stmt, const char *text)
{
    if (!text)
        return;
    unsigned i = stmt_memo_slot(sql);
    m->key[i] = sql;
    m->text[i] = text;
    m->stmt[i] = stmt;
}

static inline void stmt_memo_clear(struct stmt_memo *m)
{
    memset(m, 0, sizeof *m);
}

#endif
