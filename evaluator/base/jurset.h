/*
 * jset.h - sets of jurisdictions as bitsets over the catalog's table.
 * Every set of one catalog has the same number of words.
 */
#ifndef SOV_JSET_H
#define SOV_JSET_H

#include <stddef.h>
#include <stdint.h>
#include "arena.h"

typedef uint64_t jword;

static inline size_t jset_words(size_t n) { return (n + 63) / 64; }

jword *jset_new(arena *a, size_t words);
static inline void jset_add(jword *s, size_t i)
{
	s[i / 64] |= (jword)1 << (i % 64);
}
static inline int jset_has(const jword *s, size_t i)
{
	return (int)((s[i / 64] >> (i % 64)) & 1);
}
void jset_clear(jword *s, size_t words);
void jset_union(jword *dst, const jword *src, size_t words);
/* dst = a & ~b */
void jset_minus(jword *dst, const jword *a, const jword *b, size_t words);
void jset_inter(jword *dst, const jword *a, const jword *b, size_t words);
int jset_empty(const jword *s, size_t words);
/* Next member >= from, or -1. */
long jset_next(const jword *s, size_t words, size_t from);

#endif
