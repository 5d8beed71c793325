/* crypto: the few primitives sessions, tokens and passwords need, all from
 * libsodium (used by the HTTP layer and the account services).
 * Hex outputs are NUL-terminated. */
#ifndef SEAMLESS_CRYPTO_H
#define SEAMLESS_CRYPTO_H
#include <stddef.h>

#define CRYPTO_HEX32 65   /* 32 bytes as hex + NUL */

/* n random bytes as 2n hex characters (out holds 2n + 1). */
void crypto_random_hex(char *out, size_t nbytes);
/* SHA-256 of s as hex. */
void crypto_sha256_hex(const char *s, char out[CRYPTO_HEX32]);
/* argon2id (libsodium crypto_pwhash_str, interactive limits). 0 ok. */
int crypto_password_hash(const char *password, char *out, size_t out_len);
/* 1 when password matches the stored hash. */
int crypto_password_verify(const char *stored, const char *password);
/* Constant-time string comparison: 1 when equal. */
int crypto_str_equal(const char *a, const char *b);

#endif
