/* joint_funding_api: joint funding requests to a panel, the panel's
 * decisions, without-prejudice interim funding and recharge statements
 * (domain.md §9; issue #9; the money rules in domain/joint_funding.h).
 *
 * Who:
 *  - raising a request: staff with a legitimate relationship to the plan's
 *    person (person_check), like any change to the plan;
 *  - the agenda and decisions: the panel's members — users in the panel's
 *    team, or with role panel_member in the panel team's organisation. A
 *    request listed for a panel is the panel members' legitimate
 *    relationship to it (audit basis "relationship"); every item read is audited;
 *  - recharge statements: the finance role (of any partner); lines carry
 *    plan, task and person ids but no names; each line's read is audited
 *    (basis "admin").
 * Every write is audited in its transaction. Functions that fail have
 * filled res (403/404/409/422/503) and return -1 or NULL. JSON results are
 * owned by the caller. */
#ifndef SEAMLESS_JOINT_FUNDING_API_H
#define SEAMLESS_JOINT_FUNDING_API_H
#include "api/api.h"
#include "domain/dates.h"

/* {task_ids[], proposed_split {unit?, nhs, council, person}, evidence,
 * panel_team_id?}: the request listed for the panel's next meeting on or
 * after today; NHS interim funding starts for each health task with no
 * agreed funding, from the plan's start. */
json_t *jf_request_raise(struct request *req, struct response *res, const char *plan_id, json_t *body);
/* {panel, date, items[]} — date NULL: the next meeting on or after today. */
json_t *jf_panel_agenda(struct request *req, struct response *res, const char *team_id, const char *date);
/* {version, decision, split? (amended), effective_from, note}. */
json_t *jf_request_decision(struct request *req, struct response *res, const char *id, json_t *body);
/* The request with tasks and interim periods (plan access or panel member). */
json_t *jf_request_read(struct request *req, struct response *res, const char *id);
/* Sets a panel's cycle {first_on, cycle_days}: panel members or org admins of its organisation. */
json_t *jf_panel_configure(struct request *req, struct response *res, const char *team_id, json_t *body);

/* Recharge statement for from..to (at most 366 days): lines per plan task,
 * interim reconciliations, totals. */
json_t *jf_recharge_statement(struct request *req, struct response *res, const char *from, const char *to);
void jf_recharge_csv(struct request *req, struct response *res, json_t *st);
void jf_recharge_xlsx(struct request *req, struct response *res, json_t *st);

#endif
