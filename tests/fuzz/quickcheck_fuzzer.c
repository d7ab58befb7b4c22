/*
 * quickcheck_fuzzer.c - the quick deployment check against the schema it
 * stands in for: whatever the bytes, when quickcheck_deployment() says
 * "certainly valid", deployment.xsd must accept the document.
 */
#include "fuzz_common.h"

#include <libxml/parser.h>

#include "load/quickcheck.h"
#include "load/xml_load.h"

static void quiet(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

static const xml_schemas *fuzz_schemas(void)
{
	static xml_schemas s;
	static int loaded;

	if (!loaded) {
		xmlSetGenericErrorFunc(NULL, quiet);
		if (xml_schemas_load(&s, NULL) != SOV_OK)
			fuzz_die("the schemas", NULL);
		loaded = 1;
	}
	return &s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const xml_schemas *s = fuzz_schemas();
	xmlDocPtr doc;
	xmlNodePtr root;

	if (size > 1 << 20)
		return 0;
	doc = xmlReadMemory((const char *)data, (int)size, "fuzz.xml", NULL,
		XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root && quickcheck_deployment(root)) {
		xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(
			s->schema[DOC_DEPLOYMENT]);

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
