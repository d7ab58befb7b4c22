/*
 * quickcheck_fuzzer.c - the quick deployment check against the schema it
 * stands in for: whatever the bytes, when quickcheck_deployment() says
 * "certainly valid", deployment.xsd must accept the document.
 */
#include "fuzz_common.h"

#include <stdlib.h>

#include <libxml/parser.h>

#include "load/quickcheck.h"
#include "load/xml_load.h"

static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static arena *schemas_arena;

static void free_schemas(void)
{
	arena_free(schemas_arena);
}

/* The deployment schema, compiled once for the whole run and freed at
 * exit, so that LeakSanitizer sees nothing left. */
static xmlSchemaPtr fuzz_schema(void)
{
	static xml_schemas s;
	static xmlSchemaPtr schema;

	if (!schema) {
		xmlSetGenericErrorFunc(NULL, quiet);
		schemas_arena = arena_new(NULL);
		if (!schemas_arena || atexit(free_schemas) != 0 ||
		    xml_schemas_init(&s, schemas_arena) != SOV_OK ||
		    xml_schema_get(&s, DOC_DEPLOYMENT, NULL, &schema) !=
		    SOV_OK)
			fuzz_die("the schemas", NULL);
	}
	return schema;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	xmlSchemaPtr schema = fuzz_schema();
	xmlDocPtr doc;
	xmlNodePtr root;

	if (size > 1 << 20)
		return 0;
	doc = xmlReadMemory((const char *)data, (int)size, "fuzz.xml", NULL,
		XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root && quickcheck_deployment(root)) {
		xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);

		if (!vc)
			abort();
		xmlSchemaSetValidStructuredErrors(vc, NULL, NULL);
		if (xmlSchemaValidateDoc(vc, doc) != 0)
			abort();  /* "certainly valid" was wrong */
		xmlSchemaFreeValidCtxt(vc);
	}
	xmlFreeDoc(doc);
	return 0;
}
