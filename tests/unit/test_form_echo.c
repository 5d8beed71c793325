/* Unit tests for form_echo: a form shown again after a refused POST keeps
 * what was typed (issue #14 item 13) — selects, radios, checkboxes, text
 * and textareas of the posted form only; never hidden or password fields. */
#include "test_helpers.h"
#include "http/form.h"
#include "web/form_echo.h"
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct echo_case {
    const char *name;
    const char *html;
    const char *posted;      /* urlencoded */
    const char *want;        /* substring the result must contain */
    const char *not_want;    /* substring it must not contain (NULL: none) */
    int forms;
};

static void echo_keeps_what_was_typed(void **state)
{
    (void)state;
    static const struct echo_case cases[] = {
        {"select: the posted option, no other",
         "<form method=\"post\" action=\"/p\"><select name=\"dp\"><option value=\"\">None</option>"
         "<option value=\"person\">P</option><option value=\"authorised_person\" selected>A</option></select></form>",
         "dp=person", "<option value=\"person\" selected>", "<option value=\"authorised_person\" selected>", 1},
        {"select left alone when its name was not posted",
         "<form action=\"/p\"><select name=\"dp\"><option value=\"a\" selected>A</option></select></form>",
         "other=1", "<option value=\"a\" selected>", NULL, 1},
        {"radio: checked follows the post",
         "<form action=\"/p\"><input type=\"radio\" name=\"u\" value=\"urgent\" checked>"
         "<input type=\"radio\" name=\"u\" value=\"routine\"></form>",
         "u=routine", "value=\"routine\" checked>", "value=\"urgent\" checked", 1},
        {"radio group left empty: none checked",
         "<form action=\"/p\"><input type=\"radio\" name=\"u\" value=\"urgent\" checked></form>",
         "x=1", "value=\"urgent\">", "checked", 1},
        {"checkbox: one of a repeated name",
         "<form action=\"/p\"><input type=\"checkbox\" name=\"c\" value=\"b\"></form>",
         "c=a&c=b", "value=\"b\" checked>", NULL, 1},
        {"text: the typed value replaces the rendered one, escaped",
         "<form action=\"/p\"><input class=\"nhsuk-input\" id=\"n\" name=\"n\" type=\"text\" value=\"old\"></form>",
         "n=%3Cb%3E+%26+%22q%22", "value=\"&lt;b&gt; &amp; &quot;q&quot;\"", "old", 1},
        {"date parts keep what was typed",
         "<form action=\"/p\"><input name=\"d-day\" type=\"text\" inputmode=\"numeric\" value=\"\"></form>",
         "d-day=31&d-month=2&d-year=2026", "name=\"d-day\" type=\"text\" inputmode=\"numeric\" value=\"31\"", NULL, 1},
        {"textarea text",
         "<form action=\"/p\"><textarea class=\"t\" name=\"r\" rows=\"2\"></textarea></form>",
         "r=Two+falls", "<textarea class=\"t\" name=\"r\" rows=\"2\">Two falls</textarea>", NULL, 1},
        {"hidden and password never echoed",
         "<form action=\"/p\"><input type=\"hidden\" name=\"version\" value=\"3\">"
         "<input type=\"password\" name=\"pw\" value=\"\"></form>",
         "version=1&pw=secret", "name=\"version\" value=\"3\"", "secret", 1},
        {"another form on the page is left alone",
         "<form action=\"/q\"><select name=\"dp\"><option value=\"a\" selected>A</option>"
         "<option value=\"b\">B</option></select></form>",
         "dp=b", "<option value=\"a\" selected>", "value=\"b\" selected", 0},
        {"action with a query or fragment still matches",
         "<form action=\"/p#budget\"><input name=\"n\" value=\"\"></form>", "n=7", "value=\"7\"", NULL, 1},
        {"self-closing input keeps its shape",
         "<form action=\"/p\"><input name=\"n\" value=\"\" /></form>", "n=7", "<input name=\"n\" value=\"7\" />", NULL, 1},
    };
    for (size_t i = 0; i < N(cases); i++) {
        json_t *v = form_parse(cases[i].posted, strlen(cases[i].posted));
        assert_non_null(v);
        struct buf out;
        buf_init(&out, 1 << 16);
        int n = form_echo(cases[i].html, strlen(cases[i].html), "/p", v, &out);
        if (n != cases[i].forms || !strstr(buf_str(&out), cases[i].want) ||
            (cases[i].not_want && strstr(buf_str(&out), cases[i].not_want)))
            fail_msg("%s: %d forms, got %s", cases[i].name, n, buf_str(&out));
        buf_free(&out);
        json_decref(v);
    }
}

/* The page around the form comes out byte for byte. */
static void echo_copies_the_rest(void **state)
{
    (void)state;
    const char *html = "<p>a <b>b</b></p><!-- c --><form action=\"/p\"><input name=\"n\"></form><p>after</p>";
    json_t *v = form_parse("n=1", 3);
    struct buf out;
    buf_init(&out, 1 << 16);
    assert_int_equal(form_echo(html, strlen(html), "/p", v, &out), 1);
    assert_string_equal(buf_str(&out),
                        "<p>a <b>b</b></p><!-- c --><form action=\"/p\"><input name=\"n\" value=\"1\"></form><p>after</p>");
    buf_free(&out);
    json_decref(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(echo_keeps_what_was_typed),
        cmocka_unit_test(echo_copies_the_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
