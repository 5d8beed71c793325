#include "domain/domain_error.h"
#include <stdarg.h>
#include <stdio.h>

int domain_fail(struct domain_error *err, int code, const char *field,
                const char *message, ...)
{
    if (err) {
        snprintf(err->field, sizeof err->field, "%s", field ? field : "");
        va_list ap;
        va_start(ap, message);
        vsnprintf(err->message, sizeof err->message, message, ap);
        va_end(ap);
    }
    return code;
}
