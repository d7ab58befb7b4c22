/*
 * report_placement.c - renders a placement: allowed candidates grouped
 * by country, the ruled-out ones with the first rule against each, and
 * the conflicting rules when nothing is allowed.
 */
#include "place/placement.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	const placement *p;
	const candidate *c;
	const char *country;  /* the country code a candidate groups under */
} row;

static int jurisdiction_of(const placement *p, const candidate *c)
{
	const cat_region *r = catalog_region_at(p->cat,
		c->provider, c->region);

	return r ? r->jurisdiction : -1;
}

static const char *group_code(const placement *p, const candidate *c)
{
	int j = jurisdiction_of(p, c);

	if (j < 0)
		return "";
	if (p->cat->jur[j].country >= 0)
		j = p->cat->jur[j].country;
	return p->cat->jur[j].code;
}

static int by_country(const void *a, const void *b)
{
	const row *x = a, *y = b;
	int d = strcmp(x->country, y->country);

	if (d)
		return d;
	if (x->c->provider != y->c->provider)
		return x->c->provider - y->c->provider;
	if (x->c->region != y->c->region)
		return x->c->region - y->c->region;
	/* Never a tie: qsort is not stable, and output must not vary. */
	return x->c->scope - y->c->scope;
}

static const char *candidate_id(const placement *p, const candidate *c)
{
	const cat_provider *pr = &p->cat->providers[c->provider];

	return c->region >= 0 ? pr->regions[c->region].id :
	       pr->scopes[c->scope].id;
}

static void text_candidate(buf *b, const placement *p, const candidate *c)
{
	const cat_provider *pr = &p->cat->providers[c->provider];
	const cat_region *r = catalog_region_at(p->cat,
		c->provider, c->region);

	report_printf(b, "  %-10s %-24s", pr->id, candidate_id(p, c));
	if (r) {
		report_printf(b, " %-18s %-6s", r->city ? r->city : "",
			p->cat->jur[r->jurisdiction].code);
		if (r->pair >= 0)
			report_printf(b, " pair %s (%s)",
				pr->regions[r->pair].id, p->cat->jur[
				pr->regions[r->pair].jurisdiction].code);
		if (r->restricted)
			buf_puts(b, "  restricted");
	}
	while (b->len && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	buf_putc(b, '\n');
}

static void text_allowed(buf *b, const placement *p, const row *rows)
{
	const char *last = NULL;
	size_t i;

	for (i = 0; i < p->n; i++) {
		const candidate *c = rows[i].c;

		if (!c->allowed)
			continue;
		if (!last || strcmp(last, rows[i].country) != 0) {
			int j = catalog_jurisdiction(p->cat, rows[i].country);

			buf_puts(b, last ? "\n" : "");
			if (j >= 0)
				report_printf(b, "%s %s\n", rows[i].country,
					p->cat->jur[j].name);
			else
				buf_puts(b, "Routing scopes\n");
			last = rows[i].country;
		}
		text_candidate(b, p, c);
	}
}

static void text_ruled_out(buf *b, const placement *p)
{
	size_t i;

	buf_puts(b, "\nRuled out:\n");
	for (i = 0; i < p->n; i++) {
		const candidate *c = &p->c[i];

		if (c->allowed)
			continue;
		report_printf(b, "  %s:%s by %s:%s - %s\n",
			p->cat->providers[c->provider].id, candidate_id(p, c),
			c->pol->id, c->r->id, c->reason ? c->reason : "");
	}
}

static void text_conflict(buf *b, const placement *p)
{
	size_t i;

	buf_puts(b, "No placement exists. These rules together rule out "
		"every candidate:\n");
	for (i = 0; i < p->nconflict; i++) {
		const rule *r = p->conflict_rules[i];
		size_t k;

		report_printf(b, "  %s: %s\n", p->conflict[i], r->title);
		for (k = 0; k < r->ncites; k++)
			report_printf(b, "    %s, %s\n",
				r->cites[k].instrument, r->cites[k].article);
	}
}

static void render_text(buf *b, const placement *p, const row *rows,
	int explain)
{
	report_printf(b, "Where %s can go under %s, as of %s:\n", p->question,
		p->policies, p->as_of);
	report_printf(b, "%zu of %zu candidate %s allowed.\n", p->allowed,
		p->n, p->scopes ? "routing scopes" : "regions");
	report_readings_text(b, p->pols, p->npols, p->pins, p->npins);
	buf_putc(b, '\n');
	if (p->allowed)
		text_allowed(b, p, rows);
	else if (p->nconflict)
		text_conflict(b, p);
	if (explain && p->allowed < p->n)
		text_ruled_out(b, p);
}

static void json_candidate(buf *b, const placement *p, const candidate *c,
	int first)
{
	const cat_provider *pr = &p->cat->providers[c->provider];
	const cat_region *r = catalog_region_at(p->cat,
		c->provider, c->region);

	buf_puts(b, first ? "\n{\"provider\":" : ",\n{\"provider\":");
	buf_json_str(b, pr->id);
	buf_puts(b, c->region >= 0 ? ",\"region\":" : ",\"scope\":");
	buf_json_str(b, candidate_id(p, c));
	buf_puts(b, ",\"city\":");
	buf_json_str(b, r ? r->city : NULL);
	buf_puts(b, ",\"jurisdiction\":");
	buf_json_str(b, r ? p->cat->jur[r->jurisdiction].code : NULL);
	buf_puts(b, ",\"pair\":");
	buf_json_str(b, r && r->pair >= 0 ? pr->regions[r->pair].id : NULL);
	buf_puts(b, ",\"pair_jurisdiction\":");
	buf_json_str(b, r && r->pair >= 0 ? p->cat->jur[
		pr->regions[r->pair].jurisdiction].code : NULL);
	buf_printf(b, ",\"restricted\":%s", r && r->restricted ? "true" :
		"false");
	buf_printf(b, ",\"status\":\"%s\",\"rule\":", c->allowed ? "allowed" :
		"ruled-out");
	buf_json_str(b, c->r ? c->r->id : NULL);
	buf_puts(b, ",\"policy\":");
	buf_json_str(b, c->pol ? c->pol->id : NULL);
	buf_puts(b, ",\"reason\":");
	buf_json_str(b, c->reason);
	buf_putc(b, '}');
}

static void render_json(buf *b, const placement *p, const row *rows)
{
	size_t i;

	buf_puts(b, "{\"schema_version\":1,\"as_of\":");
	buf_json_str(b, p->as_of);
	buf_puts(b, ",\"question\":");
	buf_json_str(b, p->question);
	buf_puts(b, ",\"policies\":");
	buf_json_str(b, p->policies);
	report_readings_json(b, p->pols, p->npols, p->pins, p->npins);
	buf_printf(b, ",\"candidates\":%zu,\"allowed\":%zu,\"conflict\":[",
		p->n, p->allowed);
	for (i = 0; i < p->nconflict; i++) {
		buf_puts(b, i ? "," : "");
		buf_json_str(b, p->conflict[i]);
	}
	buf_puts(b, "],\"results\":[");
	for (i = 0; i < p->n; i++)
		json_candidate(b, p, rows[i].c, i == 0);
	buf_puts(b, "]}\n");
}

void placement_render(buf *b, const placement *p, sov_format format,
	int explain)
{
	row *rows;
	size_t i;

	if (format == SOV_FORMAT_HTML) {
		placement_render_html(b, p);
		return;
	}
	rows = arena_mem_alloc(b->al, (p->n + 1) * sizeof(row));
	if (!rows) {
		b->oom = 1;
		return;
	}
	for (i = 0; i < p->n; i++) {
		rows[i].p = p;
		rows[i].c = &p->c[i];
		rows[i].country = group_code(p, &p->c[i]);
	}
	qsort(rows, p->n, sizeof(row), by_country);
	if (format == SOV_FORMAT_JSON)
		render_json(b, p, rows);
	else
		render_text(b, p, rows, explain);
	arena_mem_free(b->al, rows);
}
