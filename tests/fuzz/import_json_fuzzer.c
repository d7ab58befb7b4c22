/*
 * import_json_fuzzer.c - fuzzed bytes imported from memory with the
 * format found from the content (SOV_IMPORT_AUTO): Terraform plans and
 * state, CloudFormation templates in JSON and ARM templates, UTF-16
 * conversion, format detection, annotations aside. An input of odd
 * length is imported with a stack region and a resource group location,
 * one of even length without, so that both the given and the unknown
 * place are reached. A deployment that imports is evaluated against the
 * shipped GDPR regime and rendered in every format.
 */
#include "fuzz_common.h"

/* Every diagnostic names a file and says something; a refusal says
 * why; an import that succeeds reported no error. */
static void check_diags(const sov_diags *d, int rc)
{
	size_t i;

	for (i = 0; i < sov_diags_count(d); i++) {
		const sov_diag *g = sov_diags_get(d, i);

		if (!g || !g->file || !g->message || !*g->message)
			abort();
	}
	if (rc == SOV_EINPUT && sov_diags_errors(d) == 0)
		abort();
	if (rc == SOV_OK && sov_diags_errors(d) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sov_import_options io = SOV_IMPORT_OPTIONS_INIT;
	sov_deployment *dep = NULL;
	sov_diags *d = NULL;
	int rc;

	if (sov_diags_new(&d) != SOV_OK)
		return 0;
	if (size % 2) {
		io.region = "eu-central-1";
		io.location = "westeurope";
	}
	rc = sov_deployment_import_memory(&dep, fuzz_catalog(),
		"fuzz.plan.json", (const char *)data, size, &io, NULL, d);
	check_diags(d, rc);
	if (rc == SOV_OK) {
		(void)sov_deployment_id(dep);
		(void)sov_deployment_not_evaluated(dep);
		rc = fuzz_evaluate(fuzz_gdpr(), dep, 0);
		if (rc != SOV_OK && rc != SOV_ENOMEM)
			abort();
	} else if (dep) {
		abort();        /* nothing half-made is returned */
	}
	sov_deployment_free(dep);
	sov_diags_free(d);
	return 0;
}
