/* persons: the shared person record as services — registering, changing,
 * finding, and earlier versions (the JSON API, the pages and FHIR:
 * src/api/persons.c, src/fhir/patient.c).
 *
 * Input is a body keyed as the JSON API's (svc/person_input.h decodes and
 * names each field in c->errors). Every read goes through the access
 * choke point (svc/access.h) and is audited before it is released; every
 * write is one transaction with its audit entry.
 *
 * Outcomes: SVC_OK; SVC_INVALID (field errors); SVC_DUPLICATE_NHS (an NHS
 * number already in use: c->detail says so); SVC_NO_RELATIONSHIP,
 * SVC_OBJECTION, SVC_NOTFOUND; SVC_PRECONDITION / SVC_STALE (version);
 * SVC_FAILED. JSON handed back is owned by the context. */
#ifndef SEAMLESS_SVC_PERSONS_H
#define SEAMLESS_SVC_PERSONS_H
#include "store/persons.h"
#include "svc/svc.h"

/* Registers a person from body; the person joins the caseload of the
 * user's team team_id (NULL: the user's first team). *out: the record.
 * An NHS number already in use: SVC_DUPLICATE_NHS, c->extra
 * {existing_id}. svc_person_register with check_likely also refuses a
 * likely duplicate — same name, date of birth and postcode — with
 * SVC_POSSIBLE_DUPLICATE, c->extra {candidates} (the JSON API and the
 * registration page, unless the user confirms it is someone else).
 * svc_person_register fills id with the new person's; out may be NULL
 * when the caller reads the record itself (the JSON API and the page make
 * an audited read of it): the record is then not read back. */
int svc_person_create(struct svc_ctx *c, json_t *body, const char *team_id, json_t **out);
int svc_person_register(struct svc_ctx *c, json_t *body, const char *team_id, int check_likely,
                        char id[STORE_ID_LEN], json_t **out);
/* Registering many decoded, checked rows (person_input.h) in the caller's
 * open transaction, without their audit entries, in two steps: each row
 * with svc_person_stage (id: the new person's; nothing is written to the
 * record yet, see persons_stage_add), then all of them at once with
 * svc_persons_registered, rows[i] being the row staged as ids[i], or NULL
 * when svc_person_row_has_parts says it has neither contacts nor a local
 * identifier (the
 * people, the cohort lists, the organisation c->org_id holding their data,
 * the caseload of team_id (NULL: none), the "registered" event saying
 * event, then each one's contacts and local identifier), after
 * svc_persons_stage_open began the batch. A store code on failure, or
 * SVC_INVALID (field local_identifier) when another person holds the
 * identifier. */
int svc_person_row_has_parts(json_t *row);
int svc_persons_stage_open(struct svc_ctx *c);
int svc_person_stage(struct svc_ctx *c, json_t *row, char id[STORE_ID_LEN]);
int svc_persons_registered(struct svc_ctx *c, json_t *const *rows, const char (*ids)[STORE_ID_LEN], int n,
                           const char *team_id, const char *event);
/* The id of the person other than self_id (NULL: anyone) holding the
 * local identifier of the caller's organisation, or NULL. */
const char *svc_person_identifier_holder(struct svc_ctx *c, const char *identifier, const char *self_id);
/* Changes the person's record: body members present replace the stored
 * ones (a member set to null clears it). e: If-Match and/or version. */
int svc_person_update(struct svc_ctx *c, const char *person_id, const struct svc_expect *e, json_t *body,
                      json_t **out);

/* A search (store/persons.h: by NHS number, family name + date of birth,
 * postcode) after cursor id: the full records of the people the principal
 * may see (each audited with its basis), in id order; people found but
 * not theirs to see are left out (their refusals are not audited: nothing
 * was shown). next: the cursor of the next page, "" when this is the last. */
int svc_person_search(struct svc_ctx *c, enum person_search by, const char *a, const char *b,
                      const char *after_id, int limit, json_t **out, char next[STORE_ID_LEN]);

/* Finding a person to identify them (the JSON API and the search page):
 * anyone handling personal data may see who matches — name, date of
 * birth, NHS number — and each result says has_access; the postcode and
 * the rest of the record need a legitimate relationship. Exactly one of:
 * nhs_number; family_name with date_of_birth (YYYY-MM-DD); postcode —
 * SVC_INVALID naming the field (or "query" when none is given). After
 * cursor (an id), at most limit; *next: the next page's cursor, or NULL.
 * Every person returned is audited ("search", basis "identify" or the
 * relationship). */
struct svc_person_query {
    const char *nhs_number, *family_name, *date_of_birth, *postcode, *cursor;
};
int svc_person_find(struct svc_ctx *c, const struct svc_person_query *q, int limit, json_t **items,
                    const char **next);

/* Merges merge_id (a duplicate record of the same person) into person_id
 * (org admins, by the route's permission): everything of the merged record
 * moves to the survivor, which takes its NHS number if it had none; the
 * merged record stays, marked merged_into, so its history and audit trail
 * remain reachable. Audited "merge" on the survivor and "merged_into" on
 * the merged record, in one transaction. SVC_INVALID naming merge_id (or
 * id) for a missing, same, unknown or already-merged record. */
int svc_person_merge(struct svc_ctx *c, const char *person_id, const char *merge_id);

/* One version of the record (the current one or a kept earlier one):
 * SVC_NOTFOUND "No such version." when not held. */
int svc_person_version(struct svc_ctx *c, const char *person_id, long long version, json_t **out);
/* Every version held, newest first (the current one first), at most limit. */
int svc_person_history(struct svc_ctx *c, const char *person_id, int limit, json_t **out);

#endif
