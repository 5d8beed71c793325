#include "api/handlers.h"
#define STUB(n) void n(struct request *req, struct response *res) { http_problem(res, req, 404, "not-found", "Not found", "Not yet."); }
STUB(p_care_act_list) STUB(p_care_act_start) STUB(p_care_act_tasks) STUB(p_care_act_section)
STUB(p_care_act_section_save) STUB(p_care_act_check) STUB(p_care_act_complete) STUB(p_care_act_authorise)
