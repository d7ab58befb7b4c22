/*
 * terraform.c - import: Terraform plans and state as `terraform show
 * -json` prints them (format_version 0.x and 1.x) become a draft. It
 * takes the parsed JSON tree and adds one component per resource of a
 * type it maps (docs/importers.md has the table); every other managed
 * resource is listed as not evaluated. Data sources are lookups of
 * things that exist elsewhere, not resources of the deployment, and are
 * left out.
 *
 * Values come from planned_values (a plan) or values (state). A value
 * that after_unknown marks is known only after apply and stays unknown.
 * A region the resource does not state comes from its provider
 * configuration, followed up through the module calls. Facts that name
 * another resource (a replication destination, a key, a server) are read
 * in a second pass, once every component exists.
 */
#include "import.h"

#include <stdio.h>
#include <string.h>

/* Module nesting, provider hand-downs and variable hops followed. */
#define TF_MAX_DEPTH 32

typedef struct tf_map tf_map;
typedef struct tfres tfres;

/* One managed resource instance of the input. */
struct tfres {
	const char *address, *type, *name;
	const char *module;         /* module instance address, "" at root */
	const char *path;           /* the same without instance keys */
	const json_value *node;     /* the resource object */
	const json_value *values;   /* its known values, or NULL */
	const json_value *unknown;  /* after_unknown, or NULL */
	const json_value *config;   /* its configuration block, or NULL */
	const char *provider;       /* aws, azure, gcp, or NULL */
	const tf_map *map;
	draft_src src;
	draft_comp *comp;
	tfres *next;
};

/* An address of the input: its change and its resource. */
typedef struct {
	const char *address;
	const json_value *change;   /* its resource_changes entry */
	tfres *res;                 /* its resource, once collected */
} tf_slot;

typedef struct {
	draft *d;
	const json_value *root;
	const json_value *config;     /* configuration.root_module */
	const json_value *providers;  /* configuration.provider_config */
	const json_value *variables;
	const json_value *changes;    /* resource_changes */
	const json_value *prior;      /* prior_state.values.root_module */
	int state;
	tfres *first, *last;
	tf_slot *slots;               /* hash table by address */
	size_t cap, nslots;
	int nomem;
} tf;

/*
 * A place in a resource, walked in three trees at once: the value, the
 * after_unknown marks and the configuration's expressions. Nested blocks
 * are arrays of objects in all three.
 */
typedef struct {
	const json_value *v, *u, *e;
} tfcur;

typedef void (*tf_fn)(tf *t, tfres *r);

struct tf_map {
	const char *type;
	const char *kind;   /* NULL: folded into the components it names */
	tf_fn read;         /* the component's own facts */
	tf_fn link;         /* facts that name other resources */
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */

/* A string that says something: "" is how Terraform writes an optional
 * string nobody set. */
static const char *str_of(const json_value *v)
{
	const char *s = json_str(v);

	return s && *s ? s : NULL;
}

static int lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/* ARM ids and location names compare without regard to case. */
static int same_text(const char *a, const char *b)
{
	for (; *a && lower(*a) == lower(*b); a++, b++)
		;
	return lower(*a) == lower(*b);
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const char *lowered(tf *t, const char *s)
{
	char *out = arena_strdup(t->d->arena, s);
	char *p;

	for (p = out; p && *p; p++)
		*p = (char)lower(*p);
	return out;
}

static const json_value *item(const json_value *v, size_t i)
{
	return v && v->type == JSON_ARRAY && i < v->n ? v->items[i] : NULL;
}

static size_t count(const json_value *v)
{
	return v && v->type == JSON_ARRAY ? v->n : 0;
}

/* Where a diagnostic about r goes: at the value when there is one. */
static const json_value *pos(const tfres *r, const json_value *v)
{
	return v ? v : r->node;
}

/* Field i of an ARN (1 partition, 2 service, 3 region, 4 account), or
 * NULL for an empty field or not an ARN. */
static const char *arn_field(tf *t, const char *arn, int i)
{
	const char *p = arn, *end;
	int k;

	if (!arn || !starts(arn, "arn:"))
		return NULL;
	for (k = 0; k < i; k++) {
		p = strchr(p, ':');
		if (!p)
			return NULL;
		p++;
	}
	end = strchr(p, ':');
	if (!end || end == p)
		return NULL;
	return arena_strndup(t->d->arena, p, (size_t)(end - p));
}

/* The resource part of an ARN: "key/1234", "db:orders", "::bucket". */
static const char *arn_resource(const char *arn)
{
	const char *p = arn;
	int k;

	for (k = 0; k < 5 && p; k++) {
		p = strchr(p, ':');
		p = p ? p + 1 : NULL;
	}
	return p;
}

/* The name an ARN gives its resource: after the last '/' or the type's
 * ':' ("db:orders" -> "orders", "arn:aws:s3:::logs" -> "logs"). */
static const char *arn_name(const char *arn)
{
	const char *res = arn_resource(arn), *p;

	if (!res)
		return NULL;
	p = strrchr(res, '/');
	if (p)
		return p + 1;
	p = strrchr(res, ':');
	return p ? p + 1 : res;
}

/* "us-central1-a" -> "us-central1": a Google zone names its region. */
static const char *zone_region(tf *t, const char *zone)
{
	size_t n = strlen(zone);

	if (n > 2 && zone[n - 2] == '-' && zone[n - 1] >= 'a' &&
	    zone[n - 1] <= 'z' && strchr(zone, '-') != zone + n - 2)
		return arena_strndup(t->d->arena, zone, n - 2);
	return zone;
}

/* ------------------------------------------------------------------ */
/* Cursors                                                             */

static tfcur cur_res(const tfres *r)
{
	tfcur c;

	c.v = r->values;
	c.u = r->unknown;
	c.e = json_get(r->config, "expressions");
	return c;
}

static const json_value *unknown_key(const json_value *u, const char *k)
{
	return u && u->type == JSON_TRUE ? u : json_get(u, k);
}

static tfcur cur_key(tfcur c, const char *key)
{
	tfcur n;

	n.v = json_get(c.v, key);
	n.u = unknown_key(c.u, key);
	n.e = json_get(c.e, key);
	return n;
}

static tfcur cur_item(tfcur c, size_t i)
{
	tfcur n;

	n.v = item(c.v, i);
	n.u = c.u && c.u->type == JSON_TRUE ? c.u : item(c.u, i);
	n.e = item(c.e, i);
	return n;
}

/* A block the provider writes as a list of one ("settings") or, for
 * nested attributes, as an object. */
static const json_value *first(const json_value *v)
{
	return v && v->type == JSON_OBJECT ? v : item(v, 0);
}

static tfcur cur_block(tfcur c, const char *key)
{
	tfcur n = cur_key(c, key);

	n.v = first(n.v);
	n.u = n.u && n.u->type == JSON_TRUE ? n.u : first(n.u);
	n.e = first(n.e);
	return n;
}

static int cur_unknown(tfcur c)
{
	return c.u && c.u->type == JSON_TRUE;
}

static const char *cur_str(tfcur c)
{
	return str_of(c.v);
}

/* 1 true, 0 false, -1 not known. */
static int cur_bool(tfcur c)
{
	if (c.v && c.v->type == JSON_TRUE)
		return 1;
	return c.v && c.v->type == JSON_FALSE ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* The configuration: modules, provider configurations, variables      */

/* "module.a[\"x\"].module.b[0]" -> "module.a.module.b": instance keys
 * (which may hold quoted dots and brackets) left out. */
static const char *static_path(tf *t, const char *address)
{
	char *out = arena_strdup(t->d->arena, address);
	size_t j = 0;
	const char *p;

	for (p = address; out && *p; p++) {
		int quoted = 0;

		if (*p != '[') {
			out[j++] = *p;
			continue;
		}
		for (p++; *p && (quoted || *p != ']'); p++) {
			if (quoted && *p == '\\' && p[1])
				p++;
			else if (*p == '"')
				quoted = !quoted;
		}
		if (!*p)
			break;
	}
	if (out)
		out[j] = '\0';
	return out;
}

/* The configuration module at a static path ("" is the root). */
static const json_value *config_module(const tf *t, const char *path)
{
	const json_value *m = t->config;
	char name[256];

	while (m && *path) {
		size_t n;

		if (!starts(path, "module."))
			return NULL;
		path += 7;
		n = strcspn(path, ".");
		if (n >= sizeof(name))
			return NULL;
		memcpy(name, path, n);
		name[n] = '\0';
		m = json_get(json_get(json_get(m, "module_calls"), name),
			"module");
		path += n + (path[n] == '.');
	}
	return m;
}

/* Splits "module.a.module.b" into its parent "module.a" and the name of
 * the last call, "b". Returns 0, or -1 at the root. */
static int split_path(tf *t, const char *path, const char **parent,
	const char **call)
{
	const char *dot = strrchr(path, '.');
	size_t keep;

	if (!*path || !dot)
		return -1;
	*call = dot + 1;
	/* "module.a.module" less ".module" */
	keep = (size_t)(dot - path) >= 7 ? (size_t)(dot - path) - 7 : 0;
	*parent = arena_strndup(t->d->arena, path, keep);
	return *parent ? 0 : -1;
}

static const json_value *module_call(tf *t, const char *path)
{
	const char *parent, *call;

	if (split_path(t, path, &parent, &call) != 0)
		return NULL;
	return json_get(json_get(config_module(t, parent), "module_calls"),
		call);
}

static const char *expr_string(tf *t, const json_value *e,
	const char *path, int depth);

/* A variable of the module at `path`: the plan's value at the root, else
 * what the module call passes, else the variable's default. */
static const char *var_string(tf *t, const char *path, const char *name,
	int depth)
{
	const json_value *call, *e;
	const char *parent, *callname;

	if (!*path)
		return str_of(json_get(json_get(t->variables, name), "value"));
	if (split_path(t, path, &parent, &callname) != 0)
		return NULL;
	call = module_call(t, path);
	e = json_get(json_get(call, "expressions"), name);
	if (e)
		return expr_string(t, e, parent, depth + 1);
	return str_of(json_get(json_get(json_get(json_get(call, "module"),
		"variables"), name), "default"));
}

/*
 * The string an expression gives: a constant, or a reference to one
 * variable. Anything else (a function, a local, a resource attribute) is
 * not evaluated here.
 */
static const char *expr_string(tf *t, const json_value *e,
	const char *path, int depth)
{
	const json_value *refs = json_get(e, "references");
	const char *ref;

	if (!e || depth > TF_MAX_DEPTH)
		return NULL;
	if (str_of(json_get(e, "constant_value")))
		return json_get(e, "constant_value")->string;
	if (count(refs) != 1)
		return NULL;
	ref = json_str(refs->items[0]);
	if (!ref || !starts(ref, "var.") || strpbrk(ref + 4, ".["))
		return NULL;
	return var_string(t, path, ref + 4, depth);
}

/* The region a provider configuration block sets (Google's zone names
 * one too). */
static const char *pc_region(tf *t, const json_value *pc, const char *path,
	int depth)
{
	const json_value *ex = json_get(pc, "expressions");
	const char *s = expr_string(t, json_get(ex, "region"), path, depth);

	if (!s && (s = expr_string(t, json_get(ex, "zone"), path, depth)))
		s = zone_region(t, s);
	return s;
}

static const json_value *pc_get(const tf *t, const char *path,
	const char *name)
{
	char key[512];
	int n;

	if (!*path)
		return json_get(t->providers, name);
	n = snprintf(key, sizeof(key), "%s:%s", path, name);
	return n > 0 && (size_t)n < sizeof(key) ?
		json_get(t->providers, key) : NULL;
}

/*
 * The region of provider configuration `name` ("aws", "aws.east") as
 * the module at `path` sees it. A module without a configuration block
 * of its own (no expressions) uses the one its caller passes it (a
 * `providers` map where the JSON shows one) or its caller's own.
 */
static const char *walk_region(tf *t, const char *path, const char *name,
	int depth)
{
	const json_value *pc = pc_get(t, path, name);
	const char *parent, *call, *passed;

	if (!name)
		return NULL;
	if (!*path || depth > TF_MAX_DEPTH)
		return pc ? pc_region(t, pc, "", depth) : NULL;
	if (pc && json_get(pc, "expressions"))
		return pc_region(t, pc, path, depth);
	if (split_path(t, path, &parent, &call) != 0)
		return NULL;
	passed = str_of(json_get(json_get(module_call(t, path), "providers"),
		name));
	return walk_region(t, parent, passed ? passed : name, depth + 1);
}

/* The provider's local name in a key: "module.a:aws.east" -> "aws.east",
 * or the resource type's prefix when there is no key. */
static const char *local_name(tf *t, const tfres *r, const char *key)
{
	const char *colon = key ? strrchr(key, ':') : NULL;

	if (colon)
		return colon + 1;
	if (key)
		return key;
	return arena_strndup(t->d->arena, r->type, strcspn(r->type, "_"));
}

/*
 * The region the resource's provider configuration gives it. The key
 * names the configuration directly in Terraform 1.x; older versions
 * write "child:aws" for "module.child:aws", so the key is also tried
 * with the prefix, and then the module tree is walked from the
 * resource's own module.
 */
static const char *provider_region(tf *t, const tfres *r)
{
	const char *key = str_of(json_get(r->config, "provider_config_key"));
	const json_value *pc = key ? json_get(t->providers, key) : NULL;
	char old[512];

	if (!pc && key && strchr(key, ':') && !starts(key, "module.") &&
	    (size_t)snprintf(old, sizeof(old), "module.%s", key) <
	    sizeof(old))
		pc = json_get(t->providers, old);
	if (pc && (json_get(pc, "expressions") ||
		   !str_of(json_get(pc, "module_address"))))
		return pc_region(t, pc,
			str_of(json_get(pc, "module_address")) ?
			json_get(pc, "module_address")->string : "", 0);
	if (key && !strchr(key, ':'))
		return NULL;
	return walk_region(t, r->path, local_name(t, r, key), 0);
}

/* Why the provider gives no region, in words. */
static const char *no_region_why(const tf *t)
{
	if (t->state)
		return "the state gives no region";
	if (!t->providers)
		return "the plan has no provider configuration";
	return "the provider configuration gives no region";
}

/* ------------------------------------------------------------------ */
/* Collecting the resources                                            */

/* Addresses are looked up once per resource and reference: a hash table
 * keeps plans of thousands of resources linear. */
static size_t addr_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static tf_slot *slot_find(tf_slot *slots, size_t cap, const char *address)
{
	size_t i = addr_hash(address) & (cap - 1);

	while (slots[i].address && strcmp(slots[i].address, address) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static int slots_grow(tf *t)
{
	size_t cap = t->cap ? t->cap * 2 : 256, i;
	tf_slot *slots = arena_calloc(t->d->arena, cap, sizeof(*slots));

	if (!slots) {
		t->nomem = 1;
		return -1;
	}
	for (i = 0; i < t->cap; i++)
		if (t->slots[i].address)
			*slot_find(slots, cap, t->slots[i].address) =
				t->slots[i];
	t->slots = slots;
	t->cap = cap;
	return 0;
}

/* The slot of an address, added when `add` is set; NULL otherwise. */
static tf_slot *slot_of(tf *t, const char *address, int add)
{
	tf_slot *s;

	if (t->cap && (s = slot_find(t->slots, t->cap, address))->address)
		return s;
	if (!add || (2 * (t->nslots + 1) > t->cap && slots_grow(t) != 0))
		return NULL;
	s = slot_find(t->slots, t->cap, address);
	s->address = address;
	t->nslots++;
	return s;
}

/* Indexes resource_changes by address (not the deposed objects). */
static void index_changes(tf *t)
{
	size_t i;

	for (i = 0; i < count(t->changes); i++) {
		const json_value *rc = t->changes->items[i];
		const char *a = str_of(json_get(rc, "address"));
		tf_slot *s = a && !json_get(rc, "deposed") ?
			     slot_of(t, a, 1) : NULL;

		if (s && !s->change)
			s->change = rc;
	}
}

static const json_value *change_of(tf *t, const char *address)
{
	tf_slot *s = slot_of(t, address, 0);

	return s ? s->change : NULL;
}

/* Only "delete": the resource goes away and is not deployed. */
static int delete_only(const json_value *rc)
{
	const json_value *a = json_get(json_get(rc, "change"), "actions");
	const char *s = json_str(item(a, 0));

	return count(a) == 1 && s && strcmp(s, "delete") == 0;
}

static const json_value *find_in_module(const json_value *m,
	const char *address, int depth)
{
	const json_value *rs = json_get(m, "resources");
	const json_value *cm = json_get(m, "child_modules"), *hit;
	size_t i;

	if (depth > TF_MAX_DEPTH)
		return NULL;
	for (i = 0; i < count(rs); i++) {
		const char *a = json_str(json_get(rs->items[i], "address"));

		if (a && strcmp(a, address) == 0)
			return rs->items[i];
	}
	for (i = 0; i < count(cm); i++) {
		hit = find_in_module(cm->items[i], address, depth + 1);
		if (hit)
			return hit;
	}
	return NULL;
}

/* The values prior_state holds for an address (no-op resources). */
static const json_value *prior_values(const tf *t, const char *address)
{
	const json_value *v;

	v = json_get(find_in_module(t->prior, address, 0), "values");
	return v && v->type == JSON_OBJECT ? v : NULL;
}

static const json_value *config_resource(const tf *t, const char *path,
	const char *type, const char *name)
{
	const json_value *rs = json_get(config_module(t, path), "resources");
	size_t i, tl = strlen(type);

	for (i = 0; i < count(rs); i++) {
		const char *a = json_str(json_get(rs->items[i], "address"));
		const char *mode = json_str(json_get(rs->items[i], "mode"));

		if (a && strncmp(a, type, tl) == 0 && a[tl] == '.' &&
		    strcmp(a + tl + 1, name) == 0 &&
		    (!mode || strcmp(mode, "managed") == 0))
			return rs->items[i];
	}
	return NULL;
}

/* The catalog provider of a Terraform provider: hashicorp/aws,
 * hashicorp/azurerm, hashicorp/google and google-beta, written in full
 * ("registry.terraform.io/hashicorp/aws") or short ("aws"). */
static const char *provider_id(const char *provider_name, const char *type)
{
	static const struct {
		const char *name, *id;
	} ids[] = {
		{ "aws", "aws" }, { "azurerm", "azure" },
		{ "google", "gcp" }, { "google-beta", "gcp" },
	};
	const char *name = provider_name, *slash, *ns;
	size_t i, n;

	if (name) {
		slash = strrchr(name, '/');
		for (ns = slash; ns && ns > name && ns[-1] != '/'; ns--)
			;
		if (slash && ((size_t)(slash - ns) != 9 ||
			      strncmp(ns, "hashicorp", 9) != 0))
			return NULL;
		name = slash ? slash + 1 : name;
		n = strlen(name);
	} else {
		name = type;
		n = strcspn(type, "_");
	}
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (strlen(ids[i].name) == n && strncmp(name, ids[i].name, n)
		    == 0)
			return ids[i].id;
	return NULL;
}

static tfres *find_res(tf *t, const char *address)
{
	tf_slot *s = slot_of(t, address, 0);

	return s ? s->res : NULL;
}

static void add_res(tf *t, const json_value *node, const char *module,
	const json_value *values, const json_value *unknown)
{
	const char *address = str_of(json_get(node, "address"));
	const char *type = str_of(json_get(node, "type"));
	const char *name = str_of(json_get(node, "name"));
	draft_src src = draft_at(t->d, node);
	tf_slot *slot;
	tfres *r;

	if (!address || !type || !name) {
		draft_error(t->d, &src, node, "a resource with an address, a "
			"type and a name", "%s%s without its %s", address ?
			"managed resource " : "a managed resource",
			address ? address : "", !address ? "address" : !type ?
			"type" : "name");
		return;
	}
	r = arena_calloc(t->d->arena, 1, sizeof(*r));
	if (!r) {
		t->nomem = 1;
		return;
	}
	r->address = address;
	r->type = type;
	r->name = name;
	r->module = module;
	r->path = static_path(t, module);
	if (!r->path) {
		t->nomem = 1;
		return;
	}
	r->node = node;
	r->values = values && values->type == JSON_OBJECT ? values : NULL;
	r->unknown = unknown;
	r->config = config_resource(t, r->path, type, name);
	r->provider = provider_id(str_of(json_get(node, "provider_name")),
		type);
	r->src = src;
	*(t->last ? &t->last->next : &t->first) = r;
	t->last = r;
	slot = slot_of(t, address, 1);
	if (slot && !slot->res)
		slot->res = r;
}

/* Managed, as the mode says; a resource of a tool that writes no mode
 * is a data source when its address says so. */
static int managed(const json_value *node)
{
	const char *mode = json_str(json_get(node, "mode"));
	const char *a = json_str(json_get(node, "address"));

	if (mode)
		return strcmp(mode, "managed") == 0;
	return !a || (!starts(a, "data.") && !strstr(a, ".data."));
}

static void collect_planned(tf *t, const json_value *node,
	const char *module)
{
	const char *address = str_of(json_get(node, "address"));
	const json_value *rc, *values;

	if (!managed(node))
		return;
	rc = address ? change_of(t, address) : NULL;
	if (rc && delete_only(rc))
		return;
	values = json_get(node, "values");
	if ((!values || values->type != JSON_OBJECT) && address)
		values = prior_values(t, address);
	add_res(t, node, module, values,
		json_get(json_get(rc, "change"), "after_unknown"));
}

/* module -> resources, child_modules (planned_values, values) */
static void collect_module(tf *t, const json_value *m, int depth)
{
	const json_value *rs = json_get(m, "resources");
	const json_value *cm = json_get(m, "child_modules");
	const char *module = str_of(json_get(m, "address"));
	size_t i;

	if (depth > TF_MAX_DEPTH)
		return;
	for (i = 0; i < count(rs); i++)
		collect_planned(t, rs->items[i], module ? module : "");
	for (i = 0; i < count(cm); i++)
		collect_module(t, cm->items[i], depth + 1);
}

/*
 * Resources the plan changes that planned_values leaves out (tools trim
 * it; a "forget" leaves the object in place): read from the change,
 * with prior_state for what the change does not hold.
 */
static void collect_changes(tf *t)
{
	size_t i;

	for (i = 0; i < count(t->changes); i++) {
		const json_value *rc = t->changes->items[i];
		const json_value *ch = json_get(rc, "change");
		const json_value *after = json_get(ch, "after");
		const char *a = str_of(json_get(rc, "address"));
		const char *module = str_of(json_get(rc, "module_address"));

		if (!a || !managed(rc) || json_get(rc, "deposed") ||
		    delete_only(rc) || find_res(t, a))
			continue;
		if (!after || after->type != JSON_OBJECT)
			after = prior_values(t, a);
		add_res(t, rc, module ? module : "", after,
			json_get(ch, "after_unknown"));
	}
}

/* ------------------------------------------------------------------ */
/* Resources that name other resources                                 */

/* Does attribute `attr` of x hold s? */
static int value_is(const tfres *x, const char *attr, const char *s)
{
	const char *v = str_of(json_get(x->values, attr));

	return v && same_text(v, s);
}

/*
 * The resource of type `type` whose arn, id or one of `names` is s; an
 * ARN also matches by the name it ends with, in its own region.
 */
static tfres *find_by_value(tf *t, const char *type,
	const char *const *names, const char *s)
{
	const char *name = starts(s, "arn:") ? arn_name(s) : NULL;
	const char *region = name ? arn_field(t, s, 3) : NULL;
	tfres *x;
	size_t i;

	for (x = t->first; x; x = x->next) {
		if (strcmp(x->type, type) != 0)
			continue;
		if (value_is(x, "arn", s) || value_is(x, "id", s))
			return x;
		if (region && x->comp && x->comp->region &&
		    strcmp(region, x->comp->region) != 0)
			continue;
		for (i = 0; names && names[i]; i++)
			if (value_is(x, names[i], s) ||
			    (name && *name && value_is(x, names[i], name)))
				return x;
	}
	return NULL;
}

/* The instance an address names, or, for a reference without an index
 * ("aws_s3_bucket.replica" from inside a count), the only instance, or
 * the one with the same index as `from`. */
static tfres *find_instance(tf *t, const tfres *from, const char *addr)
{
	size_t n = strlen(addr), hits = 0;
	const char *own = strrchr(from->address, '[');
	tfres *x, *hit = NULL;

	if ((x = find_res(t, addr)))
		return x;
	for (x = t->first; x; x = x->next) {
		if (strncmp(x->address, addr, n) != 0 || x->address[n] != '[')
			continue;
		if (own && strcmp(x->address + n, own) == 0)
			return x;
		hit = x;
		hits++;
	}
	return hits == 1 ? hit : NULL;
}

/* The resource of type `type` a configuration reference names in the
 * module of `from`: "aws_s3_bucket.logs.arn", "aws_kms_key.k[0].arn". */
static tfres *find_by_ref(tf *t, const tfres *from, const char *ref,
	const char *type)
{
	size_t tl = strlen(type), nl, il = 0;
	const char *p = ref + tl + 1;
	const char *addr;

	if (strncmp(ref, type, tl) != 0 || ref[tl] != '.')
		return NULL;
	nl = strcspn(p, ".[");
	if (nl == 0)
		return NULL;
	if (p[nl] == '[')
		il = strcspn(p + nl, "]") + 1;
	addr = arena_printf(t->d->arena, "%s%s%.*s", from->module,
		*from->module ? "." : "", (int)(tl + 1 + nl + il), ref);
	return addr ? find_instance(t, from, addr) : NULL;
}

static size_t put(tfres **out, size_t n, size_t max, tfres *x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (out[i] == x)
			return n;
	if (x && n < max)
		out[n++] = x;
	return n;
}

/*
 * The resources of type `type` that the attribute at `c` names: by its
 * value (a string, or a list of them), else by the references of its
 * configuration expression. Returns how many went into out[0..max).
 */
static size_t targets(tf *t, const tfres *from, tfcur c, const char *type,
	const char *const *names, tfres **out, size_t max)
{
	const json_value *refs = json_get(c.e, "references");
	size_t n = 0, i;

	if (str_of(c.v))
		n = put(out, n, max, find_by_value(t, type, names,
			c.v->string));
	for (i = 0; i < count(c.v); i++)
		if (str_of(c.v->items[i]))
			n = put(out, n, max, find_by_value(t, type, names,
				c.v->items[i]->string));
	for (i = 0; n == 0 && i < count(refs); i++)
		if (json_str(refs->items[i]))
			n = put(out, n, max, find_by_ref(t, from,
				refs->items[i]->string, type));
	return n;
}

static tfres *target(tf *t, const tfres *from, tfcur c, const char *type,
	const char *const *names)
{
	tfres *x = NULL;

	return targets(t, from, c, type, names, &x, 1) ? x : NULL;
}

/* How many blocks a nested block list has, in the values or, where they
 * are not known yet, in the configuration. */
static size_t blocks(tfcur c)
{
	size_t nv = count(c.v), ne = count(c.e);

	return nv > ne ? nv : ne;
}

/* ------------------------------------------------------------------ */
/* Places                                                              */

static const cat_provider *provider_rec(const tf *t, const char *id)
{
	int p = catalog_provider(t->d->cat, id);

	return p >= 0 ? &t->d->cat->providers[p] : NULL;
}

static const cat_scope *scope_rec(const tf *t, const char *provider,
	const char *id)
{
	const cat_provider *p = provider_rec(t, provider);
	int s = p && id ? catalog_scope(p, id) : -1;

	return s >= 0 ? &p->scopes[s] : NULL;
}

static int scope_has(const tf *t, const char *provider, const char *scope,
	const char *region)
{
	const cat_provider *p = provider_rec(t, provider);
	const cat_scope *s = scope_rec(t, provider, scope);
	size_t i;

	for (i = 0; s && i < s->nregions; i++)
		if (strcmp(p->regions[s->regions[i]].id, region) == 0)
			return 1;
	return 0;
}

/* The paired region the catalog gives, or NULL. */
static const char *pair_of(const tf *t, const char *provider,
	const char *region)
{
	const cat_provider *p = provider_rec(t, provider);
	int r = p && region ? catalog_region(p, region) : -1;

	if (r < 0 || p->regions[r].pair < 0)
		return NULL;
	return p->regions[p->regions[r].pair].id;
}

/* The region the provider chain gives a resource that does not state
 * one: its provider configuration, an AWS ARN, --region. */
static const char *fallback_region(tf *t, const tfres *r)
{
	const char *s = provider_region(t, r);

	if (!s && strcmp(r->provider, "aws") == 0)
		s = arn_field(t, str_of(json_get(r->values, "arn")), 3);
	if (!s && strcmp(r->provider, "aws") == 0)
		s = t->d->region_default;
	return s;
}

/* Where an AWS resource that is not a component of its own is: its
 * region attribute (provider 6), else the provider chain. */
static const char *aws_region(tf *t, const tfres *r)
{
	const char *s = str_of(json_get(r->values, "region"));

	return s ? s : fallback_region(t, r);
}

/*
 * Sets the component's place from its own location attribute: 1 when
 * that decided it, 0 when the attribute is absent. A value the
 * configuration sets that after_unknown marks is known after apply; one
 * the configuration leaves out defaults to the provider's.
 */
static int place_own(tf *t, tfres *r, const char *const *attrs)
{
	tfcur c = cur_res(r);
	size_t i;

	for (i = 0; attrs[i]; i++) {
		tfcur a = cur_key(c, attrs[i]);
		const char *s = cur_str(a);

		if (s && strcmp(attrs[i], "zone") == 0)
			s = zone_region(t, s);
		if (s) {
			draft_set_location(t->d, r->comp, s, NULL, a.v);
			return 1;
		}
		if (a.v && a.v->type != JSON_NULL) {
			draft_error(t->d, &r->comp->src, a.v, "a location "
				"string", "%s: '%s' is not a location",
				r->comp->address, attrs[i]);
			return 1;
		}
	}
	for (i = 0; attrs[i]; i++) {
		tfcur a = cur_key(c, attrs[i]);

		if (cur_unknown(a) && (a.e || !r->config)) {
			draft_set_location(t->d, r->comp, NULL,
				"known after apply", r->node);
			return 1;
		}
	}
	return 0;
}

/* resource -> its location attribute, else the provider's region */
static void place_default(tf *t, tfres *r)
{
	static const char *const aws[] = { "region", NULL };
	static const char *const azure[] = { "location", NULL };
	static const char *const gcp[] = { "location", "region", "zone",
		NULL };
	int is_azure = strcmp(r->provider, "azure") == 0;
	const char *s;

	if (place_own(t, r, strcmp(r->provider, "aws") == 0 ? aws :
		      is_azure ? azure : gcp))
		return;
	s = is_azure ? t->d->location_default : fallback_region(t, r);
	draft_set_location(t->d, r->comp, s, s ? NULL : is_azure ?
		"the resource gives no location" : no_region_why(t),
		r->node);
}

/* Sets the place from one value: its location, or why it has none. */
static void place_at(tf *t, tfres *r, tfcur at, const char *none)
{
	const char *s = cur_str(at);

	if (s)
		draft_set_location(t->d, r->comp, s, NULL, at.v);
	else
		draft_set_location(t->d, r->comp, NULL, cur_unknown(at) ?
			"known after apply" : none, r->node);
}

/* Places r where the resource it names at `at` is (a database's server,
 * a deployment's account). */
static void place_with(tf *t, tfres *r, tfcur at, const char *type,
	const char *what)
{
	tfres *x = target(t, r, at, type, NULL);

	if (!x) {
		draft_set_location(t->d, r->comp, NULL, arena_printf(
			t->d->arena, "its %s is not in the input", what),
			r->node);
		return;
	}
	place_at(t, r, cur_key(cur_res(x), "location"), arena_printf(
		t->d->arena, "its %s %s gives no location", what,
		x->address));
}

/* The replicas of c are not all known: its replica facet is unknown. */
static void lose_replicas(tf *t, const tfres *by, draft_comp *c,
	const char *what, const json_value *at)
{
	const char *why = arena_printf(t->d->arena, "%s: %s", by->address,
		what);

	draft_add_replica(t->d, c, NULL, why, at);
	draft_warning(t->d, &by->src, at, "%s; the replicas of %s are "
		"unknown", why ? why : what, c->address);
}

/* The backups of c are not all known: its backup facet is unknown. */
static void lose_backups(tf *t, const tfres *by, draft_comp *c,
	const char *what, const json_value *at)
{
	c->nbackups = 0;
	c->backups_listed = 0;
	draft_warning(t->d, &by->src, at, "%s: %s; the backups of %s are "
		"unknown", by->address, what, c->address);
}

/* r's component replicates to where `rep`'s component is (a read
 * replica, a global cluster member, a partner). */
static void replicate_to(tf *t, tfres *by, draft_comp *c,
	const draft_comp *rep, const char *what, const json_value *at)
{
	if (!rep->region) {
		lose_replicas(t, by, c, arena_printf(t->d->arena, "%s %s "
			"has no known region", what, rep->address), at);
		return;
	}
	draft_add_replica(t->d, c, rep->region, strcmp(by->address,
		rep->address) == 0 ? arena_printf(t->d->arena, "%s: %s",
		by->address, what) : arena_printf(t->d->arena, "%s: %s %s",
		by->address, what, rep->address), at);
}

/* Backups kept with an Azure storage redundancy: in the region, and for
 * Geo and GeoZone in its pair too. */
static void azure_backups(tf *t, tfres *r, const char *redundancy,
	const json_value *at)
{
	const char *region = r->comp->region, *pair;
	int geo;

	if (!region || !redundancy)
		return;
	geo = same_text(redundancy, "Geo") || same_text(redundancy,
		"GeoZone");
	if (!geo && !same_text(redundancy, "Local") &&
	    !same_text(redundancy, "Zone"))
		return;
	pair = geo ? pair_of(t, "azure", region) : NULL;
	if (geo && !pair) {
		lose_backups(t, r, r->comp, arena_printf(t->d->arena,
			"geo-redundant backups in region '%s', which has no "
			"paired region in the catalog", region), at);
		return;
	}
	draft_add_backup(t->d, r->comp, region, NULL, "backups", at);
	if (pair)
		draft_add_backup(t->d, r->comp, pair, NULL, arena_printf(
			t->d->arena, "geo-redundant backups: paired region "
			"%s", pair), at);
}

/* Backups in a Google location: a region, or every region of the
 * multi-region of that name. */
static void gcp_backups(tf *t, draft_comp *c, const char *loc,
	const char *why, const json_value *at)
{
	const cat_provider *p = provider_rec(t, "gcp");
	const cat_scope *s = scope_rec(t, "gcp", lowered(t, loc));
	size_t i;

	if (!s) {
		draft_add_backup(t->d, c, loc, NULL, why, at);
		return;
	}
	for (i = 0; i < s->nregions; i++)
		draft_add_backup(t->d, c, p->regions[s->regions[i]].id, NULL,
			arena_printf(t->d->arena, "%s (multi-region %s)",
			why, s->id), at);
}

/* ------------------------------------------------------------------ */
/* Keys                                                                */

/* The keys of c are held by the provider's key service at `loc`: a
 * region, or every region of a scope. */
static void keys_in(tf *t, draft_comp *c, const char *loc)
{
	const cat_provider *p = provider_rec(t, c->provider);
	const cat_scope *s = loc ? scope_rec(t, c->provider, loc) : NULL;
	size_t i;

	if (c->keys_stated)
		return;
	if (!s && loc)
		draft_set_keys_region(t->d, c, DRAFT_KEYS_PROVIDER, NULL, loc);
	for (i = 0; s && i < s->nregions; i++)
		draft_set_keys_region(t->d, c, DRAFT_KEYS_PROVIDER, NULL,
			p->regions[s->regions[i]].id);
}

/* A key service holds its keys where it is. */
static void own_keys(tf *t, draft_comp *c)
{
	keys_in(t, c, c->region ? c->region : c->scope);
}

/* c's data is encrypted with key component k: draft_finish resolves a
 * key in a region; one in a scope gives its own locations now. */
static void use_key(draft_comp *c, const draft_comp *k)
{
	size_t i;

	if (c->keys_stated)
		return;
	if (k->region) {
		c->key_ref = k->address;
		return;
	}
	c->custody = k->custody;
	for (i = 0; i < k->nkey_locations; i++)
		c->key_locations[i] = k->key_locations[i];
	c->nkey_locations = k->nkey_locations;
}

/*
 * An AWS key reference (kms_key_id, kms_master_key_id, kms_key_arn): the
 * aws_kms_key of the input it names (directly or through an
 * aws_kms_alias), else the region of a key ARN. A key named without an
 * ARN (an id, an alias such as the AWS managed alias/aws/s3) is in the
 * region of the resource that uses it: KMS keys are regional.
 */
static void key_aws(tf *t, tfres *r, draft_comp *c, tfcur at)
{
	static const char *const names[] = { "key_id", NULL };
	static const char *const alias_names[] = { "name", NULL };
	const char *s = cur_str(at), *region;
	tfres *k = target(t, r, at, "aws_kms_key", names);
	tfres *alias = k ? NULL : target(t, r, at, "aws_kms_alias",
		alias_names);

	if (alias)
		k = target(t, alias, cur_key(cur_res(alias),
			"target_key_id"), "aws_kms_key", names);
	if (k && k->comp) {
		use_key(c, k->comp);
		return;
	}
	region = s && starts(s, "arn:") ? arn_field(t, s, 3) : s ?
		c->region : NULL;
	if (region && !c->keys_stated)
		draft_set_keys_region(t->d, c, DRAFT_KEYS_PROVIDER, "aws",
			region);
}

/* "projects/p/locations/europe-west1/keyRings/r/..." -> the location. */
static const char *gcp_id_location(tf *t, const char *id)
{
	const char *p = id ? strstr(id, "/locations/") : NULL;

	if (!p)
		return NULL;
	p += strlen("/locations/");
	return arena_strndup(t->d->arena, p, strcspn(p, "/"));
}

/* Is loc a region or scope of Google Cloud in the catalog? */
static int gcp_known(const tf *t, const char *loc)
{
	const cat_provider *p = provider_rec(t, "gcp");

	return p && loc && (catalog_region(p, loc) >= 0 ||
		     catalog_scope(p, loc) >= 0);
}

/* A Google key reference: the crypto key of the input, else the
 * location its id names. */
static void key_gcp(tf *t, tfres *r, draft_comp *c, tfcur at)
{
	tfres *k = target(t, r, at, "google_kms_crypto_key", NULL);
	const char *loc;

	if (k && k->comp) {
		use_key(c, k->comp);
		return;
	}
	loc = gcp_id_location(t, cur_str(at));
	if (loc && gcp_known(t, lowered(t, loc)))
		keys_in(t, c, lowered(t, loc));
}

/* ------------------------------------------------------------------ */
/* AWS                                                                 */

static const char *const s3_names[] = { "bucket", NULL };
static const char *const db_names[] = { "identifier", NULL };
static const char *const cluster_names[] = { "cluster_identifier", NULL };

/* aws_s3_bucket -> object storage in its region, kept across zones */
static void read_s3_bucket(tf *t, tfres *r)
{
	place_default(t, r);
	draft_set_redundancy(t->d, r->comp, DRAFT_RED_ZONE, r->node);
}

/* rule -> destination { bucket = ARN }: a replica where that bucket is */
static void s3_rule(tf *t, tfres *by, draft_comp *src, tfcur rule)
{
	tfcur at = cur_key(cur_block(rule, "destination"), "bucket");
	tfres *dst = target(t, by, at, "aws_s3_bucket", s3_names);

	if (!dst || !dst->comp) {
		lose_replicas(t, by, src, arena_printf(t->d->arena,
			"replication destination %s is not a bucket of the "
			"input", cur_str(at) ? cur_str(at) :
			"(known after apply)"), at.v);
		return;
	}
	replicate_to(t, by, src, dst->comp, "destination bucket",
		pos(by, at.v));
}

static void s3_rules(tf *t, tfres *by, draft_comp *src, tfcur rules)
{
	size_t i;

	if (cur_unknown(rules)) {
		lose_replicas(t, by, src, "the replication rules are known "
			"after apply", NULL);
		return;
	}
	for (i = 0; i < blocks(rules); i++)
		s3_rule(t, by, src, cur_item(rules, i));
}

/* rule { apply_server_side_encryption_by_default { kms_master_key_id } }*/
static tfcur s3_key(tfcur sse)
{
	return cur_key(cur_block(cur_block(sse, "rule"),
		"apply_server_side_encryption_by_default"),
		"kms_master_key_id");
}

/* Provider 3 writes replication and encryption inside the bucket. */
static void link_s3_bucket(tf *t, tfres *r)
{
	tfcur c = cur_res(r);
	tfcur repl = cur_block(c, "replication_configuration");

	if (repl.v || repl.e)
		s3_rules(t, r, r->comp, cur_key(repl, "rules"));
	key_aws(t, r, r->comp, s3_key(cur_block(c,
		"server_side_encryption_configuration")));
}

/* The bucket a bucket-level resource (replication, encryption) is for. */
static draft_comp *s3_bucket_of(tf *t, tfres *r)
{
	tfres *b = target(t, r, cur_key(cur_res(r), "bucket"),
		"aws_s3_bucket", s3_names);

	if (b && b->comp)
		return b->comp;
	draft_warning(t->d, &r->src, NULL, "%s: its bucket is not in the "
		"input", r->address);
	return NULL;
}

static void link_s3_replication(tf *t, tfres *r)
{
	draft_comp *src = s3_bucket_of(t, r);

	if (src)
		s3_rules(t, r, src, cur_key(cur_res(r), "rule"));
}

static void link_s3_encryption(tf *t, tfres *r)
{
	draft_comp *b = s3_bucket_of(t, r);

	if (b)
		key_aws(t, r, b, s3_key(cur_res(r)));
}

/* Automated backups stay in the database's region. */
static void aws_backups(tf *t, tfres *r)
{
	tfcur days = cur_key(cur_res(r), "backup_retention_period");

	if (days.v && days.v->type == JSON_NUMBER && days.v->number > 0 &&
	    r->comp->region)
		draft_add_backup(t->d, r->comp, r->comp->region, NULL,
			"automated backups", days.v);
}

/* aws_db_instance -> a database; multi_az: a standby in another zone */
static void read_db_instance(tf *t, tfres *r)
{
	int multi = cur_bool(cur_key(cur_res(r), "multi_az"));

	place_default(t, r);
	if (multi >= 0)
		draft_set_redundancy(t->d, r->comp, multi ? DRAFT_RED_ZONE :
			DRAFT_RED_NONE, r->node);
	aws_backups(t, r);
}

/* A read replica is a component of its own and a replica of its source.
 * A value of "" means the resource is no replica. */
static void read_replica_of(tf *t, tfres *r, const char *attr,
	const char *type, const char *const *names)
{
	tfcur at = cur_key(cur_res(r), attr);
	tfres *src;

	if (!cur_str(at) && !cur_unknown(at))
		return;
	src = target(t, r, at, type, names);
	if (!src || !src->comp) {
		draft_warning(t->d, &r->src, at.v, "%s: the database it "
			"replicates is not in the input", r->address);
		return;
	}
	replicate_to(t, r, src->comp, r->comp, "read replica",
		pos(r, at.v));
}

static void link_db_instance(tf *t, tfres *r)
{
	key_aws(t, r, r->comp, cur_key(cur_res(r), "kms_key_id"));
	read_replica_of(t, r, "replicate_source_db", "aws_db_instance",
		db_names);
}

/* aws_rds_cluster -> a database; Aurora keeps its storage in 3 zones */
static void read_rds_cluster(tf *t, tfres *r)
{
	place_default(t, r);
	draft_set_redundancy(t->d, r->comp, DRAFT_RED_ZONE, r->node);
	aws_backups(t, r);
}

static void link_rds_cluster(tf *t, tfres *r)
{
	key_aws(t, r, r->comp, cur_key(cur_res(r), "kms_key_id"));
	read_replica_of(t, r, "replication_source_identifier",
		"aws_rds_cluster", cluster_names);
}

/* The clusters of a global cluster: those that name it, and the one it
 * was made from. */
static size_t global_members(tf *t, tfres *g, tfres **m, size_t max)
{
	static const char *const names[] = { "global_cluster_identifier",
		NULL };
	size_t n = 0;
	tfres *x;

	if (!g)
		return 0;
	for (x = t->first; x; x = x->next)
		if (x->comp && strcmp(x->type, "aws_rds_cluster") == 0 &&
		    target(t, x, cur_key(cur_res(x),
			   "global_cluster_identifier"),
			   "aws_rds_global_cluster", names) == g)
			n = put(m, n, max, x);
	x = target(t, g, cur_key(cur_res(g), "source_db_cluster_identifier"),
		"aws_rds_cluster", cluster_names);
	return x && x->comp ? put(m, n, max, x) : n;
}

/* aws_rds_global_cluster: every member is a replica of every other */
static void link_global_cluster(tf *t, tfres *r)
{
	tfres *m[DRAFT_MAX_LIST];
	size_t n = global_members(t, r, m, DRAFT_MAX_LIST), i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (i != j)
				replicate_to(t, r, m[i]->comp, m[j]->comp,
					"member", r->node);
}

/* aws_db_instance_automated_backups_replication: backups of the source
 * copied to the region of this resource's provider */
static void link_backup_replication(tf *t, tfres *r)
{
	tfcur at = cur_key(cur_res(r), "source_db_instance_arn");
	tfres *src = target(t, r, at, "aws_db_instance", db_names);
	const char *region;

	if (!src || !src->comp) {
		draft_warning(t->d, &r->src, at.v, "%s: the database it "
			"copies backups of is not in the input", r->address);
		return;
	}
	region = aws_region(t, r);
	if (!region) {
		lose_backups(t, r, src->comp, "the region it copies to is "
			"not known", NULL);
		return;
	}
	draft_add_backup(t->d, src->comp, region, NULL, arena_printf(
		t->d->arena, "%s: replicated automated backups", r->address),
		r->node);
}

/* aws_dynamodb_table -> a database; replica { region_name } */
static void read_dynamodb(tf *t, tfres *r)
{
	tfcur c = cur_res(r), reps = cur_key(c, "replica");
	size_t i;

	place_default(t, r);
	draft_set_redundancy(t->d, r->comp, DRAFT_RED_ZONE, r->node);
	if (cur_unknown(reps))
		lose_replicas(t, r, r->comp, "the replicas are known after "
			"apply", NULL);
	for (i = 0; i < blocks(reps); i++) {
		tfcur rn = cur_key(cur_item(reps, i), "region_name");

		if (cur_str(rn))
			draft_add_replica(t->d, r->comp, cur_str(rn),
				"replica", rn.v);
		else
			lose_replicas(t, r, r->comp, "a replica region is "
				"known after apply", NULL);
	}
	if (cur_bool(cur_key(cur_block(c, "point_in_time_recovery"),
		     "enabled")) == 1 && r->comp->region)
		draft_add_backup(t->d, r->comp, r->comp->region, NULL,
			"point-in-time recovery", r->node);
}

static void link_dynamodb(tf *t, tfres *r)
{
	key_aws(t, r, r->comp, cur_key(cur_block(cur_res(r),
		"server_side_encryption"), "kms_key_arn"));
}

static void link_backup_vault(tf *t, tfres *r)
{
	key_aws(t, r, r->comp, cur_key(cur_res(r), "kms_key_arn"));
}

/* copy_action { destination_vault_arn }: a backup in that ARN's region,
 * or where the vault of the input it names is. 0 when not known. */
static int backup_copy(tf *t, tfres *r, tfcur at)
{
	static const char *const names[] = { "name", NULL };
	const char *region = arn_field(t, cur_str(at), 3);
	tfres *v = region ? NULL : target(t, r, at, "aws_backup_vault",
		names);

	if (v && v->comp)
		region = v->comp->region;
	if (!region)
		return 0;
	draft_add_backup(t->d, r->comp, region, NULL, arena_printf(
		t->d->arena, "%s: copy action", r->address), pos(r, at.v));
	return 1;
}

/*
 * aws_backup_plan -> a component of kind backup for the plan itself, in
 * its region (the selections name resources that are usually not in the
 * plan). Its copies are exactly its copy actions.
 */
static void link_backup_plan(tf *t, tfres *r)
{
	tfcur rules = cur_key(cur_res(r), "rule");
	int known = !cur_unknown(rules);
	size_t i, j;

	for (i = 0; i < blocks(rules); i++) {
		tfcur acts = cur_key(cur_item(rules, i), "copy_action");

		known &= !cur_unknown(acts);
		for (j = 0; j < blocks(acts); j++)
			known &= backup_copy(t, r, cur_key(cur_item(acts, j),
				"destination_vault_arn"));
	}
	if (known)
		r->comp->backups_listed = 1;
	else
		lose_backups(t, r, r->comp, "a copy destination is not "
			"known", NULL);
}

/* aws_kms_key -> key management; a single-region key stays in region */
static void read_kms_key(tf *t, tfres *r)
{
	int multi = cur_bool(cur_key(cur_res(r), "multi_region"));

	place_default(t, r);
	if (multi == 0)
		draft_set_redundancy(t->d, r->comp, DRAFT_RED_NONE, r->node);
	if (multi == 1)
		draft_add_attr(t->d, r->comp, "multi-region", "true");
	own_keys(t, r->comp);
}

/* aws_kms_replica_key: a replica of its primary key, in its region */
static void link_kms_replica(tf *t, tfres *r)
{
	static const char *const names[] = { "key_id", NULL };
	tfcur at = cur_key(cur_res(r), "primary_key_arn");
	tfres *k = target(t, r, at, "aws_kms_key", names);
	const char *region = aws_region(t, r);

	if (!k || !k->comp)
		return;
	if (!region) {
		lose_replicas(t, r, k->comp, "its region is not known",
			at.v);
		return;
	}
	draft_add_replica(t->d, k->comp, region, arena_printf(t->d->arena,
		"%s: replica key", r->address), pos(r, at.v));
}

/* Bedrock cross-region inference profiles by the prefix of their id
 * (policies/catalog/aws.xml). */
static const struct {
	const char *prefix, *scope;
} bedrock_scopes[] = {
	{ "eu.", "bedrock-eu" }, { "us.", "bedrock-us" },
	{ "apac.", "bedrock-apac" }, { "jp.", "bedrock-jp" },
	{ "au.", "bedrock-au" }, { "us-gov.", "bedrock-us-gov" },
	{ "ca.", "bedrock-ca" }, { "global.", "bedrock-global" },
};

/* The routing of a component that uses another one's (an application
 * inference profile). */
static void route_as(tf *t, tfres *r, const tfres *x, const char *what)
{
	if (!x || !x->comp) {
		draft_set_location(t->d, r->comp, NULL, what, r->node);
		return;
	}
	if (!x->comp->region && !x->comp->scope)
		draft_set_location(t->d, r->comp, NULL, x->comp->unknown,
			r->node);
	else if (x->comp->scope)
		r->comp->scope = x->comp->scope;
}

/*
 * A Bedrock model id or ARN: an inference profile's geography prefix is
 * a routing scope; a foundation model runs in the component's region;
 * an application inference profile routes as the profile of the input
 * it names.
 */
static void bedrock_route(tf *t, tfres *r, tfcur at)
{
	const char *s = cur_str(at), *res, *id = s;
	size_t i;

	if (!s) {
		if (cur_unknown(at))
			route_as(t, r, target(t, r, at,
				"aws_bedrock_inference_profile", NULL),
				"the model is known after apply");
		return;
	}
	res = arn_resource(s);
	if (res && starts(res, "application-inference-profile/")) {
		route_as(t, r, find_by_value(t,
			"aws_bedrock_inference_profile", NULL, s),
			"its application inference profile is not in the "
			"input");
		return;
	}
	if (res)
		id = strchr(res, '/') ? strchr(res, '/') + 1 : res;
	for (i = 0; i < sizeof(bedrock_scopes) / sizeof(bedrock_scopes[0]);
	     i++)
		if (starts(id, bedrock_scopes[i].prefix))
			draft_set_scope(t->d, r->comp,
				bedrock_scopes[i].scope, at.v);
}

static void link_bedrock_agent(tf *t, tfres *r)
{
	bedrock_route(t, r, cur_key(cur_res(r), "foundation_model"));
}

/* aws_bedrock_inference_profile: model_source { copy_from } */
static void read_bedrock_profile(tf *t, tfres *r)
{
	place_default(t, r);
	bedrock_route(t, r, cur_key(cur_block(cur_res(r), "model_source"),
		"copy_from"));
}

/* ------------------------------------------------------------------ */
/* Azure                                                               */

/* account_replication_type -> redundancy; geo needs a paired region */
static void read_storage_account(tf *t, tfres *r)
{
	static const struct {
		const char *name;
		int redundancy;
	} types[] = {
		{ "LRS", DRAFT_RED_NONE }, { "ZRS", DRAFT_RED_ZONE },
		{ "GRS", DRAFT_RED_GEO }, { "RAGRS", DRAFT_RED_GEO },
		{ "GZRS", DRAFT_RED_GEO }, { "RAGZRS", DRAFT_RED_GEO },
	};
	tfcur at = cur_key(cur_res(r), "account_replication_type");
	const char *s = cur_str(at);
	size_t i;

	place_default(t, r);
	for (i = 0; s && i < sizeof(types) / sizeof(types[0]); i++)
		if (same_text(s, types[i].name)) {
			draft_set_redundancy(t->d, r->comp,
				types[i].redundancy, at.v);
			return;
		}
	if (s)
		draft_warning(t->d, &r->src, at.v, "%s: "
			"account_replication_type '%s' is not one of LRS, "
			"ZRS, GRS, RAGRS, GZRS, RAGZRS; redundancy unknown",
			r->address, s);
}

/* azurerm_mssql_database -> a database where its server is */
static void read_mssql_database(tf *t, tfres *r)
{
	tfcur c = cur_res(r), at = cur_key(c, "storage_account_type");
	int zr = cur_bool(cur_key(c, "zone_redundant"));

	place_with(t, r, cur_key(c, "server_id"), "azurerm_mssql_server",
		"server");
	if (zr >= 0)
		draft_set_redundancy(t->d, r->comp, zr ? DRAFT_RED_ZONE :
			DRAFT_RED_NONE, r->node);
	azure_backups(t, r, cur_str(at), pos(r, at.v));
}

/* partner_server { id, location }: where the partner is */
static const char *partner_location(tf *t, tfres *r, tfcur ps)
{
	const char *s = cur_str(cur_key(ps, "location"));
	tfres *srv;

	if (s)
		return s;
	srv = target(t, r, cur_key(ps, "id"), "azurerm_mssql_server", NULL);
	return srv ? str_of(json_get(srv->values, "location")) : NULL;
}

/* A database of a failover group is replicated to every partner. */
static void partner_replicas(tf *t, tfres *r, draft_comp *db, tfcur ps)
{
	size_t j;

	for (j = 0; j < blocks(ps); j++) {
		tfcur p = cur_item(ps, j);
		const char *loc = partner_location(t, r, p);

		if (!loc)
			lose_replicas(t, r, db, "the partner server's "
				"location is not known", p.v);
		else
			draft_add_replica(t->d, db, loc, arena_printf(
				t->d->arena, "%s: partner server",
				r->address), pos(r, p.v));
	}
}

/* azurerm_mssql_failover_group: databases { ids }, partner_server */
static void link_failover_group(tf *t, tfres *r)
{
	tfcur c = cur_res(r);
	tfres *dbs[DRAFT_MAX_LIST];
	size_t n = targets(t, r, cur_key(c, "databases"),
		"azurerm_mssql_database", NULL, dbs, DRAFT_MAX_LIST), i;

	if (n == 0)
		draft_warning(t->d, &r->src, NULL, "%s: names no database of "
			"the input", r->address);
	for (i = 0; i < n; i++)
		if (dbs[i]->comp)
			partner_replicas(t, r, dbs[i]->comp,
				cur_key(c, "partner_server"));
}

/* geo_location { location, failover_priority }: 0 is where it is */
static long cosmos_primary(tfcur geo)
{
	size_t i;

	for (i = 0; i < blocks(geo); i++) {
		tfcur p = cur_key(cur_item(geo, i), "failover_priority");

		if (p.v && p.v->type == JSON_NUMBER && p.v->number == 0)
			return (long)i;
	}
	return -1;
}

/* backup { type, storage_redundancy }: Periodic keeps its copies with
 * that redundancy; Continuous in every region of the account */
static void cosmos_backups(tf *t, tfres *r, tfcur geo)
{
	tfcur b = cur_block(cur_res(r), "backup");
	tfcur red = cur_key(b, "storage_redundancy");
	const char *type = cur_str(cur_key(b, "type"));
	size_t i;

	if (!type)
		return;
	if (!same_text(type, "Continuous")) {
		azure_backups(t, r, cur_str(red), pos(r, red.v));
		return;
	}
	for (i = 0; i < blocks(geo); i++) {
		tfcur loc = cur_key(cur_item(geo, i), "location");

		if (cur_str(loc))
			draft_add_backup(t->d, r->comp, cur_str(loc), NULL,
				"continuous backup", loc.v);
	}
}

/* azurerm_cosmosdb_account -> a database; other geo_locations: replicas */
static void read_cosmos(tf *t, tfres *r)
{
	tfcur geo = cur_key(cur_res(r), "geo_location");
	long primary = cosmos_primary(geo);
	size_t i;
	int zr;

	if (primary < 0) {
		place_default(t, r);
		return;
	}
	place_at(t, r, cur_key(cur_item(geo, (size_t)primary), "location"),
		"the resource gives no location");
	zr = cur_bool(cur_key(cur_item(geo, (size_t)primary),
		"zone_redundant"));
	if (zr >= 0)
		draft_set_redundancy(t->d, r->comp, zr ? DRAFT_RED_ZONE :
			DRAFT_RED_NONE, r->node);
	for (i = 0; i < blocks(geo); i++) {
		tfcur loc = cur_key(cur_item(geo, i), "location");

		if (i == (size_t)primary)
			continue;
		if (cur_str(loc))
			draft_add_replica(t->d, r->comp, cur_str(loc),
				"geo_location", loc.v);
		else
			lose_replicas(t, r, r->comp, "a geo_location is "
				"known after apply", loc.v);
	}
	cosmos_backups(t, r, geo);
}

/* geo_redundant_backup_enabled: backups in the region and its pair */
static void azure_geo_backup(tf *t, tfres *r)
{
	tfcur at = cur_key(cur_res(r), "geo_redundant_backup_enabled");
	int geo = cur_bool(at);

	if (geo >= 0)
		azure_backups(t, r, geo ? "Geo" : "Local", pos(r, at.v));
}

/* azurerm_postgresql_flexible_server -> a database; high_availability
 * { mode = ZoneRedundant } keeps a standby in another zone */
static void read_pg_flexible(tf *t, tfres *r)
{
	tfcur ha = cur_key(cur_res(r), "high_availability");
	const char *mode = cur_str(cur_key(cur_block(cur_res(r),
		"high_availability"), "mode"));

	place_default(t, r);
	if (mode)
		draft_set_redundancy(t->d, r->comp, same_text(mode,
			"ZoneRedundant") ? DRAFT_RED_ZONE : DRAFT_RED_NONE,
			r->node);
	else if (ha.v && ha.v->type == JSON_ARRAY && ha.v->n == 0)
		draft_set_redundancy(t->d, r->comp, DRAFT_RED_NONE, r->node);
	azure_geo_backup(t, r);
}

static void read_pg_server(tf *t, tfres *r)
{
	place_default(t, r);
	azure_geo_backup(t, r);
}

/* DataZone*: the data zone of the catalog that holds the region. */
static void datazone(tf *t, tfres *r, const char *sku,
	const json_value *at)
{
	static const char *const zones[] = { "datazone-eu", "datazone-us" };
	size_t i;

	if (!r->comp->region)
		return;
	for (i = 0; i < 2; i++)
		if (scope_has(t, "azure", zones[i], r->comp->region)) {
			draft_set_scope(t->d, r->comp, zones[i], at);
			return;
		}
	draft_error(t->d, &r->src, at, "an account in a region of "
		"datazone-eu or datazone-us", "%s: sku %s routes within the "
		"account's data zone, but region '%s' is in none",
		r->address, sku, r->comp->region);
}

static int one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return 1;
	return 0;
}

/* azurerm_cognitive_deployment -> inference where its account is, routed
 * by its sku (older providers: scale { type }) */
static void read_cognitive_deployment(tf *t, tfres *r)
{
	static const char *const global[] = { "GlobalStandard",
		"GlobalBatch", "GlobalProvisionedManaged", NULL };
	static const char *const zone[] = { "DataZoneStandard",
		"DataZoneBatch", "DataZoneProvisionedManaged", NULL };
	static const char *const local[] = { "Standard",
		"ProvisionedManaged", NULL };
	tfcur c = cur_res(r), at = cur_key(cur_block(c, "sku"), "name");

	place_with(t, r, cur_key(c, "cognitive_account_id"),
		"azurerm_cognitive_account", "account");
	if (!cur_str(at) && !cur_unknown(at))
		at = cur_key(cur_block(c, "scale"), "type");
	if (!cur_str(at))
		draft_set_location(t->d, r->comp, NULL, cur_unknown(at) ?
			"its sku is known after apply" : "it gives no sku",
			r->node);
	else if (one_of(cur_str(at), global))
		draft_set_scope(t->d, r->comp, "global", at.v);
	else if (one_of(cur_str(at), zone))
		datazone(t, r, cur_str(at), at.v);
	else if (!one_of(cur_str(at), local))
		draft_set_location(t->d, r->comp, NULL, arena_printf(
			t->d->arena, "sku %s is not one the importer knows",
			cur_str(at)), r->node);
}

/* A deployment has no tags of its own: it processes the data classes
 * its account's tags declare. */
static void link_cognitive_deployment(tf *t, tfres *r)
{
	tfres *a = target(t, r, cur_key(cur_res(r), "cognitive_account_id"),
		"azurerm_cognitive_account", NULL);
	const draft_comp *ac = a ? a->comp : NULL;
	draft_comp *c = r->comp;
	size_t n = ac ? ac->nstores + ac->nprocesses : 0, i, j;

	for (i = 0; i < n; i++) {
		const char *k = i < ac->nstores ? ac->stores[i] :
				ac->processes[i - ac->nstores];

		for (j = 0; j < c->nprocesses &&
			    strcmp(c->processes[j], k) != 0; j++)
			;
		if (j == c->nprocesses && j < DRAFT_MAX_LIST)
			c->processes[c->nprocesses++] = k;
	}
}

static void read_key_service(tf *t, tfres *r)
{
	place_default(t, r);
	own_keys(t, r->comp);
}

/* ------------------------------------------------------------------ */
/* Google Cloud                                                        */

/* google_storage_bucket -> a region, dual- or multi-region scope, or
 * custom_placement_config { data_locations }: the first and replicas */
static void read_gcs_bucket(tf *t, tfres *r)
{
	tfcur dl = cur_key(cur_block(cur_res(r), "custom_placement_config"),
		"data_locations");
	size_t i;

	if (cur_unknown(dl))
		draft_set_location(t->d, r->comp, NULL, "known after apply",
			r->node);
	else if (count(dl.v) == 0)
		place_default(t, r);
	for (i = 0; i < count(dl.v); i++) {
		tfcur loc = cur_item(dl, i);

		if (!cur_str(loc))
			continue;
		if (i == 0)
			draft_set_location(t->d, r->comp, cur_str(loc), NULL,
				loc.v);
		else
			draft_add_replica(t->d, r->comp, cur_str(loc),
				"custom dual-region data location", loc.v);
	}
	draft_set_redundancy(t->d, r->comp, DRAFT_RED_ZONE, r->node);
}

static void link_gcs_bucket(tf *t, tfres *r)
{
	key_gcp(t, r, r->comp, cur_key(cur_block(cur_res(r), "encryption"),
		"default_kms_key_name"));
}

/* google_sql_database_instance -> a database; settings { availability_
 * type, backup_configuration { enabled, location } } */
static void read_sql_instance(tf *t, tfres *r)
{
	tfcur s = cur_block(cur_res(r), "settings");
	tfcur b = cur_block(s, "backup_configuration");
	tfcur loc = cur_key(b, "location");
	const char *avail = cur_str(cur_key(s, "availability_type"));

	place_default(t, r);
	if (avail)
		draft_set_redundancy(t->d, r->comp, same_text(avail,
			"REGIONAL") ? DRAFT_RED_ZONE : DRAFT_RED_NONE,
			r->node);
	if (cur_bool(cur_key(b, "enabled")) == 1 && cur_str(loc))
		gcp_backups(t, r->comp, cur_str(loc), "backup location",
			loc.v);
}

/* master_instance_name ("name" or "project:name"): a replica of it */
static void link_sql_instance(tf *t, tfres *r)
{
	static const char *const names[] = { "name", NULL };
	tfcur c = cur_res(r), at = cur_key(c, "master_instance_name");
	const char *s = cur_str(at);
	tfres *m = s ? find_by_value(t, "google_sql_database_instance",
		names, strrchr(s, ':') ? strrchr(s, ':') + 1 : s) : NULL;

	key_gcp(t, r, r->comp, cur_key(c, "encryption_key_name"));
	if (!s && !cur_unknown(at))
		return;
	if (!m)
		m = target(t, r, at, "google_sql_database_instance", names);
	if (!m || !m->comp)
		draft_warning(t->d, &r->src, at.v, "%s: the instance it "
			"replicates is not in the input", r->address);
	else
		replicate_to(t, r, m->comp, r->comp, "read replica",
			pos(r, at.v));
}

/* google_bigquery_dataset -> a database in its location */
static void read_bigquery(tf *t, tfres *r)
{
	place_default(t, r);
	draft_set_redundancy(t->d, r->comp, DRAFT_RED_ZONE, r->node);
}

static void link_bigquery(tf *t, tfres *r)
{
	key_gcp(t, r, r->comp, cur_key(cur_block(cur_res(r),
		"default_encryption_configuration"), "kms_key_name"));
}

/* google_spanner_instance: config "regional-<region>"; the multi-region
 * configurations are not in the catalog */
static void read_spanner(tf *t, tfres *r)
{
	tfcur at = cur_key(cur_res(r), "config");
	const char *s = cur_str(at);

	if (s && strrchr(s, '/'))
		s = strrchr(s, '/') + 1;
	if (s && starts(s, "regional-")) {
		draft_set_location(t->d, r->comp, s + 9, NULL, at.v);
		draft_set_redundancy(t->d, r->comp, DRAFT_RED_ZONE, r->node);
	} else if (s) {
		draft_set_location(t->d, r->comp, NULL, arena_printf(
			t->d->arena, "instance configuration %s spans "
			"regions the catalog does not list", s), r->node);
	} else {
		place_at(t, r, at, "it gives no instance configuration");
	}
}

/* A Cloud KMS location: a region or scope of the catalog; others (the
 * "europe" multi-region) are not there and stay unknown. */
static void kms_place(tf *t, tfres *r, tfcur at, const char *loc)
{
	if (!loc) {
		place_at(t, r, at, "it gives no location");
	} else if (!gcp_known(t, lowered(t, loc))) {
		draft_set_location(t->d, r->comp, NULL, arena_printf(
			t->d->arena, "Cloud KMS location %s is not in the "
			"catalog", loc), r->node);
	} else {
		draft_set_location(t->d, r->comp, loc, NULL, pos(r, at.v));
		own_keys(t, r->comp);
	}
}

static void read_kms_key_ring(tf *t, tfres *r)
{
	tfcur at = cur_key(cur_res(r), "location");

	kms_place(t, r, at, cur_str(at));
}

/* google_kms_crypto_key: where its key_ring is */
static void read_kms_crypto_key(tf *t, tfres *r)
{
	tfcur at = cur_key(cur_res(r), "key_ring");
	tfres *ring = target(t, r, at, "google_kms_key_ring", NULL);
	tfcur loc;

	if (ring) {
		loc = cur_key(cur_res(ring), "location");
		kms_place(t, r, loc, cur_str(loc));
	} else {
		kms_place(t, r, at, gcp_id_location(t, cur_str(at)));
	}
}

/* ------------------------------------------------------------------ */
/* The mapping                                                         */

/* Every mapped type (docs/importers.md). A NULL kind folds the resource
 * into the components it names; any other type is listed as not
 * evaluated. */
static const tf_map maps[] = {
	{ "aws_s3_bucket", "object-storage", read_s3_bucket,
	  link_s3_bucket },
	{ "aws_s3_bucket_replication_configuration", NULL, NULL,
	  link_s3_replication },
	{ "aws_s3_bucket_server_side_encryption_configuration", NULL, NULL,
	  link_s3_encryption },
	{ "aws_db_instance", "database", read_db_instance,
	  link_db_instance },
	{ "aws_rds_cluster", "database", read_rds_cluster,
	  link_rds_cluster },
	{ "aws_rds_global_cluster", NULL, NULL, link_global_cluster },
	{ "aws_db_instance_automated_backups_replication", NULL, NULL,
	  link_backup_replication },
	{ "aws_dynamodb_table", "database", read_dynamodb, link_dynamodb },
	{ "aws_backup_vault", "backup", place_default, link_backup_vault },
	{ "aws_backup_plan", "backup", place_default, link_backup_plan },
	{ "aws_kms_key", "key-management", read_kms_key, NULL },
	{ "aws_kms_replica_key", NULL, NULL, link_kms_replica },
	{ "aws_bedrockagent_agent", "ai-inference", place_default,
	  link_bedrock_agent },
	{ "aws_bedrock_inference_profile", "ai-inference",
	  read_bedrock_profile, NULL },
	{ "aws_sagemaker_endpoint", "ai-inference", place_default, NULL },
	{ "azurerm_storage_account", "object-storage", read_storage_account,
	  NULL },
	{ "azurerm_mssql_database", "database", read_mssql_database, NULL },
	{ "azurerm_mssql_failover_group", NULL, NULL, link_failover_group },
	{ "azurerm_cosmosdb_account", "database", read_cosmos, NULL },
	{ "azurerm_postgresql_flexible_server", "database", read_pg_flexible,
	  NULL },
	{ "azurerm_postgresql_server", "database", read_pg_server, NULL },
	{ "azurerm_cognitive_account", "ai-inference", place_default, NULL },
	{ "azurerm_cognitive_deployment", "ai-inference",
	  read_cognitive_deployment, link_cognitive_deployment },
	{ "azurerm_key_vault", "key-management", read_key_service, NULL },
	{ "google_storage_bucket", "object-storage", read_gcs_bucket,
	  link_gcs_bucket },
	{ "google_sql_database_instance", "database", read_sql_instance,
	  link_sql_instance },
	{ "google_bigquery_dataset", "database", read_bigquery,
	  link_bigquery },
	{ "google_spanner_instance", "database", read_spanner, NULL },
	{ "google_vertex_ai_endpoint", "ai-inference", place_default, NULL },
	{ "google_vertex_ai_index_endpoint", "ai-inference", place_default,
	  NULL },
	{ "google_vertex_ai_dataset", "ai-training", place_default, NULL },
	{ "google_kms_key_ring", "key-management", read_kms_key_ring, NULL },
	{ "google_kms_crypto_key", "key-management", read_kms_crypto_key,
	  NULL },
};

static const tf_map *map_of(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		if (strcmp(maps[i].type, type) == 0)
			return &maps[i];
	return NULL;
}

/* aws: tags_all when known, else tags; azurerm: tags; google: labels
 * (Cloud SQL: settings { user_labels }) */
static void apply_tags(tf *t, tfres *r)
{
	const json_value *tags;

	if (strcmp(r->provider, "gcp") == 0) {
		tags = json_get(r->values, "labels");
		if (!tags)
			tags = cur_key(cur_block(cur_res(r), "settings"),
				"user_labels").v;
	} else {
		tags = json_get(r->values, "tags_all");
		if (!tags || tags->type != JSON_OBJECT ||
		    strcmp(r->provider, "aws") != 0)
			tags = json_get(r->values, "tags");
	}
	if (draft_apply_tags(t->d, r->comp, tags) != SOV_OK)
		t->nomem = 1;
}

static void add_component(tf *t, tfres *r)
{
	r->map = r->provider ? map_of(r->type) : NULL;
	if (!r->map) {
		if (draft_skip_resource(t->d, r->address, r->type, r->src) !=
		    SOV_OK)
			t->nomem = 1;
		return;
	}
	if (!r->map->kind)
		return;
	r->comp = draft_add(t->d, r->address, r->type, r->map->kind,
		r->provider, r->src);
	if (!r->comp) {
		t->nomem = 1;
		return;
	}
	r->map->read(t, r);
	apply_tags(t, r);
}

/* format_version 0.x or 1.x: the JSON output format's major version
 * changes only when it breaks readers. */
static int check_format(tf *t)
{
	const json_value *fv = json_get(t->root, "format_version");
	const char *s = json_str(fv);
	draft_src src = draft_at(t->d, t->root);
	size_t n = s && strlen(s) > 2 ? strspn(s + 2, "0123456789") : 0;

	if (t->root->type != JSON_OBJECT || !fv) {
		draft_error(t->d, &src, t->root, "the JSON output of "
			"`terraform show -json`, with a format_version",
			"no format_version: not a Terraform plan or state");
		return -1;
	}
	if (!s || (s[0] != '0' && s[0] != '1') || s[1] != '.' || n == 0 ||
	    s[2 + n] != '\0') {
		draft_error(t->d, &src, fv, "format_version 0.x or 1.x",
			"unsupported format_version %s%s%s", s ? "'" : "",
			s ? s : "(not a string)", s ? "'" : "");
		return -1;
	}
	return 0;
}

/* The module tree to read: planned_values for a plan, values for state;
 * a state read as a plan (or a plan as state) is read as what it is. */
static const json_value *tree_of(tf *t)
{
	const json_value *pv = json_get(t->root, "planned_values");
	const json_value *sv = json_get(t->root, "values");
	draft_src src = draft_at(t->d, t->root);

	if (!t->state && !pv && sv)
		t->state = 1;
	else if (t->state && !sv && pv)
		t->state = 0;
	if (t->state)
		return json_get(sv, "root_module");
	if (!pv && !t->changes)
		draft_error(t->d, &src, t->root, "planned_values (a plan) or "
			"values (state)", "neither planned_values nor "
			"resource_changes: no resources to read");
	return json_get(pv, "root_module");
}

int terraform_import(draft *d, const json_value *root, int state)
{
	const json_value *conf = json_get(root, "configuration"), *tree;
	tf t;
	tfres *r;

	memset(&t, 0, sizeof(t));
	t.d = d;
	t.root = root;
	t.state = state;
	if (!root || check_format(&t) != 0)
		return SOV_OK;
	t.config = json_get(conf, "root_module");
	t.providers = json_get(conf, "provider_config");
	t.variables = json_get(root, "variables");
	t.changes = json_get(root, "resource_changes");
	t.prior = json_get(json_get(json_get(root, "prior_state"), "values"),
		"root_module");
	tree = tree_of(&t);
	if (!t.state)
		index_changes(&t);
	if (!d->format)
		d->format = t.state ? "terraform-state" : "terraform-plan";
	collect_module(&t, tree, 0);
	if (!t.state)
		collect_changes(&t);
	for (r = t.first; r && !t.nomem; r = r->next)
		add_component(&t, r);
	for (r = t.first; r && !t.nomem; r = r->next)
		if (r->map && r->map->link && (r->comp || !r->map->kind))
			r->map->link(&t, r);
	return t.nomem || arena_failed(d->arena) ? SOV_ENOMEM : SOV_OK;
}
