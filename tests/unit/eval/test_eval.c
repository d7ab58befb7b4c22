/* Unit tests for eval.c: the condition language, verdicts, exceptions,
 * waivers and the overall decision. */
#include "helpers.h"

#include <string.h>

#define CITE "<citation instrument=\"I\" article=\"A\"/>"
#define R(id, scope, cond) \
	"<rule id=\"" id "\" severity=\"error\"><title>" id "</title>" CITE \
	scope "<require>" cond "</require></rule>\n"
#define PERSONAL "<scope data=\"personal\"/>"

static const char policy_xml[] =
	"<policy-set " POLICY_NS " id=\"t\" title=\"T\">\n"
	R("within", PERSONAL, "<within facet=\"stored\" set=\"EEA\"/>")
	R("outside", PERSONAL, "<outside facet=\"processed\" "
	  "set=\"FIVE-EYES\"/>")
	R("includes", PERSONAL, "<includes facet=\"stored\" set=\"US\"/>")
	R("any", PERSONAL, "<any><within facet=\"stored\" set=\"EEA\"/>"
	  "<custody in=\"provider\"/></any>")
	R("not-exposed", "", "<not><exposed law=\"US-CLOUD-ACT\"/></not>")
	R("attr", "", "<attribute name=\"retention-abroad\" op=\"le\" "
	  "value=\"PT24H\"/>")
	R("custody", "", "<custody in=\"customer\"/>")
	"<rule id=\"unless\" severity=\"error\"><title>u</title>" CITE
	PERSONAL "<require><within facet=\"stored\" set=\"EEA\"/></require>"
	"<unless name=\"SCCs\"><mechanism in=\"scc bcr\"/></unless>"
	"</rule>\n"
	R("cert", PERSONAL, "<certified id=\"iso27001\"/>")
	R("kind", "<scope kinds=\"compute\"/>",
	  "<within facet=\"processed\" set=\"EEA\"/>")
	R("pattern", "<scope component-match=\"^db-e\"/>",
	  "<within facet=\"stored\" set=\"EEA\"/>")
	"<rule id=\"dated\" severity=\"error\" effective-from=\"2030-01-01\">"
	"<title>d</title>" CITE "<require><within facet=\"stored\" "
	"set=\"EEA\"/></require></rule>\n"
	R("any-unknown", PERSONAL, "<any><within facet=\"accessed\" "
	  "set=\"EEA\"/><within facet=\"stored\" set=\"EEA\"/></any>")
	R("all-false", PERSONAL, "<all><within facet=\"accessed\" "
	  "set=\"EEA\"/><within facet=\"stored\" set=\"EEA\"/></all>")
	R("known", PERSONAL, "<known facet=\"stored accessed keys\"/>")
	"</policy-set>\n";

static const char deployment_xml[] =
	"<deployment " DEPLOY_NS " id=\"d\"><data-class id=\"personal\"/>\n"
	"<component id=\"db-eu\" kind=\"db\" provider=\"azure\" "
	"region=\"westeurope\" redundancy=\"zone\" backups=\"none\">"
	"<stores data=\"personal\"/><access from=\"DE\"/>"
	"<keys custody=\"customer\" location=\"DE\"/>"
	"<attribute name=\"retention-abroad\" value=\"PT12H\"/>"
	"<certification id=\"iso27001\"/></component>\n"
	"<component id=\"db-us\" kind=\"db\" provider=\"azure\" "
	"region=\"eastus\" redundancy=\"none\" backups=\"none\" "
	"mechanism=\"scc\"><stores data=\"personal\"/>"
	"<keys custody=\"provider\" location=\"US\"/>"
	"<attribute name=\"retention-abroad\" value=\"PT48H\"/></component>\n"
	"<component id=\"vm\" kind=\"compute\" provider=\"gcp\" "
	"region=\"europe-west3\"/>\n"
	"</deployment>\n";

typedef struct {
	const char *rule, *comp, *data, *verdict;
} expectation;

static const expectation expected[] = {
	{ "within", "db-eu", "personal", "compliant" },
	{ "within", "db-us", "personal", "violation" },
	{ "within", "vm", NULL, "not-applicable" },
	{ "outside", "db-eu", "personal", "compliant" },
	{ "outside", "db-us", "personal", "violation" },
	{ "includes", "db-eu", "personal", "violation" },
	{ "includes", "db-us", "personal", "compliant" },
	{ "any", "db-eu", "personal", "compliant" },
	{ "any", "db-us", "personal", "compliant" },
	{ "not-exposed", "db-eu", "personal", "violation" },
	{ "not-exposed", "vm", NULL, "violation" },
	{ "attr", "db-eu", "personal", "compliant" },
	{ "attr", "db-us", "personal", "violation" },
	{ "attr", "vm", NULL, "indeterminate" },
	{ "custody", "db-eu", "personal", "compliant" },
	{ "custody", "db-us", "personal", "violation" },
	{ "custody", "vm", NULL, "indeterminate" },
	{ "unless", "db-eu", "personal", "compliant" },
	{ "unless", "db-us", "personal", "excepted" },
	{ "cert", "db-eu", "personal", "compliant" },
	/* Not stated on db-us nor by Microsoft in the catalog: unknown. */
	{ "cert", "db-us", "personal", "indeterminate" },
	{ "kind", "vm", NULL, "compliant" },
	{ "kind", "db-eu", "personal", "not-applicable" },
	{ "pattern", "db-eu", "personal", "compliant" },
	{ "pattern", "db-us", "personal", "not-applicable" },
	{ "dated", "db-us", "personal", "not-applicable" },
	{ "any-unknown", "db-eu", "personal", "compliant" },
	{ "any-unknown", "db-us", "personal", "indeterminate" },
	{ "all-false", "db-us", "personal", "violation" },
	{ "known", "db-eu", "personal", "compliant" },
	{ "known", "db-us", "personal", "violation" },
};

static sov_catalog *cat;
static sov_policy *pol;
static sov_deployment *dep;
static sov_result *res;

static int setup(void **state)
{
	(void)state;
	cat = test_catalog();
	pol = test_policy(cat, policy_xml);
	dep = test_deployment(cat, deployment_xml);
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

static void verdicts_match_the_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		const expectation *e = &expected[i];
		const char *v = test_verdict(res, e->rule, e->comp, e->data);

		if (strcmp(v, e->verdict) != 0)
			fail_msg("%s on %s: %s, expected %s", e->rule, e->comp,
				v, e->verdict);
	}
}

static void findings_explain_themselves(void **state)
{
	long i = test_find(res, "within", "db-us", "personal");
	long u = test_find(res, "unless", "db-us", "personal");
	long a = test_find(res, "any-unknown", "db-us", "personal");
	long x = test_find(res, "not-exposed", "db-eu", "personal");

	(void)state;
	assert_string_equal(sov_finding_str(res, i, SOV_F_FACET), "stored");
	assert_string_equal(sov_finding_str(res, i, SOV_F_OFFENDING), "US-VA");
	assert_string_equal(sov_finding_str(res, i, SOV_F_AGAINST), "EEA");
	assert_non_null(strstr(sov_finding_str(res, i, SOV_F_EXPLANATION),
		"region eastus"));
	assert_true(sov_finding_int(res, i, SOV_F_COMPONENT_FILE) == 3);
	assert_string_equal(sov_finding_str(res, u, SOV_F_EXCEPTION), "SCCs");
	assert_non_null(strstr(sov_finding_str(res, a, SOV_F_MISSING),
		"who may access component 'db-us'"));
	assert_non_null(strstr(sov_finding_str(res, (size_t)test_find(res,
		"outside", "db-us", "personal"), SOV_F_EXPLANATION),
		"The rule forbids: FIVE-EYES."));
	assert_non_null(strstr(sov_finding_str(res, i, SOV_F_EXPLANATION),
		"The rule allows only: EEA."));
	assert_string_equal(sov_finding_str(res, x, SOV_F_FACET), "control");
	assert_non_null(strstr(sov_finding_str(res, x, SOV_F_EXPLANATION),
		"microsoft"));
}

/* A rule that fails for several reasons gives all of them, the later
 * ones after "Also:", about "it" when the subject is the same. */
static void every_reason_is_told(void **state)
{
	sov_policy *p = test_policy(cat,
		"<policy-set " POLICY_NS " id=\"m\" title=\"M\">\n"
		R("laws", "", "<not><any><exposed law=\"US-CLOUD-ACT\"/>"
		  "<exposed law=\"US-FISA-702\"/></any></not>")
		R("either", PERSONAL, "<any><within facet=\"stored\" "
		  "set=\"EEA\"/><within facet=\"processed\" set=\"EEA\"/>"
		  "</any>")
		"</policy-set>\n");
	sov_result *r = test_evaluate(p, dep, "2026-11-28");
	const char *laws = sov_finding_str(r, (size_t)test_find(r, "laws",
		"db-eu", "personal"), SOV_F_EXPLANATION);
	const char *either = sov_finding_str(r, (size_t)test_find(r,
		"either", "db-us", "personal"), SOV_F_EXPLANATION);
	const char *fine = sov_finding_str(r, (size_t)test_find(r, "either",
		"db-eu", "personal"), SOV_F_EXPLANATION);

	(void)state;
	assert_non_null(strstr(laws, "exposed to US-CLOUD-ACT"));
	assert_non_null(strstr(laws, " Also: it is exposed to US-FISA-702"));
	assert_non_null(strstr(either, "is stored in US-VA"));
	assert_non_null(strstr(either, " Also: it "));
	assert_non_null(strstr(either, "processed"));
	/* Compliant findings keep one reason. */
	assert_null(strstr(fine, "Also:"));
	sov_result_free(r);
	sov_policy_free(p);
}

static void counts_and_decision(void **state)
{
	(void)state;
	assert_int_equal(sov_result_decision(res), SOV_DECISION_NON_COMPLIANT);
	assert_int_equal(sov_result_verdict_count(res, SOV_EXCEPTED), 1);
	assert_int_equal(sov_result_verdict_count(res, SOV_VIOLATION),
		sov_result_count(res) - sov_result_verdict_count(res,
		SOV_COMPLIANT) - sov_result_verdict_count(res, SOV_EXCEPTED) -
		sov_result_verdict_count(res, SOV_INDETERMINATE));
}

static sov_decision decide(const char *rules, const char *date)
{
	char xml[2048];
	sov_policy *p;
	sov_result *r;
	sov_decision d;

	snprintf(xml, sizeof(xml), "<policy-set " POLICY_NS " id=\"x\" "
		"title=\"X\">%s</policy-set>", rules);
	p = test_policy(cat, xml);
	r = test_evaluate(p, dep, date);
	d = sov_result_decision(r);
	sov_result_free(r);
	sov_policy_free(p);
	return d;
}

static void decision_rules(void **state)
{
	(void)state;
	assert_int_equal(decide("<rule id=\"w\" severity=\"warning\"><title>w"
		"</title>" CITE
		"<require><within facet=\"stored\" set=\"EEA\"/>"
		"</require></rule>", "2026-11-28"), SOV_DECISION_COMPLIANT);
	assert_int_equal(decide(R("u", "", "<custody in=\"customer "
		"provider\"/>"), "2026-11-28"), SOV_DECISION_INDETERMINATE);
	assert_int_equal(decide(R("e", "", "<within facet=\"stored\" "
		"set=\"EEA\"/>"), "2026-11-28"), SOV_DECISION_NON_COMPLIANT);
}

/* A certification is held, stated as not held, or unstated; a rule reads
 * an unstated one only as it says, and an exception that only an
 * unstated certification keeps from holding leaves the verdict open. */
static const char cert_policy[] =
	"<policy-set " POLICY_NS " id=\"c\" title=\"C\">\n"
	R("plain", "", "<certified id=\"dpf\"/>")
	R("absent-false", "", "<certified id=\"dpf\" unstated=\"false\"/>")
	R("absent-true", "", "<certified id=\"dpf\" unstated=\"true\"/>")
	"<rule id=\"open\" severity=\"error\"><title>o</title>" CITE
	"<require><within facet=\"stored\" set=\"EEA\"/></require>"
	"<unless name=\"DPF\"><all><within facet=\"stored\" set=\"US\"/>"
	"<certified id=\"dpf\"/></all></unless>"
	"<unless name=\"Stated\"><all><known facet=\"backup\"/>"
	"<attribute name=\"basis\" op=\"eq\" value=\"yes\"/>"
	"</all></unless>"
	"</rule>\n"
	"</policy-set>\n";

#define CERT_COMPONENT(id, children) \
	"<component id=\"" id "\" kind=\"db\" provider=\"aws\" " \
	"region=\"us-east-1\" redundancy=\"zone\" backups=\"none\">" \
	"<stores data=\"personal\"/>" children "</component>\n"

static const char cert_deployment[] =
	"<deployment " DEPLOY_NS " id=\"c\"><data-class id=\"personal\"/>\n"
	CERT_COMPONENT("held", "<certification id=\"dpf\"/>")
	CERT_COMPONENT("not-held", "<certification id=\"dpf\" "
		"held=\"false\"/>")
	CERT_COMPONENT("lapsed", "<certification id=\"dpf\" "
		"until=\"2026-01-31\"/>")
	CERT_COMPONENT("unstated", "")
	"</deployment>\n";

static void certifications_are_three_valued(void **state)
{
	static const expectation want[] = {
		{ "plain", "held", "personal", "compliant" },
		{ "plain", "not-held", "personal", "violation" },
		{ "plain", "lapsed", "personal", "violation" },
		{ "plain", "unstated", "personal", "indeterminate" },
		{ "absent-false", "unstated", "personal", "violation" },
		{ "absent-false", "held", "personal", "compliant" },
		{ "absent-true", "unstated", "personal", "compliant" },
		{ "absent-true", "not-held", "personal", "violation" },
		{ "open", "held", "personal", "excepted" },
		{ "open", "not-held", "personal", "violation" },
		{ "open", "unstated", "personal", "indeterminate" },
	};
	sov_policy *p = test_policy(cat, cert_policy);
	sov_deployment *d = test_deployment(cat, cert_deployment);
	sov_result *r = test_evaluate(p, d, "2026-11-28");
	long plain = test_find(r, "plain", "unstated", "personal");
	long open = test_find(r, "open", "unstated", "personal");
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		test_assert_same(test_verdict(r, want[i].rule, want[i].comp,
			want[i].data), want[i].verdict, want[i].rule,
			want[i].comp);
	assert_string_equal(sov_finding_str(r, (size_t)plain, SOV_F_MISSING),
		"whether component 'unstated' (operator Amazon.com, Inc.) "
		"holds certification 'dpf' is not stated");
	assert_string_equal(sov_finding_str(r, (size_t)open, SOV_F_MISSING),
		"whether component 'unstated' (operator Amazon.com, Inc.) "
		"holds certification 'dpf' is not stated");
	assert_non_null(strstr(sov_finding_str(r, (size_t)open,
		SOV_F_EXPLANATION), "The rule allows only: EEA. Whether the "
		"exception 'DPF' applies cannot be decided: whether"));
	assert_non_null(strstr(sov_finding_str(r, (size_t)test_find(r,
		"absent-false", "unstated", "personal"), SOV_F_EXPLANATION),
		"the rule reads an unstated one as not held"));
	assert_non_null(strstr(sov_finding_str(r, (size_t)test_find(r,
		"plain", "not-held", "personal"), SOV_F_EXPLANATION),
		"does not hold certification 'dpf' on the evaluation date, "
		"as the deployment states"));
	sov_result_free(r);
	/* Before the lapse the same statement holds. */
	r = test_evaluate(p, d, "2026-01-31");
	assert_string_equal(test_verdict(r, "plain", "lapsed", "personal"),
		"compliant");
	sov_result_free(r);
	sov_deployment_free(d);
	sov_policy_free(p);
}

static void waivers_cover_until_end_of_day(void **state)
{
	sov_deployment *d = test_deployment(cat,
		"<deployment " DEPLOY_NS " id=\"w\">"
		"<data-class id=\"personal\"/>"
		"<component id=\"c\" kind=\"db\" provider=\"azure\" "
		"region=\"eastus\"><stores data=\"personal\"/></component>"
		"<waiver rule=\"within\" component=\"c\" "
		"expires=\"2026-12-01\">"
		"Migration planned.</waiver></deployment>");
	sov_result *r = test_evaluate(pol, d, "2026-12-01");
	sov_check_options o = SOV_CHECK_OPTIONS_INIT;

	(void)state;
	assert_string_equal(test_verdict(r, "within", "c", "personal"),
		"waived");
	sov_result_free(r);
	r = test_evaluate(pol, d, "2026-12-02");
	assert_string_equal(test_verdict(r, "within", "c", "personal"),
		"violation");
	assert_non_null(strstr(sov_finding_str(r, (size_t)test_find(r,
		"within", "c", "personal"), SOV_F_WAIVER), "expired"));
	sov_result_free(r);
	o.as_of = "2026-11-01";
	o.ignore_waivers = 1;
	assert_int_equal(sov_evaluate(&r, (const sov_policy *const *)&pol, 1,
		d, &o, NULL), SOV_OK);
	assert_string_equal(test_verdict(r, "within", "c", "personal"),
		"violation");
	sov_result_free(r);
	sov_deployment_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(verdicts_match_the_table),
		cmocka_unit_test(findings_explain_themselves),
		cmocka_unit_test(every_reason_is_told),
		cmocka_unit_test(counts_and_decision),
		cmocka_unit_test(decision_rules),
		cmocka_unit_test(waivers_cover_until_end_of_day),
		cmocka_unit_test(certifications_are_three_valued),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
