/* disputes: inter-agency disputes, partnerships and boards (migration 022).
 *
 * Rows travel as JSON objects (store_row_json). Writes expect the caller's
 * transaction; a version-checked write that matches no row (stale version,
 * or the dispute no longer open) returns STORE_ENOTFOUND. Dates are
 * "YYYY-MM-DD", money integer pence, splits basis points. */
#ifndef SEAMLESS_DISPUTES_STORE_H
#define SEAMLESS_DISPUTES_STORE_H
#include <jansson.h>
#include <stdint.h>
#include "store/accounts.h"

/* ---- partnerships ---- */

/* {id, name, stage1_days..stage4_days (null: default), suppress_max,
 * attachment_max_bytes, version} of the partnership both organisations
 * belong to (the first by name), or NULL with STORE_ENOTFOUND. */
json_t *partnership_of_orgs(struct store *db, const char *org_a, const char *org_b, struct store_error *err);
/* The partnerships org_id belongs to, by name, each with "orgs": [{id, code, name, type}]. */
json_t *partnerships_of_org(struct store *db, const char *org_id, struct store_error *err);
json_t *partnership_get(struct store *db, const char *id, struct store_error *err);
int partnership_insert(struct store *db, const struct actor *by, const char *name, char id[STORE_ID_LEN],
                       struct store_error *err);
int partnership_add_org(struct store *db, const char *partnership_id, const char *org_id, struct store_error *err);
/* days[4] (0: default), version-checked. */
int partnership_set_policy(struct store *db, const struct actor *by, const char *id, long long version,
                           const int days[4], int suppress_max, struct store_error *err);
/* {id, code, name, type} or NULL (STORE_ENOTFOUND). */
json_t *disputes_org(struct store *db, const char *org_id, struct store_error *err);

/* ---- boards ---- */

int board_insert(struct store *db, const struct actor *by, const char *partnership_id, const char *name,
                 const char *first_on, int cycle_days, char id[STORE_ID_LEN], struct store_error *err);
int board_add_member(struct store *db, const char *board_id, const char *user_id, struct store_error *err);
/* Boards of the partnerships org_id belongs to, by name, each with
 * "member": 1 when user_id is a member, and "members": [{display_name, role, org_name}]. */
json_t *boards_for(struct store *db, const char *org_id, const char *user_id, struct store_error *err);
json_t *board_get(struct store *db, const char *id, struct store_error *err);
/* {shared_care_decisions, disputes_settled, disputes_withdrawn} decided or
 * closed on from..to (inclusive dates): counts only. */
json_t *board_received(struct store *db, const char *from, const char *to, struct store_error *err);
/* {id, org_id, role} of a user of an organisation of the partnership, or NULL (STORE_ENOTFOUND). */
json_t *partnership_user(struct store *db, const char *partnership_id, const char *user_id, struct store_error *err);

/* ---- disputes ---- */

/* Up to limit open plan tasks of agreed or active plans accountable to an
 * organisation of type org_type ({id, person_id}), newest first (demo). */
json_t *disputes_tasks_accountable_to(struct store *db, const char *org_type, int limit, struct store_error *err);

/* What a dispute is about: {person_id, weekly_cost_pence, funder_side
 * ("nhs", "council" or null)}, or NULL (STORE_ENOTFOUND) when type/id name
 * nothing disputable. */
json_t *disputes_subject(struct store *db, const char *type, const char *id, struct store_error *err);

struct dispute_row {
    const char *partnership_id, *person_id, *subject_type, *subject_id;
    const char *raised_by_org_id, *against_org_id, *interim_funder_org_id;
    const char *question, *position;
    int64_t weekly_cost_pence;
    const char *raised_on, *stage_deadline;
    int deadline_estimated;
};
int disputes_insert(struct store *db, const struct actor *by, const struct dispute_row *d, char id[STORE_ID_LEN],
                    struct store_error *err);
/* The dispute with party names, person banner fields and policy days. */
json_t *disputes_get(struct store *db, const char *id, struct store_error *err);
/* Events oldest first, attachments (no content) newest first, reconciliation or null. */
json_t *disputes_events(struct store *db, const char *id, struct store_error *err);
json_t *disputes_attachments(struct store *db, const char *id, struct store_error *err);
json_t *disputes_reconciliation(struct store *db, const char *id, struct store_error *err);

struct dispute_filter {
    const char *org_id;       /* a party */
    const char *created_by;   /* only these (a practitioner's own), or NULL */
    const char *state;        /* "open", "overdue" (open and stage_deadline < today), "closed" */
    const char *today;
    const char *after_id;     /* cursor: ids after this one */
    int limit;
};
json_t *disputes_list(struct store *db, const struct dispute_filter *f, struct store_error *err);

int disputes_event_add(struct store *db, const struct actor *by, const char *dispute_id, const char *person_id,
                       const char *org_id, const char *kind, int stage, const char *text, struct store_error *err);
/* Open dispute id at version: next stage from started, with its deadline. */
int disputes_escalate(struct store *db, const struct actor *by, const char *id, long long version, int stage,
                      const char *started, const char *deadline, int estimated, struct store_error *err);
/* Bumps the version (a note or an attachment); sets against_position when given. */
int disputes_touch(struct store *db, const struct actor *by, const char *id, long long version,
                   const char *against_position, struct store_error *err);
/* split NULL: no split agreed. */
int disputes_settle(struct store *db, const struct actor *by, const char *id, long long version, const char *outcome,
                    const char *effective_from, const int64_t *split, const char *closed_on, struct store_error *err);
int disputes_withdraw(struct store *db, const struct actor *by, const char *id, long long version,
                      const char *closed_on, struct store_error *err);

struct dispute_reconciliation_row {
    const char *dispute_id, *person_id, *interim_funder, *from_on, *to_on, *reconciled_on;
    int64_t days, weekly, total, nhs, council, person, council_owes_nhs;
};
int disputes_reconciliation_insert(struct store *db, const struct actor *by,
                                   const struct dispute_reconciliation_row *r, struct store_error *err);
/* Reconciliations recorded from..to (inclusive), for the recharge statement. */
json_t *disputes_reconciliations_between(struct store *db, const char *from, const char *to, struct store_error *err);

int disputes_attachment_insert(struct store *db, const struct actor *by, const char *dispute_id,
                               const char *person_id, const char *org_id, const char *filename,
                               const char *content_type, int64_t size, const char *sha256, const char *base64,
                               char id[STORE_ID_LEN], struct store_error *err);
/* The attachment with its content (base64) and dispute_id. */
json_t *disputes_attachment_get(struct store *db, const char *dispute_id, const char *id, struct store_error *err);

#endif
