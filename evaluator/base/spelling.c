/*
 * spelling.c - nearest id by edit distance (Levenshtein, case-insensitive)
 * for error messages.
 */
#include "spelling.h"

#include <ctype.h>
#include <string.h>

#define MAX_ID 128

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t spelling_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[MAX_ID + 1];

	if (la > MAX_ID || lb > MAX_ID)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			int same = tolower((unsigned char)a[i - 1]) ==
				   tolower((unsigned char)b[j - 1]);

			row[j] = min3(row[j] + 1, row[j - 1] + 1,
				diag + (same ? 0 : 1));
			diag = up;
		}
	}
	return row[lb];
}

const char *spelling_nearest(const char *word, const void *base, size_t n,
	size_t size, size_t offset)
{
	size_t i, best = (size_t)-1, limit = strlen(word) / 3;
	const char *found = NULL;

	if (limit < 2)
		limit = 2;
	for (i = 0; i < n; i++) {
		const char *id = *(const char *const *)(const void *)
			((const char *)base + i * size + offset);
		size_t d = id ? spelling_distance(word, id) : (size_t)-1;

		if (d < best) {
			best = d;
			found = id;
		}
	}
	return best <= limit ? found : NULL;
}
