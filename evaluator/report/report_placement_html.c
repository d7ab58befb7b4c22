/*
 * report_placement_html.c - `where` as an HTML page: a map of the
 * countries where the component may go (green) and where every
 * candidate is ruled out (red), then every candidate with the rule that
 * rules it out. The page around it is the check report's
 * (report_html.c), so the two look and print alike.
 */
#include "place/placement.h"
#include "report.h"
#include "worldmap.h"

#include <string.h>

static void text(buf *b, const char *s)
{
	report_html_str(b, s, 0);
}

static int country_of(const placement *p, const candidate *c)
{
	const cat_region *r = catalog_region_at(p->cat,
		c->provider, c->region);
	int j = r ? r->jurisdiction : -1;

	return j >= 0 && p->cat->jur[j].country >= 0 ?
	       p->cat->jur[j].country : j;
}

/* 1 when some candidate in country j is allowed, 0 when all are ruled
 * out. */
static int country_allowed(const placement *p, int j)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (country_of(p, &p->c[i]) == j && p->c[i].allowed)
			return 1;
	return 0;
}

static int first_in_country(const placement *p, size_t i)
{
	int j = country_of(p, &p->c[i]);
	size_t k;

	for (k = 0; k < i; k++)
		if (country_of(p, &p->c[k]) == j)
			return 0;
	return j >= 0;
}

static void map_country(buf *b, const placement *p, int j)
{
	const cat_jurisdiction *jur = &p->cat->jur[j];
	int ok = country_allowed(p, j);
	sov_verdict v = ok ? SOV_COMPLIANT : SOV_VIOLATION;
	map_shape shape;

	if (!worldmap_find(jur->code, &shape))
		return;
	buf_printf(b, "<use href=\"#c-%s\" class=\"land v-%s\" fill=\"%s\""
		" data-country=\"%s\" data-verdict=\"%s\"><title>", jur->code,
		verdict_names[v], report_html_fills[v], jur->code,
		ok ? "allowed" : "ruled-out");
	text(b, jur->name);
	buf_puts(b, ok ? ": allowed</title></use>\n" :
		": ruled out</title></use>\n");
}

static void map(buf *b, const placement *p)
{
	size_t i;

	buf_puts(b, "<figure class=\"map\"><svg role=\"img\" viewBox=\"");
	buf_puts(b, worldmap_viewbox());
	buf_puts(b, "\" aria-label=\"World map of the countries where the "
		"component may go\"><use href=\"#world\" class=\"world\"/>\n");
	for (i = 0; i < p->n; i++)
		if (first_in_country(p, i))
			map_country(b, p, country_of(p, &p->c[i]));
	buf_printf(b, "</svg><figcaption><ul class=\"legend\"><li><span "
		"class=\"swatch\" style=\"background:%s\"></span><span "
		"class=\"badge v-compliant\"><span aria-hidden=\"true\">"
		"\xe2\x9c\x93</span> allowed</span> in some region</li><li>"
		"<span class=\"swatch\" style=\"background:%s\"></span><span "
		"class=\"badge v-violation\"><span aria-hidden=\"true\">"
		"\xe2\x9c\x97</span> ruled out</span> in every region</li>"
		"</ul></figcaption></figure>\n",
		report_html_fills[SOV_COMPLIANT],
		report_html_fills[SOV_VIOLATION]);
}

static void candidate_row(buf *b, const placement *p, const candidate *c)
{
	const cat_provider *pr = &p->cat->providers[c->provider];
	const cat_region *reg = catalog_region_at(p->cat,
		c->provider, c->region);

	buf_printf(b, "<tr data-allowed=\"%s\"><th scope=\"row\"><code>",
		c->allowed ? "yes" : "no");
	text(b, pr->id);
	buf_putc(b, ':');
	text(b, reg ? reg->id : pr->scopes[c->scope].id);
	buf_puts(b, "</code></th><td>");
	if (reg && reg->city)
		text(b, reg->city);
	buf_puts(b, "</td><td>");
	if (reg)
		text(b, p->cat->jur[reg->jurisdiction].code);
	else
		buf_puts(b, "routing scope");
	buf_puts(b, c->allowed ? "</td><td><span class=\"badge v-compliant\">"
		"<span aria-hidden=\"true\">\xe2\x9c\x93</span> allowed</span>"
		"</td><td>" : "</td><td><span class=\"badge v-violation\">"
		"<span aria-hidden=\"true\">\xe2\x9c\x97</span> ruled out"
		"</span></td><td>");
	if (!c->allowed && c->pol && c->r) {
		buf_puts(b, "<code>");
		text(b, c->pol->id);
		buf_putc(b, '/');
		text(b, c->r->id);
		buf_puts(b, "</code> ");
		text(b, c->reason);
	}
	buf_puts(b, "</td></tr>\n");
}

static void conflict(buf *b, const placement *p)
{
	size_t i;

	if (p->allowed || !p->nconflict)
		return;
	buf_puts(b, "<h3>No placement exists</h3>\n<p>These rules together "
		"rule out every candidate:</p><ul>");
	for (i = 0; i < p->nconflict; i++) {
		buf_puts(b, "<li><code>");
		text(b, p->conflict[i]);
		buf_puts(b, "</code> ");
		text(b, p->conflict_rules[i]->title);
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul>\n");
}

void placement_render_html(buf *b, const placement *p)
{
	size_t i;

	buf_puts(b, report_html_envelope[0]);
	buf_puts(b, "<section class=\"dep place\" aria-label=\"placement\">"
		"\n<h2>Where ");
	text(b, p->question);
	buf_puts(b, " can go</h2>\n<dl class=\"meta\"><dt>Under</dt>"
		"<dd><code>");
	text(b, p->policies);
	buf_printf(b, "</code></dd><dt>As of</dt><dd>%s</dd><dt>Allowed</dt>"
		"<dd>%zu of %zu candidate %s</dd><dt>Tool</dt><dd>sovereign "
		SOV_VERSION "</dd></dl>\n", p->as_of, p->allowed, p->n,
		p->scopes ? "routing scopes" : "regions");
	map(b, p);
	conflict(b, p);
	buf_puts(b, "<table class=\"candidates\"><caption>Every candidate"
		"</caption>\n<thead><tr><th scope=\"col\">Candidate</th>"
		"<th scope=\"col\">City</th>"
		"<th scope=\"col\">Jurisdiction</th>"
		"<th scope=\"col\">Verdict</th><th scope=\"col\">Ruled out by"
		"</th></tr></thead><tbody>\n");
	for (i = 0; i < p->n; i++)
		candidate_row(b, p, &p->c[i]);
	buf_puts(b, "</tbody></table></section>\n");
	buf_puts(b, report_html_envelope[2]);
}
