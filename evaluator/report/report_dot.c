/*
 * report_dot.c - the deployment as a Graphviz digraph: one node per
 * component, grouped in a cluster per country of its region; one edge
 * per data flow, labelled with the data classes it carries. A component
 * with a violation, and every flow into it, is drawn in red; one with an
 * unknown fact (indeterminate, and no violation) in orange, dashed.
 * Render it with `dot -Tsvg`. See docs/reports.md.
 */
#include "report.h"

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

/* One cluster per country, in the order of the first component there. */
static void clusters(buf *b, buf *t, const result *r, const int *countries,
	const int *states)
{
	const deployment *d = r->d;
	size_t i, k;

	for (i = 0; i < d->ncomponents; i++) {
		const cat_jurisdiction *j;
		int seen = countries[i] < 0;

		for (k = 0; k < i && !seen; k++)
			seen = countries[k] == countries[i];
		if (seen)
			continue;
		j = &d->cat->jur[countries[i]];
		t->len = 0;
		buf_printf(t, "cluster_%s", j->code);
		buf_puts(b, "  subgraph ");
		dot_str(b, t->data);
		buf_puts(b, " {\n    label=");
		t->len = 0;
		buf_printf(t, "%s (%s)", j->name, j->code);
		dot_str(b, t->data);
		buf_puts(b, ";\n    style=\"rounded\";\n"
			"    color=\"gray60\";\n");
		for (k = i; k < d->ncomponents; k++)
			if (countries[k] == countries[i])
				node(b, t, r, k, states, "    ");
		buf_puts(b, "  }\n");
	}
	for (i = 0; i < d->ncomponents; i++)
		if (countries[i] < 0)
			node(b, t, r, i, states, "  ");
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
	const deployment *d = r->d;
	buf t, tab;
	size_t i;
	int *countries, *states;

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
	clusters(b, &t, r, countries, states);
	edges(b, &t, r, states);
	buf_puts(b, "}\n");
out:
	if (t.oom)
		b->oom = 1;
	buf_release(&t);
	buf_release(&tab);
}
