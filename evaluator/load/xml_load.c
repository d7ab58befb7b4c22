/*
 * xml_load.c - stage 1: safe parsing and schema validation.
 *
 * Input: bytes of a document. Output: a validated libxml2 tree, or
 * diagnostics with file:line:column. The parser never touches the network,
 * never loads a DTD and never substitutes entities; a DOCTYPE is refused as
 * soon as the parser meets it, before any declaration in it is read, which
 * also shuts out entity-expansion bombs.
 */
#define _POSIX_C_SOURCE 200809L
#include "xml_load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlschemastypes.h>

#include "base/diag.h"
#include "embedded.h"
#include "quickcheck.h"

const char *const xml_namespaces[DOC_KINDS] = {
	"urn:sovereign:catalog:1",
	"urn:sovereign:policy:1",
	"urn:sovereign:deployment:1",
	"urn:sovereign:tests:1",
	"urn:sovereign:waivers:1",
	"urn:sovereign:annotations:1",
};
const char *const xml_roots[DOC_KINDS] = {
	"catalog", "policy-set", "deployment", "policy-tests", "waivers",
	"annotations",
};
static const char *const schema_files[DOC_KINDS] = {
	"catalog.xsd", "policy.xsd", "deployment.xsd", "tests.xsd",
	"waivers.xsd", "annotations.xsd",
};

static int is_space(unsigned char c);

/* Per-parse state reachable from libxml2's callbacks. */
typedef struct {
	xml_doc *x;
	int saw_doctype;
	unsigned line, column;
	int reported;
	int oom;       /* libxml2 ran out of memory: not the input's fault */
} parse_state;

const embedded_file *embedded_find(const embedded_file *set, size_t n,
	const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(set[i].name, name) == 0)
			return &set[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Locating errors                                                     */

static const char *line_start(const char *text, size_t len, unsigned line)
{
	const char *p = text, *end = text + len;
	unsigned n = 1;

	while (n < line && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl)
			return NULL;
		p = nl + 1;
		n++;
	}
	return n == line ? p : NULL;
}

static void offset_position(const char *text, const char *at,
	unsigned *line, unsigned *column)
{
	const char *p;

	*line = 1;
	*column = 1;
	for (p = text; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*column = 1;
		} else if ((*(const unsigned char *)p & 0xC0) != 0x80) {
			(*column)++;
		}
	}
}

static int is_name_end(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' ||
	       c == '>';
}

/* The '<' that opens the start tag of `prefix`:`name` (no prefix when
 * NULL), searched back from the end of the line libxml2 gives (`ls` is
 * that line's start). */
static const char *find_tag_from(const xml_doc *x, const char *prefix,
	const char *name, const char *ls)
{
	const char *end, *p, *stop = x->text + x->len;
	size_t np = prefix ? strlen(prefix) : 0, nn;

	if (!ls || !name)
		return ls;
	nn = strlen(name);
	end = memchr(ls, '\n', x->len - (size_t)(ls - x->text));
	if (!end)
		end = stop;
	/* "<prefix:name" or "<name", then a character that ends a name:
	 * compared in place, this runs for every element loaded. */
	for (p = end - 1; p >= x->text; p--) {
		const char *q = p + 1;

		if (*p != '<')
			continue;
		if (np && ((size_t)(stop - q) <= np ||
			   memcmp(q, prefix, np) != 0 || q[np] != ':'))
			continue;
		q += np ? np + 1 : 0;
		if ((size_t)(stop - q) > nn && memcmp(q, name, nn) == 0 &&
		    is_name_end(q[nn]))
			return p;
	}
	return ls;
}

static const char *node_prefix(xmlNodePtr node)
{
	return node->ns && node->ns->prefix ?
	       (const char *)node->ns->prefix : NULL;
}

static const char *find_tag(const xml_doc *x, xmlNodePtr node)
{
	return find_tag_from(x, node_prefix(node), (const char *)node->name,
		line_start(x->text, x->len, xml_line(node)));
}

/* The start of `line`, walking on from the last line asked for: callers
 * go through a document in order, so this stays linear. */
static const char *cursor_line(xml_doc *x, unsigned line)
{
	const char *end = x->text + x->len;

	if (!x->cursor || line < x->cursor_line) {
		x->cursor = x->text;
		x->cursor_line = 1;
	}
	while (x->cursor_line < line) {
		const char *nl = memchr(x->cursor, '\n',
			(size_t)(end - x->cursor));

		if (!nl)
			return NULL;
		x->cursor = nl + 1;
		x->cursor_line++;
	}
	return x->cursor;
}

unsigned xml_tag_line(xml_doc *x, const char *prefix, const char *name,
	unsigned line)
{
	const char *ls, *p;

	if (!x->text || line == 0 || !name)
		return line;
	ls = cursor_line(x, line);
	if (!ls)
		return line;
	for (p = find_tag_from(x, prefix, name, ls); p < ls; p++)
		line -= *p == '\n';
	return line;
}

unsigned xml_start_line(xml_doc *x, xmlNodePtr node)
{
	return xml_tag_line(x, node_prefix(node), (const char *)node->name,
		xml_line(node));
}

static const char *find_attr(const xml_doc *x, const char *tag,
	const char *attr)
{
	size_t n = strlen(attr);
	const char *p;

	for (p = tag + 1; p < x->text + x->len && *p != '>'; p++)
		if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n') &&
		    strncmp(p, attr, n) == 0 && (p[n] == '=' || p[n] == ' '))
			return p;
	return tag;
}

static void node_position(const xml_doc *x, xmlNodePtr node,
	const char *attr, unsigned *line, unsigned *column)
{
	const char *at;

	*line = xml_line(node);
	*column = 0;
	if (!x->text || *line == 0)
		return;
	at = find_tag(x, node);
	if (at && attr)
		at = find_attr(x, at, attr);
	if (at)
		offset_position(x->text, at, line, column);
}

int xml_error(xml_doc *x, xmlNodePtr node, const char *attr,
	const char *expected, const char *fmt, ...)
{
	unsigned line = 0, column = 0;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (node)
		node_position(x, node, attr, &line, &column);
	x->errors++;
	return diag_add(x->diags, SOV_SEV_ERROR, x->name, line, column,
		expected, "%s", msg);
}

/* ------------------------------------------------------------------ */
/* Tree helpers                                                        */

int xml_boolean(const char *v, int absent)
{
	if (!v)
		return absent;
	return strcmp(v, "false") != 0 && strcmp(v, "0") != 0;
}

const char *xml_prop(xmlNodePtr node, const char *name)
{
	xmlAttrPtr a;

	for (a = node->properties; a; a = a->next)
		if (strcmp((const char *)a->name, name) == 0) {
			if (a->children && !a->children->next &&
			    a->children->type == XML_TEXT_NODE)
				return (const char *)a->children->content;
			return "";
		}
	return NULL;
}

static void collapse_blanks(char *s)
{
	const char *r;
	char *o = s;
	int blank = 0;

	if (!s)
		return;
	for (r = s; *r; r++) {
		if (is_space((unsigned char)*r) || (unsigned char)*r < 0x20) {
			blank = 1;
			continue;
		}
		if (blank && o > s)
			*o++ = ' ';
		blank = 0;
		*o++ = *r;
	}
	*o = '\0';
}

char *xml_text_copy(arena *a, const char *t)
{
	size_t len;
	char *copy;

	/* Text of token type (a <tag>) is compared: no surrounding blanks.
	 * Text shown in reports (titles, remediation, waiver reasons) reads
	 * as one line: runs of blanks and line breaks become one space. */
	while (is_space((unsigned char)*t))
		t++;
	len = strlen(t);
	while (len && is_space((unsigned char)t[len - 1]))
		len--;
	copy = arena_strndup(a, t, len);
	collapse_blanks(copy);
	return copy;
}

char *xml_text(arena *a, xmlNodePtr node)
{
	xmlChar *s = xmlNodeGetContent(node);
	char *copy;

	/* NULL only when libxml2 ran out of memory: not an empty text. */
	if (!s && node && node->type == XML_ELEMENT_NODE) {
		arena_set_failed(a);
		return NULL;
	}
	copy = xml_text_copy(a, s ? (const char *)s : "");
	xmlFree(s);
	return copy;
}

int xml_is(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)node->name, name) == 0;
}

static xmlNodePtr skip_to_element(xmlNodePtr n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

xmlNodePtr xml_first(xmlNodePtr node)
{
	return node ? skip_to_element(node->children) : NULL;
}

xmlNodePtr xml_next(xmlNodePtr node)
{
	return node ? skip_to_element(node->next) : NULL;
}

unsigned xml_line(xmlNodePtr node)
{
	long l = xmlGetLineNo(node);

	return l > 0 ? (unsigned)l : 0;
}

/* ------------------------------------------------------------------ */
/* Schemas                                                             */

static void schema_parse_error(void *ctx, xmlErrorPtr err)
{
	sov_diags *diags = ctx;

	diag_add(diags, SOV_SEV_ERROR, err->file ? err->file : "<schema>",
		(unsigned)err->line, 0, NULL, "built-in schema: %s",
		err->message ? err->message : "error");
}

static int schema_compile(xmlSchemaPtr *out, const char *name,
	sov_diags *diags)
{
	const embedded_file *f = embedded_find(embedded_schemas,
		embedded_schemas_count, name);
	xmlSchemaParserCtxtPtr pc;

	*out = NULL;
	if (!f)
		return SOV_ERROR;
	pc = xmlSchemaNewMemParserCtxt((const char *)f->data, (int)f->size);
	if (!pc)
		return SOV_ENOMEM;
	xmlSchemaSetParserStructuredErrors(pc, schema_parse_error, diags);
	*out = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	/* The build has compiled every one: only memory can fail here. */
	return *out ? SOV_OK : SOV_ENOMEM;
}

int xml_schema_get(const xml_schemas *s, doc_kind kind,
	sov_diags *diags, xmlSchemaPtr *out)
{
	xmlSchemaPtr made, none = NULL;
	int rc;

	*out = atomic_load_explicit(&s->compiled[kind],
		memory_order_acquire);
	if (*out)
		return SOV_OK;
	rc = schema_compile(&made, schema_files[kind], diags);
	if (rc != SOV_OK)
		return rc;
	if (atomic_compare_exchange_strong_explicit(&s->compiled[kind],
		    &none, made, memory_order_acq_rel,
		    memory_order_acquire)) {
		*out = made;
		return SOV_OK;
	}
	xmlSchemaFree(made);
	*out = none;
	return SOV_OK;
}

static void schemas_free(void *p)
{
	_Atomic(xmlSchemaPtr) *compiled = p;
	int i;

	for (i = 0; i < DOC_KINDS; i++)
		xmlSchemaFree(atomic_load(&compiled[i]));
}

int xml_schemas_init(xml_schemas *out, arena *a)
{
	int i;

	xmlInitParser();
	/* libxml2 2.9 sets up its built-in types on the first schema it
	 * compiles, without a lock: do it here, before threads share us. */
	xmlSchemaInitTypes();
	out->compiled = arena_alloc(a, DOC_KINDS * sizeof(*out->compiled));
	if (!out->compiled)
		return SOV_ENOMEM;
	for (i = 0; i < DOC_KINDS; i++)
		atomic_init(&out->compiled[i], NULL);
	return arena_on_free(a, schemas_free, out->compiled) ? SOV_ENOMEM :
		SOV_OK;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

/* One byte more than its size is asked for: a file that grew while it
 * was read is refused, not cut. Returns the bytes read, or -1. */
static ssize_t read_all(int fd, char *p, size_t want)
{
	size_t n = 0;

	while (n < want) {
		ssize_t got = read(fd, p + n, want - n);

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		n += (size_t)got;
	}
	return (ssize_t)n;
}

int xml_read_file(arena *a, const char *path, size_t max, char **data,
	size_t *len, sov_diags *diags)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	size_t cap;
	ssize_t n;
	char *p;
	int rc = SOV_OK;

	*data = NULL;
	*len = 0;
	if (fd < 0)
		return diag_add(diags, SOV_SEV_ERROR, path, 0, 0, NULL,
			       "cannot open: %s", strerror(errno)),
		       SOV_EIO;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		/* A FIFO would block reading, a directory has no text. */
		diag_add(diags, SOV_SEV_ERROR, path, 0, 0, "a regular file",
			"not a regular file");
		rc = SOV_EIO;
		goto cleanup;
	}
	cap = st.st_size > 0 ? (size_t)st.st_size : 0;
	if (cap > max) {
		diag_add(diags, SOV_SEV_ERROR, path, 0, 0, NULL,
			"file is %zu bytes, over the limit of %zu bytes",
			cap, max);
		rc = SOV_ELIMIT;
		goto cleanup;
	}
	p = arena_alloc(a, cap + 2);
	if (!p) {
		rc = SOV_ENOMEM;
		goto cleanup;
	}
	n = read_all(fd, p, cap + 1);
	if (n < 0) {
		diag_add(diags, SOV_SEV_ERROR, path, 0, 0, NULL,
			"read error: %s", strerror(errno));
		rc = SOV_EIO;
	} else if ((size_t)n > cap) {
		diag_add(diags, SOV_SEV_ERROR, path, 0, 0, NULL,
			"file changed size while being read");
		rc = SOV_EIO;
	} else {
		p[n] = '\0';
		*data = p;
		*len = (size_t)n;
	}
cleanup:
	close(fd);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */

static void refuse_doctype(void *ctx, const xmlChar *name,
	const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *st = ctxt->_private;

	(void)name;
	(void)external_id;
	(void)system_id;
	st->saw_doctype = 1;
	st->line = ctxt->input ? (unsigned)ctxt->input->line : 0;
	st->column = ctxt->input ? (unsigned)ctxt->input->col : 0;
	xmlStopParser(ctxt);
}

/* Diagnostics are one line: libxml2 sometimes adds a second. */
static void one_line(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	for (; *s; s++)
		if (*s == '\n' || *s == '\r')
			*s = ' ';
}

static void parse_error(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = ctx;
	parse_state *st = ctxt->_private;
	char msg[512];
	size_t n;

	if (err->code == XML_ERR_NO_MEMORY)
		st->oom = 1;
	if (st->saw_doctype || st->reported || st->oom ||
	    err->level < XML_ERR_ERROR)
		return;
	snprintf(msg, sizeof(msg), "%s",
		err->message ? err->message : "malformed XML");
	one_line(msg);
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	st->reported = 1;
	st->x->errors++;
	diag_add(st->x->diags, SOV_SEV_ERROR, st->x->name,
		(unsigned)err->line, (unsigned)(err->int2 > 0 ? err->int2 : 0),
		"well-formed XML", "malformed XML: %s", msg);
}

/* `lean` for a document the build has validated: sovereign reads only
 * the attributes of those (the built-in catalog), so the parser makes no
 * node for blank text and keeps short text in the node itself. */
static xmlDocPtr parse_tree(xml_doc *x, const char *data, size_t len,
	int lean)
{
	parse_state st;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	int options = XML_PARSE_NONET | XML_PARSE_NOERROR |
		      XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
		      (lean ? XML_PARSE_NOBLANKS | XML_PARSE_COMPACT : 0);

	memset(&st, 0, sizeof(st));
	st.x = x;
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return NULL;
	ctxt->_private = &st;
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->sax->serror = parse_error;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, x->name, NULL, options);
	/* After a failed allocation libxml2 may return a tree that lacks
	 * nodes yet calls itself well-formed, or no tree and no error: both
	 * mean out of memory. */
	if (st.oom || ctxt->errNo == XML_ERR_NO_MEMORY ||
	    (!doc && !st.reported && ctxt->errNo == XML_ERR_OK)) {
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (st.saw_doctype) {
		xmlFreeDoc(doc);
		doc = NULL;
		x->errors++;
		diag_add(x->diags, SOV_SEV_ERROR, x->name, st.line,
			st.column, "a document without DOCTYPE",
			"DOCTYPE declarations are not allowed (no DTDs, "
			"no entities)");
	} else if (!doc || !ctxt->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
		if (!st.reported) {
			x->errors++;
			diag_add(x->diags, SOV_SEV_ERROR, x->name, 0, 0,
				"well-formed XML", "malformed XML");
		}
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

static void free_doc(void *p)
{
	xmlFreeDoc(p);
}

static doc_kind root_kind(xmlNodePtr root)
{
	int k;

	for (k = 0; k < DOC_KINDS; k++)
		if (xml_is(root, xml_roots[k]) && root->ns && root->ns->href &&
		    strcmp((const char *)root->ns->href,
			   xml_namespaces[k]) == 0)
			return (doc_kind)k;
	return DOC_ANY;
}

static int check_root(xml_doc *x, doc_kind expect)
{
	char want[256];

	x->kind = root_kind(x->root);
	if (x->kind != DOC_ANY && (expect == DOC_ANY || x->kind == expect))
		return SOV_OK;
	if (expect == DOC_ANY)
		snprintf(want, sizeof(want), "<catalog>, <policy-set>, "
			"<deployment> or <policy-tests> in its "
			"urn:sovereign:*:1 namespace");
	else
		snprintf(want, sizeof(want), "<%s xmlns=\"%s\">",
			xml_roots[expect], xml_namespaces[expect]);
	xml_error(x, x->root, NULL, want,
		"unexpected root element <%s>%s%s",
		(const char *)x->root->name,
		x->root->ns ? " in namespace " : " without a namespace",
		x->root->ns ? (const char *)x->root->ns->href : "");
	return SOV_EINPUT;
}

/* Turns "{urn:sovereign:policy:1}rule" into "rule" in schema messages. */
static void strip_namespaces(char *s)
{
	char *open;

	while ((open = strstr(s, "{urn:sovereign:")) != NULL) {
		char *close = strchr(open, '}');

		if (!close)
			break;
		memmove(open, close + 1, strlen(close + 1) + 1);
	}
}

/* "..., attribute 'redundancy': ..." names the attribute to point at. */
static void attribute_named(const char *msg, char *out, size_t len)
{
	const char *a = strstr(msg, "attribute '"), *end;

	out[0] = '\0';
	if (!a)
		return;
	a += strlen("attribute '");
	end = strchr(a, '\'');
	if (end && (size_t)(end - a) < len) {
		memcpy(out, a, (size_t)(end - a));
		out[end - a] = '\0';
	}
}

/* Rewrites "... [facet 'enumeration'] The value 'x' is not an element of
 * the set {'a', 'b'}." as "... the value 'x' is not allowed", with
 * "one of 'a', 'b'" put in `expected`. Returns expected or NULL. */
static char *enumeration_expected(char *msg, size_t msglen, char *expected,
	size_t len)
{
	static const char lead[] = " [facet 'enumeration'] The value ";
	char *facet = strstr(msg, lead);
	char *value = facet ? facet + sizeof(lead) - 1 : NULL;
	char *is_not = value ? strstr(value, " is not an element") : NULL;
	char *set = is_not ? strstr(is_not, "the set {") : NULL;
	char *close = set ? strrchr(set, '}') : NULL;
	char tail[256];

	if (!close)
		return NULL;
	*close = '\0';
	snprintf(expected, len, "one of %s", set + strlen("the set {"));
	*is_not = '\0';
	snprintf(tail, sizeof(tail), " the value %s is not allowed", value);
	snprintf(facet, msglen - (size_t)(facet - msg), "%s", tail);
	return expected;
}

static void schema_error(void *ctx, xmlErrorPtr err)
{
	xml_doc *x = ctx;
	char msg[1024], attr[128], expected[512];
	char *exp, *end;
	unsigned line = (unsigned)err->line, column = 0;

	snprintf(msg, sizeof(msg), "%s", err->message ? err->message : "");
	one_line(msg);
	strip_namespaces(msg);
	end = msg + strlen(msg);
	while (end > msg && (end[-1] == '\n' || end[-1] == ' '))
		*--end = '\0';
	exp = strstr(msg, " Expected is ");
	if (exp) {
		*exp = '\0';
		exp += strlen(" Expected is ");
		if (*exp && exp[strlen(exp) - 1] == '.')
			exp[strlen(exp) - 1] = '\0';
	} else {
		exp = enumeration_expected(msg, sizeof(msg), expected,
			sizeof(expected));
	}
	attribute_named(msg, attr, sizeof(attr));
	if (err->node)
		node_position(x, err->node, attr[0] ? attr : NULL, &line,
			&column);
	x->errors++;
	diag_add(x->diags, SOV_SEV_ERROR, x->name, line, column, exp,
		"schema: %s", msg);
}

static int is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20)
			return 1;
	return 0;
}

static void blank_controls(char *s)
{
	for (; s && *s; s++)
		if ((unsigned char)*s < 0x20)
			*s = ' ';
}

/*
 * The schemas type most attributes as tokens, whose surrounding blanks a
 * validator ignores: kind="database " is valid. Readers compare raw text,
 * so the blanks go here, once, or a rule scoped to "database" would
 * silently miss that component.
 */
static void trim_attributes(xmlNodePtr n)
{
	for (; n; n = n->next) {
		xmlAttrPtr a;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (a = n->properties; a; a = a->next) {
			const char *v = a->children && a->children->type ==
				XML_TEXT_NODE ? (const char *)
				a->children->content : NULL;
			size_t len = v ? strlen(v) : 0, b = 0;

			if (!len || (!is_space((unsigned char)v[0]) &&
				     !is_space((unsigned char)v[len - 1]) &&
				     !has_control(v)))
				continue;
			while (b < len && is_space((unsigned char)v[b]))
				b++;
			while (len > b && is_space((unsigned char)v[len - 1]))
				len--;
			{
				xmlChar *t = xmlStrndup((const xmlChar *)v + b,
					(int)(len - b));

				/* A character reference such as &#10; must not
				 * break a report line: control characters
				 * become spaces. */
				blank_controls((char *)t);
				xmlNodeSetContent(a->children, t);
				xmlFree(t);
			}
		}
		trim_attributes(n->children);
	}
}

char *xml_attr_copy(arena *a, const char *v, size_t len)
{
	size_t b = 0;
	char *t;

	while (b < len && is_space((unsigned char)v[b]))
		b++;
	while (len > b && is_space((unsigned char)v[len - 1]))
		len--;
	t = arena_strndup(a, v + b, len - b);
	blank_controls(t);
	return t;
}

/* A validation context for `kind` that reports into `x`. */
static int validation_context(xml_doc *x, const xml_schemas *schemas,
	doc_kind kind, xmlSchemaValidCtxtPtr *out)
{
	xmlSchemaPtr schema;
	int rc = xml_schema_get(schemas, kind, x->diags, &schema);

	if (rc != SOV_OK)
		return rc;
	*out = xmlSchemaNewValidCtxt(schema);
	if (!*out)
		return SOV_ENOMEM;
	xmlSchemaSetValidStructuredErrors(*out, schema_error, x);
	return SOV_OK;
}

static int validate(xml_doc *x, const xml_schemas *schemas)
{
	xmlSchemaValidCtxtPtr vc;
	int rc;

	/* Most deployments are valid: the quick check proves it for them,
	 * and the schema decides the rest and words the errors. */
	if (x->kind == DOC_DEPLOYMENT && quickcheck_deployment(x->root)) {
		trim_attributes(x->root);
		return SOV_OK;
	}
	rc = validation_context(x, schemas, x->kind, &vc);
	if (rc != SOV_OK)
		return rc;
	rc = xmlSchemaValidateDoc(vc, x->doc);
	xmlSchemaFreeValidCtxt(vc);
	if (rc == 0) {
		trim_attributes(x->root);
		return SOV_OK;
	}
	if (!x->errors)
		xml_error(x, x->root, NULL, NULL, "schema validation failed");
	return rc < 0 ? SOV_ERROR : SOV_EINPUT;
}

int xml_validate_element(xml_doc *x, const xml_schemas *schemas,
	xmlNodePtr node, doc_kind kind)
{
	xmlSchemaValidCtxtPtr vc;
	int before = x->errors, rc;

	rc = validation_context(x, schemas, kind, &vc);
	if (rc != SOV_OK)
		return rc;
	rc = xmlSchemaValidateOneElement(vc, node);
	xmlSchemaFreeValidCtxt(vc);
	if (rc == 0) {
		trim_attributes(node);
		return SOV_OK;
	}
	if (x->errors == before)
		xml_error(x, node, NULL, NULL, "schema validation failed");
	return rc < 0 ? SOV_ERROR : SOV_EINPUT;
}

/* Skips the prolog, comments and processing instructions. */
static const char *first_element(const char *p, const char *end)
{
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));

		if (!lt || lt + 1 >= end)
			return NULL;
		if (lt[1] != '?' && lt[1] != '!')
			return lt + 1;
		p = lt + 2;
		if (lt[1] == '!' && end - lt > 4 &&
		    memcmp(lt, "<!--", 4) == 0) {
			const char *close = strstr(lt + 4, "-->");

			if (!close)
				return NULL;
			p = close + 3;
		}
	}
	return NULL;
}

doc_kind xml_sniff_kind(const char *data, size_t len)
{
	const char *end = data + len, *name = first_element(data, end);
	int k;

	if (!name)
		return DOC_ANY;
	for (k = 0; k < DOC_KINDS; k++) {
		size_t n = strlen(xml_roots[k]);

		if ((size_t)(end - name) > n &&
		    memcmp(name, xml_roots[k], n) == 0 &&
		    is_name_end(name[n]) &&
		    strstr(name, xml_namespaces[k]) != NULL)
			return (doc_kind)k;
	}
	return DOC_ANY;
}

/* The position of byte `at` of the text, 1-based. */
static void byte_position(const xml_doc *x, size_t at, unsigned *line,
	unsigned *column)
{
	offset_position(x->text, x->text + at, line, column);
}

/* "UTF-16" or "UTF-32" when the text starts with a byte order mark of
 * either, or with '<' and another ASCII character written in either
 * without one (as XML 1.0, appendix F, detects them); else NULL. */
static const char *wide_encoding(const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	unsigned char b[4] = { 1, 1, 1, 1 };

	memcpy(b, u, len < 4 ? len : 4);
	if ((b[0] == 0xff && b[1] == 0xfe && !b[2] && !b[3]) ||
	    (!b[0] && !b[1] && b[2] == 0xfe && b[3] == 0xff) ||
	    (b[0] == '<' && !b[1] && !b[2] && !b[3]) ||
	    (!b[0] && !b[1] && !b[2] && b[3] == '<'))
		return "UTF-32";
	if ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff) ||
	    (b[0] == '<' && !b[1] && b[2] && !b[3]) ||
	    (!b[0] && b[1] == '<' && !b[2] && b[3]))
		return "UTF-16";
	return NULL;
}

/*
 * Refused before parsing: UTF-16 and UTF-32, with the encoding named (its
 * NUL bytes would otherwise be all the user hears of), a NUL byte
 * (libxml2 would stop there and accept what precedes it, so other tools
 * would read another document), and declared encodings other than UTF-8,
 * US-ASCII and ISO-8859-1 (libxml2 reports conversion failures on
 * standard error, which a library must not touch).
 */
static int check_bytes(xml_doc *x)
{
	const char *nul = memchr(x->text, '\0', x->len);
	const char *decl = x->len > 5 && memcmp(x->text, "<?xml", 5) == 0 ?
		x->text : NULL;
	const char *end = decl ? strstr(decl, "?>") : NULL;
	const char *enc = end ? strstr(decl, "encoding") : NULL;
	const char *wide = wide_encoding(x->text, x->len);
	unsigned line, column;

	if (wide) {
		x->errors++;
		diag_add(x->diags, SOV_SEV_ERROR, x->name, 1, 1, "UTF-8",
			"the file is encoded as %s; save it as UTF-8", wide);
		return SOV_EINPUT;
	}
	if (nul) {
		byte_position(x, (size_t)(nul - x->text), &line, &column);
		x->errors++;
		diag_add(x->diags, SOV_SEV_ERROR, x->name, line, column,
			"text without NUL bytes", "NUL byte in the document");
		return SOV_EINPUT;
	}
	if (!enc || enc > end)
		return SOV_OK;
	enc = strpbrk(enc, "\"'");
	if (enc && enc < end && (!strncasecmp(enc + 1, "utf-8", 5) ||
	    !strncasecmp(enc + 1, "us-ascii", 8) ||
	    !strncasecmp(enc + 1, "iso-8859-1", 10)))
		return SOV_OK;
	byte_position(x, (size_t)(enc ? enc - x->text : 0), &line, &column);
	x->errors++;
	diag_add(x->diags, SOV_SEV_ERROR, x->name, line, column,
		"encoding UTF-8, US-ASCII or ISO-8859-1",
		"unsupported encoding declaration");
	return SOV_EINPUT;
}

/* Without `schemas` the document is one the build has validated. */
static int parse_doc(xml_doc *out, arena *a, const xml_schemas *schemas,
	const char *name, const char *data, size_t len, size_t max,
	doc_kind expect, sov_diags *diags)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->name = arena_strdup(a, name ? name : "<memory>");
	out->diags = diags;
	if (!out->name)
		return SOV_ENOMEM;
	if (len > max || len > (size_t)INT_MAX) {
		diag_add(diags, SOV_SEV_ERROR, out->name, 0, 0, NULL,
			"document is %zu bytes, over the limit of %zu bytes",
			len, max);
		return SOV_ELIMIT;
	}
	out->text = arena_strndup(a, data, len);
	out->len = len;
	if (!out->text)
		return SOV_ENOMEM;
	rc = check_bytes(out);
	if (rc != SOV_OK)
		return rc;
	out->doc = parse_tree(out, out->text, len, !schemas);
	if (!out->doc)
		return out->errors ? SOV_EINPUT : SOV_ENOMEM;
	if (arena_on_free(a, free_doc, out->doc) != 0) {
		xmlFreeDoc(out->doc);
		out->doc = NULL;
		return SOV_ENOMEM;
	}
	out->root = xmlDocGetRootElement(out->doc);
	if (!out->root)
		return SOV_ENOMEM;  /* a parsed document always has one */
	rc = check_root(out, expect);
	if (rc == SOV_OK && !schemas)
		trim_attributes(out->root);
	else if (rc == SOV_OK)
		rc = validate(out, schemas);
	return rc;
}

int xml_parse(xml_doc *out, arena *a, const xml_schemas *schemas,
	const char *name, const char *data, size_t len, size_t max,
	doc_kind expect, sov_diags *diags)
{
	return parse_doc(out, a, schemas, name, data, len, max, expect,
		diags);
}

int xml_parse_prevalidated(xml_doc *out, arena *a, const char *name,
	const char *data, size_t len, doc_kind expect, sov_diags *diags)
{
	return parse_doc(out, a, NULL, name, data, len, len, expect, diags);
}

int xml_parse_file(xml_doc *out, arena *a, const xml_schemas *schemas,
	const char *path, size_t max, doc_kind expect, sov_diags *diags)
{
	char *data;
	size_t len;
	int rc = xml_read_file(a, path, max, &data, &len, diags);

	if (rc != SOV_OK) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	return xml_parse(out, a, schemas, path, data, len, max, expect,
		diags);
}
