/*
 * catalog.c - loads the catalog: the built-in files plus the caller's, in
 * two passes (declare everything, then resolve references) so that the
 * order of files and elements does not matter.
 */
#include "catalog.h"

#include <string.h>

#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "base/diag.h"
#include "load/embedded.h"
#include "load/include.h"
#include "base/spelling.h"
#include "base/dates.h"
#include "base/number.h"

#define MAX_GROUP_DEPTH 32

typedef struct {
	arena *tmp;
	catalog *c;
	xml_doc *docs;
	size_t ndocs, cap;
	sov_diags *diags;
	/* group member refs, kept until every group is declared */
	const char ***group_refs;
	xml_doc **group_docs;
	xmlNodePtr *group_nodes;
	/* entity parent refs, resolved once every entity is declared */
	xml_doc **entity_docs;
	xmlNodePtr *entity_nodes;
	int errors;
} loader;

/* ------------------------------------------------------------------ */
/* Lookups (hashed: see index_tables)                                  */

int catalog_jurisdiction(const catalog *c, const char *code)
{
	return idindex_get(&c->jur_ids, code);
}

int catalog_group(const catalog *c, const char *id)
{
	return idindex_get(&c->group_ids, id);
}

int catalog_law(const catalog *c, const char *id)
{
	return idindex_get(&c->law_ids, id);
}

const char *const sector_names[SECTOR_COUNT] = {
	"unstated", "commercial", "public",
};

int catalog_sector(const char *name)
{
	int i;

	for (i = SECTOR_COMMERCIAL; name && i < SECTOR_COUNT; i++)
		if (strcmp(name, sector_names[i]) == 0)
			return i;
	return SECTOR_UNSTATED;
}

int catalog_entity_sector(const catalog *c, int e, int *by)
{
	int depth = 0;

	for (*by = -1; e >= 0 && depth <= (int)c->nentities;
	     e = c->entities[e].parent, depth++)
		if (c->entities[e].sector != SECTOR_UNSTATED) {
			*by = e;
			return c->entities[e].sector;
		}
	return SECTOR_UNSTATED;
}

int catalog_entity(const catalog *c, const char *id)
{
	return idindex_get(&c->entity_ids, id);
}

int catalog_provider(const catalog *c, const char *id)
{
	return idindex_get(&c->provider_ids, id);
}

int catalog_region(const cat_provider *p, const char *id)
{
	return idindex_get(&p->region_ids, id);
}

const cat_region *catalog_region_at(const catalog *c, int provider,
	int region)
{
	return provider >= 0 && region >= 0 ?
	       &c->providers[provider].regions[region] : NULL;
}

int catalog_scope(const cat_provider *p, const char *id)
{
	return idindex_get(&p->scope_ids, id);
}

/* Every look-up (a deployment's regions, a policy's groups, and the
 * duplicate checks while loading) is a hash probe, not a walk of hundreds
 * of ids: the maps are sized with the tables and filled as ids arrive. */
static int index_tables(catalog *c, size_t nj, size_t ng, size_t nl,
	size_t ne, size_t np)
{
	arena *a = c->arena;

	if (idindex_init(&c->jur_ids, a, nj) != SOV_OK ||
	    idindex_init(&c->group_ids, a, ng) != SOV_OK ||
	    idindex_init(&c->law_ids, a, nl) != SOV_OK ||
	    idindex_init(&c->entity_ids, a, ne) != SOV_OK ||
	    idindex_init(&c->provider_ids, a, np) != SOV_OK)
		return SOV_ENOMEM;
	return SOV_OK;
}

/* A region with exactly this id at another provider, or -1. */
static int region_owner(const catalog *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nproviders; i++)
		if (catalog_region(&c->providers[i], id) >= 0)
			return (int)i;
	return -1;
}

static const char *nearest(const catalog *c, sug_kind kind, int provider,
	const char *word)
{
	const cat_provider *p = provider >= 0 ? &c->providers[provider] : NULL;
	const char *best;

	switch (kind) {
	case SUG_REF:
		best = spelling_nearest(word, c->groups, c->ngroups,
			sizeof(cat_group), offsetof(cat_group, id));
		return best ? best : nearest(c, SUG_JURISDICTION, -1, word);
	case SUG_JURISDICTION:
		return spelling_nearest(word, c->jur, c->njur,
			sizeof(cat_jurisdiction),
			offsetof(cat_jurisdiction, code));
	case SUG_PROVIDER:
		return spelling_nearest(word, c->providers, c->nproviders,
			sizeof(cat_provider), offsetof(cat_provider, id));
	case SUG_ENTITY:
		return spelling_nearest(word, c->entities, c->nentities,
			sizeof(cat_entity), offsetof(cat_entity, id));
	case SUG_LAW:
		return spelling_nearest(word, c->laws, c->nlaws,
			sizeof(cat_law), offsetof(cat_law, id));
	case SUG_REGION:
		return p ? spelling_nearest(word, p->regions, p->nregions,
			sizeof(cat_region), offsetof(cat_region, id)) : NULL;
	default:
		return p ? spelling_nearest(word, p->scopes, p->nscopes,
			sizeof(cat_scope), offsetof(cat_scope, id)) : NULL;
	}
}

const char *catalog_did_you_mean(const catalog *c, sug_kind kind,
	int provider, const char *word, char *out, size_t len)
{
	const char *best = nearest(c, kind, provider, word);
	int owner = kind == SUG_REGION ? region_owner(c, word) : -1;

	if (owner >= 0 && owner != provider)
		snprintf(out, len, " (it is a region of provider '%s')",
			c->providers[owner].id);
	else if (best)
		snprintf(out, len, " (did you mean '%s'?)", best);
	else if (len)
		out[0] = '\0';
	return out;
}

const char *catalog_code_hint(const char *code)
{
	if (strcmp(code, "EL") == 0)
		return "ISO 3166-1 code GR (the EU writes Greece as EL)";
	if (strcmp(code, "UK") == 0)
		return "ISO 3166-1 code GB (UK is only reserved in ISO 3166)";
	return NULL;
}

int catalog_entity_exposed(const catalog *c, int e, int l)
{
	const cat_entity *en = &c->entities[e];
	const cat_law *law = &c->laws[l];
	size_t i;

	if (!law->declared_only && (en->seat == law->jurisdiction ||
				    c->jur[en->seat].country ==
				    law->jurisdiction))
		return 1;
	for (i = 0; i < en->nexposures; i++)
		if (en->exposures[i] == l)
			return 1;
	return 0;
}

void catalog_add_jurisdiction(const catalog *c, jword *set, int j)
{
	size_t i;

	jurset_add(set, (size_t)j);
	for (i = 0; i < c->jur[j].nsubdivisions; i++)
		jurset_add(set, (size_t)c->jur[j].subdivisions[i]);
}

/* ------------------------------------------------------------------ */
/* Groups (shared with policy sets)                                    */

int catalog_member_ref(const catalog *c, const cat_group *extra,
	size_t nextra, const char *ref, cat_member *out)
{
	size_t i;
	int j = catalog_jurisdiction(c, ref);

	memset(out, 0, sizeof(*out));
	out->from = out->until = DATE_NONE;
	if (j >= 0) {
		out->index = j;
		return 0;
	}
	out->is_group = 1;
	for (i = 0; i < nextra; i++)
		if (strcmp(extra[i].id, ref) == 0) {
			out->is_policy_group = 1;
			out->index = (int)i;
			return 0;
		}
	out->index = catalog_group(c, ref);
	return out->index >= 0 ? 0 : -1;
}

void catalog_expand_group(const catalog *c, const cat_group *extra,
	const cat_group *g, int day, jword *set, int depth)
{
	size_t i;

	if (depth > MAX_GROUP_DEPTH)
		return;
	for (i = 0; i < g->nmembers; i++) {
		const cat_member *m = &g->members[i];

		if (!dates_in_range(day, m->from, m->until))
			continue;
		if (!m->is_group)
			catalog_add_jurisdiction(c, set, m->index);
		else
			catalog_expand_group(c, extra, m->is_policy_group ?
				&extra[m->index] : &c->groups[m->index],
				day, set, depth + 1);
	}
}

static int read_date(xml_doc *x, xmlNodePtr n, const char *attr, int *out)
{
	const char *s = xml_prop(n, attr);

	*out = DATE_NONE;
	if (!s)
		return 0;
	if (dates_parse(s, out) == 0)
		return 0;
	xml_error(x, n, attr, "a date YYYY-MM-DD", "bad date '%s'", s);
	return -1;
}

/* group -> member+ ; refs are resolved once every group is known */
int catalog_read_group(arena *a, xml_doc *x, xmlNodePtr node, cat_group *g,
	const char ***refs_out)
{
	xmlNodePtr m;
	size_t n = 0;
	const char **refs;

	g->id = arena_strdup(a, xml_prop(node, "id"));
	g->name = arena_strdup(a, xml_prop(node, "name"));
	g->file = arena_strdup(a, x->name);
	g->line = xml_start_line(x, node);
	for (m = xml_first(node); m; m = xml_next(m))
		n++;
	g->members = arena_calloc(a, n, sizeof(cat_member));
	refs = arena_calloc(a, n, sizeof(char *));
	if (!g->id || !g->members || !refs)
		return SOV_ENOMEM;
	for (m = xml_first(node); m; m = xml_next(m), g->nmembers++) {
		cat_member *mm = &g->members[g->nmembers];

		refs[g->nmembers] = xml_prop(m, "ref");
		mm->condition = arena_strdup(a, xml_prop(m, "condition"));
		if (read_date(x, m, "from", &mm->from) ||
		    read_date(x, m, "until", &mm->until))
			return SOV_EINPUT;
	}
	*refs_out = refs;
	return SOV_OK;
}

static xmlNodePtr nth_member(xmlNodePtr group, size_t k)
{
	xmlNodePtr m = xml_first(group);

	while (m && k--)
		m = xml_next(m);
	return m;
}

static int resolve_group(const catalog *c, xml_doc *x, xmlNodePtr node,
	cat_group *groups, size_t n, size_t gi, const char **refs,
	int policy_groups)
{
	cat_group *g = &groups[gi];
	size_t i;
	int rc = SOV_OK;

	for (i = 0; i < g->nmembers; i++) {
		cat_member m;
		const char *hint = catalog_code_hint(refs[i]);
		char dym[160];

		if (catalog_member_ref(c, policy_groups ? groups : NULL,
			    policy_groups ? n : 0, refs[i], &m) != 0) {
			xml_error(x, nth_member(node, i), "ref",
				hint ? hint : "a jurisdiction code or group "
				"id declared in the catalog or this policy "
				"set",
				"unknown jurisdiction or group '%s' in group "
				"'%s'%s", refs[i], g->id, catalog_did_you_mean(
				c, SUG_REF, -1, refs[i], dym, sizeof(dym)));
			rc = SOV_EINPUT;
			continue;
		}
		m.from = g->members[i].from;
		m.until = g->members[i].until;
		m.condition = g->members[i].condition;
		g->members[i] = m;
	}
	return rc;
}

/* Depth-first search for a cycle through group `gi`. */
static int group_cycle(const catalog *c, const cat_group *groups,
	int policy_groups, size_t gi, unsigned char *state)
{
	const cat_group *g = &groups[gi];
	size_t i;

	if (state[gi] == 1)
		return 1;
	if (state[gi] == 2)
		return 0;
	state[gi] = 1;
	for (i = 0; i < g->nmembers; i++) {
		const cat_member *m = &g->members[i];

		if (m->is_group && (m->is_policy_group || !policy_groups) &&
		    group_cycle(c, groups, policy_groups, (size_t)m->index,
			    state))
			return 1;
	}
	state[gi] = 2;
	return 0;
}

int catalog_resolve_groups(const catalog *c, xml_doc **docs,
	xmlNodePtr *nodes, cat_group *groups, const char ***refs,
	size_t n, int policy_groups)
{
	size_t i;
	int rc = SOV_OK;
	unsigned char state[4096];

	for (i = 0; i < n; i++)
		if (resolve_group(c, docs[i], nodes[i], groups, n, i, refs[i],
			    policy_groups) != SOV_OK)
			rc = SOV_EINPUT;
	if (rc != SOV_OK || n > sizeof(state))
		return rc;
	for (i = 0; i < n; i++) {
		memset(state, 0, n);
		if (group_cycle(c, groups, policy_groups, i, state)) {
			xml_error(docs[i], nodes[i], "id",
				"groups that do not contain themselves",
				"group '%s' contains itself through its "
				"members", groups[i].id);
			return SOV_EINPUT;
		}
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

static size_t count_children(loader *L, const char *name)
{
	size_t i, n = 0;
	xmlNodePtr e;

	for (i = 0; i < L->ndocs; i++)
		for (e = xml_first(L->docs[i].root); e; e = xml_next(e))
			n += xml_is(e, name);
	return n;
}

static int dup_error(xml_doc *x, xmlNodePtr n, const char *attr,
	const char *what, const char *id)
{
	xml_error(x, n, attr, "a unique id", "duplicate %s '%s'", what, id);
	return SOV_EINPUT;
}

static int code_error(const catalog *c, xml_doc *x, xmlNodePtr n,
	const char *attr, const char *code)
{
	const char *hint = catalog_code_hint(code);
	char dym[160];

	xml_error(x, n, attr, hint ? hint : "a jurisdiction declared in the "
		"catalog", "unknown jurisdiction '%s'%s", code, hint ? "" :
		catalog_did_you_mean(c, SUG_JURISDICTION, -1, code,
		dym, sizeof(dym)));
	return SOV_EINPUT;
}

static int is_override(xmlNodePtr e)
{
	return xml_boolean(xml_prop(e, "override"), 0);
}

/*
 * The index a top-level element takes: a new one, or, with
 * override="true", the one of the earlier definition it replaces (zeroed).
 * A repeated id without override, or an override of nothing, is an error:
 * a user file must not contradict a shipped fact by accident.
 */
static int slot_for(xml_doc *x, xmlNodePtr e, const char *attr,
	const char *what, int existing, size_t *count, void *table,
	size_t size)
{
	const char *id = xml_prop(e, attr);
	int over = is_override(e), k;

	if (existing >= 0 && !over)
		return xml_error(x, e, attr, "a unique id, or "
			       "override=\"true\" to replace the earlier one",
			       "duplicate %s '%s'", what, id), -1;
	if (existing < 0 && over)
		return xml_error(x, e, "override", "an id defined by an "
			       "earlier catalog file", "override of unknown "
			       "%s '%s'", what, id), -1;
	k = existing >= 0 ? existing : (int)(*count)++;
	memset((char *)table + (size_t)k * size, 0, size);
	return k;
}

/* jurisdiction -> code name */
static int load_jurisdiction(loader *L, xml_doc *x, xmlNodePtr e)
{
	catalog *c = L->c;
	const char *code = xml_prop(e, "code");
	cat_jurisdiction *j;
	int k;

	if (catalog_code_hint(code))
		return code_error(L->c, x, e, "code", code);
	k = slot_for(x, e, "code", "jurisdiction",
		catalog_jurisdiction(c, code), &c->njur, c->jur, sizeof(*j));
	if (k < 0)
		return SOV_EINPUT;
	j = &c->jur[k];
	j->code = arena_strdup(c->arena, code);
	j->name = arena_strdup(c->arena, xml_prop(e, "name"));
	j->country = -1;
	idindex_put(&c->jur_ids, j->code, k);
	return j->code && j->name ? SOV_OK : SOV_ENOMEM;
}

static int link_subdivisions(loader *L)
{
	catalog *c = L->c;
	size_t i;

	for (i = 0; i < c->njur; i++) {
		cat_jurisdiction *j = &c->jur[i];
		char country[3];

		if (strlen(j->code) <= 2)
			continue;
		memcpy(country, j->code, 2);
		country[2] = '\0';
		j->country = catalog_jurisdiction(c, country);
		if (j->country < 0) {
			diag_add(L->diags, SOV_SEV_ERROR, "catalog", 0, 0,
				"its country declared too",
				"subdivision '%s' has no country '%s'",
				j->code, country);
			return SOV_EINPUT;
		}
	}
	for (i = 0; i < c->njur; i++) {
		cat_jurisdiction *p;

		if (c->jur[i].country < 0)
			continue;
		p = &c->jur[c->jur[i].country];
		if (!p->subdivisions) {
			p->subdivisions = arena_calloc(c->arena, c->njur,
				sizeof(int));
			if (!p->subdivisions)
				return SOV_ENOMEM;
		}
		p->subdivisions[p->nsubdivisions++] = (int)i;
	}
	return SOV_OK;
}

static int load_group(loader *L, xml_doc *x, xmlNodePtr e)
{
	catalog *c = L->c;
	int k = slot_for(x, e, "id", "group", catalog_group(c,
		xml_prop(e, "id")), &c->ngroups, c->groups, sizeof(cat_group));
	int rc;

	if (k < 0)
		return SOV_EINPUT;
	L->group_docs[k] = x;
	L->group_nodes[k] = e;
	rc = catalog_read_group(c->arena, x, e, &c->groups[k],
		&L->group_refs[k]);
	idindex_put(&c->group_ids, c->groups[k].id, k);
	return rc;
}

/* law -> id jurisdiction title reach? url? */
static int load_law(loader *L, xml_doc *x, xmlNodePtr e)
{
	catalog *c = L->c;
	const char *id = xml_prop(e, "id"), *reach = xml_prop(e, "reach");
	const char *code = xml_prop(e, "jurisdiction");
	int k = slot_for(x, e, "id", "law", catalog_law(c, id), &c->nlaws,
		c->laws, sizeof(cat_law));
	cat_law *law;

	if (k < 0)
		return SOV_EINPUT;
	law = &c->laws[k];
	law->jurisdiction = catalog_jurisdiction(c, code);
	if (law->jurisdiction < 0)
		return code_error(L->c, x, e, "jurisdiction", code);
	law->id = arena_strdup(c->arena, id);
	idindex_put(&c->law_ids, law->id, k);
	law->title = arena_strdup(c->arena, xml_prop(e, "title"));
	law->url = arena_strdup(c->arena, xml_prop(e, "url"));
	law->declared_only = reach && strcmp(reach, "declared") == 0;
	return law->id && law->title ? SOV_OK : SOV_ENOMEM;
}

/* held="false" (or "0"): known not to be held; absent means held. */
static int cert_held(xmlNodePtr e)
{
	return xml_boolean(xml_prop(e, "held"), 1);
}

static int load_cert(xml_doc *x, arena *a, xmlNodePtr e, cat_cert *cert)
{
	cert->id = arena_strdup(a, xml_prop(e, "id"));
	cert->held = cert_held(e);
	if (read_date(x, e, "from", &cert->from) ||
	    read_date(x, e, "until", &cert->until))
		return SOV_EINPUT;
	return cert->id ? SOV_OK : SOV_ENOMEM;
}

/* entity -> (exposure | certification)* ; parents resolved later */
static int load_entity(loader *L, xml_doc *x, xmlNodePtr e)
{
	catalog *c = L->c;
	const char *id = xml_prop(e, "id"), *seat = xml_prop(e, "seat");
	int slot = slot_for(x, e, "id", "entity", catalog_entity(c, id),
		&c->nentities, c->entities, sizeof(cat_entity));
	cat_entity *en;
	size_t n = 0;
	xmlNodePtr k;
	int rc = SOV_OK;

	if (slot < 0)
		return SOV_EINPUT;
	en = &c->entities[slot];
	L->entity_docs[slot] = x;
	L->entity_nodes[slot] = e;
	en->id = arena_strdup(c->arena, id);
	idindex_put(&c->entity_ids, en->id, slot);
	en->name = arena_strdup(c->arena, xml_prop(e, "name"));
	en->seat = catalog_jurisdiction(c, seat);
	en->parent = -1;
	en->sector = catalog_sector(xml_prop(e, "sector"));
	if (en->seat < 0)
		return code_error(L->c, x, e, "seat", seat);
	for (k = xml_first(e); k; k = xml_next(k))
		n++;
	en->exposures = arena_calloc(c->arena, n, sizeof(int));
	en->certs = arena_calloc(c->arena, n, sizeof(cat_cert));
	en->holders = arena_calloc(c->arena, n, sizeof(cat_holding));
	if (!en->id || !en->name || !en->exposures || !en->certs ||
	    !en->holders)
		return SOV_ENOMEM;
	for (k = xml_first(e); k && rc == SOV_OK; k = xml_next(k)) {
		if (xml_is(k, "certification")) {
			rc = load_cert(x, c->arena, k,
				&en->certs[en->ncerts++]);
			continue;
		}
		if (xml_is(k, "shareholder"))
			continue;     /* holders: resolve_entity_holders */
		en->exposures[en->nexposures] =
			catalog_law(c, xml_prop(k, "law"));
		if (en->exposures[en->nexposures++] < 0) {
			xml_error(x, k, "law", "a law declared in the catalog",
				"unknown law '%s'", xml_prop(k, "law"));
			rc = SOV_EINPUT;
		}
	}
	return rc;
}

static int resolve_entity_parents(loader *L)
{
	catalog *c = L->c;
	size_t i, d;
	int rc = SOV_OK;

	for (i = 0; i < c->nentities; i++) {
		const char *parent = xml_prop(L->entity_nodes[i], "parent");
		cat_entity *en = &c->entities[i];

		if (!parent)
			continue;
		en->parent = catalog_entity(c, parent);
		if (en->parent < 0) {
			xml_error(L->entity_docs[i], L->entity_nodes[i],
				"parent", "an entity declared in the catalog",
				"unknown parent entity '%s'", parent);
			rc = SOV_EINPUT;
		}
	}
	for (i = 0; i < c->nentities && rc == SOV_OK; i++) {
		int p = c->entities[i].parent;

		for (d = 0; p >= 0 && d <= c->nentities; d++)
			p = c->entities[p].parent;
		if (p >= 0) {
			diag_add(L->diags, SOV_SEV_ERROR, "catalog", 0, 0,
				"a parent chain without cycles",
				"entity '%s' is its own ancestor",
				c->entities[i].id);
			rc = SOV_EINPUT;
		}
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Shareholders, resolved once every entity is declared                */

/* shareholder -> entity share? control? from? until? */
static int load_holding(loader *L, xml_doc *x, xmlNodePtr k,
	cat_holding *h)
{
	const char *holder = xml_prop(k, "entity");
	const char *share = xml_prop(k, "share");
	const char *control = xml_prop(k, "control");

	h->entity = catalog_entity(L->c, holder);
	if (h->entity < 0)
		return xml_error(x, k, "entity", "an entity declared in the "
			       "catalog", "unknown shareholder entity '%s'",
			       holder), SOV_EINPUT;
	h->share = SHARE_UNKNOWN;
	if (share && strcmp(share, "unknown") != 0 &&
	    number_parse(share, &h->share) != 0)
		return xml_error(x, k, "share", "a percentage or 'unknown'",
			       "share '%s' is not a number", share),
		       SOV_EINPUT;
	h->control = xml_boolean(control, 0);
	if (read_date(x, k, "from", &h->from) ||
	    read_date(x, k, "until", &h->until))
		return SOV_EINPUT;
	return SOV_OK;
}

static int resolve_entity_holders(loader *L)
{
	catalog *c = L->c;
	size_t i;
	int rc = SOV_OK;

	for (i = 0; i < c->nentities; i++) {
		cat_entity *en = &c->entities[i];
		xmlNodePtr k;

		for (k = xml_first(L->entity_nodes[i]); k; k = xml_next(k)) {
			if (!xml_is(k, "shareholder"))
				continue;
			if (load_holding(L, L->entity_docs[i], k,
				    &en->holders[en->nholders]) == SOV_OK)
				en->nholders++;
			else
				rc = SOV_EINPUT;
		}
	}
	return rc;
}

static void count_provider_children(xmlNodePtr e, size_t *nr, size_t *ns)
{
	xmlNodePtr k;

	*nr = *ns = 0;
	for (k = xml_first(e); k; k = xml_next(k)) {
		*nr += xml_is(k, "region");
		*ns += xml_is(k, "scope");
	}
}

/* region -> id country city? pair? restricted? */
static int load_region(loader *L, xml_doc *x, cat_provider *p,
	xmlNodePtr k)
{
	cat_region *r = &p->regions[p->nregions];
	const char *id = xml_prop(k, "id"), *country = xml_prop(k, "country");
	const char *restricted = xml_prop(k, "restricted");

	if (catalog_region(p, id) >= 0)
		return dup_error(x, k, "id", "region", id);
	r->id = arena_strdup(L->c->arena, id);
	idindex_put(&p->region_ids, r->id, (int)p->nregions);
	r->city = arena_strdup(L->c->arena, xml_prop(k, "city"));
	r->jurisdiction = catalog_jurisdiction(L->c, country);
	r->pair = PAIR_UNKNOWN;
	r->restricted = xml_boolean(restricted, 0);
	if (r->jurisdiction < 0)
		return code_error(L->c, x, k, "country", country);
	p->nregions++;
	return r->id ? SOV_OK : SOV_ENOMEM;
}

/* scope -> region* (or all-regions="true") */
static int load_scope(loader *L, xml_doc *x, cat_provider *p, xmlNodePtr k)
{
	cat_scope *s = &p->scopes[p->nscopes];
	const char *all = xml_prop(k, "all-regions");
	xmlNodePtr r;
	size_t i;

	if (catalog_scope(p, xml_prop(k, "id")) >= 0)
		return dup_error(x, k, "id", "routing scope",
			xml_prop(k, "id"));
	s->id = arena_strdup(L->c->arena, xml_prop(k, "id"));
	idindex_put(&p->scope_ids, s->id, (int)p->nscopes);
	s->name = arena_strdup(L->c->arena, xml_prop(k, "name"));
	s->regions = arena_calloc(L->c->arena, p->nregions + 1, sizeof(int));
	if (!s->id || !s->regions)
		return SOV_ENOMEM;
	p->nscopes++;
	if (xml_boolean(all, 0)) {
		for (i = 0; i < p->nregions; i++)
			s->regions[s->nregions++] = (int)i;
		return SOV_OK;
	}
	for (r = xml_first(k); r; r = xml_next(r)) {
		int ri = catalog_region(p, xml_prop(r, "ref"));

		if (ri < 0)
			return xml_error(x, r, "ref", "a region of this "
				       "provider", "unknown region '%s' in "
				       "routing scope '%s'",
				       xml_prop(r, "ref"), s->id), SOV_EINPUT;
		s->regions[s->nregions++] = ri;
	}
	return SOV_OK;
}

static int link_pairs(xml_doc *x, cat_provider *p, xmlNodePtr e)
{
	xmlNodePtr k;
	size_t i = 0;

	for (k = xml_first(e); k; k = xml_next(k)) {
		const char *pair;
		cat_region *r;

		if (!xml_is(k, "region"))
			continue;
		r = &p->regions[i++];
		pair = xml_prop(k, "pair");
		if (!pair)
			continue;
		if (strcmp(pair, "none") == 0) {
			r->pair = PAIR_NONE;
			continue;
		}
		r->pair = catalog_region(p, pair);
		if (r->pair < 0)
			return xml_error(x, k, "pair", "a region of this "
				       "provider, or \"none\"",
				       "unknown paired region '%s'", pair),
			       SOV_EINPUT;
		/* Its copies would seem to stay where the primary is. */
		if (r->pair == (int)(i - 1))
			return xml_error(x, k, "pair", "another region of "
				       "this provider, or \"none\"", "region "
				       "'%s' is paired with itself", r->id),
			       SOV_EINPUT;
	}
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* Service-level residency commitments                                 */

static int commitment(const char *v)
{
	if (!v)
		return RES_UNSAID;
	return strcmp(v, "committed") == 0 ? RES_COMMITTED : RES_NONE;
}

/* The <region ref> and <scope ref> children of a residency entry. */
static int residency_places(xml_doc *x, cat_provider *p, xmlNodePtr k,
	cat_residency *r)
{
	xmlNodePtr c;

	for (c = xml_first(k); c; c = xml_next(c)) {
		int region = xml_is(c, "region");
		const char *ref = xml_prop(c, "ref");
		int i = region ? catalog_region(p, ref) :
			catalog_scope(p, ref);

		if (i < 0)
			return xml_error(x, c, "ref", region ? "a region of "
				       "this provider" : "a routing scope of "
				       "this provider", "unknown %s '%s' in "
				       "residency for '%s'", region ?
				       "region" : "routing scope", ref,
				       r->kind), SOV_EINPUT;
		if (region)
			r->regions[r->nregions++] = i;
		else
			r->scopes[r->nscopes++] = i;
	}
	return SOV_OK;
}

/* residency -> kind service? processing? storage? (region | scope)* */
static int load_residency(loader *L, xml_doc *x, cat_provider *p,
	xmlNodePtr k)
{
	arena *a = L->c->arena;
	cat_residency *r = &p->residencies[p->nresidencies++];
	size_t n = 0;
	xmlNodePtr c;

	for (c = xml_first(k); c; c = xml_next(c))
		n++;
	r->kind = arena_strdup(a, xml_prop(k, "kind"));
	r->service = arena_strdup(a, xml_prop(k, "service"));
	r->note = arena_strdup(a, xml_prop(k, "note"));
	r->source = arena_strdup(a, xml_prop(k, "source"));
	r->processing = commitment(xml_prop(k, "processing"));
	r->storage = commitment(xml_prop(k, "storage"));
	r->regions = arena_calloc(a, n + 1, sizeof(int));
	r->scopes = arena_calloc(a, n + 1, sizeof(int));
	if (!r->kind || !r->source || !r->regions || !r->scopes)
		return SOV_ENOMEM;
	return residency_places(x, p, k, r);
}

static int load_residencies(loader *L, xml_doc *x, cat_provider *p,
	xmlNodePtr e)
{
	xmlNodePtr k;
	size_t n = 0;
	int rc = SOV_OK;

	for (k = xml_first(e); k; k = xml_next(k))
		n += xml_is(k, "residency");
	p->residencies = arena_calloc(L->c->arena, n + 1,
		sizeof(cat_residency));
	if (!p->residencies)
		return SOV_ENOMEM;
	for (k = xml_first(e); k && rc == SOV_OK; k = xml_next(k))
		if (xml_is(k, "residency"))
			rc = load_residency(L, x, p, k);
	return rc;
}

/* provider -> (region | scope | residency)* */
static int load_provider(loader *L, xml_doc *x, xmlNodePtr e)
{
	catalog *c = L->c;
	const char *id = xml_prop(e, "id");
	int slot = slot_for(x, e, "id", "provider", catalog_provider(c, id),
		&c->nproviders, c->providers, sizeof(cat_provider));
	cat_provider *p;
	size_t nr, ns;
	xmlNodePtr k;
	int rc = SOV_OK;

	if (slot < 0)
		return SOV_EINPUT;
	p = &c->providers[slot];
	count_provider_children(e, &nr, &ns);
	p->id = arena_strdup(c->arena, id);
	idindex_put(&c->provider_ids, p->id, slot);
	p->name = arena_strdup(c->arena, xml_prop(e, "name"));
	p->regions = arena_calloc(c->arena, nr, sizeof(cat_region));
	p->scopes = arena_calloc(c->arena, ns, sizeof(cat_scope));
	p->entity = catalog_entity(c, xml_prop(e, "entity"));
	if (!p->id || !p->regions || !p->scopes ||
	    idindex_init(&p->region_ids, c->arena, nr) != SOV_OK ||
	    idindex_init(&p->scope_ids, c->arena, ns) != SOV_OK)
		return SOV_ENOMEM;
	if (p->entity < 0)
		return xml_error(x, e, "entity", "an entity declared in the "
			       "catalog", "unknown entity '%s'",
			       xml_prop(e, "entity")), SOV_EINPUT;
	for (k = xml_first(e); k && rc == SOV_OK; k = xml_next(k))
		if (xml_is(k, "region"))
			rc = load_region(L, x, p, k);
	if (rc == SOV_OK)
		rc = link_pairs(x, p, e);
	for (k = xml_first(e); k && rc == SOV_OK; k = xml_next(k))
		if (xml_is(k, "scope"))
			rc = load_scope(L, x, p, k);
	if (rc == SOV_OK)
		rc = load_residencies(L, x, p, e);
	return rc;
}

typedef int (*element_loader)(loader *L, xml_doc *x, xmlNodePtr e);

/* Runs `fn` on every element called `name`, across all documents. */
static int load_all(loader *L, const char *name, element_loader fn)
{
	size_t i;
	xmlNodePtr e;
	int rc = SOV_OK, r;

	for (i = 0; i < L->ndocs; i++)
		for (e = xml_first(L->docs[i].root); e; e = xml_next(e)) {
			if (!xml_is(e, name))
				continue;
			r = fn(L, &L->docs[i], e);
			if (r == SOV_ENOMEM)
				return r;
			if (r != SOV_OK)
				rc = r;
		}
	return rc;
}

static int allocate_tables(loader *L)
{
	catalog *c = L->c;
	size_t nj = count_children(L, "jurisdiction");
	size_t ng = count_children(L, "group");
	size_t nl = count_children(L, "law");
	size_t ne = count_children(L, "entity");
	size_t np = count_children(L, "provider");

	c->jur = arena_calloc(c->arena, nj, sizeof(cat_jurisdiction));
	c->groups = arena_calloc(c->arena, ng, sizeof(cat_group));
	c->laws = arena_calloc(c->arena, nl, sizeof(cat_law));
	c->entities = arena_calloc(c->arena, ne, sizeof(cat_entity));
	c->providers = arena_calloc(c->arena, np, sizeof(cat_provider));
	if (index_tables(c, nj, ng, nl, ne, np) != SOV_OK)
		return SOV_ENOMEM;
	L->group_refs = arena_calloc(L->tmp, ng, sizeof(char **));
	L->group_docs = arena_calloc(L->tmp, ng, sizeof(xml_doc *));
	L->group_nodes = arena_calloc(L->tmp, ng, sizeof(xmlNodePtr));
	L->entity_docs = arena_calloc(L->tmp, ne, sizeof(xml_doc *));
	L->entity_nodes = arena_calloc(L->tmp, ne, sizeof(xmlNodePtr));
	if (!c->jur || !c->groups || !c->laws || !c->entities ||
	    !c->providers || !L->group_refs || !L->group_docs ||
	    !L->group_nodes || !L->entity_docs || !L->entity_nodes)
		return SOV_ENOMEM;
	return SOV_OK;
}

static int check_group_ids(loader *L)
{
	catalog *c = L->c;
	size_t i;

	for (i = 0; i < c->ngroups; i++)
		if (catalog_jurisdiction(c, c->groups[i].id) >= 0) {
			xml_error(L->group_docs[i], L->group_nodes[i], "id",
				"a group id that is not a jurisdiction code",
				"group id '%s' is also a jurisdiction code",
				c->groups[i].id);
			return SOV_EINPUT;
		}
	return SOV_OK;
}

static int build(loader *L)
{
	catalog *c = L->c;
	int rc = allocate_tables(L);

	if (rc == SOV_OK)
		rc = load_all(L, "jurisdiction", load_jurisdiction);
	if (rc == SOV_OK)
		rc = link_subdivisions(L);
	c->words = jurset_words(c->njur);
	if (rc == SOV_OK)
		rc = load_all(L, "group", load_group);
	if (rc == SOV_OK)
		rc = check_group_ids(L);
	if (rc == SOV_OK)
		rc = catalog_resolve_groups(c, L->group_docs, L->group_nodes,
			c->groups, L->group_refs, c->ngroups, 0);
	if (rc == SOV_OK)
		rc = load_all(L, "law", load_law);
	if (rc == SOV_OK)
		rc = load_all(L, "entity", load_entity);
	if (rc == SOV_OK)
		rc = resolve_entity_parents(L);
	if (rc == SOV_OK)
		rc = resolve_entity_holders(L);
	if (rc == SOV_OK)
		rc = load_all(L, "provider", load_provider);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Overrides of built-in facts                                         */

/* What an element states that the evaluation depends on: the attributes
 * compared, and the children matched by their key. */
typedef struct fact_kind fact_kind;
struct fact_kind {
	const char *element, *key;
	const char *key2;     /* a second key attribute, which may be absent */
	const char *attrs[5];
	const fact_kind *children[4];
};

static const fact_kind region_ref = { "region", "ref", NULL, { NULL },
	{ NULL } };
static const fact_kind scope_ref = { "scope", "ref", NULL, { NULL },
	{ NULL } };
static const fact_kind region_facts = { "region", "id", NULL,
	{ "country", "pair", "restricted", NULL }, { NULL } };
static const fact_kind scope_facts = { "scope", "id", NULL,
	{ "all-regions", NULL }, { &region_ref, NULL } };
/* A residency entry is known by its kind of component and its service:
 * its note and source are words, its commitments and places are facts. */
static const fact_kind residency_facts = { "residency", "kind", "service",
	{ "processing", "storage", NULL }, { &region_ref, &scope_ref, NULL } };
static const fact_kind member_facts = { "member", "ref", NULL,
	{ "from", "until", NULL }, { NULL } };
static const fact_kind exposure_facts = { "exposure", "law", NULL,
	{ NULL }, { NULL } };
static const fact_kind cert_facts = { "certification", "id", NULL,
	{ "from", "until", "held", NULL }, { NULL } };
static const fact_kind holder_facts = { "shareholder", "entity", NULL,
	{ "share", "control", "from", "until", NULL }, { NULL } };
static const fact_kind top_facts[] = {
	/* A jurisdiction states nothing but its name. */
	{ "jurisdiction", "code", NULL, { NULL }, { NULL } },
	{ "group", "id", NULL, { NULL }, { &member_facts, NULL } },
	{ "law", "id", NULL, { "jurisdiction", "reach", NULL }, { NULL } },
	{ "entity", "id", NULL, { "seat", "parent", NULL },
	  { &exposure_facts, &cert_facts, &holder_facts, NULL } },
	{ "provider", "id", NULL, { "entity", NULL },
	  { &region_facts, &scope_facts, &residency_facts, NULL } },
};

/* An attribute as it counts: the schema's default when absent, and a
 * boolean spelled one way. */
static const char *fact_value(xmlNodePtr e, const char *attr)
{
	const char *v = xml_prop(e, attr);

	if (!v)
		v = strcmp(attr, "reach") == 0 ? "seat-chain" :
		    strcmp(attr, "restricted") == 0 ||
		    strcmp(attr, "all-regions") == 0 ||
		    strcmp(attr, "control") == 0 ? "false" :
		    strcmp(attr, "share") == 0 ? "unknown" :
		    strcmp(attr, "held") == 0 ? "true" : NULL;
	if (v && strcmp(v, "1") == 0)
		return "true";
	if (v && strcmp(v, "0") == 0)
		return "false";
	return v;
}

static int same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The child of `parent` that is a `k` with the keys of `like`, or NULL. */
static xmlNodePtr child_keyed(xmlNodePtr parent, const fact_kind *k,
	xmlNodePtr like)
{
	xmlNodePtr c;

	for (c = xml_first(parent); c; c = xml_next(c))
		if (xml_is(c, k->element) && same_text(xml_prop(c, k->key),
			    xml_prop(like, k->key)) && (!k->key2 ||
			    same_text(xml_prop(c, k->key2),
				    xml_prop(like, k->key2))))
			return c;
	return NULL;
}

/* "PREFIXresidency ai-inference service vertex-ai" for child c; -1 when
 * it does not fit (ids have at most 128 characters: it always does). */
static int fact_label(char *out, size_t n, const char *prefix,
	const fact_kind *k, xmlNodePtr c)
{
	const char *second = k->key2 ? xml_prop(c, k->key2) : NULL;
	int len = second ?
		snprintf(out, n, "%s%s %s %s %s", prefix, k->element,
			xml_prop(c, k->key), k->key2, second) :
		snprintf(out, n, "%s%s %s", prefix, k->element,
			xml_prop(c, k->key));

	return len < 0 || len >= (int)n ? -1 : 0;
}

static void diff_element(buf *b, xmlNodePtr was, xmlNodePtr now,
	const fact_kind *k, const char *prefix);

/* "region x removed" and "region y added", and the changes of those in
 * both, for the children of kind `k`. */
static void diff_children(buf *b, xmlNodePtr was, xmlNodePtr now,
	const fact_kind *k, const char *prefix)
{
	xmlNodePtr c, twin;
	char sub[400];

	for (c = xml_first(was); c; c = xml_next(c)) {
		if (!xml_is(c, k->element) ||
		    fact_label(sub, sizeof(sub), prefix, k, c) != 0)
			continue;
		twin = child_keyed(now, k, c);
		if (!twin)
			buf_printf(b, "\n%s removed", sub);
		else
			diff_element(b, c, twin, k, sub);
	}
	for (c = xml_first(now); c; c = xml_next(c))
		if (xml_is(c, k->element) && !child_keyed(was, k, c) &&
		    fact_label(sub, sizeof(sub), prefix, k, c) == 0)
			buf_printf(b, "\n%s added", sub);
}

/* "PREFIX: ATTR NEW (built-in: OLD)" for each fact that changed, each
 * after a line break (attribute values hold none: see trim_attributes). */
static void diff_element(buf *b, xmlNodePtr was, xmlNodePtr now,
	const fact_kind *k, const char *prefix)
{
	char sub[400];
	size_t i;

	for (i = 0; k->attrs[i]; i++) {
		const char *v0 = fact_value(was, k->attrs[i]);
		const char *v1 = fact_value(now, k->attrs[i]);

		if (!same_text(v0, v1))
			buf_printf(b, "\n%s%s%s %s (built-in: %s)", prefix,
				*prefix ? ": " : "", k->attrs[i],
				v1 ? v1 : "not stated",
				v0 ? v0 : "not stated");
	}
	if (snprintf(sub, sizeof(sub), "%s%s", prefix, *prefix ? ": " : "")
	    >= (int)sizeof(sub))
		return;
	for (i = 0; k->children[i]; i++)
		diff_children(b, was, now, k->children[i], sub);
}

static const fact_kind *top_kind(xmlNodePtr e)
{
	size_t i;

	for (i = 0; i < sizeof(top_facts) / sizeof(top_facts[0]); i++)
		if (xml_is(e, top_facts[i].element))
			return &top_facts[i];
	return NULL;
}

static int is_builtin_doc(const xml_doc *x)
{
	return strncmp(x->name, "<builtin>/", 10) == 0;
}

/* The definition of e's kind and id in documents [from, to) of L, the
 * last one when several; NULL when none. */
static xmlNodePtr find_definition(const loader *L, size_t from, size_t to,
	xmlNodePtr e, const fact_kind *k)
{
	xmlNodePtr found = NULL, c;
	size_t i;

	for (i = from; i < to; i++)
		for (c = xml_first(L->docs[i].root); c; c = xml_next(c))
			if (xml_is(c, k->element) && same_text(xml_prop(c,
				    k->key), xml_prop(e, k->key)))
				found = c;
	return found;
}

/* The changes, one a line in `text`, as an array in the catalog. */
static int split_changes(catalog *c, cat_override *o, const char *text)
{
	const char *p;
	size_t n = 1, i = 0;

	for (p = text; *p; p++)
		n += *p == '\n';
	o->changes = arena_calloc(c->arena, n, sizeof(char *));
	if (!o->changes)
		return SOV_ENOMEM;
	for (p = text; i < n; i++) {
		size_t len = strcspn(p, "\n");

		o->changes[i] = arena_strndup(c->arena, p, len);
		p += len + (p[len] == '\n');
	}
	o->nchanges = n;
	return SOV_OK;
}

/* The override in force (the last of an id) against the built-in
 * definition it replaces: added to the catalog when facts changed. */
static int note_override(loader *L, size_t di, xmlNodePtr e, size_t nbuiltin)
{
	const fact_kind *k = top_kind(e);
	xmlNodePtr was = k ? find_definition(L, 0, nbuiltin, e, k) : NULL;
	catalog *c = L->c;
	cat_override *o;
	int rc = SOV_OK;
	buf b;

	if (!was || find_definition(L, di + 1, L->ndocs, e, k))
		return SOV_OK;
	buf_init(&b, arena_allocator(L->tmp));
	diff_element(&b, was, e, k, "");
	o = &c->overrides[c->noverrides];
	if (b.oom)
		rc = SOV_ENOMEM;
	else if (b.len > 1) {
		o->kind = k->element;
		o->id = arena_strdup(c->arena, xml_prop(e, k->key));
		o->file = arena_strdup(c->arena, L->docs[di].name);
		o->line = xml_start_line(&L->docs[di], e);
		rc = split_changes(c, o, b.data + 1);
		c->noverrides++;
	}
	buf_release(&b);
	return rc == SOV_OK && arena_failed(c->arena) ? SOV_ENOMEM : rc;
}

/* Every user file's override of a built-in fact, so that a report can
 * say which shipped facts it was not made with. */
static int collect_overrides(loader *L)
{
	size_t nbuiltin = 0, n = 0, i;
	xmlNodePtr e;
	int rc = SOV_OK;

	while (nbuiltin < L->ndocs && is_builtin_doc(&L->docs[nbuiltin]))
		nbuiltin++;
	for (i = nbuiltin; i < L->ndocs; i++)
		for (e = xml_first(L->docs[i].root); e; e = xml_next(e))
			n += is_override(e);
	if (!n)
		return SOV_OK;
	L->c->overrides = arena_calloc(L->c->arena, n, sizeof(cat_override));
	if (!L->c->overrides)
		return SOV_ENOMEM;
	for (i = nbuiltin; i < L->ndocs && rc == SOV_OK; i++)
		for (e = xml_first(L->docs[i].root); e && rc == SOV_OK;
		     e = xml_next(e))
			if (is_override(e))
				rc = note_override(L, i, e, nbuiltin);
	return rc;
}

static xml_doc *next_doc(loader *L)
{
	if (L->ndocs == L->cap) {
		size_t cap = L->cap ? L->cap * 2 : 16;
		xml_doc *d = arena_calloc(L->tmp, cap, sizeof(xml_doc));

		if (!d)
			return NULL;
		if (L->ndocs)
			memcpy(d, L->docs, L->ndocs * sizeof(xml_doc));
		L->docs = d;
		L->cap = cap;
	}
	return &L->docs[L->ndocs++];
}

static int parse_user_file(loader *L, include_state *inc, const char *path,
	const char *real);

/* A user file's <include> elements, read after it, depth first. */
static int parse_includes(loader *L, include_state *inc, size_t di,
	const char *real)
{
	xmlNodePtr e;
	int rc = include_enter(inc, real);

	for (e = xml_first(L->docs[di].root); e && rc != SOV_ENOMEM;
	     e = xml_next(e)) {
		char *path, *child;
		int r;

		if (!xml_is(e, "include"))
			continue;
		/* L->docs may move while children are added: index it. */
		r = include_resolve(inc, &L->docs[di], e, real, &path, &child);
		if (r == SOV_OK && path)
			r = parse_user_file(L, inc, path, child);
		if (r != SOV_OK)
			rc = r;
	}
	include_leave(inc);
	return rc;
}

static int parse_user_file(loader *L, include_state *inc, const char *path,
	const char *real)
{
	xml_doc *x = next_doc(L);
	size_t di = L->ndocs - 1;
	int rc;

	if (!x)
		return SOV_ENOMEM;
	rc = xml_parse_file(x, L->tmp, &L->c->schemas, path,
		L->c->max_input, DOC_CATALOG, L->diags);
	if (rc != SOV_OK)
		return rc;
	return parse_includes(L, inc, di, real);
}

static int parse_builtin(loader *L)
{
	size_t i;
	int rc = SOV_OK;

	for (i = 0; i < embedded_catalog_count; i++) {
		const embedded_file *f = &embedded_catalog[i];
		char *name = arena_printf(L->tmp, "<builtin>/catalog/%s",
			f->name);
		xml_doc *x = next_doc(L);
		int r;

		if (!name || !x)
			return SOV_ENOMEM;
		/* Validated by the build, and no input: no schema, no
		 * limit. */
		r = xml_parse_prevalidated(x, L->tmp, name,
			(const char *)f->data, f->size, DOC_CATALOG, L->diags);
		if (r != SOV_OK)
			rc = r;
	}
	return rc;
}

/* Keeps the real paths a user file and its includes were read from, so
 * that a caller can refuse to write over one. */
static int note_files(loader *L, const include_state *inc)
{
	catalog *c = L->c;
	const char **files;
	size_t i;

	if (!inc->nloaded)
		return SOV_OK;
	files = arena_calloc(c->arena, c->nfiles + inc->nloaded,
		sizeof(*files));
	if (!files)
		return SOV_ENOMEM;
	if (c->nfiles)
		memcpy(files, c->files, c->nfiles * sizeof(*files));
	for (i = 0; i < inc->nloaded; i++)
		if (!(files[c->nfiles + i] = arena_strdup(c->arena,
				inc->loaded[i])))
			return SOV_ENOMEM;
	c->files = files;
	c->nfiles += inc->nloaded;
	return SOV_OK;
}

static int parse_sources(loader *L, const char *const *paths, size_t npaths,
	int builtin)
{
	size_t i;
	int rc = builtin ? parse_builtin(L) : SOV_OK, r;

	for (i = 0; i < npaths && rc != SOV_ENOMEM; i++) {
		include_state inc;
		char *real;

		r = include_begin(&inc, L->tmp, paths[i], &real);
		if (r == SOV_ENOMEM && real == NULL) {
			/* A missing file: let the reader report it. */
			inc.root_dir = NULL;
			r = SOV_OK;
		}
		if (r == SOV_OK)
			r = parse_user_file(L, &inc, paths[i], real);
		if (r == SOV_OK)
			r = note_files(L, &inc);
		if (r == SOV_OK && inc.errors)
			r = SOV_EINPUT;
		if (r != SOV_OK)
			rc = r;
	}
	return rc;
}


int catalog_load(catalog **out, const char *const *paths, size_t npaths,
	const sov_options *opts, sov_diags *diags)
{
	loader L;
	arena *a = NULL;
	int rc;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	L.diags = diags;
	a = arena_new(opts ? opts->allocator : NULL);
	L.tmp = arena_new(opts ? opts->allocator : NULL);
	L.c = a ? arena_alloc(a, sizeof(catalog)) : NULL;
	rc = L.c && L.tmp ? SOV_OK : SOV_ENOMEM;
	if (rc != SOV_OK)
		goto cleanup;
	L.c->arena = a;
	L.c->max_input = opts && opts->max_input_size ?
		opts->max_input_size : XML_DEFAULT_MAX_INPUT;
	rc = xml_schemas_init(&L.c->schemas, a);
	if (rc == SOV_OK)
		rc = parse_sources(&L, paths, npaths,
			!(opts && opts->no_builtin_catalog));
	if (rc == SOV_OK)
		rc = build(&L);
	if (rc == SOV_OK)
		rc = collect_overrides(&L);
	if (rc != SOV_ENOMEM && (arena_failed(a) || arena_failed(L.tmp)))
		rc = SOV_ENOMEM;
	if (rc == SOV_OK) {
		*out = L.c;
		a = NULL; /* now owned by *out */
	}
cleanup:
	arena_free(L.tmp);
	arena_free(a);
	return rc;
}

void catalog_free(catalog *c)
{
	if (c)
		arena_free(c->arena);
}
