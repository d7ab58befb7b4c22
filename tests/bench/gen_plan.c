/*
 * gen_plan.c - a seeded Terraform plan for the import benchmark, shaped
 * as `terraform show -json` prints one (on one line): planned_values with
 * the root module and child modules, resource_changes with before, after
 * and after_unknown, and a configuration with providers and module calls.
 * Resources mix the mapped types of the three providers with types no
 * mapping knows, and a tenth carry the sovereign:data tag.
 * usage: gen_plan SEED N OUT.json
 */
#include <stdio.h>
#include <stdlib.h>

static unsigned long state;

static unsigned pick(unsigned n)
{
	state = state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((state >> 33) % n);
}

static const char *const aws_regions[] = {
	"eu-central-1", "eu-west-1", "eu-west-3", "us-east-1", "ap-south-1",
};
static const char *const azure_regions[] = {
	"westeurope", "northeurope", "germanywestcentral", "eastus",
	"brazilsouth",
};
static const char *const gcp_regions[] = {
	"europe-west1", "europe-west4", "us-central1", "EU", "asia-east1",
};

/* The attributes a real plan also carries for a resource, which the
 * mappings do not read: about 2 KB, as providers print them. */
static void common_attributes(FILE *f, unsigned i)
{
	unsigned k;

	fprintf(f, "\"timeouts\":null,\"lifecycle_rule\":[],\"logging\":[],"
		"\"cors_rule\":[],\"website\":[],\"grant\":[{\"id\":\"\","
		"\"permissions\":[\"FULL_CONTROL\"],\"type\":"
		"\"CanonicalUser\",\"uri\":\"\"}],\"server_side_encryption_"
		"configuration\":[{\"rule\":[{\"apply_server_side_encryption_"
		"by_default\":[{\"kms_master_key_id\":\"\",\"sse_algorithm\":"
		"\"AES256\"}],\"bucket_key_enabled\":false}]}],\"versioning\":"
		"[{\"enabled\":false,\"mfa_delete\":false}],");
	for (k = 0; k < 24; k++)
		fprintf(f, "\"setting_%02u\":{\"name\":\"option-%u-%u\","
			"\"value\":\"%u\",\"sensitive\":false},", k, i % 97, k,
			pick(1000));
}

/* One resource's values: the attributes its mapping reads, and others. */
static void values(FILE *f, unsigned kind, unsigned i)
{
	const char *tag = pick(10) == 0 ? "\"sovereign:data\":\"personal\"," :
			  "";

	fputc('{', f);
	common_attributes(f, i);
	switch (kind) {
	case 0:
		fprintf(f, "\"bucket\":\"b%u\",\"force_destroy\":false,"
			"\"tags\":{%s\"team\":\"t%u\"},\"acl\":null}", i, tag,
			pick(50));
		break;
	case 1:
		fprintf(f, "\"name\":\"sa%u\",\"location\":\"%s\","
			"\"account_tier\":\"Standard\",\"account_replication_"
			"type\":\"%s\",\"tags\":{%s\"env\":\"prod\"}}", i,
			azure_regions[pick(5)], pick(2) ? "GRS" : "ZRS", tag);
		break;
	case 2:
		fprintf(f, "\"name\":\"g%u\",\"location\":\"%s\","
			"\"storage_class\":\"STANDARD\",\"labels\":{%s"
			"\"env\":\"prod\"}}", i, gcp_regions[pick(5)],
			pick(10) == 0 ? "\"sovereign-data\":\"personal\"," : "");
		break;
	default:
		fprintf(f, "\"name\":\"r%u\",\"description\":\"a role with a "
			"long policy document that the importer does not map\","
			"\"policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\"}\"}", i);
	}
}

static const char *const types[] = {
	"aws_s3_bucket", "azurerm_storage_account", "google_storage_bucket",
	"aws_iam_role",
};
static const char *const providers[] = {
	"registry.terraform.io/hashicorp/aws",
	"registry.terraform.io/hashicorp/azurerm",
	"registry.terraform.io/hashicorp/google",
	"registry.terraform.io/hashicorp/aws",
};

/* Each resource draws from its own seeded state, so planned_values and
 * resource_changes describe the same resources. */
static void resource(FILE *f, unsigned long seed, unsigned i, int first,
	int change)
{
	unsigned kind, module = i / 100;

	state = seed * 1000003UL + i;
	kind = pick(4);
	fprintf(f, "%s{\"address\":\"module.m%u.%s.r%u\",", first ? "" : ",",
		module, types[kind], i);
	if (change)
		fprintf(f, "\"module_address\":\"module.m%u\",", module);
	fprintf(f, "\"mode\":\"managed\",\"type\":\"%s\",\"name\":\"r%u\","
		"\"provider_name\":\"%s\",", types[kind], i, providers[kind]);
	if (change) {
		fprintf(f, "\"change\":{\"actions\":[\"create\"],\"before\":"
			"null,\"after\":");
		values(f, kind, i);
		fprintf(f, ",\"after_unknown\":{\"id\":true,\"arn\":true}}}");
	} else {
		fprintf(f, "\"schema_version\":0,\"values\":");
		values(f, kind, i);
		fputc('}', f);
	}
}

/* planned_values: one child module per hundred resources. */
static void planned(FILE *f, unsigned long seed, unsigned n)
{
	unsigned i, m;

	for (m = 0; m * 100 < n; m++) {
		fprintf(f, "%s{\"address\":\"module.m%u\",\"resources\":[",
			m ? "," : "", m);
		for (i = m * 100; i < n && i < (m + 1) * 100; i++)
			resource(f, seed, i, i == m * 100, 0);
		fputs("]}", f);
	}
}

int main(int argc, char **argv)
{
	unsigned long seed;
	unsigned n, i;
	FILE *f;

	if (argc != 4) {
		fprintf(stderr, "usage: gen_plan SEED N OUT.json\n");
		return 2;
	}
	seed = strtoul(argv[1], NULL, 10);
	n = (unsigned)strtoul(argv[2], NULL, 10);
	f = fopen(argv[3], "w");
	if (!f) {
		perror(argv[3]);
		return 1;
	}
	fprintf(f, "{\"format_version\":\"1.2\",\"terraform_version\":"
		"\"1.9.5\",\"variables\":{\"region\":{\"value\":\"%s\"}},"
		"\"planned_values\":{\"root_module\":{\"child_modules\":[",
		aws_regions[seed % 5]);
	planned(f, seed, n);
	fputs("]}},\"resource_changes\":[", f);
	for (i = 0; i < n; i++)
		resource(f, seed, i, i == 0, 1);
	fputs("],\"configuration\":{\"provider_config\":{\"aws\":{\"name\":"
		"\"aws\",\"full_name\":\"registry.terraform.io/hashicorp/aws\","
		"\"expressions\":{\"region\":{\"references\":[\"var.region\"]}}},"
		"\"google\":{\"name\":\"google\",\"expressions\":{\"region\":"
		"{\"constant_value\":\"europe-west1\"}}}},\"root_module\":{}}}\n",
		f);
	return fclose(f) != 0;
}
