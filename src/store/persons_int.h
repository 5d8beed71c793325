/* persons_int: what persons.c and persons_bulk.c share — the columns a
 * registration writes and how a decoded row (svc/person_input.h) binds to
 * them. Not for other modules. */
#ifndef SEAMLESS_STORE_PERSONS_INT_H
#define SEAMLESS_STORE_PERSONS_INT_H
#include "store/store.h"
#include <jansson.h>

struct actor;

/* The editable columns ($1..$29, persons_bind_editable), then id ($30),
 * registered_org_id ($31), created_at and updated_at ($32), created_by and
 * updated_by ($33). */
#define PERSONS_INSERT_COLUMNS \
    "nhs_number, nhs_number_status, family_name, given_name, preferred_name, family_name_key, given_name_key," \
    " date_of_birth, date_of_death, sex, postcode, address_line1, address_line2, town, gp_practice_id, phone," \
    " email, main_language, interpreter_needed, communication_needs, objects_to_sharing, alert_safeguarding," \
    " alert_risk_to_staff, alert_note, ltc_count, efi_deficits, predicted_cost_pence, efi_count, frailty_flag, id," \
    " registered_org_id, created_at, created_by, updated_at, updated_by"
#define PERSONS_INSERT_PARAMS \
    "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23," \
    " $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $32, $33"
#define PERSONS_EDITABLE 29

/* Binds the row's editable columns to $first.. in the order above, giving
 * a row without an NHS number status the one a typed-in number has. */
void persons_bind_editable(struct store_stmt *s, int first, json_t *row);
/* Binds a new person's row to $1..$33 as above, with a new id (into id),
 * by->now and by->user_id. */
void persons_bind_new(struct store_stmt *s, json_t *row, const struct actor *by, char id[STORE_ID_LEN]);

#endif
