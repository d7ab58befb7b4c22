/*
 * ownership.c - the shares-outside condition. A holder counts as "from
 * outside" a set when its seat is outside it, or when an entity that
 * controls it (its parent, or a shareholder with control) is, as far up
 * as the catalog states: the ceilings of SecNumCloud 19.6 b) count
 * holdings "directly or indirectly". A share the catalog does not state
 * is an interval, not a zero, so a test it could change is unknown.
 */
#include "ownership.h"

#include <string.h>

#include "base/buf.h"
#include "base/dates.h"

/* Control chains in the catalog are short; the bound keeps a user
 * catalog with shareholders that control each other from looping. */
#define MAX_CHAIN 8

/* A holder whose share is not stated still holds some: the measure is
 * above its lower bound by at least this much, for the comparisons. */
#define ABOVE_ZERO 1e-9

static int holds_on(const cat_holding *h, int day)
{
	return dates_in_range(day, h->from, h->until);
}

/* The first entity, from `e` up the entities that control it, seated
 * outside `set`; -1 when none is. */
static int outside_via(const catalog *cat, int e, const jword *set,
	int day, int depth)
{
	const cat_entity *en;
	size_t i;
	int r;

	if (e < 0 || depth > MAX_CHAIN)
		return -1;
	en = &cat->entities[e];
	if (!jurset_has(set, (size_t)en->seat))
		return e;
	r = outside_via(cat, en->parent, set, day, depth + 1);
	for (i = 0; r < 0 && i < en->nholders; i++)
		if (en->holders[i].control && holds_on(&en->holders[i], day))
			r = outside_via(cat, en->holders[i].entity, set, day,
				depth + 1);
	return r;
}

static void count_holding(own_value *v, const cat_holding *h,
	own_measure_kind m)
{
	v->counted++;
	if (h->share < 0) {
		if (v->unknown < 0)
			v->unknown = h->entity;
		return;
	}
	if (m != OWN_LARGEST)
		v->lo += h->share;
	else if (v->top < 0 || h->share > v->lo) {
		v->lo = h->share;
		v->top = h->entity;
	}
}

/* No shareholders listed: only the parent is known, as a controller
 * whose share is not stated. */
static void measure_unstated(own_value *v, const catalog *cat,
	const cat_entity *en, const jword *set, own_measure_kind m, int day)
{
	int from_outside = outside_via(cat, en->parent, set, day, 1) >= 0;

	v->unstated = 1;
	if (from_outside) {
		v->counted = 1;
		v->unknown = en->parent;
	}
	/* Who controls is what the parent chain says, as for the control
	 * facet; how the capital is held is not known at all. */
	if (m == OWN_CONTROL && !from_outside)
		return;
	v->lo_open = from_outside;
	v->hi = 100;
}

void ownership_measure(own_value *v, const catalog *cat, int e,
	const jword *set, own_measure_kind m, int day)
{
	const cat_entity *en = &cat->entities[e];
	size_t i, listed = 0;

	memset(v, 0, sizeof(*v));
	v->top = v->unknown = -1;
	for (i = 0; i < en->nholders; i++) {
		const cat_holding *h = &en->holders[i];

		if (!holds_on(h, day))
			continue;
		listed++;
		if ((m != OWN_CONTROL || h->control) &&
		    outside_via(cat, h->entity, set, day, 0) >= 0)
			count_holding(v, h, m);
	}
	if (!listed) {
		measure_unstated(v, cat, en, set, m, day);
		return;
	}
	if (v->lo > 100)
		v->lo = 100;
	v->hi = v->lo;
	if (v->unknown >= 0) {
		v->hi = 100;
		v->lo_open = m != OWN_LARGEST || v->top < 0;
	}
}

static int judge(cmp_op op, double a, double b)
{
	switch (op) {
	case OP_EQ: return a == b;
	case OP_NE: return a != b;
	case OP_LT: return a < b;
	case OP_LE: return a <= b;
	case OP_GT: return a > b;
	default: return a >= b;
	}
}

int ownership_compare(const own_value *v, cmp_op op, double value)
{
	double lo = v->lo_open ? v->lo + ABOVE_ZERO : v->lo;
	int inside = value >= lo && value <= v->hi;

	if (lo >= v->hi)
		return judge(op, lo, value);
	if (op == OP_EQ || op == OP_NE)
		return inside ? 2 : op == OP_NE;
	/* The other comparisons are monotonic: both ends agree or the
	 * unknown share decides. */
	return judge(op, lo, value) == judge(op, v->hi, value) ?
	       judge(op, lo, value) : 2;
}

/* ------------------------------------------------------------------ */
/* Words                                                               */

static void entity_words(buf *b, const catalog *cat, int e)
{
	const cat_entity *en = &cat->entities[e];

	buf_printf(b, "%s (%s), seated in %s", en->id, en->name,
		cat->jur[en->seat].code);
}

static void holder_words(buf *b, const catalog *cat,
	const cat_holding *h, const jword *set, int day)
{
	int via = outside_via(cat, h->entity, set, day, 0);

	entity_words(b, cat, h->entity);
	if (h->share < 0)
		buf_puts(b, ", with a share not stated");
	else
		buf_printf(b, ", with %g %%", h->share);
	if (h->control)
		buf_puts(b, " and control");
	if (via >= 0 && via != h->entity) {
		buf_puts(b, ", itself controlled by ");
		entity_words(b, cat, via);
	}
}

/* Every holder that counts, "; " between them. */
static void holders_words(buf *b, const catalog *cat, int e,
	const jword *set, own_measure_kind m, int day)
{
	const cat_entity *en = &cat->entities[e];
	size_t i, n = 0;

	for (i = 0; i < en->nholders; i++) {
		const cat_holding *h = &en->holders[i];

		if (!holds_on(h, day) || (m == OWN_CONTROL && !h->control) ||
		    outside_via(cat, h->entity, set, day, 0) < 0)
			continue;
		buf_puts(b, n++ ? "; " : "");
		holder_words(b, cat, h, set, day);
	}
}

static void missing_words(buf *b, const catalog *cat, int e,
	const own_value *v)
{
	const cat_entity *en = &cat->entities[e];

	if (v->unstated) {
		buf_printf(b, "the shareholders of operator %s (%s) are not "
			"stated in the catalog", en->id, en->name);
		if (v->unknown >= 0) {
			buf_puts(b, ", beyond its parent ");
			entity_words(b, cat, v->unknown);
		}
		return;
	}
	buf_puts(b, "the share of ");
	entity_words(b, cat, v->unknown);
	buf_printf(b, ", in operator %s (%s) is not stated", en->id,
		en->name);
}

static const char *const op_words[] = {
	"exactly", "other than", "less than", "at most", "more than",
	"at least",
};

/* "The largest share of operator x (X) held from outside EU is 100 %" */
static void measure_words(buf *b, const cat_entity *en, const cond *c,
	const own_value *v)
{
	const char *bound = v->unknown < 0 ? "" : v->lo_open ?
			    "more than " : "at least ";

	switch (c->measure) {
	case OWN_LARGEST:
		buf_printf(b, "The largest share of operator %s (%s) held "
			"from outside %s is %s%g %%", en->id, en->name,
			c->set_text, bound, v->lo);
		return;
	case OWN_TOTAL:
		buf_printf(b, "The shares of operator %s (%s) held from "
			"outside %s total %s%g %%", en->id, en->name,
			c->set_text, bound, v->lo);
		return;
	default:
		buf_printf(b, "Operator %s (%s) is controlled from outside %s "
			"by holders of %s%g %%", en->id, en->name,
			c->set_text, bound, v->lo);
	}
}

static void decided_words(buf *b, const catalog *cat, int e,
	const jword *set, const cond *c, const own_value *v, int day)
{
	const cat_entity *en = &cat->entities[e];

	if (!v->counted && c->measure == OWN_CONTROL)
		buf_printf(b, "No holder from outside %s controls operator "
			"%s (%s).", c->set_text, en->id, en->name);
	else if (!v->counted)
		buf_printf(b, "No share of operator %s (%s) is held from "
			"outside %s.", en->id, en->name, c->set_text);
	else if (v->unstated) {
		buf_printf(b, "Operator %s (%s) is controlled from outside "
			"%s by its parent ", en->id, en->name, c->set_text);
		entity_words(b, cat, v->unknown);
		buf_puts(b, ", whose share is not stated.");
	} else {
		measure_words(b, en, c, v);
		buf_puts(b, ": ");
		holders_words(b, cat, e, set, c->measure, day);
		buf_putc(b, '.');
	}
	if (c->number == 0 && (c->op == OP_LE || c->op == OP_EQ))
		buf_puts(b, " The rule allows none.");
	else
		buf_printf(b, " The rule asks for %s %s %%.",
			op_words[c->op], c->value);
}

const char *ownership_words(arena *a, const catalog *cat, int e,
	const jword *set, const cond *c, int day, int decided)
{
	own_value v;
	buf b;
	const char *out;

	ownership_measure(&v, cat, e, set, c->measure, day);
	buf_init(&b, arena_allocator(a));
	if (decided)
		decided_words(&b, cat, e, set, c, &v, day);
	else
		missing_words(&b, cat, e, &v);
	out = b.oom ? NULL : arena_strdup(a, b.data ? b.data : "");
	buf_release(&b);
	return out;
}
