/* localities: the places a county's neighbourhood working is organised by.
 * GP practices and locality teams belong to one; a person's locality is
 * their GP practice's. Writes expect the caller's transaction. */
#ifndef SEAMLESS_LOCALITIES_STORE_H
#define SEAMLESS_LOCALITIES_STORE_H
#include <jansson.h>
#include "store/accounts.h"

int localities_add(struct store *db, const struct actor *by, const char *code, const char *name,
                   char id_out[STORE_ID_LEN], struct store_error *err);
int localities_id_by_code(struct store *db, const char *code, char id_out[STORE_ID_LEN], struct store_error *err);
/* [{id, code, name, practices, teams}] by name. */
json_t *localities_list(struct store *db, struct store_error *err);
/* STORE_ENOTFOUND when the organisation or team does not exist. */
int localities_set_org(struct store *db, const char *org_id, const char *locality_id, struct store_error *err);
int localities_set_team(struct store *db, const char *team_id, const char *locality_id, struct store_error *err);
/* Number of person records (merged ones included) into *out. */
int localities_person_count(struct store *db, long long *out, struct store_error *err);

#endif
