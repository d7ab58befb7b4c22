/*
 * baseline_fuzzer.c - an earlier JSON report from memory, read as a
 * baseline, then the example deployment evaluated against it: the JSON
 * reader, the report-shape checks and the look-ups.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sov_check_options o = SOV_CHECK_OPTIONS_INIT;
	const sov_policy *pols[1];
	sov_baseline *b = NULL;
	sov_result *r = NULL;
	sov_diags *d = NULL;
	int rc;

	if (sov_diags_new(&d) != SOV_OK)
		return 0;
	rc = sov_baseline_load_memory(&b, "fuzz.json", (const char *)data,
		size, NULL, d);
	if (rc == SOV_OK) {
		pols[0] = fuzz_gdpr();
		o.as_of = FUZZ_AS_OF;
		o.baseline = b;
		if (sov_evaluate(&r, pols, 1, fuzz_example(), &o, NULL) !=
		    SOV_OK)
			abort();
		if (sov_result_baselined(r) > sov_baseline_count(b))
			abort();
		sov_result_free(r);
	} else if (rc == SOV_EINPUT && sov_diags_errors(d) == 0) {
		abort();  /* a refusal must say why */
	}
	sov_baseline_free(b);
	sov_diags_free(d);
	return 0;
}
