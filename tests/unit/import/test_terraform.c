/* Unit tests for terraform.c: `terraform show -json` plans and state
 * become draft components; provider regions through aliases, modules and
 * variables; unknowns; errors at their line and column. */
#include "helpers.h"

#include <dirent.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "load/json_read.h"

#define FIXTURES "tests/import/terraform/"
#define REAL_INPUTS SOV_SOURCE_DIR "/../shared/real-inputs/terraform-plan"

enum { NONE = DRAFT_RED_NONE, ZONE = DRAFT_RED_ZONE, GEO = DRAFT_RED_GEO,
	UNSET = DRAFT_UNSET };

static sov_catalog *cat;

typedef struct {
	arena *arena, *parse;
	sov_diags *diags;
	draft d;
	int rc;
} imported;

/* --region and --location for the next import. */
static const char *region_default, *location_default;

/* What one component should be. Lists are space-separated, NULL when
 * empty; `unknown` is a part of the reason; `keys` are the key
 * locations after draft_finish (custody: the provider's key service). */
typedef struct {
	const char *address, *kind, *provider, *region, *scope, *unknown;
	int redundancy;
	const char *replicas, *backups, *keys, *key_ref, *stores, *processes;
} want;

static int setup(void **state)
{
	(void)state;
	cat = test_catalog();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sov_catalog_free(cat);
	return 0;
}

/* Parses `text` as `name` and reads it; the draft is finished (keys
 * resolved, ids given) when the reader succeeded. */
static imported *import_text(const char *name, const char *text,
	size_t len, int state, const sov_allocator *al)
{
	imported *im = calloc(1, sizeof *im);
	json_value *root = NULL;

	assert_non_null(im);
	assert_int_equal(sov_diags_new(&im->diags), SOV_OK);
	/* The tree outlives the import: the draft points into it. */
	im->parse = arena_new(NULL);
	im->arena = arena_new(al);
	assert_non_null(im->parse);
	im->rc = SOV_ENOMEM;
	if (!im->arena)
		return im;
	im->rc = json_parse_doc(&root, im->parse, name, text, len,
		JSON_SYNTAX_JSON, im->diags);
	if (im->rc == SOV_OK) {
		draft_init(&im->d, im->arena, cat, im->diags);
		im->d.file = name;
		im->d.region_default = region_default;
		im->d.location_default = location_default;
		im->rc = terraform_import(&im->d, root, state);
	}
	if (im->rc == SOV_OK)
		im->rc = draft_finish(&im->d);
	return im;
}

static imported *import_fixture(const char *file, int state)
{
	static char names[16][128];
	static unsigned next;
	char path[512], *text;
	char *name = names[next++ % 16];
	size_t len = 0;
	imported *im;

	snprintf(path, sizeof path, "%s/%s%s", SOV_SOURCE_DIR, FIXTURES,
		file);
	snprintf(name, sizeof names[0], "%s%s", FIXTURES, file);
	text = test_slurp(path, &len);
	if (!text)
		fail_msg("cannot read %s", path);
	im = import_text(name, text, len, state, NULL);
	free(text);
	return im;
}

static void done(imported *im)
{
	arena_free(im->arena);
	arena_free(im->parse);
	sov_diags_free(im->diags);
	free(im);
}

static void dump(const imported *im)
{
	size_t i;

	for (i = 0; i < sov_diags_count(im->diags); i++) {
		const sov_diag *g = sov_diags_get(im->diags, i);

		print_error("%s:%u:%u: %s\n", g->file, g->line, g->column,
			g->message);
	}
}

/* An import that succeeded without errors. */
static imported *clean(imported *im)
{
	if (im->rc != SOV_OK || im->d.errors)
		dump(im);
	assert_int_equal(im->rc, SOV_OK);
	assert_int_equal(im->d.errors, 0);
	return im;
}

static void join_places(char *out, size_t len, const draft_place *p,
	size_t n)
{
	size_t i;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		snprintf(out + strlen(out), len - strlen(out), "%s%s",
			i ? " " : "", p[i].region);
}

static void check_lists(const draft_comp *c, const want *w)
{
	char list[2048];

	join_places(list, sizeof list, c->replicas, c->nreplicas);
	test_assert_same(list, w->replicas, "replicas", w->address);
	join_places(list, sizeof list, c->backups, c->nbackups);
	test_assert_same(list, w->backups, "backups", w->address);
	test_join_words(list, sizeof list,
		c->key_locations, c->nkey_locations);
	test_assert_same(list, w->keys, "keys", w->address);
	if (w->keys)
		assert_int_equal(c->custody, DRAFT_KEYS_PROVIDER);
	test_assert_same(c->key_ref, w->key_ref, "key_ref", w->address);
	test_join_words(list, sizeof list, c->stores, c->nstores);
	test_assert_same(list, w->stores, "stores", w->address);
	test_join_words(list, sizeof list, c->processes, c->nprocesses);
	test_assert_same(list, w->processes, "processes", w->address);
}

static void check_comp(const draft_comp *c, const want *w)
{
	test_assert_same(c->kind, w->kind, "kind", w->address);
	test_assert_same(c->provider, w->provider, "provider", w->address);
	test_assert_same(c->region, w->region, "region", w->address);
	test_assert_same(c->scope, w->scope, "scope", w->address);
	if (w->unknown && (!c->unknown || !strstr(c->unknown, w->unknown)))
		fail_msg("%s: unknown is '%s', expected '%s'", w->address,
			c->unknown ? c->unknown : "(none)", w->unknown);
	if (!w->unknown && c->unknown)
		fail_msg("%s: unexpectedly unknown: %s", w->address,
			c->unknown);
	if (c->redundancy != w->redundancy)
		fail_msg("%s: redundancy %d, expected %d", w->address,
			c->redundancy, w->redundancy);
	check_lists(c, w);
}

/* The draft holds exactly these components, in this order. */
static void check_all(const imported *im, const want *w, size_t n)
{
	const draft_comp *c = im->d.comps;
	size_t i;

	for (i = 0; i < n; i++, c = c->next) {
		if (!c)
			fail_msg("missing component %s", w[i].address);
		test_assert_same(c->address, w[i].address, "address",
			w[i].address);
		check_comp(c, &w[i]);
	}
	if (c)
		fail_msg("unexpected component %s", c->address);
}

/* The resources listed as not evaluated, space-separated. */
static void check_skipped(const imported *im, const char *wanted)
{
	const draft_skip *s;
	char list[4096] = "";

	for (s = im->d.skipped; s; s = s->next)
		snprintf(list + strlen(list), sizeof list - strlen(list),
			"%s%s", *list ? " " : "", s->address);
	test_assert_same(list, wanted, "not evaluated", "the draft");
}

/* A diagnostic of severity `sev` at line:column holding `text`. */
static void expect_diag(const imported *im, sov_severity sev,
	unsigned line, unsigned column, const char *text)
{
	size_t i;

	for (i = 0; i < sov_diags_count(im->diags); i++) {
		const sov_diag *g = sov_diags_get(im->diags, i);

		if (g->severity == sev && g->line == line &&
		    g->column == column && strstr(g->message, text) &&
		    strcmp(g->file, im->d.file) == 0)
			return;
	}
	dump(im);
	fail_msg("no diagnostic at %u:%u with '%s'", line, column, text);
}

static size_t count_sev(const imported *im, sov_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < sov_diags_count(im->diags); i++)
		n += sov_diags_get(im->diags, i)->severity == sev;
	return n;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const draft_comp *only(const imported *im, const char *address)
{
	const draft_comp *c = draft_find(&im->d, address);

	if (!c)
		fail_msg("no component %s", address);
	return c;
}

/* ------------------------------------------------------------------ */
/* AWS: modules, count, for_each, aliases, replication, keys, Bedrock  */

static const want aws_comps[] = {
	{ "aws_kms_key.data", "key-management", "aws", "eu-central-1",
	  NULL, NULL, NONE, NULL, NULL, "DE", NULL, NULL, NULL },
	{ "aws_kms_key.dr", "key-management", "aws", "eu-west-1", NULL,
	  NULL, NONE, NULL, NULL, "IE", NULL, NULL, NULL },
	{ "aws_s3_bucket.documents", "object-storage", "aws",
	  "eu-central-1", NULL, NULL, ZONE, "eu-west-1", NULL, "DE",
	  "aws_kms_key.data", "personal", NULL },
	{ "aws_s3_bucket.documents_replica", "object-storage", "aws",
	  "eu-west-1", NULL, NULL, ZONE, NULL, NULL, NULL, NULL, "personal",
	  NULL },
	{ "aws_db_instance.orders", "database", "aws", "eu-central-1", NULL,
	  NULL, ZONE, "us-east-1", "eu-central-1 eu-west-1", "DE",
	  "aws_kms_key.data", "personal payment", NULL },
	{ "aws_db_instance.orders_us_replica", "database", "aws",
	  "us-east-1", NULL, NULL, NONE, NULL, NULL, "US-VA", NULL,
	  "personal payment", NULL },
	{ "aws_dynamodb_table.checkout", "database", "aws", "eu-central-1",
	  NULL, NULL, ZONE, "eu-north-1 eu-west-1", "eu-central-1", "DE",
	  "aws_kms_key.data", "personal", NULL },
	{ "aws_backup_vault.primary", "backup", "aws", "eu-central-1", NULL,
	  NULL, UNSET, NULL, NULL, "DE", "aws_kms_key.data", NULL, NULL },
	{ "aws_backup_vault.dr", "backup", "aws", "eu-west-1", NULL, NULL,
	  UNSET, NULL, NULL, "IE", "aws_kms_key.dr", NULL, NULL },
	{ "aws_backup_plan.daily", "backup", "aws", "eu-central-1", NULL,
	  NULL, UNSET, NULL, "eu-north-1 eu-west-1", NULL, NULL,
	  "personal payment", NULL },
	{ "aws_bedrockagent_agent.support", "ai-inference", "aws",
	  "eu-central-1", "bedrock-eu", NULL, UNSET, NULL, NULL, NULL, NULL,
	  NULL, "personal prompts" },
	{ "aws_bedrock_inference_profile.claims", "ai-inference", "aws",
	  "eu-central-1", NULL, NULL, UNSET, NULL, NULL, NULL, NULL, NULL,
	  "personal" },
	{ "aws_bedrockagent_agent.claims", "ai-inference", "aws",
	  "eu-central-1", NULL, NULL, UNSET, NULL, NULL, NULL, NULL, NULL,
	  "personal" },
	{ "aws_sagemaker_endpoint.fraud", "ai-inference", "aws",
	  "eu-central-1", NULL, NULL, UNSET, NULL, NULL, NULL, NULL, NULL,
	  "personal payment" },
	{ "module.analytics.aws_s3_bucket.events[0]", "object-storage",
	  "aws", "eu-west-1", NULL, NULL, ZONE, NULL, NULL, NULL, NULL,
	  "personal", NULL },
	{ "module.analytics.aws_s3_bucket.events[1]", "object-storage",
	  "aws", "eu-west-1", NULL, NULL, ZONE, NULL, NULL, NULL, NULL,
	  "personal", NULL },
	{ "module.tenant[\"globex\"].aws_s3_bucket.uploads",
	  "object-storage", "aws", "eu-central-1", NULL, NULL, ZONE, NULL,
	  NULL, "DE", NULL, "personal", NULL },
	{ "module.tenant[\"initech\"].aws_s3_bucket.uploads",
	  "object-storage", "aws", "eu-central-1", NULL, NULL, ZONE, NULL,
	  NULL, "DE", NULL, "personal", NULL },
	{ "module.us_reporting.aws_s3_bucket.reports", "object-storage",
	  "aws", "us-east-1", NULL, NULL, ZONE, NULL, NULL, NULL, NULL,
	  "personal", NULL },
};

static void aws_multi_region_plan(void **state)
{
	imported *im = clean(import_fixture("aws-multi-region.plan.json", 0));
	const draft_comp *c = draft_find(&im->d, "aws_backup_plan.daily");

	(void)state;
	check_all(im, aws_comps, N(aws_comps));
	check_skipped(im, "aws_iam_role.replication "
		"aws_s3_bucket_versioning.documents "
		"aws_backup_selection.daily "
		"aws_iam_role.bedrock aws_sagemaker_model.fraud "
		"aws_sagemaker_endpoint_configuration.fraud");
	/* The backup plan's copies are exactly its copy actions. */
	assert_true(c->backups_listed);
	/* The bucket the plan deletes is not deployed. */
	assert_null(draft_find(&im->d, "aws_s3_bucket.legacy_exports"));
	c = draft_find(&im->d, "aws_s3_bucket.documents");
	assert_non_null(strstr(c->replicas[0].why,
		"aws_s3_bucket_replication_configuration.documents"));
	assert_int_equal(c->src.line, 78);
	assert_int_equal(count_sev(im, SOV_SEV_WARNING), 0);
	done(im);
}

/* ------------------------------------------------------------------ */
/* Azure                                                               */

static const want azure_comps[] = {
	{ "azurerm_storage_account.documents", "object-storage", "azure",
	  "westeurope", NULL, NULL, GEO, NULL, NULL, NULL, NULL, "personal",
	  NULL },
	{ "azurerm_storage_account.audit", "object-storage", "azure",
	  "germanywestcentral", NULL, NULL, ZONE, NULL, NULL, NULL, NULL,
	  "personal", NULL },
	{ "azurerm_storage_account.scratch", "object-storage", "azure",
	  "westeurope", NULL, NULL, NONE, NULL, NULL, NULL, NULL, NULL,
	  NULL },
	{ "azurerm_mssql_database.orders", "database", "azure",
	  "westeurope", NULL, NULL, ZONE, "northeurope",
	  "westeurope northeurope", NULL, NULL, "personal payment", NULL },
	{ "azurerm_cosmosdb_account.profiles", "database", "azure",
	  "westeurope", NULL, NULL, ZONE, "swedencentral", "westeurope",
	  NULL, NULL, "personal", NULL },
	{ "azurerm_postgresql_flexible_server.crm", "database", "azure",
	  "germanywestcentral", NULL, NULL, ZONE, NULL,
	  "germanywestcentral germanynorth", NULL, NULL, "personal", NULL },
	{ "azurerm_cognitive_account.openai", "ai-inference", "azure",
	  "swedencentral", NULL, NULL, UNSET, NULL, NULL, NULL, NULL, NULL,
	  "personal prompts" },
	{ "azurerm_cognitive_deployment.chat_global", "ai-inference",
	  "azure", "swedencentral", "global", NULL, UNSET, NULL, NULL, NULL,
	  NULL, NULL, "personal prompts" },
	{ "azurerm_cognitive_deployment.chat_eu", "ai-inference", "azure",
	  "swedencentral", "datazone-eu", NULL, UNSET, NULL, NULL, NULL,
	  NULL, NULL, "personal prompts" },
	{ "azurerm_cognitive_deployment.embeddings", "ai-inference",
	  "azure", "swedencentral", NULL, NULL, UNSET, NULL, NULL, NULL,
	  NULL, NULL, "personal prompts" },
	{ "azurerm_key_vault.main", "key-management", "azure",
	  "westeurope", NULL, NULL, UNSET, NULL, NULL, "NL", NULL, NULL,
	  NULL },
};

static void azure_plan(void **state)
{
	imported *im = clean(import_fixture("azure.plan.json", 0));

	(void)state;
	check_all(im, azure_comps, N(azure_comps));
	check_skipped(im, "azurerm_resource_group.main "
		"azurerm_mssql_server.primary azurerm_mssql_server.secondary "
		"azurerm_key_vault_key.cmk");
	assert_int_equal(count_sev(im, SOV_SEV_WARNING), 0);
	done(im);
}

/* ------------------------------------------------------------------ */
/* Google Cloud                                                        */

#define GCP_EU_REGIONS "europe-central2 europe-north1 europe-north2 " \
	"europe-southwest1 europe-west1 europe-west10 europe-west12 " \
	"europe-west3 europe-west4 europe-west8 europe-west9"

static const want google_comps[] = {
	{ "google_kms_key_ring.main", "key-management", "gcp",
	  "europe-west1", NULL, NULL, UNSET, NULL, NULL, "BE", NULL, NULL,
	  NULL },
	{ "google_kms_key_ring.multi", "key-management", "gcp", NULL, NULL,
	  "Cloud KMS location europe is not in the catalog", UNSET, NULL,
	  NULL, NULL, NULL, NULL, NULL },
	{ "google_kms_crypto_key.storage", "key-management", "gcp",
	  "europe-west1", NULL, NULL, UNSET, NULL, NULL, "BE", NULL, NULL,
	  NULL },
	{ "google_kms_crypto_key.sql", "key-management", "gcp",
	  "europe-west1", NULL, NULL, UNSET, NULL, NULL, "BE", NULL, NULL,
	  NULL },
	{ "google_kms_crypto_key.archive", "key-management", "gcp", NULL,
	  NULL, "Cloud KMS location europe", UNSET, NULL, NULL, NULL, NULL,
	  NULL, NULL },
	{ "google_storage_bucket.raw", "object-storage", "gcp",
	  "europe-west1", NULL, NULL, ZONE, NULL, NULL, NULL, NULL,
	  "personal", NULL },
	{ "google_storage_bucket.analytics", "object-storage", "gcp", NULL,
	  "eu", NULL, ZONE, NULL, NULL, "BE", "google_kms_crypto_key.storage",
	  "personal", NULL },
	{ "google_storage_bucket.backups_dual", "object-storage", "gcp",
	  NULL, "eur4", NULL, ZONE, NULL, NULL, NULL, NULL, "personal",
	  NULL },
	{ "google_storage_bucket.pairs", "object-storage", "gcp",
	  "europe-west3", NULL, NULL, ZONE, "europe-west4", NULL, NULL, NULL,
	  "personal", NULL },
	{ "google_storage_bucket.us_archive", "object-storage", "gcp", NULL,
	  "us", NULL, ZONE, NULL, NULL, NULL, NULL, "personal", NULL },
	{ "google_sql_database_instance.main", "database", "gcp",
	  "europe-west1", NULL, NULL, ZONE, "europe-west4", GCP_EU_REGIONS,
	  "BE", "google_kms_crypto_key.sql", "personal payment", NULL },
	{ "google_sql_database_instance.replica", "database", "gcp",
	  "europe-west4", NULL, NULL, NONE, NULL, NULL, NULL, NULL,
	  "personal payment", NULL },
	{ "google_bigquery_dataset.events", "database", "gcp", NULL, "eu",
	  NULL, ZONE, NULL, NULL, NULL, NULL, "personal", NULL },
	{ "google_spanner_instance.ledger", "database", "gcp",
	  "europe-west3", NULL, NULL, ZONE, NULL, NULL, NULL, NULL,
	  "personal", NULL },
	{ "google_spanner_instance.catalog", "database", "gcp", NULL, NULL,
	  "instance configuration nam-eur-asia1", UNSET, NULL, NULL, NULL,
	  NULL, "personal", NULL },
	{ "google_vertex_ai_endpoint.classifier", "ai-inference", "gcp",
	  "europe-west4", NULL, NULL, UNSET, NULL, NULL, NULL, NULL, NULL,
	  "personal prompts" },
	{ "google_vertex_ai_endpoint.chat", "ai-inference", "gcp",
	  NULL, "global", NULL, UNSET, NULL, NULL, NULL, NULL, NULL,
	  "personal prompts" },
};

static void google_plan(void **state)
{
	imported *im = clean(import_fixture("google.plan.json", 0));

	(void)state;
	check_all(im, google_comps, N(google_comps));
	check_skipped(im, "google_compute_network.main "
		"google_project_service.aiplatform");
	assert_int_equal(count_sev(im, SOV_SEV_WARNING), 0);
	done(im);
}

/* ------------------------------------------------------------------ */
/* State: no configuration; ARNs and region attributes                 */

static const want state_comps[] = {
	{ "aws_kms_key.billing", "key-management", "aws", "eu-west-3", NULL,
	  NULL, NONE, NULL, NULL, "FR", NULL, NULL, NULL },
	{ "aws_s3_bucket.invoices", "object-storage", "aws", "eu-west-3",
	  NULL, NULL, ZONE, NULL, NULL, "FR", "aws_kms_key.billing",
	  "payment", NULL },
	{ "aws_s3_bucket.exports[0]", "object-storage", "aws", "eu-west-3",
	  NULL, NULL, ZONE, NULL, NULL, NULL, NULL, "personal", NULL },
	{ "aws_s3_bucket.exports[1]", "object-storage", "aws", "eu-west-3",
	  NULL, NULL, ZONE, NULL, NULL, NULL, NULL, "personal", NULL },
	{ "aws_db_instance.billing", "database", "aws", "eu-west-3", NULL,
	  NULL, ZONE, "us-east-2", "eu-west-3", "FR", "aws_kms_key.billing",
	  "personal payment", NULL },
	{ "aws_db_instance.billing_replica", "database", "aws", "us-east-2",
	  NULL, NULL, NONE, NULL, NULL, "US-OH", NULL, "personal payment",
	  NULL },
	{ "aws_dynamodb_table.carts", "database", "aws", "eu-west-3", NULL,
	  NULL, ZONE, "eu-central-1", NULL, NULL, NULL, "personal", NULL },
	{ "aws_sagemaker_endpoint.recommend", "ai-inference", "aws",
	  "eu-west-3", NULL, NULL, UNSET, NULL, NULL, NULL, NULL, NULL,
	  "personal" },
};

static void aws_state(void **state)
{
	imported *im = clean(import_fixture("aws.state.json", 1));

	(void)state;
	check_all(im, state_comps, N(state_comps));
	check_skipped(im, "module.cdn.aws_cloudfront_distribution.site");
	done(im);
}

/* A state file read as a plan is read as state. */
static void state_read_as_plan(void **state)
{
	imported *im = clean(import_fixture("aws.state.json", 0));

	(void)state;
	check_all(im, state_comps, N(state_comps));
	assert_string_equal(im->d.format, "terraform-state");
	done(im);
}

/* ------------------------------------------------------------------ */
/* Unknowns: known after apply, unresolved provider regions            */

static const want unknown_comps[] = {
	{ "aws_s3_bucket.uploads", "object-storage", "aws", "eu-north-1",
	  NULL, NULL, ZONE, NULL, NULL, NULL, NULL, "personal", NULL },
	{ "aws_s3_bucket.scratch", "object-storage", "aws", NULL, NULL,
	  "the provider configuration gives no region", ZONE, NULL, NULL,
	  NULL, NULL, "personal", NULL },
	{ "aws_dynamodb_table.tokens", "database", "aws", NULL, NULL,
	  "known after apply", ZONE, NULL, NULL, NULL, NULL, "personal",
	  NULL },
	{ "aws_rds_cluster.ledger_primary", "database", "aws", "eu-north-1",
	  NULL, NULL, ZONE, NULL, "eu-north-1", "SE FR",
	  "aws_kms_key.ledger", "payment", NULL },
	{ "aws_rds_cluster.ledger_secondary", "database", "aws", NULL, NULL,
	  "known after apply", ZONE, "eu-north-1", NULL, NULL, NULL,
	  "payment", NULL },
	{ "aws_kms_key.ledger", "key-management", "aws", "eu-north-1", NULL,
	  NULL, UNSET, "eu-west-3", NULL, "SE", NULL, NULL, NULL },
	{ "aws_bedrockagent_agent.helper", "ai-inference", "aws", NULL,
	  NULL, "the model is known after apply", UNSET, NULL, NULL, NULL,
	  NULL, NULL, "prompts" },
	{ "aws_sagemaker_endpoint.legacy", "ai-inference", "aws", NULL,
	  NULL, "the provider configuration gives no region", UNSET, NULL,
	  NULL, NULL, NULL, NULL, "personal" },
};

static void unknowns_stay_unknown(void **state)
{
	imported *im = clean(import_fixture("aws-unknowns.plan.json", 0));

	(void)state;
	check_all(im, unknown_comps, N(unknown_comps));
	check_skipped(im, NULL);
	expect_diag(im, SOV_SEV_WARNING, 62, 31, "aws_s3_bucket_replication_"
		"configuration.uploads: replication destination "
		"arn:aws:s3:::partner-landing-zone is not a bucket of the "
		"input; the replicas of aws_s3_bucket.uploads are unknown");
	expect_diag(im, SOV_SEV_WARNING, 84, 9, "aws_dynamodb_table.tokens: "
		"a replica region is known after apply");
	expect_diag(im, SOV_SEV_WARNING, 109, 9, "aws_rds_global_cluster."
		"ledger: member aws_rds_cluster.ledger_secondary has no known "
		"region; the replicas of aws_rds_cluster.ledger_primary are "
		"unknown");
	assert_int_equal(count_sev(im, SOV_SEV_WARNING), 3);
	/* A replica in an unknown place leaves the replica facet unknown. */
	assert_non_null(strstr(only(im, "aws_s3_bucket.uploads")->
		replica_unknown, "partner-landing-zone"));
	assert_non_null(only(im, "aws_dynamodb_table.tokens")->
		replica_unknown);
	assert_non_null(strstr(only(im, "aws_rds_cluster.ledger_primary")->
		replica_unknown, "ledger_secondary"));
	assert_null(only(im, "aws_s3_bucket.scratch")->replica_unknown);
	assert_null(draft_find(&im->d, "aws_s3_bucket.old_exports"));
	done(im);
}

/* ------------------------------------------------------------------ */
/* Errors                                                              */

static void grs_in_unpaired_region(void **state)
{
	imported *im = import_fixture("azure-grs-unpaired.plan.json", 0);

	(void)state;
	assert_int_equal(im->rc, SOV_OK);
	assert_int_equal(im->d.errors, 1);
	expect_diag(im, SOV_SEV_ERROR, 31, 41, "azurerm_storage_account."
		"exports: geo-redundant storage in region 'polandcentral', "
		"which has no paired region");
	assert_int_equal(draft_find(&im->d,
		"azurerm_storage_account.archive")->redundancy, ZONE);
	done(im);
}

static void format_version_2(void **state)
{
	imported *im = import_fixture("format-v2.plan.json", 0);

	(void)state;
	assert_int_equal(im->d.errors, 1);
	expect_diag(im, SOV_SEV_ERROR, 2, 21,
		"unsupported format_version '2.0'");
	assert_null(im->d.comps);
	done(im);
}

static imported *import_string(const char *text, int state)
{
	return import_text("plan.json", text, strlen(text), state, NULL);
}

static void not_terraform(void **state)
{
	static const struct {
		const char *json, *text;
		unsigned line, column;
	} bad[] = {
		{ "{\"terraform_version\": \"1.9.8\"}",
		  "no format_version", 1, 1 },
		{ "[1, 2]", "no format_version", 1, 1 },
		{ "{\n  \"format_version\": 1.2\n}",
		  "unsupported format_version (not a string)", 2, 21 },
		{ "{\"format_version\": \"1\"}",
		  "unsupported format_version '1'", 1, 20 },
		{ "{\"format_version\": \"1.x\"}",
		  "unsupported format_version '1.x'", 1, 20 },
		{ "{\"format_version\": \"1.2\"}",
		  "neither planned_values nor resource_changes", 1, 1 },
		{ "{\"format_version\": \"1.2\", \"planned_values\": {"
		  "\"root_module\": {\"resources\": [{\"mode\": \"managed\", "
		  "\"type\": \"aws_s3_bucket\", \"name\": \"x\"}]}}}",
		  "a managed resource without its address", 1, 76 },
		{ "{\"format_version\": \"1.2\", \"planned_values\": {"
		  "\"root_module\": {\"resources\": [{\"address\": \"a.b\", "
		  "\"mode\": \"managed\", \"name\": \"b\"}]}}}",
		  "managed resource a.b without its type", 1, 76 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < N(bad); i++) {
		imported *im = import_string(bad[i].json, 0);

		assert_int_equal(im->d.errors, 1);
		expect_diag(im, SOV_SEV_ERROR, bad[i].line, bad[i].column,
			bad[i].text);
		done(im);
	}
}

/* An empty state (no values) and a plan without resources are fine. */
static void empty_inputs(void **state)
{
	imported *im = clean(import_string("{\"format_version\": \"1.0\"}",
		1));

	(void)state;
	assert_null(im->d.comps);
	done(im);
	im = clean(import_string("{\"format_version\": \"0.1\", "
		"\"planned_values\": {\"root_module\": {}}}", 0));
	assert_null(im->d.comps);
	done(im);
}

/* ------------------------------------------------------------------ */
/* Smaller shapes, one rule each                                       */

#define PLAN_HEAD "{\"format_version\": \"1.2\", \"terraform_version\": " \
	"\"1.9.8\", "
#define PV(res) "\"planned_values\": {\"root_module\": " res "}, "
#define RES(addr, type, name, prov, values) \
	"{\"address\": \"" addr "\", \"mode\": \"managed\", \"type\": \"" \
	type "\", \"name\": \"" name "\", \"provider_name\": " \
	"\"registry.terraform.io/hashicorp/" prov "\", \"values\": " \
	values "}"

/*
 * Terraform 0.12 to 1.0 write a module's key as "child:aws" and its
 * provider entry as "module.child:aws", without a block of its own: the
 * region comes from the caller (checkov's nested-module plan has this
 * shape).
 */
static void old_module_keys_inherit(void **state)
{
	imported *im = clean(import_string(PLAN_HEAD
		PV("{\"child_modules\": [{\"address\": \"module.a\", "
		"\"child_modules\": [{\"address\": \"module.a.module.b\", "
		"\"resources\": [" RES("module.a.module.b.aws_s3_bucket.x",
		"aws_s3_bucket", "x", "aws", "{}") "]}]}]}")
		"\"configuration\": {\"provider_config\": {"
		"\"aws\": {\"name\": \"aws\", \"expressions\": {\"region\": "
		"{\"constant_value\": \"eu-south-1\"}}}, "
		"\"module.b:aws\": {\"name\": \"aws\", \"module_address\": "
		"\"module.b\"}}, \"root_module\": {\"module_calls\": {\"a\": "
		"{\"module\": {\"module_calls\": {\"b\": {\"module\": "
		"{\"resources\": [{\"address\": \"aws_s3_bucket.x\", "
		"\"mode\": \"managed\", \"type\": \"aws_s3_bucket\", "
		"\"name\": \"x\", \"provider_config_key\": \"b:aws\"}]}}}}}}}}"
		"}", 0));

	(void)state;
	assert_string_equal(only(im, "module.a.module.b.aws_s3_bucket.x")->
		region, "eu-south-1");
	done(im);
}

/* A module's own provider block, its region a variable the call passes
 * through another variable of the root module; and a `providers` map. */
static void module_provider_variables(void **state)
{
	imported *im = clean(import_string(PLAN_HEAD
		"\"variables\": {\"home\": {\"value\": \"eu-west-2\"}}, "
		PV("{\"child_modules\": [{\"address\": \"module.m\", "
		"\"resources\": [" RES("module.m.aws_s3_bucket.x",
		"aws_s3_bucket", "x", "aws", "{}") "]}, {\"address\": "
		"\"module.p\", \"resources\": ["
		RES("module.p.aws_s3_bucket.y", "aws_s3_bucket", "y", "aws",
		"{}") "]}]}")
		"\"configuration\": {\"provider_config\": {"
		"\"aws\": {\"name\": \"aws\"}, "
		"\"aws.paris\": {\"name\": \"aws\", \"alias\": \"paris\", "
		"\"expressions\": {\"region\": {\"constant_value\": "
		"\"eu-west-3\"}}}, "
		"\"module.m:aws\": {\"name\": \"aws\", \"module_address\": "
		"\"module.m\", \"expressions\": {\"region\": {\"references\": "
		"[\"var.where\"]}}}}, \"root_module\": {\"module_calls\": {"
		"\"m\": {\"expressions\": {\"where\": {\"references\": "
		"[\"var.home\"]}}, \"module\": {\"resources\": [{\"address\": "
		"\"aws_s3_bucket.x\", \"mode\": \"managed\", \"type\": "
		"\"aws_s3_bucket\", \"name\": \"x\", \"provider_config_key\": "
		"\"module.m:aws\"}]}}, "
		"\"p\": {\"providers\": {\"aws\": \"aws.paris\"}, \"module\": "
		"{\"resources\": [{\"address\": \"aws_s3_bucket.y\", "
		"\"mode\": \"managed\", \"type\": \"aws_s3_bucket\", "
		"\"name\": \"y\", "
		"\"provider_config_key\": \"module.p:aws\"}]}}}}}}", 0));

	(void)state;
	assert_string_equal(only(im, "module.m.aws_s3_bucket.x")->region,
		"eu-west-2");
	assert_string_equal(only(im, "module.p.aws_s3_bucket.y")->region,
		"eu-west-3");
	done(im);
}

/* --region and --location fill what the input does not say; a Google
 * zone names its region. */
static void defaults_and_zones(void **state)
{
	imported *im;

	(void)state;
	region_default = "eu-central-2";
	location_default = "Switzerland North";
	im = clean(import_string(PLAN_HEAD PV("{\"resources\": ["
		RES("aws_s3_bucket.a", "aws_s3_bucket", "a", "aws", "{}") ", "
		RES("azurerm_key_vault.k", "azurerm_key_vault", "k", "azurerm",
		"{}") ", "
		RES("google_sql_database_instance.g",
		"google_sql_database_instance", "g", "google", "{}") "]}")
		"\"configuration\": {\"provider_config\": {\"google\": "
		"{\"name\": \"google\", \"expressions\": {\"zone\": "
		"{\"constant_value\": \"europe-west9-b\"}}}}}}", 0));
	region_default = location_default = NULL;
	assert_string_equal(only(im, "aws_s3_bucket.a")->region,
		"eu-central-2");
	assert_string_equal(only(im, "azurerm_key_vault.k")->region,
		"switzerlandnorth");
	assert_string_equal(only(im, "google_sql_database_instance.g")->
		region, "europe-west9");
	done(im);
}

/* Provider 3 buckets hold their replication and encryption; a resource
 * that planned_values leaves out is read from its change; no-op values
 * come from prior_state. */
static void inline_blocks_and_changes(void **state)
{
	imported *im = clean(import_string(PLAN_HEAD
		PV("{\"resources\": [" RES("aws_s3_bucket.src",
		"aws_s3_bucket", "src", "aws", "{\"bucket\": \"src\", "
		"\"replication_configuration\": [{\"rules\": [{"
		"\"destination\": [{\"bucket\": \"arn:aws:s3:::dst\"}]}]}], "
		"\"server_side_encryption_configuration\": [{\"rule\": [{"
		"\"apply_server_side_encryption_by_default\": [{"
		"\"kms_master_key_id\": \"arn:aws:kms:ca-central-1:1:key/k\","
		" \"sse_algorithm\": \"aws:kms\"}]}]}]}") ", "
		"{\"address\": \"aws_s3_bucket.dst\", \"mode\": \"managed\", "
		"\"type\": \"aws_s3_bucket\", \"name\": \"dst\", "
		"\"provider_name\": \"aws\"}]}")
		"\"resource_changes\": [{\"address\": "
		"\"aws_s3_bucket.extra\", \"mode\": \"managed\", "
		"\"type\": \"aws_s3_bucket\", \"name\": \"extra\", "
		"\"provider_name\": \"aws\", \"change\": "
		"{\"actions\": [\"create\"], \"after\": {\"region\": "
		"\"ap-south-1\"}, \"after_unknown\": {}}}], "
		"\"prior_state\": {\"values\": {\"root_module\": "
		"{\"resources\": [{\"address\": \"aws_s3_bucket.dst\", "
		"\"values\": {\"bucket\": \"dst\", \"region\": "
		"\"ca-west-1\"}}]}}}, "
		"\"configuration\": {\"provider_config\": {\"aws\": "
		"{\"name\": \"aws\", \"expressions\": {\"region\": "
		"{\"constant_value\": \"ca-central-1\"}}}}}}", 0));
	const draft_comp *c = only(im, "aws_s3_bucket.src");

	(void)state;
	assert_string_equal(c->region, "ca-central-1");
	assert_int_equal(c->nreplicas, 1);
	assert_string_equal(c->replicas[0].region, "ca-west-1");
	assert_int_equal(c->nkey_locations, 1);
	assert_string_equal(c->key_locations[0], "CA-QC");
	assert_string_equal(only(im, "aws_s3_bucket.dst")->region,
		"ca-west-1");
	assert_string_equal(only(im, "aws_s3_bucket.extra")->region,
		"ap-south-1");
	done(im);
}

/* Bedrock ids by prefix, an ARN of an application profile, a foundation
 * model ARN. */
static void bedrock_routing(void **state)
{
	static const struct {
		const char *model, *scope;
	} cases[] = {
		{ "us.amazon.nova-pro-v1:0", "bedrock-us" },
		{ "apac.anthropic.claude-3-5-sonnet-20241022-v2:0",
		  "bedrock-apac" },
		{ "jp.anthropic.claude-sonnet-4-5-20250929-v1:0",
		  "bedrock-jp" },
		{ "au.anthropic.claude-sonnet-4-5-20250929-v1:0",
		  "bedrock-au" },
		{ "us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0",
		  "bedrock-us-gov" },
		{ "ca.anthropic.claude-sonnet-4-5-20250929-v1:0",
		  "bedrock-ca" },
		{ "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
		  "bedrock-global" },
		{ "arn:aws:bedrock:eu-west-1:1:inference-profile/"
		  "eu.meta.llama3-2-3b-instruct-v1:0", "bedrock-eu" },
		{ "arn:aws:bedrock:eu-west-1::foundation-model/"
		  "amazon.titan-text-express-v1", NULL },
		{ "anthropic.claude-v2:1", NULL },
	};
	char text[1024];
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		imported *im;
		const draft_comp *c;

		snprintf(text, sizeof text, PLAN_HEAD PV("{\"resources\": ["
			RES("aws_bedrockagent_agent.a",
			"aws_bedrockagent_agent", "a", "aws",
			"{\"region\": \"eu-west-1\", \"foundation_model\": "
			"\"%s\"}") "]}") "\"resource_changes\": []}",
			cases[i].model);
		im = clean(import_string(text, 0));
		c = only(im, "aws_bedrockagent_agent.a");
		assert_string_equal(c->region, "eu-west-1");
		test_assert_same(c->scope, cases[i].scope, "scope",
			cases[i].model);
		done(im);
	}
}

/* DataZone skus need an account in a data zone; unknown skus stay
 * unknown; Cosmos continuous backups are in every region. */
static void azure_edges(void **state)
{
	imported *im = import_string(PLAN_HEAD PV("{\"resources\": ["
		RES("azurerm_cognitive_account.jp",
		"azurerm_cognitive_account", "jp", "azurerm",
		"{\"id\": \"/subs/1/accounts/jp\", "
		"\"location\": \"japaneast\"}") ", "
		RES("azurerm_cognitive_deployment.d",
		"azurerm_cognitive_deployment", "d", "azurerm",
		"{\"cognitive_account_id\": \"/SUBS/1/accounts/jp\", "
		"\"sku\": [{\"name\": \"DataZoneStandard\"}]}") ", "
		RES("azurerm_cognitive_deployment.e",
		"azurerm_cognitive_deployment", "e", "azurerm",
		"{\"cognitive_account_id\": \"/subs/1/accounts/jp\", "
		"\"sku\": [{\"name\": \"DeveloperTier\"}]}") ", "
		RES("azurerm_cosmosdb_account.c", "azurerm_cosmosdb_account",
		"c", "azurerm", "{\"backup\": [{\"type\": \"Continuous\"}], "
		"\"geo_location\": [{\"location\": \"francecentral\", "
		"\"failover_priority\": 1}, {\"location\": \"France South\", "
		"\"failover_priority\": 0}]}") "]}")
		"\"resource_changes\": []}",
		0);
	const draft_comp *c;

	(void)state;
	assert_int_equal(im->rc, SOV_OK);
	assert_int_equal(im->d.errors, 1);
	expect_diag(im, SOV_SEV_ERROR, 1, 600, "azurerm_cognitive_deployment"
		".d: sku DataZoneStandard routes within the account's data "
		"zone, but region 'japaneast' is in none");
	c = only(im, "azurerm_cognitive_deployment.e");
	assert_non_null(strstr(c->unknown, "sku DeveloperTier"));
	c = only(im, "azurerm_cosmosdb_account.c");
	assert_string_equal(c->region, "francesouth");
	assert_string_equal(c->replicas[0].region, "francecentral");
	assert_int_equal(c->nbackups, 2);
	done(im);
}

/* ------------------------------------------------------------------ */
/* Robustness                                                          */

/* Every allocation that fails gives SOV_ENOMEM, never a crash. */
static void out_of_memory(void **state)
{
	char path[512], *text;
	size_t len = 0;
	long n;

	(void)state;
	snprintf(path, sizeof path, "%s/%saws-multi-region.plan.json",
		SOV_SOURCE_DIR, FIXTURES);
	text = test_slurp(path, &len);
	assert_non_null(text);
	for (n = 1; n < 200; n++) {
		failing f = { 0, 0, 0 };
		sov_allocator al = { f_malloc, f_realloc, f_free, NULL };
		imported *im;

		f.fail_at = n;
		al.ud = &f;
		im = import_text("p.json", text, len, 0, &al);
		if (f.calls >= n)
			assert_int_equal(im->rc, SOV_ENOMEM);
		else
			assert_int_equal(im->rc, SOV_OK);
		done(im);
		assert_int_equal(f.live, 0);
		if (f.calls < n)
			break;
	}
	free(text);
}

/* UTF-16LE with a byte order mark -> UTF-8 (the import layer does this
 * before a reader runs). */
static char *from_utf16le(const char *in, size_t len, size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", "UTF-16LE");
	size_t room = len * 2 + 1, left = room;
	char *out = malloc(room), *dst = out;
	char *src = (char *)in + 2;
	size_t srclen = len - 2;

	assert_true(cd != (iconv_t)-1);
	assert_non_null(out);
	assert_true(iconv(cd, &src, &srclen, &dst, &left) != (size_t)-1);
	iconv_close(cd);
	*out_len = room - left;
	return out;
}

static void import_real(const char *file)
{
	char path[1024];
	size_t len = 0;
	char *text;
	imported *im;
	int state;

	snprintf(path, sizeof path, "%s/%s", REAL_INPUTS, file);
	text = test_slurp(path, &len);
	assert_non_null(text);
	if (len >= 2 && (unsigned char)text[0] == 0xff &&
	    (unsigned char)text[1] == 0xfe) {
		char *utf8 = from_utf16le(text, len, &len);

		free(text);
		text = utf8;
	}
	state = strstr(text, "\"planned_values\"") == NULL &&
		strstr(text, "\"values\"") != NULL;
	im = import_text(file, text, len, state, NULL);
	if (im->rc != SOV_OK || im->d.errors)
		assert_true(sov_diags_errors(im->diags) > 0);
	print_message("%s: %zu components, %zu not evaluated, %u errors\n",
		file, im->d.ncomps, im->d.nskipped, (unsigned)im->d.errors);
	done(im);
	free(text);
}

/* Every real plan and state imports without a crash: a draft, or an
 * error diagnostic. */
static void real_inputs(void **state)
{
	DIR *dir = opendir(REAL_INPUTS);
	struct dirent *e;
	int n = 0;

	(void)state;
	if (!dir) {
		print_message("skipped: no %s\n", REAL_INPUTS);
		skip();
	}
	while ((e = readdir(dir)) != NULL) {
		size_t k = strlen(e->d_name);

		if (k > 5 && strcmp(e->d_name + k - 5, ".json") == 0) {
			import_real(e->d_name);
			n++;
		}
	}
	closedir(dir);
	assert_true(n > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(aws_multi_region_plan),
		cmocka_unit_test(azure_plan),
		cmocka_unit_test(google_plan),
		cmocka_unit_test(aws_state),
		cmocka_unit_test(state_read_as_plan),
		cmocka_unit_test(unknowns_stay_unknown),
		cmocka_unit_test(grs_in_unpaired_region),
		cmocka_unit_test(format_version_2),
		cmocka_unit_test(not_terraform),
		cmocka_unit_test(empty_inputs),
		cmocka_unit_test(old_module_keys_inherit),
		cmocka_unit_test(module_provider_variables),
		cmocka_unit_test(defaults_and_zones),
		cmocka_unit_test(inline_blocks_and_changes),
		cmocka_unit_test(bedrock_routing),
		cmocka_unit_test(azure_edges),
		cmocka_unit_test(out_of_memory),
		cmocka_unit_test(real_inputs),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
