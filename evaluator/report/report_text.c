/*
 * report_text.c - the report a person reads in a minute: the decision
 * first, then each problem as plain sentences with the law it rests on,
 * where the rule and the component are, and how to fix it.
 */
#include "report.h"

#include <string.h>

static const char *const labels[6] = {
	"COMPLIANT", "VIOLATION", "NOT APPLICABLE", "INDETERMINATE",
	"EXCEPTED", "WAIVED",
};
static const char *const colours[6] = {
	"\033[32m", "\033[1;31m", "", "\033[1;33m", "\033[36m", "\033[36m",
};
#define RESET "\033[0m"
#define BOLD "\033[1m"

static void paint(buf *b, const sov_report_options *o, const char *code,
	const char *text)
{
	if (o->color && *code)
		buf_printf(b, "%s%s%s", code, text, RESET);
	else
		buf_puts(b, text);
}

/* Resources of the imported input that no mapping knows: counted by type
 * ("3 resources of 2 types"), and each one with --verbose. */
static void not_evaluated(buf *b, const deployment *d, int verbose)
{
	size_t i, j, types = 0;

	if (!d->nskipped)
		return;
	for (i = 0; i < d->nskipped; i++) {
		for (j = 0; j < i && strcmp(d->skipped[j].type,
					    d->skipped[i].type) != 0; j++)
			;
		types += j == i;
	}
	buf_printf(b, "Not evaluated: %zu resource%s of %zu type%s%s\n",
		d->nskipped, d->nskipped == 1 ? "" : "s", types,
		types == 1 ? "" : "s", verbose ? ":" :
		" (--verbose lists them).");
	for (i = 0; verbose && i < d->nskipped; i++) {
		const dep_skipped *k = &d->skipped[i];

		buf_printf(b, "  %s (%s) at %s:%u: %s\n", k->address, k->type,
			k->file, k->line, k->reason ? k->reason :
			"no mapping knows the type");
	}
}

static void header(buf *b, const result *r, const sov_report_options *o)
{
	size_t i;

	buf_printf(b, "Deployment %s", r->d->id);
	if (r->d->title)
		buf_printf(b, " (%s)", r->d->title);
	buf_printf(b, " from %s\n", r->d->file);
	for (i = 0; i < r->npols; i++)
		buf_printf(b, "%s %s (%s)\n",
			i ? "    and" : "Checked against", r->pols[i]->id,
			r->pols[i]->title);
	buf_printf(b, "as of %s.\n", r->as_of);
	not_evaluated(b, r->d, o->verbose);
	buf_putc(b, '\n');
}

int report_same_source(const citation *a, const citation *b)
{
	return strcmp(a->instrument, b->instrument) == 0 &&
	       (a->url == b->url || (a->url && b->url &&
				     strcmp(a->url, b->url) == 0));
}

void report_citations(buf *b, const rule *ru, const char *indent)
{
	size_t i;

	for (i = 0; i < ru->ncites; i++) {
		const citation *c = &ru->cites[i];
		int first = i == 0 ||
			    !report_same_source(c, &ru->cites[i - 1]);
		int last = i + 1 == ru->ncites ||
			   !report_same_source(c, &ru->cites[i + 1]);

		if (first)
			buf_printf(b, "%s%s%s", indent,
				i ? "         " : "Law:     ", c->instrument);
		buf_printf(b, ", %s", c->article);
		if (last && c->url)
			buf_printf(b, " <%s>", c->url);
		if (last)
			buf_putc(b, '\n');
	}
}

static void subject_line(buf *b, const finding *f)
{
	buf_printf(b, "  Where:   component %s (%s:%u", f->comp->id,
		f->comp->file, f->comp->line);
	if (f->comp->column)
		buf_printf(b, ":%u", f->comp->column);
	buf_putc(b, ')');
	if (f->cls)
		buf_printf(b, ", data '%s'", f->cls->id);
	if (f->facet)
		buf_printf(b, ", facet %s", f->facet);
	buf_putc(b, '\n');
}

static void alternative_scope(buf *b, const cat_provider *p,
	const finding *f, size_t i)
{
	buf_printf(b, "  %s %s:%s (routing scope)\n", i ? "        " :
		"Or use: ", p->id, p->scopes[f->alternatives[i]].id);
}

/* --suggest: a change that fixes it, and the nearest compliant regions. */
static void suggestions(buf *b, const result *r, const finding *f)
{
	const catalog *c = r->d->cat;
	const cat_provider *p = &c->providers[f->comp->provider];
	size_t i;

	if (f->fix)
		buf_printf(b, "  Change:  %s\n", f->fix);
	for (i = 0; i < f->nalternatives; i++) {
		const cat_region *reg;

		if (f->alternatives_are_scopes) {
			alternative_scope(b, p, f, i);
			continue;
		}
		reg = &p->regions[f->alternatives[i]];

		buf_printf(b, "  %s %s:%s", i ? "        " : "Or move:",
			p->id, reg->id);
		if (reg->city)
			buf_printf(b, " (%s, %s", reg->city,
				c->jur[reg->jurisdiction].code);
		else
			buf_printf(b, " (%s", c->jur[reg->jurisdiction].code);
		buf_puts(b, reg->restricted ? "; restricted access)\n" :
			")\n");
	}
}

static void finding_text(buf *b, const result *r, const finding *f,
	const sov_report_options *o)
{
	const rule *ru = f->r;

	paint(b, o, colours[f->verdict], labels[f->verdict]);
	buf_printf(b, " [%s] ", severity_names[ru->severity]);
	paint(b, o, BOLD, ru->id);
	buf_printf(b, ": %s\n", ru->title);
	subject_line(b, f);
	if (f->explanation && *f->explanation)
		buf_printf(b, "  Why:     %s\n", f->explanation);
	if (f->exception)
		buf_printf(b, "  Except:  the exception \"%s\" holds.\n",
			f->exception);
	if (f->waiver)
		buf_printf(b, "  Waiver:  %s\n", f->waiver);
	report_citations(b, ru, "  ");
	buf_printf(b, "  Rule:    %s:%u (%s)\n", ru->file, ru->line,
		f->pol->id);
	if (ru->remediation && (f->verdict == SOV_VIOLATION ||
				f->verdict == SOV_INDETERMINATE))
		buf_printf(b, "  Fix:     %s\n", ru->remediation);
	suggestions(b, r, f);
	buf_putc(b, '\n');
}

/* Does the finding weigh in the decision (--fail-on)? */
static int decides(const result *r, const finding *f)
{
	return (f->verdict == SOV_VIOLATION ||
		f->verdict == SOV_INDETERMINATE) &&
	       (int)f->r->severity <= r->fail_on;
}

static int shown(const result *r, const finding *f,
	const sov_report_options *o)
{
	if (o->quiet)
		return decides(r, f);
	return o->verbose || f->verdict == SOV_VIOLATION ||
	       f->verdict == SOV_INDETERMINATE || f->verdict == SOV_WAIVED ||
	       f->waiver;
}

static void summary(buf *b, const result *r, const sov_report_options *o)
{
	static const int order[] = {
		SOV_VIOLATION, SOV_INDETERMINATE, SOV_WAIVED, SOV_EXCEPTED,
		SOV_COMPLIANT, SOV_NOT_APPLICABLE,
	};
	size_t i;
	char decision[32];

	snprintf(decision, sizeof(decision), "%s",
		decision_names[r->decision]);
	buf_puts(b, "Decision: ");
	paint(b, o, r->decision == SOV_DECISION_COMPLIANT ? colours[0] :
		r->decision == SOV_DECISION_NON_COMPLIANT ? colours[1] :
		colours[3], decision);
	buf_puts(b, " (");
	for (i = 0; i < 6; i++)
		buf_printf(b, "%s%zu %s", i ? ", " : "", r->counts[order[i]],
			verdict_names[order[i]]);
	if (r->baselined)
		buf_printf(b, "; %zu known from the baseline, not shown",
			r->baselined);
	buf_puts(b, ")\n");
}

/* Expired and unused waivers (applied ones too when verbose): a waiver
 * nothing needs should be removed, and an expired one renewed or the
 * problem fixed. */
static void waiver_lines(buf *b, const result *r, const sov_report_options *o)
{
	size_t i, n = 0;

	for (i = 0; i < r->nwaivers; i++) {
		const waiver_use *u = &r->waivers[i];

		if (u->status == WAIVER_APPLIED && !o->verbose)
			continue;
		if (n++ == 0)
			buf_puts(b, "Waivers:\n");
		buf_printf(b, "  %-8s %s:%u  rule %s",
			waiver_status_names[u->status], u->w->file,
			u->w->line, u->w->rule);
		if (u->w->component)
			buf_printf(b, ", component %s", u->w->component);
		if (u->w->data)
			buf_printf(b, ", data %s", u->w->data);
		buf_printf(b, u->status == WAIVER_EXPIRED ? ": expired on "
			"%s\n" : u->status == WAIVER_UNUSED ? ": until %s, "
			"matches no failing finding\n" : ": until %s\n",
			u->expires);
	}
	if (n)
		buf_putc(b, '\n');
}

void report_text(buf *b, const result *r, const sov_report_options *o)
{
	size_t i, n = 0;

	if (o->quiet && r->decision == SOV_DECISION_COMPLIANT)
		return;
	header(b, r, o);
	for (i = 0; i < r->n; i++)
		if (shown(r, &r->f[i], o)) {
			finding_text(b, r, &r->f[i], o);
			n++;
		}
	if (n == 0 && r->n > 0)
		buf_puts(b, "No rule is violated and no fact is missing.\n\n");
	if (!o->quiet)
		waiver_lines(b, r, o);
	summary(b, r, o);
}
