/* Unit tests for the urlencoded form parser and the template renderer
 * (escaping on by default, sections, inverted sections, malformed input). */
#include "test_helpers.h"
#include "http/form.h"
#include "web/template.h"

struct form_case {
    const char *in;
    const char *key;
    const char *expect;      /* NULL: the whole parse must fail */
};

static void form_decodes_and_rejects_bad_escapes(void **state)
{
    (void)state;
    static const struct form_case cases[] = {
        {"a=1&b=two+words", "b", "two words"},
        {"name=O%27Brien%20%26%20co", "name", "O'Brien & co"},
        {"empty=&x=1", "empty", ""},
        {"flag", "flag", ""},
        {"a=%zz", "a", NULL},              /* bad hex */
        {"a=%4", "a", NULL},               /* truncated escape */
        {"a=%00", "a", NULL},              /* NUL */
        {"a=%ff%fe", "a", NULL},           /* not UTF-8 */
        {"=v", "", NULL},                  /* empty key */
        {"&&a=1&&", "a", "1"},
        {"caf%C3%A9=ok", "café", "ok"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *o = form_parse(cases[i].in, strlen(cases[i].in));
        if (!cases[i].expect) {
            if (o)
                fail_msg("'%s' should be rejected", cases[i].in);
            continue;
        }
        if (!o)
            fail_msg("'%s' rejected", cases[i].in);
        assert_string_equal(json_string_value(json_object_get(o, cases[i].key)), cases[i].expect);
        json_decref(o);
    }
    json_t *o = form_parse("t=a&t=b&t=c", 11);
    assert_true(json_is_array(json_object_get(o, "t")));
    assert_int_equal(json_array_size(json_object_get(o, "t")), 3);
    json_decref(o);
}

struct tpl_case {
    const char *name, *tpl, *json, *expect;   /* expect NULL: malformed */
};

static void template_escapes_by_default_and_renders_sections(void **state)
{
    (void)state;
    static const struct tpl_case cases[] = {
        {"escape", "<p>{{x}}</p>", "{\"x\":\"<script>alert('x')</script>\"}",
         "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>"},
        {"attribute quote", "<a title=\"{{x}}\">", "{\"x\":\"\\\" onclick=\\\"evil\"}",
         "<a title=\"&quot; onclick=&quot;evil\">"},
        {"raw", "{{{x}}}", "{\"x\":\"<b>ok</b>\"}", "<b>ok</b>"},
        {"number", "{{n}} {{t}} [{{f}}] [{{missing}}]", "{\"n\":42,\"t\":true,\"f\":false}", "42 true [] []"},
        {"dotted", "{{a.b.c}}", "{\"a\":{\"b\":{\"c\":\"deep\"}}}", "deep"},
        {"list", "{{#xs}}[{{name}}]{{/xs}}", "{\"xs\":[{\"name\":\"a\"},{\"name\":\"b\"}]}", "[a][b]"},
        {"outer lookup", "{{#xs}}{{name}}-{{sep}};{{/xs}}", "{\"sep\":\"/\",\"xs\":[{\"name\":\"a\"}]}", "a-/;"},
        {"dot", "{{#xs}}{{.}},{{/xs}}", "{\"xs\":[\"p\",\"q\"]}", "p,q,"},
        {"inverted empty", "{{^xs}}none{{/xs}}", "{\"xs\":[]}", "none"},
        {"inverted zero", "{{^n}}zero{{/n}}", "{\"n\":0}", "zero"},
        {"inverted present", "{{^n}}zero{{/n}}", "{\"n\":3}", ""},
        {"nested same name", "{{#a}}{{#a}}x{{/a}}{{/a}}", "{\"a\":{\"a\":true}}", "x"},
        {"comment", "a{{! note }}b", "{}", "ab"},
        {"unclosed tag", "{{x", "{}", NULL},
        {"unclosed section", "{{#x}}abc", "{\"x\":true}", NULL},
        {"stray close", "abc{{/x}}", "{}", NULL},
        /* Issue #14 item 11: dates and times in page text read as words (UK
         * time); in attributes and textareas they stay machine values. */
        {"date in text", "<p>{{d}}</p>", "{\"d\":\"2026-12-02\"}", "<p>2 December 2026</p>"},
        {"date in attribute", "<input value=\"{{d}}\">", "{\"d\":\"2026-12-02\"}", "<input value=\"2026-12-02\">"},
        {"date in href", "<a href=\"/x?d={{d}}\">go</a>", "{\"d\":\"2026-12-02\"}", "<a href=\"/x?d=2026-12-02\">go</a>"},
        {"date in textarea", "<textarea id=\"t\">{{d}}</textarea>", "{\"d\":\"2026-12-02\"}",
         "<textarea id=\"t\">2026-12-02</textarea>"},
        {"timestamp in BST", "<td>{{t}}</td>", "{\"t\":\"2026-06-30T23:30:00.000Z\"}", "<td>1 July 2026 at 00:30</td>"},
        {"timestamp in GMT", "<td>{{t}}</td>", "{\"t\":\"2026-12-02T14:05:09Z\"}", "<td>2 December 2026 at 14:05</td>"},
        {"not a date", "<p>{{d}}</p>", "{\"d\":\"2026-13-02\"}", "<p>2026-13-02</p>"},
        {"a date inside text stays", "<p>{{d}}</p>", "{\"d\":\"Due 2026-12-02\"}", "<p>Due 2026-12-02</p>"},
        {"raw is untouched", "<p>{{{d}}}</p>", "{\"d\":\"2026-12-02\"}", "<p>2026-12-02</p>"},
        /* Issue #14 item 12: codes in page text read as words. */
        {"known code", "<td>{{p}}</td>", "{\"p\":\"registered_nurse\"}", "<td>Registered nurse</td>"},
        {"dictionary code", "<td>{{p}}</td>", "{\"p\":\"peg_feeding\"}", "<td>PEG feeding</td>"},
        {"unknown code", "<td>{{p}}</td>", "{\"p\":\"awaiting_care_home\"}", "<td>Awaiting care home</td>"},
        {"code in attribute", "<option value=\"{{p}}\">", "{\"p\":\"peg_feeding\"}", "<option value=\"peg_feeding\">"},
        {"plain word untouched", "<td>{{p}}</td>", "{\"p\":\"draft\"}", "<td>draft</td>"},
        {"sentence untouched", "<td>{{p}}</td>", "{\"p\":\"see peg_feeding notes\"}", "<td>see peg_feeding notes</td>"},
        /* A <code> is text to copy as it is (a new API token "sk_…"). */
        {"code element", "<p>Token <code id=\"t\">{{k}}</code></p>", "{\"k\":\"sk_0a1b\"}",
         "<p>Token <code id=\"t\">sk_0a1b</code></p>"},
        {"bare code element", "<code>{{d}}</code>", "{\"d\":\"2026-12-02\"}", "<code>2026-12-02</code>"},
        {"not a code element", "<col><p>{{k}}</p>", "{\"k\":\"sk_0a1b\"}", "<col><p>Sk 0a1b</p>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *data = json_loads(cases[i].json, 0, NULL);
        assert_non_null(data);
        struct buf out;
        buf_init(&out, 0);
        int rc = template_render(cases[i].tpl, strlen(cases[i].tpl), data, &out);
        if (!cases[i].expect) {
            if (rc == 0)
                fail_msg("case '%s' should be malformed", cases[i].name);
        } else {
            if (rc != 0)
                fail_msg("case '%s' failed", cases[i].name);
            if (strcmp(buf_str(&out), cases[i].expect) != 0)
                fail_msg("case '%s': got '%s'", cases[i].name, buf_str(&out));
        }
        buf_free(&out);
        json_decref(data);
    }
}

static const char *test_partials(const char *name, size_t n, size_t *len)
{
    static const char *const parts[][2] = {{"greet", "<b>{{who}}</b>"}, {"loop", "x{{> loop}}"}};
    for (size_t i = 0; i < 2; i++)
        if (strlen(parts[i][0]) == n && strncmp(parts[i][0], name, n) == 0) {
            *len = strlen(parts[i][1]);
            return parts[i][1];
        }
    return NULL;
}

static void template_partials_share_the_context(void **state)
{
    (void)state;
    json_t *ctx = json_pack("{s:s, s:[{s:s}]}", "who", "<Ann>", "xs", "who", "Bo");
    struct buf out;
    buf_init(&out, 1 << 16);
    template_set_partials(NULL);
    assert_int_equal(template_render("a{{> greet}}", 12, ctx, &out), -1);   /* no loader */
    template_set_partials(test_partials);
    buf_reset(&out);
    const char *t = "[{{> greet}}]{{#xs}}({{> greet }}){{/xs}}";
    assert_int_equal(template_render(t, strlen(t), ctx, &out), 0);
    assert_string_equal(buf_str(&out), "[<b>&lt;Ann&gt;</b>](<b>Bo</b>)");
    buf_reset(&out);
    assert_int_equal(template_render("{{> nothing}}", 13, ctx, &out), -1);
    buf_reset(&out);
    assert_int_equal(template_render("{{> loop}}", 10, ctx, &out), -1);       /* recursion stops */
    template_set_partials(NULL);
    buf_free(&out);
    json_decref(ctx);
}

/* The NHS.UK date input (issue #14 item 11): three fields become one date. */
static void form_joins_date_inputs(void **state)
{
    (void)state;
    static const struct { const char *body, *key, *want; } cases[] = {
        {"start_on-day=2&start_on-month=12&start_on-year=2026", "start_on", "2026-12-02"},
        {"start_on-day=02&start_on-month=3&start_on-year=1948", "start_on", "1948-03-02"},
        {"start_on-day=&start_on-month=&start_on-year=", "start_on", ""},
        {"start_on-day=31&start_on-month=2&start_on-year=2026", "start_on", "2026-02-31"},   /* the validator refuses */
        {"start_on-day=x&start_on-month=2&start_on-year=2026", "start_on", "2026-2-x"},
        {"start_on-day=1&start_on-month=2&start_on-year=26", "start_on", "26-2-1"},
        {"plan-review_on-day=+9&plan-review_on-month=1&plan-review_on-year=2027", "plan-review_on", "2027-01-09"},
        {"start_on=2026-01-01&start_on-day=2&start_on-month=2&start_on-year=2026", "start_on", "2026-01-01"},
        {"start_on-day=2&start_on-month=2", "start_on", NULL},                               /* incomplete */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *o = form_parse(cases[i].body, strlen(cases[i].body));
        assert_non_null(o);
        const char *got = json_string_value(json_object_get(o, cases[i].key));
        if (cases[i].want ? !got || strcmp(got, cases[i].want) : got != NULL)
            fail_msg("case %zu: got %s", i, got ? got : "(none)");
        json_decref(o);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(form_decodes_and_rejects_bad_escapes),
        cmocka_unit_test(form_joins_date_inputs),
        cmocka_unit_test(template_escapes_by_default_and_renders_sections),
        cmocka_unit_test(template_partials_share_the_context),
    };
    return cmocka_run_group_tests_name("form_template", tests, NULL, NULL);
}
