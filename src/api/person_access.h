/* person_access: the one way to personal data. Every handler that reads or
 * changes a person's record goes through person_check (access decision,
 * domain/access.h) and, for reads, person_read (which also writes the audit
 * entry before the data is released). A unit test fails on any file under
 * src/api that calls persons_get without going through here. */
#ifndef SEAMLESS_PERSON_ACCESS_H
#define SEAMLESS_PERSON_ACCESS_H
#include "http/http.h"
#include "domain/access.h"

/* 0 when the caller may see the person (decision and audit basis filled);
 * otherwise res holds 404 or 403 (type …/no-legitimate-relationship, or
 * …/objection-to-sharing) and -1 is returned. */
int person_check(struct request *req, struct response *res, const char *person_id,
                 enum access_decision *decision, const char **basis);
/* A record about one person, fetched by the caller (row NULL: err says
 * why): 404 "No such <what>." or 503, else person_check on the row's
 * person_id. Returns row with "basis" set to the audit basis, or NULL with
 * res set (row is freed). The caller audits its read. */
json_t *person_record_check(struct request *req, struct response *res, json_t *row, const struct store_error *err,
                            const char *what);
/* person_check, then the record (with "access": {basis, break_glass_expires_at})
 * after its audited read. NULL with res set on any failure. */
json_t *person_read(struct request *req, struct response *res, const char *person_id);

/* The person banner for a page about one person (NHS.UK patient banner:
 * name, NHS number 3-3-4, date of birth and age, alerts), as "banner" in
 * data for the _person_banner partial. Call only after person_check (or
 * person_record_check) allowed this person: the page's read is audited by
 * its caller. Nothing is added when the person cannot be loaded. */
void person_banner(struct request *req, json_t *data, const char *person_id);

#endif
