/*
 * session.c - what every command of the tool shares: loading options, the
 * catalog and the policy sets, diagnostics on stderr with the source line
 * and a caret, and the exit code for a status or a decision.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#define DEFAULT_MAX_INPUT ((size_t)16 << 20) /* as sov_options */

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */

#define SNIPPET_HALF 100

/*
 * Messages quote the documents and name files, and either may hold what
 * a terminal obeys rather than shows: a C0 control other than tab, DEL,
 * a C1 control (U+0080-U+009F: U+009B opens a command like ESC [), a
 * bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069, which
 * reorder what follows), or bytes that are not UTF-8. The escaper in
 * evaluator/report/report_text.c makes the same choice for the reports;
 * the tool cannot share it, as it uses only the public header.
 */

/* The length of the UTF-8 sequence at s (at most n bytes), 0 when it is
 * not well formed; its code point in *cp. */
static size_t utf8_char(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	len = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	*cp = s[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	return len;
}

static int is_bidi_control(unsigned long cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 &&
						  cp <= 0x2069);
}

/* The bytes the character at s takes, with its escape in esc ("" when
 * it is shown as it is). */
static size_t next_char(const char *s, size_t n, char esc[8])
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long cp = 0;
	size_t len;

	esc[0] = '\0';
	if (u[0] < 0x80) {
		if ((u[0] < 0x20 && u[0] != '\t') || u[0] == 0x7f)
			snprintf(esc, 8, "\\x%02x", u[0]);
		return 1;
	}
	len = utf8_char(u, n, &cp);
	if (!len)
		snprintf(esc, 8, "\\x%02x", u[0]);
	else if (cp <= 0x9f || is_bidi_control(cp))
		snprintf(esc, 8, "\\u%04lx", cp);
	return len ? len : 1;
}

/* Writes n bytes of s, escaped. */
static void put_safe(FILE *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		char esc[8];
		size_t len = next_char(s + i, n - i, esc);

		if (esc[0])
			fputs(esc, out);
		else
			fwrite(s + i, 1, len, out);
		i += len;
	}
}

/* A JSON string by the library's rules (buf_json_str): what a terminal
 * would obey is \uXXXX, a byte that is not UTF-8 \ufffd. */
void put_json_str(FILE *fp, const char *s)
{
	size_t n = s ? strlen(s) : 0, i = 0;

	fputc('"', fp);
	while (i < n) {
		const unsigned char *u = (const unsigned char *)s + i;
		unsigned long cp = u[0];
		size_t len = u[0] < 0x80 ? 1 : utf8_char(u, n - i, &cp);

		if (cp == '"' || cp == '\\')
			fprintf(fp, "\\%c", (int)cp);
		else if (cp == '\n')
			fputs("\\n", fp);
		else if (!len)
			fputs("\\ufffd", fp);
		else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
			 is_bidi_control(cp))
			fprintf(fp, "\\u%04lx", cp);
		else
			fwrite(u, 1, len, fp);
		i += len ? len : 1;
	}
	fputc('"', fp);
}

void put_safe_str(FILE *out, const char *s)
{
	put_safe(out, s, strlen(s));
}

/* The byte offset of 1-based character column `col` in line: columns
 * count characters as the library does, one for each byte that does not
 * continue a UTF-8 sequence. */
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

/* The caret's indent: a column per character shown, as many as its
 * escape takes for one escaped, and a tab for a tab. */
static void put_indent(FILE *out, const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		char esc[8];
		size_t len = next_char(s + i, n - i, esc);

		if (s[i] == '\t')
			fputc('\t', out);
		for (k = s[i] == '\t' ? 0 : esc[0] ? strlen(esc) : 1; k; k--)
			fputc(' ', out);
		i += len;
	}
}

/* At most SNIPPET_HALF characters either side of the column, so a plan
 * printed on one line does not flood the terminal. */
static void print_snippet(FILE *out, const char *line, unsigned column)
{
	size_t at = column_offset(line, column);
	size_t from = back_chars(line, at, SNIPPET_HALF);
	size_t to = at + column_offset(line + at, SNIPPET_HALF);

	fputs("  ", out);
	if (from)
		fputs("...", out);
	put_safe(out, line + from, to - from);
	if (line[to])
		fputs("...", out);
	fputs("\n  ", out);
	if (from)
		fputs("   ", out);
	put_indent(out, line + from, at - from);
	fputs("^\n", out);
}

/* A file in UTF-16 or UTF-32 (a byte order mark, or a NUL among the
 * first two bytes) has no lines the positions could point into. */
static int is_wide_text(FILE *fp)
{
	int c0 = fgetc(fp), c1 = fgetc(fp);

	rewind(fp);
	return (c0 == 0xff && c1 == 0xfe) || (c0 == 0xfe && c1 == 0xff) ||
	       c0 == 0 || c1 == 0;
}

/* Prints the source line and a caret under the column, when readable. */
static void print_caret(FILE *out, const sov_diag *d)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len = 0;
	unsigned n = 0;

	if (!d->line || !d->column || !d->file[0] || d->file[0] == '<')
		return;
	fp = fopen(d->file, "r");
	if (!fp)
		return;
	if (is_wide_text(fp)) {
		fclose(fp);
		return;
	}
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

		put_safe_str(out, d->file[0] || d->line ? d->file :
			"sovereign");
		if (d->line)
			fprintf(out, ":%u", d->line);
		if (d->line && d->column)
			fprintf(out, ":%u", d->column);
		fprintf(out, ": %s: ", sev[d->severity]);
		put_safe_str(out, d->message);
		fputc('\n', out);
		if (d->expected) {
			fputs("  expected: ", out);
			put_safe_str(out, d->expected);
			fputc('\n', out);
		}
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

/* A file a --catalog file included is an input too (the catalog files
 * themselves were compared before anything was read). */
static int writes_over_catalog(const settings *s, const sov_catalog *cat)
{
	output_id id = output_identify(s);
	size_t i;
	int clash = 0;

	for (i = 0; i < sov_catalog_file_count(cat); i++)
		clash |= output_clashes(&id, sov_catalog_file(cat, i), NULL,
			"catalog part");
	return clash;
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
	} else if (writes_over_catalog(s, *cat)) {
		sov_catalog_free(*cat);
		*cat = NULL;
		rc = SOV_EUSAGE;
	}
	return rc;
}

/* One policy set: from its file, or from standard input for "-". */
static int load_policy(const settings *s, session *S, const char *path)
{
	sov_options opts = cli_options(s);
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (!is_stdin(path))
		return sov_policy_load_file(&S->pols[S->npols], S->cat, path,
			&opts, S->diags);
	rc = read_stdin(s, &data, &len);
	if (rc == SOV_OK)
		rc = sov_policy_load_memory(&S->pols[S->npols], S->cat,
			STDIN_NAME, data, len, &opts, S->diags);
	free(data);
	return rc;
}

/* The files a policy set included are inputs too: an output that is one
 * of them is refused before anything is written. */
static int writes_over_include(const settings *s, const sov_policy *p)
{
	output_id id = output_identify(s);
	size_t i;
	int clash = 0;

	for (i = 1; i < sov_policy_file_count(p); i++)
		clash |= output_clashes(&id, sov_policy_file(p, i), NULL,
			"policy part");
	return clash;
}

int load_policies(const settings *s, session *S)
{
	size_t i;
	int failed = 0;

	for (i = 0; i < s->npolicies; i++) {
		int rc = load_policy(s, S, s->policies[i]);

		print_diags(S->diags);
		sov_diags_clear(S->diags);
		if (rc != SOV_OK) {
			fputs("sovereign: cannot load policy ", stderr);
			put_safe_str(stderr, input_name(s->policies[i]));
			fprintf(stderr, ": %s\n", sov_status_str(rc));
			failed = exit_for_status(rc);
			continue;
		}
		if (writes_over_include(s, S->pols[S->npols]))
			failed = EXIT_BAD_INPUT;
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

/* The annotation file, or standard input for "-". */
static int read_annotations(const settings *s, session *S)
{
	sov_options opts = cli_options(s);
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (!is_stdin(s->annotations))
		return sov_annotations_load_file(&S->annotations, S->cat,
			s->annotations, &opts, S->diags);
	rc = read_stdin(s, &data, &len);
	if (rc == SOV_OK)
		rc = sov_annotations_load_memory(&S->annotations, S->cat,
			STDIN_NAME, data, len, &opts, S->diags);
	free(data);
	return rc;
}

int load_annotations(const settings *s, session *S)
{
	int rc;

	if (!s->annotations)
		return 0;
	rc = read_annotations(s, S);
	print_diags(S->diags);
	sov_diags_clear(S->diags);
	if (rc == SOV_OK)
		return 0;
	fputs("sovereign: cannot load annotations ", stderr);
	put_safe_str(stderr, input_name(s->annotations));
	fprintf(stderr, ": %s\n", sov_status_str(rc));
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

/* ------------------------------------------------------------------ */
/* Standard input                                                      */

int is_stdin(const char *path)
{
	return path && strcmp(path, "-") == 0;
}

const char *input_name(const char *path)
{
	return is_stdin(path) ? STDIN_NAME : path;
}

/* A message in the form of a diagnostic, for what the library does not
 * see: standard input is read here. */
static int stdin_error(int rc, const char *why, size_t limit)
{
	fprintf(stderr, "%s: error: ", STDIN_NAME);
	if (rc == SOV_ELIMIT)
		fprintf(stderr, "more than %zu bytes, over the limit "
			"(--max-input-size)\n", limit);
	else if (rc == SOV_ENOMEM)
		fputs("out of memory\n", stderr);
	else
		fprintf(stderr, "read error: %s\n", why);
	return rc;
}

/* No more than the limit and one byte is ever held, as for a file. */
int read_stdin(const settings *s, char **data, size_t *len)
{
	size_t max = s->max_input ? s->max_input : DEFAULT_MAX_INPUT;
	size_t n = 0, cap = 0, got;
	char *buf = NULL, *more;

	*data = NULL;
	*len = 0;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			cap = cap > max + 2 ? max + 2 : cap;
			if (!(more = realloc(buf, cap)))
				return free(buf), stdin_error(SOV_ENOMEM,
					NULL, max);
			buf = more;
		}
		got = fread(buf + n, 1, cap - n - 1, stdin);
		n += got;
	} while (got && n <= max);
	if (n > max || ferror(stdin)) {
		free(buf);
		return stdin_error(n > max ? SOV_ELIMIT : SOV_EIO,
			strerror(errno), max);
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* -p DIR                                                              */

void settings_free(settings *s)
{
	size_t i;

	for (i = 0; i < s->nowned; i++)
		free(s->owned[i]);
	free(s->owned);
	s->owned = NULL;
	s->nowned = 0;
}

int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's entry that is a policy set: *.xml, not hidden, a
 * regular file (through a symbolic link too: nothing is walked). */
static int is_policy_entry(const char *path, const char *name)
{
	size_t n = strlen(name);
	struct stat st;

	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".xml") ==
	       0 && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Keeps `path` in the settings' list of what they free. */
static int own(settings *s, char *path)
{
	char **more = realloc(s->owned, (s->nowned + 1) * sizeof(char *));

	if (!more)
		return free(path), -1;
	s->owned = more;
	s->owned[s->nowned++] = path;
	return 0;
}

char *path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	char *path = malloc(n + strlen(name) + 2);

	if (path)
		sprintf(path, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/",
			name);
	return path;
}

/* The policy sets of `dir` appended to out[*n..max), in name order. */
static int list_policies(settings *s, const char *dir, const char **out,
	size_t *n, size_t max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t first = *n;
	int rc = 0;

	if (!d)
		return fprintf(stderr, "%s: cannot open: %s\n", dir,
			strerror(errno)), -1;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		char *path = path_join(dir, e->d_name);

		if (path && !is_policy_entry(path, e->d_name)) {
			free(path);
		} else if (path && *n >= max) {
			fprintf(stderr, "sovereign: too many files (at most "
				"%zu)\n", max);
			free(path);
			rc = -1;
		} else if (!path || own(s, path)) {
			fprintf(stderr, "sovereign: out of memory\n");
			rc = -1;
		} else {
			out[(*n)++] = path;
		}
	}
	closedir(d);
	qsort(out + first, *n - first, sizeof(char *), by_name);
	return rc;
}

/* A directory with no policy set is a mistake worth a word: an empty
 * list would check nothing. */
static int no_policy_in(const char *command, const char *what,
	const char *dir)
{
	fprintf(stderr, "sovereign %s: %s", command, what);
	put_safe_str(stderr, dir);
	fputs(": no policy set (*.xml) in the directory\n", stderr);
	return -1;
}

int expand_policy_dirs(settings *s, const char **list, size_t *n,
	size_t max, const char *command, const char *what)
{
	const char **out = malloc(max * sizeof(*out));
	size_t i, k = 0;
	struct stat st;
	int rc = out ? 0 : -1;

	for (i = 0; rc == 0 && i < *n; i++) {
		size_t first = k;

		if (is_stdin(list[i]) || stat(list[i], &st) != 0 ||
		    !S_ISDIR(st.st_mode))
			out[k++] = list[i];     /* its loader says more */
		else if (list_policies(s, list[i], out, &k, max))
			rc = -1;
		else if (k == first)
			rc = no_policy_in(command, what, list[i]);
	}
	if (rc == 0) {
		memcpy(list, out, k * sizeof(*out));
		*n = k;
	}
	free(out);
	return rc;
}
