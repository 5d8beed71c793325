#include "audit/checkpoint.h"
#include "audit/audit.h"
#include "store/audit_store.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int write_hex_file(const char *path, const unsigned char *bin, size_t n, int flags, char *why, size_t why_len)
{
    char hex[2 * crypto_sign_SECRETKEYBYTES + 2];
    sodium_bin2hex(hex, sizeof hex, bin, n);
    size_t len = strlen(hex);
    hex[len++] = '\n';
    int fd = open(path, O_WRONLY | O_CREAT | flags, 0600);
    int ok = fd >= 0 && write(fd, hex, len) == (ssize_t)len && fsync(fd) == 0;
    sodium_memzero(hex, sizeof hex);
    if (fd >= 0 && close(fd) != 0)
        ok = 0;
    if (!ok)
        snprintf(why, why_len, "cannot write %s: %s", path, strerror(errno));
    return ok ? 0 : -1;
}

int checkpoint_keys_create(const char *path, char *why, size_t why_len)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    char pub[4096];
    snprintf(pub, sizeof pub, "%s.pub", path);
    crypto_sign_keypair(pk, sk);
    int rc = write_hex_file(path, sk, sizeof sk, O_EXCL, why, why_len);
    sodium_memzero(sk, sizeof sk);
    if (rc == 0 && (rc = write_hex_file(pub, pk, sizeof pk, O_TRUNC, why, why_len)) == 0)
        chmod(pub, 0644);
    return rc;
}

static int read_hex_file(const char *path, unsigned char *bin, size_t n, char *why, size_t why_len)
{
    char hex[2 * crypto_sign_SECRETKEYBYTES + 8] = "";
    FILE *f = fopen(path, "r");
    size_t got = 0;
    int ok = f && fgets(hex, sizeof hex, f) &&
             sodium_hex2bin(bin, n, hex, strcspn(hex, "\r\n"), NULL, &got, NULL) == 0 && got == n;
    if (f)
        fclose(f);
    sodium_memzero(hex, sizeof hex);
    if (!ok)
        snprintf(why, why_len, "%s is not a key file of %zu bytes in hex%s%s", path, n, f ? "" : ": ",
                 f ? "" : strerror(errno));
    return ok ? 0 : -1;
}

int checkpoint_secret_load(const char *path, unsigned char sk[crypto_sign_SECRETKEYBYTES], char *why, size_t why_len)
{
    return read_hex_file(path, sk, crypto_sign_SECRETKEYBYTES, why, why_len);
}

int checkpoint_public_load(const char *path, unsigned char pk[crypto_sign_PUBLICKEYBYTES], char *why, size_t why_len)
{
    return read_hex_file(path, pk, crypto_sign_PUBLICKEYBYTES, why, why_len);
}

void checkpoint_format(const unsigned char sk[crypto_sign_SECRETKEYBYTES], const struct checkpoint *cp,
                       char out[CHECKPOINT_LINE_MAX])
{
    unsigned char sig[crypto_sign_BYTES];
    char sighex[2 * crypto_sign_BYTES + 1];
    int n = checkpoint_body(cp, out);
    crypto_sign_detached(sig, NULL, (const unsigned char *)out, (unsigned long long)n, sk);
    sodium_bin2hex(sighex, sizeof sighex, sig, sizeof sig);
    snprintf(out + n, CHECKPOINT_LINE_MAX - (size_t)n, " sig=%s\n", sighex);
}

int checkpoint_parse(const char *line, const unsigned char pk[crypto_sign_PUBLICKEYBYTES], struct checkpoint *cp)
{
    const char *sig = strstr(line, " sig=");
    unsigned char bin[crypto_sign_BYTES];
    size_t got = 0;
    if (checkpoint_parse_body(line, cp) != 0 || !sig ||
        sodium_hex2bin(bin, sizeof bin, sig + 5, strcspn(sig + 5, "\r\n"), NULL, &got, NULL) != 0 ||
        got != sizeof bin ||
        crypto_sign_verify_detached(bin, (const unsigned char *)line, (unsigned long long)(sig - line), pk) != 0)
        return -1;
    return 0;
}

/* One checkpoint line against the database, every chain: 0 matches, 1 not
 * (why set). */
static int check_one(struct store *db, const struct checkpoint *cp, int lineno, char *why, size_t why_len,
                     struct store_error *err)
{
    for (int c = 0; c < cp->heads.n; c++) {
        const struct audit_pos *pos = &cp->heads.pos[c];
        if (!audit_head_has_entry(&cp->heads, c + 1))
            continue;   /* the chain was empty */
        char hash[AUDIT_HASH_HEX];
        int rc = audit_store_hash_at(db, pos->seq, hash, err);
        if (rc == STORE_ENOTFOUND) {
            snprintf(why, why_len, "checkpoint %d says entry %lld existed (%s); it is gone: entries were deleted "
                     "or the log was reset", lineno, (long long)pos->seq, cp->at);
            return 1;
        }
        if (rc < 0)
            return rc;
        if (strcmp(hash, pos->hash) != 0) {
            snprintf(why, why_len, "entry %lld does not have the hash checkpoint %d signed (%s): the chain was "
                     "rewritten and recomputed", (long long)pos->seq, lineno, cp->at);
            return 1;
        }
    }
    return 0;
}

/* The chain of cp that went back from prev (0: none), or that lies below
 * the heads now (why set). */
static int went_back(const struct checkpoint *prev, const struct checkpoint *cp, int lineno, char *why,
                     size_t why_len)
{
    for (int c = 0; c < cp->heads.n && c < prev->heads.n; c++)
        if (cp->heads.pos[c].seq < prev->heads.pos[c].seq) {
            snprintf(why, why_len, "checkpoint file line %d goes back from entry %lld to %lld", lineno,
                     (long long)prev->heads.pos[c].seq, (long long)cp->heads.pos[c].seq);
            return 1;
        }
    return 0;
}

int checkpoint_verify_file(struct store *db, const char *file, const unsigned char pk[crypto_sign_PUBLICKEYBYTES],
                           int *count, struct checkpoint *last, char *why, size_t why_len, struct store_error *err)
{
    struct audit_heads heads;
    int rc = audit_store_heads(db, &heads, err);
    if (rc != 0)
        return rc;
    FILE *f = fopen(file, "r");
    if (!f) {
        snprintf(why, why_len, "cannot read the checkpoint file %s: %s", file, strerror(errno));
        return 1;
    }
    char line[CHECKPOINT_LINE_MAX + 8];
    int n = 0, lineno = 0;
    struct checkpoint cp, prev;
    memset(&prev, 0, sizeof prev);
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        if (checkpoint_parse(line, pk, &cp) != 0) {
            snprintf(why, why_len, "checkpoint file line %d is not a checkpoint signed by this key", lineno);
            rc = 1;
        } else if ((cp.heads.n != heads.n || cp.heads.base != heads.base) &&
                   !(cp.heads.n == 1 && cp.heads.pos[0].seq <= heads.base)) {
            /* A line of one chain from before the split still vouches for
             * chain 1's entries up to it. */
            snprintf(why, why_len, "checkpoint file line %d vouches for %d chains split at entry %lld; the trail "
                     "has %d split at %lld", lineno, cp.heads.n, (long long)cp.heads.base, heads.n,
                     (long long)heads.base);
            rc = 1;
        } else if ((rc = went_back(&prev, &cp, lineno, why, why_len)) == 0 &&
                   (rc = check_one(db, &cp, lineno, why, why_len, err)) == 0) {
            prev = cp;
            n++;
        }
    }
    fclose(f);
    for (int c = 0; rc == 0 && n > 0 && c < heads.n && c < prev.heads.n; c++)
        if (heads.pos[c].seq < prev.heads.pos[c].seq) {
            snprintf(why, why_len, "the log ends at entry %lld but checkpoint %d saw entry %lld: the newest "
                     "entries were removed", (long long)heads.pos[c].seq, lineno,
                     (long long)prev.heads.pos[c].seq);
            rc = 1;
        }
    *count = n;
    if (last)
        *last = prev;
    return rc;
}

/* ---- the server's writer ------------------------------------------------ */

struct checkpointer {
    char *url, *file;
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    int interval_s, stopping, have_last;
    struct checkpoint last;
    int64_t broken_seq;           /* where the chain stopped verifying, 0 when it verifies */
    struct store *db;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
};

/* The chain from the last checkpoint (or the start) to the heads, verified
 * in one snapshot so entries appended meanwhile do not count: 0 with the
 * heads in *cp, 1 when it does not verify (logged, *bad set), -1 on error. */
static int verified_head(struct checkpointer *c, struct checkpoint *cp, int64_t *bad)
{
    struct store_error err = {0};
    char why[200] = "";
    struct checkpoint from;
    pthread_mutex_lock(&c->lock);
    int have = c->have_last;
    if (have)
        from = c->last;
    pthread_mutex_unlock(&c->lock);
    if (!c->db)
        c->db = store_open(c->url, &err);
    int rc = c->db ? store_tx_begin(c->db, STORE_TX_READ, &err) : -1;
    if (rc == 0) {
        /* The checkpointed entries themselves still there, unchanged. */
        rc = have ? check_one(c->db, &from, 0, why, sizeof why, &err) : 0;
        if (rc == 1)
            *bad = checkpoint_seq(&from);
        else if (rc == 0)
            rc = audit_verify_after(c->db, have ? &from.heads : NULL, bad, why, sizeof why, &cp->heads, NULL, &err);
        store_tx_rollback(c->db);
    }
    if (rc < 0)
        fprintf(stderr, "level=error msg=\"audit checkpoint: cannot read the log\" cause=\"%s\"\n", err.message);
    else if (rc > 0)
        fprintf(stderr, "level=error msg=\"audit log broken since the last checkpoint: not signed\" entry=%lld "
                "why=\"%s\"\n", (long long)*bad, why);
    return rc < 0 ? -1 : rc;
}

static int same_heads(const struct audit_heads *a, const struct audit_heads *b)
{
    if (a->n != b->n)
        return 0;
    for (int c = 0; c < a->n; c++)
        if (a->pos[c].seq != b->pos[c].seq)
            return 0;
    return 1;
}

/* Appends a checkpoint when the chain has grown since the last one and
 * verifies from it: a checkpoint never vouches for a tampered chain. */
static void checkpoint_once(struct checkpointer *c)
{
    struct checkpoint cp;
    memset(&cp, 0, sizeof cp);
    int64_t bad = 0;
    int rc = verified_head(c, &cp, &bad);
    pthread_mutex_lock(&c->lock);
    if (rc == 1)
        c->broken_seq = bad;
    int same = rc != 0 || checkpoint_seq(&cp) < 1 || (c->have_last && same_heads(&c->last.heads, &cp.heads));
    pthread_mutex_unlock(&c->lock);
    if (same)
        return;
    store_now(cp.at);
    char line[CHECKPOINT_LINE_MAX];
    checkpoint_format(c->sk, &cp, line);
    int fd = open(c->file, O_WRONLY | O_APPEND | O_CREAT, 0644);
    size_t len = strlen(line);
    int ok = fd >= 0 && write(fd, line, len) == (ssize_t)len && fsync(fd) == 0;
    if (fd >= 0)
        close(fd);
    if (!ok) {
        fprintf(stderr, "level=error msg=\"audit checkpoint not written\" file=\"%s\" cause=\"%s\"\n", c->file,
                strerror(errno));
        return;
    }
    fprintf(stderr, "level=info msg=\"audit checkpoint\" %s", line);
    pthread_mutex_lock(&c->lock);
    c->last = cp;
    c->have_last = 1;
    pthread_mutex_unlock(&c->lock);
}

static void *checkpointer_main(void *arg)
{
    struct checkpointer *c = arg;
    pthread_mutex_lock(&c->lock);
    while (!c->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);   /* the cond waits on the monotonic clock */
        until.tv_sec += c->interval_s;
        while (!c->stopping && pthread_cond_timedwait(&c->wake, &c->lock, &until) == 0)
            ;
        pthread_mutex_unlock(&c->lock);
        checkpoint_once(c);
        pthread_mutex_lock(&c->lock);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

struct checkpointer *checkpointer_start(const char *db_url, const char *file,
                                        const unsigned char sk[crypto_sign_SECRETKEYBYTES], int interval_s,
                                        char *why, size_t why_len)
{
    struct checkpointer *c = calloc(1, sizeof *c);
    int fd = open(file, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (!c || fd < 0) {
        snprintf(why, why_len, "cannot open the checkpoint file %s: %s", file, strerror(errno));
        free(c);
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    close(fd);
    c->url = strdup(db_url);
    c->file = strdup(file);
    memcpy(c->sk, sk, sizeof c->sk);
    c->interval_s = interval_s > 0 ? interval_s : 60;
    pthread_mutex_init(&c->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&c->wake, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&c->thread, NULL, checkpointer_main, c) != 0) {
        snprintf(why, why_len, "cannot start the checkpoint thread");
        free(c->url);
        free(c->file);
        free(c);
        return NULL;
    }
    return c;
}

void checkpointer_stop(struct checkpointer *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->lock);
    c->stopping = 1;
    pthread_cond_signal(&c->wake);
    pthread_mutex_unlock(&c->lock);
    pthread_join(c->thread, NULL);
    checkpoint_once(c);      /* the last word at shutdown */
    store_close(c->db);
    sodium_memzero(c->sk, sizeof c->sk);
    free(c->url);
    free(c->file);
    free(c);
}

int checkpointer_last(struct checkpointer *c, struct checkpoint *cp, int64_t *broken_seq)
{
    if (!c)
        return -1;
    pthread_mutex_lock(&c->lock);
    int have = c->have_last;
    if (have)
        *cp = c->last;
    *broken_seq = c->broken_seq;
    pthread_mutex_unlock(&c->lock);
    return have ? 0 : -1;
}
