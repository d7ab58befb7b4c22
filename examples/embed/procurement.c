/*
 * procurement.c - compare cloud bids against several data-residency
 * regimes with libsovereign.
 *
 * A buyer (here, an insurer with policyholders in the EU, the United
 * Kingdom and Switzerland) receives three bids for a claims platform.
 * Each bid describes where the platform would keep and process personal
 * data. This program loads the catalog and the regimes once, reads the
 * bids from memory, evaluates each against every regime in one pass on a
 * small pool of threads, and prints one table: bid x regime, with the
 * decision and the number of violations and indeterminate findings,
 * followed by the findings that decide it. The output depends only on
 * the inputs and --as-of, not on the number of threads.
 *
 * What it shows about the library:
 *   - the catalog and the compiled policies are immutable: every worker
 *     uses the same ones, without locks;
 *   - a deployment, a result and a diagnostics list belong to one thread:
 *     each worker makes its own;
 *   - a result borrows from its deployment and policies, so it is freed
 *     first; a policy borrows from the catalog, so the catalog goes last;
 *   - the library never reads the clock: the date is an input.
 *
 * usage: procurement [--as-of YYYY-MM-DD] [--regimes DIR] [--jobs N]
 *                    [REGIME-ID ...]
 *
 * DIR holds the regimes as ID.xml (default: policies/regimes, from a
 * source checkout; installed: PREFIX/share/sovereign/policies/regimes).
 * Without REGIME-ID: eu-gdpr-transfers uk-gdpr-transfers
 * ch-fadp-transfers. Any shipped regime may be named, for example
 * `procurement --as-of 2026-11-28 eu-gdpr-transfers fr-secnumcloud de-c5`.
 *
 * Exit status: 0 the table was printed, 3 bad usage or a document that
 * does not load, 4 out of memory or no thread could be started.
 *
 * Build: see CMakeLists.txt and Makefile next to this file.
 * The bids and rules are illustrative, not legal advice.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <sovereign.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------------ */
/* The bids                                                            */

/*
 * Bid A: a French provider, two regions in France, customer-held keys.
 * Every fact the rules need is stated.
 */
static const char bid_a[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<deployment xmlns=\"urn:sovereign:deployment:1\"\n"
	"            id=\"nordlicht-ovh\"\n"
	"            title=\"Nordlicht IT: OVHcloud, France only\">\n"
	"  <data-class id=\"personal\"\n"
	"              description=\"Policyholders and their claims\"/>\n"
	"  <component id=\"claims-db\" kind=\"database\""
	" provider=\"ovhcloud\"\n"
	"             region=\"eu-west-gra\" redundancy=\"zone\""
	" backups=\"listed\"\n"
	"             access=\"listed\">\n"
	"    <stores data=\"personal\"/>\n"
	"    <backup region=\"eu-west-sbg\"/>\n"
	"    <access from=\"FR DE\" by=\"Nordlicht operations\"/>\n"
	"    <keys custody=\"customer\" location=\"FR\"/>\n"
	"  </component>\n"
	"  <component id=\"claims-app\" kind=\"compute\""
	" provider=\"ovhcloud\"\n"
	"             region=\"eu-west-gra\" redundancy=\"none\""
	" backups=\"none\"\n"
	"             access=\"listed\">\n"
	"    <processes data=\"personal\"/>\n"
	"    <access from=\"FR\" by=\"Nordlicht operations\"/>\n"
	"  </component>\n"
	"  <flow id=\"app-to-db\" from=\"claims-app\" to=\"claims-db\""
	" data=\"personal\"/>\n"
	"</deployment>\n";

/*
 * Bid B: Azure Brazil South with geo-redundant storage. Brazil has an EU
 * adequacy decision, but the region's pair is South Central US (Texas),
 * so a copy of the data lands in the United States.
 */
static const char bid_b[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<deployment xmlns=\"urn:sovereign:deployment:1\"\n"
	"            id=\"atlantico-azure\"\n"
	"            title=\"Atlantico Cloud: Azure Brazil South,"
	" geo-redundant\">\n"
	"  <data-class id=\"personal\"\n"
	"              description=\"Policyholders and their claims\"/>\n"
	"  <component id=\"claims-db\" kind=\"database\""
	" provider=\"azure\"\n"
	"             region=\"brazilsouth\" redundancy=\"geo\""
	" backups=\"listed\"\n"
	"             access=\"listed\">\n"
	"    <stores data=\"personal\"/>\n"
	"    <backup region=\"brazilsouth\"/>\n"
	"    <access from=\"BR\" by=\"Atlantico service desk\"/>\n"
	"    <keys custody=\"provider\" location=\"BR\"/>\n"
	"  </component>\n"
	"  <component id=\"claims-app\" kind=\"compute\""
	" provider=\"azure\"\n"
	"             region=\"brazilsouth\" redundancy=\"zone\""
	" backups=\"none\"\n"
	"             access=\"listed\">\n"
	"    <processes data=\"personal\"/>\n"
	"    <access from=\"BR\" by=\"Atlantico service desk\"/>\n"
	"  </component>\n"
	"  <flow id=\"app-to-db\" from=\"claims-app\" to=\"claims-db\""
	" data=\"personal\"/>\n"
	"</deployment>\n";

/*
 * Bid C: data at rest in Azure West Europe, but claims are triaged by a
 * model on an Azure OpenAI "global" deployment, which may process prompts
 * in any Azure region. Its scan archive does not say how it is
 * replicated, so the replica rules cannot be decided for it.
 */
static const char bid_c[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<deployment xmlns=\"urn:sovereign:deployment:1\"\n"
	"            id=\"helix-ai\"\n"
	"            title=\"Helix AI: claims triage on a global model"
	" deployment\">\n"
	"  <data-class id=\"personal\"\n"
	"              description=\"Policyholders and their claims\"/>\n"
	"  <data-class id=\"prompts\"\n"
	"              description=\"Claim descriptions sent to the"
	" model\"/>\n"
	"  <component id=\"claims-db\" kind=\"database\""
	" provider=\"azure\"\n"
	"             region=\"westeurope\" redundancy=\"zone\""
	" backups=\"listed\"\n"
	"             access=\"listed\" mechanism=\"scc\">\n"
	"    <stores data=\"personal\"/>\n"
	"    <backup region=\"westeurope\"/>\n"
	"    <access from=\"NL\" by=\"Helix operations\"/>\n"
	"    <keys custody=\"customer\" location=\"NL\"/>\n"
	"  </component>\n"
	"  <component id=\"triage-model\" kind=\"ai-inference\""
	" provider=\"azure\"\n"
	"             region=\"swedencentral\" scope=\"global\""
	" redundancy=\"none\"\n"
	"             backups=\"none\" access=\"listed\">\n"
	"    <processes data=\"prompts personal\"/>\n"
	"    <access from=\"SE\" by=\"Helix operations\"/>\n"
	"  </component>\n"
	"  <component id=\"scan-archive\" kind=\"object-storage\""
	" provider=\"azure\"\n"
	"             region=\"westeurope\" backups=\"none\""
	" access=\"listed\">\n"
	"    <stores data=\"personal\"/>\n"
	"    <access from=\"NL\" by=\"Helix operations\"/>\n"
	"  </component>\n"
	"  <flow id=\"triage\" from=\"claims-db\" to=\"triage-model\""
	" data=\"personal\"/>\n"
	"</deployment>\n";

typedef struct {
	const char *name;  /* shown in diagnostics, like a file name */
	const char *xml;
	size_t size;
} bid;

static const bid bids[] = {
	{ "bid-a.xml", bid_a, sizeof(bid_a) - 1 },
	{ "bid-b.xml", bid_b, sizeof(bid_b) - 1 },
	{ "bid-c.xml", bid_c, sizeof(bid_c) - 1 },
};
#define NBIDS (sizeof(bids) / sizeof(bids[0]))

static const char *const default_regimes[] = {
	"eu-gdpr-transfers", "uk-gdpr-transfers", "ch-fadp-transfers",
};

/* ------------------------------------------------------------------ */
/* Text that grows (for messages built on a worker thread)             */

typedef struct {
	char *s;
	size_t len, cap;
	int oom;
} text;

static void text_add(text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		t->oom = 1;
		return;
	}
	if (t->len + (size_t)n + 1 > t->cap) {
		size_t cap = (t->len + (size_t)n + 1) * 2;
		char *s = realloc(t->s, cap);

		if (!s) {
			t->oom = 1;
			return;
		}
		t->s = s;
		t->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

/* Appends every diagnostic as "file:line:col: severity: message". */
static void text_diags(text *t, const sov_diags *diags)
{
	static const char *const sev[] = { "error", "warning", "note" };
	size_t i;

	for (i = 0; i < sov_diags_count(diags); i++) {
		const sov_diag *d = sov_diags_get(diags, i);

		text_add(t, "%s:%u:%u: %s: %s\n", d->file, d->line,
			d->column, sev[d->severity], d->message);
		if (d->expected)
			text_add(t, "  expected: %s\n", d->expected);
	}
}

/* Appends ", in A B C" with at most `max` of the space-separated codes. */
static void add_codes(text *t, const char *codes, size_t max)
{
	size_t n = 0, more = 0;
	const char *s = codes ? codes : "";

	while (*s) {
		size_t len = strcspn(s, " ");

		if (len && n < max)
			text_add(t, "%s%.*s", n ? " " : ", in ", (int)len, s);
		n += len != 0;
		more += len && n > max;
		s += len + (s[len] == ' ');
	}
	if (more)
		text_add(t, " and %zu more", more);
}

/* ------------------------------------------------------------------ */
/* Evaluation on a pool of threads                                     */

/* One bid against one regime. */
typedef struct {
	sov_decision decision;
	size_t violations, indeterminate;
	text blocking;  /* error-severity violations and unknown facts */
} cell;

/* One bid: its cells, or why it could not be evaluated. */
typedef struct {
	const char *id;  /* copied: the deployment is freed by the worker */
	char id_buf[128];
	int status;      /* SOV_OK, or what went wrong */
	text errors;     /* diagnostics when status != SOV_OK */
	cell *cells;     /* one per regime */
} bid_result;

typedef struct {
	pthread_mutex_t lock;
	size_t next;                      /* next bid to take */
	const sov_catalog *catalog;       /* shared, read only */
	const sov_policy *const *regimes; /* shared, read only */
	size_t nregimes;
	const char *as_of;
	bid_result *out;                  /* NBIDS entries */
} pool;

/* Which of the result's policies a finding belongs to. */
static size_t policy_index(const sov_result *res, const char *id)
{
	size_t i;

	for (i = 0; i < sov_result_policy_count(res); i++)
		if (!strcmp(sov_result_policy_id(res, i), id))
			break;
	return i;
}

/*
 * Keeps what the table needs from one result, so that the result can go:
 * one cell per policy, from the per-policy decisions and counts, and the
 * error-severity findings that decide it.
 */
static void summarise(cell *cells, const sov_result *res)
{
	size_t i, n = sov_result_policy_count(res);

	for (i = 0; i < n; i++) {
		cells[i].decision = sov_result_policy_decision(res, i);
		cells[i].violations = sov_result_policy_verdicts(res, i,
			SOV_VIOLATION);
		cells[i].indeterminate = sov_result_policy_verdicts(res, i,
			SOV_INDETERMINATE);
	}
	/* Findings come sorted by policy, rule, component, data class. */
	for (i = 0; i < sov_result_count(res); i++) {
		long v = sov_finding_int(res, i, SOV_F_VERDICT);
		const char *sev = sov_finding_str(res, i, SOV_F_SEVERITY);
		const char *data = sov_finding_str(res, i, SOV_F_DATA);
		size_t pol = policy_index(res,
			sov_finding_str(res, i, SOV_F_POLICY));
		text *t;

		if ((v != SOV_VIOLATION && v != SOV_INDETERMINATE) ||
		    strcmp(sev, "error") != 0 || pol >= n)
			continue;
		t = &cells[pol].blocking;
		text_add(t, "      %s %s: %s, data '%s'",
			sov_verdict_str((sov_verdict)v),
			sov_finding_str(res, i, SOV_F_RULE),
			sov_finding_str(res, i, SOV_F_COMPONENT),
			data ? data : "-");
		if (v == SOV_VIOLATION)
			add_codes(t, sov_finding_str(res, i, SOV_F_OFFENDING),
				5);
		else
			text_add(t, ": %s",
				sov_finding_str(res, i, SOV_F_MISSING));
		text_add(t, "\n");
	}
}

static void evaluate_bid(pool *p, size_t b)
{
	bid_result *r = &p->out[b];
	sov_check_options copts = SOV_CHECK_OPTIONS_INIT;
	sov_deployment *dep = NULL;
	sov_result *res = NULL;
	sov_diags *diags = NULL;

	copts.as_of = p->as_of;
	r->status = sov_diags_new(&diags);
	if (r->status == SOV_OK)
		r->status = sov_deployment_load_memory(&dep, p->catalog,
			bids[b].name, bids[b].xml, bids[b].size, NULL, diags);
	if (r->status == SOV_OK) {
		snprintf(r->id_buf, sizeof(r->id_buf), "%s",
			sov_deployment_id(dep));
		r->id = r->id_buf;
		/* Every regime in one pass; each still gets its decision. */
		r->status = sov_evaluate(&res, p->regimes, p->nregimes, dep,
			&copts, diags);
	}
	if (r->status == SOV_OK)
		summarise(r->cells, res);
	else {
		text_add(&r->errors, "%s: %s\n", bids[b].name,
			sov_status_str(r->status));
		text_diags(&r->errors, diags);
	}
	sov_result_free(res);  /* before the deployment it borrows from */
	sov_deployment_free(dep);
	sov_diags_free(diags);
}

static void *worker(void *arg)
{
	pool *p = arg;

	for (;;) {
		size_t b;

		pthread_mutex_lock(&p->lock);
		b = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (b >= NBIDS)
			return NULL;
		evaluate_bid(p, b);
	}
}

/* Runs the pool; returns 0, or -1 when no thread could be started. */
static int run_pool(pool *p, size_t jobs)
{
	pthread_t threads[16];
	size_t n, started = 0;

	n = jobs < NBIDS ? jobs : NBIDS;
	if (n > sizeof(threads) / sizeof(threads[0]))
		n = sizeof(threads) / sizeof(threads[0]);
	while (started < n &&
	       pthread_create(&threads[started], NULL, worker, p) == 0)
		started++;
	if (!started)
		return -1;
	while (started)
		pthread_join(threads[--started], NULL);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

static size_t width(size_t w, const char *s)
{
	size_t n = strlen(s);

	return n > w ? n : w;
}

static int print_table(const pool *p)
{
	size_t b, i, wb = strlen("bid"), wr = strlen("regime");
	size_t wd = strlen("indeterminate"), shortlisted = 0;
	int failed = 0;

	for (b = 0; b < NBIDS; b++)
		if (p->out[b].status == SOV_OK)
			wb = width(wb, p->out[b].id);
	for (i = 0; i < p->nregimes; i++)
		wr = width(wr, sov_policy_id(p->regimes[i]));

	printf("Bids compared as of %s\n\n", p->as_of);
	printf("%-*s  %-*s  %-*s  %10s  %13s\n", (int)wb, "bid", (int)wr,
		"regime", (int)wd, "decision", "violations", "indeterminate");
	for (b = 0; b < NBIDS; b++) {
		const bid_result *r = &p->out[b];

		if (r->status != SOV_OK) {
			printf("%-*s  (not evaluated: %s)\n", (int)wb,
				bids[b].name, sov_status_str(r->status));
			failed = 1;
			continue;
		}
		for (i = 0; i < p->nregimes; i++) {
			const cell *c = &r->cells[i];

			printf("%-*s  %-*s  %-*s  %10zu  %13zu\n", (int)wb,
				i ? "" : r->id, (int)wr,
				sov_policy_id(p->regimes[i]), (int)wd,
				sov_decision_str(c->decision), c->violations,
				c->indeterminate);
		}
	}

	printf("\nWhat decides it (error-severity findings):\n");
	for (b = 0; b < NBIDS; b++) {
		const bid_result *r = &p->out[b];
		int any = 0;

		if (r->status != SOV_OK)
			continue;
		printf("  %s\n", r->id);
		for (i = 0; i < p->nregimes; i++) {
			if (!r->cells[i].blocking.len)
				continue;
			printf("    %s\n%s", sov_policy_id(p->regimes[i]),
				r->cells[i].blocking.s);
			any = 1;
		}
		if (!any)
			printf("    nothing blocks it\n");
	}

	printf("\nShortlist (compliant under every regime):");
	for (b = 0; b < NBIDS; b++) {
		const bid_result *r = &p->out[b];
		int everywhere = r->status == SOV_OK;

		for (i = 0; everywhere && i < p->nregimes; i++)
			everywhere = r->cells[i].decision ==
				SOV_DECISION_COMPLIANT;
		if (everywhere)
			printf(" %s", r->id);
		shortlisted += (size_t)everywhere;
	}
	printf("%s\n", shortlisted ? "" : " none");
	return failed;
}

/* ------------------------------------------------------------------ */
/* Main                                                                */

static void print_diags(const sov_diags *diags)
{
	text t = { NULL, 0, 0, 0 };

	text_diags(&t, diags);
	if (t.s)
		fputs(t.s, stderr);
	free(t.s);
}

static int usage(void)
{
	fprintf(stderr, "usage: procurement [--as-of YYYY-MM-DD]"
		" [--regimes DIR] [--jobs N] [REGIME-ID ...]\n");
	return 3;
}

int main(int argc, char **argv)
{
	const char *as_of = NULL, *dir = "policies/regimes";
	const char *const *ids = default_regimes;
	size_t nids = sizeof(default_regimes) / sizeof(default_regimes[0]);
	size_t jobs = 4, b, i, nregimes = 0;
	char today[11];
	sov_diags *diags = NULL;
	sov_catalog *catalog = NULL;
	sov_policy **regimes = NULL;
	pool p;
	int argi, rc = 0;

	for (argi = 1; argi < argc && argv[argi][0] == '-'; argi++) {
		if (!strcmp(argv[argi], "--as-of") && argi + 1 < argc)
			as_of = argv[++argi];
		else if (!strcmp(argv[argi], "--regimes") && argi + 1 < argc)
			dir = argv[++argi];
		else if (!strcmp(argv[argi], "--jobs") && argi + 1 < argc)
			jobs = strtoul(argv[++argi], NULL, 10);
		else
			return usage();
	}
	if (argi < argc) {
		ids = (const char *const *)&argv[argi];
		nids = (size_t)(argc - argi);
	}
	if (!jobs)
		return usage();
	if (!as_of) {
		/* The library never reads the clock: the caller does. */
		time_t now = time(NULL);
		struct tm tm;

		if (!gmtime_r(&now, &tm) ||
		    !strftime(today, sizeof(today), "%Y-%m-%d", &tm))
			return 4;
		as_of = today;
	}
	/* A program built against one major version needs the same one. */
	if (sov_version_number() / 10000 != SOV_VERSION_MAJOR) {
		fprintf(stderr, "procurement: built for sovereign %s,"
			" running with %s\n", SOV_VERSION, sov_version());
		return 4;
	}

	if (sov_diags_new(&diags) != SOV_OK)
		return 4;
	/* The built-in catalog; extra catalog files would go in `paths`. */
	rc = sov_catalog_load(&catalog, NULL, 0, NULL, diags);
	regimes = calloc(nids, sizeof(*regimes));
	if (rc == SOV_OK && !regimes)
		rc = SOV_ENOMEM;
	for (i = 0; rc == SOV_OK && i < nids; i++) {
		char path[4096];

		if ((size_t)snprintf(path, sizeof(path), "%s/%s.xml", dir,
				     ids[i]) >= sizeof(path)) {
			rc = SOV_EUSAGE;
			break;
		}
		rc = sov_policy_load_file(&regimes[i], catalog, path, NULL,
			diags);
		nregimes += rc == SOV_OK;
	}
	if (rc != SOV_OK) {
		fprintf(stderr, "procurement: %s\n", sov_status_str(rc));
		print_diags(diags);
		rc = rc == SOV_ENOMEM || rc == SOV_ERROR ? 4 : 3;
		goto done;
	}

	memset(&p, 0, sizeof(p));
	p.catalog = catalog;
	p.regimes = (const sov_policy *const *)regimes;
	p.nregimes = nregimes;
	p.as_of = as_of;
	p.out = calloc(NBIDS, sizeof(*p.out));
	for (b = 0; p.out && b < NBIDS; b++) {
		p.out[b].cells = calloc(nregimes, sizeof(cell));
		if (!p.out[b].cells)
			break;
	}
	if (!p.out || b < NBIDS || pthread_mutex_init(&p.lock, NULL)) {
		rc = 4;
	} else {
		if (run_pool(&p, jobs) != 0) {
			rc = 4;
		} else {
			/* Diagnostics in bid order, whatever thread ran it. */
			for (b = 0; b < NBIDS; b++)
				if (p.out[b].errors.s)
					fputs(p.out[b].errors.s, stderr);
			rc = print_table(&p) ? 3 : 0;
		}
		pthread_mutex_destroy(&p.lock);
	}
	for (b = 0; p.out && b < NBIDS; b++) {
		for (i = 0; p.out[b].cells && i < nregimes; i++) {
			if (p.out[b].cells[i].blocking.oom)
				rc = 4;
			free(p.out[b].cells[i].blocking.s);
		}
		free(p.out[b].cells);
		free(p.out[b].errors.s);
	}
	free(p.out);
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
		rc = 4;
done:
	/* Policies borrow the catalog: free them first. */
	for (i = 0; i < nregimes; i++)
		sov_policy_free(regimes[i]);
	free(regimes);
	sov_catalog_free(catalog);
	sov_diags_free(diags);
	return rc;
}
