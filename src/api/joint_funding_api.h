/* joint_funding_api: the recharge statement's downloads (the statement
 * itself is svc/joint_funding.h svc_jf_recharge_statement): CSV with
 * amounts in pounds written exactly from pence, and XLSX. Each fills res
 * from st (borrowed). */
#ifndef SEAMLESS_JOINT_FUNDING_API_H
#define SEAMLESS_JOINT_FUNDING_API_H
#include "api/api.h"

void jf_recharge_csv(struct request *req, struct response *res, json_t *st);
void jf_recharge_xlsx(struct request *req, struct response *res, json_t *st);

#endif
