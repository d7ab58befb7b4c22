/*
 * Unit tests for cloudformation.c: every template of
 * tests/import/cloudformation/ read into a draft, with and without
 * --region, each component written as one line and compared with the
 * expected[] table; the errors at their file:line:column; and every
 * real template of ../shared/real-inputs/cloudformation/ without a
 * crash.
 */
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "import/import.h"

#define FIXTURES "tests/import/cloudformation/"
#define N(a) (sizeof(a) / sizeof((a)[0]))

static sov_catalog *cat;

typedef struct {
	arena *a;
	sov_diags *diags;
	char name[256];         /* the file, as diagnostics name it */
	draft d;
	int rc;         /* of cloudformation_import, or the parse's */
	int parsed;
} run;

/* As import.c does: JSON when the text starts with { or [. */
static json_syntax syntax_of(const char *data)
{
	data += strspn(data, " \t\r\n");
	return *data == '{' || *data == '[' ? JSON_SYNTAX_JSON :
	       JSON_SYNTAX_YAML;
}

/* Reads `data` (diagnostics name it `name`) into r->d. */
static void import_text(run *r, const char *name, const char *data,
	size_t len, const char *region)
{
	json_value *root = NULL;

	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->a = arena_new(NULL);
	assert_non_null(r->a);
	assert_int_equal(sov_diags_new(&r->diags), SOV_OK);
	r->rc = json_parse_doc(&root, r->a, r->name, data, len,
		syntax_of(data), r->diags);
	draft_init(&r->d, r->a, cat, r->diags);
	r->d.file = r->name;
	r->d.region_default = region;
	r->parsed = r->rc == SOV_OK;
	if (r->parsed)
		r->rc = cloudformation_import(&r->d, root);
	if (r->parsed && r->rc == SOV_OK && r->d.errors == 0)
		assert_int_equal(draft_finish(&r->d), SOV_OK);
}

static void import_path(run *r, const char *path, const char *name,
	const char *region)
{
	size_t len;
	char *data = test_slurp(path, &len);

	import_text(r, name, data, len, region);
	free(data);
}

static void import_fixture(run *r, const char *file, const char *region)
{
	char path[512], name[256];

	snprintf(path, sizeof(path), "%s/" FIXTURES "%s", SOV_SOURCE_DIR,
		file);
	snprintf(name, sizeof(name), FIXTURES "%s", file);
	import_path(r, path, name, region);
}

static void run_free(run *r)
{
	sov_diags_free(r->diags);
	arena_free(r->a);
}

/* ------------------------------------------------------------------ */
/* A component as one line                                             */

static void put(char *out, size_t len, const char *fmt, const char *s)
{
	size_t n = strlen(out);

	snprintf(out + n, len - n, fmt, s);
}

static void put_list(char *out, size_t len, const char *label,
	const char *const *items, size_t n)
{
	size_t i;

	if (!n)
		return;
	put(out, len, " %s=", label);
	for (i = 0; i < n; i++)
		put(out, len, i ? ",%s" : "%s", items[i]);
}

static void put_places(char *out, size_t len, const char *label,
	const draft_place *p, size_t n)
{
	size_t i;

	if (!n)
		return;
	put(out, len, " %s=", label);
	for (i = 0; i < n; i++) {
		put(out, len, i ? ",%s" : "%s", p[i].region);
		if (p[i].provider)
			put(out, len, "@%s", p[i].provider);
	}
}

static void put_keys(char *out, size_t len, const draft_comp *c)
{
	static const char *const custody[] = {
		"customer", "provider", "third-party",
	};
	size_t i;

	if (c->custody == DRAFT_UNSET)
		return;
	put(out, len, " keys=%s:", custody[c->custody]);
	for (i = 0; i < c->nkey_locations; i++)
		put(out, len, i ? ",%s" : "%s", c->key_locations[i]);
}

/*
 * "Address kind provider region scope redundancy" and then whatever is
 * set: unknown=, replicas=, backups= (then "listed"), keys=custody:DE,
 * stores=, processes=, tags=, attrs=. "-" is unset.
 */
static const char *describe(const draft_comp *c, char *out, size_t len)
{
	static const char *const red[] = { "none", "zone", "geo" };
	size_t i;

	snprintf(out, len, "%s %s %s %s %s %s", c->address, c->kind,
		c->provider, c->region ? c->region : "-",
		c->scope ? c->scope : "-",
		c->redundancy == DRAFT_UNSET ? "-" : red[c->redundancy]);
	if (c->unknown)
		put(out, len, " unknown=%s", c->unknown);
	put_places(out, len, "replicas", c->replicas, c->nreplicas);
	put_places(out, len, "backups", c->backups, c->nbackups);
	if (c->backups_listed)
		put(out, len, "%s", " listed");
	put_keys(out, len, c);
	put_list(out, len, "stores", c->stores, c->nstores);
	put_list(out, len, "processes", c->processes, c->nprocesses);
	put_list(out, len, "tags", c->tags, c->ntags);
	for (i = 0; i < c->nattrs; i++) {
		put(out, len, i ? ",%s" : " attrs=%s", c->attrs[i].name);
		put(out, len, "=%s", c->attrs[i].value);
	}
	return out;
}

static void assert_comps(const draft *d, const char *const *want, size_t n)
{
	const draft_comp *c = d->comps;
	char line[2048];
	size_t i;

	for (i = 0; i < n; i++, c = c->next) {
		if (!c)
			fail_msg("component %zu missing: %s", i, want[i]);
		describe(c, line, sizeof(line));
		if (strcmp(line, want[i]) != 0)
			fail_msg("component %zu:\n  got  %s\n  want %s", i,
				line, want[i]);
	}
	if (c)
		fail_msg("one component more: %s",
			describe(c, line, sizeof(line)));
	assert_int_equal(d->ncomps, n);
}

/* "Address Type" of every skipped resource, joined by ", ". */
static void assert_skipped(const draft *d, const char *want)
{
	const draft_skip *s;
	char got[2048] = "";

	for (s = d->skipped; s; s = s->next) {
		put(got, sizeof(got), "%s", got[0] ? ", " : "");
		put(got, sizeof(got), "%s ", s->address);
		put(got, sizeof(got), "%s", s->type);
	}
	assert_string_equal(got, want);
}

/* A diagnostic of `sev` at line:column whose message holds `text`. */
static void assert_diag(const sov_diags *diags, sov_severity sev,
	unsigned line, unsigned column, const char *text)
{
	size_t i;

	for (i = 0; i < sov_diags_count(diags); i++) {
		const sov_diag *g = sov_diags_get(diags, i);

		if (g->severity == sev && g->line == line &&
		    g->column == column && strstr(g->message, text))
			return;
	}
	for (i = 0; i < sov_diags_count(diags); i++) {
		const sov_diag *g = sov_diags_get(diags, i);

		print_error("%s:%u:%u: %s\n", g->file, g->line, g->column,
			g->message);
	}
	fail_msg("no diagnostic at %u:%u holds \"%s\"", line, column, text);
}

static void assert_clean(const run *r)
{
	assert_int_equal(r->rc, SOV_OK);
	assert_int_equal(r->d.errors, 0);
	assert_int_equal(sov_diags_errors(r->diags), 0);
}

#define R_UNKNOWN " unknown=the stack's region: give --region"

/* ------------------------------------------------------------------ */
/* storage.yaml: buckets, replication, keys                            */

static const char *const storage_eu[] = {
	"DocumentsKey key-management aws eu-central-1 - none",
	"SharedKey key-management aws eu-central-1 - - "
	"attrs=multi-region=true",
	"CustomerDocuments object-storage aws eu-central-1 - - "
	"replicas=eu-central-1 keys=provider:DE stores=personal",
	"DocumentsReplica object-storage aws eu-central-1 - zone "
	"keys=provider:DE stores=personal",
	"AuditLogs object-storage aws eu-central-1 - zone "
	"replicas=eu-central-1,eu-west-3 keys=provider:DE stores=logs "
	"attrs=condition=IsProd",
	"AuditCopy object-storage aws eu-central-1 - zone keys=provider:DE "
	"attrs=condition=KeepAuditCopy",
	"Exports object-storage aws eu-central-1 - zone stores=personal "
	"tags=reporting",
};

static const char *const storage_unknown[] = {
	"DocumentsKey key-management aws - - none" R_UNKNOWN,
	"SharedKey key-management aws - - -" R_UNKNOWN
	" attrs=multi-region=true",
	"CustomerDocuments object-storage aws - - -" R_UNKNOWN
	" stores=personal",
	"DocumentsReplica object-storage aws - - zone" R_UNKNOWN
	" stores=personal",
	"AuditLogs object-storage aws - - zone" R_UNKNOWN
	" replicas=eu-west-3 keys=provider:DE stores=logs "
	"attrs=condition=IsProd",
	"AuditCopy object-storage aws - - zone" R_UNKNOWN
	" attrs=condition=KeepAuditCopy",
	"Exports object-storage aws - - zone" R_UNKNOWN
	" stores=personal tags=reporting",
};

#define STORAGE_SKIPPED "DocumentsKeyAlias AWS::KMS::Alias, " \
	"DocumentsBucketPolicy AWS::S3::BucketPolicy, " \
	"ReplicationRole AWS::IAM::Role"

static void storage_with_region(void **state)
{
	run r;

	(void)state;
	import_fixture(&r, "storage.yaml", "eu-central-1");
	assert_clean(&r);
	assert_comps(&r.d, storage_eu, N(storage_eu));
	assert_skipped(&r.d, STORAGE_SKIPPED);
	/* A bucket of another account: no region, so no redundancy. */
	assert_diag(r.diags, SOV_SEV_WARNING, 110, 23, "CustomerDocuments: "
		"replication rule archive-account copies to a bucket outside "
		"the template");
	assert_diag(r.diags, SOV_SEV_WARNING, 66, 20, "SharedKey: a "
		"multi-Region key");
	assert_diag(r.diags, SOV_SEV_WARNING, 189, 31, "Exports: key "
		"SharedKey is a multi-Region key");
	assert_string_equal(r.d.comps->src.file, FIXTURES "storage.yaml");
	assert_int_equal(r.d.comps->src.line, 39);
	run_free(&r);
}

static void storage_without_region(void **state)
{
	run r;

	(void)state;
	import_fixture(&r, "storage.yaml", NULL);
	assert_clean(&r);
	assert_comps(&r.d, storage_unknown, N(storage_unknown));
	assert_skipped(&r.d, STORAGE_SKIPPED);
	run_free(&r);
}

/* ------------------------------------------------------------------ */
/* database.json: RDS, Aurora, DynamoDB tables and global tables       */

#define US_PRIMARY "arn:aws:rds:us-east-1:111122223333:db:orders-us-primary"

static const char *const database_eu[] = {
	"DataKey key-management aws eu-central-1 - none",
	"OrdersDB database aws eu-central-1 - zone replicas=eu-central-1 "
	"keys=provider:DE stores=personal,payment",
	"OrdersReadReplica database aws eu-central-1 - none "
	"stores=personal,payment",
	"ReportingReplica database aws eu-central-1 - none "
	"replicas=us-east-1 keys=provider:DE stores=personal "
	"attrs=replica-of=" US_PRIMARY,
	"MigrationReplica database aws eu-central-1 - -",
	"AnalyticsCluster database aws eu-central-1 - zone keys=provider:DE "
	"stores=personal attrs=condition=CreateAnalytics",
	"AnalyticsWriter database aws eu-central-1 - zone "
	"attrs=condition=CreateAnalytics",
	"CartTable database aws eu-central-1 - zone keys=provider:DE "
	"stores=personal",
	"SessionsTable database aws eu-central-1 - zone "
	"replicas=eu-west-1,eu-north-1 keys=provider:DE,IE,SE "
	"stores=personal tags=sessions",
};

static const char *const database_unknown[] = {
	"DataKey key-management aws - - none" R_UNKNOWN,
	"OrdersDB database aws - - zone" R_UNKNOWN " stores=personal,payment",
	"OrdersReadReplica database aws - - none" R_UNKNOWN
	" stores=personal,payment",
	"ReportingReplica database aws - - none" R_UNKNOWN
	" replicas=us-east-1 keys=provider:DE stores=personal "
	"attrs=replica-of=" US_PRIMARY,
	"MigrationReplica database aws - - -" R_UNKNOWN,
	"AnalyticsCluster database aws - - zone" R_UNKNOWN
	" stores=personal attrs=condition=CreateAnalytics",
	"AnalyticsWriter database aws - - zone" R_UNKNOWN
	" attrs=condition=CreateAnalytics",
	"CartTable database aws - - zone" R_UNKNOWN " stores=personal",
	"SessionsTable database aws - - -" R_UNKNOWN
	" replicas=eu-west-1 stores=personal tags=sessions",
};

#define DATABASE_SKIPPED "SubnetGroup AWS::RDS::DBSubnetGroup, " \
	"OrdersEvents AWS::SNS::Topic"

static void database_with_region(void **state)
{
	run r;

	(void)state;
	import_fixture(&r, "database.json", "eu-central-1");
	assert_clean(&r);
	assert_comps(&r.d, database_eu, N(database_eu));
	assert_skipped(&r.d, DATABASE_SKIPPED);
	assert_diag(r.diags, SOV_SEV_WARNING, 105, 39, "MigrationReplica: "
		"the region of the source of this replica is not known "
		"(parameter LegacySource has no default)");
	assert_int_equal(sov_diags_count(r.diags), 1);
	run_free(&r);
}

static void database_without_region(void **state)
{
	run r;

	(void)state;
	import_fixture(&r, "database.json", NULL);
	assert_clean(&r);
	assert_comps(&r.d, database_unknown, N(database_unknown));
	assert_skipped(&r.d, DATABASE_SKIPPED);
	/* The replica from the mapping keyed by the region. */
	assert_diag(r.diags, SOV_SEV_WARNING, 167, 23, "SessionsTable: a "
		"replica in a region the template does not give (the stack's "
		"region: give --region)");
	run_free(&r);
}

/* ------------------------------------------------------------------ */
/* ai.yaml: Bedrock agents and a SageMaker endpoint                    */

#define EU_MODEL "eu.anthropic.claude-3-7-sonnet-20250219-v1:0"
#define HAIKU "anthropic.claude-3-haiku-20240307-v1:0"
#define GLOBAL_MODEL "global.anthropic.claude-sonnet-4-20250514-v1:0"
#define NO_MODEL_DEFAULT "ExperimentAgent ai-inference aws - - - " \
	"unknown=the agent's foundation model: parameter " \
	"ExperimentModelId has no default"
#define FRAUD_EU "FraudEndpoint ai-inference aws eu-central-1 - - " \
	"keys=provider:DE processes=personal,payment"
#define SSM_MODEL "ConfiguredAgent ai-inference aws - - - " \
	"unknown=the agent's foundation model: parameter ModelSelection " \
	"is read from Systems Manager when the stack is created"

static const char *const ai_eu[] = {
	"AgentKey key-management aws eu-central-1 - none",
	"CustomerAssistant ai-inference aws eu-central-1 bedrock-eu - "
	"keys=provider:DE processes=personal,prompts attrs=model=" EU_MODEL,
	"TriageAgent ai-inference aws eu-central-1 - - keys=provider:DE "
	"processes=personal attrs=model=" HAIKU,
	"ProfileAgent ai-inference aws eu-central-1 bedrock-global - "
	"processes=personal attrs=model=" GLOBAL_MODEL,
	NO_MODEL_DEFAULT,
	SSM_MODEL,
	FRAUD_EU,
};

static const char *const ai_unknown[] = {
	"AgentKey key-management aws - - none" R_UNKNOWN,
	"CustomerAssistant ai-inference aws - bedrock-eu -" R_UNKNOWN
	" processes=personal,prompts attrs=model=" EU_MODEL,
	"TriageAgent ai-inference aws - - -" R_UNKNOWN " keys=provider:DE "
	"processes=personal attrs=model=" HAIKU,
	"ProfileAgent ai-inference aws - bedrock-global -" R_UNKNOWN
	" processes=personal attrs=model=" GLOBAL_MODEL,
	NO_MODEL_DEFAULT,
	SSM_MODEL,
	"FraudEndpoint ai-inference aws - - -" R_UNKNOWN
	" processes=personal,payment",
};

#define AI_SKIPPED "AgentRole AWS::IAM::Role, " \
	"FraudModel AWS::SageMaker::Model, " \
	"FraudEndpointConfig AWS::SageMaker::EndpointConfig"

static void ai_with_region(void **state)
{
	run r;

	(void)state;
	import_fixture(&r, "ai.yaml", "eu-central-1");
	assert_clean(&r);
	assert_comps(&r.d, ai_eu, N(ai_eu));
	assert_skipped(&r.d, AI_SKIPPED);
	run_free(&r);
}

static void ai_without_region(void **state)
{
	run r;

	(void)state;
	import_fixture(&r, "ai.yaml", NULL);
	assert_clean(&r);
	assert_comps(&r.d, ai_unknown, N(ai_unknown));
	assert_skipped(&r.d, AI_SKIPPED);
	run_free(&r);
}

/* ------------------------------------------------------------------ */
/* backup.json: a plan with copies to other regions, and a selection   */

#define PLAN_COPIES "backups=eu-west-1,eu-north-1,eu-central-1"
#define SELECTED "backups=eu-central-1,eu-west-1,eu-north-1"

static const char *const backup_eu[] = {
	"VaultKey key-management aws eu-central-1 - none",
	"PolicyPlan backup aws eu-central-1 - - " PLAN_COPIES " listed "
	"stores=personal",
	"PartnerPlan backup aws eu-central-1 - -",
	"PolicyTable database aws eu-central-1 - zone " SELECTED
	" stores=personal",
	"PolicyDocuments object-storage aws eu-central-1 - zone " SELECTED
	" stores=personal",
};

static const char *const backup_unknown[] = {
	"VaultKey key-management aws - - none" R_UNKNOWN,
	"PolicyPlan backup aws - - -" R_UNKNOWN " stores=personal",
	"PartnerPlan backup aws - - -" R_UNKNOWN,
	"PolicyTable database aws - - zone" R_UNKNOWN " stores=personal",
	"PolicyDocuments object-storage aws - - zone" R_UNKNOWN
	" stores=personal",
};

#define BACKUP_SKIPPED "PrimaryVault AWS::Backup::BackupVault, " \
	"BackupRole AWS::IAM::Role, " \
	"PolicySelection AWS::Backup::BackupSelection"

static void backup_with_region(void **state)
{
	run r;

	(void)state;
	import_fixture(&r, "backup.json", "eu-central-1");
	assert_clean(&r);
	assert_comps(&r.d, backup_eu, N(backup_eu));
	assert_skipped(&r.d, BACKUP_SKIPPED);
	assert_diag(r.diags, SOV_SEV_WARNING, 81, 48, "PartnerPlan: backup "
		"rule weekly-to-partner copies to a vault whose region the "
		"template does not give");
	run_free(&r);
}

static void backup_without_region(void **state)
{
	run r;

	(void)state;
	import_fixture(&r, "backup.json", NULL);
	assert_clean(&r);
	assert_comps(&r.d, backup_unknown, N(backup_unknown));
	assert_skipped(&r.d, BACKUP_SKIPPED);
	assert_diag(r.diags, SOV_SEV_WARNING, 61, 48, "PolicyPlan: backup "
		"rule monthly-archive copies to vault PrimaryVault of the "
		"stack: the stack's region: give --region");
	run_free(&r);
}

/* ------------------------------------------------------------------ */
/* Errors                                                              */

static void not_a_template(void **state)
{
	run r;

	(void)state;
	import_fixture(&r, "not-a-template.json", "eu-central-1");
	assert_int_equal(r.rc, SOV_OK);
	assert_int_equal(r.d.errors, 1);
	assert_diag(r.diags, SOV_SEV_ERROR, 1, 1, "not a CloudFormation "
		"template: no Resources section");
	assert_int_equal(r.d.ncomps, 0);
	run_free(&r);
	import_fixture(&r, "list-not-template.yaml", NULL);
	assert_int_equal(r.d.errors, 1);
	assert_diag(r.diags, SOV_SEV_ERROR, 2, 1, "not a CloudFormation "
		"template: the document is a list");
	run_free(&r);
}

static void resource_without_type(void **state)
{
	run r;

	(void)state;
	import_fixture(&r, "no-type.yaml", "eu-west-1");
	assert_int_equal(r.rc, SOV_OK);
	assert_int_equal(r.d.errors, 3);
	assert_diag(r.diags, SOV_SEV_ERROR, 13, 5, "resource UploadsPolicy "
		"has no Type");
	assert_diag(r.diags, SOV_SEV_ERROR, 20, 11, "Cache: Type is not a "
		"string");
	assert_diag(r.diags, SOV_SEV_ERROR, 26, 17, "Queue: Properties is "
		"not an object");
	/* The others are still read, so that every error shows at once. */
	assert_int_equal(r.d.ncomps, 1);
	assert_string_equal(r.d.comps->address, "Uploads");
	run_free(&r);
}

static void malformed_yaml(void **state)
{
	run r;

	(void)state;
	import_fixture(&r, "malformed.yaml", NULL);
	assert_false(r.parsed);
	assert_int_equal(r.rc, SOV_EINPUT);
	assert_diag(r.diags, SOV_SEV_ERROR, 7, 7, "did not find expected");
	assert_string_equal(sov_diags_get(r.diags, 0)->file,
		FIXTURES "malformed.yaml");
	run_free(&r);
}

#define TEXT(r, text, region) \
	import_text(r, "inline.yaml", text, strlen(text), region)

static void unknown_region(void **state)
{
	run r;

	(void)state;
	TEXT(&r, "Resources:\n  B:\n    Type: AWS::S3::Bucket\n", "mars-1");
	assert_int_equal(r.d.errors, 1);
	test_diag_has(r.diags, "--region: unknown region 'mars-1'", 1);
	run_free(&r);
}

/* A region of another partition: the stack is of that provider. */
static void region_of_china(void **state)
{
	static const char *const want[] = {
		"T database aws-cn cn-north-1 - zone keys=provider:CN",
	};
	run r;

	(void)state;
	TEXT(&r, "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n"
		"    Properties:\n      SSESpecification:\n"
		"        KMSMasterKeyId: !Sub "
		"\"arn:${AWS::Partition}:kms:${AWS::Region}:1:key/k\"\n",
		"cn-north-1");
	assert_clean(&r);
	assert_comps(&r.d, want, N(want));
	run_free(&r);
}

/* The functions, each in a sovereign:tag value the bucket takes. */
static const char FUNCTIONS[] =
	"Parameters:\n"
	"  Zones: {Type: CommaDelimitedList, Default: \"a,b,c\"}\n"
	"  Env: {Type: String, Default: prod}\n"
	"Mappings:\n"
	"  M: {prod: {Name: from-map}}\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"  Loop1: !Condition Loop2\n"
	"  Loop2: !Not [!Condition Loop1]\n"
	"  Either: !Or [!Condition Loop1, !Condition IsProd]\n"
	"Resources:\n"
	"  B:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      Tags:\n"
	"        - {Key: sovereign:tag, Value: !Join [-, [j, !Ref Env]]}\n"
	"        - {Key: sovereign:tag, Value: !Select [1, !Split [',', "
	"!Join [',', !Ref Zones]]]}\n"
	"        - {Key: sovereign:tag, Value: !Select [2, [x, y, s-2]]}\n"
	"        - {Key: sovereign:tag, Value: !FindInMap [M, !Ref Env, "
	"Name]}\n"
	"        - {Key: sovereign:tag, Value: !If [IsProd, if-yes, if-no]}\n"
	"        - {Key: sovereign:tag, Value: !If [Loop1, a, b]}\n"
	"        - {Key: sovereign:tag, Value: !If [Loop1, same, same]}\n"
	"        - {Key: sovereign:tag, Value: !If [Either, or-yes, no]}\n"
	"        - {Key: sovereign:tag, Value: !Sub [\"${X}-${!Y}\", "
	"{X: sub}]}\n"
	"        - {Key: sovereign:tag, Value: !GetAtt B.Arn}\n"
	"        - {Key: sovereign:tag, Value: !Ref AWS::AccountId}\n"
	"        - {Key: sovereign:tag, Value: !Base64 never}\n"
	"        - Key: sovereign:tag\n"
	"          Value: {\"Fn::Join\": [\"\", [long, {Ref: Env}]]}\n";

static void resolves_functions(void **state)
{
	static const char *const want[] = {
		"B object-storage aws - - zone" R_UNKNOWN " tags=j-prod,b,"
		"s-2,from-map,if-yes,same,or-yes,longprod",
	};
	run r;

	(void)state;
	TEXT(&r, FUNCTIONS, NULL);
	/* ${!Y} stays "${Y}", which is no id: the tag convention says so. */
	assert_int_equal(r.d.errors, 1);
	test_diag_has(r.diags, "'sub-${Y}' in a sovereign tag is not an id",
		0);
	r.d.errors = 0;
	assert_comps(&r.d, want, N(want));
	run_free(&r);
}

/* Shapes no template should have: each is reported or ignored, none
 * crashes, and every problem names its place. */
static const char HOSTILE[] =
	"Resources:\n"
	"  B:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketEncryption:\n"
	"        ServerSideEncryptionConfiguration:\n"
	"          - ServerSideEncryptionByDefault:\n"
	"              {KMSMasterKeyID: \"arn:\"}\n"
	"          - ServerSideEncryptionByDefault:\n"
	"              {KMSMasterKeyID: !GetAtt []}\n"
	"          - ServerSideEncryptionByDefault:\n"
	"              {KMSMasterKeyID: !Ref []}\n"
	"          - 5\n"
	"      ReplicationConfiguration:\n"
	"        Rules:\n"
	"          - 5\n"
	"          - Destination: 7\n"
	"          - Destination: {Bucket: \"arn:aws:s3:::\"}\n"
	"          - Destination:\n"
	"              {Bucket: !Select [99999999999999999999, [a]]}\n"
	"          - Destination: {Bucket: !Select [-1, !Split [\"\", abc]]}\n"
	"          - Destination: {Bucket: !Join [[], 5]}\n"
	"          - Destination: {Bucket: !FindInMap [a]}\n"
	"          - Destination: {Bucket: !If [1, 2]}\n"
	"          - Destination: {Bucket: !Sub \"abc${\"}\n"
	"          - Destination: {Bucket: !Sub [\"${!\", 5]}\n"
	"      Tags: 5\n"
	"  C:\n"
	"    Type: AWS::DynamoDB::GlobalTable\n"
	"    Properties: {Replicas: [5, {Region: !Equals [a, a]}]}\n"
	"  E:\n"
	"    Type: AWS::Bedrock::Agent\n"
	"    Properties:\n"
	"      FoundationModel: \"arn:aws:bedrock:eu-west-1::"
	"application-inference-profile/x\"\n"
	"      Tags: [1, {Key: 2}, {Value: 3}]\n"
	"  G:\n"
	"    Type: AWS::Backup::BackupPlan\n"
	"    Properties:\n"
	"      BackupPlan:\n"
	"        BackupPlanRule: [5, {CopyActions: 5}, {CopyActions: [5]}]\n"
	"        BackupPlanTags: [5]\n"
	"  H:\n"
	"    Type: AWS::Backup::BackupSelection\n"
	"    Properties:\n"
	"      BackupPlanId: !Ref G\n"
	"      BackupSelection:\n"
	"        {Resources: [!Ref H, !Ref Nothing, 5, \"*\"]}\n"
	"  I:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Condition: [x]\n"
	"    Properties:\n"
	"      SourceDBInstanceIdentifier: \"arn:aws:rds::1:db:x\"\n"
	"      MultiAZ: maybe\n"
	"  K:\n"
	"    Type: AWS::KMS::Alias\n"
	"    Properties: {TargetKeyId: !Ref K}\n"
	"  L:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketEncryption:\n"
	"        ServerSideEncryptionConfiguration:\n"
	"          - ServerSideEncryptionByDefault: {KMSMasterKeyID: !Ref K}\n"
	"  M:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketEncryption:\n"
	"        ServerSideEncryptionConfiguration:\n"
	"          - ServerSideEncryptionByDefault:\n"
	"              KMSMasterKeyID: arn:aws:kms:nowhere-9:1:key/x\n";

static void survives_hostile_templates(void **state)
{
	run r;

	(void)state;
	TEXT(&r, HOSTILE, "eu-west-1");
	assert_int_equal(r.rc, SOV_OK);
	assert_int_equal(r.d.errors, 1);
	assert_diag(r.diags, SOV_SEV_ERROR, 69, 31, "M: the key is in "
		"region 'nowhere-9', which provider 'aws' does not have");
	assert_diag(r.diags, SOV_SEV_WARNING, 52, 35, "I: the region of the "
		"source of this replica is not known (its ARN names no "
		"region)");
	assert_int_equal(r.d.ncomps, 7);
	assert_int_equal(r.d.nskipped, 2);
	run_free(&r);
}

/* Conditions that name conditions, far deeper than any template: the
 * value they decide is unknown, the stack is not overrun. */
static void deep_conditions(void **state)
{
	static const char *const want[] = {
		"B object-storage aws eu-west-1 - zone tags=b",
	};
	char *text = malloc(64 * 1024);
	size_t n = 0, i;
	run r;

	(void)state;
	assert_non_null(text);
	n += (size_t)sprintf(text + n, "{\"Conditions\": {");
	for (i = 0; i < 1000; i++)
		n += (size_t)sprintf(text + n, "\"C%zu\": {\"Condition\": "
			"\"C%zu\"}, ", i, i + 1);
	n += (size_t)sprintf(text + n, "\"C1000\": {\"Fn::Equals\": [1, 1]},"
		" \"Cycle\": {\"Fn::Not\": [{\"Condition\": \"Cycle\"}]}}, "
		"\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\", "
		"\"Properties\": {\"Tags\": ["
		"{\"Key\": \"sovereign:tag\", \"Value\": {\"Fn::If\": "
		"[\"C0\", \"deep\", \"a\"]}},"
		"{\"Key\": \"sovereign:tag\", \"Value\": {\"Fn::If\": "
		"[\"C990\", \"b\", \"no\"]}},"
		"{\"Key\": \"sovereign:tag\", \"Value\": {\"Fn::If\": "
		"[\"Cycle\", \"x\", \"y\"]}}]}}}}");
	import_text(&r, "deep.json", text, n, "eu-west-1");
	free(text);
	assert_clean(&r);
	/* C0 is 1000 conditions away from its answer: unknown, so the If
	 * gives nothing; C990 is 10 away and holds. */
	assert_comps(&r.d, want, N(want));
	run_free(&r);
}

/* ------------------------------------------------------------------ */
/* Real templates                                                      */

static void import_real(const char *dir, const char *file,
	const char *region)
{
	char path[1024];
	run r;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	import_path(&r, path, file, region);
	if (r.rc != SOV_OK || r.d.errors) {
		assert_true(sov_diags_errors(r.diags) > 0);
	} else {
		assert_true(r.d.ncomps + r.d.nskipped > 0);
	}
	run_free(&r);
}

static void real_templates(void **state)
{
	const char *dir = SOV_SOURCE_DIR
		"/../shared/real-inputs/cloudformation";
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	(void)state;
	if (!d) {
		print_message("skipped: %s is not there\n", dir);
		skip();
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		import_real(dir, e->d_name, NULL);
		import_real(dir, e->d_name, "eu-west-1");
		n++;
	}
	closedir(d);
	assert_true(n > 0);
}

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(storage_with_region),
		cmocka_unit_test(storage_without_region),
		cmocka_unit_test(database_with_region),
		cmocka_unit_test(database_without_region),
		cmocka_unit_test(ai_with_region),
		cmocka_unit_test(ai_without_region),
		cmocka_unit_test(backup_with_region),
		cmocka_unit_test(backup_without_region),
		cmocka_unit_test(not_a_template),
		cmocka_unit_test(resource_without_type),
		cmocka_unit_test(malformed_yaml),
		cmocka_unit_test(unknown_region),
		cmocka_unit_test(region_of_china),
		cmocka_unit_test(resolves_functions),
		cmocka_unit_test(survives_hostile_templates),
		cmocka_unit_test(deep_conditions),
		cmocka_unit_test(real_templates),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
