/* Access facts (the one relationship query) and break-glass grants (merge: persons_merge.c). */
#include "store/persons.h"
#include "store/backend.h"
#include "domain/access.h"
#include "domain/dates.h"
#include <stdio.h>
#include <string.h>

/* The legitimate-relationship rule lives in this one text, the columns
 * rel, bg and holds for the person P: later workflows (referrals,
 * assessments, plans, meetings, discharges) add their EXISTS clauses to
 * `rel` here. Its parameters: $2 user, $3 organisation, $4 relationship
 * since, $5 now, $6 the last meeting day that counts. For one person P is
 * $1: every table about the person is filtered by person_id = $1 (not by
 * correlation with p.id) and every join between two person tables names
 * person_id too, so on Citus the whole query is one router task on the
 * person's shard (docs/scaling.md). For a range of persons (the $export's
 * page) P is p.id: the same rule, one statement for the page. */
#define ACCESS_FACTS(P) \
    " CASE WHEN EXISTS (SELECT 1 FROM caseloads c JOIN user_teams ut ON ut.team_id = c.team_id" \
    "   WHERE c.person_id = " P " AND ut.user_id = $2 AND (c.closed_on IS NULL OR c.closed_on >= $4))" \
    "   OR EXISTS (SELECT 1 FROM referrals r JOIN user_teams ut ON ut.team_id = r.team_id" \
    "   WHERE r.person_id = " P " AND ut.user_id = $2 AND (r.status IN ('received', 'triaged')" \
    "   OR r.updated_at >= $4))" \
    /* The front door keeps sight of a referral it triaged until the \
     * receiving team accepts it (issue #14 item 15). */ \
    "   OR EXISTS (SELECT 1 FROM referrals r JOIN user_teams ut ON ut.team_id = r.front_door_team_id" \
    "   WHERE r.person_id = " P " AND ut.user_id = $2 AND r.status = 'triaged')" \
    /* Meeting attendance (domain/access.h access_attendance_grants): \
     * only attendees the rule admitted, only for the agenda's people, \
     * from ACCESS_MEETING_LEAD_DAYS before the meeting to the grace \
     * period after it. */ \
    "   OR EXISTS (SELECT 1 FROM meeting_items mi JOIN meetings m ON m.id = mi.meeting_id" \
    "   JOIN meeting_attendees ma ON ma.meeting_id = m.id" \
    "   WHERE mi.person_id = " P " AND ma.user_id = $2 AND ma.grants_access = 1" \
    "   AND m.held_on >= SUBSTR($4, 1, 10) AND m.held_on <= $6)" \
    "   OR EXISTS (SELECT 1 FROM shared_care_discussions d JOIN shared_care_participants sp" \
    "   ON sp.discussion_id = d.id WHERE d.person_id = " P " AND sp.user_id = $2" \
    "   AND (d.status = 'open' OR d.decided_at >= $4))" \
    "   OR EXISTS (SELECT 1 FROM actions a WHERE a.person_id = " P " AND a.done_at IS NULL" \
    "   AND (a.owner_user_id = $2 OR a.owner_team_id IN (SELECT team_id FROM user_teams WHERE user_id = $2)))" \
    /* A Care Act assessment the user or their team holds: open while \
     * draft or completed, then for the grace period once authorised. */ \
    "   OR EXISTS (SELECT 1 FROM care_act_assessments ca WHERE ca.person_id = " P \
    "   AND (ca.assessor_id = $2 OR ca.team_id IN (SELECT team_id FROM user_teams WHERE user_id = $2))" \
    "   AND (ca.status IN ('draft', 'completed') OR ca.authorised_at >= $4))" \
    /* CHC: the ICB team holding the case (until it is closed, then the \
     * grace period); the Checklist's author and the DST's MDT members \
     * while the case is not yet decided. */ \
    "   OR EXISTS (SELECT 1 FROM chc_cases cc JOIN user_teams ut ON ut.team_id = cc.team_id" \
    "   WHERE cc.person_id = " P " AND ut.user_id = $2 AND (cc.status <> 'closed' OR cc.updated_at >= $4))" \
    "   OR EXISTS (SELECT 1 FROM chc_checklists ck JOIN chc_cases cc ON cc.person_id = ck.person_id AND cc.id = ck.case_id" \
    "   WHERE ck.person_id = " P " AND ck.created_by = $2 AND (cc.status IN ('awaiting_assessment', 'assessed'," \
    "   'deferred') OR cc.updated_at >= $4))" \
    "   OR EXISTS (SELECT 1 FROM chc_mdt_members mm JOIN chc_assessments ca ON ca.id = mm.assessment_id" \
    "   JOIN chc_cases cc ON cc.person_id = ca.person_id AND cc.id = ca.case_id WHERE ca.person_id = " P \
    "   AND mm.user_id = $2" \
    "   AND (cc.status IN ('awaiting_assessment', 'assessed', 'deferred') OR cc.updated_at >= $4))" \
    /* Care plans: the team holding the plan until it ends (then the \
     * grace period); a worker assigned a task, or the practitioner \
     * accountable for it, while the assignment runs (then the grace). */ \
    "   OR EXISTS (SELECT 1 FROM care_plans cp JOIN user_teams ut ON ut.team_id = cp.team_id" \
    "   WHERE cp.person_id = " P " AND ut.user_id = $2 AND (cp.status <> 'ended' OR cp.updated_at >= $4))" \
    "   OR EXISTS (SELECT 1 FROM care_task_assignments ta WHERE ta.person_id = " P \
    "   AND (ta.worker_user_id = $2 OR ta.practitioner_user_id = $2) AND ta.to_on >= SUBSTR($4, 1, 10))" \
    /* Hospital discharge: the teams a stay names (the IDT, the ward, \
     * a receiving team while its transfer is open) while the person is \
     * in hospital, then the grace period. */ \
    "   OR EXISTS (SELECT 1 FROM stay_teams st JOIN user_teams ut ON ut.team_id = st.team_id" \
    "   JOIN hospital_stays hs ON hs.person_id = st.person_id AND hs.id = st.stay_id WHERE st.person_id = " P \
    "   AND ut.user_id = $2" \
    "   AND ((st.ended_at IS NULL AND hs.status = 'admitted') OR COALESCE(st.ended_at, hs.updated_at) >= $4))" \
    "   THEN 1 ELSE 0 END AS rel," \
    " CASE WHEN EXISTS (SELECT 1 FROM break_glass b WHERE b.person_id = " P " AND b.user_id = $2" \
    "   AND b.expires_at > $5) THEN 1 ELSE 0 END AS bg," \
    /* Whether the organisation holds the person's data matters only when \
     * they object to sharing (access_decide): asked only then. */ \
    " CASE WHEN p.objects_to_sharing <> 0 AND EXISTS (SELECT 1 FROM person_orgs po WHERE po.person_id = " P \
    "   AND po.org_id = $3) THEN 1 ELSE 0 END AS holds"

/* The last meeting day that counts ($6): ACCESS_MEETING_LEAD_DAYS after
 * today ("0000-00-00", matching none, when now is not a date). */
static void meeting_until(const struct access_query *q, char until[DATE_STR_SIZE])
{
    snprintf(until, DATE_STR_SIZE, "%s", "0000-00-00");
    struct date today, last;
    struct domain_error de;
    char day[11] = {0};
    if (q->now && strlen(q->now) >= 10)
        memcpy(day, q->now, 10);
    if (date_parse(day, "now", &today, &de) == 0 && date_add_days(today, ACCESS_MEETING_LEAD_DAYS, &last, &de) == 0)
        date_format(last, until);
}

static void bind_principal(struct store_stmt *s, const struct access_query *q)
{
    store_bind_text(s, 2, q->user_id);
    store_bind_text(s, 3, q->org_id);
    store_bind_text(s, 4, q->relationship_since);
    store_bind_text(s, 5, q->now);
    char until[DATE_STR_SIZE];
    meeting_until(q, until);
    store_bind_text(s, 6, until);
}

#define ONE_PERSON_FACTS "SELECT p.objects_to_sharing," ACCESS_FACTS("$1") " FROM persons p WHERE p.id = $1"

const char *persons_access_facts_sql(const struct access_query *q, char until[DATE_STR_SIZE], const char *params[6])
{
    meeting_until(q, until);
    const char *p[6] = {q->person_id, q->user_id, q->org_id, q->relationship_since, q->now, until};
    memcpy(params, p, sizeof p);
    return ONE_PERSON_FACTS;
}

/* The facts row's column `name` as a flag (an integer, or a boolean on
 * PostgreSQL's way through store_row_json). */
static int flag(json_t *row, const char *name)
{
    json_t *v = json_object_get(row, name);
    return json_is_true(v) || (json_is_integer(v) && json_integer_value(v) != 0);
}

void persons_access_facts_of(json_t *rows, struct access_facts *out)
{
    memset(out, 0, sizeof *out);
    json_t *row = json_array_get(rows, 0);
    if (!row)
        return;
    out->person_exists = 1;
    out->objects_to_sharing = flag(row, "objects_to_sharing");
    out->has_relationship = flag(row, "rel");
    out->has_break_glass = flag(row, "bg");
    out->org_holds_data = flag(row, "holds");
}

int persons_access_facts(struct store *db, const struct access_query *q, struct access_facts *out,
                         struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, ONE_PERSON_FACTS, err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, q->person_id);
    bind_principal(s, q);
    memset(out, 0, sizeof *out);
    int rc = store_step(s, err);
    if (rc == STORE_ROW) {
        out->person_exists = 1;
        out->objects_to_sharing = store_col_int(s, 0) != 0;
        out->has_relationship = store_col_int(s, 1) != 0;
        out->has_break_glass = store_col_int(s, 2) != 0;
        out->org_holds_data = store_col_int(s, 3) != 0;
    }
    store_reset(s);
    return rc < 0 ? rc : STORE_OK;
}

int persons_access_facts_range(struct store *db, const struct access_query *q, const char *last_id,
                               persons_facts_fn fn, void *arg, struct store_error *err)
{
    struct store_stmt *s = store_prepare(db, "SELECT p.id, p.objects_to_sharing," ACCESS_FACTS("p.id")
        " FROM persons p WHERE p.merged_into IS NULL AND p.id >= $1 AND p.id <= $7 ORDER BY p.id", err);
    if (!s)
        return err->code;
    store_bind_text(s, 1, q->person_id);
    bind_principal(s, q);
    store_bind_text(s, 7, last_id);
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        struct access_facts f = {1, store_col_int(s, 2) != 0, store_col_int(s, 3) != 0, store_col_int(s, 1) != 0,
                                 store_col_int(s, 4) != 0};
        if (fn(arg, store_col_text(s, 0), &f) != 0) {
            rc = store_fail(err, STORE_EGENERIC, "access facts: the caller stopped");
            break;
        }
    }
    store_reset(s);
    return rc < 0 ? rc : STORE_OK;
}

int persons_break_glass_add(struct store *db, const char *person_id, const struct principal *who,
                            const char *reason, const char *now, const char *expires_at, char id[STORE_ID_LEN],
                            struct store_error *err)
{
    store_new_record_id(person_id, id);
    const char *p[] = {id, person_id, who->user_id, who->org_id, reason, now, expires_at};
    return store_run(db, "INSERT INTO break_glass (id, person_id, user_id, org_id, reason, granted_at, expires_at)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7)", 7, p, err);
}

json_t *persons_break_glass_current(struct store *db, const char *person_id, const char *user_id, const char *now,
                                    struct store_error *err)
{
    const char *p[] = {person_id, user_id, now};
    return store_query_one(db, "SELECT id, reason, granted_at, expires_at FROM break_glass WHERE person_id = $1"
                               " AND user_id = $2 AND expires_at > $3 ORDER BY expires_at DESC LIMIT 1", 3, p, err);
}

json_t *persons_break_glass_list(struct store *db, const char *org_id, const char *status, int limit,
                                 struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {org_id, status, lim};
    return store_query_rows(db, "SELECT b.id, b.person_id, b.user_id, u.display_name AS user_name, u.role,"
        " b.reason, b.granted_at, b.expires_at, b.review_status, b.reviewed_at, b.review_note,"
        " p.family_name, p.given_name FROM break_glass b JOIN users u ON u.id = b.user_id"
        " JOIN persons p ON p.id = b.person_id WHERE b.org_id = $1 AND ($2 = 'all' OR b.review_status = $2)"
        " ORDER BY b.granted_at DESC LIMIT $3", 3, p, err);
}

int persons_break_glass_review(struct store *db, const char *id, const char *org_id, const char *status,
                               const char *reviewer, const char *note, const char *now, struct store_error *err)
{
    STORE_PK_OR(err->code, "break_glass", id);
    const char *p[] = {id, org_id, status, reviewer, note ? note : "", now, pk};
    int rc = store_run(db, "UPDATE break_glass SET review_status = $3, reviewed_by = $4, review_note = $5,"
                           " reviewed_at = $6 WHERE person_id = $7 AND id = $1 AND org_id = $2", 7, p, err);
    return store_changed_one(db, rc, err);
}
