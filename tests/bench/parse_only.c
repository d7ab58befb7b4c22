/*
 * parse_only.c - the floor of the benchmark: reads each file named on
 * standard input and parses it with libxml2 using the options sovereign
 * uses (no network, no entity substitution, big line numbers), then frees
 * it. Nothing else: no schema, no evaluation.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

int main(void)
{
	char path[4096];
	long n = 0, bad = 0;

	xmlInitParser();
	while (fgets(path, sizeof(path), stdin)) {
		xmlDocPtr doc;

		path[strcspn(path, "\n")] = '\0';
		doc = xmlReadFile(path, NULL, XML_PARSE_NONET |
			XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
			XML_PARSE_BIG_LINES);
		bad += doc == NULL;
		xmlFreeDoc(doc);
		n++;
	}
	fprintf(stderr, "%ld parsed, %ld failed\n", n, bad);
	return bad != 0;
}
