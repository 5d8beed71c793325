/* The token of a hospital's integration account (svc/accounts.h): issued,
 * listed and revoked by an org admin of the account's own organisation (or
 * the system), the secret handed back once and only its hash stored; an
 * admin of another organisation does not see the account, a non-admin or
 * an admin on a person's account is refused and audited, a deactivated
 * account gets none; a refusal stores nothing. */
#include "svc_fixture.h"
#include "svc/accounts.h"

struct trust {
    char org[STORE_ID_LEN], admin[STORE_ID_LEN], engine[STORE_ID_LEN], nurse[STORE_ID_LEN];
};

static void add(struct fixture *f, const char *org, const char *name, const char *role, char id[STORE_ID_LEN])
{
    struct store_error err = {0};
    struct actor by = {NULL, "2026-01-01T00:00:00Z"};
    struct new_user nu = {org, name, name, role, "other", "x"};
    assert_int_equal(accounts_user_add(f->t->db, &by, &nu, id, &err), 0);
}

static void trust_new(struct fixture *f, struct trust *t)
{
    struct store_error err = {0};
    struct actor by = {NULL, "2026-01-01T00:00:00Z"};
    assert_int_equal(accounts_org_add(f->t->db, &by, "SHT", "Shire Hospitals", "acute_trust", t->org, &err), 0);
    add(f, t->org, "sht.admin", "org_admin", t->admin);
    add(f, t->org, "sht.pas", "integration", t->engine);
    add(f, t->org, "sht.nurse", "practitioner", t->nurse);
}

static struct svc_ctx *as(struct fixture *f, const char *user, const char *org, const char *role)
{
    struct svc_ctx *c = &f->c;
    c->user_id = user;
    c->org_id = org;
    c->role = role;
    svc_reset(c);
    return c;
}

static long long tokens(struct fixture *f, const char *user)
{
    return count(f->t->db, "SELECT COUNT(*) FROM api_tokens WHERE user_id = $1", user);
}

static void only_the_trusts_admin_issues_an_engines_token(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    struct trust t;
    trust_new(f, &t);
    char council_admin[STORE_ID_LEN], token[API_TOKEN_LEN], id[STORE_ID_LEN];
    add(f, f->org, "admin", "org_admin", council_admin);
    const struct {
        const char *who, *org, *role, *target;
        int rc, denied;
    } cases[] = {
        {council_admin, f->org, "org_admin", t.engine, SVC_NOTFOUND, 0},    /* not their organisation's */
        {t.nurse, t.org, "practitioner", t.engine, SVC_FORBIDDEN, 1},       /* not an admin */
        {t.admin, t.org, "org_admin", t.nurse, SVC_FORBIDDEN, 1},           /* a person issues their own */
        {t.admin, t.org, "org_admin", "no-such-user", SVC_NOTFOUND, 0},
    };
    long long denied = audit_rows(f, "read_denied");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *out;
        assert_int_equal(svc_integration_token_issue(as(f, cases[i].who, cases[i].org, cases[i].role), cases[i].target,
                                                     NULL, token, id), cases[i].rc);
        assert_int_equal(svc_integration_token_list(as(f, cases[i].who, cases[i].org, cases[i].role), cases[i].target,
                                                    &out), cases[i].rc);
        denied += 2 * cases[i].denied;
        assert_int_equal(audit_rows(f, "read_denied"), denied);
    }
    assert_int_equal(tokens(f, t.engine) + tokens(f, t.nurse), 0);
    assert_int_equal(audit_rows(f, "create"), 0);
    /* A label over 100 characters names it. */
    struct svc_ctx *c = as(f, t.admin, t.org, "org_admin");
    char long_label[102];
    memset(long_label, 'x', 101);
    long_label[101] = '\0';
    json_t *in = svc_own(c, json_pack("{s:s}", "label", long_label));
    assert_int_equal(svc_integration_token_issue(c, t.engine, in, token, id), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "label");
    /* So does a label on two lines. */
    c = as(f, t.admin, t.org, "org_admin");
    in = svc_own(c, json_pack("{s:s}", "label", "Live\nengine"));
    assert_int_equal(svc_integration_token_issue(c, t.engine, in, token, id), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "label");
    assert_int_equal(tokens(f, t.engine), 0);
    /* The trust's admin: issued once, hashed, audited "admin"; listed without the secret. */
    assert_int_equal(svc_integration_token_issue(as(f, t.admin, t.org, "org_admin"), t.engine,
                                                 svc_own(&f->c, json_pack("{s:s}", "label", "")), token, id), SVC_OK);
    assert_int_equal(strncmp(token, "sk_", 3), 0);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1", token), 0);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND basis = 'admin'"
                                     " AND resource_id = $1", id), 1);
    json_t *out;
    assert_int_equal(svc_integration_token_list(as(f, t.admin, t.org, "org_admin"), t.engine, &out), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(out, "items"), 0), "label")),
                        "integration");
    /* Revoked through another account's page: no such token; through its own: audited "admin". */
    assert_int_equal(svc_integration_token_revoke(as(f, t.admin, t.org, "org_admin"), t.nurse, id), SVC_FORBIDDEN);
    assert_int_equal(svc_integration_token_revoke(as(f, council_admin, f->org, "org_admin"), t.engine, id),
                     SVC_NOTFOUND);
    assert_int_equal(svc_integration_token_revoke(as(f, t.admin, t.org, "org_admin"), t.engine, id), SVC_OK);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) FROM audit_log WHERE action = 'revoke' AND basis = 'admin'"
                                     " AND resource_id = $1", id), 1);
    /* The system (CLI) may; a deactivated account gets no token. */
    svc_ctx_system(&f->c, f->t->db, &f->arena, "cli");
    assert_int_equal(svc_integration_token_issue(&f->c, t.engine, NULL, token, id), SVC_OK);
    struct store_error err = {0};
    struct actor by = {NULL, "2026-01-02T00:00:00Z"};
    assert_int_equal(accounts_user_update(f->t->db, &by, t.engine, 1, "sht.pas", "integration", "other", 0, &err), 0);
    long long before = tokens(f, t.engine);
    assert_int_equal(svc_integration_token_issue(as(f, t.admin, t.org, "org_admin"), t.engine, NULL, token, id),
                     SVC_CONFLICT);
    assert_int_equal(tokens(f, t.engine), before);
    chain_intact(f);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_the_trusts_admin_issues_an_engines_token),
    };
    return cmocka_run_group_tests_name("svc_tokens", tests, NULL, NULL);
}
