/* Unit tests for the SARIF, JUnit, Markdown, NDJSON and DOT reports
 * (report_sarif.c, report_junit.c, report_markdown.c, report_ndjson.c,
 * report_dot.c), through the API. The JUnit report is validated against
 * tests/formats/junit.xsd with libxml2. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>

#define GDPR SOV_SOURCE_DIR "/policies/regimes/eu-gdpr-transfers.xml"
#define EXAMPLES SOV_SOURCE_DIR "/examples/deployments/"
#define WAIVERS SOV_SOURCE_DIR "/tests/golden/waivers/"
#define JUNIT_XSD SOV_SOURCE_DIR "/tests/formats/junit.xsd"
#define AS_OF "2026-11-28"

static sov_catalog *cat;
static sov_policy *gdpr, *waiver_policy;

typedef struct {
	sov_deployment *d;
	sov_result *r;
} fixture;

static fixture replica, indeterminate, routing, waivers, compliant;

static sov_policy *load_policy(const char *path)
{
	sov_policy *p = NULL;

	assert_int_equal(sov_policy_load_file(&p, cat, path, NULL, NULL),
		SOV_OK);
	return p;
}

static fixture check(const sov_policy *p, const char *path, int suggest)
{
	sov_check_options o = SOV_CHECK_OPTIONS_INIT;
	fixture f = { NULL, NULL };

	assert_int_equal(sov_deployment_load_file(&f.d, cat, path, NULL,
		NULL), SOV_OK);
	o.as_of = AS_OF;
	o.suggest = suggest;
	assert_int_equal(sov_evaluate(&f.r, &p, 1, f.d, &o, NULL), SOV_OK);
	return f;
}

static void release(fixture *f)
{
	sov_result_free(f->r);
	sov_deployment_free(f->d);
}

static int setup(void **state)
{
	(void)state;
	cat = test_catalog();
	gdpr = load_policy(GDPR);
	waiver_policy = load_policy(WAIVERS "policy.xml");
	replica = check(gdpr, EXAMPLES "replica-violation.xml", 0);
	indeterminate = check(gdpr, EXAMPLES "indeterminate.xml", 0);
	routing = check(gdpr, EXAMPLES "routing-scope-violation.xml", 1);
	waivers = check(waiver_policy, WAIVERS "deployment.xml", 0);
	compliant = check(gdpr, EXAMPLES "compliant.xml", 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	release(&replica);
	release(&indeterminate);
	release(&routing);
	release(&waivers);
	release(&compliant);
	sov_policy_free(waiver_policy);
	sov_policy_free(gdpr);
	sov_catalog_free(cat);
	return 0;
}

/* Renders twice and checks that both give the same bytes. */
static char *render(const sov_result *r, sov_format format)
{
	char *out = NULL, *again = NULL;
	size_t len = 0, len2 = 0;

	assert_int_equal(sov_report_render(&out, &len, r, format, NULL),
		SOV_OK);
	assert_int_equal(strlen(out), len);
	assert_int_equal(sov_report_render(&again, &len2, r, format, NULL),
		SOV_OK);
	assert_int_equal(len, len2);
	assert_memory_equal(out, again, len);
	sov_buffer_free(r, again);
	return out;
}

static size_t occurrences(const char *s, const char *needle)
{
	size_t n = 0, k = strlen(needle);

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += k;
	}
	return n;
}

static void has(const char *s, const char *needle)
{
	if (!strstr(s, needle))
		fail_msg("missing: %s", needle);
}

static size_t kept(const sov_result *r, sov_verdict v)
{
	size_t i, n = 0;

	for (i = 0; i < sov_result_count(r); i++)
		n += sov_finding_int(r, i, SOV_F_VERDICT) == (long)v;
	return n;
}

/* ------------------------------------------------------------------ */
/* SARIF                                                               */

static void sarif_maps_verdicts(void **state)
{
	const sov_result *r = replica.r;
	char *s = render(r, SOV_FORMAT_SARIF);

	(void)state;
	has(s, "\"$schema\": "
		"\"https://json.schemastore.org/sarif-2.1.0.json\"");
	has(s, "\"version\": \"2.1.0\"");
	has(s, "\"name\": \"sovereign\"");
	has(s, "\"version\": \"" SOV_VERSION "\"");
	/* One rule per rule with a finding; one result per finding that
	 * is not compliant. */
	assert_int_equal(occurrences(s, "\"shortDescription\""), 5);
	assert_int_equal(occurrences(s, "\"ruleId\""),
		sov_result_count(r) - kept(r, SOV_COMPLIANT));
	has(s, "\"ruleId\": \"eu-gdpr-transfers/gdpr-44-replica\",\n"
		"          \"ruleIndex\": 1,\n"
		"          \"level\": \"error\"");
	has(s, "\"helpUri\": "
		"\"https://eur-lex.europa.eu/eli/reg/2016/679/oj\"");
	has(s, "\"startLine\": 45");
	has(s, "\"dataClass\": \"personal\"");
	has(s, "\"facet\": \"replica\"");
	has(s, "\"level\": \"warning\"");
	/* The excepted finding is suppressed in the source. */
	assert_int_equal(occurrences(s, "\"suppressions\""), 1);
	has(s, "\"kind\": \"inSource\",\n"
		"              \"status\": \"accepted\",\n"
		"              \"justification\": \"Transfer safeguards in "
		"place (Art. 46)\"");
	has(s, "\"decision\": \"non-compliant\"");
	assert_int_equal(s[strlen(s) - 1], '\n');
	sov_buffer_free(r, s);
}

static void sarif_suppresses_waivers_externally(void **state)
{
	const sov_result *r = waivers.r;
	char *s = render(r, SOV_FORMAT_SARIF);

	(void)state;
	has(s, "\"kind\": \"external\",\n"
		"              \"status\": \"accepted\",\n"
		"              \"justification\": "
		"\"waived until 2027-01-31 (");
	/* An expired waiver does not suppress: it is only noted. */
	assert_int_equal(occurrences(s, "\"suppressions\""), 1);
	has(s, "\"waiver\": \"the waiver at ");
	sov_buffer_free(r, s);
}

static void sarif_names_the_missing_fact(void **state)
{
	const sov_result *r = indeterminate.r;
	char *s = render(r, SOV_FORMAT_SARIF);

	(void)state;
	has(s, "\"text\": \"It cannot be decided: the redundancy of "
		"component 'invoice-archive' is not stated");
	has(s, "\"missing\": \"the redundancy of component");
	sov_buffer_free(r, s);
}

static void sarif_uris_are_encoded(void **state)
{
	static const char xml[] =
		"<deployment " DEPLOY_NS " id=\"u\">"
		"<data-class id=\"personal\"/>"
		"<component id=\"c\" kind=\"db\" provider=\"azure\" "
		"region=\"eastus\"><stores data=\"personal\"/>"
		"</component>"
		"</deployment>";
	static const struct {
		const char *name, *uri;
	} cases[] = {
		{ "/abs/my dir/d:1.xml", "\"uri\": \"file:///abs/my%20dir/"
		  "d%3A1.xml\"" },
		{ "rel dir/x%.xml", "\"uri\": \"rel%20dir/x%25.xml\"" },
	};
	sov_check_options o = SOV_CHECK_OPTIONS_INIT;
	size_t i;

	(void)state;
	o.as_of = AS_OF;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sov_deployment *d = NULL;
		sov_result *r = NULL;
		char *s;

		assert_int_equal(sov_deployment_load_memory(&d, cat,
			cases[i].name, xml, strlen(xml), NULL, NULL), SOV_OK);
		assert_int_equal(sov_evaluate(&r, (const sov_policy *const *)
			&waiver_policy, 1, d, &o, NULL), SOV_OK);
		s = render(r, SOV_FORMAT_SARIF);
		has(s, cases[i].uri);
		sov_buffer_free(r, s);
		sov_result_free(r);
		sov_deployment_free(d);
	}
}

/* ------------------------------------------------------------------ */
/* JUnit                                                               */

static double xpath_number(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr obj;
	double v;

	assert_non_null(ctx);
	obj = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	assert_non_null(obj);
	v = xmlXPathCastToNumber(obj);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	return v;
}

static void expect_count(xmlDocPtr doc, const char *expr, size_t n)
{
	double v = xpath_number(doc, expr);

	if (v != (double)n)
		fail_msg("%s is %g, expected %zu", expr, v, n);
}

/* Parses the report, validates it against the XSD and returns it. */
static xmlDocPtr junit_doc(const char *s)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(JUNIT_XSD);
	xmlSchemaPtr schema;
	xmlSchemaValidCtxtPtr vc;
	xmlDocPtr doc;

	assert_non_null(pc);
	schema = xmlSchemaParse(pc);
	assert_non_null(schema);
	doc = xmlReadMemory(s, (int)strlen(s), "junit.xml", NULL,
		XML_PARSE_NONET);
	assert_non_null(doc);
	vc = xmlSchemaNewValidCtxt(schema);
	assert_non_null(vc);
	assert_int_equal(xmlSchemaValidateDoc(vc, doc), 0);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	return doc;
}

static void junit_counts(const sov_result *r)
{
	char *s = render(r, SOV_FORMAT_JUNIT);
	xmlDocPtr doc = junit_doc(s);
	size_t skipped = kept(r, SOV_WAIVED) + kept(r, SOV_EXCEPTED);

	expect_count(doc, "count(//testsuite)", 1);
	expect_count(doc, "count(//testcase)", sov_result_count(r));
	expect_count(doc, "number(/testsuites/@tests)", sov_result_count(r));
	expect_count(doc, "number(//testsuite/@tests)", sov_result_count(r));
	expect_count(doc, "count(//failure)", kept(r, SOV_VIOLATION));
	expect_count(doc, "number(/testsuites/@failures)",
		kept(r, SOV_VIOLATION));
	expect_count(doc, "count(//error)", kept(r, SOV_INDETERMINATE));
	expect_count(doc, "number(/testsuites/@errors)",
		kept(r, SOV_INDETERMINATE));
	expect_count(doc, "count(//skipped)", skipped);
	expect_count(doc, "number(/testsuites/@skipped)", skipped);
	xmlFreeDoc(doc);
	sov_buffer_free(r, s);
}

static void junit_validates_and_counts(void **state)
{
	(void)state;
	junit_counts(replica.r);
	junit_counts(indeterminate.r);
	junit_counts(routing.r);
	junit_counts(waivers.r);
	junit_counts(compliant.r);
}

static void junit_names_cases_by_rule_and_subject(void **state)
{
	char *s = render(replica.r, SOV_FORMAT_JUNIT);
	xmlDocPtr doc = junit_doc(s);

	(void)state;
	expect_count(doc, "count(//testcase[@classname='eu-gdpr-transfers."
		"gdpr-44-replica' and @name='br-customer-db/personal']"
		"/failure[@type='error'])", 1);
	expect_count(doc, "count(//testcase[@classname='eu-gdpr-transfers."
		"gdpr-48-control' and @name='eu-reporting/personal']"
		"/skipped[starts-with(@message, 'excepted: ')])", 1);
	expect_count(doc, "count(//testsuite[@name='eu-gdpr-transfers']"
		"/properties/property[@name='as-of' and "
		"@value='" AS_OF "'])", 1);
	xmlFreeDoc(doc);
	sov_buffer_free(replica.r, s);

	s = render(indeterminate.r, SOV_FORMAT_JUNIT);
	doc = junit_doc(s);
	expect_count(doc, "count(//error[contains(@message, "
		"'It cannot be decided')])", 1);
	xmlFreeDoc(doc);
	sov_buffer_free(indeterminate.r, s);
}

/* A file name that is not UTF-8, or holds a control character, still
 * gives well-formed XML: such bytes become U+FFFD. */
static void junit_replaces_what_xml_cannot_hold(void **state)
{
	static const char xml[] =
		"<deployment " DEPLOY_NS " id=\"b\">"
		"<data-class id=\"personal\"/>"
		"<component id=\"c\" kind=\"db\" provider=\"azure\" "
		"region=\"eastus\"><stores data=\"personal\"/>"
		"</component></deployment>";
	sov_check_options o = SOV_CHECK_OPTIONS_INIT;
	sov_deployment *d = NULL;
	sov_result *r = NULL;
	xmlDocPtr doc;
	char *s;

	(void)state;
	o.as_of = AS_OF;
	assert_int_equal(sov_deployment_load_memory(&d, cat,
		"d\x01\xff\xed\xa0\x80\xc3\xa9.xml", xml, strlen(xml),
		NULL, NULL), SOV_OK);
	assert_int_equal(sov_evaluate(&r, (const sov_policy *const *)
		&waiver_policy, 1, d, &o, NULL), SOV_OK);
	s = render(r, SOV_FORMAT_JUNIT);
	has(s, "file=\"d\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		"\xef\xbf\xbd\xef\xbf\xbd\xc3\xa9.xml\"");
	doc = junit_doc(s);
	xmlFreeDoc(doc);
	sov_buffer_free(r, s);
	sov_result_free(r);
	sov_deployment_free(d);
}

/* ------------------------------------------------------------------ */
/* Markdown                                                            */

static void markdown_for_a_pull_request(void **state)
{
	char *s = render(replica.r, SOV_FORMAT_MARKDOWN);

	(void)state;
	has(s, "## \xe2\x9d\x8c `retail-brazil` is non-compliant\n");
	has(s, "| verdict | count |\n| --- | ---: |\n| violation | 2 |\n");
	has(s, "| not-applicable | 0 |\n");
	assert_int_equal(occurrences(s, "\n#### Violation ["), 2);
	has(s, "#### Violation [error] `gdpr-44-replica`: Replicas");
	has(s, "- **Law:** [Regulation (EU) 2016/679 (GDPR), Art. 44, "
		"Art. 45(1)");
	has(s, "](https://eur-lex.europa.eu/eli/reg/2016/679/oj)\n");
	has(s, "- **Fix:** Keep every copy");
	has(s, "### Waived and excepted (1)\n\n- `gdpr-48-control` on "
		"`eu-reporting` / `personal`: excepted, Transfer safeguards");
	assert_null(strstr(s, "**Change:**"));
	sov_buffer_free(replica.r, s);

	s = render(routing.r, SOV_FORMAT_MARKDOWN);
	has(s, "- **Change:** ");
	has(s, "- **Or route through:** `azure:");
	sov_buffer_free(routing.r, s);

	s = render(compliant.r, SOV_FORMAT_MARKDOWN);
	has(s, "## \xe2\x9c\x85 `");
	has(s, "No rule is violated and no fact is missing.");
	sov_buffer_free(compliant.r, s);

	s = render(indeterminate.r, SOV_FORMAT_MARKDOWN);
	has(s, "## \xe2\x9a\xa0\xef\xb8\x8f `");
	has(s, "### Indeterminate (1)\n\n#### Indeterminate [error] ");
	sov_buffer_free(indeterminate.r, s);
}

/* ------------------------------------------------------------------ */
/* NDJSON                                                              */

/* Line `i` (0-based) of s, without its newline, into out. */
static void line_of(const char *s, size_t i, char *out, size_t size)
{
	const char *end;

	while (i-- > 0) {
		s = strchr(s, '\n');
		assert_non_null(s);
		s++;
	}
	end = strchr(s, '\n');
	assert_non_null(end);
	assert_true((size_t)(end - s) < size);
	memcpy(out, s, (size_t)(end - s));
	out[end - s] = '\0';
}

/* Every line is the JSON report's finding with the deployment and the
 * date in front. */
static void ndjson_lines(const sov_result *r, const char *prefix)
{
	char *s = render(r, SOV_FORMAT_NDJSON);
	char *json = render(r, SOV_FORMAT_JSON);
	static char want[16384], got[16384];
	size_t i, n = sov_result_count(r), len;

	assert_int_equal(occurrences(s, "\n"), n);
	for (i = 0; i < n; i++) {
		line_of(json, i + 1, want, sizeof(want));
		len = strlen(want);
		if (want[len - 1] == ',')
			want[len - 1] = '\0';
		else if (strcmp(want + len - 2, "]}") == 0)
			want[len - 2] = '\0';
		line_of(s, i, got, sizeof(got));
		assert_int_equal(strncmp(got, prefix, strlen(prefix)), 0);
		assert_string_equal(got + strlen(prefix), want + 1);
	}
	sov_buffer_free(r, json);
	sov_buffer_free(r, s);
}

static void ndjson_one_line_per_finding(void **state)
{
	(void)state;
	ndjson_lines(replica.r, "{\"deployment\":\"retail-brazil\","
		"\"as_of\":\"" AS_OF "\",");
	ndjson_lines(routing.r, "{\"deployment\":\"insurance-assistant\","
		"\"as_of\":\"" AS_OF "\",");
	ndjson_lines(waivers.r, "{\"deployment\":\"waived\","
		"\"as_of\":\"" AS_OF "\",");
	ndjson_lines(indeterminate.r, "{\"deployment\":"
		"\"webshop-eu-incomplete\",\"as_of\":\"" AS_OF "\",");
}

/* ------------------------------------------------------------------ */
/* DOT                                                                 */

static void dot_clusters_by_country(void **state)
{
	char *s = render(replica.r, SOV_FORMAT_DOT);

	(void)state;
	has(s, "digraph \"retail-brazil\" {\n");
	/* Brazil and Germany hold components; the United States only the
	 * replica the geo pair keeps in Texas. */
	assert_int_equal(occurrences(s, "subgraph "), 3);
	has(s, "  subgraph \"cluster_BR\" {\n    label=\"Brazil (BR)\";\n");
	has(s, "  subgraph \"cluster_DE\" {\n    label=\"Germany (DE)\";\n");
	has(s, "  subgraph \"cluster_US\" {\n    label=\"United States "
		"(US)\";\n");
	has(s, "    \"br-customer-db replica US-TX azure:southcentralus\" "
		"[label=\"replica of br-customer-db\\nazure:southcentralus "
		"(Texas)\", shape=\"cylinder\", color=\"red\"");
	has(s, "  \"br-customer-db\" -> \"br-customer-db replica US-TX "
		"azure:southcentralus\" [label=\"replica\", style=\"dashed\", "
		"color=\"red\"");
	has(s, "  \"br-customer-db access DE\" -> \"br-customer-db\" "
		"[label=\"access\", style=\"dashed\"];\n");
	/* Access from Brazil to the Brazilian database is no journey. */
	assert_null(strstr(s, "\"br-customer-db access BR\""));
	has(s, "    \"br-customer-db\" [label=\"br-customer-db\\ndatabase\\n"
		"azure:brazilsouth");
	has(s, "geo pair southcentralus (US-TX)\", color=\"red\"");
	/* The flow goes into a component without a violation. */
	has(s, "  \"br-customer-db\" -> \"eu-reporting\" [label=\"personal\", "
		"tooltip=\"nightly-export\"];\n");
	assert_string_equal(s + strlen(s) - 2, "}\n");
	sov_buffer_free(replica.r, s);

	/* A flow into a violating component is red too. */
	s = render(indeterminate.r, SOV_FORMAT_DOT);
	has(s, "-> \"invoice-archive\" [label=\"personal, payment\", "
		"tooltip=\"invoicing\", color=\"red\", fontcolor=\"red\"];");
	sov_buffer_free(indeterminate.r, s);
}

/* ------------------------------------------------------------------ */
/* Text from documents cannot break any format                         */

static const char tricky_policy[] =
	"<policy-set " POLICY_NS " id=\"p\" title=\"P &lt;1&gt;\">"
	"<rule id=\"r\" severity=\"error\">"
	"<title>Say \"hi\" &amp; *stars* | pipe &lt;b&gt; `tick` \\ end"
	"</title>"
	"<citation instrument=\"Act [1]\" article=\"Art. 1\" "
	"url=\"https://example.org/a (b)\"/>"
	"<scope data=\"personal\"/>"
	"<require><within facet=\"stored\" set=\"EEA\"/></require>"
	"<remediation>Line one.\nLine two.</remediation>"
	"</rule></policy-set>";

static const char tricky_deployment[] =
	"<deployment " DEPLOY_NS " id=\"t\" "
	"title=\"A &quot;q&quot; \\ title\"><data-class id=\"personal\"/>"
	"<component id=\"db\" kind=\"db\" provider=\"azure\" "
	"region=\"eastus\"><stores data=\"personal\"/></component>"
	"</deployment>";

static void text_is_escaped(void **state)
{
	sov_policy *p = test_policy(cat, tricky_policy);
	sov_deployment *d = test_deployment(cat, tricky_deployment);
	sov_result *r = test_evaluate(p, d, AS_OF);
	xmlDocPtr doc;
	char *s;

	(void)state;
	s = render(r, SOV_FORMAT_MARKDOWN);
	has(s, "`r`: Say \"hi\" &amp; \\*stars\\* \\| pipe \\<b\\> \\`tick\\`"
		" \\\\ end\n");
	has(s, "- **Law:** [Act \\[1\\], Art. 1]"
		"(https://example.org/a%20%28b%29)\n");
	has(s, "- **Fix:** Line one. Line two.\n");
	sov_buffer_free(r, s);

	s = render(r, SOV_FORMAT_JUNIT);
	doc = junit_doc(s);
	expect_count(doc, "count(//failure[contains(., 'Say \"hi\" & "
		"*stars* | pipe <b>')])", 1);
	xmlFreeDoc(doc);
	sov_buffer_free(r, s);

	s = render(r, SOV_FORMAT_DOT);
	has(s, "graph [label=\"t (A \\\"q\\\" \\\\ title)\\n");
	sov_buffer_free(r, s);

	s = render(r, SOV_FORMAT_SARIF);
	has(s, "\"text\": \"Say \\\"hi\\\" & *stars* | pipe <b> `tick` "
		"\\\\ end\"");
	sov_buffer_free(r, s);

	sov_result_free(r);
	sov_deployment_free(d);
	sov_policy_free(p);
}

/* A deployment with no finding still gives a well-formed report. */
static void nothing_in_scope(void **state)
{
	sov_policy *p = test_policy(cat, tricky_policy);
	sov_deployment *d = test_deployment(cat,
		"<deployment " DEPLOY_NS " id=\"e\"><data-class id=\"x\"/>"
		"<component id=\"db\" kind=\"db\" provider=\"azure\" "
		"region=\"eastus\"><stores data=\"x\"/></component>"
		"</deployment>");
	sov_result *r = test_evaluate(p, d, AS_OF);
	xmlDocPtr doc;
	char *s = NULL;
	size_t len = 1;

	(void)state;
	assert_int_equal(sov_result_count(r), 0);
	assert_int_equal(sov_report_render(&s, &len, r, SOV_FORMAT_NDJSON,
		NULL), SOV_OK);
	assert_int_equal(len, 0);
	assert_string_equal(s, "");
	sov_buffer_free(r, s);

	s = render(r, SOV_FORMAT_SARIF);
	has(s, "\"rules\": []");
	has(s, "\"results\": []");
	sov_buffer_free(r, s);

	s = render(r, SOV_FORMAT_JUNIT);
	doc = junit_doc(s);
	expect_count(doc, "number(//testsuite/@tests)", 0);
	xmlFreeDoc(doc);
	sov_buffer_free(r, s);

	s = render(r, SOV_FORMAT_MARKDOWN);
	has(s, "No rule is violated and no fact is missing.");
	sov_buffer_free(r, s);

	s = render(r, SOV_FORMAT_DOT);
	has(s, "\"db\" [label=");
	sov_buffer_free(r, s);

	sov_result_free(r);
	sov_deployment_free(d);
	sov_policy_free(p);
}

/* ------------------------------------------------------------------ */
/* Out of memory                                                       */

/* Every allocation of every new format fails once, cleanly. */
static void out_of_memory_in_every_format(void **state)
{
	static const sov_format formats[] = {
		SOV_FORMAT_SARIF, SOV_FORMAT_JUNIT, SOV_FORMAT_MARKDOWN,
		SOV_FORMAT_NDJSON, SOV_FORMAT_DOT,
	};
	failing f;
	sov_allocator al = { f_malloc, f_realloc, f_free, NULL };
	sov_check_options o = SOV_CHECK_OPTIONS_INIT;
	const sov_policy *pols[1];
	sov_result *r = NULL;
	size_t k;

	(void)state;
	memset(&f, 0, sizeof(f));
	al.ud = &f;
	o.allocator = &al;
	o.as_of = AS_OF;
	o.suggest = 1;
	pols[0] = gdpr;
	assert_int_equal(sov_evaluate(&r, pols, 1, routing.d, &o, NULL),
		SOV_OK);
	for (k = 0; k < sizeof(formats) / sizeof(formats[0]); k++) {
		long base = f.live, total, n;
		char *out = NULL;

		f.calls = 0;
		f.fail_at = 0;
		assert_int_equal(sov_report_render(&out, NULL, r, formats[k],
			NULL), SOV_OK);
		sov_buffer_free(r, out);
		total = f.calls;
		assert_int_equal(f.live, base);
		for (n = 1; n <= total; n++) {
			int rc;

			f.calls = 0;
			f.fail_at = n;
			out = NULL;
			rc = sov_report_render(&out, NULL, r, formats[k],
				NULL);
			if (rc != SOV_ENOMEM)
				fail_msg("format %d, allocation %ld of %ld: "
					"%s", (int)formats[k], n, total,
					sov_status_str(rc));
			assert_null(out);
			if (f.live != base)
				fail_msg("format %d, allocation %ld: %ld "
					"blocks leaked", (int)formats[k], n,
					f.live - base);
		}
		f.fail_at = 0;
	}
	sov_result_free(r);
	assert_int_equal(f.live, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sarif_maps_verdicts),
		cmocka_unit_test(sarif_suppresses_waivers_externally),
		cmocka_unit_test(sarif_names_the_missing_fact),
		cmocka_unit_test(sarif_uris_are_encoded),
		cmocka_unit_test(junit_validates_and_counts),
		cmocka_unit_test(junit_names_cases_by_rule_and_subject),
		cmocka_unit_test(junit_replaces_what_xml_cannot_hold),
		cmocka_unit_test(markdown_for_a_pull_request),
		cmocka_unit_test(ndjson_one_line_per_finding),
		cmocka_unit_test(dot_clusters_by_country),
		cmocka_unit_test(text_is_escaped),
		cmocka_unit_test(nothing_in_scope),
		cmocka_unit_test(out_of_memory_in_every_format),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
