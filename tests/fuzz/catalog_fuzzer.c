/*
 * catalog_fuzzer.c - a user catalog file on top of the built-in one (the
 * API reads catalogs from files: the input is written to a private
 * temporary directory). A catalog that loads answers every kind of query.
 */
#include "fuzz_common.h"

static void query(const sov_catalog *cat, sov_query_kind kind,
	const char *subject, const char *in)
{
	sov_catalog_query q = SOV_CATALOG_QUERY_INIT;
	char *buf = NULL;
	size_t len;
	int f;

	q.kind = kind;
	q.subject = subject;
	q.in = in;
	q.as_of = FUZZ_AS_OF;
	for (f = SOV_FORMAT_TEXT; f <= SOV_FORMAT_JSON; f++)
		if (sov_catalog_query_render(&buf, &len, cat, &q,
			    (sov_format)f, NULL) == SOV_OK)
			sov_catalog_buffer_free(cat, buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("catalog.xml", data, size);
	sov_catalog *cat = NULL;
	sov_diags *d = NULL;

	if (sov_diags_new(&d) != SOV_OK)
		return 0;
	if (sov_catalog_load(&cat, &path, 1, NULL, d) == SOV_OK) {
		query(cat, SOV_QUERY_PROVIDERS, NULL, NULL);
		query(cat, SOV_QUERY_REGIONS, NULL, "EEA");
		query(cat, SOV_QUERY_RESOLVE, "azure:westeurope", NULL);
		query(cat, SOV_QUERY_GROUP, "EU", NULL);
	}
	sov_catalog_free(cat);
	sov_diags_free(d);
	return 0;
}
