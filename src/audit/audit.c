#include "audit/audit.h"
#include "audit/keyring.h"
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

/* One claim of n sequence numbers and one head update for the lot, and the
 * rows themselves in chunks of AUDIT_CHUNK through multi-row INSERTs: on
 * PostgreSQL each statement is a round trip and on SQLite each is a VDBE
 * run, so a group commit of n entries costs about n / 7 + 2 statements. */
#define AUDIT_CHUNK 32

int audit_append_many(struct store *db, const struct audit_entry *e, int n, struct store_error *err)
{
    if (n <= 0)
        return 0;
    char hashes[AUDIT_CHUNK + 1][AUDIT_HASH_HEX];   /* [0] the hash before the chunk */
    char macs[AUDIT_CHUNK][AUDIT_MAC_LEN], at[STORE_TIME_LEN];
    struct audit_row rows[AUDIT_CHUNK];
    int64_t seq;
    int rc = audit_store_claim_many(db, n, &seq, hashes[0], err);
    if (rc < 0)
        return rc;
    store_wall_now(at);   /* real time: a test clock never back-dates the chain */
    for (int i = 0; i < n && rc == 0; ) {
        int m = n - i < AUDIT_CHUNK ? n - i : AUDIT_CHUNK;
        for (int j = 0; j < m; j++, i++, seq++) {
            rows[j] = (struct audit_row){seq, at, {e[i].user_id, e[i].org_id, e[i].role, e[i].action,
                                                   e[i].resource_type, e[i].resource_id, e[i].person_id,
                                                   e[i].basis, e[i].request_id}, hashes[j], hashes[j + 1], NULL};
            chain_hash(hashes[j], seq, at, rows[j].f, hashes[j + 1]);
            if (audit_keyring_mac(hashes[j + 1], macs[j]) == 0)
                rows[j].mac = macs[j];
        }
        rc = audit_store_insert_many(db, rows, m, err);
        memcpy(hashes[0], hashes[m], AUDIT_HASH_HEX);
    }
    if (rc == 0)
        rc = audit_store_set_head_hash(db, hashes[0], err);
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
        } else if (audit_keyring_loaded() && r->seq >= audit_keyring_since() &&
                   !audit_keyring_check(r->seq, hash, r->mac)) {
            snprintf(w->why, w->why_len, "%s", r->mac ? "its key (mac) does not verify: written or rewritten "
                     "without the audit key" : "it carries no key (mac): written without the audit key");
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
    char zero[AUDIT_HASH_HEX];
    memset(zero, '0', AUDIT_HASH_HEX - 1);
    zero[AUDIT_HASH_HEX - 1] = '\0';
    return audit_verify_after(db, 0, zero, bad_seq, why, why_len, entries, NULL, err);
}

int audit_verify_after(struct store *db, int64_t after_seq, const char *after_hash, int64_t *bad_seq, char *why,
                       size_t why_len, int64_t *last_seq, char last_hash[AUDIT_HASH_HEX], struct store_error *err)
{
    struct walk w = {.expect = after_seq + 1, .why = why, .why_len = why_len};
    snprintf(w.prev, sizeof w.prev, "%s", after_hash);
    *bad_seq = 0;
    int rc = audit_store_scan_after(db, after_seq, verify_row, &w, err);
    if (rc != 0) {
        *bad_seq = w.bad_seq;
        return rc;
    }
    if (last_seq)
        *last_seq = w.expect - 1;
    if (last_hash)
        memcpy(last_hash, w.prev, AUDIT_HASH_HEX);
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
