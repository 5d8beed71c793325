/* Internal to the svc/joint_funding*.c files (svc/joint_funding.h). */
#ifndef SEAMLESS_SVC_JOINT_FUNDING_INT_H
#define SEAMLESS_SVC_JOINT_FUNDING_INT_H
#include "domain/joint_funding.h"
#include "store/joint_funding.h"
#include "svc/joint_funding.h"

/* A request listed for a panel is its members' legitimate relationship to it. */
#define JF_PANEL_BASIS "relationship"

/* The panel of team_id; member: the caller must sit on it
 * (SVC_NOT_PANEL_MEMBER). SVC_NOTFOUND "No such panel". */
int jf_svc_panel_load(struct svc_ctx *c, const char *team_id, int member, json_t **out);
/* The panel's next meeting on or after `on`. */
int jf_svc_panel_next(json_t *panel, struct date on, struct date *out);
/* A split from body[key] (or form fields "<key>_nhs" …); errors name
 * "<key>.nhs" (c->errors). 0 ok. */
int jf_svc_split_decode(struct svc_ctx *c, json_t *body, const char *key, struct jf_split_row *s);
/* The split a task has when no panel split is in force: its own split_*
 * or, by accountability, all to the council (council accountable) or the NHS. */
void jf_svc_default_split(json_t *task, struct jf_split *out);

#endif
