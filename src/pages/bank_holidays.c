/* The admin page of bank holidays (/admin/bank-holidays): the list, the
 * years and their coverage, a form to add a day and one to mark a year
 * complete. The same service as the API and the CLI (svc/bank_holidays.h). */
#include "api/api.h"
#include "api/handlers.h"
#include "pages/page.h"
#include "svc/bank_holidays.h"
#include "web/web.h"

static void page(struct request *req, struct response *res, int status, json_t *errors, json_t *typed, void *arg)
{
    (void)arg;
    json_t *data;
    int rc = svc_bank_holidays_list(api_ctx(req), &data);
    if (rc != SVC_OK) {
        api_result(req, res, rc);
        return;
    }
    data = json_copy(data);
    json_t *ed = page_error_data(errors);
    json_object_update(data, ed);
    json_decref(ed);
    json_object_set_new(data, "typed", typed ? json_incref(typed) : json_object());
    if (status == 200 && http_query(req, "added"))
        json_object_set_new(data, "confirmation", json_string("Bank holiday added"));
    else if (status == 200 && http_query(req, "completed"))
        json_object_set_new(data, "confirmation", json_string("Year marked complete"));
    web_page(req, res, status, "bank_holidays", "Bank holidays", data);
}

void p_bank_holidays(struct request *req, struct response *res)
{
    page(req, res, 200, NULL, NULL, NULL);
}

static int add(struct svc_ctx *c, json_t *form, void *arg)
{
    (void)arg;
    return svc_bank_holiday_add_input(c, form);
}

static const char *added(struct request *req, void *arg)
{
    (void)req;
    (void)arg;
    return "/admin/bank-holidays?added=1";
}

static const char *completed(struct request *req, void *arg)
{
    (void)req;
    (void)arg;
    return "/admin/bank-holidays?completed=1";
}

void p_bank_holiday_add(struct request *req, struct response *res)
{
    page_post(req, res, &(struct page_form){NULL, add, added, page, NULL, NULL});
}

static int complete(struct svc_ctx *c, json_t *form, void *arg)
{
    (void)arg;
    return svc_bank_holiday_year_complete_text(c, json_string_value(json_object_get(form, "year")));
}

void p_bank_holiday_year_complete(struct request *req, struct response *res)
{
    page_post(req, res, &(struct page_form){NULL, complete, completed, page, NULL, NULL});
}
