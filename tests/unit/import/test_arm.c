/* Unit tests for arm.c: ARM templates (classic and Bicep's languageVersion
 * 2.0) become draft components, with --location given and not given. */
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "load/json_read.h"

#define FIXTURES "tests/import/arm/"
#define REAL_INPUTS SOV_SOURCE_DIR "/../shared/real-inputs/arm"
#define RG_WHY "the resource group's location: give --location"

static sov_catalog *cat;

typedef struct {
	arena *arena;
	sov_diags *diags;
	draft d;
	int rc;
} imported;

/* What one component should be; lists are space-separated, NULL when
 * empty. `unknown` is a part of the reason. */
typedef struct {
	const char *address, *kind, *region, *scope, *unknown;
	int redundancy;
	const char *replicas, *backups, *stores, *processes;
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

/* Parses `text` and reads it as a template named `name`. */
static imported *import_text(const char *name, const char *text,
	size_t len, const char *location)
{
	imported *im = calloc(1, sizeof *im);
	json_value *root = NULL;

	assert_non_null(im);
	assert_int_equal(sov_diags_new(&im->diags), SOV_OK);
	im->arena = arena_new(NULL);
	assert_non_null(im->arena);
	im->rc = json_parse_doc(&root, im->arena, name, text, len,
		JSON_SYNTAX_JSON, im->diags);
	if (im->rc != SOV_OK)
		return im;
	draft_init(&im->d, im->arena, cat, im->diags);
	im->d.file = arena_strdup(im->arena, name);
	im->d.location_default = location;
	im->rc = arm_import(&im->d, root);
	return im;
}

static imported *import_path(const char *path, const char *name,
	const char *location)
{
	size_t len = 0;
	char *text = test_slurp(path, &len);
	imported *im;

	if (!text)
		fail_msg("cannot read %s", path);
	im = import_text(name, text, len, location);
	free(text);
	return im;
}

/* Skips the test when the corpus of real templates is not there. */
static void need_real_inputs(void)
{
	DIR *dir = opendir(REAL_INPUTS);

	if (!dir) {
		print_message("skipped: no %s\n", REAL_INPUTS);
		skip();
	}
	closedir(dir);
}

static imported *import_fixture(const char *file, const char *location)
{
	char path[512], name[256];

	snprintf(path, sizeof path, "%s/%s%s", SOV_SOURCE_DIR, FIXTURES,
		file);
	snprintf(name, sizeof name, "%s%s", FIXTURES, file);
	return import_path(path, name, location);
}

static void done(imported *im)
{
	arena_free(im->arena);
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

static void check_comp(const draft_comp *c, const want *w)
{
	char list[1024];

	test_assert_same(c->address, w->address, "address", w->address);
	test_assert_same(c->kind, w->kind, "kind", w->address);
	test_assert_same(c->provider, "azure", "provider", w->address);
	test_assert_same(c->region, w->region, "region", w->address);
	test_assert_same(c->scope, w->scope, "scope", w->address);
	if (w->unknown && (!c->unknown || !strstr(c->unknown, w->unknown)))
		fail_msg("%s: unknown is '%s', expected '%s'", w->address,
			c->unknown ? c->unknown : "(none)", w->unknown);
	if (!w->unknown && c->unknown)
		fail_msg("%s: unknown '%s'", w->address, c->unknown);
	if (c->redundancy != w->redundancy)
		fail_msg("%s: redundancy %d, expected %d", w->address,
			c->redundancy, w->redundancy);
	join_places(list, sizeof list, c->replicas, c->nreplicas);
	test_assert_same(list, w->replicas, "replicas", w->address);
	join_places(list, sizeof list, c->backups, c->nbackups);
	test_assert_same(list, w->backups, "backups", w->address);
	if (w->backups)
		assert_true(c->backups_listed);
	test_join_words(list, sizeof list, c->stores, c->nstores);
	test_assert_same(list, w->stores, "stores", w->address);
	test_join_words(list, sizeof list, c->processes, c->nprocesses);
	test_assert_same(list, w->processes, "processes", w->address);
}

static void check_comps(const imported *im, const want *w, size_t n)
{
	const draft_comp *c = im->d.comps;
	size_t i;

	for (i = 0; i < n; i++, c = c->next) {
		if (!c)
			fail_msg("%zu components, expected %zu", i, n);
		check_comp(c, &w[i]);
	}
	if (c)
		fail_msg("an extra component %s", c->address);
}

static void check_skipped(const imported *im, const char *const *addr,
	size_t n)
{
	const draft_skip *s = im->d.skipped;
	size_t i;

	for (i = 0; i < n; i++, s = s->next) {
		if (!s)
			fail_msg("%zu skipped, expected %zu", i, n);
		test_assert_same(s->address, addr[i], "skipped", addr[i]);
	}
	if (s)
		fail_msg("an extra skipped resource %s", s->address);
}

static const char *attr_of(const draft_comp *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nattrs; i++)
		if (strcmp(c->attrs[i].name, name) == 0)
			return c->attrs[i].value;
	return NULL;
}

static const draft_comp *comp_at(const imported *im, size_t index)
{
	const draft_comp *c = im->d.comps;

	while (c && index--)
		c = c->next;
	assert_non_null(c);
	return c;
}

/* The diagnostic at line:column holds `text`, with the severity. */
static void diag_at(const imported *im, sov_severity sev, unsigned line,
	unsigned column, const char *text)
{
	size_t i;

	for (i = 0; i < sov_diags_count(im->diags); i++) {
		const sov_diag *g = sov_diags_get(im->diags, i);

		if (g->severity == sev && g->line == line &&
		    g->column == column && strstr(g->message, text))
			return;
	}
	dump(im);
	fail_msg("no diagnostic at %u:%u holds \"%s\"", line, column, text);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define NONE DRAFT_RED_NONE
#define ZONE DRAFT_RED_ZONE
#define GEO DRAFT_RED_GEO
#define UNSET DRAFT_UNSET

/* ------------------------------------------------------------------ */
/* Storage accounts                                                    */

#define SA "Microsoft.Storage/storageAccounts/"

static const char *const storage_skipped[] = {
	"Microsoft.Storage/storageAccounts/blobServices/containers/"
	"[variables('hotName')]/default/scans",
};

static void storage_with_location(void **state)
{
	static const want w[] = {
		{ SA "[variables('hotName')]", "object-storage",
		  "westeurope", NULL, NULL, NONE, NULL, NULL, "personal",
		  NULL },
		{ SA "[format('{0}zone', parameters('namePrefix'))]",
		  "object-storage", "westeurope", NULL, NULL, ZONE, NULL, NULL,
		  "personal", NULL },
		{ SA "claimsgeo", "object-storage", "northeurope", NULL, NULL,
		  GEO, NULL, NULL, NULL, NULL },
		{ SA "[variables('archiveName')]", "object-storage",
		  "westeurope", NULL, NULL, GEO, NULL, NULL, "personal",
		  NULL },
	};
	imported *im = clean(import_fixture("storage.json", "West Europe"));
	const draft_comp *archive = comp_at(im, 3);

	(void)state;
	check_comps(im, w, N(w));
	check_skipped(im, storage_skipped, N(storage_skipped));
	assert_int_equal(comp_at(im, 0)->src.line, 48);
	assert_int_equal(comp_at(im, 0)->src.column, 5);
	assert_string_equal(comp_at(im, 0)->src.file,
		FIXTURES "storage.json");
	/* The sku comes from the parameter's default. */
	assert_string_equal(attr_of(archive, "sku"), "Standard_RAGZRS");
	assert_string_equal(archive->id, "claims-archive");
	assert_int_equal(sov_diags_count(im->diags), 0);
	done(im);
}

static void storage_without_location(void **state)
{
	static const want w[] = {
		{ SA "[variables('hotName')]", "object-storage",
		  "westeurope", NULL, NULL, NONE, NULL, NULL, "personal",
		  NULL },
		{ SA "[format('{0}zone', parameters('namePrefix'))]",
		  "object-storage", NULL, NULL, RG_WHY, ZONE, NULL, NULL,
		  "personal", NULL },
		{ SA "claimsgeo", "object-storage", "northeurope", NULL, NULL,
		  GEO, NULL, NULL, NULL, NULL },
		{ SA "[variables('archiveName')]", "object-storage", NULL,
		  NULL, RG_WHY, GEO, NULL, NULL, "personal", NULL },
	};
	imported *im = clean(import_fixture("storage.json", NULL));

	(void)state;
	check_comps(im, w, N(w));
	check_skipped(im, storage_skipped, N(storage_skipped));
	done(im);
}

/* ------------------------------------------------------------------ */
/* Cosmos DB (languageVersion 2.0, symbolic names)                     */

static void cosmos_three_locations(void **state)
{
	static const want w[] = {
		{ "account", "database", "westeurope", NULL, NULL, ZONE,
		  "northeurope francecentral", NULL, "personal payment",
		  NULL },
		{ "auditAccount", "database", "westeurope", NULL, NULL, UNSET,
		  NULL, NULL, "personal", NULL },
	};
	static const char *const skipped[] = { "database" };
	const char *loc[] = { NULL, "northeurope" };
	size_t i;

	(void)state;
	/* No resource follows the resource group: the same either way. */
	for (i = 0; i < N(loc); i++) {
		imported *im = clean(import_fixture("cosmos.json", loc[i]));

		check_comps(im, w, N(w));
		check_skipped(im, skipped, N(skipped));
		assert_string_equal(comp_at(im, 0)->replicas[0].why,
			"Cosmos DB location, failover priority 1");
		/* The second audit location has no default: warned, and
		 * the replicas stay unknown. */
		diag_at(im, SOV_SEV_WARNING, 105, 29, "parameter "
			"'auditRegion' has no default value");
		done(im);
	}
}

/* ------------------------------------------------------------------ */
/* Azure OpenAI accounts and deployments                               */

static void openai_deployments(void **state)
{
	static const want w[] = {
		{ "euAccount", "ai-inference", "swedencentral", NULL, NULL,
		  UNSET, NULL, NULL, NULL, "prompts personal" },
		{ "euChatGlobal", "ai-inference", "swedencentral", "global",
		  NULL, UNSET, NULL, NULL, NULL, "prompts personal" },
		{ "euChatZone", "ai-inference", "swedencentral",
		  "datazone-eu", NULL, UNSET, NULL, NULL, NULL,
		  "prompts personal" },
		{ "euEmbeddings", "ai-inference", "swedencentral", NULL, NULL,
		  UNSET, NULL, NULL, NULL, "personal" },
		{ "usAccount", "ai-inference", "eastus2", NULL, NULL, UNSET,
		  NULL, NULL, NULL, "prompts" },
		{ "usBatch", "ai-inference", "eastus2", "datazone-us", NULL,
		  UNSET, NULL, NULL, NULL, "prompts" },
	};
	const char *loc[] = { NULL, "westeurope" };
	size_t i;

	(void)state;
	for (i = 0; i < N(loc); i++) {
		imported *im = clean(import_fixture("openai.json", loc[i]));

		check_comps(im, w, N(w));
		check_skipped(im, NULL, 0);
		/* The account's id is its own, not its deployments'. */
		assert_string_equal(comp_at(im, 0)->id, "support-eu");
		assert_null(comp_at(im, 1)->id);
		assert_string_equal(attr_of(comp_at(im, 0), "account-kind"),
			"OpenAI");
		assert_string_equal(attr_of(comp_at(im, 1), "sku"),
			"GlobalStandard");
		assert_string_equal(attr_of(comp_at(im, 1), "model"),
			"gpt-4o");
		assert_string_equal(attr_of(comp_at(im, 5), "sku"),
			"DataZoneBatch");
		done(im);
	}
}

/* The real quick start: a global deployment of an account that follows
 * the resource group. */
static void openai_account_follows_group(void **state)
{
	const char *acct = "Microsoft.CognitiveServices/accounts/"
		"[parameters('foundryName')]";
	imported *im;
	const draft_comp *dep;

	(void)state;
	need_real_inputs();
	im = clean(import_path(REAL_INPUTS "/arm-quickstart-foundry-openai-"
		"globalstandard.json", "foundry.json", NULL));
	dep = comp_at(im, 1);
	assert_string_equal(comp_at(im, 0)->address, acct);
	assert_null(dep->region);
	assert_string_equal(dep->unknown, RG_WHY);
	assert_string_equal(dep->scope, "global");
	done(im);
	im = clean(import_path(REAL_INPUTS "/arm-quickstart-foundry-openai-"
		"globalstandard.json", "foundry.json", "swedencentral"));
	assert_string_equal(comp_at(im, 1)->region, "swedencentral");
	assert_string_equal(comp_at(im, 1)->scope, "global");
	done(im);
}

/* ------------------------------------------------------------------ */
/* Azure SQL: servers, databases, failover groups                      */

#define SQL "Microsoft.Sql/servers/"
#define PRIMARY "[parameters('primaryServerName')]"
#define SECONDARY "[parameters('secondaryServerName')]"

static const char *const sql_skipped[] = {
	SQL "firewallRules/" PRIMARY "/AllowAzureServices",
};

static void sql_failover_with_location(void **state)
{
	static const want w[] = {
		{ SQL PRIMARY, "database", "westeurope", NULL, NULL, UNSET,
		  "switzerlandnorth", NULL, "personal payment", NULL },
		{ SQL "databases/" PRIMARY "/[variables('databaseName')]",
		  "database", "westeurope", NULL, NULL, NONE,
		  "switzerlandnorth", "westeurope northeurope",
		  "personal payment", NULL },
		{ SQL SECONDARY, "database", "switzerlandnorth", NULL, NULL,
		  UNSET, NULL, NULL, "personal payment", NULL },
		{ SQL "databases/[concat(parameters('secondaryServerName'), "
		  "'/reporting')]", "database", "switzerlandnorth", NULL,
		  NULL, UNSET, NULL, "switzerlandnorth", NULL, NULL },
	};
	imported *im = clean(import_fixture("sql-failover.json",
		"westeurope"));

	(void)state;
	check_comps(im, w, N(w));
	check_skipped(im, sql_skipped, N(sql_skipped));
	assert_string_equal(comp_at(im, 1)->replicas[0].why,
		"failover group billing-sql-we-fog: partner server "
		"billing-sql-ch");
	assert_string_equal(comp_at(im, 1)->backups[1].why,
		"geo-redundant backup: paired region northeurope");
	done(im);
}

static void sql_failover_without_location(void **state)
{
	static const want w[] = {
		{ SQL PRIMARY, "database", NULL, NULL, RG_WHY, UNSET,
		  "switzerlandnorth", NULL, "personal payment", NULL },
		{ SQL "databases/" PRIMARY "/[variables('databaseName')]",
		  "database", NULL, NULL, RG_WHY, NONE, "switzerlandnorth",
		  NULL, "personal payment", NULL },
		{ SQL SECONDARY, "database", "switzerlandnorth", NULL, NULL,
		  UNSET, NULL, NULL, "personal payment", NULL },
		{ SQL "databases/[concat(parameters('secondaryServerName'), "
		  "'/reporting')]", "database", "switzerlandnorth", NULL,
		  NULL, UNSET, NULL, "switzerlandnorth", NULL, NULL },
	};
	imported *im = clean(import_fixture("sql-failover.json", NULL));

	(void)state;
	check_comps(im, w, N(w));
	/* Backups follow the region: not known, so not listed. */
	assert_false(comp_at(im, 1)->backups_listed);
	done(im);
}

/* The quick start's partner server has no default location: the
 * replicas of the primary and of its database stay unknown. */
static void sql_partner_without_location(void **state)
{
	imported *im;
	const draft_comp *c;

	(void)state;
	need_real_inputs();
	im = clean(import_path(REAL_INPUTS "/arm-quickstart-sql-"
		"failover-group.json", "sql.json", "westeurope"));
	for (c = im->d.comps; c; c = c->next) {
		assert_int_equal(c->nreplicas, 0);
		assert_int_equal(c->redundancy, UNSET);
	}
	assert_string_equal(comp_at(im, 0)->region, "westeurope");
	assert_string_equal(comp_at(im, 1)->region, "westeurope");
	assert_string_equal(comp_at(im, 2)->unknown, "parameter "
		"'sqlServerSecondaryRegion' has no default value");
	diag_at(im, SOV_SEV_WARNING, 87, 23, "the place of a replica is not "
		"known (parameter 'sqlServerSecondaryRegion' has no default "
		"value)");
	done(im);
}

/* ------------------------------------------------------------------ */
/* PostgreSQL and MySQL flexible servers                               */

#define PG "Microsoft.DBforPostgreSQL/flexibleServers/"

static void flexible_servers(void **state)
{
	static const want w[] = {
		{ PG "[parameters('serverName')]", "database",
		  "germanywestcentral", NULL, NULL, ZONE, NULL,
		  "germanywestcentral germanynorth",
		  "personal health-record", NULL },
		{ "Microsoft.DBforMySQL/flexibleServers/scheduling-mysql",
		  "database", "francecentral", NULL, NULL, NONE, NULL,
		  "francecentral", "personal", NULL },
		{ PG "analytics-pg", "database", "westeurope", NULL, NULL,
		  UNSET, NULL, NULL, NULL, NULL },
	};
	static const char *const skipped[] = {
		PG "databases/[parameters('serverName')]/records",
	};
	imported *im = clean(import_fixture("postgres.json", "westeurope"));

	(void)state;
	check_comps(im, w, N(w));
	check_skipped(im, skipped, N(skipped));
	/* Not stated: the backups stay unknown. */
	assert_false(comp_at(im, 2)->backups_listed);
	done(im);
	im = clean(import_fixture("postgres.json", NULL));
	assert_null(comp_at(im, 2)->region);
	assert_string_equal(comp_at(im, 2)->unknown, RG_WHY);
	assert_string_equal(comp_at(im, 0)->region, "germanywestcentral");
	done(im);
}

/* ------------------------------------------------------------------ */
/* Key Vault                                                           */

static void key_vaults(void **state)
{
	static const want w[] = {
		{ "Microsoft.KeyVault/vaults/[parameters('vaultName')]",
		  "key-management", "francecentral", NULL, NULL, GEO, NULL,
		  NULL, NULL, NULL },
		{ "Microsoft.KeyVault/vaults/kv-milan-ops", "key-management",
		  "italynorth", NULL, NULL, NONE, NULL, NULL, NULL, NULL },
		{ "Microsoft.KeyVault/managedHSMs/hsm-payments",
		  "key-management", "germanywestcentral", NULL, NULL, UNSET,
		  NULL, NULL, NULL, NULL },
	};
	static const char *const skipped[] = {
		"Microsoft.KeyVault/vaults/keys/[parameters('vaultName')]/"
		"storage-cmk",
	};
	imported *im = clean(import_fixture("keyvault.json",
		"France Central"));
	const draft_comp *vault = comp_at(im, 0);

	(void)state;
	check_comps(im, w, N(w));
	check_skipped(im, skipped, N(skipped));
	assert_int_equal(vault->custody, DRAFT_KEYS_PROVIDER);
	assert_int_equal(vault->nkey_locations, 1);
	assert_string_equal(vault->key_locations[0], "FR");
	assert_string_equal(comp_at(im, 1)->key_locations[0], "IT");
	assert_string_equal(comp_at(im, 2)->key_locations[0], "DE");
	assert_int_equal(vault->ntags, 1);
	assert_string_equal(vault->tags[0], "cmk");
	done(im);
	im = clean(import_fixture("keyvault.json", NULL));
	vault = comp_at(im, 0);
	assert_null(vault->region);
	assert_int_equal(vault->custody, UNSET);
	assert_int_equal(vault->redundancy, UNSET);
	done(im);
}

/* ------------------------------------------------------------------ */
/* Compute, logging, and a kind given by tag                           */

static void compute_and_logging(void **state)
{
	static const want w[] = {
		{ "Microsoft.Web/sites/[parameters('appName')]", "compute",
		  "francecentral", NULL, NULL, UNSET, NULL, NULL, NULL,
		  "personal" },
		{ "Microsoft.Compute/virtualMachines/batch-worker", "compute",
		  "germanywestcentral", NULL, NULL, UNSET, NULL, NULL, NULL,
		  "personal" },
		{ "Microsoft.ContainerService/managedClusters/claims-aks",
		  "compute", "francecentral", NULL, NULL, UNSET, NULL, NULL,
		  NULL, NULL },
		{ "Microsoft.App/containerApps/claims-api", "compute",
		  "francecentral", NULL, NULL, UNSET, NULL, NULL, NULL,
		  NULL },
		{ "Microsoft.OperationalInsights/workspaces/claims-logs",
		  "logging", "francecentral", NULL, NULL, UNSET, NULL, NULL,
		  "personal", NULL },
		{ "Microsoft.Insights/components/claims-insights", "logging",
		  "francecentral", NULL, NULL, UNSET, NULL, NULL, NULL, NULL },
		{ "Microsoft.Search/searchServices/claims-search", "database",
		  "francecentral", NULL, NULL, UNSET, NULL, NULL, "personal",
		  NULL },
	};
	static const char *const skipped[] = {
		"Microsoft.Web/serverfarms/[variables('planName')]",
		"Microsoft.Network/frontDoors/claims-edge",
	};
	const char *loc[] = { NULL, "westeurope" };
	size_t i;

	(void)state;
	/* Nothing follows the resource group: the same either way. */
	for (i = 0; i < N(loc); i++) {
		imported *im = clean(import_fixture("compute.json", loc[i]));

		check_comps(im, w, N(w));
		check_skipped(im, skipped, N(skipped));
		done(im);
	}
}

/* ------------------------------------------------------------------ */
/* Copy loops, conditions and expressions                             */

static void loops_and_conditions(void **state)
{
	static const want w[] = {
		{ SA "[format('edge{0}', copyIndex(1))][0]", "object-storage",
		  "westeurope", NULL, NULL, ZONE, NULL, NULL, "personal",
		  NULL },
		{ SA "[format('edge{0}', copyIndex(1))][1]", "object-storage",
		  "germanywestcentral", NULL, NULL, ZONE, NULL, NULL,
		  "personal", NULL },
		{ SA "[format('edge{0}', copyIndex(1))][2]", "object-storage",
		  "swedencentral", NULL, NULL, ZONE, NULL, NULL, "personal",
		  NULL },
		{ SA "[concat('tenant', copyIndex())]", "object-storage",
		  NULL, NULL, "parameter 'tenantRegions' has no default",
		  NONE, NULL, NULL, NULL, NULL },
		{ SA "[concat('diag', parameters('suffix'))]",
		  "object-storage", NULL, NULL, "refer to each other too "
		  "deeply", NONE, NULL, NULL, NULL, NULL },
		{ SA "computed", "object-storage", NULL, NULL,
		  "replace() is not evaluated on import", NONE, NULL, NULL,
		  NULL, NULL },
		{ "Microsoft.Web/sites/tenant-api", "compute", NULL, NULL,
		  "'[data.azurerm_resource_group.main.location]' is not an "
		  "ARM template expression", UNSET, NULL, NULL, NULL, NULL },
	};
	static const char *const skipped[] = { SA "archive" };
	const char *loc[] = { NULL, "westeurope" };
	size_t i;

	(void)state;
	for (i = 0; i < N(loc); i++) {
		imported *im = clean(import_fixture("loops.json", loc[i]));

		check_comps(im, w, N(w));
		check_skipped(im, skipped, N(skipped));
		assert_string_equal(attr_of(comp_at(im, 3), "copy-count"),
			"[length(parameters('tenantRegions'))]");
		assert_null(attr_of(comp_at(im, 0), "copy-count"));
		diag_at(im, SOV_SEV_WARNING, 62, 18, "the count of copy loop "
			"tenantLoop is not known");
		/* toUpper('standard_lrs') */
		assert_string_equal(attr_of(comp_at(im, 5), "sku"),
			"STANDARD_LRS");
		done(im);
	}
}

/* A template around one storage account at `location`, with the given
 * parameters and variables; returns the component's region or reason. */
static const char *place_of(const char *params, const char *vars,
	const char *location, char *out, size_t len)
{
	size_t size = strlen(params) + strlen(vars) + strlen(location) + 512;
	char *text = malloc(size);
	imported *im;

	assert_non_null(text);
	snprintf(text, size, "{\"$schema\": \"https://schema."
		"management.azure.com/schemas/2019-04-01/deploymentTemplate"
		".json#\",\n\"parameters\": {%s},\n\"variables\": {%s},\n"
		"\"resources\": [{\"type\": \"Microsoft.Storage/"
		"storageAccounts\", \"name\": \"s\",\n\"location\": %s}]}",
		params, vars, location);
	im = import_text("t.json", text, strlen(text), NULL);
	free(text);
	if (im->rc != SOV_OK || !im->d.comps)
		dump(im);
	assert_int_equal(im->rc, SOV_OK);
	assert_non_null(im->d.comps);
	snprintf(out, len, "%s", im->d.comps->region ? im->d.comps->region :
		im->d.comps->unknown ? im->d.comps->unknown :
		sov_diags_count(im->diags) ?
		sov_diags_get(im->diags, 0)->message : "(none)");
	done(im);
	return out;
}

static void expressions(void **state)
{
	static const struct {
		const char *params, *vars, *location, *want;
	} cases[] = {
		{ "", "", "\"North Europe\"", "northeurope" },
		{ "", "", "\"[concat('west', 'europe')]\"", "westeurope" },
		{ "", "", "\"[toLower('WestEurope')]\"", "westeurope" },
		{ "", "", "\"[ format( '{0}{1}', 'west', 'europe' ) ]\"",
		  "westeurope" },
		{ "", "", "\"[format('{0}{{x}}', 'a')]\"",
		  "unknown location 'a{x}'" },
		{ "", "", "\"[format('{0:N0}', 1)]\"",
		  "format() with this format string is not evaluated" },
		{ "\"p\": {\"type\": \"string\"}", "",
		  "\"[parameters('P')]\"", "parameter 'P' has no default" },
		{ "", "", "\"[parameters('nope')]\"",
		  "the template declares no parameter 'nope'" },
		{ "", "\"a\": \"[variables('b')]\", \"b\": \"westeurope\"",
		  "\"[variables('a')]\"", "westeurope" },
		{ "", "\"v\": {\"eu\": [\"x\", \"swedencentral\"]}",
		  "\"[variables('v').eu[1]]\"", "swedencentral" },
		{ "", "\"v\": {\"eu\": \"x\"}", "\"[variables('v')['EU']]\"",
		  "unknown location 'x'" },
		{ "", "\"v\": {\"eu\": \"x\"}", "\"[variables('v')['us']]\"",
		  "the index is not in the value" },
		{ "", "\"v\": {\"eu\": \"x\"}", "\"[variables('v').us]\"",
		  "the object has no property 'us'" },
		{ "", "\"v\": [\"a\"]", "\"[variables('v')[1]]\"",
		  "the index is not in the value" },
		{ "", "", "\"[resourceGroup().name]\"",
		  "the resource group's name is known only at deployment" },
		{ "", "", "\"[uniqueString('a')]\"",
		  "uniqueString() is not evaluated on import" },
		{ "", "", "\"[copyIndex()]\"", "copyIndex() outside" },
		{ "", "", "\"[concat('a', ]\"", "is not an ARM template" },
		{ "", "", "\"[data.x.location]\"", "is not an ARM template" },
		{ "", "", "\"['unterminated]\"", "is not an ARM template" },
		{ "", "", "\"[]\"", "is not an ARM template" },
		{ "", "", "\"[[westeurope]\"",
		  "unknown location '[westeurope]'" },
		{ "", "", "\"[deployment().location]\"",
		  "deployment() is not evaluated on import" },
		{ "", "", "\"global\"", "location 'global' names no region" },
	};
	char out[512];
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		place_of(cases[i].params, cases[i].vars, cases[i].location,
			out, sizeof out);
		if (!strstr(out, cases[i].want))
			fail_msg("%s gives '%s', expected '%s'",
				cases[i].location, out, cases[i].want);
	}
}

/* Self-reference, exponential variables and deep nesting end quickly,
 * unknown. */
static void hostile_expressions(void **state)
{
	char vars[2048] = "", loc[2048] = "\"[", out[512];
	int i;

	(void)state;
	for (i = 0; i < 30; i++)
		snprintf(vars + strlen(vars), sizeof vars - strlen(vars),
			"%s\"v%d\": \"[concat(variables('v%d'), "
			"variables('v%d'))]\"", i ? ", " : "", i + 1, i, i);
	strcat(vars, ", \"v0\": \"westeurope\"");
	place_of("", vars, "\"[variables('v30')]\"", out, sizeof out);
	assert_non_null(strstr(out, "too"));
	for (i = 0; i < 100; i++)
		strcat(loc, "concat(");
	strcat(loc, "'x'");
	for (i = 0; i < 100; i++)
		strcat(loc, ")");
	strcat(loc, "]\"");
	place_of("", "", loc, out, sizeof out);
	if (!strstr(out, "is not an ARM template expression"))
		fail_msg("%s", out);
	place_of("", "\"a\": \"[variables('a')]\"", "\"[variables('a')]\"",
		out, sizeof out);
	assert_non_null(strstr(out, "too deeply"));
}

/* A long variable used many times, a long chain of properties: bounded
 * in steps and text, so they end at once, unknown. */
static void hostile_sizes(void **state)
{
	size_t big = 60000, i, n;
	char *vars = malloc(big + 1024), *loc = malloc(big * 3 + 64);
	char out[512];

	(void)state;
	assert_non_null(vars);
	assert_non_null(loc);
	strcpy(vars, "\"big\": \"[concat('");
	n = strlen(vars);
	memset(vars + n, 'a', big);
	strcpy(vars + n + big, "')]\", \"many\": \"[concat(");
	for (i = 0; i < 16; i++)
		strcat(vars, i ? ", variables('big')" : "variables('big')");
	strcat(vars, ")]\"");
	place_of("", vars, "\"[variables('many')]\"", out, sizeof out);
	assert_non_null(strstr(out, "too"));
	strcpy(loc, "\"[reference('x')");
	n = strlen(loc);
	for (i = 0; i < big; i++)
		memcpy(loc + n + i * 2, ".a", 2);
	strcpy(loc + n + big * 2, "]\"");
	place_of("", "", loc, out, sizeof out);
	assert_non_null(strstr(out, "reference() is not evaluated") ||
		strstr(out, "too many steps") ? out : NULL);
	free(vars);
	free(loc);
}

/* Copies count towards ARM's limit of 800 resources. */
static void too_many_resources(void **state)
{
	const char *text = "{\"$schema\": \"deploymentTemplate.json#\",\n"
		"\"resources\": [{\"type\": \"Microsoft.Web/sites\", "
		"\"name\": \"[concat('w', copyIndex())]\", \"location\": "
		"\"westeurope\", \"copy\": {\"name\": \"l\", \"count\": 500}"
		"}, {\"type\": \"Microsoft.Web/sites\", \"name\": \"v\", "
		"\"location\": \"westeurope\",\n\"copy\": {\"name\": \"m\", "
		"\"count\": 400}}]}";
	imported *im = import_text("x.json", text, strlen(text), NULL);

	(void)state;
	assert_int_equal(im->rc, SOV_OK);
	assert_int_equal(im->d.errors, 1);
	assert_int_equal(im->d.ncomps, 800);
	diag_at(im, SOV_SEV_ERROR, 2, 149, "the template makes more than "
		"800 resources");
	done(im);
}

/* ------------------------------------------------------------------ */
/* Errors                                                              */

static void error_geo_without_pair(void **state)
{
	imported *im = import_fixture("error-grs-unpaired.json", NULL);

	(void)state;
	assert_int_equal(im->rc, SOV_OK);
	assert_int_equal(im->d.errors, 1);
	diag_at(im, SOV_SEV_ERROR, 21, 17, SA "warsawdocs: geo-redundant "
		"storage in region 'polandcentral', which has no paired "
		"region");
	assert_string_equal(sov_diags_get(im->diags, 0)->file,
		FIXTURES "error-grs-unpaired.json");
	done(im);
}

static void error_not_template(void **state)
{
	static const char *const texts[] = {
		"[1, 2]",
		"{\"resources\": []}",
		"{\"$schema\": \"https://json-schema.org/draft-07/schema#\"}",
	};
	imported *im = import_fixture("error-not-template.json", NULL);
	size_t i;

	(void)state;
	assert_int_equal(im->d.errors, 1);
	diag_at(im, SOV_SEV_ERROR, 2, 14, "a parameters file, not a "
		"template");
	assert_null(im->d.comps);
	done(im);
	for (i = 0; i < N(texts); i++) {
		im = import_text("x.json", texts[i], strlen(texts[i]), NULL);
		assert_int_equal(im->rc, SOV_OK);
		assert_int_equal(im->d.errors, 1);
		diag_at(im, SOV_SEV_ERROR, 1, i == 2 ? 13 : 1,
			"not an ARM deployment template");
		done(im);
	}
}

static void error_unknown_location(void **state)
{
	imported *im = import_fixture("error-unknown-location.json",
		"westeurope");

	(void)state;
	assert_int_equal(im->d.errors, 2);
	/* At the parameter's default, where the name is written. */
	diag_at(im, SOV_SEV_ERROR, 7, 23, "Microsoft.KeyVault/vaults/"
		"kv-orders: unknown location 'West Europa' of provider "
		"'azure' (did you mean 'westeurope'?)");
	diag_at(im, SOV_SEV_ERROR, 28, 19, "unknown location 'europe-west1' "
		"of provider 'azure' (it is a region of provider 'gcp')");
	done(im);
}

static void error_data_zone(void **state)
{
	imported *im = import_fixture("error-datazone.json", NULL);

	(void)state;
	assert_int_equal(im->d.errors, 1);
	diag_at(im, SOV_SEV_ERROR, 29, 17, "chat: a data zone deployment, "
		"but the catalog puts region 'brazilsouth' in no data zone");
	done(im);
}

static void error_bad_resources(void **state)
{
	static const struct {
		const char *resources, *text;
		unsigned line, column;
	} cases[] = {
		{ "\"x\"", "\"resources\" is neither an array nor an object",
		  2, 14 },
		{ "[1]", "a resource without a type and a name", 2, 15 },
		{ "{\"a\": {\"name\": \"n\"}}", "a: a resource without a "
		  "type", 2, 20 },
		{ "[{\"type\": \"Microsoft.Web/sites\", \"name\": \"w\", "
		  "\"copy\": {\"name\": \"l\", \"count\": 5000}}]",
		  "copy count 5000 is out of range", 2, 91 },
		{ "[{\"type\": \"Microsoft.Storage/storageAccounts\", "
		  "\"name\": \"s\", \"location\": 3}]",
		  "the location is not a string", 2, 86 },
	};
	char text[1024];
	size_t i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		imported *im;

		snprintf(text, sizeof text, "{\"$schema\": \"deployment"
			"Template.json#\",\n\"resources\": %s}",
			cases[i].resources);
		im = import_text("x.json", text, strlen(text), NULL);
		assert_int_equal(im->rc, SOV_OK);
		assert_int_equal(im->d.errors, 1);
		diag_at(im, SOV_SEV_ERROR, cases[i].line, cases[i].column,
			cases[i].text);
		done(im);
	}
}

/* ------------------------------------------------------------------ */
/* Real templates, and running out of memory                           */

static int is_json(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* Every file of the corpus imports: SOV_OK, with no error or with an
 * error diagnostic; never a crash. */
static void real_inputs(void **state)
{
	const char *loc[] = { NULL, "westeurope" };
	DIR *dir;
	struct dirent *e;
	size_t files = 0, i;

	(void)state;
	need_real_inputs();
	dir = opendir(REAL_INPUTS);
	assert_non_null(dir);
	while ((e = readdir(dir))) {
		char path[1024];

		if (!is_json(e->d_name))
			continue;
		snprintf(path, sizeof path, "%s/%s", REAL_INPUTS, e->d_name);
		for (i = 0; i < N(loc); i++) {
			imported *im = import_path(path, e->d_name, loc[i]);

			assert_int_equal(im->rc, SOV_OK);
			assert_int_equal((size_t)im->d.errors,
				sov_diags_errors(im->diags));
			assert_true(im->d.ncomps + im->d.nskipped > 0);
			done(im);
		}
		files++;
	}
	closedir(dir);
	assert_true(files >= 8);
}

/* Imports `root` with the Nth allocation failing, N = 1, 2, ... until
 * it succeeds: SOV_ENOMEM or SOV_OK each time, nothing leaks. */
static void fail_each_allocation(const json_value *root)
{
	int rc = SOV_ENOMEM;
	long n;

	for (n = 1; rc == SOV_ENOMEM && n < 100000; n++) {
		failing f = { 0, n, 0 };
		sov_allocator al = { f_malloc, f_realloc, f_free, &f };
		arena *a = arena_new(&al);
		draft d;

		if (!a)
			continue;
		draft_init(&d, a, cat, NULL);
		d.location_default = "westeurope";
		rc = arm_import(&d, root);
		assert_true(rc == SOV_OK || rc == SOV_ENOMEM);
		arena_free(a);
		assert_int_equal(f.live, 0);
	}
	assert_int_equal(rc, SOV_OK);
}

static void out_of_memory(void **state)
{
	static const char *const files[] = {
		"sql-failover.json", "openai.json", "loops.json",
		"cosmos.json", "storage.json",
	};
	char path[512];
	size_t k;

	(void)state;
	for (k = 0; k < N(files); k++) {
		size_t len = 0;
		char *text;
		arena *pa = arena_new(NULL);
		json_value *root = NULL;

		snprintf(path, sizeof path, "%s/%s%s", SOV_SOURCE_DIR,
			FIXTURES, files[k]);
		text = test_slurp(path, &len);
		assert_non_null(text);
		assert_int_equal(json_parse_doc(&root, pa, files[k], text, len,
			JSON_SYNTAX_JSON, NULL), SOV_OK);
		fail_each_allocation(root);
		arena_free(pa);
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(storage_with_location),
		cmocka_unit_test(storage_without_location),
		cmocka_unit_test(cosmos_three_locations),
		cmocka_unit_test(openai_deployments),
		cmocka_unit_test(openai_account_follows_group),
		cmocka_unit_test(sql_failover_with_location),
		cmocka_unit_test(sql_failover_without_location),
		cmocka_unit_test(sql_partner_without_location),
		cmocka_unit_test(flexible_servers),
		cmocka_unit_test(key_vaults),
		cmocka_unit_test(compute_and_logging),
		cmocka_unit_test(loops_and_conditions),
		cmocka_unit_test(expressions),
		cmocka_unit_test(hostile_expressions),
		cmocka_unit_test(hostile_sizes),
		cmocka_unit_test(too_many_resources),
		cmocka_unit_test(error_geo_without_pair),
		cmocka_unit_test(error_not_template),
		cmocka_unit_test(error_unknown_location),
		cmocka_unit_test(error_data_zone),
		cmocka_unit_test(error_bad_resources),
		cmocka_unit_test(real_inputs),
		cmocka_unit_test(out_of_memory),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
