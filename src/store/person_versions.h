/* person_versions: earlier versions of a person's record (migration 023),
 * for FHIR vread and _history. persons_update keeps the outgoing version
 * here in the caller's transaction; the current one is in persons.
 * Records come back as the JSON persons_get built at the time (owned by
 * the caller); NULL with STORE_ENOTFOUND when that version is not held. */
#ifndef SEAMLESS_PERSON_VERSIONS_H
#define SEAMLESS_PERSON_VERSIONS_H
#include <jansson.h>
#include "store/store.h"

/* Keeps record (a persons_get result, version and updated_at read from it). */
int person_versions_add(struct store *db, const char *person_id, json_t *record, struct store_error *err);
json_t *person_versions_get(struct store *db, const char *person_id, long long version, struct store_error *err);
/* Earlier versions, newest first, at most limit: array of records. */
json_t *person_versions_list(struct store *db, const char *person_id, int limit, struct store_error *err);

#endif
