/* Unit tests for waivers.c and the waiver, fail-on, baseline and report
 * options of evaluation: waiver files apart from the deployment, expiry
 * at the end of the day, unused and expired waivers, --no-waivers,
 * --fail-on, a baseline read back from the JSON report. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policy/waivers.h"

#define WAIVERS_NS "xmlns=\"urn:sovereign:waivers:1\""
#define CITE "<citation instrument=\"I\" article=\"A\"/>"

static const char policy_xml[] =
	"<policy-set " POLICY_NS " id=\"p\" title=\"P\">\n"
	"<rule id=\"eea\" severity=\"error\"><title>t</title>" CITE
	"<scope data=\"personal\"/><require><within facet=\"stored\" "
	"set=\"EEA\"/></require></rule>\n"
	"<rule id=\"soft\" severity=\"warning\"><title>t</title>" CITE
	"<require><within facet=\"processed\" set=\"EEA\"/></require>"
	"</rule>\n"
	"</policy-set>\n";

/* br-db breaks both rules; eu-db breaks none. */
static const char deployment_xml[] =
	"<deployment " DEPLOY_NS " id=\"shop-br\">"
	"<data-class id=\"personal\"/>\n"
	"<component id=\"br-db\" kind=\"db\" provider=\"azure\" "
	"region=\"brazilsouth\"><stores data=\"personal\"/></component>\n"
	"<component id=\"eu-db\" kind=\"db\" provider=\"azure\" "
	"region=\"westeurope\"><stores data=\"personal\"/></component>\n"
	"</deployment>\n";

static sov_catalog *cat;
static sov_policy *pol;
static sov_deployment *dep;

static int setup(void **state)
{
	(void)state;
	cat = test_catalog();
	pol = test_policy(cat, policy_xml);
	dep = test_deployment(cat, deployment_xml);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sov_deployment_free(dep);
	sov_policy_free(pol);
	sov_catalog_free(cat);
	return 0;
}

static sov_waivers *load_waivers(const char *body)
{
	char xml[4096];
	sov_waivers *w = NULL;
	sov_diags *d = NULL;

	snprintf(xml, sizeof(xml), "<waivers " WAIVERS_NS ">\n%s</waivers>\n",
		body);
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	assert_int_equal(sov_waivers_load_memory(&w, cat, "w.xml", xml,
		strlen(xml), NULL, d), SOV_OK);
	sov_diags_free(d);
	return w;
}

static sov_result *evaluate_with(const sov_waivers *w, int ignore,
	sov_fail_on fail_on, const sov_baseline *b)
{
	sov_check_options o = SOV_CHECK_OPTIONS_INIT;
	const sov_policy *pols[1];
	sov_result *r = NULL;

	pols[0] = pol;
	o.as_of = "2026-11-28";
	o.waivers = w;
	o.ignore_waivers = ignore;
	o.fail_on = fail_on;
	o.baseline = b;
	assert_int_equal(sov_evaluate(&r, pols, 1, dep, &o, NULL), SOV_OK);
	return r;
}

static sov_result *evaluate(const sov_waivers *w, int ignore,
	sov_fail_on fail_on)
{
	return evaluate_with(w, ignore, fail_on, NULL);
}

static void glob_matches_ids_and_patterns(void **state)
{
	(void)state;
	assert_true(waiver_glob("br-db", "br-db"));
	assert_false(waiver_glob("br-db", "br-db2"));
	assert_true(waiver_glob("br-*", "br-db"));
	assert_true(waiver_glob("*", ""));
	assert_true(waiver_glob("*-db", "br-db"));
	assert_false(waiver_glob("*-db", "br-dbx"));
	assert_true(waiver_glob("b?-d*", "br-db"));
	assert_false(waiver_glob("b?-d*", "b-db"));
	assert_true(waiver_glob("a*b*c", "aXbYbZc"));
	assert_false(waiver_glob("a*b*c", "aXbYbZ"));
	/* Many stars against a long near-miss: backtracking stays linear
	 * per star, so this returns at once. */
	assert_false(waiver_glob("*a*a*a*a*a*a*a*a*a*b",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

static void expiring_yesterday_has_no_effect(void **state)
{
	sov_waivers *w = load_waivers("<waiver rule=\"eea\" "
		"component=\"br-db\" expires=\"2026-11-27\" "
		"reference=\"RISK-1\" approver=\"DPO\">"
		"Migration planned.</waiver>\n");
	sov_result *r = evaluate(w, 0, SOV_FAIL_ON_ERROR);

	(void)state;
	assert_string_equal(test_verdict(r, "eea", "br-db", "personal"),
		"violation");
	assert_int_equal(sov_result_decision(r), SOV_DECISION_NON_COMPLIANT);
	assert_int_equal(sov_result_waiver_count(r), 1);
	assert_string_equal(sov_result_waiver_str(r, 0, SOV_W_STATUS),
		"expired");
	assert_string_equal(sov_result_waiver_str(r, 0, SOV_W_EXPIRES),
		"2026-11-27");
	assert_string_equal(sov_result_waiver_str(r, 0, SOV_W_FILE), "w.xml");
	assert_int_equal(sov_result_waiver_int(r, 0, SOV_W_FILE), 2);
	assert_int_equal(sov_result_waiver_int(r, 0, SOV_W_USES), 0);
	assert_non_null(strstr(sov_finding_str(r, (size_t)test_find(r, "eea",
		"br-db", "personal"), SOV_F_WAIVER), "expired on 2026-11-27"));
	sov_result_free(r);
	sov_waivers_free(w);
}

static void expiring_today_or_tomorrow_waives(void **state)
{
	static const char *const days[] = { "2026-11-28", "2026-11-29" };
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		char body[512];
		sov_waivers *w;
		sov_result *r;

		snprintf(body, sizeof(body), "<waiver rule=\"eea\" "
			"component=\"br-*\" expires=\"%s\">Accepted."
			"</waiver>\n",
			days[i]);
		w = load_waivers(body);
		r = evaluate(w, 0, SOV_FAIL_ON_ERROR);
		assert_string_equal(test_verdict(r, "eea", "br-db",
			"personal"), "waived");
		assert_int_equal(sov_result_decision(r),
			SOV_DECISION_COMPLIANT);
		assert_string_equal(sov_result_waiver_str(r, 0, SOV_W_STATUS),
			"applied");
		assert_int_equal(sov_result_waiver_int(r, 0, SOV_W_USES), 1);
		assert_int_equal(sov_result_verdict_count(r, SOV_WAIVED), 1);
		sov_result_free(r);
		sov_waivers_free(w);
	}
}

static void no_waivers_shows_the_violation_again(void **state)
{
	sov_waivers *w = load_waivers("<waiver rule=\"eea\" expires="
		"\"2026-11-29\">Accepted.</waiver>\n");
	sov_result *r = evaluate(w, 1, SOV_FAIL_ON_ERROR);

	(void)state;
	assert_string_equal(test_verdict(r, "eea", "br-db", "personal"),
		"violation");
	assert_int_equal(sov_result_waiver_count(r), 0);
	assert_null(sov_finding_str(r, (size_t)test_find(r, "eea", "br-db",
		"personal"), SOV_F_WAIVER));
	sov_result_free(r);
	sov_waivers_free(w);
}

static void unused_and_unselected_waivers(void **state)
{
	sov_waivers *w = load_waivers(
		"<waiver rule=\"eea\" component=\"eu-db\" "
		"expires=\"2027-01-01\">"
		"Nothing to waive.</waiver>\n"
		"<waiver rule=\"eea\" policy=\"other\" expires=\"2027-01-01\">"
		"Another policy's rule.</waiver>\n"
		"<waiver rule=\"eea\" deployment=\"shop-us*\" "
		"expires=\"2027-01-01\">Another deployment.</waiver>\n"
		"<waiver rule=\"eea\" deployment=\"shop-*\" data=\"personal\" "
		"expires=\"2027-01-01\">This one.</waiver>\n");
	sov_result *r = evaluate(w, 0, SOV_FAIL_ON_ERROR);

	(void)state;
	assert_int_equal(sov_waivers_count(w), 4);
	/* The shop-us* waiver does not select this deployment at all. */
	assert_int_equal(sov_result_waiver_count(r), 3);
	assert_string_equal(sov_result_waiver_str(r, 0, SOV_W_STATUS),
		"unused");
	assert_string_equal(sov_result_waiver_str(r, 1, SOV_W_STATUS),
		"unused");
	assert_string_equal(sov_result_waiver_str(r, 1, SOV_W_POLICY),
		"other");
	assert_string_equal(sov_result_waiver_str(r, 2, SOV_W_STATUS),
		"applied");
	assert_string_equal(sov_result_waiver_str(r, 2, SOV_W_DEPLOYMENT),
		"shop-*");
	assert_int_equal(sov_result_waiver_int(r, 2, SOV_W_FILE), 5);
	assert_null(sov_result_waiver_str(r, 3, SOV_W_STATUS));
	/* Indices into the file: the shop-us* waiver (2) was not selected. */
	assert_int_equal(sov_result_waiver_int(r, 0, SOV_W_INDEX), 0);
	assert_int_equal(sov_result_waiver_int(r, 2, SOV_W_INDEX), 3);
	assert_string_equal(sov_waivers_str(w, 2, SOV_W_DEPLOYMENT),
		"shop-us*");
	assert_string_equal(sov_waivers_str(w, 2, SOV_W_EXPIRES),
		"2027-01-01");
	assert_int_equal(sov_waivers_int(w, 2, SOV_W_FILE), 4);
	assert_null(sov_waivers_str(w, 2, SOV_W_STATUS));
	assert_null(sov_waivers_str(w, 4, SOV_W_RULE));
	assert_int_equal(sov_waivers_int(w, 0, SOV_W_USES), -1);
	assert_string_equal(test_verdict(r, "eea", "br-db", "personal"),
		"waived");
	sov_result_free(r);
	sov_waivers_free(w);
}

static void bad_waiver_files_say_where(void **state)
{
	static const struct {
		const char *body, *text;
		unsigned line;
	} cases[] = {
		{ "<waiver rule=\"eea\">No expiry.</waiver>\n", "expires", 2 },
		{ "<waiver rule=\"eea\" expires=\"2026-11-28Z\">x</waiver>\n",
		  "2026-11-28Z", 2 },
		{ "\n<waiver rule=\"eea\" expires=\"2026-02-30\">x</waiver>\n",
		  "2026-02-30", 3 },
		{ "<waiver rule=\"eea\" expires=\"2027-01-01\"></waiver>\n",
		  "", 2 },
		{ "<waiver rule=\"a b\" expires=\"2027-01-01\">x</waiver>\n",
		  "rule", 2 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char xml[1024];
		sov_waivers *w = (sov_waivers *)1;
		sov_diags *d = NULL;

		snprintf(xml, sizeof(xml), "<waivers " WAIVERS_NS ">\n%s"
			"</waivers>\n", cases[i].body);
		assert_int_equal(sov_diags_new(&d), SOV_OK);
		assert_int_equal(sov_waivers_load_memory(&w, cat, "w.xml", xml,
			strlen(xml), NULL, d), SOV_EINPUT);
		assert_null(w);
		test_diag_has(d, cases[i].text, cases[i].line);
		sov_diags_free(d);
	}
}

static void a_deployment_is_not_a_waiver_file(void **state)
{
	sov_waivers *w = NULL;
	sov_diags *d = NULL;

	(void)state;
	assert_int_equal(sov_waivers_load_memory(NULL, cat, "w", "x", 1, NULL,
		NULL), SOV_EUSAGE);
	assert_int_equal(sov_waivers_load_memory(&w, NULL, "w", "x", 1, NULL,
		NULL), SOV_EUSAGE);
	assert_int_equal(sov_waivers_load_file(&w, cat, NULL, NULL, NULL),
		SOV_EUSAGE);
	assert_null(w);
	assert_int_equal(sov_waivers_load_file(&w, cat, "/nonexistent.xml",
		NULL, NULL), SOV_EIO);
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	assert_int_equal(sov_waivers_load_memory(&w, cat, "d.xml",
		deployment_xml, strlen(deployment_xml), NULL, d), SOV_EINPUT);
	test_diag_has(d, "unexpected root element <deployment>", 1);
	sov_diags_free(d);
}

static void fail_on_decides_which_severities_count(void **state)
{
	sov_result *r = evaluate(NULL, 0, SOV_FAIL_ON_ERROR);
	sov_check_options o = SOV_CHECK_OPTIONS_INIT;
	const sov_policy *pols[1];
	sov_result *bad = NULL;

	(void)state;
	pols[0] = pol;
	assert_string_equal(test_verdict(r, "soft", "br-db", "personal"),
		"violation");
	assert_int_equal(sov_result_decision(r), SOV_DECISION_NON_COMPLIANT);
	sov_result_free(r);

	/* With the error rule waived, only the warning rule breaks. */
	{
		sov_waivers *w = load_waivers("<waiver rule=\"eea\" "
			"expires=\"2027-01-01\">Accepted.</waiver>\n");

		r = evaluate(w, 0, SOV_FAIL_ON_ERROR);
		assert_int_equal(sov_result_decision(r),
			SOV_DECISION_COMPLIANT);
		sov_result_free(r);
		r = evaluate(w, 0, SOV_FAIL_ON_WARNING);
		assert_int_equal(sov_result_decision(r),
			SOV_DECISION_NON_COMPLIANT);
		assert_int_equal(sov_result_policy_decision(r, 0),
			SOV_DECISION_NON_COMPLIANT);
		sov_result_free(r);
		r = evaluate(w, 0, SOV_FAIL_ON_INFO);
		assert_int_equal(sov_result_decision(r),
			SOV_DECISION_NON_COMPLIANT);
		sov_result_free(r);
		sov_waivers_free(w);
	}
	o.as_of = "2026-11-28";
	o.fail_on = (sov_fail_on)7;
	assert_int_equal(sov_evaluate(&bad, pols, 1, dep, &o, NULL),
		SOV_EUSAGE);
	assert_null(bad);
}

/* Callers built against version 1 pass a shorter struct: the library
 * must not read the fields added after it. */
static void version_one_options_are_still_accepted(void **state)
{
	typedef struct {
		unsigned version;
		const char *as_of;
		int ignore_waivers;
		const sov_allocator *allocator;
		int suggest, verdicts_only;
	} check_options_v1;
	typedef struct {
		unsigned version;
		int color, verbose;
	} report_options_v1;
	check_options_v1 o1 = { 1, "2026-11-28", 0, NULL, 0, 0 };
	report_options_v1 r1 = { 1, 0, 0 };
	const sov_policy *pols[1];
	sov_result *r = NULL;
	char *text = NULL;

	(void)state;
	pols[0] = pol;
	assert_int_equal(sov_evaluate(&r, pols, 1, dep,
		(const sov_check_options *)(const void *)&o1, NULL), SOV_OK);
	assert_int_equal(sov_result_decision(r), SOV_DECISION_NON_COMPLIANT);
	assert_int_equal(sov_report_render(&text, NULL, r, SOV_FORMAT_TEXT,
		(const sov_report_options *)(const void *)&r1), SOV_OK);
	assert_non_null(strstr(text, "Decision: non-compliant"));
	sov_buffer_free(r, text);
	sov_result_free(r);
}

static char *render(const sov_result *r, sov_format f, int quiet,
	int verbose)
{
	sov_report_options ro = SOV_REPORT_OPTIONS_INIT;
	char *text = NULL;

	ro.quiet = quiet;
	ro.verbose = verbose;
	assert_int_equal(sov_report_render(&text, NULL, r, f, &ro), SOV_OK);
	return text;
}

static void reports_list_expired_and_unused_waivers(void **state)
{
	sov_waivers *w = load_waivers(
		"<waiver rule=\"eea\" component=\"br-db\" "
		"expires=\"2026-11-01\">"
		"Old.</waiver>\n"
		"<waiver rule=\"eea\" component=\"eu-*\" "
		"expires=\"2027-01-01\">"
		"Unneeded.</waiver>\n");
	sov_result *r = evaluate(w, 0, SOV_FAIL_ON_ERROR);
	char *text = render(r, SOV_FORMAT_TEXT, 0, 0);
	char *json = render(r, SOV_FORMAT_JSON, 0, 0);
	char *md = render(r, SOV_FORMAT_MARKDOWN, 0, 0);
	char *sarif = render(r, SOV_FORMAT_SARIF, 0, 0);

	(void)state;
	assert_non_null(strstr(text, "Waivers:\n  expired  w.xml:2  rule eea, "
		"component br-db: expired on 2026-11-01\n"));
	assert_non_null(strstr(text, "  unused   w.xml:3  rule eea, component "
		"eu-*: until 2027-01-01, matches no failing finding\n"));
	assert_non_null(strstr(json, "{\"status\":\"expired\",\"uses\":0,"
		"\"rule\":\"eea\""));
	assert_non_null(strstr(json, "{\"status\":\"unused\""));
	assert_non_null(strstr(md, "### Waivers to review (2)"));
	assert_non_null(strstr(sarif, "\"id\": \"waiver-expired\""));
	assert_non_null(strstr(sarif, "\"id\": \"waiver-unused\""));
	sov_buffer_free(r, text);
	sov_buffer_free(r, json);
	sov_buffer_free(r, md);
	sov_buffer_free(r, sarif);
	sov_result_free(r);
	sov_waivers_free(w);
}

static void quiet_reports_only_what_fails(void **state)
{
	sov_waivers *w = load_waivers("<waiver rule=\"eea\" "
		"expires=\"2027-01-01\">Accepted.</waiver>\n");
	sov_result *r = evaluate(w, 0, SOV_FAIL_ON_ERROR);
	char *text = render(r, SOV_FORMAT_TEXT, 1, 0);
	char *md = render(r, SOV_FORMAT_MARKDOWN, 1, 0);
	char *loud;

	(void)state;
	/* Compliant (the warning does not decide): nothing at all. */
	assert_string_equal(text, "");
	assert_string_equal(md, "");
	sov_buffer_free(r, text);
	sov_buffer_free(r, md);
	sov_result_free(r);

	r = evaluate(w, 0, SOV_FAIL_ON_WARNING);
	text = render(r, SOV_FORMAT_TEXT, 1, 0);
	loud = render(r, SOV_FORMAT_TEXT, 0, 0);
	assert_non_null(strstr(text, "VIOLATION [warning] soft:"));
	assert_null(strstr(text, "WAIVED"));
	assert_non_null(strstr(loud, "WAIVED"));
	assert_non_null(strstr(text, "Decision: non-compliant"));
	sov_buffer_free(r, text);
	sov_buffer_free(r, loud);
	sov_result_free(r);
	sov_waivers_free(w);
}

static void envelopes_join_reports(void **state)
{
	(void)state;
	assert_string_equal(sov_report_envelope(SOV_FORMAT_JSON,
		SOV_ENVELOPE_OPEN), "[");
	assert_string_equal(sov_report_envelope(SOV_FORMAT_JSON,
		SOV_ENVELOPE_SEP), ",");
	assert_non_null(strstr(sov_report_envelope(SOV_FORMAT_SARIF,
		SOV_ENVELOPE_OPEN), "\"runs\": ["));
	assert_non_null(strstr(sov_report_envelope(SOV_FORMAT_JUNIT,
		SOV_ENVELOPE_CLOSE), "</testsuites>"));
	assert_string_equal(sov_report_envelope(SOV_FORMAT_DOT,
		SOV_ENVELOPE_SEP), "");
	assert_string_equal(sov_report_envelope(SOV_FORMAT_JSON,
		(sov_envelope_piece)9), "");
}

/* A whole SARIF report equals its envelope around its inner part. */
static void inner_part_plus_envelope_is_the_whole(void **state)
{
	static const sov_format formats[] = {
		SOV_FORMAT_SARIF, SOV_FORMAT_JUNIT
	};
	sov_result *r = evaluate(NULL, 0, SOV_FAIL_ON_ERROR);
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		sov_report_options ro = SOV_REPORT_OPTIONS_INIT;
		char *whole = NULL, *inner = NULL, joined[65536];

		assert_int_equal(sov_report_render(&whole, NULL, r,
			formats[i], &ro), SOV_OK);
		ro.inner = 1;
		assert_int_equal(sov_report_render(&inner, NULL, r,
			formats[i], &ro), SOV_OK);
		snprintf(joined, sizeof(joined), "%s%s%s",
			sov_report_envelope(formats[i], SOV_ENVELOPE_OPEN),
			inner, sov_report_envelope(formats[i],
				SOV_ENVELOPE_CLOSE));
		if (formats[i] == SOV_FORMAT_SARIF) {
			assert_string_equal(joined, whole);
		} else {
			/* Beside others, suites carry the deployment. */
			assert_non_null(strstr(whole,
				"<testsuite name=\"p\""));
			assert_non_null(strstr(inner,
				"<testsuite name=\"shop-br/p\""));
			assert_null(strstr(inner, "<testsuites"));
		}
		sov_buffer_free(r, whole);
		sov_buffer_free(r, inner);
	}
	sov_result_free(r);
}

/* Writes `text` to a new temporary file; returns its path (free it). */
static char *temp_file(const char *text)
{
	char *path = strdup("/tmp/sov-baseline-XXXXXX");
	int fd;
	FILE *fp;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* The JSON report of a run, read back as a baseline, hides every failing
 * finding of the same run: how a team adopts the checker. */
static void baseline_from_own_report_hides_known_findings(void **state)
{
	sov_result *r = evaluate(NULL, 0, SOV_FAIL_ON_WARNING);
	char *json = render(r, SOV_FORMAT_JSON, 0, 0);
	char *path = temp_file(json), *text;
	sov_baseline *b = NULL;
	sov_result *again;

	(void)state;
	assert_int_equal(sov_result_decision(r), SOV_DECISION_NON_COMPLIANT);
	assert_int_equal(sov_baseline_load_file(&b, path, NULL, NULL),
		SOV_OK);
	/* eea and soft on br-db: the two violations. */
	assert_int_equal(sov_baseline_count(b), 2);
	again = evaluate_with(NULL, 0, SOV_FAIL_ON_WARNING, b);
	assert_int_equal(sov_result_baselined(again), 2);
	assert_int_equal(sov_result_verdict_count(again, SOV_VIOLATION), 0);
	assert_int_equal(sov_result_decision(again), SOV_DECISION_COMPLIANT);
	assert_int_equal(sov_result_count(again), sov_result_count(r) - 2);
	text = render(again, SOV_FORMAT_TEXT, 0, 0);
	assert_non_null(strstr(text, "; 2 known from the baseline, not "
		"shown)"));
	sov_buffer_free(again, text);
	sov_result_free(again);
	/* A waived finding is no longer failing: nothing to drop. */
	{
		sov_waivers *w = load_waivers("<waiver rule=\"eea\" "
			"expires=\"2027-01-01\">Accepted.</waiver>\n");

		again = evaluate_with(w, 0, SOV_FAIL_ON_ERROR, b);
		assert_int_equal(sov_result_baselined(again), 1);
		assert_string_equal(test_verdict(again, "eea", "br-db",
			"personal"), "waived");
		sov_result_free(again);
		sov_waivers_free(w);
	}
	sov_baseline_free(b);
	unlink(path);
	free(path);
	sov_buffer_free(r, json);
	sov_result_free(r);
}

static void bad_baselines_are_refused(void **state)
{
	char *path = temp_file("{\"schema_version\":2,\"deployment\":"
		"{\"id\":\"x\"},\"findings\":[]}\n");
	sov_baseline *b = (sov_baseline *)1;
	sov_diags *d = NULL;

	(void)state;
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	assert_int_equal(sov_baseline_load_file(&b, path, NULL, d),
		SOV_EINPUT);
	assert_null(b);
	test_diag_has(d, "schema_version", 1);
	sov_diags_clear(d);
	assert_int_equal(sov_baseline_load_file(&b,
		"/nonexistent/report.json", NULL, d), SOV_EIO);
	assert_int_equal(sov_baseline_load_file(NULL, path, NULL, d),
		SOV_EUSAGE);
	sov_diags_free(d);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(glob_matches_ids_and_patterns),
		cmocka_unit_test(expiring_yesterday_has_no_effect),
		cmocka_unit_test(expiring_today_or_tomorrow_waives),
		cmocka_unit_test(no_waivers_shows_the_violation_again),
		cmocka_unit_test(unused_and_unselected_waivers),
		cmocka_unit_test(bad_waiver_files_say_where),
		cmocka_unit_test(a_deployment_is_not_a_waiver_file),
		cmocka_unit_test(fail_on_decides_which_severities_count),
		cmocka_unit_test(version_one_options_are_still_accepted),
		cmocka_unit_test(reports_list_expired_and_unused_waivers),
		cmocka_unit_test(quiet_reports_only_what_fails),
		cmocka_unit_test(envelopes_join_reports),
		cmocka_unit_test(inner_part_plus_envelope_is_the_whole),
		cmocka_unit_test(
			baseline_from_own_report_hides_known_findings),
		cmocka_unit_test(bad_baselines_are_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
