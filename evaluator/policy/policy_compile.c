/*
 * policy_compile.c - stage 2: a validated policy-set tree (and the files it
 * includes) becomes an immutable `policy`: groups resolved against the
 * catalog, patterns compiled, conditions turned into trees whose set tests
 * carry a slot number so evaluation expands each set once.
 */
#define _DEFAULT_SOURCE
#include "policy.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/idindex.h"
#include "load/include.h"
#include "base/dates.h"
#include "base/number.h"


const char *const facet_names[F_COUNT] = {
	"stored", "replica", "backup", "processed", "transit", "accessed",
	"keys", "control",
};
const char *const severity_names[3] = { "error", "warning", "info" };
const char *const custody_names[3] = { "customer", "provider", "third-party" };

/* An element found while gathering: a <group> or a <rule>. */
typedef struct {
	xml_doc *doc;
	xmlNodePtr node;
} item;

typedef struct {
	item *items;
	size_t n, cap;
} item_vec;

typedef struct {
	arena *tmp;
	policy *p;
	sov_diags *diags;
	size_t max_input;
	include_state inc;
	item_vec groups, rules, readings;
	idindex rule_ids;
	cond **slots;
	size_t nslots, slotcap;
	int errors;
} compiler;

static int vec_push(arena *a, item_vec *v, xml_doc *doc, xmlNodePtr node)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 32;
		item *p = arena_calloc(a, cap, sizeof(item));

		if (!p)
			return SOV_ENOMEM;
		if (v->n)
			memcpy(p, v->items, v->n * sizeof(item));
		v->items = p;
		v->cap = cap;
	}
	v->items[v->n].doc = doc;
	v->items[v->n++].node = node;
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* Includes                                                            */

static int gather(compiler *C, xml_doc *x, const char *real);

/* include -> href, relative to the including file */
static int include(compiler *C, xml_doc *x, const char *real_including,
	xmlNodePtr n)
{
	char *path, *real;
	xml_doc *child;
	int rc = include_resolve(&C->inc, x, n, real_including, &path,
		&real);

	if (rc != SOV_OK || !path)
		return rc;
	child = arena_alloc(C->tmp, sizeof(*child));
	if (!child)
		return SOV_ENOMEM;
	rc = xml_parse_file(child, C->tmp, &C->p->cat->schemas, path,
		C->max_input, DOC_POLICY, C->diags);
	if (rc != SOV_OK)
		return rc;
	return gather(C, child, real);
}

/* Collects groups and rules in document order, includes in place. */
static int gather(compiler *C, xml_doc *x, const char *real)
{
	xmlNodePtr e;
	int rc = include_enter(&C->inc, real);

	for (e = xml_first(x->root); e && rc != SOV_ENOMEM; e = xml_next(e)) {
		int r = SOV_OK;

		if (xml_is(e, "include"))
			r = include(C, x, real, e);
		else if (xml_is(e, "group"))
			r = vec_push(C->tmp, &C->groups, x, e);
		else if (xml_is(e, "rule"))
			r = vec_push(C->tmp, &C->rules, x, e);
		else if (xml_is(e, "reading"))
			r = vec_push(C->tmp, &C->readings, x, e);
		if (r != SOV_OK)
			rc = r;
	}
	include_leave(&C->inc);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Groups                                                              */

static int compile_groups(compiler *C)
{
	policy *p = C->p;
	size_t i, n = C->groups.n;
	const char ***refs = arena_calloc(C->tmp, n + 1, sizeof(char **));
	xml_doc **docs = arena_calloc(C->tmp, n + 1, sizeof(xml_doc *));
	xmlNodePtr *nodes = arena_calloc(C->tmp, n + 1, sizeof(xmlNodePtr));
	int rc = SOV_OK;

	p->groups = arena_calloc(p->arena, n + 1, sizeof(cat_group));
	if (!refs || !docs || !nodes || !p->groups)
		return SOV_ENOMEM;
	for (i = 0; i < n && rc == SOV_OK; i++) {
		item *it = &C->groups.items[i];
		const char *id = xml_prop(it->node, "id");
		size_t k;

		docs[i] = it->doc;
		nodes[i] = it->node;
		for (k = 0; k < i; k++)
			if (strcmp(p->groups[k].id, id) == 0)
				break;
		if (k < i || catalog_group(p->cat, id) >= 0 ||
		    catalog_jurisdiction(p->cat, id) >= 0) {
			xml_error(it->doc, it->node, "id", "a group id not "
				"used by the catalog or this policy set",
				"duplicate group id '%s'", id);
			return SOV_EINPUT;
		}
		rc = catalog_read_group(p->arena, it->doc, it->node,
			&p->groups[i], &refs[i]);
		p->ngroups = i + 1;
	}
	if (rc == SOV_OK)
		rc = catalog_resolve_groups(p->cat, docs, nodes, p->groups,
			refs, n, 1);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Conditions                                                          */

static cond *compile_cond(compiler *C, xml_doc *x, xmlNodePtr n);

static int split_ids(arena *a, const char *s, const char ***out, size_t *n)
{
	const char *p = s;
	size_t count = 0;

	*out = NULL;
	*n = 0;
	if (!s)
		return SOV_OK;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		count++;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' &&
		       *p != '\r')
			p++;
	}
	*out = arena_calloc(a, count + 1, sizeof(char *));
	if (!*out)
		return SOV_ENOMEM;
	for (p = s; *p;) {
		const char *start;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' &&
		       *p != '\r')
			p++;
		(*out)[(*n)++] = arena_strndup(a, start, (size_t)(p - start));
		if (!(*out)[*n - 1])
			return SOV_ENOMEM;
	}
	return SOV_OK;
}

static int add_slot(compiler *C, cond *c)
{
	if (C->nslots == C->slotcap) {
		size_t cap = C->slotcap ? C->slotcap * 2 : 32;
		cond **s = arena_calloc(C->p->arena, cap, sizeof(cond *));

		if (!s)
			return SOV_ENOMEM;
		if (C->nslots)
			memcpy(s, C->slots, C->nslots * sizeof(cond *));
		C->slots = s;
		C->slotcap = cap;
	}
	c->slot = (int)C->nslots;
	C->slots[C->nslots++] = c;
	return SOV_OK;
}

static unsigned facet_bits(const char **names, size_t n)
{
	unsigned bits = 0;
	size_t i;
	int f;

	for (i = 0; i < n; i++)
		for (f = 0; f < F_COUNT; f++)
			if (strcmp(names[i], facet_names[f]) == 0)
				bits |= 1u << f;
	return bits;
}

/* within | outside | includes -> facet set */
static int compile_set_test(compiler *C, xml_doc *x, xmlNodePtr n, cond *c)
{
	policy *p = C->p;
	const char **facets, **refs;
	size_t nf, nr, i;
	int rc = split_ids(C->tmp, xml_prop(n, "facet"), &facets, &nf);

	if (rc == SOV_OK)
		rc = split_ids(C->tmp, xml_prop(n, "set"), &refs, &nr);
	if (rc != SOV_OK)
		return rc;
	c->facets = facet_bits(facets, nf);
	c->set_text = arena_strdup(p->arena, xml_prop(n, "set"));
	c->set = arena_calloc(p->arena, nr, sizeof(cat_member));
	if (!c->set || !c->set_text)
		return SOV_ENOMEM;
	for (i = 0; i < nr; i++) {
		const char *hint = catalog_code_hint(refs[i]);
		char dym[160];

		if (catalog_member_ref(p->cat, p->groups, p->ngroups, refs[i],
			    &c->set[c->nset]) != 0) {
			xml_error(x, n, "set", hint ? hint : "a jurisdiction "
				"code or a group of the catalog or this "
				"policy set", "unknown group or jurisdiction "
				"'%s'%s", refs[i], catalog_did_you_mean(p->cat,
				SUG_REF, -1, refs[i], dym, sizeof(dym)));
			C->errors++;
			continue;
		}
		c->nset++;
	}
	return add_slot(C, c);
}

static int compile_attribute(compiler *C, xml_doc *x, xmlNodePtr n,
	cond *c)
{
	static const char *const ops[] = {
		"eq", "ne", "lt", "le", "gt", "ge",
	};
	const char *op = xml_prop(n, "op");
	size_t i;

	c->name = arena_strdup(C->p->arena, xml_prop(n, "name"));
	c->value = arena_strdup(C->p->arena, xml_prop(n, "value"));
	if (!c->name || !c->value)
		return SOV_ENOMEM;
	for (i = 0; i < 6; i++)
		if (strcmp(op, ops[i]) == 0)
			c->op = (cmp_op)i;
	if (dates_duration(c->value, &c->number) == 0)
		c->vkind = VAL_DURATION;
	else if (number_parse(c->value, &c->number) == 0)
		c->vkind = VAL_NUMBER;
	else
		c->vkind = VAL_STRING;
	if (c->vkind == VAL_STRING && c->op != OP_EQ && c->op != OP_NE) {
		xml_error(x, n, "value", "a number or an ISO 8601 duration "
			"such as PT24H", "'%s' cannot be compared with '%s'",
			c->value, op);
		C->errors++;
	}
	return SOV_OK;
}

static cmp_op shares_op(const char *op)
{
	static const char *const ops[] = {
		"eq", "ne", "lt", "le", "gt", "ge",
	};
	size_t i;

	for (i = 0; i < 6; i++)
		if (strcmp(op, ops[i]) == 0)
			return (cmp_op)i;
	return OP_EQ;
}

/* shares-outside -> set measure op value: the set as a set test's, the
 * comparison as an attribute's (the schema makes the value a number). */
static int compile_shares(compiler *C, xml_doc *x, xmlNodePtr n, cond *c)
{
	const char *m = xml_prop(n, "measure");
	int rc;

	c->kind = C_SHARES;
	c->measure = m[0] == 'l' ? OWN_LARGEST : m[0] == 't' ? OWN_TOTAL :
		     OWN_CONTROL;
	rc = compile_set_test(C, x, n, c);
	if (rc != SOV_OK)
		return rc;
	c->op = shares_op(xml_prop(n, "op"));
	c->vkind = VAL_NUMBER;
	c->value = arena_strdup(C->p->arena, xml_prop(n, "value"));
	c->name = arena_strdup(C->p->arena, m);
	if (!c->value || !c->name)
		return SOV_ENOMEM;
	if (number_parse(c->value, &c->number) != 0) {
		xml_error(x, n, "value", "a percentage", "'%s' is not a "
			"number", c->value);
		C->errors++;
	}
	return SOV_OK;
}

/* certified -> id unstated?: an unstated certification is unknown
 * unless the rule itself says what it means. */
static int compile_certified(compiler *C, xmlNodePtr n, cond *c)
{
	const char *unstated = xml_prop(n, "unstated");

	c->kind = C_CERTIFIED;
	c->unstated = !unstated || strcmp(unstated, "unknown") == 0 ?
		CERT_UNSTATED : strcmp(unstated, "true") == 0 ? CERT_HELD :
		CERT_NOT_HELD;
	c->name = arena_strdup(C->p->arena, xml_prop(n, "id"));
	return c->name ? SOV_OK : SOV_ENOMEM;
}

/* reading-is -> id value: true when the user pinned that answer, false
 * when another, unknown while the reading is open. */
static int compile_reading_is(compiler *C, xml_doc *x, xmlNodePtr n,
	cond *c)
{
	const char *id = xml_prop(n, "id"), *value = xml_prop(n, "value");
	const reading_decl *r = policy_reading(C->p, id);

	c->kind = C_READING;
	c->reading = r ? (int)(r - C->p->readings) : -1;
	if (!r) {
		xml_error(x, n, "id", "a reading declared in this policy set",
			"unknown reading '%s'", id);
		C->errors++;
	} else if (!reading_allows(r, value)) {
		xml_error(x, n, "value", "an answer the reading declares",
			"reading '%s' has no answer '%s'", id, value);
		C->errors++;
	}
	c->name = arena_strdup(C->p->arena, id);
	c->value = arena_strdup(C->p->arena, value);
	return c->name && c->value ? SOV_OK : SOV_ENOMEM;
}

/* sector -> in: the sectors the recipient may be in (the schema admits
 * only known names). */
static int compile_sector(compiler *C, xmlNodePtr n, cond *c)
{
	const char **ids;
	size_t i, nids;
	int rc;

	c->kind = C_SECTOR;
	rc = split_ids(C->tmp, xml_prop(n, "in"), &ids, &nids);
	for (i = 0; rc == SOV_OK && i < nids; i++)
		c->sectors |= 1u << catalog_sector(ids[i]);
	return rc;
}

static int compile_leaf(compiler *C, xml_doc *x, xmlNodePtr n, cond *c)
{
	const char *name = (const char *)n->name;
	size_t i, nids;
	const char **ids;
	int rc;

	if (strcmp(name, "exposed") == 0) {
		char dym[160];

		c->kind = C_EXPOSED;
		c->law = catalog_law(C->p->cat, xml_prop(n, "law"));
		if (c->law < 0) {
			xml_error(x, n, "law", "a law declared in the catalog",
				"unknown law '%s'%s", xml_prop(n, "law"),
				catalog_did_you_mean(C->p->cat, SUG_LAW, -1,
				xml_prop(n, "law"), dym, sizeof(dym)));
			C->errors++;
		}
		return SOV_OK;
	}
	if (strcmp(name, "custody") == 0) {
		c->kind = C_CUSTODY;
		rc = split_ids(C->tmp, xml_prop(n, "in"), &ids, &nids);
		for (i = 0; rc == SOV_OK && i < nids; i++)
			c->custodies |= 1u << (ids[i][0] == 'c' ? 0 :
					       ids[i][0] == 'p' ? 1 : 2);
		return rc;
	}
	if (strcmp(name, "attribute") == 0) {
		c->kind = C_ATTRIBUTE;
		return compile_attribute(C, x, n, c);
	}
	if (strcmp(name, "known") == 0) {
		c->kind = C_KNOWN;
		rc = split_ids(C->tmp, xml_prop(n, "facet"), &ids, &nids);
		c->facets = rc == SOV_OK ? facet_bits(ids, nids) : 0;
		return rc;
	}
	if (strcmp(name, "shares-outside") == 0)
		return compile_shares(C, x, n, c);
	if (strcmp(name, "certified") == 0)
		return compile_certified(C, n, c);
	if (strcmp(name, "reading-is") == 0)
		return compile_reading_is(C, x, n, c);
	if (strcmp(name, "sector") == 0)
		return compile_sector(C, n, c);
	c->kind = C_MECHANISM;
	return split_ids(C->p->arena, xml_prop(n, "in"), &c->ids, &c->nids);
}

static int compile_kids(compiler *C, xml_doc *x, xmlNodePtr n, cond *c)
{
	xmlNodePtr k;
	size_t count = 0;

	for (k = xml_first(n); k; k = xml_next(k))
		count++;
	c->kids = arena_calloc(C->p->arena, count, sizeof(cond *));
	if (!c->kids)
		return SOV_ENOMEM;
	for (k = xml_first(n); k; k = xml_next(k)) {
		c->kids[c->nkids] = compile_cond(C, x, k);
		if (!c->kids[c->nkids++])
			return SOV_ENOMEM;
	}
	return SOV_OK;
}

/* condition -> all | any | not | within | outside | includes | exposed
 *            | custody | attribute | certified | mechanism | sector */
static cond *compile_cond(compiler *C, xml_doc *x, xmlNodePtr n)
{
	cond *c = arena_alloc(C->p->arena, sizeof(*c));
	const char *name = (const char *)n->name;
	int rc;

	if (!c)
		return NULL;
	c->line = xml_line(n);
	c->slot = -1;
	if (strcmp(name, "all") == 0 || strcmp(name, "any") == 0 ||
	    strcmp(name, "not") == 0) {
		c->kind = name[0] == 'n' ? C_NOT : name[1] == 'l' ? C_ALL :
			  C_ANY;
		rc = compile_kids(C, x, n, c);
	} else if (strcmp(name, "within") == 0 ||
		   strcmp(name, "outside") == 0 ||
		   strcmp(name, "includes") == 0) {
		c->kind = name[0] == 'w' ? C_WITHIN : name[0] == 'o' ?
			  C_OUTSIDE : C_INCLUDES;
		rc = compile_set_test(C, x, n, c);
	} else {
		rc = compile_leaf(C, x, n, c);
	}
	return rc == SOV_OK ? c : NULL;
}

/* ------------------------------------------------------------------ */
/* Unsettled readings                                                  */

const reading_decl *policy_reading(const policy *p, const char *id)
{
	size_t i;

	for (i = 0; id && i < p->nreadings; i++)
		if (strcmp(p->readings[i].id, id) == 0)
			return &p->readings[i];
	return NULL;
}

int reading_allows(const reading_decl *r, const char *value)
{
	size_t i;

	for (i = 0; value && i < r->nvalues; i++)
		if (strcmp(r->values[i], value) == 0)
			return 1;
	return 0;
}

static int count_named(xmlNodePtr n, const char *name);

/* reading -> question value value+ */
static int compile_reading(compiler *C, xml_doc *x, xmlNodePtr n,
	reading_decl *r)
{
	arena *a = C->p->arena;
	size_t count = (size_t)count_named(n, "value");
	xmlNodePtr k;

	r->id = arena_strdup(a, xml_prop(n, "id"));
	r->values = arena_calloc(a, count + 1, sizeof(char *));
	r->meanings = arena_calloc(a, count + 1, sizeof(char *));
	if (!r->id || !r->values || !r->meanings)
		return SOV_ENOMEM;
	for (k = xml_first(n); k; k = xml_next(k)) {
		if (xml_is(k, "question")) {
			if (!(r->question = xml_text(a, k)))
				return SOV_ENOMEM;
			continue;
		}
		if (reading_allows(r, xml_prop(k, "id"))) {
			xml_error(x, k, "id", "answers with distinct ids",
				"duplicate answer '%s'", xml_prop(k, "id"));
			C->errors++;
		}
		r->values[r->nvalues] = arena_strdup(a, xml_prop(k, "id"));
		r->meanings[r->nvalues] = xml_text(a, k);
		if (!r->values[r->nvalues] || !r->meanings[r->nvalues++])
			return SOV_ENOMEM;
	}
	return SOV_OK;
}

static int compile_readings(compiler *C)
{
	size_t i;
	int rc = SOV_OK;

	C->p->readings = arena_calloc(C->p->arena, C->readings.n + 1,
		sizeof(reading_decl));
	if (!C->p->readings)
		return SOV_ENOMEM;
	for (i = 0; i < C->readings.n && rc == SOV_OK; i++) {
		item *it = &C->readings.items[i];

		if (policy_reading(C->p, xml_prop(it->node, "id"))) {
			xml_error(it->doc, it->node, "id", "a reading id not "
				"used before in this policy set",
				"duplicate reading id '%s'",
				xml_prop(it->node, "id"));
			return SOV_EINPUT;
		}
		rc = compile_reading(C, it->doc, it->node,
			&C->p->readings[i]);
		C->p->nreadings = i + 1;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Rules                                                               */

static int compile_pattern(compiler *C, xml_doc *x, xmlNodePtr scope,
	const char *attr, pattern **out)
{
	const char *src = xml_prop(scope, attr);
	char err[256];
	size_t off = 0;

	*out = NULL;
	if (!src)
		return SOV_OK;
	*out = pattern_compile(C->p->arena, src, err, sizeof(err), &off);
	if (*out)
		return SOV_OK;
	xml_error(x, scope, attr, "a PCRE2 regular expression",
		"bad pattern '%s': %s at offset %zu", src, err, off);
	C->errors++;
	return SOV_OK;
}

/* scope -> data? kinds? providers? tags? component-match? data-match? */
static int compile_scope(compiler *C, xml_doc *x, xmlNodePtr n, rule *r)
{
	arena *a = C->p->arena;
	int rc = split_ids(a, xml_prop(n, "data"), &r->data.items,
		&r->data.n);

	if (rc == SOV_OK)
		rc = split_ids(a, xml_prop(n, "kinds"), &r->kinds.items,
			&r->kinds.n);
	if (rc == SOV_OK)
		rc = split_ids(a, xml_prop(n, "providers"),
			&r->providers.items, &r->providers.n);
	if (rc == SOV_OK)
		rc = split_ids(a, xml_prop(n, "tags"), &r->tags.items,
			&r->tags.n);
	if (rc == SOV_OK)
		rc = compile_pattern(C, x, n, "component-match",
			&r->component_match);
	if (rc == SOV_OK)
		rc = compile_pattern(C, x, n, "data-match", &r->data_match);
	r->component_match_src = arena_strdup(a, xml_prop(n,
		"component-match"));
	r->data_match_src = arena_strdup(a, xml_prop(n, "data-match"));
	return rc;
}

static int rule_dates(compiler *C, xml_doc *x, xmlNodePtr n, rule *r)
{
	const char *from = xml_prop(n, "effective-from");
	const char *until = xml_prop(n, "effective-until");

	r->from = r->until = DATE_NONE;
	if (from && dates_parse(from, &r->from) != 0) {
		xml_error(x, n, "effective-from", "a date YYYY-MM-DD",
			"bad date '%s'", from);
		C->errors++;
	}
	if (until && dates_parse(until, &r->until) != 0) {
		xml_error(x, n, "effective-until", "a date YYYY-MM-DD",
			"bad date '%s'", until);
		C->errors++;
	}
	return SOV_OK;
}

static int count_named(xmlNodePtr n, const char *name)
{
	xmlNodePtr k;
	int count = 0;

	for (k = xml_first(n); k; k = xml_next(k))
		count += xml_is(k, name);
	return count;
}

static int compile_citation(compiler *C, xmlNodePtr k, rule *r)
{
	citation *ci = &r->cites[r->ncites++];

	ci->instrument = arena_strdup(C->p->arena, xml_prop(k, "instrument"));
	ci->article = arena_strdup(C->p->arena, xml_prop(k, "article"));
	ci->url = arena_strdup(C->p->arena, xml_prop(k, "url"));
	return ci->instrument && ci->article ? SOV_OK : SOV_ENOMEM;
}

static int compile_unless(compiler *C, xml_doc *x, xmlNodePtr k, rule *r)
{
	exception *u = &r->unless[r->nunless++];

	u->name = arena_strdup(C->p->arena, xml_prop(k, "name"));
	u->when = compile_cond(C, x, xml_first(k));
	return u->name && u->when ? SOV_OK : SOV_ENOMEM;
}

static int compile_rule_child(compiler *C, xml_doc *x, xmlNodePtr k,
	rule *r)
{
	if (xml_is(k, "title"))
		return (r->title = xml_text(C->p->arena, k)) ? SOV_OK :
		       SOV_ENOMEM;
	if (xml_is(k, "remediation"))
		return (r->remediation = xml_text(C->p->arena, k)) ? SOV_OK :
		       SOV_ENOMEM;
	if (xml_is(k, "citation"))
		return compile_citation(C, k, r);
	if (xml_is(k, "scope"))
		return compile_scope(C, x, k, r);
	if (xml_is(k, "require"))
		return (r->require = compile_cond(C, x, xml_first(k))) ?
		       SOV_OK : SOV_ENOMEM;
	return compile_unless(C, x, k, r);
}

static int duplicate_rule(compiler *C, size_t i, const char *id)
{
	int k = idindex_put(&C->rule_ids, id, (int)i);

	if (k < 0)
		return 0;
	xml_error(C->rules.items[i].doc, C->rules.items[i].node, "id",
		"a rule id used once per policy set (includes counted)",
		"duplicate rule id '%s' (first defined at %s:%u)", id,
		C->p->rules[k].file, C->p->rules[k].line);
	C->errors++;
	return 1;
}

/* rule -> title citation+ scope? require unless* remediation? */
static int compile_rule(compiler *C, size_t i)
{
	xml_doc *x = C->rules.items[i].doc;
	xmlNodePtr n = C->rules.items[i].node, k;
	rule *r = &C->p->rules[i];
	const char *sev = xml_prop(n, "severity");
	int rc = SOV_OK;

	r->id = arena_strdup(C->p->arena, xml_prop(n, "id"));
	r->file = arena_strdup(C->p->arena, x->name);
	r->line = xml_start_line(x, n);
	r->severity = sev[0] == 'e' ? SEV_ERROR : sev[0] == 'w' ?
		      SEV_WARNING : SEV_INFO;
	r->cites = arena_calloc(C->p->arena, (size_t)count_named(n,
		"citation"), sizeof(citation));
	r->unless = arena_calloc(C->p->arena, (size_t)count_named(n,
		"unless"), sizeof(exception));
	if (!r->id || !r->file || !r->cites || !r->unless)
		return SOV_ENOMEM;
	duplicate_rule(C, i, r->id);
	rule_dates(C, x, n, r);
	for (k = xml_first(n); k && rc == SOV_OK; k = xml_next(k))
		rc = compile_rule_child(C, x, k, r);
	return rc;
}

static int compile_rules(compiler *C)
{
	size_t i;
	int rc = SOV_OK;

	C->p->rules = arena_calloc(C->p->arena, C->rules.n + 1, sizeof(rule));
	if (!C->p->rules ||
	    idindex_init(&C->rule_ids, C->tmp, C->rules.n) != SOV_OK)
		return SOV_ENOMEM;
	for (i = 0; i < C->rules.n && rc == SOV_OK; i++) {
		rc = compile_rule(C, i);
		C->p->nrules = i + 1;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* The rule index: a subject looks up the rules that can apply to it    */

static const id_list *dim_list(const rule *r, dim_id d)
{
	if (d == DIM_DATA)
		return &r->data;
	if (d == DIM_KIND)
		return &r->kinds;
	return d == DIM_PROVIDER ? &r->providers : &r->tags;
}

/* The dimension a rule is filed under; DIM_COUNT for `always`. */
static dim_id filing_dim(const rule *r)
{
	int d;

	for (d = 0; d < DIM_COUNT; d++)
		if (dim_list(r, (dim_id)d)->n)
			break;
	return (dim_id)d;
}

static int bucket_of(rule_dim *dim, const char *key)
{
	int b = idindex_get(&dim->keys, key);

	if (b >= 0)
		return b;
	b = (int)dim->nbuckets++;
	idindex_put(&dim->keys, key, b);
	return b;
}

/* Counts into the buckets (fill == 0), then files each rule. */
static void file_rules(policy *p, dim_id d, int fill)
{
	rule_dim *dim = &p->index.dims[d];
	size_t i, j;

	for (i = 0; i < p->nrules; i++) {
		const id_list *l = dim_list(&p->rules[i], d);

		if (filing_dim(&p->rules[i]) != d)
			continue;
		for (j = 0; j < l->n; j++) {
			rule_bucket *b = &dim->buckets[bucket_of(dim,
				l->items[j])];

			if (fill)
				b->rules[b->n] = (int)i;
			b->n++;
		}
	}
}

static int index_dim(policy *p, dim_id d)
{
	rule_dim *dim = &p->index.dims[d];
	size_t items = 0, i;

	for (i = 0; i < p->nrules; i++)
		if (filing_dim(&p->rules[i]) == d)
			items += dim_list(&p->rules[i], d)->n;
	dim->buckets = arena_calloc(p->arena, items + 1,
		sizeof(rule_bucket));
	if (!dim->buckets ||
	    idindex_init(&dim->keys, p->arena, items) != SOV_OK)
		return SOV_ENOMEM;
	file_rules(p, d, 0);
	for (i = 0; i < dim->nbuckets; i++) {
		dim->buckets[i].rules = arena_calloc(p->arena,
			dim->buckets[i].n, sizeof(int));
		if (!dim->buckets[i].rules)
			return SOV_ENOMEM;
		dim->buckets[i].n = 0;
	}
	file_rules(p, d, 1);
	return SOV_OK;
}

static int index_rules(policy *p)
{
	rule_bucket *all = &p->index.always;
	size_t i;
	int d;

	for (d = 0; d < DIM_COUNT; d++)
		if (index_dim(p, (dim_id)d) != SOV_OK)
			return SOV_ENOMEM;
	all->rules = arena_calloc(p->arena, p->nrules + 1, sizeof(int));
	if (!all->rules)
		return SOV_ENOMEM;
	for (i = 0; i < p->nrules; i++)
		if (filing_dim(&p->rules[i]) == DIM_COUNT)
			all->rules[all->n++] = (int)i;
	return SOV_OK;
}

const rule_bucket *policy_rules_for(const policy *p, dim_id dim,
	const char *key)
{
	int b = idindex_get(&p->index.dims[dim].keys, key);

	return b < 0 ? NULL : &p->index.dims[dim].buckets[b];
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */

static int load_top(compiler *C, const char *name, const char *data,
	size_t len)
{
	xml_doc *x = arena_alloc(C->tmp, sizeof(*x));
	char *real = NULL;
	int rc;

	if (!x)
		return SOV_ENOMEM;
	if (data)
		rc = xml_parse(x, C->tmp, &C->p->cat->schemas, name, data,
			len, C->max_input, DOC_POLICY, C->diags);
	else
		rc = xml_parse_file(x, C->tmp, &C->p->cat->schemas, name,
			C->max_input, DOC_POLICY, C->diags);
	if (rc != SOV_OK)
		return rc;
	C->p->id = arena_strdup(C->p->arena, xml_prop(x->root, "id"));
	C->p->title = arena_strdup(C->p->arena, xml_prop(x->root, "title"));
	C->p->version = arena_strdup(C->p->arena,
		xml_prop(x->root, "version"));
	C->p->legal_state = arena_strdup(C->p->arena,
		xml_prop(x->root, "legal-state"));
	C->p->file = arena_strdup(C->p->arena, name);
	if (!data && include_begin(&C->inc, C->tmp, name, &real) != SOV_OK)
		return SOV_ENOMEM;
	if (data)
		C->inc.a = C->tmp;
	return gather(C, x, real);
}

static int listed_file(const policy *p, const char *f)
{
	size_t i;

	for (i = 0; i < p->nfiles; i++)
		if (strcmp(p->files[i], f) == 0)
			return 1;
	return 0;
}

/* The files the policy set was read from, for a caller that must not
 * write over one: its own, then those its rules and groups came from. */
static int list_files(policy *p)
{
	size_t i, most = 1 + p->nrules + p->ngroups;

	p->files = arena_calloc(p->arena, most, sizeof(*p->files));
	if (!p->files)
		return SOV_ENOMEM;
	p->files[p->nfiles++] = p->file;
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].file && !listed_file(p, p->rules[i].file))
			p->files[p->nfiles++] = p->rules[i].file;
	for (i = 0; i < p->ngroups; i++)
		if (p->groups[i].file && !listed_file(p, p->groups[i].file))
			p->files[p->nfiles++] = p->groups[i].file;
	return SOV_OK;
}

int policy_compile(policy **out, const catalog *cat, const char *name,
	const char *data, size_t len, const sov_options *opts,
	sov_diags *diags)
{
	const sov_allocator *al = opts ? opts->allocator : NULL;
	compiler C;
	arena *a = arena_new(al);
	int rc;

	*out = NULL;
	memset(&C, 0, sizeof(C));
	C.diags = diags;
	C.max_input = opts && opts->max_input_size ? opts->max_input_size :
		      XML_DEFAULT_MAX_INPUT;
	C.tmp = arena_new(al);
	C.p = a ? arena_alloc(a, sizeof(policy)) : NULL;
	rc = C.tmp && C.p ? SOV_OK : SOV_ENOMEM;
	if (rc != SOV_OK)
		goto cleanup;
	C.p->arena = a;
	C.p->cat = cat;
	rc = load_top(&C, name, data, len);
	if (rc == SOV_OK)
		rc = compile_groups(&C);
	if (rc == SOV_OK)
		rc = compile_readings(&C);
	if (rc == SOV_OK)
		rc = compile_rules(&C);
	if (rc == SOV_OK && (C.errors || C.inc.errors))
		rc = SOV_EINPUT;
	if (rc == SOV_OK)
		rc = index_rules(C.p);
	if (rc == SOV_OK && C.p->file)
		rc = list_files(C.p);
	if (rc != SOV_ENOMEM && (arena_failed(a) || arena_failed(C.tmp)))
		rc = SOV_ENOMEM;
	if (rc == SOV_OK) {
		C.p->slots = C.slots;
		C.p->nslots = C.nslots;
		*out = C.p;
		a = NULL; /* now owned by *out */
	}
cleanup:
	arena_free(C.tmp);
	arena_free(a);
	return rc;
}

void policy_free(policy *p)
{
	if (p)
		arena_free(p->arena);
}
