/* Unit tests for catalog_query.c through sov_catalog_query_render(). */
#include "helpers.h"

#include <string.h>

static sov_catalog *cat;

static int setup(void **state)
{
	(void)state;
	cat = test_catalog();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sov_catalog_free(cat);
	return 0;
}

/* Renders a query; the caller frees with sov_catalog_buffer_free. */
static char *ask(sov_query_kind kind, const char *subject, const char *in,
	const char *as_of, sov_format format)
{
	sov_catalog_query q = SOV_CATALOG_QUERY_INIT;
	char *out = NULL;

	q.kind = kind;
	q.subject = subject;
	q.in = in;
	q.as_of = as_of;
	assert_int_equal(sov_catalog_query_render(&out, NULL, cat, &q,
		format, NULL), SOV_OK);
	return out;
}

static void resolve_names_the_pair_and_its_country(void **state)
{
	char *t = ask(SOV_QUERY_RESOLVE, "azure:brazilsouth", NULL, NULL,
		SOV_FORMAT_TEXT);

	(void)state;
	assert_non_null(strstr(t, "BR (Brazil)"));
	assert_non_null(strstr(t, "pair:      southcentralus"));
	assert_non_null(strstr(t, "United States"));
	assert_non_null(strstr(t, "US-CLOUD-ACT"));
	sov_catalog_buffer_free(cat, t);
	t = ask(SOV_QUERY_RESOLVE, "azure:brazilsouth", NULL, NULL,
		SOV_FORMAT_JSON);
	assert_non_null(strstr(t, "\"pair\":\"southcentralus\""));
	assert_non_null(strstr(t, "\"pair_jurisdiction\":\"US-TX\""));
	sov_catalog_buffer_free(cat, t);
}

static void resolve_a_scope_lists_its_regions(void **state)
{
	char *t = ask(SOV_QUERY_RESOLVE, "aws:bedrock-eu", NULL, NULL,
		SOV_FORMAT_TEXT);

	(void)state;
	assert_non_null(strstr(t, "eu-west-2"));
	assert_non_null(strstr(t, "GB (United Kingdom"));
	assert_non_null(strstr(t, "CH (Switzerland)"));
	sov_catalog_buffer_free(cat, t);
}

static void group_membership_follows_the_date(void **state)
{
	char *before = ask(SOV_QUERY_GROUP, "EU", NULL, "2019-06-01",
		SOV_FORMAT_TEXT);
	char *after = ask(SOV_QUERY_GROUP, "EU", NULL, "2021-01-01",
		SOV_FORMAT_JSON);

	(void)state;
	assert_non_null(strstr(before, "as of 2019-06-01: 28 members"));
	assert_non_null(strstr(before, "  GB  United Kingdom"));
	assert_null(strstr(after, "\"GB\""));
	assert_non_null(strstr(after, "\"DE\""));
	sov_catalog_buffer_free(cat, before);
	sov_catalog_buffer_free(cat, after);
}

static void regions_filter_by_provider_and_set(void **state)
{
	sov_catalog_query q = SOV_CATALOG_QUERY_INIT;
	char *t = NULL;

	(void)state;
	q.kind = SOV_QUERY_REGIONS;
	q.provider = "azure";
	q.in = "EU";
	q.as_of = "2026-11-28";
	assert_int_equal(sov_catalog_query_render(&t, NULL, cat, &q,
		SOV_FORMAT_TEXT, NULL), SOV_OK);
	assert_non_null(strstr(t, "westeurope"));
	assert_null(strstr(t, "uksouth"));
	assert_null(strstr(t, "eastus"));
	assert_null(strstr(t, "\naws "));
	sov_catalog_buffer_free(cat, t);
}

static void unknown_ids_and_bad_usage(void **state)
{
	sov_catalog_query q = SOV_CATALOG_QUERY_INIT;
	sov_diags *d;
	char *t = NULL;

	(void)state;
	sov_diags_new(&d);
	q.kind = SOV_QUERY_GROUP;
	q.subject = "EEAA";
	q.as_of = "2026-11-28";
	assert_int_equal(sov_catalog_query_render(&t, NULL, cat, &q,
		SOV_FORMAT_TEXT, d), SOV_EINPUT);
	assert_null(t);
	test_diag_has(d, "unknown group 'EEAA' (did you mean 'EEA'?)", 0);
	q.as_of = NULL;
	assert_int_equal(sov_catalog_query_render(&t, NULL, cat, &q,
		SOV_FORMAT_TEXT, d), SOV_EUSAGE);
	q.kind = SOV_QUERY_RESOLVE;
	q.subject = "brazilsouth";
	assert_int_equal(sov_catalog_query_render(&t, NULL, cat, &q,
		SOV_FORMAT_TEXT, d), SOV_EUSAGE);
	q.subject = "azure:europe-west3";
	assert_int_equal(sov_catalog_query_render(&t, NULL, cat, &q,
		SOV_FORMAT_TEXT, d), SOV_EINPUT);
	test_diag_has(d, "it is a region of provider 'gcp'", 0);
	sov_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(resolve_names_the_pair_and_its_country),
		cmocka_unit_test(resolve_a_scope_lists_its_regions),
		cmocka_unit_test(group_membership_follows_the_date),
		cmocka_unit_test(regions_filter_by_provider_and_set),
		cmocka_unit_test(unknown_ids_and_bad_usage),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
