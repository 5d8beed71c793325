/* svc/joint_funding: joint funding requests to a panel, the panel's
 * decisions, without-prejudice interim funding and recharge statements
 * (domain.md §9; issue #9; the money rules in domain/joint_funding.h).
 *
 * Who:
 *  - raising a request: staff with a legitimate relationship to the plan's
 *    person (the access choke point), like any change to the plan;
 *  - the agenda and decisions: the panel's members — users in the panel's
 *    team, or with role panel_member in the panel team's organisation
 *    (else SVC_NOT_PANEL_MEMBER). A request listed for a panel is the
 *    panel members' legitimate relationship to it (audit basis
 *    "relationship"); every item read is audited;
 *  - a panel's cycle: its members or its organisation's org admins (or
 *    the system: the CLI, the demo);
 *  - recharge statements: the finance role (of any partner); lines carry
 *    plan, task and person ids and whose line it is; each line's read is
 *    audited (basis "admin").
 * Every write is one transaction with its audit entry. Bodies are keyed as
 * the JSON API's (a page's flat fields work too: "<key>_nhs" …); field
 * errors name the JSON API's fields. JSON handed back is owned by the
 * context. */
#ifndef SEAMLESS_SVC_JOINT_FUNDING_H
#define SEAMLESS_SVC_JOINT_FUNDING_H
#include "domain/dates.h"
#include "svc/svc.h"

/* {task_ids[], proposed_split {unit?, nhs, council, person}, evidence,
 * panel_team_id?}: the request listed for the panel's next meeting on or
 * after today; NHS interim funding starts for each health task with no
 * agreed funding, from the plan's start. *out: the request as read. */
int svc_jf_request_raise(struct svc_ctx *c, const char *plan_id, json_t *body, json_t **out);
/* The request with tasks and interim periods (plan access or panel member). */
int svc_jf_request_read(struct svc_ctx *c, const char *id, json_t **out);
/* The plan's requests, each as svc_jf_request_read's (plan access). */
int svc_jf_requests_of_plan(struct svc_ctx *c, const char *plan_id, json_t **out);
/* Where a request is listed: {panel_team_id, panel_on} (no personal data;
 * for a page to find its way back). SVC_NOTFOUND. */
int svc_jf_request_listing(struct svc_ctx *c, const char *id, json_t **out);
/* {panel, date, items[]} — date NULL or "": the next meeting on or after
 * today; SVC_INVALID naming "date". */
int svc_jf_panel_agenda(struct svc_ctx *c, const char *team_id, const char *date, json_t **out);
/* {version, decision, split? (amended), effective_from, note}, made against
 * e (required): SVC_ALREADY_DECIDED, SVC_STALE, SVC_PRECONDITION. */
int svc_jf_request_decide(struct svc_ctx *c, const char *id, const struct svc_expect *e, json_t *body,
                          json_t **out);
/* Sets a panel's cycle {first_on, cycle_days}; *out: the panel. */
int svc_jf_panel_configure(struct svc_ctx *c, const char *team_id, json_t *body, json_t **out);

/* The plan's tasks (from care_plan_tasks_for_plan) with the split in force
 * on `on` laid over split_* ("split_source": "panel" and
 * "split_effective_from" when a panel's split applies). 0 ok. */
int jf_overlay_splits(struct store *db, const char *plan_id, json_t *tasks, struct date on,
                      struct store_error *err);

/* Recharge statement for from..to (at most 366 days; SVC_INVALID naming
 * from or to): lines per plan task, interim reconciliations, totals. */
int svc_jf_recharge_statement(struct svc_ctx *c, const char *from, const char *to, json_t **out);

#endif
