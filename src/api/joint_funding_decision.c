/* The panel's decision on a joint funding request (joint_funding_api.h):
 * agreed / amended set each task's split from effective_from; refused
 * leaves the task to its accountable body; deferred lists it for the next
 * meeting. A final decision closes the request's interim funding on the
 * day before effective_from and stores its reconciliation. */
#include "api/body_input.h"
#include "api/joint_funding_api.h"
#include "api/joint_funding_int.h"
#include <string.h>

static const char *jstr(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

struct decision {
    struct jf_decision_row row;
    struct date effective;
    char next_panel[DATE_STR_SIZE];
};

/* Decodes and checks the body against the request and its panel; -1 with res set. */
static int decision_decode(struct request *req, struct response *res, json_t *r, json_t *panel, json_t *body,
                           struct decision *d)
{
    json_t *errors = json_array();
    const char *dec = input_text(body, "decision", 1, 16, errors);
    if (dec && strcmp(dec, "agreed") != 0 && strcmp(dec, "amended") != 0 && strcmp(dec, "refused") != 0 &&
        strcmp(dec, "deferred") != 0) {
        http_add_error(errors, "decision", "must be agreed, amended, refused or deferred");
        dec = NULL;
    }
    int deferred = dec && strcmp(dec, "deferred") == 0;
    d->row.status = dec;
    d->row.note = input_text(body, "note", 0, 8000, errors);
    d->row.effective_from = input_date(body, "effective_from", dec && !deferred, &d->effective, errors);
    if (deferred)
        d->row.effective_from = NULL;
    if (dec && strcmp(dec, "amended") == 0)
        jf_api_split_decode(req, body, "split", &d->row.split, errors);
    else if (dec && strcmp(dec, "agreed") == 0)
        d->row.split = (struct jf_split_row){jstr(r, "proposed_unit"),
                                             json_integer_value(json_object_get(r, "proposed_nhs")),
                                             json_integer_value(json_object_get(r, "proposed_council")),
                                             json_integer_value(json_object_get(r, "proposed_person"))};
    if (deferred) {
        struct date cur, next;
        cur = date_parse_or(jstr(r, "panel_on"), (struct date){1970, 1, 1});
        date_add_days(cur, 1, &cur, NULL);
        jf_api_panel_next(panel, cur, &next);
        date_format(next, d->next_panel);
        d->row.panel_on = d->next_panel;
    }
    if (json_array_size(errors)) {
        http_validation(res, req, errors);
        return -1;
    }
    json_decref(errors);
    return 0;
}

/* The task (from the request's tasks) with id task_id, or NULL. */
static json_t *task_of(json_t *tasks, const char *task_id)
{
    size_t i;
    json_t *t;
    json_array_foreach(tasks, i, t) if (strcmp(jstr(t, "id"), task_id) == 0) return t;
    return NULL;
}

/* Closes each open interim period of the request with its reconciliation. */
static int close_interims(struct request *req, const struct actor *by, const char *id, const struct decision *d,
                          json_t *tasks, struct store_error *err)
{
    json_t *periods = jf_interims_for_request(req->db, id, err);
    if (!periods)
        return -1;
    size_t i;
    json_t *p;
    int rc = 0;
    struct date to, from;
    char to_s[DATE_STR_SIZE];
    date_add_days(d->effective, -1, &to, NULL);
    date_format(to, to_s);
    json_array_foreach(periods, i, p) {
        json_t *t = task_of(tasks, jstr(p, "plan_task_id"));
        if (rc != 0 || !json_is_null(json_object_get(p, "to_on")) || !t ||
            date_parse(jstr(p, "from_on"), "from_on", &from, NULL) != 0)
            continue;
        struct jf_split split = {d->row.split.nhs, d->row.split.council, d->row.split.person};
        if (!d->row.split.unit)
            jf_api_default_split(t, &split);
        struct jf_reconciliation rec;
        if (jf_reconcile(json_integer_value(json_object_get(p, "weekly_cost_pence")), from, to, split, &rec, NULL) != 0) {
            rc = -1;
            break;
        }
        struct jf_reconciled out = {to_s, rec.days, rec.total, rec.nhs, rec.council, rec.person,
                                    rec.council_owes_nhs, rec.person_owes_nhs};
        rc = jf_interim_close(req->db, by, jstr(p, "id"), &out, err);
    }
    json_decref(periods);
    return rc;
}

/* The writes of a decision inside the transaction. */
static int decision_apply(struct request *req, const struct actor *by, json_t *r, const struct decision *d,
                          struct store_error *err)
{
    const char *id = jstr(r, "id");
    if (jf_request_decide(req->db, by, id, json_integer_value(json_object_get(r, "version")), &d->row, err) != 0)
        return -1;
    if (strcmp(d->row.status, "deferred") == 0)
        return 0;
    json_t *tasks = jf_request_tasks(req->db, id, err);
    if (!tasks)
        return -1;
    size_t i;
    json_t *t;
    int rc = 0;
    if (d->row.split.unit)
        json_array_foreach(tasks, i, t) if (rc == 0) rc = jf_task_split_insert(req->db, by, jstr(t, "id"),
            jstr(r, "person_id"), id, d->row.effective_from, &d->row.split, err);
    if (rc == 0)
        rc = close_interims(req, by, id, d, tasks, err);
    json_decref(tasks);
    return rc;
}

json_t *jf_request_decision(struct request *req, struct response *res, const char *id, json_t *body)
{
    struct store_error err = {0};
    json_t *r = jf_request_get(req->db, id, &err);
    if (!r) {
        if (err.code == STORE_ENOTFOUND)
            http_problem(res, req, 404, "not-found", "No such joint funding request", NULL);
        else
            http_internal(res, req, 503, err.message);
        return NULL;
    }
    json_t *panel = jf_api_panel_load(req, res, jstr(r, "panel_team_id"), 1);
    struct decision d;
    memset(&d, 0, sizeof d);
    const char *st = jstr(r, "status");
    int open = st && (strcmp(st, "requested") == 0 || strcmp(st, "deferred") == 0);
    if (panel && !open)
        http_problem(res, req, 409, "already-decided", "The panel has already decided this request",
                     "A decided request cannot be decided again; raise a new request.");
    if (!panel || !open || api_version_check(req, res, body, json_integer_value(json_object_get(r, "version"))) != 0 ||
        decision_decode(req, res, r, panel, body, &d) != 0) {
        json_decref(panel);
        json_decref(r);
        return NULL;
    }
    char now[STORE_TIME_LEN];
    store_now(now);
    struct actor by = {req->who.user_id, now};
    struct svc_ctx c = api_svc_ctx(req);
    int ok = store_tx_begin(req->db, STORE_TX_WRITE, &err) == 0 && decision_apply(req, &by, r, &d, &err) == 0 &&
             svc_audit(&c, "decide", "joint_funding_request", id, jstr(r, "person_id"), JF_PANEL_BASIS, &err) == 0 &&
             store_tx_commit(req->db, &err) == 0;
    json_decref(panel);
    json_decref(r);
    if (!ok) {
        store_tx_rollback(req->db);
        if (err.code == STORE_ENOTFOUND)
            http_problem(res, req, 409, "version-conflict", "The request was changed by someone else",
                         "Fetch it again and reapply your decision.");
        else
            http_internal(res, req, 503, err.message);
        return NULL;
    }
    return jf_request_read(req, res, id);
}
