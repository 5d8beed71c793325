/* Organisations, teams, users and tokens as services (svc/accounts.h):
 * validation naming fields with nothing stored, duplicates as conflicts,
 * an org admin confined to their own organisation, who may read an
 * account, the version check on updates, and the audit entry of each write
 * and read. */
#include "svc_fixture.h"
#include "svc/accounts.h"
#include "svc/sessions.h"
#include "util/num.h"

static struct svc_ctx *admin(struct fixture *f)
{
    struct svc_ctx *c = as_role(f, "org_admin");
    svc_reset(c);
    return c;
}

static long long audited(struct fixture *f, const char *action, const char *rtype)
{
    return audit_rows_of(f, action, rtype, NULL);
}

static const char *first_field(const struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

static void teams_are_validated_unique_and_audited(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char id[STORE_ID_LEN];
    struct svc_ctx *c = admin(f);
    static const struct {
        const char *code, *name, *field;
    } bad[] = {{"", "A team", "code"}, {"has space", "A team", "code"}, {"T9", "", "name"},
               {"T9", NULL, "name"}, {"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "A team", "code"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        c = admin(f);
        assert_int_equal(svc_team_add(c, f->org, bad[i].code, bad[i].name, id), SVC_INVALID);
        assert_string_equal(first_field(c), bad[i].field);
    }
    c = admin(f);
    assert_int_equal(svc_team_add(c, f->org, "T1", "Again", id), SVC_CONFLICT);
    assert_string_equal(c->detail, "A team with these details already exists.");
    assert_int_equal(audited(f, "create", "team"), 0);
    assert_int_equal(svc_team_add(admin(f), f->org, "T2", "Reablement", id), SVC_OK);
    assert_int_equal(audited(f, "create", "team"), 1);
    chain_intact(f);
    fixture_free(f);
}

static void a_team_update_is_for_its_own_admin_at_the_current_version(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char other[STORE_ID_LEN], now[STORE_TIME_LEN];
    struct store_error err = {0};
    store_now(now);
    struct actor by = {NULL, now};
    assert_int_equal(accounts_org_add(f->t->db, &by, "C2", "Other", "council", other, &err), 0);
    json_t *in = json_pack("{s:s, s:i}", "name", "Renamed", "version", 1);
    struct svc_expect e = {NULL, json_object_get(in, "version")}, none = {NULL, NULL};
    struct svc_ctx *c = admin(f);
    c->org_id = other;   /* another organisation's admin: no such team */
    assert_int_equal(svc_team_update(c, f->team, in, &e), SVC_NOTFOUND);
    assert_int_equal(svc_team_update(admin(f), "nope", in, &e), SVC_NOTFOUND);
    c = admin(f);
    assert_int_equal(svc_team_update(c, f->team, in, &none), SVC_INVALID);
    assert_string_equal(first_field(c), "version");
    json_t *blank = json_pack("{s:s}", "name", "");
    c = admin(f);
    assert_int_equal(svc_team_update(c, f->team, blank, &e), SVC_INVALID);
    assert_string_equal(first_field(c), "name");
    json_decref(blank);
    json_t *two_lines = json_pack("{s:s}", "name", "North\nSouth");
    c = admin(f);
    assert_int_equal(svc_team_update(c, f->team, two_lines, &e), SVC_INVALID);
    assert_string_equal(first_field(c), "name");
    json_decref(two_lines);
    assert_int_equal(audited(f, "update", "team"), 0);
    assert_int_equal(svc_team_update(admin(f), f->team, in, &e), SVC_OK);
    assert_int_equal(audited(f, "update", "team"), 1);
    c = admin(f);
    assert_int_equal(svc_team_update(c, f->team, in, &e), SVC_STALE);   /* version 1 again */
    assert_int_equal(c->current_version, 2);
    json_t *team;
    assert_int_equal(svc_team_get(admin(f), f->team, &team), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(team, "name")), "Renamed");
    json_decref(in);
    chain_intact(f);
    fixture_free(f);
}

static void a_user_with_an_unknown_team_is_not_stored(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    json_t *teams = json_pack("[s, s]", "T1", "NOPE");
    struct user_input u = {f->org, "sam.new", "Sam New", "practitioner", "social_worker", "correct horse battery",
                           teams, NULL};
    char id[STORE_ID_LEN];
    struct svc_ctx *c = admin(f);
    assert_int_equal(svc_user_add(c, &u, id), SVC_INVALID);
    assert_string_equal(first_field(c), "teams[1]");
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM users WHERE username = $1", "sam.new"), 0);
    json_array_remove(teams, 1);
    u.password = "short";
    c = admin(f);
    assert_int_equal(svc_user_add(c, &u, id), SVC_INVALID);
    assert_string_equal(first_field(c), "password");
    u.password = "correct horse battery";
    assert_int_equal(svc_user_add(admin(f), &u, id), SVC_OK);
    c = admin(f);
    assert_int_equal(svc_user_add(c, &u, id), SVC_CONFLICT);
    assert_int_equal(audited(f, "create", "user"), 1);
    json_decref(teams);
    chain_intact(f);
    fixture_free(f);
}

static struct svc_ctx *anon(struct fixture *f)
{
    svc_ctx_system(&f->c, f->t->db, &f->arena, "test");
    return &f->c;
}

/* The demo hashes its one password once and gives every user that hash
 * (struct user_input.password_hash): it is stored as given, and the user
 * signs in with the password; a user without one gets a hash of their own. */
static void a_user_added_with_a_ready_hash_signs_in_with_its_password(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char hash[256], id[STORE_ID_LEN], other[STORE_ID_LEN];
    assert_int_equal(crypto_password_hash("correct horse battery", hash, sizeof hash), 0);
    struct user_input u = {f->org, "sam.new", "Sam New", "practitioner", "social_worker", "correct horse battery",
                           NULL, hash};
    assert_int_equal(svc_user_add(admin(f), &u, id), SVC_OK);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM users WHERE password_hash = $1", hash), 1);
    struct user_input v = {f->org, "kim.new", "Kim New", "practitioner", "social_worker", "correct horse battery",
                           NULL, NULL};
    assert_int_equal(svc_user_add(admin(f), &v, other), SVC_OK);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM users WHERE password_hash = $1", hash), 1);
    struct svc_session s;
    assert_int_equal(svc_session_login(anon(f), "sam.new", "correct horse battery", &s), SVC_OK);
    assert_int_equal(svc_session_login(anon(f), "kim.new", "correct horse battery", &s), SVC_OK);
    assert_int_equal(svc_session_login(anon(f), "sam.new", "another password", &s), SVC_BAD_CREDENTIALS);
    assert_int_equal(audited(f, "create", "user"), 2);
    chain_intact(f);
    fixture_free(f);
}

/* A display name is one line of at most 200 bytes: the longest one (a
 * hundred two-byte letters) comes back whole once signed in; a line break
 * or a control character in it is refused naming display_name. */
static void a_display_name_is_one_line_and_kept_whole(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char longest[256];
    for (int i = 0; i < 100; i++)
        memcpy(longest + 2 * i, "\xc3\xa9", 2);   /* é */
    longest[200] = '\0';
    struct user_input u = {f->org, "e.long", longest, "practitioner", "social_worker", "correct horse battery",
                           NULL, NULL};
    char id[STORE_ID_LEN];
    assert_int_equal(svc_user_add(admin(f), &u, id), SVC_OK);
    struct svc_session s;
    assert_int_equal(svc_session_login(anon(f), "e.long", "correct horse battery", &s), SVC_OK);
    assert_string_equal(s.who.display_name, longest);
    static const char *const bad[] = {"Sam\nNew", "Sam\tNew", "Sam\x07", "Sam\xc2\x85"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct user_input b = {f->org, "sam.bad", bad[i], "practitioner", "social_worker", "correct horse battery",
                               NULL, NULL};
        struct svc_ctx *c = admin(f);
        assert_int_equal(svc_user_add(c, &b, id), SVC_INVALID);
        assert_string_equal(first_field(c), "display_name");
    }
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM users WHERE username = $1", "sam.bad"), 0);
    fixture_free(f);
}

static void an_account_is_read_by_its_owner_or_its_admin(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char other[STORE_ID_LEN], now[STORE_TIME_LEN];
    struct store_error err = {0};
    store_now(now);
    struct actor by = {NULL, now};
    struct new_user nu = {f->org, "kim", "Kim", "practitioner", "social_worker", "x"};
    assert_int_equal(accounts_user_add(f->t->db, &by, &nu, other, &err), 0);
    json_t *u = NULL;
    struct svc_ctx *c = as_user(f);   /* a practitioner: only their own */
    svc_reset(c);
    assert_int_equal(svc_user_get(c, other, &u), SVC_FORBIDDEN);
    assert_int_equal(svc_user_get(c, f->user, &u), SVC_OK);
    assert_null(json_object_get(u, "password_hash"));
    assert_int_equal(svc_user_get(admin(f), other, &u), SVC_OK);
    assert_int_equal(svc_user_get(admin(f), "nobody", &u), SVC_NOTFOUND);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'read' AND basis = $1", "self"), 1);
    assert_int_equal(count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'read' AND basis = $1", "admin"), 1);
    json_t *list = NULL;
    assert_int_equal(svc_user_list(admin(f), NULL, 1, &list), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 1);
    assert_true(json_is_string(json_object_get(list, "next_cursor")));
    /* deactivating: stored, audited */
    json_t *in = json_pack("{s:b, s:i}", "active", 0, "version", 1), *bad = json_pack("{s:s}", "role", "wizard");
    struct svc_expect e = {NULL, json_object_get(in, "version")};
    c = admin(f);
    assert_int_equal(svc_user_update(c, other, bad, &e), SVC_INVALID);
    assert_string_equal(first_field(c), "role");
    assert_int_equal(svc_user_update(admin(f), other, in, &e), SVC_OK);
    assert_int_equal(audited(f, "update", "user"), 1);
    json_decref(in);
    json_decref(bad);
    chain_intact(f);
    fixture_free(f);
}

static void a_token_is_revoked_by_its_owner_not_by_a_colleague(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char token[API_TOKEN_LEN], id[STORE_ID_LEN], other[STORE_ID_LEN], now[STORE_TIME_LEN];
    struct svc_ctx *c = as_user(f);
    svc_reset(c);
    char label[120];
    memset(label, 'x', sizeof label - 1);
    label[sizeof label - 1] = '\0';
    assert_int_equal(svc_token_issue(c, f->user, label, token, id), SVC_INVALID);
    assert_string_equal(first_field(c), "label");
    svc_reset(c);
    assert_int_equal(svc_token_issue(c, f->user, "laptop", token, id), SVC_OK);
    assert_int_equal(strncmp(token, "sk_", 3), 0);
    assert_int_equal(strlen(token), API_TOKEN_LEN - 1);
    json_t *list;
    assert_int_equal(svc_token_list(c, &list), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 1);
    struct store_error err = {0};
    store_now(now);
    struct actor by = {NULL, now};
    struct new_user nu = {f->org, "kim", "Kim", "practitioner", "social_worker", "x"};
    assert_int_equal(accounts_user_add(f->t->db, &by, &nu, other, &err), 0);
    c->user_id = other;   /* a colleague, not an admin: no such token */
    assert_int_equal(svc_token_revoke(c, id), SVC_NOTFOUND);
    c->user_id = f->user;
    assert_int_equal(svc_token_revoke(c, id), SVC_OK);
    assert_int_equal(audited(f, "create", "api_token"), 1);
    assert_int_equal(audited(f, "revoke", "api_token"), 1);
    chain_intact(f);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(teams_are_validated_unique_and_audited),
        cmocka_unit_test(a_team_update_is_for_its_own_admin_at_the_current_version),
        cmocka_unit_test(a_user_with_an_unknown_team_is_not_stored),
        cmocka_unit_test(a_user_added_with_a_ready_hash_signs_in_with_its_password),
        cmocka_unit_test(a_display_name_is_one_line_and_kept_whole),
        cmocka_unit_test(an_account_is_read_by_its_owner_or_its_admin),
        cmocka_unit_test(a_token_is_revoked_by_its_owner_not_by_a_colleague),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
