/*
 * test_oom.c - allocation failures in the manner of SQLite's OOM tests.
 *
 * A reference run loads the catalog, two shipped policy sets and an
 * example deployment, evaluates it and renders the text, JSON and HTML
 * reports, counting the allocations of two kinds: the handles' (through
 * a sov_allocator, which PCRE2 and the diagnostics list use too) and
 * libxml2's (through xmlMemSetup, which is global and so is set here, in
 * the test process, never by the library). Then the run is repeated once
 * for each N, with the Nth allocation of one kind refused. Each step must
 * succeed or fail without setting its handle, with SOV_ENOMEM when the
 * handle's allocator refused; after a failure the same step is retried
 * with memory back, and the run goes on with the handles it already had:
 * the reports must come out byte for byte as in the reference, and no
 * block of the allocator may be left. Leaks of libxml2's blocks are
 * LeakSanitizer's to find (run it in the ASan build).
 *
 * libxml2's allocations are counted apart because their number changes
 * a little from run to run (its dictionaries hash with a random seed).
 * Those of its schema code are spared (see below), and a few refusals
 * libxml2 itself does not notice (a namespace node it could not make is
 * left out, and the document then fails validation): such a step must
 * still fail, and the test prints it. Every handle allocation and every
 * libxml2 one from the policies on is tried: about 2,200 runs, a few
 * seconds, under a minute in the ASan build.
 */
#define _GNU_SOURCE  /* RTLD_NEXT */
#include "helpers.h"

#include <dlfcn.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlschemas.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GDPR SOV_SOURCE_DIR "/policies/regimes/eu-gdpr-transfers.xml"
/* Its data-match patterns put PCRE2 on the allocator too. */
#define VN SOV_SOURCE_DIR "/policies/regimes/vn-decree-53.xml"
#define EXAMPLE SOV_SOURCE_DIR "/examples/deployments/replica-violation.xml"

enum { H, X, KINDS };  /* the handle's allocator, libxml2 */

/* Global because libxml2's hooks take no user data. */
typedef struct {
	long calls[KINDS];   /* allocations so far */
	long fail_at[KINDS]; /* the one to refuse; 0 = none */
	int refused;         /* fail_at has been reached */
	int x_counting;      /* libxml2's are counted (from the policies) */
	long live;           /* blocks of the sov_allocator not yet freed */
	long lax;            /* libxml2 refusals told as another error */
	long spared;         /* refusals skipped: inside libxml2's schemas */
} counter;

static counter C;

/*
 * libxml2 2.9's schema validator does not survive a failed allocation:
 * xmlSchemaNewValidCtxt returns a context without the node list it could
 * not get, which validation then reads, and freeing a half-made one
 * frees twice. Refusing those would test libxml2, not us, so while a
 * validation context exists its allocations are spared. The test knows
 * by defining these two functions itself: the library's calls reach them
 * first, and they call libxml2's.
 */
static int validating;

xmlSchemaValidCtxtPtr xmlSchemaNewValidCtxt(xmlSchemaPtr schema)
{
	xmlSchemaValidCtxtPtr (*real)(xmlSchemaPtr);
	xmlSchemaValidCtxtPtr v;

	*(void **)&real = dlsym(RTLD_NEXT, "xmlSchemaNewValidCtxt");
	validating++;
	v = real(schema);
	if (!v)
		validating--;
	return v;
}

void xmlSchemaFreeValidCtxt(xmlSchemaValidCtxtPtr ctxt)
{
	void (*real)(xmlSchemaValidCtxtPtr);

	*(void **)&real = dlsym(RTLD_NEXT, "xmlSchemaFreeValidCtxt");
	real(ctxt);
	if (ctxt)
		validating--;
}

/*
 * Its schema compiler does not survive one either (after a failed
 * allocation its item lists write past their end). A catalog compiles a
 * schema when a document first needs it, so a run that borrows the
 * reference's catalog does not: compiling is neither counted nor
 * refused, and both runs count the same allocations.
 */
static int compiling;

xmlSchemaPtr xmlSchemaParse(xmlSchemaParserCtxtPtr ctxt)
{
	xmlSchemaPtr (*real)(xmlSchemaParserCtxtPtr);
	xmlSchemaPtr s;

	*(void **)&real = dlsym(RTLD_NEXT, "xmlSchemaParse");
	compiling++;
	s = real(ctxt);
	compiling--;
	return s;
}

static void *refuse_or(int who, void *(*fn)(void *, size_t), void *ptr,
	size_t n)
{
	if (who == X && (!C.x_counting || compiling))
		return fn(ptr, n);
	if (++C.calls[who] == C.fail_at[who]) {
		if (who == X && validating) {
			C.spared++;
			return fn(ptr, n);
		}
		C.refused = 1;
		return NULL;
	}
	return fn(ptr, n);
}

static void *plain_malloc(void *ptr, size_t n)
{
	(void)ptr;
	return malloc(n);
}

static void *plain_realloc(void *ptr, size_t n)
{
	return realloc(ptr, n);
}

static void *h_malloc(size_t n, void *ud)
{
	void *p = refuse_or(H, plain_malloc, NULL, n);

	(void)ud;
	C.live += p != NULL;
	return p;
}

static void *h_realloc(void *ptr, size_t n, void *ud)
{
	void *p = refuse_or(H, plain_realloc, ptr, n);

	(void)ud;
	C.live += p && !ptr;
	return p;
}

static void h_free(void *ptr, void *ud)
{
	(void)ud;
	C.live -= ptr != NULL;
	free(ptr);
}

/* libxml2's hooks; blocks it took before they were set are freed by
 * free() all the same. */
static void *x_malloc(size_t n)
{
	return refuse_or(X, plain_malloc, NULL, n);
}

static void *x_realloc(void *ptr, size_t n)
{
	return refuse_or(X, plain_realloc, ptr, n);
}

static char *x_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = x_malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* The steps of a run, in order. */
enum {
	S_DIAGS, S_CATALOG, S_GDPR, S_VN, S_DEPLOY, S_EVAL,
	S_TEXT, S_JSON, S_HTML, S_COUNT
};

static const char *const step_name[S_COUNT] = {
	"diags", "catalog", "gdpr policy", "vn policy", "deployment",
	"evaluate", "text report", "json report", "html report"
};

#define NREPORTS 3

typedef struct {
	sov_options o;
	sov_check_options co;
	sov_diags *diags;
	sov_catalog *cat;
	sov_policy *pol[2];
	sov_deployment *dep;
	sov_result *res;
	char *report[NREPORTS];
	size_t len[NREPORTS];
} run;

static const sov_allocator allocator = { h_malloc, h_realloc, h_free,
	NULL };

static void run_init(run *r)
{
	sov_options o = SOV_OPTIONS_INIT;
	sov_check_options co = SOV_CHECK_OPTIONS_INIT;

	memset(r, 0, sizeof(*r));
	r->o = o;
	r->o.allocator = &allocator;
	r->co = co;
	r->co.allocator = &allocator;
	r->co.as_of = "2026-11-28";
}

static void run_free(run *r)
{
	int i;

	for (i = 0; i < NREPORTS; i++)
		sov_buffer_free(r->res, r->report[i]);
	sov_result_free(r->res);
	sov_deployment_free(r->dep);
	sov_policy_free(r->pol[1]);
	sov_policy_free(r->pol[0]);
	sov_catalog_free(r->cat);
	sov_diags_free(r->diags);
}

static int render(run *r, int i, sov_format format)
{
	return sov_report_render(&r->report[i], &r->len[i], r->res, format,
		NULL);
}

static int step(run *r, int k)
{
	switch (k) {
	case S_DIAGS:
		return sov_diags_new_opts(&r->diags, &r->o);
	case S_CATALOG:
		return sov_catalog_load(&r->cat, NULL, 0, &r->o, r->diags);
	case S_GDPR:
		return sov_policy_load_file(&r->pol[0], r->cat, GDPR, &r->o,
			r->diags);
	case S_VN:
		return sov_policy_load_file(&r->pol[1], r->cat, VN, &r->o,
			r->diags);
	case S_DEPLOY:
		return sov_deployment_load_file(&r->dep, r->cat, EXAMPLE,
			&r->o, r->diags);
	case S_EVAL:
		return sov_evaluate(&r->res, (const sov_policy *const *)r->pol,
			2, r->dep, &r->co, r->diags);
	case S_TEXT:
		return render(r, 0, SOV_FORMAT_TEXT);
	case S_JSON:
		return render(r, 1, SOV_FORMAT_JSON);
	default:
		return render(r, 2, SOV_FORMAT_HTML);
	}
}

/* What step k made; a failed step must leave it NULL. */
static const void *made_by(const run *r, int k)
{
	switch (k) {
	case S_DIAGS: return r->diags;
	case S_CATALOG: return r->cat;
	case S_GDPR: return r->pol[0];
	case S_VN: return r->pol[1];
	case S_DEPLOY: return r->dep;
	case S_EVAL: return r->res;
	default: return r->report[k - S_TEXT];
	}
}

/* The reference run, and the allocations made by the end of each step. */
static run ref;
static long ends[S_COUNT][KINDS];

/*
 * libxml2's allocations are counted, and refused, from the policies on:
 * in the catalog step libxml2 reads the built-in catalog, thousands of
 * allocations that would make the sweep many times longer, and that
 * step's own allocations are swept as the handle's.
 */
static void count_from(int k)
{
	C.x_counting = k >= S_GDPR;
}

static void reference_run(void)
{
	int k;

	/* A first run leaves behind what libxml2 makes once per process,
	 * so that the reference counts what every later run makes. */
	run_init(&ref);
	for (k = 0; k < S_COUNT; k++)
		step(&ref, k);
	run_free(&ref);
	run_init(&ref);
	memset(&C, 0, sizeof(C));
	for (k = 0; k < S_COUNT; k++) {
		int rc;

		count_from(k);
		rc = step(&ref, k);
		if (rc != SOV_OK && ref.diags && sov_diags_count(ref.diags))
			fail_msg("reference %s: %s: %s", step_name[k],
				sov_status_str(rc), sov_diags_get(ref.diags,
				sov_diags_count(ref.diags) - 1)->message);
		if (rc != SOV_OK)
			fail_msg("reference %s: %s", step_name[k],
				sov_status_str(rc));
		ends[k][H] = C.calls[H];
		ends[k][X] = C.calls[X];
	}
}

static void same_reports(const run *r, const char *what)
{
	int i;

	for (i = 0; i < NREPORTS; i++)
		if (r->len[i] != ref.len[i] ||
		    memcmp(r->report[i], ref.report[i], r->len[i]) != 0)
			fail_msg("%s: %s differs from the reference", what,
				step_name[S_TEXT + i]);
}

/*
 * The handle's refusal must give SOV_ENOMEM. libxml2 2.9 does not always
 * say that its own allocation failed: it may give up on a document as
 * malformed. Those steps must still fail cleanly; they are counted.
 */
static void check_failure(const run *r, int k, int rc, int who,
	const char *what)
{
	if (rc == SOV_ENOMEM && C.refused && !made_by(r, k))
		return;
	if (who == X && C.refused && rc != SOV_OK && !made_by(r, k)) {
		print_message("%s, %s: %s\n", what, step_name[k],
			sov_status_str(rc));
		C.lax++;
		return;
	}
	fail_msg("%s, %s: %s%s", what, step_name[k], sov_status_str(rc),
		made_by(r, k) ? ", with a handle set" : "");
}

/* Steps from `first` on; returns the step that met the refusal. After a
 * failure, memory is back and the step is retried: the handles made so
 * far must still serve. */
static int run_steps(run *r, int first, int who, const char *what)
{
	int k, hit = -1;

	for (k = first; k < S_COUNT; k++) {
		int was = C.refused, rc;

		count_from(k);
		rc = step(r, k);
		if (C.refused && !was)
			hit = k;
		if (rc == SOV_OK)
			continue;
		check_failure(r, k, rc, who, what);
		C.fail_at[who] = 0;
		rc = step(r, k);
		if (rc != SOV_OK)
			fail_msg("%s, %s retried: %s", what, step_name[k],
				sov_status_str(rc));
	}
	return hit;
}

/*
 * One run with the nth allocation of kind `who` refused. Past the
 * catalog, the run borrows the reference's catalog (immutable, so it
 * cannot tell) and a list of its own, and starts counting where the
 * catalog ended: the catalog is nine tenths of the time of a run.
 */
static int run_failing_at(int who, long n)
{
	run r;
	int first = S_DIAGS, hit;
	long lax = C.lax, spared = C.spared;
	char what[64];

	snprintf(what, sizeof(what), "%s allocation %ld",
		who == H ? "handle" : "libxml2", n);
	run_init(&r);
	memset(&C, 0, sizeof(C));
	C.lax = lax;
	C.spared = spared;
	if (who == X || n > ends[S_CATALOG][H]) {
		assert_int_equal(sov_diags_new_opts(&r.diags, &r.o), SOV_OK);
		r.cat = ref.cat;
		first = S_GDPR;
		C.calls[H] = ends[S_CATALOG][H];
	}
	C.fail_at[who] = n;
	hit = run_steps(&r, first, who, what);
	same_reports(&r, what);
	if (first == S_GDPR)
		r.cat = NULL;
	run_free(&r);
	if (C.live != 0)
		fail_msg("%s (%s): %ld blocks leaked", what,
			hit >= 0 ? step_name[hit] : "none", C.live);
	return hit;
}

/*
 * The handle's allocations are few (the arena takes large chunks), so
 * every one is refused in turn, the catalog's too. SOV_OOM_STRIDE=K
 * refuses only every Kth of the catalog's, from a start that changes
 * from one run to the next, for a slow build.
 */
#define CATALOG_STRIDE 1

static long catalog_stride(void)
{
	const char *s = getenv("SOV_OOM_STRIDE");
	long v = s ? strtol(s, NULL, 10) : CATALOG_STRIDE;

	return v > 0 ? v : CATALOG_STRIDE;
}

/* SOV_OOM_LIBXML2=0 leaves libxml2's allocations alone. */
static int libxml2_too(void)
{
	const char *s = getenv("SOV_OOM_LIBXML2");

	return !s || strcmp(s, "0") != 0;
}

typedef struct {
	long per_step[KINDS][S_COUNT];
	long missed;   /* libxml2 allocations this run did not make */
} tally;

static void try_one(tally *t, int who, long n)
{
	long spared = C.spared;
	int hit = run_failing_at(who, n);

	if (hit >= 0)
		t->per_step[who][hit]++;
	else if (who == H)
		fail_msg("handle allocation %ld was not made", n);
	else if (C.spared == spared)
		t->missed++;
}

static void print_tally(const tally *t, clock_t t0)
{
	long runs = t->missed + C.spared;
	int k;

	for (k = 0; k < S_COUNT; k++) {
		long h = ends[k][H] - (k ? ends[k - 1][H] : 0);
		long x = ends[k][X] - (k ? ends[k - 1][X] : 0);

		print_message("%-12s handle %5ld tried %5ld, libxml2 %5ld "
			"tried %5ld\n", step_name[k], h, t->per_step[H][k], x,
			t->per_step[X][k]);
		runs += t->per_step[H][k] + t->per_step[X][k];
		assert_true(h > 0);
		if (k != S_CATALOG)
			assert_int_equal(t->per_step[H][k], h);
	}
	print_message("%ld runs in %.1f s; libxml2: %ld spared (schema "
		"code), %ld refusals told as another error, %ld not "
		"reached\n", runs, (double)(clock() - t0) / CLOCKS_PER_SEC,
		C.spared, C.lax, t->missed);
}

static void every_allocation_fails_once(void **state)
{
	long n, by = catalog_stride(), ref_live;
	const long *last = ends[S_COUNT - 1];
	tally t;
	clock_t t0 = clock();
	int k;

	(void)state;
	memset(&t, 0, sizeof(t));
	reference_run();
	ref_live = C.live;
	for (k = 0; k < S_COUNT; k++)
		assert_non_null(made_by(&ref, k));
	for (n = 1; n <= ends[S_DIAGS][H]; n++)
		try_one(&t, H, n);
	for (n += (long)time(NULL) % by; n <= ends[S_CATALOG][H]; n += by)
		try_one(&t, H, n);
	for (n = ends[S_CATALOG][H] + 1; n <= last[H]; n++)
		try_one(&t, H, n);
	if (libxml2_too())
		for (n = 1; n <= last[X]; n++)
			try_one(&t, X, n);
	print_tally(&t, t0);
	assert_true(t.per_step[H][S_CATALOG] >=
		(ends[S_CATALOG][H] - ends[S_DIAGS][H]) / by);
	/* The random seed moves a few of libxml2's allocations, no more. */
	assert_true(t.missed * 100 <= last[X]);
	memset(&C, 0, sizeof(C));
	run_free(&ref);
	assert_int_equal(C.live, -ref_live);
}

/* A list made with an allocator takes its memory from it. */
static void diags_use_the_allocator(void **state)
{
	sov_options o = SOV_OPTIONS_INIT, bad = SOV_OPTIONS_INIT;
	sov_diags *d = NULL;
	sov_catalog *cat = test_catalog();
	sov_policy *p = NULL;

	(void)state;
	bad.version = 99;
	assert_int_equal(sov_diags_new_opts(NULL, NULL), SOV_EUSAGE);
	assert_int_equal(sov_diags_new_opts(&d, &bad), SOV_EUSAGE);
	assert_null(d);
	o.allocator = &allocator;
	memset(&C, 0, sizeof(C));
	assert_int_equal(sov_diags_new_opts(&d, &o), SOV_OK);
	assert_true(C.live > 0);
	assert_int_equal(test_policy_fails(cat, "<policy-set " POLICY_NS
		" id='x'><rule/></policy-set>", d), SOV_EINPUT);
	assert_true(sov_diags_count(d) > 0);
	sov_diags_free(d);
	assert_int_equal(C.live, 0);
	/* Refused at once: no list, nothing held. */
	memset(&C, 0, sizeof(C));
	C.fail_at[H] = 1;
	d = (sov_diags *)1;
	assert_int_equal(sov_diags_new_opts(&d, &o), SOV_ENOMEM);
	assert_null(d);
	assert_int_equal(C.live, 0);
	sov_policy_free(p);
	sov_catalog_free(cat);
}

/*
 * libxml2 2.9 leaks one buffer when xmlParserInputBufferCreateMem cannot
 * copy the document into it (it frees the input but not its buffer).
 * Its stack is cut short (libxml2 has no frame pointers), so the leak is
 * named by its allocator; the library never calls that function itself.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:xmlBufCreateSize\n";
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diags_use_the_allocator),
		cmocka_unit_test(every_allocation_fails_once),
	};

	/* libxml2's one-time set-up is not a step of the run, and what it
	 * says of memory it lacked is expected here. */
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	if (xmlMemSetup(free, x_malloc, x_realloc, x_strdup) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
