/*
 * soak.c - one process evaluates many deployments through the library
 * and prints its resident set every SAMPLE evaluations, to show that
 * memory stays flat: nothing grows with the number of evaluations.
 *
 * One catalog and one compiled policy set are shared by THREADS threads;
 * each loads a deployment of the corpus from memory (the shipped example
 * deployments, read once), evaluates it, renders the JSON report and
 * frees all three, over and over.
 *
 * usage: soak SOURCE_DIR [TOTAL [THREADS]]
 * prints: "evaluations N rss_kib K seconds S" every SAMPLE evaluations
 */
#define _POSIX_C_SOURCE 200809L
#include <sovereign.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SAMPLE 100000L
#define MAX_THREADS 64
#define AS_OF "2026-11-28"

static const char *const corpus_names[] = {
	"compliant.xml", "replica-violation.xml",
	"routing-scope-violation.xml", "indeterminate.xml"
};
#define NCORPUS (sizeof(corpus_names) / sizeof(corpus_names[0]))

typedef struct {
	char *data;
	size_t size;
	char name[64];
} document;

static document corpus[NCORPUS];
static const sov_catalog *catalog;
static const sov_policy *policy;
static long total;
static atomic_long next_job, done, failures;
static struct timespec start;

static char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1))) {
		*size = fread(data, 1, (size_t)n, f);
		data[*size] = '\0';
	}
	fclose(f);
	return data;
}

static long rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kib = strtol(line + 6, NULL, 10);
	fclose(f);
	return kib;
}

static double seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start.tv_sec) +
		(double)(now.tv_nsec - start.tv_nsec) / 1e9;
}

/* One deployment through load, check and report; 0 when all went well. */
static int evaluate_one(const document *doc)
{
	sov_check_options co = SOV_CHECK_OPTIONS_INIT;
	sov_deployment *d = NULL;
	sov_result *r = NULL;
	char *json = NULL;
	int rc;

	co.as_of = AS_OF;
	rc = sov_deployment_load_memory(&d, catalog, doc->name, doc->data,
		doc->size, NULL, NULL);
	if (rc == SOV_OK)
		rc = sov_evaluate(&r, &policy, 1, d, &co, NULL);
	if (rc == SOV_OK)
		rc = sov_report_render(&json, NULL, r, SOV_FORMAT_JSON, NULL);
	sov_buffer_free(r, json);
	sov_result_free(r);
	sov_deployment_free(d);
	return rc != SOV_OK;
}

static void *worker(void *arg)
{
	long job;

	(void)arg;
	while ((job = atomic_fetch_add(&next_job, 1)) < total) {
		long n;

		if (evaluate_one(&corpus[job % (long)NCORPUS]))
			atomic_fetch_add(&failures, 1);
		n = atomic_fetch_add(&done, 1) + 1;
		/* The thread that finishes a multiple of SAMPLE reports. */
		if (n % SAMPLE == 0)
			printf("evaluations %ld rss_kib %ld seconds %.1f\n",
				n, rss_kib(), seconds());
	}
	return NULL;
}

static int load_corpus(const char *src)
{
	size_t i;
	char path[4096];

	for (i = 0; i < NCORPUS; i++) {
		snprintf(path, sizeof(path), "%s/examples/deployments/%s",
			src, corpus_names[i]);
		snprintf(corpus[i].name, sizeof(corpus[i].name), "%s",
			corpus_names[i]);
		corpus[i].data = slurp(path, &corpus[i].size);
		if (!corpus[i].data) {
			fprintf(stderr, "soak: cannot read %s\n", path);
			return -1;
		}
	}
	return 0;
}

static int run_threads(int nthreads)
{
	pthread_t t[MAX_THREADS];
	int i, started = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&t[i], NULL, worker, NULL) == 0)
			started++;
	for (i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	return started == nthreads ? 0 : -1;
}

int main(int argc, char **argv)
{
	sov_catalog *cat = NULL;
	sov_policy *pol = NULL;
	char path[4096];
	int nthreads = argc > 3 ? atoi(argv[3]) : 8, rc;
	size_t i;

	total = argc > 2 ? atol(argv[2]) : 1000000L;
	if (argc < 2 || total <= 0 || nthreads < 1 ||
	    nthreads > MAX_THREADS) {
		fprintf(stderr, "usage: soak SOURCE_DIR [TOTAL [THREADS]]\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/policies/regimes/"
		"eu-gdpr-transfers.xml", argv[1]);
	if (load_corpus(argv[1]) != 0 ||
	    sov_catalog_load(&cat, NULL, 0, NULL, NULL) != SOV_OK ||
	    sov_policy_load_file(&pol, cat, path, NULL, NULL) != SOV_OK) {
		fprintf(stderr, "soak: cannot load the corpus or policy\n");
		return 2;
	}
	catalog = cat;
	policy = pol;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("start rss_kib %ld threads %d\n", rss_kib(), nthreads);
	rc = run_threads(nthreads);
	printf("done %ld failures %ld seconds %.1f\n", (long)done,
		(long)failures, seconds());
	sov_policy_free(pol);
	sov_catalog_free(cat);
	for (i = 0; i < NCORPUS; i++)
		free(corpus[i].data);
	return rc != 0 || failures != 0;
}
