/*
 * Unit tests for fastcheck.c, against the schema it stands in for: for
 * every deployment in the tree, and for thousands of variants made by
 * changing one attribute, text or element at a time, "certainly valid"
 * must imply that deployment.xsd accepts the document. The shipped
 * examples must take the quick path, so that the test cannot pass by
 * never saying "valid".
 */
#include "helpers.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "deploy/deploy.h"
#include "load/quickcheck.h"
#include "load/xml_load.h"

static xml_schemas schemas;
static arena *schemas_arena;
static xmlSchemaPtr deployment_schema;
static sov_catalog *cat;
static size_t quick, checked, streamed;

static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static int setup(void **state)
{
	(void)state;
	/* Some inputs are hostile on purpose (EBCDIC, bad bytes). */
	xmlSetGenericErrorFunc(NULL, quiet);
	cat = test_catalog();
	schemas_arena = arena_new(NULL);
	return xml_schemas_init(&schemas, schemas_arena) == SOV_OK &&
	       xml_schema_get(&schemas, DOC_DEPLOYMENT, NULL,
		       &deployment_schema) == SOV_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(schemas_arena);
	sov_catalog_free(cat);
	return 0;
}

static int schema_accepts(xmlDocPtr doc)
{
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(deployment_schema);
	int rc;

	assert_non_null(vc);
	xmlSchemaSetValidStructuredErrors(vc, NULL, NULL);
	rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	return rc == 0;
}

/* The same property for the check asked of parser events: a document
 * the stream loader builds is one the schema accepts, and one the tree's
 * quick check finds certainly valid too. */
static void stream_agrees(xmlDocPtr doc, const char *what)
{
	xmlChar *text = NULL;
	xmlDocPtr again;
	deployment *d = NULL;
	int len = 0;

	xmlDocDumpMemory(doc, &text, &len);
	assert_non_null(text);
	if (deploy_stream(&d, cat, "variant.xml", (const char *)text,
			(size_t)len, XML_DEFAULT_MAX_INPUT, NULL) == SOV_OK) {
		streamed++;
		again = xmlReadMemory((const char *)text, len, NULL, NULL,
			XML_PARSE_NONET | XML_PARSE_NOERROR |
			XML_PARSE_NOWARNING);
		assert_non_null(again);
		if (!schema_accepts(again) ||
		    !quickcheck_deployment(xmlDocGetRootElement(again))) {
			print_error("events accept what the tree refuses: "
				"%s\n%s\n", what, (const char *)text);
			fail();
		}
		xmlFreeDoc(again);
	}
	deploy_free(d);
	xmlFree(text);
}

/* The one property: quick "valid" implies schema-valid. */
static void agree(xmlDocPtr doc, const char *what)
{
	int fast = quickcheck_deployment(xmlDocGetRootElement(doc));

	checked++;
	quick += fast;
	if (fast && !schema_accepts(doc)) {
		print_error("quick check accepts what the schema refuses: "
			"%s\n", what);
		fail();
	}
	stream_agrees(doc, what);
}

static xmlDocPtr read_doc(const char *path)
{
	return xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
		XML_PARSE_NOWARNING);
}

static const char *const values[] = {
	"", " ", "x", " x", "x ", "a  b", "a b", "-x", "x.y:z_w-1", "é",
	"GEO", "geo ", "geo", "zone", "none", "listed", "customer",
	"third-party", "provider", "DE", "de", "DE-BY", "DE-BYXX", "DE BY",
	"D1", "DE-", "2026-11-28", "2026-02-29", "2028-02-29", "2026-13-01",
	"2026-11-28Z", "0000-01-01", "12026-01-01", "PT24H",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
};
#define NVALUES (sizeof(values) / sizeof(values[0]))

static void try_attribute(xmlDocPtr doc, xmlNodePtr e, const xmlChar *name,
	const char *path)
{
	xmlChar *saved = xmlGetProp(e, name);
	size_t i;

	for (i = 0; i < NVALUES; i++) {
		xmlSetProp(e, name, BAD_CAST values[i]);
		agree(doc, path);
	}
	xmlUnsetProp(e, name);
	agree(doc, path);
	if (saved)
		xmlSetProp(e, name, saved);
	xmlFree(saved);
}

/* Each attribute of e: every value above, then removed; a new attribute
 * of each name the schema knows; text and a child element added. */
static void mutate_element(xmlDocPtr doc, xmlNodePtr e, const char *path)
{
	static const char *const names[] = {
		"id", "data", "region", "from", "custody", "until", "expires",
		"redundancy", "title", "bogus",
	};
	xmlChar *own[32];
	size_t nown = 0, i;
	xmlAttrPtr a;
	xmlNodePtr extra;

	/* Names first: changing an attribute replaces its node. */
	for (a = e->properties; a && nown < 32; a = a->next)
		own[nown++] = xmlStrdup(a->name);
	for (i = 0; i < nown; i++) {
		try_attribute(doc, e, own[i], path);
		xmlFree(own[i]);
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!xmlHasProp(e, BAD_CAST names[i])) {
			xmlSetProp(e, BAD_CAST names[i], BAD_CAST "x");
			agree(doc, path);
			xmlUnsetProp(e, BAD_CAST names[i]);
		}
	/* Linked by hand: xmlAddChild() would merge it into a text node. */
	extra = xmlNewDocText(doc, BAD_CAST "text");
	extra->parent = e;
	extra->next = e->children;
	if (e->children)
		e->children->prev = extra;
	else
		e->last = extra;
	e->children = extra;
	agree(doc, path);
	e->children = extra->next;
	if (e->children)
		e->children->prev = NULL;
	else
		e->last = NULL;
	extra->next = extra->parent = NULL;
	xmlFreeNode(extra);
	extra = xmlNewDocNode(doc, e->ns, BAD_CAST "data-class", NULL);
	xmlSetProp(extra, BAD_CAST "id", BAD_CAST "late");
	xmlAddChild(e, extra);
	agree(doc, path);
	xmlUnlinkNode(extra);
	xmlFreeNode(extra);
}

static void mutate_tree(xmlDocPtr doc, xmlNodePtr e, const char *path)
{
	xmlNodePtr k;

	if (e->type != XML_ELEMENT_NODE)
		return;
	mutate_element(doc, e, path);
	for (k = e->children; k; k = k->next)
		mutate_tree(doc, k, path);
}

static size_t each_deployment(const char *pattern, int mutate)
{
	glob_t g;
	size_t i, n = 0;

	if (glob(pattern, 0, NULL, &g) != 0)
		return 0;
	for (i = 0; i < g.gl_pathc; i++) {
		xmlDocPtr doc = read_doc(g.gl_pathv[i]);
		xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;

		if (root && xmlStrEqual(root->name, BAD_CAST "deployment")) {
			agree(doc, g.gl_pathv[i]);
			if (mutate)
				mutate_tree(doc, root, g.gl_pathv[i]);
			n++;
		}
		xmlFreeDoc(doc);
	}
	globfree(&g);
	return n;
}

static void examples_take_the_quick_path(void **state)
{
	static const char *const files[] = {
		"compliant.xml", "replica-violation.xml",
		"routing-scope-violation.xml", "indeterminate.xml",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[512];
		xmlDocPtr doc;

		snprintf(path, sizeof(path), "%s/examples/deployments/%s",
			SOV_SOURCE_DIR, files[i]);
		doc = read_doc(path);
		assert_non_null(doc);
		assert_true(quickcheck_deployment(xmlDocGetRootElement(doc)));
		assert_true(schema_accepts(doc));
		xmlFreeDoc(doc);
	}
}

static void never_valid_where_the_schema_refuses(void **state)
{
	size_t docs = 0;

	(void)state;
	docs += each_deployment(SOV_SOURCE_DIR "/examples/deployments/*.xml",
		1);
	docs += each_deployment(SOV_SOURCE_DIR "/tests/golden/*/*.xml", 1);
	docs += each_deployment(SOV_SOURCE_DIR "/tests/hostile/*.xml", 0);
	docs += each_deployment(SOV_SOURCE_DIR
		"/tests/fuzz/corpus/deployment/*", 0);
	print_message("%zu documents, %zu variants, %zu certainly valid, "
		"%zu built from events\n", docs, checked, quick, streamed);
	assert_true(docs >= 20);
	/* Enough variants, and both answers among them. */
	assert_true(checked > 10000);
	assert_true(quick > 100 && quick < checked);
	assert_true(streamed > 100 && streamed <= quick);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(examples_take_the_quick_path),
		cmocka_unit_test(never_valid_where_the_schema_refuses),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
