/*
 * catalog_query.c - answers questions about the catalog (providers,
 * regions, one region or scope, a group on a date) as text tables or JSON,
 * for `sovereign catalog` and for embedders.
 */
#include "catalog_query.h"

#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/dates.h"

#define MAX_COLS 6

/* A text table: rows of cells, widths computed before printing. */
typedef struct {
	arena *a;
	const char **cells;
	size_t ncols, nrows, cap;
} table;

typedef struct {
	const catalog *c;
	const sov_catalog_query *q;
	sov_format format;
	buf *b;
	arena *a;
	sov_diags *diags;
	int day;
	jword *filter;      /* REGIONS with `in`: the set, else NULL */
} query;

static int table_row(table *t, const char *const *row)
{
	size_t i;

	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		const char **p = arena_calloc(t->a, cap * t->ncols,
			sizeof(char *));

		if (!p)
			return SOV_ENOMEM;
		if (t->nrows)
			memcpy(p, t->cells, t->nrows * t->ncols *
				sizeof(char *));
		t->cells = p;
		t->cap = cap;
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = row[i] ? row[i] : "";
	t->nrows++;
	return SOV_OK;
}

/* Display width: UTF-8 continuation bytes take no column. */
static size_t width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += (*(const unsigned char *)s & 0xC0) != 0x80;
	return n;
}

static void table_print(buf *b, const table *t)
{
	size_t w[MAX_COLS] = { 0 }, r, i;

	for (r = 0; r < t->nrows; r++)
		for (i = 0; i < t->ncols; i++)
			if (width(t->cells[r * t->ncols + i]) > w[i])
				w[i] = width(t->cells[r * t->ncols + i]);
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++) {
			const char *cell = t->cells[r * t->ncols + i];
			size_t pad = w[i] - width(cell);

			buf_puts(b, cell);
			if (i + 1 < t->ncols)
				buf_printf(b, "%*s", (int)(pad + 2), "");
		}
		/* Empty last cells leave padding: trim it. */
		while (b->len && b->data[b->len - 1] == ' ')
			b->data[--b->len] = '\0';
		buf_putc(b, '\n');
	}
}

/* ------------------------------------------------------------------ */
/* Shared pieces                                                       */

static const char *code(const query *Q, int j)
{
	return Q->c->jur[j].code;
}

/* "Texas, United States" for a subdivision, the name for a country. */
static const char *place_name(const query *Q, int j)
{
	const cat_jurisdiction *x = &Q->c->jur[j];

	if (x->country < 0)
		return x->name;
	return arena_printf(Q->a, "%s, %s", x->name,
		Q->c->jur[x->country].name);
}

static const char *pair_text(const query *Q, const cat_provider *p,
	const cat_region *r)
{
	if (r->pair == PAIR_NONE)
		return "none";
	if (r->pair == PAIR_UNKNOWN)
		return "unknown";
	return arena_printf(Q->a, "%s (%s)", p->regions[r->pair].id,
		code(Q, p->regions[r->pair].jurisdiction));
}

/* The laws the entity's control chain is exposed to, comma-separated. */
static const char *exposures(const query *Q, int e)
{
	const catalog *c = Q->c;
	buf b;
	size_t i;
	int d, first = 1;
	const char *out;

	buf_init(&b, arena_allocator(Q->a));
	for (i = 0; i < c->nlaws; i++) {
		int hit = 0;

		for (d = e; d >= 0 && !hit; d = c->entities[d].parent)
			hit = catalog_entity_exposed(c, d, (int)i);
		if (hit) {
			buf_printf(&b, "%s%s", first ? "" : ", ",
				c->laws[i].id);
			first = 0;
		}
	}
	if (b.oom)
		Q->b->oom = 1;  /* the report is incomplete: fail it */
	out = arena_strdup(Q->a, b.data ? b.data : "");
	buf_release(&b);
	return out;
}

/* "microsoft (US-WA) < parent ..." */
static const char *chain(const query *Q, int e)
{
	const catalog *c = Q->c;
	buf b;
	int depth = 0;
	const char *out;

	buf_init(&b, arena_allocator(Q->a));
	for (; e >= 0 && depth <= (int)c->nentities;
	     e = c->entities[e].parent, depth++)
		buf_printf(&b, "%s%s (%s, %s)", depth ? ", owned by " : "",
			c->entities[e].id, c->entities[e].name,
			code(Q, c->entities[e].seat));
	if (b.oom)
		Q->b->oom = 1;  /* the report is incomplete: fail it */
	out = arena_strdup(Q->a, b.data ? b.data : "");
	buf_release(&b);
	return out;
}

/* "commercial (stated by amazon)", or "not stated": what an adequacy
 * decision limited to a sector sees of the operator. */
static const char *sector(const query *Q, int e)
{
	int by, k = catalog_entity_sector(Q->c, e, &by);
	const char *out;

	if (k == SECTOR_UNSTATED)
		return "not stated";
	out = arena_printf(Q->a, "%s (stated by %s)", sector_names[k],
		Q->c->entities[by].id);
	if (!out)
		Q->b->oom = 1;  /* the report is incomplete: fail it */
	return out ? out : "";
}

/* "thales (Thales SA, FR): share unknown, control, from 2022-06-30; ..."
 * or "" when the entity lists no shareholders. */
static const char *holders(const query *Q, int e)
{
	const cat_entity *en = &Q->c->entities[e];
	buf b;
	size_t i;
	char day[11];
	const char *out;

	buf_init(&b, arena_allocator(Q->a));
	for (i = 0; i < en->nholders; i++) {
		const cat_holding *h = &en->holders[i];
		const cat_entity *he = &Q->c->entities[h->entity];

		buf_printf(&b, "%s%s (%s, %s): ", i ? "; " : "", he->id,
			he->name, code(Q, he->seat));
		if (h->share < 0)
			buf_puts(&b, "share unknown");
		else
			buf_printf(&b, "%g %%", h->share);
		if (h->control)
			buf_puts(&b, ", control");
		if (h->from != DATE_NONE) {
			dates_format(h->from, day);
			buf_printf(&b, ", from %s", day);
		}
		if (h->until != DATE_NONE) {
			dates_format(h->until, day);
			buf_printf(&b, ", until %s", day);
		}
	}
	if (b.oom)
		Q->b->oom = 1;  /* the report is incomplete: fail it */
	out = arena_strdup(Q->a, b.data ? b.data : "");
	buf_release(&b);
	return out;
}

static const char *const commitment_words[] = {
	"not said", "committed", "not committed"
};

/* One line per <residency> entry that covers region ri. */
static void residency_text(query *Q, const cat_provider *p, int ri)
{
	size_t i, k;

	for (i = 0; i < p->nresidencies; i++) {
		const cat_residency *r = &p->residencies[i];
		int covers = !r->nregions && !r->nscopes;

		for (k = 0; k < r->nregions; k++)
			covers |= r->regions[k] == ri;
		if (!covers)
			continue;
		buf_printf(Q->b, "  residency: %s%s%s: processing %s, storage "
			"%s (%s)\n", r->kind, r->service ? ", service " : "",
			r->service ? r->service : "",
			commitment_words[r->processing],
			commitment_words[r->storage], r->source);
	}
}

static int unknown(query *Q, const char *what, const char *id,
	sug_kind kind, int provider)
{
	char dym[160];
	const char *hint = catalog_code_hint(id);

	diag_add(Q->diags, SOV_SEV_ERROR, "", 0, 0, hint, "unknown %s '%s'%s",
		what, id, hint ? "" : catalog_did_you_mean(Q->c, kind,
		provider, id, dym, sizeof(dym)));
	return SOV_EINPUT;
}

/* ------------------------------------------------------------------ */
/* Providers                                                           */

static int providers_text(query *Q)
{
	table t = { Q->a, NULL, 5, 0, 0 };
	const char *head[] = { "PROVIDER", "NAME", "OPERATOR", "REGIONS",
			       "EXPOSED TO" };
	size_t i;
	int rc = table_row(&t, head);

	for (i = 0; i < Q->c->nproviders && rc == SOV_OK; i++) {
		const cat_provider *p = &Q->c->providers[i];
		const cat_entity *e = &Q->c->entities[p->entity];
		const char *row[5];

		row[0] = p->id;
		row[1] = p->name;
		row[2] = arena_printf(Q->a, "%s (%s)", e->id,
			code(Q, e->seat));
		row[3] = arena_printf(Q->a, "%zu", p->nregions);
		row[4] = exposures(Q, p->entity);
		rc = table_row(&t, row);
	}
	if (rc == SOV_OK)
		table_print(Q->b, &t);
	return rc;
}

static int providers_json(query *Q)
{
	size_t i;

	buf_puts(Q->b, "{\"providers\":[");
	for (i = 0; i < Q->c->nproviders; i++) {
		const cat_provider *p = &Q->c->providers[i];
		const cat_entity *e = &Q->c->entities[p->entity];

		buf_puts(Q->b, i ? ",\n{\"id\":" : "\n{\"id\":");
		buf_json_str(Q->b, p->id);
		buf_puts(Q->b, ",\"name\":");
		buf_json_str(Q->b, p->name);
		buf_puts(Q->b, ",\"operator\":");
		buf_json_str(Q->b, e->id);
		buf_puts(Q->b, ",\"seat\":");
		buf_json_str(Q->b, code(Q, e->seat));
		buf_puts(Q->b, ",\"control\":");
		buf_json_str(Q->b, chain(Q, p->entity));
		buf_printf(Q->b, ",\"regions\":%zu,\"exposed_to\":",
			p->nregions);
		buf_json_str(Q->b, exposures(Q, p->entity));
		buf_putc(Q->b, '}');
	}
	buf_puts(Q->b, "]}\n");
	return SOV_OK;
}

static int providers(query *Q)
{
	return Q->format == SOV_FORMAT_JSON ? providers_json(Q) :
	       providers_text(Q);
}

/* ------------------------------------------------------------------ */
/* Regions                                                             */

static int region_selected(const query *Q, const cat_region *r)
{
	return !Q->filter || jurset_has(Q->filter, (size_t)r->jurisdiction);
}

static void region_json(query *Q, const cat_provider *p,
	const cat_region *r, int first)
{
	buf_puts(Q->b, first ? "\n{\"provider\":" : ",\n{\"provider\":");
	buf_json_str(Q->b, p->id);
	buf_puts(Q->b, ",\"region\":");
	buf_json_str(Q->b, r->id);
	buf_puts(Q->b, ",\"city\":");
	buf_json_str(Q->b, r->city);
	buf_puts(Q->b, ",\"jurisdiction\":");
	buf_json_str(Q->b, code(Q, r->jurisdiction));
	buf_puts(Q->b, ",\"place\":");
	buf_json_str(Q->b, place_name(Q, r->jurisdiction));
	buf_puts(Q->b, ",\"pair\":");
	if (r->pair >= 0) {
		buf_json_str(Q->b, p->regions[r->pair].id);
		buf_puts(Q->b, ",\"pair_jurisdiction\":");
		buf_json_str(Q->b, code(Q, p->regions[r->pair].jurisdiction));
	} else {
		buf_json_str(Q->b, r->pair == PAIR_NONE ? "none" : NULL);
	}
	buf_printf(Q->b, ",\"restricted\":%s}", r->restricted ? "true" :
		"false");
}

static int regions(query *Q, int provider)
{
	table t = { Q->a, NULL, 5, 0, 0 };
	const char *head[] = { "PROVIDER", "REGION", "CITY", "COUNTRY",
			       "PAIR" };
	size_t i, k, n = 0;
	int rc = table_row(&t, head);

	if (Q->format == SOV_FORMAT_JSON)
		buf_puts(Q->b, "{\"regions\":[");
	for (i = 0; i < Q->c->nproviders && rc == SOV_OK; i++) {
		const cat_provider *p = &Q->c->providers[i];

		if (provider >= 0 && (int)i != provider)
			continue;
		for (k = 0; k < p->nregions && rc == SOV_OK; k++) {
			const cat_region *r = &p->regions[k];
			const char *row[5];

			if (!region_selected(Q, r))
				continue;
			if (Q->format == SOV_FORMAT_JSON) {
				region_json(Q, p, r, n++ == 0);
				continue;
			}
			row[0] = p->id;
			row[1] = r->id;
			row[2] = r->city;
			row[3] = arena_printf(Q->a, "%s (%s)",
				code(Q, r->jurisdiction),
				place_name(Q, r->jurisdiction));
			row[4] = pair_text(Q, p, r);
			rc = table_row(&t, row);
			n++;
		}
	}
	if (Q->format == SOV_FORMAT_JSON)
		buf_puts(Q->b, "]}\n");
	else if (rc == SOV_OK && n)
		table_print(Q->b, &t);
	else if (rc == SOV_OK)
		buf_puts(Q->b, "No region matches.\n");
	return rc;
}

static int region_filter(query *Q)
{
	cat_member m;

	if (!Q->q->in)
		return SOV_OK;
	if (catalog_member_ref(Q->c, NULL, 0, Q->q->in, &m) != 0)
		return unknown(Q, "group or jurisdiction", Q->q->in, SUG_REF,
			-1);
	Q->filter = jurset_new(Q->a, Q->c->words);
	if (!Q->filter)
		return SOV_ENOMEM;
	if (m.is_group)
		catalog_expand_group(Q->c, NULL, &Q->c->groups[m.index],
			Q->day, Q->filter, 0);
	else
		catalog_add_jurisdiction(Q->c, Q->filter, m.index);
	return SOV_OK;
}

static int regions_query(query *Q)
{
	int provider = -1, rc;

	if (Q->q->provider) {
		provider = catalog_provider(Q->c, Q->q->provider);
		if (provider < 0)
			return unknown(Q, "provider", Q->q->provider,
				SUG_PROVIDER, -1);
	}
	rc = region_filter(Q);
	return rc == SOV_OK ? regions(Q, provider) : rc;
}

/* ------------------------------------------------------------------ */
/* Resolve                                                             */

/* Routing scopes of `p` that contain region `ri`, comma-separated. */
static const char *scopes_of(const query *Q, const cat_provider *p, int ri)
{
	buf b;
	size_t i, k;
	const char *out;

	buf_init(&b, arena_allocator(Q->a));
	for (i = 0; i < p->nscopes; i++)
		for (k = 0; k < p->scopes[i].nregions; k++)
			if (p->scopes[i].regions[k] == ri)
				buf_printf(&b, "%s%s", b.len ? ", " : "",
					p->scopes[i].id);
	if (b.oom)
		Q->b->oom = 1;  /* the report is incomplete: fail it */
	out = arena_strdup(Q->a, b.data ? b.data : "");
	buf_release(&b);
	return out;
}

static void resolve_region_text(query *Q, const cat_provider *p, int ri)
{
	const cat_region *r = &p->regions[ri];
	buf *b = Q->b;

	buf_printf(b, "%s:%s\n", p->id, r->id);
	buf_printf(b, "  provider:  %s\n", p->name);
	buf_printf(b, "  location:  %s%s%s (%s)\n", r->city ? r->city : "",
		r->city ? ", " : "", code(Q, r->jurisdiction),
		place_name(Q, r->jurisdiction));
	if (r->pair >= 0) {
		const cat_region *pr = &p->regions[r->pair];

		buf_printf(b, "  pair:      %s%s%s%s, %s (%s)\n", pr->id,
			pr->city ? " (" : "", pr->city ? pr->city : "",
			pr->city ? ")" : "", code(Q, pr->jurisdiction),
			place_name(Q, pr->jurisdiction));
	} else {
		buf_printf(b, "  pair:      %s\n", r->pair == PAIR_NONE ?
			"none (no geo-redundancy pair)" :
			"not in the catalog");
	}
	buf_printf(b, "  scopes:    %s\n", *scopes_of(Q, p, ri) ?
		scopes_of(Q, p, ri) : "none");
	buf_printf(b, "  control:   %s\n", chain(Q, p->entity));
	buf_printf(b, "  sector:    %s\n", sector(Q, p->entity));
	if (*holders(Q, p->entity))
		buf_printf(b, "  holders:   %s\n", holders(Q, p->entity));
	buf_printf(b, "  exposed:   %s\n", *exposures(Q, p->entity) ?
		exposures(Q, p->entity) : "none of the catalog's laws");
	residency_text(Q, p, ri);
	if (r->restricted)
		buf_puts(b, "  note:      restricted access region\n");
}

static void resolve_region_json(query *Q, const cat_provider *p, int ri)
{
	buf_puts(Q->b, "{\"kind\":\"region\",\"region\":");
	region_json(Q, p, &p->regions[ri], 1);
	buf_puts(Q->b, ",\"scopes\":");
	buf_json_str(Q->b, scopes_of(Q, p, ri));
	buf_puts(Q->b, ",\"control\":");
	buf_json_str(Q->b, chain(Q, p->entity));
	buf_puts(Q->b, ",\"sector\":");
	buf_json_str(Q->b, sector(Q, p->entity));
	buf_puts(Q->b, ",\"exposed_to\":");
	buf_json_str(Q->b, exposures(Q, p->entity));
	/* Only when stated, as "holders:" in the text. */
	if (*holders(Q, p->entity)) {
		buf_puts(Q->b, ",\"shareholders\":");
		buf_json_str(Q->b, holders(Q, p->entity));
	}
	buf_puts(Q->b, "}\n");
}

static int resolve_scope(query *Q, const cat_provider *p, int si)
{
	const cat_scope *s = &p->scopes[si];
	table t = { Q->a, NULL, 3, 0, 0 };
	size_t k;
	int rc = SOV_OK;

	if (Q->format == SOV_FORMAT_JSON) {
		buf_puts(Q->b, "{\"kind\":\"scope\",\"provider\":");
		buf_json_str(Q->b, p->id);
		buf_puts(Q->b, ",\"scope\":");
		buf_json_str(Q->b, s->id);
		buf_puts(Q->b, ",\"name\":");
		buf_json_str(Q->b, s->name);
		buf_puts(Q->b, ",\"regions\":[");
		for (k = 0; k < s->nregions; k++)
			region_json(Q, p, &p->regions[s->regions[k]], k == 0);
		buf_puts(Q->b, "]}\n");
		return SOV_OK;
	}
	buf_printf(Q->b, "%s:%s - routing scope%s%s: %zu regions\n", p->id,
		s->id, s->name ? " " : "", s->name ? s->name : "",
		s->nregions);
	for (k = 0; k < s->nregions && rc == SOV_OK; k++) {
		const cat_region *r = &p->regions[s->regions[k]];
		const char *row[3];

		row[0] = arena_printf(Q->a, "  %s", r->id);
		row[1] = r->city;
		row[2] = arena_printf(Q->a, "%s (%s)",
			code(Q, r->jurisdiction),
			place_name(Q, r->jurisdiction));
		rc = table_row(&t, row);
	}
	if (rc == SOV_OK)
		table_print(Q->b, &t);
	return rc;
}

static int resolve_query(query *Q)
{
	const char *subject = Q->q->subject, *colon;
	char provider[129];
	int pi, ri, si;
	const cat_provider *p;

	colon = subject ? strchr(subject, ':') : NULL;
	if (!colon || (size_t)(colon - subject) >= sizeof(provider)) {
		diag_add(Q->diags, SOV_SEV_ERROR, "", 0, 0,
			"PROVIDER:REGION or PROVIDER:SCOPE, e.g. "
			"azure:brazilsouth", "cannot resolve '%s'",
			subject ? subject : "");
		return SOV_EUSAGE;
	}
	memcpy(provider, subject, (size_t)(colon - subject));
	provider[colon - subject] = '\0';
	pi = catalog_provider(Q->c, provider);
	if (pi < 0)
		return unknown(Q, "provider", provider, SUG_PROVIDER, -1);
	p = &Q->c->providers[pi];
	ri = catalog_region(p, colon + 1);
	si = catalog_scope(p, colon + 1);
	if (ri >= 0 && Q->format == SOV_FORMAT_JSON)
		resolve_region_json(Q, p, ri);
	else if (ri >= 0)
		resolve_region_text(Q, p, ri);
	else if (si >= 0)
		return resolve_scope(Q, p, si);
	else
		return unknown(Q, "region or scope", colon + 1, SUG_REGION,
			pi);
	return SOV_OK;
}

/* ------------------------------------------------------------------ */
/* Groups                                                              */

/* The condition a direct member with this jurisdiction carries. */
static const char *condition_of(const cat_group *g, int j, int day)
{
	size_t i;

	for (i = 0; i < g->nmembers; i++)
		if (!g->members[i].is_group && g->members[i].index == j &&
		    dates_in_range(day, g->members[i].from,
				   g->members[i].until))
			return g->members[i].condition;
	return NULL;
}

static void group_member(query *Q, table *t, const cat_group *g, int j,
	size_t n)
{
	const char *cond = condition_of(g, j, Q->day);
	const char *row[3];

	if (Q->format == SOV_FORMAT_JSON) {
		buf_puts(Q->b, n ? ",{\"jurisdiction\":" :
			"{\"jurisdiction\":");
		buf_json_str(Q->b, code(Q, j));
		buf_puts(Q->b, ",\"name\":");
		buf_json_str(Q->b, place_name(Q, j));
		buf_puts(Q->b, ",\"condition\":");
		buf_json_str(Q->b, cond);
		buf_putc(Q->b, '}');
		return;
	}
	row[0] = arena_printf(Q->a, "  %s", code(Q, j));
	row[1] = place_name(Q, j);
	row[2] = cond ? arena_printf(Q->a, "only if: %s", cond) : "";
	table_row(t, row);
}

static int group_query(query *Q)
{
	table t = { Q->a, NULL, 3, 0, 0 };
	const cat_group *g;
	jword *set = jurset_new(Q->a, Q->c->words);
	int gi = Q->q->subject ? catalog_group(Q->c, Q->q->subject) : -1;
	long j;
	size_t n = 0;

	if (gi < 0)
		return unknown(Q, "group", Q->q->subject ? Q->q->subject : "",
			SUG_REF, -1);
	if (!set)
		return SOV_ENOMEM;
	g = &Q->c->groups[gi];
	catalog_expand_group(Q->c, NULL, g, Q->day, set, 0);
	if (Q->format == SOV_FORMAT_JSON) {
		buf_puts(Q->b, "{\"group\":");
		buf_json_str(Q->b, g->id);
		buf_puts(Q->b, ",\"name\":");
		buf_json_str(Q->b, g->name);
		buf_puts(Q->b, ",\"as_of\":");
		buf_json_str(Q->b, Q->q->as_of);
		buf_puts(Q->b, ",\"members\":[");
	}
	for (j = jurset_next(set, Q->c->words, 0); j >= 0;
	     j = jurset_next(set, Q->c->words, (size_t)j + 1)) {
		int country = Q->c->jur[j].country;

		/* Subdivisions come with their country: list the country. */
		if (country >= 0 && jurset_has(set, (size_t)country))
			continue;
		group_member(Q, &t, g, (int)j, n++);
	}
	if (Q->format == SOV_FORMAT_JSON) {
		buf_puts(Q->b, "]}\n");
		return SOV_OK;
	}
	buf_printf(Q->b, "%s%s%s%s, as of %s: %zu member%s\n", g->id,
		g->name ? " (" : "", g->name ? g->name : "",
		g->name ? ")" : "", Q->q->as_of, n, n == 1 ? "" : "s");
	table_print(Q->b, &t);
	return SOV_OK;
}

/* ------------------------------------------------------------------ */

static int needs_date(const sov_catalog_query *q)
{
	return q->kind == SOV_QUERY_GROUP ||
	       (q->kind == SOV_QUERY_REGIONS && q->in);
}

int catalog_query(buf *b, const catalog *c, const sov_catalog_query *q,
	sov_format format, sov_diags *diags)
{
	query Q;
	int rc;

	memset(&Q, 0, sizeof(Q));
	Q.c = c;
	Q.q = q;
	Q.format = format;
	Q.b = b;
	Q.diags = diags;
	if (needs_date(q) && (!q->as_of || dates_parse(q->as_of, &Q.day))) {
		diag_add(diags, SOV_SEV_ERROR, "", 0, 0, "YYYY-MM-DD",
			"bad or missing as-of date '%s'", q->as_of ?
			q->as_of : "");
		return SOV_EUSAGE;
	}
	Q.a = arena_new(arena_allocator(c->arena));
	if (!Q.a)
		return SOV_ENOMEM;
	if (q->kind == SOV_QUERY_PROVIDERS)
		rc = providers(&Q);
	else if (q->kind == SOV_QUERY_REGIONS)
		rc = regions_query(&Q);
	else if (q->kind == SOV_QUERY_RESOLVE)
		rc = resolve_query(&Q);
	else if (q->kind == SOV_QUERY_GROUP)
		rc = group_query(&Q);
	else
		rc = SOV_EUSAGE;
	if (rc == SOV_OK && (arena_failed(Q.a) || b->oom))
		rc = SOV_ENOMEM;
	arena_free(Q.a);
	return rc;
}
