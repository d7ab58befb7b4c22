/* Unit tests for deploy_load.c: references resolved or reported. */
#include "helpers.h"

#include "deploy/deploy.h"

#define DEP(body) \
	"<deployment " DEPLOY_NS " id=\"d\">\n" \
	"<data-class id=\"personal\"/>\n" body "</deployment>\n"

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

static void loads_components_and_flows(void **state)
{
	deployment *d = test_deployment(cat, DEP(
		"<component id=\"a\" kind=\"db\" provider=\"azure\" "
		"region=\"westeurope\" redundancy=\"geo\" mechanism=\"scc\">"
		"<stores data=\"personal\"/><tag>prod</tag>"
		"<access from=\"DE FR\"/><keys custody=\"customer\" "
		"location=\"DE\"/></component>\n"
		"<component id=\"b\" kind=\"ai-inference\" provider=\"aws\" "
		"region=\"eu-central-1\" scope=\"bedrock-eu\"/>\n"
		"<flow from=\"a\" to=\"b\" data=\"personal\" "
		"transit=\"NL\"/>\n"));

	(void)state;
	assert_int_equal(d->ncomponents, 2);
	assert_int_equal(d->components[0].redundancy, RED_GEO);
	assert_int_equal(d->components[0].naccess, 2);
	assert_int_equal(d->components[0].custody, 0);
	assert_int_equal(d->components[0].holds[0], HOLD_STORES);
	assert_int_equal(d->components[1].holds[0], HOLD_INFLOW);
	assert_true(d->components[1].scope >= 0);
	assert_int_equal(d->flows[0].ntransit, 1);
	sov_deployment_free(d);
}

static void reports_dangling_references(void **state)
{
	static const struct {
		const char *xml, *text;
		unsigned line;
	} bad[] = {
		{ DEP("<component id=\"a\" kind=\"db\" provider=\"nope\"/>\n"),
		  "unknown provider 'nope'", 3 },
		{ DEP("<component id=\"a\" kind=\"db\" provider=\"azure\" "
		      "region=\"eu-west-1\"/>\n"),
		  "unknown region 'eu-west-1' of provider 'azure'", 3 },
		{ DEP("<component id=\"a\" kind=\"db\" provider=\"azure\" "
		      "scope=\"bedrock-eu\"/>\n"),
		  "unknown routing scope 'bedrock-eu'", 3 },
		{ DEP("<component id=\"a\" kind=\"db\" provider=\"azure\">"
		      "<stores data=\"health\"/></component>\n"),
		  "unknown data class 'health'", 3 },
		{ DEP("<component id=\"a\" kind=\"db\" provider=\"azure\"/>\n"
		      "<flow from=\"a\" to=\"z\" data=\"personal\"/>\n"),
		  "flow to unknown component 'z'", 4 },
		{ DEP("<component id=\"a\" kind=\"db\" provider=\"azure\"/>\n"
		      "<component id=\"a\" kind=\"db\" "
		      "provider=\"azure\"/>\n"),
		  "duplicate component id 'a'", 4 },
		{ DEP("<component id=\"a\" kind=\"db\" provider=\"azure\">"
		      "<access from=\"UK\"/></component>\n"),
		  "unknown jurisdiction 'UK'", 3 },
		{ DEP("<component id=\"a\" kind=\"db\" provider=\"azure\" "
		      "operator=\"nobody\"/>\n"),
		  "unknown operator entity 'nobody'", 3 },
		{ DEP("<waiver rule=\"r\" component=\"zz\" "
		      "expires=\"2027-01-01\">why</waiver>\n"),
		  "waiver names unknown component 'zz'", 3 },
	};
	sov_diags *d;
	size_t i;

	(void)state;
	sov_diags_new(&d);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sov_diags_clear(d);
		assert_int_equal(test_deployment_fails(cat, bad[i].xml, d),
			SOV_EINPUT);
		test_diag_has(d, bad[i].text, bad[i].line);
	}
	sov_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_components_and_flows),
		cmocka_unit_test(reports_dangling_references),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
