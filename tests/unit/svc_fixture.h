/* A fixture for service tests (tests/unit/test_svc*.c): a fresh migrated
 * database on the backend under test (test_helpers.h) with one council,
 * one team, one practitioner on it and one person; an arena; and a service
 * context (system until as_user/as_role). Also counting rows and checking
 * that the audit chain still verifies. */
#ifndef SEAMLESS_SVC_FIXTURE_H
#define SEAMLESS_SVC_FIXTURE_H
#include "test_helpers.h"
#include <jansson.h>
#include "audit/audit.h"
#include "store/accounts.h"
#include "store/persons.h"
#include "svc/svc.h"
#include "util/crypto.h"
#include "util/num.h"

struct fixture {
    struct test_db *t;
    struct arena arena;
    struct svc_ctx c;
    char org[STORE_ID_LEN], team[STORE_ID_LEN], user[STORE_ID_LEN], person[STORE_ID_LEN];
};


static inline long long count(struct store *db, const char *sql, const char *p1)
{
    struct store_error err = {0};
    char out[32];
    const char *params[] = {p1};
    assert_int_equal(store_query_text(db, sql, p1 ? 1 : 0, params, out, sizeof out, &err), 0);
    return num_i64_or(out, -1);
}

static inline struct fixture *fixture_new(void)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->t = test_db_new();
    arena_init(&f->arena);
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    struct store *db = f->t->db;
    assert_int_equal(accounts_org_add(db, &by, "C1", "County", "council", f->org, &err), 0);
    assert_int_equal(accounts_team_add(db, &by, f->org, "T1", "Team", f->team, &err), 0);
    struct new_user nu = {f->org, "pat", "Pat", "practitioner", "social_worker", "x"};
    assert_int_equal(accounts_user_add(db, &by, &nu, f->user, &err), 0);
    assert_int_equal(accounts_user_add_team(db, f->user, f->team, &err), 0);
    json_t *row = json_pack("{s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b, s:b, s:b, s:i, s:s, s:i, s:i, s:i, s:s}",
                            "nhs_number_verified", 0, "family_name", "Smith", "given_name", "Ann",
                            "family_name_key", "SMITH", "given_name_key", "ANN", "date_of_birth", "1940-01-02",
                            "sex", "female", "interpreter_needed", 0, "objects_to_sharing", 0,
                            "alert_safeguarding", 0, "alert_risk_to_staff", 0, "ltc_count", 0, "efi_deficits", "",
                            "predicted_cost_pence", 0, "efi_count", 0, "frailty_flag", 0,
                            "registered_org_id", f->org);
    if (persons_insert(db, &by, row, f->person, &err) != 0)
        fail_msg("persons_insert: %s", err.message);
    json_decref(row);
    svc_ctx_system(&f->c, db, &f->arena, "test");
    return f;
}

/* The context of the fixture's user acting in role. */
static inline struct svc_ctx *as_role(struct fixture *f, const char *role)
{
    f->c.user_id = f->user;
    f->c.org_id = f->org;
    f->c.role = role;
    return &f->c;
}

/* The context of the fixture's practitioner. */
static inline struct svc_ctx *as_user(struct fixture *f)
{
    return as_role(f, "practitioner");
}

static inline void fixture_free(struct fixture *f)
{
    arena_free(&f->arena);
    test_db_free(f->t);
    free(f);
}

static inline long long audit_rows(struct fixture *f, const char *action)
{
    return count(f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = $1", action);
}

/* Audit entries of action on resource type rtype and, when basis is not
 * NULL, with that basis. */
static inline long long audit_rows_of(struct fixture *f, const char *action, const char *rtype, const char *basis)
{
    const char *p[] = {action, rtype, basis};
    struct store_error err = {0};
    char out[32];
    assert_int_equal(store_query_text(f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = $1"
                                      " AND resource_type = $2 AND ($3 IS NULL OR basis = $3)", 3, p, out,
                                      sizeof out, &err), 0);
    return num_i64_or(out, -1);
}

/* The other side of the CHC tests: an ICB ("ICB1") with a CHC team and
 * its CHC lead, a registered nurse, on it. */
static inline void fixture_icb_chc(struct fixture *f, char icb[STORE_ID_LEN], char team[STORE_ID_LEN],
                                   char lead[STORE_ID_LEN])
{
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    struct store *db = f->t->db;
    assert_int_equal(accounts_org_add(db, &by, "ICB1", "ICB", "icb", icb, &err), 0);
    assert_int_equal(accounts_team_add(db, &by, icb, "CHC", "CHC team", team, &err), 0);
    struct new_user nu = {icb, "chc.lead", "Chris", "practitioner", "registered_nurse", "x"};
    assert_int_equal(accounts_user_add(db, &by, &nu, lead, &err), 0);
    assert_int_equal(accounts_user_add_team(db, lead, team, &err), 0);
}

static inline void chain_intact(struct fixture *f)
{
    int64_t bad = 0, n = 0;
    char why[128];
    struct store_error err = {0};
    assert_int_equal(audit_verify(f->t->db, &bad, why, sizeof why, &n, &err), 0);
}

/* The fixture user's password becomes "secret words": 0, or -1. */
static inline int fixture_set_password(struct fixture *f)
{
    char hash[256];
    struct store_error err = {0};
    if (crypto_password_hash("secret words", hash, sizeof hash) != 0)
        return -1;
    const char *p[] = {hash, f->user};
    return store_run(f->t->db, "UPDATE users SET password_hash = $1 WHERE id = $2", 2, p, &err);
}
#endif
