/*
 * policy_tests.c - runs policy test files (urn:sovereign:tests:1): each case
 * evaluates a deployment against the policy under test and compares the
 * findings with the expected ones. Keeps a log for the report and, per
 * rule, whether a passing case shows it compliant and one shows it
 * violated (the coverage `sovereign test --coverage` enforces).
 */
#define _DEFAULT_SOURCE
#include "policy_tests.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "eval.h"
#include "base/dates.h"

typedef struct {
	const char *policy, *rule, *file;
	unsigned line;
	int compliant, violated;   /* a passing case shows each */
	int pending_compliant, pending_violated; /* in the current case */
} covered_rule;

struct sov_tests {
	arena *a;
	const sov_options *opts;
	sov_options opts_copy;
	xml_schemas schemas;
	buf log;
	size_t cases, failed;
	covered_rule *rules;
	size_t nrules, cap;
};

typedef struct {
	sov_tests *t;
	arena *tmp;
	xml_doc *x;
	const catalog *cat;
	const policy *pol;
	int default_day;
	sov_diags *diags;
} run;

/* ------------------------------------------------------------------ */
/* Coverage                                                            */

static covered_rule *find_rule(sov_tests *t, const char *pol,
	const char *rule)
{
	size_t i;

	for (i = 0; i < t->nrules; i++)
		if (strcmp(t->rules[i].policy, pol) == 0 &&
		    strcmp(t->rules[i].rule, rule) == 0)
			return &t->rules[i];
	return NULL;
}

static int add_rule(sov_tests *t, const policy *p, const rule *r)
{
	covered_rule *c;

	if (find_rule(t, p->id, r->id))
		return SOV_OK;
	if (t->nrules == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		covered_rule *n = arena_calloc(t->a, cap, sizeof(*n));

		if (!n)
			return SOV_ENOMEM;
		if (t->nrules)
			memcpy(n, t->rules, t->nrules * sizeof(*n));
		t->rules = n;
		t->cap = cap;
	}
	c = &t->rules[t->nrules++];
	c->policy = arena_strdup(t->a, p->id);
	c->rule = arena_strdup(t->a, r->id);
	c->file = arena_strdup(t->a, r->file);
	c->line = r->line;
	return c->policy && c->rule && c->file ? SOV_OK : SOV_ENOMEM;
}

/* ------------------------------------------------------------------ */
/* Expectations                                                        */

static const finding *lookup(const result *res, const char *rule,
	const char *comp, const char *data)
{
	size_t i;

	for (i = 0; i < res->n; i++) {
		const finding *f = &res->f[i];

		if (strcmp(f->r->id, rule) != 0 ||
		    strcmp(f->comp->id, comp) != 0)
			continue;
		if ((data == NULL) != (f->cls == NULL))
			continue;
		if (!data || strcmp(data, f->cls->id) == 0)
			return f;
	}
	return NULL;
}

/* Is each code of `want` among `got`'s (a country matches its
 * subdivisions)? */
static int codes_include(const char *got, const char *want)
{
	char w[16];
	const char *p = want;
	int n;

	while (sscanf(p, "%15s%n", w, &n) == 1) {
		const char *g = got ? got : "";
		size_t len = strlen(w);
		int found = 0;

		while (!found && (g = strstr(g, w)) != NULL) {
			found = (g == got || g[-1] == ' ') &&
				(g[len] == '\0' || g[len] == ' ' ||
				 g[len] == '-');
			g += len;
		}
		if (!found)
			return 0;
		p += n;
	}
	return 1;
}

static void mismatch(run *R, int *ok, const char *what, const char *want,
	const char *got)
{
	if (*ok) {
		*ok = 0;
		buf_puts(&R->t->log, "\n");
	}
	buf_printf(&R->t->log, "        %s: expected %s, got %s\n", what, want,
		got ? got : "(none)");
}

static int same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* expect -> rule component data? verdict facet? offending? exception? */
static void check_expect(run *R, const result *res, xmlNodePtr e, int *ok)
{
	const char *rule = xml_prop(e, "rule"), *comp = xml_prop(e,
		"component"), *data = xml_prop(e, "data");
	const char *want = xml_prop(e, "verdict");
	const char *facet = xml_prop(e, "facet");
	const char *off = xml_prop(e, "offending");
	const char *exc = xml_prop(e, "exception");
	const finding *f = lookup(res, rule, comp, data);
	const char *got = f ? verdict_names[f->verdict] : "not-applicable";
	char what[400];
	int before = *ok;
	covered_rule *c;

	snprintf(what, sizeof(what), "%s on %s%s%s (line %u)", rule, comp,
		data ? "/" : "", data ? data : "", xml_line(e));
	c = find_rule(R->t, R->pol->id, rule);
	if (!c) {
		mismatch(R, ok, what, "a rule of the policy", "no such rule");
		return;
	}
	if (!same(want, got))
		mismatch(R, ok, what, want, got);
	else if (facet && f && !same(facet, f->facet))
		mismatch(R, ok, what, facet, f->facet);
	else if (off && f && !codes_include(f->offending, off))
		mismatch(R, ok, what, off, f->offending);
	else if (exc && f && !same(exc, f->exception))
		mismatch(R, ok, what, exc, f->exception);
	if (*ok == before && before) {
		/* Counted when the whole case passes: see run_case. */
		c->pending_compliant |= strcmp(want, "compliant") == 0;
		c->pending_violated |= strcmp(want, "violation") == 0;
	}
}

/* ------------------------------------------------------------------ */
/* Cases                                                               */

static char *relative(run *R, const char *href)
{
	const char *slash = strrchr(R->x->name, '/');

	if (href[0] == '/' || !slash)
		return arena_strdup(R->tmp, href);
	return arena_printf(R->tmp, "%.*s/%s", (int)(slash - R->x->name),
		R->x->name, href);
}

static int case_deployment(run *R, xmlNodePtr c, deployment **d)
{
	xmlNodePtr k;

	for (k = xml_first(c); k; k = xml_next(k)) {
		if (xml_is(k, "deployment-file"))
			return deploy_load(d, R->cat, relative(R,
				xml_prop(k, "href")), NULL, 0, R->t->opts,
				R->diags);
		if (xml_is(k, "deployment"))
			return deploy_from_element(d, R->cat, R->x, k,
				R->t->opts);
	}
	return SOV_EINPUT;
}

static int case_day(run *R, xmlNodePtr c)
{
	const char *as_of = xml_prop(c, "as-of");
	int day;

	if (as_of && dates_parse(as_of, &day) == 0)
		return day;
	return R->default_day;
}

static void check_decision(run *R, xmlNodePtr c, const result *res,
	int *ok)
{
	const char *want = xml_prop(c, "decision");
	char what[300];

	if (!want || strcmp(want, decision_names[res->decision]) == 0)
		return;
	snprintf(what, sizeof(what), "decision (line %u)", xml_line(c));
	mismatch(R, ok, what, want, decision_names[res->decision]);
}

/* A case counts for coverage only when all of it passes. */
static void settle_coverage(sov_tests *t, int passed)
{
	size_t i;

	for (i = 0; i < t->nrules; i++) {
		covered_rule *c = &t->rules[i];

		if (passed) {
			c->compliant |= c->pending_compliant;
			c->violated |= c->pending_violated;
		}
		c->pending_compliant = c->pending_violated = 0;
	}
}

/* readings="ID:VALUE ...": each pin must name a reading of the policy
 * set and one of its answers, or the case cannot run. */
static int case_pins(run *R, xmlNodePtr c, arena *a, eval_params *ep)
{
	const char *text = xml_prop(c, "readings");
	const char **words;
	reading_pin *pins;
	size_t i, n = 0;

	if (!text)
		return SOV_OK;
	words = arena_calloc(a, strlen(text) / 2 + 2, sizeof(char *));
	pins = arena_calloc(a, strlen(text) / 2 + 2, sizeof(reading_pin));
	if (!words || !pins)
		return SOV_ENOMEM;
	for (i = 0; text[i]; i++)
		if (text[i] != ' ' && (i == 0 || text[i - 1] == ' '))
			words[n++] = text + i;
	for (i = 0; i < n; i++) {
		const char *colon = strchr(words[i], ':');
		size_t end = strcspn(colon + 1, " ");
		const reading_decl *r;

		pins[i].id = arena_strndup(a, words[i],
			(size_t)(colon - words[i]));
		pins[i].value = arena_strndup(a, colon + 1, end);
		if (!pins[i].id || !pins[i].value)
			return SOV_ENOMEM;
		r = policy_reading(R->pol, pins[i].id);
		if (!r || !reading_allows(r, pins[i].value))
			return SOV_EINPUT;
	}
	ep->pins = pins;
	ep->npins = n;
	return SOV_OK;
}

/* case -> description? (deployment-file | deployment) expect+ */
/* Cases evaluate with the deployment's own waivers, as `check` does. */
static int evaluate_case(result **res, run *R, const deployment *d,
	xmlNodePtr c)
{
	eval_params ep = { 0 };
	arena *a = arena_new(R->t->opts ? R->t->opts->allocator : NULL);
	int rc;

	if (!a)
		return SOV_ENOMEM;
	ep.as_of = case_day(R, c);
	ep.detail = DETAIL_ALL;
	ep.al = R->t->opts ? R->t->opts->allocator : NULL;
	rc = case_pins(R, c, a, &ep);
	if (rc == SOV_OK)
		rc = eval_run(res, &R->pol, 1, d, &ep);
	arena_free(a);
	return rc;
}

static int run_case(run *R, xmlNodePtr c)
{
	const char *name = xml_prop(c, "name");
	deployment *d = NULL;
	result *res = NULL;
	xmlNodePtr e;
	size_t start = R->t->log.len;
	int ok = 1, rc;

	R->t->cases++;
	buf_printf(&R->t->log, "  ok    %s", name);
	rc = case_deployment(R, c, &d);
	if (rc == SOV_OK)
		rc = evaluate_case(&res, R, d, c);
	for (e = xml_first(c); rc == SOV_OK && e; e = xml_next(e))
		if (xml_is(e, "expect"))
			check_expect(R, res, e, &ok);
	if (rc == SOV_OK)
		check_decision(R, c, res, &ok);
	if (rc != SOV_OK)
		mismatch(R, &ok, "the case", "a deployment that loads",
			diag_status_str(rc));
	settle_coverage(R->t, ok);
	if (!ok) {
		R->t->failed++;
		memcpy(R->t->log.data + start, "  FAIL", 6);
	} else {
		buf_putc(&R->t->log, '\n');
	}
	eval_free(res);
	deploy_free(d);
	return rc == SOV_ENOMEM ? rc : SOV_OK;
}

/* ------------------------------------------------------------------ */
/* Files                                                               */

static int load_catalog_for(run *R, catalog **cat)
{
	const char *paths[32];
	size_t n = 0;
	xmlNodePtr e;

	for (e = xml_first(R->x->root); e && n < 32; e = xml_next(e))
		if (xml_is(e, "catalog"))
			paths[n++] = relative(R, xml_prop(e, "href"));
	return catalog_load(cat, paths, n, R->t->opts, R->diags);
}

static int register_rules(run *R)
{
	size_t i;
	int rc = SOV_OK;

	for (i = 0; i < R->pol->nrules && rc == SOV_OK; i++)
		rc = add_rule(R->t, R->pol, &R->pol->rules[i]);
	return rc;
}

static int run_cases(run *R)
{
	xmlNodePtr e;
	int rc = register_rules(R);

	buf_printf(&R->t->log, "%s: %s\n", R->x->name, R->pol->id);
	for (e = xml_first(R->x->root); rc == SOV_OK && e; e = xml_next(e))
		if (xml_is(e, "case"))
			rc = run_case(R, e);
	return rc;
}

static int run_document(run *R)
{
	catalog *cat = NULL;
	policy *pol = NULL;
	int rc;

	dates_parse(xml_prop(R->x->root, "as-of"), &R->default_day);
	rc = load_catalog_for(R, &cat);
	if (rc == SOV_OK)
		rc = policy_compile(&pol, cat, relative(R, xml_prop(R->x->root,
			"policy")), NULL, 0, R->t->opts, R->diags);
	R->cat = cat;
	R->pol = pol;
	if (rc == SOV_OK)
		rc = run_cases(R);
	policy_free(pol);
	catalog_free(cat);
	return rc;
}

int policy_tests_file(sov_tests *t, const char *path, int *ran,
	sov_diags *diags)
{
	run R;
	xml_doc x;
	char *data;
	size_t len, max = t->opts && t->opts->max_input_size ?
		t->opts->max_input_size : XML_DEFAULT_MAX_INPUT;
	int rc;

	*ran = 0;
	memset(&R, 0, sizeof(R));
	R.t = t;
	R.x = &x;
	R.diags = diags;
	R.tmp = arena_new(t->opts ? t->opts->allocator : NULL);
	if (!R.tmp)
		return SOV_ENOMEM;
	rc = xml_read_file(R.tmp, path, max, &data, &len, diags);
	if (rc == SOV_OK && xml_sniff_kind(data, len) != DOC_TESTS) {
		arena_free(R.tmp);
		return SOV_OK;      /* not a test file: nothing to run */
	}
	*ran = 1;
	if (rc == SOV_OK)
		rc = xml_parse(&x, R.tmp, &t->schemas, path, data, len, max,
			DOC_TESTS, diags);
	if (rc == SOV_OK)
		rc = run_document(&R);
	if (rc != SOV_OK && rc != SOV_ENOMEM)
		buf_printf(&t->log, "%s: cannot run (%s)\n", path,
			diag_status_str(rc));
	arena_free(R.tmp);
	return rc;
}

/* ------------------------------------------------------------------ */

int policy_tests_new(sov_tests **out, const sov_options *opts)
{
	arena *a = arena_new(opts ? opts->allocator : NULL);
	sov_tests *t = a ? arena_alloc(a, sizeof(*t)) : NULL;
	int rc;

	*out = NULL;
	if (!t) {
		arena_free(a);
		return SOV_ENOMEM;
	}
	t->a = a;
	if (opts) {
		t->opts_copy = *opts;
		t->opts = &t->opts_copy;
	}
	buf_init(&t->log, opts ? opts->allocator : NULL);
	rc = xml_schemas_init(&t->schemas, a);
	if (rc != SOV_OK) {
		arena_free(a);
		return rc;
	}
	*out = t;
	return SOV_OK;
}

void policy_tests_free(sov_tests *t)
{
	if (!t)
		return;
	buf_release(&t->log);
	arena_free(t->a);
}

size_t policy_tests_cases(const sov_tests *t)
{
	return t->cases;
}

size_t policy_tests_failed(const sov_tests *t)
{
	return t->failed;
}

size_t policy_tests_uncovered(const sov_tests *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->nrules; i++)
		n += !t->rules[i].compliant || !t->rules[i].violated;
	return n;
}

static void render_coverage(buf *b, const sov_tests *t)
{
	size_t i, n = policy_tests_uncovered(t);

	if (!n) {
		buf_printf(b, "Coverage: all %zu rules have a passing case "
			"where they hold and one where they break.\n",
			t->nrules);
		return;
	}
	buf_printf(b, "Coverage: %zu of %zu rules lack a passing case:\n", n,
		t->nrules);
	for (i = 0; i < t->nrules; i++) {
		const covered_rule *c = &t->rules[i];

		if (c->compliant && c->violated)
			continue;
		buf_printf(b, "  %s:%u: %s:%s has no case where it %s\n",
			c->file, c->line, c->policy, c->rule,
			!c->compliant && !c->violated ? "holds or breaks" :
			!c->compliant ? "holds" : "breaks");
	}
}

void policy_tests_render(buf *b, const sov_tests *t, int coverage)
{
	if (t->log.len)
		buf_append(b, t->log.data, t->log.len);
	if (coverage)
		render_coverage(b, t);
	buf_printf(b, "%zu case%s\n%zu passed, %zu failed\n", t->cases,
		t->cases == 1 ? "" : "s", t->cases - t->failed, t->failed);
	if (t->log.oom)
		b->oom = 1;
}
