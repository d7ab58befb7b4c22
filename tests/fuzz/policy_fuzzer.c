/*
 * policy_fuzzer.c - a policy set from memory. One that compiles is
 * evaluated against an example deployment, asked where a component can
 * go, and linted (through a file: lint reads files).
 */
#include "fuzz_common.h"

static void where(const sov_policy *p)
{
	static const char *const data[] = { "personal" };
	sov_where_options wo = SOV_WHERE_OPTIONS_INIT;
	sov_placement *pl = NULL;
	char *buf = NULL;
	size_t len;

	wo.as_of = FUZZ_AS_OF;
	wo.provider = "gcp";
	wo.data = data;
	wo.ndata = 1;
	if (sov_where(&pl, &p, 1, &wo, NULL) != SOV_OK)
		return;
	if (sov_placement_render(&buf, &len, pl, SOV_FORMAT_TEXT, 1) ==
	    SOV_OK)
		sov_placement_buffer_free(pl, buf);
	sov_placement_free(pl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const sov_catalog *cat = fuzz_catalog();
	const sov_deployment *dep = fuzz_example();
	sov_policy *p = NULL;
	sov_diags *d = NULL;
	size_t warnings = 0;

	if (sov_diags_new(&d) != SOV_OK)
		return 0;
	if (sov_policy_load_memory(&p, cat, "fuzz.xml", (const char *)data,
		    size, NULL, d) == SOV_OK) {
		(void)sov_policy_id(p);
		(void)sov_policy_rule_count(p);
		fuzz_evaluate(p, dep, 0);
		where(p);
		sov_diags_clear(d);
		sov_lint_file(&warnings, cat, fuzz_write("policy.xml", data,
			size), FUZZ_AS_OF, d);
	}
	sov_policy_free(p);
	sov_diags_free(d);
	return 0;
}
