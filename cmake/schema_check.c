/*
 * schema_check.c - a build step: validates files against an XSD with
 * libxml2, as the library would, and fails the build on the first file
 * that is not valid. The built-in catalog is embedded only once it
 * passes, so the library can read it at every start without a schema.
 *
 * usage: schema_check SCHEMA.xsd FILE...
 */
#include <stdio.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

static void report(void *file, xmlErrorPtr e)
{
	fprintf(stderr, "%s:%d: %s", (const char *)file, e->line,
		e->message ? e->message : "not valid\n");
}

static int valid(xmlSchemaPtr schema, const char *file)
{
	xmlDocPtr doc = xmlReadFile(file, NULL, XML_PARSE_NONET |
		XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlSchemaValidCtxtPtr vc;
	int rc;

	if (!doc) {
		fprintf(stderr, "%s: not well-formed XML\n", file);
		return 0;
	}
	vc = xmlSchemaNewValidCtxt(schema);
	if (!vc) {
		xmlFreeDoc(doc);
		return 0;
	}
	xmlSchemaSetValidStructuredErrors(vc, report, (void *)file);
	rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlFreeDoc(doc);
	return rc == 0;
}

int main(int argc, char **argv)
{
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr schema;
	int i, ok = 1;

	if (argc < 3) {
		fprintf(stderr, "usage: schema_check SCHEMA.xsd FILE...\n");
		return 2;
	}
	pc = xmlSchemaNewParserCtxt(argv[1]);
	schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaFreeParserCtxt(pc);
	if (!schema) {
		fprintf(stderr, "%s: cannot read the schema\n", argv[1]);
		return 1;
	}
	for (i = 2; i < argc; i++)
		ok &= valid(schema, argv[i]);
	xmlSchemaFree(schema);
	xmlCleanupParser();
	return ok ? 0 : 1;
}
