/* board_pack: see board_pack.h for the pinned suppression and RAG rules. */
#include "domain/board_pack.h"
#include <stdio.h>

int board_count_suppressed(struct board_suppression s, int64_t count)
{
    return s.max > 0 && count >= 1 && count <= s.max;
}

int board_measure_suppressed(struct board_suppression s, int64_t num, int64_t den)
{
    return board_count_suppressed(s, num) || board_count_suppressed(s, den);
}

/* value (num/den) compared with bp exactly: -1, 0 or 1. */
static int cmp_bp(int64_t num, int64_t den, int32_t bp)
{
    int64_t a = num * 10000, b = (int64_t)bp * den;
    return a < b ? -1 : a > b;
}

int board_rag(int64_t num, int64_t den, struct kpi_target target, int32_t amber_bp, struct board_suppression s,
              enum board_rag *out, struct domain_error *err)
{
    struct kpi_result r;
    if (amber_bp < 0 || amber_bp > 10000)
        return domain_fail(err, DOMAIN_EINVAL, "amber_bp", "must be 0 to 10000 basis points");
    if (s.max < 0 || s.max > 100)
        return domain_fail(err, DOMAIN_EINVAL, "suppress_max", "must be 0 to 100");
    int rc = kpi_evaluate(num, den, target, &r, err);
    if (rc != DOMAIN_OK)
        return rc;
    if (r.status == KPI_NO_DATA) {
        *out = BOARD_NO_DATA;
        return DOMAIN_OK;
    }
    if (board_measure_suppressed(s, num, den)) {
        *out = BOARD_SUPPRESSED;
        return DOMAIN_OK;
    }
    if (r.status == KPI_MET) {
        *out = BOARD_GREEN;
        return DOMAIN_OK;
    }
    int higher_is_better = target.compare == KPI_ABOVE || target.compare == KPI_AT_LEAST;
    int32_t edge = higher_is_better ? target.basis_points - amber_bp : target.basis_points + amber_bp;
    int c = cmp_bp(num, den, edge);
    *out = (higher_is_better ? c >= 0 : c <= 0) ? BOARD_AMBER : BOARD_RED;
    return DOMAIN_OK;
}

int board_rag_spend(int64_t spend, int64_t budget, int32_t amber_bp, enum board_rag *out, struct domain_error *err)
{
    const int64_t max = INT64_C(10000000000000);
    if (spend < 0 || spend > max)
        return domain_fail(err, DOMAIN_EINVAL, "spend", "is out of range");
    if (budget < 0 || budget > max)
        return domain_fail(err, DOMAIN_EINVAL, "budget", "is out of range");
    if (amber_bp < 0 || amber_bp > 10000)
        return domain_fail(err, DOMAIN_EINVAL, "amber_bp", "must be 0 to 10000 basis points");
    if (budget == 0)
        *out = BOARD_NO_DATA;
    else if (spend <= budget)
        *out = BOARD_GREEN;
    else
        *out = spend * 10000 <= budget * (10000 + amber_bp) ? BOARD_AMBER : BOARD_RED;
    return DOMAIN_OK;
}

const char *board_rag_name(enum board_rag r)
{
    switch (r) {
    case BOARD_SUPPRESSED: return "suppressed";
    case BOARD_GREEN: return "green";
    case BOARD_AMBER: return "amber";
    case BOARD_RED: return "red";
    default: return "no_data";
    }
}

void board_target_text(struct kpi_target t, char *out, size_t size)
{
    static const char *const words[] = {"more than", "at least", "fewer than", "at most"};
    int bp = t.basis_points;
    const char *w = (unsigned)t.compare < 4 ? words[t.compare] : "?";
    if (bp % 100)
        snprintf(out, size, "%s %d.%02d%%", w, bp / 100, bp % 100);
    else
        snprintf(out, size, "%s %d%%", w, bp / 100);
}
