/* The audit viewer (audit_view.h). */
#include "svc/audit_view.h"
#include "domain/roles.h"
#include "store/audit_query.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int is_date(const char *s)
{
    if (strlen(s) != 10)
        return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

int svc_audit_view(struct svc_ctx *c, const struct svc_audit_query *q, json_t **out)
{
    *out = NULL;
    if (!c->role || !role_allows(c->role, PERM_PRIVACY_OFFICER))
        return svc_refuse(c, SVC_FORBIDDEN, NULL, "Only a privacy officer may read the audit log.");
    struct audit_filter f = {c->org_id, q->user_id, q->person_id, q->from, q->to, 0, q->limit + 1};
    if (f.from && !is_date(f.from))
        svc_field_error(c, "from", "must be a date YYYY-MM-DD");
    if (f.to && !is_date(f.to))
        svc_field_error(c, "to", "must be a date YYYY-MM-DD");
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
    json_t *next = json_null();
    if (json_array_size(items) > (size_t)q->limit) {
        json_array_remove(items, (size_t)q->limit);
        long long seq = json_integer_value(json_object_get(json_array_get(items, (size_t)q->limit - 1), "seq"));
        next = json_string(arena_printf(c->arena, "%lld", seq));
    }
    int rc = svc_audit_read(c, "audit_log", NULL, q->person_id, "admin");
    if (rc == SVC_OK)
        *out = svc_own(c, json_pack("{s:O, s:o}", "items", items, "next_cursor", next));
    else
        json_decref(next);
    return rc;
}
