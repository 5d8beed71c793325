/* The Client Level Data return's adapters: the CSV both the CLI and the
 * HTTP download write (so they give the same bytes), the report and the
 * page for the council's returns officers. */
#ifndef SEAMLESS_CLD_API_H
#define SEAMLESS_CLD_API_H
#include "svc/cld.h"
#include "util/buf.h"

/* The return as RFC 4180 CSV: the header row, then one row per event,
 * CRLF line ends, a field quoted only when it holds a comma, quote or line
 * break (quotes doubled). Values go out verbatim, as the national
 * specification expects — no spreadsheet-formula guard. */
void api_cld_csv(struct buf *b, const struct svc_cld_return *r);

#endif
