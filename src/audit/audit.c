#include "audit/audit.h"
#include "store/audit_store.h"
#include "util/buf.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void put_field(struct buf *b, const char *v)
{
    if (!v) {
        buf_puts(b, "-;");
        return;
    }
    buf_printf(b, "%zu:%s;", strlen(v), v);
}

/* The canonical form: every stored field, length-prefixed, fixed order, so
 * no two different entries share one. */
static void canonical(struct buf *b, int64_t seq, const char *at, const char *const f[AUDIT_FIELDS])
{
    buf_printf(b, "%lld;", (long long)seq);
    put_field(b, at);
    for (int i = 0; i < AUDIT_FIELDS; i++)
        put_field(b, f[i]);
}

/* hash = SHA-256(prev_hash_hex || canonical(entry)), as hex. */
static void chain_hash(const char *prev_hex, int64_t seq, const char *at, const char *const f[AUDIT_FIELDS],
                       char out[AUDIT_HASH_HEX])
{
    struct buf canon;
    buf_init(&canon, 0);
    canonical(&canon, seq, at, f);
    crypto_hash_sha256_state st;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)prev_hex, strlen(prev_hex));
    crypto_hash_sha256_update(&st, (const unsigned char *)buf_str(&canon), canon.len);
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(out, AUDIT_HASH_HEX, h, sizeof h);
    buf_free(&canon);
}

int audit_append(struct store *db, const struct audit_entry *e, struct store_error *err)
{
    return audit_append_many(db, e, 1, err);
}

/* One claim of n sequence numbers and one head update for the lot: on
 * PostgreSQL each statement is a round trip, so a group commit of n entries
 * costs n + 2 of them rather than 3n. */
int audit_append_many(struct store *db, const struct audit_entry *e, int n, struct store_error *err)
{
    if (n <= 0)
        return 0;
    char prev[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX], at[STORE_TIME_LEN];
    int64_t seq;
    int rc = audit_store_claim_many(db, n, &seq, prev, err);
    if (rc < 0)
        return rc;
    store_wall_now(at);   /* real time: a test clock never back-dates the chain */
    for (int i = 0; i < n && rc == 0; i++, seq++) {
        struct audit_row r = {seq, at, {e[i].user_id, e[i].org_id, e[i].role, e[i].action, e[i].resource_type,
                                        e[i].resource_id, e[i].person_id, e[i].basis, e[i].request_id}, prev, hash};
        chain_hash(prev, seq, at, r.f, hash);
        rc = audit_store_insert(db, &r, err);
        memcpy(prev, hash, AUDIT_HASH_HEX);
    }
    if (rc == 0)
        rc = audit_store_set_head_hash(db, hash, err);
    return rc;
}

struct walk {
    int64_t expect;
    char prev[AUDIT_HASH_HEX];
    int64_t bad_seq;
    char *why;
    size_t why_len;
};

static int verify_row(const struct audit_row *r, void *arg)
{
    struct walk *w = arg;
    if (r->seq != w->expect)
        snprintf(w->why, w->why_len, "expected entry %lld, found %lld (missing or reordered)",
                 (long long)w->expect, (long long)r->seq);
    else if (strcmp(r->prev_hash, w->prev) != 0)
        snprintf(w->why, w->why_len, "previous-hash link broken");
    else {
        char hash[AUDIT_HASH_HEX];
        chain_hash(w->prev, r->seq, r->at, r->f, hash);
        if (strcmp(hash, r->hash) != 0) {
            snprintf(w->why, w->why_len, "content does not match its hash (edited)");
        } else {
            memcpy(w->prev, hash, AUDIT_HASH_HEX);
            w->expect++;
            return 0;
        }
    }
    w->bad_seq = r->seq;
    return 1;
}

int audit_verify(struct store *db, int64_t *bad_seq, char *why, size_t why_len,
                 int64_t *entries, struct store_error *err)
{
    struct walk w = {.expect = 1, .why = why, .why_len = why_len};
    memset(w.prev, '0', AUDIT_HASH_HEX - 1);
    w.prev[AUDIT_HASH_HEX - 1] = '\0';
    *bad_seq = 0;
    int rc = audit_store_scan(db, verify_row, &w, err);
    if (rc != 0) {
        *bad_seq = w.bad_seq;
        return rc;
    }
    if (entries)
        *entries = w.expect - 1;
    int64_t head_seq;
    char head_hash[AUDIT_HASH_HEX];
    rc = audit_store_head(db, &head_seq, head_hash, err);
    if (rc < 0)
        return rc;
    if (head_seq != w.expect - 1 || strcmp(head_hash, w.prev) != 0) {
        *bad_seq = w.expect;
        snprintf(why, why_len, "the newest entries were removed (head does not match the last entry)");
        return 1;
    }
    return 0;
}
