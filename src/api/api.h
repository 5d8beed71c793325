/* api: helpers shared by the resource handlers (one file per resource).
 * A handler is short: decode → authorise → domain → store (+ audit in the
 * same transaction) → render JSON or HTML from the same data. */
#ifndef SEAMLESS_API_H
#define SEAMLESS_API_H
#include "audit/audit.h"
#include "http/app.h"
#include "http/http.h"
#include "svc/input.h"
#include "svc/svc.h"

/* The service context of this request (svc/svc.h): built on first use
 * from the principal, the server's config and audit writer, and owned by
 * the request (its arena); every call returns the same context. */
struct svc_ctx *api_ctx(struct request *req);
/* Fills res with the outcome rc (not SVC_OK) of a service called with
 * api_ctx(req): status, problem type and default title from the result
 * table (svc/result.h), the service's title/detail when it gave them, the
 * field errors for SVC_INVALID, a break-glass link for a refused person,
 * and a logged 503 with a reference for SVC_FAILED. */
void api_result(struct request *req, struct response *res, int rc);
/* The answer to a service call made with api_ctx(req): api_result(rc) when
 * rc is not SVC_OK, else status with the JSON value *out that the service
 * handed back (owned by its context: the reply takes its own reference).
 * out is a pointer so that the call may fill it in the same expression:
 *   api_reply(req, res, svc_thing_read(c, id, &out), 200, &out);
 * api_reply_record also sends the record's version as its ETag
 * (http_json_record); api_reply_list answers 200 {items: *items,
 * next_cursor: null} (a list with no further page). */
void api_reply(struct request *req, struct response *res, int rc, int status, json_t *const *out);
void api_reply_record(struct request *req, struct response *res, int rc, int status, json_t *const *out);
void api_reply_list(struct request *req, struct response *res, int rc, json_t *const *items);
/* The version a change was made against: If-Match and the body's "version". */
struct svc_expect api_expect(struct request *req, json_t *body);

/* The JSON body of a POST/PUT and its string members names[] (NULL-ended)
 * into out[] (NULL when absent; a member that is not a string is a field
 * error kept in api_ctx(req)'s errors). NULL when the request has been
 * answered (the body is missing or is not JSON). Add any further field
 * errors with svc_field_error, then call api_invalid. */
json_t *api_body_strings(struct request *req, struct response *res, const char *const names[], const char *out[]);
/* 1 after answering 422 with every field error the context holds, 0 when
 * it holds none (carry on). */
int api_invalid(struct request *req, struct response *res);

/* ?limit= (1..200, default 50) or -1 with a 422 already set. */
int api_limit(struct request *req, struct response *res);
/* {field: message} from a 422's errors, for inline messages on pages. */
json_t *api_field_errors(json_t *errors);
/* For a page re-shown after a failed POST: moves a 422's errors out of res
 * (NULL when res is not a 422, which then stays to be sent), each field
 * prefixed "<prefix>-" when prefix is given (several forms on one page). */
json_t *api_take_errors(struct response *res, const char *prefix);
/* {field_errors, has_errors, errors} for templates (errors may be NULL). */
json_t *api_error_data(json_t *errors);
/* Appends s as one quoted CSV field; a leading = + - @ gets a ' so a
 * spreadsheet does not run it as a formula. */
void api_csv_field(struct buf *b, const char *s);

#endif
