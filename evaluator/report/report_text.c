/*
 * report_text.c - the report a person reads in a minute: the decision
 * first, then each problem as plain sentences with the law it rests on,
 * where the rule and the component are, and how to fix it.
 */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ------------------------------------------------------------------ */
/* What a terminal would obey (report.h)                               */

size_t report_escape(const char *s, char esc[8])
{
	long cp;
	size_t n = buf_utf8(s, &cp);

	esc[0] = '\0';
	if (cp < 0 || cp == 0x7f || (cp < 0x20 && cp != '\t'))
		snprintf(esc, 8, "\\x%02x", (unsigned char)*s);
	else if (buf_is_control(cp))
		snprintf(esc, 8, "\\u%04x", (unsigned)cp & 0xffffu);
	return n;
}

static int is_plain(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\t';
}

void report_put_text(buf *b, const char *s)
{
	while (s && *s) {
		const char *run = s;
		char esc[8];
		size_t n;

		while (is_plain((unsigned char)*s))
			s++;
		buf_append(b, run, (size_t)(s - run));
		if (!*s)
			break;
		n = report_escape(s, esc);
		if (esc[0])
			buf_puts(b, esc);
		else
			buf_append(b, s, n);
		s += n;
	}
}

/* The columns text takes on a terminal: one per code point. The text is
 * already escaped, hence well-formed UTF-8, so a code point is a byte
 * that does not continue a sequence. The shipped names are precomposed
 * Latin letters; none is wide or combining. */
static size_t display_width(const char *s, size_t len)
{
	size_t i, w = 0;

	for (i = 0; i < len; i++)
		w += ((unsigned char)s[i] & 0xc0) != 0x80;
	return w;
}

/* %s of report_printf: escaped, then padded to `width` columns, so that
 * a table lines up whatever its letters are (an escape takes as many
 * columns as it has characters). */
static void put_padded(buf *b, const char *s, int left, size_t width)
{
	size_t start = b->len, len, cols, pad;

	report_put_text(b, s ? s : "(null)");
	len = b->len - start;
	cols = b->oom ? 0 : display_width(b->data + start, len);
	if (b->oom || cols >= width)
		return;
	pad = width - cols;
	while (b->len < start + len + pad && !b->oom)
		buf_putc(b, ' ');
	if (!left && !b->oom) {
		memmove(b->data + start + pad, b->data + start, len);
		memset(b->data + start, ' ', pad);
	}
}

/* Writes the conversion that starts at spec ('%'); returns its length. */
static size_t conversion(buf *b, const char *spec, va_list *ap)
{
	size_t n = 1 + strspn(spec + 1, "-0123456789");
	char size = spec[n] == 'l' || spec[n] == 'z' ? spec[n++] : 0;
	char conv = spec[n++], f[16];

	/* Not one of ours: written as it is. */
	if (!conv || !strchr("sudc%", conv) || n >= sizeof(f)) {
		buf_append(b, spec, 1);
		return 1;
	}
	memcpy(f, spec, n);
	f[n] = '\0';
	if (conv == 's')
		put_padded(b, va_arg(*ap, const char *), spec[1] == '-',
			(size_t)strtoul(spec + 1 + (spec[1] == '-'), NULL,
			10));
	else if (conv == '%')
		buf_putc(b, '%');
	/* The branches differ in the type va_arg reads, which the check for
	 * cloned branches does not see. NOLINTBEGIN(bugprone-branch-clone) */
	else if (size == 'z')
		buf_printf(b, f, va_arg(*ap, size_t));
	else if (size == 'l' && conv == 'u')
		buf_printf(b, f, va_arg(*ap, unsigned long));
	else if (size == 'l')
		buf_printf(b, f, va_arg(*ap, long));
	else if (conv == 'u')
		buf_printf(b, f, va_arg(*ap, unsigned));
	else
		buf_printf(b, f, va_arg(*ap, int));
	/* NOLINTEND(bugprone-branch-clone) */
	return n;
}

void report_printf(buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	while (*fmt) {
		size_t run = strcspn(fmt, "%");

		buf_append(b, fmt, run);
		fmt += run;
		if (*fmt)
			fmt += conversion(b, fmt, &ap);
	}
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* The report                                                          */

static void paint(buf *b, const sov_report_options *o, const char *code,
	const char *text)
{
	if (o->color && *code)
		buf_puts(b, code);
	report_put_text(b, text);
	if (o->color && *code)
		buf_puts(b, RESET);
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
	report_printf(b, "Not evaluated: %zu resource%s of %zu type%s%s\n",
		d->nskipped, d->nskipped == 1 ? "" : "s", types,
		types == 1 ? "" : "s", verbose ? ":" :
		" (--verbose lists them).");
	for (i = 0; verbose && i < d->nskipped; i++) {
		const dep_skipped *k = &d->skipped[i];

		report_printf(b, "  %s (%s) at %s:%u: %s\n", k->address,
			k->type, k->file, k->line, k->reason ? k->reason :
			"no mapping knows the type");
	}
}

/* Built-in facts a user catalog file replaced: the verdicts rest on
 * them, so the reader learns the shipped catalog was not used alone. */
static void overrides(buf *b, const catalog *c)
{
	size_t i, k;

	for (i = 0; i < c->noverrides; i++) {
		const cat_override *v = &c->overrides[i];

		report_printf(b, "Note: %s:%u overrides the built-in %s %s: ",
			v->file, v->line, v->kind, v->id);
		for (k = 0; k < v->nchanges; k++)
			report_printf(b, "%s%s", k ? "; " : "", v->changes[k]);
		buf_puts(b, ".\n");
	}
}

void report_readings_text(buf *b, const policy *const *pols, size_t npols,
	const reading_pin *pins, size_t npins)
{
	size_t i, k;

	for (i = 0; i < npols; i++)
		for (k = 0; k < pols[i]->nreadings; k++) {
			const reading_decl *d = &pols[i]->readings[k];
			const char *pin = eval_pin_lookup(pins, npins, d->id);

			if (pin)
				report_printf(b, "Reading %s: pinned to '%s'."
					"\n", d->id, pin);
			else
				report_printf(b, "Reading %s: open (%s)\n",
					d->id, d->question);
		}
}

static void header(buf *b, const result *r, const sov_report_options *o)
{
	size_t i;

	report_printf(b, "Deployment %s", r->d->id);
	if (r->d->title)
		report_printf(b, " (%s)", r->d->title);
	report_printf(b, " from %s\n", r->d->file);
	for (i = 0; i < r->npols; i++)
		report_printf(b, "%s %s (%s)\n",
			i ? "    and" : "Checked against", r->pols[i]->id,
			r->pols[i]->title);
	report_printf(b, "as of %s.\n", r->as_of);
	report_readings_text(b, r->pols, r->npols, r->pins, r->npins);
	overrides(b, r->d->cat);
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
			report_printf(b, "%s%s%s", indent,
				i ? "         " : "Law:     ", c->instrument);
		report_printf(b, ", %s", c->article);
		if (last && c->url)
			report_printf(b, " <%s>", c->url);
		if (last)
			buf_putc(b, '\n');
	}
}

static void subject_line(buf *b, const finding *f)
{
	report_printf(b, "  Where:   component %s (%s:%u", f->comp->id,
		f->comp->file, f->comp->line);
	if (f->comp->column)
		report_printf(b, ":%u", f->comp->column);
	buf_putc(b, ')');
	if (f->cls)
		report_printf(b, ", data '%s'", f->cls->id);
	if (f->facet)
		report_printf(b, ", facet %s", f->facet);
	buf_putc(b, '\n');
}

static void alternative_scope(buf *b, const cat_provider *p,
	const finding *f, size_t i)
{
	report_printf(b, "  %s %s:%s (routing scope)\n", i ? "        " :
		"Or use: ", p->id, p->scopes[f->alternatives[i]].id);
}

/* --suggest: a change that fixes it, and the nearest compliant regions. */
static void suggestions(buf *b, const result *r, const finding *f)
{
	const catalog *c = r->d->cat;
	const cat_provider *p = &c->providers[f->comp->provider];
	size_t i;

	if (f->fix)
		report_printf(b, "  Change:  %s\n", f->fix);
	for (i = 0; i < f->nalternatives; i++) {
		const cat_region *reg;

		if (f->alternatives_are_scopes) {
			alternative_scope(b, p, f, i);
			continue;
		}
		reg = &p->regions[f->alternatives[i]];

		report_printf(b, "  %s %s:%s", i ? "        " : "Or move:",
			p->id, reg->id);
		if (reg->city)
			report_printf(b, " (%s, %s", reg->city,
				c->jur[reg->jurisdiction].code);
		else
			report_printf(b, " (%s",
				c->jur[reg->jurisdiction].code);
		buf_puts(b, reg->restricted ? "; restricted access)\n" :
			")\n");
	}
}

static void finding_text(buf *b, const result *r, const finding *f,
	const sov_report_options *o)
{
	const rule *ru = f->r;

	paint(b, o, colours[f->verdict], labels[f->verdict]);
	report_printf(b, " [%s] ", severity_names[ru->severity]);
	paint(b, o, BOLD, ru->id);
	report_printf(b, ": %s\n", ru->title);
	subject_line(b, f);
	if (f->explanation && *f->explanation)
		report_printf(b, "  Why:     %s\n", f->explanation);
	if (f->exception)
		report_printf(b, "  Except:  the exception \"%s\" holds.\n",
			f->exception);
	if (f->waiver)
		report_printf(b, "  Waiver:  %s\n", f->waiver);
	report_citations(b, ru, "  ");
	report_printf(b, "  Rule:    %s:%u (%s)\n", ru->file, ru->line,
		f->pol->id);
	if (ru->remediation && (f->verdict == SOV_VIOLATION ||
				f->verdict == SOV_INDETERMINATE))
		report_printf(b, "  Fix:     %s\n", ru->remediation);
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
		report_printf(b, "%s%zu %s", i ? ", " : "",
			r->counts[order[i]], verdict_names[order[i]]);
	if (r->baselined)
		report_printf(b, "; %zu known from the baseline, not shown",
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
		report_printf(b, "  %-8s %s:%u  rule %s",
			waiver_status_names[u->status], u->w->file,
			u->w->line, u->w->rule);
		if (u->w->component)
			report_printf(b, ", component %s", u->w->component);
		if (u->w->data)
			report_printf(b, ", data %s", u->w->data);
		report_printf(b, u->status == WAIVER_EXPIRED ? ": expired on "
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
