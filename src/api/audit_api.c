/* The privacy officer's audit viewer: entries made by users of the
 * officer's organisation, filtered by user, person and date range. Reading
 * the log is itself audited. */
#include "api/api.h"
#include "api/handlers.h"
#include "audit/checkpoint.h"
#include "domain/dates.h"
#include "store/audit_query.h"
#include "store/audit_store.h"
#include "web/web.h"
#include <ctype.h>
#include <stdio.h>
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

static const char *opt(struct request *req, const char *name)
{
    const char *v = http_query(req, name);
    return v && *v ? v : NULL;
}

/* Fills data with items and next_cursor; 0 ok, else res is set. */
static int load(struct request *req, struct response *res, json_t **out)
{
    int limit = api_limit(req, res);
    if (limit < 0)
        return -1;
    struct audit_filter f = {req->who.org_id, opt(req, "user_id"), opt(req, "person_id"), opt(req, "from"),
                             opt(req, "to"), 0, limit + 1};
    json_t *errors = json_array();
    if (f.from && !is_date(f.from)) http_add_error(errors, "from", "must be a date YYYY-MM-DD");
    if (f.to && !is_date(f.to)) http_add_error(errors, "to", "must be a date YYYY-MM-DD");
    const char *cursor = opt(req, "cursor");
    if (cursor) {
        char *end;
        f.before_seq = strtoll(cursor, &end, 10);
        if (*end || f.before_seq <= 0)
            http_add_error(errors, "cursor", "is not a cursor this server gave");
    }
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        return -1;
    }
    json_decref(errors);
    struct store_error err = {0};
    json_t *items = audit_query(req->db, &f, &err);
    if (!items) {
        http_internal(res, req, 503, err.message);
        return -1;
    }
    json_t *next = json_null();
    if (json_array_size(items) > (size_t)limit) {
        json_array_remove(items, (size_t)limit);
        long long seq = json_integer_value(json_object_get(json_array_get(items, (size_t)limit - 1), "seq"));
        next = json_string(arena_printf(&req->arena, "%lld", seq));
    }
    if (api_audit_read(req, res, "audit_log", NULL, f.person_id, "admin") < 0) {
        json_decref(items);
        json_decref(next);
        return -1;
    }
    *out = json_pack("{s:o, s:o}", "items", items, "next_cursor", next);
    return 0;
}

void h_audit_list(struct request *req, struct response *res)
{
    json_t *data;
    if (load(req, res, &data) == 0)
        http_json(res, 200, data);
}

/* The newest checkpoint this server signed and whether the log still has
 * that entry with that hash (NULL when checkpoints are off or none yet). */
static json_t *checkpoint_status(struct request *req)
{
    struct checkpoint cp;
    int64_t broken = 0;
    if (checkpointer_last(req->app->checkpoints, &cp, &broken) != 0)
        return NULL;
    struct store_error err = {0};
    struct domain_error de;
    char hash[AUDIT_HASH_HEX], when[TIMESTAMP_UK_SIZE] = "";
    int64_t t;
    int rc = audit_store_hash_at(req->db, cp.seq, hash, &err);
    if (timestamp_parse(cp.at, "at", &t, &de) == 0)
        timestamp_format_uk(t, when);
    return json_pack("{s:I, s:s, s:b, s:b, s:I, s:b}", "seq", (json_int_t)cp.seq, "when", when, "matches",
                     rc == 0 && strcmp(hash, cp.hash) == 0 && !broken, "unknown", rc < 0 && rc != STORE_ENOTFOUND,
                     "broken_seq", (json_int_t)broken, "broken", broken != 0);
}

void p_audit(struct request *req, struct response *res)
{
    json_t *data;
    if (load(req, res, &data) < 0)
        return;
    json_t *cp = checkpoint_status(req);
    if (cp)
        json_object_set_new(data, "checkpoint", cp);
    json_object_set_new(data, "filter", json_pack("{s:s, s:s, s:s, s:s}",
        "user_id", opt(req, "user_id") ? opt(req, "user_id") : "",
        "person_id", opt(req, "person_id") ? opt(req, "person_id") : "",
        "from", opt(req, "from") ? opt(req, "from") : "", "to", opt(req, "to") ? opt(req, "to") : ""));
    web_page(req, res, 200, "audit", "Audit log", data);
}
