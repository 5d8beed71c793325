#include "util/holidays_json.h"
#include "domain/dates.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Frees the document and says what was wrong; always -1. */
static int fail(json_t *root, char *err, size_t n, const char *msg, size_t event)
{
    if (event)
        snprintf(err, n, "event %zu %s", event, msg);
    else
        snprintf(err, n, "%s", msg);
    json_decref(root);
    return -1;
}

int holidays_json_parse(const char *text, size_t len, const char *division, struct holiday_event *out,
                        size_t max, char *err, size_t n)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return fail(NULL, err, n, "the file is not JSON", 0);
    json_t *events = json_object_get(json_object_get(root, division), "events");
    if (!json_is_array(events))
        return fail(root, err, n, "the file has no events for that division", 0);
    if (json_array_size(events) > max)
        return fail(root, err, n, "the file has more events than can be loaded at once", 0);
    size_t i;
    json_t *e;
    json_array_foreach(events, i, e) {
        const char *date = json_string_value(json_object_get(e, "date"));
        const char *title = json_string_value(json_object_get(e, "title"));
        struct date d;
        if (!date || date_parse(date, "date", &d, NULL) != 0)
            return fail(root, err, n, "has no real date (YYYY-MM-DD)", i + 1);
        if (!title || !*title || strlen(title) > 100)
            return fail(root, err, n, "needs a title of 1 to 100 characters", i + 1);
        snprintf(out[i].date, sizeof out[i].date, "%s", date);
        snprintf(out[i].title, sizeof out[i].title, "%s", title);
    }
    size_t count = json_array_size(events);
    json_decref(root);
    return (int)count;
}
