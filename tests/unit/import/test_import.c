/*
 * Unit tests for import.c and annotations.c through the public API:
 * the format found from the content, UTF-16 converted and UTF-32
 * refused, deployment documents loaded as they are, the rendered
 * document, annotation files (selection by address and pattern, every
 * field, flows, waivers, warnings and errors), an imported plan
 * evaluated with the shipped GDPR regime, and out-of-memory at every
 * allocation.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GDPR SOV_SOURCE_DIR "/policies/regimes/eu-gdpr-transfers.xml"
#define COMPLIANT SOV_SOURCE_DIR "/examples/deployments/compliant.xml"
#define AS_OF "2026-11-28"
#define ANNOTATIONS_NS "xmlns=\"urn:sovereign:annotations:1\""

static sov_catalog *cat;
static char tmpdir[64];

/* A plan as `terraform show -json` prints it: a root module resource
 * that states its data classes in a tag and is in the US, a module
 * instance (for_each) whose classes nobody states, and a role no mapping
 * knows. */
static const char plan[] =
	"{\n"
	"  \"format_version\": \"1.2\",\n"
	"  \"terraform_version\": \"1.9.5\",\n"
	"  \"planned_values\": {\n"
	"    \"root_module\": {\n"
	"      \"resources\": [\n"
	"        {\n"
	"          \"address\": \"aws_s3_bucket.docs\",\n"
	"          \"mode\": \"managed\",\n"
	"          \"type\": \"aws_s3_bucket\",\n"
	"          \"name\": \"docs\",\n"
	"          \"provider_name\": "
	"\"registry.terraform.io/hashicorp/aws\",\n"
	"          \"values\": {\n"
	"            \"bucket\": \"acme-docs\",\n"
	"            \"region\": \"us-east-1\",\n"
	"            \"tags\": {\"sovereign:data\": \"personal\"}\n"
	"          }\n"
	"        },\n"
	"        {\n"
	"          \"address\": \"aws_iam_role.reader\",\n"
	"          \"mode\": \"managed\",\n"
	"          \"type\": \"aws_iam_role\",\n"
	"          \"name\": \"reader\",\n"
	"          \"provider_name\": "
	"\"registry.terraform.io/hashicorp/aws\",\n"
	"          \"values\": {\"name\": \"reader\"}\n"
	"        }\n"
	"      ],\n"
	"      \"child_modules\": [\n"
	"        {\n"
	"          \"address\": \"module.storage\",\n"
	"          \"resources\": [\n"
	"            {\n"
	"              \"address\": "
	"\"module.storage.aws_s3_bucket.logs[\\\"eu\\\"]\",\n"
	"              \"mode\": \"managed\",\n"
	"              \"type\": \"aws_s3_bucket\",\n"
	"              \"name\": \"logs\",\n"
	"              \"index\": \"eu\",\n"
	"              \"provider_name\": "
	"\"registry.terraform.io/hashicorp/aws\",\n"
	"              \"values\": {\n"
	"                \"bucket\": \"acme-logs-eu\",\n"
	"                \"region\": \"eu-central-1\"\n"
	"              }\n"
	"            }\n"
	"          ]\n"
	"        }\n"
	"      ]\n"
	"    }\n"
	"  }\n"
	"}\n";

#define PLAN_DOCS_LINE 7
#define PLAN_LOGS_LINE 32
#define LOGS_ID "module.storage.aws_s3_bucket.logs.eu"

static const char annotations_xml[] =
	"<annotations " ANNOTATIONS_NS " deployment=\"eu-prod\"\n"
	"             title=\"EU production\">\n"
	"  <resource address=\"aws_s3_bucket.docs\" data=\"personal payment\""
	" access=\"DE FR\"\n"
	"            keys=\"customer DE\" mechanism=\"scc\" tag=\"prod\""
	" kind=\"object-storage\"\n"
	"            id=\"docs\"/>\n"
	"  <resource match=\"^module\\.storage\\.\" data=\"personal\""
	" access=\"none\"/>\n"
	"  <resource address=\"aws_s3_bucket.gone\" data=\"personal\"/>\n"
	"  <flow id=\"logs-to-docs\""
	" from=\"module.storage.aws_s3_bucket.logs[&quot;eu&quot;]\"\n"
	"        to=\"docs\" data=\"personal\"/>\n"
	"  <waiver rule=\"gdpr-48-control\" component=\"" LOGS_ID "\""
	" expires=\"2027-06-30\"\n"
	"          approver=\"DPO\">Clauses signed: DPA-2026-114"
	"</waiver>\n"
	"</annotations>\n";

static int setup_all(void **state)
{
	(void)state;
	cat = test_catalog();
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/sov-import-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static const char *const written[] = {
	"plan.json", "state.json", "cfn.json", "cfn.yaml", "arm.json",
	"eu-prod.plan.json", "deployment.xml",
};

static int teardown_all(void **state)
{
	char path[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(written) / sizeof(written[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, written[i]);
		(void)remove(path);
	}
	(void)rmdir(tmpdir);
	sov_catalog_free(cat);
	return 0;
}

/* Writes `data` to `name` in the temporary directory; returns a static
 * path. */
static const char *write_file(const char *name, const char *data,
	size_t len)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static void dump(const sov_diags *d)
{
	size_t i;

	for (i = 0; i < sov_diags_count(d); i++) {
		const sov_diag *g = sov_diags_get(d, i);

		print_message("%s:%u:%u: %s\n", g->file, g->line, g->column,
			g->message);
	}
}

/* The document sov_import_render() writes for the file `name` holding
 * `data`; fails the test unless SOV_OK. Free with free(). */
static char *render(const char *name, const char *data,
	const sov_import_options *io)
{
	const char *path = write_file(name, data, strlen(data));
	sov_diags *d = NULL;
	char *xml = NULL, *copy;
	size_t len = 0;

	assert_int_equal(sov_diags_new(&d), SOV_OK);
	if (sov_import_render(&xml, &len, cat, &path, 1, io, NULL, d) !=
	    SOV_OK) {
		dump(d);
		fail_msg("%s does not import", name);
	}
	assert_int_equal(strlen(xml), len);
	copy = strdup(xml);
	assert_non_null(copy);
	sov_catalog_buffer_free(cat, xml);
	sov_diags_free(d);
	return copy;
}

static void has(const char *xml, const char *text)
{
	if (!strstr(xml, text)) {
		print_message("%s", xml);
		fail_msg("the document lacks: %s", text);
	}
}

/* The first diagnostic of `severity` holding `text`, or fails. */
static const sov_diag *diag_with(const sov_diags *d, sov_severity sev,
	const char *text)
{
	size_t i;

	for (i = 0; i < sov_diags_count(d); i++) {
		const sov_diag *g = sov_diags_get(d, i);

		if (g->severity == sev && strstr(g->message, text))
			return g;
	}
	dump(d);
	fail_msg("no diagnostic holds \"%s\"", text);
	return NULL;
}

static sov_policy *gdpr(void)
{
	sov_policy *p = NULL;
	sov_diags *d = NULL;

	assert_int_equal(sov_diags_new(&d), SOV_OK);
	if (sov_policy_load_file(&p, cat, GDPR, NULL, d) != SOV_OK) {
		dump(d);
		fail_msg("%s does not load", GDPR);
	}
	sov_diags_free(d);
	return p;
}

/* ------------------------------------------------------------------ */
/* Formats and encodings                                               */

static const char tiny_plan[] =
	"{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.5\",\n"
	" \"planned_values\": {\"root_module\": {\"resources\": [\n"
	"  {\"address\": \"aws_sqs_queue.jobs\", \"mode\": \"managed\",\n"
	"   \"type\": \"aws_sqs_queue\", \"name\": \"jobs\",\n"
	"   \"provider_name\": \"registry.terraform.io/hashicorp/aws\",\n"
	"   \"values\": {\"name\": \"jobs\"}}]}}}\n";
static const char tiny_state[] =
	"{\"format_version\": \"1.0\", \"terraform_version\": \"1.9.5\",\n"
	" \"values\": {\"root_module\": {\"resources\": [\n"
	"  {\"address\": \"aws_s3_bucket.docs\", \"mode\": \"managed\",\n"
	"   \"type\": \"aws_s3_bucket\", \"name\": \"docs\",\n"
	"   \"provider_name\": \"registry.terraform.io/hashicorp/aws\",\n"
	"   \"values\": {\"bucket\": \"docs\", \"region\": \"eu-west-1\"}}"
	"]}}}\n";
static const char tiny_cfn_json[] =
	"{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n"
	" \"Resources\": {\"Docs\": {\"Type\": \"AWS::S3::Bucket\"}}}\n";
static const char tiny_cfn_yaml[] =
	"AWSTemplateFormatVersion: '2010-09-09'\n"
	"Resources:\n"
	"  Docs:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: !Sub '${AWS::StackName}-docs'\n";
static const char tiny_arm[] =
	"{\n"
	"  \"$schema\": \"https://schema.management.azure.com/schemas/"
	"2019-04-01/deploymentTemplate.json#\",\n"
	"  \"contentVersion\": \"1.0.0.0\",\n"
	"  \"resources\": [\n"
	"    {\n"
	"      \"type\": \"Microsoft.Storage/storageAccounts\",\n"
	"      \"apiVersion\": \"2023-01-01\",\n"
	"      \"name\": \"stdocs\",\n"
	"      \"location\": \"westeurope\",\n"
	"      \"sku\": {\"name\": \"Standard_ZRS\"},\n"
	"      \"kind\": \"StorageV2\"\n"
	"    }\n"
	"  ]\n"
	"}\n";

static void format_from_content(void **state)
{
	static const struct {
		const char *name, *data, *format;
	} cases[] = {
		{ "plan.json", tiny_plan, "(terraform-plan)" },
		{ "state.json", tiny_state, "(terraform-state)" },
		{ "cfn.json", tiny_cfn_json, "(cloudformation)" },
		{ "cfn.yaml", tiny_cfn_yaml, "(cloudformation)" },
		{ "arm.json", tiny_arm, "(arm)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *xml = render(cases[i].name, cases[i].data, NULL);

		has(xml, cases[i].format);
		has(xml, "<deployment xmlns=\"urn:sovereign:deployment:1\"");
		free(xml);
	}
}

/* UTF-8 (of the Basic Multilingual Plane) as UTF-16 after a byte order
 * mark; malloc'd, *len bytes. */
static char *utf16(const char *s, int big, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = malloc(strlen(s) * 2 + 2);
	size_t n = 0;

	assert_non_null(out);
	out[n++] = big ? '\xfe' : '\xff';
	out[n++] = big ? '\xff' : '\xfe';
	while (*p) {
		unsigned cp = *p++;

		if (cp >= 0xe0) {
			cp = (cp & 0x0f) << 12 | (p[0] & 0x3fu) << 6 |
			     (p[1] & 0x3fu);
			p += 2;
		} else if (cp >= 0xc0) {
			cp = (cp & 0x1f) << 6 | (p[0] & 0x3fu);
			p++;
		}
		out[n++] = (char)(big ? cp >> 8 : cp & 0xff);
		out[n++] = (char)(big ? cp & 0xff : cp >> 8);
	}
	*len = n;
	return out;
}

/* Imports `data` from memory; returns the status, diags filled. */
static int import_mem(const char *name, const char *data, size_t len,
	const sov_import_options *io, sov_diags *d)
{
	sov_deployment *dep = NULL;
	int rc = sov_deployment_import_memory(&dep, cat, name, data, len, io,
		NULL, d);

	assert_true(rc == SOV_OK ? dep != NULL : dep == NULL);
	sov_deployment_free(dep);
	return rc;
}

/* "westeurop" is no region: the error's position must be the same
 * whatever the encoding. */
static const char bad_arm[] =
	"{\n"
	"  \"$schema\": \"https://schema.management.azure.com/schemas/"
	"2019-04-01/deploymentTemplate.json#\",\n"
	"  \"contentVersion\": \"1.0.0.0\",\n"
	"  \"resources\": [{\"type\": \"Microsoft.Storage/"
	"storageAccounts\", \"apiVersion\": \"2023-01-01\",\n"
	"    \"name\": \"st\\u00e9\",\n"
	"    \"tags\": {\"owner\": \"\xc3\xa9quipe\"}, "
	"\"location\": \"westeurop\"}]\n}\n";

static void utf16_is_converted(void **state)
{
	const sov_diag *g;
	unsigned line, column;
	sov_diags *d;
	int big;

	(void)state;
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	assert_int_equal(import_mem("arm.json", tiny_arm, strlen(tiny_arm),
		NULL, d), SOV_OK);
	assert_int_equal(import_mem("arm.json", bad_arm, strlen(bad_arm),
		NULL, d), SOV_EINPUT);
	g = diag_with(d, SOV_SEV_ERROR, "westeurop");
	line = g->line;
	column = g->column;
	assert_int_equal(line, 6);
	for (big = 0; big < 2; big++) {
		size_t len;
		char *u = utf16(tiny_arm, big, &len);

		sov_diags_clear(d);
		assert_int_equal(import_mem("arm.json", u, len, NULL, d),
			SOV_OK);
		free(u);
		u = utf16(bad_arm, big, &len);
		assert_int_equal(import_mem("arm.json", u, len, NULL, d),
			SOV_EINPUT);
		g = diag_with(d, SOV_SEV_ERROR, "westeurop");
		assert_int_equal(g->line, line);
		assert_int_equal(g->column, column);
		free(u);
	}
	sov_diags_free(d);
}

static void utf32_and_unknown_formats_refused(void **state)
{
	static const char utf32[] = "\xff\xfe\0\0{\0\0\0}\0\0\0";
	static const char *const unknown[] = {
		"{\"hello\": \"world\"}", "hello: world\n", "[1, 2]",
	};
	const sov_diag *g;
	sov_diags *d;
	size_t i;

	(void)state;
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	assert_int_equal(import_mem("t.json", utf32, sizeof(utf32) - 1, NULL,
		d), SOV_EINPUT);
	g = diag_with(d, SOV_SEV_ERROR, "UTF-32");
	assert_string_equal(g->file, "t.json");
	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		sov_diags_clear(d);
		assert_int_equal(import_mem("t.json", unknown[i],
			strlen(unknown[i]), NULL, d), SOV_EINPUT);
		g = diag_with(d, SOV_SEV_ERROR, "format of the file is not "
			"recognised");
		assert_int_equal(g->line, 1);
		assert_int_equal(g->column, 1);
		assert_non_null(g->expected);
	}
	sov_diags_free(d);
}

static void deployment_loads_as_before(void **state)
{
	sov_import_options io = SOV_IMPORT_OPTIONS_INIT;
	sov_deployment *a = NULL, *b = NULL;
	sov_policy *p = gdpr();
	sov_result *ra, *rb;
	size_t len;
	char *xml = test_slurp(COMPLIANT, &len);

	(void)state;
	assert_int_equal(sov_deployment_load_memory(&a, cat, "c.xml", xml,
		len, NULL, NULL), SOV_OK);
	assert_int_equal(sov_deployment_import_memory(&b, cat, "c.xml", xml,
		len, NULL, NULL, NULL), SOV_OK);
	assert_string_equal(sov_deployment_id(a), sov_deployment_id(b));
	assert_int_equal(sov_deployment_not_evaluated(b), 0);
	ra = test_evaluate(p, a, AS_OF);
	rb = test_evaluate(p, b, AS_OF);
	assert_int_equal(sov_result_decision(ra), sov_result_decision(rb));
	assert_int_equal(sov_result_count(ra), sov_result_count(rb));
	sov_deployment_free(b);
	b = NULL;
	io.format = SOV_IMPORT_DEPLOYMENT;
	assert_int_equal(sov_deployment_import_memory(&b, cat, "c.xml", xml,
		len, &io, NULL, NULL), SOV_OK);
	sov_result_free(ra);
	sov_result_free(rb);
	sov_deployment_free(a);
	sov_deployment_free(b);
	sov_policy_free(p);
	free(xml);
}

static void render_writes_the_document(void **state)
{
	const char *xml_path;
	char *xml = render("eu-prod.plan.json", plan, NULL);
	char *text = (char *)1;
	size_t len = 1;
	sov_diags *d;

	(void)state;
	assert_true(strncmp(xml, "<?xml version=\"1.0\"", 19) == 0);
	has(xml, "id=\"eu-prod\"");
	has(xml, "(terraform-plan)");
	has(xml, "<component id=\"aws_s3_bucket.docs\" kind=\"object-storage"
		"\" provider=\"aws\" region=\"us-east-1\"");
	has(xml, "<component id=\"" LOGS_ID "\"");
	has(xml, "data=\"unstated\"");
	has(xml, "/eu-prod.plan.json:7:9\"");
	has(xml, "<not-evaluated type=\"aws_iam_role\" "
		"address=\"aws_iam_role.reader\"");
	/* A deployment document is not imported again. */
	xml_path = write_file("deployment.xml", xml, strlen(xml));
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	assert_int_equal(sov_import_render(&text, &len, cat, &xml_path, 1,
		NULL, NULL, d), SOV_EINPUT);
	assert_null(text);
	assert_int_equal(len, 0);
	diag_with(d, SOV_SEV_ERROR, "already a deployment");
	assert_int_equal(sov_import_render(NULL, &len, cat, &xml_path, 1,
		NULL, NULL, d), SOV_EUSAGE);
	assert_int_equal(sov_import_render(&text, &len, cat, NULL, 0, NULL,
		NULL, d), SOV_EUSAGE);
	sov_diags_free(d);
	free(xml);
}

/* ------------------------------------------------------------------ */
/* Annotations                                                         */

static sov_annotations *annotations(const char *xml, sov_diags *d)
{
	sov_annotations *an = NULL;

	if (sov_annotations_load_memory(&an, cat, "eu-prod.annotations.xml",
		    xml, strlen(xml), NULL, d) != SOV_OK) {
		dump(d);
		fail_msg("the annotations do not load");
	}
	return an;
}

static void annotations_add_facts(void **state)
{
	sov_import_options io = SOV_IMPORT_OPTIONS_INIT;
	sov_diags *d;
	char *xml;

	(void)state;
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	io.annotations = annotations(annotations_xml, d);
	assert_int_equal(sov_diags_count(d), 0);
	xml = render("eu-prod.plan.json", plan, &io);
	has(xml, "id=\"eu-prod\" title=\"EU production\"");
	/* By address, every field; the id from the annotation. */
	has(xml, "<component id=\"docs\" kind=\"object-storage\"");
	has(xml, "access=\"listed\" mechanism=\"scc\"");
	has(xml, "<stores data=\"personal payment\"/>");
	has(xml, "<access from=\"DE FR\"/>");
	has(xml, "<keys custody=\"customer\" location=\"DE\"/>");
	has(xml, "<tag>prod</tag>");
	/* By pattern: the module's resources. */
	has(xml, "<component id=\"" LOGS_ID "\" kind=\"object-storage\" "
		"provider=\"aws\" region=\"eu-central-1\"");
	has(xml, "access=\"none\"");
	/* A flow from an address to an id; the waiver, copied. */
	has(xml, "<flow id=\"logs-to-docs\" from=\"" LOGS_ID "\" "
		"to=\"docs\" data=\"personal\"/>");
	has(xml, "<waiver rule=\"gdpr-48-control\" component=\"" LOGS_ID
		"\" expires=\"2027-06-30\" approver=\"DPO\">Clauses signed: "
		"DPA-2026-114</waiver>");
	free(xml);
	sov_annotations_free((sov_annotations *)io.annotations);
	sov_diags_free(d);
}

/* The annotation that selects nothing is a warning, at its line. */
static void unused_annotation_warns(void **state)
{
	sov_import_options io = SOV_IMPORT_OPTIONS_INIT;
	const char *path = write_file("eu-prod.plan.json", plan,
		strlen(plan));
	const sov_diag *g;
	char *text = NULL;
	sov_diags *d;

	(void)state;
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	io.annotations = annotations(annotations_xml, d);
	assert_int_equal(sov_import_render(&text, NULL, cat, &path, 1, &io,
		NULL, d), SOV_OK);
	g = diag_with(d, SOV_SEV_WARNING, "selects no resource");
	assert_string_equal(g->file, "eu-prod.annotations.xml");
	assert_int_equal(g->line, 7);
	assert_non_null(strstr(g->message, "aws_s3_bucket.gone"));
	assert_int_equal(sov_diags_errors(d), 0);
	sov_catalog_buffer_free(cat, text);
	sov_annotations_free((sov_annotations *)io.annotations);
	sov_diags_free(d);
}

/* A pattern PCRE2 refuses, on line 3; a jurisdiction code the catalog
 * does not have, on line 3. */
static const char bad_pattern[] =
	"<annotations " ANNOTATIONS_NS ">\n"
	"  <resource address=\"aws_s3_bucket.docs\" "
	"data=\"personal\"/>\n"
	"  <resource match=\"^module\\.(storage\" "
	"data=\"personal\"/>\n"
	"</annotations>\n";
static const char bad_code[] =
	"<annotations " ANNOTATIONS_NS ">\n"
	"\n"
	"  <resource address=\"aws_s3_bucket.docs\" access=\"Germany\""
	"/>\n"
	"</annotations>\n";

static void annotation_errors_at_their_line(void **state)
{
	sov_import_options io = SOV_IMPORT_OPTIONS_INIT;
	sov_annotations *an = (sov_annotations *)1;
	sov_deployment *dep = NULL;
	const sov_diag *g;
	sov_diags *d;

	(void)state;
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	assert_int_equal(sov_annotations_load_memory(&an, cat, "a.xml",
		bad_pattern, strlen(bad_pattern), NULL, d), SOV_EINPUT);
	assert_null(an);
	g = diag_with(d, SOV_SEV_ERROR, "bad pattern");
	assert_string_equal(g->file, "a.xml");
	assert_int_equal(g->line, 3);
	sov_diags_clear(d);
	/* A value the convention refuses, at the annotation's line. */
	io.annotations = annotations(bad_code, d);
	assert_int_equal(sov_deployment_import_memory(&dep, cat,
		"eu-prod.plan.json", plan, strlen(plan), &io, NULL, d),
		SOV_EINPUT);
	assert_null(dep);
	g = diag_with(d, SOV_SEV_ERROR, "'Germany'");
	assert_string_equal(g->file, "eu-prod.annotations.xml");
	assert_int_equal(g->line, 3);
	sov_annotations_free((sov_annotations *)io.annotations);
	sov_diags_free(d);
}

/* ------------------------------------------------------------------ */
/* Evaluation                                                          */

static sov_deployment *import_plan(const sov_import_options *io)
{
	sov_deployment *dep = NULL;
	sov_diags *d = NULL;

	assert_int_equal(sov_diags_new(&d), SOV_OK);
	if (sov_deployment_import_memory(&dep, cat, "eu-prod.plan.json",
		    plan, strlen(plan), io, NULL, d) != SOV_OK) {
		dump(d);
		fail_msg("the plan does not import");
	}
	sov_diags_free(d);
	return dep;
}

static long finding(const sov_result *r, const char *rule,
	const char *comp)
{
	size_t i;

	for (i = 0; i < sov_result_count(r); i++)
		if (strcmp(sov_finding_str(r, i, SOV_F_RULE), rule) == 0 &&
		    strcmp(sov_finding_str(r, i, SOV_F_COMPONENT), comp) == 0)
			return (long)i;
	fail_msg("no finding of %s for %s", rule, comp);
	return -1;
}

/* The JSON report's component_location is the resource in the plan. */
static void json_names_the_plan(const sov_result *r)
{
	char *json = NULL;

	assert_int_equal(sov_report_render(&json, NULL, r, SOV_FORMAT_JSON,
		NULL), SOV_OK);
	has(json, "\"component_location\":{\"file\":\"eu-prod.plan.json\","
		"\"line\":7,\"column\":9}");
	has(json, "\"component_location\":{\"file\":\"eu-prod.plan.json\","
		"\"line\":32,\"column\":13}");
	sov_buffer_free(r, json);
}

static void imported_plan_evaluated(void **state)
{
	sov_policy *p = gdpr();
	sov_deployment *dep = import_plan(NULL);
	sov_result *r = test_evaluate(p, dep, AS_OF);
	long i;

	(void)state;
	assert_int_equal(sov_deployment_not_evaluated(dep), 1);
	assert_string_equal(sov_deployment_id(dep), "eu-prod");
	/* Unclassified: indeterminate, naming what is not stated. */
	i = finding(r, "gdpr-44-stored", LOGS_ID);
	assert_string_equal(sov_finding_str(r, (size_t)i, SOV_F_VERDICT),
		"indeterminate");
	assert_non_null(strstr(sov_finding_str(r, (size_t)i,
		SOV_F_MISSING), "which data classes component '" LOGS_ID
		"' holds is not stated"));
	assert_string_equal(sov_finding_str(r, (size_t)i,
		SOV_F_COMPONENT_FILE), "eu-prod.plan.json");
	assert_int_equal(sov_finding_int(r, (size_t)i, SOV_F_COMPONENT_FILE),
		PLAN_LOGS_LINE);
	/* Classified, in the United States: adequate only for a recipient
	 * certified under the DPF, which a plan does not state. */
	assert_string_equal(test_verdict(r, "gdpr-44-stored",
		"aws_s3_bucket.docs", "personal"), "indeterminate");
	i = test_find(r, "gdpr-44-stored", "aws_s3_bucket.docs", "personal");
	assert_non_null(strstr(sov_finding_str(r, (size_t)i, SOV_F_MISSING),
		"holds certification 'eu-us-dpf' is not stated"));
	assert_int_equal(sov_finding_int(r, (size_t)i, SOV_F_COMPONENT_FILE),
		PLAN_DOCS_LINE);
	assert_int_equal(sov_result_decision(r), SOV_DECISION_NON_COMPLIANT);
	json_names_the_plan(r);
	sov_result_free(r);
	sov_deployment_free(dep);
	sov_policy_free(p);
}

/* Annotated: the mechanism excepts, the classes and access are known,
 * the waiver applies. */
static void annotated_plan_evaluated(void **state)
{
	sov_import_options io = SOV_IMPORT_OPTIONS_INIT;
	sov_policy *p = gdpr();
	sov_deployment *dep;
	sov_result *r;
	sov_diags *d;

	(void)state;
	assert_int_equal(sov_diags_new(&d), SOV_OK);
	io.annotations = annotations(annotations_xml, d);
	dep = import_plan(&io);
	r = test_evaluate(p, dep, AS_OF);
	assert_string_equal(sov_deployment_id(dep), "eu-prod");
	assert_string_equal(test_verdict(r, "gdpr-44-stored", "docs",
		"personal"), "excepted");
	assert_string_equal(test_verdict(r, "gdpr-44-stored", "docs",
		"payment"), "not-applicable");
	assert_string_equal(test_verdict(r, "gdpr-48-control", LOGS_ID,
		"personal"), "waived");
	assert_string_equal(test_verdict(r, "gdpr-44-stored", LOGS_ID,
		"personal"), "compliant");
	assert_string_equal(test_verdict(r, "gdpr-44-access", LOGS_ID,
		"personal"), "compliant");
	sov_result_free(r);
	sov_deployment_free(dep);
	sov_annotations_free((sov_annotations *)io.annotations);
	sov_diags_free(d);
	sov_policy_free(p);
}

/* Without the violation, the unclassified resource alone leaves the
 * decision indeterminate. */
static void unclassified_alone_is_indeterminate(void **state)
{
	static const char eu_only[] =
		"{\"format_version\": \"1.2\", \"terraform_version\": "
		"\"1.9.5\",\n \"planned_values\": {\"root_module\": "
		"{\"resources\": [\n"
		"  {\"address\": \"aws_s3_bucket.logs\", \"mode\": "
		"\"managed\",\n"
		"   \"type\": \"aws_s3_bucket\", \"name\": \"logs\",\n"
		"   \"provider_name\": "
		"\"registry.terraform.io/hashicorp/aws\",\n"
		"   \"values\": {\"bucket\": \"logs\", "
		"\"region\": \"eu-central-1\"}}]}}}\n";
	sov_policy *p = gdpr();
	sov_deployment *dep = NULL;
	sov_result *r;

	(void)state;
	assert_int_equal(sov_deployment_import_memory(&dep, cat, "eu.json",
		eu_only, strlen(eu_only), NULL, NULL, NULL), SOV_OK);
	assert_int_equal(sov_deployment_not_evaluated(dep), 0);
	r = test_evaluate(p, dep, AS_OF);
	assert_int_equal(sov_result_decision(r), SOV_DECISION_INDETERMINATE);
	sov_result_free(r);
	sov_deployment_free(dep);
	sov_policy_free(p);
}

/* ------------------------------------------------------------------ */
/* Out of memory                                                       */

static int import_failing(failing *f)
{
	sov_allocator al = { f_malloc, f_realloc, f_free, NULL };
	sov_options o = SOV_OPTIONS_INIT;
	sov_import_options io = SOV_IMPORT_OPTIONS_INIT;
	sov_annotations *an = NULL;
	sov_deployment *dep = NULL;
	int rc;

	al.ud = f;
	o.allocator = &al;
	rc = sov_annotations_load_memory(&an, cat, "a.xml", annotations_xml,
		strlen(annotations_xml), &o, NULL);
	io.annotations = an;
	if (rc == SOV_OK)
		rc = sov_deployment_import_memory(&dep, cat,
			"eu-prod.plan.json", plan, strlen(plan), &io, &o,
			NULL);
	if (rc == SOV_OK && sov_deployment_not_evaluated(dep) != 1)
		rc = SOV_ERROR;
	sov_deployment_free(dep);
	sov_annotations_free(an);
	return rc;
}

static void out_of_memory_everywhere(void **state)
{
	failing f;
	long n, total;
	int rc;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(import_failing(&f), SOV_OK);
	assert_int_equal(f.live, 0);
	total = f.calls;
	assert_true(total > 10);
	for (n = 1; n <= total + 1; n++) {
		memset(&f, 0, sizeof(f));
		f.fail_at = n;
		rc = import_failing(&f);
		if (rc != SOV_ENOMEM && rc != SOV_OK)
			fail_msg("allocation %ld of %ld: %s", n, total,
				sov_status_str(rc));
		if (f.live != 0)
			fail_msg("allocation %ld: %ld blocks leaked", n,
				f.live);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_from_content),
		cmocka_unit_test(utf16_is_converted),
		cmocka_unit_test(utf32_and_unknown_formats_refused),
		cmocka_unit_test(deployment_loads_as_before),
		cmocka_unit_test(render_writes_the_document),
		cmocka_unit_test(annotations_add_facts),
		cmocka_unit_test(unused_annotation_warns),
		cmocka_unit_test(annotation_errors_at_their_line),
		cmocka_unit_test(imported_plan_evaluated),
		cmocka_unit_test(annotated_plan_evaluated),
		cmocka_unit_test(unclassified_alone_is_indeterminate),
		cmocka_unit_test(out_of_memory_everywhere),
	};

	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
