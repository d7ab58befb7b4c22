/*
 * report_markdown.c - the report for a pull-request comment (GitHub
 * flavoured Markdown): the decision as a heading, a table of verdict
 * counts, one section per violation and per indeterminate finding with
 * the law behind it and how to fix it, and a short list of waived and
 * excepted findings. Text from documents is escaped, so it cannot change
 * the layout. See docs/reports.md.
 */
#include "report.h"

#include <string.h>

/* What a terminal or a renderer would obey (report.h) is written as the
 * text report writes it, "\x1b" or "\u202e" (in a paragraph with its
 * backslash escaped, so that it shows); other characters beyond ASCII as
 * they are. Returns the length of the character at s, or 0 for an ASCII
 * one (line breaks and tab too) that the caller writes. */
static size_t md_control(buf *b, const char *s, int in_code)
{
	char esc[8];
	size_t n = report_escape(s, esc);

	if (*s == '\n' || *s == '\r' || *s == '\t' ||
	    (!esc[0] && (unsigned char)*s < 0x80))
		return 0;
	if (esc[0]) {
		buf_puts(b, in_code ? "" : "\\");
		buf_puts(b, esc);
	} else {
		buf_append(b, s, n);
	}
	return n;
}

/* Text in a paragraph or list item: Markdown's punctuation is escaped,
 * '&' becomes an entity and line breaks become spaces. */
static void md_text(buf *b, const char *s)
{
	const char *p;

	if (!s)
		return;
	for (p = s; *p; p++) {
		size_t n = md_control(b, p, 0);

		if (n)
			p += n - 1;
		else if (*p == '&')
			buf_puts(b, "&amp;");
		else if (*p == '\n' || *p == '\r' || *p == '\t')
			buf_putc(b, ' ');
		else if (strchr("\\`*_[]<>|~#", *p)) {
			buf_putc(b, '\\');
			buf_putc(b, *p);
		} else
			buf_putc(b, *p);
	}
}

/* An inline code span: the fence is one backtick longer than the
 * longest run of backticks in s. */
static void md_code(buf *b, const char *s)
{
	size_t run = 0, longest = 0, i;
	const char *p;
	int pad;

	for (p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	pad = *s == '`' || (*s && s[strlen(s) - 1] == '`');
	for (i = 0; i <= longest; i++)
		buf_putc(b, '`');
	buf_puts(b, pad ? " " : "");
	for (p = s; *p; p++) {
		size_t n = md_control(b, p, 1);

		if (n)
			p += n - 1;
		else
			buf_putc(b, *p == '\n' || *p == '\r' ? ' ' : *p);
	}
	buf_puts(b, pad ? " " : "");
	for (i = 0; i <= longest; i++)
		buf_putc(b, '`');
}

/* A link destination: bytes that would end or break it are encoded, and
 * so are those of the characters of md_control. */
static void md_url(buf *b, const char *url)
{
	const unsigned char *p;
	long cp;
	size_t n = 0;

	for (p = (const unsigned char *)url; *p; p++) {
		if (!n)
			n = buf_utf8((const char *)p, &cp);
		if (*p <= ' ' || strchr("<>()", *p) || buf_is_control(cp))
			buf_printf(b, "%%%02X", *p);
		else
			buf_putc(b, (char)*p);
		n--;
	}
}


/* Citations of one instrument and URL share a link:
 * "[GDPR, Art. 44, Art. 45](URL); [Guidelines, Criterion 2](URL)". */
static void citations(buf *b, const rule *ru)
{
	size_t i;

	buf_puts(b, "- **Law:** ");
	for (i = 0; i < ru->ncites; i++) {
		const citation *c = &ru->cites[i];
		int first = i == 0 ||
			    !report_same_source(c, &ru->cites[i - 1]);
		int last = i + 1 == ru->ncites ||
			   !report_same_source(c, &ru->cites[i + 1]);

		if (first) {
			buf_puts(b, i ? "; " : "");
			buf_puts(b, c->url ? "[" : "");
			md_text(b, c->instrument);
		}
		buf_puts(b, ", ");
		md_text(b, c->article);
		if (last && c->url) {
			buf_puts(b, "](");
			md_url(b, c->url);
			buf_putc(b, ')');
		}
	}
	buf_putc(b, '\n');
}

static void alternatives(buf *b, const result *r, const finding *f)
{
	const catalog *c = r->d->cat;
	const cat_provider *p = &c->providers[f->comp->provider];
	buf id;
	size_t i;

	buf_init(&id, b->al);
	buf_puts(b, f->alternatives_are_scopes ? "- **Or route through:** " :
		"- **Or move to:** ");
	for (i = 0; i < f->nalternatives; i++) {
		const cat_region *reg = f->alternatives_are_scopes ? NULL :
			&p->regions[f->alternatives[i]];

		id.len = 0;
		buf_printf(&id, "%s:%s", p->id, reg ? reg->id :
			p->scopes[f->alternatives[i]].id);
		buf_puts(b, i ? ", " : "");
		md_code(b, id.data ? id.data : "");
		if (!reg)
			continue;
		buf_puts(b, " (");
		if (reg->city) {
			md_text(b, reg->city);
			buf_puts(b, ", ");
		}
		md_text(b, c->jur[reg->jurisdiction].code);
		buf_puts(b, reg->restricted ? "; restricted access)" : ")");
	}
	buf_putc(b, '\n');
	if (id.oom)
		b->oom = 1;
	buf_release(&id);
}

static void where(buf *b, const finding *f)
{
	buf loc;

	buf_init(&loc, b->al);
	buf_printf(&loc, "%s:%u", f->comp->file, f->comp->line);
	if (f->comp->column)
		buf_printf(&loc, ":%u", f->comp->column);
	buf_puts(b, "- **Where:** component ");
	md_code(b, f->comp->id);
	if (f->cls) {
		buf_puts(b, ", data ");
		md_code(b, f->cls->id);
	}
	if (f->facet) {
		buf_puts(b, ", facet ");
		md_code(b, f->facet);
	}
	buf_puts(b, " (");
	md_code(b, loc.data ? loc.data : "");
	buf_puts(b, ")\n");
	if (loc.oom)
		b->oom = 1;
	buf_release(&loc);
}

static void rule_line(buf *b, const finding *f)
{
	buf loc;

	buf_init(&loc, b->al);
	buf_printf(&loc, "%s:%u", f->r->file, f->r->line);
	buf_puts(b, "- **Rule:** ");
	md_code(b, loc.data ? loc.data : "");
	buf_puts(b, " in policy set ");
	md_code(b, f->pol->id);
	buf_putc(b, '\n');
	if (loc.oom)
		b->oom = 1;
	buf_release(&loc);
}

static void item(buf *b, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	buf_printf(b, "- **%s:** ", label);
	md_text(b, text);
	buf_putc(b, '\n');
}

/* One section per violation or indeterminate finding. */
static void section(buf *b, const result *r, const finding *f)
{
	buf_printf(b, "#### %s [%s] ", f->verdict == SOV_VIOLATION ?
		"Violation" : "Indeterminate", severity_names[f->r->severity]);
	md_code(b, f->r->id);
	buf_puts(b, ": ");
	md_text(b, f->r->title);
	buf_puts(b, "\n\n");
	where(b, f);
	item(b, "Why", f->explanation);
	if (f->missing && (!f->explanation ||
			   !strstr(f->explanation, f->missing)))
		item(b, "Missing", f->missing);
	item(b, "Waiver", f->waiver);
	citations(b, f->r);
	rule_line(b, f);
	item(b, "Fix", f->r->remediation);
	item(b, "Change", f->fix);
	if (f->nalternatives)
		alternatives(b, r, f);
	buf_putc(b, '\n');
}

/* Waived and excepted findings, one line each. */
static void brief(buf *b, const finding *f)
{
	buf_puts(b, "- ");
	md_code(b, f->r->id);
	buf_puts(b, " on ");
	md_code(b, f->comp->id);
	if (f->cls) {
		buf_puts(b, " / ");
		md_code(b, f->cls->id);
	}
	if (f->verdict == SOV_WAIVED) {
		buf_puts(b, ": ");
		md_text(b, f->waiver);
	} else {
		buf_puts(b, ": excepted, ");
		md_text(b, f->exception);
	}
	buf_putc(b, '\n');
}

static size_t count_of(const result *r, sov_verdict a, sov_verdict b)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		n += r->f[i].verdict == a || r->f[i].verdict == b;
	return n;
}

static void group(buf *b, const result *r, const char *heading,
	sov_verdict a, sov_verdict c)
{
	size_t i, n = count_of(r, a, c);

	if (n == 0)
		return;
	buf_printf(b, "### %s (%zu)\n\n", heading, n);
	for (i = 0; i < r->n; i++) {
		const finding *f = &r->f[i];

		if (f->verdict != a && f->verdict != c)
			continue;
		if (a == SOV_WAIVED)
			brief(b, f);
		else
			section(b, r, f);
	}
	if (a == SOV_WAIVED)
		buf_putc(b, '\n');
}


/* The unsettled readings the policy sets declare: which answer the
 * findings were read with, or that the question is open. */
static void readings_md(buf *b, const result *r)
{
	size_t i, k;

	for (i = 0; i < r->npols; i++)
		for (k = 0; k < r->pols[i]->nreadings; k++) {
			const reading_decl *d = &r->pols[i]->readings[k];
			const char *pin = eval_pinned(r, d->id);

			buf_puts(b, "Reading ");
			md_code(b, d->id);
			if (pin) {
				buf_puts(b, ": pinned to ");
				md_code(b, pin);
				buf_puts(b, ".\n\n");
				continue;
			}
			buf_puts(b, ": open (");
			md_text(b, d->question);
			buf_puts(b, ")\n\n");
		}
}

static void header(buf *b, const result *r)
{
	static const char *const marks[3] = {
		"\xe2\x9c\x85", "\xe2\x9d\x8c", "\xe2\x9a\xa0\xef\xb8\x8f",
	};
	const char *p;
	size_t i;

	/* A marker for tools that update their earlier comment. */
	buf_puts(b, "<!-- sovereign check: ");
	for (p = r->d->id; *p; p++) {
		size_t n = md_control(b, p, 1);

		if (n)
			p += n - 1;
		else
			buf_putc(b, *p == '<' || *p == '>' || (*p == '-' &&
				p > r->d->id && p[-1] == '-') ? '_' : *p);
	}
	buf_printf(b, " -->\n## %s ", marks[r->decision]);
	md_code(b, r->d->id);
	buf_printf(b, " is %s\n\n", decision_names[r->decision]);
	buf_puts(b, "Deployment ");
	md_code(b, r->d->id);
	if (r->d->title) {
		buf_puts(b, " (");
		md_text(b, r->d->title);
		buf_putc(b, ')');
	}
	buf_puts(b, " from ");
	md_code(b, r->d->file);
	buf_puts(b, ", checked against ");
	for (i = 0; i < r->npols; i++) {
		buf_puts(b, i == 0 ? "" : i + 1 == r->npols ? " and " : ", ");
		md_code(b, r->pols[i]->id);
		buf_puts(b, " (");
		md_text(b, r->pols[i]->title);
		buf_putc(b, ')');
	}
	buf_printf(b, " as of %s.\n\n", r->as_of);
	readings_md(b, r);
	if (r->d->nskipped)
		buf_printf(b, "Not evaluated: %zu resource%s of the imported "
			"input (the text and JSON reports list them).\n\n",
			r->d->nskipped, r->d->nskipped == 1 ? "" : "s");
}

static void summary(buf *b, const result *r)
{
	static const int order[] = {
		SOV_VIOLATION, SOV_INDETERMINATE, SOV_WAIVED, SOV_EXCEPTED,
		SOV_COMPLIANT, SOV_NOT_APPLICABLE,
	};
	size_t i;

	buf_puts(b, "| verdict | count |\n| --- | ---: |\n");
	for (i = 0; i < 6; i++)
		buf_printf(b, "| %s | %zu |\n", verdict_names[order[i]],
			r->counts[order[i]]);
	if (r->baselined)
		buf_printf(b, "| known from the baseline (not shown) | "
			"%zu |\n", r->baselined);
	buf_putc(b, '\n');
}

/* Waivers to clean up: expired ones and those nothing needed. */
static void stale_waivers(buf *b, const result *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nwaivers; i++)
		n += r->waivers[i].status != WAIVER_APPLIED;
	if (n == 0)
		return;
	buf_printf(b, "### Waivers to review (%zu)\n\n", n);
	for (i = 0; i < r->nwaivers; i++) {
		const waiver_use *u = &r->waivers[i];

		if (u->status == WAIVER_APPLIED)
			continue;
		buf_puts(b, "- ");
		md_code(b, u->w->rule);
		buf_puts(b, " at ");
		md_code(b, u->w->file);
		buf_printf(b, " line %u: %s %s\n", u->w->line,
			u->status == WAIVER_EXPIRED ? "expired on" :
			"unused, in force until", u->expires);
	}
	buf_putc(b, '\n');
}

void report_markdown(buf *b, const result *r, const sov_report_options *o)
{
	if (o->quiet && r->decision == SOV_DECISION_COMPLIANT)
		return;
	header(b, r);
	summary(b, r);
	group(b, r, "Violations", SOV_VIOLATION, SOV_VIOLATION);
	group(b, r, "Indeterminate", SOV_INDETERMINATE, SOV_INDETERMINATE);
	if (count_of(r, SOV_VIOLATION, SOV_INDETERMINATE) == 0)
		buf_puts(b, "No rule is violated and no fact is missing.\n\n");
	if (o->quiet) {
		buf_puts(b, "<sub>sovereign " SOV_VERSION "</sub>\n");
		return;
	}
	group(b, r, "Waived and excepted", SOV_WAIVED, SOV_EXCEPTED);
	stale_waivers(b, r);
	buf_puts(b, "<sub>sovereign " SOV_VERSION "</sub>\n");
}
