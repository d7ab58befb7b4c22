/*
 * batch.c - `sovereign check` over many deployments: files, directories,
 * --files-from, or NDJSON documents on standard input (filter mode).
 * Worker threads share the compiled policies and the catalog; each input
 * is loaded, evaluated and rendered by one worker into its slot, and the
 * main thread writes slots strictly in input order. At most WINDOW slots
 * are in flight, so memory does not grow with the number of inputs.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define MAX_THREADS 64
#define DEFAULT_MAX_INPUT ((size_t)16 << 20) /* as sov_options */

/* One input and, once done, what to write for it. */
typedef struct {
	char *name;            /* a path, or the NDJSON id */
	char *xml;             /* NDJSON: the document; NULL for a path */
	size_t xml_len;
	int from_stdin;        /* xml is standard input ("-") */
	int taken, done, code;
	char *out, *err;       /* rendered report and diagnostics */
	size_t out_len, err_len;
	sov_decision decision;
	size_t counts[6];
	size_t (*pcounts)[6];
	sov_decision *pdecisions;
	unsigned char *waivers; /* per waiver of the file: a wstate */
} slot;

/* What one deployment, then the batch, did with a waiver of the file. */
enum { W_NOT_SELECTED = 0, W_UNUSED = 1, W_EXPIRED = 2, W_APPLIED = 4 };

/* The device and inode of each file and directory a walk reached, so
 * that a file reached by several links is read once (open addressing). */
typedef struct {
	dev_t dev;
	ino_t ino;
	int used;
} file_id;

typedef struct {
	file_id *slots;
	size_t n, cap;          /* cap: a power of two, or 0 */
} file_ids;

/* Where inputs come from: the expanded argument list, lines of a file,
 * or NDJSON lines on stdin. */
typedef struct {
	char **paths;          /* arguments and directories, expanded */
	size_t npaths, next_path;
	FILE *list;            /* --files-from */
	FILE *ndjson;          /* filter mode */
	const char *list_name; /* for messages */
	unsigned long line;    /* lines read from the list or stdin */
	size_t line_limit;     /* --max-input-size */
	file_ids seen;         /* what the walks reached */
	output_id out;         /* -o: no input may be it */
	int exhausted;
	char *stdin_xml;       /* "-": standard input, read before the */
	size_t stdin_len;      /* workers start */
	int stdin_failed;      /* ... or the status of reading it */
} source;

typedef struct {
	const settings *s;
	session *S;
	source src;
	slot *slots;
	size_t window;
	size_t taken, written; /* sequence numbers */
	pthread_mutex_t lock;
	pthread_cond_t ready;  /* the slot to write next may be done */
	pthread_cond_t room;   /* a slot was freed, or the input ended */
	int worst;
	size_t totals[4];      /* deployments per decision, 3 = bad input */
	struct timespec start;
	int progress, many;
	double next_progress;
	size_t first_report;   /* index of the first report written */
	unsigned char *waivers; /* per waiver of the file: wstates or'ed */
} batch;

/* ------------------------------------------------------------------ */
/* Inputs                                                              */

static int is_xml_name(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

static int out_of_memory(void)
{
	fprintf(stderr, "sovereign: out of memory\n");
	return -1;
}

static int push_path(source *src, const char *path)
{
	char **p;

	if (src->npaths % 256 == 0) {
		p = realloc(src->paths, (src->npaths + 256) * sizeof(char *));
		if (!p)
			return out_of_memory();
		src->paths = p;
	}
	src->paths[src->npaths] = strdup(path);
	return src->paths[src->npaths++] ? 0 : out_of_memory();
}

/* ------------------------------------------------------------------ */
/* Walking directories                                                 */

static size_t id_hash(dev_t dev, ino_t ino)
{
	unsigned long long h = (unsigned long long)ino * 0x9e3779b97f4a7c15ULL;

	return (size_t)(h ^ h >> 29 ^ (unsigned long long)dev);
}

static int ids_grow(file_ids *set);

/* 1 when added, 0 when already there, -1 when out of memory. */
static int ids_add(file_ids *set, dev_t dev, ino_t ino)
{
	size_t i, mask;

	if (2 * (set->n + 1) > set->cap && ids_grow(set))
		return out_of_memory();
	mask = set->cap - 1;
	for (i = id_hash(dev, ino) & mask; set->slots[i].used;
	     i = (i + 1) & mask)
		if (set->slots[i].dev == dev && set->slots[i].ino == ino)
			return 0;
	set->slots[i].dev = dev;
	set->slots[i].ino = ino;
	set->slots[i].used = 1;
	set->n++;
	return 1;
}

static int ids_grow(file_ids *set)
{
	file_ids bigger;
	size_t i;

	bigger.n = 0;
	bigger.cap = set->cap ? set->cap * 2 : 256;
	bigger.slots = calloc(bigger.cap, sizeof(file_id));
	if (!bigger.slots)
		return -1;
	for (i = 0; i < set->cap; i++)
		if (set->slots[i].used)
			ids_add(&bigger, set->slots[i].dev, set->slots[i].ino);
	free(set->slots);
	*set = bigger;
	return 0;
}

/* A directory on the walk's path, from the argument down. */
typedef struct frame {
	const char *path;
	dev_t dev;
	ino_t ino;
	const struct frame *up;
} frame;

static const frame *on_path(const frame *f, const struct stat *st)
{
	for (; f; f = f->up)
		if (f->dev == st->st_dev && f->ino == st->st_ino)
			return f;
	return NULL;
}

/* A directory's entries but the hidden ones, as paths in name order: the
 * walk is the same on every machine, and so is which of several links to
 * a file is read. It is closed before its subdirectories are walked, so
 * depth costs no file descriptors. */
static int list_dir(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;
	int rc = 0;

	*names = NULL;
	*n = 0;
	if (!d)
		return fprintf(stderr, "%s: cannot open: %s\n", dir,
			strerror(errno)), -1;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		char **more = *names;

		if (e->d_name[0] == '.')
			continue;
		if (*n == cap && !(more = realloc(*names, (cap = cap ? cap * 2
				: 64) * sizeof(char *))))
			rc = out_of_memory();
		else if (!((*names = more)[*n] = path_join(dir, e->d_name)))
			rc = out_of_memory();
		else
			(*n)++;
	}
	closedir(d);
	qsort(*names, *n, sizeof(char *), by_name);
	return rc;
}

static int walk_dir(batch *B, const char *dir, const struct stat *st,
	const frame *up);

/* A dangling link, with --follow-symlinks: said, and skipped, as
 * find -L lists it without following. */
static int dangling(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return 0;
	fprintf(stderr, "%s: warning: a symbolic link to nothing; "
		"skipped\n", path);
	return 1;
}

/* Symbolic links are not followed unless --follow-symlinks says so, as
 * find(1) does not follow them without -L: a link to `.` would make a
 * cycle, one to elsewhere takes the walk out of the tree. Followed, a
 * cycle is still caught (on_path) and a file still read once (seen).
 * Only regular files are inputs: a FIFO would block. */
static int walk_entry(batch *B, const char *path, const frame *up)
{
	source *src = &B->src;
	struct stat st;
	int follow = B->s->follow_symlinks;
	int added;

	if ((follow ? stat(path, &st) : lstat(path, &st)) != 0)
		return follow && dangling(path) ? 0 :
		       (fprintf(stderr, "%s: cannot open: %s\n", path,
			       strerror(errno)), -1);
	if (S_ISDIR(st.st_mode))
		return walk_dir(B, path, &st, up);
	if (!S_ISREG(st.st_mode) || !is_xml_name(path))
		return 0;
	if (output_clashes(&src->out, path, &st, "deployment"))
		return -1;
	added = ids_add(&src->seen, st.st_dev, st.st_ino);
	return added > 0 ? push_path(src, path) : added;
}

/* A directory already on the path from the argument (a bind mount of an
 * ancestor) is a cycle: said, and not walked again. One reached again by
 * another path has nothing new to give. */
static int walk_dir(batch *B, const char *dir, const struct stat *st,
	const frame *up)
{
	const frame *cycle = on_path(up, st);
	frame here;
	char **names;
	size_t n, i;
	int rc;

	if (cycle) {
		fprintf(stderr, "%s: warning: the same directory as %s (a "
			"cycle); not walked again\n", dir, cycle->path);
		return 0;
	}
	rc = ids_add(&B->src.seen, st->st_dev, st->st_ino);
	if (rc <= 0)
		return rc;
	here.path = dir;
	here.dev = st->st_dev;
	here.ino = st->st_ino;
	here.up = up;
	rc = list_dir(dir, &names, &n);
	for (i = 0; i < n; i++) {
		if (rc == 0)
			rc = walk_entry(B, names[i], &here);
		free(names[i]);
	}
	free(names);
	return rc;
}

/* A file named on the command line is read as named, through a symbolic
 * link too, and not again by a walk; a directory gives the *.xml files
 * under it, in name order. */
static int expand_arguments(batch *B)
{
	source *src = &B->src;
	size_t i;
	int rc = 0;

	for (i = 0; i < B->s->nfiles && rc == 0; i++) {
		const char *arg = B->s->files[i];
		size_t first = src->npaths;
		struct stat st;

		int exists = !is_stdin(arg) && stat(arg, &st) == 0;

		if (is_stdin(arg)) {
			src->stdin_failed = read_stdin(B->s, &src->stdin_xml,
				&src->stdin_len);
			rc = push_path(src, arg);
		} else if (exists && S_ISDIR(st.st_mode)) {
			rc = walk_dir(B, arg, &st, NULL);
			qsort(src->paths + first, src->npaths - first,
				sizeof(char *), by_name);
		} else if (exists &&
			   ids_add(&src->seen, st.st_dev, st.st_ino) < 0) {
			rc = -1;
		} else {
			rc = push_path(src, arg);
		}
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Lines: --files-from and NDJSON, at most --max-input-size each       */

enum { LINE_READ, LINE_END, LINE_TOO_LONG, LINE_NUL, LINE_ERROR };

/* One line, without its end, into a new string. No more than `limit`
 * bytes of it are ever held: a longer line gives LINE_TOO_LONG with the
 * rest unread. With `nul_ends`, a NUL byte (no path holds one, and
 * /dev/zero is nothing else) gives LINE_NUL at once. Lines are read
 * under the batch's lock only, hence getc_unlocked. */
static int read_line(FILE *fp, size_t limit, int nul_ends, char **line,
	size_t *len)
{
	char *buf = NULL, *more;
	size_t n = 0, cap = 0;
	int c;

	while ((c = getc_unlocked(fp)) != EOF && c != '\n') {
		if (n == limit || (c == '\0' && nul_ends)) {
			free(buf);
			return n == limit ? LINE_TOO_LONG : LINE_NUL;
		}
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 256;
			cap = cap > limit + 1 ? limit + 1 : cap;
			if (!(more = realloc(buf, cap)))
				return free(buf), errno = ENOMEM, LINE_ERROR;
			buf = more;
		}
		buf[n++] = (char)c;
	}
	if (c == EOF && (ferror(fp) || n == 0))
		return free(buf), ferror(fp) ? LINE_ERROR : LINE_END;
	while (n > 0 && buf && buf[n - 1] == '\r')
		n--;
	if (!buf && !(buf = malloc(1)))
		return errno = ENOMEM, LINE_ERROR;
	buf[n] = '\0';
	*line = buf;
	*len = n;
	return LINE_READ;
}

static void skip_line(FILE *fp)
{
	int c;

	while ((c = getc_unlocked(fp)) != EOF && c != '\n')
		;
}

/* ------------------------------------------------------------------ */
/* NDJSON input: {"id": "...", "xml": "..."} per line                  */

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static char *put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | (cp >> 6));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xE0 | (cp >> 12));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xF0 | (cp >> 18));
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

/* One escape after the backslash at *p; advances *p. */
static int unescape(const char **p, char **o)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *hit = strchr(from, **p);
	unsigned cp, lo;

	if (hit && **p) {
		*(*o)++ = to[hit - from];
		(*p)++;
		return 0;
	}
	if (**p != 'u' || hex4(*p + 1, &cp))
		return -1;
	*p += 5;
	if (cp >= 0xD800 && cp < 0xDC00 && (*p)[0] == '\\' &&
	    (*p)[1] == 'u' && hex4(*p + 2, &lo) == 0 && lo >= 0xDC00 &&
	    lo < 0xE000) {
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		*p += 6;
	}
	*o = put_utf8(*o, cp);
	return 0;
}

/* Parses a JSON string at *p (at its opening quote) in place into a new
 * buffer; advances *p past the closing quote. */
static char *json_string(const char **p, size_t *len)
{
	const char *q = *p + 1;
	char *out = malloc(strlen(q) + 1), *o = out;

	if (!out || **p != '"')
		return free(out), NULL;
	while (*q && *q != '"') {
		if (*q != '\\') {
			*o++ = *q++;
			continue;
		}
		q++;
		if (unescape(&q, &o))
			return free(out), NULL;
	}
	if (*q != '"')
		return free(out), NULL;
	*o = '\0';
	*len = (size_t)(o - out);
	*p = q + 1;
	return out;
}

/* {"id": STRING, "xml": STRING} in any order; other members refused. */
static int parse_ndjson(const char *line, slot *sl)
{
	const char *p = skip_ws(line);
	size_t len;

	if (*p++ != '{')
		return -1;
	for (;;) {
		char *key, *val;

		p = skip_ws(p);
		key = json_string(&p, &len);
		if (!key)
			return -1;
		p = skip_ws(p);
		val = *p == ':' ? (p = skip_ws(p + 1), json_string(&p,
			&len)) : NULL;
		if (val && strcmp(key, "id") == 0 && !sl->name)
			sl->name = val;
		else if (val && strcmp(key, "xml") == 0 && !sl->xml) {
			sl->xml = val;
			sl->xml_len = len;
		} else {
			free(val);
			free(key);
			return -1;
		}
		free(key);
		p = skip_ws(p);
		if (*p == '}')
			return sl->name && sl->xml && !*skip_ws(p + 1) ?
			       0 : -1;
		if (*p++ != ',')
			return -1;
	}
}

/* ------------------------------------------------------------------ */
/* Output helpers                                                      */

/* The JSON report on one line: its only raw newlines separate values. */
static void one_line(char *s, size_t *len)
{
	size_t i, j = 0;

	for (i = 0; i < *len; i++)
		if (s[i] != '\n')
			s[j++] = s[i];
	s[j] = '\0';
	*len = j;
}

/* ------------------------------------------------------------------ */
/* Work                                                                */

/* The waiver file's waivers this deployment selected, and what became of
 * them, for the batch's closing list. */
static void record_waivers(const batch *B, slot *sl, const sov_result *r)
{
	size_t i, n = sov_waivers_count(B->S->waivers);

	if (n == 0 || !(sl->waivers = calloc(n, 1)))
		return;
	for (i = 0; i < sov_result_waiver_count(r); i++) {
		long k = sov_result_waiver_int(r, i, SOV_W_INDEX);
		const char *st = sov_result_waiver_str(r, i, SOV_W_STATUS);

		if (k < 0 || (size_t)k >= n || !st)
			continue;
		sl->waivers[k] = strcmp(st, "applied") == 0 ? W_APPLIED :
				 strcmp(st, "expired") == 0 ? W_EXPIRED :
				 W_UNUSED;
	}
}

static void record_counts(batch *B, slot *sl, const sov_result *r)
{
	size_t i, np = sov_result_policy_count(r);
	int v;

	sl->decision = sov_result_decision(r);
	for (v = 0; v < 6; v++)
		sl->counts[v] = sov_result_verdict_count(r, (sov_verdict)v);
	sl->pcounts = calloc(np + 1, sizeof(size_t[6]));
	sl->pdecisions = calloc(np + 1, sizeof(sov_decision));
	for (i = 0; sl->pcounts && sl->pdecisions && i < np; i++) {
		for (v = 0; v < 6; v++)
			sl->pcounts[i][v] = sov_result_policy_verdicts(r, i,
				(sov_verdict)v);
		sl->pdecisions[i] = sov_result_policy_decision(r, i);
	}
	record_waivers(B, sl, r);
}

/* The slot's report for an input on standard input as NDJSON: one line
 * around the JSON report. */
static int ndjson_line(slot *sl, const sov_result *r, char *text, size_t len)
{
	FILE *out = open_memstream(&sl->out, &sl->out_len);

	if (!out)
		return SOV_ENOMEM;
	one_line(text, &len);
	fputs("{\"id\":", out);
	put_json_str(out, sl->name);
	fprintf(out, ",\"status\":\"ok\",\"exit\":%d,\"report\":%s}\n",
		decision_exit(sov_result_decision(r)), text);
	return fclose(out) == 0 ? SOV_OK : SOV_ENOMEM;
}

/* Renders the report into the slot. A plain report is kept as the library
 * gave it: a memory stream would grow (and clear) a copy step by step. */
static int render(batch *B, slot *sl, const sov_result *r)
{
	sov_report_options ro = SOV_REPORT_OPTIONS_INIT;
	char *text = NULL;
	size_t len = 0;
	int rc;

	ro.color = B->s->color && !B->s->output && !B->src.ndjson;
	ro.verbose = B->s->verbose;
	ro.quiet = B->s->quiet;
	ro.inner = B->many && !B->src.ndjson;
	ro.render_svg = B->s->no_diagram ? NULL : cli_draw_svg;
	if (B->s->summary)
		return SOV_OK;  /* the writer writes the matrix */
	rc = sov_report_render(&text, &len, r, B->src.ndjson ?
		SOV_FORMAT_JSON : B->s->format, &ro);
	if (rc != SOV_OK)
		return rc;
	if (!B->src.ndjson) {
		/* The CLI gives the library no allocator, so the buffer is
		 * the C library's (see sov_buffer_free): the slot keeps it. */
		sl->out = text;
		sl->out_len = len;
		return SOV_OK;
	}
	rc = ndjson_line(sl, r, text, len);
	sov_buffer_free(r, text);
	return rc;
}

static void ndjson_error(FILE *out, const slot *sl, const sov_diags *d)
{
	size_t i;

	fputs("{\"id\":", out);
	put_json_str(out, sl->name);
	fprintf(out, ",\"status\":\"error\",\"exit\":%d,\"errors\":[",
		sl->code);
	for (i = 0; i < sov_diags_count(d); i++) {
		const sov_diag *g = sov_diags_get(d, i);

		fprintf(out, "%s{\"line\":%u,\"column\":%u,\"message\":",
			i ? "," : "", g->line, g->column);
		put_json_str(out, g->message);
		fputs(",\"expected\":", out);
		if (g->expected)
			put_json_str(out, g->expected);
		else
			fputs("null", out);
		fputc('}', out);
	}
	fputs("]}\n", out);
}

static int load(batch *B, slot *sl, sov_deployment **d, sov_diags *diags)
{
	sov_options opts = cli_options(B->s);

	if (!sl->xml)
		return load_deployment(B->s, B->S, sl->name, d, diags);
	if (sl->from_stdin) {
		sov_import_options io = import_options(B->s, B->S);

		return sov_deployment_import_memory(d, B->S->cat, sl->name,
			sl->xml, sl->xml_len, &io, &opts, diags);
	}
	return sov_deployment_load_memory(d, B->S->cat, sl->name, sl->xml,
		sl->xml_len, &opts, diags);
}

/* Loads, evaluates and renders one input into its slot. */
static void process(batch *B, slot *sl, sov_diags *diags)
{
	sov_check_options co = SOV_CHECK_OPTIONS_INIT;
	sov_deployment *d = NULL;
	sov_result *r = NULL;
	FILE *err = open_memstream(&sl->err, &sl->err_len);
	FILE *out;
	int rc;

	co.as_of = B->s->as_of;
	co.ignore_waivers = B->s->no_waivers;
	co.suggest = B->s->suggest;
	co.verdicts_only = B->s->summary != 0;
	co.waivers = B->S->waivers;
	co.baseline = B->S->baseline;
	co.readings = B->s->readings;
	co.nreadings = B->s->nreadings;
	co.fail_on = B->s->fail_on;
	rc = err ? load(B, sl, &d, diags) : SOV_ENOMEM;
	if (rc == SOV_OK)
		rc = sov_evaluate(&r, (const sov_policy *const *)B->S->pols,
			B->S->npols, d, &co, diags);
	if (rc == SOV_OK)
		rc = render(B, sl, r);
	sl->code = rc == SOV_OK ? decision_exit(sov_result_decision(r)) :
		   exit_for_status(rc);
	if (rc == SOV_OK)
		record_counts(B, sl, r);
	if (err)
		format_diags(err, diags);
	if (rc != SOV_OK && B->src.ndjson) {
		out = open_memstream(&sl->out, &sl->out_len);
		if (out) {
			ndjson_error(out, sl, diags);
			fclose(out);
		}
	} else if (rc != SOV_OK && err) {
		fputs("sovereign: cannot check ", err);
		put_safe_str(err, sl->name);
		fprintf(err, ": %s\n", sov_status_str(rc));
	}
	if (err)
		fclose(err);
	sov_result_free(r);
	sov_deployment_free(d);
	sov_diags_clear(diags);
}

/* A new string from a format, or NULL. */
static char *message(const char *fmt, ...)
{
	va_list ap;
	char *text;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(text = malloc((size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return text;
}

/* An input that failed before it could be loaded: its slot holds only
 * what to write (`out`, `err`) and exit code 3. */
static void failed_input(slot *sl, const char *name, char *out, char *err)
{
	free(sl->name);
	free(sl->xml);
	memset(sl, 0, sizeof(*sl));
	sl->name = strdup(name);
	sl->out = out;
	sl->out_len = out ? strlen(out) : 0;
	sl->err = err;
	sl->err_len = err ? strlen(err) : 0;
	sl->code = EXIT_BAD_INPUT;
	sl->done = 1;
}

/* A line that is not {"id":...,"xml":...} still gets its result line. */
static void unparsed_line(slot *sl, const char *why)
{
	failed_input(sl, "(unparsed line)", message("{\"id\":null,"
		"\"status\":\"error\",\"exit\":3,\"errors\":[{\"line\":0,"
		"\"column\":0,\"message\":\"%s\",\"expected\":null}]}\n", why),
		NULL);
}

/* Why line `src->line` could not be read (a LINE_ code). */
static void line_problem(const source *src, int rc, char *why, size_t n)
{
	if (rc == LINE_TOO_LONG)
		snprintf(why, n, "line %lu is longer than the limit of %zu "
			"bytes (--max-input-size)", src->line,
			src->line_limit);
	else if (rc == LINE_NUL)
		snprintf(why, n, "line %lu holds a NUL byte; expected one "
			"path per line", src->line);
	else
		snprintf(why, n, "cannot read line %lu: %s", src->line,
			strerror(errno));
}

/* Standard input in filter mode: a line over the limit is answered like
 * any line that is not a document, and the rest of it skipped unread. */
static int ndjson_input(source *src, slot *sl)
{
	char *line = NULL, why[160];
	size_t len = 0;
	int rc = read_line(src->ndjson, src->line_limit, 0, &line, &len);

	if (rc == LINE_END)
		return 0;
	src->line++;
	if (rc == LINE_READ && (memchr(line, '\0', len) ||
				parse_ndjson(line, sl) != 0))
		unparsed_line(sl, "the line is not a JSON object with string "
			"members id and xml");
	free(line);
	if (rc == LINE_READ)
		return 1;
	line_problem(src, rc, why, sizeof(why));
	unparsed_line(sl, why);
	if (rc == LINE_TOO_LONG)
		skip_line(src->ndjson);
	else
		src->exhausted = 1;
	return 1;
}

/* --files-from: a line that cannot be a path ends the list with an
 * error. The output file is refused as an input. */
static int list_input(source *src, slot *sl)
{
	char *line = NULL, why[160];
	size_t len = 0;
	int rc = read_line(src->list, src->line_limit, 1, &line, &len);

	if (rc == LINE_END)
		return 0;
	src->line++;
	if (rc == LINE_READ && output_clashes(&src->out, line, NULL,
			"deployment")) {
		failed_input(sl, line, NULL, NULL);
		free(line);
	} else if (rc == LINE_READ) {
		sl->name = line;        /* now owned by the slot */
	} else {
		line_problem(src, rc, why, sizeof(why));
		failed_input(sl, src->list_name, NULL, message("%s: error: "
			"%s\n", src->list_name, why));
		src->exhausted = 1;
	}
	return 1;
}

/* "-" among the arguments: the document read from standard input, or
 * why it could not be read (said then). */
static int stdin_input(source *src, slot *sl)
{
	free(sl->name);
	sl->name = strdup(STDIN_NAME);
	sl->from_stdin = 1;
	sl->xml = src->stdin_xml;       /* now owned by the slot */
	sl->xml_len = src->stdin_len;
	src->stdin_xml = NULL;
	if (src->stdin_failed || !sl->name)
		failed_input(sl, STDIN_NAME, NULL, message("sovereign: cannot "
			"check %s: %s\n", STDIN_NAME, sov_status_str(
			src->stdin_failed ? src->stdin_failed : SOV_ENOMEM)));
	return 1;
}

/* The next input, or NULL at the end; called with the lock held. */
static int next_input(batch *B, slot *sl)
{
	source *src = &B->src;

	memset(sl, 0, sizeof(*sl));
	if (src->next_path < src->npaths) {
		sl->name = src->paths[src->next_path];
		src->paths[src->next_path++] = NULL;
		return is_stdin(sl->name) ? stdin_input(src, sl) : 1;
	}
	if (src->list && list_input(src, sl))
		return 1;
	if (src->ndjson && ndjson_input(src, sl))
		return 1;
	src->exhausted = 1;
	return 0;
}

/*
 * The writer is woken once the slot it is at is done and half the window
 * is taken, and then writes every done slot in a row. Waking it (and
 * every other thread) for each deployment cost more in hand-overs on two
 * cores than the writing itself. Called with the lock held; a worker
 * about to wait for room calls it too, so a full window always drains.
 * The same holds the other way: a worker that found the window full
 * waits until the writer has emptied half of it, rather than going on
 * in step with it, one hand-over per deployment.
 */
static void wake_writer(batch *B)
{
	if (B->slots[B->written % B->window].done && (B->taken - B->written >=
			B->window / 2 || B->src.exhausted))
		pthread_cond_signal(&B->ready);
}

static void *worker(void *arg)
{
	batch *B = arg;
	sov_diags *diags = NULL;

	if (sov_diags_new(&diags) != SOV_OK)
		return NULL;
	pthread_mutex_lock(&B->lock);
	for (;;) {
		slot *sl;

		if (B->taken - B->written >= B->window)
			while (!B->src.exhausted &&
			       B->taken - B->written > B->window / 2) {
				wake_writer(B);
				pthread_cond_wait(&B->room, &B->lock);
			}
		if (B->src.exhausted)
			break;
		sl = &B->slots[B->taken % B->window];
		if (!next_input(B, sl))
			break;
		B->taken++;
		sl->taken = 1;
		if (!sl->done) {
			pthread_mutex_unlock(&B->lock);
			process(B, sl, diags);
			pthread_mutex_lock(&B->lock);
			sl->done = 1;
		}
		wake_writer(B);
	}
	pthread_cond_broadcast(&B->ready);
	pthread_cond_broadcast(&B->room);
	pthread_mutex_unlock(&B->lock);
	sov_diags_free(diags);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Writing, in input order                                             */

static const char *const verdict_keys[6] = {
	"compliant", "violation", "not-applicable", "indeterminate",
	"excepted", "waived",
};

/* One row per (deployment, policy): the summary matrix. */
static void write_summary(batch *B, const slot *sl, FILE *out)
{
	size_t i;
	int v;

	for (i = 0; i < B->S->npols; i++) {
		const char *pid = sov_policy_id(B->S->pols[i]);
		const char *dec = sl->pcounts ? sov_decision_str(
			sl->pdecisions[i]) : "bad-input";

		if (B->s->summary == 1) {
			fprintf(out, "\"%s\",%s,%s", sl->name, pid, dec);
			for (v = 0; v < 6; v++)
				fprintf(out, ",%zu", sl->pcounts ?
					sl->pcounts[i][v] : 0);
			fputc('\n', out);
			continue;
		}
		fputs("{\"deployment\":", out);
		put_json_str(out, sl->name);
		fprintf(out, ",\"policy\":\"%s\",\"decision\":\"%s\"", pid,
			dec);
		for (v = 0; v < 6; v++)
			fprintf(out, ",\"%s\":%zu", verdict_keys[v],
				sl->pcounts ? sl->pcounts[i][v] : 0);
		fputs("}\n", out);
	}
}

/* Several reports make one document: JSON an array, SARIF one log. */
static int enveloped(const batch *B)
{
	return B->many && !B->src.ndjson && !B->s->summary;
}

static void write_slot(batch *B, slot *sl, FILE *out, size_t index)
{
	size_t k;

	if (sl->err_len)
		fwrite(sl->err, 1, sl->err_len, stderr);
	if (B->s->summary && sl->code != EXIT_BAD_INPUT)
		write_summary(B, sl, out);
	else if (sl->out_len) {
		if (index > B->first_report && enveloped(B))
			fputs(sov_report_envelope(B->s->format,
				SOV_ENVELOPE_SEP), out);
		if (B->first_report == (size_t)-1)
			B->first_report = index;
		fwrite(sl->out, 1, sl->out_len, out);
	}
	B->worst = worse(B->worst, sl->code);
	B->totals[sl->code <= EXIT_INDETERMINATE ? sl->code : 3]++;
	for (k = 0; B->waivers && sl->waivers &&
	     k < sov_waivers_count(B->S->waivers); k++)
		B->waivers[k] |= sl->waivers[k];
}

static void release(slot *sl)
{
	free(sl->name);
	free(sl->xml);
	free(sl->out);
	free(sl->err);
	free(sl->pcounts);
	free(sl->pdecisions);
	free(sl->waivers);
	memset(sl, 0, sizeof(*sl));
}

static double elapsed(const batch *B)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - B->start.tv_sec) +
	       (double)(now.tv_nsec - B->start.tv_nsec) / 1e9;
}

static void show_progress(batch *B, int last)
{
	static const double every = 0.2;
	double t = elapsed(B);
	double rate = t > 0 ? (double)B->written / t : 0;
	size_t total = B->src.npaths;

	if (!B->progress || (!last && t < B->next_progress))
		return;
	B->next_progress = t + every;
	if (total && !B->src.list && !B->src.ndjson)
		fprintf(stderr, "\r%zu/%zu done, %.0f/s, ETA %.0fs   ",
			B->written, total, rate, rate > 0 ?
			(double)(total - B->written) / rate : 0);
	else
		fprintf(stderr, "\r%zu done, %.0f/s   ", B->written, rate);
	if (last)
		fputc('\n', stderr);
}

static void write_all(batch *B, FILE *out)
{
	pthread_mutex_lock(&B->lock);
	for (;;) {
		slot *sl = &B->slots[B->written % B->window];

		while (!(B->written < B->taken && sl->done) &&
		       !(B->src.exhausted && B->written == B->taken))
			pthread_cond_wait(&B->ready, &B->lock);
		if (B->written == B->taken && B->src.exhausted)
			break;
		pthread_mutex_unlock(&B->lock);
		write_slot(B, sl, out, B->written);
		release(sl);
		pthread_mutex_lock(&B->lock);
		B->written++;
		show_progress(B, 0);
		/* Half the window is free: the workers waiting for room go
		 * on (no cost when none waits). */
		if (B->taken - B->written <= B->window / 2)
			pthread_cond_broadcast(&B->room);
	}
	pthread_mutex_unlock(&B->lock);
}

/* ------------------------------------------------------------------ */
/* Setting up                                                          */

static int open_sources(batch *B)
{
	const settings *s = B->s;

	B->src.out = output_identify(s);
	B->src.line_limit = s->max_input ? s->max_input : DEFAULT_MAX_INPUT;
	B->src.list_name = s->files_from && strcmp(s->files_from, "-") ?
			   s->files_from : "standard input";
	if (s->stdin_ndjson) {
		B->src.ndjson = stdin;
		return 0;
	}
	if (expand_arguments(B))
		return -1;
	if (s->files_from) {
		B->src.list = strcmp(s->files_from, "-") == 0 ? stdin :
			fopen(s->files_from, "r");
		if (!B->src.list)
			return fprintf(stderr, "%s: cannot open: %s\n",
				s->files_from, strerror(errno)), -1;
	}
	B->many = B->src.npaths > 1 || B->src.list;
	return 0;
}

static void write_header(batch *B, FILE *out)
{
	int v;

	if (B->s->summary == 1) {
		fputs("deployment,policy,decision", out);
		for (v = 0; v < 6; v++)
			fprintf(out, ",%s", verdict_keys[v]);
		fputc('\n', out);
	} else if (enveloped(B)) {
		fputs(sov_report_envelope(B->s->format, SOV_ENVELOPE_OPEN),
			out);
	}
}

/* A waiver of the file that no deployment of the batch needed: each
 * report says "unused" for its own deployment; this says it for all. */
static void unneeded_waivers(const batch *B, FILE *out)
{
	const sov_waivers *w = B->S->waivers;
	size_t i, shown = 0;

	for (i = 0; B->waivers && i < sov_waivers_count(w); i++) {
		unsigned char st = B->waivers[i];

		if (st & (W_APPLIED | W_EXPIRED))
			continue;
		if (shown++ == 0)
			fprintf(out, "Waivers no deployment needed:\n");
		fprintf(out, "  %s:%ld  rule %s%s%s: %s\n",
			sov_waivers_str(w, i, SOV_W_FILE),
			sov_waivers_int(w, i, SOV_W_FILE),
			sov_waivers_str(w, i, SOV_W_RULE),
			sov_waivers_str(w, i, SOV_W_COMPONENT) ?
			", component " : "",
			sov_waivers_str(w, i, SOV_W_COMPONENT) ?
			sov_waivers_str(w, i, SOV_W_COMPONENT) : "",
			st == W_NOT_SELECTED ? "selects no deployment of the "
			"batch" : "matches no failing finding");
	}
}

static void write_footer(batch *B, FILE *out)
{
	size_t n = B->written;

	if (enveloped(B))
		fputs(sov_report_envelope(B->s->format, SOV_ENVELOPE_CLOSE),
			out);
	if (B->s->format != SOV_FORMAT_TEXT || B->s->summary || n < 2 ||
	    B->s->quiet || B->src.ndjson)
		return;
	fprintf(out, "\n%zu deployments: %zu compliant, %zu non-compliant, "
		"%zu indeterminate, %zu not evaluated\n", n, B->totals[0],
		B->totals[1], B->totals[2], B->totals[3]);
	unneeded_waivers(B, out);
}

static size_t thread_count(const settings *s)
{
	long n = s->jobs > 0 ? s->jobs : sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	return n > MAX_THREADS ? MAX_THREADS : (size_t)n;
}

static int run_workers(batch *B, FILE *out)
{
	pthread_t threads[MAX_THREADS];
	size_t n = thread_count(B->s), started = 0, i;

	B->window = n * 16 + 16;
	B->slots = calloc(B->window, sizeof(slot));
	if (!B->slots)
		return EXIT_INTERNAL;
	for (i = 0; i < n; i++)
		started += pthread_create(&threads[started], NULL, worker,
			B) == 0;
	if (!started)
		return EXIT_INTERNAL;
	write_all(B, out);
	for (i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(B->slots);
	return B->worst;
}

int batch_check(const settings *s, session *S)
{
	batch B;
	output o;
	FILE *out;
	int code = EXIT_BAD_INPUT;
	size_t i;

	memset(&B, 0, sizeof(B));
	B.s = s;
	B.S = S;
	B.first_report = (size_t)-1;
	if (sov_waivers_count(S->waivers))
		B.waivers = calloc(sov_waivers_count(S->waivers), 1);
	B.progress = isatty(STDERR_FILENO) && !s->quiet;
	clock_gettime(CLOCK_MONOTONIC, &B.start);
	pthread_mutex_init(&B.lock, NULL);
	pthread_cond_init(&B.ready, NULL);
	pthread_cond_init(&B.room, NULL);
	if (open_sources(&B) == 0 &&
	    (out = output_open(&o, s)) != NULL) {
		write_header(&B, out);
		code = run_workers(&B, out);
		write_footer(&B, out);
		show_progress(&B, 1);
		code = output_close(&o, code);
	}
	if (B.src.list && B.src.list != stdin)
		fclose(B.src.list);
	for (i = 0; i < B.src.npaths; i++)
		free(B.src.paths[i]);
	free(B.src.paths);
	free(B.src.stdin_xml);
	free(B.src.seen.slots);
	pthread_cond_destroy(&B.ready);
	pthread_cond_destroy(&B.room);
	pthread_mutex_destroy(&B.lock);
	free(B.waivers);
	return code;
}
