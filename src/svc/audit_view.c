/* The audit viewer (audit_view.h). */
#include "svc/audit_view.h"
#include "store/accounts.h"
#include "store/persons.h"
#include "domain/dates.h"
#include "domain/nhs_number.h"
#include "domain/roles.h"
#include "store/audit_query.h"
#include "store/audit_store.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A real calendar date "YYYY-MM-DD" (not 31 February). */
static int is_date(const char *s)
{
    struct date d;
    return strlen(s) == 10 && date_parse(s, "date", &d, NULL) == 0;
}

int svc_audit_view(struct svc_ctx *c, const struct svc_audit_query *q, json_t **out)
{
    *out = NULL;
    if (!c->role || !role_allows(c->role, PERM_PRIVACY_OFFICER))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Only a privacy officer may read the audit log.");
    struct audit_filter f = {c->org_id, q->user_id, q->person_id, q->from, q->to, 0, q->limit + 1, q->seq};
    char uid[STORE_ID_LEN], pid[STORE_ID_LEN], digits[NHS_NUMBER_DIGITS];
    struct domain_error de;
    if (q->username && *q->username) {
        if (accounts_user_id_by_username(c->db, q->username, uid, &c->err) == 0)
            f.user_id = uid;
        else
            svc_field_error(c, "username", "No user has this username");
    }
    if (q->nhs_number && *q->nhs_number) {
        if (nhs_number_parse(q->nhs_number, digits, &de) < 0)
            svc_field_error(c, "nhs_number", "Enter a valid NHS number of 10 digits, like 943 476 5919");
        else if (persons_id_by_nhs(c->db, digits, pid, &c->err) == 0)
            f.person_id = pid;
        else
            svc_field_error(c, "nhs_number", "No one on the shared record has this NHS number");
    }
    if (f.from && !is_date(f.from))
        svc_field_error(c, "from", "Enter a real date for From, like 2 12 2026 (YYYY-MM-DD in the API)");
    if (f.to && !is_date(f.to))
        svc_field_error(c, "to", "Enter a real date for To, like 2 12 2026 (YYYY-MM-DD in the API)");
    if (q->cursor) {
        char *end;
        f.before_seq = strtoll(q->cursor, &end, 10);
        if (*end || f.before_seq <= 0)
            svc_field_error(c, "cursor", "is not a cursor this server gave");
    }
    if (svc_has_errors(c))
        return SVC_INVALID;
    json_t *items = svc_own(c, audit_query(c->db, &f, &c->err));
    if (!items)
        return svc_failed(c, "audit query");
    size_t k;
    json_t *it;
    json_array_foreach(items, k, it) {
        const char *nhs = json_string_value(json_object_get(it, "nhs_number"));
        if (nhs && strlen(nhs) == 10) {
            char fmt[NHS_NUMBER_FORMATTED];
            nhs_number_format(nhs, fmt);
            json_object_set_new(it, "nhs_number_formatted", json_string(fmt));
        }
    }
    json_t *next = json_null();
    if (json_array_size(items) > (size_t)q->limit) {
        json_array_remove(items, (size_t)q->limit);
        long long seq = json_integer_value(json_object_get(json_array_get(items, (size_t)q->limit - 1), "seq"));
        next = json_string(arena_printf(c->arena, "%lld", seq));
    }
    int rc = svc_audit_read(c, "audit_log", NULL, f.person_id, "admin");
    if (rc == SVC_OK)
        *out = svc_own(c, json_pack("{s:O, s:o}", "items", items, "next_cursor", next));
    else
        json_decref(next);
    return rc;
}

int svc_store_ready(struct svc_ctx *c)
{
    return store_check_schema(c->db, &c->err) < 0 ? svc_failed(c, "store not ready") : SVC_OK;
}

int svc_audit_entry_matches(struct svc_ctx *c, int64_t seq, const char *hash, int *matches)
{
    char stored[AUDIT_HASH_HEX];
    int rc = audit_store_hash_at(c->db, seq, stored, &c->err);
    *matches = rc == 0 && strcmp(stored, hash) == 0;
    return rc == 0 || rc == STORE_ENOTFOUND ? SVC_OK : svc_failed(c, "audit entry");
}
