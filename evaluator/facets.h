/*
 * facets.h - stage 4: for each (component, data class) subject, the set of
 * jurisdictions on each facet, with the reason each jurisdiction is there,
 * or "unknown" with the missing fact.
 */
#ifndef SOV_FACETS_H
#define SOV_FACETS_H

#include "deploy.h"
#include "policy.h"

/* Why a jurisdiction is on a facet. Origins sharing a `lead` (a routing
 * scope) are reported together: "<lead> regions a (City), b (City)". */
typedef struct {
	int jur;
	const char *lead;
	const char *why;
} origin;

typedef struct {
	int known;
	jword *set;
	origin *origins;
	size_t norigins, cap;
	const char *missing;      /* when !known: the fact not stated */
} facet_val;

typedef struct {
	const dep_component *comp;
	const dep_class *cls;     /* NULL for a component with no data */
	int comp_index, cls_index;
	facet_val f[F_COUNT];
	unsigned char *laws;      /* per catalog law: exposed? */
	const char **law_why;     /* per catalog law: through which entity */
	const char **mechanisms;
	size_t nmechanisms;
} subject;

/*
 * Derives every subject of `d` into `scratch`: components in document
 * order, data classes in declaration order. Returns SOV_OK or SOV_ENOMEM.
 */
int facets_derive(arena *scratch, const deployment *d, subject **out,
	size_t *n);

/* Is certification `id` held on `day` by the component or its operators? */
int facets_certified(const deployment *d, const subject *s, const char *id,
	int day);

#endif
