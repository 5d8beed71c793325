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
 *   {{> name}}           a partial: another template rendered here with the
 *                        current context (from the loader the program sets;
 *                        nested at most 4 deep)
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

/* Where partials come from: the text of partial `name` (n bytes, not
 * NUL-terminated) and its length, or NULL when there is none (→ -1). Set
 * once before rendering starts; without a loader every partial is an error. */
typedef const char *(*template_partial_fn)(const char *name, size_t n, size_t *len);
void template_set_partials(template_partial_fn fn);

#endif
