/*
 * facets.c - stage 4: derive facets. Sound, not optimistic: a routing
 * scope contributes every region it may route to, geo-redundancy its
 * paired region, and anything neither stated nor derivable is unknown.
 */
#include "facets.h"

#include <string.h>

#include "base/dates.h"

typedef struct {
	arena *a;
	const deployment *d;
	const catalog *cat;
	subject *s;
} deriver;

static int add_origin(deriver *D, facet_val *f, const origin *o)
{
	if (f->norigins == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 4;
		origin *o = arena_calloc(D->a, cap, sizeof(origin));

		if (!o)
			return SOV_ENOMEM;
		if (f->norigins)
			memcpy(o, f->origins, f->norigins * sizeof(origin));
		f->origins = o;
		f->cap = cap;
	}
	f->origins[f->norigins++] = *o;
	catalog_add_jurisdiction(D->cat, f->set, o->jur);
	return SOV_OK;
}

/* An origin whose place is a region. */
static int add_region(deriver *D, facet_val *f, origin_kind kind,
	const cat_region *r, const cat_scope *scope)
{
	origin o;

	memset(&o, 0, sizeof(o));
	o.jur = r->jurisdiction;
	o.kind = kind;
	o.region = r;
	o.scope = scope;
	return add_origin(D, f, &o);
}

/* An origin whose place is a jurisdiction stated by the deployment. */
static int add_stated(deriver *D, facet_val *f, origin_kind kind, int jur,
	const void *ref, int custody)
{
	origin o;

	memset(&o, 0, sizeof(o));
	o.jur = jur;
	o.kind = kind;
	o.ref = ref;
	o.custody = custody;
	return add_origin(D, f, &o);
}

static int unknown(facet_val *f, facet_why why, const dep_component *c)
{
	f->known = 0;
	f->why = why;
	f->why_comp = c;
	return SOV_OK;
}

static int add_scope(deriver *D, facet_val *f, const dep_component *c,
	origin_kind kind)
{
	const cat_provider *p = &D->cat->providers[c->provider];
	const cat_scope *sc = &p->scopes[c->scope];
	size_t i;
	int rc = SOV_OK;

	for (i = 0; i < sc->nregions && rc == SOV_OK; i++)
		rc = add_region(D, f, kind, &p->regions[sc->regions[i]], sc);
	return rc;
}

/* stored: the primary region, or every region of a scope. */
static int derive_stored(deriver *D, const dep_component *c, int stores)
{
	facet_val *f = &D->s->f[F_STORED];

	if (!stores)
		return SOV_OK;
	if (c->region >= 0)
		return add_region(D, f, O_REGION, catalog_region_at(D->cat,
			c->provider, c->region), NULL);
	if (c->scope >= 0)
		return add_scope(D, f, c, O_SCOPE_STORE);
	return unknown(f, WHY_NO_REGION, c);
}

static int derive_pair(deriver *D, const dep_component *c, facet_val *f)
{
	const cat_region *r;

	if (c->region < 0)
		return unknown(f, WHY_NO_REGION_FOR_PAIR, c);
	r = catalog_region_at(D->cat, c->provider, c->region);
	if (r->pair >= 0)
		return add_region(D, f, O_PAIR, catalog_region_at(D->cat,
			c->provider, r->pair), NULL);
	return unknown(f, r->pair == PAIR_NONE ? WHY_NO_PAIR :
		WHY_PAIR_NOT_IN_CATALOG, c);
}

/* replica: the pair for geo, the same region otherwise, plus listed. */
static int derive_replica(deriver *D, const dep_component *c, int stores)
{
	facet_val *f = &D->s->f[F_REPLICA];
	size_t i;
	int rc = SOV_OK;

	if (!stores)
		return SOV_OK;
	for (i = 0; i < c->nreplicas && rc == SOV_OK; i++)
		rc = add_region(D, f, O_REPLICA, catalog_region_at(D->cat,
			c->replicas[i].provider, c->replicas[i].region), NULL);
	if (rc != SOV_OK || !D->s->f[F_STORED].known)
		return rc;
	if (c->redundancy == RED_UNSET)
		return unknown(f, WHY_NO_REDUNDANCY, c);
	if (c->redundancy == RED_GEO)
		return derive_pair(D, c, f);
	for (i = 0; i < D->s->f[F_STORED].norigins && rc == SOV_OK; i++) {
		origin o = D->s->f[F_STORED].origins[i];

		/* The same place, copied by zone or local redundancy; a
		 * scope's regions keep their scope for the words. */
		if (o.kind == O_REGION)
			o.kind = c->redundancy == RED_ZONE ? O_ZONE : O_LOCAL;
		rc = add_origin(D, f, &o);
	}
	return rc;
}

static int derive_backup(deriver *D, const dep_component *c, int stores)
{
	facet_val *f = &D->s->f[F_BACKUP];
	size_t i;
	int rc = SOV_OK;

	if (!stores)
		return SOV_OK;
	for (i = 0; i < c->nbackups && rc == SOV_OK; i++)
		rc = add_region(D, f, O_BACKUP, catalog_region_at(D->cat,
			c->backups[i].provider, c->backups[i].region), NULL);
	if (c->nbackups == 0 && c->backups_mode == LIST_UNSET)
		return unknown(f, WHY_NO_BACKUPS, c);
	return rc;
}

static int derive_processed(deriver *D, const dep_component *c)
{
	facet_val *f = &D->s->f[F_PROCESSED];
	int rc = SOV_OK;

	if (c->region >= 0)
		rc = add_region(D, f, O_REGION, catalog_region_at(D->cat,
			c->provider, c->region), NULL);
	if (rc == SOV_OK && c->scope >= 0)
		rc = add_scope(D, f, c, O_SCOPE_ROUTE);
	if (c->region < 0 && c->scope < 0)
		return unknown(f, WHY_NO_PLACE, c);
	return rc;
}

static int derive_transit(deriver *D, const dep_component *c, int ci,
	int k)
{
	facet_val *f = &D->s->f[F_TRANSIT];
	size_t i, j;
	int rc = SOV_OK;

	for (i = 0; i < D->d->nflows && rc == SOV_OK; i++) {
		const dep_flow *fl = &D->d->flows[i];

		if ((fl->from != ci && fl->to != ci) || k < 0 ||
		    !deploy_flow_carries(fl, k))
			continue;
		for (j = 0; j < fl->ntransit && rc == SOV_OK; j++)
			rc = add_stated(D, f, O_FLOW, fl->transit[j], fl, 0);
	}
	(void)c;
	return rc;
}

static int derive_access(deriver *D, const dep_component *c)
{
	facet_val *f = &D->s->f[F_ACCESSED];
	size_t i;
	int rc = SOV_OK;

	for (i = 0; i < c->naccess && rc == SOV_OK; i++)
		rc = add_stated(D, f, O_ACCESS, c->access[i], c, 0);
	if (c->naccess == 0 && c->access_mode == LIST_UNSET)
		return unknown(f, WHY_NO_ACCESS, c);
	return rc;
}

static int derive_keys(deriver *D, const dep_component *c)
{
	facet_val *f = &D->s->f[F_KEYS];
	size_t i;
	int rc = SOV_OK;

	if (c->custody == CUSTODY_UNSET)
		return unknown(f, WHY_NO_KEYS, c);
	for (i = 0; i < c->nkey_locations && rc == SOV_OK; i++)
		rc = add_stated(D, f, O_KEYS, c->key_locations[i], c,
			c->custody);
	return rc;
}

static void note_exposures(deriver *D, int e, int why)
{
	size_t i;

	for (i = 0; i < D->cat->nlaws; i++)
		if (!D->s->laws[i] &&
		    catalog_entity_exposed(D->cat, e, (int)i)) {
			D->s->laws[i] = 1;
			D->s->law_why[i] = why;
		}
}

/* control: the operator's seat and its parents' seats, and their laws. */
static int derive_control(deriver *D, const dep_component *c)
{
	facet_val *f = &D->s->f[F_CONTROL];
	int e = c->operator_entity, depth = 0, rc = SOV_OK;

	D->s->laws = arena_calloc(D->a, D->cat->nlaws + 1, 1);
	D->s->law_why = arena_calloc(D->a, D->cat->nlaws + 1, sizeof(int));
	if (!D->s->laws || !D->s->law_why)
		return SOV_ENOMEM;
	for (; e >= 0 && rc == SOV_OK && depth <= (int)D->cat->nentities;
	     e = D->cat->entities[e].parent, depth++) {
		const cat_entity *en = &D->cat->entities[e];

		rc = add_stated(D, f, depth ? O_PARENT : O_OPERATOR,
			en->seat, en, 0);
		if (rc == SOV_OK)
			note_exposures(D, e, (int)f->norigins - 1);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Service-level residency: a place is not a promise                   */

static int has_index(const int *v, size_t n, int i)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (v[k] == i)
			return 1;
	return 0;
}

static const char *component_service(const dep_component *c)
{
	size_t i;

	for (i = 0; i < c->nattrs; i++)
		if (strcmp(c->attrs[i].name, "service") == 0)
			return c->attrs[i].value;
	return NULL;
}

/* Does entry r cover component c? A component that does not say which
 * service it uses may be using the one without a commitment. */
static int residency_covers(const cat_residency *r, const dep_component *c)
{
	const char *service = component_service(c);

	if (strcmp(r->kind, c->kind) != 0 ||
	    (r->service && service && strcmp(r->service, service) != 0))
		return 0;
	if (!r->nregions && !r->nscopes)
		return 1;
	return (c->region >= 0 && has_index(r->regions, r->nregions,
					     c->region)) ||
	       (c->scope >= 0 && has_index(r->scopes, r->nscopes, c->scope));
}

static int no_commitment(facet_val *f, const dep_component *c,
	const cat_residency *r, const char *what)
{
	unknown(f, WHY_NO_COMMITMENT, c);
	f->why_residency = r;
	f->why_what = what;
	return SOV_OK;
}

static const char *commitment_words(arena *a, const catalog *cat,
	const facet_val *f)
{
	const dep_component *c = f->why_comp;
	const cat_residency *r = f->why_residency;
	const cat_provider *p = &cat->providers[c->provider];
	const char *what = f->why_what;

	return arena_printf(a, "%s does not commit to %s for %s "
		"components%s%s%s in %s %s (%s%s%s), so where component '%s' "
		"%s is not known", p->name, what, r->kind,
		r->service ? " of service '" : "",
		r->service ? r->service : "", r->service ? "'" : "",
		c->region >= 0 ? "region" : "routing scope",
		c->region >= 0 ? p->regions[c->region].id :
		p->scopes[c->scope].id, r->note ? r->note : "",
		r->note ? "; " : "", r->source, c->id,
		what[0] == 'p' ? "is processed" : "stores its data");
}

const char *facets_missing(arena *a, const deployment *d,
	const facet_val *f)
{
	const dep_component *c = f->why_comp;
	const char *id;

	/* An unknown facet always names the component that left it so. */
	if (f->known || !c)
		return NULL;
	id = c->id;
	switch (f->why) {
	case WHY_NO_REGION:
		return arena_printf(a, "the region of component '%s' is not "
			"stated", id);
	case WHY_NO_REGION_FOR_PAIR:
		return arena_printf(a, "the region of component '%s' is not "
			"stated, so its geo-redundant pair is unknown", id);
	case WHY_NO_PAIR:
		return arena_printf(a, "region '%s' has no paired region, so "
			"where its geo-redundant copy goes is not stated",
			catalog_region_at(d->cat, c->provider, c->region)->id);
	case WHY_PAIR_NOT_IN_CATALOG:
		return arena_printf(a, "the paired region of '%s' is not in "
			"the catalog",
			catalog_region_at(d->cat, c->provider, c->region)->id);
	case WHY_NO_REDUNDANCY:
		return arena_printf(a, "the redundancy of component '%s' is "
			"not stated (none, zone or geo)", id);
	case WHY_NO_BACKUPS:
		return arena_printf(a, "the backups of component '%s' are not "
			"stated (list them, or say backups=\"none\")", id);
	case WHY_NO_PLACE:
		return arena_printf(a, "neither the region nor the routing "
			"scope of component '%s' is stated", id);
	case WHY_NO_ACCESS:
		return arena_printf(a, "who may access component '%s' and "
			"from where is not stated (list <access>, or say "
			"access=\"none\")", id);
	case WHY_NO_KEYS:
		return arena_printf(a, "the custody and location of the keys "
			"of component '%s' are not stated", id);
	case WHY_NO_COMMITMENT:
		return commitment_words(a, d->cat, f);
	case WHY_KNOWN:
		break;
	}
	return NULL;
}

/* The facets a documented absence of commitment makes unknown. */
static int derive_residency(deriver *D, const dep_component *c,
	int stores)
{
	const cat_provider *p = &D->cat->providers[c->provider];
	size_t i;
	int rc = SOV_OK;

	for (i = 0; i < p->nresidencies && rc == SOV_OK; i++) {
		const cat_residency *r = &p->residencies[i];

		if (!residency_covers(r, c))
			continue;
		if (r->processing == RES_NONE && D->s->f[F_PROCESSED].known)
			rc = no_commitment(&D->s->f[F_PROCESSED], c, r,
				"processing");
		if (rc == SOV_OK && stores && r->storage == RES_NONE &&
		    D->s->f[F_STORED].known)
			rc = no_commitment(&D->s->f[F_STORED], c, r,
				"storing");
	}
	return rc;
}

static int collect_mechanisms(deriver *D, const dep_component *c, int ci,
	int k)
{
	size_t i, j, n = c->nmechanisms;
	subject *s = D->s;

	for (i = 0; i < D->d->nflows; i++)
		n += D->d->flows[i].nmechanisms;
	s->mechanisms = arena_calloc(D->a, n + 1, sizeof(char *));
	if (!s->mechanisms)
		return SOV_ENOMEM;
	for (i = 0; i < c->nmechanisms; i++)
		s->mechanisms[s->nmechanisms++] = c->mechanisms[i];
	for (i = 0; i < D->d->nflows; i++) {
		const dep_flow *fl = &D->d->flows[i];

		if (fl->to != ci || k < 0 || !deploy_flow_carries(fl, k))
			continue;
		for (j = 0; j < fl->nmechanisms; j++)
			s->mechanisms[s->nmechanisms++] = fl->mechanisms[j];
	}
	return SOV_OK;
}

static int derive_subject(deriver *D, int ci, int k)
{
	const dep_component *c = &D->d->components[ci];
	subject *s = D->s;
	int holds = k >= 0 ? c->holds[k] : 0, f, rc;

	s->comp = c;
	s->cls = k >= 0 ? &D->d->classes[k] : NULL;
	s->comp_index = ci;
	s->cls_index = k;
	for (f = 0; f < F_COUNT; f++) {
		s->f[f].known = 1;
		s->f[f].set = jurset_new(D->a, D->cat->words);
		if (!s->f[f].set)
			return SOV_ENOMEM;
	}
	rc = derive_stored(D, c, holds & HOLD_STORES);
	if (rc == SOV_OK)
		rc = derive_replica(D, c, holds & HOLD_STORES);
	if (rc == SOV_OK)
		rc = derive_backup(D, c, holds & HOLD_STORES);
	if (rc == SOV_OK)
		rc = derive_processed(D, c);
	if (rc == SOV_OK)
		rc = derive_transit(D, c, ci, k);
	if (rc == SOV_OK)
		rc = derive_access(D, c);
	if (rc == SOV_OK)
		rc = derive_keys(D, c);
	if (rc == SOV_OK)
		rc = derive_control(D, c);
	if (rc == SOV_OK)
		rc = derive_residency(D, c, holds & HOLD_STORES);
	if (rc == SOV_OK)
		rc = collect_mechanisms(D, c, ci, k);
	return rc;
}

static size_t count_subjects(const deployment *d)
{
	size_t i, k, n = 0;

	for (i = 0; i < d->ncomponents; i++) {
		size_t held = 0;

		for (k = 0; k < d->nclasses; k++)
			held += d->components[i].holds[k] != 0;
		n += held ? held : 1;
	}
	return n;
}

int facets_derive(arena *scratch, const deployment *d, subject **out,
	size_t *n)
{
	deriver D;
	size_t i, k, total = count_subjects(d);
	int rc = SOV_OK;

	D.a = scratch;
	D.d = d;
	D.cat = d->cat;
	*n = 0;
	*out = arena_calloc(scratch, total + 1, sizeof(subject));
	if (!*out)
		return SOV_ENOMEM;
	for (i = 0; i < d->ncomponents && rc == SOV_OK; i++) {
		size_t before = *n;

		for (k = 0; k < d->nclasses && rc == SOV_OK; k++) {
			if (!d->components[i].holds[k])
				continue;
			D.s = &(*out)[(*n)++];
			rc = derive_subject(&D, (int)i, (int)k);
		}
		if (rc == SOV_OK && *n == before) {
			D.s = &(*out)[(*n)++];
			rc = derive_subject(&D, (int)i, -1);
		}
	}
	return rc;
}

/* What a list of statements of one certification says on `day`: held
 * if one is in force, not held if some are stated but none is (held="false"
 * or outside its dates), unstated if none names it. */
static int cert_state(int held, int in_force, int state)
{
	if (state == CERT_HELD || (held && in_force))
		return CERT_HELD;
	return CERT_NOT_HELD;
}

static int component_cert_state(const dep_component *c, const char *id,
	int day)
{
	int state = CERT_UNSTATED;
	size_t i;

	for (i = 0; i < c->ncerts; i++)
		if (strcmp(c->certs[i].id, id) == 0)
			state = cert_state(c->certs[i].held, dates_in_range(
				day, DATE_NONE, c->certs[i].until), state);
	return state;
}

static int entity_cert_state(const cat_entity *en, const char *id, int day)
{
	int state = CERT_UNSTATED;
	size_t i;

	for (i = 0; i < en->ncerts; i++)
		if (strcmp(en->certs[i].id, id) == 0)
			state = cert_state(en->certs[i].held, dates_in_range(
				day, en->certs[i].from, en->certs[i].until),
				state);
	return state;
}

int facets_certified(const deployment *d, const subject *s, const char *id,
	int day, int *by)
{
	const catalog *cat = d->cat;
	int e, depth = 0, state, found = CERT_UNSTATED;

	*by = -1;
	state = component_cert_state(s->comp, id, day);
	if (state != CERT_UNSTATED)
		return state;
	for (e = s->comp->operator_entity; e >= 0 &&
	     depth <= (int)cat->nentities; e = cat->entities[e].parent,
	     depth++) {
		state = entity_cert_state(&cat->entities[e], id, day);
		if (state == CERT_HELD) {
			*by = e;
			return state;
		}
		if (state == CERT_NOT_HELD && found == CERT_UNSTATED) {
			*by = e;
			found = state;
		}
	}
	return found;
}

int facets_sector(const deployment *d, const subject *s, int *by)
{
	*by = -1;
	if (s->comp->sector != SECTOR_UNSTATED)
		return s->comp->sector;
	return catalog_entity_sector(d->cat, s->comp->operator_entity, by);
}

/* ------------------------------------------------------------------ */
/* Words for origins                                                   */

static void region_words(buf *b, const cat_region *r)
{
	buf_puts(b, r->id);
	if (r->city) {
		buf_puts(b, " (");
		buf_puts(b, r->city);
		buf_putc(b, ')');
	}
}

static const char *const region_leads[] = {
	"region ", "the geo-redundant copy in paired region ",
	"an explicit replica in region ", "a backup in region ",
	"zone redundancy within region ", "local redundancy within region ",
};

void facets_origin_text(buf *b, const deployment *d, const origin *o,
	int lead)
{
	const cat_entity *en = o->ref;
	const dep_flow *fl = o->ref;
	const dep_component *c = o->ref;

	switch (o->kind) {
	case O_SCOPE_STORE:
	case O_SCOPE_ROUTE:
		if (lead) {
			buf_puts(b, "routing scope ");
			buf_puts(b, o->scope->id);
			buf_puts(b, o->kind == O_SCOPE_STORE ?
				", which may place it in " :
				", which may route it to ");
		}
		region_words(b, o->region);
		return;
	case O_FLOW:
		buf_puts(b, "the flow from ");
		buf_puts(b, d->components[fl->from].id);
		buf_puts(b, " to ");
		buf_puts(b, d->components[fl->to].id);
		return;
	case O_ACCESS:
		buf_puts(b, "the access origins stated for component ");
		buf_puts(b, c->id);
		return;
	case O_KEYS:
		buf_printf(b, "keys held in %s custody",
			custody_names[o->custody]);
		return;
	case O_OPERATOR:
	case O_PARENT:
		buf_printf(b, "%s %s (%s), seated in %s", o->kind == O_PARENT ?
			"parent" : "operator", en->id, en->name,
			d->cat->jur[en->seat].code);
		return;
	default:
		buf_puts(b, region_leads[o->kind]);
		region_words(b, o->region);
	}
}

int facets_same_lead(const origin *a, const origin *b)
{
	return (a->kind == O_SCOPE_STORE || a->kind == O_SCOPE_ROUTE) &&
	       a->kind == b->kind && a->scope == b->scope;
}
