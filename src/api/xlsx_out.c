/* xlsx_out: see xlsx_out.h. */
#include "api/xlsx_out.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define XLSX_MAX (16u << 20)

void xlsx_csv_pounds(struct buf *b, int64_t p)
{
    uint64_t m = p < 0 ? (uint64_t)(-(p + 1)) + 1 : (uint64_t)p;
    buf_printf(b, "%s%llu.%02llu", p < 0 ? "-" : "", (unsigned long long)(m / 100), (unsigned long long)(m % 100));
}

/* Reads the whole file at path into b; 0 ok. */
static int slurp(const char *path, struct buf *b)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    char chunk[8192];
    size_t n;
    int rc = 0;
    buf_reset(b);
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        if (buf_put(b, chunk, n) != 0 || b->len > XLSX_MAX)
            rc = -1;
    if (ferror(fp))
        rc = -1;
    fclose(fp);
    return rc;
}

void xlsx_respond(struct request *req, struct response *res, xlsx_fill_fn fill, void *ctx, const char *filename)
{
    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/seamless-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        http_internal(res, req, 503, "xlsx: cannot make a temporary file");
        return;
    }
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    int rc = -1;
    if (wb) {
        fill(wb, ctx);
        rc = workbook_close(wb) == LXW_NO_ERROR ? slurp(path, &res->body) : -1;
    }
    unlink(path);
    if (rc != 0) {
        http_internal(res, req, 503, "xlsx: the workbook could not be written");
        return;
    }
    res->status = 200;
    res->content_type = XLSX_MEDIA_TYPE;
    http_header_add(res, req, "Content-Disposition",
                    arena_printf(&req->arena, "attachment; filename=\"%s\"", filename));
}
