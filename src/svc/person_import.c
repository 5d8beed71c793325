/* person_import: see person_import.h. */
#include "svc/person_import.h"
#include "svc/input.h"
#include "store/accounts.h"
#include "store/import_runs.h"
#include "store/persons.h"
#include "svc/input.h"
#include "svc/person_input.h"
#include "svc/persons.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int svc_person_import_open(struct svc_ctx *c, struct svc_import *im, const char *org_code, const char *team_code,
                           const char *sha256, const char *name)
{
    memset(im, 0, sizeof *im);
    strmap_init(&im->seen);
    strmap_init(&im->batch_likely);
    im->c = c;
    if (!org_code || accounts_org_id_by_code(c->db, org_code, im->org_id, &c->err) != 0) {
        svc_field_error(c, "org", "is not the code of an organisation on the record");
        return SVC_INVALID;
    }
    if (team_code && accounts_team_id_by_code(c->db, im->org_id, team_code, im->team_id, &c->err) != 0) {
        svc_field_error(c, "team", "is not the code of one of the organisation's teams");
        return SVC_INVALID;
    }
    c->org_id = arena_strdup(c->arena, im->org_id);
    struct import_run run;
    int rc = import_runs_find(c->db, "persons", sha256, &run, &c->err);
    if (rc == 0) {
        if (run.finished)
            return svc_refuse(c, SVC_CONFLICT, "Already imported",
                              "This file was imported to the end already; nothing was imported again.");
        memcpy(im->run_id, run.id, sizeof im->run_id);
        im->resume_after = run.last_line;
        im->earlier_imported = run.imported;
        im->earlier_rejected = run.rejected;
    } else if (rc == STORE_ENOTFOUND) {
        rc = svc_tx_begin(c);
        if (rc == 0)
            rc = import_runs_insert(c->db, "persons", sha256, name, im->org_id, svc_now(c), im->run_id, &c->err);
        if (rc == 0)
            rc = svc_tx_audit(c, "import_start", "import_run", im->run_id, NULL, "system");
        rc = svc_tx_end(c, rc);
        if (rc != SVC_OK)
            return rc;
    } else {
        return svc_failed(c, "import run");
    }
    store_bulk_cache(c->db, 256, &c->err);   /* a hint: the import is only slower without it */
    return SVC_OK;
}

static int import_field_known(const char *name)
{
    return person_input_field_known(name) || strcmp(name, "confirm_not_duplicate") == 0;
}

const char *svc_person_import_unknown_column(const json_t *columns)
{
    size_t i;
    json_t *name;
    json_array_foreach(columns, i, name)
        if (!import_field_known(json_string_value(name)))
            return json_string_value(name);
    return NULL;
}

const char *svc_person_import_fields(void)
{
    static char list[600];
    if (!list[0]) {
        size_t at = 0;
        for (size_t i = 0; PERSON_INPUT_FIELDS[i] && at < sizeof list; i++)
            at += (size_t)snprintf(list + at, sizeof list - at, "%s, ", PERSON_INPUT_FIELDS[i]);
        if (at < sizeof list)
            snprintf(list + at, sizeof list - at, "confirm_not_duplicate");
    }
    return list;
}

static void reject(struct svc_import *im, json_t *rejects, long line, const char *field, const char *message)
{
    json_array_append_new(rejects, json_pack("{s:I, s:s, s:s}", "line", (json_int_t)line, "field", field,
                                             "message", message));
    im->rejected++;
}

/* The likely-duplicate key of a row (name keys, date of birth and
 * postcode; each length-prefixed, so no two rows share a key by accident)
 * into buf (size n), or NULL when the row has no postcode. */
static const char *likely_key(json_t *row, char *buf, size_t n)
{
    const char *f[] = {json_string_value(json_object_get(row, "family_name_key")),
                       json_string_value(json_object_get(row, "given_name_key")),
                       json_string_value(json_object_get(row, "date_of_birth")),
                       json_string_value(json_object_get(row, "postcode"))};
    if (!f[3])
        return NULL;
    size_t at = 0;
    for (int i = 0; i < 4 && at < n; i++)
        at += (size_t)snprintf(buf + at, n - at, "%zu:%s|", strlen(f[i] ? f[i] : ""), f[i] ? f[i] : "");
    return at < n ? buf : NULL;
}

/* Why the row's NHS number or the person is on the record already, or
 * earlier in the file (*field: the field to name), or NULL. The likely
 * duplicate is the API's rule (same name keys, date of birth and
 * postcode), on the record (earlier batches are) or earlier in this batch
 * (staged, not yet on the record). buf (96) holds a "same as on line N"
 * message. */
static const char *duplicate_why(struct svc_import *im, json_t *row, int confirmed, const char **field, char *buf)
{
    const char *nhs = json_string_value(json_object_get(row, "nhs_number"));
    const char *postcode = confirmed ? NULL : json_string_value(json_object_get(row, "postcode"));
    struct store_error err = {0};
    long first;
    *field = "nhs_number";
    if (nhs && strmap_get(&im->seen, nhs, &first)) {
        snprintf(buf, 96, "is the same as on line %ld of this file", first);
        return buf;
    }
    char key[1200];
    const char *k = postcode ? likely_key(row, key, sizeof key) : NULL;
    int taken = 0, on_record = 0, in_batch = k && strmap_get(&im->batch_likely, k, NULL);
    if ((nhs || (postcode && !in_batch)) &&
        persons_clashes(im->c->db, nhs, json_string_value(json_object_get(row, "family_name_key")),
                        json_string_value(json_object_get(row, "given_name_key")),
                        json_string_value(json_object_get(row, "date_of_birth")), in_batch ? NULL : postcode, &taken,
                        &on_record, &err) != 0)
        im->failed = 1;   /* not known to be new: the batch fails, and is read again on resuming */
    if (taken)
        return "belongs to a person already on the record";
    if (postcode && (in_batch || on_record)) {
        *field = "confirm_not_duplicate";
        return "may be someone already registered: a person with the same name, date of birth and postcode is on "
               "the record or earlier in the file (set confirm_not_duplicate to true to register them as well)";
    }
    return NULL;
}

/* Why the local identifier (key: its key in im->seen) is taken, earlier in
 * the file or in the organisation, or NULL. buf as for duplicate_why. */
static const char *local_id_why(struct svc_import *im, const char *local, const char *key, char *buf)
{
    long first;
    if (local && *local && strmap_get(&im->seen, key, &first)) {
        snprintf(buf, 96, "is the same as on line %ld of this file", first);
        return buf;
    }
    if (local && svc_person_identifier_holder(im->c, local, NULL))
        return "is already another person's number in your organisation";
    return NULL;
}

/* Checks one row; returns the row to insert (caller owns) or NULL after
 * rejecting it. */
static json_t *check_row(struct svc_import *im, const struct svc_import_row *r, const char *today, json_t *rejects)
{
    if (!r->body) {
        reject(im, rejects, r->line, "", r->problem ? r->problem : "the row could not be read");
        return NULL;
    }
    const char *given;
    json_t *value;
    json_object_foreach(r->body, given, value) {
        if (!import_field_known(given)) {   /* NDJSON: each line has its own names */
            char name[64];
            size_t n = strlen(given) < 60 ? strlen(given) : 60;
            while (n < strlen(given) && n > 0 && ((unsigned char)given[n] & 0xC0) == 0x80)
                n--;   /* cut between characters */
            snprintf(name, sizeof name, "%.*s", (int)n, given);
            reject(im, rejects, r->line, name, "is not a person field, so the import would drop it: check its name");
            return NULL;
        }
    }
    json_t *errors = json_array();
    json_t *row = person_input_decode(im->c->db, r->body, NULL, today, errors);
    if (json_array_size(errors) > 0) {
        size_t i;
        json_t *e;
        json_array_foreach(errors, i, e)
            reject(im, rejects, r->line, json_string_value(json_object_get(e, "field")),
                   json_string_value(json_object_get(e, "message")));
        im->rejected -= (long long)json_array_size(errors) - 1;   /* one row, however many reasons */
        json_decref(errors);
        json_decref(row);
        return NULL;
    }
    json_decref(errors);
    int confirmed = 0;
    if (json_object_get(r->body, "confirm_not_duplicate") &&
        input_bool_value(json_object_get(r->body, "confirm_not_duplicate"), &confirmed) < 0) {
        reject(im, rejects, r->line, "confirm_not_duplicate", "must be true or false");
        json_decref(row);
        return NULL;
    }
    const char *nhs = json_string_value(json_object_get(row, "nhs_number"));
    const char *local = json_string_value(json_object_get(row, "local_identifier"));
    char first_line[96], key[96];
    snprintf(key, sizeof key, "local:%s", local ? local : "");
    const char *field, *why = duplicate_why(im, row, confirmed, &field, first_line);
    if (!why) {
        field = "local_identifier";
        why = local_id_why(im, local, key, first_line);
    }
    if (why) {
        reject(im, rejects, r->line, field, why);
        json_decref(row);
        return NULL;
    }
    char likely[1200];
    const char *k = likely_key(row, likely, sizeof likely);
    if ((nhs && strmap_put(&im->seen, nhs, r->line) < 0) || (local && *local && strmap_put(&im->seen, key, r->line) < 0) ||
        (k && strmap_put(&im->batch_likely, k, r->line) < 0))
        im->failed = 1;   /* the batch fails: a duplicate could pass unseen */
    return row;
}

int svc_person_import_batch(struct svc_import *im, const struct svc_import_row *rows, int n, long last_line,
                            json_t *rejects)
{
    struct svc_ctx *c = im->c;
    const char *today = svc_date_offset(c, 0);
    size_t size = (size_t)(n ? n : 1);
    struct audit_entry *entries = calloc(size, sizeof *entries);
    char (*ids)[STORE_ID_LEN] = calloc(size, STORE_ID_LEN);
    json_t **staged = calloc(size, sizeof *staged);
    size_t rejects_before = json_array_size(rejects);
    long long rejected_before = im->rejected;
    int made = 0;
    int rc = entries && ids && staged ? svc_tx_begin(c) : SVC_FAILED;
    if (rc == 0)
        rc = svc_persons_stage_open(c);
    for (int i = 0; i < n && rc == 0; i++) {
        json_t *row = check_row(im, &rows[i], today, rejects);
        if (im->failed) {
            json_decref(row);
            rc = svc_failed(c, "import: rows could not be checked");
            break;
        }
        if (!row)
            continue;
        rc = svc_person_stage(c, row, ids[made]);
        if (svc_person_row_has_parts(row))
            staged[made] = row;   /* written once the person is: svc_persons_registered */
        else
            json_decref(row);     /* nothing more to write from it */
        entries[made] = (struct audit_entry){NULL, c->org_id, c->role, "create", "person", ids[made], ids[made],
                                             "system", c->request_id, NULL, 0};
        made++;
    }
    if (rc == 0)
        rc = svc_persons_registered(c, staged, (const char (*)[STORE_ID_LEN])ids, made,
                                    im->team_id[0] ? im->team_id : NULL, "Registered by a bulk import");
    if (rc == 0)
        rc = audit_append_many(c->db, entries, made, &c->err);
    if (rc == 0)
        rc = import_runs_advance(c->db, im->run_id, last_line, made, im->rejected - rejected_before, &c->err);
    rc = svc_tx_end(c, rc);
    strmap_free(&im->batch_likely);
    for (int i = 0; i < made; i++)
        json_decref(staged[i]);
    free(staged);
    free(entries);
    free(ids);
    if (rc == SVC_OK) {
        im->imported += made;
        return SVC_OK;
    }
    /* Nothing of the batch is in: its rejections are not reported either,
     * the rerun reads these lines again. */
    while (json_array_size(rejects) > rejects_before)
        json_array_remove(rejects, json_array_size(rejects) - 1);
    im->rejected = rejected_before;
    return rc;
}

int svc_person_import_close(struct svc_import *im, int finished)
{
    struct svc_ctx *c = im->c;
    int rc = SVC_OK;
    if (finished) {
        rc = svc_tx_begin(c);
        if (rc == 0)
            rc = import_runs_finish(c->db, im->run_id, svc_now(c), &c->err);
        if (rc == 0)
            rc = svc_tx_audit(c, "import_finish", "import_run", im->run_id, NULL, "system");
        rc = svc_tx_end(c, rc);
    }
    strmap_free(&im->seen);
    strmap_free(&im->batch_likely);
    return rc;
}
