/* person_import: registering many people at once — a council moving its
 * client index from its old system (`seamless import persons`).
 *
 * The adapter reads the file (util/table_rows.h) and hands rows over in
 * batches; each row is checked by the rules of the API's create (the same
 * decoder, svc/person_input.h: NHS number check digit, dates, sex, postcode
 * …), and an NHS number already registered, or already on an earlier line
 * of the file, turns the row away; so does the API's likely duplicate (the
 * same name, date of birth and postcode, on the record or earlier in the
 * file) unless the row says confirm_not_duplicate, as the API asks.
 * Each batch is one transaction: its people
 * (each with the "registered" event, the organisation holding their data
 * and, with a team, that team's caseload), one audit entry per person
 * created (action "create", basis "system"), and the run's progress
 * (store/import_runs.h) — so a batch is in or out whole, and a run that
 * stops (a crash, a full disk) resumes after its last committed batch when
 * started again on the same file (found by its SHA-256).
 *
 * Rejected rows are added to the caller's array as {line, field, message}
 * (field "" when the row as a whole is wrong); the messages are the API's. */
#ifndef SEAMLESS_SVC_PERSON_IMPORT_H
#define SEAMLESS_SVC_PERSON_IMPORT_H
#include "svc/svc.h"
#include "util/strmap.h"

struct svc_import {
    struct svc_ctx *c;
    char run_id[STORE_ID_LEN];
    char org_id[STORE_ID_LEN];
    char team_id[STORE_ID_LEN];   /* "" : no caseload */
    long long resume_after;       /* lines an earlier run finished (0: a new run) */
    long long earlier_imported, earlier_rejected;
    struct strmap seen;           /* NHS number, "local:" identifier → line, for duplicates within the file */
    struct strmap batch_likely;   /* likely-duplicate keys of the batch's rows (staged, not yet on the record) */
    int failed;                   /* set by a batch that could not check or note its rows: it fails */
    long long imported, rejected; /* this run */
};

struct svc_import_row {
    long line;
    json_t *body;                 /* the row as a JSON body; NULL when problem says why not */
    const char *problem;
};

/* Opens the import of the file with digest sha256 (name for people reading
 * import_runs) for the organisation org_code and, when team_code is given,
 * that team's caseload. c is a system context (svc_ctx_system). SVC_INVALID
 * naming "org" or "team"; SVC_CONFLICT when this file was imported to the
 * end already. */
int svc_person_import_open(struct svc_ctx *c, struct svc_import *im, const char *org_code, const char *team_code,
                           const char *sha256, const char *name);
/* Imports rows[0..n) and records the run done up to last_line, in one
 * transaction. SVC_FAILED (nothing of the batch written) when the database
 * refused; the run can be resumed. */
int svc_person_import_batch(struct svc_import *im, const struct svc_import_row *rows, int n, long last_line,
                            json_t *rejects);
/* The first of a CSV header's column names that the import does not read
 * (not a person field of the API's create body, nor confirm_not_duplicate),
 * or NULL. Such a column is refused, not skipped: a misspelt "postcde"
 * would otherwise drop every row's postcode without a word. */
const char *svc_person_import_unknown_column(const json_t *columns);
/* The names it reads, for people: "nhs_number, nhs_number_status, …". */
const char *svc_person_import_fields(void);
/* Marks the run finished; frees what open allocated. */
int svc_person_import_close(struct svc_import *im, int finished);

#endif
