/*
 * eval.h - stage 5: verdicts for every (rule, subject) pair, and the
 * findings that explain them.
 */
#ifndef SOV_EVAL_H
#define SOV_EVAL_H

#include "deploy.h"
#include "policy.h"

typedef struct {
	const char *code, *name, *via;
} off_item;

typedef struct {
	const policy *pol;
	const rule *r;
	const dep_component *comp;
	const dep_class *cls;
	sov_verdict verdict;
	const char *facet, *offending, *explanation, *against, *missing;
	const char *exception, *waiver;
	off_item *items;
	size_t nitems;
	const char *fix;          /* --suggest: a change that fixes it */
	const int *alternatives;  /* --suggest: regions, nearest first */
	size_t nalternatives;
	int alternatives_are_scopes; /* ... or routing scopes */
	const char *alternatives_text; /* rendered once, on request */
} finding;

struct sov_result {
	arena *arena;
	const deployment *d;
	const policy **pols;
	size_t npols;
	finding *f;
	size_t n, cap;
	size_t counts[6];
	size_t (*pcounts)[6];     /* per policy */
	sov_decision decision;
	sov_decision *pdecisions; /* per policy */
	char as_of[11];
};

typedef struct sov_result result;

/* How much of each finding to explain: the words cost more than the
 * verdicts, and batch summaries and placement need few of them. */
typedef enum {
	DETAIL_NONE,      /* verdicts only */
	DETAIL_BLOCKING,  /* only error violations and indeterminates */
	DETAIL_ALL
} eval_detail;

int eval_run(result **out, const policy *const *pols, size_t npols,
	const deployment *d, int as_of, int ignore_waivers,
	eval_detail detail, const sov_allocator *al);
void eval_free(result *r);

#endif
