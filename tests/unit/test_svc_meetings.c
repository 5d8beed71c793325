/* Locality MDT meetings (svc/meetings.h): a meeting is for its team and
 * its attendees (anyone else refused and audited); attending opens the
 * records of the people on the agenda only for direct-care staff of the
 * partnership — finance, privacy, panel, board and admin staff and care
 * providers' staff cannot be added, someone without an account is listed
 * but gains nothing; the agenda takes only people of the locality or of
 * the user's own work; outcomes wait for the meeting's date; an action is
 * marked done once, by its owner; every refusal stores nothing. */
#include "svc_fixture.h"
#include "svc/access.h"
#include "svc/meetings.h"

/* The fixture's practitioner (council, team T1) as a fresh context. */
static struct svc_ctx *as(struct fixture *f, const char *user, const char *role, const char *org_type)
{
    struct svc_ctx *c = as_role(f, role);
    c->user_id = user;
    c->org_type = org_type;
    c->display_name = "Someone";
    c->profession = "social_worker";
    svc_reset(c);
    return c;
}

static struct svc_ctx *pat(struct fixture *f)
{
    return as(f, f->user, "practitioner", "council");
}

static const char *first_field(struct svc_ctx *c)
{
    return json_string_value(json_object_get(json_array_get(c->errors, 0), "field"));
}

static void add_user(struct fixture *f, const char *org, const char *team, const char *name, const char *role,
                     char id[STORE_ID_LEN])
{
    struct store_error err = {0};
    struct actor by = {NULL, "2026-01-01T00:00:00Z"};
    struct new_user nu = {org, name, name, role, "social_worker", "x"};
    assert_int_equal(accounts_user_add(f->t->db, &by, &nu, id, &err), 0);
    if (team)
        assert_int_equal(accounts_user_add_team(f->t->db, id, team, &err), 0);
}

static long long rows(struct fixture *f, const char *sql, const char *p)
{
    return count(f->t->db, sql, p);
}

/* A meeting of the fixture's team held days from today. */
static void meeting(struct fixture *f, int days, char id[STORE_ID_LEN])
{
    struct svc_ctx *c = pat(f);
    json_t *in = json_pack("{s:s, s:s, s:s}", "team_id", f->team, "held_on", svc_date_offset(c, days),
                           "starts_at", "09:30");
    assert_int_equal(svc_meeting_create(c, in, id), SVC_OK);
    json_decref(in);
}

static void creating_names_each_bad_field_and_stores_nothing(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char other_team[STORE_ID_LEN], id[STORE_ID_LEN];
    struct store_error err = {0};
    struct actor by = {NULL, "2026-01-01T00:00:00Z"};
    assert_int_equal(accounts_team_add(f->t->db, &by, f->org, "T2", "Other team", other_team, &err), 0);
    static const struct {
        const char *team, *held_on, *starts_at, *video, *field;
    } bad[] = {
        {NULL, "2030-01-01", "09:00", NULL, "team_id"},           /* a team the user is not in */
        {"mine", "2030-02-30", "09:00", NULL, "held_on"},         /* no 30 February */
        {"mine", NULL, "09:00", NULL, "held_on"},
        {"mine", "2030-01-01", "24:00", NULL, "starts_at"},       /* 23:59 is the last minute */
        {"mine", "2030-01-01", "09:60", NULL, "starts_at"},
        {"mine", "2030-01-01", "9:00", NULL, "starts_at"},
        {"mine", "2030-01-01", "09:00", "http://meet.example", "video_link"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct svc_ctx *c = pat(f);
        json_t *in = json_pack("{s:s, s:s?, s:s, s:s?}", "team_id", bad[i].team ? f->team : other_team, "held_on",
                               bad[i].held_on, "starts_at", bad[i].starts_at, "video_link", bad[i].video);
        assert_int_equal(svc_meeting_create(c, in, id), SVC_INVALID);
        assert_string_equal(first_field(c), bad[i].field);
        json_decref(in);
    }
    assert_int_equal(rows(f, "SELECT COUNT(*) FROM meetings", NULL), 0);
    assert_int_equal(audit_rows(f, "create"), 0);
    struct svc_ctx *c = pat(f);
    json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "team_id", f->team, "held_on", "2030-01-01", "starts_at", "23:59",
                           "video_link", "https://meet.example/x");
    assert_int_equal(svc_meeting_create(c, in, id), SVC_OK);
    assert_int_equal(audit_rows(f, "create"), 1);
    /* The creator attends, and their attendance counts (direct care, council). */
    assert_int_equal(rows(f, "SELECT COUNT(*) FROM meeting_attendees WHERE meeting_id = $1 AND grants_access = 1", id), 1);
    json_decref(in);
    chain_intact(f);
    fixture_free(f);
}

/* Who may be added, and whether attending then opens the agenda's records. */
static void attendance_opens_records_only_for_direct_care(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char id[STORE_ID_LEN], provider[STORE_ID_LEN], team2[STORE_ID_LEN];
    struct store_error err = {0};
    struct actor by = {NULL, "2026-01-01T00:00:00Z"};
    assert_int_equal(accounts_org_add(f->t->db, &by, "P1", "Home care", "provider", provider, &err), 0);
    assert_int_equal(accounts_team_add(f->t->db, &by, f->org, "T2", "Other team", team2, &err), 0);
    static const struct {
        const char *name, *role;
        int provider, admitted;
    } who[] = {
        {"fin", "finance", 0, 0},          {"priv", "privacy_officer", 0, 0}, {"panel", "panel_member", 0, 0},
        {"board", "board_viewer", 0, 0},   {"admin", "org_admin", 0, 0},      {"feed", "integration", 0, 0},
        {"carer", "practitioner", 1, 0},   {"lead", "team_manager", 0, 1},    {"rob", "practitioner", 0, 1},
    };
    char uid[sizeof who / sizeof who[0]][STORE_ID_LEN];
    for (size_t i = 0; i < sizeof who / sizeof who[0]; i++)
        add_user(f, who[i].provider ? provider : f->org, who[i].provider ? NULL : team2, who[i].name, who[i].role,
                 uid[i]);
    meeting(f, 0, id);
    assert_int_equal(persons_caseload_open(f->t->db, &by, f->person, f->team, "2026-01-01", "test", &err), 0);
    struct svc_ctx *c = pat(f);
    json_t *item = json_pack("{s:s}", "person_id", f->person);
    assert_int_equal(svc_meeting_item_add(c, id, item), SVC_OK);
    long long before = rows(f, "SELECT COUNT(*) FROM meeting_attendees WHERE meeting_id = $1", id);
    for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
        enum access_decision d;
        const char *basis;
        c = as(f, uid[i], who[i].role, who[i].provider ? "provider" : "council");
        assert_int_equal(svc_person_access(c, f->person, &d, &basis), SVC_NO_RELATIONSHIP);
        json_t *in = json_pack("{s:s}", "user_id", uid[i]);
        c = pat(f);
        int rc = svc_meeting_attendee_add(c, id, in);
        if (!who[i].admitted) {
            assert_int_equal(rc, SVC_INVALID);
            assert_string_equal(first_field(c), "user_id");
        } else {
            assert_int_equal(rc, SVC_OK);
        }
        c = as(f, uid[i], who[i].role, who[i].provider ? "provider" : "council");
        assert_int_equal(svc_person_access(c, f->person, &d, &basis), who[i].admitted ? SVC_OK : SVC_NO_RELATIONSHIP);
        json_decref(in);
    }
    /* Two admitted, both from outside the meeting's team: self-claimed, for the privacy officer. */
    assert_int_equal(rows(f, "SELECT COUNT(*) FROM meeting_attendees WHERE meeting_id = $1", id), before + 2);
    assert_int_equal(audit_rows(f, "self_claim"), 2);
    /* Someone without an account is listed by name and profession, never with a relationship. */
    c = pat(f);
    json_t *named = json_pack("{s:s, s:s}", "name", "Dr Visitor", "profession", "juggler");
    assert_int_equal(svc_meeting_attendee_add(c, id, named), SVC_INVALID);
    assert_string_equal(first_field(c), "profession");
    json_object_set_new(named, "profession", json_string("gp"));
    assert_int_equal(svc_meeting_attendee_add(pat(f), id, named), SVC_OK);
    assert_int_equal(rows(f, "SELECT COUNT(*) FROM meeting_attendees WHERE meeting_id = $1 AND user_id IS NULL"
                             " AND grants_access = 0", id), 1);
    json_decref(named);
    json_decref(item);
    chain_intact(f);
    fixture_free(f);
}

static void a_meeting_is_for_its_team_and_attendees(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char id[STORE_ID_LEN], rob[STORE_ID_LEN];
    add_user(f, f->org, NULL, "rob", "practitioner", rob);
    meeting(f, 0, id);
    json_t *m;
    struct svc_ctx *c = as(f, rob, "practitioner", "council");
    assert_int_equal(svc_meeting_read(c, id, &m), SVC_NOT_A_MEMBER);
    assert_int_equal(audit_rows(f, "read_denied"), 1);
    json_t *note = json_pack("{s:s}", "name", "x");
    assert_int_equal(svc_meeting_attendee_add(as(f, rob, "practitioner", "council"), id, note), SVC_NOT_A_MEMBER);
    assert_int_equal(audit_rows(f, "read_denied"), 2);
    assert_int_equal(svc_meeting_read(pat(f), "no-such-meeting", &m), SVC_NOTFOUND);
    json_t *in = json_pack("{s:s}", "user_id", rob);
    assert_int_equal(svc_meeting_attendee_add(pat(f), id, in), SVC_OK);
    assert_int_equal(svc_meeting_read(as(f, rob, "practitioner", "council"), id, &m), SVC_OK);
    json_decref(in);
    json_decref(note);
    chain_intact(f);
    fixture_free(f);
}

static void the_agenda_takes_the_locality_or_ones_own_work(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char id[STORE_ID_LEN];
    struct store_error err = {0};
    struct actor by = {NULL, "2026-01-01T00:00:00Z"};
    meeting(f, 0, id);
    /* No relationship and no locality: refused, nothing stored or audited. */
    struct svc_ctx *c = pat(f);
    json_t *in = json_pack("{s:s}", "person_id", f->person);
    assert_int_equal(svc_meeting_item_add(c, id, in), SVC_INVALID);
    assert_string_equal(first_field(c), "person_id");
    json_t *nobody = json_pack("{s:s}", "person_id", "no-such-person");
    c = pat(f);
    assert_int_equal(svc_meeting_item_add(c, id, nobody), SVC_INVALID);
    assert_string_equal(first_field(c), "person_id");
    assert_int_equal(rows(f, "SELECT COUNT(*) FROM meeting_items", NULL), 0);
    assert_int_equal(rows(f, "SELECT COUNT(*) FROM audit_log WHERE resource_type = 'meeting_item'", NULL), 0);
    /* On the team's caseload: added once, audited with the person; twice is a conflict. */
    assert_int_equal(persons_caseload_open(f->t->db, &by, f->person, f->team, "2026-01-01", "test", &err), 0);
    assert_int_equal(svc_meeting_item_add(pat(f), id, in), SVC_OK);
    assert_int_equal(rows(f, "SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND resource_type = 'meeting_item'"
                             " AND person_id = $1", f->person), 1);
    assert_int_equal(svc_meeting_item_add(pat(f), id, in), SVC_CONFLICT);
    /* Reading the meeting audits the read of each person on its agenda. */
    json_t *m;
    static const char reads_sql[] = "SELECT COUNT(*) FROM audit_log a JOIN audit_people p ON p.seq = a.seq"
                                    " WHERE a.action = 'read' AND a.resource_type = 'meeting_item'"
                                    " AND p.person_id = $1 AND p.basis = 'relationship'";
    long long reads = rows(f, reads_sql, f->person);
    assert_int_equal(svc_meeting_read(pat(f), id, &m), SVC_OK);
    assert_int_equal(json_array_size(json_object_get(m, "agenda")), 1);
    assert_int_equal(rows(f, reads_sql, f->person), reads + 1);
    json_decref(in);
    json_decref(nobody);
    chain_intact(f);
    fixture_free(f);
}

/* A meeting days from today with the fixture's person on its agenda; the item's id. */
static void with_agenda(struct fixture *f, int days, char id[STORE_ID_LEN], char item[STORE_ID_LEN])
{
    struct store_error err = {0};
    struct actor by = {NULL, "2026-01-01T00:00:00Z"};
    meeting(f, days, id);
    assert_int_equal(persons_caseload_open(f->t->db, &by, f->person, f->team, "2026-01-01", "test", &err), 0);
    json_t *in = json_pack("{s:s}", "person_id", f->person);
    assert_int_equal(svc_meeting_item_add(pat(f), id, in), SVC_OK);
    json_decref(in);
    json_t *m;
    assert_int_equal(svc_meeting_read(pat(f), id, &m), SVC_OK);
    snprintf(item, STORE_ID_LEN, "%s", json_string_value(json_object_get(json_array_get(json_object_get(m, "agenda"), 0), "id")));
}

static void outcomes_wait_for_the_meeting(void **state)
{
    (void)state;
    static const struct {
        int days, held;
    } when[] = {{1, 0}, {0, 1}, {-1, 1}};
    for (size_t i = 0; i < sizeof when / sizeof when[0]; i++) {
        struct fixture *f = fixture_new();
        char id[STORE_ID_LEN], item[STORE_ID_LEN];
        with_agenda(f, when[i].days, id, item);
        json_t *notes = json_pack("{s:s}", "notes", "Discussed"), *d;
        json_t *dec = json_pack("{s:s, s:s, s:b}", "person_id", f->person, "text", "Review", "consensus", 1);
        struct svc_ctx *c = pat(f);
        assert_int_equal(svc_meeting_item_notes(c, id, item, notes), when[i].held ? SVC_OK : SVC_INVALID);
        if (!when[i].held)
            assert_string_equal(first_field(c), "notes");
        c = pat(f);
        assert_int_equal(svc_meeting_decision_add(c, id, dec, &d), when[i].held ? SVC_OK : SVC_INVALID);
        assert_int_equal(rows(f, "SELECT COUNT(*) FROM decisions", NULL), when[i].held);
        assert_int_equal(svc_meeting_item_notes(pat(f), id, "no-such-item", notes),
                         when[i].held ? SVC_NOTFOUND : SVC_INVALID);
        json_decref(notes);
        json_decref(dec);
        fixture_free(f);
    }
}

static void decisions_escalate_without_consensus(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char id[STORE_ID_LEN], item[STORE_ID_LEN], sc[STORE_ID_LEN];
    with_agenda(f, 0, id, item);
    json_t *d, *yes, *no;
    static const char *const bad[] = {NULL, "maybe", "", "Yes"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *in = json_pack("{s:s, s:s, s:s?}", "person_id", f->person, "text", "Review", "consensus", bad[i]);
        struct svc_ctx *c = pat(f);
        assert_int_equal(svc_meeting_decision_add(c, id, in, &d), SVC_INVALID);
        assert_string_equal(first_field(c), "consensus");
        json_decref(in);
    }
    json_t *in = json_pack("{s:s, s:s, s:s}", "person_id", f->person, "text", "Agree", "consensus", "true");
    assert_int_equal(svc_meeting_decision_add(pat(f), id, in, &yes), SVC_OK);
    assert_true(json_is_true(json_object_get(yes, "consensus")));
    json_object_set_new(in, "consensus", json_false());
    assert_int_equal(svc_meeting_decision_add(pat(f), id, in, &no), SVC_OK);
    json_t *q = json_pack("{s:s, s:[s]}", "question", "Who funds it?", "participant_ids", f->user);
    const char *yes_id = json_string_value(json_object_get(yes, "id")), *no_id = json_string_value(json_object_get(no, "id"));
    assert_int_equal(svc_shared_care_open(pat(f), yes_id, q, 0, sc), SVC_CONSENSUS_REACHED);
    struct svc_ctx *c = pat(f);
    json_t *nobody = json_pack("{s:s, s:[s]}", "question", "Who funds it?", "participant_ids", "no-such-user");
    assert_int_equal(svc_shared_care_open(c, no_id, nobody, 0, sc), SVC_INVALID);
    assert_string_equal(first_field(c), "participant_ids[0]");
    assert_int_equal(svc_shared_care_open(pat(f), no_id, q, 1, sc), SVC_OK);   /* the meeting's attendees */
    c = pat(f);
    assert_int_equal(svc_shared_care_open(c, no_id, q, 0, sc), SVC_ALREADY_OPEN);
    assert_string_equal(json_string_value(json_object_get(c->extra, "discussion_id")), sc);
    json_t *decide = json_pack("{s:s, s:s}", "decision", "Jointly", "outcome", "no-such-outcome");
    c = pat(f);
    assert_int_equal(svc_shared_care_decide(c, sc, decide), SVC_INVALID);
    assert_string_equal(first_field(c), "outcome");
    json_decref(in);
    json_decref(q);
    json_decref(nobody);
    json_decref(decide);
    chain_intact(f);
    fixture_free(f);
}

static void an_action_is_done_once_by_its_owner(void **state)
{
    (void)state;
    struct fixture *f = fixture_new();
    char id[STORE_ID_LEN], item[STORE_ID_LEN], rob[STORE_ID_LEN];
    add_user(f, f->org, NULL, "rob", "practitioner", rob);
    with_agenda(f, 0, id, item);
    json_t *a, *in = json_pack("{s:s, s:s, s:s, s:s}", "person_id", f->person, "text", "Call the GP", "owner_user_id",
                               f->user, "due_on", svc_date_offset(&f->c, -1));
    struct svc_ctx *c = pat(f);
    assert_int_equal(svc_meeting_action_add(c, id, in, &a), SVC_INVALID);   /* due before the meeting */
    assert_string_equal(first_field(c), "due_on");
    json_object_set_new(in, "owner_user_id", json_string(rob));               /* not relevant to the meeting */
    json_object_set_new(in, "due_on", json_string(svc_date_offset(&f->c, 7)));
    c = pat(f);
    assert_int_equal(svc_meeting_action_add(c, id, in, &a), SVC_INVALID);
    assert_string_equal(first_field(c), "owner_user_id");
    json_object_set_new(in, "owner_team_id", json_string(f->team));           /* two owners */
    json_object_set_new(in, "owner_user_id", json_string(f->user));
    c = pat(f);
    assert_int_equal(svc_meeting_action_add(c, id, in, &a), SVC_INVALID);
    assert_string_equal(first_field(c), "owner_user_id");
    json_object_del(in, "owner_team_id");
    assert_int_equal(rows(f, "SELECT COUNT(*) FROM actions", NULL), 0);
    assert_int_equal(svc_meeting_action_add(pat(f), id, in, &a), SVC_OK);
    const char *aid = json_string_value(json_object_get(a, "id"));
    json_t *items;
    assert_int_equal(svc_work_list(pat(f), &items), SVC_OK);
    assert_int_equal(json_array_size(items), 1);
    assert_false(json_is_true(json_object_get(json_array_get(items, 0), "overdue")));
    assert_int_equal(svc_meeting_action_done(as(f, rob, "practitioner", "council"), aid, &a), SVC_NOT_THE_OWNER);
    long long updates = audit_rows(f, "update");
    assert_int_equal(svc_meeting_action_done(pat(f), aid, &a), SVC_OK);
    assert_int_equal(audit_rows(f, "update"), updates + 1);
    assert_int_equal(svc_meeting_action_done(pat(f), aid, &a), SVC_ALREADY_DONE);
    assert_int_equal(svc_meeting_action_done(pat(f), "no-such-action", &a), SVC_NOTFOUND);
    assert_int_equal(audit_rows(f, "update"), updates + 1);
    json_decref(in);
    chain_intact(f);
    fixture_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(creating_names_each_bad_field_and_stores_nothing),
        cmocka_unit_test(attendance_opens_records_only_for_direct_care),
        cmocka_unit_test(a_meeting_is_for_its_team_and_attendees),
        cmocka_unit_test(the_agenda_takes_the_locality_or_ones_own_work),
        cmocka_unit_test(outcomes_wait_for_the_meeting),
        cmocka_unit_test(decisions_escalate_without_consensus),
        cmocka_unit_test(an_action_is_done_once_by_its_owner),
    };
    return cmocka_run_group_tests_name("svc_meetings", tests, NULL, NULL);
}
