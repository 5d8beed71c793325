/* board_pack: the rules a published board pack follows (domain.md §12;
 * issue #17 ¶7-8).
 *
 * Small numbers: a count c is suppressed when 1 <= c <= max (the rule's
 * threshold; the default 4 hides 1-4, as published NHS and council tables
 * do). 0 is shown (nobody is identified by "none"); max 0 turns the rule
 * off. A percentage (or any figure) built on a suppressed count is
 * suppressed too: a measure is suppressed when its numerator or its
 * denominator is.
 *
 * RAG status of a measure against its target (kpi.h's exact comparison,
 * never the rounded percentage):
 *   no data     denominator 0 (never "0%", never green)
 *   suppressed  the measure is suppressed (its RAG would hint at the count)
 *   green       the target is met
 *   amber       not met, but within amber_bp (basis points; default 500 =
 *               5 percentage points) of the target — inclusive: 75.00%
 *               against "more than 80%" with a 5-point band is amber
 *   red         otherwise
 * Pure: no allocation. Errors name "numerator", "denominator", "target",
 * "amber_bp". */
#ifndef SEAMLESS_BOARD_PACK_H
#define SEAMLESS_BOARD_PACK_H
#include <stdint.h>
#include "domain/domain_error.h"
#include "domain/kpi.h"

#define BOARD_SUPPRESS_DEFAULT 4
#define BOARD_AMBER_DEFAULT_BP 500

struct board_suppression {
    int32_t max;   /* 0 = off; 1..100 */
};

enum board_rag { BOARD_NO_DATA, BOARD_SUPPRESSED, BOARD_GREEN, BOARD_AMBER, BOARD_RED };

/* 1 when count is hidden under rule s. */
int board_count_suppressed(struct board_suppression s, int64_t count);
/* 1 when a figure built on num and den is hidden. */
int board_measure_suppressed(struct board_suppression s, int64_t num, int64_t den);

int board_rag(int64_t num, int64_t den, struct kpi_target target, int32_t amber_bp, struct board_suppression s,
              enum board_rag *out, struct domain_error *err);
/* Spend against budget (money, never suppressed): no data when the budget
 * is 0; green when spend <= budget; amber when over by at most amber_bp of
 * the budget (inclusive); red beyond. Errors: "spend"/"budget" negative or
 * over 10^13 pence. */
int board_rag_spend(int64_t spend, int64_t budget, int32_t amber_bp, enum board_rag *out, struct domain_error *err);
/* "no_data", "suppressed", "green", "amber", "red". */
const char *board_rag_name(enum board_rag r);
/* "more than 80%", "fewer than 15%", "at least 70%", "at most 100%". */
void board_target_text(struct kpi_target t, char *out, size_t size);

#endif
