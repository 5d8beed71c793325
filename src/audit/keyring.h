/* keyring: the secret that keys every audit entry, kept in a file the
 * database never holds.
 *
 * The chain hash (audit.c) is public: anyone who can write to the database
 * can recompute it. So each entry also carries mac = "<key id>:<hex>", the
 * HMAC-SHA-256 of its chain hash under a 256-bit key from the key ring;
 * without the key no one can add, edit or recompute an entry that verifies.
 *
 * The key ring file (mode 0600) has one key a line, oldest first:
 *     <key id> <since seq> <64 hex digits>
 * where the key id is the first 8 hex digits of SHA-256(key) and since is
 * the first entry the key was created for. New entries are keyed with the
 * last line's key; an entry verifies under any key of the ring whose since
 * is not after it (so servers still running with the previous key after a
 * rotation keep writing verifiable entries). Every entry from the first
 * key's since on must carry a valid mac; entries before it (written before
 * keying began) are reported as unkeyed, not as broken.
 *
 * The ring is process-wide: loaded once at start (serve, audit verify, and
 * any command run with SEAMLESS_AUDIT_KEY=FILE), before threads start, and
 * read-only afterwards. Errors fill why (a sentence for the operator). */
#ifndef SEAMLESS_AUDIT_KEYRING_H
#define SEAMLESS_AUDIT_KEYRING_H
#include <stddef.h>
#include <stdint.h>

#define AUDIT_MAC_LEN 74   /* "xxxxxxxx:" + 64 hex + NUL */
#define AUDIT_KEYRING_MAX 32

/* Loads the ring at path for this process. 0, or -1 with why. */
int audit_keyring_load(const char *path, char *why, size_t why_len);
/* 1 when a ring is loaded. */
int audit_keyring_loaded(void);
/* The first entry that must be keyed (the oldest key's since), 0 when no ring. */
int64_t audit_keyring_since(void);
/* mac of an entry's chain hash with the newest key; 0, or -1 when no ring. */
int audit_keyring_mac(const char *hash_hex, char out[AUDIT_MAC_LEN]);
/* 1 when mac is a valid mac of hash_hex for entry seq under a key of the
 * ring whose since <= seq; 0 otherwise. */
int audit_keyring_check(int64_t seq, const char *hash_hex, const char *mac);

/* Creates a new ring file at path (refuses to overwrite) with one fresh key
 * valid from entry since; or, with rotate, appends a fresh key to the ring
 * at path. The file is written 0600 and fsynced. 0, or -1 with why. */
int audit_keyring_add(const char *path, int64_t since, int rotate, char *why, size_t why_len);

#endif
