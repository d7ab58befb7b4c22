/*
 * spelling.h - "did you mean": the known id nearest to a mistyped one.
 */
#ifndef SOV_SPELLING_H
#define SOV_SPELLING_H

#include <stddef.h>

/*
 * The id nearest to `word` among `n` structs of `size` bytes starting at
 * `base`, whose id is the `const char *` at byte `offset`; NULL when none
 * is close (edit distance above a third of the word's length, at least 2).
 */
/* Edit distance between two ids, case-insensitive. */
size_t spelling_distance(const char *a, const char *b);

const char *spelling_nearest(const char *word, const void *base, size_t n,
	size_t size, size_t offset);

#endif
