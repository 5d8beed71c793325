/* routes: the application's route table and background workers, handed to
 * the server by whoever starts it (cli/cmd_ops.c: cfg.routes, cfg.workers)
 * rather than reached through a global, so a test or another front end can
 * serve a table of its own. Both tables end with a NULL entry and live for
 * the whole process. */
#ifndef SEAMLESS_API_ROUTES_H
#define SEAMLESS_API_ROUTES_H
#include "http/app.h"
#include "http/router.h"

const struct route *api_routes(void);
const struct app_worker *api_workers(void);

#endif
