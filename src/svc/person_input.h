/* person_input: decode and validate a person from a JSON body or a form
 * (both arrive as a JSON object), over the current record for PATCH.
 * Every problem is added to errors naming the field. */
#ifndef SEAMLESS_PERSON_INPUT_H
#define SEAMLESS_PERSON_INPUT_H
#include <jansson.h>
#include "store/store.h"

/* Builds the row for store/persons.c from body over current (NULL for a
 * new person). today is "YYYY-MM-DD". Returns the row (caller owns) —
 * meaningful only when errors stayed empty. Contacts, when given, are put
 * in row["contacts"] (validated); local_identifier in row["local_identifier"]. */
json_t *person_input_decode(struct store *db, json_t *body, json_t *current, const char *today, json_t *errors);

/* The names person_input_decode reads from a body, NULL-terminated. */
extern const char *const PERSON_INPUT_FIELDS[];
/* 1 when name is one of them. */
int person_input_field_known(const char *name);
/* Names in errors each member of body that is neither one of them nor in
 * also (NULL-terminated): "is not a field of a person's record". So a
 * misspelt member (postcde) is refused rather than dropped. */
void person_input_unknown(json_t *body, const char *const *also, json_t *errors);


#endif
