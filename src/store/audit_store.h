/* audit_store: the SQL behind the audit chain (src/audit/ holds the rules:
 * canonical form, hashing, verification).
 *
 * Chains. The trail is K hash chains (K = the rows of audit_head, ids
 * 1 … K; one on SQLite and on a single PostgreSQL server, more on a Citus
 * cluster: docs/scaling.md). The entries up to the split (base, kept in
 * every head row; 0 for a trail split while empty) are chain 1's, 1, 2, 3 …
 * as one chain always had; after it chain c holds base + c, base + c + K,
 * base + c + 2K, … So seq stays unique across chains and every table that
 * names an entry by seq is unchanged; with K = 1 nothing differs.
 *
 * Appending is three statements inside the caller's write transaction:
 * audit_store_claim_many bumps a chain's head by n entries and returns the
 * first seq with the previous hash — an UPDATE, so on PostgreSQL it also
 * takes that head row's lock and appenders to one chain queue there; then
 * audit_store_insert_many and audit_store_set_head_hash. */
#ifndef SEAMLESS_AUDIT_STORE_H
#define SEAMLESS_AUDIT_STORE_H
#include <stdint.h>
#include "store/store.h"

#define AUDIT_HASH_HEX 65
#define AUDIT_FIELDS 9   /* user_id, org_id, role, action, resource_type, resource_id, person_id, basis, request_id */

/* One person an entry released (table audit_people). */
struct audit_person {
    const char *person_id;
    const char *basis;             /* NULL: the entry's basis */
};

struct audit_row {
    int64_t seq;
    const char *at;
    const char *f[AUDIT_FIELDS];   /* NULL when absent */
    const char *prev_hash;
    const char *hash;
    const char *mac;               /* "<key id>:<hex>", NULL when unkeyed */
    /* Scans only: the entry's rows in audit_people (any order), and
     * stray_seq, when non-zero, the seq of people rows that belong to no
     * entry (seen before this row, or after the last one: then the row is
     * a stand-in with seq = stray_seq and nothing else set). */
    const struct audit_person *people;
    int n_people;
    int64_t stray_seq;
};

/* A row of audit_people as written. */
struct audit_person_row {
    int64_t seq;
    const char *person_id;
    const char *basis;
};

#define AUDIT_MAX_CHAINS 32

/* The head of one chain: its newest entry's seq and hash (seq c - K and
 * 64 zeros while chain c is empty). */
struct audit_pos {
    int64_t seq;
    char hash[AUDIT_HASH_HEX];
};

/* Every chain's head, chain c in pos[c - 1] (an empty chain c > 1 has
 * seq base + c - K and 64 zeros; an empty chain 1 has 0). */
struct audit_heads {
    int n;
    int64_t base;
    struct audit_pos pos[AUDIT_MAX_CHAINS];
};

/* K, the number of chains, and the split's base (read once per
 * connection). 0, or an error. */
int audit_store_chains(struct store *db, int *k, int64_t *base, struct store_error *err);
/* The chain (1 … k) of entry seq. */
static inline int audit_chain_of(int64_t seq, int k, int64_t base)
{
    return k <= 1 || seq <= base ? 1 : (int)(((seq - base - 1) % k + k) % k) + 1;
}
/* The seq chain c's entry after seq takes. */
static inline int64_t audit_chain_next(int64_t seq, int c, int k, int64_t base)
{
    return k <= 1 || (c == 1 && seq <= base) ? seq + 1 : seq + k;
}
/* 1 when seq can be chain c's head: an entry of the chain, or the place
 * before its first. */
static inline int audit_head_fits(int64_t seq, int c, int k, int64_t base)
{
    if (c == 1)
        return seq >= 0 && audit_chain_of(seq, k, base) == 1;
    return seq == base + c - k || (seq > base && audit_chain_of(seq, k, base) == c);
}
/* 1 when head c (1 … h->n) names an entry, 0 when its chain is still
 * empty (chain 1 at 0; chain c > 1 at base + c - K, before the split). */
static inline int audit_head_has_entry(const struct audit_heads *h, int c)
{
    int64_t seq = h->pos[c - 1].seq;
    return c == 1 ? seq >= 1 : seq > h->base;
}
/* Makes a trail of one chain k chains from its current head on, in the
 * caller's write transaction (the entries so far stay chain 1's); *split 0,
 * and nothing changed, when it has more than one chain already. */
int audit_store_split(struct store *db, int k, int *split, struct store_error *err);
/* Claims n sequence numbers of chain c (1 … k) at once: *first_seq is the
 * first of them (the others follow k apart), prev_hash the chain's hash
 * before it. */
int audit_store_claim_many(struct store *db, int c, int k, int n, int64_t *first_seq,
                           char prev_hash[AUDIT_HASH_HEX], struct store_error *err);
int audit_store_insert(struct store *db, const struct audit_row *r, struct store_error *err);
/* The n rows in as few statements as it can (multi-row INSERTs of 32, 8, 1). */
int audit_store_insert_many(struct store *db, const struct audit_row *rows, int n, struct store_error *err);
/* The people rows, in as few statements as it can (32, 8, 1 rows each). */
int audit_store_insert_people(struct store *db, const struct audit_person_row *rows, int n, struct store_error *err);
int audit_store_set_head_hash(struct store *db, int c, const char *hash, struct store_error *err);
/* The per-person index (audit_people_index, migration 036): moves it
 * forward, in the caller's write transaction, over whole entries after
 * audit_index_state.indexed_to — about max_rows people, at least one entry
 * — and sets *indexed the people indexed, *more 1 when people remain
 * beyond. Locks the state row first, so two indexers never overlap. */
int audit_store_index_people(struct store *db, int max_rows, int *indexed, int *more, struct store_error *err);
/* The same step in two transactions (SQLite, where the index has a file of
 * its own): gather, in a read transaction, copies the rows of the next step
 * (from, upto] into a TEMP table (*more as above); gathered, in a write
 * transaction of the index file alone, indexes them if indexed_to is still
 * at from. So the step holds no snapshot of the trail while it writes, and
 * the trail's log can start again meanwhile. */
int audit_store_index_gather(struct store *db, int max_rows, int64_t *from, int64_t *upto, int *more,
                             struct store_error *err);
int audit_store_index_gathered(struct store *db, int64_t from, int64_t upto, int *indexed, struct store_error *err);
/* Checks the index against audit_people: 0 when every person of every
 * entry up to indexed_to is indexed and nothing else is; 1 with *bad_seq
 * the first entry that differs and why; negative on a database error. */
int audit_store_check_index(struct store *db, int64_t *bad_seq, char *why, size_t why_len, struct store_error *err);
/* Every chain's head, in chain order; an error when the head rows are not
 * exactly 1 … K with one base. */
int audit_store_heads(struct store *db, struct audit_heads *h, struct store_error *err);
/* The seq below which every entry of every chain exists: the newest entry
 * when there is one chain (lower with more, while a chain lags). */
int64_t audit_heads_complete(const struct audit_heads *h);
/* The first seq any chain will give its next entry. */
int64_t audit_heads_next(const struct audit_heads *h);
/* The newest seq of any chain. */
int64_t audit_heads_max(const struct audit_heads *h);
/* The stored hash of entry seq; STORE_ENOTFOUND when there is none. */
int audit_store_hash_at(struct store *db, int64_t seq, char hash[AUDIT_HASH_HEX], struct store_error *err);
/* Calls fn for every row in seq order, with its people, until fn returns
 * non-zero (which is then returned); 0 after the last row; negative on a
 * database error. */
typedef int (*audit_row_fn)(const struct audit_row *r, void *arg);
int audit_store_scan(struct store *db, audit_row_fn fn, void *arg, struct store_error *err);
/* The same for the rows after after_seq. */
int audit_store_scan_after(struct store *db, int64_t after_seq, audit_row_fn fn, void *arg, struct store_error *err);

#endif
