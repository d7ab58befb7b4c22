/*
 * evaluate_fuzzer.c - a deployment from memory evaluated against the
 * shipped eu-gdpr-transfers regime, with suggestions, in every report
 * format.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const sov_policy *gdpr = fuzz_gdpr();
	sov_deployment *dep = NULL;
	int rc;

	if (sov_deployment_load_memory(&dep, fuzz_catalog(), "fuzz.xml",
		    (const char *)data, size, NULL, NULL) != SOV_OK)
		return 0;
	rc = fuzz_evaluate(gdpr, dep, 1);
	/* Out of memory aside, a deployment that loads evaluates. */
	if (rc != SOV_OK && rc != SOV_ENOMEM)
		abort();
	sov_deployment_free(dep);
	return 0;
}
