/* Signing in (svc/sessions.h): a wrong password and an unknown user fail
 * alike and are audited; from the 5th failure the username is throttled
 * even with the right password; a success is audited as the user and
 * stores only the session id's hash. */
#include "svc_fixture.h"
#include "svc/sessions.h"

static struct svc_ctx *anon(struct fixture *f)
{
    svc_ctx_system(&f->c, f->t->db, &f->arena, "test");
    f->c.role = NULL;
    return &f->c;
}

static void sign_in_out_and_the_audit(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    assert_int_equal(fixture_set_password(f), 0);
    struct svc_session s;
    assert_int_equal(svc_session_login(anon(f), "nobody", "secret words", &s), SVC_BAD_CREDENTIALS);
    assert_int_equal(audit_rows(f, "login_failed"), 1);
    struct svc_ctx *c = anon(f);
    assert_int_equal(svc_session_login(c, "PAT", "secret words", &s), SVC_OK);   /* case-insensitive */
    assert_string_equal(c->user_id, f->user);
    assert_int_equal(audit_rows(f, "login"), 1);
    char hash[CRYPTO_HEX32];
    crypto_sha256_hex(s.token, hash);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM sessions WHERE id_hash = $1", s.token), 0);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM sessions WHERE id_hash = $1", hash), 1);
    json_t *me;
    assert_int_equal(svc_session_me(c, &me), SVC_OK);
    assert_null(json_object_get(me, "password_hash"));
    svc_session_logout(c, s.token);
    assert_int_equal(audit_rows(f, "logout"), 1);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM sessions WHERE id_hash = $1", hash), 0);
    chain_intact(f);
    fixture_free(f);
}

static void the_fifth_failure_throttles_the_username(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    assert_int_equal(fixture_set_password(f), 0);
    struct svc_session s;
    for (int i = 0; i < 5; i++)   /* 1 s each from the 3rd */
        assert_int_equal(svc_session_login(anon(f), "pat", "wrong", &s), SVC_BAD_CREDENTIALS);
    assert_int_equal(svc_session_login(anon(f), "pat", "secret words", &s), SVC_THROTTLED);
    assert_true(s.retry_after > 0 && s.retry_after <= 30);
    assert_int_equal(audit_rows(f, "login"), 0);
    assert_int_equal(audit_rows(f, "login_failed"), 5);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sign_in_out_and_the_audit),
        cmocka_unit_test(the_fifth_failure_throttles_the_username),
    };
    return cmocka_run_group_tests_name("svc_sessions", tests, NULL, NULL);
}
