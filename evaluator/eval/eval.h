/*
 * eval.h - stage 5: verdicts for every (rule, subject) pair, and the
 * findings that explain them.
 */
#ifndef SOV_EVAL_H
#define SOV_EVAL_H

#include "deploy/deploy.h"
#include "policy/policy.h"

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

/* What became of a waiver that could apply to the deployment. */
typedef enum {
	WAIVER_APPLIED = 0,   /* it waived at least one finding */
	WAIVER_UNUSED = 1,    /* in force, but nothing needed it */
	WAIVER_EXPIRED = 2    /* past its day: no effect */
} waiver_status;

/* "applied", "unused", "expired" */
extern const char *const waiver_status_names[3];
/* Names of the verdicts and decisions, as every report spells them. */
extern const char *const verdict_names[6];
extern const char *const decision_names[3];

typedef struct {
	const waiver *w;
	size_t uses;          /* findings it waived */
	long index;           /* in the waiver file; -1: the deployment's */
	waiver_status status;
	char expires[11];     /* YYYY-MM-DD, for reports */
} waiver_use;

struct baseline;

/* An answer the user pinned for an unsettled reading (`--set
 * reading=ID:VALUE`). */
typedef struct {
	const char *id, *value;
} reading_pin;

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
	waiver_use *waivers;      /* the deployment's, then the file's */
	size_t nwaivers;
	size_t baselined;         /* findings dropped as known */
	int fail_on;              /* least severity that decides: SEV_* */
	reading_pin *pins;        /* pinned readings, as given */
	size_t npins;
};

typedef struct sov_result result;

/* How much of each finding to explain: the words cost more than the
 * verdicts, and batch summaries and placement need few of them. */
typedef enum {
	DETAIL_NONE,      /* verdicts only */
	DETAIL_BLOCKING,  /* only error violations and indeterminates */
	DETAIL_ALL
} eval_detail;

/* How to evaluate; zero is the default for every member but as_of. */
typedef struct {
	int as_of;                /* day number */
	int ignore_waivers;
	const waivers *file_waivers;     /* or NULL */
	const struct baseline *baseline; /* or NULL */
	int fail_on;              /* least severity that decides: SEV_* */
	eval_detail detail;
	const sov_allocator *al;
	const reading_pin *pins;  /* pinned readings, or NULL */
	size_t npins;
} eval_params;

int eval_run(result **out, const policy *const *pols, size_t npols,
	const deployment *d, const eval_params *p);
void eval_free(result *r);
/* The answer pinned for reading `id`, or NULL while it is open. */
const char *eval_pinned(const result *r, const char *id);
/* The same, in a list of pins. */
const char *eval_pin_lookup(const reading_pin *pins, size_t npins,
	const char *id);

#endif
