/*
 * lint.c - checks a compiled policy set for things that compile but are
 * probably wrong: unused groups, rules that can never apply, duplicate
 * rules, expired or inverted dates, patterns prone to slow backtracking,
 * citations without a URL, rules without remediation, and scope terms
 * one typo away from the shared vocabulary.
 */
#include "lint.h"

#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/spelling.h"
#include "base/dates.h"

typedef struct {
	const policy *p;
	sov_diags *diags;
	int day;
	size_t warnings;
} linter;

/* Terms the shipped regimes and docs use; a scope term close to one of
 * these but not equal is most likely a typo. */
typedef struct {
	const char *id;
} term;

static const term data_terms[] = {
	{ "personal" }, { "special-category" }, { "payment" },
	{ "health-record" }, { "model-weights" }, { "training-data" },
	{ "prompts" }, { "outputs" }, { "logs" }, { "telemetry" },
	{ "government-data" }, { "technical-data" }, { "criminal-justice" },
	{ "financial" }, { "biometric" }, { "genetic" }, { "credentials" },
};
static const term kind_terms[] = {
	{ "database" }, { "object-storage" }, { "compute" },
	{ "ai-inference" }, { "ai-training" }, { "backup" }, { "logging" },
	{ "cdn" }, { "support-access" }, { "key-management" }, { "cache" },
	{ "queue" }, { "analytics" }, { "file-storage" }, { "web" },
};

/* The column of `needle` on `line` of `file`, or 0. */
static unsigned column_of(const char *file, unsigned line,
	const char *needle)
{
	FILE *fp = fopen(file, "r");
	char text[4096];
	unsigned n = 0;
	const char *at;

	if (!fp)
		return 0;
	while (fgets(text, sizeof(text), fp) && ++n < line)
		;
	fclose(fp);
	if (n != line || !(at = strstr(text, needle)))
		return 0;
	return (unsigned)(at - text) + 1;
}

static void warn(linter *L, sov_severity sev, const char *file,
	unsigned line, const char *needle, const char *expected,
	const char *msg)
{
	L->warnings += sev == SOV_SEV_WARNING;
	diag_add(L->diags, sev, file, line, line ? column_of(file, line,
		needle) : 0, expected, "%s", msg);
}

/* ------------------------------------------------------------------ */
/* Groups                                                              */

static int cond_uses(const cond *c, int group)
{
	size_t i;

	if (!c)
		return 0;
	for (i = 0; i < c->nset; i++)
		if (c->set[i].is_group && c->set[i].is_policy_group &&
		    c->set[i].index == group)
			return 1;
	for (i = 0; i < c->nkids; i++)
		if (cond_uses(c->kids[i], group))
			return 1;
	return 0;
}

static int group_used(const policy *p, int g)
{
	size_t i, k;

	for (i = 0; i < p->ngroups; i++)
		for (k = 0; k < p->groups[i].nmembers; k++)
			if (p->groups[i].members[k].is_group &&
			    p->groups[i].members[k].is_policy_group &&
			    p->groups[i].members[k].index == g)
				return 1;
	for (i = 0; i < p->nrules; i++) {
		if (cond_uses(p->rules[i].require, g))
			return 1;
		for (k = 0; k < p->rules[i].nunless; k++)
			if (cond_uses(p->rules[i].unless[k].when, g))
				return 1;
	}
	return 0;
}

static void lint_groups(linter *L)
{
	size_t i;
	char msg[300];

	for (i = 0; i < L->p->ngroups; i++) {
		const cat_group *g = &L->p->groups[i];

		if (group_used(L->p, (int)i))
			continue;
		snprintf(msg, sizeof(msg), "group '%s' is never used", g->id);
		warn(L, SOV_SEV_WARNING, g->file, g->line, "<group",
			"a group referenced by a rule or another group", msg);
	}
}

/* ------------------------------------------------------------------ */
/* Rules                                                               */

static void lint_terms(linter *L, const rule *r, const id_list *l,
	const term *terms, size_t nterms, const char *what)
{
	size_t i, k;
	char msg[400];

	for (i = 0; i < l->n; i++) {
		const char *w = l->items[i], *near = NULL;

		for (k = 0; k < nterms && near != w; k++) {
			size_t n = strlen(terms[k].id);

			/* Equal, or a refinement such as personal-ru. */
			if (strncmp(w, terms[k].id, n) == 0 &&
			    (w[n] == '\0' || w[n] == '-'))
				near = w;
			else if (spelling_distance(w, terms[k].id) <= 2 &&
				 strlen(w) > 4)
				near = terms[k].id;
		}
		if (!near || near == w)
			continue;
		snprintf(msg, sizeof(msg), "rule '%s': %s '%s' is close to "
			"the common term '%s'; a typo makes the rule never "
			"apply", r->id, what, w, near);
		warn(L, SOV_SEV_WARNING, r->file, r->line, "<rule",
			"a data class or kind the deployments use", msg);
	}
}

static void lint_providers(linter *L, const rule *r)
{
	size_t i;
	char msg[400], dym[160];

	for (i = 0; i < r->providers.n; i++) {
		if (catalog_provider(L->p->cat, r->providers.items[i]) >= 0)
			continue;
		snprintf(msg, sizeof(msg), "rule '%s' can never apply: no "
			"provider '%s' in the catalog%s", r->id,
			r->providers.items[i], catalog_did_you_mean(L->p->cat,
			SUG_PROVIDER, -1, r->providers.items[i], dym,
			sizeof(dym)));
		warn(L, SOV_SEV_WARNING, r->file, r->line, "<rule",
			"a provider of the catalog", msg);
	}
}

/* A dated version of a rule ends the day before the next version starts:
 * its effective-until is history, not a mistake. */
static int superseded(const policy *p, const rule *r)
{
	size_t i;

	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].from != DATE_NONE &&
		    p->rules[i].from == r->until + 1)
			return 1;
	return 0;
}

static void lint_dates(linter *L, const rule *r)
{
	char msg[300], date[11];

	if (r->from != DATE_NONE && r->until != DATE_NONE &&
	    r->from > r->until) {
		snprintf(msg, sizeof(msg), "rule '%s' can never apply: "
			"effective-from is after effective-until", r->id);
		warn(L, SOV_SEV_WARNING, r->file, r->line, "effective-from",
			"effective-from on or before effective-until", msg);
	} else if (r->until != DATE_NONE && r->until < L->day &&
		   !superseded(L->p, r)) {
		dates_format(r->until, date);
		snprintf(msg, sizeof(msg), "rule '%s' expired on %s", r->id,
			date);
		warn(L, SOV_SEV_WARNING, r->file, r->line, "effective-until",
			"an effective-until date not in the past", msg);
	}
}

/* Nested quantifiers such as (a+)+ backtrack exponentially on failure. */
static int nested_quantifier(const char *src)
{
	return strstr(src, "+)+") || strstr(src, "*)*") ||
	       strstr(src, "+)*") || strstr(src, "*)+") ||
	       strstr(src, "+)?+") || strstr(src, "}){");
}

static void lint_pattern(linter *L, const rule *r, const char *src,
	const char *attr)
{
	char msg[400];

	if (!src || !nested_quantifier(src))
		return;
	snprintf(msg, sizeof(msg), "rule '%s': pattern '%s' nests "
		"quantifiers and may backtrack for a long time", r->id, src);
	(void)attr;
	warn(L, SOV_SEV_WARNING, r->file, r->line, "<rule",
		"a pattern without nested quantifiers", msg);
}

static void lint_citations(linter *L, const rule *r)
{
	size_t i;
	char msg[300];

	for (i = 0; i < r->ncites; i++)
		if (!r->cites[i].url) {
			snprintf(msg, sizeof(msg), "rule '%s': citation %zu "
				"has no url", r->id, i + 1);
			warn(L, SOV_SEV_NOTE, r->file, r->line, "<rule",
				"a url where the text can be read", msg);
			break;
		}
	if (!r->remediation) {
		snprintf(msg, sizeof(msg), "rule '%s' has no remediation",
			r->id);
		warn(L, SOV_SEV_NOTE, r->file, r->line, "<rule",
			"a <remediation> saying how to comply", msg);
	}
}

/* ------------------------------------------------------------------ */
/* Duplicates                                                          */

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same_ids(const id_list *a, const id_list *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->items[i], b->items[i]) != 0)
			return 0;
	return 1;
}

static int same_cond(const cond *a, const cond *b)
{
	size_t i;

	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->nkids != b->nkids ||
	    a->facets != b->facets || a->law != b->law ||
	    a->custodies != b->custodies || a->sectors != b->sectors ||
	    a->op != b->op ||
	    a->unstated != b->unstated ||
	    !same_str(a->set_text, b->set_text) ||
	    !same_str(a->name, b->name) || !same_str(a->value, b->value) ||
	    a->nids != b->nids)
		return 0;
	for (i = 0; i < a->nids; i++)
		if (strcmp(a->ids[i], b->ids[i]) != 0)
			return 0;
	for (i = 0; i < a->nkids; i++)
		if (!same_cond(a->kids[i], b->kids[i]))
			return 0;
	return 1;
}

static int same_rule(const rule *a, const rule *b)
{
	return same_ids(&a->data, &b->data) && same_ids(&a->kinds, &b->kinds)
	       && same_ids(&a->providers, &b->providers) &&
	       same_ids(&a->tags, &b->tags) && a->from == b->from &&
	       a->until == b->until && !a->component_match &&
	       !b->component_match && !a->data_match && !b->data_match &&
	       same_cond(a->require, b->require);
}

static void lint_duplicates(linter *L)
{
	size_t i, k;
	char msg[400];

	for (i = 0; i < L->p->nrules; i++)
		for (k = 0; k < i; k++) {
			const rule *a = &L->p->rules[k], *b = &L->p->rules[i];

			if (!same_rule(a, b))
				continue;
			snprintf(msg, sizeof(msg), "rule '%s' has the same "
				"scope and condition as rule '%s' (%s:%u)",
				b->id, a->id, a->file, a->line);
			warn(L, SOV_SEV_WARNING, b->file, b->line, "<rule",
				"rules that differ in scope or condition",
				msg);
			break;
		}
}

/* ------------------------------------------------------------------ */

size_t lint_policy(const policy *p, int day, sov_diags *diags)
{
	linter L;
	size_t i;

	memset(&L, 0, sizeof(L));
	L.p = p;
	L.diags = diags;
	L.day = day;
	lint_groups(&L);
	for (i = 0; i < p->nrules; i++) {
		const rule *r = &p->rules[i];

		lint_terms(&L, r, &r->data, data_terms, sizeof(data_terms) /
			sizeof(data_terms[0]), "data class");
		lint_terms(&L, r, &r->kinds, kind_terms, sizeof(kind_terms) /
			sizeof(kind_terms[0]), "component kind");
		lint_providers(&L, r);
		lint_dates(&L, r);
		lint_pattern(&L, r, r->component_match_src, "component-match");
		lint_pattern(&L, r, r->data_match_src, "data-match");
		lint_citations(&L, r);
	}
	lint_duplicates(&L);
	return L.warnings;
}
