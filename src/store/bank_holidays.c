#include "store/bank_holidays.h"
#include <stdio.h>
#include <string.h>

int bank_holidays_calendar(struct store *db, struct bank_holiday_calendar *cal, struct store_error *err)
{
    memset(cal, 0, sizeof *cal);
    struct store_stmt *s = store_prepare(db, "SELECT day FROM bank_holidays ORDER BY day", err);
    if (!s)
        return err->code;
    int rc;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        struct date d;
        if (cal->count < BANK_HOLIDAYS_MAX && date_parse(store_col_text(s, 0), "day", &d, NULL) == 0)
            cal->days[cal->count++] = date_to_days(d);
    }
    store_reset(s);
    if (rc != STORE_DONE)
        return rc;
    s = store_prepare(db, "SELECT year FROM bank_holiday_years ORDER BY year DESC", err);
    if (!s)
        return err->code;
    while ((rc = store_step(s, err)) == STORE_ROW) {
        int y = (int)store_col_int(s, 0);
        if (cal->last_year == 0)
            cal->first_year = cal->last_year = y;
        else if (y == cal->first_year - 1)
            cal->first_year = y;
    }
    store_reset(s);
    return rc == STORE_DONE ? STORE_OK : rc;
}

struct date_holidays bank_holidays_domain(const struct bank_holiday_calendar *cal, int estimate)
{
    struct date_holidays h = {cal->days, cal->count, cal->first_year, cal->last_year, 1, estimate ? 1 : 0};
    return h;
}

int bank_holidays_cover_range(const struct bank_holiday_calendar *cal, int from, int to)
{
    return cal->last_year != 0 && from >= cal->first_year && to <= cal->last_year;
}

json_t *bank_holidays_list(struct store *db, int year, struct store_error *err)
{
    if (year <= 0)
        return store_query_rows(db, "SELECT day AS date, name FROM bank_holidays ORDER BY day", 0, NULL, err);
    char from[32], to[32];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    const char *p[] = {from, to};
    return store_query_rows(db, "SELECT day AS date, name FROM bank_holidays WHERE day >= $1 AND day <= $2"
                                " ORDER BY day", 2, p, err);
}

json_t *bank_holidays_years(struct store *db, struct store_error *err)
{
    /* Years are the first four characters of the day; both backends agree
     * on SUBSTR and CAST. */
    return store_query_rows(db,
        "SELECT y.year AS year,"
        " CASE WHEN EXISTS (SELECT 1 FROM bank_holiday_years c WHERE c.year = y.year) THEN 1 ELSE 0 END AS complete,"
        " (SELECT COUNT(*) FROM bank_holidays h WHERE CAST(SUBSTR(h.day, 1, 4) AS INTEGER) = y.year) AS holidays"
        " FROM (SELECT CAST(SUBSTR(day, 1, 4) AS INTEGER) AS year FROM bank_holidays"
        "       UNION SELECT year FROM bank_holiday_years) y ORDER BY y.year", 0, NULL, err);
}

int bank_holidays_add(struct store *db, const struct actor *by, const char *day, const char *name,
                      struct store_error *err)
{
    const char *p[] = {day, name, by->user_id, by->now};
    return store_run(db, "INSERT INTO bank_holidays (day, name, added_by, added_at) VALUES ($1, $2, $3, $4)",
                     4, p, err);
}

int bank_holidays_remove(struct store *db, const char *day, struct store_error *err)
{
    const char *p[] = {day};
    int rc = store_run(db, "DELETE FROM bank_holidays WHERE day = $1", 1, p, err);
    return store_changed_one(db, rc, err);
}

int bank_holidays_mark_complete(struct store *db, const struct actor *by, int year, struct store_error *err)
{
    char y[16];
    snprintf(y, sizeof y, "%d", year);
    const char *p[] = {y, by->user_id, by->now};
    return store_run(db, "INSERT INTO bank_holiday_years (year, marked_by, marked_at)"
                         " SELECT CAST($1 AS INTEGER), $2, $3 WHERE NOT EXISTS"
                         " (SELECT 1 FROM bank_holiday_years WHERE year = CAST($1 AS INTEGER))", 3, p, err);
}
