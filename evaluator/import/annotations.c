/*
 * annotations.c - import: reads annotation files and adds what they say
 * to the components a reader made. The values use the tag convention's
 * syntax (draft_apply_field), so a fact is written the same way in a tag
 * and in an annotation; a mistake is reported at the annotation's line.
 */
#include "annotations.h"

#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "load/xml_load.h"

const char *const annotation_fields[ANN_FIELDS] = {
	"data", "processes", "kind", "access", "keys", "mechanism", "tag",
	"id", "operator", "redundancy", "backups",
};

/* resource -> EMPTY with address | match, and the fields */
static int read_resource(annotations *an, xml_doc *x, xmlNodePtr n,
	ann_resource *r)
{
	const char *match = xml_prop(n, "match");
	char err[256];
	size_t off = 0, i;

	r->file = an->file;
	r->line = xml_start_line(x, n);
	r->address = arena_strdup(an->arena, xml_prop(n, "address"));
	for (i = 0; i < ANN_FIELDS; i++)
		r->values[i] = arena_strdup(an->arena,
			xml_prop(n, annotation_fields[i]));
	if (!r->address == !match)
		return xml_error(x, n, NULL, "either address or match",
			"a <resource> selects by address or by match");
	if (match && !(r->match = pattern_compile(an->arena, match, err,
			sizeof(err), &off)))
		return xml_error(x, n, "match", "a PCRE2 pattern",
			"bad pattern at offset %zu: %s", off, err);
	return arena_failed(an->arena) ? SOV_ENOMEM : SOV_OK;
}

/* flow -> EMPTY with from, to, data (ends: addresses or ids) */
static int read_flow(annotations *an, xml_doc *x, xmlNodePtr n,
	draft_flow **last)
{
	draft_flow *f = arena_calloc(an->arena, 1, sizeof(*f));

	if (!f)
		return SOV_ENOMEM;
	f->src.file = an->file;
	f->src.line = xml_start_line(x, n);
	f->id = arena_strdup(an->arena, xml_prop(n, "id"));
	f->from = arena_strdup(an->arena, xml_prop(n, "from"));
	f->to = arena_strdup(an->arena, xml_prop(n, "to"));
	f->data = arena_strdup(an->arena, xml_prop(n, "data"));
	f->mechanism = arena_strdup(an->arena, xml_prop(n, "mechanism"));
	f->transit = arena_strdup(an->arena, xml_prop(n, "transit"));
	if (*last)
		(*last)->next = f;
	else
		an->flows = f;
	*last = f;
	return arena_failed(an->arena) ? SOV_ENOMEM : SOV_OK;
}

/* waiver -> text, copied as the deployment's own waiver */
static void copy_waiver(buf *b, xmlNodePtr n, arena *a)
{
	static const char *const names[] = {
		"rule", "component", "data", "expires", "reference",
		"approver",
	};
	size_t i;

	buf_puts(b, "  <waiver");
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = xml_prop(n, names[i]);

		if (!v)
			continue;
		buf_printf(b, " %s=\"", names[i]);
		buf_xml(b, v, 1);
		buf_putc(b, '"');
	}
	buf_putc(b, '>');
	buf_xml(b, xml_text(a, n), 0);
	buf_puts(b, "</waiver>\n");
}

static size_t count(xmlNodePtr root, const char *name)
{
	xmlNodePtr e;
	size_t n = 0;

	for (e = xml_first(root); e; e = xml_next(e))
		n += xml_is(e, name);
	return n;
}

static int from_document(annotations *an, xml_doc *x)
{
	xmlNodePtr root = xmlDocGetRootElement(x->doc), e;
	draft_flow *last = NULL;
	buf w;
	int rc = SOV_OK;

	an->deployment = arena_strdup(an->arena, xml_prop(root,
		"deployment"));
	an->title = arena_strdup(an->arena, xml_prop(root, "title"));
	an->resources = arena_calloc(an->arena, count(root, "resource") + 1,
		sizeof(ann_resource));
	if (!an->resources)
		return SOV_ENOMEM;
	buf_init(&w, arena_allocator(an->arena));
	for (e = xml_first(root); e && rc == SOV_OK; e = xml_next(e)) {
		if (xml_is(e, "resource"))
			rc = read_resource(an, x, e,
				&an->resources[an->nresources++]);
		else if (xml_is(e, "flow"))
			rc = read_flow(an, x, e, &last);
		else if (xml_is(e, "waiver"))
			copy_waiver(&w, e, an->arena);
	}
	if (rc == SOV_OK && w.len) {
		buf_putc(&w, '\0');
		an->waivers_xml = w.oom ? NULL : arena_strdup(an->arena,
			w.data);
		rc = an->waivers_xml ? SOV_OK : SOV_ENOMEM;
	}
	buf_release(&w);
	if (rc == SOV_OK && x->errors)
		rc = SOV_EINPUT;
	return rc;
}

int annotations_load(annotations **out, const catalog *cat,
	const char *name, const char *data, size_t len,
	const sov_options *opts, sov_diags *diags)
{
	const sov_allocator *al = opts ? opts->allocator : NULL;
	size_t max = opts && opts->max_input_size ? opts->max_input_size :
		     XML_DEFAULT_MAX_INPUT;
	arena *tmp = arena_new(al), *a = arena_new(al);
	annotations *an = a ? arena_calloc(a, 1, sizeof(*an)) : NULL;
	xml_doc x;
	int rc = tmp && an ? SOV_OK : SOV_ENOMEM;

	*out = NULL;
	if (rc == SOV_OK && data)
		rc = xml_parse(&x, tmp, &cat->schemas, name, data, len, max,
			DOC_ANNOTATIONS, diags);
	else if (rc == SOV_OK)
		rc = xml_parse_file(&x, tmp, &cat->schemas, name, max,
			DOC_ANNOTATIONS, diags);
	if (rc == SOV_OK) {
		an->arena = a;
		an->file = arena_strdup(a, name);
		rc = an->file ? from_document(an, &x) : SOV_ENOMEM;
	}
	arena_free(tmp);
	if (rc != SOV_OK) {
		arena_free(a);
		return rc;
	}
	*out = an;
	return SOV_OK;
}

void annotations_free(annotations *an)
{
	if (an)
		arena_free(an->arena);
}

/* ------------------------------------------------------------------ */
/* Applying                                                            */

static int selects(const ann_resource *r, const draft_comp *c)
{
	if (r->address)
		return strcmp(r->address, c->address) == 0;
	/* A pattern past its limits selects: failing open would let a
	 * resource escape the facts it was meant to get. */
	return pattern_match(r->match, c->address) != 0;
}

static int apply_resource(const ann_resource *r, draft *d)
{
	draft_src at = { r->file, r->line, 0 };
	draft_comp *c;
	size_t i, used = 0;
	int rc = SOV_OK;

	for (c = d->comps; c && rc == SOV_OK; c = c->next) {
		if (!selects(r, c))
			continue;
		used++;
		for (i = 0; i < ANN_FIELDS && rc == SOV_OK; i++)
			if (r->values[i])
				rc = draft_apply_field(d, c,
					annotation_fields[i], r->values[i],
					&at);
	}
	if (rc == SOV_OK && !used)
		draft_warning(d, &at, NULL, "the annotation selects no "
			"resource of the input (%s '%s')", r->address ?
			"address" : "match", r->address ? r->address :
			"pattern");
	return rc;
}

static int add_flows(const annotations *an, draft *d)
{
	const draft_flow *f;

	for (f = an->flows; f; f = f->next) {
		draft_flow *copy = arena_alloc(d->arena, sizeof(*copy));

		if (!copy)
			return SOV_ENOMEM;
		*copy = *f;
		copy->next = NULL;
		if (d->last_flow)
			d->last_flow->next = copy;
		else
			d->flows = copy;
		d->last_flow = copy;
	}
	return SOV_OK;
}

int annotations_apply(const annotations *an, draft *d)
{
	size_t i;
	int rc = SOV_OK;

	for (i = 0; i < an->nresources && rc == SOV_OK; i++)
		rc = apply_resource(&an->resources[i], d);
	if (rc == SOV_OK)
		rc = add_flows(an, d);
	if (an->deployment)
		d->id = an->deployment;
	if (an->title)
		d->title = an->title;
	d->waivers_xml = an->waivers_xml;
	return rc;
}
