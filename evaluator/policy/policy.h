/*
 * policy.h - the compiled form of a policy set: groups, rules, scopes and
 * condition trees with every reference resolved against the catalog.
 */
#ifndef SOV_POLICY_H
#define SOV_POLICY_H

#include "catalog/catalog.h"
#include "base/pattern.h"

typedef enum {
	F_STORED, F_REPLICA, F_BACKUP, F_PROCESSED, F_TRANSIT, F_ACCESSED,
	F_KEYS, F_CONTROL, F_COUNT
} facet_id;

extern const char *const facet_names[F_COUNT];

typedef enum {
	C_ALL, C_ANY, C_NOT, C_WITHIN, C_OUTSIDE, C_INCLUDES, C_EXPOSED,
	C_CUSTODY, C_ATTRIBUTE, C_CERTIFIED, C_MECHANISM, C_KNOWN
} cond_kind;

typedef enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE } cmp_op;
typedef enum { VAL_STRING, VAL_NUMBER, VAL_DURATION } val_kind;

typedef struct cond {
	cond_kind kind;
	unsigned line;
	struct cond **kids;
	size_t nkids;
	unsigned facets;        /* bit per facet_id */
	cat_member *set;        /* set tests: members (no dates) */
	size_t nset;
	const char *set_text;   /* as written, for explanations */
	int slot;               /* set tests: index of the expanded set */
	int law;                /* exposed */
	unsigned custodies;     /* custody: bit per custody kind */
	const char *name;       /* attribute name, certification id */
	cmp_op op;
	val_kind vkind;
	const char *value;
	double number;
	const char **ids;       /* mechanism ids */
	size_t nids;
} cond;

typedef struct {
	const char *instrument, *article, *url;
} citation;

typedef struct {
	const char *name;
	cond *when;
} exception;

typedef struct {
	const char **items;
	size_t n;
} id_list;

typedef enum { SEV_ERROR, SEV_WARNING, SEV_INFO } rule_severity;

typedef struct {
	const char *id, *title, *remediation, *file;
	unsigned line;
	rule_severity severity;
	int from, until;
	citation *cites;
	size_t ncites;
	id_list data, kinds, providers, tags;
	pattern *component_match, *data_match;
	const char *component_match_src, *data_match_src;
	cond *require;
	exception *unless;
	size_t nunless;
} rule;

struct sov_policy {
	arena *arena;
	const catalog *cat;
	const char *id, *title, *file;
	cat_group *groups;
	size_t ngroups;
	rule *rules;
	size_t nrules;
	cond **slots;           /* every set test, by slot */
	size_t nslots;
};

typedef struct sov_policy policy;

/* Loads a policy from a file (data == NULL) or from memory. */
int policy_compile(policy **out, const catalog *cat, const char *name,
	const char *data, size_t len, const sov_options *opts,
	sov_diags *diags);
void policy_free(policy *p);

extern const char *const severity_names[3];
extern const char *const custody_names[3];

#endif
