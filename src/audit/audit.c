#include "audit/audit.h"
#include "util/buf.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HASH_HEX (crypto_hash_sha256_BYTES * 2 + 1)

static void put_field(struct buf *b, const char *v)
{
    if (!v) {
        buf_puts(b, "-;");
        return;
    }
    buf_printf(b, "%zu:%s;", strlen(v), v);
}

/* The canonical form: every stored field, length-prefixed, fixed order. */
static void canonical(struct buf *b, int64_t seq, const char *at, const char *const f[9])
{
    buf_printf(b, "%lld;", (long long)seq);
    put_field(b, at);
    for (int i = 0; i < 9; i++)
        put_field(b, f[i]);
}

static void chain_hash(const char *prev_hex, const struct buf *canon, char out[HASH_HEX])
{
    crypto_hash_sha256_state st;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)prev_hex, strlen(prev_hex));
    crypto_hash_sha256_update(&st, (const unsigned char *)canon->data, canon->len);
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(out, HASH_HEX, h, sizeof h);
}

static void entry_fields(const struct audit_entry *e, const char *f[9])
{
    f[0] = e->user_id; f[1] = e->org_id; f[2] = e->role; f[3] = e->action;
    f[4] = e->resource_type; f[5] = e->resource_id; f[6] = e->person_id;
    f[7] = e->basis; f[8] = e->request_id;
}

int audit_append(struct store *db, const struct audit_entry *e, struct store_error *err)
{
    struct store_stmt *h = store_prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1", err);
    if (!h)
        return err->code;
    int rc = store_step(h, err);
    if (rc != STORE_ROW) {
        store_reset(h);
        if (rc >= 0) { err->code = STORE_EGENERIC; snprintf(err->message, sizeof err->message, "audit head missing"); }
        return err->code;
    }
    int64_t seq = store_col_int(h, 0) + 1;
    char prev[HASH_HEX], hash[HASH_HEX], at[STORE_TIME_LEN];
    snprintf(prev, sizeof prev, "%s", store_col_text(h, 1));
    store_reset(h);

    store_now(at);
    const char *f[9];
    entry_fields(e, f);
    struct buf canon;
    buf_init(&canon, 1 << 16);
    canonical(&canon, seq, at, f);
    chain_hash(prev, &canon, hash);
    buf_free(&canon);

    struct store_stmt *ins = store_prepare(db,
        "INSERT INTO audit_log (seq, at, user_id, org_id, role, action, resource_type,"
        " resource_id, person_id, basis, request_id, prev_hash, hash)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)", err);
    if (!ins)
        return err->code;
    store_bind_int(ins, 1, seq);
    store_bind_text(ins, 2, at);
    for (int i = 0; i < 9; i++)
        store_bind_text(ins, 3 + i, f[i]);
    store_bind_text(ins, 12, prev);
    store_bind_text(ins, 13, hash);
    rc = store_step(ins, err);
    store_reset(ins);
    if (rc != STORE_DONE)
        return rc < 0 ? rc : STORE_EGENERIC;

    struct store_stmt *up = store_prepare(db, "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", err);
    if (!up)
        return err->code;
    store_bind_int(up, 1, seq);
    store_bind_text(up, 2, hash);
    rc = store_step(up, err);
    store_reset(up);
    return rc == STORE_DONE ? STORE_OK : (rc < 0 ? rc : STORE_EGENERIC);
}

static int verify_row(struct store_stmt *s, int64_t expect_seq, char prev[HASH_HEX],
                      char *why, size_t why_len)
{
    int64_t seq = store_col_int(s, 0);
    if (seq != expect_seq) {
        snprintf(why, why_len, "expected entry %lld, found %lld (missing or reordered)",
                 (long long)expect_seq, (long long)seq);
        return -1;
    }
    if (strcmp(store_col_text(s, 11), prev) != 0) {
        snprintf(why, why_len, "previous-hash link broken");
        return -1;
    }
    const char *f[9];
    for (int i = 0; i < 9; i++)
        f[i] = store_col_is_null(s, 2 + i) ? NULL : store_col_text(s, 2 + i);
    struct buf canon;
    buf_init(&canon, 1 << 16);
    canonical(&canon, seq, store_col_text(s, 1), f);
    char hash[HASH_HEX];
    chain_hash(prev, &canon, hash);
    buf_free(&canon);
    if (strcmp(hash, store_col_text(s, 12)) != 0) {
        snprintf(why, why_len, "content does not match its hash (edited)");
        return -1;
    }
    memcpy(prev, hash, HASH_HEX);
    return 0;
}

int audit_verify(struct store *db, int64_t *bad_seq, char *why, size_t why_len,
                 int64_t *entries, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db,
        "SELECT seq, at, user_id, org_id, role, action, resource_type, resource_id,"
        " person_id, basis, request_id, prev_hash, hash FROM audit_log ORDER BY seq", err);
    if (!s)
        return err->code;
    char prev[HASH_HEX];
    memset(prev, '0', HASH_HEX - 1);
    prev[HASH_HEX - 1] = '\0';
    int64_t expect = 1;
    int rc;
    *bad_seq = 0;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        if (verify_row(s, expect, prev, why, why_len) < 0) {
            *bad_seq = store_col_int(s, 0);
            store_reset(s);
            return 1;
        }
        expect++;
    }
    store_reset(s);
    if (rc < 0)
        return rc;
    if (entries)
        *entries = expect - 1;
    struct store_stmt *h = store_prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1", err);
    if (!h)
        return err->code;
    rc = store_step(h, err);
    int ok = rc == STORE_ROW && store_col_int(h, 0) == expect - 1 && strcmp(store_col_text(h, 1), prev) == 0;
    store_reset(h);
    if (!ok) {
        *bad_seq = expect;
        snprintf(why, why_len, "the newest entries were removed (head does not match the last entry)");
        return 1;
    }
    return 0;
}
