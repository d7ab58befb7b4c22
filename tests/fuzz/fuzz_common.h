/*
 * fuzz_common.h - shared by the fuzz targets: the built-in catalog, the
 * shipped GDPR regime and an example deployment, each loaded once per
 * process; a private temporary directory; and every report format.
 *
 * A target that cannot load what it needs aborts: a harness that quietly
 * does nothing would report a clean run.
 */
#ifndef SOV_FUZZ_COMMON_H
#define SOV_FUZZ_COMMON_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sovereign.h"

#ifndef SOV_SOURCE_DIR
#error "SOV_SOURCE_DIR must name the source tree"
#endif

#define FUZZ_AS_OF "2026-11-28"
#define FUZZ_GDPR SOV_SOURCE_DIR "/policies/regimes/eu-gdpr-transfers.xml"
#define FUZZ_EXAMPLE \
	SOV_SOURCE_DIR "/examples/deployments/replica-violation.xml"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void fuzz_die(const char *what, sov_diags *d)
{
	size_t i;

	fprintf(stderr, "fuzz harness: cannot load %s\n", what);
	for (i = 0; d && i < sov_diags_count(d); i++) {
		const sov_diag *g = sov_diags_get(d, i);

		fprintf(stderr, "%s:%u:%u: %s\n", g->file, g->line,
			g->column, g->message);
	}
	abort();
}

static inline const sov_catalog *fuzz_catalog(void)
{
	static sov_catalog *cat;
	sov_diags *d = NULL;

	if (cat)
		return cat;
	if (sov_diags_new(&d) != SOV_OK ||
	    sov_catalog_load(&cat, NULL, 0, NULL, d) != SOV_OK)
		fuzz_die("the built-in catalog", d);
	sov_diags_free(d);
	return cat;
}

static inline const sov_policy *fuzz_gdpr(void)
{
	static sov_policy *pol;
	sov_diags *d = NULL;

	if (pol)
		return pol;
	if (sov_diags_new(&d) != SOV_OK ||
	    sov_policy_load_file(&pol, fuzz_catalog(), FUZZ_GDPR, NULL,
		    d) != SOV_OK)
		fuzz_die(FUZZ_GDPR, d);
	sov_diags_free(d);
	return pol;
}

static inline const sov_deployment *fuzz_example(void)
{
	static sov_deployment *dep;
	sov_diags *d = NULL;

	if (dep)
		return dep;
	if (sov_diags_new(&d) != SOV_OK ||
	    sov_deployment_load_file(&dep, fuzz_catalog(), FUZZ_EXAMPLE,
		    NULL, d) != SOV_OK)
		fuzz_die(FUZZ_EXAMPLE, d);
	sov_diags_free(d);
	return dep;
}

static char fuzz_dir[64];

/* Removes the private directory and the files fuzz_write() made in it. */
static inline void fuzz_cleanup(void)
{
	static const char *const names[] = { "policy.xml", "catalog.xml" };
	char path[128];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", fuzz_dir, names[i]);
		(void)remove(path);
	}
	(void)remove(fuzz_dir);
}

/* A private directory (mkdtemp), so that a fuzzed <include> can reach
 * nothing but the files this process writes there; removed at exit. */
static inline const char *fuzz_tmpdir(void)
{
	if (fuzz_dir[0])
		return fuzz_dir;
	snprintf(fuzz_dir, sizeof(fuzz_dir), "/tmp/sov-fuzz-XXXXXX");
	if (!mkdtemp(fuzz_dir)) {
		perror("fuzz harness: mkdtemp");
		abort();
	}
	atexit(fuzz_cleanup);
	return fuzz_dir;
}

/* Writes `data` to `name` in the private directory; returns the path. */
static inline const char *fuzz_write(const char *name, const uint8_t *data,
	size_t size)
{
	static char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", fuzz_tmpdir(), name);
	fp = fopen(path, "wb");
	if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0) {
		perror("fuzz harness: writing the input");
		abort();
	}
	return path;
}

/* Renders `r` in every format; a failure other than ENOMEM is a bug. */
static inline void fuzz_render(const sov_result *r)
{
	sov_report_options ro = SOV_REPORT_OPTIONS_INIT;
	int f, v;

	for (v = 0; v < 2; v++) {
		ro.verbose = v;
		ro.color = v;
		for (f = SOV_FORMAT_TEXT; f <= SOV_FORMAT_DOT; f++) {
			char *buf = NULL;
			size_t len = 0;
			int rc = sov_report_render(&buf, &len, r,
				(sov_format)f, &ro);

			if (rc == SOV_OK && (!buf || strlen(buf) != len))
				abort();
			sov_buffer_free(r, buf);
		}
	}
}

/* Evaluates and renders; returns the status of sov_evaluate(). */
static inline int fuzz_evaluate(const sov_policy *p,
	const sov_deployment *dep, int suggest)
{
	sov_check_options co = SOV_CHECK_OPTIONS_INIT;
	sov_result *r = NULL;
	size_t i;
	int rc;

	co.as_of = FUZZ_AS_OF;
	co.suggest = suggest;
	rc = sov_evaluate(&r, &p, 1, dep, &co, NULL);
	if (rc != SOV_OK)
		return rc;
	for (i = 0; i < sov_result_count(r); i++)
		(void)sov_finding_str(r, i, SOV_F_EXPLANATION);
	fuzz_render(r);
	sov_result_free(r);
	return rc;
}

#endif
