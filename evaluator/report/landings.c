/*
 * landings.c - the places each facet reaches, judged by the findings.
 *
 * A violation names the jurisdictions that break its rule (its items):
 * it darkens only the landings of its facet in those places, and finds
 * the others of that facet fine. Any other
 * verdict applies to the subject as a whole, so it touches every
 * landing of its facet (or of the component, when it names no facet).
 */
#include "landings.h"

#include <string.h>

int landing_rank(sov_verdict v)
{
	static const int rank[6] = { 1, 5, 0, 4, 2, 3 };

	return (int)v >= 0 && (int)v < 6 ? rank[v] : 0;
}

typedef struct {
	arena *a;
	const catalog *cat;
	landing *l;
	size_t n, cap;
} collector;

static int country_of(const catalog *c, int j)
{
	return c->jur[j].country >= 0 ? c->jur[j].country : j;
}

static int provider_of(const catalog *c, const cat_region *reg)
{
	size_t p;

	for (p = 0; reg && p < c->nproviders; p++) {
		const cat_provider *pr = &c->providers[p];

		if (reg >= pr->regions && reg < pr->regions + pr->nregions)
			return (int)p;
	}
	return -1;
}

static int seen(const collector *C, const landing *x)
{
	size_t i;

	for (i = 0; i < C->n; i++) {
		const landing *l = &C->l[i];

		if (l->comp == x->comp && l->facet == x->facet &&
		    l->jur == x->jur && l->region == x->region &&
		    l->law == x->law)
			return 1;
	}
	return 0;
}

static int add(collector *C, const landing *x)
{
	if (seen(C, x))
		return SOV_OK;
	if (C->n == C->cap) {
		size_t cap = C->cap ? C->cap * 2 : 32;
		landing *l = arena_alloc(C->a, cap * sizeof(*l));

		if (!l)
			return SOV_ENOMEM;
		if (C->n)
			memcpy(l, C->l, C->n * sizeof(*l));
		C->l = l;
		C->cap = cap;
	}
	C->l[C->n++] = *x;
	return SOV_OK;
}

static int add_origins(collector *C, const subject *s, int f)
{
	const facet_val *v = &s->f[f];
	size_t i;

	for (i = 0; v->known && i < v->norigins; i++) {
		const origin *o = &v->origins[i];
		landing x;

		memset(&x, 0, sizeof(x));
		x.comp = s->comp_index;
		x.facet = f;
		x.jur = o->jur;
		x.country = country_of(C->cat, o->jur);
		x.why = o->kind;
		x.region = o->region;
		x.provider = provider_of(C->cat, o->region);
		x.law = -1;
		if (add(C, &x) != SOV_OK)
			return SOV_ENOMEM;
	}
	return SOV_OK;
}

/* The laws a subject's operators answer to, each where it was made. */
static int add_laws(collector *C, const subject *s)
{
	size_t l;

	for (l = 0; s->laws && l < C->cat->nlaws; l++) {
		const cat_law *law = &C->cat->laws[l];
		landing x;

		if (!s->laws[l] || law->jurisdiction < 0)
			continue;
		memset(&x, 0, sizeof(x));
		x.comp = s->comp_index;
		x.facet = F_CONTROL;
		x.jur = law->jurisdiction;
		x.country = country_of(C->cat, law->jurisdiction);
		x.why = O_OPERATOR;
		x.provider = -1;
		x.law = (int)l;
		if (add(C, &x) != SOV_OK)
			return SOV_ENOMEM;
	}
	return SOV_OK;
}

static int names_place(const catalog *c, const finding *f,
	const landing *l)
{
	size_t i;

	if (!f->nitems)
		return 1;
	for (i = 0; i < f->nitems; i++) {
		int j = catalog_jurisdiction(c, f->items[i].code);

		if (j >= 0 && (j == l->jur || j == l->country ||
			       country_of(c, j) == l->jur))
			return 1;
	}
	return 0;
}

/* The verdict finding f gives landing l, or SOV_NOT_APPLICABLE when it
 * says nothing of it. A violation that does not name the place found
 * the place itself fine. */
static sov_verdict verdict_for(const catalog *c, const result *r,
	const finding *f, const landing *l)
{
	if (f->verdict == SOV_NOT_APPLICABLE ||
	    f->comp != &r->d->components[l->comp])
		return SOV_NOT_APPLICABLE;
	if (f->facet && strcmp(f->facet, facet_names[l->facet]) != 0)
		return SOV_NOT_APPLICABLE;
	if (f->verdict == SOV_VIOLATION && !names_place(c, f, l))
		return SOV_COMPLIANT;
	return f->verdict;
}

static void judge(const result *r, landing *l, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < r->n; k++) {
			sov_verdict v = verdict_for(r->d->cat, r, &r->f[k],
				&l[i]);

			if (v == SOV_NOT_APPLICABLE)
				continue;
			if (!l[i].judged ||
			    landing_rank(v) > landing_rank(l[i].worst))
				l[i].worst = v;
			l[i].judged = 1;
		}
}

int landings_of(arena *a, const result *r, landing **out, size_t *n)
{
	collector C;
	subject *subs;
	size_t ns, i;
	int f;

	memset(&C, 0, sizeof(C));
	C.a = a;
	C.cat = r->d->cat;
	*out = NULL;
	*n = 0;
	if (facets_derive(a, r->d, &subs, &ns) != SOV_OK)
		return SOV_ENOMEM;
	for (i = 0; i < ns; i++) {
		for (f = 0; f < F_COUNT; f++)
			if (add_origins(&C, &subs[i], f) != SOV_OK)
				return SOV_ENOMEM;
		if (add_laws(&C, &subs[i]) != SOV_OK)
			return SOV_ENOMEM;
	}
	judge(r, C.l, C.n);
	*out = C.l;
	*n = C.n;
	return SOV_OK;
}
