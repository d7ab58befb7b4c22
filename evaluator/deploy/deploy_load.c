/*
 * deploy_load.c - stage 3: a validated deployment tree becomes a
 * `deployment` whose providers, regions, scopes, entities, jurisdictions
 * and data classes are catalog or table indices. Every dangling reference
 * is reported at its attribute; loading goes on to report them all.
 */
#include "deploy.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "base/diag.h"
#include "base/spelling.h"
#include "base/dates.h"

typedef struct {
	arena *tmp;
	deployment *d;
	xml_doc *x;
	xmlNodePtr root;      /* the <deployment> element */
	int errors;
} dloader;

static int fail(dloader *L, xmlNodePtr n, const char *attr,
	const char *expected, const char *fmt, const char *a, const char *b)
{
	xml_error(L->x, n, attr, expected, fmt, a, b);
	L->errors++;
	return SOV_OK;
}

static size_t count_words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; s && *s; s++) {
		int space = *s == ' ' || *s == '\t' || *s == '\n' ||
			    *s == '\r';

		n += !space && !in;
		in = !space;
	}
	return n;
}

/* Calls fn(L, node, word, ctx) for each space-separated word of attr. */
typedef int (*word_fn)(dloader *L, xmlNodePtr n, const char *attr,
	const char *word, void *ctx);

static int each_word(dloader *L, xmlNodePtr n, const char *attr,
	word_fn fn, void *ctx)
{
	const char *s = xml_prop(n, attr);
	char word[160];
	int rc = SOV_OK;

	while (s && *s && rc == SOV_OK) {
		size_t k = 0;

		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		while (*s && *s != ' ' && *s != '\t' && *s != '\n' &&
		       *s != '\r') {
			if (k + 1 < sizeof(word))
				word[k++] = *s;
			s++;
		}
		word[k] = '\0';
		if (k)
			rc = fn(L, n, attr, word, ctx);
	}
	return rc;
}

static int class_index(const deployment *d, const char *id)
{
	return idindex_get(&d->class_ids, id);
}

static int component_index(const deployment *d, const char *id)
{
	return idindex_get(&d->component_ids, id);
}

static const char *near_class(const deployment *d, const char *id,
	char *out, size_t len)
{
	const char *best = spelling_nearest(id, d->classes, d->nclasses,
		sizeof(dep_class), offsetof(dep_class, id));

	snprintf(out, len, best ? " (did you mean '%s'?)" : "%s",
		best ? best : "");
	return out;
}

static int class_error(dloader *L, xmlNodePtr n, const char *attr,
	const char *id)
{
	char dym[160];

	return fail(L, n, attr, "a data class declared with <data-class>",
		"unknown data class '%s'%s", id, near_class(L->d, id, dym,
		sizeof(dym)));
}

/* ------------------------------------------------------------------ */
/* Word handlers                                                       */

typedef struct {
	int *items;
	size_t *n;
} int_list;

static int add_jurisdiction(dloader *L, xmlNodePtr n, const char *attr,
	const char *code, void *ctx)
{
	int_list *l = ctx;
	int j = catalog_jurisdiction(L->d->cat, code);
	const char *hint = catalog_code_hint(code);
	char dym[160];

	if (j < 0)
		return fail(L, n, attr, hint ? hint : "a jurisdiction "
			"declared in the catalog",
			"unknown jurisdiction '%s'%s", code, hint ? "" :
			catalog_did_you_mean(L->d->cat, SUG_JURISDICTION, -1,
			code, dym, sizeof(dym)));
	l->items[(*l->n)++] = j;
	return SOV_OK;
}

static int add_holding(dloader *L, xmlNodePtr n, const char *attr,
	const char *id, void *ctx)
{
	unsigned char *holds = ((unsigned char **)ctx)[0];
	unsigned char bit = *((unsigned char **)ctx)[1];
	int k = class_index(L->d, id);

	if (k < 0)
		return class_error(L, n, attr, id);
	holds[k] |= bit;
	return SOV_OK;
}

static int mark_holdings(dloader *L, xmlNodePtr n, unsigned char *holds,
	unsigned char bit)
{
	unsigned char *ctx[2];

	ctx[0] = holds;
	ctx[1] = &bit;
	return each_word(L, n, "data", add_holding, ctx);
}

static int add_string(dloader *L, xmlNodePtr n, const char *attr,
	const char *word, void *ctx)
{
	const char ***items = ((const char ****)ctx)[0];
	size_t *count = ((size_t **)ctx)[1];

	(void)n;
	(void)attr;
	(*items)[*count] = arena_strdup(L->d->arena, word);
	return (*items)[(*count)++] ? SOV_OK : SOV_ENOMEM;
}

static int read_strings(dloader *L, xmlNodePtr n, const char *attr,
	const char ***items, size_t *count)
{
	void *ctx[2];

	*count = 0;
	*items = arena_calloc(L->d->arena, count_words(xml_prop(n, attr)) + 1,
		sizeof(char *));
	if (!*items)
		return SOV_ENOMEM;
	ctx[0] = items;
	ctx[1] = count;
	return each_word(L, n, attr, add_string, ctx);
}

static int read_jurisdictions(dloader *L, xmlNodePtr n, const char *attr,
	int **items, size_t *count, size_t extra)
{
	int_list l;
	size_t words = count_words(xml_prop(n, attr));

	/* `extra` keeps room for later elements appending to the list. */
	if (!*items) {
		*items = arena_calloc(L->d->arena, words + extra + 1,
			sizeof(int));
		*count = 0;
	}
	if (!*items)
		return SOV_ENOMEM;
	l.items = *items;
	l.n = count;
	return each_word(L, n, attr, add_jurisdiction, &l);
}

/* ------------------------------------------------------------------ */
/* Components                                                          */

static int region_error(dloader *L, xmlNodePtr n, int provider,
	const char *rid)
{
	const catalog *cat = L->d->cat;
	char msg[320], dym[160];

	snprintf(msg, sizeof(msg), "unknown region '%s' of provider '%s'%s",
		rid, cat->providers[provider].id, catalog_did_you_mean(cat,
		SUG_REGION, provider, rid, dym, sizeof(dym)));
	return fail(L, n, "region", "a region of the provider in the "
		"catalog", "%s%s", msg, "");
}

static int resolve_place(dloader *L, xmlNodePtr n, int provider,
	const char *prov_attr, dep_place *out)
{
	const catalog *cat = L->d->cat;
	const char *pid = prov_attr ? xml_prop(n, prov_attr) : NULL;
	const char *rid = xml_prop(n, "region");

	char dym[160];

	out->provider = pid ? catalog_provider(cat, pid) : provider;
	out->region = -1;
	if (out->provider < 0)
		return fail(L, n, prov_attr, "a provider declared in the "
			"catalog", "unknown provider '%s'%s", pid,
			catalog_did_you_mean(cat, SUG_PROVIDER, -1, pid, dym,
			sizeof(dym)));
	out->region = catalog_region(&cat->providers[out->provider], rid);
	if (out->region < 0)
		return region_error(L, n, out->provider, rid);
	return SOV_OK;
}

static int read_mode(const char *s)
{
	if (!s)
		return LIST_UNSET;
	return strcmp(s, "none") == 0 ? LIST_NONE : LIST_LISTED;
}

static int scope_error(dloader *L, xmlNodePtr n, int provider,
	const char *sid)
{
	const catalog *cat = L->d->cat;
	char msg[320], dym[160];

	snprintf(msg, sizeof(msg), "unknown routing scope '%s' of provider "
		"'%s'%s", sid, cat->providers[provider].id,
		catalog_did_you_mean(cat, SUG_SCOPE, provider, sid, dym,
		sizeof(dym)));
	return fail(L, n, "scope", "a routing scope of the provider in the "
		"catalog", "%s%s", msg, "");
}

static int component_attrs(dloader *L, xmlNodePtr n, dep_component *c)
{
	char dym[160];
	const catalog *cat = L->d->cat;
	const char *prov = xml_prop(n, "provider"), *op;
	const char *region = xml_prop(n, "region"), *scope;
	const char *red = xml_prop(n, "redundancy");
	const cat_provider *p;

	c->region = c->scope = -1;
	c->redundancy = !red ? RED_UNSET : red[0] == 'n' ? RED_NONE :
			red[0] == 'z' ? RED_ZONE : RED_GEO;
	c->backups_mode = read_mode(xml_prop(n, "backups"));
	c->access_mode = read_mode(xml_prop(n, "access"));
	c->custody = CUSTODY_UNSET;
	c->provider = catalog_provider(cat, prov);
	if (c->provider < 0)
		return fail(L, n, "provider", "a provider declared in the "
			"catalog", "unknown provider '%s'%s", prov,
			catalog_did_you_mean(cat, SUG_PROVIDER, -1, prov, dym,
			sizeof(dym)));
	p = &cat->providers[c->provider];
	c->operator_entity = p->entity;
	c->sector = catalog_sector(xml_prop(n, "sector"));
	if (region && (c->region = catalog_region(p, region)) < 0)
		region_error(L, n, c->provider, region);
	scope = xml_prop(n, "scope");
	if (scope && (c->scope = catalog_scope(p, scope)) < 0)
		scope_error(L, n, c->provider, scope);
	op = xml_prop(n, "operator");
	if (op && (c->operator_entity = catalog_entity(cat, op)) < 0)
		fail(L, n, "operator", "an entity declared in the catalog",
			"unknown operator entity '%s'%s", op,
			catalog_did_you_mean(cat, SUG_ENTITY, -1, op, dym,
			sizeof(dym)));
	return read_strings(L, n, "mechanism", &c->mechanisms,
		&c->nmechanisms);
}

/* Key locations may span several <keys> elements: size for them all. */
static size_t key_words(xmlNodePtr n)
{
	xmlNodePtr k;
	size_t w = 0;

	for (k = xml_first(n); k; k = xml_next(k))
		if (xml_is(k, "keys"))
			w += count_words(xml_prop(k, "location"));
	return w;
}

/* certification -> id until? held?; held="false" states that the
 * recipient does not hold it, which is not the same as not saying. */
static int component_cert(arena *a, xmlNodePtr k, dep_component *c)
{
	dep_cert *ct = &c->certs[c->ncerts];
	ct->until = DATE_NONE;
	if (xml_prop(k, "until"))
		dates_parse(xml_prop(k, "until"), &ct->until);
	ct->held = xml_boolean(xml_prop(k, "held"), 1);
	ct->id = arena_strdup(a, xml_prop(k, "id"));
	c->ncerts++;
	return ct->id ? SOV_OK : SOV_ENOMEM;
}

static int component_keys(dloader *L, xmlNodePtr k, dep_component *c)
{
	const char *custody = xml_prop(k, "custody");

	c->custody = custody[0] == 'c' ? 0 : custody[0] == 'p' ? 1 : 2;
	return read_jurisdictions(L, k, "location", &c->key_locations,
		&c->nkey_locations, key_words(k->parent));
}

static int component_child(dloader *L, xmlNodePtr k, dep_component *c,
	size_t nchildren)
{
	arena *a = L->d->arena;

	if (xml_is(k, "stores"))
		return mark_holdings(L, k, c->holds, HOLD_STORES);
	if (xml_is(k, "processes"))
		return mark_holdings(L, k, c->holds, HOLD_PROCESSES);
	if (xml_is(k, "replica"))
		return resolve_place(L, k, c->provider, NULL,
			&c->replicas[c->nreplicas++]);
	if (xml_is(k, "backup"))
		return resolve_place(L, k, c->provider, xml_prop(k, "provider")
			? "provider" : NULL, &c->backups[c->nbackups++]);
	if (xml_is(k, "access"))
		return read_jurisdictions(L, k, "from", &c->access,
			&c->naccess, nchildren * 8);
	if (xml_is(k, "keys"))
		return component_keys(L, k, c);
	if (xml_is(k, "tag"))
		return (c->tags[c->ntags++] = xml_text(a, k)) ? SOV_OK :
		       SOV_ENOMEM;
	if (xml_is(k, "attribute")) {
		dep_attr *at = &c->attrs[c->nattrs++];

		at->name = arena_strdup(a, xml_prop(k, "name"));
		at->value = arena_strdup(a, xml_prop(k, "value"));
		return at->name && at->value ? SOV_OK : SOV_ENOMEM;
	}
	return component_cert(a, k, c);
}

/* Access lists may span several <access> elements: size for the total. */
static size_t access_words(xmlNodePtr n)
{
	xmlNodePtr k;
	size_t w = 0;

	for (k = xml_first(n); k; k = xml_next(k))
		if (xml_is(k, "access"))
			w += count_words(xml_prop(k, "from"));
	return w;
}

static int alloc_component(dloader *L, xmlNodePtr n, dep_component *c,
	size_t *nchildren)
{
	arena *a = L->d->arena;
	xmlNodePtr k;
	size_t count = 0;

	for (k = xml_first(n); k; k = xml_next(k))
		count++;
	*nchildren = count;
	c->replicas = arena_calloc(a, count + 1, sizeof(dep_place));
	c->backups = arena_calloc(a, count + 1, sizeof(dep_place));
	c->tags = arena_calloc(a, count + 1, sizeof(char *));
	c->attrs = arena_calloc(a, count + 1, sizeof(dep_attr));
	c->certs = arena_calloc(a, count + 1, sizeof(dep_cert));
	c->holds = arena_calloc(a, L->d->nclasses + 1, 1);
	c->access = arena_calloc(a, access_words(n) + 1, sizeof(int));
	if (!c->replicas || !c->backups || !c->tags || !c->attrs ||
	    !c->certs || !c->holds || !c->access)
		return SOV_ENOMEM;
	return SOV_OK;
}

/* component -> (stores | processes | replica | backup | access | keys
 *              | tag | attribute | certification)* */
/* A trailing ":N" of s[0..*len), taken off: N, or 0 when there is none. */
static unsigned trailing_number(const char *s, size_t *len)
{
	size_t i = *len;
	unsigned long n = 0, scale = 1;

	while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9' &&
	       scale < 1000000000UL) {
		n += (unsigned long)(s[i - 1] - '0') * scale;
		scale *= 10;
		i--;
	}
	if (i == *len || i < 2 || s[i - 1] != ':')
		return 0;
	*len = i - 1;
	return (unsigned)n;
}

/* source="plan.json:123" or "plan.json:1:2345": the file, line and
 * column that reports name. Without a line number the whole value is
 * the file. */
int deploy_source(arena *ar, const char *src, const char **file,
	unsigned *line, unsigned *column)
{
	size_t len = src ? strlen(src) : 0;
	unsigned a, b;

	if (!src)
		return SOV_OK;
	a = trailing_number(src, &len);
	b = a ? trailing_number(src, &len) : 0;
	*line = b ? b : a;
	if (column)
		*column = b ? a : 0;
	*file = arena_strndup(ar, src, len);
	return *file ? SOV_OK : SOV_ENOMEM;
}

static int load_component(dloader *L, xmlNodePtr n)
{
	deployment *d = L->d;
	dep_component *c = &d->components[d->ncomponents];
	const char *id = xml_prop(n, "id");
	size_t nchildren;
	xmlNodePtr k;
	int rc;

	c->id = arena_strdup(d->arena, id);
	if (c->id && idindex_put(&d->component_ids, c->id,
			(int)d->ncomponents) >= 0)
		fail(L, n, "id", "a unique component id",
			"duplicate component id '%s'%s", id, "");
	c->kind = arena_strdup(d->arena, xml_prop(n, "kind"));
	c->file = d->file;
	c->line = xml_start_line(L->x, n);
	rc = deploy_source(d->arena, xml_prop(n, "source"), &c->file,
		&c->line, &c->column);
	if (rc != SOV_OK)
		return rc;
	c->data_unstated = xml_prop(n, "data") &&
			   strcmp(xml_prop(n, "data"), "unstated") == 0;
	rc = alloc_component(L, n, c, &nchildren);
	if (rc == SOV_OK && c->id && c->kind)
		rc = component_attrs(L, n, c);
	d->ncomponents++;
	if (c->provider < 0)
		return rc;
	for (k = xml_first(n); k && rc == SOV_OK; k = xml_next(k))
		rc = component_child(L, k, c, nchildren);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Flows, classes, waivers                                             */

static int flow_endpoint(dloader *L, xmlNodePtr n, const char *attr,
	int *out)
{
	const char *id = xml_prop(n, attr);

	const char *best;
	char msg[320];

	*out = component_index(L->d, id);
	if (*out >= 0)
		return SOV_OK;
	best = spelling_nearest(id, L->d->components, L->d->ncomponents,
		sizeof(dep_component), offsetof(dep_component, id));
	snprintf(msg, sizeof(msg), "flow %s unknown component '%s'%s%s%s",
		attr, id, best ? " (did you mean '" : "", best ? best : "",
		best ? "'?)" : "");
	return fail(L, n, attr, "a component id of this deployment", "%s%s",
		msg, "");
	return SOV_OK;
}

static int add_carried(dloader *L, xmlNodePtr n, const char *attr,
	const char *id, void *ctx)
{
	dep_flow *f = ctx;
	int k = class_index(L->d, id);

	if (k < 0)
		return class_error(L, n, attr, id);
	if (!deploy_flow_carries(f, k))
		f->carried[f->ncarried++] = k;
	return SOV_OK;
}

/* flow -> from to data mechanism? transit? */
static int load_flow(dloader *L, xmlNodePtr n)
{
	deployment *d = L->d;
	dep_flow *f = &d->flows[d->nflows++];
	int rc;

	f->id = arena_strdup(d->arena, xml_prop(n, "id"));
	f->line = xml_start_line(L->x, n);
	/* One int per class named, not one byte per class declared: a wide
	 * deployment with many flows stays small. */
	f->carried = arena_calloc(d->arena, count_words(xml_prop(n, "data")) +
		1, sizeof(int));
	if (!f->carried)
		return SOV_ENOMEM;
	flow_endpoint(L, n, "from", &f->from);
	flow_endpoint(L, n, "to", &f->to);
	rc = each_word(L, n, "data", add_carried, f);
	if (rc == SOV_OK)
		rc = read_strings(L, n, "mechanism", &f->mechanisms,
			&f->nmechanisms);
	if (rc == SOV_OK)
		rc = read_jurisdictions(L, n, "transit", &f->transit,
			&f->ntransit, 0);
	return rc;
}

static int load_class(dloader *L, xmlNodePtr n)
{
	deployment *d = L->d;
	const char *id = xml_prop(n, "id");

	dep_class *k = &d->classes[d->nclasses];

	k->id = arena_strdup(d->arena, id);
	k->line = xml_start_line(L->x, n);
	if (!k->id)
		return SOV_ENOMEM;
	if (idindex_put(&d->class_ids, k->id, (int)d->nclasses) >= 0)
		return fail(L, n, "id", "a unique data class id",
			"duplicate data class '%s'%s", id, "");
	d->nclasses++;
	return SOV_OK;
}

/* waiver -> rule component? data? expires reference? approver? text */
static int load_waiver(dloader *L, xmlNodePtr n)
{
	deployment *d = L->d;
	waiver *w = &d->waivers[d->nwaivers++];
	int rc = waiver_read(w, d->arena, L->x, n, d->file);

	if (rc == SOV_EINPUT) {
		L->errors++;
		return SOV_OK;  /* go on and report the other problems */
	}
	if (w->component && component_index(d, w->component) < 0)
		fail(L, n, "component", "a component id of this deployment",
			"waiver names unknown component '%s'%s", w->component,
			"");
	if (w->data && class_index(d, w->data) < 0)
		fail(L, n, "data", "a data class declared with <data-class>",
			"waiver names unknown data class '%s'%s", w->data, "");
	return rc;
}

/* ------------------------------------------------------------------ */

/* not-evaluated -> EMPTY, with type, address and source */
static int load_skipped(dloader *L, xmlNodePtr n)
{
	deployment *d = L->d;
	dep_skipped *s = &d->skipped[d->nskipped++];

	s->type = arena_strdup(d->arena, xml_prop(n, "type"));
	s->address = arena_strdup(d->arena, xml_prop(n, "address"));
	s->reason = arena_strdup(d->arena, xml_prop(n, "reason"));
	s->file = d->file;
	s->line = xml_start_line(L->x, n);
	if (!s->type || !s->address)
		return SOV_ENOMEM;
	return deploy_source(d->arena, xml_prop(n, "source"), &s->file,
		&s->line, NULL);
}

static size_t count_kind(xmlNodePtr root, const char *name)
{
	xmlNodePtr e;
	size_t n = 0;

	for (e = xml_first(root); e; e = xml_next(e))
		n += xml_is(e, name);
	return n;
}

static int build(dloader *L)
{
	deployment *d = L->d;
	xmlNodePtr root = L->root, e;
	int rc = SOV_OK;

	size_t nclasses = count_kind(root, "data-class");
	size_t ncomponents = count_kind(root, "component");

	d->classes = arena_calloc(d->arena, nclasses + 1, sizeof(dep_class));
	d->components = arena_calloc(d->arena, ncomponents + 1,
		sizeof(dep_component));
	if (idindex_init(&d->class_ids, d->arena, nclasses) != SOV_OK ||
	    idindex_init(&d->component_ids, d->arena, ncomponents) != SOV_OK)
		return SOV_ENOMEM;
	d->flows = arena_calloc(d->arena, count_kind(root, "flow") + 1,
		sizeof(dep_flow));
	d->waivers = arena_calloc(d->arena, count_kind(root, "waiver") + 1,
		sizeof(waiver));
	d->skipped = arena_calloc(d->arena, count_kind(root,
		"not-evaluated") + 1, sizeof(dep_skipped));
	if (!d->classes || !d->components || !d->flows || !d->waivers ||
	    !d->skipped)
		return SOV_ENOMEM;
	/* Classes first and components before flows: both are referenced. */
	for (e = xml_first(root); e && rc == SOV_OK; e = xml_next(e))
		if (xml_is(e, "data-class"))
			rc = load_class(L, e);
	for (e = xml_first(root); e && rc == SOV_OK; e = xml_next(e))
		if (xml_is(e, "component"))
			rc = load_component(L, e);
	for (e = xml_first(root); e && rc == SOV_OK; e = xml_next(e))
		if (xml_is(e, "flow"))
			rc = load_flow(L, e);
		else if (xml_is(e, "waiver"))
			rc = load_waiver(L, e);
		else if (xml_is(e, "not-evaluated"))
			rc = load_skipped(L, e);
	return rc;
}

void deploy_mark_inflows(deployment *d)
{
	size_t i, k;

	for (i = 0; i < d->nflows; i++)
		for (k = 0; k < d->flows[i].ncarried; k++)
			if (d->flows[i].to >= 0)
				d->components[d->flows[i].to].holds[
					d->flows[i].carried[k]] |= HOLD_INFLOW;
}

int deploy_flow_carries(const dep_flow *f, int k)
{
	size_t i;

	for (i = 0; i < f->ncarried; i++)
		if (f->carried[i] == k)
			return 1;
	return 0;
}

/* Builds a deployment from a validated <deployment> element of `x`. */
static int from_element(deployment **out, const catalog *cat, xml_doc *x,
	xmlNodePtr root, const sov_allocator *al)
{
	dloader L;
	arena *a = arena_new(al);
	int rc;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	L.tmp = arena_new(al);
	L.d = a ? arena_alloc(a, sizeof(deployment)) : NULL;
	L.x = x;
	L.root = root;
	rc = L.tmp && L.d ? SOV_OK : SOV_ENOMEM;
	if (rc == SOV_OK) {
		L.d->arena = a;
		L.d->cat = cat;
		L.d->id = arena_strdup(a, xml_prop(root, "id"));
		L.d->title = arena_strdup(a, xml_prop(root, "title"));
		L.d->file = arena_strdup(a, x->name);
		rc = build(&L);
	}
	if (rc == SOV_OK && L.errors)
		rc = SOV_EINPUT;
	if (rc != SOV_ENOMEM && (!a || arena_failed(a) || !L.tmp ||
				 arena_failed(L.tmp)))
		rc = SOV_ENOMEM;
	if (rc == SOV_OK) {
		deploy_mark_inflows(L.d);
		*out = L.d;
		a = NULL; /* now owned by *out */
	}
	arena_free(L.tmp);
	arena_free(a);
	return rc;
}

int deploy_from_element(deployment **out, const catalog *cat, xml_doc *x,
	xmlNodePtr node, const sov_options *opts)
{
	int rc = xml_validate_element(x, &cat->schemas, node, DOC_DEPLOYMENT);

	*out = NULL;
	if (rc != SOV_OK)
		return rc;
	return from_element(out, cat, x, node, opts ? opts->allocator : NULL);
}

int deploy_load_tree(deployment **out, const catalog *cat,
	const char *name, const char *data, size_t len,
	const sov_options *opts, sov_diags *diags)
{
	const sov_allocator *al = opts ? opts->allocator : NULL;
	size_t max = opts && opts->max_input_size ? opts->max_input_size :
		     XML_DEFAULT_MAX_INPUT;
	arena *tmp = arena_new(al);
	xml_doc x;
	int rc;

	*out = NULL;
	if (!tmp)
		return SOV_ENOMEM;
	if (data)
		rc = xml_parse(&x, tmp, &cat->schemas, name, data, len, max,
			DOC_DEPLOYMENT, diags);
	else
		rc = xml_parse_file(&x, tmp, &cat->schemas, name, max,
			DOC_DEPLOYMENT, diags);
	if (rc == SOV_OK)
		rc = from_element(out, cat, &x, x.root, al);
	arena_free(tmp);
	return rc;
}

int deploy_load(deployment **out, const catalog *cat, const char *name,
	const char *data, size_t len, const sov_options *opts,
	sov_diags *diags)
{
	const sov_allocator *al = opts ? opts->allocator : NULL;
	size_t max = opts && opts->max_input_size ? opts->max_input_size :
		     XML_DEFAULT_MAX_INPUT;
	arena *tmp = NULL;
	char *text;
	int rc;

	*out = NULL;
	if (!data) {
		/* Read once: the tree loader, if it must, takes the same
		 * bytes under the same name, as xml_parse_file would. */
		tmp = arena_new(al);
		if (!tmp)
			return SOV_ENOMEM;
		rc = xml_read_file(tmp, name, max, &text, &len, diags);
		if (rc != SOV_OK) {
			arena_free(tmp);
			return rc;
		}
		data = text;
	}
	rc = deploy_stream(out, cat, name, data, len, max, al);
	if (rc == DEPLOY_DECLINED)
		rc = deploy_load_tree(out, cat, name, data, len, opts, diags);
	arena_free(tmp);
	return rc;
}

void deploy_free(deployment *d)
{
	if (d)
		arena_free(d->arena);
}
