/* form_echo: a form shown again after a refused POST keeps what the user
 * typed (issue #14 item 13: "the personal budget form silently dropped the
 * direct payment choice") — on every page, in one place, instead of each
 * template remembering to re-select its own options.
 *
 * Given the rendered page, the path the form was posted to and the posted
 * values (http/form.h form_parse: name → string, or array for a repeated
 * name), every <form> whose action is that path is rewritten:
 *   - text-like <input> (text, number, email, tel, search, url, date, no
 *     type): value = the posted value;
 *   - <input type=radio|checkbox>: checked exactly when its value was
 *     posted under its name;
 *   - <select>: the <option> whose value was posted is selected, no other;
 *   - <textarea>: its text is the posted value.
 * Only names that were posted are touched (a field the user did not see
 * keeps what the page rendered); hidden, password, file and button inputs
 * never are (the version and CSRF token come from the server, passwords are
 * never echoed). Values are HTML-escaped on the way in.
 *
 * Writes the page to out (rewritten or not) and returns the number of forms
 * rewritten, or -1 when out failed (its cap). Expects the program's own
 * templates: attribute values double-quoted, no '>' inside a tag. */
#ifndef SEAMLESS_FORM_ECHO_H
#define SEAMLESS_FORM_ECHO_H
#include <jansson.h>
#include <stddef.h>
#include "util/buf.h"

int form_echo(const char *html, size_t len, const char *action, json_t *values, struct buf *out);

#endif
