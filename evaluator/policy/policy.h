/*
 * policy.h - the compiled form of a policy set: groups, rules, scopes and
 * condition trees with every reference resolved against the catalog.
 */
#ifndef SOV_POLICY_H
#define SOV_POLICY_H

#include "catalog/catalog.h"
#include "base/idindex.h"
#include "base/pattern.h"

typedef enum {
	F_STORED, F_REPLICA, F_BACKUP, F_PROCESSED, F_TRANSIT, F_ACCESSED,
	F_KEYS, F_CONTROL, F_COUNT
} facet_id;

extern const char *const facet_names[F_COUNT];

typedef enum {
	C_ALL, C_ANY, C_NOT, C_WITHIN, C_OUTSIDE, C_INCLUDES, C_EXPOSED,
	C_CUSTODY, C_ATTRIBUTE, C_CERTIFIED, C_MECHANISM, C_KNOWN,
	C_SHARES, C_READING, C_SECTOR
} cond_kind;

/* What a shares-outside test measures (cond.measure). */
typedef enum { OWN_LARGEST, OWN_TOTAL, OWN_CONTROL } own_measure_kind;
/* A certification: stated as not held, stated as held, or unstated. */
enum { CERT_NOT_HELD = 0, CERT_HELD = 1, CERT_UNSTATED = 2 };

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
	unsigned sectors;       /* sector: bit per SECTOR_* */
	const char *name;       /* attribute name, certification id */
	int unstated;           /* certified: what an unstated one means,
				   CERT_UNSTATED (unknown), 1 or 0 */
	cmp_op op;
	val_kind vkind;
	const char *value;
	double number;
	const char **ids;       /* mechanism ids */
	size_t nids;
	own_measure_kind measure; /* shares-outside; name spells it */
	int reading;            /* reading-is: index in the policy's
				   readings; name is its id, value the
				   answer the test asks for */
} cond;

/* A provision regulators and counsel read differently (<reading>): the
 * policy set leaves it open, and only the user can pin an answer. */
typedef struct {
	const char *id, *question;
	const char **values;    /* the answers it allows */
	const char **meanings;  /* what each answer says, same order */
	size_t nvalues;
} reading_decl;

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

/* What a rule's scope can name, in the order a rule is filed by. */
typedef enum { DIM_DATA, DIM_KIND, DIM_PROVIDER, DIM_TAG, DIM_COUNT } dim_id;

typedef struct {
	int *rules;             /* rule indices, ascending */
	size_t n;
} rule_bucket;

/* The rules filed under one dimension, by the ids their scope names. */
typedef struct {
	idindex keys;           /* id -> bucket */
	rule_bucket *buckets;
	size_t nbuckets;
} rule_dim;

/* A subject is in a rule's scope only if it matches every attribute the
 * scope gives, so each rule is filed under the first dimension its scope
 * names (data, kinds, providers, tags) and can apply only to subjects
 * that the dimension's bucket for their id holds. A rule whose scope
 * names none of them (no scope, patterns only) is in `always`. */
typedef struct {
	rule_dim dims[DIM_COUNT];
	rule_bucket always;
} rule_index;

struct sov_policy {
	arena *arena;
	const catalog *cat;
	const char *id, *title, *file;
	const char *version, *legal_state; /* as the policy set states them,
					      or NULL */
	const char **files;     /* its own file, then each included one */
	size_t nfiles;
	cat_group *groups;
	size_t ngroups;
	rule *rules;
	size_t nrules;
	reading_decl *readings; /* unsettled readings it declares */
	size_t nreadings;
	cond **slots;           /* every set test, by slot */
	size_t nslots;
	rule_index index;       /* candidate rules of a subject */
};

typedef struct sov_policy policy;

/* Loads a policy from a file (data == NULL) or from memory. */
int policy_compile(policy **out, const catalog *cat, const char *name,
	const char *data, size_t len, const sov_options *opts,
	sov_diags *diags);
void policy_free(policy *p);
/* The reading declared with `id`, or NULL. */
const reading_decl *policy_reading(const policy *p, const char *id);
/* Does reading `r` allow the answer `value`? */
int reading_allows(const reading_decl *r, const char *value);
/* The rules filed under `key` in dimension `dim` (none: n == 0). */
const rule_bucket *policy_rules_for(const policy *p, dim_id dim,
	const char *key);

extern const char *const severity_names[3];
extern const char *const custody_names[3];

#endif
