/* Unit tests for placement.c: sov_where, conflicts and --suggest. */
#include "helpers.h"

#include <string.h>

#define REGIME SOV_SOURCE_DIR "/policies/regimes/eu-gdpr-transfers.xml"

static sov_catalog *cat;
static sov_policy *gdpr;

static int setup(void **state)
{
	(void)state;
	cat = test_catalog();
	assert_int_equal(sov_policy_load_file(&gdpr, cat, REGIME, NULL, NULL),
		SOV_OK);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sov_policy_free(gdpr);
	sov_catalog_free(cat);
	return 0;
}

static const char *personal[] = { "personal" };

static sov_placement *where(const sov_policy *const *pols, size_t n,
	const char *provider, const char *redundancy)
{
	sov_where_options o = SOV_WHERE_OPTIONS_INIT;
	sov_placement *p = NULL;

	o.as_of = "2026-11-28";
	o.provider = provider;
	o.data = personal;
	o.ndata = 1;
	o.redundancy = redundancy;
	assert_int_equal(sov_where(&p, pols, n, &o, NULL), SOV_OK);
	return p;
}

static long find(const sov_placement *p, const char *region)
{
	size_t i;

	for (i = 0; i < sov_placement_count(p); i++)
		if (strcmp(sov_candidate_str(p, i, SOV_C_REGION), region) == 0)
			return (long)i;
	return -1;
}

static const char *status(const sov_placement *p, const char *region)
{
	long i = find(p, region);

	assert_true(i >= 0);
	return sov_candidate_str(p, (size_t)i, SOV_C_STATUS);
}

static void geo_redundancy_needs_an_allowed_pair(void **state)
{
	sov_placement *p = where((const sov_policy *const *)&gdpr, 1,
		"azure", "geo");
	size_t i;

	(void)state;
	assert_true(sov_placement_allowed(p) > 0);
	assert_string_equal(status(p, "brazilsouth"), "ruled-out");
	assert_string_equal(sov_candidate_str(p, (size_t)find(p,
		"brazilsouth"), SOV_C_RULE), "gdpr-44-replica");
	assert_string_equal(status(p, "brazilsoutheast"), "allowed");
	/* Open only on request: allowed, and said so. */
	assert_string_equal(sov_candidate_str(p, (size_t)find(p,
		"brazilsoutheast"), SOV_C_RESTRICTED), "restricted");
	assert_null(sov_candidate_str(p, (size_t)find(p, "westeurope"),
		SOV_C_RESTRICTED));
	assert_string_equal(status(p, "westeurope"), "allowed");
	assert_string_equal(status(p, "eastus"), "ruled-out");
	/* Geo-redundancy where no pair exists is an unknown fact. */
	assert_string_equal(status(p, "italynorth"), "ruled-out");
	for (i = 0; i < sov_placement_count(p); i++) {
		const char *pj = sov_candidate_str(p, i,
			SOV_C_PAIR_JURISDICTION);

		if (strcmp(sov_candidate_str(p, i, SOV_C_STATUS), "allowed"))
			continue;
		assert_non_null(pj);
		assert_false(strncmp(pj, "US", 2) == 0);
	}
	sov_placement_free(p);
}

static void without_geo_brazil_is_allowed(void **state)
{
	sov_placement *p = where((const sov_policy *const *)&gdpr, 1,
		"azure", NULL);

	(void)state;
	assert_string_equal(status(p, "brazilsouth"), "allowed");
	assert_string_equal(status(p, "italynorth"), "allowed");
	assert_int_equal(sov_placement_conflict_count(p), 0);
	sov_placement_free(p);
}

static void conflicting_policies_are_named(void **state)
{
	static const char localize[] =
		"<policy-set " POLICY_NS " id=\"loc\" title=\"L\">"
		"<rule id=\"in-br\" severity=\"error\"><title>T</title>"
		"<citation instrument=\"I\" article=\"A\"/>"
		"<require><within facet=\"stored\" set=\"IN\"/></require>"
		"</rule></policy-set>";
	sov_policy *pols[2];
	sov_placement *p;
	char *text = NULL;

	(void)state;
	pols[0] = test_policy(cat, localize);
	pols[1] = gdpr;
	p = where((const sov_policy *const *)pols, 2, "aws", NULL);
	assert_int_equal(sov_placement_allowed(p), 0);
	assert_int_equal(sov_placement_conflict_count(p), 2);
	assert_string_equal(sov_placement_conflict(p, 0), "loc:in-br");
	assert_string_equal(sov_placement_conflict(p, 1),
		"eu-gdpr-transfers:gdpr-44-stored");
	assert_int_equal(sov_placement_render(&text, NULL, p,
		SOV_FORMAT_TEXT, 0), SOV_OK);
	assert_non_null(strstr(text, "No placement exists"));
	sov_placement_buffer_free(p, text);
	sov_placement_free(p);
	sov_policy_free(pols[0]);
}

static void bad_questions(void **state)
{
	sov_where_options o = SOV_WHERE_OPTIONS_INIT;
	sov_placement *p = NULL;
	sov_diags *d;

	(void)state;
	sov_diags_new(&d);
	o.as_of = "2026-11-28";
	o.provider = "azur";
	assert_int_equal(sov_where(&p, (const sov_policy *const *)&gdpr, 1,
		&o, d), SOV_EINPUT);
	test_diag_has(d, "did you mean 'azure'", 0);
	o.provider = "azure";
	o.redundancy = "triple";
	assert_int_equal(sov_where(&p, (const sov_policy *const *)&gdpr, 1,
		&o, d), SOV_EUSAGE);
	o.redundancy = NULL;
	o.as_of = NULL;
	assert_int_equal(sov_where(&p, (const sov_policy *const *)&gdpr, 1,
		&o, d), SOV_EUSAGE);
	assert_null(p);
	sov_diags_free(d);
}

static void suggestions_beside_violations(void **state)
{
	sov_check_options co = SOV_CHECK_OPTIONS_INIT;
	sov_deployment *d = NULL;
	sov_result *r = NULL;
	long i;

	(void)state;
	assert_int_equal(sov_deployment_load_file(&d, cat, SOV_SOURCE_DIR
		"/examples/deployments/replica-violation.xml", NULL, NULL),
		SOV_OK);
	co.as_of = "2026-11-28";
	co.suggest = 1;
	assert_int_equal(sov_evaluate(&r, (const sov_policy *const *)&gdpr,
		1, d, &co, NULL), SOV_OK);
	i = test_find(r, "gdpr-44-replica", "br-customer-db", "personal");
	assert_true(i >= 0);
	assert_non_null(strstr(sov_finding_str(r, (size_t)i, SOV_F_FIX),
		"zone-redundant"));
	assert_non_null(strstr(sov_finding_str(r, (size_t)i,
		SOV_F_ALTERNATIVES), "brazilsoutheast"));
	i = test_find(r, "gdpr-48-control", "br-customer-db", "personal");
	assert_null(sov_finding_str(r, (size_t)i, SOV_F_FIX));
	sov_result_free(r);
	sov_deployment_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(geo_redundancy_needs_an_allowed_pair),
		cmocka_unit_test(without_geo_brazil_is_allowed),
		cmocka_unit_test(conflicting_policies_are_named),
		cmocka_unit_test(bad_questions),
		cmocka_unit_test(suggestions_beside_violations),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
