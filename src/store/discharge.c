/* store/discharge: see discharge.h. */
#include "store/discharge.h"
#include <assert.h>
#include <stdio.h>
#include <string.h>

static const char *nz(const char *s) { return s ? s : ""; }

int discharge_ward_add(struct store *db, const struct actor *by, const struct ward_row *w, char id[STORE_ID_LEN],
                       struct store_error *err)
{
    store_new_id(id);
    const char *p[] = {id, w->org_id, w->code, w->name, nz(w->site), w->kind ? w->kind : "acute", w->team_id,
                       w->idt_team_id, by->now, by->user_id};
    return store_run(db, "INSERT INTO hospital_wards (id, org_id, code, name, site, kind, team_id, idt_team_id,"
                         " created_at, created_by, updated_at, updated_by)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $10)", 10, p, err);
}

json_t *discharge_wards_list(struct store *db, const char *org_id, struct store_error *err)
{
    const char *p[] = {org_id};
    return store_query_rows(db, "SELECT w.id, w.org_id, o.code AS org_code, o.name AS org_name, w.code, w.name,"
        " w.site, w.kind, w.team_id, w.idt_team_id, t.name AS idt_team_name, w.active, w.version"
        " FROM hospital_wards w JOIN organisations o ON o.id = w.org_id"
        " LEFT JOIN teams t ON t.id = w.idt_team_id WHERE ($1 IS NULL OR w.org_id = $1)"
        " ORDER BY o.code, w.code", 1, p, err);
}

json_t *discharge_ward_by_code(struct store *db, const char *org_id, const char *code, struct store_error *err)
{
    const char *p[] = {org_id, code};
    return store_query_one(db, "SELECT id, code, name, team_id, idt_team_id FROM hospital_wards"
                               " WHERE org_id = $1 AND code = $2", 2, p, err);
}

json_t *discharge_reasons_list(struct store *db, struct store_error *err)
{
    return store_query_rows(db, "SELECT code, category, label, sector FROM discharge_delay_reasons"
                                " ORDER BY sort_order", 0, NULL, err);
}

int discharge_hl7_add(struct store *db, const struct actor *by, const struct hl7_row *r, char id[STORE_ID_LEN],
                      struct store_error *err)
{
    store_new_id(id);
    const char *p[] = {id, r->org_id, r->control_id, nz(r->event), r->via, by->now, r->body, r->outcome,
                       r->ack_code, r->ack, nz(r->error_text), nz(r->nhs_number), r->person_id, r->stay_id,
                       r->format ? r->format : "er7"};
    return store_run(db, "INSERT INTO hl7_messages (id, org_id, control_id, event, via, received_at, body, outcome,"
                         " ack_code, ack, error_text, nhs_number, person_id, stay_id, format)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)", 15, p, err);
}

json_t *discharge_hl7_find(struct store *db, const char *org_id, const char *control_id, struct store_error *err)
{
    const char *p[] = {org_id, control_id};
    return store_query_one(db, "SELECT id, outcome, ack_code, ack, format FROM hl7_messages"
                               " WHERE org_id = $1 AND control_id = $2", 2, p, err);
}

json_t *discharge_hl7_list(struct store *db, const char *org_id, const char *outcome, int limit,
                           struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {org_id, nz(outcome), lim};
    return store_query_rows(db, "SELECT id, control_id, event, via, received_at, outcome, ack_code, error_text,"
                                " nhs_number, person_id, stay_id, body, format FROM hl7_messages WHERE org_id = $1"
                                " AND ($2 = '' OR outcome = $2) ORDER BY received_at DESC, id DESC LIMIT $3",
                            3, p, err);
}

json_t *discharge_hl7_get(struct store *db, const char *org_id, const char *id, struct store_error *err)
{
    const char *p[] = {org_id, id};
    return store_query_one(db, "SELECT id, org_id, control_id, event, via, format, received_at, body, outcome,"
                               " nhs_number, error_text FROM hl7_messages WHERE org_id = $1 AND id = $2", 2, p, err);
}

int discharge_hl7_resolve(struct store *db, const struct actor *by, const char *id, const char *person_id,
                          const char *stay_id, const char *note, struct store_error *err)
{
    const char *p[] = {id, person_id, stay_id, nz(note), by->user_id, by->now};
    int rc = store_run(db, "UPDATE hl7_messages SET outcome = 'resolved', person_id = $2, stay_id = $3,"
                           " error_text = $4, resolved_by = $5, resolved_at = $6"
                           " WHERE id = $1 AND outcome = 'held'", 6, p, err);
    return store_changed_one(db, rc, err);
}

int discharge_user_is_idt(struct store *db, const char *user_id, const char *org_id, struct store_error *err)
{
    const char *p[] = {user_id, org_id};
    json_t *r = store_query_one(db, "SELECT 1 AS yes FROM user_teams ut JOIN hospital_wards w"
                                    " ON w.idt_team_id = ut.team_id WHERE ut.user_id = $1 AND w.org_id = $2"
                                    " LIMIT 1", 2, p, err);
    if (!r)
        return err->code == STORE_ENOTFOUND ? 0 : err->code;
    json_decref(r);
    return 1;
}

int discharge_stay_add(struct store *db, const struct actor *by, const struct stay_row *s, char id[STORE_ID_LEN],
                       struct store_error *err)
{
    store_new_record_id(s->person_id, id);
    const char *p[] = {id, s->person_id, s->org_id, s->ward_id, s->idt_team_id, s->visit_number, s->source,
                       nz(s->specialty), nz(s->bed), s->admitted_at, s->admitted_on, s->expected_discharge_on,
                       by->now, by->user_id};
    return store_run(db, "INSERT INTO hospital_stays (id, person_id, org_id, ward_id, idt_team_id, visit_number,"
                         " source, specialty, bed, admitted_at, admitted_on, expected_discharge_on, status,"
                         " created_at, created_by, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                         " $8, $9, $10, $11, $12, 'admitted', $13, $14, $13, $14)", 14, p, err);
}

#define STAY_COLUMNS                                                                                          \
    "SELECT s.id, s.person_id, s.org_id, o.code AS org_code, o.name AS org_name, s.ward_id,"                 \
    " w.code AS ward_code, w.name AS ward_name, w.team_id AS ward_team_id, s.idt_team_id, s.visit_number,"   \
    " s.source, s.specialty, s.bed, s.admitted_at, s.admitted_on, s.expected_discharge_on, s.status,"        \
    " s.discharged_at, s.discharged_on, s.discharge_destination, s.ctr_meets, s.ctr_reviewed_on, s.ready_on," \
    " s.pathway, s.planned_destination, s.delay_reason, r.label AS delay_reason_label,"                      \
    " r.category AS delay_category, COALESCE(s.delay_sector, r.sector) AS delay_sector, s.next_action,"     \
    " s.next_action_owner, s.version, s.updated_at FROM hospital_stays s"                                    \
    " JOIN organisations o ON o.id = s.org_id LEFT JOIN hospital_wards w ON w.id = s.ward_id"                \
    " LEFT JOIN discharge_delay_reasons r ON r.code = s.delay_reason"

json_t *discharge_stay_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "hospital_stays", id);
    const char *p[] = {id, pk};
    return store_query_one(db, STAY_COLUMNS " WHERE s.person_id = $2 AND s.id = $1", 2, p, err);
}

json_t *discharge_stay_for_feed(struct store *db, const char *org_id, const char *visit, struct store_error *err)
{
    const char *p[] = {org_id, visit};
    return store_query_one(db, "SELECT s.id, s.person_id, s.status, s.ward_id, w.name AS ward_name, s.admitted_at,"
                               " s.discharged_on FROM hospital_stays s LEFT JOIN hospital_wards w ON w.id = s.ward_id"
                               " WHERE s.org_id = $1 AND s.visit_number = $2", 2, p, err);
}

json_t *discharge_stay_by_visit(struct store *db, const char *org_id, const char *visit, struct store_error *err)
{
    const char *p[] = {org_id, visit};
    return store_query_one(db, STAY_COLUMNS " WHERE s.org_id = $1 AND s.visit_number = $2", 2, p, err);
}

json_t *discharge_stays_of_person(struct store *db, const char *person_id, struct store_error *err)
{
    const char *p[] = {person_id};
    return store_query_rows(db, STAY_COLUMNS " WHERE s.person_id = $1 ORDER BY s.admitted_at DESC, s.id DESC", 1, p,
                            err);
}

/* Runs an UPDATE and turns "no row" into STORE_ENOTFOUND. */
/* An UPDATE of one record of table: p[0] is its id, and the statement's
 * last parameter ($np + 1) is its person key (store_record_person). */
static int update(struct store *db, const char *table, const char *sql, int np, const char *const *p,
                  struct store_error *err)
{
    STORE_PK_OR(err->code, table, p[0]);
    const char *q[16];
    assert(np >= 1 && np < 16);
    for (int i = 0; i < np; i++)
        q[i] = p[i];
    q[np] = pk;
    int rc = store_run(db, sql, np + 1, q, err);
    return store_changed_one(db, rc, err);
}

int discharge_stay_set_admission(struct store *db, const struct actor *by, const char *id, const char *ward_id,
                                 const char *bed, const char *specialty, const char *admitted_at,
                                 const char *admitted_on, const char *expected_on, struct store_error *err)
{
    const char *p[] = {id, ward_id, nz(bed), nz(specialty), admitted_at, admitted_on, expected_on, by->now,
                       by->user_id};
    return update(db, "hospital_stays",
                  "UPDATE hospital_stays SET ward_id = COALESCE($2, ward_id), bed = $3, specialty = $4,"
                      " admitted_at = COALESCE($5, admitted_at), admitted_on = COALESCE($6, admitted_on),"
                      " expected_discharge_on = COALESCE($7, expected_discharge_on), version = version + 1,"
                      " updated_at = $8, updated_by = $9 WHERE person_id = $10 AND id = $1", 9, p, err);
}

int discharge_stay_set_ward(struct store *db, const struct actor *by, const char *id, const char *ward_id,
                            const char *bed, struct store_error *err)
{
    const char *p[] = {id, ward_id, nz(bed), by->now, by->user_id};
    return update(db, "hospital_stays",
                  "UPDATE hospital_stays SET ward_id = $2, bed = $3, version = version + 1, updated_at = $4,"
                      " updated_by = $5 WHERE person_id = $6 AND id = $1", 5, p, err);
}

int discharge_stay_set_status(struct store *db, const struct actor *by, const char *id, const char *status,
                              const char *at, const char *on, const char *destination, struct store_error *err)
{
    const char *p[] = {id, status, at, on, nz(destination), by->now, by->user_id};
    return update(db, "hospital_stays",
                  "UPDATE hospital_stays SET status = $2, discharged_at = $3, discharged_on = $4,"
                      " discharge_destination = $5, version = version + 1, updated_at = $6, updated_by = $7"
                      " WHERE person_id = $8 AND id = $1", 7, p, err);
}

int discharge_stay_set_review(struct store *db, const struct actor *by, const char *id, int meets,
                              const char *reviewed_on, const char *ready_on, struct store_error *err)
{
    const char *p[] = {id, meets ? "1" : "0", reviewed_on, ready_on, by->now, by->user_id};
    return update(db, "hospital_stays",
                  "UPDATE hospital_stays SET ctr_meets = CAST($2 AS INTEGER), ctr_reviewed_on = $3,"
                      " ready_on = $4, version = version + 1, updated_at = $5, updated_by = $6"
                      " WHERE person_id = $7 AND id = $1", 6, p, err);
}

int discharge_stay_set_ready_on(struct store *db, const struct actor *by, const char *id, const char *ready_on,
                                struct store_error *err)
{
    const char *p[] = {id, ready_on, by->now, by->user_id};
    return update(db, "hospital_stays",
                  "UPDATE hospital_stays SET ready_on = $2, version = version + 1, updated_at = $3,"
                      " updated_by = $4 WHERE person_id = $5 AND id = $1", 4, p, err);
}

int discharge_stay_set_pathway(struct store *db, const struct actor *by, const char *id, int pathway,
                               const char *destination, struct store_error *err)
{
    char pw[8];
    snprintf(pw, sizeof pw, "%d", pathway);
    const char *p[] = {id, pw, nz(destination), by->now, by->user_id};
    return update(db, "hospital_stays",
                  "UPDATE hospital_stays SET pathway = CAST($2 AS INTEGER), planned_destination = $3,"
                      " version = version + 1, updated_at = $4, updated_by = $5"
                      " WHERE person_id = $6 AND id = $1", 5, p, err);
}

int discharge_stay_set_delay(struct store *db, const struct actor *by, const char *id, const char *reason,
                             const char *sector, struct store_error *err)
{
    const char *p[] = {id, reason, sector, by->now, by->user_id};
    return update(db, "hospital_stays",
                  "UPDATE hospital_stays SET delay_reason = $2, delay_sector = $3, version = version + 1,"
                      " updated_at = $4, updated_by = $5 WHERE person_id = $6 AND id = $1", 5, p, err);
}

int discharge_stay_set_action(struct store *db, const struct actor *by, const char *id, const char *action,
                              const char *owner, struct store_error *err)
{
    const char *p[] = {id, nz(action), nz(owner), by->now, by->user_id};
    return update(db, "hospital_stays",
                  "UPDATE hospital_stays SET next_action = $2, next_action_owner = $3, version = version + 1,"
                      " updated_at = $4, updated_by = $5 WHERE person_id = $6 AND id = $1", 5, p, err);
}

int discharge_stay_team_add(struct store *db, const char *stay_id, const char *person_id, const char *team_id,
                            const char *part, struct store_error *err)
{
    const char *p[] = {stay_id, person_id, team_id, part};
    return store_run(db, "INSERT INTO stay_teams (stay_id, person_id, team_id, part) VALUES ($1, $2, $3, $4)"
                         " ON CONFLICT (person_id, stay_id, team_id) DO NOTHING", 4, p, err);
}

int discharge_stay_user_named(struct store *db, const char *stay_id, const char *user_id, int *named,
                              struct store_error *err)
{
    STORE_PK_OR(err->code, "hospital_stays", stay_id);
    char out[8] = "";
    const char *p[] = {stay_id, user_id, pk};
    int rc = store_query_text(db, "SELECT CASE WHEN EXISTS (SELECT 1 FROM stay_teams st JOIN user_teams ut"
                                  " ON ut.team_id = st.team_id WHERE st.person_id = $3 AND st.stay_id = $1"
                                  " AND ut.user_id = $2 AND st.ended_at IS NULL) THEN 'y' ELSE 'n' END AS named",
                              3, p, out, sizeof out, err);
    *named = out[0] == 'y';
    return rc == STORE_ENOTFOUND ? STORE_OK : rc;
}

int discharge_change_add(struct store *db, const struct actor *by, const char *stay_id, const char *person_id,
                         const char *field, const char *old_value, const char *new_value, const char *reason,
                         struct store_error *err)
{
    char id[STORE_ID_LEN];
    store_new_record_id(person_id, id);
    const char *p[] = {id, stay_id, person_id, field, old_value, new_value, nz(reason), by->user_id, by->now};
    return store_run(db, "INSERT INTO stay_changes (id, stay_id, person_id, field, old_value, new_value, reason,"
                         " changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", 9, p, err);
}

json_t *discharge_changes_list(struct store *db, const char *stay_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "hospital_stays", stay_id);
    const char *p[] = {stay_id, pk};
    return store_query_rows(db, "SELECT c.id, c.field, c.old_value, c.new_value, c.reason, c.changed_at,"
                                " COALESCE(u.display_name, 'Hospital system') AS changed_by_name"
                                " FROM stay_changes c LEFT JOIN users u ON u.id = c.changed_by"
                                " WHERE c.person_id = $2 AND c.stay_id = $1 ORDER BY c.changed_at, c.id", 2, p, err);
}

int discharge_review_add(struct store *db, const struct actor *by, const char *stay_id, const char *person_id,
                         const char *reviewed_on, int meets, const char *note, struct store_error *err)
{
    char id[STORE_ID_LEN];
    store_new_record_id(person_id, id);
    const char *p[] = {id, stay_id, person_id, reviewed_on, meets ? "1" : "0", nz(note), by->user_id, by->now};
    return store_run(db, "INSERT INTO stay_reviews (id, stay_id, person_id, reviewed_on, meets, note, reviewed_by,"
                         " created_at) VALUES ($1, $2, $3, $4, CAST($5 AS INTEGER), $6, $7, $8)", 8, p, err);
}

json_t *discharge_reviews_list(struct store *db, const char *stay_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "hospital_stays", stay_id);
    const char *p[] = {stay_id, pk};
    return store_query_rows(db, "SELECT r.id, r.reviewed_on, r.meets, r.note, r.created_at,"
                                " COALESCE(u.display_name, '') AS reviewed_by_name FROM stay_reviews r"
                                " LEFT JOIN users u ON u.id = r.reviewed_by WHERE r.person_id = $2 AND r.stay_id = $1"
                                " ORDER BY r.reviewed_on, r.created_at, r.id", 2, p, err);
}

int discharge_delay_reason_add(struct store *db, const struct actor *by, const char *stay_id,
                               const char *person_id, const char *code, const char *from_on, const char *sector,
                               const char *override_reason, struct store_error *err)
{
    char id[STORE_ID_LEN];
    store_new_record_id(person_id, id);
    const char *p[] = {id, stay_id, person_id, code, from_on, sector, nz(override_reason), by->user_id, by->now};
    return store_run(db, "INSERT INTO stay_delay_reasons (id, stay_id, person_id, reason_code, from_on, sector,"
                         " override_reason, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                     9, p, err);
}

json_t *discharge_delay_reasons_of(struct store *db, const char *stay_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "hospital_stays", stay_id);
    const char *p[] = {stay_id, pk};
    return store_query_rows(db, "SELECT d.id, d.reason_code, r.label, r.category, d.from_on, d.sector,"
                                " d.override_reason, d.recorded_at FROM stay_delay_reasons d"
                                " JOIN discharge_delay_reasons r ON r.code = d.reason_code WHERE d.person_id = $2 AND d.stay_id = $1"
                                " ORDER BY d.from_on, d.recorded_at, d.id", 2, p, err);
}

json_t *discharge_board(struct store *db, const struct board_query *q, struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", q->limit);
    const char *p[] = {q->org_id, q->user_id, nz(q->ward_code), nz(q->pathway), nz(q->sector), nz(q->after_ready),
                       nz(q->after_id), lim, q->everyone ? "1" : "0"};
    return store_query_rows(db,
        "SELECT s.id, s.person_id, p.given_name, p.family_name, p.nhs_number, p.date_of_birth,"
        " w.code AS ward_code, w.name AS ward_name, s.bed, s.admitted_on, s.ready_on, s.pathway,"
        " s.planned_destination, s.delay_reason, r.label AS delay_reason_label, r.category AS delay_category,"
        " COALESCE(s.delay_sector, r.sector) AS delay_sector, s.next_action, s.next_action_owner,"
        " t.kind AS transfer_kind, tm.name AS transfer_team, t.status AS transfer_status,"
        " s.version FROM hospital_stays s JOIN persons p ON p.id = s.person_id"
        " LEFT JOIN hospital_wards w ON w.id = s.ward_id"
        " LEFT JOIN discharge_delay_reasons r ON r.code = s.delay_reason"
        /* the stay's newest open transfer: one lookup, not one per column */
        " LEFT JOIN stay_transfers t ON t.person_id = s.person_id AND t.id = (SELECT t2.id FROM stay_transfers t2"
        "   WHERE t2.person_id = s.person_id AND t2.stay_id = s.id AND t2.status <> 'closed'"
        "   ORDER BY t2.created_at DESC, t2.id DESC LIMIT 1)"
        " LEFT JOIN teams tm ON tm.id = t.team_id"
        " WHERE s.org_id = $1 AND s.status = 'admitted' AND (s.ready_on IS NOT NULL OR $9 = '1')"
        " AND EXISTS (SELECT 1 FROM stay_teams st JOIN user_teams ut ON ut.team_id = st.team_id"
        "   WHERE st.person_id = s.person_id AND st.stay_id = s.id AND ut.user_id = $2 AND st.ended_at IS NULL)"
        " AND ($3 = '' OR w.code = $3) AND ($4 = '' OR CAST(s.pathway AS TEXT) = $4)"
        " AND ($5 = '' OR COALESCE(s.delay_sector, r.sector) = $5)"
        " AND ($6 = '' OR COALESCE(s.ready_on, '9999-12-31') > $6"
        "   OR (COALESCE(s.ready_on, '9999-12-31') = $6 AND s.id > $7))"
        " ORDER BY COALESCE(s.ready_on, '9999-12-31'), s.id LIMIT CAST($8 AS INTEGER)", 9, p, err);
}

int discharge_transfer_add(struct store *db, const struct actor *by, const struct transfer_row *t,
                           char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(t->person_id, id);
    const char *p[] = {id, t->stay_id, t->person_id, t->referral_id, t->kind, t->team_id, by->user_id, by->now,
                       t->assessed_by, t->assessed_on, t->assessment};
    return store_run(db, "INSERT INTO stay_transfers (id, stay_id, person_id, referral_id, kind, team_id, status,"
                         " created_by, created_at, updated_at, assessed_by, assessed_on, assessment)"
                         " VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $8, $9, $10, $11)",
                     11, p, err);
}

json_t *discharge_transfers_of_stay(struct store *db, const char *stay_id, struct store_error *err)
{
    STORE_PK_OR(NULL, "hospital_stays", stay_id);
    const char *p[] = {stay_id, pk};
    return store_query_rows(db, "SELECT t.id, t.kind, t.status, t.referral_id, r.status AS referral_status,"
                                " r.reassessment, tm.name AS team_name, t.assessed_by,"
                                " u.display_name AS assessed_by_name, t.assessed_on, t.assessment,"
                                " t.created_at FROM stay_transfers t"
                                " LEFT JOIN referrals r ON r.person_id = t.person_id AND r.id = t.referral_id"
                                " LEFT JOIN teams tm ON tm.id = t.team_id"
                                " LEFT JOIN users u ON u.id = t.assessed_by"
                                " WHERE t.person_id = $2 AND t.stay_id = $1 ORDER BY t.created_at DESC, t.id DESC", 2, p, err);
}

json_t *discharge_transfer_of_referral(struct store *db, const char *person_id, const char *referral_id,
                                       struct store_error *err)
{
    const char *p[] = {person_id, referral_id};
    return store_query_one(db, "SELECT id, stay_id, person_id, team_id, status, assessed_by, assessed_on"
                               " FROM stay_transfers"
                               " WHERE person_id = $1 AND referral_id = $2", 2, p, err);
}

int discharge_transfer_follow(struct store *db, const struct actor *by, const char *person_id, const char *id,
                              const char *status, const char *team_id, struct store_error *err)
{
    const char *p[] = {person_id, id, status, team_id, by->now};
    return store_run(db, "UPDATE stay_transfers SET status = $3, team_id = $4, updated_at = $5"
                         " WHERE person_id = $1 AND id = $2", 5, p, err);
}

int discharge_stay_team_receive(struct store *db, const char *stay_id, const char *person_id, const char *team_id,
                                struct store_error *err)
{
    const char *p[] = {stay_id, person_id, team_id};
    return store_run(db, "INSERT INTO stay_teams (stay_id, person_id, team_id, part) VALUES ($1, $2, $3, 'receiving')"
                         " ON CONFLICT (person_id, stay_id, team_id) DO UPDATE SET ended_at = NULL"
                         " WHERE stay_teams.part = 'receiving'", 3, p, err);
}

int discharge_stay_team_release(struct store *db, const char *stay_id, const char *person_id, const char *team_id,
                                const char *at, struct store_error *err)
{
    const char *p[] = {stay_id, person_id, team_id, at};
    return store_run(db, "UPDATE stay_teams SET ended_at = $4 WHERE person_id = $2 AND stay_id = $1"
                         " AND team_id = $3 AND part = 'receiving' AND ended_at IS NULL", 4, p, err);
}

int discharge_reablement_add(struct store *db, const struct actor *by, const struct reablement_row *r,
                             char id[STORE_ID_LEN], struct store_error *err)
{
    store_new_record_id(r->person_id, id);
    const char *p[] = {id, r->person_id, r->stay_id, r->team_id, r->start_on, r->planned_end_on, by->now,
                       by->user_id};
    return store_run(db, "INSERT INTO reablement_episodes (id, person_id, stay_id, team_id, start_on,"
                         " planned_end_on, created_at, created_by, updated_at, updated_by)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $7, $8)", 8, p, err);
}

json_t *discharge_reablement_get(struct store *db, const char *id, struct store_error *err)
{
    STORE_PK_OR(NULL, "reablement_episodes", id);
    const char *p[] = {id, pk};
    return store_query_one(db, "SELECT id, person_id, stay_id, team_id, start_on, planned_end_on, ended_on,"
                               " outcome, version FROM reablement_episodes WHERE person_id = $2 AND id = $1", 2, p, err);
}

int discharge_reablement_end(struct store *db, const struct actor *by, const char *id, const char *ended_on,
                             const char *outcome, const char *care_home_on, struct store_error *err)
{
    const char *p[] = {id, ended_on, outcome, by->now, by->user_id, care_home_on};
    return update(db, "reablement_episodes",
                  "UPDATE reablement_episodes SET ended_on = $2, outcome = $3, version = version + 1,"
                      " updated_at = $4, updated_by = $5, care_home_on = $6"
                      " WHERE person_id = $7 AND id = $1", 6, p, err);
}

json_t *discharge_demo_candidates(struct store *db, const char *born_by, int limit, struct store_error *err)
{
    char lim[16];
    snprintf(lim, sizeof lim, "%d", limit);
    const char *p[] = {born_by, lim};
    return store_query_rows(db, "SELECT id, nhs_number, family_name, given_name, date_of_birth FROM persons"
                                " WHERE nhs_number IS NOT NULL AND date_of_birth <= $1 AND merged_into IS NULL"
                                " ORDER BY id LIMIT CAST($2 AS INTEGER)", 2, p, err);
}

json_t *discharge_situation_rows(struct store *db, const char *org_id, const char *on, struct store_error *err)
{
    const char *p[] = {org_id, on};
    return store_query_rows(db, "SELECT s.id, s.admitted_on, s.ready_on, s.discharged_on, s.pathway, s.delay_reason,"
                                " r.label AS delay_reason_label, COALESCE(s.delay_sector, r.sector) AS delay_sector"
                                " FROM hospital_stays s LEFT JOIN discharge_delay_reasons r ON r.code = s.delay_reason"
                                " WHERE s.org_id = $1 AND s.status <> 'cancelled' AND s.admitted_on <= $2"
                                " AND (s.discharged_on IS NULL OR s.discharged_on >= $2) ORDER BY s.id", 2, p, err);
}

json_t *discharge_reablement_facts(struct store *db, const char *first, const char *last, struct store_error *err)
{
    const char *p[] = {first, last};
    return store_query_rows(db,
        "SELECT x.id, x.person_id, x.discharged_on, x.date_of_death,"
        " (SELECT n.admitted_on FROM hospital_stays n WHERE n.person_id = x.person_id AND n.status <> 'cancelled'"
        "   AND n.id <> x.stay_key AND n.admitted_on >= x.discharged_on ORDER BY n.admitted_on, n.id LIMIT 1)"
        "   AS readmitted_on,"
        " (SELECT n.discharged_on FROM hospital_stays n WHERE n.person_id = x.person_id AND n.status <> 'cancelled'"
        "   AND n.id <> x.stay_key AND n.admitted_on >= x.discharged_on ORDER BY n.admitted_on, n.id LIMIT 1)"
        "   AS readmission_discharged_on, x.care_home_on,"
        " (SELECT MIN(n.discharged_on) FROM hospital_stays n WHERE n.person_id = x.person_id"
        "   AND n.status = 'discharged' AND n.pathway = 3 AND n.id <> x.stay_key"
        "   AND n.discharged_on >= x.discharged_on) AS care_home_discharge_on"
        " FROM (SELECT e.id, e.person_id, COALESCE(e.stay_id, '') AS stay_key, e.care_home_on,"
        "   COALESCE(s.discharged_on, e.start_on) AS discharged_on, p.date_of_death"
        "   FROM reablement_episodes e JOIN persons p ON p.id = e.person_id"
        "   LEFT JOIN hospital_stays s ON s.person_id = e.person_id AND s.id = e.stay_id) x"
        " WHERE x.discharged_on >= $1 AND x.discharged_on <= $2 ORDER BY x.id", 2, p, err);
}
