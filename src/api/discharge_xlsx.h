/* discharge_xlsx: the board (svc_discharge_board's output) and the daily
 * situation (svc_discharge_situation's) as XLSX workbooks in the response. */
#ifndef SEAMLESS_DISCHARGE_XLSX_H
#define SEAMLESS_DISCHARGE_XLSX_H
#include <jansson.h>
#include "api/api.h"

void discharge_board_xlsx(struct request *req, struct response *res, json_t *board);
void discharge_situation_xlsx(struct request *req, struct response *res, json_t *situation);

#endif
