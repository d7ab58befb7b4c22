/* Unit tests for report_text.c and report_json.c through the API. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sov_catalog *cat;
static sov_policy *pol;
static sov_deployment *dep;
static sov_result *res;

static int setup(void **state)
{
	sov_diags *d;

	(void)state;
	cat = test_catalog();
	sov_diags_new(&d);
	assert_int_equal(sov_policy_load_file(&pol, cat, SOV_SOURCE_DIR
		"/policies/regimes/eu-gdpr-transfers.xml", NULL, d), SOV_OK);
	assert_int_equal(sov_deployment_load_file(&dep, cat, SOV_SOURCE_DIR
		"/examples/deployments/replica-violation.xml", NULL, d),
		SOV_OK);
	sov_diags_free(d);
	res = test_evaluate(pol, dep, "2026-11-28");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sov_result_free(res);
	sov_deployment_free(dep);
	sov_policy_free(pol);
	sov_catalog_free(cat);
	return 0;
}

static char *render(sov_format f, int color)
{
	sov_report_options o = SOV_REPORT_OPTIONS_INIT;
	char *out = NULL;
	size_t len = 0;

	o.color = color;
	assert_int_equal(sov_report_render(&out, &len, res, f, &o), SOV_OK);
	assert_int_equal(strlen(out), len);
	return out;
}

static void text_reads_as_sentences(void **state)
{
	char *t = render(SOV_FORMAT_TEXT, 0);

	(void)state;
	assert_non_null(strstr(t, "VIOLATION [error] gdpr-44-replica"));
	assert_non_null(strstr(t, "facet replica"));
	assert_non_null(strstr(t, "paired region southcentralus"));
	assert_non_null(strstr(t, "Texas, United States"));
	assert_non_null(strstr(t, "Art. 44"));
	assert_non_null(strstr(t, "eu-gdpr-transfers.xml:"));
	assert_non_null(strstr(t, "replica-violation.xml:"));
	assert_non_null(strstr(t, "Decision: non-compliant"));
	assert_null(strstr(t, "\033["));
	sov_buffer_free(res, t);
}

static void colour_only_when_asked(void **state)
{
	char *t = render(SOV_FORMAT_TEXT, 1);

	(void)state;
	assert_non_null(strstr(t, "\033[1;31mVIOLATION\033[0m"));
	sov_buffer_free(res, t);
}

static void json_carries_every_field(void **state)
{
	static const char *const keys[] = {
		"\"schema_version\":1", "\"decision\":\"non-compliant\"",
		"\"rule\":\"gdpr-44-replica\"", "\"facet\":\"replica\"",
		"\"jurisdiction\":\"US-TX\"",
		"\"against\":\"EEA EU-ADEQUATE\"",
		"\"citations\":[", "\"rule_location\":{\"file\":",
		"\"component_location\":{\"file\":", "\"explanation\":",
		"\"as_of\":\"2026-11-28\"",
	};
	char *j = render(SOV_FORMAT_JSON, 0);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strstr(j, keys[i]))
			fail_msg("JSON lacks %s", keys[i]);
	sov_buffer_free(res, j);
}

static void reports_are_deterministic(void **state)
{
	char *a = render(SOV_FORMAT_JSON, 0), *b;
	sov_result *again = test_evaluate(pol, dep, "2026-11-28");
	char *c = NULL;

	(void)state;
	assert_int_equal(sov_report_render(&c, NULL, again, SOV_FORMAT_JSON,
		NULL), SOV_OK);
	assert_string_equal(a, c);
	b = render(SOV_FORMAT_TEXT, 0);
	sov_buffer_free(res, a);
	sov_buffer_free(res, b);
	sov_buffer_free(again, c);
	sov_result_free(again);
}

static void write_matches_render(void **state)
{
	char *t = render(SOV_FORMAT_TEXT, 0);
	char *mem = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&mem, &len);

	(void)state;
	assert_int_equal(sov_report_write(fp, res, SOV_FORMAT_TEXT, NULL),
		SOV_OK);
	fclose(fp);
	assert_string_equal(mem, t);
	free(mem);
	sov_buffer_free(res, t);
	assert_int_equal(sov_report_write(NULL, res, SOV_FORMAT_TEXT, NULL),
		SOV_EUSAGE);
	assert_int_equal(sov_report_render(&t, NULL, res, (sov_format)9,
		NULL), SOV_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_reads_as_sentences),
		cmocka_unit_test(colour_only_when_asked),
		cmocka_unit_test(json_carries_every_field),
		cmocka_unit_test(reports_are_deterministic),
		cmocka_unit_test(write_matches_render),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
