/*
 * jurset.c - bitset operations (see jset.h).
 */
#include "jurset.h"

#include <string.h>

jword *jurset_new(arena *a, size_t words)
{
	return arena_calloc(a, words ? words : 1, sizeof(jword));
}

void jurset_clear(jword *s, size_t words)
{
	memset(s, 0, words * sizeof(jword));
}

void jurset_union(jword *dst, const jword *src, size_t words)
{
	size_t i;

	for (i = 0; i < words; i++)
		dst[i] |= src[i];
}

void jurset_minus(jword *dst, const jword *a, const jword *b, size_t words)
{
	size_t i;

	for (i = 0; i < words; i++)
		dst[i] = a[i] & ~b[i];
}

void jurset_inter(jword *dst, const jword *a, const jword *b, size_t words)
{
	size_t i;

	for (i = 0; i < words; i++)
		dst[i] = a[i] & b[i];
}

int jurset_empty(const jword *s, size_t words)
{
	size_t i;

	for (i = 0; i < words; i++)
		if (s[i])
			return 0;
	return 1;
}

long jurset_next(const jword *s, size_t words, size_t from)
{
	size_t i = from;

	while (i < words * 64) {
		jword w = s[i / 64] >> (i % 64);

		if (w)
			return (long)(i + (size_t)__builtin_ctzll(w));
		i = (i / 64 + 1) * 64;
	}
	return -1;
}
