/*
 * report_html.c - one deployment as a section of a self-contained HTML
 * page: its verdict and what it was checked against, a world map of
 * where its facets land (coloured by the worst finding that touches each
 * country), the flow diagram (the DOT report, drawn to SVG by the
 * caller's renderer), and the findings grouped by component.
 *
 * The page around the sections (styles, the script, the country shapes
 * the maps refer to) is built at compile time from report/html/ and
 * policies/map/countries.tsv (cmake/html_assets.cmake): it is the same
 * for every report, so that a batch repeats no shape. Every text from a
 * document is escaped; what a terminal would obey is shown as the text
 * report shows it. See docs/reports.md.
 */
#include "report.h"
#include "landings.h"
#include "worldmap.h"

#include <string.h>

extern const char report_html_page_open[];
extern const char report_html_page_close[];

const char *const report_html_envelope[3] = {
	report_html_page_open, "", report_html_page_close
};

/* Marks beside every verdict word: colour is never the only carrier. */
static const char *const marks[6] = {
	"\xe2\x9c\x93", "\xe2\x9c\x97", "\xe2\x80\x93", "?",
	"\xe2\x86\xb7", "\xe2\x8a\x98",
};
static const char *const decision_marks[3] = {
	"\xe2\x9c\x93", "\xe2\x9c\x97", "?",
};

/* Colours of the map, as presentation attributes (the stylesheet may
 * override them for dark mode and print). */
#define NO_RULE_FILL "#78909c"

const char *const report_html_fills[6] = {
	"#2e7d32", "#c62828", "#90a4ae", "#ef8c00", "#7e57c2", "#7e57c2",
};

void report_html_str(buf *b, const char *s, int attr)
{
	while (s && *s) {
		char esc[8];
		size_t n = report_escape(s, esc);

		if (esc[0] && *s != '\n')
			buf_puts(b, esc);
		else if (*s == '&')
			buf_puts(b, "&amp;");
		else if (*s == '<')
			buf_puts(b, "&lt;");
		else if (*s == '>')
			buf_puts(b, "&gt;");
		else if (attr && *s == '"')
			buf_puts(b, "&quot;");
		else if (attr && *s == '\'')
			buf_puts(b, "&#39;");
		else if (attr && *s == '\n')
			buf_puts(b, "&#10;");
		else
			buf_append(b, s, n);
		s += n;
	}
}

static void text(buf *b, const char *s)
{
	report_html_str(b, s, 0);
}

static void attr(buf *b, const char *name, const char *value)
{
	buf_printf(b, " %s=\"", name);
	report_html_str(b, value, 1);
	buf_putc(b, '"');
}

/* An href only for http(s) URLs: a citation is never a script. */
static void link(buf *b, const char *url, const char *words)
{
	if (!url || (strncmp(url, "https://", 8) != 0 &&
		     strncmp(url, "http://", 7) != 0)) {
		text(b, words);
		return;
	}
	buf_puts(b, "<a");
	attr(b, "href", url);
	buf_puts(b, " rel=\"noreferrer\">");
	text(b, words);
	buf_puts(b, "</a>");
}

static void verdict_badge(buf *b, sov_verdict v)
{
	buf_printf(b, "<span class=\"badge v-%s\"><span aria-hidden=\"true\">"
		"%s</span> %s</span>", verdict_names[v], marks[v],
		verdict_names[v]);
}

static void decision_badge(buf *b, sov_decision d)
{
	buf_printf(b, "<span class=\"badge d-%s\"><span aria-hidden=\"true\">"
		"%s</span> %s</span>", decision_names[d], decision_marks[d],
		decision_names[d]);
}

static void counts(buf *b, const result *r)
{
	static const sov_verdict order[6] = {
		SOV_VIOLATION, SOV_INDETERMINATE, SOV_WAIVED, SOV_EXCEPTED,
		SOV_COMPLIANT, SOV_NOT_APPLICABLE,
	};
	size_t i;

	buf_puts(b, "<table class=\"counts\"><caption>Findings by verdict"
		"</caption>\n<thead><tr><th scope=\"col\">Verdict</th>"
		"<th scope=\"col\">Findings</th></tr></thead><tbody>\n");
	for (i = 0; i < 6; i++) {
		buf_puts(b, "<tr><td>");
		verdict_badge(b, order[i]);
		buf_printf(b, "</td><td>%zu</td></tr>\n", r->counts[order[i]]);
	}
	buf_puts(b, "</tbody></table>\n");
}

static void policies(buf *b, const result *r)
{
	size_t i;

	buf_puts(b, "<dt>Checked against</dt><dd><ul>");
	for (i = 0; i < r->npols; i++) {
		const policy *p = r->pols[i];

		buf_puts(b, "<li><code>");
		text(b, p->id);
		buf_puts(b, "</code> ");
		text(b, p->title);
		if (p->version) {
			buf_puts(b, ", version ");
			text(b, p->version);
		}
		if (p->legal_state) {
			buf_puts(b, ", law as of ");
			text(b, p->legal_state);
		}
		buf_puts(b, ": ");
		decision_badge(b, r->pdecisions[i]);
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul></dd>\n");
}

static void catalog_line(buf *b, const catalog *c)
{
	size_t i;

	buf_puts(b, "<dt>Catalog</dt><dd>built in to sovereign "
		SOV_VERSION);
	if (!c->noverrides) {
		buf_puts(b, "</dd>\n");
		return;
	}
	buf_puts(b, "; built-in facts replaced:<ul>");
	for (i = 0; i < c->noverrides; i++) {
		const cat_override *v = &c->overrides[i];
		size_t k;

		buf_puts(b, "<li>");
		text(b, v->kind);
		buf_puts(b, " <code>");
		text(b, v->id);
		buf_puts(b, "</code> by ");
		text(b, v->file);
		buf_printf(b, ":%u: ", v->line);
		for (k = 0; k < v->nchanges; k++) {
			buf_puts(b, k ? "; " : "");
			text(b, v->changes[k]);
		}
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul></dd>\n");
}

static void waiver_item(buf *b, const waiver_use *u)
{
	const waiver *w = u->w;

	buf_puts(b, "<li>");
	text(b, w->rule ? w->rule : "every rule");
	if (w->component) {
		buf_puts(b, " on ");
		text(b, w->component);
	}
	buf_printf(b, ", until %s: <strong>%s</strong>", u->expires,
		waiver_status_names[u->status]);
	if (u->uses)
		buf_printf(b, " (%zu finding%s)", u->uses,
			u->uses == 1 ? "" : "s");
	if (w->reason) {
		buf_puts(b, ". ");
		text(b, w->reason);
	}
	if (w->approver) {
		buf_puts(b, " Approved by ");
		text(b, w->approver);
		buf_putc(b, '.');
	}
	buf_puts(b, " <span class=\"src\">");
	text(b, w->file);
	buf_printf(b, ":%u</span></li>", w->line);
}

static void waivers_line(buf *b, const result *r)
{
	size_t i;

	buf_puts(b, "<dt>Waivers</dt><dd>");
	if (!r->nwaivers)
		buf_puts(b, "none");
	else
		buf_puts(b, "<ul>");
	for (i = 0; i < r->nwaivers; i++)
		waiver_item(b, &r->waivers[i]);
	buf_puts(b, r->nwaivers ? "</ul></dd>\n" : "</dd>\n");
	buf_printf(b, "<dt>Baseline</dt><dd>%zu finding%s known from the "
		"baseline, not shown</dd>\n", r->baselined,
		r->baselined == 1 ? "" : "s");
}

static void summary(buf *b, const result *r, int open)
{
	const deployment *d = r->d;

	buf_puts(b, "<details class=\"dep-body\"");
	buf_puts(b, open ? " open>\n<summary>" : ">\n<summary>");
	buf_puts(b, "<h2>Deployment <code>");
	text(b, d->id);
	buf_puts(b, "</code>");
	if (d->title) {
		buf_puts(b, " <span class=\"title\">");
		text(b, d->title);
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</h2> ");
	decision_badge(b, r->decision);
	buf_printf(b, " <span class=\"tally\">%zu violation%s, %zu "
		"indeterminate</span></summary>\n",
		r->counts[SOV_VIOLATION],
		r->counts[SOV_VIOLATION] == 1 ? "" : "s",
		r->counts[SOV_INDETERMINATE]);
}

static void facts(buf *b, const result *r)
{
	const deployment *d = r->d;

	buf_puts(b, "<div class=\"facts\"><dl class=\"meta\">\n<dt>File</dt>"
		"<dd><code>");
	text(b, d->file);
	buf_printf(b, "</code></dd>\n<dt>As of</dt><dd>%s</dd>\n",
		r->as_of);
	policies(b, r);
	catalog_line(b, d->cat);
	buf_puts(b, "<dt>Tool</dt><dd>sovereign " SOV_VERSION "</dd>\n");
	waivers_line(b, r);
	buf_puts(b, "</dl>\n");
	counts(b, r);
	buf_puts(b, "</div>\n");
}

/* ---- the map ---------------------------------------------------- */

/* A country's worst verdict, or -1 when no finding touched it. */
static int country_worst(const landing *l, size_t n, int country)
{
	int worst = -1;
	size_t i;

	for (i = 0; i < n; i++)
		if (l[i].country == country && l[i].judged &&
		    (worst < 0 || landing_rank(l[i].worst) >
				  landing_rank((sov_verdict)worst)))
			worst = (int)l[i].worst;
	return worst;
}

static int first_of(const landing *l, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (l[k].country == l[i].country)
			return 0;
	return 1;
}

static const char *worst_name(int worst)
{
	return worst < 0 ? "no-rule" : verdict_names[worst];
}

static void landing_words(buf *b, const result *r, const landing *l)
{
	const catalog *c = r->d->cat;

	buf_puts(b, facet_names[l->facet]);
	if (l->law >= 0) {
		buf_puts(b, " (");
		text(b, c->laws[l->law].title ? c->laws[l->law].title :
			c->laws[l->law].id);
		buf_putc(b, ')');
	} else if (l->region && l->provider >= 0) {
		buf_puts(b, " (");
		text(b, c->providers[l->provider].id);
		buf_putc(b, ':');
		text(b, l->region->id);
		buf_putc(b, ')');
	} else if (l->jur != l->country) {
		buf_puts(b, " (");
		text(b, c->jur[l->jur].code);
		buf_putc(b, ')');
	}
}

/* Is l[i] the first landing in `country` of its component? */
static int first_of_component(const landing *l, size_t i, int country)
{
	size_t k;

	if (l[i].country != country)
		return 0;
	for (k = 0; k < i; k++)
		if (l[k].country == country && l[k].comp == l[i].comp)
			return 0;
	return 1;
}

/* "br-customer-db: stored, replica (azure:southcentralus)" lines. */
static void country_facts(buf *b, const result *r, const landing *l,
	size_t n, int country)
{
	size_t i, k;

	buf_puts(b, "<ul>");
	for (i = 0; i < n; i++) {
		if (!first_of_component(l, i, country))
			continue;
		buf_puts(b, "<li><code>");
		text(b, r->d->components[l[i].comp].id);
		buf_puts(b, "</code>: ");
		for (k = i; k < n; k++) {
			if (l[k].country != country || l[k].comp != l[i].comp)
				continue;
			if (k != i)
				buf_puts(b, ", ");
			landing_words(b, r, &l[k]);
		}
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul>");
}

/* Was l[k]'s facet named already, for its component and country? */
static int facet_listed(const landing *l, size_t i, size_t k)
{
	size_t m;

	for (m = i; m < k; m++)
		if (l[m].country == l[k].country && l[m].comp == l[k].comp &&
		    l[m].facet == l[k].facet)
			return 1;
	return 0;
}

/* "c0: stored, replica; c3: accessed": the hover text of a country in a
 * page of many deployments, which has no table beneath its maps. */
static void country_brief(buf *b, const result *r, const landing *l,
	size_t n, int country)
{
	size_t i, k;
	int any = 0;

	for (i = 0; i < n; i++) {
		if (!first_of_component(l, i, country))
			continue;
		buf_puts(b, any ? "; " : " \xe2\x80\x94 ");
		any = 1;
		text(b, r->d->components[l[i].comp].id);
		buf_puts(b, ": ");
		for (k = i; k < n; k++)
			if (l[k].country == country &&
			    l[k].comp == l[i].comp &&
			    !facet_listed(l, i, k))
				buf_printf(b, "%s%s", k == i ? "" : ", ",
					facet_names[l[k].facet]);
	}
}

static void map_use(buf *b, const result *r, const landing *l, size_t n,
	size_t i, int brief)
{
	const cat_jurisdiction *j = &r->d->cat->jur[l[i].country];
	int worst = country_worst(l, n, l[i].country);
	map_shape shape;

	if (!worldmap_find(j->code, &shape))
		return;
	buf_printf(b, "<use href=\"#c-%s\" class=\"land v-%s\" fill=\"%s\""
		" data-country=\"%s\" data-verdict=\"%s\"><title>", j->code,
		worst_name(worst),
		worst < 0 ? NO_RULE_FILL : report_html_fills[worst],
		j->code, worst_name(worst));
	text(b, j->name);
	buf_printf(b, ": %s", worst_name(worst));
	if (brief)
		country_brief(b, r, l, n, l[i].country);
	buf_puts(b, "</title></use>\n");
}

static void country_row(buf *b, const result *r, const landing *l,
	size_t n, size_t i)
{
	const cat_jurisdiction *j = &r->d->cat->jur[l[i].country];
	int worst = country_worst(l, n, l[i].country);
	map_shape shape;

	buf_printf(b, "<tr data-country=\"%s\" data-verdict=\"%s\">"
		"<th scope=\"row\">", j->code, worst_name(worst));
	text(b, j->name);
	buf_printf(b, " (%s)%s</th><td>", j->code,
		worldmap_find(j->code, &shape) ? "" :
		" <small>not on the map</small>");
	if (worst < 0)
		buf_puts(b, "<span class=\"badge v-no-rule\">no rule</span>");
	else
		verdict_badge(b, (sov_verdict)worst);
	buf_puts(b, "</td><td>");
	country_facts(b, r, l, n, l[i].country);
	buf_puts(b, "</td></tr>\n");
}

static void legend(buf *b)
{
	static const sov_verdict shown[4] = {
		SOV_VIOLATION, SOV_INDETERMINATE, SOV_WAIVED, SOV_COMPLIANT,
	};
	size_t i;

	buf_puts(b, "<figcaption><ul class=\"legend\">");
	for (i = 0; i < 4; i++) {
		buf_printf(b, "<li><span class=\"swatch\" style=\"background:"
			"%s\"></span>", report_html_fills[shown[i]]);
		verdict_badge(b, shown[i]);
		buf_puts(b, "</li>");
	}
	buf_puts(b, "<li><span class=\"swatch\" style=\"background:"
		NO_RULE_FILL "\"></span><span class=\"badge v-no-rule\">"
		"no rule</span></li><li><span class=\"swatch\" "
		"style=\"background:#dde3e8\"></span> nothing lands there"
		"</li></ul>\n"
		"Each country is coloured by the worst finding that touches "
		"a facet there; the table lists every country, with what "
		"lands in it.</figcaption>\n");
}

static void map(buf *b, const result *r, const landing *l, size_t n,
	int brief)
{
	size_t i;

	buf_puts(b, "<section class=\"where\"><h3>Where the data goes</h3>\n"
		"<figure class=\"map\"><svg role=\"img\" viewBox=\"");
	buf_puts(b, worldmap_viewbox());
	buf_puts(b, "\" aria-label=\"World map of the countries where the "
		"deployment's data is stored, copied, processed, reached "
		"from, or whose laws reach its operators\">"
		"<use href=\"#world\" class=\"world\"/>\n");
	for (i = 0; i < n; i++)
		if (first_of(l, i))
			map_use(b, r, l, n, i, brief);
	buf_puts(b, "</svg>\n");
	legend(b);
	if (brief) {
		buf_puts(b, "</figure></section>\n");
		return;
	}
	buf_puts(b, "</figure>\n<table class=\"countries\"><caption>"
		"Countries and what lands there</caption>\n<thead><tr>"
		"<th scope=\"col\">Country</th><th scope=\"col\">Worst "
		"finding</th><th scope=\"col\">Component: facets</th></tr>"
		"</thead><tbody>\n");
	for (i = 0; i < n; i++)
		if (first_of(l, i))
			country_row(b, r, l, n, i);
	if (!n)
		buf_puts(b, "<tr><td colspan=\"3\">No facet lands in a known "
			"place.</td></tr>\n");
	buf_puts(b, "</tbody></table></section>\n");
}

/* ---- the flow diagram ------------------------------------------- */

static void put_sink(void *sink, const char *s, size_t n)
{
	buf_append(sink, s, n);
}

/* The renderer's SVG from its <svg element on: an XML declaration or a
 * doctype has no place inside HTML. */
static void inline_svg(buf *b, const buf *svg)
{
	const char *s, *end;

	if (!svg->data || !(s = strstr(svg->data, "<svg")))
		return;
	end = svg->data + svg->len;
	/* Comments and the line breaks between elements go: a batch holds
	 * thousands of diagrams. */
	while (s < end) {
		const char *next;

		if (strncmp(s, "<!--", 4) == 0 && (next = strstr(s, "-->"))) {
			s = next + 3;
			continue;
		}
		if (*s == '\n') {
			if (s + 1 < end && s[1] != '<')
				buf_putc(b, '\n');
			s++;
			continue;
		}
		next = s + 1;
		while (next < end && *next != '<' && *next != '\n')
			next++;
		buf_append(b, s, (size_t)(next - s));
		s = next;
	}
}

static void flow_table(buf *b, const result *r)
{
	const deployment *d = r->d;
	size_t i, k;

	buf_puts(b, "<table class=\"flows\"><caption>Data flows</caption>\n"
		"<thead><tr><th scope=\"col\">From</th><th scope=\"col\">To"
		"</th><th scope=\"col\">Data</th></tr></thead><tbody>\n");
	for (i = 0; i < d->nflows; i++) {
		const dep_flow *f = &d->flows[i];

		if (f->from < 0 || f->to < 0)
			continue;
		buf_puts(b, "<tr><td>");
		text(b, d->components[f->from].id);
		buf_puts(b, "</td><td>");
		text(b, d->components[f->to].id);
		buf_puts(b, "</td><td>");
		for (k = 0; k < f->ncarried; k++) {
			buf_puts(b, k ? ", " : "");
			text(b, d->classes[f->carried[k]].id);
		}
		buf_puts(b, "</td></tr>\n");
	}
	if (!d->nflows)
		buf_puts(b, "<tr><td colspan=\"3\">No flows are stated."
			"</td></tr>\n");
	buf_puts(b, "</tbody></table>\n");
}

static void diagram(buf *b, const result *r, const sov_report_options *o,
	const landing *l, size_t n)
{
	buf dot, svg;
	int drawn = 0;

	buf_puts(b, "<section class=\"flow\"><h3>How the data flows</h3>\n");
	buf_init(&dot, b->al);
	buf_init(&svg, b->al);
	if (o->render_svg) {
		report_dot_with(&dot, r, l, n);
		drawn = !dot.oom && o->render_svg(o->render_ctx, dot.data,
			dot.len, put_sink, &svg) == 0 && !svg.oom && svg.data;
	}
	if (drawn) {
		buf_puts(b, "<figure class=\"diagram\">");
		inline_svg(b, &svg);
		buf_puts(b, "<figcaption>Components grouped by country; "
			"copies, backups, keys and access origins elsewhere "
			"are nodes of their own. Red: breaks a rule; orange, "
			"dashed: a fact is missing.</figcaption></figure>\n");
	}
	flow_table(b, r);
	if (dot.oom || svg.oom)
		b->oom = 1;
	buf_release(&dot);
	buf_release(&svg);
	buf_puts(b, "</section>\n");
}

/* ---- findings --------------------------------------------------- */

static void citations(buf *b, const rule *ru)
{
	size_t i;

	if (!ru->ncites)
		return;
	buf_puts(b, "<dt>Law</dt><dd>");
	for (i = 0; i < ru->ncites; i++) {
		const citation *c = &ru->cites[i];
		buf words;

		buf_init(&words, b->al);
		buf_printf(&words, "%s, %s", c->instrument, c->article);
		buf_puts(b, i ? "; " : "");
		link(b, c->url, words.data ? words.data : "");
		if (words.oom)
			b->oom = 1;
		buf_release(&words);
	}
	buf_puts(b, "</dd>\n");
}

static void item(buf *b, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	buf_printf(b, "<dt>%s</dt><dd>", label);
	text(b, value);
	buf_puts(b, "</dd>\n");
}

static void where_line(buf *b, const finding *f)
{
	buf_puts(b, "<dt>Where</dt><dd>component <code>");
	text(b, f->comp->id);
	buf_puts(b, "</code>");
	if (f->cls) {
		buf_puts(b, ", data <code>");
		text(b, f->cls->id);
		buf_puts(b, "</code>");
	}
	if (f->facet)
		buf_printf(b, ", facet %s", f->facet);
	buf_puts(b, " <span class=\"src\">");
	text(b, f->comp->file);
	buf_printf(b, ":%u", f->comp->line);
	if (f->comp->column)
		buf_printf(b, ":%u", f->comp->column);
	buf_puts(b, "</span></dd>\n");
}

static void alternatives(buf *b, const result *r, const finding *f)
{
	const catalog *c = r->d->cat;
	const cat_provider *p = &c->providers[f->comp->provider];
	size_t i;

	if (!f->nalternatives)
		return;
	buf_printf(b, "<dt>%s</dt><dd><ul>", f->alternatives_are_scopes ?
		"Or route through" : "Or move to");
	for (i = 0; i < f->nalternatives; i++) {
		const cat_region *reg = f->alternatives_are_scopes ? NULL :
			&p->regions[f->alternatives[i]];

		buf_puts(b, "<li><code>");
		text(b, p->id);
		buf_putc(b, ':');
		text(b, reg ? reg->id : p->scopes[f->alternatives[i]].id);
		buf_puts(b, "</code>");
		if (reg) {
			buf_puts(b, " (");
			if (reg->city) {
				text(b, reg->city);
				buf_puts(b, ", ");
			}
			text(b, c->jur[reg->jurisdiction].code);
			buf_puts(b, reg->restricted ? "; restricted access)" :
				")");
		}
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul></dd>\n");
}

/* A finding that decides nothing, in a page of many deployments: its
 * heading and the exception or waiver that made it so. */
static void finding_brief(buf *b, const finding *f)
{
	const char *why = f->exception ? f->exception : f->waiver;

	if (why) {
		buf_puts(b, "<p>");
		text(b, why);
		buf_puts(b, "</p>");
	}
	buf_puts(b, "</article>\n");
}

static int decides(const finding *f)
{
	return f->verdict == SOV_VIOLATION || f->verdict == SOV_INDETERMINATE;
}

static void finding_html(buf *b, const result *r, const finding *f,
	int brief)
{
	buf_printf(b, "<article class=\"finding v-%s\" data-verdict=\"%s\"",
		verdict_names[f->verdict], verdict_names[f->verdict]);
	attr(b, "data-policy", f->pol->id);
	attr(b, "data-component", f->comp->id);
	buf_puts(b, "><h5>");
	verdict_badge(b, f->verdict);
	buf_printf(b, " <span class=\"sev\">[%s]</span> <code>",
		severity_names[f->r->severity]);
	text(b, f->r->id);
	buf_puts(b, "</code> ");
	text(b, f->r->title);
	buf_puts(b, "</h5>\n");
	if (brief && !decides(f)) {
		finding_brief(b, f);
		return;
	}
	buf_puts(b, "<dl>\n");
	where_line(b, f);
	item(b, "Why", f->explanation);
	if (f->missing && (!f->explanation ||
			   !strstr(f->explanation, f->missing)))
		item(b, "Missing", f->missing);
	item(b, "Excepted", f->exception);
	item(b, "Waiver", f->waiver);
	citations(b, f->r);
	buf_puts(b, "<dt>Rule</dt><dd><span class=\"src\">");
	text(b, f->r->file);
	buf_printf(b, ":%u</span> in policy set <code>", f->r->line);
	text(b, f->pol->id);
	buf_puts(b, "</code></dd>\n");
	item(b, "Fix", f->r->remediation);
	item(b, "Change", f->fix);
	alternatives(b, r, f);
	buf_puts(b, "</dl></article>\n");
}

/* How much a page says of each deployment. */
typedef struct {
	int brief;   /* findings that decide nothing: one line each */
	int quiet;   /* only the findings that decide, no map or diagram */
} detail;

static int listed(const finding *f, const dep_component *c,
	const detail *m)
{
	return f->comp == c && f->verdict != SOV_NOT_APPLICABLE &&
	       (!m->quiet || decides(f));
}

static void component_findings(buf *b, const result *r, size_t ci,
	const detail *m)
{
	const dep_component *c = &r->d->components[ci];
	size_t i, shown = 0;

	for (i = 0; i < r->n; i++)
		shown += listed(&r->f[i], c, m);
	if (!shown)
		return;
	buf_puts(b, "<section class=\"comp\"");
	attr(b, "data-component", c->id);
	buf_puts(b, "><h4>Component <code>");
	text(b, c->id);
	buf_puts(b, "</code>");
	if (c->kind) {
		buf_puts(b, " <span class=\"kind\">");
		text(b, c->kind);
		buf_puts(b, "</span>");
	}
	buf_puts(b, "</h4>\n");
	for (i = 0; i < r->n; i++)
		if (listed(&r->f[i], c, m))
			finding_html(b, r, &r->f[i], m->brief);
	buf_puts(b, "</section>\n");
}

static void findings(buf *b, const result *r, const detail *m)
{
	size_t i;

	buf_puts(b, "<section class=\"findings\"><h3>Findings</h3>\n");
	if (!m->quiet)
		buf_printf(b, "<p class=\"note\">%zu finding%s that did not "
			"apply %s left out.</p>\n",
			r->counts[SOV_NOT_APPLICABLE],
			r->counts[SOV_NOT_APPLICABLE] == 1 ? "" : "s",
			r->counts[SOV_NOT_APPLICABLE] == 1 ? "is" : "are");
	for (i = 0; i < r->d->ncomponents; i++)
		component_findings(b, r, i, m);
	buf_puts(b, "</section>\n");
}

static void section_open(buf *b, const result *r)
{
	/* "dep-": the page's own ids (world, filter, c-FR) stay apart. */
	buf_puts(b, "<section class=\"dep\" id=\"dep-");
	report_html_str(b, r->d->id, 1);
	buf_putc(b, '"');
	attr(b, "data-id", r->d->id);
	attr(b, "data-title", r->d->title ? r->d->title : "");
	buf_printf(b, " data-decision=\"%s\" data-violation=\"%zu\""
		" data-indeterminate=\"%zu\" data-compliant=\"%zu\""
		" data-waived=\"%zu\" aria-label=\"deployment\">\n",
		decision_names[r->decision], r->counts[SOV_VIOLATION],
		r->counts[SOV_INDETERMINATE], r->counts[SOV_COMPLIANT],
		r->counts[SOV_WAIVED]);
}

void report_html(buf *b, const result *r, const sov_report_options *o)
{
	arena *a = arena_new(b->al);
	landing *l = NULL;
	size_t n = 0;
	detail m;

	m.brief = o->inner && !o->verbose;
	m.quiet = o->quiet;
	if (!a || (!m.quiet && landings_of(a, r, &l, &n) != SOV_OK)) {
		b->oom = 1;
		arena_free(a);
		return;
	}
	if (!o->inner)
		buf_puts(b, report_html_page_open);
	section_open(b, r);
	summary(b, r, !o->inner);
	if (!m.quiet) {
		facts(b, r);
		map(b, r, l, n, m.brief);
		diagram(b, r, o, l, n);
	}
	if (!m.quiet || r->decision != SOV_DECISION_COMPLIANT)
		findings(b, r, &m);
	buf_puts(b, "</details></section>\n");
	if (!o->inner)
		buf_puts(b, report_html_page_close);
	arena_free(a);
}
