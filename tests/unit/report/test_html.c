/* Unit tests for the HTML report: where facets land and how they are
 * judged (landings.c), the page through the API, the diagram hook and
 * escaping (report_html.c). */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "eval/eval.h"
#include "report/landings.h"
#include "report/report.h"

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

/* The landing of component `comp`, facet f, in country `code`. */
static const landing *find(const landing *l, size_t n, const char *comp,
	int f, const char *code)
{
	int j = catalog_jurisdiction(dep->cat, code);
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(dep->components[l[i].comp].id, comp) == 0 &&
		    l[i].facet == f && l[i].country == j)
			return &l[i];
	return NULL;
}

static void landings_are_judged_by_place(void **state)
{
	arena *a = arena_new(NULL);
	landing *l;
	size_t n;
	const landing *x;

	(void)state;
	assert_int_equal(landings_of(a, res, &l, &n), SOV_OK);
	/* The geo pair copies the Brazilian database to Texas: the one
	 * place that breaks gdpr-44-replica. */
	x = find(l, n, "br-customer-db", F_REPLICA, "US");
	assert_non_null(x);
	assert_true(x->judged);
	assert_int_equal(x->worst, SOV_VIOLATION);
	assert_non_null(x->region);
	assert_string_equal(x->region->id, "southcentralus");
	/* Brazil has had an EU adequacy decision since 2026-01-26: the
	 * primary copy there is fine. */
	x = find(l, n, "br-customer-db", F_STORED, "BR");
	assert_non_null(x);
	assert_int_equal(x->worst, SOV_COMPLIANT);
	x = find(l, n, "eu-reporting", F_STORED, "DE");
	assert_non_null(x);
	assert_int_equal(x->worst, SOV_COMPLIANT);
	/* Nothing of the deployment lands in France. */
	assert_null(find(l, n, "eu-reporting", F_STORED, "FR"));
	/* The operator's parent answers to US law: a control landing
	 * through a law. */
	x = find(l, n, "eu-reporting", F_CONTROL, "US");
	assert_non_null(x);
	arena_free(a);
}

static void ranks_order_verdicts(void **state)
{
	(void)state;
	assert_true(landing_rank(SOV_VIOLATION) >
		    landing_rank(SOV_INDETERMINATE));
	assert_true(landing_rank(SOV_INDETERMINATE) >
		    landing_rank(SOV_WAIVED));
	assert_true(landing_rank(SOV_WAIVED) > landing_rank(SOV_COMPLIANT));
	assert_true(landing_rank(SOV_COMPLIANT) >
		    landing_rank(SOV_NOT_APPLICABLE));
	assert_int_equal(landing_rank((sov_verdict)99), 0);
}

typedef struct {
	char dot[65536];
	size_t len;
	int fail;
} fake_graphviz;

static int fake_draw(void *ctx, const char *dot, size_t len,
	sov_sink_fn put, void *sink)
{
	fake_graphviz *g = ctx;
	static const char svg[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n"
		"<svg id=\"drawn\"><g class=\"node\"></g></svg>\n";

	assert_true(len < sizeof(g->dot));
	memcpy(g->dot, dot, len);
	g->dot[len] = '\0';
	g->len = len;
	if (g->fail)
		return -1;
	put(sink, svg, sizeof(svg) - 1);
	return 0;
}

static char *render(const sov_report_options *o)
{
	char *out = NULL;
	size_t len = 0;

	assert_int_equal(sov_report_render(&out, &len, res, SOV_FORMAT_HTML,
		o), SOV_OK);
	assert_int_equal(strlen(out), len);
	return out;
}

static void the_diagram_is_the_dot_report_drawn(void **state)
{
	sov_report_options o = SOV_REPORT_OPTIONS_INIT;
	fake_graphviz g;
	char *page, *dot = NULL;
	size_t len = 0;

	(void)state;
	memset(&g, 0, sizeof(g));
	o.render_svg = fake_draw;
	o.render_ctx = &g;
	page = render(&o);
	assert_int_equal(sov_report_render(&dot, &len, res, SOV_FORMAT_DOT,
		NULL), SOV_OK);
	assert_int_equal(g.len, len);
	assert_string_equal(g.dot, dot);
	/* Inline, from its <svg element on. */
	assert_non_null(strstr(page, "<figure class=\"diagram\"><svg "
		"id=\"drawn\">"));
	assert_null(strstr(page, "<!DOCTYPE svg>"));
	assert_null(strstr(page, "<?xml"));
	sov_buffer_free(res, dot);
	sov_buffer_free(res, page);
}

static void without_a_drawing_the_flows_are_listed(void **state)
{
	sov_report_options o = SOV_REPORT_OPTIONS_INIT;
	fake_graphviz g;
	char *page;

	(void)state;
	memset(&g, 0, sizeof(g));
	g.fail = 1;
	o.render_svg = fake_draw;
	o.render_ctx = &g;
	page = render(&o);
	assert_null(strstr(page, "<figure class=\"diagram\">"));
	assert_non_null(strstr(page, "<tr><td>br-customer-db</td><td>"
		"eu-reporting</td><td>personal</td></tr>"));
	sov_buffer_free(res, page);
	page = render(NULL);
	assert_null(strstr(page, "<figure class=\"diagram\">"));
	assert_non_null(strstr(page, "<table class=\"flows\">"));
	sov_buffer_free(res, page);
}

static void a_page_stands_alone_a_section_does_not(void **state)
{
	sov_report_options o = SOV_REPORT_OPTIONS_INIT;
	const char *open = sov_report_envelope(SOV_FORMAT_HTML,
		SOV_ENVELOPE_OPEN);
	const char *close = sov_report_envelope(SOV_FORMAT_HTML,
		SOV_ENVELOPE_CLOSE);
	char *page, *part;

	(void)state;
	assert_int_equal(strncmp(open, "<!DOCTYPE html>", 15), 0);
	assert_non_null(strstr(open, "Content-Security-Policy"));
	assert_non_null(strstr(open, "default-src 'none'"));
	assert_non_null(strstr(open, "<path id=\"c-FR\" d=\"M"));
	assert_non_null(strstr(close, "</html>"));
	assert_string_equal(sov_report_envelope(SOV_FORMAT_HTML,
		SOV_ENVELOPE_SEP), "");
	page = render(NULL);
	assert_int_equal(strncmp(page, open, strlen(open)), 0);
	assert_string_equal(page + strlen(page) - strlen(close), close);
	o.inner = 1;
	part = render(&o);
	assert_int_equal(strncmp(part, "<section class=\"dep\" "
		"id=\"dep-retail-brazil\"", 41), 0);
	assert_null(strstr(part, "<!DOCTYPE"));
	assert_non_null(strstr(part, "<details class=\"dep-body\">"));
	assert_non_null(strstr(page, "<details class=\"dep-body\" open>"));
	sov_buffer_free(res, page);
	sov_buffer_free(res, part);
}

static void the_page_says_what_was_checked(void **state)
{
	char *page = render(NULL);

	(void)state;
	assert_non_null(strstr(page, "<dt>As of</dt><dd>2026-11-28</dd>"));
	assert_non_null(strstr(page, "<code>eu-gdpr-transfers</code> GDPR: "
		"transfers of personal data outside the EEA, version 1.0, "
		"law as of 2026-06-01"));
	assert_non_null(strstr(page, "<use href=\"#c-US\" class=\"land "
		"v-violation\" fill=\"#c62828\""));
	assert_non_null(strstr(page, "<a href=\"https://eur-lex.europa.eu/"
		"eli/reg/2016/679/oj\" rel=\"noreferrer\">"));
	assert_non_null(strstr(page, "data-verdict=\"violation\" "
		"data-policy=\"eu-gdpr-transfers\" "
		"data-component=\"br-customer-db\""));
	sov_buffer_free(res, page);
}

static void escape(const char *in, int attr, const char *want)
{
	buf b;

	buf_init(&b, NULL);
	report_html_str(&b, in, attr);
	buf_putc(&b, '\0');
	assert_false(b.oom);
	assert_string_equal(b.data, want);
	buf_release(&b);
}

static void texts_never_become_markup(void **state)
{
	(void)state;
	escape("<script>x</script>", 0, "&lt;script&gt;x&lt;/script&gt;");
	escape("a & b \"c\" 'd'", 0, "a &amp; b \"c\" 'd'");
	escape("a & b \"c\" 'd'", 1, "a &amp; b &quot;c&quot; &#39;d&#39;");
	escape("bell\x07 esc\x1b[31m", 0, "bell\\x07 esc\\x1b[31m");
	escape("rtl \xe2\x80\xae" "exe", 0, "rtl \\u202eexe");
	escape("bad \xff byte", 0, "bad \\xff byte");
	escape("line\nbreak", 1, "line&#10;break");
	escape("caf\xc3\xa9", 0, "caf\xc3\xa9");
}

static void older_options_are_read_as_far_as_they_go(void **state)
{
	sov_report_options o = SOV_REPORT_OPTIONS_INIT;
	fake_graphviz g;
	char *page;

	(void)state;
	memset(&g, 0, sizeof(g));
	o.version = 2;
	o.render_svg = fake_draw;  /* not part of version 2: unread */
	o.render_ctx = &g;
	page = render(&o);
	assert_int_equal(g.len, 0);
	assert_null(strstr(page, "<figure class=\"diagram\">"));
	sov_buffer_free(res, page);
	o.version = SOV_REPORT_OPTIONS_VERSION + 1;
	assert_int_equal(sov_report_render(&page, NULL, res, SOV_FORMAT_HTML,
		&o), SOV_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(landings_are_judged_by_place),
		cmocka_unit_test(ranks_order_verdicts),
		cmocka_unit_test(the_diagram_is_the_dot_report_drawn),
		cmocka_unit_test(without_a_drawing_the_flows_are_listed),
		cmocka_unit_test(a_page_stands_alone_a_section_does_not),
		cmocka_unit_test(the_page_says_what_was_checked),
		cmocka_unit_test(texts_never_become_markup),
		cmocka_unit_test(older_options_are_read_as_far_as_they_go),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
