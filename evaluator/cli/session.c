/*
 * session.c - what every command of the tool shares: loading options, the
 * catalog and the policy sets, diagnostics on stderr with the source line
 * and a caret, and the exit code for a status or a decision.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */

#define SNIPPET_HALF 100

/* The byte offset of 1-based character column `col` in line. */
static size_t column_offset(const char *line, unsigned col)
{
	size_t i = 0;
	unsigned c = 1;

	for (; line[i] && c < col; i++)
		if (((unsigned char)line[i + 1] & 0xc0) != 0x80)
			c++;
	return i;
}

/* Back `n` characters from byte `at`, never before 0. */
static size_t back_chars(const char *line, size_t at, unsigned n)
{
	while (at > 0 && n > 0) {
		at--;
		if (((unsigned char)line[at] & 0xc0) != 0x80)
			n--;
	}
	return at;
}

/* A control character would be obeyed by a terminal: show its code. */
static void put_safe(FILE *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c == 0x7f)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
}

/* At most SNIPPET_HALF characters either side of the column, so a plan
 * printed on one line does not flood the terminal. */
static void print_snippet(FILE *out, const char *line, unsigned column)
{
	size_t at = column_offset(line, column);
	size_t from = back_chars(line, at, SNIPPET_HALF);
	size_t to = at + column_offset(line + at, SNIPPET_HALF);
	size_t i;

	fputs("  ", out);
	if (from)
		fputs("...", out);
	put_safe(out, line + from, to - from);
	if (line[to])
		fputs("...", out);
	fputs("\n  ", out);
	if (from)
		fputs("   ", out);
	for (i = from; i < at; i++)
		if (((unsigned char)line[i] & 0xc0) != 0x80)
			fputs(line[i] == '\t' ? "\t" : (unsigned char)line[i]
			      < 0x20 || line[i] == 0x7f ? "    " : " ", out);
	fputs("^\n", out);
}

/* Prints the source line and a caret under the column, when readable. */
static void print_caret(FILE *out, const sov_diag *d)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len = 0;
	unsigned n = 0;
	int c0, c1;

	if (!d->line || !d->column || !d->file[0] || d->file[0] == '<')
		return;
	fp = fopen(d->file, "r");
	if (!fp)
		return;
	/* UTF-16 input was converted: its bytes are not the lines told. */
	c0 = fgetc(fp);
	c1 = fgetc(fp);
	if ((c0 == 0xff && c1 == 0xfe) || (c0 == 0xfe && c1 == 0xff)) {
		fclose(fp);
		return;
	}
	rewind(fp);
	/* getline: a line longer than any buffer is still one line. */
	while (n < d->line && (len = getline(&line, &cap, fp)) >= 0)
		n++;
	fclose(fp);
	if (n == d->line && len >= 0) {
		line[strcspn(line, "\r\n")] = '\0';
		print_snippet(out, line, d->column);
	}
	free(line);
}

void format_diags(FILE *out, const sov_diags *diags)
{
	static const char *const sev[] = { "error", "warning", "note" };
	size_t i;

	for (i = 0; i < sov_diags_count(diags); i++) {
		const sov_diag *d = sov_diags_get(diags, i);

		if (d->line && d->column)
			fprintf(out, "%s:%u:%u: %s: %s\n", d->file, d->line,
				d->column, sev[d->severity], d->message);
		else if (d->line)
			fprintf(out, "%s:%u: %s: %s\n", d->file, d->line,
				sev[d->severity], d->message);
		else
			fprintf(out, "%s: %s: %s\n", d->file[0] ? d->file :
				"sovereign", sev[d->severity], d->message);
		if (d->expected)
			fprintf(out, "  expected: %s\n", d->expected);
		print_caret(out, d);
	}
}

void print_diags(const sov_diags *diags)
{
	format_diags(stderr, diags);
}

/* Batch exit code: bad input or an internal error outranks non-compliant,
 * which outranks indeterminate, which outranks compliant. */
int worse(int a, int b)
{
	static const int rank[] = { 0, 2, 1, 3, 4 };

	return rank[b] > rank[a] ? b : a;
}

int exit_for_status(int rc)
{
	if (rc == SOV_ENOMEM || rc == SOV_ERROR)
		return EXIT_INTERNAL;
	return EXIT_BAD_INPUT;
}

/* ------------------------------------------------------------------ */
/* Commands                                                            */

sov_options cli_options(const settings *s)
{
	sov_options opts = SOV_OPTIONS_INIT;

	opts.max_input_size = s->max_input;
	return opts;
}

int load_catalog(const settings *s, sov_catalog **cat,
	sov_diags *diags)
{
	sov_options opts = cli_options(s);
	int rc;

	opts.no_builtin_catalog = s->no_builtin;
	rc = sov_catalog_load(cat, s->catalogs, s->ncatalogs, &opts, diags);
	if (rc != SOV_OK) {
		print_diags(diags);
		fprintf(stderr, "sovereign: cannot load the catalog: %s\n",
			sov_status_str(rc));
	}
	return rc;
}

int load_policies(const settings *s, session *S)
{
	size_t i;
	int failed = 0;

	for (i = 0; i < s->npolicies; i++) {
		sov_options opts = cli_options(s);
		int rc = sov_policy_load_file(&S->pols[S->npols], S->cat,
			s->policies[i], &opts, S->diags);

		print_diags(S->diags);
		sov_diags_clear(S->diags);
		if (rc != SOV_OK) {
			fprintf(stderr, "sovereign: cannot load policy %s: "
				"%s\n", s->policies[i], sov_status_str(rc));
			failed = exit_for_status(rc);
			continue;
		}
		S->npols++;
	}
	return failed;
}

int decision_exit(sov_decision d)
{
	return d == SOV_DECISION_COMPLIANT ? EXIT_COMPLIANT :
	       d == SOV_DECISION_NON_COMPLIANT ? EXIT_NON_COMPLIANT :
	       EXIT_INDETERMINATE;
}

sov_import_options import_options(const settings *s, const session *S)
{
	sov_import_options o = SOV_IMPORT_OPTIONS_INIT;

	o.format = s->from;
	o.region = s->region;
	o.location = s->location;
	o.id = s->id;
	o.annotations = S->annotations;
	return o;
}

int load_annotations(const settings *s, session *S)
{
	sov_options opts = cli_options(s);
	int rc;

	if (!s->annotations)
		return 0;
	rc = sov_annotations_load_file(&S->annotations, S->cat,
		s->annotations, &opts, S->diags);
	print_diags(S->diags);
	sov_diags_clear(S->diags);
	if (rc == SOV_OK)
		return 0;
	fprintf(stderr, "sovereign: cannot load annotations %s: %s\n",
		s->annotations, sov_status_str(rc));
	return exit_for_status(rc);
}

int load_deployment(const settings *s, const session *S, const char *path,
	sov_deployment **d, sov_diags *diags)
{
	sov_options opts = cli_options(s);
	sov_import_options io = import_options(s, S);

	return sov_deployment_import_file(d, S->cat, &path, 1, &io, &opts,
		diags);
}

/* Reports go to a temporary file renamed over --output when complete. */
FILE *open_output(const settings *s, char *tmp, size_t tmplen)
{
	int fd;
	FILE *fp;

	if (!s->output)
		return stdout;
	snprintf(tmp, tmplen, "%s.XXXXXX", s->output);
	fd = mkstemp(tmp);
	fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!fp)
		fprintf(stderr, "sovereign: cannot write %s: %s\n", s->output,
			strerror(errno));
	return fp;
}

int close_output(const settings *s, FILE *fp, const char *tmp,
	int code)
{
	int failed;

	if (!s->output)
		return fflush(stdout) == 0 ? code : EXIT_INTERNAL;
	failed = fclose(fp) != 0;
	if (failed || code >= EXIT_BAD_INPUT || rename(tmp, s->output) != 0) {
		remove(tmp);
		if (failed || code < EXIT_BAD_INPUT)
			fprintf(stderr, "sovereign: cannot write %s\n",
				s->output);
		return code >= EXIT_BAD_INPUT ? code : EXIT_INTERNAL;
	}
	return code;
}

