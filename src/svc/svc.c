/* The service context, outcomes, transactions and audited reads (svc.h). */
#include "svc/svc.h"
#include "svc/input.h"
#include "store/accounts.h"
#include "util/clock.h"
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void svc_ctx_system(struct svc_ctx *c, struct store *db, struct arena *a, const char *request_id)
{
    memset(c, 0, sizeof *c);
    c->db = db;
    c->role = "system";
    c->request_id = request_id;
    c->arena = a;
}

const char *svc_now(struct svc_ctx *c)
{
    if (!c->now[0])
        store_now(c->now);
    return c->now;
}

struct date svc_today(struct svc_ctx *c)
{
    (void)c;   /* the one clock (util/clock.h) decides "today" */
    return input_today();
}

const char *svc_date_offset(struct svc_ctx *c, int days)
{
    assert(c->arena);
    char *out = arena_alloc(c->arena, DATE_STR_SIZE);
    clock_date_offset(days, out);
    return out;
}

void svc_date_range(struct svc_ctx *c, const char *from, const char *to, int back_days, struct date *df,
                    struct date *dt)
{
    char today[DATE_STR_SIZE];
    date_format(svc_today(c), today);
    struct domain_error de;
    if (date_parse(from ? from : svc_date_offset(c, -back_days), "from", df, &de) < 0)
        svc_field_error(c, "from", de.message);
    if (date_parse(to ? to : today, "to", dt, &de) < 0)
        svc_field_error(c, "to", de.message);
    else if (!svc_has_errors(c) && date_compare(*df, *dt) > 0)
        svc_field_error(c, "to", "is before from");
}

struct actor svc_actor(struct svc_ctx *c)
{
    return (struct actor){c->user_id, svc_now(c)};
}

json_t *svc_own(struct svc_ctx *c, json_t *v)
{
    assert(c->arena);   /* a context without an arena cannot own values */
    return arena_json(c->arena, v);
}

int svc_role_is(const struct svc_ctx *c, const char *role)
{
    return c->role && strcmp(c->role, role) == 0;
}

json_t *svc_teams(struct svc_ctx *c)
{
    if (c->teams)
        return c->teams;
    if (!c->user_id)
        return c->teams = svc_own(c, json_array());
    json_t *u = accounts_user_get(c->db, c->user_id, &c->err);
    if (!u)
        return NULL;
    c->teams = svc_own(c, json_incref(json_object_get(u, "teams")));
    json_decref(u);
    if (!c->teams)
        c->teams = svc_own(c, json_array());
    return c->teams;
}

/* ---- outcomes ---- */

void svc_error_add(json_t *errors, const char *field, const char *message)
{
    json_array_append_new(errors, json_pack("{s:s, s:s}", "field", field, "message", message));
}

void svc_reset(struct svc_ctx *c)
{
    c->errors = NULL;   /* the arena still owns and frees the old array */
    c->title = c->detail = NULL;
    c->person_id = NULL;
    c->current_version = 0;
    c->extra = NULL;
    memset(&c->err, 0, sizeof c->err);
}

json_t *svc_errors(struct svc_ctx *c)
{
    if (!c->errors)
        c->errors = svc_own(c, json_array());
    return c->errors;
}

void svc_field_error(struct svc_ctx *c, const char *field, const char *message)
{
    svc_error_add(svc_errors(c), field, message);
}

int svc_has_errors(const struct svc_ctx *c)
{
    return json_array_size(c->errors) > 0;
}

int svc_refuse(struct svc_ctx *c, int code, const char *title, const char *detail)
{
    assert(code > SVC_OK && code < SVC_RESULT_COUNT);
    c->title = title;
    c->detail = detail;
    return code;
}

int svc_not_found(struct svc_ctx *c, const char *what)
{
    const char *detail = c->arena ? arena_printf(c->arena, "No such %s.", what) : "No such record.";
    return svc_refuse(c, SVC_NOTFOUND, NULL, detail);
}

int svc_failed(struct svc_ctx *c, const char *what)
{
    fprintf(stderr, "level=error request_id=%s msg=\"%s failed\" detail=\"%s\"\n",
            c->request_id ? c->request_id : "-", what, c->err.message);
    return SVC_FAILED;
}

int svc_store_fail(struct svc_ctx *c, int rc, const char *what)
{
    if (rc == STORE_ENOTFOUND)
        return svc_not_found(c, what);
    if (rc == STORE_ECONSTRAINT)
        return SVC_CONFLICT;
    return svc_failed(c, what);
}

/* ---- writes ---- */

/* Parses W/"12", "12" or 12. -1 when it is none of those. */
static long long parse_tag(const char *s)
{
    if (strncmp(s, "W/", 2) == 0)
        s += 2;
    if (*s == '"')
        s++;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s || (*end && *end != '"'))
        return -1;
    return v;
}

int svc_version_check(struct svc_ctx *c, const struct svc_expect *e, long long current)
{
    if (e->if_match && strcmp(e->if_match, "*") != 0 && parse_tag(e->if_match) != current)
        return svc_refuse(c, SVC_PRECONDITION, NULL,
                          "If-Match does not match the current version; fetch the record again.");
    if (!e->version && !e->if_match) {
        svc_field_error(c, "version", "is required (or send If-Match) so that concurrent changes are not lost");
        return SVC_INVALID;
    }
    if (!e->version)
        return SVC_OK;
    long long v = json_is_integer(e->version) ? json_integer_value(e->version)
                  : json_is_string(e->version) ? parse_tag(json_string_value(e->version)) : -1;
    if (v < 0) {
        svc_field_error(c, "version", "must be a whole number");
        return SVC_INVALID;
    }
    if (v != current) {
        c->current_version = current;
        return svc_refuse(c, SVC_STALE, NULL, c->arena ? arena_printf(c->arena,
                          "You sent version %lld but the record is at version %lld.", v, current)
                          : "Fetch the record again and reapply your change.");
    }
    return SVC_OK;
}

int svc_tx_begin(struct svc_ctx *c)
{
    c->tx_joined = store_in_tx(c->db);
    if (c->tx_joined)
        return 0;
    if (store_tx_begin(c->db, STORE_TX_WRITE, &c->err) != 0)
        return svc_failed(c, "begin");
    return 0;
}

int svc_tx_audit(struct svc_ctx *c, const char *action, const char *rtype, const char *rid,
                 const char *person_id, const char *basis)
{
    return svc_audit(c, action, rtype, rid, person_id, basis, &c->err);
}

int svc_tx_audit_people(struct svc_ctx *c, const char *action, const char *rtype, const char *rid,
                        const struct audit_person *people, int n, const char *basis)
{
    struct audit_entry e = {c->user_id, c->org_id, c->role, action, rtype, rid, NULL,
                            basis ? basis : (c->user_id ? "admin" : "system"), c->request_id, people, n};
    return audit_append(c->db, &e, &c->err);
}

int svc_tx_end(struct svc_ctx *c, int rc)
{
    if (c->tx_joined) {   /* the caller's transaction: it commits or rolls back */
        c->tx_joined = 0;
        if (rc < 0 && rc != STORE_ENOTFOUND && rc != STORE_ECONSTRAINT)
            return svc_failed(c, "write");
        return rc == 0 ? SVC_OK : rc > 0 ? rc : rc == STORE_ENOTFOUND ? SVC_STALE : SVC_CONFLICT;
    }
    if (rc == 0) {
        if (store_tx_commit(c->db, &c->err) == 0)
            return SVC_OK;
        rc = c->err.code < 0 ? c->err.code : STORE_EGENERIC;
    }
    store_tx_rollback(c->db);
    if (rc > 0)
        return rc;
    if (rc == STORE_ENOTFOUND)
        return SVC_STALE;
    if (rc == STORE_ECONSTRAINT)
        return SVC_CONFLICT;
    return svc_failed(c, "write");
}

int svc_audit(const struct svc_ctx *c, const char *action, const char *rtype, const char *rid,
              const char *person_id, const char *basis, struct store_error *err)
{
    struct audit_entry e = {c->user_id, c->org_id, c->role, action, rtype, rid, person_id,
                            basis ? basis : (c->user_id ? "admin" : "system"), c->request_id, NULL, 0};
    return audit_append(c->db, &e, err);
}

/* ---- audited reads ---- */

static int record(struct svc_ctx *c, const struct audit_entry *e, int n)
{
    if (c->audit)
        return audit_writer_record_many(c->audit, e, n) == 0 ? SVC_OK : SVC_FAILED;
    /* No writer (CLI, tests): append in a transaction of its own, unless
     * the caller's write transaction is open (then it commits with it). */
    if (store_in_tx(c->db))
        return audit_append_many(c->db, e, n, &c->err) == 0 ? SVC_OK : svc_failed(c, "read audit");
    int rc = svc_tx_begin(c);
    if (rc == 0)
        rc = audit_append_many(c->db, e, n, &c->err);
    return svc_tx_end(c, rc);
}

int svc_audit_read(struct svc_ctx *c, const char *rtype, const char *rid, const char *person_id,
                   const char *basis)
{
    struct audit_entry e = {c->user_id, c->org_id, c->role, "read", rtype, rid, person_id, basis, c->request_id,
                            NULL, 0};
    return record(c, &e, 1);
}

int svc_audit_read_items(struct svc_ctx *c, const char *rtype, json_t *items, const char *id_key,
                         const char *basis)
{
    return svc_audit_items(c, "read", rtype, items, id_key, basis);
}

/* The basis of a list's entry: the one every person shares, else
 * break_glass when any was released on it (a review of break-glass use
 * finds the entry), else the first. */
static const char *list_basis(const struct audit_person *p, size_t n)
{
    const char *b = n ? p[0].basis : NULL;
    for (size_t i = 1; i < n; i++) {
        if (p[i].basis && strcmp(p[i].basis, "break_glass") == 0)
            return p[i].basis;
        if (!b)
            b = p[i].basis;
    }
    return b;
}

static int audit_people(struct svc_ctx *c, const char *action, const char *rtype, const struct audit_person *p,
                        size_t n, const char *basis)
{
    const char *eb = basis ? basis : list_basis(p, n);
    struct audit_entry e = {c->user_id, c->org_id, c->role, action, rtype, NULL, NULL,
                            eb ? eb : (c->user_id ? "admin" : "system"), c->request_id, p, (int)n};
    return record(c, &e, 1);
}

int svc_audit_items(struct svc_ctx *c, const char *action, const char *rtype, json_t *items, const char *id_key,
                    const char *basis)
{
    size_t n = json_array_size(items), i;
    if (!n)
        return SVC_OK;
    assert(c->arena);
    struct audit_person *p = arena_alloc(c->arena, n * sizeof *p);
    json_t *it;
    json_array_foreach(items, i, it)
        p[i] = (struct audit_person){json_string_value(json_object_get(it, id_key)),
                                     basis ? basis : json_string_value(json_object_get(it, "basis"))};
    return audit_people(c, action, rtype, p, n, basis);
}

int svc_audit_read_people(struct svc_ctx *c, const char *rtype, const char *const *ids, size_t n, const char *basis)
{
    if (!n)
        return SVC_OK;
    assert(c->arena);
    struct audit_person *p = arena_alloc(c->arena, n * sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = (struct audit_person){ids[i], basis};
    return audit_people(c, "read", rtype, p, n, basis);
}

/* svc_audit_settled's wait: resume runs on the writer's thread, under its
 * lock, so it only signals. */
struct settle_wait {
    pthread_mutex_t lock;
    pthread_cond_t done_cv;
    int done;
};

static void settle_suspend(void *arg)
{
    (void)arg;
}

static void settle_resume(void *arg)
{
    struct settle_wait *w = arg;
    pthread_mutex_lock(&w->lock);
    w->done = 1;
    pthread_cond_signal(&w->done_cv);
    pthread_mutex_unlock(&w->lock);
}

int svc_audit_settled(struct svc_ctx *c, struct audit_deferral *d)
{
    if (c->audit) {
        struct settle_wait w = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
        if (audit_writer_when_durable(c->audit, d, settle_suspend, settle_resume, &w)) {
            pthread_mutex_lock(&w.lock);
            while (!w.done)
                pthread_cond_wait(&w.done_cv, &w.lock);
            pthread_mutex_unlock(&w.lock);
        }
    }
    return d->failed ? svc_failed(c, "read audit") : SVC_OK;
}
