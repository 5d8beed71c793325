/* xlsx_out: writes a workbook built by a callback into the response
 * (libxlsxwriter 1.1 cannot write to memory: a private temporary file is
 * written, read back and removed). Shared by the XLSX exports. */
#ifndef SEAMLESS_XLSX_OUT_H
#define SEAMLESS_XLSX_OUT_H
#include "http/http.h"
#include <xlsxwriter.h>

#define XLSX_MEDIA_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
/* The "£#,##0.00" number format for amounts written in pounds. */
#define XLSX_POUNDS_FORMAT "\"\xC2\xA3\"#,##0.00;-\"\xC2\xA3\"#,##0.00"

typedef void (*xlsx_fill_fn)(lxw_workbook *wb, void *ctx);
/* 200 with the workbook and Content-Disposition filename, or a 503. */
void xlsx_respond(struct request *req, struct response *res, xlsx_fill_fn fill, void *ctx, const char *filename);
/* "-1234.05" from -123405 pence: exact, no floating point. */
struct buf;
void xlsx_csv_pounds(struct buf *b, int64_t pence);

#endif
