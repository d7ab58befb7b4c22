/*
 * landings.h - where each component's facets land, country by country,
 * with the worst verdict of the findings that touch each place: what
 * the HTML report's map colours and the diagram's location nodes show.
 */
#ifndef SOV_LANDINGS_H
#define SOV_LANDINGS_H

#include "eval/eval.h"
#include "eval/facets.h"

typedef struct {
	int comp;                  /* index in the deployment's components */
	int facet;                 /* F_* */
	int jur;                   /* the jurisdiction reached */
	int country;               /* its country (jur itself for one) */
	origin_kind why;           /* the first origin that put it there */
	const cat_region *region;  /* through this region, if any */
	int provider;              /* the region's provider, or -1 */
	int law;                   /* F_CONTROL through a law: its index */
	int judged;                /* some finding touched it */
	sov_verdict worst;         /* the worst of those (if judged) */
} landing;

/* How bad a verdict is, for "worst": not-applicable 0 ... violation 5. */
int landing_rank(sov_verdict v);

/* Every landing of r's deployment, components in document order, then
 * facets, then places in the order facets found them; allocated in a.
 * Returns SOV_OK or SOV_ENOMEM. */
int landings_of(arena *a, const result *r, landing **out, size_t *n);

#endif
