/*
 * xml_load.h - stage 1: read a document safely and validate it against the
 * built-in schema of its kind. Output: a libxml2 tree owned by an arena,
 * plus the source text for locating errors.
 */
#ifndef SOV_XML_LOAD_H
#define SOV_XML_LOAD_H

#include <stdatomic.h>

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "base/arena.h"
#include "sovereign.h"

typedef enum {
	DOC_CATALOG = 0,
	DOC_POLICY = 1,
	DOC_DEPLOYMENT = 2,
	DOC_TESTS = 3,
	DOC_WAIVERS = 4,
	DOC_ANNOTATIONS = 5,
	DOC_KINDS = 6,
	DOC_ANY = -1
} doc_kind;

#define XML_DEFAULT_MAX_INPUT (16u * 1024u * 1024u)

/*
 * The built-in schemas, each compiled the first time a document of its
 * kind needs the validator: most runs need one of the six (a policy's),
 * and a deployment the quick check vouches for needs none. Threads that
 * share a catalog share its table; two that race to compile one schema
 * both do, and the later copy is dropped.
 */
typedef struct {
	_Atomic(xmlSchemaPtr) *compiled;  /* DOC_KINDS entries */
} xml_schemas;

typedef struct {
	xmlDocPtr doc;
	xmlNodePtr root;
	doc_kind kind;
	const char *name;   /* as given, for diagnostics */
	const char *text;   /* source, NUL-terminated */
	size_t len;
	sov_diags *diags;
	int errors;         /* errors reported against this document */
	const char *cursor; /* xml_start_line(): a line start, and its */
	unsigned cursor_line;   /* number */
} xml_doc;

extern const char *const xml_namespaces[DOC_KINDS];
extern const char *const xml_roots[DOC_KINDS];

/* An empty table in `a`, whose schemas are freed with it. */
int xml_schemas_init(xml_schemas *out, arena *a);
/* The schema of `kind`, compiled now if no one has yet; errors (only
 * running out of memory: the build compiles every one) go to `diags`. */
int xml_schema_get(const xml_schemas *s, doc_kind kind, sov_diags *diags,
	xmlSchemaPtr *out);

/* Reads a whole file into `a`, refusing files over `max` bytes. */
int xml_read_file(arena *a, const char *path, size_t max, char **data,
	size_t *len, sov_diags *diags);

/*
 * Parses `data` (no DOCTYPE, no network, no entity substitution) and
 * validates it. `expect` is a kind or DOC_ANY. The tree is freed with `a`.
 */
int xml_parse(xml_doc *out, arena *a, const xml_schemas *schemas,
	const char *name, const char *data, size_t len, size_t max,
	doc_kind expect, sov_diags *diags);

/*
 * xml_parse for a document the build validated against its schema (the
 * built-in catalog: cmake/schema_check.c refuses to embed one that is not
 * valid), so that every start does not pay for it again: the same tree,
 * the same trimming, no validator.
 */
int xml_parse_prevalidated(xml_doc *out, arena *a, const char *name,
	const char *data, size_t len, doc_kind expect, sov_diags *diags);

/* Reads and parses a file: xml_read_file + xml_parse. */
int xml_parse_file(xml_doc *out, arena *a, const xml_schemas *schemas,
	const char *path, size_t max, doc_kind expect, sov_diags *diags);

/*
 * Validates the element `node` of `x` (e.g. a deployment inside a test
 * file) against the schema of `kind`; errors are reported in `x`.
 */
int xml_validate_element(xml_doc *x, const xml_schemas *schemas,
	xmlNodePtr node, doc_kind kind);

/* The kind of document `data` holds, from its root element's name and
 * namespace, without parsing it all; DOC_ANY when not one of ours. */
doc_kind xml_sniff_kind(const char *data, size_t len);

/* The attribute's text, borrowed from the tree; NULL when absent. */
const char *xml_prop(xmlNodePtr node, const char *name);
/* Element's text content copied into `a` ("" when empty). */
char *xml_text(arena *a, xmlNodePtr node);
/* The same for text `t` gathered some other way (parser events). */
char *xml_text_copy(arena *a, const char *t);
/* An attribute value v[0..len) as the tree holds it once validated: the
 * blanks around it dropped, control characters made spaces. */
char *xml_attr_copy(arena *a, const char *v, size_t len);
/* A validated xs:boolean attribute value: "false" and "0" are false,
 * any other is true; absent (NULL) is `absent`. */
int xml_boolean(const char *v, int absent);
/* Is `node` an element called `name`? */
int xml_is(xmlNodePtr node, const char *name);
/* First element child, next element sibling. */
xmlNodePtr xml_first(xmlNodePtr node);
xmlNodePtr xml_next(xmlNodePtr node);
unsigned xml_line(xmlNodePtr node);
/* The line where the node's start tag begins (libxml2 gives the line
 * where it ends). Linear over a document asked in document order. */
unsigned xml_start_line(xml_doc *x, xmlNodePtr node);
/* The same for a start tag `prefix`:`name` (prefix NULL when none)
 * that libxml2 places on `line`; x needs only text, len and cursor. */
unsigned xml_tag_line(xml_doc *x, const char *prefix, const char *name,
	unsigned line);

/* Reports an error at `node` (at attribute `attr` when not NULL). */
int xml_error(xml_doc *x, xmlNodePtr node, const char *attr,
	const char *expected, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#endif
