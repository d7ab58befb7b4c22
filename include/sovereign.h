/*
 * sovereign.h - the public interface of libsovereign, a data-residency and
 * digital-sovereignty policy evaluator.
 *
 * This header is the whole interface: anything not declared here is private
 * and may change without notice.
 *
 * Thread safety: no global state; no init call. sov_catalog and sov_policy
 * are immutable after creation and may be shared by any number of threads.
 * Any other handle (sov_deployment, sov_result, sov_diags) is used by one
 * thread at a time.
 *
 * The library never prints, never exits and never reads the clock: the
 * evaluation date is an option.
 *
 * Ownership: an object returned through an `out` parameter belongs to the
 * caller and is released with the matching sov_X_free(); every sov_X_free()
 * accepts NULL. A pointer returned as a return value is borrowed and lives
 * as long as the object it came from.
 */
#ifndef SOVEREIGN_H
#define SOVEREIGN_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#  if defined(SOV_BUILDING)
#    define SOV_API __declspec(dllexport)
#  else
#    define SOV_API __declspec(dllimport)
#  endif
#else
#  define SOV_API __attribute__((visibility("default")))
#endif

#define SOV_VERSION_MAJOR 0
#define SOV_VERSION_MINOR 1
#define SOV_VERSION_PATCH 0
#define SOV_VERSION "0.1.0"
#define SOV_VERSION_NUMBER \
	(SOV_VERSION_MAJOR * 10000 + SOV_VERSION_MINOR * 100 + \
	 SOV_VERSION_PATCH)

/** The library's version string, e.g. "0.1.0". Never NULL. */
SOV_API const char *sov_version(void);
/** The library's SOV_VERSION_NUMBER, to check the header matches it. */
SOV_API int sov_version_number(void);

/* ------------------------------------------------------------------ */
/* Status codes                                                        */

enum {
	SOV_OK = 0,          /**< success */
	SOV_ERROR = -1,      /**< internal error */
	SOV_ENOMEM = -2,     /**< out of memory */
	SOV_EINPUT = -3,     /**< a document is invalid; see the diags */
	SOV_EIO = -4,        /**< a file could not be read or written */
	SOV_ELIMIT = -5,     /**< an input exceeded a configured limit */
	SOV_EUSAGE = -6      /**< the API was called with bad arguments */
};

/** A static, one-line description of a status code. Never NULL. */
SOV_API const char *sov_status_str(int status);

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */

typedef enum {
	SOV_SEV_ERROR = 0,
	SOV_SEV_WARNING = 1,
	SOV_SEV_NOTE = 2
} sov_severity;

/** One diagnostic. Strings are owned by the sov_diags list. */
typedef struct {
	sov_severity severity;
	const char *file;     /**< document name; never NULL ("" if none) */
	unsigned line;        /**< 1-based; 0 when not known */
	unsigned column;      /**< 1-based; 0 when not known */
	const char *message;  /**< what is wrong, one line */
	const char *expected; /**< what was expected; may be NULL */
} sov_diag;

typedef struct sov_diags sov_diags;

/** Creates an empty diagnostics list. Returns SOV_OK or SOV_ENOMEM. */
SOV_API int sov_diags_new(sov_diags **out);
/** Number of diagnostics collected so far. */
SOV_API size_t sov_diags_count(const sov_diags *diags);
/** The i-th diagnostic, borrowed; NULL when i is out of range. */
SOV_API const sov_diag *sov_diags_get(const sov_diags *diags, size_t i);
/** Number of diagnostics of severity SOV_SEV_ERROR. */
SOV_API size_t sov_diags_errors(const sov_diags *diags);
/** Removes every diagnostic. */
SOV_API void sov_diags_clear(sov_diags *diags);
SOV_API void sov_diags_free(sov_diags *diags);

/* ------------------------------------------------------------------ */
/* Options                                                             */

/** Report formats. */
typedef enum {
	SOV_FORMAT_TEXT = 0,     /**< for people */
	SOV_FORMAT_JSON = 1,     /**< docs/report-json.md */
	SOV_FORMAT_SARIF = 2,    /**< SARIF 2.1.0, for code-scanning tools */
	SOV_FORMAT_JUNIT = 3,    /**< JUnit XML, for CI test reports */
	SOV_FORMAT_MARKDOWN = 4, /**< for a pull-request comment */
	SOV_FORMAT_NDJSON = 5,   /**< one finding per line */
	SOV_FORMAT_DOT = 6,      /**< Graphviz data-flow diagram */
	SOV_FORMAT_HTML = 7      /**< one self-contained page, with a map */
} sov_format;


/** Optional allocator; all memory of one handle goes through it. */
typedef struct {
	void *(*malloc_fn)(size_t size, void *ud);
	void *(*realloc_fn)(void *ptr, size_t size, void *ud);
	void (*free_fn)(void *ptr, void *ud);
	void *ud;
} sov_allocator;

#define SOV_OPTIONS_VERSION 1

/** Options for loading documents. Initialise with SOV_OPTIONS_INIT. */
typedef struct {
	unsigned version;           /**< SOV_OPTIONS_VERSION */
	size_t max_input_size;      /**< bytes per document; 0 = 16 MiB */
	int no_builtin_catalog;     /**< catalog load: skip shipped files */
	const sov_allocator *allocator; /**< NULL = malloc/realloc/free */
} sov_options;

#define SOV_OPTIONS_INIT { SOV_OPTIONS_VERSION, 0, 0, NULL }

/** Like sov_diags_new(), with the list's memory from opts->allocator;
 *  opts may be NULL. Returns SOV_OK, SOV_ENOMEM or SOV_EUSAGE. */
SOV_API int sov_diags_new_opts(sov_diags **out, const sov_options *opts);

#define SOV_CHECK_OPTIONS_VERSION 3

typedef struct sov_waivers sov_waivers;
typedef struct sov_baseline sov_baseline;

/** The least severity of rule whose violations and unknown facts decide
 *  the outcome (sov_check_options.fail_on). */
typedef enum {
	SOV_FAIL_ON_ERROR = 0,   /**< only error rules (the default) */
	SOV_FAIL_ON_WARNING = 1, /**< error and warning rules */
	SOV_FAIL_ON_INFO = 2     /**< every rule */
} sov_fail_on;

/**
 * Options for evaluation. Initialise with SOV_CHECK_OPTIONS_INIT.
 * Version 1 ended at `verdicts_only`, version 2 at `baseline`; the
 * library still accepts both and reads no further.
 */
typedef struct {
	unsigned version;     /**< SOV_CHECK_OPTIONS_VERSION */
	/** "YYYY-MM-DD"; required: the library never reads the clock */
	const char *as_of;
	int ignore_waivers;   /**< evaluate as if no waiver existed, in the
				   deployment or in `waivers` */
	const sov_allocator *allocator; /**< NULL = malloc/realloc/free */
	int suggest;          /**< find alternatives beside violations */
	int verdicts_only;    /**< findings without facet, jurisdictions or
				   explanation: faster, for counts */
	/* Version 2 */
	const sov_waivers *waivers;   /**< a waiver file, or NULL */
	sov_fail_on fail_on;          /**< what decides; default: errors */
	const sov_baseline *baseline; /**< drop findings known from an
					   earlier report, or NULL */
	/* Version 3 */
	/** Answers pinned for unsettled readings, "ID:VALUE" each (as
	 *  `--set reading=ID:VALUE`); a reading left out stays open */
	const char *const *readings;
	size_t nreadings;
} sov_check_options;

#define SOV_CHECK_OPTIONS_INIT \
	{ SOV_CHECK_OPTIONS_VERSION, NULL, 0, NULL, 0, 0, NULL, \
	  SOV_FAIL_ON_ERROR, NULL, NULL, 0 }

/* ------------------------------------------------------------------ */
/* Catalog                                                             */

typedef struct sov_catalog sov_catalog;

/**
 * Loads the catalog: the shipped files built into the library (unless
 * opts->no_builtin_catalog) followed by the files in `paths`.
 *
 * @param out    receives the catalog; set only on SOV_OK
 * @param paths  extra catalog files; may be NULL when npaths is 0
 * @param opts   options or NULL for defaults
 * @param diags  receives every problem found; may be NULL
 * @return SOV_OK, SOV_EINPUT, SOV_EIO, SOV_ELIMIT, SOV_ENOMEM or SOV_EUSAGE
 *
 * The catalog is immutable and may be shared by threads. It compiles each
 * built-in schema the first time a document of that kind needs validating
 * (a policy set, a deployment the quick check cannot vouch for), whichever
 * thread that is; the first load of each kind takes a little longer.
 */
SOV_API int sov_catalog_load(sov_catalog **out, const char *const *paths,
	size_t npaths, const sov_options *opts, sov_diags *diags);
SOV_API void sov_catalog_free(sov_catalog *catalog);

/** What sov_catalog_query_render() reports. */
typedef enum {
	SOV_QUERY_PROVIDERS = 0, /**< every provider, its operator and laws */
	SOV_QUERY_REGIONS = 1,   /**< regions, filtered by provider and set */
	SOV_QUERY_RESOLVE = 2,   /**< one "provider:region" or scope */
	SOV_QUERY_GROUP = 3      /**< a group's members on a date */
} sov_query_kind;

#define SOV_CATALOG_QUERY_VERSION 1

/** A catalog query. Initialise with SOV_CATALOG_QUERY_INIT. */
typedef struct {
	unsigned version;       /**< SOV_CATALOG_QUERY_VERSION */
	sov_query_kind kind;
	const char *provider;   /**< REGIONS: only this provider, or NULL */
	const char *in;         /**< REGIONS: only regions in this group or
				     jurisdiction, or NULL */
	const char *subject;    /**< RESOLVE: "azure:brazilsouth";
				     GROUP: a group id */
	const char *as_of;      /**< "YYYY-MM-DD": required by GROUP, and by
				     REGIONS when `in` is set */
} sov_catalog_query;

#define SOV_CATALOG_QUERY_INIT \
	{ SOV_CATALOG_QUERY_VERSION, SOV_QUERY_PROVIDERS, NULL, NULL, NULL, \
	  NULL }

/**
 * Answers a catalog query as a report in `format` (text or JSON), in a
 * NUL-terminated buffer allocated with the catalog's allocator; free it
 * with sov_catalog_buffer_free().
 *
 * @return SOV_OK; SOV_EINPUT when the query names an unknown provider,
 *         region, scope or group (diags says which, with suggestions);
 *         SOV_EUSAGE; SOV_ENOMEM
 *
 * Thread-safe: the catalog is only read.
 */
SOV_API int sov_catalog_query_render(char **out, size_t *len_out,
	const sov_catalog *catalog, const sov_catalog_query *query,
	sov_format format, sov_diags *diags);
/** Frees a buffer returned by sov_catalog_query_render(). */
SOV_API void sov_catalog_buffer_free(const sov_catalog *catalog, char *buf);

/* ------------------------------------------------------------------ */
/* Policies                                                            */

typedef struct sov_policy sov_policy;

/**
 * Loads, validates and compiles a policy set and the files it includes.
 * Includes are resolved relative to the including file and may not leave
 * the directory of `path`.
 *
 * @return SOV_OK, SOV_EINPUT, SOV_EIO, SOV_ELIMIT, SOV_ENOMEM or SOV_EUSAGE
 *
 * The compiled policy keeps a reference to `catalog`, which must outlive
 * it. It is immutable and may be shared by threads.
 */
SOV_API int sov_policy_load_file(sov_policy **out, const sov_catalog *catalog,
	const char *path, const sov_options *opts, sov_diags *diags);

/**
 * Like sov_policy_load_file() for a document in memory. `name` is used in
 * diagnostics. Includes are refused: there is no directory to confine
 * them to.
 */
SOV_API int sov_policy_load_memory(sov_policy **out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_options *opts, sov_diags *diags);

/** The policy set's id, borrowed. */
SOV_API const char *sov_policy_id(const sov_policy *policy);
/** Number of rules, includes counted. */
SOV_API size_t sov_policy_rule_count(const sov_policy *policy);
/** How many user files the catalog was read from (its --catalog files
 *  and what they <include>, as real paths; the built-in files are not
 *  counted), and the i-th of them (NULL when i is too big). */
SOV_API size_t sov_catalog_file_count(const sov_catalog *catalog);
SOV_API const char *sov_catalog_file(const sov_catalog *catalog, size_t i);
/** How many files the policy set was read from: its own, then each
 *  <include>d one (so that a caller can refuse to write over any). */
SOV_API size_t sov_policy_file_count(const sov_policy *policy);
/** The i-th of them, as the loader named it; NULL when i is too big. */
SOV_API const char *sov_policy_file(const sov_policy *policy, size_t i);
SOV_API void sov_policy_free(sov_policy *policy);

/* ------------------------------------------------------------------ */
/* Deployments                                                         */

typedef struct sov_deployment sov_deployment;

/**
 * Loads and validates a deployment against `catalog` (providers, regions,
 * scopes and entities must exist there).
 *
 * @return SOV_OK, SOV_EINPUT, SOV_EIO, SOV_ELIMIT, SOV_ENOMEM or SOV_EUSAGE
 */
SOV_API int sov_deployment_load_file(sov_deployment **out,
	const sov_catalog *catalog, const char *path, const sov_options *opts,
	sov_diags *diags);
SOV_API int sov_deployment_load_memory(sov_deployment **out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_options *opts, sov_diags *diags);
/** The deployment's id, borrowed. */
SOV_API const char *sov_deployment_id(const sov_deployment *deployment);
SOV_API void sov_deployment_free(sov_deployment *deployment);

/* ------------------------------------------------------------------ */
/* Importing infrastructure code                                       */

/** What sov_deployment_import_*() reads (docs/importers.md). */
typedef enum {
	SOV_IMPORT_AUTO = 0,        /**< detected from the content */
	SOV_IMPORT_DEPLOYMENT,      /**< a deployment document (XML) */
	SOV_IMPORT_TERRAFORM_PLAN,  /**< `terraform show -json PLANFILE` */
	SOV_IMPORT_TERRAFORM_STATE, /**< `terraform show -json` of state */
	SOV_IMPORT_CLOUDFORMATION,  /**< a CloudFormation template */
	SOV_IMPORT_ARM              /**< an Azure Resource Manager template */
} sov_import_format;

/** The format's name as the CLI spells it ("terraform-plan"), or NULL;
 *  static. */
SOV_API const char *sov_import_format_str(sov_import_format format);
/** The format named `name` into *out. SOV_OK or SOV_EUSAGE. */
SOV_API int sov_import_format_parse(sov_import_format *out,
	const char *name);

/**
 * An annotation file (urn:sovereign:annotations:1): the data classes,
 * access origins, key custody, mechanisms, flows and waivers that
 * infrastructure code cannot state, matched to resources by address or
 * PCRE2 pattern. Immutable once loaded; may be shared by threads.
 */
typedef struct sov_annotations sov_annotations;

/** @return SOV_OK, SOV_EINPUT, SOV_EIO, SOV_ELIMIT, SOV_ENOMEM or
 *  SOV_EUSAGE; *out is set only on SOV_OK. */
SOV_API int sov_annotations_load_file(sov_annotations **out,
	const sov_catalog *catalog, const char *path, const sov_options *opts,
	sov_diags *diags);
SOV_API int sov_annotations_load_memory(sov_annotations **out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_options *opts, sov_diags *diags);
SOV_API void sov_annotations_free(sov_annotations *annotations);

#define SOV_IMPORT_OPTIONS_VERSION 1

/** How to import. Initialise with SOV_IMPORT_OPTIONS_INIT. */
typedef struct {
	unsigned version;             /**< SOV_IMPORT_OPTIONS_VERSION */
	sov_import_format format;     /**< SOV_IMPORT_AUTO: from content */
	const char *region;           /**< a CloudFormation stack's region,
					   and Terraform resources' whose
					   provider states none; NULL:
					   unknown */
	const char *location;         /**< an ARM template's resource
					   group location, and Terraform
					   azurerm resources' that state
					   none; NULL: unknown */
	const char *id;               /**< the deployment's id; NULL: from
					   the annotations or the file name */
	const sov_annotations *annotations; /**< or NULL */
} sov_import_options;

#define SOV_IMPORT_OPTIONS_INIT \
	{ SOV_IMPORT_OPTIONS_VERSION, SOV_IMPORT_AUTO, NULL, NULL, NULL, NULL }

/**
 * Reads a Terraform plan or state (`terraform show -json`), a
 * CloudFormation template (JSON or YAML) or an ARM template, or several
 * of them into one deployment, and returns the same sov_deployment that
 * sov_deployment_load_file() returns; a deployment document (XML) is
 * loaded as it is. Findings name the resources' own files and lines.
 * What the input does not state stays unknown, so the rules that need it
 * come out indeterminate. Resources of types no mapping knows are listed
 * in reports as not evaluated.
 *
 * @param paths   npaths >= 1 input files
 * @param iopts   NULL for the defaults
 * @return SOV_OK, SOV_EINPUT (diags say where and why), SOV_EIO,
 *         SOV_ELIMIT, SOV_ENOMEM or SOV_EUSAGE; *out set only on SOV_OK
 */
SOV_API int sov_deployment_import_file(sov_deployment **out,
	const sov_catalog *catalog, const char *const *paths, size_t npaths,
	const sov_import_options *iopts, const sov_options *opts,
	sov_diags *diags);
/** The same from memory; `name` names it in diagnostics and sources. */
SOV_API int sov_deployment_import_memory(sov_deployment **out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_import_options *iopts, const sov_options *opts,
	sov_diags *diags);
/**
 * The deployment document sov_deployment_import_file() would load, as
 * XML text (NUL-terminated, *len_out bytes without the NUL), for
 * `sovereign import`. Free it with sov_catalog_buffer_free().
 */
SOV_API int sov_import_render(char **out, size_t *len_out,
	const sov_catalog *catalog, const char *const *paths, size_t npaths,
	const sov_import_options *iopts, const sov_options *opts,
	sov_diags *diags);
/** Like sov_import_render() for one input in memory; `name` names it in
 *  diagnostics and in the document's sources. */
SOV_API int sov_import_render_memory(char **out, size_t *len_out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_import_options *iopts, const sov_options *opts,
	sov_diags *diags);
/** How many resources of the imported input no mapping knows
 *  (<not-evaluated>); 0 for a deployment written by hand. */
SOV_API size_t sov_deployment_not_evaluated(const sov_deployment *d);

/* ------------------------------------------------------------------ */
/* Waivers and baselines                                               */

/** Fields of a waiver, for sov_waivers_str() and, in a result,
 *  sov_result_waiver_str() and sov_result_waiver_int(). */
typedef enum {
	SOV_W_STATUS,     /**< str: "applied", "unused" or "expired" */
	SOV_W_RULE,       /**< str: rule id */
	SOV_W_POLICY,     /**< str: policy-set id, or NULL: any */
	SOV_W_DEPLOYMENT, /**< str: deployment selector, or NULL: any */
	SOV_W_COMPONENT,  /**< str: component selector, or NULL: any */
	SOV_W_DATA,       /**< str: data class, or NULL: any */
	SOV_W_EXPIRES,    /**< str: "YYYY-MM-DD", last day in force (UTC) */
	SOV_W_REASON,     /**< str: why it was granted */
	SOV_W_REFERENCE,  /**< str: ticket or record, or NULL */
	SOV_W_APPROVER,   /**< str: who approved it, or NULL */
	SOV_W_FILE,       /**< str: file; int: its line */
	SOV_W_USES,       /**< int: findings it waived */
	SOV_W_INDEX       /**< int: its index in the waiver file of the
			       options, -1 for a deployment's own */
} sov_waiver_field;

/**
 * Loads a waiver file (root <waivers>, namespace urn:sovereign:waivers:1),
 * validated against its schema. Each waiver names a rule, optionally a
 * policy, and selects deployments and components by id or pattern ('*',
 * '?'); it holds through the end of its `expires` day, UTC.
 *
 * @return SOV_OK, SOV_EINPUT, SOV_EIO, SOV_ELIMIT, SOV_ENOMEM or SOV_EUSAGE
 *
 * Immutable once loaded; may be shared by threads. Results evaluated
 * with it borrow from it: free them first.
 */
SOV_API int sov_waivers_load_file(sov_waivers **out,
	const sov_catalog *catalog, const char *path, const sov_options *opts,
	sov_diags *diags);
SOV_API int sov_waivers_load_memory(sov_waivers **out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_options *opts, sov_diags *diags);
/** Number of waivers in the file. */
SOV_API size_t sov_waivers_count(const sov_waivers *waivers);
/** A field of the i-th waiver of the file, borrowed (SOV_W_STATUS and
 *  SOV_W_USES have no value outside a result); NULL if absent. */
SOV_API const char *sov_waivers_str(const sov_waivers *waivers, size_t i,
	sov_waiver_field field);
/** SOV_W_FILE: the line of the i-th waiver; SOV_W_INDEX: i; else -1. */
SOV_API long sov_waivers_int(const sov_waivers *waivers, size_t i,
	sov_waiver_field field);
SOV_API void sov_waivers_free(sov_waivers *waivers);

/**
 * Loads an earlier JSON report of `sovereign check` (one report object
 * or an array of them) as a baseline: its violations and indeterminate
 * findings, keyed by deployment, policy, rule, component, data class and
 * verdict. A finding of a new evaluation with the same key is dropped.
 *
 * @return SOV_OK, SOV_EINPUT (not such a report; diags says where),
 *         SOV_EIO, SOV_ELIMIT, SOV_ENOMEM or SOV_EUSAGE
 *
 * Immutable once loaded; may be shared by threads.
 */
SOV_API int sov_baseline_load_file(sov_baseline **out, const char *path,
	const sov_options *opts, sov_diags *diags);
/** Like sov_baseline_load_file() for a report in memory; `name` is used
 *  in diagnostics. */
SOV_API int sov_baseline_load_memory(sov_baseline **out, const char *name,
	const char *data, size_t size, const sov_options *opts,
	sov_diags *diags);
/** Number of failing findings the baseline holds. */
SOV_API size_t sov_baseline_count(const sov_baseline *baseline);
SOV_API void sov_baseline_free(sov_baseline *baseline);

/**
 * Validates a document of any kind, detected from its root element,
 * without keeping it. Policies and deployments are also checked against
 * `catalog`. Writes the detected kind ("catalog", "policy-set",
 * "deployment") to *kind_out when not NULL.
 */
SOV_API int sov_validate_file(const char **kind_out,
	const sov_catalog *catalog, const char *path, const sov_options *opts,
	sov_diags *diags);
/**
 * Like sov_validate_file() for a document in memory; `name` is used in
 * diagnostics. Includes are refused, as by sov_policy_load_memory(); a
 * catalog is refused (SOV_EINPUT): its includes need its directory.
 */
SOV_API int sov_validate_memory(const char **kind_out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const sov_options *opts, sov_diags *diags);

/* ------------------------------------------------------------------ */
/* Evaluation                                                          */

typedef enum {
	SOV_COMPLIANT = 0,
	SOV_VIOLATION = 1,
	SOV_NOT_APPLICABLE = 2,
	SOV_INDETERMINATE = 3,
	SOV_EXCEPTED = 4,
	SOV_WAIVED = 5
} sov_verdict;

typedef enum {
	SOV_DECISION_COMPLIANT = 0,
	SOV_DECISION_NON_COMPLIANT = 1,
	SOV_DECISION_INDETERMINATE = 2
} sov_decision;

typedef struct sov_result sov_result;

/**
 * Evaluates a deployment against one or more compiled policies.
 *
 * @param out       receives the result; set only on SOV_OK
 * @param policies  `npolicies` compiled policies (not NULL)
 * @param opts      as_of is required
 * @param diags     receives usage problems; may be NULL
 * @return SOV_OK, SOV_ENOMEM or SOV_EUSAGE
 *
 * Findings are sorted by policy order, rule order, component, data class.
 * Not-applicable pairs are counted but not kept as findings.
 *
 * The result borrows from `deployment` and `policies`: free the result
 * before either of them.
 */
SOV_API int sov_evaluate(sov_result **out, const sov_policy *const *policies,
	size_t npolicies, const sov_deployment *deployment,
	const sov_check_options *opts, sov_diags *diags);

SOV_API sov_decision sov_result_decision(const sov_result *result);
/** Number of kept findings (every verdict but not-applicable). */
SOV_API size_t sov_result_count(const sov_result *result);
/** Number of (rule, subject) pairs with verdict `v`. */
SOV_API size_t sov_result_verdict_count(const sov_result *result,
	sov_verdict v);
/** Number of policies the result was evaluated against. */
SOV_API size_t sov_result_policy_count(const sov_result *result);
/** The id of the i-th policy, borrowed; NULL if out of range. */
SOV_API const char *sov_result_policy_id(const sov_result *result,
	size_t i);
/** (rule, subject) pairs of the i-th policy with verdict `v`. */
SOV_API size_t sov_result_policy_verdicts(const sov_result *result,
	size_t i, sov_verdict v);
/** The decision the i-th policy alone gives. */
SOV_API sov_decision sov_result_policy_decision(const sov_result *result,
	size_t i);
SOV_API void sov_result_free(sov_result *result);
/** Failing findings dropped because the baseline had them. */
SOV_API size_t sov_result_baselined(const sov_result *result);


/**
 * The waivers that could apply to the evaluated deployment: its own, then
 * those of sov_check_options.waivers whose deployment selector matches,
 * each with what became of it. None when waivers were ignored.
 */
SOV_API size_t sov_result_waiver_count(const sov_result *result);
SOV_API const char *sov_result_waiver_str(const sov_result *result,
	size_t i, sov_waiver_field field);
/** An integer field (SOV_W_FILE: line, SOV_W_USES, SOV_W_INDEX); -1
 *  if absent. */
SOV_API long sov_result_waiver_int(const sov_result *result, size_t i,
	sov_waiver_field field);

/** Fields of a finding, for sov_finding_str() and sov_finding_int(). */
typedef enum {
	SOV_F_POLICY,        /**< str: policy-set id */
	SOV_F_RULE,          /**< str: rule id */
	SOV_F_TITLE,         /**< str: rule title */
	SOV_F_SEVERITY,      /**< str: "error", "warning", "info" */
	SOV_F_VERDICT,       /**< str: verdict name; int: sov_verdict */
	SOV_F_COMPONENT,     /**< str: component id */
	SOV_F_DATA,          /**< str: data class id, or NULL */
	SOV_F_FACET,         /**< str: facet the verdict rests on, or NULL */
	SOV_F_OFFENDING,     /**< str: jurisdictions, space-separated (1) */
	SOV_F_EXPLANATION,   /**< str: why, in one sentence */
	SOV_F_AGAINST,       /**< str: the set checked against, or NULL */
	SOV_F_MISSING,       /**< str: the unknown fact, or NULL */
	SOV_F_EXCEPTION,     /**< str: the `unless` that held, or NULL */
	SOV_F_WAIVER,        /**< str: waiver applied or expired, or NULL */
	SOV_F_INSTRUMENT,    /**< str: first citation's instrument */
	SOV_F_ARTICLE,       /**< str: first citation's article */
	SOV_F_URL,           /**< str: first citation's URL, or NULL */
	SOV_F_REMEDIATION,   /**< str: remediation text, or NULL */
	SOV_F_RULE_FILE,     /**< str: file of the rule; int: its line */
	SOV_F_COMPONENT_FILE, /**< str: file of the component; int: line */
	SOV_F_FIX,           /**< str: a change that fixes it (--suggest) */
	SOV_F_ALTERNATIVES   /**< str: compliant regions of the same provider,
				  nearest first, space-separated (--suggest) */
} sov_field;
/* (1) For a violation, an excepted or a waived finding: the jurisdictions
 * that break the rule. For a compliant one: those found on the facet. */

/** A string field of finding i, borrowed from `result`; NULL if absent. */
SOV_API const char *sov_finding_str(const sov_result *result, size_t i,
	sov_field field);
/** An integer field of finding i (verdict, lines); -1 if absent. */
SOV_API long sov_finding_int(const sov_result *result, size_t i,
	sov_field field);

/** A static name for a verdict ("compliant", "violation", ...). */
SOV_API const char *sov_verdict_str(sov_verdict v);
/** A static name for a decision ("compliant", "non-compliant", ...). */
SOV_API const char *sov_decision_str(sov_decision d);

/* ------------------------------------------------------------------ */
/* Placement                                                           */

#define SOV_WHERE_OPTIONS_VERSION 2

/**
 * A placement question: where could a component of this kind, holding
 * these data classes, go under every given policy? Initialise with
 * SOV_WHERE_OPTIONS_INIT. Version 1 ended at `ntags`; the library still
 * accepts it and reads no further.
 */
typedef struct {
	unsigned version;           /**< SOV_WHERE_OPTIONS_VERSION */
	const char *as_of;          /**< "YYYY-MM-DD"; required */
	const char *provider;       /**< only this provider; NULL: all */
	const char *const *data;    /**< data classes the component stores */
	size_t ndata;
	int process_only;           /**< the data is processed, not stored */
	const char *kind;           /**< component kind; NULL: "database" */
	const char *redundancy;     /**< "none" (default), "zone" or "geo" */
	const char *scope;          /**< route through this scope, or NULL */
	int scopes;                 /**< candidates are routing scopes */
	const char *const *access;  /**< access origins (codes); none: NULL */
	size_t naccess;
	const char *key_custody;    /**< "customer", "provider", "third-party"
					 or NULL (keys not stated) */
	const char *key_location;   /**< a jurisdiction code, or NULL: the
					 candidate region's country */
	const sov_allocator *allocator; /**< NULL = malloc/realloc/free */
	const char *const *tags;    /**< component tags, e.g. the label a
					 regime selects with a tag */
	size_t ntags;
	/* Version 2 */
	/** Answers pinned for unsettled readings, "ID:VALUE" each, as in
	 *  sov_check_options; every candidate is judged on them */
	const char *const *readings;
	size_t nreadings;
} sov_where_options;

#define SOV_WHERE_OPTIONS_INIT \
	{ SOV_WHERE_OPTIONS_VERSION, NULL, NULL, NULL, 0, 0, NULL, NULL, \
	  NULL, 0, NULL, 0, NULL, NULL, NULL, NULL, 0, NULL, 0 }

typedef struct sov_placement sov_placement;

/**
 * Evaluates every candidate region (or routing scope) of the chosen
 * providers as a one-component deployment against `policies`. A candidate
 * is allowed when no error-severity rule finds a violation or an unknown
 * fact. When none is allowed, the placement names a minimal set of rules
 * that together rule out every candidate (the conflict).
 *
 * A data class that no rule of the policies names gets a warning in
 * `diags` (a typo would otherwise make every region look allowed).
 *
 * @return SOV_OK, SOV_EINPUT (unknown provider or scope; see diags),
 *         SOV_EUSAGE (also a pin naming no reading of the policies, or
 *         no answer of it; see diags) or SOV_ENOMEM
 *
 * The placement borrows from `policies`: free it first.
 */
SOV_API int sov_where(sov_placement **out, const sov_policy *const *policies,
	size_t npolicies, const sov_where_options *opts, sov_diags *diags);

/** Number of candidates evaluated. */
SOV_API size_t sov_placement_count(const sov_placement *placement);
/** Number of allowed candidates. */
SOV_API size_t sov_placement_allowed(const sov_placement *placement);

/** Fields of a candidate, for sov_candidate_str(). */
typedef enum {
	SOV_C_PROVIDER,      /**< provider id */
	SOV_C_REGION,        /**< region id, or the scope id for scopes */
	SOV_C_CITY,          /**< city, or NULL */
	SOV_C_JURISDICTION,  /**< the region's jurisdiction code */
	SOV_C_PAIR,          /**< paired region id, or NULL */
	SOV_C_PAIR_JURISDICTION, /**< the pair's jurisdiction, or NULL */
	SOV_C_STATUS,        /**< "allowed" or "ruled-out" */
	SOV_C_RULE,          /**< the first rule ruling it out, or NULL */
	SOV_C_REASON,        /**< why that rule rules it out, or NULL */
	SOV_C_RESTRICTED     /**< "restricted" for a region the provider
				  opens only on request, else NULL */
} sov_candidate_field;

/** A field of candidate i, borrowed from the placement; NULL if absent. */
SOV_API const char *sov_candidate_str(const sov_placement *placement,
	size_t i, sov_candidate_field field);
/** Number of rules in the conflict (0 when something is allowed). */
SOV_API size_t sov_placement_conflict_count(const sov_placement *placement);
/** The i-th conflicting rule as "policy-id:rule-id", borrowed. */
SOV_API const char *sov_placement_conflict(const sov_placement *placement,
	size_t i);
/**
 * Renders the placement (text: allowed candidates grouped by country,
 * plus ruled-out ones with their first rule when `explain`; or JSON).
 * Free the buffer with sov_placement_buffer_free().
 */
SOV_API int sov_placement_render(char **out, size_t *len_out,
	const sov_placement *placement, sov_format format, int explain);
SOV_API void sov_placement_buffer_free(const sov_placement *placement,
	char *buf);
SOV_API void sov_placement_free(sov_placement *placement);

/**
 * Compiles the policy set at `path` and adds to `diags` warnings about
 * what compiles but looks wrong: unused groups, rules that can never
 * apply, duplicate rules, dates in the past, slow patterns, scope terms
 * one typo from the common vocabulary; and notes (citations without a
 * URL, rules without remediation). Errors are those of compilation.
 *
 * @param warnings_out  receives the number of warnings; may be NULL
 * @param as_of         "YYYY-MM-DD", the date expiry is judged against
 * @return SOV_OK when the policy compiles, else as sov_policy_load_file()
 */
SOV_API int sov_lint_file(size_t *warnings_out, const sov_catalog *catalog,
	const char *path, const char *as_of, sov_diags *diags);
/** Like sov_lint_file() with loading options (size limit, allocator);
 *  opts may be NULL. */
SOV_API int sov_lint_file_opts(size_t *warnings_out,
	const sov_catalog *catalog, const char *path, const char *as_of,
	const sov_options *opts, sov_diags *diags);
/** Like sov_lint_file_opts() for a policy set in memory; `name` is used
 *  in diagnostics. Includes are refused, as by sov_policy_load_memory(). */
SOV_API int sov_lint_memory(size_t *warnings_out,
	const sov_catalog *catalog, const char *name, const char *data,
	size_t size, const char *as_of, const sov_options *opts,
	sov_diags *diags);

/* ------------------------------------------------------------------ */
/* Policy tests                                                        */

typedef struct sov_tests sov_tests;

/** Creates an empty test run. @return SOV_OK or SOV_ENOMEM */
SOV_API int sov_tests_new(sov_tests **out, const sov_options *opts);
/**
 * Runs the policy test file at `path` (root <policy-tests>, namespace
 * urn:sovereign:tests:1): loads its policy and catalogs, evaluates each
 * case and compares the findings with the expected ones. A file of
 * another kind is skipped: *ran_out is 0 then.
 * @return SOV_OK (even when cases fail; see sov_tests_failed()),
 *         SOV_EINPUT or SOV_EIO when the file or what it names cannot
 *         be loaded (see diags), SOV_ENOMEM
 */
SOV_API int sov_tests_run_file(sov_tests *tests, const char *path,
	int *ran_out, sov_diags *diags);
/** Cases run so far. */
SOV_API size_t sov_tests_cases(const sov_tests *tests);
/** Cases that failed so far. */
SOV_API size_t sov_tests_failed(const sov_tests *tests);
/** Rules of the tested policies lacking a passing case where they hold
 *  or one where they break. */
SOV_API size_t sov_tests_uncovered(const sov_tests *tests);
/**
 * The run as text: one line per case, the mismatches under each failed
 * one, the coverage when `coverage`, and a closing "N passed, N failed"
 * line. Free with sov_tests_buffer_free().
 */
SOV_API int sov_tests_render(char **out, size_t *len_out,
	const sov_tests *tests, int coverage);
SOV_API void sov_tests_buffer_free(const sov_tests *tests, char *buf);
SOV_API void sov_tests_free(sov_tests *tests);

/* ------------------------------------------------------------------ */
/* Reports                                                             */

#define SOV_REPORT_OPTIONS_VERSION 3

/** Where an SVG renderer writes: put(sink, bytes, n), as often as needed. */
typedef void (*sov_sink_fn)(void *sink, const char *s, size_t n);

/**
 * Draws a Graphviz graph (DOT text, `len` bytes, NUL-terminated) as SVG
 * through `put`. Returns 0 when it drew it; anything else leaves the
 * drawing out (the HTML report then lists the flows only). The library
 * does not call Graphviz itself, since Graphviz keeps global state: the
 * CLI passes one built on libgvc (docs/api.md shows it).
 */
typedef int (*sov_svg_renderer)(void *ctx, const char *dot, size_t len,
	sov_sink_fn put, void *sink);

/** Report options. Versions 1 (up to `verbose`) and 2 (up to `inner`)
 * are still accepted. */
typedef struct {
	unsigned version;   /**< SOV_REPORT_OPTIONS_VERSION */
	int color;          /**< text: ANSI colours */
	int verbose;        /**< text: list compliant and excepted too */
	/* Version 2 */
	int quiet;          /**< text, markdown: only the findings that
				 decide, and nothing for a compliant
				 deployment */
	int inner;          /**< only this deployment's part: the run
				 (SARIF), the test suites (JUnit), the
				 section (HTML); see sov_report_envelope() */
	/* Version 3 */
	sov_svg_renderer render_svg; /**< html: draws the flow diagram, or
					  NULL to list the flows only */
	void *render_ctx;            /**< passed to render_svg */
} sov_report_options;

#define SOV_REPORT_OPTIONS_INIT \
	{ SOV_REPORT_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0 }

/** Pieces of a report that holds several deployments. */
typedef enum {
	SOV_ENVELOPE_OPEN = 0,  /**< before the first deployment */
	SOV_ENVELOPE_SEP = 1,   /**< between two deployments */
	SOV_ENVELOPE_CLOSE = 2  /**< after the last */
} sov_envelope_piece;

/**
 * The text around the parts of several deployments in one document:
 * OPEN, part, SEP, part, ..., CLOSE, where each part is rendered with
 * `inner` set. JSON gives an array of reports, SARIF one log with a run
 * per deployment, JUnit one <testsuites>; text reports are separated by
 * a blank line; Markdown, NDJSON and DOT parts simply follow each other.
 * A static string; "" when nothing is needed.
 */
SOV_API const char *sov_report_envelope(sov_format format,
	sov_envelope_piece piece);

/**
 * Renders `result` into a NUL-terminated buffer allocated with the
 * result's allocator; free it with sov_buffer_free(result, buf).
 * @return SOV_OK, SOV_ENOMEM or SOV_EUSAGE
 */
SOV_API int sov_report_render(char **out, size_t *len_out,
	const sov_result *result, sov_format format,
	const sov_report_options *opts);
/** Frees a buffer returned by sov_report_render(). */
SOV_API void sov_buffer_free(const sov_result *result, char *buf);
/** Renders `result` to `fp`. @return SOV_OK, SOV_EIO, SOV_ENOMEM */
SOV_API int sov_report_write(FILE *fp, const sov_result *result,
	sov_format format, const sov_report_options *opts);

#ifdef __cplusplus
}
#endif
#endif /* SOVEREIGN_H */
