/* checkpoint: the audit chain anchored outside its database.
 *
 * A checkpoint is one signed line, "the chain had entry SEQ with hash HASH
 * at AT":
 *     seamless-audit-checkpoint v1 seq=42 hash=<64 hex> at=<RFC 3339> sig=<128 hex>
 * or, for a trail of K chains (audit_store.h), the split's base and every
 * chain's head in chain order (checkpoint_line.h):
 *     seamless-audit-checkpoint v2 base=0 heads=41:<64 hex>,42:<64 hex>,… at=… sig=…
 * signed with Ed25519 (libsodium crypto_sign_detached) over everything
 * before " sig=". The running server appends one to an append-only file
 * (opened O_APPEND, fsynced) and prints it to its log every interval when
 * the chain has grown, and once more at shutdown. The signing key is a file
 * the database never holds; verifying needs only the public key.
 *
 * `seamless audit verify --checkpoints FILE --public-key KEY` then catches
 * what the chain alone cannot: entries removed from the end with the head
 * moved back (the head is below a checkpoint), everything deleted and the
 * head reset, and a chain edited and recomputed (a checkpointed entry's
 * hash differs). Entries appended after the newest checkpoint and then
 * removed are not caught: that window is one interval.
 *
 * Key files: the secret key file holds 128 hex digits (mode 0600), the
 * public key file (".pub") 64. Errors fill why with a sentence. */
#ifndef SEAMLESS_AUDIT_CHECKPOINT_H
#define SEAMLESS_AUDIT_CHECKPOINT_H
#include <stddef.h>
#include <stdint.h>
#include <sodium.h>
#include "store/store.h"
#include "audit/checkpoint_line.h"

/* Writes a new key pair: path (secret, 0600, never overwritten) and path.pub. */
int checkpoint_keys_create(const char *path, char *why, size_t why_len);
int checkpoint_secret_load(const char *path, unsigned char sk[crypto_sign_SECRETKEYBYTES], char *why, size_t why_len);
int checkpoint_public_load(const char *path, unsigned char pk[crypto_sign_PUBLICKEYBYTES], char *why, size_t why_len);

/* The signed line for cp, with its newline. */
void checkpoint_format(const unsigned char sk[crypto_sign_SECRETKEYBYTES], const struct checkpoint *cp,
                       char out[CHECKPOINT_LINE_MAX]);
/* 0 with *cp when line is a checkpoint signed by pk; -1 otherwise. */
int checkpoint_parse(const char *line, const unsigned char pk[crypto_sign_PUBLICKEYBYTES], struct checkpoint *cp);

/* Checks the checkpoint file against the database: every line signed by
 * pk, in increasing seq; each checkpointed entry present with that hash;
 * the head not below the newest checkpoint. 0 intact (*count, *last
 * filled), 1 tampering found (why says what), negative on a database error. */
int checkpoint_verify_file(struct store *db, const char *file, const unsigned char pk[crypto_sign_PUBLICKEYBYTES],
                           int *count, struct checkpoint *last, char *why, size_t why_len, struct store_error *err);

/* The server's writer: a thread that checkpoints every interval_s seconds
 * when the chain has grown, and once more in checkpointer_stop. Before
 * signing it verifies the chain from the previous checkpoint to the head
 * (links, hashes, keys), in one snapshot; a chain that does not verify is
 * not signed, and the entry where it broke is logged and kept. */
struct checkpointer;
struct checkpointer *checkpointer_start(const char *db_url, const char *file,
                                        const unsigned char sk[crypto_sign_SECRETKEYBYTES], int interval_s,
                                        char *why, size_t why_len);
void checkpointer_stop(struct checkpointer *c);
/* The newest checkpoint this process wrote: 0 with *cp, -1 none yet; and
 * *broken_seq, the entry where the chain stopped verifying (0: it verifies). */
int checkpointer_last(struct checkpointer *c, struct checkpoint *cp, int64_t *broken_seq);

#endif
