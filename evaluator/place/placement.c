/*
 * placement.c - stage 5b: placement. Input: policies and a component to
 * place (a template). Output: every candidate region or routing scope with
 * its verdict, and, when nothing is allowed, a minimal set of rules that
 * together rule out every candidate. It reuses facet derivation and
 * evaluation unchanged: a candidate is just the template moved there.
 */
#include "placement.h"

#include <string.h>

#include "base/diag.h"
#include "eval/eval.h"
#include "base/dates.h"

/* Rules that rule one candidate out, for the conflict search. */
typedef struct {
	const policy **pols;
	const rule **rules;
	size_t n;
} blockers;

typedef struct {
	arena *a;              /* the placement's */
	arena *scratch;
	placement *p;
	const placement_subject *subj;
	const policy *const *pols;
	size_t npols;
	int day;
	const sov_allocator *al;
	deployment work;       /* the subject's deployment, moved around */
	blockers *blocked;     /* per candidate */
} placer;

/* ------------------------------------------------------------------ */
/* Candidates                                                          */

static size_t count_candidates(const placer *P)
{
	const catalog *c = P->subj->d->cat;
	size_t i, n = 0;

	for (i = 0; i < c->nproviders; i++) {
		if (P->subj->provider >= 0 && (int)i != P->subj->provider)
			continue;
		n += P->subj->scopes ? c->providers[i].nscopes :
		     c->providers[i].nregions;
	}
	return n;
}

/* Moves the subject component to the candidate's place. */
static void move_to(placer *P, const candidate *cand)
{
	const dep_component *orig = &P->subj->d->components[P->subj->comp];
	dep_component *c = &P->work.components[P->subj->comp];
	const catalog *cat = P->subj->d->cat;
	int default_operator = orig->operator_entity ==
		cat->providers[orig->provider].entity;

	c->provider = cand->provider;
	/* A scope candidate keeps the component's own region, if any. */
	c->region = cand->region >= 0 || cand->provider != orig->provider ?
		cand->region : orig->region;
	c->scope = cand->scope >= 0 ? cand->scope : P->subj->scope;
	if (default_operator)
		c->operator_entity = cat->providers[cand->provider].entity;
	if (orig->nkey_locations == 0 && orig->custody != CUSTODY_UNSET) {
		/* Keys stated without a place are kept in the region; with
		 * no region (a scope), where they are is not known. */
		c->custody = cand->region >= 0 ? orig->custody : CUSTODY_UNSET;
		if (cand->region >= 0)
			c->key_locations[0] = cat->providers[
				cand->provider].regions[cand->region]
				.jurisdiction;
		c->nkey_locations = cand->region >= 0;
	}
}

/* With a fixed routing scope, only the scope's own regions can host the
 * resource: a data zone does not serve a region outside it. */
static int in_fixed_scope(const placer *P, int provider, int region)
{
	const cat_scope *s;
	size_t i;

	if (P->subj->scope < 0 || P->subj->scopes)
		return 1;
	s = &P->subj->d->cat->providers[provider].scopes[P->subj->scope];
	for (i = 0; i < s->nregions; i++)
		if (s->regions[i] == region)
			return 1;
	return 0;
}

static int note_blocker(placer *P, blockers *b, const finding *f,
	size_t max)
{
	if (!b->rules) {
		b->rules = arena_calloc(P->scratch, max, sizeof(rule *));
		b->pols = arena_calloc(P->scratch, max, sizeof(policy *));
		if (!b->rules || !b->pols)
			return SOV_ENOMEM;
	}
	b->pols[b->n] = f->pol;
	b->rules[b->n++] = f->r;
	return SOV_OK;
}

static int blocks(const finding *f, const dep_component *comp)
{
	return f->comp == comp && f->r->severity == SEV_ERROR &&
	       (f->verdict == SOV_VIOLATION ||
		f->verdict == SOV_INDETERMINATE);
}

/* One line: the facet and the offending places, the missing fact, or the
 * finding's own sentence for tests that are not about places. */
static const char *short_reason(arena *a, const finding *f)
{
	if (f->missing)
		return arena_printf(a, "unknown: %s", f->missing);
	if (f->facet && f->against && f->offending && *f->offending)
		return arena_printf(a, "%s in %s; checked against %s",
			f->facet, f->offending, f->against);
	return arena_strdup(a, f->explanation);
}

/* Reads the result: the first blocking finding explains the verdict. */
static int judge(placer *P, candidate *cand, blockers *b, const result *r)
{
	const dep_component *comp = &P->work.components[P->subj->comp];
	size_t i;
	int rc = SOV_OK;

	cand->allowed = 1;
	for (i = 0; i < r->n && rc == SOV_OK; i++) {
		const finding *f = &r->f[i];

		if (!blocks(f, comp))
			continue;
		if (cand->allowed) {
			cand->allowed = 0;
			cand->pol = f->pol;
			cand->r = f->r;
			cand->reason = short_reason(P->a, f);
		}
		rc = note_blocker(P, b, f, r->n);
	}
	return rc;
}

static int try_candidate(placer *P, candidate *cand, blockers *b)
{
	eval_params ep = { 0 };
	result *r = NULL;
	int rc;

	ep.as_of = P->day;
	ep.ignore_waivers = 1;
	ep.detail = DETAIL_BLOCKING;
	ep.al = P->al;
	ep.pins = P->subj->pins;
	ep.npins = P->subj->npins;
	move_to(P, cand);
	rc = eval_run(&r, P->pols, P->npols, &P->work, &ep);
	if (rc == SOV_OK)
		rc = judge(P, cand, b, r);
	eval_free(r);
	P->p->allowed += rc == SOV_OK && cand->allowed;
	return rc;
}

static int run_provider(placer *P, int pi)
{
	const cat_provider *prov = &P->subj->d->cat->providers[pi];
	size_t k, n = P->subj->scopes ? prov->nscopes : prov->nregions;
	int rc = SOV_OK;

	for (k = 0; k < n && rc == SOV_OK; k++) {
		candidate *cand = &P->p->c[P->p->n];

		if (!P->subj->scopes && !in_fixed_scope(P, pi, (int)k))
			continue;
		cand->provider = pi;
		cand->region = P->subj->scopes ? -1 : (int)k;
		cand->scope = P->subj->scopes ? (int)k : -1;
		rc = try_candidate(P, cand, &P->blocked[P->p->n]);
		P->p->n++;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Conflicts                                                           */

static int same_rule(const blockers *b, size_t i, const policy *pol,
	const rule *r)
{
	return b->pols[i] == pol && b->rules[i] == r;
}

static int rule_blocks(const blockers *b, const policy *pol, const rule *r)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (same_rule(b, i, pol, r))
			return 1;
	return 0;
}

typedef struct {
	const policy **pols;
	const rule **rules;
	size_t n;
} rule_set;

static int covered(const placer *P, const rule_set *s, size_t cand)
{
	size_t k;

	for (k = 0; k < s->n; k++)
		if (rule_blocks(&P->blocked[cand], s->pols[k], s->rules[k]))
			return 1;
	return 0;
}

/* The distinct blocking rules, numbered, and which candidate each
 * blocks: built once, so that choosing a rule does not search every
 * candidate's blockers for every rule tried. */
typedef struct {
	const policy **pols;
	const rule **rules;
	size_t n;
	size_t **of;           /* per candidate, per blocker: its number */
	unsigned char *blocks; /* candidate k, rule d: [k * n + d] */
	size_t *hits;          /* per rule, for best_rule */
	unsigned char *open;   /* per candidate, for best_rule */
} blocker_index;

static size_t rule_number(blocker_index *X, const policy *pol,
	const rule *r)
{
	size_t d;

	for (d = 0; d < X->n; d++)
		if (X->pols[d] == pol && X->rules[d] == r)
			return d;
	X->pols[X->n] = pol;
	X->rules[X->n] = r;
	return X->n++;
}

static int index_blockers(const placer *P, blocker_index *X, size_t max)
{
	arena *a = P->scratch;
	size_t i, j, n = P->p->n;

	memset(X, 0, sizeof(*X));
	X->pols = arena_calloc(a, max + 1, sizeof(policy *));
	X->rules = arena_calloc(a, max + 1, sizeof(rule *));
	X->of = arena_calloc(a, n + 1, sizeof(size_t *));
	if (!X->pols || !X->rules || !X->of)
		return SOV_ENOMEM;
	for (i = 0; i < n; i++) {
		X->of[i] = arena_calloc(a, P->blocked[i].n + 1,
			sizeof(size_t));
		if (!X->of[i])
			return SOV_ENOMEM;
		for (j = 0; j < P->blocked[i].n; j++)
			X->of[i][j] = rule_number(X, P->blocked[i].pols[j],
				P->blocked[i].rules[j]);
	}
	X->blocks = arena_calloc(a, n * X->n + 1, 1);
	X->hits = arena_calloc(a, X->n + 1, sizeof(size_t));
	X->open = arena_calloc(a, n + 1, 1);
	if (!X->blocks || !X->hits || !X->open)
		return SOV_ENOMEM;
	for (i = 0; i < n; i++)
		for (j = 0; j < P->blocked[i].n; j++)
			X->blocks[i * X->n + X->of[i][j]] = 1;
	return SOV_OK;
}

/* The blocker of some candidate that rules out most uncovered ones; the
 * first such, in candidate and blocker order, when several tie. */
static void best_rule(const placer *P, blocker_index *X, const rule_set *s,
	const policy **bp, const rule **br)
{
	size_t i, j, d, best = 0;

	*bp = NULL;
	*br = NULL;
	memset(X->hits, 0, X->n * sizeof(size_t));
	for (i = 0; i < P->p->n; i++) {
		if (covered(P, s, i))
			continue;
		for (d = 0; d < X->n; d++)
			X->hits[d] += X->blocks[i * X->n + d];
	}
	for (i = 0; i < P->p->n; i++)
		for (j = 0; j < P->blocked[i].n; j++) {
			size_t hits = X->hits[X->of[i][j]];

			if (hits > best) {
				best = hits;
				*bp = P->blocked[i].pols[j];
				*br = P->blocked[i].rules[j];
			}
		}
}

static int all_covered(const placer *P, const rule_set *s)
{
	size_t i;

	for (i = 0; i < P->p->n; i++)
		if (!covered(P, s, i))
			return 0;
	return 1;
}

/* Drops rules the others make redundant, so the set is minimal. */
static void prune(const placer *P, rule_set *s)
{
	size_t k = s->n;

	while (k-- > 0) {
		const policy *pol = s->pols[k];
		const rule *r = s->rules[k];

		s->pols[k] = s->pols[s->n - 1];
		s->rules[k] = s->rules[s->n - 1];
		s->n--;
		if (all_covered(P, s))
			continue;
		s->pols[s->n] = s->pols[k];
		s->rules[s->n] = s->rules[k];
		s->pols[k] = pol;
		s->rules[k] = r;
		s->n++;
	}
}

/* Greedy cover of all candidates by blocking rules, then pruned. */
static int find_conflict(placer *P)
{
	size_t max = 0, i;
	blocker_index X;
	rule_set s;

	for (i = 0; i < P->p->n; i++)
		max += P->blocked[i].n;
	s.n = 0;
	s.pols = arena_calloc(P->scratch, max + 1, sizeof(policy *));
	s.rules = arena_calloc(P->scratch, max + 1, sizeof(rule *));
	if (!s.pols || !s.rules || index_blockers(P, &X, max) != SOV_OK)
		return SOV_ENOMEM;
	while (!all_covered(P, &s)) {
		best_rule(P, &X, &s, &s.pols[s.n], &s.rules[s.n]);
		if (!s.rules[s.n])
			return SOV_OK;   /* a candidate no rule blocks */
		s.n++;
	}
	prune(P, &s);
	P->p->conflict = arena_calloc(P->a, s.n + 1, sizeof(char *));
	P->p->conflict_pols = arena_calloc(P->a, s.n + 1, sizeof(policy *));
	P->p->conflict_rules = arena_calloc(P->a, s.n + 1, sizeof(rule *));
	if (!P->p->conflict || !P->p->conflict_pols || !P->p->conflict_rules)
		return SOV_ENOMEM;
	memcpy(P->p->conflict_pols, s.pols, s.n * sizeof(policy *));
	memcpy(P->p->conflict_rules, s.rules, s.n * sizeof(rule *));
	for (i = 0; i < s.n; i++)
		P->p->conflict[i] = arena_printf(P->a, "%s:%s", s.pols[i]->id,
			s.rules[i]->id);
	P->p->nconflict = s.n;
	return SOV_OK;
}

/* ------------------------------------------------------------------ */

static int prepare(placer *P)
{
	const deployment *d = P->subj->d;
	dep_component *comps;
	size_t n = count_candidates(P);
	dep_component *c;

	P->p->c = arena_calloc(P->a, n + 1, sizeof(candidate));
	P->blocked = arena_calloc(P->scratch, n + 1, sizeof(blockers));
	comps = arena_calloc(P->scratch, d->ncomponents, sizeof(*comps));
	if (!P->p->c || !P->blocked || !comps)
		return SOV_ENOMEM;
	memcpy(comps, d->components, d->ncomponents * sizeof(*comps));
	P->work = *d;
	P->work.components = comps;
	c = &comps[P->subj->comp];
	if (c->nkey_locations == 0) {
		c->key_locations = arena_calloc(P->scratch, 1, sizeof(int));
		if (!c->key_locations)
			return SOV_ENOMEM;
	}
	return SOV_OK;
}

/* The policies and pins, kept for the report to name the readings. */
static int keep_readings(placer *P)
{
	placement *p = P->p;
	size_t i;

	p->pols = arena_calloc(P->a, P->npols + 1, sizeof(policy *));
	p->pins = arena_calloc(P->a, P->subj->npins + 1,
		sizeof(reading_pin));
	if (!p->pols || !p->pins)
		return SOV_ENOMEM;
	memcpy(p->pols, P->pols, P->npols * sizeof(policy *));
	p->npols = P->npols;
	for (i = 0; i < P->subj->npins; i++) {
		p->pins[i].id = arena_strdup(P->a, P->subj->pins[i].id);
		p->pins[i].value = arena_strdup(P->a,
			P->subj->pins[i].value);
		if (!p->pins[i].id || !p->pins[i].value)
			return SOV_ENOMEM;
	}
	p->npins = P->subj->npins;
	return SOV_OK;
}

int placement_run(placement **out, const policy *const *pols, size_t npols,
	const placement_subject *subj, int day, const sov_allocator *al)
{
	placer P;
	arena *a = arena_new(al);
	size_t i;
	int rc;

	*out = NULL;
	memset(&P, 0, sizeof(P));
	P.a = a;
	P.scratch = arena_new(al);
	P.p = a ? arena_alloc(a, sizeof(placement)) : NULL;
	P.subj = subj;
	P.pols = pols;
	P.npols = npols;
	P.day = day;
	P.al = al;
	rc = P.scratch && P.p ? prepare(&P) : SOV_ENOMEM;
	if (rc == SOV_OK) {
		P.p->arena = a;
		P.p->cat = subj->d->cat;
		P.p->scopes = subj->scopes;
		dates_format(day, P.p->as_of);
		rc = keep_readings(&P);
	}
	for (i = 0; rc == SOV_OK && i < subj->d->cat->nproviders; i++)
		if (subj->provider < 0 || (int)i == subj->provider)
			rc = run_provider(&P, (int)i);
	if (rc == SOV_OK && P.p->allowed == 0 && P.p->n > 0)
		rc = find_conflict(&P);
	if (rc == SOV_OK && (arena_failed(a) || arena_failed(P.scratch)))
		rc = SOV_ENOMEM;
	if (rc == SOV_OK) {
		*out = P.p;
		a = NULL; /* now owned by *out */
	}
	arena_free(P.scratch);
	arena_free(a);
	return rc;
}

void placement_free(placement *p)
{
	if (p)
		arena_free(p->arena);
}

/* ------------------------------------------------------------------ */
/* The template of a `where` question                                  */

static int template_classes(deployment *d, const sov_where_options *o)
{
	size_t i;

	d->classes = arena_calloc(d->arena, o->ndata + 1, sizeof(dep_class));
	if (!d->classes)
		return SOV_ENOMEM;
	for (i = 0; i < o->ndata; i++) {
		if (!o->data[i] || !*o->data[i])
			return SOV_EUSAGE;
		d->classes[d->nclasses++].id = arena_strdup(d->arena,
			o->data[i]);
	}
	return SOV_OK;
}

static int template_access(deployment *d, dep_component *c,
	const sov_where_options *o, sov_diags *diags)
{
	size_t i;

	c->access_mode = o->naccess ? LIST_LISTED : LIST_NONE;
	c->access = arena_calloc(d->arena, o->naccess + 1, sizeof(int));
	if (!c->access)
		return SOV_ENOMEM;
	for (i = 0; i < o->naccess; i++) {
		int j = catalog_jurisdiction(d->cat, o->access[i]);

		if (j < 0)
			return diag_add(diags, SOV_SEV_ERROR, "", 0, 0,
				       "a jurisdiction code of the catalog",
				       "unknown access origin '%s'",
				       o->access[i]), SOV_EINPUT;
		c->access[c->naccess++] = j;
	}
	return SOV_OK;
}

static int template_keys(deployment *d, dep_component *c,
	const sov_where_options *o, sov_diags *diags)
{
	static const char *const names[] = {
		"customer", "provider", "third-party",
	};
	int k;

	c->custody = CUSTODY_UNSET;
	if (!o->key_custody)
		return SOV_OK;
	for (k = 0; k < 3; k++)
		if (strcmp(o->key_custody, names[k]) == 0)
			c->custody = k;
	if (c->custody == CUSTODY_UNSET)
		return diag_add(diags, SOV_SEV_ERROR, "", 0, 0,
			       "customer, provider or third-party",
			       "unknown key custody '%s'", o->key_custody),
		       SOV_EUSAGE;
	c->key_locations = arena_calloc(d->arena, 1, sizeof(int));
	if (!c->key_locations)
		return SOV_ENOMEM;
	if (!o->key_location)
		return SOV_OK;  /* follows the candidate region */
	c->key_locations[0] = catalog_jurisdiction(d->cat, o->key_location);
	c->nkey_locations = 1;
	if (c->key_locations[0] < 0)
		return diag_add(diags, SOV_SEV_ERROR, "", 0, 0,
			       "a jurisdiction code of the catalog",
			       "unknown key location '%s'", o->key_location),
		       SOV_EINPUT;
	return SOV_OK;
}

static int template_redundancy(dep_component *c, const char *r,
	sov_diags *diags)
{
	if (!r || strcmp(r, "none") == 0)
		c->redundancy = RED_NONE;
	else if (strcmp(r, "zone") == 0)
		c->redundancy = RED_ZONE;
	else if (strcmp(r, "geo") == 0)
		c->redundancy = RED_GEO;
	else
		return diag_add(diags, SOV_SEV_ERROR, "", 0, 0,
			       "none, zone or geo", "unknown redundancy '%s'",
			       r), SOV_EUSAGE;
	return SOV_OK;
}

static int template_component(deployment *d, const sov_where_options *o,
	sov_diags *diags)
{
	dep_component *c = arena_calloc(d->arena, 1, sizeof(*c));
	size_t k;
	int rc;

	if (!c)
		return SOV_ENOMEM;
	d->components = c;
	d->ncomponents = 1;
	c->id = "candidate";
	c->file = "<where>";
	c->kind = arena_strdup(d->arena, o->kind ? o->kind : "database");
	c->provider = 0;
	c->region = c->scope = -1;
	c->operator_entity = d->cat->providers[0].entity;
	c->backups_mode = LIST_NONE;
	c->holds = arena_calloc(d->arena, d->nclasses + 1, 1);
	c->tags = arena_calloc(d->arena, o->ntags + 1, sizeof(char *));
	if (!c->kind || !c->holds || !c->tags)
		return SOV_ENOMEM;
	for (k = 0; k < o->ntags; k++) {
		c->tags[c->ntags] = arena_strdup(d->arena, o->tags[k]);
		if (!c->tags[c->ntags++])
			return SOV_ENOMEM;
	}
	for (k = 0; k < d->nclasses; k++)
		c->holds[k] = o->process_only ? HOLD_PROCESSES : HOLD_STORES;
	rc = template_redundancy(c, o->redundancy, diags);
	if (rc == SOV_OK)
		rc = template_access(d, c, o, diags);
	if (rc == SOV_OK)
		rc = template_keys(d, c, o, diags);
	return rc;
}

static int find_provider_and_scope(const catalog *cat,
	const sov_where_options *o, int *provider, int *scope,
	sov_diags *diags)
{
	char dym[160];

	*provider = *scope = -1;
	if (o->provider && (*provider = catalog_provider(cat,
			o->provider)) < 0)
		return diag_add(diags, SOV_SEV_ERROR, "", 0, 0, NULL,
			       "unknown provider '%s'%s", o->provider,
			       catalog_did_you_mean(cat, SUG_PROVIDER, -1,
			       o->provider, dym, sizeof(dym))), SOV_EINPUT;
	if (!o->scope)
		return SOV_OK;
	if (*provider < 0)
		return diag_add(diags, SOV_SEV_ERROR, "", 0, 0,
			       "a provider with the scope",
			       "a routing scope needs a provider"),
		       SOV_EUSAGE;
	*scope = catalog_scope(&cat->providers[*provider], o->scope);
	if (*scope < 0)
		return diag_add(diags, SOV_SEV_ERROR, "", 0, 0, NULL,
			       "unknown routing scope '%s' of provider "
			       "'%s'%s", o->scope, o->provider,
			       catalog_did_you_mean(cat, SUG_SCOPE, *provider,
			       o->scope, dym, sizeof(dym))), SOV_EINPUT;
	return SOV_OK;
}

int placement_template(deployment **out, const catalog *cat,
	const sov_where_options *o, int *provider, int *scope,
	sov_diags *diags)
{
	arena *a = arena_new(o->allocator);
	deployment *d = a ? arena_alloc(a, sizeof(*d)) : NULL;
	int rc = d ? SOV_OK : SOV_ENOMEM;

	*out = NULL;
	if (rc == SOV_OK && cat->nproviders == 0)
		rc = SOV_EUSAGE;
	if (rc == SOV_OK) {
		d->arena = a;
		d->cat = cat;
		d->id = "where";
		d->file = "<where>";
		rc = find_provider_and_scope(cat, o, provider, scope, diags);
	}
	if (rc == SOV_OK)
		rc = template_classes(d, o);
	if (rc == SOV_OK)
		rc = template_component(d, o, diags);
	if (rc == SOV_OK && arena_failed(a))
		rc = SOV_ENOMEM;
	if (rc == SOV_OK) {
		*out = d;
		a = NULL; /* now owned by *out */
	}
	arena_free(a);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Suggestions for `check --suggest`                                   */

typedef struct {
	arena *a;                 /* the result's: suggestions live there */
	arena *scratch;
	result *res;
	const policy *const *pols;
	size_t npols;
	int day;
	const sov_allocator *al;
	jword **groups;           /* every catalog group, expanded on `day` */
	size_t *sizes;
} suggester;

static int country_of(const catalog *c, int j)
{
	return c->jur[j].country >= 0 ? c->jur[j].country : j;
}

static int expand_groups(suggester *S)
{
	const catalog *c = S->res->d->cat;
	size_t i;
	long j;

	S->groups = arena_calloc(S->scratch, c->ngroups + 1, sizeof(jword *));
	S->sizes = arena_calloc(S->scratch, c->ngroups + 1, sizeof(size_t));
	if (!S->groups || !S->sizes)
		return SOV_ENOMEM;
	for (i = 0; i < c->ngroups; i++) {
		S->groups[i] = jurset_new(S->scratch, c->words);
		if (!S->groups[i])
			return SOV_ENOMEM;
		catalog_expand_group(c, NULL, &c->groups[i], S->day,
			S->groups[i], 0);
		for (j = jurset_next(S->groups[i], c->words, 0); j >= 0;
		     j = jurset_next(S->groups[i], c->words, (size_t)j + 1))
			S->sizes[i]++;
	}
	return SOV_OK;
}

/* 0 for the same country, else the size of the smallest group holding
 * both, else a number larger than any group. */
static size_t distance(const suggester *S, int from, int to)
{
	const catalog *c = S->res->d->cat;
	size_t i, best = (size_t)-1;

	from = country_of(c, from);
	to = country_of(c, to);
	if (from == to)
		return 0;
	for (i = 0; i < c->ngroups; i++)
		if (S->sizes[i] < best &&
		    jurset_has(S->groups[i], (size_t)from) &&
		    jurset_has(S->groups[i], (size_t)to))
			best = S->sizes[i];
	return best;
}

#define MAX_ALTERNATIVES 3

/* The nearest allowed candidates, as region indices. */
static int rank(suggester *S, const placement *p, int from, int *out,
	size_t *n)
{
	size_t i, k, dist[MAX_ALTERNATIVES];

	*n = 0;
	for (i = 0; i < p->n; i++) {
		const candidate *c = &p->c[i];
		size_t d, pos;

		if (!c->allowed)
			continue;
		/* Scopes span countries: they keep catalog order. */
		d = c->region < 0 || from < 0 ? 0 : distance(S, from,
			catalog_region_at(S->res->d->cat, c->provider,
				c->region)->jurisdiction);
		for (pos = *n; pos > 0 && dist[pos - 1] > d; pos--)
			;
		if (pos >= MAX_ALTERNATIVES)
			continue;
		for (k = *n < MAX_ALTERNATIVES ? *n : MAX_ALTERNATIVES - 1;
		     k > pos; k--) {
			out[k] = out[k - 1];
			dist[k] = dist[k - 1];
		}
		out[pos] = c->region >= 0 ? c->region : c->scope;
		dist[pos] = d;
		if (*n < MAX_ALTERNATIVES)
			(*n)++;
	}
	return SOV_OK;
}

/* Would the component pass every error rule if changed to `variant`? */
static int variant_passes(suggester *S, int ci, const dep_component *variant,
	int *passes)
{
	const deployment *d = S->res->d;
	deployment work = *d;
	dep_component *comps = arena_calloc(S->scratch, d->ncomponents,
		sizeof(*comps));
	eval_params ep = { 0 };
	result *r = NULL;
	size_t i;
	int rc;

	if (!comps)
		return SOV_ENOMEM;
	memcpy(comps, d->components, d->ncomponents * sizeof(*comps));
	comps[ci] = *variant;
	work.components = comps;
	ep.as_of = S->day;
	ep.ignore_waivers = 1;
	ep.detail = DETAIL_NONE;
	ep.al = S->al;
	ep.pins = S->res->pins;   /* judge alternatives on the same readings */
	ep.npins = S->res->npins;
	rc = eval_run(&r, S->pols, S->npols, &work, &ep);
	*passes = rc == SOV_OK;
	for (i = 0; rc == SOV_OK && i < r->n; i++)
		if (blocks(&r->f[i], &comps[ci]))
			*passes = 0;
	eval_free(r);
	return rc;
}

static const char *pair_fix(suggester *S, const dep_component *c)
{
	const catalog *cat = S->res->d->cat;
	const cat_provider *p = &cat->providers[c->provider];
	const cat_region *r = &p->regions[c->region];
	const cat_jurisdiction *j;

	if (r->pair < 0)
		return arena_printf(S->a, "use zone-redundant storage instead "
			"of geo-redundant: region %s has no paired region",
			r->id);
	j = &cat->jur[p->regions[r->pair].jurisdiction];
	return arena_printf(S->a, "use zone-redundant storage instead of "
		"geo-redundant: the pair %s is in %s (%s%s%s)",
		p->regions[r->pair].id, j->code, j->name,
		j->country >= 0 ? ", " : "",
		j->country >= 0 ? cat->jur[j->country].name : "");
}

/* A change other than the region that makes the component pass. */
static int find_fix(suggester *S, int ci, const char **fix)
{
	const dep_component *c = &S->res->d->components[ci];
	dep_component v = *c;
	int passes = 0, rc = SOV_OK;

	*fix = NULL;
	if (c->redundancy == RED_GEO && c->region >= 0) {
		v.redundancy = RED_ZONE;
		rc = variant_passes(S, ci, &v, &passes);
		if (rc == SOV_OK && passes)
			*fix = pair_fix(S, c);
		v = *c;
	}
	if (rc == SOV_OK && !*fix && c->scope >= 0 && c->region >= 0) {
		v.scope = -1;
		rc = variant_passes(S, ci, &v, &passes);
		if (rc == SOV_OK && passes)
			*fix = arena_printf(S->a, "use a regional deployment "
				"in %s instead of routing scope %s",
				S->res->d->cat->providers[c->provider].regions[
				c->region].id, S->res->d->cat->providers[
				c->provider].scopes[c->scope].id);
	}
	return rc;
}

static int violating(const result *res, const dep_component *c)
{
	size_t i;

	for (i = 0; i < res->n; i++)
		if (res->f[i].comp == c &&
		    res->f[i].verdict == SOV_VIOLATION &&
		    res->f[i].r->severity == SEV_ERROR)
			return 1;
	return 0;
}

static void attach(result *res, const dep_component *c, const char *fix,
	const int *alts, size_t n)
{
	size_t i;

	for (i = 0; i < res->n; i++) {
		finding *f = &res->f[i];

		if (f->comp != c || f->verdict != SOV_VIOLATION ||
		    f->r->severity != SEV_ERROR)
			continue;
		f->fix = fix;
		f->alternatives = alts;
		f->nalternatives = n;
		f->alternatives_are_scopes = c->scope >= 0;
	}
}

static int suggest_component(suggester *S, int ci)
{
	const dep_component *c = &S->res->d->components[ci];
	placement_subject subj;
	placement *p = NULL;
	const char *fix = NULL;
	int *alts = arena_calloc(S->a, MAX_ALTERNATIVES, sizeof(int));
	size_t n = 0;
	int from, rc;

	if (!alts)
		return SOV_ENOMEM;
	subj.d = S->res->d;
	subj.comp = ci;
	subj.provider = c->provider;
	/* A component routed through a scope looks for another scope. */
	subj.scope = -1;
	subj.scopes = c->scope >= 0;
	/* Alternatives are judged on the readings the check used. */
	subj.pins = S->res->pins;
	subj.npins = S->res->npins;
	rc = placement_run(&p, S->pols, S->npols, &subj, S->day, S->al);
	from = c->region >= 0 ? catalog_region_at(S->res->d->cat, c->provider,
		c->region)->jurisdiction : -1;
	if (rc == SOV_OK)
		rc = rank(S, p, from, alts, &n);
	placement_free(p);
	if (rc == SOV_OK)
		rc = find_fix(S, ci, &fix);
	if (rc == SOV_OK)
		attach(S->res, c, fix, alts, n);
	return rc;
}

int placement_suggest(result *res, const policy *const *pols, size_t npols,
	int day, const sov_allocator *al)
{
	suggester S;
	size_t i;
	int rc;

	memset(&S, 0, sizeof(S));
	S.a = res->arena;
	S.scratch = arena_new(al);
	S.res = res;
	S.pols = pols;
	S.npols = npols;
	S.day = day;
	S.al = al;
	rc = S.scratch ? expand_groups(&S) : SOV_ENOMEM;
	for (i = 0; rc == SOV_OK && i < res->d->ncomponents; i++)
		if (violating(res, &res->d->components[i]))
			rc = suggest_component(&S, (int)i);
	if (rc == SOV_OK && (arena_failed(S.a) || arena_failed(S.scratch)))
		rc = SOV_ENOMEM;
	arena_free(S.scratch);
	return rc;
}
