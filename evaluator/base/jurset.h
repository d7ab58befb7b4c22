/*
 * jurset.h - sets of jurisdictions as bitsets over the catalog's table.
 * Every set of one catalog has the same number of words.
 */
#ifndef SOV_JURSET_H
#define SOV_JURSET_H

#include <stddef.h>
#include <stdint.h>
#include "arena.h"

typedef uint64_t jword;

static inline size_t jurset_words(size_t n) { return (n + 63) / 64; }

jword *jurset_new(arena *a, size_t words);
static inline void jurset_add(jword *s, size_t i)
{
	s[i / 64] |= (jword)1 << (i % 64);
}
static inline int jurset_has(const jword *s, size_t i)
{
	return (int)((s[i / 64] >> (i % 64)) & 1);
}
void jurset_clear(jword *s, size_t words);
void jurset_union(jword *dst, const jword *src, size_t words);
/* dst = a & ~b */
void jurset_minus(jword *dst, const jword *a, const jword *b, size_t words);
void jurset_inter(jword *dst, const jword *a, const jword *b, size_t words);
int jurset_empty(const jword *s, size_t words);
/* Next member >= from, or -1. */
long jurset_next(const jword *s, size_t words, size_t from);

#endif
