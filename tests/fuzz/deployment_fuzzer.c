/*
 * deployment_fuzzer.c - a deployment from memory, loaded and validated
 * against the built-in catalog.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sov_deployment *dep = NULL;
	sov_diags *d = NULL;
	size_t i;

	if (sov_diags_new(&d) != SOV_OK)
		return 0;
	if (sov_deployment_load_memory(&dep, fuzz_catalog(), "fuzz.xml",
		    (const char *)data, size, NULL, d) == SOV_OK)
		(void)sov_deployment_id(dep);
	for (i = 0; i < sov_diags_count(d); i++) {
		const sov_diag *g = sov_diags_get(d, i);

		if (!g || !g->file || !g->message)
			abort();
	}
	sov_deployment_free(dep);
	sov_diags_free(d);
	return 0;
}
