/*
 * waivers_fuzzer.c - a waiver file from memory, loaded and validated,
 * then applied to the example deployment, and the result rendered in
 * every format: selectors, expiry and the waiver sections of reports.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sov_check_options o = SOV_CHECK_OPTIONS_INIT;
	const sov_policy *pols[1];
	sov_waivers *w = NULL;
	sov_result *r = NULL;
	sov_diags *d = NULL;
	size_t i;

	if (sov_diags_new(&d) != SOV_OK)
		return 0;
	if (sov_waivers_load_memory(&w, fuzz_catalog(), "fuzz.xml",
		    (const char *)data, size, NULL, d) == SOV_OK) {
		pols[0] = fuzz_gdpr();
		o.as_of = FUZZ_AS_OF;
		o.waivers = w;
		if (sov_evaluate(&r, pols, 1, fuzz_example(), &o, NULL) !=
		    SOV_OK)
			abort();
		for (i = 0; i < sov_result_waiver_count(r); i++)
			if (!sov_result_waiver_str(r, i, SOV_W_STATUS) ||
			    !sov_result_waiver_str(r, i, SOV_W_RULE))
				abort();
		fuzz_render(r);
		sov_result_free(r);
	}
	sov_waivers_free(w);
	sov_diags_free(d);
	return 0;
}
