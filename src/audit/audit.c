#include "audit/audit.h"
#include "audit/keyring.h"
#include "store/audit_store.h"
#include "util/buf.h"
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_field(struct buf *b, const char *v)
{
    if (!v) {
        buf_puts(b, "-;");
        return;
    }
    /* "<length>:<value>;" without printf: an export's entry has a field
     * per person it names. */
    size_t len = strlen(v), n = len;
    char digits[24];
    int k = (int)sizeof digits;
    do
        digits[--k] = (char)('0' + n % 10);
    while ((n /= 10) > 0 && k > 0);
    buf_put(b, digits + k, sizeof digits - (size_t)k);
    buf_putc(b, ':');
    buf_put(b, v, len);
    buf_putc(b, ';');
}

/* The canonical form: every stored field, length-prefixed, fixed order, so
 * no two different entries share one. An entry with people continues with
 * "P<count>;" and each person's id and basis, sorted by id (ppl must be
 * sorted); without people the text is the original format, so entries
 * written before people existed verify unchanged. */
static void canonical(struct buf *b, int64_t seq, const char *at, const char *const f[AUDIT_FIELDS],
                      const struct audit_person *ppl, int n_ppl)
{
    buf_printf(b, "%lld;", (long long)seq);
    put_field(b, at);
    for (int i = 0; i < AUDIT_FIELDS; i++)
        put_field(b, f[i]);
    if (n_ppl <= 0)
        return;
    buf_printf(b, "P%d;", n_ppl);
    for (int i = 0; i < n_ppl; i++) {
        put_field(b, ppl[i].person_id);
        put_field(b, ppl[i].basis);
    }
}

/* hash = SHA-256(prev_hash_hex || canonical(entry)), as hex. -1 when the
 * canonical form could not be built (out of memory): a hash of part of it
 * would store an entry that can never verify. */
static int chain_hash(const char *prev_hex, int64_t seq, const char *at, const char *const f[AUDIT_FIELDS],
                       const struct audit_person *ppl, int n_ppl, char out[AUDIT_HASH_HEX])
{
    struct buf canon;
    buf_init(&canon, 0);
    canonical(&canon, seq, at, f, ppl, n_ppl);
    if (canon.failed) {
        buf_free(&canon);
        return -1;
    }
    crypto_hash_sha256_state st;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)prev_hex, strlen(prev_hex));
    crypto_hash_sha256_update(&st, (const unsigned char *)buf_str(&canon), canon.len);
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(out, AUDIT_HASH_HEX, h, sizeof h);
    buf_free(&canon);
    return 0;
}

static int fail(struct store_error *err, const char *why)
{
    err->code = STORE_EGENERIC;
    snprintf(err->message, sizeof err->message, "%s", why);
    return STORE_EGENERIC;
}

static int by_person(const void *a, const void *b)
{
    return strcmp(((const struct audit_person *)a)->person_id, ((const struct audit_person *)b)->person_id);
}

/* e's people as stored: without NULL ids, the basis filled in from the
 * entry, sorted by id, each person once (break_glass wins, so a review of
 * break-glass reads finds them). NULL with *n 0 when there are none;
 * (void *)-1 when out of memory. Free with free(). */
static struct audit_person *stored_people(const struct audit_entry *e, int *n)
{
    *n = 0;
    if (e->n_people <= 0)
        return NULL;
    struct audit_person *p = malloc((size_t)e->n_people * sizeof *p);
    if (!p)
        return (struct audit_person *)-1;
    int m = 0;
    for (int i = 0; i < e->n_people; i++)
        if (e->people[i].person_id)
            p[m++] = (struct audit_person){e->people[i].person_id,
                                           e->people[i].basis ? e->people[i].basis : e->basis};
    qsort(p, (size_t)m, sizeof *p, by_person);
    int k = 0;
    for (int i = 0; i < m; i++) {
        if (k && strcmp(p[k - 1].person_id, p[i].person_id) == 0) {
            if (p[i].basis && strcmp(p[i].basis, "break_glass") == 0)
                p[k - 1].basis = p[i].basis;
            continue;
        }
        p[k++] = p[i];
    }
    *n = k;
    if (!k) {
        free(p);
        return NULL;
    }
    return p;
}

int audit_append(struct store *db, const struct audit_entry *e, struct store_error *err)
{
    return audit_append_many(db, e, 1, err);
}

/* One claim of n sequence numbers and one head update for the lot, and the
 * rows themselves in chunks of AUDIT_CHUNK through multi-row INSERTs: on
 * PostgreSQL each statement is a round trip and on SQLite each is a VDBE
 * run, so a group commit of n entries costs about n / 7 + 2 statements,
 * plus one per 32 people listed. */
#define AUDIT_CHUNK 32

struct chunk {
    char hashes[AUDIT_CHUNK + 1][AUDIT_HASH_HEX];   /* [0] the hash before the chunk */
    char macs[AUDIT_CHUNK][AUDIT_MAC_LEN];
    struct audit_row rows[AUDIT_CHUNK];
    struct audit_person *ppl[AUDIT_CHUNK];
    int n_ppl[AUDIT_CHUNK];
    struct audit_person_row *people;   /* every person of the chunk, for audit_people */
    int n_people, cap_people;
};

/* Adds entry j's people to the chunk's audit_people rows. */
static int chunk_people(struct chunk *k, int j, int64_t seq)
{
    if (k->n_people + k->n_ppl[j] > k->cap_people) {
        int cap = (k->n_people + k->n_ppl[j]) * 2;
        struct audit_person_row *r = realloc(k->people, (size_t)cap * sizeof *r);
        if (!r)
            return STORE_EGENERIC;
        k->people = r;
        k->cap_people = cap;
    }
    for (int i = 0; i < k->n_ppl[j]; i++)
        k->people[k->n_people++] = (struct audit_person_row){seq, k->ppl[j][i].person_id, k->ppl[j][i].basis};
    return 0;
}

/* Hashes and inserts *e[0] … *e[m-1] as seq, seq + step, …; k->hashes[0]
 * is the hash before and becomes the hash after. */
static int append_chunk(struct store *db, struct chunk *k, const struct audit_entry *const *e, int m, int64_t seq,
                        int step, const char *at, struct store_error *err)
{
    int rc = 0;
    k->n_people = 0;
    for (int j = 0; j < m; j++)
        k->ppl[j] = NULL;
    for (int j = 0; j < m && rc == 0; j++, seq += step) {
        k->ppl[j] = stored_people(e[j], &k->n_ppl[j]);
        if (k->ppl[j] == (struct audit_person *)-1) {
            k->ppl[j] = NULL;
            rc = fail(err, "out of memory for an audit entry's people");
            break;
        }
        k->rows[j] = (struct audit_row){seq, at, {e[j]->user_id, e[j]->org_id, e[j]->role, e[j]->action,
                                                  e[j]->resource_type, e[j]->resource_id, e[j]->person_id,
                                                  e[j]->basis, e[j]->request_id}, k->hashes[j], k->hashes[j + 1],
                                        NULL, NULL, 0, 0};
        if (chain_hash(k->hashes[j], seq, at, k->rows[j].f, k->ppl[j], k->n_ppl[j], k->hashes[j + 1]) != 0) {
            rc = fail(err, "out of memory for an audit entry");
            break;
        }
        if (audit_keyring_mac(k->hashes[j + 1], k->macs[j]) == 0)
            k->rows[j].mac = k->macs[j];
        if (k->n_ppl[j] && chunk_people(k, j, seq) != 0)
            rc = fail(err, "out of memory for an audit entry's people");
    }
    if (rc == 0)
        rc = audit_store_insert_many(db, k->rows, m, err);
    if (rc == 0 && k->n_people)
        rc = audit_store_insert_people(db, k->people, k->n_people, err);
    for (int j = 0; j < m; j++)
        free(k->ppl[j]);
    memcpy(k->hashes[0], k->hashes[m], AUDIT_HASH_HEX);
    return rc;
}

int audit_chain_for(const struct audit_entry *e, int k)
{
    if (k <= 1 || !e->person_id)
        return 1;
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)e->person_id; *p; p++)
        h = (h ^ *p) * 16777619u;
    return (int)(h % (uint32_t)k) + 1;
}

/* Appends the n entries of chain c (in order) after its head. */
static int append_chain(struct store *db, struct chunk *k, const struct audit_entry *const *e, int n, int c,
                        int chains, const char *at, struct store_error *err)
{
    int64_t seq;
    int rc = audit_store_claim_many(db, c, chains, n, &seq, k->hashes[0], err);
    for (int i = 0; i < n && rc == 0; ) {
        int m = n - i < AUDIT_CHUNK ? n - i : AUDIT_CHUNK;
        rc = append_chunk(db, k, e + i, m, seq, chains, at, err);
        i += m;
        seq += (int64_t)m * chains;
    }
    return rc == 0 ? audit_store_set_head_hash(db, c, k->hashes[0], err) : rc;
}

int audit_append_many(struct store *db, const struct audit_entry *e, int n, struct store_error *err)
{
    if (n <= 0)
        return 0;
    int chains = 1;
    int64_t base = 0;
    int rc = audit_store_chains(db, &chains, &base, err);
    if (rc != 0)
        return rc;
    struct chunk *k = malloc(sizeof *k);
    const struct audit_entry **by = malloc((size_t)n * sizeof *by);
    if (!k || !by) {
        free(k);
        free(by);
        return fail(err, "out of memory for audit entries");
    }
    k->people = NULL;
    k->cap_people = 0;
    char at[STORE_TIME_LEN];
    store_wall_now(at);   /* real time: a test clock never back-dates the chain */
    /* Chain by chain in increasing order, each chain's entries in the order
     * given: appenders lock the heads in one order and never deadlock. */
    for (int c = 1; c <= chains && rc == 0; c++) {
        int m = 0;
        for (int i = 0; i < n; i++)
            if (audit_chain_for(&e[i], chains) == c)
                by[m++] = &e[i];
        if (m)
            rc = append_chain(db, k, by, m, c, chains, at, err);
    }
    free(by);
    free(k->people);
    free(k);
    return rc;
}

/* SQLite: the step's rows are gathered in a read transaction first, then
 * indexed in a transaction that writes the index file alone, so no
 * snapshot of the trail is held while the index is written (a long one
 * keeps the trail's log from starting again: its checkpoints then run on
 * every commit, and the log grows). */
static int index_in_two(struct store *db, int max_rows, int *more, struct store_error *err)
{
    int64_t from = 0, upto = 0;
    int indexed = 0;
    int rc = store_tx_begin(db, STORE_TX_READ, err);
    if (rc == 0)
        rc = audit_store_index_gather(db, max_rows, &from, &upto, more, err);
    if (rc == 0)
        rc = store_tx_commit(db, err);
    else
        store_tx_rollback(db);
    if (rc != 0 || upto <= from)
        return rc;
    rc = store_tx_begin(db, STORE_TX_INDEX, err);
    if (rc == 0)
        rc = audit_store_index_gathered(db, from, upto, &indexed, err);
    if (rc == 0)
        return store_tx_commit(db, err);
    store_tx_rollback(db);
    return rc;
}

int audit_index_people(struct store *db, int max_rows, int *more, struct store_error *err)
{
    int indexed = 0;
    *more = 0;
    if (store_index_writer(db, err) != 0)
        return err->code < 0 ? err->code : STORE_EGENERIC;
    if (strcmp(store_backend(db), "sqlite") == 0) {
        int rc = index_in_two(db, max_rows, more, err);
        if (rc != 0)
            *more = 0;
        return rc;
    }
    int rc = store_tx_begin(db, STORE_TX_INDEX, err);
    if (rc == 0)
        rc = audit_store_index_people(db, max_rows, &indexed, more, err);
    if (rc == 0)
        return store_tx_commit(db, err);
    store_tx_rollback(db);
    *more = 0;
    return rc;
}

int audit_index_all(struct store *db, struct store_error *err)
{
    int more = 1, rc = 0;
    while (rc == 0 && more)
        rc = audit_index_people(db, 50000, &more, err);
    return rc;
}

struct walk {
    int k;                                  /* chains */
    int64_t base;                           /* their split (audit_store.h) */
    int64_t walked;                         /* entries checked */
    int64_t from[AUDIT_MAX_CHAINS];         /* each chain's trusted head: walked after it */
    int64_t last[AUDIT_MAX_CHAINS];         /* each chain's last entry checked (from, at first) */
    int64_t expect[AUDIT_MAX_CHAINS];       /* each chain's next seq */
    char prev[AUDIT_MAX_CHAINS][AUDIT_HASH_HEX];
    int64_t bad_seq;
    char *why;
    size_t why_len;
};

/* The hash of stored row r, its people sorted as they were when hashed. */
static int row_hash(const char *prev, const struct audit_row *r, char out[AUDIT_HASH_HEX])
{
    struct audit_person *p = NULL;
    if (r->n_people > 0) {
        p = malloc((size_t)r->n_people * sizeof *p);
        if (!p)
            return -1;
        memcpy(p, r->people, (size_t)r->n_people * sizeof *p);
        qsort(p, (size_t)r->n_people, sizeof *p, by_person);
    }
    int rc = chain_hash(prev, r->seq, r->at, r->f, p, r->n_people, out);
    free(p);
    return rc;
}

static int verify_row(const struct audit_row *r, void *arg)
{
    struct walk *w = arg;
    char hash[AUDIT_HASH_HEX];
    int c = audit_chain_of(r->seq, w->k, w->base) - 1;
    if (r->stray_seq)
        snprintf(w->why, w->why_len, "people are listed under entry %lld, which does not exist (added or moved)",
                 (long long)r->stray_seq);
    else if (r->seq <= w->from[c])
        return 0;   /* before the trusted head of its chain */
    else if (r->seq != w->expect[c])
        snprintf(w->why, w->why_len, "expected entry %lld, found %lld (missing or reordered)",
                 (long long)w->expect[c], (long long)r->seq);
    else if (strcmp(r->prev_hash, w->prev[c]) != 0)
        snprintf(w->why, w->why_len, "previous-hash link broken");
    else if (row_hash(w->prev[c], r, hash) != 0)
        snprintf(w->why, w->why_len, "out of memory checking it");
    else {
        if (strcmp(hash, r->hash) != 0) {
            snprintf(w->why, w->why_len, "content does not match its hash (edited%s)",
                     r->n_people ? ", or people added or removed" : "");
        } else if (audit_keyring_loaded() && r->seq >= audit_keyring_since() &&
                   !audit_keyring_check(r->seq, hash, r->mac)) {
            snprintf(w->why, w->why_len, "%s", r->mac ? "its key (mac) does not verify: written or rewritten "
                     "without the audit key" : "it carries no key (mac): written without the audit key");
        } else {
            memcpy(w->prev[c], hash, AUDIT_HASH_HEX);
            w->last[c] = r->seq;
            w->expect[c] = audit_chain_next(r->seq, c + 1, w->k, w->base);
            w->walked++;
            return 0;
        }
    }
    w->bad_seq = r->seq;
    return 1;
}

int audit_verify(struct store *db, int64_t *bad_seq, char *why, size_t why_len,
                 int64_t *entries, struct store_error *err)
{
    int rc = audit_verify_after(db, NULL, bad_seq, why, why_len, NULL, entries, err);
    /* The chain holds; then the person index derived from it. */
    return rc == 0 ? audit_store_check_index(db, bad_seq, why, why_len, err) : rc;
}

void audit_heads_empty(int k, int64_t base, struct audit_heads *h)
{
    h->n = k;
    h->base = base;
    for (int c = 0; c < k; c++) {
        h->pos[c].seq = c == 0 ? 0 : base + c + 1 - k;
        memset(h->pos[c].hash, '0', AUDIT_HASH_HEX - 1);
        h->pos[c].hash[AUDIT_HASH_HEX - 1] = '\0';
    }
}

/* The walk's start: each chain's trusted head (after, or the start). */
static struct walk *walk_new(const struct audit_heads *head, const struct audit_heads *after, char *why,
                             size_t why_len, int64_t *low)
{
    struct audit_heads start;
    if (!after)
        audit_heads_empty(head->n, head->base, &start);
    const struct audit_heads *from = after ? after : &start;
    struct walk *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->k = head->n;
    w->base = head->base;
    w->why = why;
    w->why_len = why_len;
    *low = INT64_MAX;
    for (int c = 0; c < w->k; c++) {
        w->from[c] = w->last[c] = from->pos[c].seq;
        w->expect[c] = audit_chain_next(from->pos[c].seq, c + 1, w->k, w->base);
        memcpy(w->prev[c], from->pos[c].hash, AUDIT_HASH_HEX);
        if (w->from[c] < *low)
            *low = w->from[c];
    }
    return w;
}

int audit_verify_after(struct store *db, const struct audit_heads *after, int64_t *bad_seq, char *why,
                       size_t why_len, struct audit_heads *last, int64_t *walked, struct store_error *err)
{
    struct audit_heads head;
    *bad_seq = 0;
    int rc = audit_store_heads(db, &head, err);
    if (rc != 0)
        return rc;
    if (after && (after->n != head.n || after->base != head.base)) {
        snprintf(why, why_len, "the trail has %d chains split at %lld where %d split at %lld were vouched for",
                 head.n, (long long)head.base, after->n, (long long)after->base);
        return 1;
    }
    int64_t low;
    struct walk *w = walk_new(&head, after, why, why_len, &low);
    if (!w)
        return fail(err, "out of memory verifying the audit trail");
    rc = audit_store_scan_after(db, low > 0 ? low : 0, verify_row, w, err);
    if (rc == 0)
        rc = audit_store_heads(db, &head, err);
    for (int c = 0; rc == 0 && c < w->k; c++) {
        if (head.n != w->k || head.pos[c].seq != w->last[c] || strcmp(head.pos[c].hash, w->prev[c]) != 0) {
            w->bad_seq = w->expect[c];
            snprintf(why, why_len, "the newest entries were removed (head does not match the last entry)");
            rc = 1;
        }
    }
    if (rc >= 0)
        *bad_seq = w->bad_seq;
    if (rc == 0 && last) {
        last->n = w->k;
        last->base = w->base;
        for (int c = 0; c < w->k; c++) {
            last->pos[c].seq = w->last[c];
            memcpy(last->pos[c].hash, w->prev[c], AUDIT_HASH_HEX);
        }
    }
    if (rc == 0 && walked)
        *walked = w->walked;
    free(w);
    return rc;
}
