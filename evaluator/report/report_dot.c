/*
 * report_dot.c - the deployment as a Graphviz digraph: one node per
 * component, grouped in a cluster per country of its region; one edge
 * per data flow, labelled with the data classes it carries. A component
 * with a violation, and every flow into it, is drawn in red; one with an
 * unknown fact (indeterminate, and no violation) in orange, dashed.
 * Where copies, backups and keys are kept and where the data is reached
 * from are nodes of their own, in their country's cluster, joined to the
 * component by an edge drawn as the worst finding that touches the place
 * (landings.h). Render it with `dot -Tsvg`. See docs/reports.md.
 */
#include "report.h"
#include "landings.h"

#include <string.h>

enum { PLAIN, UNKNOWN, VIOLATING };

/* A double-quoted DOT string; "\n" in `s` stays a line break, and what
 * a terminal would obey (report.h) is shown as the text report shows it,
 * its backslash doubled so that the label keeps it. */
static void dot_str(buf *b, const char *s)
{
	buf_putc(b, '"');
	while (s && *s) {
		char esc[8];
		size_t n = report_escape(s, esc);

		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		if (*s == '\n')
			buf_puts(b, "\\n");
		else if (esc[0] && *s != '\r')
			buf_printf(b, "\\%s", esc);
		else if (*s != '\r')
			buf_append(b, s, n);
		s += n;
	}
	buf_putc(b, '"');
}

static int state(const result *r, size_t comp)
{
	const dep_component *c = &r->d->components[comp];
	int st = PLAIN;
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (r->f[i].comp != c)
			continue;
		if (r->f[i].verdict == SOV_VIOLATION)
			return VIOLATING;
		if (r->f[i].verdict == SOV_INDETERMINATE)
			st = UNKNOWN;
	}
	return st;
}

/* The country (a jurisdiction index) of a component's region, or -1. */
static int country(const result *r, size_t comp)
{
	const catalog *cat = r->d->cat;
	const dep_component *c = &r->d->components[comp];
	int j;

	if (c->region < 0)
		return -1;
	j = cat->providers[c->provider].regions[c->region].jurisdiction;
	return cat->jur[j].country >= 0 ? cat->jur[j].country : j;
}

static void node_label(buf *t, const result *r, const dep_component *c)
{
	const catalog *cat = r->d->cat;
	const cat_provider *p = &cat->providers[c->provider];

	buf_printf(t, "%s\n%s\n", c->id, c->kind ? c->kind : "component");
	if (c->region >= 0) {
		const cat_region *reg = &p->regions[c->region];

		buf_printf(t, "%s:%s", p->id, reg->id);
		if (reg->city)
			buf_printf(t, " (%s)", reg->city);
		if (c->redundancy == RED_GEO && reg->pair >= 0)
			buf_printf(t, "\ngeo pair %s (%s)",
				p->regions[reg->pair].id,
				cat->jur[p->regions[reg->pair].jurisdiction]
					.code);
	} else {
		buf_printf(t, "%s", p->id);
	}
	if (c->scope >= 0)
		buf_printf(t, "\nrouting scope %s", p->scopes[c->scope].id);
}

static void node(buf *b, buf *t, const result *r, size_t comp,
	const int *states, const char *indent)
{
	const dep_component *c = &r->d->components[comp];

	t->len = 0;
	node_label(t, r, c);
	buf_puts(b, indent);
	dot_str(b, c->id);
	buf_puts(b, " [label=");
	dot_str(b, t->data);
	if (states[comp] == VIOLATING)
		buf_puts(b, ", color=\"red\", fontcolor=\"red\", "
			"penwidth=\"2\"");
	else if (states[comp] == UNKNOWN)
		buf_puts(b, ", color=\"orange\", fontcolor=\"orange\", "
			"style=\"rounded,dashed\"");
	buf_puts(b, "];\n");
}

/* The places drawn as nodes of their own: copies, backups, keys and
 * access, each somewhere else than the component's own region. */
typedef struct {
	const landing *l;
	size_t n;
} places;

static int drawn(const result *r, const landing *l)
{
	const dep_component *c = &r->d->components[l->comp];
	const catalog *cat = r->d->cat;

	if (l->facet != F_REPLICA && l->facet != F_BACKUP &&
	    l->facet != F_KEYS && l->facet != F_ACCESSED)
		return 0;
	if (c->region < 0)
		return 1;
	if (l->region)
		return l->region !=
		       &cat->providers[c->provider].regions[c->region];
	return l->country != country(r, (size_t)l->comp);
}

static const char *const place_words[F_COUNT] = {
	[F_REPLICA] = "replica", [F_BACKUP] = "backup",
	[F_KEYS] = "keys", [F_ACCESSED] = "access",
};

static void place_id(buf *t, const result *r, const landing *l)
{
	const catalog *cat = r->d->cat;

	buf_printf(t, "%s %s %s", r->d->components[l->comp].id,
		place_words[l->facet], cat->jur[l->jur].code);
	if (l->region && l->provider >= 0)
		buf_printf(t, " %s:%s", cat->providers[l->provider].id,
			l->region->id);
}

static void place_label(buf *t, const result *r, const landing *l)
{
	const catalog *cat = r->d->cat;

	buf_printf(t, "%s %s %s\n",
		place_words[l->facet], l->facet == F_ACCESSED ? "to" : "of",
		r->d->components[l->comp].id);
	if (l->region && l->provider >= 0) {
		buf_printf(t, "%s:%s", cat->providers[l->provider].id,
			l->region->id);
		if (l->region->city)
			buf_printf(t, " (%s)", l->region->city);
	} else {
		buf_printf(t, "%s (%s)", cat->jur[l->jur].name,
			cat->jur[l->jur].code);
	}
}

static void verdict_style(buf *b, const landing *l)
{
	if (l->judged && l->worst == SOV_VIOLATION)
		buf_puts(b, ", color=\"red\", fontcolor=\"red\"");
	else if (l->judged && l->worst == SOV_INDETERMINATE)
		buf_puts(b, ", color=\"orange\", fontcolor=\"orange\", "
			"style=\"dashed\"");
}

static void place_node(buf *b, buf *t, const result *r, const landing *l,
	const char *indent)
{
	static const char *const shapes[F_COUNT] = {
		[F_REPLICA] = "cylinder", [F_BACKUP] = "cylinder",
		[F_KEYS] = "octagon", [F_ACCESSED] = "ellipse",
	};

	buf_puts(b, indent);
	t->len = 0;
	place_id(t, r, l);
	dot_str(b, t->data);
	t->len = 0;
	place_label(t, r, l);
	buf_puts(b, " [label=");
	dot_str(b, t->data);
	buf_printf(b, ", shape=\"%s\"", shapes[l->facet]);
	verdict_style(b, l);
	buf_puts(b, "];\n");
}

/* Has country `j` come before position i (components, then places)? */
static int earlier(const result *r, const int *countries, const places *P,
	size_t i, int j)
{
	size_t k, nc = r->d->ncomponents;

	for (k = 0; k < i && k < nc; k++)
		if (countries[k] == j)
			return 1;
	for (k = nc; k < i; k++)
		if (drawn(r, &P->l[k - nc]) &&
		    P->l[k - nc].country == j)
			return 1;
	return 0;
}

static void cluster(buf *b, buf *t, const result *r, int j,
	const int *countries, const int *states, const places *P)
{
	const cat_jurisdiction *jur = &r->d->cat->jur[j];
	size_t k;

	t->len = 0;
	buf_printf(t, "cluster_%s", jur->code);
	buf_puts(b, "  subgraph ");
	dot_str(b, t->data);
	buf_puts(b, " {\n    label=");
	t->len = 0;
	buf_printf(t, "%s (%s)", jur->name, jur->code);
	dot_str(b, t->data);
	buf_puts(b, ";\n    style=\"rounded\";\n"
		"    color=\"gray60\";\n");
	for (k = 0; k < r->d->ncomponents; k++)
		if (countries[k] == j)
			node(b, t, r, k, states, "    ");
	for (k = 0; k < P->n; k++)
		if (drawn(r, &P->l[k]) && P->l[k].country == j)
			place_node(b, t, r, &P->l[k], "    ");
	buf_puts(b, "  }\n");
}

/* One cluster per country, in the order of the first component there,
 * then of the first place. */
static void clusters(buf *b, buf *t, const result *r, const int *countries,
	const int *states, const places *P)
{
	const deployment *d = r->d;
	size_t i, nc = d->ncomponents;

	for (i = 0; i < nc + P->n; i++) {
		int j = i < nc ? countries[i] : drawn(r, &P->l[i - nc]) ?
			P->l[i - nc].country : -1;

		if (j >= 0 && !earlier(r, countries, P, i, j))
			cluster(b, t, r, j, countries, states, P);
	}
	for (i = 0; i < nc; i++)
		if (countries[i] < 0)
			node(b, t, r, i, states, "  ");
}

static void place_edges(buf *b, buf *t, const result *r, const places *P)
{
	size_t i;

	for (i = 0; i < P->n; i++) {
		const landing *l = &P->l[i];
		const char *comp = r->d->components[l->comp].id;

		if (!drawn(r, l))
			continue;
		t->len = 0;
		place_id(t, r, l);
		buf_puts(b, "  ");
		if (l->facet == F_ACCESSED) {
			dot_str(b, t->data);
			buf_puts(b, " -> ");
			dot_str(b, comp);
		} else {
			dot_str(b, comp);
			buf_puts(b, " -> ");
			dot_str(b, t->data);
		}
		buf_printf(b, " [label=\"%s\", style=\"dashed\"",
			place_words[l->facet]);
		verdict_style(b, l);
		buf_puts(b, "];\n");
	}
}

static void edges(buf *b, buf *t, const result *r, const int *states)
{
	const deployment *d = r->d;
	size_t i, k;

	for (i = 0; i < d->nflows; i++) {
		const dep_flow *f = &d->flows[i];
		int first = 1;

		if (f->from < 0 || f->to < 0)
			continue;
		t->len = 0;
		for (k = 0; k < f->ncarried; k++) {
			buf_printf(t, "%s%s", first ? "" : ", ",
				d->classes[f->carried[k]].id);
			first = 0;
		}
		buf_puts(b, "  ");
		dot_str(b, d->components[f->from].id);
		buf_puts(b, " -> ");
		dot_str(b, d->components[f->to].id);
		buf_puts(b, " [label=");
		dot_str(b, t->data ? t->data : "");
		if (f->id) {
			buf_puts(b, ", tooltip=");
			dot_str(b, f->id);
		}
		if (states[f->to] == VIOLATING)
			buf_puts(b, ", color=\"red\", fontcolor=\"red\"");
		buf_puts(b, "];\n");
	}
}

static void graph_label(buf *t, const result *r)
{
	buf_printf(t, "%s", r->d->id);
	if (r->d->title)
		buf_printf(t, " (%s)", r->d->title);
	buf_printf(t, "\n%s as of %s: %zu violation, %zu indeterminate",
		decision_names[r->decision], r->as_of,
		r->counts[SOV_VIOLATION], r->counts[SOV_INDETERMINATE]);
}

void report_dot(buf *b, const result *r)
{
	arena *a = arena_new(b->al);
	landing *l = NULL;
	size_t n = 0;

	if (!a || landings_of(a, r, &l, &n) != SOV_OK)
		b->oom = 1;
	else
		report_dot_with(b, r, l, n);
	arena_free(a);
}

void report_dot_with(buf *b, const result *r, const landing *l, size_t n)
{
	const deployment *d = r->d;
	buf t, tab;
	size_t i;
	int *countries, *states;
	places P;

	P.l = l;
	P.n = n;
	/* Two ints per component, kept in a byte buffer. */
	buf_init(&t, b->al);
	buf_init(&tab, b->al);
	for (i = 0; i < 2 * d->ncomponents + 1; i++) {
		int zero = 0;

		buf_append(&tab, (const char *)&zero, sizeof(zero));
	}
	if (tab.oom) {
		b->oom = 1;
		goto out;
	}
	countries = (int *)(void *)tab.data;
	states = countries + d->ncomponents;
	for (i = 0; i < d->ncomponents; i++) {
		countries[i] = country(r, i);
		states[i] = state(r, i);
	}
	buf_puts(b, "digraph ");
	dot_str(b, d->id);
	buf_puts(b, " {\n  graph [label=");
	graph_label(&t, r);
	dot_str(b, t.data);
	buf_puts(b, ", labelloc=\"t\", rankdir=\"LR\", "
		"fontname=\"Helvetica\"];\n"
		"  node [shape=\"box\", style=\"rounded\", "
		"fontname=\"Helvetica\"];\n"
		"  edge [fontname=\"Helvetica\", fontsize=\"10\"];\n");
	clusters(b, &t, r, countries, states, &P);
	edges(b, &t, r, states);
	place_edges(b, &t, r, &P);
	buf_puts(b, "}\n");
out:
	if (t.oom)
		b->oom = 1;
	buf_release(&t);
	buf_release(&tab);
}
