/* words: the words a page shows for a stored code (issue #14 item 12:
 * "words, not codes"). Pages show these; the JSON API keeps the codes.
 * Each function returns a static string, or NULL for an unknown code (the
 * caller then shows nothing rather than the code). */
#ifndef SEAMLESS_WORDS_H
#define SEAMLESS_WORDS_H

/* "registered_nurse" -> "Registered nurse" (domain/roles.c professions). */
const char *words_profession(const char *code);
/* "team_manager" -> "Team manager" (domain/roles.c roles). */
const char *words_role(const char *code);
/* NHS number status indicator code "01".."08" -> its NHS Data Dictionary
 * wording ("Present and verified", "Present but not traced", …). */
const char *words_nhs_number_status(const char *code);

/* Any stored code a page may show in its text (professions, roles,
 * organisation types, statuses, outcomes, task types and kinds, routes,
 * risk shares, …) -> its words, or NULL when the code is not listed. The
 * template renderer shows these for a value that is exactly a code
 * (web/template.c), so no snake_case code reaches a page's text. */
const char *words_code(const char *code);

#endif
