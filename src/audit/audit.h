/* audit: the append-only, hash-chained record of who did what to whose data.
 *
 * Each entry's hash is SHA-256 over the previous entry's hash and the entry's
 * canonical form (every field, length-prefixed, in a fixed order), so editing,
 * deleting or reordering any row breaks the chain from that row on; the
 * table audit_head holds the newest seq and hash, so deleting the newest
 * rows is caught too. There is one chain, or on a Citus cluster K of them
 * (audit_store.h: after the split chain c holds seq base + c, base + c + K,
 * …; an entry goes on its person's chain, on chain 1 without a person),
 * each verified the same way and each with its head row.
 *
 * Writes: audit_append() inside the caller's write transaction, so the change
 * and its audit entry commit or fail together.
 * Reads: audit_writer_record() hands the entry to one writer thread that
 * commits many queued entries in one transaction (group commit) and returns
 * only once the entry is durable; a reader releases personal data only after
 * it returned 0. This keeps the chain a single serial point without one
 * fsync per read.
 *
 * All strings in struct audit_entry are borrowed; NULL means "none".
 * `basis` is one of relationship, break_glass, system, self, admin.
 *
 * People: a read that releases many people (a list, the discharge board, a
 * cohort page, a search, a FHIR search or $export) is ONE entry whose
 * people (person id and the basis each was released on) are stored in the
 * child table audit_people. The chain hash covers the people, sorted by id
 * and without duplicates, after the entry's fields, so adding, removing or
 * editing a child row breaks the chain as editing the entry would. An
 * entry without people hashes exactly as entries always have (older
 * entries verify unchanged). docs/internals/audit.md has the format. */
#ifndef SEAMLESS_AUDIT_H
#define SEAMLESS_AUDIT_H
#include <stdint.h>
#include <stddef.h>
#include "store/store.h"
#include "store/audit_store.h"   /* struct audit_person */

struct audit_entry {
    const char *user_id;
    const char *org_id;
    const char *role;
    const char *action;         /* e.g. "read", "create", "update", "login" */
    const char *resource_type;  /* e.g. "user", "person", "session" */
    const char *resource_id;
    const char *person_id;
    const char *basis;
    const char *request_id;
    /* The people the entry released (any order, duplicates allowed: the
     * stored list is sorted and each person kept once, break_glass winning
     * over another basis). n_people 0: none beyond person_id. */
    const struct audit_person *people;
    int n_people;
};

/* Appends e in the caller's open write transaction. */
int audit_append(struct store *db, const struct audit_entry *e, struct store_error *err);
/* Appends e[0] … e[n-1] in that order, in the caller's open write
 * transaction (the group-commit writer's batches). */
int audit_append_many(struct store *db, const struct audit_entry *e, int n, struct store_error *err);

/* The chain e goes on among k: its person's (FNV-1a of the id), so one
 * person's entries stay on one chain; chain 1 without a person. */
int audit_chain_for(const struct audit_entry *e, int k);

/* Walks the whole chain. Returns 0 when intact, negative on a database
 * error (err filled); otherwise 1 with *bad_seq
 * the first entry that does not verify (0 when the head record is wrong)
 * and why a short explanation. */
int audit_verify(struct store *db, int64_t *bad_seq, char *why, size_t why_len,
                 int64_t *entries, struct store_error *err);

/* audit_verify after the heads in *after (each chain's entries after its
 * head there, trusting those hashes: a checkpoint's; NULL: from the start,
 * without the person index): the same result, and *last and *walked (each
 * may be NULL) the heads walked to and the entries checked. */
int audit_verify_after(struct store *db, const struct audit_heads *after, int64_t *bad_seq, char *why,
                       size_t why_len, struct audit_heads *last, int64_t *walked, struct store_error *err);
/* The heads of k chains split at base before their first entries. */
void audit_heads_empty(int k, int64_t base, struct audit_heads *h);

/* The per-person index of list entries (audit_people_index) is filled
 * after the entries are durable, not in their transaction: the writer's
 * indexer thread runs this in big steps beside the lanes (writer.c), the
 * CLI after bulk work. One write transaction over about max_rows people
 * (whole entries); *more 1 when people remain. Readers see the tail
 * through the view audit_people_all, so nothing is ever missing from a
 * person's trail while it waits. audit_verify checks the index. */
int audit_index_people(struct store *db, int max_rows, int *more, struct store_error *err);
/* Indexes everything (the CLI, after a bulk import or the demo). */
int audit_index_all(struct store *db, struct store_error *err);

struct audit_writer;
struct audit_writer *audit_writer_start(const char *db_url, struct store_error *err);
/* Blocks until e is committed. 0 on success, negative when it could not be
 * written (the caller must then fail the request with 503). */
int audit_writer_record(struct audit_writer *w, const struct audit_entry *e);
/* The same for n entries at once (committed together when they fit one
 * batch). 0 only when every entry was written. */
int audit_writer_record_many(struct audit_writer *w, const struct audit_entry *e, int n);
void audit_writer_stop(struct audit_writer *w);

/* Deferred release: the server's request threads do not wait for the fsync.
 *
 * Between audit_defer_begin(d) and audit_defer_end() on one thread,
 * audit_writer_record{,_many} queue their entries, count them in d and
 * return 0 at once; the thread must then release nothing the entries cover
 * until audit_writer_when_durable says they are durable and d->failed is 0.
 * A request thread uses this to suspend its connection instead of blocking,
 * so it serves other connections while the batch commits, and one fsync
 * releases every request that arrived meanwhile.
 *
 * d belongs to the caller and must outlive the entries it counts: until
 * audit_writer_when_durable returned 0, or its resume callback ran. */
struct audit_deferral {
    int outstanding;            /* entries queued and not yet committed or failed */
    int failed;                 /* some entry could not be written: release nothing */
    void (*resume)(void *arg);  /* set by audit_writer_when_durable */
    void *arg;
};
void audit_defer_begin(struct audit_deferral *d);
void audit_defer_end(void);
/* Returns 0 when every entry counted in d is settled (d->failed tells how).
 * Otherwise calls suspend(arg) and returns 1; resume(arg) is then called
 * exactly once, from the writer thread, when the last entry is settled —
 * never before suspend(arg) returned (both run under the writer's lock, so
 * neither may call back into the writer). */
int audit_writer_when_durable(struct audit_writer *w, struct audit_deferral *d, void (*suspend)(void *arg),
                              void (*resume)(void *arg), void *arg);
/* For shutdown: from now on records block as without a deferral and
 * audit_writer_when_durable waits instead of suspending; returns once every
 * suspended deferral has been resumed. */
void audit_writer_end_deferrals(struct audit_writer *w);

#endif
