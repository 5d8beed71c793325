/* The result table (result.h) read by code. */
#include "svc/result.h"
#include <stddef.h>

struct result_row {
    const char *name;
    int status;
    const char *slug, *title;
};

static const struct result_row rows[SVC_RESULT_COUNT] = {
#define SVC_RESULT_ROW(name, status, slug, title) [SVC_##name] = {#name, status, slug, title},
    SVC_RESULT_MAP(SVC_RESULT_ROW)
#undef SVC_RESULT_ROW
};

static const struct result_row *row(int rc)
{
    return rc >= 0 && rc < SVC_RESULT_COUNT ? &rows[rc] : &rows[SVC_FAILED];
}

int svc_result_status(int rc)
{
    return row(rc)->status;
}

const char *svc_result_slug(int rc)
{
    return row(rc)->slug;
}

const char *svc_result_title(int rc)
{
    return row(rc)->title;
}

const char *svc_result_name(int rc)
{
    return row(rc)->name;
}
