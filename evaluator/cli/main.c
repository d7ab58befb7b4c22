/*
 * main.c - the sovereign command-line tool. It uses only the public API
 * in sovereign.h; it renders diagnostics, reads the clock for the default
 * as-of date, and turns decisions into exit codes.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"


typedef enum {
	OPT_POLICY, OPT_CATALOG, OPT_AS_OF, OPT_FORMAT, OPT_OUTPUT,
	OPT_NO_WAIVERS, OPT_VERBOSE, OPT_COLOR, OPT_NO_BUILTIN, OPT_PROVIDER,
	OPT_IN, OPT_DATA, OPT_KIND, OPT_REDUNDANCY, OPT_SCOPE, OPT_SCOPES,
	OPT_PROCESS_ONLY, OPT_ACCESS, OPT_KEY_CUSTODY, OPT_KEY_LOCATION,
	OPT_EXPLAIN, OPT_SUGGEST, OPT_COVERAGE, OPT_JOBS, OPT_FILES_FROM,
	OPT_STDIN_NDJSON, OPT_SUMMARY, OPT_QUIET, OPT_TAG, OPT_MAX_INPUT,
	OPT_WAIVERS, OPT_FAIL_ON, OPT_BASELINE, OPT_FROM, OPT_ANNOTATIONS,
	OPT_REGION, OPT_LOCATION, OPT_ID, OPT_NO_DIAGRAM, OPT_FOLLOW, OPT_SET,
	OPT_HELP, OPT_COUNT
} opt_id;

typedef struct {
	const char *longname;
	char shortname;
	const char *arg;      /* name of the value, NULL for a flag */
	opt_id id;
	/* "c" check, "v" validate, "g" catalog, "w" where, "t" test,
	 * "l" lint, "i" import */
	const char *commands;
	const char *help;
} option;

static const option options[] = {
	{ "policy", 'p', "FILE", OPT_POLICY, "cw",
	  "policy set to check against (repeatable, at least one);\n"
	  "                               a directory gives its *.xml "
	  "files" },
	{ "catalog", 0, "FILE", OPT_CATALOG, "cvgwli",
	  "extra catalog file, read after the built-in one (repeatable)" },
	{ "no-builtin-catalog", 0, NULL, OPT_NO_BUILTIN, "cvgwli",
	  "use only the --catalog files" },
	{ "as-of", 0, "DATE", OPT_AS_OF, "cgwl",
	  "evaluate as of DATE, YYYY-MM-DD (default: today, UTC)" },
	{ "format", 'f', "FMT", OPT_FORMAT, "cgw",
	  "text (default) or json; check also: sarif, junit, markdown, "
	  "ndjson, dot, html; where also: html" },
	{ "provider", 0, "ID", OPT_PROVIDER, "gw",
	  "only this provider's regions (default: every provider)" },
	{ "data", 'd', "CLASS", OPT_DATA, "w",
	  "a data class the component holds (repeatable)" },
	{ "kind", 0, "KIND", OPT_KIND, "w",
	  "component kind (default: database)" },
	{ "redundancy", 0, "R", OPT_REDUNDANCY, "w",
	  "none (default), zone or geo" },
	{ "scope", 0, "ID", OPT_SCOPE, "w",
	  "the component routes through this scope of --provider" },
	{ "tag", 0, "TAG", OPT_TAG, "w",
	  "a component tag, e.g. gaia-x-label-3 (repeatable)" },
	{ "scopes", 0, NULL, OPT_SCOPES, "w",
	  "candidates are routing scopes instead of regions" },
	{ "process-only", 0, NULL, OPT_PROCESS_ONLY, "w",
	  "the data is processed there, not stored" },
	{ "access", 0, "CODE", OPT_ACCESS, "w",
	  "an access origin (repeatable; default: no access)" },
	{ "key-custody", 0, "WHO", OPT_KEY_CUSTODY, "w",
	  "customer, provider or third-party (default: not stated)" },
	{ "key-location", 0, "CODE", OPT_KEY_LOCATION, "w",
	  "where keys are held (default: the candidate's country)" },
	{ "explain", 0, NULL, OPT_EXPLAIN, "w",
	  "also list ruled-out candidates with the rule against each" },
	{ "in", 0, "SET", OPT_IN, "g",
	  "regions: only those in this group or jurisdiction" },
	{ "output", 'o', "FILE", OPT_OUTPUT, "ci",
	  "write to FILE, replaced only when complete" },
	{ "from", 0, "FORMAT", OPT_FROM, "cvi",
	  "input format: auto (default: from the content), deployment,\n"
	  "                               terraform-plan, terraform-state, "
	  "cloudformation, arm" },
	{ "annotations", 0, "FILE", OPT_ANNOTATIONS, "cvi",
	  "facts a plan or template cannot state (docs/importers.md)" },
	{ "region", 0, "REGION", OPT_REGION, "cvi",
	  "the region of a CloudFormation stack, and of Terraform\n"
	  "                               resources whose provider states "
	  "none" },
	{ "location", 0, "LOCATION", OPT_LOCATION, "cvi",
	  "the location of an ARM template's resource group, and of\n"
	  "                               Terraform resources that state "
	  "none" },
	{ "id", 0, "ID", OPT_ID, "i",
	  "the deployment's id (default: annotations, else the file name)" },
	{ "jobs", 'j', "N", OPT_JOBS, "c",
	  "worker threads (default: the number of cores)" },
	{ "files-from", 0, "FILE", OPT_FILES_FROM, "c",
	  "read deployment paths, one per line, from FILE (- for stdin)" },
	{ "stdin-ndjson", 0, NULL, OPT_STDIN_NDJSON, "c",
	  "filter mode: {\"id\",\"xml\"} lines in, one result line out" },
	{ "summary", 0, "FMT", OPT_SUMMARY, "c",
	  "write a deployment x policy matrix (csv or json) instead" },
	{ "quiet", 'q', NULL, OPT_QUIET, "c",
	  "only failing findings, nothing for compliant deployments" },
	{ "suggest", 0, NULL, OPT_SUGGEST, "c",
	  "beside each violation, compliant alternatives and fixes" },
	{ "waivers", 0, "FILE", OPT_WAIVERS, "c",
	  "a waiver file; expired and unused waivers are reported" },
	{ "no-waivers", 0, NULL, OPT_NO_WAIVERS, "c",
	  "evaluate as if no waiver existed, in a file or a deployment" },
	{ "fail-on", 0, "LEVEL", OPT_FAIL_ON, "c",
	  "error (default), warning or info: the rules that can fail" },
	{ "baseline", 0, "REPORT", OPT_BASELINE, "c",
	  "a JSON report from an earlier run: report only new findings" },
	{ "set", 0, "reading=ID:VALUE", OPT_SET, "cw",
	  "pin an answer of an unsettled reading (repeatable;\n"
	  "                               default: open, so indeterminate)" },
	{ "verbose", 'v', NULL, OPT_VERBOSE, "c",
	  "text: also list compliant and excepted findings; html: in full"
	  " in a batch too" },
	{ "follow-symlinks", 0, NULL, OPT_FOLLOW, "c",
	  "in directories, follow symbolic links (as find -L); each file "
	  "is still read once" },
	{ "no-diagram", 0, NULL, OPT_NO_DIAGRAM, "c",
	  "html: leave out the flow diagrams (smaller, faster batches)" },
	{ "color", 0, "WHEN", OPT_COLOR, "c",
	  "auto (on a terminal unless NO_COLOR is set), always, never" },
	{ "coverage", 0, NULL, OPT_COVERAGE, "t",
	  "list rules lacking a passing case both ways; fail if any" },
	{ "max-input-size", 0, "BYTES", OPT_MAX_INPUT, "cvgwtli",
	  "refuse documents larger than this (default 16777216)" },
	{ "help", 'h', NULL, OPT_HELP, "cvgwtli", "show this help" },
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))


/* What '-' and '--' mean, as every command that reads documents says. */
static const char *stdin_help =
	"A FILE of '-' is standard input (once: it holds one document); "
	"'--' ends the\noptions, so '-- -o' names a file called -o.\n";

static const char *exit_help =
	"Exit codes:\n"
	"  0  compliant: no failing violation or indeterminate finding\n"
	"  1  non-compliant: at least one failing violation\n"
	"  2  indeterminate: a rule that can fail needs a fact not stated\n"
	"  3  bad input or usage: a document is invalid, or bad arguments\n"
	"  4  internal error (out of memory, cannot write output)\n"
	"  5  where: no placement satisfies every policy\n"
	"A finding fails when it is not waived, not in the --baseline\n"
	"report, and its rule's severity is error or as low as --fail-on\n"
	"allows.\n"
	"With several deployments: 4 or 3 if any input failed, else 1 if any\n"
	"is non-compliant, else 2 if any is indeterminate, else 0.\n";

/* ------------------------------------------------------------------ */
/* Help                                                                */

static void print_options(FILE *fp, char command)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++) {
		const option *o = &options[i];
		char left[48];

		if (!strchr(o->commands, command))
			continue;
		if (o->id == OPT_FORMAT && command != 'c') {
			fprintf(fp, "  %-28s %s\n", "-f, --format FMT",
				command == 'w' ?
				"text (default), json or html" :
				"text (default) or json");
			continue;
		}
		snprintf(left, sizeof(left), "%c%c%c --%s%s%s",
			o->shortname ? '-' : ' ',
			o->shortname ? o->shortname : ' ',
			o->shortname ? ',' : ' ', o->longname,
			o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(fp, "  %-28s %s\n", left, o->help);
	}
}

static void usage_main(FILE *fp)
{
	fprintf(fp,
		"Usage: sovereign COMMAND [OPTIONS] ...\n\n"
		"Checks where a cloud or AI workload's data lives, is "
		"processed and can be\nreached from against "
		"data-residency and "
		"sovereignty policy sets.\n\n"
		"Commands:\n"
		"  check     evaluate deployments against policy sets\n"
		"  import    turn Terraform plans, CloudFormation or ARM "
		"templates into a\n            deployment document\n"
		"  validate  check documents against their schemas and the "
		"catalog\n"
		"  where     find the regions where a component may go\n"
		"  test      run policy test cases\n"
		"  lint      find what compiles in a policy set but looks "
		"wrong\n"
		"  catalog   list and query providers, regions and groups\n"
		"  help      show help for a command\n\n"
		"Options:\n"
		"  -h, --help     show this help\n"
		"      --version  show the version\n\n"
		"Run 'sovereign COMMAND --help' for a command's "
		"options.\n\n%s",
		exit_help);
}

static void usage_check(FILE *fp)
{
	fprintf(fp,
		"Usage: sovereign check -p POLICY [-p POLICY ...] [OPTIONS] "
		"DEPLOYMENT|PLAN|TEMPLATE|DIR...\n"
		"       sovereign check -p POLICY ... --files-from FILE\n"
		"       sovereign check -p POLICY ... --stdin-ndjson\n\n"
		"Evaluates each DEPLOYMENT against every POLICY and reports, "
		"per component and\ndata class, which rules hold, which break "
		"and why. With several deployments\nthe output is one "
		"document: a JSON array of reports, a SARIF log with a run\n"
		"per deployment, or one JUnit <testsuites>.\n\n"
		"A Terraform plan or state (terraform show -json), a "
		"CloudFormation or an ARM\ntemplate is read as the deployment "
		"it describes (see 'sovereign import');\na directory gives "
		"its *.xml files, each once; symbolic links inside it are\n"
		"not followed, as by find ('find -L DIR -name \"*.xml\"' "
		"piped to --files-from -\nfollows them). A -p directory gives "
		"its *.xml files in name order, without\nits subdirectories, "
		"where the parts a policy set includes can stay.\n%s\n"
		"Options:\n", stdin_help);
	print_options(fp, 'c');
	fprintf(fp, "\n%s", exit_help);
}

static void usage_catalog(FILE *fp)
{
	fprintf(fp,
		"Usage: sovereign catalog providers [OPTIONS]\n"
		"       sovereign catalog regions [--provider ID] [--in SET] "
		"[OPTIONS]\n"
		"       sovereign catalog resolve "
		"PROVIDER:REGION|PROVIDER:SCOPE [OPTIONS]\n"
		"       sovereign catalog group GROUP [--as-of DATE] "
		"[OPTIONS]\n\n"
		"Answers questions about the catalog: the built-in one plus "
		"any --catalog\nfiles. 'resolve' shows a region's country, "
		"city, pair and the pair's\ncountry, the routing scopes it "
		"belongs to, its operator's control chain,\nshareholders and "
		"sector, the provider's residency commitments there; or a\n"
		"routing scope's regions. 'group' lists members on a date.\n\n"
		"Options:\n");
	print_options(fp, 'g');
	fprintf(fp, "\nExit codes: 0 answered, 3 unknown id or bad usage, "
		"4 internal error.\n");
}

static void usage_where(FILE *fp)
{
	fprintf(fp,
		"Usage: sovereign where -p POLICY [-p POLICY ...] [--provider "
		"ID] [-d CLASS ...]\n"
		"                       [--kind KIND] [--redundancy R] "
		"[--scope ID] [OPTIONS]\n\n"
		"Lists the regions (or, with --scopes, the routing scopes) "
		"where a component\nof that kind, holding those data classes, "
		"gets no error-severity violation\nand no error-severity "
		"unknown fact under every policy: pairs, scopes and\nthe "
		"provider's control facts included. Allowed regions are "
		"grouped by country.\nWhen none is allowed, a minimal set of "
		"conflicting rules is named.\nA -p directory gives its *.xml "
		"files in name order, without its subdirectories;\n-p - reads "
		"a policy set from standard input.\n\nOptions:\n");
	print_options(fp, 'w');
	fprintf(fp, "\nExit codes: 0 a placement exists, 5 no placement "
		"exists, 3 bad input or usage,\n4 internal error.\n");
}

static void usage_test(FILE *fp)
{
	fprintf(fp,
		"Usage: sovereign test [--coverage] PATH...\n\n"
		"Runs the policy test files (root <policy-tests>) in each "
		"PATH, a file or a\ndirectory searched recursively for *.xml; "
		"other documents are skipped. Each\ncase evaluates a "
		"deployment "
		"against the policy under test and compares the\nfindings "
		"with the expected ones. A test file names its policy and\n"
		"deployments relative to itself, so none is read from "
		"standard input ('-').\n'--' ends the options.\n\n"
		"Options:\n");
	print_options(fp, 't');
	fprintf(fp, "\nExit codes: 0 every case passed (and, with "
		"--coverage, every rule is covered\nboth ways), 1 a case "
		"failed or a rule is not covered, 3 a test file or what\nit "
		"names cannot be loaded, 4 internal error.\n");
}

static void usage_lint(FILE *fp)
{
	fprintf(fp,
		"Usage: sovereign lint [OPTIONS] POLICY|DIR...\n\n"
		"Compiles each policy set and reports, with "
		"file:line:column, what compiles but\nlooks wrong: unused "
		"groups, rules that can never apply, duplicate rules,\n"
		"expired effective dates, patterns prone to slow "
		"backtracking, scope terms one\ntypo away from the common "
		"vocabulary; and notes: citations without a URL,\nrules "
		"without remediation. A directory gives its *.xml files in "
		"name order,\nwithout its subdirectories.\n%s\nOptions:\n",
		stdin_help);
	print_options(fp, 'l');
	fprintf(fp, "\nExit codes: 0 clean (notes allowed), 1 warnings, "
		"3 a policy does not compile,\n4 internal error.\n");
}

static void usage_import(FILE *fp)
{
	fprintf(fp,
		"Usage: sovereign import [--from FORMAT] [--annotations FILE] "
		"[-o OUT.xml] FILE...\n\n"
		"Writes one deployment document from infrastructure code: "
		"Terraform plans and\nstate as 'terraform show -json' prints "
		"them, CloudFormation templates (JSON\nor YAML) and ARM "
		"templates. Each component names the resource it comes from\n"
		"(address or logical id, file:line). What the code cannot say "
		"- which data a\nresource holds, who reaches it from where, "
		"key custody - comes from tags\n"
		"(sovereign:data = \"personal\") "
		"or an annotation file; what neither states\nstays unstated, "
		"so the rules that need it come out indeterminate. Resources\n"
		"of types no mapping knows are listed as not evaluated. "
		"docs/importers.md has\nthe mappings. Standard input ('-') is "
		"imported alone; its deployment's id\ncomes from --id or the "
		"annotations.\n%s\nOptions:\n", stdin_help);
	print_options(fp, 'i');
	fprintf(fp, "\nExit codes: 0 written, 3 bad input or usage, "
		"4 internal error.\n");
}

static void usage_validate(FILE *fp)
{
	fprintf(fp,
		"Usage: sovereign validate [OPTIONS] FILE...\n\n"
		"Validates each FILE: its kind (catalog, policy-set or "
		"deployment) comes from its\nroot element; it is checked "
		"against its schema and, for policies and\ndeployments, "
		"against the catalog. A plan or a template (see "
		"'sovereign import')\nis imported, and the deployment it "
		"gives is checked the same way. Prints\none line per valid "
		"file. A catalog is validated from its file only.\n%s\n"
		"Options:\n", stdin_help);
	print_options(fp, 'v');
	fprintf(fp, "\nExit codes: 0 all valid, 3 a file is invalid, "
		"4 internal error.\n");
}

/* ------------------------------------------------------------------ */
/* Arguments                                                           */

static const char *command_name(char letter)
{
	return letter == 'c' ? "check" : letter == 'v' ? "validate" :
	       letter == 'w' ? "where" : letter == 't' ? "test" :
	       letter == 'l' ? "lint" : letter == 'i' ? "import" : "catalog";
}

static const option *find_option(const char *arg, char command)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++) {
		const option *o = &options[i];

		if (!strchr(o->commands, command))
			continue;
		if (arg[1] == '-' && strcmp(arg + 2, o->longname) == 0)
			return o;
		if (arg[1] != '-' && arg[2] == '\0' && arg[1] == o->shortname)
			return o;
	}
	return NULL;
}

const char *const format_names[] = {
	"text", "json", "sarif", "junit", "markdown", "ndjson", "dot",
	"html",
};

static int set_format(settings *s, const char *v)
{
	size_t i, n = sizeof(format_names) / sizeof(format_names[0]);

	for (i = 0; i < n; i++)
		if (strcmp(v, format_names[i]) == 0) {
			s->format = (sov_format)i;
			return 0;
		}
	return fprintf(stderr, "sovereign: unknown format '%s' (expected "
		"text, json, sarif, junit, markdown, ndjson, dot or html)\n",
		v),
	       -1;
}

static int set_jobs(settings *s, const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*end || n < 1 || n > 64)
		return fprintf(stderr, "sovereign: -j expects a number from 1 "
			"to 64, not '%s'\n", v), -1;
	s->jobs = (int)n;
	return 0;
}

/* The library takes --as-of as an xs:date; checked here as it does, so
 * that a bad date is said once, not once per deployment. */
static int is_date(const char *v)
{
	static const char mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	const char *z = v + 10;
	int i, y, m, d;

	if (strlen(v) < 10 || v[4] != '-' || v[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
			return 0;
	y = atoi(v);
	m = atoi(v + 5);
	d = atoi(v + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
		return 0;
	/* A time zone, as xs:date allows: Z, +hh:mm or -hh:mm. */
	return !*z || strcmp(z, "Z") == 0 || ((*z == '+' || *z == '-') &&
		strlen(z) == 6 && z[3] == ':' && strspn(z + 1, "0123456789")
		== 2 && strspn(z + 4, "0123456789") == 2);
}

static int set_as_of(settings *s, const char *v)
{
	if (!is_date(v))
		return fprintf(stderr, "sovereign: --as-of expects a date "
			"YYYY-MM-DD, not '%s'\n", v), -1;
	s->as_of = v;
	return 0;
}

static int set_max_input(settings *s, const char *v)
{
	char *end;
	unsigned long long n = strtoull(v, &end, 10);

	if (*end || n < 1024 || n > 1024ULL * 1024 * 1024 || *v == '-')
		return fprintf(stderr, "sovereign: --max-input-size expects "
			"bytes from 1024 to 1073741824, not '%s'\n", v), -1;
	s->max_input = (size_t)n;
	return 0;
}

static int set_summary(settings *s, const char *v)
{
	if (strcmp(v, "csv") == 0)
		s->summary = 1;
	else if (strcmp(v, "json") == 0)
		s->summary = 2;
	else
		return fprintf(stderr, "sovereign: --summary expects csv or "
			"json, not '%s'\n", v), -1;
	return 0;
}

static int set_fail_on(settings *s, const char *v)
{
	static const char *const levels[] = { "error", "warning", "info" };
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(v, levels[i]) == 0) {
			s->fail_on = (sov_fail_on)i;
			return 0;
		}
	return fprintf(stderr, "sovereign: --fail-on expects error, warning "
		"or info, not '%s'\n", v), -1;
}

static int set_color(settings *s, const char *v)
{
	if (strcmp(v, "always") == 0)
		s->color = 1;
	else if (strcmp(v, "never") == 0)
		s->color = 0;
	else if (strcmp(v, "auto") != 0)
		return fprintf(stderr, "sovereign: --color expects auto, "
			"always or never, not '%s'\n", v), -1;
	return 0;
}

static int set_from(settings *s, const char *v)
{
	if (sov_import_format_parse(&s->from, v) == SOV_OK)
		return 0;
	return fprintf(stderr, "sovereign: --from expects auto, deployment, "
		"terraform-plan, terraform-state, cloudformation or arm, not "
		"'%s'\n", v), -1;
}

static int push(const char **list, size_t *n, size_t max, const char *v,
	const char *what)
{
	if (*n >= max)
		return fprintf(stderr, "sovereign: too many %s (at most "
			"%zu)\n", what, max), -1;
	list[(*n)++] = v;
	return 0;
}

/* --set reading=ID:VALUE: the library checks ID and VALUE against the
 * policy sets. */
static int set_reading(settings *s, const char *v)
{
	static const char key[] = "reading=";

	if (strncmp(v, key, sizeof(key) - 1) != 0 ||
	    !strchr(v + sizeof(key) - 1, ':'))
		return fprintf(stderr, "sovereign: --set expects "
			"reading=ID:VALUE, not '%s'\n", v), -1;
	return push(s->readings, &s->nreadings, 64, v + sizeof(key) - 1,
		"readings");
}

static int apply(settings *s, const option *o, const char *v)
{
	switch (o->id) {
	case OPT_POLICY: return push(s->policies, &s->npolicies,
				     MAX_POLICIES, v, "policies");
	case OPT_CATALOG: return push(s->catalogs, &s->ncatalogs, 64, v,
				      "catalogs");
	case OPT_AS_OF: return set_as_of(s, v);
	case OPT_FORMAT: return set_format(s, v);
	case OPT_OUTPUT: s->output = v; return 0;
	case OPT_NO_WAIVERS: s->no_waivers = 1; return 0;
	case OPT_VERBOSE: s->verbose = 1; return 0;
	case OPT_NO_DIAGRAM: s->no_diagram = 1; return 0;
	case OPT_FOLLOW: s->follow_symlinks = 1; return 0;
	case OPT_COLOR: return set_color(s, v);
	case OPT_NO_BUILTIN: s->no_builtin = 1; return 0;
	case OPT_PROVIDER: s->provider = v; return 0;
	case OPT_DATA: return push(s->data, &s->ndata, 64, v, "data classes");
	case OPT_ACCESS: return push(s->access, &s->naccess, 64, v,
				     "access origins");
	case OPT_KIND: s->kind = v; return 0;
	case OPT_TAG: return push(s->tags, &s->ntags, 64, v, "tags");
	case OPT_MAX_INPUT: return set_max_input(s, v);
	case OPT_REDUNDANCY: s->redundancy = v; return 0;
	case OPT_SCOPE: s->scope = v; return 0;
	case OPT_SCOPES: s->scopes = 1; return 0;
	case OPT_PROCESS_ONLY: s->process_only = 1; return 0;
	case OPT_KEY_CUSTODY: s->key_custody = v; return 0;
	case OPT_KEY_LOCATION: s->key_location = v; return 0;
	case OPT_EXPLAIN: s->explain = 1; return 0;
	case OPT_SUGGEST: s->suggest = 1; return 0;
	case OPT_COVERAGE: s->coverage = 1; return 0;
	case OPT_JOBS: return set_jobs(s, v);
	case OPT_FILES_FROM: s->files_from = v; return 0;
	case OPT_STDIN_NDJSON: s->stdin_ndjson = 1; return 0;
	case OPT_SUMMARY: return set_summary(s, v);
	case OPT_QUIET: s->quiet = 1; return 0;
	case OPT_IN: s->in = v; return 0;
	case OPT_WAIVERS: s->waivers = v; return 0;
	case OPT_FAIL_ON: return set_fail_on(s, v);
	case OPT_BASELINE: s->baseline = v; return 0;
	case OPT_SET: return set_reading(s, v);
	case OPT_FROM: return set_from(s, v);
	case OPT_ANNOTATIONS: s->annotations = v; return 0;
	case OPT_REGION: s->region = v; return 0;
	case OPT_LOCATION: s->location = v; return 0;
	case OPT_ID: s->id = v; return 0;
	default: s->help = 1; return 0;
	}
}

/* Splits "--name=value" so table lookup sees "--name". */
static const char *split_value(char *arg)
{
	char *eq = arg[1] == '-' ? strchr(arg, '=') : NULL;

	if (!eq)
		return NULL;
	*eq = '\0';
	return eq + 1;
}

static int parse_args(settings *s, int argc, char **argv, char command)
{
	int i, only_files = 0;

	for (i = 0; i < argc; i++) {
		char *arg = argv[i];
		const char *value;
		const option *o;

		if (only_files || arg[0] != '-' || arg[1] == '\0') {
			if (push(s->files, &s->nfiles, MAX_FILES, arg,
				    "files"))
				return -1;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_files = 1;
			continue;
		}
		value = split_value(arg);
		o = find_option(arg, command);
		if (!o)
			return fprintf(stderr, "sovereign: unknown option "
				"'%s' (see 'sovereign %s --help')\n", arg,
				command_name(command)), -1;
		if (o->arg && !value && i + 1 >= argc)
			return fprintf(stderr, "sovereign: option '--%s' "
				"needs a value\n", o->longname), -1;
		if (!o->arg && value)
			return fprintf(stderr, "sovereign: option '--%s' "
				"takes no value\n", o->longname), -1;
		if (o->arg && !value)
			value = argv[++i];
		if (apply(s, o, value))
			return -1;
	}
	return 0;
}

static void init_settings(settings *s)
{
	time_t now = time(NULL);
	struct tm tm;
	const char *nc = getenv("NO_COLOR");

	memset(s, 0, sizeof(*s));
	gmtime_r(&now, &tm);
	strftime(s->today, sizeof(s->today), "%Y-%m-%d", &tm);
	s->as_of = s->today;
	s->color = isatty(STDOUT_FILENO) && !(nc && *nc);
}


/* How many of the list are "-", standard input. */
static size_t count_stdin(const char *const *list, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += is_stdin(list[i]);
	return k;
}

/* What validate and lint need before their files: at least one file, a
 * diagnostics list and the catalog. 0, or the exit code to stop with. */
static int prepare_files(const settings *s, const char *no_files,
	sov_catalog **cat, sov_diags **diags)
{
	if (s->nfiles == 0) {
		fprintf(stderr, "%s\n", no_files);
		return EXIT_BAD_INPUT;
	}
	if (sov_diags_new(diags) != SOV_OK)
		return EXIT_INTERNAL;
	if (load_catalog(s, cat, *diags) != SOV_OK) {
		sov_diags_free(*diags);
		*diags = NULL;
		return EXIT_BAD_INPUT;
	}
	return 0;
}

/* '<' first in UTF-16 or UTF-32, after a byte order mark or not. */
static int wide_xml(const unsigned char *p, size_t len)
{
	size_t i = len >= 4 && (memcmp(p, "\xff\xfe\0\0", 4) == 0 ||
				memcmp(p, "\0\0\xfe\xff", 4) == 0) ? 4 :
		   len >= 2 && (memcmp(p, "\xff\xfe", 2) == 0 ||
				memcmp(p, "\xfe\xff", 2) == 0) ? 2 : 0;

	if (len >= i + 4 && !p[i] && !p[i + 1] && !p[i + 2] &&
	    p[i + 3] == '<')
		return 1;
	return len >= i + 2 && ((p[i] == '<' && !p[i + 1]) ||
				(!p[i] && p[i + 1] == '<'));
}

/* A document whose first character is '<' (in UTF-8, 16 or 32, after
 * a byte order mark and blanks) is one of our documents; any other is
 * read as a plan or a template, as --from can also say. */
static int starts_import(const unsigned char *p, size_t n,
	const settings *s)
{
	size_t i = 0;

	if (s->from != SOV_IMPORT_AUTO)
		return s->from != SOV_IMPORT_DEPLOYMENT;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && strchr(" \t\r\n", p[i]) && p[i])
		i++;
	return i < n && p[i] != '<' && !wide_xml(p, n);
}

static int is_import(const settings *s, const char *path)
{
	unsigned char b[8];
	size_t n;
	FILE *fp;
	int c;

	if (s->from != SOV_IMPORT_AUTO)
		return s->from != SOV_IMPORT_DEPLOYMENT;
	fp = fopen(path, "rb");
	if (!fp)
		return 0;
	n = fread(b, 1, sizeof(b), fp);
	rewind(fp);
	c = fgetc(fp);
	if (c == 0xef && fgetc(fp) == 0xbb && fgetc(fp) == 0xbf)
		c = fgetc(fp);
	while (c == ' ' || c == '\t' || c == '\r' || c == '\n')
		c = fgetc(fp);
	fclose(fp);
	return c != '<' && c != EOF && !wide_xml(b, n);
}

/* Standard input: imported when it is not one of our documents. */
static int validate_stdin(const settings *s, session *S, const char **kind,
	sov_deployment **d)
{
	sov_options opts = cli_options(s);
	sov_import_options io = import_options(s, S);
	char *data = NULL;
	size_t len = 0;
	int rc = read_stdin(s, &data, &len);

	if (rc == SOV_OK && starts_import((const unsigned char *)data, len,
			s)) {
		rc = sov_deployment_import_memory(d, S->cat, STDIN_NAME, data,
			len, &io, &opts, S->diags);
		*kind = "deployment (imported)";
	} else if (rc == SOV_OK) {
		rc = sov_validate_memory(kind, S->cat, STDIN_NAME, data, len,
			&opts, S->diags);
	}
	free(data);
	return rc;
}

static int validate_one(const settings *s, session *S, const char *path)
{
	sov_options opts = cli_options(s);
	const char *kind = NULL;
	sov_deployment *d = NULL;
	int rc;

	if (is_stdin(path)) {
		rc = validate_stdin(s, S, &kind, &d);
	} else if (!is_import(s, path)) {
		rc = sov_validate_file(&kind, S->cat, path, &opts, S->diags);
	} else {
		rc = load_deployment(s, S, path, &d, S->diags);
		kind = "deployment (imported)";
	}
	print_diags(S->diags);
	sov_diags_clear(S->diags);
	if (rc == SOV_OK)
		put_safe_str(stdout, input_name(path));
	if (rc == SOV_OK && d && sov_deployment_not_evaluated(d))
		printf(": valid %s; %zu resource%s not evaluated\n", kind,
			sov_deployment_not_evaluated(d),
			sov_deployment_not_evaluated(d) == 1 ? "" : "s");
	else if (rc == SOV_OK)
		printf(": valid %s\n", kind);
	sov_deployment_free(d);
	return rc == SOV_OK ? EXIT_COMPLIANT : exit_for_status(rc);
}

static int cmd_validate(settings *s)
{
	session S;
	int worst = EXIT_COMPLIANT, code;
	size_t i;

	memset(&S, 0, sizeof(S));
	if ((worst = prepare_files(s, "sovereign validate: no file given",
			&S.cat, &S.diags)) != 0)
		return worst;
	code = load_annotations(s, &S);
	for (i = 0; !code && i < s->nfiles; i++)
		worst = worse(worst, validate_one(s, &S, s->files[i]));
	sov_annotations_free(S.annotations);
	sov_catalog_free(S.cat);
	sov_diags_free(S.diags);
	return code ? code : worst;
}

static int check_usage(const settings *s)
{
	if (s->npolicies == 0)
		return fprintf(stderr, "sovereign check: no policy given "
			"(use -p FILE)\n"), -1;
	if (s->nfiles == 0 && !s->files_from && !s->stdin_ndjson)
		return fprintf(stderr, "sovereign check: no deployment "
			"given\n"), -1;
	if (s->stdin_ndjson && (s->nfiles || s->files_from))
		return fprintf(stderr, "sovereign check: --stdin-ndjson reads "
			"only standard input\n"), -1;
	return 0;
}

/* Load the catalog and the -p policies, run job on them, free them. */
static int with_session(const settings *s,
			int (*job)(const settings *, session *))
{
	session S;
	int code;
	size_t i;

	memset(&S, 0, sizeof(S));
	if (sov_diags_new(&S.diags) != SOV_OK)
		return EXIT_INTERNAL;
	code = load_catalog(s, &S.cat, S.diags) == SOV_OK ? 0 :
	       EXIT_BAD_INPUT;
	if (!code)
		code = load_policies(s, &S);
	if (!code)
		code = job(s, &S);
	for (i = 0; i < S.npols; i++)
		sov_policy_free(S.pols[i]);
	sov_catalog_free(S.cat);
	sov_diags_free(S.diags);
	return code;
}

/* Shows what a load found, then whether it failed. */
static int reported(int rc, sov_diags *diags, const char *what,
	const char *path)
{
	print_diags(diags);
	sov_diags_clear(diags);
	if (rc != SOV_OK) {
		fprintf(stderr, "sovereign: cannot load %s ", what);
		put_safe_str(stderr, path);
		fprintf(stderr, ": %s\n", sov_status_str(rc));
	}
	return rc;
}

/* The waiver file: from its file, or from standard input for "-". */
static int load_waivers(const settings *s, session *S)
{
	sov_options opts = cli_options(s);
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (!is_stdin(s->waivers))
		return sov_waivers_load_file(&S->waivers, S->cat, s->waivers,
			&opts, S->diags);
	rc = read_stdin(s, &data, &len);
	if (rc == SOV_OK)
		rc = sov_waivers_load_memory(&S->waivers, S->cat, STDIN_NAME,
			data, len, &opts, S->diags);
	free(data);
	return rc;
}

/* The baseline report: from its file, or standard input for "-". */
static int load_baseline(const settings *s, session *S)
{
	sov_options opts = cli_options(s);
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (!is_stdin(s->baseline))
		return sov_baseline_load_file(&S->baseline, s->baseline,
			&opts, S->diags);
	rc = read_stdin(s, &data, &len);
	if (rc == SOV_OK)
		rc = sov_baseline_load_memory(&S->baseline, STDIN_NAME, data,
			len, &opts, S->diags);
	free(data);
	return rc;
}

/* The waiver file and the baseline, loaded once for every deployment. */
static int check_job(const settings *s, session *S)
{
	int rc = SOV_OK, code = load_annotations(s, S);

	if (code)
		return code;
	if (s->waivers && !s->no_waivers)
		rc = reported(load_waivers(s, S), S->diags, "waivers",
			input_name(s->waivers));
	if (rc == SOV_OK && s->baseline)
		rc = reported(load_baseline(s, S), S->diags, "baseline",
			input_name(s->baseline));
	code = rc == SOV_OK ? batch_check(s, S) : exit_for_status(rc);
	sov_baseline_free(S->baseline);
	sov_waivers_free(S->waivers);
	sov_annotations_free(S->annotations);
	return code;
}

static int cmd_check(settings *s)
{
	if (check_usage(s) || output_check(s))
		return EXIT_BAD_INPUT;
	return with_session(s, check_job);
}

static const struct {
	const char *name;
	sov_query_kind kind;
	int wants_subject;
} catalog_verbs[] = {
	{ "providers", SOV_QUERY_PROVIDERS, 0 },
	{ "regions", SOV_QUERY_REGIONS, 0 },
	{ "resolve", SOV_QUERY_RESOLVE, 1 },
	{ "group", SOV_QUERY_GROUP, 1 },
};

/* Turns the words after `catalog` into a query; -1 on bad usage. */
static int catalog_usage(const settings *s, sov_catalog_query *q)
{
	size_t i, n = sizeof(catalog_verbs) / sizeof(catalog_verbs[0]);

	for (i = 0; s->nfiles && i < n; i++)
		if (strcmp(s->files[0], catalog_verbs[i].name) == 0)
			break;
	if (!s->nfiles || i == n)
		return fprintf(stderr, "sovereign catalog: expected "
			"providers, regions, resolve or group (see "
			"'sovereign catalog --help')\n"), -1;
	if (s->nfiles != 1u + (size_t)catalog_verbs[i].wants_subject)
		return fprintf(stderr, "sovereign catalog %s: %s\n",
			catalog_verbs[i].name, catalog_verbs[i].wants_subject ?
			"expected exactly one PROVIDER:ID or GROUP" :
			"takes no argument"), -1;
	q->kind = catalog_verbs[i].kind;
	q->subject = s->nfiles > 1 ? s->files[1] : NULL;
	q->provider = s->provider;
	q->in = s->in;
	q->as_of = s->as_of;
	return 0;
}

static int cmd_catalog(settings *s)
{
	sov_catalog_query q = SOV_CATALOG_QUERY_INIT;
	sov_catalog *cat = NULL;
	sov_diags *diags = NULL;
	char *text = NULL;
	int rc, code = EXIT_COMPLIANT;

	if (catalog_usage(s, &q))
		return EXIT_BAD_INPUT;
	if (sov_diags_new(&diags) != SOV_OK)
		return EXIT_INTERNAL;
	if (load_catalog(s, &cat, diags) != SOV_OK) {
		sov_diags_free(diags);
		return EXIT_BAD_INPUT;
	}
	rc = sov_catalog_query_render(&text, NULL, cat, &q, s->format,
		diags);
	print_diags(diags);
	if (rc == SOV_OK && (fputs(text, stdout) < 0 || fflush(stdout)))
		code = EXIT_INTERNAL;
	else if (rc != SOV_OK)
		code = exit_for_status(rc);
	sov_catalog_buffer_free(cat, text);
	sov_catalog_free(cat);
	sov_diags_free(diags);
	return code;
}

static void where_options(const settings *s, sov_where_options *o)
{
	o->as_of = s->as_of;
	o->provider = s->provider;
	o->data = s->data;
	o->ndata = s->ndata;
	o->process_only = s->process_only;
	o->kind = s->kind;
	o->redundancy = s->redundancy;
	o->scope = s->scope;
	o->scopes = s->scopes;
	o->access = s->access;
	o->naccess = s->naccess;
	o->key_custody = s->key_custody;
	o->key_location = s->key_location;
	o->tags = s->tags;
	o->ntags = s->ntags;
	o->readings = s->readings;
	o->nreadings = s->nreadings;
}

static int run_where(const settings *s, session *S)
{
	sov_where_options o = SOV_WHERE_OPTIONS_INIT;
	sov_placement *p = NULL;
	char *text = NULL;
	int rc, code;

	where_options(s, &o);
	rc = sov_where(&p, (const sov_policy *const *)S->pols, S->npols, &o,
		S->diags);
	print_diags(S->diags);
	if (rc != SOV_OK)
		return exit_for_status(rc);
	rc = sov_placement_render(&text, NULL, p, s->format, s->explain);
	if (rc != SOV_OK || fputs(text, stdout) < 0 || fflush(stdout))
		code = EXIT_INTERNAL;
	else
		code = sov_placement_allowed(p) ? EXIT_COMPLIANT :
		       EXIT_NO_PLACEMENT;
	sov_placement_buffer_free(p, text);
	sov_placement_free(p);
	return code;
}

static int cmd_where(settings *s)
{
	if (s->npolicies == 0) {
		fprintf(stderr, "sovereign where: no policy given (use -p "
			"FILE)\n");
		return EXIT_BAD_INPUT;
	}
	if (s->nfiles) {
		fprintf(stderr, "sovereign where: unexpected argument '%s'\n",
			s->files[0]);
		return EXIT_BAD_INPUT;
	}
	return with_session(s, run_where);
}

/* ------------------------------------------------------------------ */
/* sovereign test                                                      */

typedef struct {
	sov_tests *tests;
	sov_diags *diags;
	int worst;
} test_run;

static int is_xml(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

static void test_path(test_run *T, const char *path, int top);

/* Runs a directory's *.xml files and subdirectories in name order, so
 * that output is the same on every machine. */
static void test_dir(test_run *T, const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if (!dir) {
		fprintf(stderr, "%s: cannot open: %s\n", path,
			strerror(errno));
		T->worst = worse(T->worst, EXIT_BAD_INPUT);
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **p = realloc(names, (cap = cap ? cap * 2 : 64) *
				sizeof(char *));

			if (!p)
				break;
			names = p;
		}
		names[n] = path_join(path, e->d_name);
		if (!names[n])
			break;
		n++;
	}
	closedir(dir);
	qsort(names, n, sizeof(char *), by_name);
	for (i = 0; i < n; i++) {
		test_path(T, names[i], 0);
		free(names[i]);
	}
	free(names);
}

static void test_path(test_run *T, const char *path, int top)
{
	struct stat st;
	int ran = 0, rc;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "%s: cannot open: %s\n", path,
			strerror(errno));
		T->worst = worse(T->worst, EXIT_BAD_INPUT);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		test_dir(T, path);
		return;
	}
	if (!top && !is_xml(path))
		return;
	rc = sov_tests_run_file(T->tests, path, &ran, T->diags);
	print_diags(T->diags);
	sov_diags_clear(T->diags);
	if (rc != SOV_OK)
		T->worst = worse(T->worst, exit_for_status(rc));
	else if (top && !ran)
		fprintf(stderr, "%s: not a policy test file (root "
			"<policy-tests>)\n", path);
}

static int cmd_test(settings *s)
{
	test_run T;
	char *text = NULL;
	size_t i;
	sov_options opts = cli_options(s);

	memset(&T, 0, sizeof(T));
	if (s->nfiles == 0) {
		fprintf(stderr, "sovereign test: no path given\n");
		return EXIT_BAD_INPUT;
	}
	if (sov_tests_new(&T.tests, &opts) != SOV_OK ||
	    sov_diags_new(&T.diags) != SOV_OK) {
		sov_tests_free(T.tests);
		return EXIT_INTERNAL;
	}
	for (i = 0; i < s->nfiles; i++)
		test_path(&T, s->files[i], 1);
	if (sov_tests_render(&text, NULL, T.tests, s->coverage) != SOV_OK)
		T.worst = worse(T.worst, EXIT_INTERNAL);
	else
		fputs(text, stdout);
	if (sov_tests_failed(T.tests) ||
	    (s->coverage && sov_tests_uncovered(T.tests)))
		T.worst = worse(T.worst, EXIT_NON_COMPLIANT);
	sov_tests_buffer_free(T.tests, text);
	sov_tests_free(T.tests);
	sov_diags_free(T.diags);
	return T.worst;
}

static void count_diags(const sov_diags *d, size_t counts[3])
{
	size_t i;

	for (i = 0; i < sov_diags_count(d); i++)
		counts[sov_diags_get(d, i)->severity]++;
}

/* One policy set: from its file, or from standard input for "-". */
static int lint_one(const settings *s, const sov_catalog *cat,
	const char *path, size_t *warnings, sov_diags *diags)
{
	sov_options opts = cli_options(s);
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (!is_stdin(path))
		return sov_lint_file_opts(warnings, cat, path, s->as_of,
			&opts, diags);
	rc = read_stdin(s, &data, &len);
	if (rc == SOV_OK)
		rc = sov_lint_memory(warnings, cat, STDIN_NAME, data, len,
			s->as_of, &opts, diags);
	free(data);
	return rc;
}

static int cmd_lint(settings *s)
{
	sov_catalog *cat = NULL;
	sov_diags *diags = NULL;
	size_t i, counts[3] = { 0, 0, 0 };
	int worst = EXIT_COMPLIANT;

	if ((worst = prepare_files(s, "sovereign lint: no policy given", &cat,
			&diags)) != 0)
		return worst;
	for (i = 0; i < s->nfiles; i++) {
		size_t warnings = 0;
		int rc = lint_one(s, cat, s->files[i], &warnings, diags);

		print_diags(diags);
		count_diags(diags, counts);
		sov_diags_clear(diags);
		if (rc != SOV_OK)
			worst = worse(worst, exit_for_status(rc));
		else if (warnings)
			worst = worse(worst, EXIT_NON_COMPLIANT);
	}
	fprintf(stderr, "%zu error%s, %zu warning%s, %zu note%s\n",
		counts[0], counts[0] == 1 ? "" : "s", counts[1],
		counts[1] == 1 ? "" : "s", counts[2], counts[2] == 1 ? "" :
		"s");
	sov_catalog_free(cat);
	sov_diags_free(diags);
	return worst;
}

/* ------------------------------------------------------------------ */
/* import                                                              */

static int write_import(const settings *s, const char *xml, size_t len)
{
	output o;
	FILE *out = output_open(&o, s);

	if (!out)
		return EXIT_INTERNAL;
	fwrite(xml, 1, len, out);       /* output_close sees any error */
	return output_close(&o, EXIT_COMPLIANT);
}

static int import_job(const settings *s, session *S)
{
	sov_options opts = cli_options(s);
	sov_import_options io;
	char *xml = NULL, *data = NULL;
	size_t len = 0, data_len = 0;
	int import_stdin = is_stdin(s->files[0]);
	int rc, code = load_annotations(s, S);

	if (code)
		return code;
	io = import_options(s, S);
	rc = import_stdin ? read_stdin(s, &data, &data_len) : SOV_OK;
	if (rc == SOV_OK && import_stdin)
		rc = sov_import_render_memory(&xml, &len, S->cat, STDIN_NAME,
			data, data_len, &io, &opts, S->diags);
	else if (rc == SOV_OK)
		rc = sov_import_render(&xml, &len, S->cat, s->files,
			s->nfiles, &io, &opts, S->diags);
	free(data);
	print_diags(S->diags);
	if (rc == SOV_OK)
		code = write_import(s, xml, len);
	else
		code = exit_for_status(rc);
	sov_catalog_buffer_free(S->cat, xml);
	sov_annotations_free(S->annotations);
	return code;
}

static int cmd_import(settings *s)
{
	if (s->nfiles == 0) {
		fprintf(stderr, "sovereign import: no file given\n");
		return EXIT_BAD_INPUT;
	}
	if (s->nfiles > 1 && count_stdin(s->files, s->nfiles)) {
		fprintf(stderr, "sovereign import: standard input ('-') is "
			"imported alone, not with other files\n");
		return EXIT_BAD_INPUT;
	}
	if (output_check(s))
		return EXIT_BAD_INPUT;
	return with_session(s, import_job);
}

/* ------------------------------------------------------------------ */
/* Standard input and directories of policy sets                       */

/* Standard input holds one document, so "-" may stand for it once, and
 * only where a document is read whole (a catalog's includes and a test
 * file's cases are found beside the file). Said before anything is read.
 */
static int stdin_usage(settings *s, char command)
{
	const char *one[] = { s->waivers, s->baseline, s->annotations,
			      s->files_from };
	size_t n = count_stdin(s->files, s->nfiles) + count_stdin(
		s->policies, s->npolicies) + count_stdin(one, 4) +
		(size_t)s->stdin_ndjson;

	if (count_stdin(s->catalogs, s->ncatalogs))
		return fprintf(stderr, "sovereign %s: a catalog is read from "
			"its file, where its includes are; not from standard "
			"input ('-')\n", command_name(command)), -1;
	if (command == 't' && n)
		return fprintf(stderr, "sovereign test: a test file names its "
			"policy and deployments relative to itself; not read "
			"from standard input ('-')\n"), -1;
	if (command == 'g' || command == 'w')
		n -= count_stdin(s->files, s->nfiles);  /* not inputs */
	if (n > 1)
		return fprintf(stderr, "sovereign %s: standard input ('-') "
			"can be read only once\n", command_name(command)), -1;
	s->reads_stdin = n == 1;
	return 0;
}

/* -p DIR (check, where) and lint DIR: the policy sets in it. */
static int expand_dirs(settings *s, char command)
{
	if (command == 'c' || command == 'w')
		return expand_policy_dirs(s, s->policies, &s->npolicies,
			MAX_POLICIES, command_name(command), "-p ");
	if (command == 'l')
		return expand_policy_dirs(s, s->files, &s->nfiles, MAX_FILES,
			"lint", "");
	return 0;
}

static int run_command(settings *s, char letter)
{
	if (stdin_usage(s, letter) || expand_dirs(s, letter))
		return EXIT_BAD_INPUT;
	if (letter == 'g')
		return cmd_catalog(s);
	if (letter == 'w')
		return cmd_where(s);
	if (letter == 't')
		return cmd_test(s);
	if (letter == 'l')
		return cmd_lint(s);
	if (letter == 'i')
		return cmd_import(s);
	return letter == 'c' ? cmd_check(s) : cmd_validate(s);
}

int main(int argc, char **argv)
{
	settings s;
	const char *cmd = argc > 1 ? argv[1] : NULL;
	char letter;
	int code;

	init_settings(&s);
	if (!cmd || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		usage_main(cmd ? stdout : stderr);
		return cmd ? EXIT_COMPLIANT : EXIT_BAD_INPUT;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("sovereign %s\n", sov_version());
		return EXIT_COMPLIANT;
	}
	if (strcmp(cmd, "help") == 0) {
		const char *topic = argc > 2 ? argv[2] : "";

		if (strcmp(topic, "check") == 0)
			usage_check(stdout);
		else if (strcmp(topic, "catalog") == 0)
			usage_catalog(stdout);
		else if (strcmp(topic, "where") == 0)
			usage_where(stdout);
		else if (strcmp(topic, "test") == 0)
			usage_test(stdout);
		else if (strcmp(topic, "lint") == 0)
			usage_lint(stdout);
		else if (strcmp(topic, "validate") == 0)
			usage_validate(stdout);
		else if (strcmp(topic, "import") == 0)
			usage_import(stdout);
		else
			usage_main(stdout);
		return EXIT_COMPLIANT;
	}
	if (strcmp(cmd, "check") != 0 && strcmp(cmd, "validate") != 0 &&
	    strcmp(cmd, "catalog") != 0 && strcmp(cmd, "where") != 0 &&
	    strcmp(cmd, "test") != 0 && strcmp(cmd, "lint") != 0 &&
	    strcmp(cmd, "import") != 0) {
		fprintf(stderr, "sovereign: unknown command '%s' (see "
			"'sovereign --help')\n", cmd);
		return EXIT_BAD_INPUT;
	}
	letter = strcmp(cmd, "catalog") == 0 ? 'g' : cmd[0];
	if (parse_args(&s, argc - 2, argv + 2, letter))
		return EXIT_BAD_INPUT;
	if (letter != 'c' && s.format > SOV_FORMAT_JSON &&
	    !(letter == 'w' && s.format == SOV_FORMAT_HTML)) {
		fprintf(stderr, "sovereign %s: --format %s is only for check "
			"(use text or json%s)\n", command_name(letter),
			format_names[s.format],
			letter == 'w' ? ", or html" : "");
		return EXIT_BAD_INPUT;
	}
	if (s.help) {
		(letter == 'c' ? usage_check : letter == 'v' ?
		 usage_validate : letter == 'w' ? usage_where :
		 letter == 't' ? usage_test : letter == 'l' ? usage_lint :
		 letter == 'i' ? usage_import : usage_catalog)(stdout);
		return EXIT_COMPLIANT;
	}
	code = run_command(&s, letter);
	settings_free(&s);
	return code;
}
