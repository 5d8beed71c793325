#include "util/oom.h"
#include <jansson.h>
#include <stdlib.h>

static _Thread_local int noted;

void oom_note(void)
{
    noted = 1;
}

int oom_take(void)
{
    int n = noted;
    noted = 0;
    return n;
}

static void *noting_malloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        oom_note();
    return p;
}

void oom_install(void)
{
    json_set_alloc_funcs(noting_malloc, free);
}
