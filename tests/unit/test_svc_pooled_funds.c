/* s75 pooled funds as services (svc/pooled_funds.h): who may set up, read
 * and write a fund; input refused with nothing stored or audited; the
 * version check on each entry; and the audit entry of every write. */
#include "svc_fixture.h"
#include "svc/pooled_funds.h"

struct pool {
    struct fixture *f;
    char icb[STORE_ID_LEN], other[STORE_ID_LEN], fund[STORE_ID_LEN];
};

static json_t *fund_input(struct pool *p)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:i}, {s:s, s:i}], s:[{s:s, s:i}]}",
                     "name", "Better Care Fund", "year_start", "2026-04-01", "year_end", "2027-03-31",
                     "host_org_id", p->f->org, "risk_share", "contribution_ratio", "partners",
                     "org_id", p->f->org, "contribution_pence", 100000, "org_id", p->icb, "contribution_pence",
                     300000, "services", "name", "Reablement", "budget_pence", 400000);
}

static long long stored(struct pool *p, const char *table)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) AS n FROM %s", table);
    return count(p->f->t->db, sql, NULL);
}

static struct pool *pool_new(void)
{
    struct pool *p = calloc(1, sizeof *p);
    p->f = fixture_new();
    struct store_error err = {0};
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {NULL, now};
    assert_int_equal(accounts_org_add(p->f->t->db, &by, "ICB1", "ICB", "icb", p->icb, &err), 0);
    assert_int_equal(accounts_org_add(p->f->t->db, &by, "C2", "Other council", "council", p->other, &err), 0);
    return p;
}

static void pool_free(struct pool *p)
{
    fixture_free(p->f);
    free(p);
}

/* A context in org with role, errors cleared. */
static struct svc_ctx *as(struct pool *p, const char *org, const char *role)
{
    struct svc_ctx *c = as_role(p->f, role);
    c->org_id = org;
    c->errors = NULL;
    c->title = c->detail = NULL;
    return c;
}

static void created(struct pool *p)
{
    json_t *in = fund_input(p);
    assert_int_equal(svc_pooled_fund_create(as(p, p->f->org, "finance"), in, p->fund), SVC_OK);
    json_decref(in);
}

static void only_finance_sets_up_a_fund_and_bad_input_stores_nothing(void **state)
{
    (void)state;
    struct pool *p = pool_new();
    json_t *in = fund_input(p);
    char id[STORE_ID_LEN];
    static const char *const refused[] = {"practitioner", "team_manager", "board_viewer", "privacy_officer"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        assert_int_equal(svc_pooled_fund_create(as(p, p->f->org, refused[i]), in, id), SVC_FORBIDDEN);
    static const struct {
        const char *key, *value, *field;
    } bad[] = {
        {"year_end", "2027-04-01", "year_end"},       /* longer than a year */
        {"risk_share", "halves", "risk_share"},
        {"host_org_id", "nobody", "host_org_id"},
        {"name", "", "name"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *b = json_deep_copy(in);
        json_object_set_new(b, bad[i].key, json_string(bad[i].value));
        struct svc_ctx *c = as(p, p->f->org, "finance");
        assert_int_equal(svc_pooled_fund_create(c, b, id), SVC_INVALID);
        assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), bad[i].field);
        json_decref(b);
    }
    /* a fund must include the caller's own organisation */
    struct svc_ctx *c = as(p, p->other, "finance");
    assert_int_equal(svc_pooled_fund_create(c, in, id), SVC_INVALID);
    assert_int_equal(stored(p, "pooled_funds"), 0);
    assert_int_equal(count(p->f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE resource_type = $1", "pooled_fund"), 0);
    assert_int_equal(svc_pooled_fund_create(as(p, p->f->org, "org_admin"), in, id), SVC_OK);
    assert_int_equal(count(p->f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE resource_type = $1", "pooled_fund"), 1);
    json_decref(in);
    chain_intact(p->f);
    pool_free(p);
}

static void partners_and_board_read_others_do_not_learn_it_exists(void **state)
{
    (void)state;
    struct pool *p = pool_new();
    created(p);
    json_t *st = NULL, *list = NULL;
    assert_int_equal(svc_pooled_fund_statement(as(p, p->icb, "team_manager"), p->fund, 1, &st), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(st, "budget_pence")), 400000);
    assert_int_equal(svc_pooled_fund_statement(as(p, p->other, "board_viewer"), p->fund, 0, &st), SVC_OK);
    struct svc_ctx *c = as(p, p->other, "finance");
    assert_int_equal(svc_pooled_fund_statement(c, p->fund, 1, &st), SVC_NOTFOUND);
    assert_string_equal(c->detail, "No such pooled fund.");
    assert_int_equal(svc_pooled_funds_list(c, &list), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 0);
    assert_int_equal(svc_pooled_funds_list(as(p, p->other, "board_viewer"), &list), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(list, "items")), 1);
    pool_free(p);
}

static void entries_check_role_input_and_version(void **state)
{
    (void)state;
    struct pool *p = pool_new();
    created(p);
    json_t *st;
    assert_int_equal(svc_pooled_fund_statement(as(p, p->f->org, "finance"), p->fund, 0, &st), SVC_OK);
    long long v = json_integer_value(json_object_get(st, "version"));
    const char *service = json_string_value(json_object_get(json_array_get(json_object_get(st, "services"), 0), "id"));
    json_t *in = json_pack("{s:s, s:i, s:s, s:I}", "service_id", service, "amount_pence", 2500, "spent_on",
                           "2026-05-10", "version", (json_int_t)v);
    struct svc_expect e = {NULL, json_object_get(in, "version")};
    long long spend = stored(p, "pooled_fund_spend");
    /* a partner's team manager reads but does not write */
    assert_int_equal(svc_pooled_fund_spend(as(p, p->icb, "team_manager"), p->fund, in, &e), SVC_FORBIDDEN);
    /* outside the fund's year; no version at all; a stale version */
    json_t *late = json_deep_copy(in);
    json_object_set_new(late, "spent_on", json_string("2027-04-01"));
    struct svc_ctx *c = as(p, p->f->org, "finance");
    assert_int_equal(svc_pooled_fund_spend(c, p->fund, late, &e), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "spent_on");
    json_decref(late);
    struct svc_expect none = {NULL, NULL};
    c = as(p, p->f->org, "finance");
    assert_int_equal(svc_pooled_fund_spend(c, p->fund, in, &none), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "version");
    json_t *old = json_integer(v - 1);
    struct svc_expect stale = {NULL, old};
    c = as(p, p->f->org, "finance");
    assert_int_equal(svc_pooled_fund_spend(c, p->fund, in, &stale), SVC_STALE);
    assert_int_equal(c->current_version, v);
    struct svc_expect tag = {"W/\"999\"", NULL};
    assert_int_equal(svc_pooled_fund_spend(as(p, p->f->org, "finance"), p->fund, in, &tag), SVC_PRECONDITION);
    json_decref(old);
    assert_int_equal(stored(p, "pooled_fund_spend"), spend);
    /* the good one: stored, audited, the version moves on */
    long long audits = count(p->f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE resource_type = $1",
                             "pooled_fund_spend");
    assert_int_equal(svc_pooled_fund_spend(as(p, p->f->org, "finance"), p->fund, in, &e), SVC_OK);
    assert_int_equal(stored(p, "pooled_fund_spend"), spend + 1);
    assert_int_equal(count(p->f->t->db, "SELECT COUNT(*) AS n FROM audit_log WHERE resource_type = $1",
                           "pooled_fund_spend"), audits + 1);
    assert_int_equal(svc_pooled_fund_statement(as(p, p->f->org, "finance"), p->fund, 1, &st), SVC_OK);
    assert_int_equal(json_integer_value(json_object_get(st, "version")), v + 1);
    assert_int_equal(json_integer_value(json_object_get(st, "spent_pence")), 2500);
    /* the same version again is now stale */
    assert_int_equal(svc_pooled_fund_spend(as(p, p->f->org, "finance"), p->fund, in, &e), SVC_STALE);
    json_t *con = json_pack("{s:s, s:i, s:s, s:I}", "org_id", p->icb, "amount_pence", 1000, "agreed_on",
                            "2026-10-01", "version", (json_int_t)(v + 1));
    struct svc_expect ce = {NULL, json_object_get(con, "version")};
    assert_int_equal(svc_pooled_fund_contribute(as(p, p->icb, "finance"), p->fund, con, &ce), SVC_OK);
    json_decref(con);
    json_decref(in);
    chain_intact(p->f);
    pool_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_finance_sets_up_a_fund_and_bad_input_stores_nothing),
        cmocka_unit_test(partners_and_board_read_others_do_not_learn_it_exists),
        cmocka_unit_test(entries_check_role_input_and_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
