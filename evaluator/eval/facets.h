/*
 * facets.h - stage 4: for each (component, data class) subject, the set of
 * jurisdictions on each facet, with the reason each jurisdiction is there,
 * or "unknown" with the missing fact.
 */
#ifndef SOV_FACETS_H
#define SOV_FACETS_H

#include "base/buf.h"
#include "deploy/deploy.h"
#include "policy/policy.h"

/* Why a jurisdiction is on a facet: data, turned into words only when a
 * report needs them (facets_origin_text), since most never are. */
typedef enum {
	O_REGION, O_PAIR, O_REPLICA, O_BACKUP, O_ZONE, O_LOCAL,
	O_SCOPE_STORE, O_SCOPE_ROUTE, O_FLOW, O_ACCESS, O_KEYS, O_OPERATOR,
	O_PARENT
} origin_kind;

typedef struct {
	int jur;
	origin_kind kind;
	const cat_region *region;  /* the region involved, if any */
	const cat_scope *scope;    /* O_SCOPE_*: the routing scope */
	const void *ref;           /* flow, component or entity */
	int custody;               /* O_KEYS */
} origin;

/* Why a facet is unknown. The words are made only when a finding needs
 * them (facets_missing): a summary or a placement candidate that is ruled
 * out needs the verdict alone. */
typedef enum {
	WHY_KNOWN,
	WHY_NO_REGION,            /* stored: no region, no scope */
	WHY_NO_REGION_FOR_PAIR,   /* geo-redundant, but no region */
	WHY_NO_PAIR,              /* the region has no pair */
	WHY_PAIR_NOT_IN_CATALOG,
	WHY_NO_REDUNDANCY,
	WHY_NO_BACKUPS,
	WHY_NO_PLACE,             /* processed: no region, no scope */
	WHY_NO_ACCESS,
	WHY_NO_KEYS,
	WHY_NO_COMMITMENT         /* the provider commits to no place */
} facet_why;

typedef struct {
	int known;
	jword *set;
	origin *origins;
	size_t norigins, cap;
	facet_why why;            /* when !known: the fact not stated */
	const dep_component *why_comp;
	const cat_residency *why_residency; /* WHY_NO_COMMITMENT */
	const char *why_what;     /* WHY_NO_COMMITMENT: "processing", ... */
} facet_val;

typedef struct {
	const dep_component *comp;
	const dep_class *cls;     /* NULL for a component with no data */
	int comp_index, cls_index;
	facet_val f[F_COUNT];
	unsigned char *laws;      /* per catalog law: exposed? */
	int *law_why;             /* per law: index of the control origin
				     (operator or parent) it comes through */
	const char **mechanisms;
	size_t nmechanisms;
} subject;

/*
 * Derives every subject of `d` into `scratch`: components in document
 * order, data classes in declaration order. Returns SOV_OK or SOV_ENOMEM.
 */
int facets_derive(arena *scratch, const deployment *d, subject **out,
	size_t *n);

/* The words for why facet `f` of a subject of `d` is unknown ("the
 * region of component 'db' is not stated"), in `a`; NULL when it is
 * known, or without memory. */
const char *facets_missing(arena *a, const deployment *d,
	const facet_val *f);

/* The words for an origin: "region westeurope (Amsterdam)". A scope
 * origin gives only the region part when `lead` is 0 (for lists). */
void facets_origin_text(buf *b, const deployment *d, const origin *o,
	int lead);
/* Do two origins share a lead (the same routing scope clause)? */
int facets_same_lead(const origin *a, const origin *b);

/*
 * Is certification `id` held on `day` by the component or its operators:
 * CERT_HELD, CERT_NOT_HELD or CERT_UNSTATED. What the component states
 * comes first (the deployment names its recipient); then any entity of
 * the operator's chain that holds it; then one that states it and does
 * not hold it then. `*by` is that entity, or -1 for the component or
 * nobody.
 */
int facets_certified(const deployment *d, const subject *s, const char *id,
	int day, int *by);

/*
 * The recipient's sector (SECTOR_*): the component's if it states one,
 * else the first the operator's chain states, the operator first. `*by`
 * is that entity, or -1 for the component or nobody.
 */
int facets_sector(const deployment *d, const subject *s, int *by);

#endif
