/*
 * Unit tests for draft.c and emit.c: places normalised and checked
 * against the shipped catalog, the tag convention in its spellings and
 * shapes, ids and key references resolved by draft_finish, and the
 * emitted document loaded back as a deployment.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "deploy/deploy.h"
#include "import/draft.h"
#include "import/emit.h"
#include "load/json_read.h"

#define PLAN "plans/eu-prod.plan.json"

static sov_catalog *cat;

typedef struct {
	arena *a;
	sov_diags *diags;
	draft d;
} fixture;

static int setup_all(void **state)
{
	(void)state;
	cat = test_catalog();
	return 0;
}

static int teardown_all(void **state)
{
	(void)state;
	sov_catalog_free(cat);
	return 0;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->a = arena_new(NULL);
	assert_non_null(f->a);
	assert_int_equal(sov_diags_new(&f->diags), SOV_OK);
	draft_init(&f->d, f->a, cat, f->diags);
	f->d.file = PLAN;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	sov_diags_free(f->diags);
	arena_free(f->a);
	free(f);
	return 0;
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

/* Asserts an error at PLAN:line:column whose message holds `text` and,
 * unless NULL, `also`. */
static void error_at(const sov_diags *d, unsigned line, unsigned column,
	const char *text, const char *also)
{
	size_t i;

	for (i = 0; i < sov_diags_count(d); i++) {
		const sov_diag *g = sov_diags_get(d, i);

		if (g->severity == SOV_SEV_ERROR &&
		    strcmp(g->file, PLAN) == 0 && g->line == line &&
		    g->column == column && strstr(g->message, text) &&
		    (!also || strstr(g->message, also)))
			return;
	}
	dump(d);
	fail_msg("no error at %u:%u holding \"%s\"", line, column, text);
}

/* A JSON value parsed from `text`, in the fixture's arena. */
static json_value *parse(fixture *f, const char *text)
{
	json_value *v = NULL;

	assert_int_equal(json_parse(&v, f->a, PLAN, text, strlen(text),
		f->diags), SOV_OK);
	return v;
}

static draft_comp *add(fixture *f, const char *address, const char *type,
	const char *kind, const char *provider)
{
	draft_src src = { PLAN, 12, 9 };
	draft_comp *c = draft_add(&f->d, address, type, kind, provider,
		src);

	assert_non_null(c);
	return c;
}

/* ------------------------------------------------------------------ */
/* Places                                                              */

static void locations_normalised(void **state)
{
	fixture *f = *state;
	draft_comp *vm = add(f, "azurerm_linux_virtual_machine.app",
		"azurerm_linux_virtual_machine", "compute", "azure");
	draft_comp *bq = add(f, "google_bigquery_dataset.events",
		"google_bigquery_dataset", "database", "gcp");
	draft_comp *gcs = add(f, "google_storage_bucket.media",
		"google_storage_bucket", "object-storage", "gcp");
	draft_comp *s3 = add(f, "aws_s3_bucket.logs", "aws_s3_bucket",
		"object-storage", "aws");

	assert_int_equal(draft_set_location(&f->d, vm, "East US", NULL,
		NULL), 0);
	assert_string_equal(vm->region, "eastus");
	assert_null(vm->scope);
	assert_int_equal(draft_set_location(&f->d, vm, "West Europe", NULL,
		NULL), 0);
	assert_string_equal(vm->region, "westeurope");
	assert_int_equal(draft_set_location(&f->d, bq, "EU", NULL, NULL), 0);
	assert_null(bq->region);
	assert_string_equal(bq->scope, "eu");
	assert_int_equal(draft_set_location(&f->d, gcs, "EUROPE-WEST4", NULL,
		NULL), 0);
	assert_string_equal(gcs->region, "europe-west4");
	assert_int_equal(draft_set_location(&f->d, s3, "eu-central-1", NULL,
		NULL), 0);
	assert_string_equal(s3->region, "eu-central-1");
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(sov_diags_count(f->diags), 0);
}

static void unknown_location_is_unset_not_guessed(void **state)
{
	fixture *f = *state;
	draft_comp *c = add(f, "aws_s3_bucket.logs", "aws_s3_bucket",
		"object-storage", "aws");

	assert_int_equal(draft_set_location(&f->d, c, NULL,
		"known after apply", NULL), 0);
	assert_null(c->region);
	assert_null(c->scope);
	assert_string_equal(c->unknown, "known after apply");
	assert_int_equal(f->d.errors, 0);
}

static void location_not_in_catalog(void **state)
{
	fixture *f = *state;
	json_value *root = parse(f, "{\n  \"name\": \"st\",\n"
		"  \"location\": \"westeurop\"\n}");
	const json_value *at = json_get(root, "location");
	draft_comp *c = add(f, "azurerm_storage_account.st",
		"azurerm_storage_account", "object-storage", "azure");

	assert_int_equal(draft_set_location(&f->d, c, at->string, NULL, at),
		-1);
	assert_int_equal(f->d.errors, 1);
	assert_null(c->region);
	error_at(f->diags, 3, 15, "azurerm_storage_account.st",
		"did you mean 'westeurope'");
	error_at(f->diags, 3, 15, "'westeurop'", NULL);
}

static void scope_of_the_provider(void **state)
{
	fixture *f = *state;
	json_value *root = parse(f, "{\"profile\": \"bedrock-xx\"}");
	draft_comp *c = add(f, "aws_bedrockagent_agent.support",
		"aws_bedrockagent_agent", "ai-inference", "aws");

	assert_int_equal(draft_set_scope(&f->d, c, "bedrock-eu", NULL), 0);
	assert_string_equal(c->scope, "bedrock-eu");
	assert_int_equal(draft_set_scope(&f->d, c, "bedrock-xx",
		json_get(root, "profile")), -1);
	error_at(f->diags, 1, 13, "aws_bedrockagent_agent.support",
		"bedrock-xx");
}

static void geo_redundancy_needs_a_pair(void **state)
{
	fixture *f = *state;
	json_value *root = parse(f, "{\n\"account_replication_type\": "
		"\"GRS\"\n}");
	const json_value *at = json_get(root, "account_replication_type");
	draft_comp *paired = add(f, "azurerm_storage_account.we",
		"azurerm_storage_account", "object-storage", "azure");
	draft_comp *alone = add(f, "azurerm_storage_account.at",
		"azurerm_storage_account", "object-storage", "azure");

	assert_int_equal(draft_set_location(&f->d, paired, "westeurope",
		NULL, NULL), 0);
	assert_int_equal(draft_set_redundancy(&f->d, paired, DRAFT_RED_GEO,
		at), 0);
	assert_int_equal(paired->redundancy, DRAFT_RED_GEO);
	/* austriaeast has pair="none" in policies/catalog/azure.xml */
	assert_int_equal(draft_set_location(&f->d, alone, "Austria East",
		NULL, NULL), 0);
	assert_string_equal(alone->region, "austriaeast");
	assert_int_equal(draft_set_redundancy(&f->d, alone, DRAFT_RED_ZONE,
		at), 0);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(draft_set_redundancy(&f->d, alone, DRAFT_RED_GEO,
		at), -1);
	assert_int_equal(f->d.errors, 1);
	error_at(f->diags, 2, 29, "azurerm_storage_account.at",
		"no paired region");
}

static void replicas_and_backups_deduplicated(void **state)
{
	fixture *f = *state;
	draft_comp *db = add(f, "aws_db_instance.orders", "aws_db_instance",
		"database", "aws");
	draft_comp *st = add(f, "azurerm_storage_account.st",
		"azurerm_storage_account", "object-storage", "azure");

	assert_int_equal(draft_add_replica(&f->d, db, "us-east-1",
		"read replica", NULL), 0);
	assert_int_equal(draft_add_replica(&f->d, db, "us-east-1",
		"second read replica", NULL), 0);
	assert_int_equal(db->nreplicas, 1);
	assert_string_equal(db->replicas[0].region, "us-east-1");
	assert_string_equal(db->replicas[0].why, "read replica");
	assert_int_equal(draft_add_backup(&f->d, db, "eu-central-1", NULL,
		"automated backups", NULL), 0);
	assert_int_equal(draft_add_backup(&f->d, db, "eu-central-1", "aws",
		"the same, named", NULL), 0);
	assert_int_equal(draft_add_backup(&f->d, db, "eu-west-1", NULL,
		"replicated automated backups", NULL), 0);
	assert_int_equal(db->nbackups, 2);
	assert_int_equal(draft_add_replica(&f->d, st, "North Europe", NULL,
		NULL), 0);
	assert_int_equal(draft_add_replica(&f->d, st, "northeurope", NULL,
		NULL), 0);
	assert_int_equal(st->nreplicas, 1);
	assert_string_equal(st->replicas[0].region, "northeurope");
	assert_int_equal(draft_add_replica(&f->d, st, "Narnia", NULL,
		NULL), -1);
	assert_int_equal(st->nreplicas, 1);
	assert_int_equal(f->d.errors, 1);
}

/* ------------------------------------------------------------------ */
/* The tag convention                                                  */

static void tags_as_an_object(void **state)
{
	fixture *f = *state;
	json_value *tags = parse(f, "{\n"
		"  \"Name\": \"orders\",\n"
		"  \"sovereign:data\": \"personal payment\",\n"
		"  \"sovereign-processes\": \"personal, prompts\",\n"
		"  \"sovereign_kind\": \"database\",\n"
		"  \"sovereign:access\": \"DE FR\",\n"
		"  \"sovereign:keys\": \"customer DE\",\n"
		"  \"sovereign:mechanism\": \"scc\",\n"
		"  \"sovereign:tag\": \"prod pci\",\n"
		"  \"sovereign:id\": \"orders-db\",\n"
		"  \"sovereign:operator\": \"acme-gmbh\"\n}");
	draft_comp *c = add(f, "aws_db_instance.orders", "aws_db_instance",
		"compute", "aws");

	assert_int_equal(draft_apply_tags(&f->d, c, tags), SOV_OK);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(c->nstores, 2);
	assert_string_equal(c->stores[0], "personal");
	assert_string_equal(c->stores[1], "payment");
	assert_int_equal(c->nprocesses, 2);
	assert_string_equal(c->processes[1], "prompts");
	assert_string_equal(c->kind, "database");
	assert_int_equal(c->access_listed, 1);
	assert_int_equal(c->naccess, 2);
	assert_string_equal(c->access[0], "DE");
	assert_string_equal(c->access[1], "FR");
	assert_int_equal(c->custody, DRAFT_KEYS_CUSTOMER);
	assert_int_equal(c->nkey_locations, 1);
	assert_string_equal(c->key_locations[0], "DE");
	assert_int_equal(c->nmechanisms, 1);
	assert_string_equal(c->mechanisms[0], "scc");
	assert_int_equal(c->ntags, 2);
	assert_string_equal(c->tags[1], "pci");
	assert_string_equal(c->id, "orders-db");
	assert_string_equal(c->operator_entity, "acme-gmbh");
}

static void tags_as_cloudformation_pairs(void **state)
{
	fixture *f = *state;
	json_value *tags = parse(f, "[\n"
		"  {\"Key\": \"Environment\", \"Value\": \"prod\"},\n"
		"  {\"Key\": \"sovereign:data\", \"Value\": \"personal\"},\n"
		"  {\"Key\": \"sovereign-keys\", \"Value\": \"third-party "
		"CH\"},\n"
		"  {\"Key\": \"sovereign:access\", \"Value\": \"none\"}\n]");
	draft_comp *c = add(f, "OrdersTable", "AWS::DynamoDB::Table",
		"database", "aws");

	assert_int_equal(draft_apply_tags(&f->d, c, tags), SOV_OK);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(c->nstores, 1);
	assert_string_equal(c->stores[0], "personal");
	assert_int_equal(c->custody, DRAFT_KEYS_THIRD_PARTY);
	assert_string_equal(c->key_locations[0], "CH");
	assert_int_equal(c->access_listed, 1);
	assert_int_equal(c->naccess, 0);
}

static void google_labels_split_on_underscores(void **state)
{
	fixture *f = *state;
	json_value *labels = parse(f, "{\"sovereign-data\": "
		"\"personal_health-record\", \"sovereign-access\": "
		"\"de_fr\", \"env\": \"prod_eu\"}");
	draft_comp *c = add(f, "google_sql_database_instance.main",
		"google_sql_database_instance", "database", "gcp");

	assert_int_equal(draft_apply_tags(&f->d, c, labels), SOV_OK);
	assert_int_equal(f->d.errors, 0);
	assert_int_equal(c->nstores, 2);
	assert_string_equal(c->stores[0], "personal");
	assert_string_equal(c->stores[1], "health-record");
	assert_int_equal(c->naccess, 2);
	assert_string_equal(c->access[0], "DE");
	assert_string_equal(c->access[1], "FR");
	assert_int_equal(c->ntags, 0);
}

static void bad_tag_values(void **state)
{
	fixture *f = *state;
	json_value *tags = parse(f, "{\n"
		"\"sovereign:access\": \"DE Germany\",\n"
		"\"sovereign:data\": \"personal pay/ment\",\n"
		"\"sovereign:keys\": \"DE\",\n"
		"\"sovereign:kind\": \"two words\"\n}");
	draft_comp *c = add(f, "aws_s3_bucket.docs", "aws_s3_bucket",
		"object-storage", "aws");

	assert_int_equal(draft_apply_tags(&f->d, c, tags), SOV_OK);
	assert_int_equal(f->d.errors, 4);
	error_at(f->diags, 2, 21, "'Germany' in a sovereign tag is not a "
		"jurisdiction code", "aws_s3_bucket.docs");
	error_at(f->diags, 3, 19, "'pay/ment' in a sovereign tag is not "
		"an id", "aws_s3_bucket.docs");
	error_at(f->diags, 4, 19, "does not start with a custody",
		"aws_s3_bucket.docs");
	error_at(f->diags, 5, 19, "names one id", "aws_s3_bucket.docs");
	/* What was well-formed is kept. */
	assert_int_equal(c->naccess, 1);
	assert_int_equal(c->nstores, 1);
	assert_string_equal(c->kind, "object-storage");
}

static void fields_by_name(void **state)
{
	fixture *f = *state;
	draft_src at = { "annotations.xml", 7, 0 };
	draft_comp *c = add(f, "aws_s3_bucket.docs", "aws_s3_bucket",
		"object-storage", "aws");

	assert_int_equal(draft_apply_field(&f->d, c, "data", "personal",
		&at), SOV_OK);
	assert_int_equal(draft_apply_field(&f->d, c, "colour", "blue", &at),
		SOV_EUSAGE);
	assert_int_equal(c->nstores, 1);
	assert_int_equal(f->d.errors, 0);
}

/* ------------------------------------------------------------------ */
/* draft_finish                                                        */

static void ids_from_addresses(void **state)
{
	fixture *f = *state;
	draft_comp *a = add(f, "module.a.aws_s3_bucket.b[\"eu\"]",
		"aws_s3_bucket", "object-storage", "aws");
	draft_comp *b = add(f, "module.a.aws_s3_bucket.b.eu",
		"aws_s3_bucket", "object-storage", "aws");
	draft_comp *c = add(f, "aws_instance.web[0]", "aws_instance",
		"compute", "aws");
	draft_comp *tagged = add(f, "aws_instance.api", "aws_instance",
		"compute", "aws");
	draft_comp *clash = add(f, "api", "aws_instance", "compute", "aws");
	draft_comp *path = add(f, "/subscriptions/x/Microsoft.Sql/servers/"
		"db one", "Microsoft.Sql/servers", "database", "azure");

	tagged->id = "api";
	assert_int_equal(draft_finish(&f->d), SOV_OK);
	assert_string_equal(a->id, "module.a.aws_s3_bucket.b.eu");
	assert_string_equal(b->id, "module.a.aws_s3_bucket.b.eu-2");
	assert_string_equal(c->id, "aws_instance.web.0");
	/* A tag's id is given first; the address that collides yields. */
	assert_string_equal(tagged->id, "api");
	assert_string_equal(clash->id, "api-2");
	assert_string_equal(path->id,
		"r.subscriptions.x.Microsoft.Sql.servers.db-one");
	assert_int_equal(f->d.errors, 0);
}

static void keys_from_the_key_resource(void **state)
{
	fixture *f = *state;
	draft_comp *key = add(f, "aws_kms_key.data", "aws_kms_key",
		"key-management", "aws");
	draft_comp *mrk = add(f, "aws_kms_key.multi", "aws_kms_key",
		"key-management", "aws");
	draft_comp *lost = add(f, "aws_kms_key.later", "aws_kms_key",
		"key-management", "aws");
	draft_comp *bucket = add(f, "aws_s3_bucket.docs", "aws_s3_bucket",
		"object-storage", "aws");
	draft_comp *table = add(f, "aws_dynamodb_table.t",
		"aws_dynamodb_table", "database", "aws");
	draft_comp *queue = add(f, "aws_sqs_queue.q", "aws_sqs_queue",
		"compute", "aws");

	assert_int_equal(draft_set_location(&f->d, key, "eu-west-1", NULL,
		NULL), 0);
	assert_int_equal(draft_set_location(&f->d, mrk, "eu-central-1",
		NULL, NULL), 0);
	assert_int_equal(draft_add_replica(&f->d, mrk, "eu-north-1", NULL,
		NULL), 0);
	assert_int_equal(draft_set_location(&f->d, lost, NULL,
		"known after apply", NULL), 0);
	bucket->key_ref = "aws_kms_key.data";
	table->key_ref = "aws_kms_key.multi";
	queue->key_ref = "aws_kms_key.later";
	assert_int_equal(draft_finish(&f->d), SOV_OK);
	assert_int_equal(bucket->custody, DRAFT_KEYS_PROVIDER);
	assert_int_equal(bucket->nkey_locations, 1);
	assert_string_equal(bucket->key_locations[0], "IE");
	assert_int_equal(table->nkey_locations, 2);
	assert_string_equal(table->key_locations[0], "DE");
	assert_string_equal(table->key_locations[1], "SE");
	/* A key whose place is unknown gives no location: custody unset. */
	assert_int_equal(queue->custody, DRAFT_UNSET);
	assert_int_equal(queue->nkey_locations, 0);
}

static draft_flow *flow(fixture *f, const char *from, const char *to,
	unsigned line)
{
	draft_flow *fl = arena_calloc(f->a, 1, sizeof(*fl));

	assert_non_null(fl);
	fl->from = from;
	fl->to = to;
	fl->data = "personal";
	fl->src.file = PLAN;
	fl->src.line = line;
	if (f->d.last_flow)
		f->d.last_flow->next = fl;
	else
		f->d.flows = fl;
	f->d.last_flow = fl;
	return fl;
}

static void flow_ends_by_address_or_id(void **state)
{
	fixture *f = *state;
	draft_comp *app = add(f, "module.app.aws_instance.web[\"a\"]",
		"aws_instance", "compute", "aws");
	draft_comp *db = add(f, "aws_db_instance.orders", "aws_db_instance",
		"database", "aws");
	draft_flow *by_address = flow(f, "module.app.aws_instance.web[\"a\"]",
		"aws_db_instance.orders", 4);
	draft_flow *by_id = flow(f, "orders", "module.app.aws_instance.web.a",
		5);
	draft_flow *dangling = flow(f, "orders", "aws_s3_bucket.nowhere", 6);

	db->id = "orders";
	assert_int_equal(draft_finish(&f->d), SOV_OK);
	assert_string_equal(by_address->from, app->id);
	assert_string_equal(by_address->to, "orders");
	assert_string_equal(by_id->from, "orders");
	assert_string_equal(by_id->to, "module.app.aws_instance.web.a");
	assert_string_equal(dangling->from, "orders");
	assert_int_equal(f->d.errors, 1);
	error_at(f->diags, 6, 0, "flow end 'aws_s3_bucket.nowhere'",
		"no resource");
}

/* ------------------------------------------------------------------ */
/* The emitted document                                                */

/* A database with its classes, a replica and a comment-hostile reason;
 * a function whose place and classes are unknown; a skipped role; a
 * flow between them by address. */
static void build_draft(fixture *f)
{
	draft_src src = { PLAN, 40, 9 }, skip = { PLAN, 77, 9 };
	draft_comp *db = add(f, "module.eu.aws_db_instance.main[0]",
		"aws_db_instance", "database", "aws");
	draft_comp *fn = add(f, "aws_lambda_function.api",
		"aws_lambda_function", "compute", "aws");

	db->src = src;
	fn->src.line = 58;
	fn->src.column = 0;
	assert_int_equal(draft_set_location(&f->d, db, "eu-central-1", NULL,
		NULL), 0);
	assert_int_equal(draft_set_redundancy(&f->d, db, DRAFT_RED_ZONE,
		NULL), 0);
	assert_int_equal(draft_add_replica(&f->d, db, "eu-west-1",
		"read replica --> dr", NULL), 0);
	assert_int_equal(draft_apply_field(&f->d, db, "data",
		"personal payment", &src), SOV_OK);
	assert_int_equal(draft_set_location(&f->d, fn, NULL,
		"known after apply", NULL), 0);
	assert_int_equal(draft_skip_resource(&f->d, "aws_iam_role.exec",
		"aws_iam_role", skip), SOV_OK);
	flow(f, "aws_lambda_function.api",
		"module.eu.aws_db_instance.main[0]", 3);
	assert_int_equal(draft_finish(&f->d), SOV_OK);
	f->d.id = "eu-prod";
	f->d.title = "Imported from eu-prod.plan.json (terraform-plan)";
}

static void emitted_document_loads(void **state)
{
	fixture *f = *state;
	sov_deployment *dep = NULL;
	const dep_component *k;
	buf b;

	build_draft(f);
	buf_init(&b, NULL);
	emit_deployment(&b, &f->d);
	assert_false(b.oom);
	if (sov_deployment_load_memory(&dep, cat, "emitted.xml", b.data,
		    b.len, NULL, f->diags) != SOV_OK) {
		dump(f->diags);
		print_message("%.*s", (int)b.len, b.data);
		fail_msg("the emitted document does not load");
	}
	assert_string_equal(sov_deployment_id(dep), "eu-prod");
	assert_int_equal(dep->ncomponents, 2);
	k = &dep->components[0];
	assert_string_equal(k->id, "module.eu.aws_db_instance.main.0");
	assert_string_equal(k->file, PLAN);
	assert_int_equal(k->line, 40);
	assert_int_equal(k->column, 9);
	assert_false(k->data_unstated);
	assert_int_equal(k->nreplicas, 1);
	k = &dep->components[1];
	assert_string_equal(k->id, "aws_lambda_function.api");
	assert_int_equal(k->line, 58);
	assert_true(k->data_unstated);
	assert_int_equal(dep->nflows, 1);
	assert_int_equal(sov_deployment_not_evaluated(dep), 1);
	assert_string_equal(dep->skipped[0].address, "aws_iam_role.exec");
	assert_int_equal(dep->skipped[0].line, 77);
	sov_deployment_free(dep);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(locations_normalised),
		T(unknown_location_is_unset_not_guessed),
		T(location_not_in_catalog),
		T(scope_of_the_provider),
		T(geo_redundancy_needs_a_pair),
		T(replicas_and_backups_deduplicated),
		T(tags_as_an_object),
		T(tags_as_cloudformation_pairs),
		T(google_labels_split_on_underscores),
		T(bad_tag_values),
		T(fields_by_name),
		T(ids_from_addresses),
		T(keys_from_the_key_resource),
		T(flow_ends_by_address_or_id),
		T(emitted_document_loads),
#undef T
	};

	return cmocka_run_group_tests(tests, setup_all, teardown_all);
}
