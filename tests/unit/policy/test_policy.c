/* Unit tests for policy_compile.c: compilation and its errors. */
#include "helpers.h"

#include <string.h>

#include "policy/policy.h"

#define RULE(body) \
	"<policy-set " POLICY_NS " id=\"p\" title=\"P\">\n" \
	"<rule id=\"r\" severity=\"error\">\n<title>T</title>\n" \
	"<citation instrument=\"I\" article=\"A\"/>\n" body \
	"</rule>\n</policy-set>\n"

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

static void compiles_rules_and_groups(void **state)
{
	policy *p = test_policy(cat, "<policy-set " POLICY_NS " id=\"p\" "
		"title=\"P\"><group id=\"NORDICS\"><member ref=\"SE\"/>"
		"<member ref=\"NO\"/><member ref=\"EEA\"/></group>"
		"<rule id=\"a\" severity=\"warning\" "
		"effective-from=\"2020-01-01\">"
		"<title>T</title><citation instrument=\"I\" article=\"A\"/>"
		"<scope data=\"personal\" component-match=\"^db-\"/>"
		"<require><all>"
		"<within facet=\"stored replica\" set=\"NORDICS\"/>"
		"<not><exposed law=\"US-CLOUD-ACT\"/></not></all></require>"
		"<unless name=\"SCC\"><mechanism in=\"scc\"/></unless>"
		"</rule></policy-set>");

	(void)state;
	assert_string_equal(sov_policy_id(p), "p");
	assert_int_equal(sov_policy_rule_count(p), 1);
	assert_int_equal(p->ngroups, 1);
	assert_int_equal(p->rules[0].severity, SEV_WARNING);
	assert_int_equal(p->rules[0].require->kind, C_ALL);
	assert_int_equal(p->rules[0].require->kids[0]->facets,
		(1u << F_STORED) | (1u << F_REPLICA));
	assert_non_null(p->rules[0].component_match);
	assert_int_equal(p->nslots, 1);
	sov_policy_free(p);
}

static void reports_errors(void **state)
{
	static const struct {
		const char *xml, *text;
		unsigned line;
	} bad[] = {
		{ RULE("<require><within facet=\"stored\" set=\"EEA NOPE\"/>"
		       "</require>\n"), "unknown group or jurisdiction 'NOPE'",
		  5 },
		{ RULE("<require><within facet=\"stored\" set=\"UK\"/>"
		       "</require>\n"),
		  "unknown group or jurisdiction 'UK'", 5 },
		{ RULE("<scope component-match=\"(a\"/>\n<require><within "
		       "facet=\"stored\" set=\"EEA\"/></require>\n"),
		  "bad pattern '(a'", 5 },
		{ RULE("<require><exposed law=\"NOPE\"/></require>\n"),
		  "unknown law 'NOPE'", 5 },
		{ RULE("<require><attribute name=\"x\" op=\"lt\" "
		       "value=\"abc\"/></require>\n"), "cannot be compared",
		  5 },
		{ "<policy-set " POLICY_NS " id=\"p\" title=\"P\">\n"
		  "<include href=\"other.xml\"/></policy-set>",
		  "needs a file", 2 },
		{ "<policy-set " POLICY_NS " id=\"p\" title=\"P\">\n"
		  "<group id=\"EEA\"><member ref=\"DE\"/></group>"
		  "</policy-set>",
		  "duplicate group id 'EEA'", 2 },
	};
	sov_diags *d;
	size_t i;

	(void)state;
	sov_diags_new(&d);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sov_diags_clear(d);
		assert_int_equal(test_policy_fails(cat, bad[i].xml, d),
			SOV_EINPUT);
		test_diag_has(d, bad[i].text, bad[i].line);
	}
	sov_diags_free(d);
}

static void collects_several_errors(void **state)
{
	sov_diags *d;

	(void)state;
	sov_diags_new(&d);
	test_policy_fails(cat, RULE("<require><any><within facet=\"stored\" "
		"set=\"XX1\"/>\n<exposed law=\"NOPE\"/></any>"
		"</require>\n"), d);
	test_diag_has(d, "'XX1'", 5);
	test_diag_has(d, "unknown law 'NOPE'", 6);
	sov_diags_free(d);
}

static void include_from_file(void **state)
{
	sov_policy *p = NULL;
	sov_diags *d;

	(void)state;
	sov_diags_new(&d);
	assert_int_equal(sov_policy_load_file(&p, cat, SOV_SOURCE_DIR
		"/tests/golden/neg-include-cycle/a.xml", NULL, d), SOV_EINPUT);
	test_diag_has(d, "include cycle", 2);
	assert_null(p);
	sov_diags_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compiles_rules_and_groups),
		cmocka_unit_test(reports_errors),
		cmocka_unit_test(collects_several_errors),
		cmocka_unit_test(include_from_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
