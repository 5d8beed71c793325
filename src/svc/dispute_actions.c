/* Inter-agency disputes: escalation, notes, outcome, withdrawal and
 * evidence (svc/disputes.h). Each write: load and check access, check the
 * version, then one transaction with the event, the person's timeline
 * entry and the audit entry. */
#include "svc/disputes_int.h"
#include "domain/evidence.h"
#include "store/disputes.h"
#include "store/persons.h"
#include "svc/input.h"
#include <ctype.h>
#include <stdlib.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define TEXT_MAX 4000

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* The open dispute a change is made to: accessible, and at the version
 * the caller read. */
struct open_dispute {
    json_t *row;
    const char *basis, *person_id;
    long long version;
    int stage;
};

static int open_at_version(struct svc_ctx *c, const char *id, const struct svc_expect *e, json_t **out,
                           struct open_dispute *d)
{
    *out = NULL;
    int rc = dispute_load(c, id, &d->row, &d->basis);
    if (rc != SVC_OK)
        return rc;
    d->version = json_integer_value(json_object_get(d->row, "version"));
    d->stage = (int)json_integer_value(json_object_get(d->row, "stage"));
    d->person_id = jstr(d->row, "person_id");
    if ((rc = svc_version_check(c, e, d->version)) != SVC_OK)
        return rc;
    if (strcmp(jstr(d->row, "state"), "open") != 0)
        return svc_refuse(c, SVC_CONFLICT, "The dispute is closed", "A settled or withdrawn dispute cannot change.");
    return SVC_OK;
}

/* Ends a write: event, timeline and audit in the transaction, then the record. */
static int finish(struct svc_ctx *c, const char *id, const struct open_dispute *d, int rc, const char *kind, int stage,
                  const char *text, const char *summary, const char *action, json_t **out)
{
    struct actor by = {c->user_id, svc_now(c)};
    if (rc == 0) rc = disputes_event_add(c->db, &by, id, d->person_id, c->org_id, kind, stage, text, &c->err);
    if (rc == 0 && summary)
        rc = persons_event_add(c->db, d->person_id, c->org_id, c->user_id, "dispute", summary, by.now, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, action, "dispute", id, d->person_id, d->basis);
    rc = svc_tx_end(c, rc);
    return rc == SVC_OK ? dispute_read(c, id, out) : rc;
}

int svc_dispute_escalate(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e, json_t **out)
{
    struct open_dispute d;
    int rc = open_at_version(c, id, e, out, &d);
    if (rc != SVC_OK)
        return rc;
    json_t *errs = svc_errors(c);
    const char *reason = input_text(in, "reason", 1, TEXT_MAX, errs);
    enum dispute_stage next = (enum dispute_stage)(d.stage + 1), to = next;
    json_t *want = json_object_get(in, "to_stage");
    if (d.stage >= DISPUTE_STAGE_COUNT)
        svc_error_add(errs, "stage", "Independent arbitration is the last stage: agree an outcome or withdraw");
    else if (json_is_string(want) && *json_string_value(want)) {
        struct domain_error de;
        if (dispute_stage_parse(json_string_value(want), "to_stage", &to, &de) != 0)
            svc_error_add(errs, "to_stage", de.message);
        else if (to != next)
            svc_error_add(errs, "to_stage", arena_printf(c->arena, "A stage cannot be skipped: the next stage is %s",
                                                      dispute_stage_name(next)));
    }
    if (svc_has_errors(c))
        return SVC_INVALID;
    char deadline[DATE_STR_SIZE], today[DATE_STR_SIZE];
    int est;
    if ((rc = dispute_deadline(c, d.row, next, deadline, &est)) != SVC_OK)
        return rc;
    date_format(svc_today(c), today);
    struct actor by = {c->user_id, svc_now(c)};
    rc = svc_tx_begin(c);
    if (rc == 0) rc = disputes_escalate(c->db, &by, id, d.version, next, today, deadline, est, &c->err);
    return finish(c, id, &d, rc, "escalated", next, reason,
                  arena_printf(c->arena, "Inter-agency dispute escalated to %s", dispute_stage_name(next)),
                  "escalate", out);
}

int svc_dispute_note(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e, json_t **out)
{
    struct open_dispute d;
    int rc = open_at_version(c, id, e, out, &d);
    if (rc != SVC_OK)
        return rc;
    json_t *errs = svc_errors(c);
    const char *text = input_text(in, "text", 1, TEXT_MAX, errs);
    const char *kind = input_str(in, "kind", errs);
    if (!kind || !*kind)
        kind = "note";
    struct date met;
    const char *met_on = input_date(in, "met_on", 0, &met, errs);
    if (strcmp(kind, "note") != 0 && strcmp(kind, "meeting") != 0 && strcmp(kind, "position") != 0)
        svc_error_add(errs, "kind", "must be note, meeting or position");
    else if (strcmp(kind, "position") == 0 && strcmp(c->org_id, jstr(d.row, "against_org_id")) != 0)
        svc_error_add(errs, "kind", "Only the organisation the dispute was raised with gives its position");
    if (met_on && date_compare(met, svc_today(c)) > 0)
        svc_error_add(errs, "met_on", "is in the future");
    if (svc_has_errors(c))
        return SVC_INVALID;
    if (met_on)
        text = arena_printf(c->arena, "Met on %s. %s", met_on, text);
    struct actor by = {c->user_id, svc_now(c)};
    int position = strcmp(kind, "position") == 0;
    rc = svc_tx_begin(c);
    if (rc == 0) rc = disputes_touch(c->db, &by, id, d.version, position ? text : NULL, &c->err);
    return finish(c, id, &d, rc, kind, d.stage, text, NULL, "update", out);
}

int svc_dispute_withdraw(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e, json_t **out)
{
    struct open_dispute d;
    int rc = open_at_version(c, id, e, out, &d);
    if (rc != SVC_OK)
        return rc;
    json_t *errs = svc_errors(c);
    if (strcmp(c->org_id, jstr(d.row, "raised_by_org_id")) != 0)
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Only the organisation that raised a dispute may withdraw it.");
    const char *reason = input_text(in, "reason", 0, TEXT_MAX, errs);
    if (svc_has_errors(c))
        return SVC_INVALID;
    char today[DATE_STR_SIZE];
    date_format(svc_today(c), today);
    struct actor by = {c->user_id, svc_now(c)};
    rc = svc_tx_begin(c);
    if (rc == 0) rc = disputes_withdraw(c->db, &by, id, d.version, today, &c->err);
    return finish(c, id, &d, rc, "withdrawn", d.stage, reason ? reason : "", "Inter-agency dispute withdrawn",
                  "withdraw", out);
}

/* ---- outcome ---- */

/* split {nhs, council, person} in basis points summing to 10000; 1 when given. */
static int decode_split(json_t *in, int64_t split[3], json_t *errs)
{
    json_t *s = json_object_get(in, "split");
    if (!s || json_is_null(s))
        return 0;
    static const char *const k[3] = {"nhs", "council", "person"};
    int64_t sum = 0;
    for (int i = 0; i < 3; i++) {
        json_t *v = json_object_get(s, k[i]);
        split[i] = json_is_integer(v) ? json_integer_value(v) : 0;
        if ((v && !json_is_integer(v)) || split[i] < 0 || split[i] > 10000) {
            svc_error_add(errs, "split", "each share is a whole number of basis points, 0 to 10000");
            return -1;
        }
        sum += split[i];
    }
    if (!json_is_object(s) || sum != 10000) {
        svc_error_add(errs, "split", "the shares must add up to 10000 basis points (100%)");
        return -1;
    }
    return 1;
}

/* The reconciliation row of a settled dispute with a split. */
static int settle_money(struct svc_ctx *c, json_t *row, struct date from, const int64_t split[3],
                        struct dispute_reconciliation_row *r)
{
    const char *ft = jstr(row, "interim_funder_org_type");
    enum dispute_funder f = ft && strcmp(ft, "council") == 0 ? DISPUTE_FUNDER_COUNCIL : DISPUTE_FUNDER_NHS;
    struct date to = date_from_days(date_to_days(svc_today(c)) - 1);
    struct dispute_settlement s;
    struct domain_error de;
    int64_t weekly = json_integer_value(json_object_get(row, "weekly_cost_pence"));
    if (dispute_settle(f, weekly, from, to, (struct jf_split){split[0], split[1], split[2]}, &s, &de) != 0) {
        svc_field_error(c, de.field, de.message);
        return SVC_INVALID;
    }
    char *fa = arena_alloc(c->arena, DATE_STR_SIZE), *ta = arena_alloc(c->arena, DATE_STR_SIZE),
         *today = arena_alloc(c->arena, DATE_STR_SIZE);
    date_format(from, fa);
    date_format(s.r.days ? to : from, ta);
    date_format(svc_today(c), today);
    *r = (struct dispute_reconciliation_row){jstr(row, "id"), jstr(row, "person_id"),
                                             f == DISPUTE_FUNDER_COUNCIL ? "council" : "nhs", fa, ta, today,
                                             s.r.days, weekly, s.r.total, s.r.nhs, s.r.council, s.r.person,
                                             s.council_owes_nhs};
    return SVC_OK;
}

int svc_dispute_outcome(struct svc_ctx *c, const char *id, json_t *in, const struct svc_expect *e, json_t **out)
{
    struct open_dispute d;
    int rc = open_at_version(c, id, e, out, &d);
    if (rc != SVC_OK)
        return rc;
    json_t *errs = svc_errors(c);
    const char *outcome = input_text(in, "outcome", 1, TEXT_MAX, errs);
    struct date from, raised;
    const char *eff = input_date(in, "effective_from", 1, &from, errs);
    raised = date_parse_or(jstr(d.row, "raised_on"), svc_today(c));
    if (eff && date_compare(from, raised) < 0)
        svc_error_add(errs, "effective_from", "is before the dispute started");
    else if (eff && date_compare(from, svc_today(c)) > 0)
        svc_error_add(errs, "effective_from", "is in the future");
    int64_t split[3];
    int has_split = decode_split(in, split, errs);
    if (svc_has_errors(c))
        return SVC_INVALID;
    struct dispute_reconciliation_row rec;
    if (has_split == 1 && (rc = settle_money(c, d.row, from, split, &rec)) != SVC_OK)
        return rc;
    char today[DATE_STR_SIZE];
    date_format(svc_today(c), today);
    struct actor by = {c->user_id, svc_now(c)};
    rc = svc_tx_begin(c);
    if (rc == 0) rc = disputes_settle(c->db, &by, id, d.version, outcome, eff, has_split == 1 ? split : NULL, today,
                                      &c->err);
    if (rc == 0 && has_split == 1) rc = disputes_reconciliation_insert(c->db, &by, &rec, &c->err);
    return finish(c, id, &d, rc, "outcome", d.stage, outcome, "Inter-agency dispute settled", "settle", out);
}

/* ---- evidence ---- */

/* A safe file name: letters, digits, ". _ -" and spaces, at most 80, with the extension of the type found. */
static const char *safe_name(struct svc_ctx *c, const char *given, enum evidence_type t)
{
    const char *base = given ? given : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    char stem[81];
    size_t n = 0;
    for (const char *p = base; *p && *p != '.' && n < 80; p++)
        if (isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == ' ')
            stem[n++] = *p;
    stem[n] = 0;
    return arena_printf(c->arena, "%s.%s", n ? stem : "evidence", evidence_extension(t));
}

int svc_dispute_attach(struct svc_ctx *c, const char *id, const char *filename, const unsigned char *bytes,
                       size_t len, json_t **out)
{
    json_t *row;
    const char *basis;
    *out = NULL;
    int rc = dispute_load(c, id, &row, &basis);
    if (rc != SVC_OK)
        return rc;
    if (strcmp(jstr(row, "state"), "open") != 0)
        return svc_refuse(c, SVC_CONFLICT, "The dispute is closed", "Evidence is added while a dispute is open.");
    long long max = json_integer_value(json_object_get(row, "attachment_max_bytes"));
    if ((long long)len > max)
        return svc_refuse(c, SVC_TOO_LARGE, NULL, arena_printf(c->arena, "Evidence files are at most %lld KB.",
                                                               max / 1024));
    enum evidence_type t = evidence_sniff(bytes, len);
    if (t == EVIDENCE_REFUSED)
        return svc_refuse(c, SVC_UNSUPPORTED, NULL,
                          "Attach a PDF, an image (PNG, JPEG, GIF), an office document or plain text.");
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, bytes, len);
    char *hex = arena_alloc(c->arena, sizeof hash * 2 + 1);
    sodium_bin2hex(hex, sizeof hash * 2 + 1, hash, sizeof hash);
    size_t b64n = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = arena_alloc(c->arena, b64n);
    sodium_bin2base64(b64, b64n, bytes, len, sodium_base64_VARIANT_ORIGINAL);
    const char *name = safe_name(c, filename, t), *pid = jstr(row, "person_id");
    char aid[STORE_ID_LEN];
    struct actor by = {c->user_id, svc_now(c)};
    rc = svc_tx_begin(c);
    if (rc == 0) rc = disputes_attachment_insert(c->db, &by, id, pid, c->org_id, name, evidence_media_type(t),
                                                 (int64_t)len, hex, b64, aid, &c->err);
    if (rc == 0) rc = disputes_event_add(c->db, &by, id, pid, c->org_id, "attachment",
                                         (int)json_integer_value(json_object_get(row, "stage")), name, &c->err);
    if (rc == 0) rc = svc_tx_audit(c, "upload", "dispute_attachment", aid, pid, basis);
    rc = svc_tx_end(c, rc);
    if (rc != SVC_OK)
        return rc;
    *out = svc_own(c, json_pack("{s:s, s:s, s:s, s:s, s:I, s:s}", "id", aid, "dispute_id", id, "filename", name,
                                "content_type", evidence_media_type(t), "size_bytes", (json_int_t)len, "sha256", hex));
    return SVC_OK;
}

int svc_dispute_attachment(struct svc_ctx *c, const char *id, const char *attachment_id, json_t **out,
                           unsigned char **bytes, size_t *len)
{
    json_t *row;
    const char *basis;
    *out = NULL;
    int rc = dispute_load(c, id, &row, &basis);
    if (rc != SVC_OK)
        return rc;
    json_t *a = svc_own(c, disputes_attachment_get(c->db, id, attachment_id, &c->err));
    if (!a)
        return svc_store_fail(c, c->err.code, "attachment");
    const char *b64 = jstr(a, "content");
    size_t cap = strlen(b64) / 4 * 3 + 3;
    *bytes = arena_alloc(c->arena, cap);
    if (sodium_base642bin(*bytes, cap, b64, strlen(b64), NULL, len, NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
        snprintf(c->err.message, sizeof c->err.message, "attachment %s: bad base64", attachment_id);
        return svc_failed(c, "attachment");
    }
    rc = svc_audit_read(c, "dispute_attachment", attachment_id, jstr(row, "person_id"), basis);
    if (rc != SVC_OK)
        return rc;
    json_object_del(a, "content");
    *out = a;
    return SVC_OK;
}
