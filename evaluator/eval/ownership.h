/*
 * ownership.h - the shares-outside condition: how much of an entity's
 * capital is held, and whether it is controlled, from outside a set of
 * jurisdictions, with the holders that decide it.
 */
#ifndef SOV_OWNERSHIP_H
#define SOV_OWNERSHIP_H

#include "catalog/catalog.h"
#include "policy/policy.h"

/* The measure lies between lo and hi (percent); lo itself is excluded
 * when lo_open (a holder whose share is not stated still holds some). */
typedef struct {
	double lo, hi;
	int lo_open;
	int unstated;       /* the entity lists no shareholders that day */
	int top;            /* the holder that sets lo for "largest", or -1 */
	int unknown;        /* a holder counted whose share is not stated */
	size_t counted;     /* holders from outside the set (that count) */
} own_value;

/* Measures entity `e` on `day` against the expanded `set`. */
void ownership_measure(own_value *out, const catalog *cat, int e,
	const jword *set, own_measure_kind m, int day);

/* 1 true, 0 false, 2 unknown: how `op value` judges the measure. */
int ownership_compare(const own_value *v, cmp_op op, double value);

/*
 * The sentence that explains a decided test, or (when `missing` is set)
 * the fact not stated, naming each holder that counts with its seat and
 * share. Allocated in `a`; NULL without memory.
 */
const char *ownership_words(arena *a, const catalog *cat, int e,
	const jword *set, const cond *c, int day, int decided);

#endif
