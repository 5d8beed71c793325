/* Internal to the joint_funding*.c files (joint_funding_api.h). */
#ifndef SEAMLESS_JOINT_FUNDING_INT_H
#define SEAMLESS_JOINT_FUNDING_INT_H
#include "api/api.h"
#include "domain/joint_funding.h"
#include "store/joint_funding.h"

/* A request listed for a panel is its members' legitimate relationship to it. */
#define JF_PANEL_BASIS "relationship"

/* The panel of team_id; member: the caller must sit on it (403). NULL with res set. */
json_t *jf_api_panel_load(struct request *req, struct response *res, const char *team_id, int member);
/* The panel's next meeting on or after `on`. */
int jf_api_panel_next(json_t *panel, struct date on, struct date *out);
/* A split from body[key] (or form fields "<key>_nhs" …); errors name "<key>.nhs". 0 ok. */
int jf_api_split_decode(struct request *req, json_t *body, const char *key, struct jf_split_row *s, json_t *errors);
/* The split a task has when no panel split is in force: its own split_*
 * or, by accountability, all to the council (council accountable) or the NHS. */
void jf_api_default_split(json_t *task, struct jf_split *out);

#endif
