/*
 * import_yaml_fuzzer.c - fuzzed bytes as a CloudFormation template in
 * YAML. First the YAML reader alone (json_parse_doc): a tree it returns
 * keeps its promises (depth, positions, strings without NUL, keys on
 * every member). Then the import through the public API: a comment line
 * in front makes the reader take the text as YAML even when it starts
 * like JSON; a template that imports is evaluated against the shipped
 * GDPR regime.
 */
#include "fuzz_common.h"

#include "base/arena.h"
#include "load/json_read.h"

/* Aborts unless v and what it holds are as json_read.h describes. */
static void check_tree(const json_value *v, unsigned depth)
{
	size_t i;

	if (!v || v->line == 0 || v->column == 0)
		abort();
	if (v->type == JSON_STRING && (!v->string ||
		    strlen(v->string) != v->len))
		abort();
	if (v->type == JSON_NUMBER && !v->text)
		abort();
	if (v->type != JSON_ARRAY && v->type != JSON_OBJECT)
		return;
	if (depth > JSON_MAX_DEPTH || (v->n && !v->items))
		abort();
	for (i = 0; i < v->n; i++) {
		if (v->type == JSON_OBJECT && (!v->keys || !v->keys[i] ||
			    v->items[i]->key != v->keys[i]))
			abort();
		if (i + 1 < v->n && v->items[i]->next != v->items[i + 1])
			abort();
		check_tree(v->items[i], depth + 1);
	}
}

static void parse_alone(const uint8_t *data, size_t size)
{
	arena *a = arena_new(NULL);
	json_value *root = NULL;
	int rc;

	if (!a)
		return;
	rc = json_parse_doc(&root, a, "fuzz.yaml", (const char *)data, size,
		JSON_SYNTAX_YAML, NULL);
	if (rc == SOV_OK)
		check_tree(root, 1);
	else if (root)
		abort();
	arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sov_import_options io = SOV_IMPORT_OPTIONS_INIT;
	sov_deployment *dep = NULL;
	sov_diags *d = NULL;
	char *text = malloc(size + 2);
	int rc;

	parse_alone(data, size);
	if (!text || sov_diags_new(&d) != SOV_OK) {
		free(text);
		return 0;
	}
	memcpy(text, "#\n", 2);
	if (size)
		memcpy(text + 2, data, size);
	io.format = SOV_IMPORT_CLOUDFORMATION;
	io.region = size % 2 ? "eu-west-1" : NULL;
	rc = sov_deployment_import_memory(&dep, fuzz_catalog(),
		"fuzz.template.yaml", text, size + 2, &io, NULL, d);
	if ((rc == SOV_EINPUT && sov_diags_errors(d) == 0) ||
	    (rc == SOV_OK) != (dep != NULL))
		abort();
	if (rc == SOV_OK) {
		rc = fuzz_evaluate(fuzz_gdpr(), dep, 0);
		if (rc != SOV_OK && rc != SOV_ENOMEM)
			abort();
	}
	sov_deployment_free(dep);
	sov_diags_free(d);
	free(text);
	return 0;
}
