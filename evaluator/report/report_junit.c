/*
 * report_junit.c - the report for CI test views: JUnit XML with one
 * <testsuite> per policy set and one <testcase> per finding. A violation
 * is a <failure>, an indeterminate finding an <error>, a waived or
 * excepted one is <skipped>; a compliant finding passes. Not-applicable
 * pairs are not test cases. No time or host is written, so the same
 * result always gives the same bytes. See docs/reports.md.
 */
#include "report.h"

#include <string.h>

/* buf_xml, and what a terminal would obey that XML can hold (report.h:
 * DEL, C1 and the bidirectional controls) as a character reference, so
 * that the file's bytes are safe to show while a reader gets the text. */
static void put_xml(buf *b, const char *s, int attr)
{
	const char *p = s;
	char one[5];

	while (p && *p && (unsigned char)*p < 0x7f)
		p++;
	if (!p || !*p) {
		buf_xml(b, s, attr);
		return;
	}
	while (*s) {
		long cp;
		size_t n = buf_utf8(s, &cp);

		if (cp >= 0x7f && buf_is_control(cp)) {
			buf_printf(b, "&#x%lx;", (unsigned long)cp);
		} else {
			memcpy(one, s, n);
			one[n] = '\0';
			buf_xml(b, one, attr);
		}
		s += n;
	}
}

static void put_attr(buf *b, const char *name, const char *value)
{
	buf_printf(b, " %s=\"", name);
	put_xml(b, value, 1);
	buf_putc(b, '"');
}

static void counts_attrs(buf *b, const size_t n[4])
{
	buf_printf(b, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
		"skipped=\"%zu\"", n[0], n[1], n[2], n[3]);
}

/* n: tests, failures, errors, skipped over findings [from, to). */
static void count(const result *r, size_t from, size_t to, size_t n[4])
{
	size_t i;

	memset(n, 0, 4 * sizeof(n[0]));
	for (i = from; i < to; i++) {
		sov_verdict v = r->f[i].verdict;

		n[0]++;
		n[1] += v == SOV_VIOLATION;
		n[2] += v == SOV_INDETERMINATE;
		n[3] += v == SOV_WAIVED || v == SOV_EXCEPTED;
	}
}

static void suggestions(buf *t, const result *r, const finding *f)
{
	const catalog *c = r->d->cat;
	const cat_provider *p = &c->providers[f->comp->provider];
	size_t i;

	if (f->fix)
		report_printf(t, "Change:  %s\n", f->fix);
	for (i = 0; i < f->nalternatives; i++) {
		const char *label = i ? "         " : "Or use:  ";

		if (f->alternatives_are_scopes) {
			report_printf(t, "%s%s:%s (routing scope)\n", label,
				p->id, p->scopes[f->alternatives[i]].id);
		} else {
			const cat_region *reg =
				&p->regions[f->alternatives[i]];

			report_printf(t, "%s%s:%s (%s)\n", label, p->id,
				reg->id, c->jur[reg->jurisdiction].code);
		}
	}
}

/* The body of a <failure> or <error>: the finding as in the text
 * report. */
static void details(buf *t, const result *r, const finding *f)
{
	const rule *ru = f->r;

	report_printf(t, "%s [%s] %s: %s\n", f->verdict == SOV_VIOLATION ?
		"VIOLATION" : "INDETERMINATE", severity_names[ru->severity],
		ru->id, ru->title);
	report_printf(t, "Where:   component %s (%s:%u)", f->comp->id,
		f->comp->file, f->comp->line);
	if (f->cls)
		report_printf(t, ", data '%s'", f->cls->id);
	if (f->facet)
		report_printf(t, ", facet %s", f->facet);
	buf_putc(t, '\n');
	if (f->explanation && *f->explanation)
		report_printf(t, "Why:     %s\n", f->explanation);
	if (f->waiver)
		report_printf(t, "Waiver:  %s\n", f->waiver);
	report_citations(t, ru, "");
	report_printf(t, "Rule:    %s:%u (%s)\n", ru->file, ru->line,
		f->pol->id);
	if (ru->remediation)
		report_printf(t, "Fix:     %s\n", ru->remediation);
	suggestions(t, r, f);
}

static void outcome(buf *b, buf *t, const result *r, const finding *f)
{
	const char *el = f->verdict == SOV_VIOLATION ? "failure" : "error";

	t->len = 0;
	if (f->verdict == SOV_WAIVED || f->verdict == SOV_EXCEPTED) {
		buf_puts(b, "      <skipped");
		if (f->verdict == SOV_WAIVED) {
			put_attr(b, "message", f->waiver);
		} else {
			buf_printf(t, "excepted: %s", f->exception);
			put_attr(b, "message", t->data);
		}
		buf_puts(b, "/>\n");
		return;
	}
	buf_printf(b, "      <%s", el);
	put_attr(b, "message", f->explanation);
	put_attr(b, "type", severity_names[f->r->severity]);
	buf_putc(b, '>');
	details(t, r, f);
	put_xml(b, t->data, 0);
	buf_printf(b, "</%s>\n", el);
}

static void testcase(buf *b, buf *t, const result *r, const finding *f)
{
	t->len = 0;
	buf_printf(t, "%s.%s", f->pol->id, f->r->id);
	buf_puts(b, "    <testcase");
	put_attr(b, "classname", t->data);
	t->len = 0;
	buf_puts(t, f->comp->id);
	if (f->cls)
		buf_printf(t, "/%s", f->cls->id);
	put_attr(b, "name", t->data);
	put_attr(b, "file", f->comp->file);
	buf_printf(b, " line=\"%u\"", f->comp->line);
	if (f->verdict == SOV_COMPLIANT) {
		buf_puts(b, "/>\n");
		return;
	}
	buf_puts(b, ">\n");
	outcome(b, t, r, f);
	buf_puts(b, "    </testcase>\n");
}

static void property(buf *b, const char *name, const char *value)
{
	buf_puts(b, "      <property");
	put_attr(b, "name", name);
	put_attr(b, "value", value ? value : "");
	buf_puts(b, "/>\n");
}

/* Inner (beside other deployments), a suite is named DEPLOYMENT/POLICY:
 * CI views merge suites of the same name. */
static void suite(buf *b, buf *t, const result *r, const policy *p,
	size_t from, size_t to, int inner)
{
	size_t n[4], i;

	count(r, from, to, n);
	buf_puts(b, "  <testsuite");
	t->len = 0;
	buf_printf(t, "%s%s%s", inner ? r->d->id : "", inner ? "/" : "",
		p->id);
	put_attr(b, "name", t->data ? t->data : p->id);
	if (t->oom)
		b->oom = 1;
	counts_attrs(b, n);
	put_attr(b, "file", p->file);
	buf_puts(b, ">\n    <properties>\n");
	property(b, "policy.title", p->title);
	property(b, "deployment", r->d->id);
	property(b, "deployment.title", r->d->title);
	property(b, "deployment.file", r->d->file);
	property(b, "as-of", r->as_of);
	property(b, "decision", decision_names[r->decision]);
	buf_puts(b, "    </properties>\n");
	for (i = from; i < to && !b->oom; i++)
		testcase(b, t, r, &r->f[i]);
	buf_puts(b, "  </testsuite>\n");
}

const char *const report_junit_envelope[3] = {
	("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	 "<testsuites name=\"sovereign\">\n"),
	"",
	"</testsuites>\n",
};

void report_junit(buf *b, const result *r, int inner)
{
	size_t n[4], p, from = 0;
	buf t;

	buf_init(&t, b->al);
	count(r, 0, r->n, n);
	if (!inner) {
		buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			"<testsuites");
		put_attr(b, "name", r->d->id);
		counts_attrs(b, n);
		buf_puts(b, ">\n");
	}
	/* Findings come in policy order: each policy's are one run. */
	for (p = 0; p < r->npols; p++) {
		size_t to = from;

		while (to < r->n && r->f[to].pol == r->pols[p])
			to++;
		suite(b, &t, r, r->pols[p], from, to, inner);
		from = to;
	}
	if (!inner)
		buf_puts(b, report_junit_envelope[2]);
	if (t.oom)
		b->oom = 1;
	buf_release(&t);
}
