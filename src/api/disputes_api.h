/* Inter-agency disputes and the board pack: the JSON API and the pages
 * (thin adapters over svc/disputes.h and svc/board_pack.h). */
#ifndef SEAMLESS_DISPUTES_API_H
#define SEAMLESS_DISPUTES_API_H
#include "http/http.h"

void h_dispute_create(struct request *req, struct response *res);
void h_dispute_list(struct request *req, struct response *res);
void h_dispute_get(struct request *req, struct response *res);
void h_dispute_escalate(struct request *req, struct response *res);
void h_dispute_note(struct request *req, struct response *res);
void h_dispute_outcome(struct request *req, struct response *res);
void h_dispute_withdraw(struct request *req, struct response *res);
void h_dispute_attach(struct request *req, struct response *res);
void h_dispute_attachment(struct request *req, struct response *res);

void p_disputes(struct request *req, struct response *res);
void p_dispute_new(struct request *req, struct response *res);
void p_dispute_new_post(struct request *req, struct response *res);
void p_dispute(struct request *req, struct response *res);
void p_dispute_action_post(struct request *req, struct response *res);
void p_dispute_attachment(struct request *req, struct response *res);

void h_board_pack(struct request *req, struct response *res);
/* The board pack for ?from=&to=&board=, or NULL with res set (owned by the request). */
json_t *api_board_pack(struct request *req, struct response *res);
void p_board_pack(struct request *req, struct response *res);
void h_boards_list(struct request *req, struct response *res);
void h_board_create(struct request *req, struct response *res);
void h_partnership_list(struct request *req, struct response *res);
void h_partnership_policy(struct request *req, struct response *res);

#endif
