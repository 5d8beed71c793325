/* Unit tests for svc/discharge on the backend under test, under the
 * sanitizers in make unit-asan: the HL7 intake (applied, replayed, held,
 * refused — a refusal stores the message and nothing else — each audited as
 * the system), and the IDT's services: who may and may not, that a refused
 * write stores nothing, that reads and writes leave audit entries and the
 * chain verifies. The clock is pinned at 2 December 2026 (main). */
#include "test_helpers.h"
#include <jansson.h>
#include "audit/audit.h"
#include "store/discharge.h"
#include "svc/discharge.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/num.h"

struct fx {
    struct test_db *t;
    struct arena arena;
    struct svc_ctx c;
    char trust[STORE_ID_LEN];
};

static void exec(struct store *db, const char *sql)
{
    struct store_error err = {0};
    if (store_exec(db, sql, &err) != 0)
        fail_msg("%s: %s", sql, err.message);
}

static long long count(struct fx *f, const char *sql)
{
    struct store_error err = {0};
    char out[32];
    assert_int_equal(store_query_text(f->t->db, sql, 0, NULL, out, sizeof out, &err), 0);
    return num_i64_or(out, -1);
}

/* A fresh context: the system for the trust. */
static struct svc_ctx *as_trust(struct fx *f)
{
    arena_free(&f->arena);
    arena_init(&f->arena);
    svc_ctx_system(&f->c, f->t->db, &f->arena, "test");
    f->c.org_id = f->trust;
    return &f->c;
}

static struct svc_ctx *as_user(struct fx *f, const char *user, const char *org, const char *org_type)
{
    as_trust(f);
    f->c.user_id = user;
    f->c.org_id = org;
    f->c.role = "practitioner";
    f->c.org_type = org_type;
    return &f->c;
}

static struct fx *fx_new(void)
{
    struct fx *f = calloc(1, sizeof *f);
    f->t = test_db_new();
    arena_init(&f->arena);
    struct store *db = f->t->db;
    exec(db, "INSERT INTO organisations (id, code, name, type, created_at, updated_at) VALUES"
             " ('o1', 'SHT', 'Shire Hospitals', 'acute_trust', 'now', 'now'),"
             " ('o2', 'SCC', 'Shire Council', 'council', 'now', 'now')");
    exec(db, "INSERT INTO teams (id, org_id, code, name, created_at, updated_at) VALUES"
             " ('t-idt', 'o1', 'IDT', 'Integrated discharge team', 'now', 'now'),"
             " ('t-loc', 'o2', 'LOC', 'Locality team', 'now', 'now')");
    exec(db, "INSERT INTO users (id, org_id, username, display_name, role, created_at, updated_at) VALUES"
             " ('u-idt', 'o1', 'idt.one', 'Ida One', 'practitioner', 'now', 'now'),"
             " ('u-out', 'o2', 'loc.one', 'Lou One', 'practitioner', 'now', 'now')");
    exec(db, "INSERT INTO user_teams (user_id, team_id) VALUES ('u-idt', 't-idt'), ('u-out', 't-loc')");
    exec(db, "INSERT INTO persons (id, nhs_number, family_name, given_name, family_name_key, given_name_key,"
             " date_of_birth, sex, created_at, updated_at) VALUES"
             " ('p1', '9434765919', 'Smith', 'Ann', 'SMITH', 'ANN', '1940-01-01', 'female', 'now', 'now')");
    snprintf(f->trust, sizeof f->trust, "o1");
    char id[STORE_ID_LEN];
    struct ward_input w = {"W12", "Ward 12", "General", "acute", NULL, "IDT"};
    assert_int_equal(svc_discharge_ward_add(as_trust(f), &w, id), SVC_OK);
    return f;
}

static void fx_free(struct fx *f)
{
    arena_free(&f->arena);
    test_db_free(f->t);
    free(f);
}

#define A01(ctl, pid3, ward) \
    "MSH|^~\\&|PAS|SHT|SEAMLESS|SCC|20261201090000||ADT^A01^ADT_A01|" ctl "|P|2.5\r" \
    "EVN|A01|20261201090000\rPID|1||" pid3 "||Smith^Ann||19400101|F\r" \
    "PV1|1|I|" ward "^^4||||||||||||||||SPELL1\r"

static const char *intake(struct fx *f, const char *msg, int want_rc)
{
    static char ack[DISCHARGE_ACK_MAX];
    size_t n = 0;
    assert_int_equal(svc_discharge_intake(as_trust(f), "mllp", msg, strlen(msg), ack, &n), want_rc);
    assert_true(n > 0 && n < sizeof ack);
    ack[n] = '\0';
    return ack;
}

static void intake_applies_replays_holds_and_refuses(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    const char *ack = intake(f, A01("C1", "9434765919^^^NHS^NH", "W12"), SVC_OK);
    assert_non_null(strstr(ack, "\rMSA|AA|C1\r"));
    char first[DISCHARGE_ACK_MAX];
    snprintf(first, sizeof first, "%s", ack);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM hospital_stays"), 1);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM stay_teams WHERE team_id = 't-idt'"), 1);
    /* Replayed: the same ACK, nothing new. */
    ack = intake(f, A01("C1", "9434765919^^^NHS^NH", "W12"), SVC_OK);
    assert_string_equal(ack, first);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM hl7_messages"), 1);
    /* No such person: held, AA. */
    ack = intake(f, A01("C2", "9999999999^^^NHS^NH", "W12"), SVC_OK);
    assert_non_null(strstr(ack, "MSA|AA|C2"));
    assert_int_equal(count(f, "SELECT COUNT(*) FROM hl7_messages WHERE outcome = 'held'"), 1);
    /* Unknown ward: AE naming PV1-3; the message is kept, the stay is not touched. */
    ack = intake(f, A01("C3", "9434765919^^^NHS^NH", "W99"), SVC_OK);
    assert_non_null(strstr(ack, "MSA|AE|C3\rERR||PV1^1^3|103^"));
    assert_int_equal(count(f, "SELECT COUNT(*) FROM hl7_messages WHERE outcome = 'error'"), 1);
    assert_int_equal(count(f, "SELECT version FROM hospital_stays"), 1);
    /* Not HL7 at all: AR, stored without a control id. */
    ack = intake(f, "hello", SVC_OK);
    assert_non_null(strstr(ack, "MSA|AR|\r"));
    assert_int_equal(count(f, "SELECT COUNT(*) FROM hl7_messages WHERE outcome = 'rejected'"), 1);
    /* Bytes that are not UTF-8 are stored readable (PostgreSQL refuses them otherwise). */
    ack = intake(f, A01("C4", "9434765919^^^NHS^NH", "W\xff\xfe"), SVC_OK);
    assert_non_null(strstr(ack, "MSA|AE|C4"));
    /* Every message is audited as the system. */
    assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_log WHERE resource_type = 'hl7_message'"
                              " AND basis = 'system' AND user_id IS NULL"), 5);
    fx_free(f);
}

static void idt_works_the_stay_and_outsiders_are_refused(void **state)
{
    (void)state;
    struct fx *f = fx_new();
    intake(f, A01("C1", "9434765919^^^NHS^NH", "W12"), SVC_OK);
    struct store_error err = {0};
    json_t *stay = discharge_stay_by_visit(f->t->db, "o1", "SPELL1", &err);
    char id[STORE_ID_LEN];
    snprintf(id, sizeof id, "%s", json_string_value(json_object_get(stay, "id")));
    json_decref(stay);

    /* The outsider: refused, audited, nothing stored. */
    struct svc_ctx *c = as_user(f, "u-out", "o2", "council");
    assert_int_equal(svc_discharge_review(c, id, "2026-12-01", 0, NULL), SVC_NO_RELATIONSHIP);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM stay_reviews"), 0);
    assert_int_equal(count(f, "SELECT COUNT(*) FROM audit_log WHERE user_id = 'u-out'"), 1);

    c = as_user(f, "u-idt", "o1", "acute_trust");
    assert_int_equal(svc_discharge_review(c, id, "2026-11-30", 0, NULL), SVC_INVALID);   /* before admission */
    assert_int_equal(svc_discharge_review(as_user(f, "u-idt", "o1", "acute_trust"), id, "2026-12-01", 0, "Ready"),
                     SVC_OK);
    c = as_user(f, "u-idt", "o1", "acute_trust");
    assert_int_equal(svc_discharge_delay_reason(c, id, "not_a_reason", NULL, NULL, NULL), SVC_INVALID);
    assert_string_equal(json_string_value(json_object_get(json_array_get(c->errors, 0), "field")), "delay_reason");
    assert_int_equal(count(f, "SELECT COUNT(*) FROM stay_delay_reasons"), 0);
    c = as_user(f, "u-idt", "o1", "acute_trust");
    assert_int_equal(svc_discharge_delay_reason(c, id, "housing", "2026-12-01", NULL, NULL), SVC_OK);
    json_t *out;
    c = as_user(f, "u-idt", "o1", "acute_trust");
    assert_int_equal(svc_discharge_stay(c, id, &out), SVC_OK);
    assert_string_equal(json_string_value(json_object_get(out, "ready_on")), "2026-12-01");
    assert_int_equal(json_integer_value(json_object_get(out, "days_delayed")), 1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(out, "delay_days_by_sector"),
                                                        "social_care")), 1);
    struct board_filter bf = {"SHT", "", "", "", "", 50, 0};
    c = as_user(f, "u-idt", "o1", "acute_trust");
    assert_int_equal(svc_discharge_board(c, &bf, &out), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
    c = as_user(f, "u-out", "o2", "council");
    assert_int_equal(svc_discharge_board(c, &bf, &out), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(out, "items")), 0);
    /* Reads and writes are all in the chain, and it verifies. */
    assert_true(count(f, "SELECT COUNT(*) FROM audit_log WHERE user_id = 'u-idt' AND action = 'read'") >= 2);
    int64_t bad = 0, n = 0;
    char why[200];
    assert_int_equal(audit_verify(f->t->db, &bad, why, sizeof why, &n, &err), 0);
    fx_free(f);
}

int main(void)
{
    /* Its messages and reviews carry fixed dates: this file keeps its own
     * "now" whatever SEAMLESS_TEST_NOW says (make unit-dates). */
    clock_pin(clock_parse_utc("2026-12-02T10:00:00Z"));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(intake_applies_replays_holds_and_refuses),
        cmocka_unit_test(idt_works_the_stay_and_outsiders_are_refused),
    };
    return cmocka_run_group_tests_name("svc_discharge", tests, NULL, NULL);
}
