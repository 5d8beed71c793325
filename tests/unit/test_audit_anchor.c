/* Unit tests for the audit anchors (src/audit/keyring.h, checkpoint.h):
 * keyed entries (the since rule, rotation, a foreign or missing mac),
 * signed checkpoint lines (an edited line, another key), and a checkpoint
 * file checked against the database (intact, truncated, reset, rewritten). */
#include "test_helpers.h"
#include "audit_helpers.h"
#include "audit/audit.h"
#include "audit/checkpoint.h"
#include "audit/keyring.h"
#include "store/audit_store.h"
#include <sodium.h>

static int verify(struct store *db, int64_t *bad, char why[200])
{
    struct store_error err = {0};
    int64_t n = 0;
    return audit_verify(db, bad, why, 200, &n, &err);
}

static void keyed_entries_verify_only_under_the_ring(void **state)
{
    (void)state;
    char why[300], ring[64] = "/tmp/seamless-ring-XXXXXX";
    int fd = mkstemp(ring);
    assert_true(fd >= 0);
    close(fd);
    unlink(ring);
    struct test_db *t = test_db_one_chain();
    int64_t bad = 0;
    char vwhy[200];
    append_n(t->db, 2);                                   /* before any key: unkeyed */
    assert_int_equal(audit_keyring_add(ring, 3, 0, why, sizeof why), 0);
    assert_int_equal(audit_keyring_add(ring, 3, 0, why, sizeof why), -1);   /* never overwritten */
    assert_int_equal(audit_keyring_load(ring, why, sizeof why), 0);
    assert_int_equal(audit_keyring_since(), 3);
    append_n(t->db, 2);                                   /* entries 3, 4 keyed */
    assert_int_equal(verify(t->db, &bad, vwhy), 0);
    assert_int_equal(audit_keyring_add(ring, 5, 1, why, sizeof why), 0);     /* rotate */
    append_n(t->db, 1);                                   /* 5: still the old key (not reloaded) */
    assert_int_equal(audit_keyring_load(ring, why, sizeof why), 0);
    append_n(t->db, 1);                                   /* 6: the new key */
    assert_int_equal(verify(t->db, &bad, vwhy), 0);
    struct store_error err = {0};
    /* A key's since is kept: the new key's mac on entry 4 does not verify. */
    char hash[AUDIT_HASH_HEX], mac[AUDIT_MAC_LEN];
    assert_int_equal(audit_store_hash_at(t->db, 4, hash, &err), 0);
    assert_int_equal(audit_keyring_mac(hash, mac), 0);
    assert_int_equal(audit_keyring_check(4, hash, mac), 0);
    assert_int_equal(audit_keyring_check(6, hash, mac), 1);
    /* Missing and foreign macs are named. */
    assert_int_equal(store_exec(t->db, "UPDATE audit_log SET mac = NULL WHERE seq = 4", &err), 0);
    assert_int_equal(verify(t->db, &bad, vwhy), 1);
    assert_int_equal(bad, 4);
    assert_non_null(strstr(vwhy, "carries no key"));
    assert_int_equal(store_exec(t->db, "UPDATE audit_log SET mac = 'abcdef01:00' WHERE seq = 4", &err), 0);
    assert_int_equal(verify(t->db, &bad, vwhy), 1);
    assert_non_null(strstr(vwhy, "does not verify"));
    unlink(ring);
    test_db_free(t);
}

static void checkpoint_lines_are_signed(void **state)
{
    (void)state;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], pk2[crypto_sign_PUBLICKEYBYTES],
        sk2[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    crypto_sign_keypair(pk2, sk2);
    struct checkpoint cp = {.heads = {.n = 1, .pos = {{.seq = 42}}}, .at = "2026-12-02T10:00:00.000Z"}, back;
    memset(cp.heads.pos[0].hash, 'a', 64);
    char line[CHECKPOINT_LINE_MAX];
    checkpoint_format(sk, &cp, line);
    assert_non_null(strstr(line, "seamless-audit-checkpoint v1 seq=42 hash=aaaa"));   /* the format of old files */
    assert_int_equal(checkpoint_parse(line, pk, &back), 0);
    assert_int_equal(back.heads.n, 1);
    assert_int_equal(back.heads.pos[0].seq, 42);
    assert_string_equal(back.heads.pos[0].hash, cp.heads.pos[0].hash);
    assert_string_equal(back.at, cp.at);
    assert_int_equal(checkpoint_parse(line, pk2, &back), -1);               /* another key */
    char *seq = strstr(line, "seq=42");
    seq[5] = '3';                                                            /* seq=43 */
    assert_int_equal(checkpoint_parse(line, pk, &back), -1);
    assert_int_equal(checkpoint_parse("seamless-audit-checkpoint v1 seq=1", pk, &back), -1);
}

/* Writes checkpoints for the current head of db to file. */
static void checkpoint_now(struct store *db, const unsigned char *sk, const char *file)
{
    struct store_error err = {0};
    struct checkpoint cp = {.at = "2026-12-02T10:00:00.000Z"};
    assert_int_equal(audit_store_heads(db, &cp.heads, &err), 0);
    char line[CHECKPOINT_LINE_MAX];
    checkpoint_format(sk, &cp, line);
    FILE *f = fopen(file, "a");
    assert_non_null(f);
    fputs(line, f);
    fclose(f);
}

static void checkpoint_file_catches_truncation_reset_and_rewrite(void **state)
{
    (void)state;
    static const struct { const char *name, *sql, *why; } attacks[] = {
        {"intact", NULL, NULL},
        {"truncated", "DELETE FROM audit_log WHERE seq > 3; UPDATE audit_head SET seq = 3, hash = "
                      "(SELECT hash FROM audit_log WHERE seq = 3)", "is gone"},
        {"reset", "DELETE FROM audit_log; UPDATE audit_head SET seq = 0, hash = "
                  "'0000000000000000000000000000000000000000000000000000000000000000'", "is gone"},
        {"rewritten", "UPDATE audit_log SET hash = 'ffff' WHERE seq = 5", "does not have the hash"},
        {"head moved back", "UPDATE audit_head SET seq = 2", "newest entries were removed"},
    };
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
        struct test_db *t = test_db_one_chain();
        char file[64] = "/tmp/seamless-cp-XXXXXX", why[400] = "";
        int fd = mkstemp(file);
        close(fd);
        append_n(t->db, 3);
        checkpoint_now(t->db, sk, file);
        append_n(t->db, 2);
        checkpoint_now(t->db, sk, file);
        struct store_error err = {0};
        if (attacks[i].sql)
            assert_int_equal(store_exec(t->db, attacks[i].sql, &err), 0);
        int n = 0;
        struct checkpoint last;
        int rc = checkpoint_verify_file(t->db, file, pk, &n, &last, why, sizeof why, &err);
        if (!attacks[i].why) {
            assert_int_equal(rc, 0);
            assert_int_equal(n, 2);
            assert_int_equal(checkpoint_seq(&last), 5);
        } else if (rc != 1 || !strstr(why, attacks[i].why)) {
            fail_msg("%s: rc %d, %s", attacks[i].name, rc, why);
        }
        unlink(file);
        test_db_free(t);
    }
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keyed_entries_verify_only_under_the_ring),
        cmocka_unit_test(checkpoint_lines_are_signed),
        cmocka_unit_test(checkpoint_file_catches_truncation_reset_and_rewrite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
