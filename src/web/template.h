/* template: a small Mustache subset rendered from JSON data, with HTML
 * escaping on by default.
 *
 *   {{name}} {{a.b}}     value, HTML-escaped (strings, numbers; true → "true")
 *   {{.}}                the current value (inside a section over a list)
 *   {{{name}}}           value without escaping — only for HTML this program
 *                        rendered itself (the layout's {{{content}}})
 *   {{#name}}…{{/name}}  section: repeated for each item of a list, entered
 *                        once for an object or a truthy value
 *   {{^name}}…{{/name}}  inverted: rendered when name is missing, false, null,
 *                        0, "" or an empty list
 *   {{! comment }}
 *
 * Names are looked up from the innermost context outwards. Rendering appends
 * to out; returns 0, or -1 for a malformed template (unclosed tag or
 * section, nesting deeper than 16) with out holding what was rendered. */
#ifndef SEAMLESS_TEMPLATE_H
#define SEAMLESS_TEMPLATE_H
#include <jansson.h>
#include <stddef.h>
#include "util/buf.h"

int template_render(const char *tpl, size_t len, json_t *data, struct buf *out);

#endif
