/* Unit tests for password and token handling: argon2id hashes verify only
 * the right password, tokens and session ids are random and hashed. */
#include "test_helpers.h"
#include "util/crypto.h"
#include <sodium.h>

static void password_hash_is_argon2id_and_verifies_only_the_right_password(void **state)
{
    (void)state;
    char hash[256];
    assert_int_equal(crypto_password_hash("correct horse battery", hash, sizeof hash), 0);
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_true(crypto_password_verify(hash, "correct horse battery"));
    assert_false(crypto_password_verify(hash, "correct horse batterY"));
    assert_false(crypto_password_verify(hash, ""));
    assert_false(crypto_password_verify("", "anything"));
    assert_false(crypto_password_verify(NULL, "anything"));
    /* Same password, new salt: a different hash. */
    char hash2[256];
    assert_int_equal(crypto_password_hash("correct horse battery", hash2, sizeof hash2), 0);
    assert_string_not_equal(hash, hash2);
    /* Too small a buffer is refused, not overrun. */
    char tiny[16];
    assert_int_equal(crypto_password_hash("x", tiny, sizeof tiny), -1);
}

static void random_ids_are_unique_hex_of_the_asked_length(void **state)
{
    (void)state;
    char a[33], b[33];
    crypto_random_hex(a, 16);
    crypto_random_hex(b, 16);
    assert_int_equal(strlen(a), 32);
    assert_string_not_equal(a, b);
    for (int i = 0; i < 32; i++)
        assert_non_null(strchr("0123456789abcdef", a[i]));
}

static void sha256_matches_known_vector_and_compare_is_exact(void **state)
{
    (void)state;
    char h[CRYPTO_HEX32];
    crypto_sha256_hex("abc", h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_true(crypto_str_equal("token", "token"));
    assert_false(crypto_str_equal("token", "tokeN"));
    assert_false(crypto_str_equal("token", "token2"));
    assert_false(crypto_str_equal("", ""));   /* an empty token never matches */
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(password_hash_is_argon2id_and_verifies_only_the_right_password),
        cmocka_unit_test(random_ids_are_unique_hex_of_the_asked_length),
        cmocka_unit_test(sha256_matches_known_vector_and_compare_is_exact),
    };
    return cmocka_run_group_tests_name("crypto", tests, NULL, NULL);
}
