/*
 * emit.c - import: a finished draft as a deployment document
 * (deployment.xsd). Each component says where it was read (a comment and
 * its `source` attribute, which reports then name instead of a line of
 * this document); what the input did not say is left out, so it stays
 * unknown; resources no mapping knows are listed as <not-evaluated>.
 * The same draft always gives the same bytes.
 */
#include "emit.h"

#include <string.h>

static const char *const redundancy_names[3] = { "none", "zone", "geo" };
static const char *const custody_words[3] = {
	"customer", "provider", "third-party",
};

/* Text for inside <!-- -->: XML forbids "--" there, and control
 * characters anywhere. */
static void comment_text(buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '-' && (s[1] == '-' || s[1] == '\0'))
			buf_puts(b, "- ");
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			buf_putc(b, ' ');
		else
			buf_putc(b, *s);
	}
}

static void attr(buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	buf_printf(b, " %s=\"", name);
	buf_xml(b, value, 1);
	buf_putc(b, '"');
}

static void attr_list(buf *b, const char *name, const char *const *v,
	size_t n)
{
	size_t i;

	if (n == 0)
		return;
	buf_printf(b, " %s=\"", name);
	for (i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ' ');
		buf_xml(b, v[i], 1);
	}
	buf_putc(b, '"');
}

static void source_attr(buf *b, const draft_src *s)
{
	buf_puts(b, " source=\"");
	buf_xml(b, s->file, 1);
	if (s->column)
		buf_printf(b, ":%u:%u\"", s->line, s->column);
	else
		buf_printf(b, ":%u\"", s->line);
}

static void add_class(const char **out, size_t *n, size_t max,
	const char *k, size_t len)
{
	size_t j;

	for (j = 0; j < *n; j++)
		if (strlen(out[j]) == len && strncmp(out[j], k, len) == 0)
			return;
	if (*n < max)
		out[(*n)++] = k;
}

/* Every data class named anywhere, in order of first use. A flow's
 * classes are a list in one string: each is added with its length. */
static size_t collect_classes(const draft *d, const char **out,
	size_t *lens, size_t max)
{
	const draft_comp *c;
	const draft_flow *f;
	size_t n = 0, i;

	for (c = d->comps; c; c = c->next)
		for (i = 0; i < c->nstores + c->nprocesses; i++) {
			const char *k = i < c->nstores ? c->stores[i] :
					c->processes[i - c->nstores];

			add_class(out, &n, max, k, strlen(k));
		}
	for (f = d->flows; f; f = f->next) {
		const char *p = f->data;

		while (p && *p) {
			size_t len = strcspn(p, " \t\n");

			if (len)
				add_class(out, &n, max, p, len);
			p += len;
			p += strspn(p, " \t\n");
		}
	}
	for (i = 0; i < n; i++)
		lens[i] = strcspn(out[i], " \t\n");
	return n;
}

static void emit_head(buf *b, const draft *d)
{
	const char *classes[256];
	size_t lens[256], n = collect_classes(d, classes, lens, 256), i;

	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- ");
	comment_text(b, d->title);
	buf_puts(b, ". Written by sovereign import: facts the input does "
		"not state are left out, so the rules that need them come "
		"out indeterminate. -->\n");
	buf_puts(b, "<deployment xmlns=\"urn:sovereign:deployment:1\"");
	attr(b, "id", d->id);
	attr(b, "title", d->title);
	buf_puts(b, ">\n");
	for (i = 0; i < n; i++) {
		buf_puts(b, "  <data-class id=\"");
		buf_append(b, classes[i], lens[i]);
		buf_puts(b, "\"/>\n");
	}
}

static void emit_comment(buf *b, const draft_comp *c)
{
	buf_puts(b, "\n  <!-- ");
	comment_text(b, c->address);
	buf_puts(b, " (");
	comment_text(b, c->type);
	buf_printf(b, ") from %s:%u", c->src.file, c->src.line);
	if (c->unknown) {
		buf_puts(b, "; location unknown: ");
		comment_text(b, c->unknown);
	}
	if (c->nstores + c->nprocesses == 0 && !c->data_none)
		buf_puts(b, "; its data classes are not stated");
	if (c->replica_unknown) {
		buf_puts(b, "; a replica's place is unknown: ");
		comment_text(b, c->replica_unknown);
	}
	buf_puts(b, " -->\n");
}

static void emit_open(buf *b, const draft_comp *c)
{
	buf_puts(b, "  <component");
	attr(b, "id", c->id);
	attr(b, "kind", c->kind);
	attr(b, "provider", c->provider);
	attr(b, "region", c->region);
	attr(b, "scope", c->scope);
	if (c->redundancy >= 0 && !c->replica_unknown)
		attr(b, "redundancy", redundancy_names[c->redundancy]);
	if (c->backups_listed)
		attr(b, "backups", c->nbackups ? "listed" : "none");
	if (c->access_listed)
		attr(b, "access", c->naccess ? "listed" : "none");
	attr(b, "operator", c->operator_entity);
	attr_list(b, "mechanism", c->mechanisms, c->nmechanisms);
	if (c->nstores + c->nprocesses == 0 && !c->data_none)
		attr(b, "data", "unstated");
	source_attr(b, &c->src);
	buf_puts(b, ">\n");
}

static void emit_places(buf *b, const char *elem, const draft_place *p,
	size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		buf_printf(b, "    <%s", elem);
		attr(b, "region", p[i].region);
		attr(b, "provider", p[i].provider);
		buf_puts(b, "/>");
		if (p[i].why) {
			buf_puts(b, " <!-- ");
			comment_text(b, p[i].why);
			buf_puts(b, " -->");
		}
		buf_putc(b, '\n');
	}
}

static void emit_body(buf *b, const draft_comp *c)
{
	size_t i;

	if (c->nstores) {
		buf_puts(b, "    <stores");
		attr_list(b, "data", c->stores, c->nstores);
		buf_puts(b, "/>\n");
	}
	if (c->nprocesses) {
		buf_puts(b, "    <processes");
		attr_list(b, "data", c->processes, c->nprocesses);
		buf_puts(b, "/>\n");
	}
	emit_places(b, "replica", c->replicas, c->nreplicas);
	emit_places(b, "backup", c->backups, c->nbackups);
	if (c->naccess) {
		buf_puts(b, "    <access");
		attr_list(b, "from", c->access, c->naccess);
		buf_puts(b, "/>\n");
	}
	if (c->custody >= 0 && c->nkey_locations) {
		buf_puts(b, "    <keys");
		attr(b, "custody", custody_words[c->custody]);
		attr_list(b, "location", c->key_locations, c->nkey_locations);
		buf_puts(b, "/>\n");
	}
	for (i = 0; i < c->ntags; i++) {
		buf_puts(b, "    <tag>");
		buf_xml(b, c->tags[i], 0);
		buf_puts(b, "</tag>\n");
	}
	for (i = 0; i < c->nattrs; i++) {
		buf_puts(b, "    <attribute");
		attr(b, "name", c->attrs[i].name);
		attr(b, "value", c->attrs[i].value);
		buf_puts(b, "/>\n");
	}
}

static void emit_component(buf *b, const draft_comp *c)
{
	emit_comment(b, c);
	emit_open(b, c);
	emit_body(b, c);
	buf_puts(b, "    <attribute name=\"address\"");
	attr(b, "value", c->address);
	buf_puts(b, "/>\n    <attribute name=\"resource-type\"");
	attr(b, "value", c->type);
	buf_puts(b, "/>\n  </component>\n");
}

static void emit_flows(buf *b, const draft *d)
{
	const draft_flow *f;

	for (f = d->flows; f; f = f->next) {
		buf_puts(b, "  <flow");
		attr(b, "id", f->id);
		attr(b, "from", f->from);
		attr(b, "to", f->to);
		attr(b, "data", f->data);
		attr(b, "mechanism", f->mechanism);
		attr(b, "transit", f->transit);
		buf_puts(b, "/>\n");
	}
}

static void emit_skipped(buf *b, const draft *d)
{
	const draft_skip *s;

	if (d->skipped)
		buf_printf(b, "\n  <!-- not evaluated: %zu resource%s -->\n",
			d->nskipped, d->nskipped == 1 ? "" : "s");
	for (s = d->skipped; s; s = s->next) {
		buf_puts(b, "  <not-evaluated");
		attr(b, "type", s->type);
		attr(b, "address", s->address);
		attr(b, "reason", s->reason);
		source_attr(b, &s->src);
		buf_puts(b, "/>\n");
	}
}

void emit_deployment(buf *b, const draft *d)
{
	const draft_comp *c;

	emit_head(b, d);
	for (c = d->comps; c; c = c->next)
		emit_component(b, c);
	if (d->flows)
		buf_putc(b, '\n');
	emit_flows(b, d);
	if (d->waivers_xml)
		buf_puts(b, d->waivers_xml);
	emit_skipped(b, d);
	buf_puts(b, "</deployment>\n");
}
