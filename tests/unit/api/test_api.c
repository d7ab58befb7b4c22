/* Unit tests for api.c: argument checks, out-of-memory behaviour and
 * sharing a compiled policy between threads. */
#include "helpers.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REGIME SOV_SOURCE_DIR "/policies/regimes/eu-gdpr-transfers.xml"
#define EXAMPLE SOV_SOURCE_DIR "/examples/deployments/replica-violation.xml"

static void versions_and_strings(void **state)
{
	(void)state;
	assert_string_equal(sov_version(), SOV_VERSION);
	assert_int_equal(sov_version_number(), SOV_VERSION_NUMBER);
	assert_string_equal(sov_status_str(SOV_EINPUT),
		"invalid input document");
	assert_string_equal(sov_status_str(12345), "unknown status");
	assert_string_equal(sov_verdict_str(SOV_WAIVED), "waived");
	assert_string_equal(sov_decision_str(SOV_DECISION_NON_COMPLIANT),
		"non-compliant");
}

static void bad_arguments(void **state)
{
	sov_catalog *cat = test_catalog();
	sov_policy *p = (sov_policy *)1;
	sov_deployment *d = (sov_deployment *)1;
	sov_result *r = (sov_result *)1;
	sov_check_options co = SOV_CHECK_OPTIONS_INIT;
	sov_options bad = SOV_OPTIONS_INIT;

	(void)state;
	bad.version = 99;
	assert_int_equal(sov_policy_load_file(&p, NULL, REGIME, NULL, NULL),
		SOV_EUSAGE);
	assert_null(p);
	assert_int_equal(sov_policy_load_file(&p, cat, REGIME, &bad, NULL),
		SOV_EUSAGE);
	assert_int_equal(sov_deployment_load_memory(&d, cat, "x", NULL, 0,
		NULL, NULL), SOV_EUSAGE);
	assert_null(d);
	assert_int_equal(sov_evaluate(&r, NULL, 0, NULL, &co, NULL),
		SOV_EUSAGE);
	assert_null(r);
	assert_int_equal(sov_catalog_load(NULL, NULL, 0, NULL, NULL),
		SOV_EUSAGE);
	sov_catalog_free(NULL);
	sov_policy_free(NULL);
	sov_deployment_free(NULL);
	sov_result_free(NULL);
	sov_diags_free(NULL);
	assert_null(sov_finding_str(NULL, 0, SOV_F_RULE));
	assert_int_equal(sov_finding_int(NULL, 0, SOV_F_VERDICT), -1);
	sov_catalog_free(cat);
}

static void as_of_is_required(void **state)
{
	sov_catalog *cat = test_catalog();
	sov_policy *p = NULL;
	sov_deployment *d = NULL;
	sov_result *r = NULL;
	sov_check_options co = SOV_CHECK_OPTIONS_INIT;
	sov_diags *diags;

	(void)state;
	sov_diags_new(&diags);
	assert_int_equal(sov_policy_load_file(&p, cat, REGIME, NULL, diags),
		SOV_OK);
	assert_int_equal(sov_deployment_load_file(&d, cat, EXAMPLE, NULL,
		diags), SOV_OK);
	assert_int_equal(sov_evaluate(&r, (const sov_policy *const *)&p, 1, d,
		&co, diags), SOV_EUSAGE);
	test_diag_has(diags, "bad as-of date", 0);
	sov_deployment_free(d);
	sov_policy_free(p);
	sov_catalog_free(cat);
	sov_diags_free(diags);
}

/* The whole pipeline with the allocator failing at call `fail_at`. */
static int pipeline(failing *f)
{
	sov_allocator al = { f_malloc, f_realloc, f_free, NULL };
	sov_options o = SOV_OPTIONS_INIT;
	sov_check_options co = SOV_CHECK_OPTIONS_INIT;
	sov_catalog *cat = NULL;
	sov_policy *p = NULL;
	sov_deployment *d = NULL;
	sov_result *r = NULL;
	sov_placement *pl = NULL;
	sov_where_options wo = SOV_WHERE_OPTIONS_INIT;
	const char *classes[] = { "personal" };
	char *text = NULL;
	int rc;

	al.ud = f;
	wo.allocator = &al;
	wo.as_of = "2026-11-28";
	wo.provider = "scaleway";
	wo.data = classes;
	wo.ndata = 1;
	o.allocator = &al;
	co.allocator = &al;
	co.as_of = "2026-11-28";
	rc = sov_catalog_load(&cat, NULL, 0, &o, NULL);
	if (rc == SOV_OK)
		rc = sov_policy_load_file(&p, cat, REGIME, &o, NULL);
	if (rc == SOV_OK)
		rc = sov_deployment_load_file(&d, cat, EXAMPLE, &o, NULL);
	if (rc == SOV_OK)
		rc = sov_evaluate(&r, (const sov_policy *const *)&p, 1, d, &co,
			NULL);
	if (rc == SOV_OK)
		rc = sov_report_render(&text, NULL, r, SOV_FORMAT_JSON, NULL);
	if (rc == SOV_OK)
		rc = sov_where(&pl, (const sov_policy *const *)&p, 1, &wo,
			NULL);
	sov_placement_free(pl);
	sov_buffer_free(r, text);
	sov_result_free(r);
	sov_deployment_free(d);
	sov_policy_free(p);
	sov_catalog_free(cat);
	return rc;
}

static void out_of_memory_everywhere(void **state)
{
	failing f;
	long n, total;
	int rc;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(pipeline(&f), SOV_OK);
	assert_int_equal(f.live, 0);
	total = f.calls;
	assert_true(total > 10);
	for (n = 1; n <= total; n++) {
		memset(&f, 0, sizeof(f));
		f.fail_at = n;
		rc = pipeline(&f);
		if (rc != SOV_ENOMEM)
			fail_msg("allocation %ld of %ld: %s, not "
				"SOV_ENOMEM", n, total, sov_status_str(rc));
		if (f.live != 0)
			fail_msg("allocation %ld: %ld blocks leaked", n,
				f.live);
	}
}

/* Threads share one catalog and policy; each evaluates many times. */
typedef struct {
	const sov_policy *pol;
	const sov_catalog *cat;
	const char *expected;
	int ok;
} worker;

static void *work(void *arg)
{
	worker *w = arg;
	int i;

	w->ok = 1;
	for (i = 0; i < 50 && w->ok; i++) {
		sov_check_options co = SOV_CHECK_OPTIONS_INIT;
		sov_deployment *d = NULL;
		sov_result *r = NULL;
		char *text = NULL;

		co.as_of = "2026-11-28";
		w->ok = sov_deployment_load_file(&d, w->cat, EXAMPLE, NULL,
			NULL) == SOV_OK && sov_evaluate(&r, &w->pol, 1, d, &co,
			NULL) == SOV_OK && sov_report_render(&text, NULL, r,
			SOV_FORMAT_JSON, NULL) == SOV_OK &&
			strcmp(text, w->expected) == 0;
		sov_buffer_free(r, text);
		sov_result_free(r);
		sov_deployment_free(d);
	}
	return NULL;
}

static void threads_share_a_policy(void **state)
{
	sov_catalog *cat = test_catalog();
	sov_policy *p = NULL;
	sov_deployment *d = NULL;
	sov_result *r;
	char *expected = NULL;
	pthread_t t[4];
	worker w[4];
	int i;

	(void)state;
	assert_int_equal(sov_policy_load_file(&p, cat, REGIME, NULL, NULL),
		SOV_OK);
	assert_int_equal(sov_deployment_load_file(&d, cat, EXAMPLE, NULL,
		NULL), SOV_OK);
	r = test_evaluate(p, d, "2026-11-28");
	assert_int_equal(sov_report_render(&expected, NULL, r,
		SOV_FORMAT_JSON, NULL), SOV_OK);
	for (i = 0; i < 4; i++) {
		w[i].pol = p;
		w[i].cat = cat;
		w[i].expected = expected;
		assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_true(w[i].ok);
	}
	sov_buffer_free(r, expected);
	sov_result_free(r);
	sov_deployment_free(d);
	sov_policy_free(p);
	sov_catalog_free(cat);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* A policy set names the files it was read from: its own, then each one
 * it includes, once each (the CLI refuses to write over any). */
static void a_policy_lists_its_files(void **state)
{
	char dir[] = "/tmp/sov-files-XXXXXX", main_xml[64], part[64];
	sov_catalog *cat = test_catalog();
	sov_policy *p = NULL;
	const char *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(main_xml, sizeof(main_xml), "%s/main.xml", dir);
	snprintf(part, sizeof(part), "%s/part.xml", dir);
	write_file(main_xml, "<policy-set " POLICY_NS " id=\"m\" title=\"M\">"
		"<include href=\"part.xml\"/></policy-set>\n");
	write_file(part, "<policy-set " POLICY_NS " id=\"p\" title=\"P\">"
		"<rule id=\"a\" severity=\"error\"><title>A</title>"
		"<citation instrument=\"X\" article=\"1\"/>"
		"<require><within facet=\"stored\" set=\"EU\"/></require>"
		"</rule><rule id=\"b\" severity=\"error\"><title>B</title>"
		"<citation instrument=\"X\" article=\"2\"/>"
		"<require><within facet=\"processed\" set=\"EU\"/>"
		"</require></rule></policy-set>\n");
	assert_int_equal(sov_policy_load_file(&p, cat, main_xml, NULL, NULL),
		SOV_OK);
	assert_int_equal(sov_policy_file_count(p), 2);
	assert_string_equal(sov_policy_file(p, 0), main_xml);
	f = sov_policy_file(p, 1);
	assert_non_null(f);
	assert_string_equal(f + strlen(f) - strlen("/part.xml"), "/part.xml");
	assert_null(sov_policy_file(p, 2));
	assert_int_equal(sov_policy_file_count(NULL), 0);
	assert_null(sov_policy_file(NULL, 0));
	sov_policy_free(p);
	sov_catalog_free(cat);
	remove(main_xml);
	remove(part);
	rmdir(dir);
}

static int ends_with(const char *s, const char *tail)
{
	size_t n, k = strlen(tail);

	if (!s)
		return 0;
	n = strlen(s);
	return n >= k && strcmp(s + n - k, tail) == 0;
}

/* A catalog names the user files it was read from, includes too. */
static void a_catalog_lists_its_files(void **state)
{
	const char *paths[] = { SOV_SOURCE_DIR
		"/tests/golden/catalog-include/main.xml" };
	sov_catalog *cat = NULL;

	(void)state;
	assert_int_equal(sov_catalog_load(&cat, paths, 1, NULL, NULL),
		SOV_OK);
	assert_int_equal(sov_catalog_file_count(cat), 2);
	assert_true(ends_with(sov_catalog_file(cat, 0),
		"/catalog-include/main.xml"));
	assert_true(ends_with(sov_catalog_file(cat, 1),
		"/catalog-include/sub/sites.xml"));
	assert_null(sov_catalog_file(cat, 2));
	sov_catalog_free(cat);
	cat = test_catalog();
	assert_int_equal(sov_catalog_file_count(cat), 0);
	sov_catalog_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_policy_lists_its_files),
		cmocka_unit_test(a_catalog_lists_its_files),
		cmocka_unit_test(versions_and_strings),
		cmocka_unit_test(bad_arguments),
		cmocka_unit_test(as_of_is_required),
		cmocka_unit_test(out_of_memory_everywhere),
		cmocka_unit_test(threads_share_a_policy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
