#include "audit/keyring.h"
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct ring_key {
    char id[9];
    int64_t since;
    unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
};

static struct ring_key ring[AUDIT_KEYRING_MAX];
static int ring_n;

static void key_id(const unsigned char *key, char id[9])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, key, crypto_auth_hmacsha256_KEYBYTES);
    sodium_bin2hex(id, 9, h, 4);
}

static int parse_line(const char *line, struct ring_key *k)
{
    char id[16], hex[80];
    long long since;
    size_t len;
    if (sscanf(line, "%15s %lld %79s", id, &since, hex) != 3 || since < 1 || strlen(hex) != 64 ||
        sodium_hex2bin(k->key, sizeof k->key, hex, 64, NULL, &len, NULL) != 0 || len != sizeof k->key)
        return -1;
    k->since = since;
    key_id(k->key, k->id);
    return strcmp(k->id, id) == 0 ? 0 : -1;
}

int audit_keyring_load(const char *path, char *why, size_t why_len)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(why, why_len, "cannot read the audit key ring %s: %s", path, strerror(errno));
        return -1;
    }
    char line[256];
    int n = 0, lineno = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (n == AUDIT_KEYRING_MAX || parse_line(line, &ring[n]) != 0) {
            snprintf(why, why_len, "audit key ring %s, line %d: not \"<id> <since> <64 hex>\" (or more than %d keys)",
                     path, lineno, AUDIT_KEYRING_MAX);
            rc = -1;
        } else {
            n++;
        }
    }
    fclose(f);
    if (rc == 0 && n == 0) {
        snprintf(why, why_len, "audit key ring %s holds no key", path);
        rc = -1;
    }
    ring_n = rc == 0 ? n : 0;
    return rc;
}

int audit_keyring_loaded(void)
{
    return ring_n > 0;
}

int64_t audit_keyring_since(void)
{
    return ring_n ? ring[0].since : 0;
}

static void mac_with(const struct ring_key *k, const char *hash_hex, char out[AUDIT_MAC_LEN])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, (const unsigned char *)hash_hex, strlen(hash_hex), k->key);
    memcpy(out, k->id, 8);
    out[8] = ':';
    sodium_bin2hex(out + 9, AUDIT_MAC_LEN - 9, mac, sizeof mac);
}

int audit_keyring_mac(const char *hash_hex, char out[AUDIT_MAC_LEN])
{
    if (!ring_n)
        return -1;
    mac_with(&ring[ring_n - 1], hash_hex, out);
    return 0;
}

int audit_keyring_check(int64_t seq, const char *hash_hex, const char *mac)
{
    if (!mac || strlen(mac) != AUDIT_MAC_LEN - 1)
        return 0;
    for (int i = 0; i < ring_n; i++) {
        if (strncmp(ring[i].id, mac, 8) != 0 || ring[i].since > seq)
            continue;
        char want[AUDIT_MAC_LEN];
        mac_with(&ring[i], hash_hex, want);
        if (sodium_memcmp(want, mac, AUDIT_MAC_LEN - 1) == 0)
            return 1;
    }
    return 0;
}

int audit_keyring_add(const char *path, int64_t since, int rotate, char *why, size_t why_len)
{
    int fd = open(path, O_WRONLY | O_APPEND | (rotate ? 0 : O_CREAT | O_EXCL), 0600);
    if (fd < 0) {
        snprintf(why, why_len, rotate ? "cannot open the key ring %s: %s"
                                      : "cannot create %s: %s (a key ring is never overwritten)", path, strerror(errno));
        return -1;
    }
    struct ring_key k = {.since = since};
    randombytes_buf(k.key, sizeof k.key);
    key_id(k.key, k.id);
    char hex[65], line[320];
    sodium_bin2hex(hex, sizeof hex, k.key, sizeof k.key);
    int len = snprintf(line, sizeof line, "%s%s %lld %s\n",
                       rotate ? "" : "# seamless audit key ring: <key id> <first entry> <key>; keep it off the database host's backups\n",
                       k.id, (long long)since, hex);
    int ok = write(fd, line, (size_t)len) == len && fsync(fd) == 0;
    sodium_memzero(hex, sizeof hex);
    sodium_memzero(line, sizeof line);
    sodium_memzero(&k, sizeof k);
    if (close(fd) != 0 || !ok) {
        snprintf(why, why_len, "cannot write the key ring %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}
