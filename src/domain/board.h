/* board: what a governing board's report may carry (domain.md §12; issue
 * #14 item 2). Board reports carry coded and counted data only, never free
 * text (a shared care discussion's question or decision names people), and
 * published counts of 1 to 4 — and anything derived from them — are
 * suppressed so that no person can be identified.
 *
 * Shared care discussions (domain.md §5) are reported to the board by their
 * coded outcome; the codes and their words are here. */
#ifndef SEAMLESS_BOARD_H
#define SEAMLESS_BOARD_H

/* 1 when a published count must be suppressed: 1..4. 0 and 5 or more are
 * shown (a zero identifies no one). */
int board_default_count_suppressed(long long count);
#define BOARD_SUPPRESS_BELOW 5

/* The coded outcome of a shared care discussion, as the board sees it. */
extern const char *const shared_care_outcome_codes[];
extern const int shared_care_outcome_count;
int shared_care_outcome_is_valid(const char *code);
/* Words for an outcome code, or NULL. */
const char *shared_care_outcome_words(const char *code);

#endif
