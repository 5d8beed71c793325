#include "util/crypto.h"
#include <sodium.h>
#include <string.h>

void crypto_random_hex(char *out, size_t nbytes)
{
    unsigned char raw[64];
    if (nbytes > sizeof raw)
        nbytes = sizeof raw;
    randombytes_buf(raw, nbytes);
    sodium_bin2hex(out, nbytes * 2 + 1, raw, nbytes);
    sodium_memzero(raw, sizeof raw);
}

void crypto_sha256_hex(const char *s, char out[CRYPTO_HEX32])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
    sodium_bin2hex(out, CRYPTO_HEX32, h, sizeof h);
}

int crypto_password_hash(const char *password, char *out, size_t out_len)
{
    if (out_len < crypto_pwhash_STRBYTES)
        return -1;
    return crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
}

int crypto_password_verify(const char *stored, const char *password)
{
    if (!stored || !*stored || !password)
        return 0;
    return crypto_pwhash_str_verify(stored, password, strlen(password)) == 0;
}

int crypto_str_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb || la == 0)
        return 0;
    return sodium_memcmp(a, b, la) == 0;
}
