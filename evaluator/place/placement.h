/*
 * placement.h - stage 5b: "where can this go?". Each candidate region or
 * routing scope becomes a one-component deployment evaluated against the
 * policies; a candidate is allowed when no error rule breaks or lacks a
 * fact. Also used by `check --suggest` to find alternatives for a
 * violating component.
 */
#ifndef SOV_PLACEMENT_H
#define SOV_PLACEMENT_H

#include "base/buf.h"
#include "deploy/deploy.h"
#include "eval/eval.h"
#include "policy/policy.h"

typedef struct {
	int provider, region, scope;  /* region or scope is -1 */
	int allowed;
	const policy *pol;            /* first policy and rule ruling it out */
	const rule *r;
	const char *reason;
} candidate;

struct sov_placement {
	arena *arena;
	const catalog *cat;
	candidate *c;
	size_t n, allowed;
	const char **conflict;        /* "policy:rule", minimal cover */
	const policy **conflict_pols; /* the same, as pointers */
	const rule **conflict_rules;
	size_t nconflict;
	const char *question;         /* what was placed, for the header */
	const char *policies;         /* policy ids, space-separated */
	const policy **pols;          /* the same, for their readings */
	size_t npols;
	reading_pin *pins;            /* readings pinned, as given */
	size_t npins;
	int scopes;                   /* candidates are routing scopes */
	char as_of[11];
};

typedef struct sov_placement placement;

/*
 * The component to place: a template whose provider, region and scope
 * are replaced by each candidate. `d` is the deployment holding it (its
 * data classes and flows count).
 */
typedef struct {
	const deployment *d;
	int comp;                      /* index in d->components */
	int provider;                  /* -1: every provider */
	int scope;                     /* fixed scope, or -1 */
	int scopes;                    /* candidates are scopes */
	const reading_pin *pins;       /* readings every candidate is */
	size_t npins;                  /* judged on, or NULL */
} placement_subject;

int placement_run(placement **out, const policy *const *pols, size_t npols,
	const placement_subject *subj, int day, const sov_allocator *al);
void placement_free(placement *p);

/* Builds the one-component deployment of a `where` question. */
int placement_template(deployment **out, const catalog *cat,
	const sov_where_options *o, int *provider, int *scope,
	sov_diags *diags);

void placement_render(buf *b, const placement *p, sov_format format,
	int explain);

/*
 * For each component with an unwaived error violation in `res`: the
 * nearest allowed regions of its provider (same country, then the
 * smallest group holding both countries, then the rest) and a change
 * other than the region that fixes it (zone instead of geo redundancy, a
 * regional deployment instead of a routing scope). Fills the findings.
 */
int placement_suggest(result *res, const policy *const *pols, size_t npols,
	int day, const sov_allocator *al);

#endif
