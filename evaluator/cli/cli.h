/*
 * cli.h - what the command-line tool's files share: settings, exit
 * codes, and diagnostics rendering. The tool uses only sovereign.h.
 */
#ifndef SOV_CLI_H
#define SOV_CLI_H

#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "sovereign.h"

/* Exit codes: documented in README.md and `sovereign --help`. */
enum {
	EXIT_COMPLIANT = 0,
	EXIT_NON_COMPLIANT = 1,
	EXIT_INDETERMINATE = 2,
	EXIT_BAD_INPUT = 3,
	EXIT_INTERNAL = 4,
	EXIT_NO_PLACEMENT = 5
};

#define MAX_FILES 4096
#define MAX_POLICIES 256

/* What diagnostics and reports call standard input, read for "-": in
 * angle brackets, as the library names what is not a file. */
#define STDIN_NAME "<stdin>"

typedef struct {
	const char *policies[MAX_POLICIES];
	size_t npolicies;
	const char *catalogs[64];
	size_t ncatalogs;
	const char *files[MAX_FILES];
	size_t nfiles;
	const char *as_of, *output, *provider, *in;
	const char *data[64], *access[64], *tags[64];
	size_t ndata, naccess, ntags;
	const char *kind, *redundancy, *scope, *key_custody, *key_location;
	int scopes, process_only, explain, suggest, coverage;
	char today[11];
	sov_format format;
	int no_waivers, verbose, color, no_builtin, help;
	int jobs;               /* -j: worker threads; 0 = the cores */
	const char *files_from; /* --files-from FILE, "-" for stdin */
	int stdin_ndjson;       /* filter mode */
	int summary;            /* --summary: 1 csv, 2 json */
	int quiet;
	int no_diagram;         /* --no-diagram: html without diagrams */
	int follow_symlinks;    /* --follow-symlinks: in directory walks */
	size_t max_input;       /* --max-input-size; 0 = the default */
	const char *waivers;    /* --waivers FILE */
	const char *baseline;   /* --baseline REPORT.json */
	sov_fail_on fail_on;
	const char *readings[64]; /* --set reading=ID:VALUE, as ID:VALUE */
	size_t nreadings;
	/* Imports: check, validate and import read plans and templates. */
	sov_import_format from;     /* --from; AUTO: from the content */
	const char *annotations;    /* --annotations FILE */
	const char *region;         /* --region: a stack's region */
	const char *location;       /* --location: a resource group's */
	const char *id;             /* import --id */
	int reads_stdin;            /* some input is "-" (read once) */
	char **owned;               /* names the settings allocated: the */
	size_t nowned;              /* files of -p DIR, freed at the end */
} settings;

/* Frees what the settings allocated. */
void settings_free(settings *s);
/* Replaces each directory among list[0..*n) (room for `max`) by its
 * *.xml files, not hidden, in name order, not recursing (docs/batch.md
 * says why); a directory with none is a usage error, named after `what`
 * ("-p "). 0, or -1 after a message. */
int expand_policy_dirs(settings *s, const char **list, size_t *n,
	size_t max, const char *command, const char *what);
/* Is `path` "-", standard input? */
int is_stdin(const char *path);
/* "dir/name" in a new buffer (one slash between), or NULL. */
char *path_join(const char *dir, const char *name);
/* qsort's comparison of two char * by strcmp: name order. */
int by_name(const void *a, const void *b);
/* The name diagnostics give `path`: STDIN_NAME for "-". */
const char *input_name(const char *path);
/* Reads standard input whole into a new NUL-terminated buffer, at most
 * --max-input-size bytes. SOV_OK, or a status after a message. */
int read_stdin(const settings *s, char **data, size_t *len);

/* Loading options from the settings (input size limit). */
sov_options cli_options(const settings *s);

typedef struct {
	sov_catalog *cat;
	sov_policy *pols[MAX_POLICIES];
	size_t npols;
	sov_diags *diags;
	FILE *out;
	size_t written;     /* reports written so far, for separators */
	sov_waivers *waivers;   /* check: --waivers, or NULL */
	sov_baseline *baseline; /* check: --baseline, or NULL */
	sov_annotations *annotations; /* --annotations, or NULL */
} session;

extern const char *const format_names[];

void format_diags(FILE *out, const sov_diags *diags);
/* Writes s with what a terminal would obey shown escaped (\x1b,
 * \u202e), as diagnostics show it: for names taken from the input. */
void put_safe_str(FILE *out, const char *s);
/* Writes s as a JSON string, escaped as the library's JSON is. */
void put_json_str(FILE *fp, const char *s);
void print_diags(const sov_diags *diags);
int worse(int a, int b);
int exit_for_status(int rc);
int decision_exit(sov_decision d);
int load_catalog(const settings *s, sov_catalog **cat, sov_diags *diags);
int load_policies(const settings *s, session *S);
/* The import options from the settings and the session's annotations. */
sov_import_options import_options(const settings *s, const session *S);
/* Loads --annotations into the session, when given. 0 or an exit code. */
int load_annotations(const settings *s, session *S);
/* Reads a deployment, a plan or a template (import_options). */
int load_deployment(const settings *s, const session *S, const char *path,
	sov_deployment **d, sov_diags *diags);

/* ------------------------------------------------------------------ */
/* -o (output.c): every command that writes a file writes it here.      */

#define OUTPUT_PATH_MAX 4096

typedef struct {
	const char *path;       /* -o as given; NULL or "-": stdout */
	FILE *fp;
	char target[OUTPUT_PATH_MAX]; /* path, its symbolic links followed */
	char tmp[OUTPUT_PATH_MAX];    /* the temporary file; "" in place */
} output;

/* The file -o names, to compare inputs with. Known when it exists and
 * is not a character device (writing a device destroys no input). */
typedef struct {
	const char *path;
	int known, dir;
	dev_t dev;
	ino_t ino;
} output_id;

output_id output_identify(const settings *s);
/* 1, after a message, when the input `path` (a `what`: "policy", ...;
 * NULL when `path` names it all) is the output file; `st` is its stat,
 * or NULL to stat `path`. */
int output_clashes(const output_id *id, const char *path,
	const struct stat *st, const char *what);
/* Before anything is read: EXIT_BAD_INPUT, after a message, when -o is a
 * directory or the same file as any file the settings name (inputs,
 * policies, catalogs, waivers, baseline, annotations, the list, standard
 * input when read); else 0. */
int output_check(const settings *s);
/* Opens -o: a regular file or a new name through a temporary file beside
 * it (symbolic links followed), a device or FIFO in place, stdout without
 * -o or with "-". NULL after a message. */
FILE *output_open(output *o, const settings *s);
/* Flushes and closes; the temporary file replaces the target when `code`
 * says the output is whole (below EXIT_BAD_INPUT), else it is removed.
 * Returns `code`, or EXIT_INTERNAL after a message when writing failed. */
int output_close(output *o, int code);

/* sovereign check over files, directories, --files-from or NDJSON on
 * stdin, on worker threads, results written in input order. */
int batch_check(const settings *s, session *S);

/* graph.c: a sov_svg_renderer built on Graphviz's libgvc, for the HTML
 * report's flow diagram; safe to call from several threads. */
int cli_draw_svg(void *ctx, const char *dot, size_t len, sov_sink_fn put,
	void *sink);

#endif
