/*
 * draft.c - import: the deployment being built from infrastructure code.
 * The readers add components; every place is normalised and checked
 * against the catalog here, so that a mistake is reported at the
 * resource's own line. draft_emit.c writes the result as XML.
 */
#include "draft.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/idindex.h"

void draft_init(draft *d, arena *a, const catalog *cat, sov_diags *diags)
{
	memset(d, 0, sizeof(*d));
	d->arena = a;
	d->cat = cat;
	d->diags = diags;
	d->file = "";
}

draft_src draft_at(const draft *d, const json_value *v)
{
	draft_src s;

	s.file = d->file;
	s.line = v ? v->line : 0;
	s.column = v ? v->column : 0;
	return s;
}

const char *draft_strdup(draft *d, const char *s)
{
	return s ? arena_strdup(d->arena, s) : NULL;
}

static void report(draft *d, sov_severity sev, const draft_src *src,
	const json_value *at, const char *expected, const char *fmt,
	va_list ap)
{
	char msg[600];
	draft_src where = at ? draft_at(d, at) : src ? *src :
			  draft_at(d, NULL);

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (sev == SOV_SEV_ERROR)
		d->errors++;
	diag_add(d->diags, sev, where.file, where.line, where.column,
		expected, "%s", msg);
}

void draft_error(draft *d, const draft_src *src, const json_value *at,
	const char *expected, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(d, SOV_SEV_ERROR, src, at, expected, fmt, ap);
	va_end(ap);
}

void draft_warning(draft *d, const draft_src *src, const json_value *at,
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(d, SOV_SEV_WARNING, src, at, NULL, fmt, ap);
	va_end(ap);
}

static size_t hash(const char *s)
{
	size_t h = 1469598103934665603ULL & (size_t)-1;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

/* The slot of `address` in the table: where it is, or the empty one
 * where it would go. */
static size_t slot_of(const draft *d, const char *address)
{
	size_t i = hash(address) & (d->cap - 1);

	while (d->by_address[i] && strcmp(d->by_address[i]->address,
					  address) != 0)
		i = (i + 1) & (d->cap - 1);
	return i;
}

/* Indexes c by address, doubling the table at half full, so that the
 * readers' look-ups and draft_finish stay linear in the resources. */
static int index_comp(draft *d, draft_comp *c)
{
	if ((d->ncomps + 1) * 2 > d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		draft_comp **t = arena_calloc(d->arena, cap, sizeof(*t));
		draft_comp *k;

		if (!t)
			return SOV_ENOMEM;
		d->by_address = t;
		d->cap = cap;
		for (k = d->comps; k; k = k->next)
			d->by_address[slot_of(d, k->address)] = k;
	}
	if (!d->by_address[slot_of(d, c->address)])
		d->by_address[slot_of(d, c->address)] = c;
	return SOV_OK;
}

draft_comp *draft_add(draft *d, const char *address, const char *type,
	const char *kind, const char *provider, draft_src src)
{
	draft_comp *c = arena_calloc(d->arena, 1, sizeof(*c));

	if (!c)
		return NULL;
	c->address = draft_strdup(d, address);
	c->type = draft_strdup(d, type);
	c->kind = draft_strdup(d, kind);
	c->provider = draft_strdup(d, provider);
	c->src = src;
	c->redundancy = DRAFT_UNSET;
	c->custody = DRAFT_UNSET;
	if (!c->address || !c->type || !c->kind || !c->provider ||
	    index_comp(d, c) != SOV_OK)
		return NULL;
	if (d->last_comp)
		d->last_comp->next = c;
	else
		d->comps = c;
	d->last_comp = c;
	d->ncomps++;
	return c;
}

int draft_skip_resource(draft *d, const char *address, const char *type,
	draft_src src)
{
	return draft_skip_because(d, address, type, NULL, src);
}

int draft_skip_because(draft *d, const char *address, const char *type,
	const char *reason, draft_src src)
{
	draft_skip *s = arena_calloc(d->arena, 1, sizeof(*s));

	if (!s)
		return SOV_ENOMEM;
	s->address = draft_strdup(d, address);
	s->type = draft_strdup(d, type);
	s->reason = draft_strdup(d, reason);
	s->src = src;
	if (!s->address || !s->type || (reason && !s->reason))
		return SOV_ENOMEM;
	if (d->last_skip)
		d->last_skip->next = s;
	else
		d->skipped = s;
	d->last_skip = s;
	d->nskipped++;
	return SOV_OK;
}

draft_comp *draft_find(const draft *d, const char *address)
{
	return address && d->cap ? d->by_address[slot_of(d, address)] : NULL;
}

/* ------------------------------------------------------------------ */
/* Places                                                              */

/* "East US" -> "eastus" for Azure; every provider's ids are lower case
 * ("EU" -> "eu" for a Google multi-region). */
static void normalise(const char *provider, const char *in, char *out,
	size_t len)
{
	size_t n = 0;
	int azure = strncmp(provider, "azure", 5) == 0;

	for (; *in && n + 1 < len; in++) {
		if (azure && (*in == ' ' || *in == '\t'))
			continue;
		out[n++] = (char)tolower((unsigned char)*in);
	}
	out[n] = '\0';
}

static const cat_provider *provider_of(const draft *d, const char *id)
{
	int p = catalog_provider(d->cat, id);

	return p >= 0 ? &d->cat->providers[p] : NULL;
}

static int unknown_place(draft *d, const draft_comp *c, const char *what,
	const char *location, const json_value *at)
{
	char dym[160];
	int p = catalog_provider(d->cat, c->provider);

	if (p < 0) {
		draft_error(d, &c->src, at, "a provider of the catalog",
			"%s: unknown provider '%s'", c->address, c->provider);
		return -1;
	}
	draft_error(d, &c->src, at, "a region of the provider in the catalog",
		"%s: unknown %s '%s' of provider '%s'%s", c->address, what,
		location, c->provider, catalog_did_you_mean(d->cat,
		SUG_REGION, p, location, dym, sizeof(dym)));
	return -1;
}

/* The catalog region id for `location`, or NULL. */
static const char *region_id(const draft *d, const char *provider,
	const char *location)
{
	const cat_provider *p = provider_of(d, provider);
	char id[129];
	int r;

	if (!p)
		return NULL;
	normalise(provider, location, id, sizeof(id));
	r = catalog_region(p, id);
	return r >= 0 ? p->regions[r].id : NULL;
}

static const char *scope_id(const draft *d, const char *provider,
	const char *location)
{
	const cat_provider *p = provider_of(d, provider);
	char id[129];
	int s;

	if (!p)
		return NULL;
	normalise(provider, location, id, sizeof(id));
	s = catalog_scope(p, id);
	return s >= 0 ? p->scopes[s].id : NULL;
}

int draft_set_location(draft *d, draft_comp *c, const char *location,
	const char *why, const json_value *at)
{
	if (!location) {
		c->region = c->scope = NULL;
		c->unknown = draft_strdup(d, why ? why : "not stated");
		return 0;
	}
	c->unknown = NULL;
	c->region = region_id(d, c->provider, location);
	if (c->region)
		return 0;
	if (strcmp(c->provider, "gcp") == 0)
		c->scope = scope_id(d, c->provider, location);
	if (c->scope)
		return 0;
	return unknown_place(d, c, "location", location, at);
}

int draft_set_scope(draft *d, draft_comp *c, const char *scope,
	const json_value *at)
{
	c->scope = scope_id(d, c->provider, scope);
	if (c->scope)
		return 0;
	return unknown_place(d, c, "routing scope", scope, at);
}

static const cat_region *region_rec(const draft *d, const char *provider,
	const char *region)
{
	const cat_provider *p = provider_of(d, provider);
	int r = p && region ? catalog_region(p, region) : -1;

	return r >= 0 ? &p->regions[r] : NULL;
}

int draft_set_redundancy(draft *d, draft_comp *c, int redundancy,
	const json_value *at)
{
	const cat_region *r = region_rec(d, c->provider, c->region);

	c->redundancy = redundancy;
	if (redundancy != DRAFT_RED_GEO || !r || r->pair != PAIR_NONE)
		return 0;
	draft_error(d, &c->src, at, "a region with a pair, or locally or "
		"zone-redundant storage", "%s: geo-redundant storage in "
		"region '%s', which has no paired region", c->address, r->id);
	return -1;
}

static int add_place(draft *d, draft_comp *c, draft_place *list,
	size_t *n, const char *location, const char *provider,
	const char *why, const json_value *at)
{
	const char *prov = provider ? provider : c->provider;
	const char *id = region_id(d, prov, location);
	size_t i;

	if (!id)
		return unknown_place(d, c, "region", location, at);
	for (i = 0; i < *n; i++)
		if (strcmp(list[i].region, id) == 0 &&
		    strcmp(list[i].provider ? list[i].provider : c->provider,
			   prov) == 0)
			return 0;
	if (*n == DRAFT_MAX_LIST) {
		draft_error(d, &c->src, at, NULL, "%s: more than %d places",
			c->address, DRAFT_MAX_LIST);
		return -1;
	}
	list[*n].region = id;
	list[*n].provider = draft_strdup(d, provider);
	list[*n].why = draft_strdup(d, why);
	(*n)++;
	return 0;
}

int draft_add_replica(draft *d, draft_comp *c, const char *location,
	const char *why, const json_value *at)
{
	if (!location) {
		c->replica_unknown = draft_strdup(d, why ? why : "not stated");
		return c->replica_unknown ? 0 : -1;
	}
	return add_place(d, c, c->replicas, &c->nreplicas, location, NULL,
		why, at);
}

int draft_add_backup(draft *d, draft_comp *c, const char *location,
	const char *provider, const char *why, const json_value *at)
{
	return add_place(d, c, c->backups, &c->nbackups, location, provider,
		why, at);
}

int draft_add_attr(draft *d, draft_comp *c, const char *name,
	const char *value)
{
	if (c->nattrs == DRAFT_MAX_LIST || !value || !*value)
		return SOV_OK;
	c->attrs[c->nattrs].name = draft_strdup(d, name);
	c->attrs[c->nattrs].value = draft_strdup(d, value);
	if (!c->attrs[c->nattrs].name || !c->attrs[c->nattrs].value)
		return SOV_ENOMEM;
	c->nattrs++;
	return SOV_OK;
}

/* Adds a code to a list of codes unless present. */
static void add_code(const char **list, size_t *n, const char *code)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(list[i], code) == 0)
			return;
	if (*n < DRAFT_MAX_LIST)
		list[(*n)++] = code;
}

int draft_set_keys_region(draft *d, draft_comp *c, int custody,
	const char *provider, const char *region)
{
	const char *prov = provider ? provider : c->provider;
	const cat_region *r = region_rec(d, prov,
		region ? region_id(d, prov, region) : NULL);

	if (c->keys_stated)
		return 0;       /* a tag or an annotation said it */
	if (!r)
		return -1;
	c->custody = custody;
	add_code(c->key_locations, &c->nkey_locations,
		d->cat->jur[r->jurisdiction].code);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The tag convention                                                  */

typedef enum {
	TAG_DATA, TAG_PROCESSES, TAG_KIND, TAG_ACCESS, TAG_KEYS,
	TAG_MECHANISM, TAG_TAG, TAG_ID, TAG_OPERATOR, TAG_REDUNDANCY,
	TAG_BACKUPS, TAG_NONE
} tag_field;

static const char *const tag_names[TAG_NONE] = {
	"data", "processes", "kind", "access", "keys", "mechanism", "tag",
	"id", "operator", "redundancy", "backups",
};

/* "sovereign:data", "sovereign-data" or "sovereign_data" -> TAG_DATA. */
static tag_field tag_of(const char *key)
{
	size_t i;

	if (strncmp(key, "sovereign", 9) != 0 ||
	    !strchr(":-_", key[9]) || !key[9])
		return TAG_NONE;
	for (i = 0; i < TAG_NONE; i++)
		if (strcmp(key + 10, tag_names[i]) == 0)
			return (tag_field)i;
	return TAG_NONE;
}

static int is_id(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 128 || !isalnum((unsigned char)s[0]))
		return 0;
	for (i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("._:-", s[i]))
			return 0;
	return 1;
}

/* Splits a tag value into words: spaces and commas, and for Google
 * labels (whose values allow neither) underscores. */
static size_t split_words(draft *d, const char *value, int labels,
	const char **out, size_t max)
{
	const char *seps = labels ? " \t,_" : " \t,";
	size_t n = 0;

	while (*value && n < max) {
		size_t len;

		value += strspn(value, seps);
		len = strcspn(value, seps);
		if (len == 0)
			break;
		out[n] = arena_strndup(d->arena, value, len);
		if (!out[n])
			return n;
		n++;
		value += len;
	}
	return n;
}

/* A jurisdiction code of the catalog, upper-cased for Google labels. */
static const char *tag_code(draft *d, const draft_comp *c, const char *w,
	const draft_src *at)
{
	char code[16];
	size_t i;
	int j;

	for (i = 0; w[i] && i + 1 < sizeof(code); i++)
		code[i] = (char)toupper((unsigned char)w[i]);
	code[i] = '\0';
	j = strlen(w) < sizeof(code) ? catalog_jurisdiction(d->cat, code) : -1;
	if (j >= 0)
		return d->cat->jur[j].code;
	draft_error(d, at, NULL, "ISO 3166 codes such as DE or CA-QC",
		"%s: '%s' in a sovereign tag is not a jurisdiction code",
		c->address, w);
	return NULL;
}

static int tag_custody(const char *w)
{
	static const char *const names[3] = {
		"customer", "provider", "third-party",
	};
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(w, names[i]) == 0)
			return i;
	return DRAFT_UNSET;
}

/* sovereign:keys = "customer DE": custody, then where the keys are. */
static void tag_keys(draft *d, draft_comp *c, const char **w, size_t n,
	const draft_src *at)
{
	size_t i;

	c->custody = n ? tag_custody(w[0]) : DRAFT_UNSET;
	if (c->custody == DRAFT_UNSET) {
		draft_error(d, at, NULL, "customer, provider or "
			"third-party, then jurisdiction codes", "%s: "
			"sovereign:keys does not start with a custody",
			c->address);
		return;
	}
	c->nkey_locations = 0;
	c->keys_stated = 1;
	for (i = 1; i < n; i++) {
		const char *code = tag_code(d, c, w[i], at);

		if (code)
			add_code(c->key_locations, &c->nkey_locations, code);
	}
}

static void tag_list(draft *d, draft_comp *c, const char **list,
	size_t *n, const char **w, size_t nw, const draft_src *at)
{
	size_t i;

	for (i = 0; i < nw; i++) {
		if (!is_id(w[i])) {
			draft_error(d, at, NULL, "ids: letters, "
				"digits, '.', '_', ':' or '-'", "%s: '%s' in "
				"a sovereign tag is not an id", c->address,
				w[i]);
			continue;
		}
		add_code(list, n, w[i]);
	}
}

static void tag_one_word(draft *d, draft_comp *c, const char **field,
	const char **w, size_t nw, const draft_src *at)
{
	if (nw != 1 || !is_id(w[0])) {
		draft_error(d, at, NULL, "one id", "%s: a sovereign tag "
			"that names one id holds '%s'", c->address,
			nw ? w[0] : "");
		return;
	}
	*field = w[0];
}

static void tag_access(draft *d, draft_comp *c, const char **w, size_t nw,
	const draft_src *at)
{
	size_t i;

	c->access_listed = 1;
	for (i = 0; i < nw; i++) {
		const char *code = strcmp(w[i], "none") == 0 ? NULL :
				   tag_code(d, c, w[i], at);

		if (code)
			add_code(c->access, &c->naccess, code);
	}
}

/* sovereign:redundancy = none | zone | geo (geo needs a paired region) */
static void tag_redundancy(draft *d, draft_comp *c, const char **w,
	size_t nw, const draft_src *at)
{
	static const char *const names[3] = { "none", "zone", "geo" };
	int i;

	for (i = 0; nw == 1 && i < 3; i++)
		if (strcmp(w[0], names[i]) == 0) {
			c->replica_unknown = NULL;
			draft_set_redundancy(d, c, i, NULL);
			return;
		}
	draft_error(d, at, NULL, "none, zone or geo", "%s: sovereign:"
		"redundancy holds '%s'", c->address, nw ? w[0] : "");
}

/* sovereign:backups = none | REGION... (of the component's provider):
 * the backups are then all listed. */
static void tag_backups(draft *d, draft_comp *c, const char **w,
	size_t nw, const draft_src *at)
{
	size_t i;

	c->backups_listed = 1;
	c->nbackups = 0;
	if (nw == 1 && strcmp(w[0], "none") == 0)
		return;
	for (i = 0; i < nw; i++)
		if (!region_id(d, c->provider, w[i]))
			draft_error(d, at, NULL, "region ids of the "
				"component's provider, or none", "%s: "
				"sovereign:backups names '%s', not a region "
				"of '%s'", c->address, w[i], c->provider);
		else
			add_place(d, c, c->backups, &c->nbackups, w[i], NULL,
				"stated by a tag or an annotation", NULL);
}

static void apply_field(draft *d, draft_comp *c, tag_field f,
	const char *value, const draft_src *v)
{
	const char *w[DRAFT_MAX_LIST];
	size_t nw = split_words(d, value, strcmp(c->provider, "gcp") == 0,
		w, DRAFT_MAX_LIST);

	switch (f) {
	case TAG_DATA:
		if (nw == 1 && strcmp(w[0], "none") == 0)
			c->data_none = 1;
		else
			tag_list(d, c, c->stores, &c->nstores, w, nw, v);
		break;
	case TAG_REDUNDANCY: tag_redundancy(d, c, w, nw, v); break;
	case TAG_BACKUPS: tag_backups(d, c, w, nw, v); break;
	case TAG_PROCESSES:
		tag_list(d, c, c->processes, &c->nprocesses, w, nw, v); break;
	case TAG_MECHANISM:
		tag_list(d, c, c->mechanisms, &c->nmechanisms, w, nw, v);
		break;
	case TAG_TAG:
		tag_list(d, c, c->tags, &c->ntags, w, nw, v); break;
	case TAG_KIND: tag_one_word(d, c, &c->kind, w, nw, v); break;
	case TAG_ID: tag_one_word(d, c, &c->id, w, nw, v); break;
	case TAG_OPERATOR:
		tag_one_word(d, c, &c->operator_entity, w, nw, v); break;
	case TAG_ACCESS: tag_access(d, c, w, nw, v); break;
	case TAG_KEYS: tag_keys(d, c, w, nw, v); break;
	case TAG_NONE: break;
	}
}

int draft_apply_field(draft *d, draft_comp *c, const char *name,
	const char *value, const draft_src *at)
{
	size_t i;

	for (i = 0; i < TAG_NONE; i++)
		if (strcmp(name, tag_names[i]) == 0) {
			apply_field(d, c, (tag_field)i, value, at);
			return arena_failed(d->arena) ? SOV_ENOMEM : SOV_OK;
		}
	return SOV_EUSAGE;
}

int draft_apply_tags(draft *d, draft_comp *c, const json_value *tags)
{
	size_t i;

	if (!tags || (tags->type != JSON_OBJECT && tags->type != JSON_ARRAY))
		return SOV_OK;
	for (i = 0; i < tags->n; i++) {
		const json_value *t = tags->items[i];
		const char *key = tags->type == JSON_OBJECT ? tags->keys[i] :
				  json_str(json_get(t, "Key"));
		const json_value *v = tags->type == JSON_OBJECT ? t :
				      json_get(t, "Value");
		tag_field f = key ? tag_of(key) : TAG_NONE;

		if (f != TAG_NONE && json_str(v)) {
			draft_src at = draft_at(d, v);

			apply_field(d, c, f, v->string, &at);
		}
	}
	return arena_failed(d->arena) ? SOV_ENOMEM : SOV_OK;
}

/* ------------------------------------------------------------------ */
/* Finishing: key references and ids                                   */

/* A key component's place becomes the keys of the components using it:
 * the provider's key service holds it (docs/importers.md). */
static void resolve_key(draft *d, draft_comp *c)
{
	const draft_comp *k = draft_find(d, c->key_ref);
	size_t i;

	if (!k || c->custody != DRAFT_UNSET)
		return;
	if (!k->region) {
		c->custody = DRAFT_UNSET;
		return;
	}
	draft_set_keys_region(d, c, DRAFT_KEYS_PROVIDER, k->provider,
		k->region);
	for (i = 0; i < k->nreplicas; i++)
		draft_set_keys_region(d, c, DRAFT_KEYS_PROVIDER, k->provider,
			k->replicas[i].region);
}

/* module.a.aws_s3_bucket.b["eu"] -> module.a.aws_s3_bucket.b.eu: the
 * characters an id allows, others as '-'. */
static char *id_from_address(draft *d, const char *address)
{
	size_t n = strlen(address), i, j = 0;
	char *id = arena_alloc(d->arena, n + 2);

	if (!id)
		return NULL;
	for (i = 0; i < n && j < 120; i++) {
		char ch = address[i];

		if (ch == '"' || ch == ']')
			continue;
		if (ch == '[' || ch == '/')
			ch = '.';
		else if (!isalnum((unsigned char)ch) && !strchr("._:-", ch))
			ch = '-';
		if (j == 0 && !isalnum((unsigned char)ch))
			id[j++] = 'r';
		id[j++] = ch;
	}
	if (j == 0)
		id[j++] = 'r';
	id[j] = '\0';
	return id;
}

/* The ids given so far, in a table sized for every component. */
typedef struct {
	idindex ids;
	draft_comp **comps;     /* by the index stored in `ids` */
	size_t n;
} id_set;

static int give_id(draft *d, id_set *set, draft_comp *c)
{
	const char *base = c->id ? c->id : id_from_address(d, c->address);
	const char *id = base;
	unsigned k = 2;

	while (id && idindex_get(&set->ids, id) >= 0)
		id = arena_printf(d->arena, "%s-%u", base, k++);
	if (!id)
		return SOV_ENOMEM;
	c->id = id;
	set->comps[set->n] = c;
	idindex_put(&set->ids, id, (int)set->n++);
	return SOV_OK;
}

/* Ids set by a tag or an annotation first, then those from addresses. */
static int give_ids(draft *d, id_set *set)
{
	draft_comp *c;
	int pass, rc = SOV_OK;

	set->n = 0;
	set->comps = arena_calloc(d->arena, d->ncomps + 1, sizeof(c));
	if (!set->comps || idindex_init(&set->ids, d->arena, d->ncomps) !=
	    SOV_OK)
		return SOV_ENOMEM;
	for (pass = 0; pass < 2; pass++)
		for (c = d->comps; c && rc == SOV_OK; c = c->next)
			if ((c->id != NULL) == (pass == 0))
				rc = give_id(d, set, c);
	return rc;
}

/* A flow's end: the component of that address, or of that id. */
static const char *flow_end(draft *d, const id_set *set,
	const draft_flow *f, const char *ref)
{
	const draft_comp *c = draft_find(d, ref);
	int i = c ? -1 : idindex_get(&set->ids, ref);

	if (c || i >= 0)
		return c ? c->id : set->comps[i]->id;
	draft_error(d, &f->src, NULL, "the address or id of an imported "
		"resource", "flow end '%s' is no resource of the input", ref);
	return ref;
}

int draft_finish(draft *d)
{
	draft_comp *c;
	draft_flow *f;
	id_set set;

	for (c = d->comps; c; c = c->next)
		if (c->key_ref)
			resolve_key(d, c);
	if (give_ids(d, &set) != SOV_OK)
		return SOV_ENOMEM;
	for (f = d->flows; f; f = f->next) {
		f->from = flow_end(d, &set, f, f->from);
		f->to = flow_end(d, &set, f, f->to);
	}
	return arena_failed(d->arena) ? SOV_ENOMEM : SOV_OK;
}
