/* The panel's decision on a joint funding request (svc/joint_funding.h):
 * agreed / amended set each task's split from effective_from; refused
 * leaves the task to its accountable body; deferred lists it for the next
 * meeting. A final decision closes the request's interim funding on the
 * day before effective_from and stores its reconciliation. */
#include "svc/input.h"
#include "svc/joint_funding_int.h"
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

/* Decodes and checks the body against the request and its panel. */
static int decision_decode(struct svc_ctx *c, json_t *r, json_t *panel, json_t *body, struct decision *d)
{
    json_t *errors = svc_errors(c);
    const char *dec = input_text(body, "decision", 1, 16, errors);
    if (dec && strcmp(dec, "agreed") != 0 && strcmp(dec, "amended") != 0 && strcmp(dec, "refused") != 0 &&
        strcmp(dec, "deferred") != 0) {
        svc_field_error(c, "decision", "must be agreed, amended, refused or deferred");
        dec = NULL;
    }
    int deferred = dec && strcmp(dec, "deferred") == 0;
    d->row.status = dec;
    d->row.note = input_text(body, "note", 0, 8000, errors);
    d->row.effective_from = input_date(body, "effective_from", dec && !deferred, &d->effective, errors);
    if (deferred)
        d->row.effective_from = NULL;
    if (dec && strcmp(dec, "amended") == 0)
        jf_svc_split_decode(c, body, "split", &d->row.split);
    else if (dec && strcmp(dec, "agreed") == 0)
        d->row.split = (struct jf_split_row){jstr(r, "proposed_unit"),
                                             json_integer_value(json_object_get(r, "proposed_nhs")),
                                             json_integer_value(json_object_get(r, "proposed_council")),
                                             json_integer_value(json_object_get(r, "proposed_person"))};
    if (deferred) {
        struct date cur, next;
        cur = date_parse_or(jstr(r, "panel_on"), (struct date){1970, 1, 1});
        date_add_days(cur, 1, &cur, NULL);
        jf_svc_panel_next(panel, cur, &next);
        date_format(next, d->next_panel);
        d->row.panel_on = d->next_panel;
    }
    return svc_has_errors(c) ? SVC_INVALID : SVC_OK;
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
static int close_interims(struct svc_ctx *c, const struct actor *by, const char *id, const struct decision *d,
                          json_t *tasks)
{
    json_t *periods = jf_interims_for_request(c->db, id, &c->err);
    if (!periods)
        return c->err.code;
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
            jf_svc_default_split(t, &split);
        struct jf_reconciliation rec;
        if (jf_reconcile(json_integer_value(json_object_get(p, "weekly_cost_pence")), from, to, split, &rec, NULL) != 0) {
            rc = SVC_FAILED;   /* money out of range: logged, nothing saved */
            break;
        }
        struct jf_reconciled out = {to_s, rec.days, rec.total, rec.nhs, rec.council, rec.person,
                                    rec.council_owes_nhs, rec.person_owes_nhs};
        rc = jf_interim_close(c->db, by, jstr(p, "id"), &out, &c->err);
    }
    json_decref(periods);
    return rc;
}

/* The writes of a decision inside the transaction: 0, a store code or an svc result. */
static int decision_apply(struct svc_ctx *c, const struct actor *by, json_t *r, const struct decision *d)
{
    const char *id = jstr(r, "id");
    int rc = jf_request_decide(c->db, by, id, json_integer_value(json_object_get(r, "version")), &d->row, &c->err);
    if (rc != 0 || strcmp(d->row.status, "deferred") == 0)
        return rc;
    json_t *tasks = svc_own(c, jf_request_tasks(c->db, id, &c->err));
    if (!tasks)
        return c->err.code;
    size_t i;
    json_t *t;
    if (d->row.split.unit)
        json_array_foreach(tasks, i, t) if (rc == 0) rc = jf_task_split_insert(c->db, by, jstr(t, "id"),
            jstr(r, "person_id"), id, d->row.effective_from, &d->row.split, &c->err);
    if (rc == 0)
        rc = close_interims(c, by, id, d, tasks);
    return rc;
}

int svc_jf_request_decide(struct svc_ctx *c, const char *id, const struct svc_expect *e, json_t *body,
                          json_t **out)
{
    *out = NULL;
    json_t *r = svc_own(c, jf_request_get(c->db, id, &c->err)), *panel;
    if (!r)
        return c->err.code == STORE_ENOTFOUND ? svc_refuse(c, SVC_NOTFOUND, "No such joint funding request", NULL)
                                              : svc_failed(c, "joint funding request");
    int rc = jf_svc_panel_load(c, jstr(r, "panel_team_id"), 1, &panel);
    if (rc != SVC_OK)
        return rc;
    const char *st = jstr(r, "status");
    if (!st || (strcmp(st, "requested") != 0 && strcmp(st, "deferred") != 0))
        return svc_refuse(c, SVC_ALREADY_DECIDED, NULL,
                          "A decided request cannot be decided again; raise a new request.");
    if ((rc = svc_version_check(c, e, json_integer_value(json_object_get(r, "version")))) != SVC_OK)
        return rc;
    struct decision *d = arena_alloc(c->arena, sizeof *d);
    memset(d, 0, sizeof *d);
    if ((rc = decision_decode(c, r, panel, body, d)) != SVC_OK)
        return rc;
    struct actor by = svc_actor(c);
    rc = svc_tx_begin(c);
    if (rc == 0)
        rc = decision_apply(c, &by, r, d);
    if (rc == STORE_ENOTFOUND)
        rc = svc_refuse(c, SVC_STALE, "The request was changed by someone else",
                        "Fetch it again and reapply your decision.");
    if (rc == 0)
        rc = svc_tx_audit(c, "decide", "joint_funding_request", id, jstr(r, "person_id"), JF_PANEL_BASIS);
    if ((rc = svc_tx_end(c, rc)) != SVC_OK)
        return rc;
    return svc_jf_request_read(c, id, out);
}
